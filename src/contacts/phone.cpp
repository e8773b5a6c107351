#include "contacts/phone.h"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <cctype>
#include <set>

namespace torpedo::contacts {

namespace pn = i18n::phonenumbers;

namespace {

pn::PhoneNumberUtil& util() { return *pn::PhoneNumberUtil::GetInstance(); }

PhoneResult invalid(std::string reason) {
  PhoneResult r;
  r.error = PhoneError::invalid;
  r.reason = std::move(reason);
  return r;
}

PhoneType type_of(const pn::PhoneNumber& n) {
  switch (util().GetNumberType(n)) {
    case pn::PhoneNumberUtil::MOBILE: return PhoneType::mobile;
    case pn::PhoneNumberUtil::FIXED_LINE: return PhoneType::fixed;
    default: return PhoneType::other;
  }
}

// A Brazilian mobile written before the ninth digit (2016): DDD + 8 digits starting 6–9.
bool add_ninth_digit(pn::PhoneNumber& n) {
  if (n.country_code() != 55) return false;
  const std::string national = std::to_string(n.national_number());
  if (national.size() != 10 || national[2] < '6') return false;
  pn::PhoneNumber candidate = n;
  candidate.set_national_number(std::stoull(national.substr(0, 2) + "9" + national.substr(2)));
  if (!util().IsValidNumber(candidate) || util().GetNumberType(candidate) != pn::PhoneNumberUtil::MOBILE) return false;
  n = candidate;
  return true;
}

}  // namespace

const char* to_string(PhoneType t) {
  switch (t) {
    case PhoneType::mobile: return "mobile";
    case PhoneType::fixed: return "fixed";
    case PhoneType::other: return "other";
  }
  return "other";
}

bool known_region(std::string_view region) {
  std::set<std::string> regions;
  util().GetSupportedRegions(&regions);
  return regions.count(std::string(region)) > 0;
}

PhoneParser::PhoneParser(PhoneOptions options) : options_(std::move(options)) {
  region_country_code_ = util().GetCountryCodeForRegion(options_.region);
}

PhoneResult PhoneParser::parse(std::string_view given) const {
  // Only digits and the usual punctuation; letters would be read as a keypad's digits.
  std::string digits;
  bool plus = false;
  bool any = false;
  for (char c : given) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isdigit(u)) {
      digits += c;
      any = true;
    } else if (c == '+' && !any && !plus) {
      plus = true;
    } else if (c == ' ' || c == '(' || c == ')' || c == '-' || c == '.' || c == '/' || c == '\t') {
      continue;
    } else if (std::isalpha(u)) {
      return invalid("número com letras");
    } else {
      return invalid("caractere inválido no número");
    }
  }
  if (digits.empty()) {
    PhoneResult r;
    r.error = PhoneError::empty;
    r.reason = "sem telefone";
    return r;
  }
  if (digits.size() > 17) return invalid("número longo demais");

  pn::PhoneNumber number;
  bool valid = false;
  // Fast path for the common Brazilian shapes: DDD + number, or 55 + DDD + number. Building the
  // number directly skips Parse's regular expressions (about 6× faster; the import of a million
  // rows depends on it). Anything else goes through Parse.
  if (options_.region == "BR" || plus) {
    // National part: DDD + number; after +55 or 55; or after the trunk prefix 0 ("011 …").
    std::string national;
    if (plus || (digits.size() >= 12 && digits.rfind("55", 0) == 0)) {
      if (digits.rfind("55", 0) == 0) national = digits.substr(2);
    } else if (digits[0] == '0' && (digits.size() == 11 || digits.size() == 12)) {
      national = digits.substr(1);
    } else if (digits[0] != '0') {
      national = digits;
    }
    if ((national.size() == 10 || national.size() == 11) && national[0] != '0') {
      number.set_country_code(55);
      number.set_national_number(std::stoull(national));
      valid = util().IsValidNumber(number) || (options_.add_ninth_digit && add_ninth_digit(number));
    }
  }
  if (!valid) {
    number.Clear();
    const std::string text = (plus ? "+" : "") + digits;
    if (util().Parse(text, options_.region, &number) != pn::PhoneNumberUtil::NO_PARSING_ERROR)
      return invalid("número inválido");
    valid = util().IsValidNumber(number) || (options_.add_ninth_digit && add_ninth_digit(number));
    if (!valid) return invalid("número inválido");
  }
  PhoneResult r;
  util().Format(number, pn::PhoneNumberUtil::E164, &r.e164);
  r.type = type_of(number);
  if (number.country_code() != region_country_code_ && !options_.allow_international) {
    r.error = PhoneError::foreign;
    r.reason = "número de outro país (+" + std::to_string(number.country_code()) + ")";
  }
  return r;
}

std::string format_international(std::string_view e164) {
  pn::PhoneNumber number;
  if (util().Parse(std::string(e164), "ZZ", &number) != pn::PhoneNumberUtil::NO_PARSING_ERROR) return std::string(e164);
  std::string out;
  util().Format(number, pn::PhoneNumberUtil::INTERNATIONAL, &out);
  return out;
}

}  // namespace torpedo::contacts

namespace torpedo::contacts {

std::string format_for_people(std::string_view e164) {
  pn::PhoneNumber number;
  if (util().Parse(std::string(e164), "ZZ", &number) != pn::PhoneNumberUtil::NO_PARSING_ERROR) return std::string(e164);
  std::string out;
  util().Format(number, number.country_code() == 55 ? pn::PhoneNumberUtil::NATIONAL : pn::PhoneNumberUtil::INTERNATIONAL,
                &out);
  return out;
}

}  // namespace torpedo::contacts
