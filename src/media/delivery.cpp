#include "media/delivery.h"

#include <algorithm>
#include <map>

#include <spdlog/spdlog.h>

namespace torpedo::media {

namespace fs = std::filesystem;

namespace {

constexpr const char* kDelivered = "delivered";
constexpr const char* kFailed = "failed";

std::string file_base_name(std::int64_t audio_id) {
  return "audio-" + std::to_string(audio_id);
}

// The host part of an URL ("http://[::1]:8080/x" → "::1").
std::string url_host(const std::string& url) {
  std::string rest = url;
  if (auto scheme = rest.find("://"); scheme != std::string::npos) rest = rest.substr(scheme + 3);
  rest = rest.substr(0, rest.find('/'));
  if (auto at = rest.rfind('@'); at != std::string::npos) rest = rest.substr(at + 1);
  if (!rest.empty() && rest.front() == '[') return rest.substr(1, rest.find(']') - 1);
  return rest.substr(0, rest.find(':'));
}

// Whether the node takes this audio as files in its sounds directory (else by URL).
bool through_directory(const storage::PbxNode& node, const storage::AudioFile& audio) {
  return node.media_mode != "http" || audio.kind == "moh";
}

std::int64_t size_or(const fs::path& p, std::int64_t fallback) {
  std::error_code ec;
  auto n = fs::file_size(p, ec);
  return ec ? fallback : static_cast<std::int64_t>(n);
}

// All audio rows, in pages (a library holds hundreds, not millions).
std::vector<storage::AudioFile> all_audio(storage::Connection& c) {
  std::vector<storage::AudioFile> out;
  std::optional<std::int64_t> before;
  for (;;) {
    auto page = storage::list_audio(c, std::nullopt, "", before, 500);
    if (page.empty()) break;
    before = page.back().id;
    for (auto& a : page) out.push_back(std::move(a));
  }
  return out;
}

}  // namespace

Placement placement(const fs::path& sounds_dir, const std::string& kind, std::int64_t audio_id) {
  Placement p;
  if (kind == "moh")
    p.directory = sounds_dir / "moh" / file_base_name(audio_id);
  else
    p.directory = sounds_dir / "campaign";
  p.base = p.directory / file_base_name(audio_id);
  return p;
}

std::string media_url(const std::string& public_url, const storage::AudioFile& audio) {
  std::string base = public_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/media/" + audio.media_token + "/" + std::to_string(audio.id) + ".wav";
}

bool is_loopback_host(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0 || host == "ip6-localhost";
}

const char* to_string(State s) {
  switch (s) {
    case State::delivered:
      return "delivered";
    case State::pending:
      return "pending";
    case State::failed:
      return "failed";
  }
  return "pending";
}

Deliverer::Deliverer(storage::Database& db, blob::Store& store, const Clock& clock, std::string public_url,
                     OnChange on_change)
    : db_(db),
      store_(store),
      clock_(clock),
      public_url_(std::move(public_url)),
      on_change_(std::move(on_change)) {}

Deliverer::~Deliverer() {
  stop();
}

void Deliverer::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  everything_dirty_ = true;
  thread_ = std::thread([this] { loop(); });
}

void Deliverer::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  idle_.notify_all();
}

void Deliverer::audio_added(std::int64_t audio_id) {
  {
    std::lock_guard lock(mutex_);
    dirty_.insert(audio_id);
  }
  wake_.notify_all();
}

void Deliverer::audio_removed(std::int64_t audio_id) {
  audio_added(audio_id);
}

void Deliverer::nodes_changed() {
  {
    std::lock_guard lock(mutex_);
    everything_dirty_ = true;
  }
  wake_.notify_all();
}

bool Deliverer::wait_idle(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return idle_.wait_for(lock, timeout, [&] {
    return stopping_ || !thread_.joinable() || (!busy_ && dirty_.empty() && !everything_dirty_);
  });
}

void Deliverer::loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stopping_ || everything_dirty_ || !dirty_.empty(); });
    if (stopping_) return;
    auto ids = std::move(dirty_);
    dirty_.clear();
    const bool everything = everything_dirty_;
    everything_dirty_ = false;
    busy_ = true;
    lock.unlock();
    try {
      reconcile(ids, everything);
    } catch (const std::exception& e) {
      // The database may be down; the next change or restart tries again.
      spdlog::error("media delivery: {}", e.what());
    }
    lock.lock();
    busy_ = false;
    if (dirty_.empty() && !everything_dirty_) idle_.notify_all();
  }
}

void Deliverer::reconcile(const std::set<std::int64_t>& audio_ids, bool everything) {
  struct Snapshot {
    std::vector<storage::PbxNode> nodes;
    std::vector<storage::AudioFile> audio;
    std::vector<storage::AudioDelivery> rows;
  };
  auto snap = db_.read([&](storage::Connection& c) {
    Snapshot s;
    s.nodes = storage::pbx_nodes::list(c);
    if (everything) {
      s.audio = all_audio(c);
      s.rows = storage::audio_deliveries::all(c);
    } else {
      for (auto id : audio_ids) {
        if (auto a = storage::find_audio(c, id)) s.audio.push_back(std::move(*a));
        for (auto& r : storage::audio_deliveries::for_audio(c, id)) s.rows.push_back(std::move(r));
      }
    }
    return s;
  });
  std::map<std::int64_t, const storage::PbxNode*> nodes;
  for (const auto& n : snap.nodes) nodes[n.id] = &n;
  std::map<std::int64_t, const storage::AudioFile*> audio;
  for (const auto& a : snap.audio) audio[a.id] = &a;

  // Files left where nothing should be: the audio was deleted, the node removed, or its
  // sounds directory (or way of delivery) changed.
  std::map<std::pair<std::int64_t, std::int64_t>, storage::AudioDelivery> current;
  for (const auto& row : snap.rows) {
    auto a = audio.find(row.audio_id);
    auto n = nodes.find(row.node_id);
    bool stale = a == audio.end() || n == nodes.end();
    if (!stale) {
      const auto& node = *n->second;
      stale = !through_directory(node, *a->second) || !node.sounds_dir ||
              placement(*node.sounds_dir, a->second->kind, row.audio_id).directory.string() != row.location;
    }
    if (!stale) {
      current[{row.audio_id, row.node_id}] = row;
      continue;
    }
    remove_files(row);
    db_.write([&](storage::Connection& c) {
      storage::audio_deliveries::remove(c, row.audio_id, row.node_id);
      return 0;
    });
    if (a != audio.end() && on_change_) on_change_(row.audio_id);
  }

  for (const auto& a : snap.audio) {
    for (const auto& node : snap.nodes) {
      if (!node.enabled || !through_directory(node, a) || !node.sounds_dir) continue;
      auto row = current.find({a.id, node.id});
      bool needs_work = false;
      judge(a, node, row == current.end() ? std::nullopt : std::optional(row->second), &needs_work);
      if (needs_work) deliver(a, node, *node.sounds_dir);
    }
  }
}

void Deliverer::deliver(const storage::AudioFile& audio, const storage::PbxNode& node,
                        const fs::path& sounds_dir) {
  const Placement where = placement(sounds_dir, audio.kind, audio.id);
  storage::AudioDelivery row;
  row.audio_id = audio.id;
  row.node_id = node.id;
  row.location = where.directory.string();
  try {
    auto wav8 = store_.local_file(audio.media_key + "8k.wav");
    auto wav16 = store_.local_file(audio.media_key + "16k.wav16");
    if (!wav8 || !wav16)
      throw std::runtime_error("os arquivos convertidos deste áudio não estão no armazenamento");
    fs::create_directories(where.directory);
    blob::copy_file_atomically(*wav8, where.base.string() + ".wav");
    blob::copy_file_atomically(*wav16, where.base.string() + ".wav16");
    row.state = kDelivered;
    row.size_8k = static_cast<std::int64_t>(fs::file_size(*wav8));
    row.size_16k = static_cast<std::int64_t>(fs::file_size(*wav16));
    spdlog::info("media delivery: audio {} written to {} for node {}", audio.id, where.directory.string(),
                 node.name);
  } catch (const std::exception& e) {
    row.state = kFailed;
    row.error = "Não foi possível gravar em " + where.directory.string() + " (" + e.what() +
                "). Verifique se o diretório existe, está montado e aceita escrita pelo usuário do Torpedo.";
    spdlog::warn("media delivery: audio {} to node {}: {}", audio.id, node.name, e.what());
  }
  row.updated_at = clock_.now_ms();
  db_.write([&](storage::Connection& c) {
    storage::audio_deliveries::put(c, row);
    return 0;
  });
  if (on_change_) on_change_(audio.id);
}

void Deliverer::remove_files(const storage::AudioDelivery& d) {
  const fs::path dir = d.location;
  const std::string base = file_base_name(d.audio_id);
  std::error_code ec;
  fs::remove(dir / (base + ".wav"), ec);
  fs::remove(dir / (base + ".wav16"), ec);
  // A music-on-hold class directory belongs to this audio alone; remove() leaves it if not empty.
  if (dir.filename() == base) fs::remove(dir, ec);
}

NodeDelivery Deliverer::judge(const storage::AudioFile& audio, const storage::PbxNode& node,
                              const std::optional<storage::AudioDelivery>& row, bool* needs_work) const {
  NodeDelivery d;
  d.node_id = node.id;
  d.node_name = node.name;
  *needs_work = false;
  if (!through_directory(node, audio)) {
    d.mode = "http";
    d.location = media_url(public_url_, audio);
    const std::string host = url_host(public_url_);
    if (is_loopback_host(host) && !is_loopback_host(node.ami_host)) {
      d.state = State::failed;
      d.error = "TORPEDO_PUBLIC_URL (" + public_url_ + ") só é alcançável nesta máquina, e o Asterisk de " +
                node.name + " está em " + node.ami_host +
                ": defina TORPEDO_PUBLIC_URL com um endereço que ele alcance.";
      return d;
    }
    d.state = State::delivered;
    d.playback = d.location;
    return d;
  }
  d.mode = "directory";
  if (!node.sounds_dir) {
    d.state = State::failed;
    d.error =
        audio.kind == "moh"
            ? "A música de espera precisa de um diretório de sons neste servidor: informe-o em Servidores."
            : "Este servidor não tem diretório de sons: informe-o em Servidores, ou escolha a entrega por "
              "URL.";
    return d;
  }
  const Placement where = placement(*node.sounds_dir, audio.kind, audio.id);
  d.location = where.directory.string();
  if (!row || row->location != d.location) {
    d.state = State::pending;
    *needs_work = true;
    return d;
  }
  d.updated_at = row->updated_at;
  if (row->state != kDelivered) {
    d.state = State::failed;
    d.error = row->error.value_or("A entrega falhou.");
    *needs_work = true;
    return d;
  }
  // The operator (or a cleanup script) may have removed the files since.
  if (size_or(where.base.string() + ".wav", -1) != row->size_8k ||
      size_or(where.base.string() + ".wav16", -1) != row->size_16k) {
    d.state = State::pending;
    d.error = "Os arquivos não estão mais em " + d.location + "; entregando de novo.";
    *needs_work = true;
    return d;
  }
  d.state = State::delivered;
  d.playback = where.base.string();
  return d;
}

std::vector<NodeDelivery> Deliverer::status(const storage::AudioFile& audio) {
  return status(std::vector<storage::AudioFile>{audio}).front();
}

std::vector<std::vector<NodeDelivery>> Deliverer::status(const std::vector<storage::AudioFile>& audio) {
  std::vector<std::vector<NodeDelivery>> out(audio.size());
  if (audio.empty()) return out;
  auto [nodes, rows] = db_.read([&](storage::Connection& c) {
    std::vector<storage::AudioDelivery> found;
    if (audio.size() == 1)
      found = storage::audio_deliveries::for_audio(c, audio.front().id);
    else
      found = storage::audio_deliveries::all(c);
    return std::pair(storage::pbx_nodes::list(c), std::move(found));
  });
  std::map<std::pair<std::int64_t, std::int64_t>, storage::AudioDelivery> by_key;
  for (auto& r : rows) by_key[{r.audio_id, r.node_id}] = std::move(r);
  for (std::size_t i = 0; i < audio.size(); ++i) {
    bool requeue = false;
    for (const auto& node : nodes) {
      if (!node.enabled) continue;
      auto row = by_key.find({audio[i].id, node.id});
      bool needs_work = false;
      out[i].push_back(judge(audio[i], node, row == by_key.end() ? std::nullopt : std::optional(row->second),
                             &needs_work));
      // Failures are retried when something changes, not on every look.
      requeue = requeue || (needs_work && out[i].back().state == State::pending);
    }
    if (requeue) audio_added(audio[i].id);
  }
  return out;
}

std::vector<std::string> Deliverer::not_ready(const storage::AudioFile& audio,
                                              const std::vector<std::int64_t>& node_ids) {
  auto all = status(audio);
  std::vector<std::string> reasons;
  for (auto id : node_ids) {
    auto it = std::find_if(all.begin(), all.end(), [&](const NodeDelivery& d) { return d.node_id == id; });
    if (it == all.end()) {
      reasons.push_back("O servidor " + std::to_string(id) + " não existe ou está desativado.");
      continue;
    }
    if (it->state == State::delivered) continue;
    reasons.push_back("O áudio \"" + audio.name + "\" ainda não está no servidor " + it->node_name + ": " +
                      (it->error.empty() ? std::string("entrega em andamento.") : it->error));
  }
  return reasons;
}

}  // namespace torpedo::media
