#pragma once
// Keeps one AMI connection per enabled PBX node and each node's live status: connection
// state, Asterisk and AMI versions, start and reload times, active channels (from
// Newchannel/Hangup, re-synced with CoreShowChannels after every (re)connect). Status changes
// are pushed on the events hub as {"type":"pbx-status","nodeId":…,"status":{…}}.
//
// Thread-safety: every public member may be called from any thread. AMI callbacks run on the
// io thread; status snapshots are guarded by a mutex.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ami/action.h"
#include "ami/client.h"
#include "common/clock.h"
#include "engine/pbx_link.h"
#include "events/hub.h"

namespace boost::asio {
class io_context;
}

namespace torpedo::pbx {

struct NodeSettings {
  std::int64_t id = 0;
  std::string name;
  std::string host;
  int port = 5038;
  std::string user;
  std::string secret;  // plain: decrypted only to log in
  int max_channels = 100;
  bool enabled = true;
  bool secret_unreadable = false;  // stored with another master key: cannot log in
  bool operator==(const NodeSettings&) const = default;
};

struct NodeStatus {
  std::string state = "disabled";  // disabled | connecting | connected | disconnected | auth_failed
  std::optional<std::string> asterisk_version;
  std::optional<std::string> ami_version;
  std::optional<EpochMs> started_at;
  std::optional<EpochMs> reloaded_at;
  std::optional<EpochMs> connected_since;
  std::optional<std::int64_t> active_channels;
  std::optional<std::string> last_error;
  EpochMs updated_at = 0;
};
nlohmann::json to_json(const NodeStatus& s, EpochMs now);

struct TestResult {
  bool ok = false;
  std::optional<std::int64_t> latency_ms;
  std::optional<std::string> asterisk_version;
  std::optional<std::string> ami_version;
  std::optional<std::string> error;  // Portuguese, for the operator
};

class Manager final : public engine::PbxLink {
 public:
  Manager(boost::asio::io_context& io, events::Hub& hub, const Clock& clock);
  ~Manager();

  // Brings the AMI connections in line with `nodes`: new enabled nodes connect, changed ones
  // reconnect, disabled or removed ones disconnect.
  void apply(const std::vector<NodeSettings>& nodes);
  void stop_all();

  NodeStatus status(std::int64_t node_id) const;
  std::map<std::int64_t, NodeStatus> all_status() const;

  // Connects with the given settings, logs in, asks CoreSettings. Blocks the calling thread
  // (never call it on the io thread) for at most `timeout`.
  TestResult test(const NodeSettings& settings, std::chrono::milliseconds timeout);

  // Sends `action` on the node's live connection and waits for its outcome (at most the
  // client's action timeout). Never call it on the io thread. A node that is not connected
  // answers `not_connected` at once: nothing is queued for later.
  ami::ActionResult send(std::int64_t node_id, ami::Action action);

  // engine::PbxLink, for the campaign engine.
  void send_async(std::int64_t node_id, ami::Action action, ami::ActionCallback done) override;
  bool connected(std::int64_t node_id) const override;
  void listen(EventHandler events, StateHandler states) override;

 private:
  struct Node;
  void start_node(const NodeSettings& s);
  void resync(const std::shared_ptr<Node>& node);
  void publish(const std::shared_ptr<Node>& node, bool now);

  boost::asio::io_context& io_;
  events::Hub& hub_;
  const Clock& clock_;
  mutable std::mutex mutex_;
  std::map<std::int64_t, std::shared_ptr<Node>> nodes_;  // guarded by mutex_
  std::atomic<bool> stopped_{false};
  EventHandler engine_events_;  // set once before the connections start
  StateHandler engine_states_;
};

}  // namespace torpedo::pbx
