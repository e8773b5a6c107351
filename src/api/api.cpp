#include "api/api.h"

#include <spdlog/spdlog.h>

#include "api/error.h"
#include "common/crypto.h"
#include "common/time_format.h"
#include "pbx/manager.h"
#include "storage/pbx_nodes.h"

namespace torpedo::api {
namespace {

bool is_write(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

http::Response error_response(int status, const std::string& code, const std::string& message,
                              const std::string& field = {}) {
  return http::Response::json(status, error_body(code, message, field));
}

void add_common_headers(http::Response& r, bool api) {
  r.set_header("X-Content-Type-Options", "nosniff");
  r.set_header("X-Frame-Options", "DENY");
  r.set_header("Referrer-Policy", "same-origin");
  if (api) {
    if (!r.header("Cache-Control")) r.set_header("Cache-Control", "no-store");
  } else {
    r.set_header("Content-Security-Policy",
                 "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; "
                 "style-src 'self' 'unsafe-inline'; connect-src 'self' ws: wss:; frame-ancestors 'none'; "
                 "base-uri 'self'; form-action 'self'");
  }
}

}  // namespace

std::string client_address(const http::Request& req, bool trust_proxy) {
  if (trust_proxy) {
    if (auto xff = req.header("x-forwarded-for")) {
      std::string first(xff->substr(0, xff->find(',')));
      auto b = first.find_first_not_of(' ');
      auto e = first.find_last_not_of(' ');
      if (b != std::string::npos) return first.substr(b, e - b + 1).substr(0, 64);
    }
  }
  return req.remote_address;
}

std::optional<auth::Principal> authenticate(Services& s, const http::Request& req) {
  if (auto authz = req.header("authorization")) {
    constexpr std::string_view bearer = "Bearer ";
    if (authz->size() > bearer.size() && authz->substr(0, bearer.size()) == bearer)
      return s.auth.authenticate_token(std::string(authz->substr(bearer.size())));
    return std::nullopt;
  }
  if (auto cookie = req.cookie(kSessionCookie)) return s.auth.authenticate_session(*cookie);
  return std::nullopt;
}

void Routes::add(const std::string& method, const std::string& path, Access access, ApiHandler fn) {
  Services& services = services_;
  router_.add(method, path, [&services, access, fn = std::move(fn)](const http::Request& req,
                                                                    const http::RouteParams& params) {
    Ctx ctx{req, params, services, std::nullopt, client_address(req, services.config.trust_proxy)};
    try {
      if (access != Access::anyone) {
        ctx.principal = authenticate(services, req);
        if (!ctx.principal) throw unauthorized("Sua sessão expirou ou não existe. Faça login novamente.");
        // Cookies ride along with cross-site requests; the CSRF token does not.
        if (ctx.principal->via == auth::Principal::Via::session && is_write(req.method)) {
          auto sent = req.header("x-csrf-token");
          if (!sent || !crypto::equal_constant_time(*sent, ctx.principal->csrf_token))
            throw ApiError(403, "csrf", "Token CSRF ausente ou inválido. Recarregue a página e tente de novo.");
        }
        if (access == Access::admin && !ctx.principal->is_admin())
          throw forbidden("Apenas administradores podem fazer isto.");
      }
      return fn(ctx);
    } catch (const ApiError& e) {
      auto r = error_response(e.status, e.code, e.what(), e.field);
      if (e.status == 401) r.set_header("WWW-Authenticate", "Bearer");
      return r;
    } catch (const storage::ConstraintError& e) {
      return error_response(409, "conflict", "O registro conflita com outro já existente.");
    } catch (const nlohmann::json::exception& e) {
      return error_response(400, "bad_request", std::string("JSON inválido: ") + e.what());
    } catch (const std::exception& e) {
      spdlog::error("api: {} {} failed: {}", req.method, req.path, e.what());
      return error_response(500, "internal", "Erro interno. Tente novamente; se persistir, contate o suporte.");
    }
  });
}

Api::Api(Services& services, std::filesystem::path web_dir)
    : services_(services), static_files_(std::move(web_dir)) {
  Routes routes(router_, services);
  routes.add("GET", "/api/v1/health", Access::anyone, [](Ctx& ctx) {
    std::string error;
    const bool db_ok = ctx.services.db.ping(&error);
    json db = {{"status", db_ok ? "ok" : "error"}, {"driver", ctx.services.db.driver_name()}};
    if (!db_ok) db["error"] = error;
    // PBX: "none" without enabled nodes, "ok" when every enabled node is connected. It does not
    // change the top-level status: a PBX outage must not take the API out of a load balancer.
    json pbx = {{"status", "none"}, {"nodes", json::array()}};
    if (db_ok && ctx.services.pbx) {
      auto status = ctx.services.pbx->all_status();
      auto nodes = ctx.services.db.read([](storage::Connection& c) { return storage::pbx_nodes::list(c); });
      bool any = false, all_connected = true;
      for (const auto& n : nodes) {
        auto it = status.find(n.id);
        std::string state = !n.enabled ? "disabled" : it == status.end() ? "connecting" : it->second.state;
        if (n.enabled) {
          any = true;
          all_connected = all_connected && state == "connected";
        }
        pbx["nodes"].push_back({{"id", n.id}, {"name", n.name}, {"state", state}});
      }
      if (any) pbx["status"] = all_connected ? "ok" : "degraded";
    }
    json body = {{"status", db_ok ? "ok" : "degraded"},
                 {"version", ctx.services.version},
                 {"uptimeSeconds", (ctx.services.clock.now_ms() - ctx.services.started_at) / 1000},
                 {"database", db},
                 {"pbx", pbx}};
    return http::Response::json(db_ok ? 200 : 503, body.dump());
  });
  routes.add("GET", "/api/v1/openapi.yaml", Access::anyone, [](Ctx&) {
    auto r = http::Response::text(200, kOpenApiYaml, "application/yaml; charset=utf-8");
    r.set_header("Cache-Control", "no-cache");
    return r;
  });
  register_auth_routes(routes);
  register_token_routes(routes);
  register_user_routes(routes);
  register_audit_routes(routes);
  register_pbx_routes(routes);
  register_contact_routes(routes);
  register_audio_routes(routes);
  register_telephony_routes(routes);
  register_pbx_config_routes(routes);
  register_campaign_routes(routes);
}

http::Response Api::handle(const http::Request& req) const {
  auto match = router_.match(req.method, req.path);
  const bool api = req.path.rfind("/api/", 0) == 0 || req.path == "/api";
  http::Response res;
  if (match.kind == http::Router::Match::Kind::found) {
    res = (*match.handler)(req, match.params);
  } else if (match.kind == http::Router::Match::Kind::method_not_allowed) {
    res = error_response(405, "method_not_allowed",
                         "Método " + req.method + " não é aceito aqui. Use: " + match.allowed + ".");
    res.set_header("Allow", match.allowed);
  } else if (auto file = api ? std::nullopt : static_files_.serve(req)) {
    res = std::move(*file);
  } else {
    res = error_response(404, "not_found", "Rota não encontrada: " + req.path);
  }
  add_common_headers(res, api || res.status >= 400);
  return res;
}

std::variant<std::string, http::Response> Api::accept_events(const http::Request& req) const {
  auto principal = authenticate(services_, req);
  if (!principal) {
    auto r = error_response(401, "unauthorized", "Faça login para receber eventos.");
    return r;
  }
  // Cross-site WebSocket hijacking: a browser sends cookies with a cross-origin upgrade,
  // so a cookie-authenticated upgrade must come from our own origin.
  if (principal->via == auth::Principal::Via::session) {
    auto origin = req.header("origin");
    auto host = req.header("host");
    if (origin && host) {
      std::string_view o = *origin;
      auto scheme_end = o.find("://");
      std::string_view origin_host = scheme_end == std::string_view::npos ? o : o.substr(scheme_end + 3);
      if (origin_host != *host) return error_response(403, "forbidden", "Origem não permitida.");
    }
  }
  json hello = {{"type", "hello"}, {"user", user_json(principal->user)}};
  return hello.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace torpedo::api
