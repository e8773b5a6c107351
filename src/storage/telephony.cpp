#include "storage/telephony.h"

#include <map>

#include <nlohmann/json.hpp>

namespace torpedo::storage {

// ---- extensions ----
namespace extensions {
namespace {
constexpr const char* kColumns =
    "id, number, endpoint, name, caller_id, secret_enc, codecs, enabled, created_at, updated_at";

ExtensionRow from(const Row& r) {
  ExtensionRow e;
  e.id = r.i64("id");
  e.number = r.str("number");
  e.endpoint = r.opt_str("endpoint").value_or("");
  e.name = r.str("name");
  e.caller_id = r.opt_str("caller_id");
  e.secret_enc = r.str("secret_enc");
  e.codecs = r.str("codecs");
  e.enabled = r.boolean("enabled");
  e.created_at = r.i64("created_at");
  e.updated_at = r.i64("updated_at");
  return e;
}

Params params_of(const ExtensionRow& e) {
  return {{"number", e.number},    {"endpoint", e.endpoint}, {"name", e.name},
          {"caller", e.caller_id}, {"secret", e.secret_enc}, {"codecs", e.codecs},
          {"enabled", e.enabled},  {"updated", e.updated_at}};
}
}  // namespace

std::vector<ExtensionRow> list(Connection& c) {
  std::vector<ExtensionRow> out;
  for (const Row& r : c.query(std::string("SELECT ") + kColumns + " FROM extensions ORDER BY number"))
    out.push_back(from(r));
  return out;
}

std::optional<ExtensionRow> find(Connection& c, std::int64_t id) {
  auto r = c.query_one(std::string("SELECT ") + kColumns + " FROM extensions WHERE id = :id", {{"id", id}});
  return r ? std::optional(from(*r)) : std::nullopt;
}

std::optional<ExtensionRow> find_by_number(Connection& c, const std::string& number) {
  auto r =
      c.query_one(std::string("SELECT ") + kColumns + " FROM extensions WHERE number = :n", {{"n", number}});
  return r ? std::optional(from(*r)) : std::nullopt;
}

std::int64_t insert(Connection& c, const ExtensionRow& e) {
  Params p = params_of(e);
  p.emplace_back("created", e.created_at);
  c.exec(
      "INSERT INTO extensions (number, endpoint, name, caller_id, secret_enc, codecs, enabled, created_at, "
      "updated_at) "
      "VALUES (:number, :endpoint, :name, :caller, :secret, :codecs, :enabled, :created, :updated)",
      p);
  return c.last_insert_id();
}

void update(Connection& c, const ExtensionRow& e) {
  Params p = params_of(e);
  p.emplace_back("id", e.id);
  c.exec(
      "UPDATE extensions SET number = :number, endpoint = :endpoint, name = :name, caller_id = :caller, "
      "secret_enc = :secret, codecs = :codecs, enabled = :enabled, updated_at = :updated WHERE id = :id",
      p);
}

bool remove(Connection& c, std::int64_t id) {
  return c.exec("DELETE FROM extensions WHERE id = :id", {{"id", id}}) > 0;
}

std::vector<std::string> queues_of(Connection& c, std::int64_t id) {
  std::vector<std::string> out;
  for (const Row& r : c.query("SELECT q.name AS name FROM queue_members m JOIN queues q ON q.id = m.queue_id "
                              "WHERE m.extension_id = :id "
                              "ORDER BY q.name",
                              {{"id", id}}))
    out.push_back(r.str("name"));
  return out;
}
}  // namespace extensions

// ---- queues ----
namespace queues {
namespace {
constexpr const char* kColumns =
    "id, name, strategy, timeout_s, retry_s, max_callers, wrapup_s, moh_class, announce_audio_id, "
    "created_at, updated_at";

QueueRow from(const Row& r) {
  QueueRow q;
  q.id = r.i64("id");
  q.name = r.str("name");
  q.strategy = r.str("strategy");
  q.timeout_s = static_cast<int>(r.i64("timeout_s"));
  q.retry_s = static_cast<int>(r.i64("retry_s"));
  q.max_callers = static_cast<int>(r.i64("max_callers"));
  q.wrapup_s = static_cast<int>(r.i64("wrapup_s"));
  q.moh_class = r.opt_str("moh_class");
  q.announce_audio_id = r.opt_i64("announce_audio_id");
  q.created_at = r.i64("created_at");
  q.updated_at = r.i64("updated_at");
  return q;
}

Params params_of(const QueueRow& q) {
  return {{"name", q.name},         {"strategy", q.strategy},
          {"timeout", q.timeout_s}, {"retry", q.retry_s},
          {"max", q.max_callers},   {"wrapup", q.wrapup_s},
          {"moh", q.moh_class},     {"announce", q.announce_audio_id},
          {"updated", q.updated_at}};
}

void load_members(Connection& c, std::vector<QueueRow>& queues) {
  if (queues.empty()) return;
  std::map<std::int64_t, QueueRow*> by_id;
  for (auto& q : queues) by_id[q.id] = &q;
  const bool one = queues.size() == 1;
  // Members in the order an operator sees them: by extension number.
  const std::string sql = std::string(
                              "SELECT m.queue_id AS queue_id, m.extension_id AS extension_id, m.penalty AS "
                              "penalty, m.paused AS paused "
                              "FROM queue_members m JOIN extensions e ON e.id = m.extension_id") +
                          (one ? " WHERE m.queue_id = :id" : "") + " ORDER BY m.queue_id, e.number";
  Params p;
  if (one) p.emplace_back("id", queues.front().id);
  for (const Row& r : c.query(sql, p)) {
    auto it = by_id.find(r.i64("queue_id"));
    if (it == by_id.end()) continue;
    it->second->members.push_back(
        {r.i64("extension_id"), static_cast<int>(r.i64("penalty")), r.boolean("paused")});
  }
}

void write_members(Connection& c, const QueueRow& q) {
  c.exec("DELETE FROM queue_members WHERE queue_id = :id", {{"id", q.id}});
  for (const auto& m : q.members)
    c.exec("INSERT INTO queue_members (queue_id, extension_id, penalty, paused) VALUES (:q, :e, :p, :paused)",
           {{"q", q.id}, {"e", m.extension_id}, {"p", m.penalty}, {"paused", m.paused}});
}

std::optional<QueueRow> one(Connection& c, const std::string& where, Params p) {
  auto r = c.query_one(std::string("SELECT ") + kColumns + " FROM queues WHERE " + where, p);
  if (!r) return std::nullopt;
  std::vector<QueueRow> v{from(*r)};
  load_members(c, v);
  return v.front();
}
}  // namespace

std::vector<QueueRow> list(Connection& c) {
  std::vector<QueueRow> out;
  for (const Row& r : c.query(std::string("SELECT ") + kColumns + " FROM queues ORDER BY name"))
    out.push_back(from(r));
  load_members(c, out);
  return out;
}

std::optional<QueueRow> find(Connection& c, std::int64_t id) {
  return one(c, "id = :id", {{"id", id}});
}

std::optional<QueueRow> find_by_name(Connection& c, const std::string& name) {
  return one(c, "name = :name", {{"name", name}});
}

std::int64_t insert(Connection& c, const QueueRow& q) {
  Params p = params_of(q);
  p.emplace_back("created", q.created_at);
  c.exec(
      "INSERT INTO queues (name, strategy, timeout_s, retry_s, max_callers, wrapup_s, moh_class, "
      "announce_audio_id, "
      "created_at, updated_at) VALUES (:name, :strategy, :timeout, :retry, :max, :wrapup, :moh, :announce, "
      ":created, "
      ":updated)",
      p);
  QueueRow saved = q;
  saved.id = c.last_insert_id();
  write_members(c, saved);
  return saved.id;
}

void update(Connection& c, const QueueRow& q) {
  Params p = params_of(q);
  p.emplace_back("id", q.id);
  c.exec(
      "UPDATE queues SET name = :name, strategy = :strategy, timeout_s = :timeout, retry_s = :retry, "
      "max_callers = :max, wrapup_s = :wrapup, moh_class = :moh, announce_audio_id = :announce, updated_at = "
      ":updated "
      "WHERE id = :id",
      p);
  write_members(c, q);
}

std::vector<std::string> campaigns_using(Connection& c, const std::string& queue_name) {
  std::vector<std::string> out;
  for (const Row& r : c.query("SELECT name, ivr_options FROM campaigns WHERE ivr_options IS NOT NULL ORDER BY name")) {
    const auto options = nlohmann::json::parse(r.opt_str("ivr_options").value_or(""), nullptr, false);
    if (!options.is_object()) continue;
    for (const auto& [key, o] : options.items())
      if (o.is_object() && o.value("action", "") == "queue" && o.value("target", "") == queue_name) {
        out.push_back(r.str("name"));
        break;
      }
  }
  return out;
}

bool remove(Connection& c, std::int64_t id) {
  c.exec("DELETE FROM queue_members WHERE queue_id = :id", {{"id", id}});
  return c.exec("DELETE FROM queues WHERE id = :id", {{"id", id}}) > 0;
}
}  // namespace queues

// ---- trunks ----
namespace trunks {
namespace {
constexpr const char* kColumns =
    "id, name, host, port, transport, username, secret_enc, register_outbound, ip_match, codecs, "
    "max_channels, max_cps, "
    "caller_id, number_format, dial_prefix, allowed_prefixes, enabled, created_at, updated_at";

TrunkRow from(const Row& r) {
  TrunkRow t;
  t.id = r.i64("id");
  t.name = r.str("name");
  t.host = r.str("host");
  t.port = static_cast<int>(r.i64("port"));
  t.transport = r.str("transport");
  t.username = r.opt_str("username");
  t.secret_enc = r.opt_str("secret_enc");
  t.register_outbound = r.boolean("register_outbound");
  t.ip_match = r.opt_str("ip_match").value_or("");
  t.codecs = r.str("codecs");
  t.max_channels = static_cast<int>(r.i64("max_channels"));
  t.max_cps = r.f64("max_cps");
  t.caller_id = r.opt_str("caller_id");
  t.number_format = r.str("number_format");
  t.dial_prefix = r.opt_str("dial_prefix");
  t.allowed_prefixes = r.opt_str("allowed_prefixes").value_or("");
  t.enabled = r.boolean("enabled");
  t.created_at = r.i64("created_at");
  t.updated_at = r.i64("updated_at");
  return t;
}

Params params_of(const TrunkRow& t) {
  return {{"name", t.name},
          {"host", t.host},
          {"port", t.port},
          {"transport", t.transport},
          {"username", t.username},
          {"secret", t.secret_enc},
          {"register", t.register_outbound},
          {"ip", t.ip_match},
          {"codecs", t.codecs},
          {"max", t.max_channels},
          {"cps", t.max_cps},
          {"caller", t.caller_id},
          {"format", t.number_format},
          {"prefix", t.dial_prefix},
          {"allowed", t.allowed_prefixes},
          {"enabled", t.enabled},
          {"updated", t.updated_at}};
}
}  // namespace

std::vector<TrunkRow> list(Connection& c) {
  std::vector<TrunkRow> out;
  for (const Row& r : c.query(std::string("SELECT ") + kColumns + " FROM trunks ORDER BY name"))
    out.push_back(from(r));
  return out;
}

std::optional<TrunkRow> find(Connection& c, std::int64_t id) {
  auto r = c.query_one(std::string("SELECT ") + kColumns + " FROM trunks WHERE id = :id", {{"id", id}});
  return r ? std::optional(from(*r)) : std::nullopt;
}

std::optional<TrunkRow> find_by_name(Connection& c, const std::string& name) {
  auto r = c.query_one(std::string("SELECT ") + kColumns + " FROM trunks WHERE name = :n", {{"n", name}});
  return r ? std::optional(from(*r)) : std::nullopt;
}

std::int64_t insert(Connection& c, const TrunkRow& t) {
  Params p = params_of(t);
  p.emplace_back("created", t.created_at);
  c.exec(
      "INSERT INTO trunks (name, host, port, transport, username, secret_enc, register_outbound, ip_match, "
      "codecs, "
      "max_channels, max_cps, caller_id, number_format, dial_prefix, allowed_prefixes, enabled, created_at, "
      "updated_at) "
      "VALUES (:name, :host, :port, :transport, :username, :secret, :register, :ip, :codecs, :max, :cps, "
      ":caller, "
      ":format, :prefix, :allowed, :enabled, :created, :updated)",
      p);
  return c.last_insert_id();
}

void update(Connection& c, const TrunkRow& t) {
  Params p = params_of(t);
  p.emplace_back("id", t.id);
  c.exec(
      "UPDATE trunks SET name = :name, host = :host, port = :port, transport = :transport, username = "
      ":username, "
      "secret_enc = :secret, register_outbound = :register, ip_match = :ip, codecs = :codecs, max_channels = "
      ":max, "
      "max_cps = :cps, caller_id = :caller, number_format = :format, dial_prefix = :prefix, "
      "allowed_prefixes = :allowed, enabled = :enabled, updated_at = :updated WHERE id = :id",
      p);
}

bool remove(Connection& c, std::int64_t id) {
  return c.exec("DELETE FROM trunks WHERE id = :id", {{"id", id}}) > 0;
}

std::vector<std::string> campaigns_of(Connection& c, std::int64_t id) {
  std::vector<std::string> out;
  for (const Row& r : c.query(
           "SELECT DISTINCT k.name AS name FROM campaign_trunks t JOIN campaigns k ON k.id = t.campaign_id "
           "WHERE t.trunk_id = :id ORDER BY k.name",
           {{"id", id}}))
    out.push_back(r.str("name"));
  return out;
}
}  // namespace trunks

// ---- settings ----
namespace settings {
std::optional<std::string> get(Connection& c, const std::string& name) {
  auto r = c.query_one("SELECT value FROM settings WHERE name = :n", {{"n", name}});
  return r ? std::optional(r->str("value")) : std::nullopt;
}

void set(Connection& c, const std::string& name, const std::string& value, EpochMs now) {
  c.exec("DELETE FROM settings WHERE name = :n", {{"n", name}});
  c.exec("INSERT INTO settings (name, value, updated_at) VALUES (:n, :v, :at)",
         {{"n", name}, {"v", value}, {"at", now}});
}
}  // namespace settings

// ---- per-node configuration state ----
namespace node_config {
std::optional<NodeConfigState> find(Connection& c, std::int64_t node_id) {
  auto r =
      c.query_one("SELECT node_id, checksum, applied_at, ok, report FROM pbx_node_config WHERE node_id = :n",
                  {{"n", node_id}});
  if (!r) return std::nullopt;
  return NodeConfigState{r->i64("node_id"), r->str("checksum"), r->i64("applied_at"), r->boolean("ok"),
                         r->str("report")};
}

void put(Connection& c, const NodeConfigState& s) {
  c.exec("DELETE FROM pbx_node_config WHERE node_id = :n", {{"n", s.node_id}});
  c.exec(
      "INSERT INTO pbx_node_config (node_id, checksum, applied_at, ok, report) VALUES (:n, :sum, :at, :ok, "
      ":report)",
      {{"n", s.node_id}, {"sum", s.checksum}, {"at", s.applied_at}, {"ok", s.ok}, {"report", s.report}});
}
}  // namespace node_config

}  // namespace torpedo::storage
