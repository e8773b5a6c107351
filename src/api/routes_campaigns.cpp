// /campaigns: settings (SPEC §3), the status machine (start, pause, resume, cancel), progress,
// the call log and the calls up now. Admins create, edit, start and cancel; every signed-in
// user may pause and resume (an emergency stop must not wait for an admin). Every transition
// is audited and pushed as {"type":"campaign"} on the events hub; the engine is told at once.
#include <algorithm>
#include <set>

#include "api/api.h"
#include "api/error.h"
#include "api/telephony_changes.h"
#include "common/strings.h"
#include "common/time_format.h"
#include "engine/dialer.h"
#include "engine/policy.h"
#include "media/delivery.h"
#include "pbx/manager.h"
#include "storage/audio.h"
#include "storage/campaigns.h"
#include "storage/contacts.h"
#include "storage/telephony.h"
#include "telephony/model.h"
#include "telephony/validate.h"

namespace torpedo::api {
namespace {

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

json opt_time(const std::optional<EpochMs>& t) { return t ? json(format_iso8601(*t)) : json(nullptr); }
template <typename T>
json opt(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

const std::set<std::string> kFinal = {"completed", "cancelled"};

json progress_json(const engine::Progress& p) {
  const auto& k = p.counters;
  const auto& t = p.contacts;
  json asr = k.attempts ? json(static_cast<double>(k.answered) / static_cast<double>(k.attempts)) : json(nullptr);
  json acd = k.answered ? json(static_cast<double>(k.talk_ms_total) / 1000.0 / static_cast<double>(k.answered))
                        : json(nullptr);
  return {{"contacts", t.total()},
          {"pending", t.pending},
          {"dialing", t.dialing},
          {"completed", t.completed},
          {"dncSkipped", t.dnc},
          {"remaining", t.pending + t.dialing},
          {"attempts", k.attempts},
          {"up", p.up},
          {"answered", k.answered},
          {"voicemail", k.voicemail},
          {"noAnswer", k.no_answer},
          {"busy", k.busy},
          {"failed", k.failed},
          {"invalidNumber", k.invalid_number},
          {"cancelled", k.cancelled},
          {"unknown", k.unknown},
          {"shortCalls", k.short_calls},
          {"asr", asr},
          {"acdSeconds", acd},
          {"callsPerMinute", p.calls_per_minute}};
}

engine::Progress progress_of(Services& s, storage::Connection& c, const storage::CampaignRow& row) {
  if (s.dialer && row.status == "running")
    if (auto p = s.dialer->progress(row.id)) return *p;
  engine::Progress p;
  p.contacts = storage::campaigns::tally(c, row.id);
  p.counters = storage::campaigns::counters(c, row.id);
  // Before the first start the contacts are those of its lists.
  if (row.status == "draft" && p.contacts.total() == 0) p.contacts.pending = storage::campaigns::contacts_in_lists(c, row.id);
  return p;
}

bool has_control_chars(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](unsigned char ch) { return ch < 0x20 || ch == 0x7f; });
}

json problem(std::string field, std::string message) { return {{"field", std::move(field)}, {"message", std::move(message)}}; }

// What keeps a campaign from starting now (SPEC §3 and issue 7): audio delivered to every
// connected node, an enabled trunk, a connected node, a dialable contact.
json readiness(Services& s, storage::Connection& c, const storage::CampaignRow& row) {
  json out = json::array();
  if (kFinal.count(row.status) || row.status == "running") return out;
  std::vector<std::int64_t> connected;
  if (s.pbx)
    for (const auto& [id, st] : s.pbx->all_status())
      if (st.state == "connected") connected.push_back(id);
  if (connected.empty())
    out.push_back(problem("nodes", "Nenhum servidor Asterisk conectado. Confira em Servidores se a AMI está conectada."));
  if (!row.audio_id) {
    out.push_back(problem("audioId", "Escolha o áudio da mensagem."));
  } else if (auto a = storage::find_audio(c, *row.audio_id); !a) {
    out.push_back(problem("audioId", "O áudio escolhido não existe mais. Escolha outro."));
  } else if (s.delivery && !connected.empty()) {
    for (auto& why : s.delivery->not_ready(*a, connected)) out.push_back(problem("audioId", why));
  }
  bool trunk_ok = false;
  for (auto id : row.trunk_ids)
    if (auto t = storage::trunks::find(c, id); t && t->enabled) trunk_ok = true;
  if (!trunk_ok)
    out.push_back(problem("trunkIds", row.trunk_ids.empty() ? "Escolha ao menos um tronco."
                                                           : "Nenhum dos troncos escolhidos está ativo. Ative um em Troncos."));
  if (row.list_ids.empty()) {
    out.push_back(problem("listIds", "Escolha ao menos uma lista de contatos."));
  } else {
    auto any = c.query_one(
        "SELECT 1 AS x FROM contacts k JOIN campaign_lists l ON l.list_id = k.list_id WHERE l.campaign_id = :id AND "
        "NOT EXISTS (SELECT 1 FROM dnc d WHERE d.e164 = k.phone1_e164) LIMIT 1",
        {{"id", row.id}});
    if (!any) out.push_back(problem("listIds", "As listas não têm contato que possa ser chamado (vazias ou todos em Não Me Perturbe)."));
  }
  if (row.ivr_enabled) {
    auto options = json::parse(row.ivr_options, nullptr, false);
    if (!options.is_object() || options.empty())
      out.push_back(problem("ivrOptions", "A URA está ligada sem opções: configure ao menos uma tecla ou desligue a URA."));
  }
  if (row.ends_at && *row.ends_at <= s.clock.now_ms())
    out.push_back(problem("endsAt", "O fim da campanha já passou. Mude a data de fim."));
  return out;
}

json campaign_json(Services& s, storage::Connection& c, const storage::CampaignRow& row) {
  json ivr = json::parse(row.ivr_options, nullptr, false);
  json retry = json::parse(row.retry_policy, nullptr, false);
  json schedule = json::parse(row.schedule, nullptr, false);
  engine::RetryPolicy policy;
  try {
    policy = engine::parse_retry_policy(retry.is_object() ? retry : json::object());
  } catch (const engine::PolicyError&) {
  }
  std::vector<engine::Window> windows = engine::default_windows();
  try {
    windows = engine::parse_windows(schedule.is_object() ? schedule : json::object());
  } catch (const engine::PolicyError&) {
  }
  return {{"id", row.id},
          {"name", row.name},
          {"status", row.status},
          {"audioId", opt(row.audio_id)},
          {"listIds", row.list_ids},
          {"trunkIds", row.trunk_ids},
          {"callerId", opt(row.caller_id)},
          {"maxConcurrent", row.max_concurrent},
          {"maxCps", row.max_cps},
          {"ringTimeoutS", row.ring_timeout_s},
          {"amdEnabled", row.amd_enabled},
          {"amdParams", opt(row.amd_params)},
          {"machineAction", row.machine_action},
          {"ivrEnabled", row.ivr_enabled},
          {"ivrOptions", ivr.is_object() ? ivr : json::object()},
          {"readTimeoutS", row.read_timeout_s},
          {"retryPolicy", engine::to_json(policy)},
          {"schedule", engine::windows_json(windows)},
          {"timezone", row.timezone},
          {"allowHolidays", row.allow_holidays},
          {"startsAt", opt_time(row.starts_at)},
          {"endsAt", opt_time(row.ends_at)},
          {"createdAt", format_iso8601(row.created_at)},
          {"updatedAt", format_iso8601(row.updated_at)},
          {"startedAt", opt_time(row.started_at)},
          {"completedAt", opt_time(row.completed_at)},
          {"progress", progress_json(progress_of(s, c, row))},
          {"readiness", readiness(s, c, row)}};
}

storage::CampaignRow must_find(storage::Connection& c, std::int64_t id) {
  auto row = storage::campaigns::find(c, id);
  if (!row) throw not_found("Campanha não encontrada.");
  return *row;
}

// ---- validation of a body (create or patch) over `row`

std::vector<std::int64_t> id_list(const json& body, const std::string& field, std::size_t max) {
  const json& v = body[field];
  if (!v.is_array()) throw validation(field, "Deve ser uma lista de ids.");
  if (v.size() > max) throw validation(field, "No máximo " + std::to_string(max) + " itens.");
  std::vector<std::int64_t> out;
  for (const auto& x : v) {
    if (!x.is_number_integer() || x.get<std::int64_t>() <= 0) throw validation(field, "Deve ser uma lista de ids.");
    if (std::find(out.begin(), out.end(), x.get<std::int64_t>()) != out.end())
      throw validation(field, "O mesmo item aparece duas vezes.");
    out.push_back(x.get<std::int64_t>());
  }
  return out;
}

std::string ivr_options_checked(storage::Connection& c, const json& v) {
  if (!v.is_object()) throw validation("ivrOptions", "As opções da URA devem ser um objeto por tecla (0 a 9).");
  json out = json::object();
  for (auto it = v.begin(); it != v.end(); ++it) {
    const std::string key = it.key();
    const std::string path = "ivrOptions." + key;
    if (key.size() != 1 || key[0] < '0' || key[0] > '9') throw validation(path, "As teclas vão de 0 a 9.");
    const json& o = *it;
    if (!o.is_object() || !o.contains("action") || !o["action"].is_string())
      throw validation(path + ".action", "Escolha a ação da tecla " + key + ".");
    for (auto f = o.begin(); f != o.end(); ++f)
      if (f.key() != "action" && f.key() != "target" && f.key() != "timeoutS" && f.key() != "audioId")
        throw validation(path + "." + f.key(), "Campo desconhecido na opção da URA.");
    const std::string action = o["action"].get<std::string>();
    if (!telephony::ivr_action_from(action))
      throw validation(path + ".action", "Ação inválida: use queue, extension, optout, repeat ou hangup.");
    json x = {{"action", action}};
    std::string target = o.contains("target") && o["target"].is_string() ? o["target"].get<std::string>() : "";
    if (o.contains("target") && !o["target"].is_string() && !o["target"].is_null())
      throw validation(path + ".target", "O destino deve ser um texto.");
    if (action == "queue") {
      if (target.empty() || !storage::queues::find_by_name(c, target))
        throw validation(path + ".target", "Escolha uma fila existente para a tecla " + key + ".");
    } else if (action == "extension") {
      if (target.empty() || !storage::extensions::find_by_number(c, target))
        throw validation(path + ".target", "Escolha um ramal existente para a tecla " + key + ".");
    } else {
      target.clear();
    }
    x["target"] = target;
    if (o.contains("timeoutS")) {
      if (!o["timeoutS"].is_number_integer() || o["timeoutS"].get<std::int64_t>() < 5 ||
          o["timeoutS"].get<std::int64_t>() > 3600)
        throw validation(path + ".timeoutS", "O tempo de espera deve ser de 5 a 3600 segundos.");
      x["timeoutS"] = o["timeoutS"];
    } else {
      x["timeoutS"] = action == "queue" ? 60 : 30;
    }
    if (o.contains("audioId") && !o["audioId"].is_null()) {
      if (!o["audioId"].is_number_integer() || !storage::find_audio(c, o["audioId"].get<std::int64_t>()))
        throw validation(path + ".audioId", "O áudio escolhido não existe.");
      x["audioId"] = o["audioId"];
    }
    out[key] = x;
  }
  return out.dump();
}

std::optional<EpochMs> time_field(const json& body, const std::string& field) {
  const json& v = body[field];
  if (v.is_null()) return std::nullopt;
  auto t = v.is_string() ? parse_iso8601(v.get<std::string>()) : std::nullopt;
  if (!t) throw validation(field, "Use data e hora ISO 8601 com fuso, como 2026-12-01T09:00:00-03:00.");
  return t;
}

// Applies the fields of `body` to `row`; `running` limits what may change.
void apply_body(storage::Connection& c, const json& body, storage::CampaignRow& row, bool creating) {
  Fields f(body);
  const bool running = row.status == "running";
  auto deny_running = [&](const std::string& field) {
    if (running && body.contains(field))
      throw conflict("Pause a campanha para mudar este campo.", field);
  };
  for (const char* field : {"audioId", "listIds", "trunkIds", "callerId", "ringTimeoutS", "amdEnabled", "amdParams",
                            "machineAction", "ivrEnabled", "ivrOptions", "readTimeoutS", "timezone", "startsAt"})
    deny_running(field);
  if (auto v = f.string("name", creating, 1024)) {
    std::string name = trim(*v);
    if (name.empty() || name.size() > 255 || has_control_chars(name))
      throw validation("name", "Dê à campanha um nome de 1 a 255 caracteres, sem quebras de linha.");
    row.name = name;
  }
  if (f.is_null("audioId")) {
    row.audio_id.reset();
  } else if (auto v = f.integer("audioId", false, 1, INT64_MAX)) {
    auto a = storage::find_audio(c, *v);
    if (!a) throw validation("audioId", "O áudio escolhido não existe.");
    if (a->kind != "campaign") throw validation("audioId", "Escolha um áudio de campanha (não de música de espera).");
    row.audio_id = *v;
  }
  if (body.contains("listIds")) {
    row.list_ids = id_list(body, "listIds", 50);
    for (auto id : row.list_ids)
      if (!storage::find_list(c, id)) throw validation("listIds", "A lista " + std::to_string(id) + " não existe.");
  }
  if (body.contains("trunkIds")) {
    row.trunk_ids = id_list(body, "trunkIds", 8);
    for (auto id : row.trunk_ids)
      if (!storage::trunks::find(c, id)) throw validation("trunkIds", "O tronco " + std::to_string(id) + " não existe.");
  }
  if (f.is_null("callerId")) {
    row.caller_id.reset();
  } else if (auto v = f.string("callerId", false, 32)) {
    if (auto p = telephony::check_phone_digits(*v)) throw validation("callerId", *p);
    row.caller_id = *v;
  }
  if (auto v = f.integer("maxConcurrent", false, 1, 1000)) row.max_concurrent = static_cast<int>(*v);
  if (auto v = f.number("maxCps", false, 0.1, 100)) row.max_cps = *v;
  if (auto v = f.integer("ringTimeoutS", false, 10, 120)) row.ring_timeout_s = static_cast<int>(*v);
  if (auto v = f.boolean("amdEnabled", false)) row.amd_enabled = *v;
  if (f.is_null("amdParams")) {
    row.amd_params.reset();
  } else if (auto v = f.string("amdParams", false, 64)) {
    // AMD()'s arguments are numbers separated by commas: nothing else reaches the dialplan.
    const bool ok = !v->empty() && std::all_of(v->begin(), v->end(), [](char ch) { return (ch >= '0' && ch <= '9') || ch == ','; });
    if (!ok) throw validation("amdParams", "Use só números separados por vírgula, como 2500,1500,800,5000.");
    row.amd_params = *v;
  }
  if (auto v = f.string("machineAction", false, 16)) {
    if (*v != "hangup" && *v != "message")
      throw validation("machineAction", "Use hangup (desligar) ou message (deixar a mensagem após o bip).");
    row.machine_action = *v;
  }
  if (auto v = f.boolean("ivrEnabled", false)) row.ivr_enabled = *v;
  if (body.contains("ivrOptions")) row.ivr_options = ivr_options_checked(c, body["ivrOptions"]);
  if (auto v = f.integer("readTimeoutS", false, 1, 30)) row.read_timeout_s = static_cast<int>(*v);
  try {
    if (body.contains("retryPolicy")) row.retry_policy = engine::to_json(engine::parse_retry_policy(body["retryPolicy"])).dump();
    if (body.contains("schedule")) row.schedule = engine::windows_json(engine::parse_windows(body["schedule"])).dump();
  } catch (const engine::PolicyError& e) {
    throw validation(e.field, e.what());
  }
  if (auto v = f.string("timezone", false, 64)) {
    if (!engine::zone_offset(*v))
      throw validation("timezone", "Use um fuso do Brasil: America/Noronha, America/Sao_Paulo, America/Manaus ou America/Rio_Branco.");
    row.timezone = *v;
  }
  if (auto v = f.boolean("allowHolidays", false)) row.allow_holidays = *v;
  if (body.contains("startsAt")) row.starts_at = time_field(body, "startsAt");
  if (body.contains("endsAt")) row.ends_at = time_field(body, "endsAt");
  if (row.starts_at && row.ends_at && *row.ends_at <= *row.starts_at)
    throw validation("endsAt", "O fim deve ser depois do início.");
  f.reject_unknown_except({"listIds", "trunkIds", "ivrOptions", "retryPolicy", "schedule", "startsAt", "endsAt"});
}

void publish_transition(Services& s, const json& campaign, const std::string& from, const std::string& to,
                        const std::string& by) {
  s.hub.publish(dump(json{{"type", "campaign"}, {"campaign", campaign}, {"from", from}, {"to", to}, {"by", by}}));
  notify_audit(s);
}

http::Response command(Ctx& ctx, const std::string& cmd) {
  auto& s = ctx.services;
  const auto id = ctx.id_param();
  if ((cmd == "start" || cmd == "cancel") && !ctx.who().is_admin())
    throw ApiError(403, "forbidden", "Só administradores podem iniciar ou cancelar campanhas.");
  std::string from, to;
  auto out = s.db.write([&](storage::Connection& c) {
    auto row = must_find(c, id);
    from = row.status;
    const EpochMs now = s.clock.now_ms();
    if (cmd == "start") {
      if (row.status != "draft")
        throw conflict(row.status == "paused" ? "A campanha está pausada: use Retomar." : "A campanha já foi iniciada.");
      auto problems = readiness(s, c, row);
      if (!problems.empty()) {
        std::string msg = "A campanha não pode começar: ";
        for (std::size_t i = 0; i < problems.size(); ++i) msg += (i ? " " : "") + problems[i]["message"].get<std::string>();
        throw conflict(msg, problems[0]["field"].get<std::string>());
      }
      to = row.starts_at && *row.starts_at > now ? "scheduled" : "running";
      storage::campaigns::materialize(c, id, now);
    } else if (cmd == "pause") {
      if (row.status != "running" && row.status != "scheduled") throw conflict("Só uma campanha em execução ou agendada pode ser pausada.");
      to = "paused";
    } else if (cmd == "resume") {
      if (row.status != "paused") throw conflict("Só uma campanha pausada pode ser retomada.");
      if (row.ends_at && *row.ends_at <= now) throw conflict("O fim da campanha já passou. Mude a data de fim.", "endsAt");
      to = row.starts_at && *row.starts_at > now ? "scheduled" : "running";
      storage::campaigns::materialize(c, id, now);
    } else {
      if (kFinal.count(row.status)) throw conflict("A campanha já terminou.");
      to = "cancelled";
    }
    if (!storage::campaigns::transition(c, id, {from}, to, now))
      throw conflict("A campanha mudou de estado ao mesmo tempo. Recarregue a página.");
    ctx.audit(c, "campaign." + cmd, "campaign", std::to_string(id), json{{"from", from}, {"to", to}, {"name", row.name}});
    return campaign_json(s, c, must_find(c, id));
  });
  if (s.dialer) s.dialer->campaign_changed(id);
  publish_transition(s, out, from, to, ctx.who().user.email);
  return http::Response::json(200, dump(out));
}

}  // namespace

void publish_campaign_transition(Services& s, std::int64_t id, const std::string& from, const std::string& to,
                                 const std::string& by) {
  auto campaign = s.db.read([&](storage::Connection& c) -> std::optional<json> {
    auto row = storage::campaigns::find(c, id);
    if (!row) return std::nullopt;
    return campaign_json(s, c, *row);
  });
  if (campaign) publish_transition(s, *campaign, from, to, by);
}

std::string campaign_progress_message(std::int64_t id, const engine::Progress& p, EpochMs at) {
  return dump(json{{"type", "campaign-progress"}, {"campaignId", id}, {"progress", progress_json(p)},
                   {"at", format_iso8601(at)}});
}

void register_campaign_routes(Routes& routes) {
  routes.add("GET", "/api/v1/campaigns", Access::user, [](Ctx& ctx) {
    auto items = ctx.services.db.read([&](storage::Connection& c) {
      json out = json::array();
      for (const auto& row : storage::campaigns::list(c)) out.push_back(campaign_json(ctx.services, c, row));
      return out;
    });
    return http::Response::json(200, dump(json{{"items", items}}));
  });

  routes.add("GET", "/api/v1/campaigns/{id}", Access::user, [](Ctx& ctx) {
    const auto id = ctx.id_param();
    auto body = ctx.services.db.read([&](storage::Connection& c) { return campaign_json(ctx.services, c, must_find(c, id)); });
    return http::Response::json(200, dump(body));
  });

  routes.add("POST", "/api/v1/campaigns", Access::admin, [](Ctx& ctx) {
    json body = ctx.body();
    auto& s = ctx.services;
    storage::CampaignRow row;
    row.retry_policy = engine::to_json(engine::RetryPolicy{}).dump();
    row.schedule = engine::windows_json(engine::default_windows()).dump();
    row.created_by = ctx.who().user_id();
    row.created_at = row.updated_at = s.clock.now_ms();
    auto out = s.db.write([&](storage::Connection& c) {
      apply_body(c, body, row, true);
      row.id = storage::campaigns::insert(c, row);
      ctx.audit(c, "campaign.create", "campaign", std::to_string(row.id), json{{"name", row.name}});
      return campaign_json(s, c, *storage::campaigns::find(c, row.id));
    });
    // Its dialplan context (IVR keys) goes to the nodes with the rest of the configuration.
    telephony_changed(s, "campaign", "created", std::to_string(row.id));
    auto r = http::Response::json(201, dump(out));
    r.set_header("Location", "/api/v1/campaigns/" + std::to_string(row.id));
    return r;
  });

  routes.add("PATCH", "/api/v1/campaigns/{id}", Access::admin, [](Ctx& ctx) {
    const auto id = ctx.id_param();
    json body = ctx.body();
    auto& s = ctx.services;
    bool ivr_changed = body.contains("ivrOptions") || body.contains("ivrEnabled");
    auto out = s.db.write([&](storage::Connection& c) {
      auto row = must_find(c, id);
      if (kFinal.count(row.status)) throw conflict("Uma campanha concluída ou cancelada não muda mais.");
      apply_body(c, body, row, false);
      row.updated_at = s.clock.now_ms();
      storage::campaigns::update(c, row);
      ctx.audit(c, "campaign.update", "campaign", std::to_string(id), json{{"fields", [&] {
                                                                             json keys = json::array();
                                                                             for (auto it = body.begin(); it != body.end(); ++it)
                                                                               keys.push_back(it.key());
                                                                             return keys;
                                                                           }()}});
      return campaign_json(s, c, must_find(c, id));
    });
    if (s.dialer) s.dialer->campaign_changed(id);
    if (ivr_changed) telephony_changed(s, "campaign", "updated", std::to_string(id));
    else notify_change(s, "campaign", "updated", std::to_string(id));
    return http::Response::json(200, dump(out));
  });

  routes.add("DELETE", "/api/v1/campaigns/{id}", Access::admin, [](Ctx& ctx) {
    const auto id = ctx.id_param();
    auto& s = ctx.services;
    s.db.write([&](storage::Connection& c) {
      auto row = must_find(c, id);
      if (row.status != "draft" && !kFinal.count(row.status))
        throw conflict("Cancele a campanha antes de excluí-la.");
      storage::campaigns::remove(c, id);
      ctx.audit(c, "campaign.delete", "campaign", std::to_string(id), json{{"name", row.name}});
      return 0;
    });
    telephony_changed(s, "campaign", "deleted", std::to_string(id));
    return http::Response::no_content();
  });

  for (const char* cmd : {"start", "pause", "resume", "cancel"}) {
    const std::string name = cmd;
    routes.add("POST", "/api/v1/campaigns/{id}/" + name, Access::user, [name](Ctx& ctx) { return command(ctx, name); });
  }

  routes.add("GET", "/api/v1/campaigns/{id}/attempts", Access::user, [](Ctx& ctx) {
    const auto id = ctx.id_param();
    const int limit = page_limit(ctx.req, 50, 200);
    const auto cursor = cursor_param(ctx.req);
    auto body = ctx.services.db.read([&](storage::Connection& c) {
      must_find(c, id);
      auto rows = storage::campaigns::recent_attempts(c, id, limit + 1, cursor);
      json items = json::array();
      json next = nullptr;
      for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& a = rows[i];
        if (static_cast<int>(i) == limit) {
          next = std::to_string(rows[i - 1].id);
          break;
        }
        items.push_back({{"id", a.id},
                         {"contactId", a.contact_id},
                         {"attemptNo", a.attempt_no},
                         {"phoneIndex", a.phone_index},
                         {"number", a.number},
                         {"trunkId", opt(a.trunk_id)},
                         {"nodeId", opt(a.node_id)},
                         {"state", a.state},
                         {"createdAt", format_iso8601(a.created_at)},
                         {"answeredAt", opt_time(a.answered_at)},
                         {"endedAt", opt_time(a.ended_at)},
                         {"disposition", opt(a.disposition)},
                         {"hangupCause", opt(a.hangup_cause)},
                         {"techCause", opt(a.tech_cause)},
                         {"amdStatus", opt(a.amd_status)},
                         {"dtmf", opt(a.dtmf)},
                         {"ringSeconds", a.ring_ms ? json(static_cast<double>(*a.ring_ms) / 1000.0) : json(nullptr)},
                         {"talkSeconds", a.talk_ms ? json(static_cast<double>(*a.talk_ms) / 1000.0) : json(nullptr)}});
      }
      return json{{"items", items}, {"nextCursor", next}};
    });
    return http::Response::json(200, dump(body));
  });

  routes.add("GET", "/api/v1/campaigns/{id}/live", Access::user, [](Ctx& ctx) {
    const auto id = ctx.id_param();
    auto& s = ctx.services;
    auto body = s.db.read([&](storage::Connection& c) {
      auto row = must_find(c, id);
      json calls = json::array();
      if (s.dialer)
        for (const auto& l : s.dialer->live_calls(id))
          calls.push_back({{"attemptId", l.attempt_id},
                           {"contactId", l.contact_id},
                           {"number", l.number},
                           {"trunkId", l.trunk_id},
                           {"nodeId", l.node_id},
                           {"state", l.state},
                           {"startedAt", format_iso8601(l.started_at)},
                           {"answeredAt", opt_time(l.answered_at)}});
      return json{{"calls", calls}, {"progress", progress_json(progress_of(s, c, row))}};
    });
    return http::Response::json(200, dump(body));
  });
}

}  // namespace torpedo::api
