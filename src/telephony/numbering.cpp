#include "telephony/numbering.h"

#include "telephony/generator.h"

namespace torpedo::telephony {

std::optional<std::string> dial_string(const Trunk& trunk, const std::string& number) {
  const std::string e164 = !number.empty() && number[0] == '+' ? number.substr(1) : number;
  if (e164.size() < 12 || e164.size() > 13 || e164.compare(0, 2, "55") != 0 ||
      e164.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  const std::string national = e164.substr(2);  // DDD + subscriber
  if (!trunk.allowed_prefixes.empty()) {
    bool allowed = false;
    for (const auto& p : trunk.allowed_prefixes) allowed = allowed || national.rfind(p, 0) == 0;
    if (!allowed) return std::nullopt;
  }
  switch (trunk.number_format) {
    case NumberFormat::e164_plus:
      return "+" + e164;
    case NumberFormat::e164:
      return e164;
    case NumberFormat::national:
      return national;
    case NumberFormat::national_prefix:
      if (!trunk.dial_prefix || trunk.dial_prefix->find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
      return *trunk.dial_prefix + national;
  }
  return std::nullopt;
}

std::optional<std::string> originate_channel(const Trunk& trunk, const std::string& e164) {
  auto digits = dial_string(trunk, e164);
  if (!digits) return std::nullopt;
  return "PJSIP/" + *digits + "@" + trunk_endpoint(trunk);
}

}  // namespace torpedo::telephony
