#include "ami/parser.h"

#include <cstring>

namespace torpedo::ami {

void Parser::reset() {
  buffer_.clear();
  message_start_ = line_start_ = scan_ = 0;
  spans_.clear();
  expect_banner_ = true;
  discarding_ = false;
  banner_.reset();
}

void Parser::finish_message(std::vector<Message>& out) {
  if (!spans_.empty() && !discarding_) {
    // The message's bytes run from message_start_ to the end of its last value.
    const Message::Span& last = spans_.back();
    out.emplace_back(buffer_.substr(message_start_, last.value_offset + last.value_length), std::move(spans_));
    spans_ = {};
  }
  spans_.clear();
  discarding_ = false;
}

void Parser::feed(std::string_view bytes, std::vector<Message>& out) {
  buffer_.append(bytes);
  const char* data = buffer_.data();
  const std::size_t size = buffer_.size();

  while (scan_ < size) {
    const void* nl = std::memchr(data + scan_, '\n', size - scan_);
    if (!nl) {
      scan_ = size;
      break;
    }
    const std::size_t newline = static_cast<std::size_t>(static_cast<const char*>(nl) - data);
    std::size_t line_end = newline;
    if (line_end > line_start_ && data[line_end - 1] == '\r') --line_end;
    const std::size_t next = newline + 1;
    const std::string_view line(data + line_start_, line_end - line_start_);

    if (expect_banner_) {
      expect_banner_ = false;
      // Asterisk greets first; a peer that does not is still parsed as AMI.
      if (line.find(':') == std::string_view::npos || line.rfind("Asterisk Call Manager", 0) == 0) {
        banner_ = std::string(line);
        message_start_ = line_start_ = scan_ = next;
        continue;
      }
    }

    if (line.empty()) {
      finish_message(out);
      message_start_ = next;
    } else if (!discarding_) {
      if (line.size() > limits_.max_line_bytes || next - message_start_ > limits_.max_message_bytes ||
          spans_.size() >= limits_.max_fields) {
        ++dropped_;
        discarding_ = true;
        spans_.clear();
      } else if (const void* colon = std::memchr(line.data(), ':', line.size()); !colon) {
        ++dropped_;  // not "Name: value": skip the line, keep the message
      } else {
        const auto name_len = static_cast<std::size_t>(static_cast<const char*>(colon) - line.data());
        std::size_t value_start = name_len + 1;
        if (value_start < line.size() && line[value_start] == ' ') ++value_start;
        const auto base = static_cast<std::uint32_t>(line_start_ - message_start_);
        spans_.push_back({base, static_cast<std::uint32_t>(name_len), static_cast<std::uint32_t>(base + value_start),
                          static_cast<std::uint32_t>(line.size() - value_start)});
      }
    }
    if (discarding_) message_start_ = next;  // nothing of an oversized message is kept
    line_start_ = scan_ = next;
  }

  // A line still without its end: bound it so that a peer cannot grow memory for ever.
  if (size - line_start_ > limits_.max_line_bytes + 2) {
    ++dropped_;
    discarding_ = true;
    spans_.clear();
    message_start_ = line_start_ = scan_ = size;
  }

  // Forget consumed bytes, amortised: spans are relative to message_start_, so only the
  // three positions move.
  if (message_start_ > 0 && (message_start_ == size || message_start_ > size / 2)) {
    buffer_.erase(0, message_start_);
    line_start_ -= message_start_;
    scan_ -= message_start_;
    message_start_ = 0;
  }
}

}  // namespace torpedo::ami
