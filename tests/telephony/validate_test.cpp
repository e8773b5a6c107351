// Every string that reaches Asterisk is held to a pattern: what each check lets through and
// what it refuses, with the injections issue 6 lists.
#include "telephony/validate.h"

#include <gtest/gtest.h>

namespace torpedo::telephony {
namespace {

// Configuration and dialplan injections: each must be refused by every text check.
const std::vector<std::string> kHostile = {
    "a\nb",          "a\r\nb",
    "x[general]",    "x;comment",
    "back\\slash",   "#include /etc/passwd",
    "#exec /bin/sh", "x+=y",
    "a&b",           "a,b",
    "a|b",           "${EXTEN}",
    "$[1+1]",        std::string("a\0b", 3),
    "a\tb",
};

TEST(Validate, HostileStringsAreRefusedEverywhere) {
  for (const auto& h : kHostile) {
    EXPECT_TRUE(check_extension_number(h)) << h;
    EXPECT_TRUE(check_endpoint_name(h)) << h;
    EXPECT_TRUE(check_object_name(h)) << h;
    EXPECT_TRUE(check_phone_digits(h)) << h;
    EXPECT_TRUE(check_host(h)) << h;
    EXPECT_TRUE(check_sip_user(h)) << h;
    EXPECT_TRUE(check_ip_match(h)) << h;
    EXPECT_TRUE(check_prefix_digits(h)) << h;
  }
  // Names and secrets allow more, but none of the structural characters.
  for (const std::string h :
       {"a\nb", "x[y", "x;y", "a\\b", "a,b", "a|b", "${X}", "$[1]", "a&b", "\"q\"", "<1001>"})
    EXPECT_TRUE(check_display_name(h)) << h;
  for (const std::string h : {"secret\nx", "pass;word1", "pass\\word1", "pass word1", "[general]x",
                              "#include x", "pässword1", "pass\"word"})
    EXPECT_TRUE(check_secret(h)) << h;
}

TEST(Validate, OrdinaryValuesPass) {
  EXPECT_FALSE(check_extension_number("1001"));
  EXPECT_FALSE(check_endpoint_name("r1001-k3x9q2"));
  EXPECT_FALSE(check_display_name("Atendente João D'Ávila"));
  EXPECT_FALSE(check_display_name("Maria_2 - Cobrança"));
  EXPECT_FALSE(check_object_name("suporte"));
  EXPECT_FALSE(check_object_name("vivo-sp_01"));
  EXPECT_FALSE(check_phone_digits("+551140041234"));
  EXPECT_FALSE(check_host("sip.operadora.com.br"));
  EXPECT_FALSE(check_host("200.1.2.3"));
  EXPECT_FALSE(check_host("2001:db8::1"));
  EXPECT_FALSE(check_sip_user("torpedo.01+sp"));
  EXPECT_FALSE(check_secret("Xk9!m@2z$Q%^&*()=+-_"));
  EXPECT_FALSE(check_ip_match("200.1.2.0/24"));
  EXPECT_FALSE(check_ip_match("2001:db8::/32"));
  EXPECT_FALSE(check_codecs({"ulaw", "alaw", "g722"}));
  EXPECT_FALSE(check_strategy("rrmemory"));
  EXPECT_FALSE(check_transport("tls"));
}

TEST(Validate, EdgesAreRefusedWithAPortugueseReason) {
  EXPECT_TRUE(check_extension_number("1"));
  EXPECT_TRUE(check_extension_number("123456789"));
  EXPECT_TRUE(check_endpoint_name("1001")) << "an endpoint is never the bare number (SIP scanners try those)";
  EXPECT_TRUE(check_object_name("Suporte")) << "lower case only: Asterisk names are case-sensitive";
  EXPECT_TRUE(check_object_name("general")) << "reserved section";
  EXPECT_TRUE(check_display_name(""));
  EXPECT_TRUE(check_display_name(" Maria"));
  EXPECT_TRUE(check_display_name(std::string(65, 'a')));
  EXPECT_FALSE(check_display_name(std::string(64, 'a')));
  EXPECT_TRUE(
      check_display_name("a\xC2\x85"
                         "b"))
      << "NEL, a C1 control character";
  EXPECT_TRUE(check_secret("short"));
  EXPECT_TRUE(check_ip_match("300.1.2.3"));
  EXPECT_TRUE(check_ip_match("1.2.3.4/33"));
  EXPECT_TRUE(check_codecs({}));
  EXPECT_TRUE(check_codecs({"ulaw", "ulaw"}));
  EXPECT_TRUE(check_codecs({"speex"}));
  EXPECT_TRUE(check_strategy("linear"));
  EXPECT_TRUE(check_transport("ws"));
  auto why = check_object_name("Fila Um");
  ASSERT_TRUE(why);
  EXPECT_NE(why->find("minúsculas"), std::string::npos) << *why;
}

}  // namespace
}  // namespace torpedo::telephony
