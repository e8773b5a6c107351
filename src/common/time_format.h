#pragma once
#include <optional>
#include <string>

#include "common/clock.h"

namespace torpedo {

// "2026-11-23T22:07:16.123Z": the form every API field of type date-time uses.
std::string format_iso8601(EpochMs ms);

}  // namespace torpedo
