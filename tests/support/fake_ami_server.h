#pragma once
// A scripted AMI peer on 127.0.0.1 (plain POSIX sockets, one thread) for the client tests:
// it greets with the banner, parses each action with our Parser, and lets the test answer.
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "ami/message.h"
#include "ami/parser.h"

namespace torpedo::testing {

class FakeAmiServer {
 public:
  struct Connection {
    int fd = -1;
    int number = 0;  // 1 for the first connection accepted, …
    ami::Parser parser;
    void send(const std::string& bytes) const;
    void close();
  };
  // Called on the server thread for every action received.
  using Handler = std::function<void(Connection&, const ami::Message& action)>;

  explicit FakeAmiServer(Handler handler);
  ~FakeAmiServer();
  std::uint16_t port() const { return port_; }

  // Closes every open connection (as a crash or network cut would).
  void drop_all();
  // Sends bytes (events) to every open connection.
  void broadcast(std::string bytes);
  int connections_accepted() const { return accepted_.load(); }
  // Names of every action received, in order, across connections.
  std::vector<std::string> actions() const;
  int count(const std::string& action) const;

  // A handler for Challenge/Login that accepts `user`/`secret` (plain or MD5 with challenge
  // "181103649") as Asterisk 22 does, and hands everything else to `next`.
  static Handler with_login(const std::string& user, const std::string& secret, Handler next);
  static std::string respond(const ami::Message& action, const std::string& body);

 private:
  void loop();

  Handler handler_;
  int listen_fd_ = -1;
  int wake_[2] = {-1, -1};
  std::uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<bool> drop_{false};
  std::atomic<int> accepted_{0};
  mutable std::mutex mutex_;
  std::vector<std::string> actions_;  // guarded by mutex_
  std::vector<std::string> outbox_;   // guarded by mutex_
  std::thread thread_;
};

}  // namespace torpedo::testing
