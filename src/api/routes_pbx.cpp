// /pbx-nodes: the Asterisk servers, their live status, and connection tests.
#include <regex>

#include <spdlog/spdlog.h>

#include "api/api.h"
#include "api/error.h"
#include "api/telephony_changes.h"
#include "common/crypto.h"
#include "common/time_format.h"
#include "media/delivery.h"
#include "pbx/config_applier.h"
#include "pbx/manager.h"
#include "storage/pbx_nodes.h"

namespace torpedo::api {
namespace {

json node_json(Services& s, const storage::PbxNode& n) {
  const auto status = s.pbx->status(n.id);
  return json{{"id", n.id},
              {"name", n.name},
              {"amiHost", n.ami_host},
              {"amiPort", n.ami_port},
              {"amiUser", n.ami_user},
              {"hasSecret", !n.ami_secret_enc.empty()},
              {"maxChannels", n.max_channels},
              {"enabled", n.enabled},
              {"mediaMode", n.media_mode},
              {"soundsDir", n.sounds_dir ? json(*n.sounds_dir) : json(nullptr)},
              {"configDir", n.config_dir ? json(*n.config_dir) : json(nullptr)},
              {"createdAt", format_iso8601(n.created_at)},
              {"updatedAt", format_iso8601(n.updated_at)},
              {"status", pbx::to_json(n.enabled ? status : pbx::NodeStatus{"disabled", {}, {}, {}, {}, {}, {}, {}, s.clock.now_ms()},
                                      s.clock.now_ms())}};
}

std::string test_json(const pbx::TestResult& r) {
  auto opt = [](const auto& v) { return v ? json(*v) : json(nullptr); };
  return json{{"ok", r.ok},
              {"latencyMs", opt(r.latency_ms)},
              {"asteriskVersion", opt(r.asterisk_version)},
              {"amiVersion", opt(r.ami_version)},
              {"error", opt(r.error)}}
      .dump(-1, ' ', false, json::error_handler_t::replace);
}

bool printable_without_spaces(const std::string& v) {
  for (unsigned char c : v)
    if (c <= 0x20 || c == 0x7f) return false;
  return true;
}

std::string check_name(const std::string& v) {
  static const std::regex ok("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  if (!std::regex_match(v, ok))
    throw validation("name", "Use de 1 a 64 letras, números, ponto, hífen ou sublinhado (ex.: asterisk-01).");
  return v;
}

std::string check_host(const std::string& v) {
  static const std::regex ok("[A-Za-z0-9.:\\[\\]-]{1,255}");
  if (!std::regex_match(v, ok)) throw validation("amiHost", "Informe o nome ou o IP do servidor Asterisk.");
  return v;
}

std::string check_user(const std::string& v) {
  if (v.empty() || v.size() > 255 || !printable_without_spaces(v))
    throw validation("amiUser", "Informe o usuário AMI (a seção do manager.conf), sem espaços.");
  return v;
}

std::string check_secret(const std::string& v) {
  if (v.empty() || v.size() > 255) throw validation("amiSecret", "Informe o segredo (secret) do usuário AMI.");
  return v;
}

// The directories end up in Playback() arguments and Asterisk configuration files, so they
// are held to characters neither can misread (no spaces, commas, semicolons or variables).
std::optional<std::string> check_dir(const std::string& field, const std::optional<std::string>& v) {
  static const std::regex ok("(/[A-Za-z0-9._-]+)+/?");
  if (!v || v->empty()) return std::nullopt;
  bool dot_segment = false;
  for (const char* seg : {"/./", "/../"}) dot_segment = dot_segment || (*v + "/").find(seg) != std::string::npos;
  if (!std::regex_match(*v, ok) || dot_segment || v->size() > 255)
    throw validation(field,
                     "Informe um caminho absoluto só com letras, números, ponto, hífen, sublinhado e barras, sem \"..\" "
                     "(ex.: /var/lib/asterisk/sounds/torpedo).");
  std::string path = *v;
  if (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

// Reads the optional string-or-null directory fields: absent (nullopt outer), null or a path.
std::optional<std::optional<std::string>> dir_field(Fields& f, const json& body, const std::string& name) {
  if (!body.contains(name)) {
    f.string(name, false, 255);  // marks it known
    return std::nullopt;
  }
  return check_dir(name, f.string(name, false, 255));
}

}  // namespace

std::vector<pbx::NodeSettings> load_pbx_settings(storage::Database& db, const crypto::SecretBox& secrets) {
  auto nodes = db.read([](storage::Connection& c) { return storage::pbx_nodes::list(c); });
  std::vector<pbx::NodeSettings> out;
  for (const auto& n : nodes) {
    auto secret = secrets.open(n.ami_secret_enc);
    if (!secret) spdlog::error("pbx node {}: its AMI secret does not open with the master key; not connecting", n.name);
    out.push_back(pbx::NodeSettings{n.id, n.name, n.ami_host, n.ami_port, n.ami_user, secret.value_or(""),
                                    n.max_channels, n.enabled, !secret.has_value()});
  }
  return out;
}

void sync_pbx(Services& s, bool node_changed) {
  s.pbx->apply(load_pbx_settings(s.db, *s.secrets));
  if (!node_changed) return;
  if (s.delivery) s.delivery->nodes_changed();  // a node's sounds directory may be new or moved
  if (s.applier && auto_apply_enabled(s)) s.applier->schedule();  // or its configuration directory
}

void register_pbx_routes(Routes& routes) {
  routes.add("GET", "/api/v1/pbx-nodes", Access::user, [](Ctx& ctx) {
    auto nodes = ctx.services.db.read([](storage::Connection& c) { return storage::pbx_nodes::list(c); });
    json items = json::array();
    for (const auto& n : nodes) items.push_back(node_json(ctx.services, n));
    return http::Response::json(200, json{{"items", items}}.dump(-1, ' ', false, json::error_handler_t::replace));
  });

  routes.add("POST", "/api/v1/pbx-nodes/test", Access::admin, [](Ctx& ctx) {
    json body = ctx.body();
    Fields f(body);
    pbx::NodeSettings s;
    s.host = check_host(*f.string("amiHost", true, 255));
    s.port = static_cast<int>(f.integer("amiPort", false, 1, 65535).value_or(5038));
    s.user = check_user(*f.string("amiUser", true, 255));
    s.secret = check_secret(*f.string("amiSecret", true, 255));
    f.reject_unknown();
    auto r = ctx.services.pbx->test(s, std::chrono::seconds(5));
    return http::Response::json(200, test_json(r));
  });

  routes.add("POST", "/api/v1/pbx-nodes", Access::admin, [](Ctx& ctx) {
    json body = ctx.body();
    Fields f(body);
    storage::PbxNode n;
    n.name = check_name(*f.string("name", true, 64));
    n.ami_host = check_host(*f.string("amiHost", true, 255));
    n.ami_port = static_cast<int>(f.integer("amiPort", false, 1, 65535).value_or(5038));
    n.ami_user = check_user(*f.string("amiUser", true, 255));
    const std::string secret = check_secret(*f.string("amiSecret", true, 255));
    n.max_channels = static_cast<int>(f.integer("maxChannels", false, 1, 10000).value_or(100));
    n.enabled = f.boolean("enabled", false).value_or(true);
    n.media_mode = f.string("mediaMode", false, 16).value_or("directory");
    if (n.media_mode != "directory" && n.media_mode != "http")
      throw validation("mediaMode", "Escolha directory (diretório de sons) ou http (URL).");
    if (auto d = dir_field(f, body, "soundsDir")) n.sounds_dir = *d;
    if (auto d = dir_field(f, body, "configDir")) n.config_dir = *d;
    f.reject_unknown();
    auto& s = ctx.services;
    n.ami_secret_enc = s.secrets->seal(secret);
    n.created_at = n.updated_at = s.clock.now_ms();
    n.id = s.db.write([&](storage::Connection& c) {
      if (storage::pbx_nodes::find_by_name(c, n.name)) throw conflict("Já existe um servidor com este nome.", "name");
      auto id = storage::pbx_nodes::insert(c, n);
      ctx.audit(c, "pbx-node.create", "pbx-node", std::to_string(id),
                json{{"name", n.name}, {"amiHost", n.ami_host}, {"amiPort", n.ami_port}, {"amiUser", n.ami_user}});
      return id;
    });
    sync_pbx(s);
    notify_change(s, "pbx-node", "created", std::to_string(n.id));
    auto r = http::Response::json(201, node_json(s, n).dump(-1, ' ', false, json::error_handler_t::replace));
    r.set_header("Location", "/api/v1/pbx-nodes/" + std::to_string(n.id));
    return r;
  });

  routes.add("GET", "/api/v1/pbx-nodes/{id}", Access::user, [](Ctx& ctx) {
    const auto id = ctx.id_param();
    auto n = ctx.services.db.read([&](storage::Connection& c) { return storage::pbx_nodes::find(c, id); });
    if (!n) throw not_found("Servidor não encontrado.");
    return http::Response::json(200, node_json(ctx.services, *n).dump(-1, ' ', false, json::error_handler_t::replace));
  });

  routes.add("PATCH", "/api/v1/pbx-nodes/{id}", Access::admin, [](Ctx& ctx) {
    const auto id = ctx.id_param();
    json body = ctx.body();
    Fields f(body);
    auto name = f.string("name", false, 64);
    auto host = f.string("amiHost", false, 255);
    auto port = f.integer("amiPort", false, 1, 65535);
    auto user = f.string("amiUser", false, 255);
    auto secret = f.string("amiSecret", false, 255);
    auto max = f.integer("maxChannels", false, 1, 10000);
    auto enabled = f.boolean("enabled", false);
    auto mode = f.string("mediaMode", false, 16);
    auto sounds = dir_field(f, body, "soundsDir");
    auto config = dir_field(f, body, "configDir");
    f.reject_unknown();
    if (name) check_name(*name);
    if (host) check_host(*host);
    if (user) check_user(*user);
    if (secret) check_secret(*secret);
    if (mode && *mode != "directory" && *mode != "http")
      throw validation("mediaMode", "Escolha directory (diretório de sons) ou http (URL).");
    auto& s = ctx.services;
    auto updated = s.db.write([&](storage::Connection& c) {
      auto n = storage::pbx_nodes::find(c, id);
      if (!n) throw not_found("Servidor não encontrado.");
      json changes = json::object();
      auto set = [&](const char* field, auto& target, const auto& value) {
        if (target != value) {
          changes[field] = value;
          target = value;
        }
      };
      if (name && *name != n->name) {
        if (storage::pbx_nodes::find_by_name(c, *name)) throw conflict("Já existe um servidor com este nome.", "name");
        set("name", n->name, *name);
      }
      if (host) set("amiHost", n->ami_host, *host);
      if (port) set("amiPort", n->ami_port, static_cast<int>(*port));
      if (user) set("amiUser", n->ami_user, *user);
      if (max) set("maxChannels", n->max_channels, static_cast<int>(*max));
      if (enabled) set("enabled", n->enabled, *enabled);
      if (mode) set("mediaMode", n->media_mode, *mode);
      if (sounds && *sounds != n->sounds_dir) {
        n->sounds_dir = *sounds;
        changes["soundsDir"] = sounds->value_or("");
      }
      if (config && *config != n->config_dir) {
        n->config_dir = *config;
        changes["configDir"] = config->value_or("");
      }
      if (secret) {
        n->ami_secret_enc = s.secrets->seal(*secret);
        changes["amiSecret"] = "changed";  // never the value
      }
      if (changes.empty()) return *n;
      n->updated_at = s.clock.now_ms();
      storage::pbx_nodes::update(c, *n);
      ctx.audit(c, "pbx-node.update", "pbx-node", std::to_string(id), json{{"changes", changes}});
      return *n;
    });
    sync_pbx(s);
    notify_change(s, "pbx-node", "updated", std::to_string(id));
    return http::Response::json(200, node_json(s, updated).dump(-1, ' ', false, json::error_handler_t::replace));
  });

  routes.add("DELETE", "/api/v1/pbx-nodes/{id}", Access::admin, [](Ctx& ctx) {
    const auto id = ctx.id_param();
    auto& s = ctx.services;
    s.db.transaction([&](storage::Connection& c) {
      auto n = storage::pbx_nodes::find(c, id);
      if (!n) throw not_found("Servidor não encontrado.");
      storage::pbx_nodes::remove(c, id);
      ctx.audit(c, "pbx-node.delete", "pbx-node", std::to_string(id), json{{"name", n->name}});
    });
    sync_pbx(s);
    notify_change(s, "pbx-node", "deleted", std::to_string(id));
    return http::Response::no_content();
  });

  routes.add("POST", "/api/v1/pbx-nodes/{id}/test", Access::admin, [](Ctx& ctx) {
    const auto id = ctx.id_param();
    auto& s = ctx.services;
    auto n = s.db.read([&](storage::Connection& c) { return storage::pbx_nodes::find(c, id); });
    if (!n) throw not_found("Servidor não encontrado.");
    auto secret = s.secrets->open(n->ami_secret_enc);
    if (!secret)
      throw conflict("O segredo AMI salvo não pode ser lido com a chave mestra atual; cadastre-o de novo.", "amiSecret");
    pbx::NodeSettings settings{n->id, n->name, n->ami_host, n->ami_port, n->ami_user, *secret, n->max_channels, true, false};
    return http::Response::json(200, test_json(s.pbx->test(settings, std::chrono::seconds(5))));
  });
}

}  // namespace torpedo::api
