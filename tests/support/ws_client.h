#pragma once
// A minimal WebSocket client over a plain POSIX socket (RFC 6455 framing), enough to test
// the events endpoint without pulling Beast into the test binaries.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace torpedo::testing {

// Sends raw bytes to 127.0.0.1:port and returns everything the server sends until it closes:
// for requests no HTTP library would write (garbage, pipelined keep-alive).
std::string raw_exchange(std::uint16_t port, const std::string& bytes);

class WsClient {
 public:
  ~WsClient();
  // Returns the HTTP status of the handshake (101 when upgraded).
  int connect(std::uint16_t port, const std::string& path, const std::vector<std::string>& headers);
  // Next text message, or nullopt on timeout/close.
  std::optional<std::string> read_text(int timeout_ms);
  // True once the server closed the connection (close frame or EOF).
  bool closed() const { return closed_; }
  std::string handshake_response;

 private:
  bool read_exact(std::string& out, std::size_t n, int timeout_ms);
  int fd_ = -1;
  std::string buffer_;
  bool closed_ = false;
};

}  // namespace torpedo::testing
