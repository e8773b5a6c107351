// Numbers toward a carrier: each format, the allowed prefixes, and what is refused.
#include "telephony/numbering.h"

#include <gtest/gtest.h>

namespace torpedo::telephony {
namespace {

TEST(Numbering, EachFormatAsTheCarrierWantsIt) {
  Trunk t;
  t.name = "vivo-sp";
  t.number_format = NumberFormat::e164_plus;
  EXPECT_EQ(dial_string(t, "5511987654321"), "+5511987654321");
  t.number_format = NumberFormat::e164;
  EXPECT_EQ(dial_string(t, "5511987654321"), "5511987654321");
  EXPECT_EQ(dial_string(t, "+5511987654321"), "5511987654321") << "as contacts store numbers";
  t.number_format = NumberFormat::national;
  EXPECT_EQ(dial_string(t, "5511987654321"), "11987654321");
  EXPECT_EQ(dial_string(t, "551133334444"), "1133334444") << "landline, 8 digits";
  t.number_format = NumberFormat::national_prefix;
  t.dial_prefix = "015";
  EXPECT_EQ(dial_string(t, "5511987654321"), "01511987654321");
  EXPECT_EQ(originate_channel(t, "5511987654321"), "PJSIP/01511987654321@trunk-vivo-sp");
  t.dial_prefix.reset();
  EXPECT_FALSE(dial_string(t, "5511987654321")) << "national_prefix without a prefix dials nothing";
}

TEST(Numbering, AllowedPrefixesAndRefusals) {
  Trunk t;
  t.name = "sp-only";
  t.allowed_prefixes = {"11", "12", "13"};
  EXPECT_TRUE(dial_string(t, "5511987654321"));
  EXPECT_TRUE(dial_string(t, "5513987654321"));
  EXPECT_FALSE(dial_string(t, "5521987654321")) << "Rio is not on this trunk";
  Trunk any;
  any.name = "any";
  for (const char* bad : {"14155550100", "5511", "55119876543210", "5511abc654321", "++5511987654321", "+", ""})
    EXPECT_FALSE(dial_string(any, bad)) << bad;
}

}  // namespace
}  // namespace torpedo::telephony
