#pragma once
// Actions Torpedo sends, and their serialisation. No value may carry CR or LF: a value like
// "x\r\nAction: Originate" would let a user smuggle a second action into the stream, so the
// serialiser refuses it instead of escaping (AMI has no escaping).
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace torpedo::ami {

struct InjectionError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

class Action {
 public:
  explicit Action(std::string name) { add("Action", std::move(name)); }
  // Appends a header (repeats allowed, e.g. Variable).
  Action& add(std::string name, std::string value) {
    headers_.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  const std::vector<std::pair<std::string, std::string>>& headers() const { return headers_; }
  std::string_view name() const { return headers_.front().second; }

  // "Name: value\r\n"… + "\r\n". Throws InjectionError naming the offending header.
  std::string serialize() const;

 private:
  std::vector<std::pair<std::string, std::string>> headers_;
};

// True when `value` can be sent as an AMI header value (no CR, LF or NUL).
bool is_safe_value(std::string_view value);
// True for a header name: printable ASCII without ':' or spaces.
bool is_safe_name(std::string_view name);

}  // namespace torpedo::ami
