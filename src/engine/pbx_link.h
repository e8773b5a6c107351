#pragma once
// What the dialer needs from the AMI connections: send an action to a node, and hear every
// node's events and connection changes. pbx::Manager implements it over its live connections;
// tests may implement it over anything.
#include <cstdint>
#include <functional>

#include "ami/action.h"
#include "ami/client.h"
#include "ami/message.h"

namespace torpedo::engine {

class PbxLink {
 public:
  virtual ~PbxLink() = default;
  // Sends `action` on the node's connection; `done` runs once, on any thread. A node that is
  // not connected answers `not_connected` (the action was never written).
  virtual void send_async(std::int64_t node_id, ami::Action action, ami::ActionCallback done) = 0;
  virtual bool connected(std::int64_t node_id) const = 0;
  // Called on the network thread, in the order the node sent them. Set once, before the
  // connections start.
  using EventHandler = std::function<void(std::int64_t node_id, const ami::Message&)>;
  using StateHandler = std::function<void(std::int64_t node_id, bool connected)>;
  virtual void listen(EventHandler events, StateHandler states) = 0;
};

}  // namespace torpedo::engine
