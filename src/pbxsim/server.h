#pragma once
// pbxsim's AMI server: TCP connections on an Asio io_context, each fed to the Simulator.
// Replies go to the session that asked; events go to every logged-in session whose Events
// filter wants their class, in the order the simulator produced them.
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
};

class Server {
 public:
  Server(boost::asio::io_context& io, Simulator& simulator, Faults faults = {});
  ~Server();
  // Binds and starts accepting; returns the bound port (0 picks a free one).
  std::uint16_t listen(const std::string& host, std::uint16_t port);
  void close();
  std::size_t sessions() const;

  struct Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace torpedo::pbxsim
