#pragma once
// One AMI message (response, event, or action): an ordered list of "Name: value" fields.
// Names repeat (ChanVariable, Output, Variable), so this is a list, not a map. Lookups are
// case-insensitive, as Asterisk's are. A Message owns its bytes; fields are views into them.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace torpedo::ami {

class Message {
 public:
  struct Field {
    std::string_view name;
    std::string_view value;
  };

  Message() = default;
  // Builds a message from owned bytes and (offset, length) spans into them.
  struct Span {
    std::uint32_t name_offset, name_length, value_offset, value_length;
  };
  Message(std::string bytes, std::vector<Span> spans) : bytes_(std::move(bytes)), spans_(std::move(spans)) {}

  std::size_t size() const { return spans_.size(); }
  bool empty() const { return spans_.empty(); }
  Field field(std::size_t i) const;

  // First value of `name` (case-insensitive).
  std::optional<std::string_view> get(std::string_view name) const;
  std::string_view get_or(std::string_view name, std::string_view fallback = {}) const;
  std::vector<std::string_view> get_all(std::string_view name) const;

  bool is_event() const { return !spans_.empty() && equals(field(0).name, "Event"); }
  bool is_response() const { return !spans_.empty() && equals(field(0).name, "Response"); }
  std::string_view event() const { return is_event() ? field(0).value : std::string_view(); }
  std::string_view response() const { return is_response() ? field(0).value : std::string_view(); }
  std::string_view action_id() const { return get_or("ActionID"); }

  // The message as AMI text, "Name: value\r\n" per field and a blank line.
  std::string to_wire() const;

  static bool equals(std::string_view a, std::string_view b);  // ASCII case-insensitive

 private:
  std::string bytes_;
  std::vector<Span> spans_;
};

}  // namespace torpedo::ami
