#include "common/crypto.h"

#include <gtest/gtest.h>

#include <map>
#include <sys/stat.h>

#include "common/time_format.h"
#include "support/databases.h"

namespace torpedo {
namespace {

class Crypto : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { crypto::init(); }
};

TEST_F(Crypto, PasswordHashIsArgon2idAndVerifies) {
  auto hash = crypto::hash_password("correct horse battery");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(crypto::verify_password(hash, "correct horse battery"));
  EXPECT_FALSE(crypto::verify_password(hash, "correct horse batterx"));
  EXPECT_NE(hash, crypto::hash_password("correct horse battery"));  // salted
}

TEST_F(Crypto, TokensAreRandomAndUrlSafe) {
  auto a = crypto::random_token(32), b = crypto::random_token(32);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.size(), 43u);
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), std::string::npos);
  EXPECT_EQ(crypto::sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_F(Crypto, SecretBoxRoundTripsAndDetectsTampering) {
  auto dir = testing::make_temp_dir("key");
  auto key_file = dir / "sub" / "master.key";
  auto box = crypto::SecretBox::load_or_create(key_file);
  struct stat st {};
  ASSERT_EQ(::stat(key_file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);

  auto sealed = box.seal("segredo do tronco ç");
  EXPECT_EQ(sealed.find("segredo"), std::string::npos);
  EXPECT_EQ(box.open(sealed), "segredo do tronco ç");
  // The same key file opens it again after a restart.
  EXPECT_EQ(crypto::SecretBox::load_or_create(key_file).open(sealed), "segredo do tronco ç");

  std::string tampered = sealed;
  tampered[10] = tampered[10] == 'A' ? 'B' : 'A';
  EXPECT_EQ(box.open(tampered), std::nullopt);
  std::array<unsigned char, 32> other{};
  EXPECT_EQ(crypto::SecretBox(other).open(sealed), std::nullopt);
  EXPECT_EQ(box.open("garbage"), std::nullopt);
  std::filesystem::remove_all(dir);
}

TEST(RandomString, UsesTheAlphabetEvenly) {
  crypto::init();
  const std::string s = crypto::random_string(24);
  EXPECT_EQ(s.size(), 24u);
  EXPECT_EQ(s.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"), std::string::npos);
  EXPECT_NE(crypto::random_string(24), s);
  std::map<char, int> counts;
  for (char c : crypto::random_string(60000, "abc")) ++counts[c];
  ASSERT_EQ(counts.size(), 3u);
  for (const auto& [c, n] : counts) EXPECT_NEAR(n, 20000, 1000) << c;
}

TEST(TimeFormat, Iso8601Utc) {
  EXPECT_EQ(format_iso8601(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_iso8601(1795000000123), "2026-11-18T11:06:40.123Z");
}

}  // namespace
}  // namespace torpedo
