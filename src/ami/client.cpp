// The AMI client. The only translation unit of src/ami that includes Asio.
#include "ami/client.h"

#include <utility>  // Boost 1.74's awaitable.hpp uses std::exchange without including it.

#include <boost/asio.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <openssl/evp.h>

#include <array>
#include <atomic>
#include <deque>
#include <set>
#include <mutex>
#include <unordered_map>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "ami/parser.h"

namespace torpedo::ami {

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

const char* to_string(State s) {
  switch (s) {
    case State::stopped: return "stopped";
    case State::connecting: return "connecting";
    case State::connected: return "connected";
    case State::auth_failed: return "auth_failed";
    case State::disconnected: return "disconnected";
  }
  return "unknown";
}

std::string md5_key(const std::string& challenge, const std::string& secret) {
  const std::string input = challenge + secret;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(input.data(), input.size(), digest, &length, EVP_md5(), nullptr);
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

namespace {

bool is_success(const Message& response) {
  auto r = response.response();
  return Message::equals(r, "Success") || Message::equals(r, "Goodbye") || Message::equals(r, "Follows");
}

class ClientImpl final : public Client {
 public:
  ClientImpl(asio::io_context& io, ClientOptions options)
      : io_(io),
        options_(std::move(options)),
        socket_(io),
        retry_timer_(io),
        tick_timer_(io),
        backoff_(options_.backoff) {
    prefix_ = options_.action_id_prefix;
    if (prefix_.empty()) {
      std::random_device rd;
      prefix_ = fmt::format("tp{:08x}", rd());
    }
  }

  void start() override {
    asio::post(io_, [self = shared_self()] {
      if (!self->stopped_) return;
      self->stopped_ = false;
      asio::co_spawn(self->io_, run(self), asio::detached);
    });
  }

  void stop() override {
    asio::post(io_, [self = shared_self()] {
      if (self->stopped_) return;
      self->stopped_ = true;
      if (self->logged_in_) {
        // Polite goodbye; small enough to write synchronously before closing.
        boost::system::error_code ec;
        const std::string logoff = Action("Logoff").add("ActionID", self->next_action_id()).serialize();
        asio::write(self->socket_, asio::buffer(logoff), ec);
      }
      self->drop_connection("stopped");
      self->retry_timer_.cancel();
      self->tick_timer_.cancel();
      self->set_state(State::stopped, "");
    });
  }

  void send(Action action, ActionCallback done) override {
    asio::post(io_, [self = shared_self(), action = std::move(action), done = std::move(done)]() mutable {
      self->send_now(std::move(action), std::move(done), /*internal=*/false);
    });
  }

  void on_event(std::function<void(const Message&)> handler) override {
    asio::post(io_, [self = shared_self(), handler = std::move(handler)]() mutable {
      self->event_handler_ = std::move(handler);
    });
  }

  void on_state(std::function<void(State, const std::string&)> handler) override {
    asio::post(io_, [self = shared_self(), handler = std::move(handler)]() mutable {
      self->state_handler_ = std::move(handler);
    });
  }

  State state() const override { return state_.load(); }
  std::string banner() const override {
    std::lock_guard lock(banner_mutex_);
    return banner_;
  }

 private:
  struct Pending {
    ActionCallback done;
    Clock::time_point deadline;
    bool list = false;
    ActionResult result;
  };

  std::shared_ptr<ClientImpl> shared_self() { return std::static_pointer_cast<ClientImpl>(shared_from_this()); }

  std::string next_action_id() { return fmt::format("{}-{}", prefix_, ++next_id_); }

  void set_state(State s, const std::string& detail) {
    const State old = state_.exchange(s);
    if (old == s && s != State::disconnected) return;
    if (s == State::connected)
      spdlog::info("{}: connected to {}:{}", options_.name, options_.host, options_.port);
    else if (s == State::auth_failed || s == State::disconnected)
      spdlog::warn("{}: {} ({})", options_.name, to_string(s), detail);
    if (state_handler_) state_handler_(s, detail);
  }

  void send_now(Action action, ActionCallback done, bool internal) {
    auto fail = [&](ActionResult::Status status, std::string error) {
      ActionResult r;
      r.status = status;
      r.error = std::move(error);
      if (done) done(std::move(r));
    };
    if (!internal && !logged_in_) return fail(ActionResult::Status::not_connected, "AMI not connected");
    if (!socket_.is_open()) return fail(ActionResult::Status::not_connected, "AMI not connected");
    if (pending_.size() >= options_.max_pending_actions)
      return fail(ActionResult::Status::overloaded, "too many AMI actions in flight");
    std::string id;
    for (const auto& [k, v] : action.headers())
      if (Message::equals(k, "ActionID")) id = v;
    if (id.empty()) {
      id = next_action_id();
      action.add("ActionID", id);
    }
    if (pending_.count(id)) return fail(ActionResult::Status::invalid, "duplicate ActionID " + id);
    std::string wire;
    try {
      wire = action.serialize();
    } catch (const InjectionError& e) {
      return fail(ActionResult::Status::invalid, e.what());
    }
    pending_.emplace(id, Pending{std::move(done), Clock::now() + options_.action_timeout, false, {}});
    write_queue_.emplace_back(id, std::move(wire));
    if (writer_generation_ != generation_) {
      writer_generation_ = generation_;  // now, not when the coroutine starts: one writer at a time
      asio::co_spawn(io_, write_loop(shared_self(), generation_), asio::detached);
    }
  }

  // One writer per connection. Each message leaves the queue before it is written, so that a
  // dropped connection (which clears the queue) never pulls a buffer from under a write.
  static awaitable<void> write_loop(std::shared_ptr<ClientImpl> self, std::uint64_t generation) {
    while (!self->write_queue_.empty() && generation == self->generation_) {
      std::string message = std::move(self->write_queue_.front().second);
      self->write_queue_.pop_front();
      boost::system::error_code ec;
      co_await asio::async_write(self->socket_, asio::buffer(message), asio::redirect_error(use_awaitable, ec));
      if (generation != self->generation_) break;
      if (ec) {
        self->drop_connection("write failed: " + ec.message());
        break;
      }
    }
    if (self->writer_generation_ == generation) self->writer_generation_ = 0;
  }

  // Closes the socket and fails everything in flight. Nothing is kept for a later
  // connection: an action is written at most once.
  void drop_connection(const std::string& reason) {
    ++generation_;
    boost::system::error_code ec;
    socket_.shutdown(tcp::socket::shutdown_both, ec);
    socket_.close(ec);
    logged_in_ = false;
    ping_outstanding_ = false;
    // Actions still queued were never written: the caller may know that for sure (an
    // Originate that never left is not a call). The others may have reached Asterisk.
    std::set<std::string> unwritten;
    for (const auto& [id, wire] : write_queue_) unwritten.insert(id);
    write_queue_.clear();
    auto pending = std::move(pending_);
    pending_.clear();
    for (auto& [id, p] : pending) {
      ActionResult r = std::move(p.result);
      const bool never_sent = unwritten.count(id) > 0;
      r.status = never_sent ? ActionResult::Status::not_connected : ActionResult::Status::disconnected;
      r.error = std::string(never_sent ? "never sent: " : "") + "AMI connection lost (" + reason + ")";
      if (p.done) p.done(std::move(r));
    }
  }

  void begin_login() {
    auto self = shared_self();
    auto login = [self](Action a) {
      a.add("Username", self->options_.username).add("Events", self->options_.events);
      self->send_now(std::move(a), [self](ActionResult r) { self->on_login(std::move(r)); }, true);
    };
    if (!options_.md5_challenge) {
      Action a("Login");
      login(std::move(a.add("Secret", options_.secret)));
      return;
    }
    send_now(Action("Challenge").add("AuthType", "MD5"),
             [self, login](ActionResult r) {
               if (!r.ok()) {
                 self->on_login(std::move(r));
                 return;
               }
               Action a("Login");
               a.add("AuthType", "MD5");
               a.add("Key", md5_key(std::string(r.response.get_or("Challenge")), self->options_.secret));
               login(std::move(a));
             },
             true);
  }

  void on_login(ActionResult r) {
    if (r.ok()) {
      logged_in_ = true;
      backoff_.reset();
      set_state(State::connected, "");
      return;
    }
    if (r.status == ActionResult::Status::error_response) {
      auth_failed_ = true;
      const std::string why = std::string(r.response.get_or("Message", "Authentication failed"));
      drop_connection(why);
      set_state(State::auth_failed, why);
    }
    // Transport failures are handled by the read loop.
  }

  void dispatch(Message m) {
    if (m.is_response()) {
      auto it = pending_.find(std::string(m.action_id()));
      if (it == pending_.end()) return;  // late answer to a timed-out action, or not ours
      Pending& p = it->second;
      const bool list_start = is_success(m) && Message::equals(m.get_or("EventList"), "start");
      p.result.response = std::move(m);
      if (list_start) {
        p.list = true;
        return;
      }
      complete(it, is_success(p.result.response) ? ActionResult::Status::ok : ActionResult::Status::error_response);
      return;
    }
    if (!m.is_event()) return;
    if (auto id = m.action_id(); !id.empty()) {
      auto it = pending_.find(std::string(id));
      if (it != pending_.end() && it->second.list) {
        if (Message::equals(m.get_or("EventList"), "Complete")) {
          it->second.result.complete = std::move(m);
          complete(it, ActionResult::Status::ok);
        } else {
          it->second.result.events.push_back(std::move(m));
        }
        return;
      }
    }
    if (!event_handler_) return;
    if (!options_.event_filter.empty() && !options_.event_filter.count(std::string(m.event()))) return;
    event_handler_(m);
  }

  void complete(std::unordered_map<std::string, Pending>::iterator it, ActionResult::Status status) {
    Pending p = std::move(it->second);
    pending_.erase(it);
    p.result.status = status;
    if (status == ActionResult::Status::error_response)
      p.result.error = std::string(p.result.response.get_or("Message", "AMI error"));
    if (p.done) p.done(std::move(p.result));
  }

  void on_tick() {
    const auto now = Clock::now();
    for (auto it = pending_.begin(); it != pending_.end();) {
      if (now < it->second.deadline) {
        ++it;
        continue;
      }
      Pending p = std::move(it->second);
      it = pending_.erase(it);
      p.result.status = ActionResult::Status::timeout;
      p.result.error = "no answer from Asterisk in time";
      if (p.done) p.done(std::move(p.result));
    }
    if (!logged_in_) return;
    if (ping_outstanding_) {
      if (now - ping_sent_ > options_.ping_timeout) {
        spdlog::warn("{}: no Pong in {} ms: reconnecting", options_.name, options_.ping_timeout.count());
        boost::system::error_code ec;
        socket_.close(ec);  // the read loop sees it and reconnects
      }
      return;
    }
    if (now - last_ping_ >= options_.ping_interval) {
      last_ping_ = ping_sent_ = now;
      ping_outstanding_ = true;
      auto self = shared_self();
      const auto generation = generation_;
      send_now(Action("Ping"),
               [self, generation](ActionResult) {
                 if (generation == self->generation_) self->ping_outstanding_ = false;
               },
               true);
    }
  }

  static awaitable<void> tick_loop(std::shared_ptr<ClientImpl> self) {
    while (!self->stopped_) {
      self->tick_timer_.expires_after(std::chrono::milliseconds(100));
      boost::system::error_code ec;
      co_await self->tick_timer_.async_wait(asio::redirect_error(use_awaitable, ec));
      if (self->stopped_) break;
      self->on_tick();
    }
  }

  static awaitable<void> run(std::shared_ptr<ClientImpl> self) {
    asio::co_spawn(self->io_, tick_loop(self), asio::detached);
    while (!self->stopped_) {
      self->auth_failed_ = false;
      self->set_state(State::connecting, "");
      std::string reason = co_await self->connect_and_read();
      if (self->stopped_) break;
      self->drop_connection(reason);
      if (!self->auth_failed_) self->set_state(State::disconnected, reason);
      auto delay = self->backoff_.next();
      // A refused login will not fix itself quickly: retry at the slow pace.
      if (self->auth_failed_) delay = std::max(delay, self->options_.backoff.slow);
      self->retry_timer_.expires_after(delay);
      boost::system::error_code ec;
      co_await self->retry_timer_.async_wait(asio::redirect_error(use_awaitable, ec));
    }
  }

  // One connection, from connect to its end. Returns why it ended.
  awaitable<std::string> connect_and_read() {
    boost::system::error_code ec;
    tcp::resolver resolver(io_);
    auto endpoints = co_await resolver.async_resolve(options_.host, std::to_string(options_.port),
                                                     asio::redirect_error(use_awaitable, ec));
    if (ec) co_return "cannot resolve " + options_.host + ": " + ec.message();

    socket_ = tcp::socket(io_);
    asio::steady_timer connect_timer(io_);
    connect_timer.expires_after(options_.connect_timeout);
    bool timed_out = false;
    connect_timer.async_wait([this, &timed_out](const boost::system::error_code& e) {
      if (!e) {
        timed_out = true;
        boost::system::error_code ignored;
        socket_.close(ignored);
      }
    });
    co_await asio::async_connect(socket_, endpoints, asio::redirect_error(use_awaitable, ec));
    connect_timer.cancel();
    if (timed_out) co_return "connect timed out";
    if (ec) co_return "cannot connect to " + options_.host + ":" + std::to_string(options_.port) + ": " + ec.message();
    socket_.set_option(tcp::no_delay(true), ec);

    ++generation_;
    parser_.reset();
    last_ping_ = Clock::now();
    begin_login();

    std::array<char, 16384> buffer;
    std::vector<Message> messages;
    const auto generation = generation_;
    for (;;) {
      std::size_t n = co_await socket_.async_read_some(asio::buffer(buffer), asio::redirect_error(use_awaitable, ec));
      if (ec || generation != generation_) break;
      parser_.feed(std::string_view(buffer.data(), n), messages);
      if (banner_.empty() && parser_.banner()) {
        std::lock_guard lock(banner_mutex_);
        banner_ = *parser_.banner();
      }
      for (auto& m : messages) {
        dispatch(std::move(m));
        if (generation != generation_) break;
      }
      messages.clear();
      if (generation != generation_) break;
    }
    if (ec == asio::error::eof) co_return "connection closed by Asterisk";
    co_return ec ? ec.message() : "connection closed";
  }

  asio::io_context& io_;
  ClientOptions options_;
  tcp::socket socket_;
  asio::steady_timer retry_timer_;
  asio::steady_timer tick_timer_;
  Backoff backoff_;
  Parser parser_;
  std::string prefix_;
  std::uint64_t next_id_ = 0;
  std::uint64_t generation_ = 0;  // bumped when a connection starts or is dropped
  bool stopped_ = true;
  bool logged_in_ = false;
  bool auth_failed_ = false;
  std::uint64_t writer_generation_ = 0;  // connection whose write loop is running, 0 for none
  bool ping_outstanding_ = false;
  Clock::time_point last_ping_{};
  Clock::time_point ping_sent_{};
  std::deque<std::pair<std::string, std::string>> write_queue_;  // (ActionID, bytes) not yet written
  std::unordered_map<std::string, Pending> pending_;
  std::function<void(const Message&)> event_handler_;
  std::function<void(State, const std::string&)> state_handler_;
  std::atomic<State> state_{State::stopped};
  mutable std::mutex banner_mutex_;
  std::string banner_;  // guarded by banner_mutex_
};

}  // namespace

std::shared_ptr<Client> Client::create(boost::asio::io_context& io, ClientOptions options) {
  return std::make_shared<ClientImpl>(io, std::move(options));
}

}  // namespace torpedo::ami
