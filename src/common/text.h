#pragma once
// Text helpers for contact data: encodings of CSV files exported by Brazilian tools, and the
// folded form of names that search uses (Joao finds João).
#include <string>
#include <string_view>
#include <vector>

namespace torpedo {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates). `allow_truncated_tail`
// accepts a sequence cut at the end (a sample taken from the start of a file).
bool is_utf8(std::string_view s, bool allow_truncated_tail = false);

// Windows-1252 (a superset of ISO-8859-1's printable range, what Excel writes in Brazil) to UTF-8.
std::string windows1252_to_utf8(std::string_view s);

// Lower case, Latin accents removed (ç → c, ã → a, ß → ss), any run of other characters than
// letters and digits made one space, trimmed: "  João  D'Ávila-Souza " → "joao d avila souza".
// Code points outside Latin-1/Latin Extended-A are kept as they are.
std::string fold(std::string_view utf8);

// The distinct words of fold(text), in order of first appearance.
std::vector<std::string> folded_words(std::string_view utf8);

}  // namespace torpedo
