#pragma once
// The HTTP API of SPEC §8 plus the web UI's static files: one entry point for the server.
#include <functional>
#include <string>
#include <variant>

#include "api/context.h"
#include "http/message.h"
#include "http/router.h"
#include "http/static_files.h"

namespace torpedo::engine {
struct Progress;
}

namespace torpedo::api {

enum class Access { anyone, user, admin };
using ApiHandler = std::function<http::Response(Ctx&)>;

// Registers `fn` behind authentication, CSRF and role checks, and turns thrown ApiErrors and
// storage errors into JSON error responses.
class Routes {
 public:
  Routes(http::Router& router, Services& services) : router_(router), services_(services) {}
  void add(const std::string& method, const std::string& path, Access access, ApiHandler fn);
  Services& services() { return services_; }

 private:
  http::Router& router_;
  Services& services_;
};

void register_auth_routes(Routes& routes);
void register_token_routes(Routes& routes);
void register_user_routes(Routes& routes);
void register_audit_routes(Routes& routes);
void register_pbx_routes(Routes& routes);
void register_contact_routes(Routes& routes);
void register_audio_routes(Routes& routes);
void register_telephony_routes(Routes& routes);
void register_pbx_config_routes(Routes& routes);
void register_campaign_routes(Routes& routes);
// Pushes {"type":"campaign"} after a transition the engine made (by "engine").
void publish_campaign_transition(Services& s, std::int64_t id, const std::string& from, const std::string& to,
                                 const std::string& by);
// {"type":"campaign-progress"} with the engine's live counters.
std::string campaign_progress_message(std::int64_t id, const engine::Progress& p, EpochMs at);

// Reads every PBX node (secrets decrypted) and hands them to the connection manager; after a
// node changed, also re-delivers audio and (when automatic apply is on) re-applies the
// configuration. At start-up only the connections: nothing changed, so nothing is reloaded.
void sync_pbx(Services& s, bool node_changed = true);

class Api {
 public:
  Api(Services& services, std::filesystem::path web_dir);
  http::Response handle(const http::Request& req) const;
  std::variant<std::string, http::Response> accept_events(const http::Request& req) const;

 private:
  Services& services_;
  http::Router router_;
  http::StaticFiles static_files_;
};

// The embedded api/openapi.yaml (generated into the build from the repository file).
extern const char* const kOpenApiYaml;

inline constexpr const char* kSessionCookie = "torpedo_session";
std::string client_address(const http::Request& req, bool trust_proxy);
std::optional<auth::Principal> authenticate(Services& s, const http::Request& req);

}  // namespace torpedo::api
