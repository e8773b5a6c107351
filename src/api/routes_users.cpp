// /users (admins) and /audit (admins).
#include "api/api.h"
#include "api/error.h"
#include "common/crypto.h"
#include "common/strings.h"
#include "common/time_format.h"

namespace torpedo::api {
namespace {

constexpr std::size_t kMaxName = 20000;  // generous: names are stored and returned literally

std::string checked_name(const std::string& name) {
  if (is_blank(name))
    throw validation("name", "Informe o nome do usuário.");
  return name;
}

std::string paged(const json& items, bool more, const json& last_id) {
  return json{{"items", items}, {"nextCursor", more ? json(last_id.dump()) : json(nullptr)}}.dump(
      -1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

void register_user_routes(Routes& routes) {
  routes.add("GET", "/api/v1/users", Access::admin, [](Ctx& ctx) {
    storage::UserFilter filter;
    filter.search = ctx.req.query_param("q").value_or("");
    if (filter.search.size() > 254) throw validation("q", "Busca longa demais.");
    filter.limit = page_limit(ctx.req, 50, 200);
    filter.after_id = cursor_param(ctx.req);
    // One extra row tells whether another page exists.
    const int limit = filter.limit;
    filter.limit += 1;
    auto list = ctx.services.db.read([&](storage::Connection& c) { return storage::users::list(c, filter); });
    const bool more = static_cast<int>(list.size()) > limit;
    if (more) list.resize(static_cast<std::size_t>(limit));
    json items = json::array();
    for (const auto& u : list) items.push_back(user_json(u));
    return http::Response::json(200, paged(items, more, list.empty() ? json(nullptr) : json(list.back().id)));
  });

  routes.add("POST", "/api/v1/users", Access::admin, [](Ctx& ctx) {
    json body = ctx.body();
    Fields f(body);
    storage::User u;
    u.email = normalize_email(*f.string("email", true, 1024));
    u.name = checked_name(*f.string("name", true, kMaxName));
    u.role = validate_role(*f.string("role", true, 16));
    auto password = f.string("password", true, 4096);
    u.active = f.boolean("active", false).value_or(true);
    f.reject_unknown();
    validate_password(*password, "password");
    auto& s = ctx.services;
    u.password_hash = crypto::hash_password(*password);  // ~70 ms: outside the transaction
    u.created_at = u.updated_at = s.clock.now_ms();
    auto created = s.db.write([&](storage::Connection& c) {
      if (storage::users::find_by_email(c, u.email))
        throw conflict("Já existe um usuário com este e-mail.", "email");
      u.id = storage::users::insert(c, u);
      ctx.audit(c, "user.create", "user", std::to_string(u.id),
                json{{"email", u.email}, {"role", u.role}, {"active", u.active}});
      return u;
    });
    notify_change(s, "user", "created", std::to_string(created.id));
    auto r = http::Response::json(201, user_json(created).dump(-1, ' ', false, json::error_handler_t::replace));
    r.set_header("Location", "/api/v1/users/" + std::to_string(created.id));
    return r;
  });

  routes.add("GET", "/api/v1/users/{id}", Access::admin, [](Ctx& ctx) {
    const auto id = ctx.id_param();
    auto u = ctx.services.db.read([&](storage::Connection& c) { return storage::users::find(c, id); });
    if (!u) throw not_found("Usuário não encontrado.");
    return http::Response::json(200, user_json(*u).dump(-1, ' ', false, json::error_handler_t::replace));
  });

  routes.add("PATCH", "/api/v1/users/{id}", Access::admin, [](Ctx& ctx) {
    const auto id = ctx.id_param();
    json body = ctx.body();
    Fields f(body);
    auto email = f.string("email", false, 1024);
    auto name = f.string("name", false, kMaxName);
    auto role = f.string("role", false, 16);
    auto active = f.boolean("active", false);
    auto password = f.string("password", false, 4096);
    f.reject_unknown();
    std::optional<std::string> new_email, new_hash;
    if (email) new_email = normalize_email(*email);
    if (name) checked_name(*name);
    if (role) validate_role(*role);
    if (password) {
      validate_password(*password, "password");
      new_hash = crypto::hash_password(*password);
    }
    auto& s = ctx.services;
    const bool self = id == ctx.who().user_id();
    auto updated = s.db.write([&](storage::Connection& c) {
      auto u = storage::users::find(c, id);
      if (!u) throw not_found("Usuário não encontrado.");
      json changes = json::object();
      if (new_email && *new_email != u->email) {
        if (storage::users::find_by_email(c, *new_email))
          throw conflict("Já existe um usuário com este e-mail.", "email");
        changes["email"] = {{"from", u->email}, {"to", *new_email}};
        u->email = *new_email;
      }
      if (name && *name != u->name) {
        changes["name"] = {{"to", *name}};
        u->name = *name;
      }
      const bool was_active_admin = u->role == "admin" && u->active;
      if (role && *role != u->role) {
        changes["role"] = {{"from", u->role}, {"to", *role}};
        u->role = *role;
      }
      if (active && *active != u->active) {
        if (self && !*active) throw conflict("Você não pode desativar a sua própria conta.", "active");
        changes["active"] = {{"from", u->active}, {"to", *active}};
        u->active = *active;
      }
      if (was_active_admin && !(u->role == "admin" && u->active) && storage::users::count_active_admins(c) <= 1)
        throw conflict("Este é o último administrador ativo; promova outro usuário antes.", role ? "role" : "active");
      if (new_hash) {
        u->password_hash = *new_hash;
        changes["password"] = "changed";
      }
      if (changes.empty()) return *u;
      u->updated_at = s.clock.now_ms();
      storage::users::update(c, *u);
      // A new password or a deactivation ends the user's sessions (the admin's own stays).
      if (new_hash || !u->active) {
        std::optional<std::int64_t> keep;
        if (self && ctx.who().via == auth::Principal::Via::session) keep = ctx.who().credential_id;
        storage::sessions::remove_for_user(c, u->id, keep);
      }
      ctx.audit(c, "user.update", "user", std::to_string(u->id), json{{"changes", changes}});
      return *u;
    });
    s.auth.invalidate_user(id);
    notify_change(s, "user", "updated", std::to_string(id));
    return http::Response::json(200, user_json(updated).dump(-1, ' ', false, json::error_handler_t::replace));
  });

  routes.add("DELETE", "/api/v1/users/{id}", Access::admin, [](Ctx& ctx) {
    const auto id = ctx.id_param();
    auto& s = ctx.services;
    if (id == ctx.who().user_id()) throw conflict("Você não pode excluir a sua própria conta.");
    s.db.transaction([&](storage::Connection& c) {
      auto u = storage::users::find(c, id);
      if (!u) throw not_found("Usuário não encontrado.");
      if (u->role == "admin" && u->active && storage::users::count_active_admins(c) <= 1)
        throw conflict("Este é o último administrador ativo; promova outro usuário antes.");
      storage::users::remove(c, id);
      ctx.audit(c, "user.delete", "user", std::to_string(id), json{{"email", u->email}});
    });
    s.auth.invalidate_user(id);
    notify_change(s, "user", "deleted", std::to_string(id));
    return http::Response::no_content();
  });
}

void register_audit_routes(Routes& routes) {
  routes.add("GET", "/api/v1/audit", Access::admin, [](Ctx& ctx) {
    storage::AuditFilter filter;
    filter.limit = page_limit(ctx.req, 50, 500);
    filter.before_id = cursor_param(ctx.req);
    if (auto v = ctx.req.query_param("userId"); v && !v->empty()) {
      try {
        filter.user_id = std::stoll(*v);
      } catch (...) {
        throw validation("userId", "userId deve ser um número.");
      }
    }
    if (auto v = ctx.req.query_param("entityType"); v && !v->empty()) filter.entity_type = v->substr(0, 32);
    if (auto v = ctx.req.query_param("action"); v && !v->empty()) filter.action = v->substr(0, 64);
    const int limit = filter.limit;
    filter.limit += 1;
    auto list = ctx.services.db.read([&](storage::Connection& c) { return storage::audit::list(c, filter); });
    const bool more = static_cast<int>(list.size()) > limit;
    if (more) list.resize(static_cast<std::size_t>(limit));
    json items = json::array();
    for (const auto& a : list) {
      json details = nullptr;
      if (a.details_json) details = json::parse(*a.details_json, nullptr, false);
      if (details.is_discarded()) details = nullptr;
      items.push_back(json{{"id", a.id},
                           {"at", format_iso8601(a.at)},
                           {"userId", a.user_id ? json(*a.user_id) : json(nullptr)},
                           {"userEmail", a.user_email ? json(*a.user_email) : json(nullptr)},
                           {"action", a.action},
                           {"entityType", a.entity_type},
                           {"entityId", a.entity_id ? json(*a.entity_id) : json(nullptr)},
                           {"address", a.address},
                           {"details", details}});
    }
    return http::Response::json(200, paged(items, more, list.empty() ? json(nullptr) : json(list.back().id)));
  });
}

}  // namespace torpedo::api
