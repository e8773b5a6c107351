#include "ami/message.h"

#include "common/strings.h"

namespace torpedo::ami {

bool Message::equals(std::string_view a, std::string_view b) { return iequals(a, b); }

Message::Field Message::field(std::size_t i) const {
  const Span& s = spans_[i];
  std::string_view b = bytes_;
  return {b.substr(s.name_offset, s.name_length), b.substr(s.value_offset, s.value_length)};
}

std::optional<std::string_view> Message::get(std::string_view name) const {
  for (std::size_t i = 0; i < spans_.size(); ++i) {
    Field f = field(i);
    if (equals(f.name, name)) return f.value;
  }
  return std::nullopt;
}

std::string_view Message::get_or(std::string_view name, std::string_view fallback) const {
  auto v = get(name);
  return v ? *v : fallback;
}

std::vector<std::string_view> Message::get_all(std::string_view name) const {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < spans_.size(); ++i) {
    Field f = field(i);
    if (equals(f.name, name)) out.push_back(f.value);
  }
  return out;
}

std::string Message::to_wire() const {
  std::string out;
  out.reserve(bytes_.size() + 2);
  for (std::size_t i = 0; i < spans_.size(); ++i) {
    Field f = field(i);
    out.append(f.name);
    out.append(": ");
    out.append(f.value);
    out.append("\r\n");
  }
  out.append("\r\n");
  return out;
}

}  // namespace torpedo::ami
