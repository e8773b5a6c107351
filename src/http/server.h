#pragma once
// The HTTP/WebSocket server (Boost.Beast over Asio, C++20 coroutines).
//
// Threads: one io thread runs every socket; request handlers run on a small pool of worker
// threads so that database and file work never stalls the network loop. Handlers are
// synchronous functions: the connection coroutine awaits them without blocking the loop.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <variant>

#include "events/hub.h"
#include "http/message.h"

namespace boost::asio {
class io_context;
}

namespace torpedo::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;  // 0 picks a free port (tests)
  std::size_t max_body_bytes = 1 << 20;
  // Bodies of the requests for which `upload_limit` gives a limit (file uploads; 0 = none)
  // go to a file in upload_dir, up to that limit; handlers read Request::body_file. The file
  // is removed after the response.
  std::function<std::size_t(const std::string& method, const std::string& target)> upload_limit;
  std::string upload_dir;
  std::chrono::seconds upload_timeout{1800};  // reading an upload, or writing a file response
  std::size_t max_header_bytes = 16 * 1024;
  std::chrono::seconds read_timeout{30};   // whole request, including waiting for it on keep-alive
  std::chrono::seconds write_timeout{30};
  std::chrono::seconds drain_timeout{10};  // graceful shutdown: how long in-flight requests may take
  int workers = 4;
  std::string events_path = "/api/v1/events";
  std::size_t events_queue_limit = 256;    // messages queued for one WebSocket client
  bool handle_signals = false;             // SIGINT/SIGTERM start a graceful shutdown
  bool access_log = true;
};

struct ServerHooks {
  // Answers one request. Runs on a worker thread; must not throw.
  std::function<Response(const Request&)> handle;
  // Decides a WebSocket upgrade on events_path. Runs on a worker thread. Returns the first
  // message to send (accepted) or the HTTP response to send instead (refused).
  std::function<std::variant<std::string, Response>(const Request&)> accept_events;
};

class Server {
 public:
  Server(ServerOptions options, ServerHooks hooks, events::Hub& hub);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; returns the bound port. Throws when the address is taken.
  std::uint16_t listen();
  // Runs the network loop on the calling thread until a shutdown completes.
  void run();
  // Thread-safe: stop accepting, close idle connections and WebSockets, let in-flight
  // requests finish (up to drain_timeout), then make run() return.
  void shutdown();

  // The network event loop, for other components that do I/O (AMI clients).
  boost::asio::io_context& io_context();
  // Runs on the io thread when a graceful shutdown begins, before connections drain.
  void on_shutdown(std::function<void()> hook);

  struct Impl;  // opaque; public only so that the connection classes in server.cpp can name it

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace torpedo::http
