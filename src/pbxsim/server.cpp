#include "pbxsim/server.h"

#include <utility>  // Boost 1.74's awaitable.hpp uses std::exchange without including it.

#include <boost/asio.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <array>
#include <deque>
#include <list>

#include "ami/parser.h"

namespace torpedo::pbxsim {

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using tcp = asio::ip::tcp;

struct Connection : std::enable_shared_from_this<Connection> {
  explicit Connection(tcp::socket s) : socket(std::move(s)), wake(socket.get_executor()) {}
  tcp::socket socket;
  asio::steady_timer wake;
  std::deque<std::string> outbox;
  Session session;
  bool closed = false;

  void send(std::string bytes) {
    outbox.push_back(std::move(bytes));
    wake.cancel_one();
  }
};

// Simulated time on Asio timers: the simulator's call steps run on the server's io thread.
class AsioScheduler final : public Scheduler {
 public:
  explicit AsioScheduler(asio::io_context& io) : io_(io) {}
  void after(std::chrono::milliseconds delay, std::function<void()> work) override {
    if (delay.count() <= 0) {
      asio::post(io_, std::move(work));
      return;
    }
    auto timer = std::make_shared<asio::steady_timer>(io_, delay);
    timer->async_wait([timer, work = std::move(work)](const boost::system::error_code& ec) {
      if (!ec) work();
    });
  }

 private:
  asio::io_context& io_;
};

struct Server::Impl : std::enable_shared_from_this<Server::Impl> {
  Impl(asio::io_context& io, Simulator& sim, Faults faults)
      : io(io), sim(sim), acceptor(io), scheduler(io), faults(faults) {}
  asio::io_context& io;
  Simulator& sim;
  tcp::acceptor acceptor;
  AsioScheduler scheduler;
  Faults faults;
  std::uint64_t events_sent = 0;
  bool dropped = false;
  bool stalled = false;
  bool restarted = false;
  std::string lost_event;   // lose_events(): the next `lose_count` events of this name are not sent
  std::uint64_t lose_count = 0;
  tcp::endpoint bound;
  std::list<std::weak_ptr<Connection>> connections;

  void drop_all() {
    boost::system::error_code ec;
    for (auto& w : connections)
      if (auto c = w.lock()) c->socket.close(ec);
  }

  void count_event() {
    ++events_sent;
    if (faults.drop_after_events && !dropped && events_sent >= faults.drop_after_events) {
      dropped = true;  // once: reconnections then work, as after a network cut
      asio::post(io, [self = shared_from_this()] { self->drop_all(); });
    }
    if (faults.stall_after_events && events_sent >= faults.stall_after_events) stalled = true;
    if (faults.restart_after_events && !restarted && events_sent >= faults.restart_after_events) {
      restarted = true;
      asio::post(io, [self = shared_from_this()] { self->restart(self->faults.restart_downtime); });
    }
  }

  void restart(std::chrono::milliseconds downtime) {
    sim.restart(downtime);  // its Shutdown event is queued to every session before they close
    for (auto& w : connections)
      if (auto c = w.lock()) {
        c->closed = true;
        c->wake.cancel();
      }
    boost::system::error_code ec;
    acceptor.close(ec);
    auto timer = std::make_shared<asio::steady_timer>(io, downtime);
    timer->async_wait([self = shared_from_this(), timer](const boost::system::error_code& e) {
      if (!e) self->open();
    });
  }

  void open() {
    acceptor.open(bound.protocol());
    acceptor.set_option(asio::socket_base::reuse_address(true));
    acceptor.bind(bound);
    acceptor.listen();
    bound = acceptor.local_endpoint();
    asio::co_spawn(io, accept_loop(shared_from_this()), asio::detached);
  }

  void broadcast(const Simulator::Event& e) {
    count_event();
    if (!lost_event.empty() && lose_count > 0 && e.bytes.rfind("Event: " + lost_event + "\r\n", 0) == 0) {
      --lose_count;  // a lost event: as if the network or a bug ate it
      return;
    }
    for (auto it = connections.begin(); it != connections.end();) {
      auto c = it->lock();
      if (!c) {
        it = connections.erase(it);
        continue;
      }
      if (c->session.authenticated && c->session.wants(e.event_class)) c->send(e.bytes);
      ++it;
    }
  }

  static awaitable<void> writer(std::shared_ptr<Impl> self, std::shared_ptr<Connection> c) {
    boost::system::error_code ec;
    for (;;) {
      if (c->outbox.empty() || self->stalled) {
        if (c->closed) break;
        c->wake.expires_at(asio::steady_timer::time_point::max());
        co_await c->wake.async_wait(asio::redirect_error(use_awaitable, ec));
        continue;
      }
      std::string bytes = std::move(c->outbox.front());
      c->outbox.pop_front();
      co_await asio::async_write(c->socket, asio::buffer(bytes), asio::redirect_error(use_awaitable, ec));
      if (ec) break;
    }
    // Everything written: a Logoff or a refused login ends the connection, as Asterisk does.
    c->socket.shutdown(tcp::socket::shutdown_both, ec);
    c->socket.close(ec);
  }

  static awaitable<void> reader(std::shared_ptr<Impl> self, std::shared_ptr<Connection> c) {
    c->send(Simulator::kBanner);
    asio::co_spawn(self->io, writer(self, c), asio::detached);
    ami::Parser parser;
    std::vector<ami::Message> actions;
    std::array<char, 8192> buffer;
    boost::system::error_code ec;
    while (!c->closed) {
      std::size_t n = co_await c->socket.async_read_some(asio::buffer(buffer), asio::redirect_error(use_awaitable, ec));
      if (ec) break;
      parser.feed(std::string_view(buffer.data(), n), actions);
      for (const auto& a : actions) {
        if (self->faults.refuse_logins && ami::Message::equals(a.get_or("Action"), "Login")) {
          std::string id(a.action_id());
          c->send("Response: Error\r\n" + (id.empty() ? "" : "ActionID: " + id + "\r\n") +
                  "Message: Authentication failed\r\n\r\n");
          c->closed = true;
          break;
        }
        auto result = self->sim.handle(c->session, a);
        if (!result.reply.empty()) c->send(std::move(result.reply));
        for (const auto& e : result.events) self->broadcast(e);
        if (c->session.close) {
          c->closed = true;
          break;
        }
      }
      actions.clear();
    }
    c->closed = true;
    c->wake.cancel();
  }

  static awaitable<void> accept_loop(std::shared_ptr<Impl> self) {
    for (;;) {
      boost::system::error_code ec;
      tcp::socket socket = co_await self->acceptor.async_accept(asio::redirect_error(use_awaitable, ec));
      if (ec) co_return;
      socket.set_option(tcp::no_delay(true), ec);
      auto c = std::make_shared<Connection>(std::move(socket));
      self->connections.push_back(c);
      asio::co_spawn(self->io, reader(self, c), asio::detached);
    }
  }
};

Server::Server(asio::io_context& io, Simulator& simulator, Faults faults)
    : impl_(std::make_shared<Impl>(io, simulator, faults)) {
  std::weak_ptr<Impl> weak = impl_;
  simulator.attach(impl_->scheduler, [weak](const Simulator::Event& e) {
    if (auto impl = weak.lock()) impl->broadcast(e);
  });
}

Server::~Server() { close(); }

std::uint16_t Server::listen(const std::string& host, std::uint16_t port) {
  impl_->bound = tcp::endpoint{asio::ip::make_address(host), port};
  impl_->open();
  return impl_->bound.port();
}

void Server::close() {
  boost::system::error_code ec;
  impl_->acceptor.close(ec);
  for (auto& w : impl_->connections)
    if (auto c = w.lock()) c->socket.close(ec);
}

void Server::restart(std::chrono::milliseconds downtime) { impl_->restart(downtime); }

void Server::drop_connections() { impl_->drop_all(); }

void Server::lose_events(const std::string& event, std::uint64_t count) {
  impl_->lost_event = event;
  impl_->lose_count = count;
}

void Server::stall(bool stalled) {
  impl_->stalled = stalled;
  if (stalled) return;
  for (auto& w : impl_->connections)
    if (auto c = w.lock()) c->wake.cancel();  // write what waited
}

std::size_t Server::sessions() const {
  std::size_t n = 0;
  for (auto& w : impl_->connections) n += !w.expired();
  return n;
}

}  // namespace torpedo::pbxsim
