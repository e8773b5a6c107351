#include "pbx/manager.h"

#include <utility>  // Boost 1.74's awaitable.hpp uses std::exchange without including it.

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <future>
#include <set>

#include <spdlog/spdlog.h>

#include "ami/client.h"
#include "common/time_format.h"

namespace torpedo::pbx {

namespace asio = boost::asio;

nlohmann::json to_json(const NodeStatus& s, EpochMs now) {
  auto time = [](const std::optional<EpochMs>& t) {
    return t ? nlohmann::json(format_iso8601(*t)) : nlohmann::json(nullptr);
  };
  auto opt = [](const auto& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  return {{"state", s.state},
          {"asteriskVersion", opt(s.asterisk_version)},
          {"amiVersion", opt(s.ami_version)},
          {"startedAt", time(s.started_at)},
          {"reloadedAt", time(s.reloaded_at)},
          {"uptimeSeconds", s.started_at ? nlohmann::json((now - *s.started_at) / 1000) : nlohmann::json(nullptr)},
          {"activeChannels", opt(s.active_channels)},
          {"lastError", opt(s.last_error)},
          {"connectedSince", time(s.connected_since)},
          {"updatedAt", format_iso8601(s.updated_at)}};
}

namespace {

// The UI shows lastError as written: say it in Portuguese, keeping Asterisk's own words.
std::string operator_message(ami::State state, const std::string& detail, const NodeSettings& s) {
  const std::string where = s.host + ":" + std::to_string(s.port);
  if (state == ami::State::auth_failed)
    return "O Asterisk recusou o usuário ou o segredo da AMI (" + detail + "). Confira a seção [" + s.user +
           "] do manager.conf.";
  if (detail.rfind("cannot connect", 0) == 0 || detail.rfind("cannot resolve", 0) == 0) {
    auto colon = detail.rfind(": ");
    return "Não foi possível conectar a " + where + " (" + (colon == std::string::npos ? detail : detail.substr(colon + 2)) +
           "). Confira o endereço, a porta e o firewall.";
  }
  if (detail == "connect timed out") return "Tempo esgotado ao conectar a " + where + ". Confira o endereço e o firewall.";
  if (detail == "connection closed by Asterisk") return "O Asterisk encerrou a conexão AMI; reconectando.";
  return "Conexão AMI perdida (" + detail + "); reconectando.";
}

}  // namespace

struct Manager::Node {
  Node(asio::io_context& io, NodeSettings s) : settings(std::move(s)), publish_timer(io) {}
  NodeSettings settings;
  std::shared_ptr<ami::Client> client;
  // Touched on the io thread only.
  std::set<std::string> channels;  // Uniqueids of live channels
  asio::steady_timer publish_timer;
  bool publish_scheduled = false;
  // Guarded by Manager::mutex_.
  NodeStatus status;
};

Manager::Manager(asio::io_context& io, events::Hub& hub, const Clock& clock) : io_(io), hub_(hub), clock_(clock) {}

Manager::~Manager() { stop_all(); }

void Manager::stop_all() {
  stopped_ = true;
  std::map<std::int64_t, std::shared_ptr<Node>> nodes;
  {
    std::lock_guard lock(mutex_);
    nodes.swap(nodes_);
  }
  for (auto& [id, n] : nodes)
    if (n->client) n->client->stop();
}

NodeStatus Manager::status(std::int64_t node_id) const {
  std::lock_guard lock(mutex_);
  auto it = nodes_.find(node_id);
  if (it == nodes_.end()) {
    NodeStatus s;
    s.updated_at = clock_.now_ms();
    return s;
  }
  return it->second->status;
}

std::map<std::int64_t, NodeStatus> Manager::all_status() const {
  std::lock_guard lock(mutex_);
  std::map<std::int64_t, NodeStatus> out;
  for (const auto& [id, n] : nodes_) out.emplace(id, n->status);
  return out;
}

void Manager::apply(const std::vector<NodeSettings>& nodes) {
  std::vector<std::shared_ptr<Node>> to_stop;
  std::vector<NodeSettings> to_start;
  {
    std::lock_guard lock(mutex_);
    std::set<std::int64_t> wanted;
    for (const auto& s : nodes) {
      wanted.insert(s.id);
      auto it = nodes_.find(s.id);
      if (it != nodes_.end() && it->second->settings == s) continue;
      if (it != nodes_.end()) {
        to_stop.push_back(it->second);
        nodes_.erase(it);
      }
      to_start.push_back(s);
    }
    for (auto it = nodes_.begin(); it != nodes_.end();) {
      if (wanted.count(it->first)) {
        ++it;
      } else {
        to_stop.push_back(it->second);
        it = nodes_.erase(it);
      }
    }
  }
  for (auto& n : to_stop)
    if (n->client) n->client->stop();
  for (const auto& s : to_start) start_node(s);
}

void Manager::start_node(const NodeSettings& s) {
  auto node = std::make_shared<Node>(io_, s);
  node->status.updated_at = clock_.now_ms();
  node->status.state = s.enabled ? "connecting" : "disabled";
  if (s.enabled && s.secret_unreadable) {
    node->status.state = "auth_failed";
    node->status.last_error =
        "O segredo AMI salvo não abre com a chave mestra atual (TORPEDO_MASTER_KEY_FILE); cadastre o segredo de novo.";
  }
  {
    std::lock_guard lock(mutex_);
    nodes_[s.id] = node;
  }
  publish(node, true);
  if (!s.enabled || s.secret_unreadable) return;

  ami::ClientOptions o;
  o.host = s.host;
  o.port = static_cast<std::uint16_t>(s.port);
  o.username = s.user;
  o.secret = s.secret;
  o.name = "ami[" + s.name + "]";
  node->client = ami::Client::create(io_, o);
  std::weak_ptr<Node> weak = node;
  node->client->on_state([this, weak](ami::State state, const std::string& detail) {
    auto node = weak.lock();
    if (!node) return;
    {
      std::lock_guard lock(mutex_);
      auto& st = node->status;
      st.state = ami::to_string(state);
      st.updated_at = clock_.now_ms();
      if (state == ami::State::connected) {
        st.connected_since = st.updated_at;
        st.last_error.reset();
      } else if (state == ami::State::disconnected || state == ami::State::auth_failed) {
        st.connected_since.reset();
        st.active_channels.reset();
        if (!detail.empty()) st.last_error = operator_message(state, detail, node->settings);
      }
    }
    if (state == ami::State::connected) resync(node);
    if (state != ami::State::connected) node->channels.clear();
    publish(node, true);
    if (engine_states_ && (state == ami::State::connected || state == ami::State::disconnected))
      engine_states_(node->settings.id, state == ami::State::connected);
  });
  node->client->on_event([this, weak](const ami::Message& m) {
    auto node = weak.lock();
    if (!node) return;
    if (engine_events_) engine_events_(node->settings.id, m);
    const auto event = m.event();
    bool changed = false;
    if (event == "Newchannel") {
      changed = node->channels.insert(std::string(m.get_or("Uniqueid"))).second;
    } else if (event == "Hangup") {
      changed = node->channels.erase(std::string(m.get_or("Uniqueid"))) > 0;
    } else if (event == "FullyBooted") {
      // Uptime and LastReload are seconds ago; unlike CoreStatus dates they need no time zone.
      std::lock_guard lock(mutex_);
      const EpochMs now = clock_.now_ms();
      try {
        node->status.started_at = now - std::stoll(std::string(m.get_or("Uptime", "0"))) * 1000;
        node->status.reloaded_at = now - std::stoll(std::string(m.get_or("LastReload", "0"))) * 1000;
      } catch (...) {
      }
      changed = true;
    } else if (event == "Reload") {
      std::lock_guard lock(mutex_);
      node->status.reloaded_at = clock_.now_ms();
      changed = true;
    } else if (event == "Shutdown") {
      node->channels.clear();
      changed = true;
    }
    if (!changed) return;
    {
      std::lock_guard lock(mutex_);
      node->status.active_channels = static_cast<std::int64_t>(node->channels.size());
      node->status.updated_at = clock_.now_ms();
    }
    publish(node, false);
  });
  node->client->start();
}

void Manager::resync(const std::shared_ptr<Node>& node) {
  std::weak_ptr<Node> weak = node;
  node->client->send(ami::Action("CoreSettings"), [this, weak](ami::ActionResult r) {
    auto node = weak.lock();
    if (!node || !r.ok()) return;
    {
      std::lock_guard lock(mutex_);
      node->status.asterisk_version = std::string(r.response.get_or("AsteriskVersion"));
      node->status.ami_version = std::string(r.response.get_or("AMIversion"));
    }
    publish(node, false);
  });
  // After a reconnect the channel set is rebuilt from Asterisk, not from what we remember.
  node->client->send(ami::Action("CoreShowChannels"), [this, weak](ami::ActionResult r) {
    auto node = weak.lock();
    if (!node || !r.ok()) return;
    node->channels.clear();
    for (const auto& e : r.events) node->channels.insert(std::string(e.get_or("Uniqueid")));
    {
      std::lock_guard lock(mutex_);
      node->status.active_channels = static_cast<std::int64_t>(node->channels.size());
      node->status.updated_at = clock_.now_ms();
    }
    publish(node, false);
  });
}

void Manager::publish(const std::shared_ptr<Node>& node, bool now) {
  auto send = [this, node] {
    NodeStatus snapshot;
    {
      std::lock_guard lock(mutex_);
      snapshot = node->status;
    }
    nlohmann::json j = {{"type", "pbx-status"}, {"nodeId", node->settings.id}, {"status", to_json(snapshot, clock_.now_ms())}};
    hub_.publish(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  };
  if (now) {
    send();
    return;
  }
  // Channel counts change with every call: coalesce them to at most four messages a second.
  asio::post(io_, [node, send] {
    if (node->publish_scheduled) return;
    node->publish_scheduled = true;
    node->publish_timer.expires_after(std::chrono::milliseconds(250));
    node->publish_timer.async_wait([node, send](const boost::system::error_code& ec) {
      node->publish_scheduled = false;
      if (!ec) send();
    });
  });
}

ami::ActionResult Manager::send(std::int64_t node_id, ami::Action action) {
  std::shared_ptr<ami::Client> client;
  {
    std::lock_guard lock(mutex_);
    auto it = nodes_.find(node_id);
    if (it != nodes_.end()) client = it->second->client;
  }
  if (!client || client->state() != ami::State::connected) {
    ami::ActionResult r;
    r.status = ami::ActionResult::Status::not_connected;
    r.error = "not connected";
    return r;
  }
  auto promise = std::make_shared<std::promise<ami::ActionResult>>();
  auto future = promise->get_future();
  client->send(std::move(action), [promise](ami::ActionResult r) { promise->set_value(std::move(r)); });
  // The client reports every action exactly once, timeouts included, but only while its io
  // thread runs: when Torpedo stops, the answer may never come, so the wait is bounded and
  // gives up as soon as the manager stops.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (future.wait_for(std::chrono::milliseconds(100)) != std::future_status::ready) {
    if (stopped_ || std::chrono::steady_clock::now() > deadline) {
      ami::ActionResult r;
      r.status = stopped_ ? ami::ActionResult::Status::disconnected : ami::ActionResult::Status::timeout;
      r.error = stopped_ ? "stopping" : "no answer";
      return r;
    }
  }
  return future.get();
}

void Manager::send_async(std::int64_t node_id, ami::Action action, ami::ActionCallback done) {
  std::shared_ptr<ami::Client> client;
  {
    std::lock_guard lock(mutex_);
    auto it = nodes_.find(node_id);
    if (it != nodes_.end()) client = it->second->client;
  }
  if (!client || client->state() != ami::State::connected) {
    ami::ActionResult r;
    r.status = ami::ActionResult::Status::not_connected;
    r.error = "not connected";
    done(std::move(r));
    return;
  }
  client->send(std::move(action), std::move(done));
}

bool Manager::connected(std::int64_t node_id) const {
  std::lock_guard lock(mutex_);
  auto it = nodes_.find(node_id);
  return it != nodes_.end() && it->second->client && it->second->client->state() == ami::State::connected;
}

void Manager::listen(EventHandler events, StateHandler states) {
  engine_events_ = std::move(events);
  engine_states_ = std::move(states);
}

TestResult Manager::test(const NodeSettings& s, std::chrono::milliseconds timeout) {
  ami::ClientOptions o;
  o.host = s.host;
  o.port = static_cast<std::uint16_t>(s.port);
  o.username = s.user;
  o.secret = s.secret;
  o.name = "ami-test[" + s.host + "]";
  o.connect_timeout = timeout;
  o.action_timeout = timeout;
  o.events = "off";
  o.backoff.first = o.backoff.slow = o.backoff.max = std::chrono::hours(1);  // one try only
  auto client = ami::Client::create(io_, o);
  auto promise = std::make_shared<std::promise<TestResult>>();
  auto future = promise->get_future();
  auto done = std::make_shared<std::once_flag>();
  const auto started = std::chrono::steady_clock::now();
  auto finish = [promise, done](TestResult r) { std::call_once(*done, [&] { promise->set_value(std::move(r)); }); };
  client->on_state([client_weak = std::weak_ptr<ami::Client>(client), finish, started](ami::State state,
                                                                                          const std::string& detail) {
    if (state == ami::State::auth_failed) {
      finish(TestResult{false, std::nullopt, std::nullopt, std::nullopt,
                        "Usuário ou senha da AMI recusados. Confira o manager.conf do Asterisk."});
    } else if (state == ami::State::disconnected) {
      finish(TestResult{false, std::nullopt, std::nullopt, std::nullopt,
                        "Não foi possível conectar à AMI: " + detail +
                            ". Confira o endereço, a porta (5038) e o firewall."});
    } else if (state == ami::State::connected) {
      auto latency = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
      if (auto c = client_weak.lock()) {
        c->send(ami::Action("CoreSettings"), [finish, latency](ami::ActionResult r) {
          TestResult t;
          t.ok = r.ok();
          t.latency_ms = latency.count();
          if (r.ok()) {
            t.asterisk_version = std::string(r.response.get_or("AsteriskVersion"));
            t.ami_version = std::string(r.response.get_or("AMIversion"));
          } else {
            t.error = "Conectado, mas o Asterisk recusou CoreSettings: " + r.error +
                      ". Dê ao usuário AMI a permissão system.";
          }
          finish(std::move(t));
        });
      }
    }
  });
  client->start();
  TestResult result;
  if (future.wait_for(timeout + std::chrono::milliseconds(500)) == std::future_status::ready) {
    result = future.get();
  } else {
    result.error = "O Asterisk não respondeu em " + std::to_string(timeout.count() / 1000) +
                   " s. Confira o endereço e a porta da AMI.";
  }
  client->stop();
  return result;
}

}  // namespace torpedo::pbx
