// Phone numbers as operators write them, through libphonenumber.
#include "contacts/phone.h"

#include <gtest/gtest.h>

namespace torpedo::contacts {
namespace {

TEST(Phone, BrazilianFormatsNormaliseToE164) {
  PhoneParser p;
  for (const char* given : {"(11) 98765-4321", "11 98765 4321", "11987654321", "+55 11 98765-4321", "5511987654321",
                            "55 (11) 9.8765-4321", "011 98765-4321", "0 21 11 98765-4321"}) {
    auto r = p.parse(given);
    ASSERT_TRUE(r.ok()) << given << ": " << r.reason;
    EXPECT_EQ(r.e164, "+5511987654321") << given;
    EXPECT_EQ(r.type, PhoneType::mobile) << given;
  }
  auto fixed = p.parse("(11) 3456-7890");
  ASSERT_TRUE(fixed.ok());
  EXPECT_EQ(fixed.e164, "+551134567890");
  EXPECT_EQ(fixed.type, PhoneType::fixed);
  EXPECT_EQ(p.parse("0800 123 4567").type, PhoneType::other);
}

TEST(Phone, BadNumbersSayWhy) {
  PhoneParser p;
  EXPECT_EQ(p.parse("(11) 1234-567").error, PhoneError::invalid);
  EXPECT_EQ(p.parse("11 9876-ABCD").error, PhoneError::invalid);
  EXPECT_EQ(p.parse("11 9876-ABCD").reason, "número com letras");
  EXPECT_EQ(p.parse("  ").error, PhoneError::empty);
  EXPECT_EQ(p.parse("1198765#4321").error, PhoneError::invalid);
  EXPECT_EQ(p.parse("123").error, PhoneError::invalid);
  EXPECT_EQ(p.parse(std::string(40, '9')).error, PhoneError::invalid);
  EXPECT_EQ(p.parse("++5511987654321").error, PhoneError::invalid);
}

TEST(Phone, ForeignNumbersOnlyWhenAllowed) {
  PhoneParser br;
  auto us = br.parse("+1 650 253 0000");
  EXPECT_EQ(us.error, PhoneError::foreign);
  EXPECT_EQ(us.e164, "+16502530000");
  PhoneOptions o;
  o.allow_international = true;
  EXPECT_TRUE(PhoneParser(o).parse("+1 650 253 0000").ok());
  PhoneOptions pt;
  pt.region = "PT";
  auto lisbon = PhoneParser(pt).parse("21 234 5678");
  ASSERT_TRUE(lisbon.ok()) << lisbon.reason;
  EXPECT_EQ(lisbon.e164, "+351212345678");
  EXPECT_TRUE(known_region("BR"));
  EXPECT_FALSE(known_region("XX"));
}

TEST(Phone, NinthDigitOnlyWhenAsked) {
  EXPECT_EQ(PhoneParser().parse("(11) 8765-4321").error, PhoneError::invalid) << "an old 8-digit mobile";
  PhoneOptions o;
  o.add_ninth_digit = true;
  auto r = PhoneParser(o).parse("(11) 8765-4321");
  ASSERT_TRUE(r.ok()) << r.reason;
  EXPECT_EQ(r.e164, "+5511987654321");
  EXPECT_EQ(PhoneParser(o).parse("(11) 3456-7890").e164, "+551134567890") << "a landline keeps its 8 digits";
}

TEST(Phone, FastPathAgreesWithParse) {
  // The import's fast path builds numbers without Parse; on every DDD it must agree with it.
  PhoneParser p;
  int checked = 0;
  for (int ddd = 11; ddd <= 99; ++ddd) {
    for (const char* rest : {"987654321", "34567890", "12345678", "9123", "99999999"}) {
      const std::string national = std::to_string(ddd) + rest;
      auto fast = p.parse(national);
      auto slow = p.parse("+55 " + national);  // the '+' sends it through Parse
      EXPECT_EQ(fast.ok(), slow.ok()) << national;
      if (fast.ok()) EXPECT_EQ(fast.e164, slow.e164) << national;
      ++checked;
    }
  }
  EXPECT_GT(checked, 400);
}

TEST(Phone, FormatsForPeople) {
  EXPECT_EQ(format_for_people("+5511987654321"), "(11) 98765-4321");
  EXPECT_EQ(format_for_people("+16502530000"), "+1 650-253-0000");
}

}  // namespace
}  // namespace torpedo::contacts
