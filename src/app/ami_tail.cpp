#include "app/ami_tail.h"

#include <utility>  // Boost 1.74's awaitable.hpp uses std::exchange without including it.

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <chrono>
#include <ostream>

#include <fmt/format.h>

#include "ami/client.h"

namespace torpedo::app {

int run_ami_tail(const AmiTailOptions& options, std::ostream& out, std::ostream& err) {
  boost::asio::io_context io(1);
  ami::ClientOptions o;
  o.host = options.host;
  o.port = options.port;
  o.username = options.user;
  o.secret = options.secret;
  o.md5_challenge = options.md5;
  o.event_filter.insert(options.filter.begin(), options.filter.end());
  o.name = "ami-tail";
  auto client = ami::Client::create(io, o);

  std::uint64_t events = 0;
  std::chrono::steady_clock::time_point first, last;
  int exit_code = 0;
  bool stopping = false;
  auto stop = [&] {
    if (stopping) return;
    stopping = true;
    client->stop();
    io.stop();
  };

  client->on_state([&](ami::State s, const std::string& detail) {
    if (s == ami::State::connected) {
      err << "ami-tail: connected to " << options.host << ":" << options.port << " as " << options.user << "\n";
    } else if (s == ami::State::auth_failed) {
      err << "ami-tail: login refused: " << detail << "\n";
      exit_code = 1;
      stop();
    } else if (s == ami::State::disconnected) {
      err << "ami-tail: disconnected: " << detail << "\n";
      // A server that closed after streaming everything ends the run; a link that never
      // came up is an error.
      if (events == 0) exit_code = 1;
      stop();
    }
  });
  client->on_event([&](const ami::Message& m) {
    if (stopping) return;  // the rest of a batch that arrived with the last wanted event
    const auto now = std::chrono::steady_clock::now();
    if (events == 0) first = now;
    last = now;
    ++events;
    if (!options.quiet) out << m.to_wire() << std::flush;
    if (options.count && events >= options.count) stop();
  });

  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int) {
    if (!ec) stop();
  });
  client->start();
  io.run();

  if (options.stats) {
    const double seconds = std::chrono::duration<double>(last - first).count();
    out << fmt::format("events: {}\nseconds: {:.3f}\nevents/s: {:.0f}\n", events, seconds,
                       seconds > 0 ? static_cast<double>(events) / seconds : 0.0);
  }
  return exit_code;
}

}  // namespace torpedo::app
