// libFuzzer target for Asterisk's configuration syntax as Torpedo reads and writes it. Two
// invariants: any bytes parse or fail with std::runtime_error, never crash or loop; and the
// generator's read-back never accepts a file that means something else than what was built —
// the input becomes section names and values, and whenever check_round_trip() accepts the
// serialised text, parsing it again gives exactly those sections (so no value smuggled in a
// newline, a section, a comment or a directive).
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "asterisk/conf.h"
#include "telephony/generator.h"

using namespace torpedo;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  try {
    asterisk::parse_asterisk_conf_text(input, "/nonexistent-fuzz", "fuzz");
  } catch (const std::runtime_error&) {
  }

  // Lines of the input: the first names the section, the others are values of keys k0, k1, …
  telephony::ConfFile file{"fuzz.conf", "fuzz", {}};
  telephony::Section section;
  std::size_t start = 0;
  int n = 0;
  while (start <= input.size() && n < 16) {
    auto end = input.find('\x01', start);  // a separator the values never hold, so they may hold \n
    std::string piece = input.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (n == 0)
      section.name = piece;
    else
      section.values.emplace_back(n % 2 ? "key" : "exten", piece);
    ++n;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  file.sections.push_back(section);
  const std::string text = telephony::serialize(file);
  try {
    telephony::check_round_trip(file, text);
  } catch (const telephony::GenerationError&) {
    return 0;
  }
  auto parsed = asterisk::parse_asterisk_conf_text(text, "/nonexistent-fuzz", "fuzz");
  if (parsed.size() != 1 || parsed[0].name != section.name || parsed[0].values != section.values)
    __builtin_trap();
  return 0;
}
