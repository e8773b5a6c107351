#include "common/text.h"

#include <algorithm>
#include <cstdint>

namespace torpedo {

namespace {

// Decodes one code point at s[i]; returns its length, 0 when malformed.
std::size_t decode(std::string_view s, std::size_t i, std::uint32_t& cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  std::size_t n = 0;
  std::uint32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) n = 2, cp = b0 & 0x1F, min = 0x80;
  else if ((b0 & 0xF0) == 0xE0) n = 3, cp = b0 & 0x0F, min = 0x800;
  else if ((b0 & 0xF8) == 0xF0) n = 4, cp = b0 & 0x07, min = 0x10000;
  else return 0;
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Windows-1252 0x80–0x9F; 0 marks the five undefined bytes (kept as their C1 code point).
constexpr std::uint16_t kCp1252High[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// Base letters of U+00C0–U+00FF (lower case); "" = not a letter (× ÷).
constexpr const char* kLatin1Fold[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  // C0–CF
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",  // D0–DF
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  // E0–EF
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};  // F0–FF

// Latin Extended-A (U+0100–U+017F): pairs of upper/lower forms of one base letter, mostly.
const char* fold_extended_a(std::uint32_t cp) {
  static constexpr std::string_view kBase =
      "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii??jjkkkllllllllllnnnnnnnnnoooooo??rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
  const auto idx = cp - 0x100;
  if (cp == 0x152 || cp == 0x153) return "oe";
  if (cp == 0x132 || cp == 0x133) return "ij";
  static thread_local char one[2] = {0, 0};
  if (idx < kBase.size() && kBase[idx] != '?') {
    one[0] = kBase[idx];
    return one;
  }
  return nullptr;
}

}  // namespace

bool is_utf8(std::string_view s, bool allow_truncated_tail) {
  std::size_t i = 0;
  while (i < s.size()) {
    std::uint32_t cp = 0;
    const auto n = decode(s, i, cp);
    if (n == 0) {
      // A multi-byte sequence cut by the end of the sample is not an error.
      if (allow_truncated_tail && s.size() - i < 4) {
        const auto b0 = static_cast<unsigned char>(s[i]);
        const std::size_t need = (b0 & 0xE0) == 0xC0 ? 2 : (b0 & 0xF0) == 0xE0 ? 3 : (b0 & 0xF8) == 0xF0 ? 4 : 0;
        if (need > s.size() - i) {
          bool continuation = true;
          for (std::size_t k = i + 1; k < s.size(); ++k)
            continuation &= (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80;
          if (continuation) return true;
        }
      }
      return false;
    }
    i += n;
  }
  return true;
}

std::string windows1252_to_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char ch : s) {
    const auto b = static_cast<unsigned char>(ch);
    if (b < 0x80) out += ch;
    else if (b < 0xA0) append_utf8(out, kCp1252High[b - 0x80] ? kCp1252High[b - 0x80] : b);
    else append_utf8(out, b);
  }
  return out;
}

std::string fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  auto put = [&](std::string_view piece) {
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    out += piece;
  };
  std::size_t i = 0;
  while (i < s.size()) {
    std::uint32_t cp = 0;
    std::size_t n = decode(s, i, cp);
    if (n == 0) {  // malformed byte: a separator
      pending_space = true;
      ++i;
      continue;
    }
    i += n;
    if (cp < 0x80) {
      const char c = static_cast<char>(cp);
      if (c >= 'A' && c <= 'Z') put(std::string(1, static_cast<char>(c - 'A' + 'a')));
      else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) put(std::string_view(&c, 1));
      else pending_space = true;
    } else if (cp >= 0xC0 && cp <= 0xFF) {
      const char* base = kLatin1Fold[cp - 0xC0];
      if (*base) put(base);
      else pending_space = true;
    } else if (cp >= 0x100 && cp <= 0x17F) {
      if (const char* base = fold_extended_a(cp)) put(base);
      else pending_space = true;
    } else if (cp < 0xC0) {
      pending_space = true;  // Latin-1 punctuation, NBSP, controls
    } else if ((cp >= 0x2000 && cp <= 0x206F) || cp == 0x3000) {
      pending_space = true;  // general punctuation and spaces
    } else {
      std::string piece;
      append_utf8(piece, cp);
      put(piece);
    }
  }
  return out;
}

std::vector<std::string> folded_words(std::string_view text) {
  std::vector<std::string> words;
  const std::string f = fold(text);
  std::size_t start = 0;
  while (start < f.size()) {
    auto sp = f.find(' ', start);
    std::string w = f.substr(start, sp == std::string::npos ? std::string::npos : sp - start);
    if (!w.empty() && std::find(words.begin(), words.end(), w) == words.end()) words.push_back(std::move(w));
    if (sp == std::string::npos) break;
    start = sp + 1;
  }
  return words;
}

}  // namespace torpedo
