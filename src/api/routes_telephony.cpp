// /extensions, /queues, /trunks: the PBX side an operator configures from Torpedo. Every string
// is held to telephony/validate.h before it is stored, so that what reaches the generator is
// already safe; secrets are sealed at rest and write-only (an extension's generated secret is
// shown once, when created or regenerated).
#include <algorithm>
#include <set>

#include "api/api.h"
#include "api/error.h"
#include "api/telephony_changes.h"
#include "common/crypto.h"
#include "common/strings.h"
#include "common/time_format.h"
#include "storage/audio.h"
#include "storage/telephony.h"
#include "telephony/generator.h"
#include "telephony/validate.h"

namespace torpedo::api {
namespace {

std::string dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}
// Lists are stored as comma-separated text (codecs, IP matches, prefixes).
std::vector<std::string> split_list(const std::string& s) { return split(s, ',', true); }

json opt(const std::optional<std::string>& v) {
  return v ? json(*v) : json(nullptr);
}

void check(const std::string& field, const telephony::Problem& p) {
  if (p) throw validation(field, *p);
}

std::vector<std::string> checked_codecs(const std::vector<std::string>& codecs) {
  check("codecs", telephony::check_codecs(codecs));
  return codecs;
}

// ---------------------------------------------------------------- extensions

// A SIP user that is not the number: scanners try numeric users first.
std::string new_endpoint(const std::string& number) {
  return "r" + number + "-" + crypto::random_string(6, "abcdefghijkmnopqrstuvwxyz23456789");
}

std::string new_extension_secret() {
  return crypto::random_string(24);
}

json extension_json(const storage::ExtensionRow& e, const std::vector<std::string>& queues) {
  return json{{"id", e.id},
              {"number", e.number},
              {"endpoint", e.endpoint},
              {"name", e.name},
              {"callerId", opt(e.caller_id)},
              {"codecs", split_list(e.codecs)},
              {"enabled", e.enabled},
              {"hasSecret", !e.secret_enc.empty()},
              {"queues", queues},
              {"createdAt", format_iso8601(e.created_at)},
              {"updatedAt", format_iso8601(e.updated_at)}};
}

json extension_json(storage::Connection& c, const storage::ExtensionRow& e) {
  return extension_json(e, storage::extensions::queues_of(c, e.id));
}

void register_extension_routes(Routes& routes) {
  routes.add("GET", "/api/v1/extensions", Access::user, [](Ctx& ctx) {
    auto items = ctx.services.db.read([](storage::Connection& c) {
      json out = json::array();
      for (const auto& e : storage::extensions::list(c)) out.push_back(extension_json(c, e));
      return out;
    });
    return http::Response::json(200, dump(json{{"items", items}}));
  });

  routes.add("GET", "/api/v1/extensions/{id}", Access::user, [](Ctx& ctx) {
    const auto id = ctx.id_param();
    auto body = ctx.services.db.read([&](storage::Connection& c) {
      auto e = storage::extensions::find(c, id);
      if (!e) throw not_found("Ramal não encontrado.");
      return extension_json(c, *e);
    });
    return http::Response::json(200, dump(body));
  });

  routes.add("POST", "/api/v1/extensions", Access::admin, [](Ctx& ctx) {
    json body = ctx.body();
    Fields f(body);
    storage::ExtensionRow e;
    e.number = *f.string("number", true, 16);
    check("number", telephony::check_extension_number(e.number));
    e.name = trim(*f.string("name", true, 256));
    check("name", telephony::check_display_name(e.name));
    if (auto v = f.string("callerId", false, 32)) {
      check("callerId", telephony::check_phone_digits(*v));
      e.caller_id = *v;
    }
    if (auto v = f.strings("codecs", false, 8, 16)) e.codecs = join(checked_codecs(*v), ",");
    e.enabled = f.boolean("enabled", false).value_or(true);
    f.reject_unknown();
    auto& s = ctx.services;
    const std::string secret = new_extension_secret();
    e.secret_enc = s.secrets->seal(secret);
    e.endpoint = new_endpoint(e.number);
    e.created_at = e.updated_at = s.clock.now_ms();
    auto out = s.db.write([&](storage::Connection& c) {
      if (storage::extensions::find_by_number(c, e.number))
        throw conflict("Já existe um ramal com este número.", "number");
      e.id = storage::extensions::insert(c, e);
      ctx.audit(c, "extension.create", "extension", std::to_string(e.id),
                json{{"number", e.number}, {"name", e.name}});
      return extension_json(c, e);
    });
    telephony_changed(s, "extension", "created", std::to_string(e.id));
    out["secret"] = secret;  // shown once
    auto r = http::Response::json(201, dump(out));
    r.set_header("Location", "/api/v1/extensions/" + std::to_string(e.id));
    r.set_header("Cache-Control", "no-store");
    return r;
  });

  routes.add("PATCH", "/api/v1/extensions/{id}", Access::admin, [](Ctx& ctx) {
    const auto id = ctx.id_param();
    json body = ctx.body();
    Fields f(body);
    auto number = f.string("number", false, 16);
    auto name = f.string("name", false, 256);
    const bool clear_caller = f.is_null("callerId");
    auto caller = f.string("callerId", false, 32);
    auto codecs = f.strings("codecs", false, 8, 16);
    auto enabled = f.boolean("enabled", false);
    f.reject_unknown();
    if (number) check("number", telephony::check_extension_number(*number));
    if (name) {
      *name = trim(*name);
      check("name", telephony::check_display_name(*name));
    }
    if (caller) check("callerId", telephony::check_phone_digits(*caller));
    if (codecs) checked_codecs(*codecs);
    auto& s = ctx.services;
    auto out = s.db.write([&](storage::Connection& c) {
      auto e = storage::extensions::find(c, id);
      if (!e) throw not_found("Ramal não encontrado.");
      json changes = json::object();
      if (number && *number != e->number) {
        if (storage::extensions::find_by_number(c, *number))
          throw conflict("Já existe um ramal com este número.", "number");
        changes["number"] = *number;
        e->number = *number;
      }
      if (name && *name != e->name) changes["name"] = e->name = *name;
      if (clear_caller && e->caller_id) {
        changes["callerId"] = nullptr;
        e->caller_id.reset();
      } else if (caller && caller != e->caller_id) {
        changes["callerId"] = *caller;
        e->caller_id = *caller;
      }
      if (codecs && join(*codecs, ",") != e->codecs) changes["codecs"] = e->codecs = join(*codecs, ",");
      if (enabled && *enabled != e->enabled) changes["enabled"] = e->enabled = *enabled;
      if (!changes.empty()) {
        e->updated_at = s.clock.now_ms();
        storage::extensions::update(c, *e);
        ctx.audit(c, "extension.update", "extension", std::to_string(id), json{{"changes", changes}});
      }
      return std::pair(extension_json(c, *e), !changes.empty());
    });
    if (out.second) telephony_changed(s, "extension", "updated", std::to_string(id));
    return http::Response::json(200, dump(out.first));
  });

  routes.add("POST", "/api/v1/extensions/{id}/secret", Access::admin, [](Ctx& ctx) {
    const auto id = ctx.id_param();
    auto& s = ctx.services;
    const std::string secret = new_extension_secret();
    s.db.write([&](storage::Connection& c) {
      auto e = storage::extensions::find(c, id);
      if (!e) throw not_found("Ramal não encontrado.");
      e->secret_enc = s.secrets->seal(secret);
      e->updated_at = s.clock.now_ms();
      storage::extensions::update(c, *e);
      ctx.audit(c, "extension.secret", "extension", std::to_string(id), json{{"number", e->number}});
      return 0;
    });
    telephony_changed(s, "extension", "updated", std::to_string(id));
    auto r = http::Response::json(200, dump(json{{"secret", secret}}));
    r.set_header("Cache-Control", "no-store");
    return r;
  });

  routes.add("DELETE", "/api/v1/extensions/{id}", Access::admin, [](Ctx& ctx) {
    const auto id = ctx.id_param();
    auto& s = ctx.services;
    s.db.write([&](storage::Connection& c) {
      auto e = storage::extensions::find(c, id);
      if (!e) throw not_found("Ramal não encontrado.");
      auto queues = storage::extensions::queues_of(c, id);
      if (!queues.empty()) {
        std::string list;
        for (const auto& q : queues) list += (list.empty() ? "\"" : ", \"") + q + "\"";
        throw conflict("O ramal " + e->number + " é membro da(s) fila(s) " + list +
                       ": tire-o de lá antes de excluí-lo.");
      }
      storage::extensions::remove(c, id);
      ctx.audit(c, "extension.delete", "extension", std::to_string(id), json{{"number", e->number}});
      return 0;
    });
    telephony_changed(s, "extension", "deleted", std::to_string(id));
    return http::Response::no_content();
  });
}

// ---------------------------------------------------------------- queues

json queue_json(storage::Connection& c, const storage::QueueRow& q) {
  json members = json::array();
  for (const auto& m : q.members) {
    auto e = storage::extensions::find(c, m.extension_id);
    members.push_back(json{{"extensionId", m.extension_id},
                           {"number", e ? json(e->number) : json(nullptr)},
                           {"name", e ? json(e->name) : json(nullptr)},
                           {"penalty", m.penalty},
                           {"paused", m.paused}});
  }
  std::optional<std::int64_t> moh_audio;
  if (q.moh_class && q.moh_class->rfind("torpedo-audio-", 0) == 0)
    moh_audio = std::stoll(q.moh_class->substr(14));
  return json{{"id", q.id},
              {"name", q.name},
              {"strategy", q.strategy},
              {"timeoutS", q.timeout_s},
              {"retryS", q.retry_s},
              {"maxCallers", q.max_callers},
              {"wrapupS", q.wrapup_s},
              {"mohAudioId", moh_audio ? json(*moh_audio) : json(nullptr)},
              {"announceAudioId", q.announce_audio_id ? json(*q.announce_audio_id) : json(nullptr)},
              {"members", members},
              {"createdAt", format_iso8601(q.created_at)},
              {"updatedAt", format_iso8601(q.updated_at)}};
}

// Reads the members array: [{extensionId, penalty?, paused?}], each extension once.
std::vector<storage::QueueMemberRow> read_members(const json& body) {
  std::vector<storage::QueueMemberRow> out;
  const json& list = body.at("members");
  if (!list.is_array()) throw validation("members", "members deve ser uma lista.");
  if (list.size() > 500) throw validation("members", "Uma fila aceita no máximo 500 membros.");
  std::set<std::int64_t> seen;
  for (const auto& item : list) {
    if (!item.is_object())
      throw validation("members", "Cada membro deve ser um objeto {extensionId, penalty, paused}.");
    Fields f(item);
    storage::QueueMemberRow m;
    m.extension_id = *f.integer("extensionId", true, 1, INT64_MAX);
    m.penalty = static_cast<int>(f.integer("penalty", false, 0, 100).value_or(0));
    m.paused = f.boolean("paused", false).value_or(false);
    f.reject_unknown();
    if (!seen.insert(m.extension_id).second)
      throw validation("members", "Um ramal aparece duas vezes na fila.");
    out.push_back(m);
  }
  return out;
}

// Checks what a queue points at (extensions, audio) inside the write transaction.
void check_queue_refs(storage::Connection& c, const storage::QueueRow& q) {
  for (const auto& m : q.members)
    if (!storage::extensions::find(c, m.extension_id))
      throw validation("members", "O ramal " + std::to_string(m.extension_id) + " não existe.");
  if (q.moh_class && *q.moh_class != "default") {
    auto a = storage::find_audio(c, std::stoll(q.moh_class->substr(14)));
    if (!a || a->kind != "moh") throw validation("mohAudioId", "Escolha um áudio do tipo música de espera.");
  }
  if (q.announce_audio_id && !storage::find_audio(c, *q.announce_audio_id))
    throw validation("announceAudioId", "O áudio de anúncio não existe.");
}

void read_queue_fields(Fields& f, const json& body, storage::QueueRow& q, bool create) {
  if (auto v = f.string("name", create, 64)) {
    check("name", telephony::check_object_name(*v));
    q.name = *v;
  }
  if (auto v = f.string("strategy", false, 16)) {
    check("strategy", telephony::check_strategy(*v));
    q.strategy = *v;
  }
  if (auto v = f.integer("timeoutS", false, 1, 600)) q.timeout_s = static_cast<int>(*v);
  if (auto v = f.integer("retryS", false, 0, 600)) q.retry_s = static_cast<int>(*v);
  if (auto v = f.integer("maxCallers", false, 0, 10000)) q.max_callers = static_cast<int>(*v);
  if (auto v = f.integer("wrapupS", false, 0, 3600)) q.wrapup_s = static_cast<int>(*v);
  if (f.is_null("mohAudioId"))
    q.moh_class.reset();
  else if (auto v = f.integer("mohAudioId", false, 1, INT64_MAX))
    q.moh_class = telephony::moh_class_name(*v);
  if (f.is_null("announceAudioId"))
    q.announce_audio_id.reset();
  else if (auto v = f.integer("announceAudioId", false, 1, INT64_MAX))
    q.announce_audio_id = *v;
  if (body.contains("members") && !body["members"].is_null()) q.members = read_members(body);
  f.reject_unknown_except({"members"});
}

void register_queue_routes(Routes& routes) {
  routes.add("GET", "/api/v1/queues", Access::user, [](Ctx& ctx) {
    auto items = ctx.services.db.read([](storage::Connection& c) {
      json out = json::array();
      for (const auto& q : storage::queues::list(c)) out.push_back(queue_json(c, q));
      return out;
    });
    return http::Response::json(200, dump(json{{"items", items}}));
  });

  routes.add("GET", "/api/v1/queues/{id}", Access::user, [](Ctx& ctx) {
    const auto id = ctx.id_param();
    auto body = ctx.services.db.read([&](storage::Connection& c) {
      auto q = storage::queues::find(c, id);
      if (!q) throw not_found("Fila não encontrada.");
      return queue_json(c, *q);
    });
    return http::Response::json(200, dump(body));
  });

  routes.add("POST", "/api/v1/queues", Access::admin, [](Ctx& ctx) {
    json body = ctx.body();
    Fields f(body);
    storage::QueueRow q;
    read_queue_fields(f, body, q, true);
    auto& s = ctx.services;
    q.created_at = q.updated_at = s.clock.now_ms();
    auto out = s.db.write([&](storage::Connection& c) {
      if (storage::queues::find_by_name(c, q.name))
        throw conflict("Já existe uma fila com este nome.", "name");
      check_queue_refs(c, q);
      q.id = storage::queues::insert(c, q);
      ctx.audit(c, "queue.create", "queue", std::to_string(q.id),
                json{{"name", q.name}, {"members", q.members.size()}});
      return queue_json(c, *storage::queues::find(c, q.id));
    });
    telephony_changed(s, "queue", "created", std::to_string(q.id));
    auto r = http::Response::json(201, dump(out));
    r.set_header("Location", "/api/v1/queues/" + std::to_string(q.id));
    return r;
  });

  routes.add("PATCH", "/api/v1/queues/{id}", Access::admin, [](Ctx& ctx) {
    const auto id = ctx.id_param();
    json body = ctx.body();
    auto& s = ctx.services;
    auto out = s.db.write([&](storage::Connection& c) {
      auto q = storage::queues::find(c, id);
      if (!q) throw not_found("Fila não encontrada.");
      const std::string old_name = q->name;
      Fields f(body);
      read_queue_fields(f, body, *q, false);
      if (q->name != old_name && storage::queues::find_by_name(c, q->name))
        throw conflict("Já existe uma fila com este nome.", "name");
      check_queue_refs(c, *q);
      q->updated_at = s.clock.now_ms();
      storage::queues::update(c, *q);
      ctx.audit(c, "queue.update", "queue", std::to_string(id),
                json{{"name", q->name}, {"members", q->members.size()}});
      return queue_json(c, *storage::queues::find(c, id));
    });
    telephony_changed(s, "queue", "updated", std::to_string(id));
    return http::Response::json(200, dump(out));
  });

  routes.add("DELETE", "/api/v1/queues/{id}", Access::admin, [](Ctx& ctx) {
    const auto id = ctx.id_param();
    auto& s = ctx.services;
    s.db.write([&](storage::Connection& c) {
      auto q = storage::queues::find(c, id);
      if (!q) throw not_found("Fila não encontrada.");
      auto campaigns = storage::queues::campaigns_using(c, q->name);
      if (!campaigns.empty()) {
        std::string list;
        for (const auto& k : campaigns) list += (list.empty() ? "\"" : ", \"") + k + "\"";
        throw conflict("A fila " + q->name + " recebe chamadas da URA da(s) campanha(s) " + list +
                       ": troque a opção lá antes de excluí-la.");
      }
      storage::queues::remove(c, id);
      ctx.audit(c, "queue.delete", "queue", std::to_string(id), json{{"name", q->name}});
      return 0;
    });
    telephony_changed(s, "queue", "deleted", std::to_string(id));
    return http::Response::no_content();
  });
}

// ---------------------------------------------------------------- trunks

json trunk_json(storage::Connection& c, const storage::TrunkRow& t) {
  return json{{"id", t.id},
              {"name", t.name},
              {"host", t.host},
              {"port", t.port},
              {"transport", t.transport},
              {"username", opt(t.username)},
              {"hasSecret", t.secret_enc.has_value()},
              {"registerOutbound", t.register_outbound},
              {"ipMatch", split_list(t.ip_match)},
              {"codecs", split_list(t.codecs)},
              {"maxChannels", t.max_channels},
              {"maxCps", t.max_cps},
              {"callerId", opt(t.caller_id)},
              {"numberFormat", t.number_format},
              {"dialPrefix", opt(t.dial_prefix)},
              {"allowedPrefixes", split_list(t.allowed_prefixes)},
              {"enabled", t.enabled},
              {"campaigns", storage::trunks::campaigns_of(c, t.id)},
              {"createdAt", format_iso8601(t.created_at)},
              {"updatedAt", format_iso8601(t.updated_at)}};
}

// Reads a trunk's fields onto `t`; a secret in the body is returned for sealing.
std::optional<std::optional<std::string>> read_trunk_fields(Fields& f, storage::TrunkRow& t, bool create) {
  if (auto v = f.string("name", create, 64)) {
    check("name", telephony::check_object_name(*v));
    t.name = *v;
  }
  if (auto v = f.string("host", create, 255)) {
    check("host", telephony::check_host(*v));
    t.host = *v;
  }
  if (auto v = f.integer("port", false, 1, 65535)) t.port = static_cast<int>(*v);
  if (auto v = f.string("transport", false, 8)) {
    check("transport", telephony::check_transport(*v));
    t.transport = *v;
  }
  if (f.is_null("username"))
    t.username.reset();
  else if (auto v = f.string("username", false, 64)) {
    check("username", telephony::check_sip_user(*v));
    t.username = *v;
  }
  std::optional<std::optional<std::string>> secret;
  if (f.is_null("secret"))
    secret = std::optional<std::string>{};
  else if (auto v = f.string("secret", false, 128)) {
    check("secret", telephony::check_secret(*v));
    secret = *v;
  }
  if (auto v = f.boolean("registerOutbound", false)) t.register_outbound = *v;
  if (auto v = f.strings("ipMatch", false, 32, 64)) {
    for (const auto& m : *v) check("ipMatch", telephony::check_ip_match(m));
    t.ip_match = join(*v, ",");
  }
  if (auto v = f.strings("codecs", false, 8, 16)) t.codecs = join(checked_codecs(*v), ",");
  if (auto v = f.integer("maxChannels", false, 1, 10000)) t.max_channels = static_cast<int>(*v);
  if (auto v = f.number("maxCps", false, 0.1, 1000)) t.max_cps = *v;
  if (f.is_null("callerId"))
    t.caller_id.reset();
  else if (auto v = f.string("callerId", false, 32)) {
    check("callerId", telephony::check_phone_digits(*v));
    t.caller_id = *v;
  }
  if (auto v = f.string("numberFormat", false, 32)) {
    if (!telephony::number_format_from(*v))
      throw validation("numberFormat", "Formato inválido: use e164_plus, e164, national ou national_prefix.");
    t.number_format = *v;
  }
  if (f.is_null("dialPrefix"))
    t.dial_prefix.reset();
  else if (auto v = f.string("dialPrefix", false, 16)) {
    check("dialPrefix", telephony::check_prefix_digits(*v));
    t.dial_prefix = *v;
  }
  if (auto v = f.strings("allowedPrefixes", false, 200, 16)) {
    for (const auto& p : *v) check("allowedPrefixes", telephony::check_prefix_digits(p));
    t.allowed_prefixes = join(*v, ",");
  }
  if (auto v = f.boolean("enabled", false)) t.enabled = *v;
  f.reject_unknown();
  return secret;
}

// Rules across fields, after the body and the stored row are merged.
void check_trunk_consistency(const storage::TrunkRow& t) {
  if (t.number_format == "national_prefix" && !t.dial_prefix)
    throw validation("dialPrefix", "Informe o prefixo a discar antes do número (ex.: 015).");
  if (t.register_outbound && (!t.username || !t.secret_enc))
    throw validation("registerOutbound", "Para registrar na operadora, informe usuário e senha.");
  if (t.secret_enc && !t.username) throw validation("username", "Informe o usuário da senha.");
  if (!t.secret_enc && t.ip_match.empty())
    throw validation("ipMatch", "Sem senha, o tronco precisa dos IPs da operadora (autenticação por IP).");
}

void register_trunk_routes(Routes& routes) {
  routes.add("GET", "/api/v1/trunks", Access::user, [](Ctx& ctx) {
    auto items = ctx.services.db.read([](storage::Connection& c) {
      json out = json::array();
      for (const auto& t : storage::trunks::list(c)) out.push_back(trunk_json(c, t));
      return out;
    });
    return http::Response::json(200, dump(json{{"items", items}}));
  });

  routes.add("GET", "/api/v1/trunks/{id}", Access::user, [](Ctx& ctx) {
    const auto id = ctx.id_param();
    auto body = ctx.services.db.read([&](storage::Connection& c) {
      auto t = storage::trunks::find(c, id);
      if (!t) throw not_found("Tronco não encontrado.");
      return trunk_json(c, *t);
    });
    return http::Response::json(200, dump(body));
  });

  routes.add("POST", "/api/v1/trunks", Access::admin, [](Ctx& ctx) {
    json body = ctx.body();
    Fields f(body);
    storage::TrunkRow t;
    auto secret = read_trunk_fields(f, t, true);
    auto& s = ctx.services;
    if (secret && *secret) t.secret_enc = s.secrets->seal(**secret);
    check_trunk_consistency(t);
    t.created_at = t.updated_at = s.clock.now_ms();
    auto out = s.db.write([&](storage::Connection& c) {
      if (storage::trunks::find_by_name(c, t.name))
        throw conflict("Já existe um tronco com este nome.", "name");
      t.id = storage::trunks::insert(c, t);
      ctx.audit(c, "trunk.create", "trunk", std::to_string(t.id), json{{"name", t.name}, {"host", t.host}});
      return trunk_json(c, t);
    });
    telephony_changed(s, "trunk", "created", std::to_string(t.id));
    auto r = http::Response::json(201, dump(out));
    r.set_header("Location", "/api/v1/trunks/" + std::to_string(t.id));
    return r;
  });

  routes.add("PATCH", "/api/v1/trunks/{id}", Access::admin, [](Ctx& ctx) {
    const auto id = ctx.id_param();
    json body = ctx.body();
    auto& s = ctx.services;
    auto out = s.db.write([&](storage::Connection& c) {
      auto t = storage::trunks::find(c, id);
      if (!t) throw not_found("Tronco não encontrado.");
      const std::string old_name = t->name;
      Fields f(body);
      auto secret = read_trunk_fields(f, *t, false);
      if (secret) t->secret_enc = *secret ? std::optional(s.secrets->seal(**secret)) : std::nullopt;
      check_trunk_consistency(*t);
      if (t->name != old_name && storage::trunks::find_by_name(c, t->name))
        throw conflict("Já existe um tronco com este nome.", "name");
      t->updated_at = s.clock.now_ms();
      storage::trunks::update(c, *t);
      json changed = json::array();
      for (auto it = body.begin(); it != body.end(); ++it)
        changed.push_back(it.key());  // names only: never the secret
      ctx.audit(c, "trunk.update", "trunk", std::to_string(id), json{{"name", t->name}, {"fields", changed}});
      return trunk_json(c, *t);
    });
    telephony_changed(s, "trunk", "updated", std::to_string(id));
    return http::Response::json(200, dump(out));
  });

  routes.add("DELETE", "/api/v1/trunks/{id}", Access::admin, [](Ctx& ctx) {
    const auto id = ctx.id_param();
    auto& s = ctx.services;
    s.db.write([&](storage::Connection& c) {
      auto t = storage::trunks::find(c, id);
      if (!t) throw not_found("Tronco não encontrado.");
      auto campaigns = storage::trunks::campaigns_of(c, id);
      if (!campaigns.empty()) {
        std::string list;
        for (const auto& k : campaigns) list += (list.empty() ? "\"" : ", \"") + k + "\"";
        throw conflict("O tronco " + t->name + " é usado pela(s) campanha(s) " + list +
                       ": troque o tronco lá antes de excluí-lo.");
      }
      storage::trunks::remove(c, id);
      ctx.audit(c, "trunk.delete", "trunk", std::to_string(id), json{{"name", t->name}});
      return 0;
    });
    telephony_changed(s, "trunk", "deleted", std::to_string(id));
    return http::Response::no_content();
  });
}

}  // namespace

void register_telephony_routes(Routes& routes) {
  register_extension_routes(routes);
  register_queue_routes(routes);
  register_trunk_routes(routes);
}

}  // namespace torpedo::api
