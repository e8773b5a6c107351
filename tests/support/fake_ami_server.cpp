#include "support/fake_ami_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>

#include "ami/client.h"

namespace torpedo::testing {

void FakeAmiServer::Connection::send(const std::string& bytes) const {
  if (fd >= 0) ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
}

void FakeAmiServer::Connection::close() {
  if (fd >= 0) ::shutdown(fd, SHUT_RDWR);
}

FakeAmiServer::FakeAmiServer(Handler handler) : handler_(std::move(handler)) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listen_fd_, 16) != 0)
    throw std::runtime_error("fake AMI server: cannot listen");
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  if (::pipe(wake_) != 0) throw std::runtime_error("pipe");
  thread_ = std::thread([this] { loop(); });
}

FakeAmiServer::~FakeAmiServer() {
  stop_ = true;
  char c = 's';
  (void)::write(wake_[1], &c, 1);
  thread_.join();
  ::close(listen_fd_);
  ::close(wake_[0]);
  ::close(wake_[1]);
}

void FakeAmiServer::drop_all() {
  drop_ = true;
  char c = 'd';
  (void)::write(wake_[1], &c, 1);
}

void FakeAmiServer::broadcast(std::string bytes) {
  {
    std::lock_guard lock(mutex_);
    outbox_.push_back(std::move(bytes));
  }
  char c = 'b';
  (void)::write(wake_[1], &c, 1);
}

std::vector<std::string> FakeAmiServer::actions() const {
  std::lock_guard lock(mutex_);
  return actions_;
}

int FakeAmiServer::count(const std::string& action) const {
  auto a = actions();
  return static_cast<int>(std::count(a.begin(), a.end(), action));
}

void FakeAmiServer::loop() {
  std::vector<std::unique_ptr<Connection>> conns;
  while (!stop_) {
    std::vector<pollfd> fds{{listen_fd_, POLLIN, 0}, {wake_[0], POLLIN, 0}};
    for (auto& c : conns) fds.push_back({c->fd, POLLIN, 0});
    if (::poll(fds.data(), fds.size(), 200) < 0) continue;
    if (fds[1].revents & POLLIN) {
      char buf[16];
      (void)::read(wake_[0], buf, sizeof buf);
      if (drop_.exchange(false)) {
        for (auto& c : conns) ::close(c->fd);
        conns.clear();
        continue;
      }
      std::vector<std::string> outbox;
      {
        std::lock_guard lock(mutex_);
        outbox.swap(outbox_);
      }
      for (const auto& bytes : outbox)
        for (auto& c : conns) c->send(bytes);
    }
    if (fds[0].revents & POLLIN) {
      int fd = ::accept(listen_fd_, nullptr, nullptr);
      if (fd >= 0) {
        auto c = std::make_unique<Connection>();
        c->fd = fd;
        c->number = ++accepted_;
        c->send("Asterisk Call Manager/11.0.0\r\n");
        conns.push_back(std::move(c));
      }
    }
    for (std::size_t i = 2; i < fds.size(); ++i) {
      if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      auto it = std::find_if(conns.begin(), conns.end(), [&](auto& c) { return c->fd == fds[i].fd; });
      if (it == conns.end()) continue;
      Connection& c = **it;
      char buf[8192];
      ssize_t n = ::recv(c.fd, buf, sizeof buf, 0);
      if (n <= 0) {
        ::close(c.fd);
        conns.erase(it);
        continue;
      }
      std::vector<ami::Message> actions;
      c.parser.feed(std::string_view(buf, static_cast<std::size_t>(n)), actions);
      for (const auto& a : actions) {
        {
          std::lock_guard lock(mutex_);
          actions_.emplace_back(a.get_or("Action"));
        }
        handler_(c, a);
      }
    }
  }
  for (auto& c : conns) ::close(c->fd);
}

std::string FakeAmiServer::respond(const ami::Message& action, const std::string& body) {
  return "Response: Success\r\nActionID: " + std::string(action.action_id()) + "\r\n" + body + "\r\n";
}

FakeAmiServer::Handler FakeAmiServer::with_login(const std::string& user, const std::string& secret, Handler next) {
  return [user, secret, next](Connection& c, const ami::Message& a) {
    const auto name = a.get_or("Action");
    const std::string id(a.action_id());
    if (ami::Message::equals(name, "Challenge")) {
      c.send("Response: Success\r\nActionID: " + id + "\r\nChallenge: 181103649\r\n\r\n");
      return;
    }
    if (ami::Message::equals(name, "Login")) {
      bool ok = a.get_or("Username") == user;
      if (a.get("Key"))
        ok = ok && a.get_or("Key") == ami::md5_key("181103649", secret);
      else
        ok = ok && a.get_or("Secret") == secret;
      if (ok) {
        c.send("Response: Success\r\nActionID: " + id + "\r\nMessage: Authentication accepted\r\n\r\n");
        c.send("Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: 30\r\nLastReload: 30\r\nStatus: Fully Booted\r\n\r\n");
      } else {
        c.send("Response: Error\r\nActionID: " + id + "\r\nMessage: Authentication failed\r\n\r\n");
        c.close();
      }
      return;
    }
    if (ami::Message::equals(name, "Logoff")) {
      c.send("Response: Goodbye\r\nActionID: " + id + "\r\nMessage: Thanks for all the fish.\r\n\r\n");
      c.close();
      return;
    }
    if (next) next(c, a);
  };
}

}  // namespace torpedo::testing
