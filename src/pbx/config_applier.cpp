#include "pbx/config_applier.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <spdlog/spdlog.h>

#include "ami/actions.h"
#include "blob/store.h"
#include "common/strings.h"
#include "media/delivery.h"
#include "storage/audio.h"
#include "storage/audio_deliveries.h"
#include "storage/telephony.h"

namespace torpedo::pbx {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::vector<std::string> split_list(const std::string& s) { return split(s, ',', true); }

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

// What is on a node's disk holds real secrets; the preview shows none.
std::string mask_passwords(const std::string& text) {
  std::string out;
  for (const auto& line : lines_of(text)) {
    if (line.rfind("password", 0) == 0 && line.find('=') != std::string::npos)
      out += line.substr(0, line.find('=')) + "= ********\n";
    else
      out += line + "\n";
  }
  return out;
}

std::string read_or_empty(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return {};
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Modules reloaded after writing, in this order (endpoints before the queues that ring them).
const std::vector<std::string> kModules = {"res_pjsip.so", "app_queue.so", "res_musiconhold.so",
                                           "pbx_config.so"};

}  // namespace

json to_json(const NodeApplyReport& r) {
  return json{{"nodeId", r.node_id},
              {"nodeName", r.node_name},
              {"ok", r.ok},
              {"skipped", r.skipped},
              {"written", r.written},
              {"reloaded", r.reloaded},
              {"missing", r.missing},
              {"error", r.error.empty() ? json(nullptr) : json(r.error)},
              {"checksum", r.checksum},
              {"at", r.at}};
}

ConfigApplier::ConfigApplier(storage::Database& db, const crypto::SecretBox& secrets, Manager& pbx,
                             const Clock& clock, std::string public_url, OnReport on_report)
    : db_(db),
      secrets_(secrets),
      pbx_(pbx),
      clock_(clock),
      public_url_(std::move(public_url)),
      on_report_(std::move(on_report)) {}

ConfigApplier::~ConfigApplier() {
  stop();
}

void ConfigApplier::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
}

void ConfigApplier::request_stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
}

void ConfigApplier::stop() {
  request_stop();
  if (thread_.joinable()) thread_.join();
  idle_.notify_all();
}

void ConfigApplier::schedule() {
  {
    std::lock_guard lock(mutex_);
    pending_ = true;
  }
  wake_.notify_all();
}

bool ConfigApplier::wait_idle(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return idle_.wait_for(lock, timeout,
                        [&] { return stopping_ || !thread_.joinable() || (!pending_ && !busy_); });
}

void ConfigApplier::loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stopping_ || pending_; });
    if (stopping_) return;
    pending_ = false;
    busy_ = true;
    lock.unlock();
    // Writes come in bursts (a queue and its members, an import of extensions): wait a moment
    // so that one apply covers them.
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    try {
      apply_all();
    } catch (const std::exception& e) {
      spdlog::error("pbx config: automatic apply failed: {}", e.what());
    }
    lock.lock();
    busy_ = false;
    if (!pending_) idle_.notify_all();
  }
}

telephony::Model ConfigApplier::model_for(const storage::PbxNode& node, bool secrets) {
  struct Rows {
    std::vector<storage::ExtensionRow> extensions;
    std::vector<storage::QueueRow> queues;
    std::vector<storage::TrunkRow> trunks;
    std::vector<storage::AudioFile> moh;
    std::map<std::int64_t, storage::AudioFile> announcements;
    std::vector<std::pair<std::int64_t, std::string>> campaigns;  // id, IVR options JSON
  };
  auto rows = db_.read([&](storage::Connection& c) {
    Rows r;
    r.extensions = storage::extensions::list(c);
    r.queues = storage::queues::list(c);
    r.trunks = storage::trunks::list(c);
    std::optional<std::int64_t> before;
    for (;;) {
      auto page = storage::list_audio(c, std::string("moh"), "", before, 500);
      if (page.empty()) break;
      before = page.back().id;
      for (auto& a : page) r.moh.push_back(std::move(a));
    }
    // Only what is already in the node's sounds directory: a class whose directory is still
    // empty would fail to load.
    std::set<std::int64_t> delivered;
    for (const auto& d : storage::audio_deliveries::all(c))
      if (d.node_id == node.id && d.state == "delivered") delivered.insert(d.audio_id);
    std::erase_if(r.moh, [&](const storage::AudioFile& a) { return !delivered.count(a.id); });
    for (const auto& q : r.queues)
      if (q.announce_audio_id && delivered.count(*q.announce_audio_id))
        if (auto a = storage::find_audio(c, *q.announce_audio_id)) r.announcements[a->id] = *a;
    for (const auto& row : c.query("SELECT id, ivr_enabled, ivr_options FROM campaigns ORDER BY id"))
      r.campaigns.emplace_back(row.i64("id"),
                               row.boolean("ivr_enabled") ? row.opt_str("ivr_options").value_or("") : "");
    return r;
  });

  telephony::Model m;
  for (const auto& e : rows.extensions) {
    telephony::Extension x{e.id,        e.number, e.endpoint,           e.name,
                           e.caller_id, "",       split_list(e.codecs), e.enabled};
    if (secrets && e.enabled) {
      auto opened = secrets_.open(e.secret_enc);
      if (!opened)
        throw telephony::GenerationError("a senha do ramal " + e.number +
                                         " não abre com a chave mestra atual; gere outra");
      x.secret = *opened;
    }
    m.extensions.push_back(std::move(x));
  }
  for (const auto& t : rows.trunks) {
    telephony::Trunk x;
    x.id = t.id;
    x.name = t.name;
    x.host = t.host;
    x.port = t.port;
    x.transport = t.transport;
    x.username = t.username;
    if (t.secret_enc && secrets && t.enabled) {
      auto opened = secrets_.open(*t.secret_enc);
      if (!opened)
        throw telephony::GenerationError("a senha do tronco " + t.name +
                                         " não abre com a chave mestra atual; informe-a de novo");
      x.secret = *opened;
    } else if (t.secret_enc) {
      x.secret = "";
    }
    x.register_outbound = t.register_outbound;
    x.ip_match = split_list(t.ip_match);
    x.codecs = split_list(t.codecs);
    x.max_channels = t.max_channels;
    x.max_cps = t.max_cps;
    x.caller_id = t.caller_id;
    x.number_format = telephony::number_format_from(t.number_format).value_or(telephony::NumberFormat::e164);
    x.dial_prefix = t.dial_prefix;
    x.allowed_prefixes = split_list(t.allowed_prefixes);
    x.enabled = t.enabled;
    m.trunks.push_back(std::move(x));
  }
  // Music on hold and prompts are files in the node's sounds directory: without one, queues
  // fall back to Asterisk's default class and announce nothing.
  std::set<std::string> classes;
  if (node.sounds_dir) {
    for (const auto& a : rows.moh) {
      const auto name = telephony::moh_class_name(a.id);
      m.moh_classes.push_back({name, media::placement(*node.sounds_dir, "moh", a.id).directory.string()});
      classes.insert(name);
    }
    for (const auto& [id, a] : rows.announcements)
      m.announcements[id] = media::placement(*node.sounds_dir, a.kind, a.id).base.string();
  }
  for (const auto& q : rows.queues) {
    telephony::Queue x{q.id,          q.name,     q.strategy,  q.timeout_s,         q.retry_s,
                       q.max_callers, q.wrapup_s, q.moh_class, q.announce_audio_id, {}};
    if (x.moh_class && !classes.count(*x.moh_class)) x.moh_class.reset();
    for (const auto& mem : q.members) x.members.push_back({mem.extension_id, mem.penalty, mem.paused});
    m.queues.push_back(std::move(x));
  }
  // Campaign IVR options: {"1": {"action": "queue", "target": "suporte", "timeoutS": 60, "audioId": 9}, …}
  for (const auto& [id, text] : rows.campaigns) {
    telephony::CampaignDialplan c;
    c.id = id;
    json options = text.empty() ? json::object() : json::parse(text, nullptr, false);
    if (options.is_object()) {
      for (auto it = options.begin(); it != options.end(); ++it) {
        if (it.key().size() != 1 || !it->is_object()) continue;
        auto action = telephony::ivr_action_from(it->value("action", ""));
        if (!action) continue;
        telephony::IvrOption o;
        o.action = *action;
        o.target = it->value("target", "");
        o.timeout_s = it->value("timeoutS", 30);
        if (it->contains("audioId") && (*it)["audioId"].is_number_integer()) {
          const auto audio_id = (*it)["audioId"].get<std::int64_t>();
          auto a = db_.read([&](storage::Connection& conn) { return storage::find_audio(conn, audio_id); });
          if (a && node.media_mode == "http")
            o.playback = media::media_url(public_url_, *a);
          else if (a && node.sounds_dir)
            o.playback = media::placement(*node.sounds_dir, a->kind, a->id).base.string();
        }
        c.options[it.key()[0]] = o;
      }
    }
    m.campaigns.push_back(std::move(c));
  }
  return m;
}

std::vector<NodePreview> ConfigApplier::preview() {
  auto nodes = db_.read([](storage::Connection& c) { return storage::pbx_nodes::list(c); });
  std::vector<NodePreview> out;
  for (const auto& node : nodes) {
    if (!node.enabled) continue;
    NodePreview p;
    p.node_id = node.id;
    p.node_name = node.name;
    p.skipped = !node.config_dir;
    try {
      p.files = telephony::generate(model_for(node, false), true);
      for (const auto& f : p.files) {
        const std::string current =
            node.config_dir ? mask_passwords(read_or_empty(fs::path(*node.config_dir) / f.name)) : "";
        p.diffs.push_back(unified_diff(current, f.text, f.name));
      }
    } catch (const std::exception& e) {
      p.error = std::string("A configuração não pôde ser gerada: ") + e.what() + ".";
    }
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<NodeApplyReport> ConfigApplier::apply_all() {
  std::lock_guard serial(apply_mutex_);
  auto nodes = db_.read([](storage::Connection& c) { return storage::pbx_nodes::list(c); });
  std::vector<NodeApplyReport> reports;
  for (const auto& node : nodes) {
    if (!node.enabled) continue;
    auto r = apply_node(node);
    r.at = clock_.now_ms();
    if (!r.skipped) {
      db_.write([&](storage::Connection& c) {
        storage::node_config::put(c, {node.id, r.checksum, r.at, r.ok, to_json(r).dump()});
        return 0;
      });
    }
    reports.push_back(std::move(r));
  }
  if (on_report_) on_report_(reports);
  return reports;
}

NodeApplyReport ConfigApplier::apply_node(const storage::PbxNode& node) {
  NodeApplyReport r;
  r.node_id = node.id;
  r.node_name = node.name;
  if (!node.config_dir) {
    r.skipped = true;
    r.error =
        "Este servidor não tem diretório de configuração: informe-o em Servidores para o Torpedo gravar os "
        "arquivos.";
    return r;
  }
  telephony::Model model;
  std::vector<telephony::GeneratedFile> files;
  try {
    model = model_for(node, true);
    files = telephony::generate(model, false);
  } catch (const std::exception& e) {
    r.error = std::string("A configuração não pôde ser gerada: ") + e.what() + ".";
    return r;
  }
  std::string all;
  for (const auto& f : files) all += f.name + "\n" + f.text;
  r.checksum = crypto::sha256_hex(all);
  try {
    fs::create_directories(*node.config_dir);
    for (const auto& f : files) {
      const fs::path target = fs::path(*node.config_dir) / f.name;
      blob::write_file_atomically(target, f.text);
      r.written.push_back(f.name);
    }
  } catch (const std::exception& e) {
    r.error = "Não foi possível gravar em " + *node.config_dir + " (" + e.what() +
              "). Verifique se o diretório existe, está montado e aceita escrita pelo usuário do Torpedo.";
    return r;
  }
  for (const auto& module : kModules) {
    auto res = pbx_.send(node.id, ami::reload(module));
    if (res.status == ami::ActionResult::Status::not_connected) {
      r.error = "Arquivos gravados, mas o Asterisk está desconectado: aplique de novo quando ele voltar.";
      return r;
    }
    if (!res.ok()) {
      r.error = "O Asterisk recusou recarregar " + module + " (" + res.error +
                "): confira se o módulo está carregado e se o usuário AMI tem a permissão system.";
      return r;
    }
    r.reloaded.push_back(module);
  }
  verify(node, model, r);
  r.ok = r.error.empty() && r.missing.empty();
  if (!r.missing.empty() && r.error.empty())
    r.error =
        "O Asterisk recarregou, mas não mostra tudo o que foi gravado: confira se pjsip.conf, queues.conf, "
        "musiconhold.conf e extensions.conf incluem os arquivos do Torpedo (#include).";
  return r;
}

void ConfigApplier::verify(const storage::PbxNode& node, const telephony::Model& model, NodeApplyReport& r) {
  auto failed = [&](const ami::ActionResult& res, const std::string& what) {
    if (res.ok()) return false;
    r.error = "Não foi possível verificar " + what + " (" + res.error + ").";
    return true;
  };
  // Endpoints.
  std::set<std::string> endpoints;
  auto eps = pbx_.send(node.id, ami::pjsip_show_endpoints());
  if (eps.status == ami::ActionResult::Status::error_response) {
    // Asterisk answers an empty list with an error ("No endpoints found").
  } else if (failed(eps, "os endpoints")) {
    return;
  }
  for (const auto& e : eps.events) endpoints.insert(std::string(e.get_or("ObjectName")));
  for (const auto& e : model.extensions)
    if (e.enabled && !endpoints.count(e.endpoint))
      r.missing.push_back("ramal " + e.number + " (endpoint " + e.endpoint + ")");
  for (const auto& t : model.trunks)
    if (t.enabled && !endpoints.count(telephony::trunk_endpoint(t))) r.missing.push_back("tronco " + t.name);
  // Queues.
  auto qs = pbx_.send(node.id, ami::queue_summary());
  if (failed(qs, "as filas")) return;
  std::set<std::string> queues;
  for (const auto& e : qs.events) queues.insert(std::string(e.get_or("Queue")));
  for (const auto& q : model.queues)
    if (!queues.count(q.name)) r.missing.push_back("fila " + q.name);
  // Contexts.
  std::vector<std::string> contexts = {telephony::kCampaignProgramContext, telephony::kTrunkContext,
                                       telephony::kAgentContext};
  for (const auto& c : model.campaigns) contexts.push_back(telephony::campaign_context(c.id));
  for (const auto& ctx : contexts) {
    auto res = pbx_.send(node.id, ami::command("dialplan show " + ctx));
    std::string output;
    for (auto line : res.response.get_all("Output")) output += std::string(line) + "\n";
    if (output.find("[ Context '" + ctx + "'") == std::string::npos) r.missing.push_back("contexto " + ctx);
  }
  // Music classes.
  if (!model.moh_classes.empty()) {
    auto res = pbx_.send(node.id, ami::command("moh show classes"));
    std::string output;
    for (auto line : res.response.get_all("Output")) output += std::string(line) + "\n";
    for (const auto& c : model.moh_classes)
      if (output.find("Class: " + c.name + "\n") == std::string::npos)
        r.missing.push_back("música de espera " + c.name);
  }
}

std::string unified_diff(const std::string& before, const std::string& after, const std::string& name) {
  if (before == after) return {};
  const auto a = lines_of(before), b = lines_of(after);
  const std::size_t n = a.size(), m = b.size();
  // Longest common subsequence over lines; configuration files are small. Past a size where
  // the table would be too big, show the whole file replaced.
  std::vector<std::pair<char, std::string>> ops;  // ' ', '-', '+'
  if (n * m <= 4'000'000) {
    std::vector<std::vector<std::uint32_t>> lcs(n + 1, std::vector<std::uint32_t>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;)
      for (std::size_t j = m; j-- > 0;)
        lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    std::size_t i = 0, j = 0;
    while (i < n && j < m) {
      if (a[i] == b[j])
        ops.emplace_back(' ', a[i++]), ++j;
      else if (lcs[i + 1][j] >= lcs[i][j + 1])
        ops.emplace_back('-', a[i++]);
      else
        ops.emplace_back('+', b[j++]);
    }
    while (i < n) ops.emplace_back('-', a[i++]);
    while (j < m) ops.emplace_back('+', b[j++]);
  } else {
    for (const auto& l : a) ops.emplace_back('-', l);
    for (const auto& l : b) ops.emplace_back('+', l);
  }
  std::string out = "--- a/" + name + "\n+++ b/" + name + "\n";
  constexpr std::size_t kContext = 3;
  std::size_t k = 0;
  while (k < ops.size()) {
    // Find the next change, then take the hunk around it (merging changes closer than 2×context).
    std::size_t change = k;
    while (change < ops.size() && ops[change].first == ' ') ++change;
    if (change == ops.size()) break;
    std::size_t start = change >= kContext ? change - kContext : 0;
    start = std::max(start, k);
    std::size_t end = change;
    for (;;) {
      while (end < ops.size() && ops[end].first != ' ') ++end;
      std::size_t same = end;
      while (same < ops.size() && ops[same].first == ' ' && same - end < 2 * kContext) ++same;
      if (same < ops.size() && ops[same].first != ' ') {
        end = same;
        continue;
      }
      end = std::min(ops.size(), end + kContext);
      break;
    }
    // Line numbers of the hunk in each file.
    std::size_t a_line = 1, b_line = 1;
    for (std::size_t x = 0; x < start; ++x) {
      if (ops[x].first != '+') ++a_line;
      if (ops[x].first != '-') ++b_line;
    }
    std::size_t a_count = 0, b_count = 0;
    for (std::size_t x = start; x < end; ++x) {
      if (ops[x].first != '+') ++a_count;
      if (ops[x].first != '-') ++b_count;
    }
    out += "@@ -" + std::to_string(a_count ? a_line : a_line - 1) + "," + std::to_string(a_count) + " +" +
           std::to_string(b_count ? b_line : b_line - 1) + "," + std::to_string(b_count) + " @@\n";
    for (std::size_t x = start; x < end; ++x) out += std::string(1, ops[x].first) + ops[x].second + "\n";
    k = end;
  }
  return out;
}

}  // namespace torpedo::pbx
