// libFuzzer target for the AMI parser: arbitrary bytes, fed in chunks whose size the input
// chooses. Checks that nothing crashes (ASan/UBSan) and that every message it yields survives
// a round trip through to_wire() unchanged.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "ami/parser.h"

using torpedo::ami::Message;
using torpedo::ami::Parser;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Parser::Limits limits{4096, 65536, 256};
  Parser parser(limits);
  std::vector<Message> out;
  const std::size_t chunk = size ? data[0] % 97 + 1 : 1;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (std::size_t i = 0; i < bytes.size(); i += chunk) parser.feed(bytes.substr(i, chunk), out);
  if (parser.pending_bytes() > limits.max_message_bytes + limits.max_line_bytes + 2) std::abort();
  for (const Message& m : out) {
    if (m.empty()) std::abort();
    Parser again(limits);
    std::vector<Message> back;
    again.feed("Asterisk Call Manager/11.0.0\r\n", back);
    again.feed(m.to_wire(), back);
    if (back.size() != 1 || back[0].to_wire() != m.to_wire()) std::abort();
  }
  return 0;
}
