// /auth/* and /tokens: logging in and out, the caller's own password, API tokens.
#include "api/api.h"
#include "api/error.h"
#include "common/crypto.h"
#include "common/strings.h"
#include "common/time_format.h"

namespace torpedo::api {
namespace {

std::string session_cookie(const Services& s, const std::string& value, bool clear) {
  std::string c = std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict";
  if (s.config.public_url.rfind("https://", 0) == 0) c += "; Secure";
  if (clear) c += "; Max-Age=0";
  return c;
}

json token_json(const storage::ApiTokenRecord& t) {
  auto opt_time = [](const std::optional<EpochMs>& v) { return v ? json(format_iso8601(*v)) : json(nullptr); };
  return json{{"id", t.id},
              {"name", t.name},
              {"prefix", t.prefix},
              {"userId", t.user_id},
              {"createdAt", format_iso8601(t.created_at)},
              {"lastUsedAt", opt_time(t.last_used_at)},
              {"expiresAt", opt_time(t.expires_at)},
              {"revokedAt", opt_time(t.revoked_at)}};
}

}  // namespace

void register_auth_routes(Routes& routes) {
  routes.add("POST", "/api/v1/auth/login", Access::anyone, [](Ctx& ctx) {
    json body = ctx.body();
    Fields f(body);
    auto email_raw = f.string("email", true, 1024);
    auto password = f.string("password", true, 4096);
    f.reject_unknown();
    const std::string email = canonical_email(*email_raw);
    auto ua = ctx.req.header("user-agent");
    auto result = ctx.services.auth.login(email, *password, ctx.address, ua ? std::string(*ua) : "");
    if (!std::holds_alternative<auth::LoginRefused>(result) ||
        std::get<auth::LoginRefused>(result).why == auth::LoginRefused::Why::bad_credentials)
      notify_audit(ctx.services);  // login and failed login are both audited
    if (auto* refused = std::get_if<auth::LoginRefused>(&result)) {
      if (refused->why == auth::LoginRefused::Why::rate_limited) {
        auto r = http::Response::json(
            429, error_body("rate_limited", "Muitas tentativas de login. Aguarde " +
                                                std::to_string(refused->retry_after_seconds) +
                                                " segundos e tente de novo."));
        r.set_header("Retry-After", std::to_string(refused->retry_after_seconds));
        return r;
      }
      throw unauthorized("E-mail ou senha incorretos.");
    }
    auto& ok = std::get<auth::LoginOk>(result);
    auto r = http::Response::json(200, json{{"csrfToken", ok.csrf_token}, {"user", user_json(ok.user)}}.dump());
    r.set_header("Set-Cookie", session_cookie(ctx.services, ok.session_token, false));
    return r;
  });

  routes.add("POST", "/api/v1/auth/logout", Access::user, [](Ctx& ctx) {
    auto r = http::Response::no_content();
    if (ctx.who().via == auth::Principal::Via::session) {
      ctx.services.auth.logout(*ctx.req.cookie(kSessionCookie));
      ctx.services.db.transaction([&](storage::Connection& c) {
        ctx.audit(c, "auth.logout", "session", std::to_string(ctx.who().credential_id));
      });
      r.set_header("Set-Cookie", session_cookie(ctx.services, "", true));
      notify_audit(ctx.services);
    }
    return r;
  });

  routes.add("GET", "/api/v1/auth/me", Access::user, [](Ctx& ctx) {
    const auto& p = ctx.who();
    json body = {{"csrfToken", p.via == auth::Principal::Via::session ? json(p.csrf_token) : json(nullptr)},
                 {"user", user_json(p.user)}};
    return http::Response::json(200, body.dump(-1, ' ', false, json::error_handler_t::replace));
  });

  routes.add("POST", "/api/v1/auth/password", Access::user, [](Ctx& ctx) {
    json body = ctx.body();
    Fields f(body);
    auto current = f.string("currentPassword", true, 4096);
    auto next = f.string("newPassword", true, 4096);
    f.reject_unknown();
    validate_password(*next, "newPassword");
    auto& s = ctx.services;
    auto user = s.db.read([&](storage::Connection& c) { return storage::users::find(c, ctx.who().user_id()); });
    if (!user) throw unauthorized();
    if (!crypto::verify_password(user->password_hash, *current))
      throw validation("currentPassword", "A senha atual não confere.");
    std::string hash = crypto::hash_password(*next);
    s.db.transaction([&](storage::Connection& c) {
      auto u = storage::users::find(c, user->id);
      u->password_hash = hash;
      u->updated_at = s.clock.now_ms();
      storage::users::update(c, *u);
      // Other browsers logged in as this user are logged out; this one stays.
      std::optional<std::int64_t> keep;
      if (ctx.who().via == auth::Principal::Via::session) keep = ctx.who().credential_id;
      storage::sessions::remove_for_user(c, u->id, keep);
      ctx.audit(c, "auth.password", "user", std::to_string(u->id));
    });
    s.auth.invalidate_user(user->id);
    notify_change(s, "user", "updated", std::to_string(user->id));
    return http::Response::no_content();
  });
}

void register_token_routes(Routes& routes) {
  routes.add("GET", "/api/v1/tokens", Access::user, [](Ctx& ctx) {
    auto list = ctx.services.db.read(
        [&](storage::Connection& c) { return storage::api_tokens::list_for_user(c, ctx.who().user_id()); });
    json items = json::array();
    for (const auto& t : list) items.push_back(token_json(t));
    return http::Response::json(200, json{{"items", items}}.dump(-1, ' ', false, json::error_handler_t::replace));
  });

  routes.add("POST", "/api/v1/tokens", Access::user, [](Ctx& ctx) {
    json body = ctx.body();
    Fields f(body);
    auto name = f.string("name", true, 20000);
    auto days = f.integer("expiresInDays", false, 1, 3650);
    f.reject_unknown();
    if (is_blank(*name))
      throw validation("name", "Dê um nome ao token, como \"Integração CRM\".");
    auto& s = ctx.services;
    std::optional<EpochMs> expires;
    if (days) expires = s.clock.now_ms() + *days * 86400LL * 1000;
    auto created = s.db.write([&](storage::Connection& c) {
      auto t = s.auth.create_api_token(c, ctx.who().user_id(), *name, expires);
      ctx.audit(c, "token.create", "token", std::to_string(t.record.id), json{{"name", *name}});
      return t;
    });
    notify_change(s, "token", "created", std::to_string(created.record.id));
    return http::Response::json(
        201, json{{"token", created.token}, {"apiToken", token_json(created.record)}}.dump(
                 -1, ' ', false, json::error_handler_t::replace));
  });

  routes.add("DELETE", "/api/v1/tokens/{id}", Access::user, [](Ctx& ctx) {
    const auto id = ctx.id_param();
    auto& s = ctx.services;
    s.db.transaction([&](storage::Connection& c) {
      auto t = storage::api_tokens::find(c, id);
      // Someone else's token is reported as missing, not as forbidden: ids are not secrets,
      // but there is no reason to confirm them.
      if (!t || (t->user_id != ctx.who().user_id() && !ctx.who().is_admin())) throw not_found("Token não encontrado.");
      if (!storage::api_tokens::revoke(c, id, s.clock.now_ms())) return;  // already revoked
      ctx.audit(c, "token.revoke", "token", std::to_string(id), json{{"name", t->name}});
    });
    s.auth.invalidate_token(id);
    notify_change(s, "token", "deleted", std::to_string(id));
    return http::Response::no_content();
  });
}

}  // namespace torpedo::api
