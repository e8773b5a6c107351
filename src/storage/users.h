#pragma once
// Users, their sessions and API tokens, and the audit trail: the tables of the walking
// skeleton. Each function runs on a Connection the caller borrowed (inside a transaction
// when it writes), so a write and its audit entry commit together.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "storage/database.h"

namespace torpedo::storage {

struct User {
  std::int64_t id = 0;
  std::string email;
  std::string name;
  std::string role;  // "admin" | "user"
  bool active = true;
  std::string password_hash;
  EpochMs created_at = 0;
  EpochMs updated_at = 0;
  std::optional<EpochMs> last_login_at;
};

struct UserFilter {
  std::string search;               // matches email or name, case-insensitive substring
  std::optional<std::int64_t> after_id;
  int limit = 50;
};

namespace users {
std::optional<User> find(Connection& c, std::int64_t id);
std::optional<User> find_by_email(Connection& c, const std::string& email);
std::vector<User> list(Connection& c, const UserFilter& filter);
std::int64_t count(Connection& c);
std::int64_t count_active_admins(Connection& c);
std::int64_t insert(Connection& c, const User& u);  // returns the new id
void update(Connection& c, const User& u);          // every field but id and created_at
void set_last_login(Connection& c, std::int64_t id, EpochMs at);
bool remove(Connection& c, std::int64_t id);
}  // namespace users

struct SessionRecord {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string csrf_token;
  std::string address;
  EpochMs created_at = 0;
  EpochMs last_seen_at = 0;
};

namespace sessions {
std::int64_t insert(Connection& c, const std::string& token_hash, std::int64_t user_id,
                    const std::string& csrf_token, const std::string& address,
                    const std::string& user_agent, EpochMs now);
std::optional<SessionRecord> find(Connection& c, const std::string& token_hash);
void touch(Connection& c, std::int64_t id, EpochMs at);
void remove(Connection& c, const std::string& token_hash);
// Ends every session of a user (password change, deactivation), except `keep_id`.
void remove_for_user(Connection& c, std::int64_t user_id, std::optional<std::int64_t> keep_id = {});
std::int64_t purge_idle(Connection& c, EpochMs idle_since);
}  // namespace sessions

struct ApiTokenRecord {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string name;
  std::string prefix;
  EpochMs created_at = 0;
  std::optional<EpochMs> last_used_at;
  std::optional<EpochMs> expires_at;
  std::optional<EpochMs> revoked_at;
};

namespace api_tokens {
std::int64_t insert(Connection& c, std::int64_t user_id, const std::string& name,
                    const std::string& prefix, const std::string& token_hash, EpochMs now,
                    std::optional<EpochMs> expires_at);
std::optional<ApiTokenRecord> find(Connection& c, std::int64_t id);
std::optional<ApiTokenRecord> find_by_hash(Connection& c, const std::string& token_hash);
std::vector<ApiTokenRecord> list_for_user(Connection& c, std::int64_t user_id);
bool revoke(Connection& c, std::int64_t id, EpochMs at);
void touch(Connection& c, std::int64_t id, EpochMs at);
}  // namespace api_tokens

struct AuditRecord {
  std::int64_t id = 0;
  EpochMs at = 0;
  std::optional<std::int64_t> user_id;
  std::optional<std::string> user_email;
  std::string action;       // "user.create"
  std::string entity_type;  // "user"
  std::optional<std::string> entity_id;
  std::string address;
  std::optional<std::string> details_json;
};

struct AuditFilter {
  std::optional<std::int64_t> before_id;  // keyset paging, newest first
  std::optional<std::int64_t> user_id;
  std::optional<std::string> entity_type;
  std::optional<std::string> action;
  int limit = 50;
};

namespace audit {
void append(Connection& c, const AuditRecord& r);
std::vector<AuditRecord> list(Connection& c, const AuditFilter& f);
}  // namespace audit

}  // namespace torpedo::storage
