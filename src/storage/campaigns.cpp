#include "storage/campaigns.h"

namespace torpedo::storage::campaigns {
namespace {

constexpr const char* kColumns =
    "id, name, status, audio_id, caller_id, max_concurrent, max_cps, ring_timeout_s, amd_enabled, amd_params, "
    "machine_action, ivr_enabled, ivr_options, read_timeout_s, retry_policy, schedule, timezone, allow_holidays, "
    "starts_at, ends_at, created_by, created_at, updated_at, started_at, completed_at";

CampaignRow from(Connection& c, const Row& r) {
  CampaignRow x;
  x.id = r.i64("id");
  x.name = r.str("name");
  x.status = r.str("status");
  x.audio_id = r.opt_i64("audio_id");
  x.caller_id = r.opt_str("caller_id");
  x.max_concurrent = static_cast<int>(r.i64("max_concurrent"));
  x.max_cps = r.f64("max_cps");
  x.ring_timeout_s = static_cast<int>(r.i64("ring_timeout_s"));
  x.amd_enabled = r.boolean("amd_enabled");
  x.amd_params = r.opt_str("amd_params");
  x.machine_action = r.str("machine_action");
  x.ivr_enabled = r.boolean("ivr_enabled");
  x.ivr_options = r.opt_str("ivr_options").value_or("{}");
  x.read_timeout_s = static_cast<int>(r.i64("read_timeout_s"));
  x.retry_policy = r.opt_str("retry_policy").value_or("{}");
  x.schedule = r.opt_str("schedule").value_or("{}");
  x.timezone = r.str("timezone");
  x.allow_holidays = r.boolean("allow_holidays");
  x.starts_at = r.opt_i64("starts_at");
  x.ends_at = r.opt_i64("ends_at");
  x.created_by = r.opt_i64("created_by");
  x.created_at = r.i64("created_at");
  x.updated_at = r.i64("updated_at");
  x.started_at = r.opt_i64("started_at");
  x.completed_at = r.opt_i64("completed_at");
  for (const Row& l : c.query("SELECT list_id FROM campaign_lists WHERE campaign_id = :id ORDER BY list_id", {{"id", x.id}}))
    x.list_ids.push_back(l.i64("list_id"));
  for (const Row& t :
       c.query("SELECT trunk_id FROM campaign_trunks WHERE campaign_id = :id ORDER BY position", {{"id", x.id}}))
    x.trunk_ids.push_back(t.i64("trunk_id"));
  return x;
}

Params settings_params(const CampaignRow& x) {
  return {{"name", x.name},
          {"audio", x.audio_id},
          {"caller", x.caller_id},
          {"maxc", x.max_concurrent},
          {"cps", x.max_cps},
          {"ring", x.ring_timeout_s},
          {"amd", x.amd_enabled},
          {"amdp", x.amd_params},
          {"machine", x.machine_action},
          {"ivr", x.ivr_enabled},
          {"ivro", x.ivr_options},
          {"readt", x.read_timeout_s},
          {"retry", x.retry_policy},
          {"sched", x.schedule},
          {"tz", x.timezone},
          {"hol", x.allow_holidays},
          {"starts", x.starts_at},
          {"ends", x.ends_at},
          {"updated", x.updated_at}};
}

void write_links(Connection& c, const CampaignRow& x) {
  c.exec("DELETE FROM campaign_lists WHERE campaign_id = :id", {{"id", x.id}});
  c.exec("DELETE FROM campaign_trunks WHERE campaign_id = :id", {{"id", x.id}});
  for (auto list : x.list_ids)
    c.exec("INSERT INTO campaign_lists (campaign_id, list_id) VALUES (:c, :l)", {{"c", x.id}, {"l", list}});
  int position = 0;
  for (auto trunk : x.trunk_ids)
    c.exec("INSERT INTO campaign_trunks (campaign_id, position, trunk_id) VALUES (:c, :p, :t)",
           {{"c", x.id}, {"p", position++}, {"t", trunk}});
}

AttemptRow attempt_from(const Row& r) {
  AttemptRow a;
  a.id = r.i64("id");
  a.uuid = r.str("uuid");
  a.action_id = r.str("action_id");
  a.campaign_id = r.i64("campaign_id");
  a.campaign_contact_id = r.i64("campaign_contact_id");
  a.contact_id = r.i64("contact_id");
  a.attempt_no = static_cast<int>(r.i64("attempt_no"));
  a.phone_index = static_cast<int>(r.i64("phone_index"));
  a.number = r.str("number");
  a.trunk_id = r.opt_i64("trunk_id");
  a.node_id = r.opt_i64("pbx_node_id");
  a.channel = r.opt_str("channel");
  a.state = r.str("state");
  a.created_at = r.i64("created_at");
  a.answered_at = r.opt_i64("answered_at");
  a.ended_at = r.opt_i64("ended_at");
  a.disposition = r.opt_str("disposition");
  if (auto v = r.opt_i64("hangup_cause")) a.hangup_cause = static_cast<int>(*v);
  if (auto v = r.opt_i64("tech_cause")) a.tech_cause = static_cast<int>(*v);
  a.amd_status = r.opt_str("amd_status");
  a.amd_cause = r.opt_str("amd_cause");
  a.dtmf = r.opt_str("dtmf");
  a.ring_ms = r.opt_i64("ring_ms");
  a.talk_ms = r.opt_i64("talk_ms");
  return a;
}

constexpr const char* kAttemptColumns =
    "id, uuid, action_id, campaign_id, campaign_contact_id, contact_id, attempt_no, phone_index, number, trunk_id, "
    "pbx_node_id, channel, state, created_at, answered_at, ended_at, disposition, hangup_cause, tech_cause, "
    "amd_status, amd_cause, dtmf, ring_ms, talk_ms";

// The counter column of each disposition (fixed names: never built from input).
const char* counter_column(const std::string& disposition) {
  if (disposition == "answered") return "answered";
  if (disposition == "voicemail") return "voicemail";
  if (disposition == "busy") return "busy";
  if (disposition == "no-answer") return "no_answer";
  if (disposition == "failed") return "failed";
  if (disposition == "invalid-number") return "invalid_number";
  if (disposition == "cancelled") return "cancelled";
  return "unknown";
}

void ensure_counters(Connection& c, std::int64_t campaign_id, EpochMs now) {
  const char* sql = c.dialect() == Dialect::sqlite
                        ? "INSERT OR IGNORE INTO campaign_counters (campaign_id, updated_at) VALUES (:c, :now)"
                        : "INSERT IGNORE INTO campaign_counters (campaign_id, updated_at) VALUES (:c, :now)";
  c.exec(sql, {{"c", campaign_id}, {"now", now}});
}

}  // namespace

std::vector<CampaignRow> list(Connection& c) {
  std::vector<CampaignRow> out;
  for (const Row& r : c.query(std::string("SELECT ") + kColumns + " FROM campaigns ORDER BY id DESC"))
    out.push_back(from(c, r));
  return out;
}

std::optional<CampaignRow> find(Connection& c, std::int64_t id) {
  auto r = c.query_one(std::string("SELECT ") + kColumns + " FROM campaigns WHERE id = :id", {{"id", id}});
  return r ? std::optional(from(c, *r)) : std::nullopt;
}

std::int64_t insert(Connection& c, const CampaignRow& x) {
  Params p = settings_params(x);
  p.emplace_back("status", x.status);
  p.emplace_back("by", x.created_by);
  p.emplace_back("created", x.created_at);
  c.exec(
      "INSERT INTO campaigns (name, audio_id, caller_id, max_concurrent, max_cps, ring_timeout_s, amd_enabled, "
      "amd_params, machine_action, ivr_enabled, ivr_options, read_timeout_s, retry_policy, schedule, timezone, "
      "allow_holidays, starts_at, ends_at, updated_at, status, created_by, created_at) VALUES (:name, :audio, "
      ":caller, :maxc, :cps, :ring, :amd, :amdp, :machine, :ivr, :ivro, :readt, :retry, :sched, :tz, :hol, "
      ":starts, :ends, :updated, :status, :by, :created)",
      p);
  CampaignRow copy = x;
  copy.id = c.last_insert_id();
  write_links(c, copy);
  ensure_counters(c, copy.id, x.created_at);
  return copy.id;
}

void update(Connection& c, const CampaignRow& x) {
  Params p = settings_params(x);
  p.emplace_back("id", x.id);
  c.exec(
      "UPDATE campaigns SET name = :name, audio_id = :audio, caller_id = :caller, max_concurrent = :maxc, "
      "max_cps = :cps, ring_timeout_s = :ring, amd_enabled = :amd, amd_params = :amdp, machine_action = :machine, "
      "ivr_enabled = :ivr, ivr_options = :ivro, read_timeout_s = :readt, retry_policy = :retry, schedule = :sched, "
      "timezone = :tz, allow_holidays = :hol, starts_at = :starts, ends_at = :ends, updated_at = :updated "
      "WHERE id = :id",
      p);
  write_links(c, x);
}

bool remove(Connection& c, std::int64_t id) {
  // Children first: SQLite cascades row by row, and attempts can be millions.
  c.exec("DELETE FROM call_attempts WHERE campaign_id = :id", {{"id", id}});
  c.exec("DELETE FROM campaign_contacts WHERE campaign_id = :id", {{"id", id}});
  c.exec("DELETE FROM campaign_counters WHERE campaign_id = :id", {{"id", id}});
  c.exec("DELETE FROM campaign_lists WHERE campaign_id = :id", {{"id", id}});
  c.exec("DELETE FROM campaign_trunks WHERE campaign_id = :id", {{"id", id}});
  return c.exec("DELETE FROM campaigns WHERE id = :id", {{"id", id}}) > 0;
}

bool transition(Connection& c, std::int64_t id, const std::vector<std::string>& from_states, const std::string& to,
                EpochMs now) {
  std::string sql = "UPDATE campaigns SET status = :p, updated_at = :p";
  Params p{{"", to}, {"", now}};
  if (to == "running") {
    sql += ", started_at = COALESCE(started_at, :p)";
    p.emplace_back("", now);
  }
  if (to == "completed" || to == "cancelled") {
    sql += ", completed_at = :p";
    p.emplace_back("", now);
  }
  sql += " WHERE id = :p AND status IN (";
  p.emplace_back("", id);
  for (std::size_t i = 0; i < from_states.size(); ++i) {
    sql += i ? ",:p" : ":p";
    p.emplace_back("", from_states[i]);
  }
  sql += ")";
  return c.exec(sql, p) > 0;
}

std::vector<std::int64_t> ids_in_status(Connection& c, const std::vector<std::string>& statuses) {
  std::string sql = "SELECT id FROM campaigns WHERE status IN (";
  Params p;
  for (std::size_t i = 0; i < statuses.size(); ++i) {
    sql += i ? ",:p" : ":p";
    p.emplace_back("", statuses[i]);
  }
  sql += ") ORDER BY id";
  std::vector<std::int64_t> out;
  for (const Row& r : c.query(sql, p)) out.push_back(r.i64("id"));
  return out;
}

std::int64_t materialize(Connection& c, std::int64_t id, EpochMs now) {
  return c.exec(
      "INSERT INTO campaign_contacts (campaign_id, contact_id, status, phone_index, attempts, next_attempt_at, "
      "updated_at) SELECT :p, k.id, 'pending', 1, 0, 0, :p FROM contacts k JOIN campaign_lists l ON l.list_id = "
      "k.list_id WHERE l.campaign_id = :p AND NOT EXISTS (SELECT 1 FROM campaign_contacts x WHERE x.campaign_id = "
      ":p AND x.contact_id = k.id)",
      {{"", id}, {"", now}, {"", id}, {"", id}});
}

std::int64_t contacts_in_lists(Connection& c, std::int64_t id) {
  auto r = c.query_one(
      "SELECT COUNT(*) AS n FROM contacts k JOIN campaign_lists l ON l.list_id = k.list_id WHERE l.campaign_id = :id",
      {{"id", id}});
  return r ? r->i64("n") : 0;
}

ContactTally tally(Connection& c, std::int64_t id) {
  ContactTally t;
  for (const Row& r : c.query(
           "SELECT status, COUNT(*) AS n FROM campaign_contacts WHERE campaign_id = :id GROUP BY status", {{"id", id}})) {
    const auto s = r.str("status");
    const auto n = r.i64("n");
    if (s == "pending") t.pending = n;
    else if (s == "dialing") t.dialing = n;
    else if (s == "completed") t.completed = n;
    else if (s == "dnc") t.dnc = n;
  }
  return t;
}

CampaignCounters counters(Connection& c, std::int64_t id) {
  CampaignCounters k;
  auto r = c.query_one(
      "SELECT attempts, answered, voicemail, busy, no_answer, failed, invalid_number, cancelled, unknown, "
      "dnc_skipped, short_calls, talk_ms_total, ring_ms_total FROM campaign_counters WHERE campaign_id = :id",
      {{"id", id}});
  if (!r) return k;
  k.attempts = r->i64("attempts");
  k.answered = r->i64("answered");
  k.voicemail = r->i64("voicemail");
  k.busy = r->i64("busy");
  k.no_answer = r->i64("no_answer");
  k.failed = r->i64("failed");
  k.invalid_number = r->i64("invalid_number");
  k.cancelled = r->i64("cancelled");
  k.unknown = r->i64("unknown");
  k.dnc_skipped = r->i64("dnc_skipped");
  k.short_calls = r->i64("short_calls");
  k.talk_ms_total = r->i64("talk_ms_total");
  k.ring_ms_total = r->i64("ring_ms_total");
  return k;
}

std::vector<DueContact> due(Connection& c, std::int64_t campaign_id, EpochMs now, int limit) {
  std::vector<DueContact> out;
  for (const Row& r : c.query(
           "SELECT cc.id AS id, cc.contact_id AS contact_id, cc.phone_index AS phone_index, cc.attempts AS attempts, "
           "k.phone1_e164 AS p1, k.phone2_e164 AS p2, k.phone3_e164 AS p3, k.invalid_flags AS inv "
           "FROM campaign_contacts cc JOIN contacts k ON k.id = cc.contact_id "
           "WHERE cc.campaign_id = :c AND cc.status = 'pending' AND cc.next_attempt_at <= :now "
           "ORDER BY cc.next_attempt_at, cc.id LIMIT :lim",
           {{"c", campaign_id}, {"now", now}, {"lim", limit}})) {
    DueContact d;
    d.id = r.i64("id");
    d.contact_id = r.i64("contact_id");
    d.phone_index = static_cast<int>(r.i64("phone_index"));
    d.attempts = static_cast<int>(r.i64("attempts"));
    d.phones = {r.str("p1"), r.opt_str("p2").value_or(""), r.opt_str("p3").value_or("")};
    d.invalid_mask = static_cast<unsigned>(r.i64("inv"));
    out.push_back(std::move(d));
  }
  return out;
}

std::optional<EpochMs> next_due_at(Connection& c, std::int64_t campaign_id) {
  auto r = c.query_one(
      "SELECT MIN(next_attempt_at) AS t FROM campaign_contacts WHERE campaign_id = :c AND status = 'pending'",
      {{"c", campaign_id}});
  return r ? r->opt_i64("t") : std::nullopt;
}

void postpone(Connection& c, const std::vector<std::int64_t>& ids, EpochMs at, EpochMs now) {
  for (auto id : ids)
    c.exec("UPDATE campaign_contacts SET next_attempt_at = :at, updated_at = :now WHERE id = :id AND status = 'pending'",
           {{"at", at}, {"now", now}, {"id", id}});
}

void skip_phone(Connection& c, const DueContact& d, std::optional<int> next_phone, EpochMs now,
                std::int64_t campaign_id) {
  if (next_phone) {
    c.exec("UPDATE campaign_contacts SET phone_index = :p, updated_at = :now WHERE id = :id",
           {{"p", *next_phone}, {"now", now}, {"id", d.id}});
    return;
  }
  c.exec("UPDATE campaign_contacts SET status = 'dnc', last_disposition = 'dnc-skipped', updated_at = :now "
         "WHERE id = :id",
         {{"now", now}, {"id", d.id}});
  ensure_counters(c, campaign_id, now);
  c.exec("UPDATE campaign_counters SET dnc_skipped = dnc_skipped + 1, updated_at = :now WHERE campaign_id = :c",
         {{"now", now}, {"c", campaign_id}});
}

void begin_attempt(Connection& c, AttemptRow& a) {
  c.exec(
      "INSERT INTO call_attempts (uuid, action_id, campaign_id, campaign_contact_id, contact_id, attempt_no, "
      "phone_index, number, trunk_id, pbx_node_id, state, created_at, originated_at) VALUES (:p, :p, :p, :p, :p, "
      ":p, :p, :p, :p, :p, 'dialing', :p, :p)",
      {{"", a.uuid},
       {"", a.action_id},
       {"", a.campaign_id},
       {"", a.campaign_contact_id},
       {"", a.contact_id},
       {"", a.attempt_no},
       {"", a.phone_index},
       {"", a.number},
       {"", a.trunk_id},
       {"", a.node_id},
       {"", a.created_at},
       {"", a.created_at}});
  a.id = c.last_insert_id();
  c.exec("UPDATE campaign_contacts SET status = 'dialing', attempts = attempts + 1, phone_index = :p, updated_at = "
         ":p WHERE id = :p",
         {{"", a.phone_index}, {"", a.created_at}, {"", a.campaign_contact_id}});
}

void withdraw_attempt(Connection& c, std::int64_t attempt_id, std::int64_t cc_id, EpochMs now) {
  c.exec("DELETE FROM call_attempts WHERE id = :id AND state = 'dialing'", {{"id", attempt_id}});
  c.exec("UPDATE campaign_contacts SET status = 'pending', attempts = attempts - 1, next_attempt_at = :now, "
         "updated_at = :now2 WHERE id = :id AND status = 'dialing'",
         {{"now", now}, {"now2", now}, {"id", cc_id}});
}

void end_attempt(Connection& c, const AttemptEnd& e) {
  // Only an attempt still open can end: a second end (a late Hangup after a timeout) changes nothing.
  const auto changed = c.exec(
      "UPDATE call_attempts SET state = 'ended', disposition = :p, channel = COALESCE(:p, channel), hangup_cause = "
      ":p, tech_cause = :p, amd_status = :p, amd_cause = :p, dtmf = :p, answered_at = :p, ended_at = :p, ring_ms = "
      ":p, talk_ms = :p WHERE id = :p AND state <> 'ended'",
      {{"", e.disposition},
       {"", e.channel},
       {"", e.hangup_cause},
       {"", e.tech_cause},
       {"", e.amd_status},
       {"", e.amd_cause},
       {"", e.dtmf},
       {"", e.answered_at},
       {"", e.ended_at},
       {"", e.ring_ms},
       {"", e.talk_ms},
       {"", e.attempt_id}});
  if (changed == 0) return;
  if (e.contact_done)
    c.exec("UPDATE campaign_contacts SET status = 'completed', last_disposition = :d, updated_at = :now WHERE id = :id",
           {{"d", e.disposition}, {"now", e.ended_at}, {"id", e.campaign_contact_id}});
  else
    c.exec("UPDATE campaign_contacts SET status = 'pending', last_disposition = :d, phone_index = :p, "
           "next_attempt_at = :at, updated_at = :now WHERE id = :id",
           {{"d", e.disposition},
            {"p", e.next_phone_index},
            {"at", e.next_attempt_at},
            {"now", e.ended_at},
            {"id", e.campaign_contact_id}});
  if (e.invalid_changed)
    c.exec("UPDATE contacts SET invalid_flags = :f WHERE id = :id",
           {{"f", static_cast<std::int64_t>(e.invalid_mask)}, {"id", e.contact_id}});
  if (e.optout_number) {
    const char* sql = c.dialect() == Dialect::sqlite
                          ? "INSERT OR IGNORE INTO dnc (e164, source, note, created_at) VALUES (:n, 'ivr', :note, :now)"
                          : "INSERT IGNORE INTO dnc (e164, source, note, created_at) VALUES (:n, 'ivr', :note, :now)";
    c.exec(sql, {{"n", *e.optout_number},
                 {"note", "Opt-out na URA da campanha " + std::to_string(e.campaign_id)},
                 {"now", e.ended_at}});
  }
  ensure_counters(c, e.campaign_id, e.ended_at);
  const std::string column = counter_column(e.disposition);
  c.exec("UPDATE campaign_counters SET attempts = attempts + 1, " + column + " = " + column +
             " + 1, short_calls = short_calls + :s, talk_ms_total = talk_ms_total + :t, ring_ms_total = "
             "ring_ms_total + :r, updated_at = :now WHERE campaign_id = :c",
         {{"s", e.short_call ? 1 : 0}, {"t", e.talk_ms}, {"r", e.ring_ms}, {"now", e.ended_at}, {"c", e.campaign_id}});
}

std::vector<AttemptRow> open_attempts(Connection& c) {
  std::vector<AttemptRow> out;
  for (const Row& r : c.query(std::string("SELECT ") + kAttemptColumns +
                              " FROM call_attempts WHERE state <> 'ended' ORDER BY id"))
    out.push_back(attempt_from(r));
  return out;
}

std::vector<AttemptRow> recent_attempts(Connection& c, std::int64_t campaign_id, int limit,
                                        std::optional<std::int64_t> before_id) {
  std::vector<AttemptRow> out;
  std::string sql = std::string("SELECT ") + kAttemptColumns + " FROM call_attempts WHERE campaign_id = :c";
  Params p{{"c", campaign_id}};
  if (before_id) {
    sql += " AND id < :b";
    p.emplace_back("b", *before_id);
  }
  sql += " ORDER BY id DESC LIMIT :lim";
  p.emplace_back("lim", limit);
  for (const Row& r : c.query(sql, p)) out.push_back(attempt_from(r));
  return out;
}

std::optional<DueContact> contact_state(Connection& c, std::int64_t cc_id) {
  auto r = c.query_one(
      "SELECT cc.id AS id, cc.contact_id AS contact_id, cc.phone_index AS phone_index, cc.attempts AS attempts, "
      "k.phone1_e164 AS p1, k.phone2_e164 AS p2, k.phone3_e164 AS p3, k.invalid_flags AS inv "
      "FROM campaign_contacts cc JOIN contacts k ON k.id = cc.contact_id WHERE cc.id = :id",
      {{"id", cc_id}});
  if (!r) return std::nullopt;
  DueContact d;
  d.id = r->i64("id");
  d.contact_id = r->i64("contact_id");
  d.phone_index = static_cast<int>(r->i64("phone_index"));
  d.attempts = static_cast<int>(r->i64("attempts"));
  d.phones = {r->str("p1"), r->opt_str("p2").value_or(""), r->opt_str("p3").value_or("")};
  d.invalid_mask = static_cast<unsigned>(r->i64("inv"));
  return d;
}

}  // namespace torpedo::storage::campaigns
