#pragma once
// The AMI framing parser: bytes in, messages out. Pure (no I/O), so it is tested with every
// recording delivered whole and one byte at a time, and fuzzed.
//
// Framing, as Asterisk 22 writes it: one banner line ("Asterisk Call Manager/11.0.0"), then
// messages of "Name: value" lines ending in CRLF, each message closed by an empty line. Bare LF
// is accepted too. Garbage never crashes it and never grows memory without bound: an
// over-long line or message is dropped (counted in dropped()) and parsing resumes at the next
// blank line.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ami/message.h"

namespace torpedo::ami {

class Parser {
 public:
  struct Limits {
    std::size_t max_line_bytes = 1 << 20;      // one very long value (Command output, ChanVariable)
    std::size_t max_message_bytes = 8 << 20;
    std::size_t max_fields = 65536;
  };
  Parser() : Parser(Limits{}) {}
  explicit Parser(Limits limits) : limits_(limits) {}

  // Consumes `bytes`; appends each complete message to `out` in order.
  void feed(std::string_view bytes, std::vector<Message>& out);

  // The banner line, once seen ("Asterisk Call Manager/11.0.0").
  const std::optional<std::string>& banner() const { return banner_; }
  // Messages or lines discarded because they broke a limit or were not "Name: value".
  std::size_t dropped() const { return dropped_; }
  // Bytes held waiting for the rest of a message.
  std::size_t pending_bytes() const { return buffer_.size() - message_start_; }
  void reset();

 private:
  void finish_message(std::vector<Message>& out);

  Limits limits_;
  std::string buffer_;
  std::size_t message_start_ = 0;  // first byte of the message being read; before it all is consumed
  std::size_t line_start_ = 0;     // first byte of the line being read
  std::size_t scan_ = 0;           // where the search for that line's end continues
  std::vector<Message::Span> spans_;  // fields of the message being read, offsets from message_start_
  bool expect_banner_ = true;
  bool discarding_ = false;      // inside an oversized message: skip to the next blank line
  std::optional<std::string> banner_;
  std::size_t dropped_ = 0;
};

}  // namespace torpedo::ami
