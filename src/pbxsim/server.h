#pragma once
// pbxsim's AMI server: TCP connections on an Asio io_context, each fed to the Simulator.
// Replies go to the session that asked; events go to every logged-in session whose Events
// filter wants their class, in the order the simulator produced them.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "pbxsim/simulator.h"

namespace boost::asio {
class io_context;
}

namespace torpedo::pbxsim {

// Faults to inject, for tests of what Torpedo does when Asterisk misbehaves.
struct Faults {
  bool refuse_logins = false;          // every Login fails, as with a wrong secret
  std::uint64_t drop_after_events = 0; // close every connection once this many events went out (0: never)
  std::uint64_t stall_after_events = 0;  // then stop writing anything, replies included (0: never)
  std::uint64_t restart_after_events = 0;  // restart the pbx once this many events went out (0: never)
  std::chrono::milliseconds restart_downtime{1700};  // refusing connections meanwhile, as a restarting Asterisk
};

class Server {
 public:
  Server(boost::asio::io_context& io, Simulator& simulator, Faults faults = {});
  ~Server();
  // Binds and starts accepting; returns the bound port (0 picks a free one).
  std::uint16_t listen(const std::string& host, std::uint16_t port);
  void close();
  // `core restart now`: every call ends, Event: Shutdown goes out, every connection closes, and
  // no connection is accepted for `downtime`; then the pbx is back with an empty channel list.
  void restart(std::chrono::milliseconds downtime);
  // A network cut: every connection closes at once; calls go on and new connections are taken.
  void drop_connections();
  // A stalled link: nothing more is written (replies and events) until unstalled.
  void stall(bool stalled);
  // Lost events: the next `count` events named `event` ("Hangup", "OriginateResponse") reach
  // no session, as if the network or a bug had eaten them.
  void lose_events(const std::string& event, std::uint64_t count);
  std::size_t sessions() const;

  struct Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace torpedo::pbxsim
