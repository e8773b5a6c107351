#include "storage/users.h"

namespace torpedo::storage {
namespace {

constexpr const char* kUserColumns =
    "id, email, name, role, active, password_hash, created_at, updated_at, last_login_at";

User to_user(const Row& r) {
  User u;
  u.id = r.i64("id");
  u.email = r.str("email");
  u.name = r.str("name");
  u.role = r.str("role");
  u.active = r.boolean("active");
  u.password_hash = r.str("password_hash");
  u.created_at = r.i64("created_at");
  u.updated_at = r.i64("updated_at");
  u.last_login_at = r.opt_i64("last_login_at");
  return u;
}

// LIKE with user text: escape the wildcards so "50%" finds "50%", not everything.
std::string like_pattern(const std::string& s) {
  std::string out = "%";
  for (char ch : s) {
    if (ch == '%' || ch == '_' || ch == '!') out += '!';
    out += ch;
  }
  return out + "%";
}

}  // namespace

namespace users {

std::optional<User> find(Connection& c, std::int64_t id) {
  auto row = c.query_one(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = :id", {{"id", id}});
  if (!row) return std::nullopt;
  return to_user(*row);
}

std::optional<User> find_by_email(Connection& c, const std::string& email) {
  auto row = c.query_one(std::string("SELECT ") + kUserColumns + " FROM users WHERE email = :email",
                         {{"email", email}});
  if (!row) return std::nullopt;
  return to_user(*row);
}

std::vector<User> list(Connection& c, const UserFilter& f) {
  std::string sql = std::string("SELECT ") + kUserColumns + " FROM users WHERE 1 = 1";
  Params params;
  if (!f.search.empty()) {
    sql += " AND (LOWER(email) LIKE LOWER(:q) ESCAPE '!' OR LOWER(name) LIKE LOWER(:q2) ESCAPE '!')";
    params.emplace_back("q", like_pattern(f.search));
    params.emplace_back("q2", like_pattern(f.search));
  }
  if (f.after_id) {
    sql += " AND id > :after";
    params.emplace_back("after", *f.after_id);
  }
  sql += " ORDER BY id LIMIT " + std::to_string(f.limit);
  std::vector<User> out;
  for (const Row& r : c.query(sql, params)) out.push_back(to_user(r));
  return out;
}

std::int64_t count(Connection& c) { return c.query_one("SELECT COUNT(*) AS n FROM users")->i64("n"); }

std::int64_t count_active_admins(Connection& c) {
  return c.query_one("SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND active = 1")->i64("n");
}

std::int64_t insert(Connection& c, const User& u) {
  c.exec(
      "INSERT INTO users (email, name, role, active, password_hash, created_at, updated_at) "
      "VALUES (:email, :name, :role, :active, :hash, :created, :updated)",
      {{"email", u.email},
       {"name", u.name},
       {"role", u.role},
       {"active", u.active},
       {"hash", u.password_hash},
       {"created", u.created_at},
       {"updated", u.updated_at}});
  return c.last_insert_id();
}

void update(Connection& c, const User& u) {
  c.exec(
      "UPDATE users SET email = :email, name = :name, role = :role, active = :active, "
      "password_hash = :hash, updated_at = :updated, last_login_at = :last WHERE id = :id",
      {{"email", u.email},
       {"name", u.name},
       {"role", u.role},
       {"active", u.active},
       {"hash", u.password_hash},
       {"updated", u.updated_at},
       {"last", u.last_login_at},
       {"id", u.id}});
}

void set_last_login(Connection& c, std::int64_t id, EpochMs at) {
  c.exec("UPDATE users SET last_login_at = :at WHERE id = :id", {{"at", at}, {"id", id}});
}

bool remove(Connection& c, std::int64_t id) {
  return c.exec("DELETE FROM users WHERE id = :id", {{"id", id}}) > 0;
}

}  // namespace users

namespace sessions {

std::int64_t insert(Connection& c, const std::string& token_hash, std::int64_t user_id,
                    const std::string& csrf_token, const std::string& address,
                    const std::string& user_agent, EpochMs now) {
  c.exec(
      "INSERT INTO sessions (token_hash, user_id, csrf_token, address, user_agent, created_at, last_seen_at) "
      "VALUES (:hash, :user, :csrf, :addr, :ua, :now, :now2)",
      {{"hash", token_hash},
       {"user", user_id},
       {"csrf", csrf_token},
       {"addr", address},
       {"ua", user_agent},
       {"now", now},
       {"now2", now}});
  return c.last_insert_id();
}

std::optional<SessionRecord> find(Connection& c, const std::string& token_hash) {
  auto r = c.query_one(
      "SELECT id, user_id, csrf_token, address, created_at, last_seen_at FROM sessions WHERE token_hash = :h",
      {{"h", token_hash}});
  if (!r) return std::nullopt;
  return SessionRecord{r->i64("id"), r->i64("user_id"), r->str("csrf_token"), r->str("address"),
                       r->i64("created_at"), r->i64("last_seen_at")};
}

void touch(Connection& c, std::int64_t id, EpochMs at) {
  c.exec("UPDATE sessions SET last_seen_at = :at WHERE id = :id AND last_seen_at < :at2",
         {{"at", at}, {"id", id}, {"at2", at}});
}

void remove(Connection& c, const std::string& token_hash) {
  c.exec("DELETE FROM sessions WHERE token_hash = :h", {{"h", token_hash}});
}

void remove_for_user(Connection& c, std::int64_t user_id, std::optional<std::int64_t> keep_id) {
  c.exec("DELETE FROM sessions WHERE user_id = :u AND id <> :keep",
         {{"u", user_id}, {"keep", keep_id.value_or(-1)}});
}

std::int64_t purge_idle(Connection& c, EpochMs idle_since) {
  return c.exec("DELETE FROM sessions WHERE last_seen_at < :t", {{"t", idle_since}});
}

}  // namespace sessions

namespace api_tokens {
namespace {
constexpr const char* kColumns =
    "id, user_id, name, prefix, created_at, last_used_at, expires_at, revoked_at";
ApiTokenRecord to_token(const Row& r) {
  return ApiTokenRecord{r.i64("id"),           r.i64("user_id"),          r.str("name"),
                        r.str("prefix"),       r.i64("created_at"),       r.opt_i64("last_used_at"),
                        r.opt_i64("expires_at"), r.opt_i64("revoked_at")};
}
}  // namespace

std::int64_t insert(Connection& c, std::int64_t user_id, const std::string& name, const std::string& prefix,
                    const std::string& token_hash, EpochMs now, std::optional<EpochMs> expires_at) {
  c.exec(
      "INSERT INTO api_tokens (user_id, name, prefix, token_hash, created_at, expires_at) "
      "VALUES (:u, :n, :p, :h, :now, :exp)",
      {{"u", user_id}, {"n", name}, {"p", prefix}, {"h", token_hash}, {"now", now}, {"exp", expires_at}});
  return c.last_insert_id();
}

std::optional<ApiTokenRecord> find(Connection& c, std::int64_t id) {
  auto r = c.query_one(std::string("SELECT ") + kColumns + " FROM api_tokens WHERE id = :id", {{"id", id}});
  if (!r) return std::nullopt;
  return to_token(*r);
}

std::optional<ApiTokenRecord> find_by_hash(Connection& c, const std::string& token_hash) {
  auto r = c.query_one(std::string("SELECT ") + kColumns + " FROM api_tokens WHERE token_hash = :h",
                       {{"h", token_hash}});
  if (!r) return std::nullopt;
  return to_token(*r);
}

std::vector<ApiTokenRecord> list_for_user(Connection& c, std::int64_t user_id) {
  std::vector<ApiTokenRecord> out;
  for (const Row& r : c.query(std::string("SELECT ") + kColumns +
                                  " FROM api_tokens WHERE user_id = :u ORDER BY id DESC",
                              {{"u", user_id}}))
    out.push_back(to_token(r));
  return out;
}

bool revoke(Connection& c, std::int64_t id, EpochMs at) {
  return c.exec("UPDATE api_tokens SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL",
                {{"at", at}, {"id", id}}) > 0;
}

void touch(Connection& c, std::int64_t id, EpochMs at) {
  c.exec("UPDATE api_tokens SET last_used_at = :at WHERE id = :id", {{"at", at}, {"id", id}});
}

}  // namespace api_tokens

namespace audit {

void append(Connection& c, const AuditRecord& r) {
  c.exec(
      "INSERT INTO audit_log (at, user_id, user_email, action, entity_type, entity_id, address, details) "
      "VALUES (:at, :uid, :email, :action, :etype, :eid, :addr, :details)",
      {{"at", r.at},
       {"uid", r.user_id},
       {"email", r.user_email},
       {"action", r.action},
       {"etype", r.entity_type},
       {"eid", r.entity_id},
       {"addr", r.address},
       {"details", r.details_json}});
}

std::vector<AuditRecord> list(Connection& c, const AuditFilter& f) {
  std::string sql =
      "SELECT id, at, user_id, user_email, action, entity_type, entity_id, address, details "
      "FROM audit_log WHERE 1 = 1";
  Params params;
  if (f.before_id) {
    sql += " AND id < :before";
    params.emplace_back("before", *f.before_id);
  }
  if (f.user_id) {
    sql += " AND user_id = :uid";
    params.emplace_back("uid", *f.user_id);
  }
  if (f.entity_type) {
    sql += " AND entity_type = :etype";
    params.emplace_back("etype", *f.entity_type);
  }
  if (f.action) {
    sql += " AND action = :action";
    params.emplace_back("action", *f.action);
  }
  sql += " ORDER BY id DESC LIMIT " + std::to_string(f.limit);
  std::vector<AuditRecord> out;
  for (const Row& r : c.query(sql, params)) {
    out.push_back(AuditRecord{r.i64("id"), r.i64("at"), r.opt_i64("user_id"), r.opt_str("user_email"),
                              r.str("action"), r.str("entity_type"), r.opt_str("entity_id"),
                              r.str("address"), r.opt_str("details")});
  }
  return out;
}

}  // namespace audit

}  // namespace torpedo::storage
