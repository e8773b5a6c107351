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

class Server {
 public:
  Server(boost::asio::io_context& io, Simulator& simulator);
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
