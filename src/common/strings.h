#pragma once
// Small ASCII string helpers shared by every module (no locale: HTTP, AMI and SQL are ASCII).
#include <string>
#include <string_view>
#include <vector>

namespace torpedo {

std::string ascii_lower(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
// Without leading and trailing spaces and tabs (and CR/LF).
std::string trim(std::string_view s);
// The pieces of `s` between `sep`s ("a,,b" → a, "", b); empty pieces dropped with `skip_empty`.
std::vector<std::string> split(std::string_view s, char sep, bool skip_empty = false);
std::string join(const std::vector<std::string>& items, std::string_view sep);
bool is_blank(std::string_view s);
// %XX escapes decoded; malformed escapes are kept as written.
std::string percent_decode(std::string_view s, bool plus_is_space);

}  // namespace torpedo
