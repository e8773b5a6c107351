#pragma once
// Runs the real daemon (app::Daemon, as `torpedo serve` does) on 127.0.0.1, port 0, over a
// scratch SQLite or MariaDB database, with a clock the test moves by hand.
#include <gtest/gtest.h>

#include <memory>
#include <thread>

#include "app/daemon.h"
#include "support/databases.h"
#include "support/fake_clock.h"
#include "support/http_client.h"

namespace torpedo::testing {

class ApiTest : public ::testing::TestWithParam<std::string> {
 protected:
  static constexpr const char* kAdminEmail = "admin@torpedo.test";
  static constexpr const char* kAdminPassword = "admin-password-1";

  void SetUp() override;
  void TearDown() override;
  // Hook for a test suite to adjust the configuration before the daemon starts.
  virtual void configure(Config&) {}

  HttpClient anonymous() const { return HttpClient("http://127.0.0.1:" + std::to_string(port)); }
  HttpClient admin();
  HttpClient login_as(const std::string& email, const std::string& password);
  // Creates a user through the API as the admin; returns its id.
  std::int64_t create_user(const std::string& email, const std::string& role,
                           const std::string& password = "user-password-1");
  // Actions of the audit trail, newest first.
  std::vector<std::string> audit_actions();
  std::int64_t count(const std::string& table);

  FakeClock clock;
  Config config;
  std::unique_ptr<ScratchDatabase> scratch;
  std::unique_ptr<app::Daemon> daemon;
  std::thread runner;
  std::uint16_t port = 0;
};

}  // namespace torpedo::testing
