#pragma once
// Small ASCII string helpers shared by every module (no locale: HTTP, AMI and SQL are ASCII).
#include <string>
#include <string_view>

namespace torpedo {

std::string ascii_lower(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
// Without leading and trailing spaces and tabs (and CR/LF).
std::string trim(std::string_view s);
bool is_blank(std::string_view s);
// %XX escapes decoded; malformed escapes are kept as written.
std::string percent_decode(std::string_view s, bool plus_is_space);

}  // namespace torpedo
