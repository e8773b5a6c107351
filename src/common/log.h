#pragma once
#include <string>

namespace torpedo {

// Configures spdlog's default logger on stderr: "text" for people, "json" (one object per
// line, every message escaped) for log shippers. Safe to call again (tests do).
void setup_logging(const std::string& format, const std::string& level);

}  // namespace torpedo
