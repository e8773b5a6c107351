#pragma once
// What every API handler receives: the request, the caller, the shared services, and
// helpers for reading a JSON body field by field with precise validation errors.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "auth/auth_service.h"
#include "common/clock.h"
#include "common/config.h"
#include "events/hub.h"
#include "http/message.h"
#include "http/router.h"
#include "storage/database.h"
#include "storage/users.h"

namespace torpedo::crypto {
class SecretBox;
}
namespace torpedo::pbx {
class Manager;
class ConfigApplier;
}
namespace torpedo::jobs {
class Runner;
}
namespace torpedo::blob {
class Store;
}
namespace torpedo::media {
class Deliverer;
}
namespace torpedo::storage {
struct Job;
}
namespace torpedo::engine {
class Dialer;
}

namespace torpedo::api {

using nlohmann::json;

struct Services {
  storage::Database& db;
  auth::AuthService& auth;
  events::Hub& hub;
  const Clock& clock;
  const Config& config;
  std::string version;
  EpochMs started_at = 0;
  pbx::Manager* pbx = nullptr;
  const crypto::SecretBox* secrets = nullptr;
  jobs::Runner* jobs = nullptr;  // background imports; null where none run (some tests)
  blob::Store* media = nullptr;  // audio files
  media::Deliverer* delivery = nullptr;  // audio files to the PBX nodes; null in some tests
  pbx::ConfigApplier* applier = nullptr;  // Asterisk configuration to the PBX nodes
  engine::Dialer* dialer = nullptr;       // the campaign engine; null in some tests
};

// Reads the fields of a JSON object one by one; unknown fields are refused so that a typo
// ("nmae") is reported instead of silently ignored.
class Fields {
 public:
  explicit Fields(const json& object) : object_(object) {}
  std::optional<std::string> string(const std::string& name, bool required, std::size_t max_bytes);
  std::optional<bool> boolean(const std::string& name, bool required);
  std::optional<std::int64_t> integer(const std::string& name, bool required, std::int64_t min, std::int64_t max);
  std::optional<double> number(const std::string& name, bool required, double min, double max);
  // An array of strings, each checked like string().
  std::optional<std::vector<std::string>> strings(const std::string& name, bool required, std::size_t max_items,
                                                  std::size_t max_bytes);
  // For PATCH: whether the body sets this field to null (clearing it), as opposed to leaving it out.
  bool is_null(const std::string& name);
  void reject_unknown() const;
  // Like reject_unknown, with these names (read another way) allowed too.
  void reject_unknown_except(std::initializer_list<std::string> allowed);

 private:
  const json* find(const std::string& name, bool required);
  const json& object_;
  std::set<std::string> known_;
};

struct Ctx {
  const http::Request& req;
  const http::RouteParams& params;
  Services& services;
  std::optional<auth::Principal> principal;
  std::string address;

  const auth::Principal& who() const { return *principal; }
  // The request body as a JSON object: 415 unless Content-Type is JSON, 400 when malformed.
  json body() const;
  std::int64_t id_param(std::string_view name = "id") const;
  // An audit entry for this caller, written on `c` inside the caller's transaction.
  void audit(storage::Connection& c, std::string action, std::string entity_type,
             std::optional<std::string> entity_id, const json& details = nullptr) const;
};

// Common validators.
std::string canonical_email(std::string_view raw);      // trimmed, lower case, not validated
std::string normalize_email(const std::string& raw);  // canonical, or throws validation on "email"
void validate_password(const std::string& password, const std::string& field);
std::string validate_role(const std::string& role);
int page_limit(const http::Request& req, int fallback = 50, int max = 200);
std::optional<std::int64_t> cursor_param(const http::Request& req);

json user_json(const storage::User& u);
json job_json(const storage::Job& j);

// Tells live clients that an entity changed and, since every write is audited, that the
// audit trail grew. Call after the transaction committed.
void notify_change(Services& s, std::string_view entity, std::string_view action, std::string_view id);
void notify_audit(Services& s);

}  // namespace torpedo::api
