#pragma once
#include <optional>
#include <string>

#include "common/clock.h"

namespace torpedo {

// "2026-11-23T22:07:16.123Z": the form every API field of type date-time uses.
std::string format_iso8601(EpochMs ms);
// RFC 3339: "2026-11-23T22:07:16Z", with optional seconds and fraction, and "Z" or "±HH:MM";
// nullopt when malformed or out of range.
std::optional<EpochMs> parse_iso8601(const std::string& text);

}  // namespace torpedo
