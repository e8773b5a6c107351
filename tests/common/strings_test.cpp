#include "common/strings.h"

#include <gtest/gtest.h>

namespace torpedo {
namespace {

TEST(Strings, CaseAndBlanks) {
  EXPECT_EQ(ascii_lower("Ana@Empresa.COM.br"), "ana@empresa.com.br");
  EXPECT_EQ(ascii_lower("AÇÃO"), "aÇÃo") << "only ASCII letters change";
  EXPECT_TRUE(iequals("UniqueID", "Uniqueid"));
  EXPECT_FALSE(iequals("Uniqueid", "Uniqueids"));
  EXPECT_EQ(trim("  \t a b \r\n"), "a b");
  EXPECT_EQ(trim(" \t "), "");
  EXPECT_TRUE(is_blank(" \t\n"));
  EXPECT_FALSE(is_blank(" x "));
}

TEST(Strings, SplitAndJoin) {
  EXPECT_EQ(split("support,,,,15", ','), (std::vector<std::string>{"support", "", "", "", "15"}));
  EXPECT_EQ(split("", ','), std::vector<std::string>{""});
  EXPECT_EQ(split("ulaw,,alaw,", ',', true), (std::vector<std::string>{"ulaw", "alaw"}));
  EXPECT_TRUE(split("", ',', true).empty());
  EXPECT_EQ(join({"ulaw", "alaw"}, ","), "ulaw,alaw");
  EXPECT_EQ(join({}, ","), "");
  EXPECT_EQ(split(join({"a", "b", "c"}, "|"), '|'), (std::vector<std::string>{"a", "b", "c"}));
}

TEST(Strings, PercentDecoding) {
  EXPECT_EQ(percent_decode("p%40ss%27w", false), "p@ss'w");
  EXPECT_EQ(percent_decode("Jo%C3%A3o+Silva", true), "João Silva");
  EXPECT_EQ(percent_decode("a+b", false), "a+b");
  EXPECT_EQ(percent_decode("100%", false), "100%") << "a malformed escape is kept";
  EXPECT_EQ(percent_decode("%zz%4", false), "%zz%4");
}

}  // namespace
}  // namespace torpedo
