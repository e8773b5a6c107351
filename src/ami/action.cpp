#include "ami/action.h"

namespace torpedo::ami {

bool is_safe_value(std::string_view value) {
  for (char c : value)
    if (c == '\r' || c == '\n' || c == '\0') return false;
  return true;
}

bool is_safe_name(std::string_view name) {
  if (name.empty()) return false;
  for (unsigned char c : name)
    if (c <= 0x20 || c >= 0x7f || c == ':') return false;
  return true;
}

std::string Action::serialize() const {
  std::size_t size = 2;
  for (const auto& [k, v] : headers_) {
    if (!is_safe_name(k)) throw InjectionError("AMI header name \"" + k + "\" is not allowed");
    if (!is_safe_value(v)) throw InjectionError("AMI header " + k + " contains CR, LF or NUL");
    size += k.size() + v.size() + 4;
  }
  std::string out;
  out.reserve(size);
  for (const auto& [k, v] : headers_) {
    out.append(k);
    out.append(": ");
    out.append(v);
    out.append("\r\n");
  }
  out.append("\r\n");
  return out;
}

}  // namespace torpedo::ami
