#include "auth/auth_service.h"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "common/crypto.h"

namespace torpedo::auth {
namespace {

// last_seen_at is written at most this often per session: idle expiry needs minutes, not
// milliseconds, and a write per request would make every GET a database write.
constexpr EpochMs kTouchIntervalMs = 60 * 1000;

Principal principal_of(const storage::User& u, Principal::Via via, std::int64_t credential_id,
                       std::string csrf) {
  Principal p{u, via, credential_id, std::move(csrf)};
  p.user.password_hash.clear();
  return p;
}

}  // namespace

AuthService::AuthService(storage::Database& db, const Clock& clock, Options options)
    : db_(db),
      clock_(clock),
      options_(options),
      limiter_(clock, options.limits),
      dummy_hash_(crypto::hash_password(crypto::random_token(16))) {}

LoginResult AuthService::login(const std::string& email, const std::string& password,
                               const std::string& address, const std::string& user_agent) {
  if (auto wait = limiter_.retry_after(address, email)) {
    spdlog::warn("auth: login for {} from {} throttled ({} s)", email, address, *wait);
    return LoginRefused{LoginRefused::Why::rate_limited, *wait};
  }
  auto user = db_.read([&](storage::Connection& c) { return storage::users::find_by_email(c, email); });
  // Always run one argon2id verification so that response time does not reveal whether
  // the account exists.
  const bool password_ok =
      crypto::verify_password(user ? user->password_hash : dummy_hash_, password) && user.has_value();
  const EpochMs now = clock_.now_ms();
  if (!password_ok || !user->active) {
    limiter_.record_failure(address, email);
    db_.transaction([&](storage::Connection& c) {
      storage::AuditRecord r;
      r.at = now;
      if (user) r.user_id = user->id;
      r.user_email = email.substr(0, 254);
      r.action = "auth.login_failed";
      r.entity_type = "session";
      r.address = address;
      r.details_json = nlohmann::json{{"reason", !user ? "unknown_account"
                                                       : (!user->active ? "inactive" : "bad_password")}}
                           .dump();
      storage::audit::append(c, r);
    });
    return LoginRefused{LoginRefused::Why::bad_credentials, 0};
  }
  limiter_.record_success(email);
  LoginOk ok;
  ok.session_token = crypto::random_token(32);
  ok.csrf_token = crypto::random_token(24);
  const std::string hash = crypto::sha256_hex(ok.session_token);
  db_.transaction([&](storage::Connection& c) {
    // Sessions idle past the limit are dead anyway; logins are rare enough to sweep them here.
    storage::sessions::purge_idle(c, now - options_.session_idle_ms);
    auto id = storage::sessions::insert(c, hash, user->id, ok.csrf_token, address, user_agent.substr(0, 512), now);
    storage::users::set_last_login(c, user->id, now);
    storage::AuditRecord r;
    r.at = now;
    r.user_id = user->id;
    r.user_email = user->email;
    r.action = "auth.login";
    r.entity_type = "session";
    r.entity_id = std::to_string(id);
    r.address = address;
    storage::audit::append(c, r);
  });
  user->last_login_at = now;
  ok.user = *user;
  return ok;
}

void AuthService::logout(const std::string& session_token) {
  const std::string hash = crypto::sha256_hex(session_token);
  {
    std::lock_guard lock(mutex_);
    cache_.erase(hash);
  }
  db_.transaction([&](storage::Connection& c) { storage::sessions::remove(c, hash); });
}

std::optional<Principal> AuthService::from_cache(const std::string& key, EpochMs now) {
  std::lock_guard lock(mutex_);
  auto it = cache_.find(key);
  if (it == cache_.end() || now - it->second.validated_at > options_.cache_ttl_ms) return std::nullopt;
  CacheEntry& e = it->second;
  if (e.expires_at && now >= *e.expires_at) return std::nullopt;
  if (e.principal.via == Principal::Via::session) {
    if (now - e.last_seen_written > options_.session_idle_ms) return std::nullopt;
    if (now - e.last_seen_written > kTouchIntervalMs) return std::nullopt;  // let the slow path touch
  }
  return e.principal;
}

std::optional<Principal> AuthService::authenticate_session(const std::string& session_token) {
  if (session_token.empty() || session_token.size() > 128) return std::nullopt;
  const std::string hash = crypto::sha256_hex(session_token);
  const EpochMs now = clock_.now_ms();
  if (auto p = from_cache(hash, now)) return p;

  std::optional<Principal> principal;
  EpochMs last_seen = 0;
  db_.with_connection([&](storage::Connection& c) {
    auto s = storage::sessions::find(c, hash);
    if (!s) return;
    if (now - s->last_seen_at > options_.session_idle_ms) {
      storage::sessions::remove(c, hash);
      return;
    }
    auto u = storage::users::find(c, s->user_id);
    if (!u || !u->active) return;
    last_seen = s->last_seen_at;
    if (now - s->last_seen_at > kTouchIntervalMs) {
      storage::sessions::touch(c, s->id, now);
      last_seen = now;
    }
    principal = principal_of(*u, Principal::Via::session, s->id, s->csrf_token);
  });
  std::lock_guard lock(mutex_);
  if (!principal) {
    cache_.erase(hash);
    return std::nullopt;
  }
  if (cache_.size() > 50000) cache_.clear();
  cache_[hash] = CacheEntry{*principal, now, last_seen, std::nullopt};
  return principal;
}

std::optional<Principal> AuthService::authenticate_token(const std::string& bearer_token) {
  if (bearer_token.rfind(kTokenPrefix, 0) != 0 || bearer_token.size() > 128) return std::nullopt;
  const std::string hash = crypto::sha256_hex(bearer_token);
  const EpochMs now = clock_.now_ms();
  if (auto p = from_cache(hash, now)) return p;

  std::optional<Principal> principal;
  std::optional<EpochMs> expires_at;
  db_.with_connection([&](storage::Connection& c) {
    auto t = storage::api_tokens::find_by_hash(c, hash);
    if (!t || t->revoked_at || (t->expires_at && now >= *t->expires_at)) return;
    auto u = storage::users::find(c, t->user_id);
    if (!u || !u->active) return;
    if (!t->last_used_at || now - *t->last_used_at > kTouchIntervalMs) storage::api_tokens::touch(c, t->id, now);
    expires_at = t->expires_at;
    principal = principal_of(*u, Principal::Via::token, t->id, "");
  });
  std::lock_guard lock(mutex_);
  if (!principal) {
    cache_.erase(hash);
    return std::nullopt;
  }
  if (cache_.size() > 50000) cache_.clear();
  cache_[hash] = CacheEntry{*principal, now, now, expires_at};
  return principal;
}

NewApiToken AuthService::create_api_token(storage::Connection& c, std::int64_t user_id, const std::string& name,
                                          std::optional<EpochMs> expires_at) {
  NewApiToken out;
  out.token = std::string(kTokenPrefix) + crypto::random_token(30);
  const std::string prefix = out.token.substr(0, 11);  // "tp_" + 8 characters, for recognising it
  const EpochMs now = clock_.now_ms();
  auto id = storage::api_tokens::insert(c, user_id, name, prefix, crypto::sha256_hex(out.token), now, expires_at);
  out.record = *storage::api_tokens::find(c, id);
  return out;
}

void AuthService::invalidate_user(std::int64_t user_id) {
  std::lock_guard lock(mutex_);
  std::erase_if(cache_, [&](const auto& kv) { return kv.second.principal.user.id == user_id; });
}

void AuthService::invalidate_token(std::int64_t token_id) {
  std::lock_guard lock(mutex_);
  std::erase_if(cache_, [&](const auto& kv) {
    return kv.second.principal.via == Principal::Via::token && kv.second.principal.credential_id == token_id;
  });
}

}  // namespace torpedo::auth
