#pragma once
// Who is calling: password login, cookie sessions (8 h idle by default) with a CSRF token,
// and API tokens. Sessions and tokens are stored as SHA-256 hashes only.
//
// Thread-safety: all members are safe to call from any thread. A small in-memory cache keeps
// authenticated requests off the database; it is re-validated every few seconds and dropped
// at once for a user whose account changes on this instance.
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>

#include "auth/rate_limiter.h"
#include "common/clock.h"
#include "storage/database.h"
#include "storage/users.h"

namespace torpedo::auth {

struct Principal {
  enum class Via { session, token };
  storage::User user;              // snapshot, password hash cleared
  Via via = Via::session;
  std::int64_t credential_id = 0;  // session id or API token id
  std::string csrf_token;          // sessions only
  std::int64_t user_id() const { return user.id; }
  bool is_admin() const { return user.role == "admin"; }
};

struct LoginOk {
  std::string session_token;  // goes in the cookie, nowhere else
  std::string csrf_token;
  storage::User user;
};
struct LoginRefused {
  enum class Why { bad_credentials, rate_limited } why;
  std::int64_t retry_after_seconds = 0;
};
using LoginResult = std::variant<LoginOk, LoginRefused>;

struct NewApiToken {
  std::string token;  // shown once
  storage::ApiTokenRecord record;
};

class AuthService {
 public:
  struct Options {
    std::int64_t session_idle_ms = 8LL * 3600 * 1000;
    LoginRateLimiter::Limits limits;
    std::int64_t cache_ttl_ms = 5000;
  };
  AuthService(storage::Database& db, const Clock& clock, Options options);

  // Checks the password, records the audit entry (success or failure) and opens a session.
  LoginResult login(const std::string& email, const std::string& password, const std::string& address,
                    const std::string& user_agent);
  void logout(const std::string& session_token);

  std::optional<Principal> authenticate_session(const std::string& session_token);
  std::optional<Principal> authenticate_token(const std::string& bearer_token);

  NewApiToken create_api_token(storage::Connection& c, std::int64_t user_id, const std::string& name,
                               std::optional<EpochMs> expires_at);

  // Forget cached credentials of a user whose role, status or password changed.
  void invalidate_user(std::int64_t user_id);
  void invalidate_token(std::int64_t token_id);

  static constexpr const char* kTokenPrefix = "tp_";

 private:
  struct CacheEntry {
    Principal principal;
    EpochMs validated_at = 0;
    EpochMs last_seen_written = 0;  // sessions: the last_seen_at stored in the database
    std::optional<EpochMs> expires_at;  // tokens
  };
  std::optional<Principal> from_cache(const std::string& key, EpochMs now);

  storage::Database& db_;
  const Clock& clock_;
  Options options_;
  LoginRateLimiter limiter_;
  std::string dummy_hash_;  // verified against when the account does not exist (same timing)
  std::mutex mutex_;
  std::unordered_map<std::string, CacheEntry> cache_;  // by token hash; guarded by mutex_
};

}  // namespace torpedo::auth
