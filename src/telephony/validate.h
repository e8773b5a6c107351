#pragma once
// The patterns every string of the telephony model is held to before it reaches Asterisk.
// Configuration files break on newlines, '[', ';', '\', '#include', '#exec' and '+='; dialplan
// arguments on '&', ',', '|', '${', '$['. Rather than escaping, Torpedo refuses: each check
// returns the reason in Portuguese (for the API's field error), or nothing when the value is fine.
#include <optional>
#include <string>
#include <vector>

namespace torpedo::telephony {

using Problem = std::optional<std::string>;

Problem check_extension_number(const std::string& v);  // 2–8 digits
Problem check_endpoint_name(const std::string& v);     // [a-z0-9-], 3–40, starts with a letter
Problem check_display_name(const std::string& v);      // letters (any script), digits, space . - _ '
Problem check_object_name(const std::string& v);       // queue/trunk name: [a-z0-9_-], 1–40, starts alnum
Problem check_phone_digits(const std::string& v);      // caller ID: optional +, 2–20 digits
Problem check_host(const std::string& v);              // hostname, IPv4 or IPv6
Problem check_sip_user(const std::string& v);          // [A-Za-z0-9._+-], 1–64
Problem check_secret(const std::string& v);            // printable ASCII without ; \ [ ] # " space, 8–128
Problem check_ip_match(const std::string& v);          // address or address/prefix
Problem check_prefix_digits(const std::string& v);     // 1–8 digits
Problem check_codecs(const std::vector<std::string>& codecs);
Problem check_strategy(const std::string& v);
Problem check_transport(const std::string& v);

// The codecs Torpedo offers.
const std::vector<std::string>& known_codecs();

}  // namespace torpedo::telephony
