#include "auth/rate_limiter.h"

#include <gtest/gtest.h>

#include "support/fake_clock.h"

namespace torpedo::auth {
namespace {

TEST(LoginRateLimiter, BlocksAnAccountAfterTooManyFailuresThenForgets) {
  testing::FakeClock clock;
  LoginRateLimiter limiter(clock, {3, 100, 60'000});
  for (int i = 0; i < 3; ++i) {
    EXPECT_FALSE(limiter.retry_after("10.0.0.1", "ana@x.com"));
    limiter.record_failure("10.0.0.1", "ana@x.com");
    clock.advance_ms(1000);
  }
  auto wait = limiter.retry_after("10.0.0.9", "ana@x.com");  // any address
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, 57);  // the first failure leaves the 60 s window 57 s from now
  EXPECT_FALSE(limiter.retry_after("10.0.0.1", "bia@x.com"));
  clock.advance_ms(57'000);
  EXPECT_FALSE(limiter.retry_after("10.0.0.1", "ana@x.com"));
}

TEST(LoginRateLimiter, BlocksAnAddressSprayingAccounts) {
  testing::FakeClock clock;
  LoginRateLimiter limiter(clock, {100, 5, 60'000});
  for (int i = 0; i < 5; ++i) limiter.record_failure("10.0.0.1", "user" + std::to_string(i) + "@x.com");
  EXPECT_TRUE(limiter.retry_after("10.0.0.1", "new@x.com"));
  EXPECT_FALSE(limiter.retry_after("10.0.0.2", "new@x.com"));
}

TEST(LoginRateLimiter, SuccessClearsTheAccount) {
  testing::FakeClock clock;
  LoginRateLimiter limiter(clock, {2, 100, 60'000});
  limiter.record_failure("a", "ana@x.com");
  limiter.record_success("ana@x.com");
  limiter.record_failure("a", "ana@x.com");
  EXPECT_FALSE(limiter.retry_after("a", "ana@x.com"));
}

}  // namespace
}  // namespace torpedo::auth
