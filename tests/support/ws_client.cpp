#include "support/ws_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace torpedo::testing {

namespace {
int connect_loopback(std::uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    throw std::runtime_error("connect to 127.0.0.1:" + std::to_string(port) + " failed");
  }
  return fd;
}
}  // namespace

std::string raw_exchange(std::uint16_t port, const std::string& bytes) {
  int fd = connect_loopback(port);
  ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
  std::string reply;
  char buf[4096];
  ssize_t n;
  while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) reply.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  return reply;
}

WsClient::~WsClient() {
  if (fd_ >= 0) ::close(fd_);
}

bool WsClient::read_exact(std::string& out, std::size_t n, int timeout_ms) {
  while (buffer_.size() < n) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) <= 0) return false;
    char tmp[4096];
    ssize_t got = ::recv(fd_, tmp, sizeof tmp, 0);
    if (got <= 0) {
      closed_ = true;
      return false;
    }
    buffer_.append(tmp, static_cast<std::size_t>(got));
  }
  out = buffer_.substr(0, n);
  buffer_.erase(0, n);
  return true;
}

int WsClient::connect(std::uint16_t port, const std::string& path, const std::vector<std::string>& headers) {
  fd_ = connect_loopback(port);
  std::string req = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                    "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";
  for (const auto& h : headers) req += h + "\r\n";
  req += "\r\n";
  ::send(fd_, req.data(), req.size(), MSG_NOSIGNAL);
  // Read the handshake response up to the blank line.
  while (buffer_.find("\r\n\r\n") == std::string::npos) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 5000) <= 0) return 0;
    char tmp[4096];
    ssize_t got = ::recv(fd_, tmp, sizeof tmp, 0);
    if (got <= 0) break;
    buffer_.append(tmp, static_cast<std::size_t>(got));
  }
  auto end = buffer_.find("\r\n\r\n");
  handshake_response = buffer_.substr(0, end == std::string::npos ? buffer_.size() : end + 4);
  buffer_.erase(0, handshake_response.size());
  if (handshake_response.size() < 12) return 0;
  return std::stoi(handshake_response.substr(9, 3));
}

std::optional<std::string> WsClient::read_text(int timeout_ms) {
  for (;;) {
    std::string head;
    if (!read_exact(head, 2, timeout_ms)) return std::nullopt;
    const int opcode = static_cast<unsigned char>(head[0]) & 0x0f;
    std::uint64_t len = static_cast<unsigned char>(head[1]) & 0x7f;
    if (len == 126 || len == 127) {
      std::string ext;
      if (!read_exact(ext, len == 126 ? 2 : 8, timeout_ms)) return std::nullopt;
      len = 0;
      for (unsigned char c : ext) len = (len << 8) | c;
    }
    std::string payload;
    if (!read_exact(payload, static_cast<std::size_t>(len), timeout_ms)) return std::nullopt;
    if (opcode == 0x8) {
      closed_ = true;
      return std::nullopt;
    }
    if (opcode == 0x1) return payload;
    // Pings and other control frames: keep reading.
  }
}

}  // namespace torpedo::testing
