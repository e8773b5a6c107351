#pragma once
// How a number goes to a carrier: a trunk's number format (E.164 with or without '+',
// national, or national after a prefix such as a carrier selection code) and the national
// prefixes it may dial. The engine builds Originate's Channel from this (DIALPLAN.md §1:
// digits only, and a leading '+' where the trunk wants E.164).
#include <optional>
#include <string>

#include "telephony/model.h"

namespace torpedo::telephony {

// `e164` is a Brazilian number as stored: "+55" + DDD + subscriber digits ("+5511987654321";
// the '+' may be left out).
// Returns what to dial on `trunk`, or nullopt when the trunk may not dial it (not Brazilian,
// or outside the trunk's allowed prefixes).
std::optional<std::string> dial_string(const Trunk& trunk, const std::string& e164);

// "PJSIP/<dial string>@trunk-<name>": the Originate Channel.
std::optional<std::string> originate_channel(const Trunk& trunk, const std::string& e164);

}  // namespace torpedo::telephony
