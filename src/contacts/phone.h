#pragma once
// Phone numbers as operators write them ("(11) 98765-4321", "+55 21 3456-7890", "011 …"),
// validated and normalised with libphonenumber. Only phone.cpp includes libphonenumber.
#include <optional>
#include <string>
#include <string_view>

namespace torpedo::contacts {

enum class PhoneType { mobile, fixed, other };
const char* to_string(PhoneType t);

struct PhoneOptions {
  std::string region = "BR";        // for numbers written without a country code
  bool allow_international = false; // else numbers of another country are `foreign`
  bool add_ninth_digit = false;     // "(11) 8765-4321", a mobile in the pre-2016 format → +5511987654321
};

enum class PhoneError { none, empty, invalid, foreign };

struct PhoneResult {
  PhoneError error = PhoneError::none;
  std::string e164;                 // "+5511987654321" when error == none (and for foreign numbers)
  PhoneType type = PhoneType::other;
  std::string reason;               // Portuguese, for the rejected-rows report and API errors
  bool ok() const { return error == PhoneError::none; }
};

// Thread-safe; cheap to copy.
class PhoneParser {
 public:
  explicit PhoneParser(PhoneOptions options = {});
  PhoneResult parse(std::string_view given) const;
  const PhoneOptions& options() const { return options_; }

 private:
  PhoneOptions options_;
  int region_country_code_ = 55;
};

// True for a region libphonenumber knows ("BR", "PT", "US", …).
bool known_region(std::string_view region);

// "+5511987654321" → "+55 11 98765-4321" (international format), for display and exports.
std::string format_international(std::string_view e164);
// For people and spreadsheets: Brazilian numbers as "(11) 98765-4321", others international.
std::string format_for_people(std::string_view e164);

}  // namespace torpedo::contacts
