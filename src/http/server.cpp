// The only translation unit (with its precompiled header) that includes Beast's HTTP and
// WebSocket code: keeping it here holds the build time down.
#include "http/server.h"

#include <utility>  // Boost 1.74's awaitable.hpp uses std::exchange without including it.

#include <boost/asio.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include <atomic>
#include <cstdio>
#include <type_traits>
#include <unistd.h>
#include <deque>
#include <unordered_map>

#include <spdlog/spdlog.h>

#include "common/strings.h"

namespace torpedo::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace websocket = boost::beast::websocket;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;

namespace {

std::string transport_error(std::string_view code, std::string_view message) {
  return std::string(R"({"error":{"code":")") + std::string(code) + R"(","message":")" +
         std::string(message) + R"("}})";
}

template <typename Body>
Request to_request(bhttp::request<Body>& req, const std::string& remote) {
  Request r;
  r.method = std::string(req.method_string());
  r.target = std::string(req.target());
  r.remote_address = remote;
  for (const auto& field : req) {
    r.headers.emplace_back(ascii_lower(std::string_view(field.name_string().data(), field.name_string().size())),
                           std::string(field.value()));
  }
  if constexpr (std::is_same_v<Body, bhttp::string_body>) r.body = std::move(req.body());
  return r;
}

// A name nobody can guess or collide with, for a request body streamed to disk.
std::string upload_path(const std::string& dir) {
  static std::atomic<std::uint64_t> counter{0};
  return dir + "/upload-" + std::to_string(::getpid()) + "-" +
         std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + "-" +
         std::to_string(counter++) + ".part";
}

bhttp::response<bhttp::string_body> to_beast(Response& res, unsigned version, bool keep_alive,
                                             bool head) {
  bhttp::response<bhttp::string_body> m{static_cast<bhttp::status>(res.status), version};
  m.set(bhttp::field::server, "torpedo");
  for (auto& [k, v] : res.headers) m.set(k, v);
  m.keep_alive(keep_alive);
  if (head) {
    m.content_length(res.body.size());
  } else {
    m.body() = std::move(res.body);
    m.prepare_payload();
  }
  return m;
}

}  // namespace

// ---------------------------------------------------------------------------------------

struct Server::Impl {
  Impl(ServerOptions o, ServerHooks h, events::Hub& hb)
      : options(std::move(o)), hooks(std::move(h)), hub(hb), pool(static_cast<std::size_t>(options.workers)) {}

  ServerOptions options;
  ServerHooks hooks;
  events::Hub& hub;
  asio::io_context ioc{1};
  asio::thread_pool pool;
  tcp::acceptor acceptor{ioc};
  asio::signal_set signals{ioc};

  // Touched only on the io thread.
  struct Connection {
    beast::tcp_stream* stream;
    bool busy = false;
  };
  std::unordered_map<std::uint64_t, Connection> connections;
  std::uint64_t next_connection = 0;
  bool draining = false;
  std::atomic<std::size_t> websockets{0};
  std::vector<std::function<void()>> shutdown_hooks;

  template <typename F>
  awaitable<std::invoke_result_t<F>> run_blocking(F fn) {
    using R = std::invoke_result_t<F>;
    co_return co_await asio::co_spawn(
        pool, [fn = std::move(fn)]() mutable -> awaitable<R> { co_return fn(); }, use_awaitable);
  }

  awaitable<void> accept_loop();
  awaitable<void> serve_connection(tcp::socket socket);
  void begin_shutdown();
  void wait_for_drain(std::chrono::steady_clock::time_point deadline);
};

// ---------------------------------------------------------------------------------------
// WebSocket client of the events hub

class EventsSession final : public events::Subscriber,
                            public std::enable_shared_from_this<EventsSession> {
 public:
  EventsSession(beast::tcp_stream stream, Server::Impl& server)
      : ws_(std::move(stream)), server_(server), wake_(server.ioc) {}

  bool deliver(std::shared_ptr<const std::string> message) override {
    if (closed_.load()) return false;
    if (queued_.fetch_add(1) >= server_.options.events_queue_limit) {
      // A client that cannot keep up is dropped, never waited for.
      queued_.fetch_sub(1);
      close();
      return false;
    }
    asio::post(server_.ioc, [self = shared_from_this(), message = std::move(message)] {
      self->queue_.push_back(message);
      self->wake_.cancel_one();
    });
    return true;
  }

  void close() override {
    if (closed_.exchange(true)) return;
    asio::post(server_.ioc, [self = shared_from_this()] {
      self->wake_.cancel();
      asio::co_spawn(self->server_.ioc, close_handshake(self), asio::detached);
    });
  }

  awaitable<void> run(bhttp::request<bhttp::string_body> upgrade, std::string hello) {
    auto self = shared_from_this();
    server_.websockets.fetch_add(1);
    websocket::stream_base::timeout timeouts{};
    timeouts.handshake_timeout = std::chrono::seconds(30);
    timeouts.idle_timeout = std::chrono::seconds(60);
    timeouts.keep_alive_pings = true;  // a dead peer is found within the idle timeout
    ws_.set_option(timeouts);
    beast::get_lowest_layer(ws_).expires_never();
    ws_.read_message_max(64 * 1024);
    beast::error_code ec;
    co_await ws_.async_accept(upgrade, asio::redirect_error(use_awaitable, ec));
    if (!ec) {
      queued_.fetch_add(1);
      queue_.push_back(std::make_shared<const std::string>(std::move(hello)));
      server_.hub.subscribe(self);
      asio::co_spawn(server_.ioc, write_loop(self), asio::detached);
      beast::flat_buffer buffer;
      // Clients send nothing we act on; reading keeps pings, pongs and close frames flowing.
      while (!ec) {
        co_await ws_.async_read(buffer, asio::redirect_error(use_awaitable, ec));
        buffer.clear();
      }
    }
    closed_.store(true);
    wake_.cancel();
    server_.hub.unsubscribe(this);
    server_.websockets.fetch_sub(1);
  }

 private:
  // Coroutines that outlive their caller take the owning pointer as a parameter: it lives in
  // the coroutine frame, so the session cannot be destroyed while they are suspended.
  static awaitable<void> write_loop(std::shared_ptr<EventsSession> self) {
    beast::error_code ec;
    while (!self->closed_.load()) {
      if (self->queue_.empty()) {
        self->wake_.expires_at(asio::steady_timer::time_point::max());
        co_await self->wake_.async_wait(asio::redirect_error(use_awaitable, ec));
        continue;
      }
      auto message = std::move(self->queue_.front());
      self->queue_.pop_front();
      self->queued_.fetch_sub(1);
      self->ws_.text(true);
      co_await self->ws_.async_write(asio::buffer(*message), asio::redirect_error(use_awaitable, ec));
      if (ec) {
        self->closed_.store(true);
        break;
      }
    }
  }

  static awaitable<void> close_handshake(std::shared_ptr<EventsSession> self) {
    beast::error_code ec;
    co_await self->ws_.async_close(websocket::close_code::going_away, asio::redirect_error(use_awaitable, ec));
    if (ec) beast::get_lowest_layer(self->ws_).socket().close(ec);
  }

  websocket::stream<beast::tcp_stream> ws_;
  Server::Impl& server_;
  asio::steady_timer wake_;
  std::deque<std::shared_ptr<const std::string>> queue_;  // io thread only
  std::atomic<std::size_t> queued_{0};
  std::atomic<bool> closed_{false};
};

// ---------------------------------------------------------------------------------------

awaitable<void> Server::Impl::accept_loop() {
  for (;;) {
    beast::error_code ec;
    tcp::socket socket = co_await acceptor.async_accept(asio::redirect_error(use_awaitable, ec));
    if (ec) {
      if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
      spdlog::warn("http: accept failed: {}", ec.message());
      continue;
    }
    asio::co_spawn(ioc, serve_connection(std::move(socket)), asio::detached);
  }
}

awaitable<void> Server::Impl::serve_connection(tcp::socket socket) {
  beast::error_code ec;
  std::string remote;
  {
    auto ep = socket.remote_endpoint(ec);
    remote = ec ? "unknown" : ep.address().to_string();
  }
  beast::tcp_stream stream(std::move(socket));
  const std::uint64_t id = next_connection++;
  connections.emplace(id, Connection{&stream});
  struct Unregister {
    Impl* impl;
    std::uint64_t id;
    ~Unregister() { impl->connections.erase(id); }
  } unregister{this, id};

  beast::flat_buffer buffer;
  while (!draining) {
    connections[id].busy = false;
    // The header first: whether the body goes to memory or to a file depends on the route.
    bhttp::request_parser<bhttp::empty_body> header_parser;
    header_parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
    // Beast would refuse a long body while reading the header (1 MiB by default); which limit
    // applies is decided below, once the route is known.
    header_parser.body_limit(std::uint64_t{1} << 40);
    stream.expires_after(options.read_timeout);
    co_await bhttp::async_read_header(stream, buffer, header_parser, asio::redirect_error(use_awaitable, ec));
    std::optional<bhttp::request_parser<bhttp::string_body>> parser;
    std::string body_file;  // removed when this request is done
    struct RemoveFile {
      std::string& path;
      ~RemoveFile() {
        if (!path.empty()) std::remove(path.c_str());
      }
    } remove_body_file{body_file};
    std::size_t limit = options.max_body_bytes;
    std::optional<Request> streamed;
    unsigned streamed_version = 11;
    bool streamed_keep_alive = false;
    bool to_file = false;
    if (!ec) {
      const auto& h = header_parser.get();
      const std::size_t upload = options.upload_limit && !options.upload_dir.empty()
                                     ? options.upload_limit(std::string(h.method_string()), std::string(h.target()))
                                     : 0;
      to_file = upload > 0;
      // The limit of the body's destination, judged on the announced length before reading it.
      if (to_file) limit = upload;
      if (auto length = header_parser.content_length(); length && *length > limit) ec = bhttp::error::body_limit;
    }
    if (!ec) {
      const auto& h = header_parser.get();
      if (beast::iequals(h[bhttp::field::expect], "100-continue")) {
        bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, h.version()};
        co_await bhttp::async_write(stream, go_on, asio::redirect_error(use_awaitable, ec));
      }
      if (!ec && to_file) {
        bhttp::request_parser<bhttp::file_body> file_parser{std::move(header_parser)};
        file_parser.body_limit(limit);
        body_file = upload_path(options.upload_dir);
        file_parser.get().body().open(body_file.c_str(), beast::file_mode::write, ec);
        if (ec) {
          spdlog::error("http: cannot create {}: {}", body_file, ec.message());
          Response failed = Response::json(500, transport_error("internal", "cannot store the upload"));
          auto m = to_beast(failed, 11, false, false);
          co_await bhttp::async_write(stream, m, asio::redirect_error(use_awaitable, ec));
          break;
        }
        stream.expires_after(options.upload_timeout);
        co_await bhttp::async_read(stream, buffer, file_parser, asio::redirect_error(use_awaitable, ec));
        file_parser.get().body().close();
        if (!ec) {
          streamed = to_request(file_parser.get(), remote);
          streamed->body_file = body_file;
          streamed_keep_alive = file_parser.get().keep_alive();
          streamed_version = file_parser.get().version();
        }
      } else if (!ec) {
        parser.emplace(std::move(header_parser));
        parser->body_limit(options.max_body_bytes);
        co_await bhttp::async_read(stream, buffer, *parser, asio::redirect_error(use_awaitable, ec));
      }
    }
    if (ec) {
      std::optional<std::pair<bhttp::status, std::string>> reply;
      if (ec == bhttp::error::body_limit)
        reply.emplace(bhttp::status::payload_too_large,
                      transport_error("payload_too_large", "request body exceeds " + std::to_string(limit) + " bytes"));
      else if (ec == bhttp::error::header_limit)
        reply.emplace(bhttp::status::request_header_fields_too_large,
                      transport_error("bad_request", "request headers too large"));
      else if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
               ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message)
        reply.emplace(bhttp::status::bad_request, transport_error("bad_request", "malformed HTTP request"));
      if (reply) {
        bhttp::response<bhttp::string_body> m{reply->first, 11};
        m.set(bhttp::field::content_type, "application/json; charset=utf-8");
        m.set(bhttp::field::server, "torpedo");
        m.keep_alive(false);
        m.body() = std::move(reply->second);
        m.prepare_payload();
        stream.expires_after(options.write_timeout);
        co_await bhttp::async_write(stream, m, asio::redirect_error(use_awaitable, ec));
        if (options.access_log) spdlog::info("http {} - - {}", remote, static_cast<int>(reply->first));
      }
      break;
    }
    connections[id].busy = true;
    auto started = std::chrono::steady_clock::now();
    const unsigned version = streamed ? streamed_version : parser->get().version();
    const bool head = !streamed && parser->get().method() == bhttp::verb::head;
    bool keep_alive = streamed ? streamed_keep_alive : parser->get().keep_alive();
    const bool upgrade = !streamed && websocket::is_upgrade(parser->get());
    Request req = streamed ? std::move(*streamed) : to_request(parser->get(), remote);
    if (!split_target(req.target, req.path, req.query)) {
      Response bad = Response::json(400, transport_error("bad_request", "malformed request target"));
      auto m = to_beast(bad, version, false, head);
      co_await bhttp::async_write(stream, m, asio::redirect_error(use_awaitable, ec));
      break;
    }

    if (upgrade && req.path == options.events_path && hooks.accept_events) {
      auto decision = co_await run_blocking([&] { return hooks.accept_events(req); });
      if (auto* hello = std::get_if<std::string>(&decision)) {
        if (options.access_log) spdlog::info("http {} {} {} 101", remote, req.method, req.target);
        connections.erase(id);
        auto session = std::make_shared<EventsSession>(std::move(stream), *this);
        // The parser still owns the upgrade request's headers, which the handshake needs.
        co_await session->run(parser->release(), std::move(*hello));
        co_return;
      }
      Response refused = std::get<Response>(std::move(decision));
      const int status = refused.status;
      auto m = to_beast(refused, version, false, head);
      stream.expires_after(options.write_timeout);
      co_await bhttp::async_write(stream, m, asio::redirect_error(use_awaitable, ec));
      if (options.access_log) spdlog::info("http {} {} {} {}", remote, req.method, req.target, status);
      break;
    }

    Response res = co_await run_blocking([&]() -> Response {
      try {
        return hooks.handle(req);
      } catch (const std::exception& e) {
        spdlog::error("http: handler threw: {}", e.what());
        return Response::json(500, transport_error("internal", "internal error"));
      }
    });
    keep_alive = keep_alive && !draining;
    const int status = res.status;
    std::size_t bytes = 0;
    if (!res.file.empty()) {
      // A large body (an export, a report) goes from its file, never through memory.
      struct RemoveAfter {
        const Response& r;
        ~RemoveAfter() {
          if (r.remove_file_after) std::remove(r.file.c_str());
        }
      } remove_after{res};
      bhttp::response<bhttp::file_body> m{static_cast<bhttp::status>(res.status), version};
      m.set(bhttp::field::server, "torpedo");
      for (auto& [k, v] : res.headers) m.set(k, v);
      m.keep_alive(keep_alive);
      m.body().open(res.file.c_str(), beast::file_mode::scan, ec);
      if (ec) {
        spdlog::error("http: cannot open {}: {}", res.file, ec.message());
        break;
      }
      m.prepare_payload();
      bytes = static_cast<std::size_t>(m.body().size());
      stream.expires_after(options.upload_timeout);
      if (head) {
        bhttp::response_serializer<bhttp::file_body> sr{m};
        co_await bhttp::async_write_header(stream, sr, asio::redirect_error(use_awaitable, ec));
      } else {
        co_await bhttp::async_write(stream, m, asio::redirect_error(use_awaitable, ec));
      }
    } else {
      auto m = to_beast(res, version, keep_alive, head);
      bytes = m.body().size();
      stream.expires_after(options.write_timeout);
      co_await bhttp::async_write(stream, m, asio::redirect_error(use_awaitable, ec));
    }
    if (options.access_log) {
      auto micros = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
      spdlog::info("http {} {} {} {} {}B {:.1f}ms", remote, req.method, req.target, status, bytes, micros / 1000.0);
    }
    if (ec || !keep_alive) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

void Server::Impl::begin_shutdown() {
  if (draining) return;
  draining = true;
  spdlog::info("http: shutting down: no new connections, draining in-flight requests");
  beast::error_code ec;
  signals.cancel(ec);
  acceptor.close(ec);
  for (auto& hook : shutdown_hooks) hook();
  hub.close_all();
  for (auto& [id, c] : connections)
    if (!c.busy) c.stream->socket().close(ec);  // idle keep-alive connections
  // Checked from the next tick on, so that work the hooks posted (AMI Logoff) runs first.
  const auto deadline = std::chrono::steady_clock::now() + options.drain_timeout;
  auto timer = std::make_shared<asio::steady_timer>(ioc, std::chrono::milliseconds(20));
  timer->async_wait([this, timer, deadline](const beast::error_code&) { wait_for_drain(deadline); });
}

void Server::Impl::wait_for_drain(std::chrono::steady_clock::time_point deadline) {
  if ((connections.empty() && websockets.load() == 0) || std::chrono::steady_clock::now() >= deadline) {
    if (!connections.empty())
      spdlog::warn("http: {} request(s) still running at the drain deadline", connections.size());
    ioc.stop();
    return;
  }
  auto timer = std::make_shared<asio::steady_timer>(ioc, std::chrono::milliseconds(20));
  timer->async_wait([this, timer, deadline](const beast::error_code&) { wait_for_drain(deadline); });
}

// ---------------------------------------------------------------------------------------

Server::Server(ServerOptions options, ServerHooks hooks, events::Hub& hub)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(hooks), hub)) {}

Server::~Server() {
  impl_->pool.join();
}

std::uint16_t Server::listen() {
  auto& impl = *impl_;
  tcp::endpoint endpoint{asio::ip::make_address(impl.options.host), impl.options.port};
  impl.acceptor.open(endpoint.protocol());
  impl.acceptor.set_option(asio::socket_base::reuse_address(true));
  impl.acceptor.bind(endpoint);
  impl.acceptor.listen(asio::socket_base::max_listen_connections);
  asio::co_spawn(impl.ioc, impl.accept_loop(), asio::detached);
  if (impl.options.handle_signals) {
    impl.signals.add(SIGINT);
    impl.signals.add(SIGTERM);
    impl.signals.async_wait([&impl](const beast::error_code& ec, int signal) {
      if (ec) return;
      spdlog::info("received signal {}", signal);
      impl.begin_shutdown();
    });
  }
  return impl.acceptor.local_endpoint().port();
}

void Server::run() {
  impl_->ioc.run();
  impl_->pool.join();
}

asio::io_context& Server::io_context() { return impl_->ioc; }

void Server::on_shutdown(std::function<void()> hook) { impl_->shutdown_hooks.push_back(std::move(hook)); }

void Server::shutdown() {
  asio::post(impl_->ioc, [impl = impl_.get()] { impl->begin_shutdown(); });
}

}  // namespace torpedo::http
