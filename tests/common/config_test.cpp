#include "common/config.h"

#include <gtest/gtest.h>

#include <fstream>

#include "support/databases.h"

namespace torpedo {
namespace {

Config::EnvLookup env_of(std::map<std::string, std::string> vars) {
  return [vars](const std::string& k) -> std::optional<std::string> {
    auto it = vars.find(k);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

TEST(Config, DefaultsFollowSpec) {
  Config c = Config::load(env_of({}), std::nullopt);
  EXPECT_EQ(c.listen(), "127.0.0.1:8080");
  EXPECT_EQ(c.data_dir, "./data");
  EXPECT_EQ(c.db_url, "sqlite:./data/torpedo.db");
  EXPECT_EQ(c.storage, "./data/media");
  EXPECT_EQ(c.master_key_file, "./data/master.key");
  EXPECT_EQ(c.public_url, "http://127.0.0.1:8080");
  EXPECT_EQ(c.session_idle_minutes, 480);
}

TEST(Config, DataDirMovesTheDefaultsWithIt) {
  Config c = Config::load(env_of({{"TORPEDO_DATA_DIR", "/var/lib/torpedo"}, {"TORPEDO_LISTEN", "0.0.0.0:9000"}}),
                          std::nullopt);
  EXPECT_EQ(c.db_url, "sqlite:/var/lib/torpedo/torpedo.db");
  EXPECT_EQ(c.listen_host, "0.0.0.0");
  EXPECT_EQ(c.listen_port, 9000);
  EXPECT_EQ(c.public_url, "http://0.0.0.0:9000");
}

TEST(Config, EnvironmentWinsOverFile) {
  auto dir = testing::make_temp_dir("cfg");
  {
    std::ofstream f(dir / "torpedo.env");
    f << "# comment\nTORPEDO_LISTEN=127.0.0.1:7000\nexport TORPEDO_LOG_LEVEL=\"debug\"\nTORPEDO_WORKERS=2\n";
  }
  Config c = Config::load(env_of({{"TORPEDO_WORKERS", "8"}}), dir / "torpedo.env");
  EXPECT_EQ(c.listen_port, 7000);
  EXPECT_EQ(c.log_level, "debug");
  EXPECT_EQ(c.workers, 8);
  std::filesystem::remove_all(dir);
}

TEST(Config, RejectsBadValuesWithTheVariableName) {
  try {
    Config::load(env_of({{"TORPEDO_LISTEN", "localhost"}}), std::nullopt);
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("TORPEDO_LISTEN"), std::string::npos);
  }
  EXPECT_THROW(Config::load(env_of({{"TORPEDO_LISTEN", "1.2.3.4:99999"}}), std::nullopt), ConfigError);
  EXPECT_THROW(Config::load(env_of({{"TORPEDO_DB", "postgres://x"}}), std::nullopt), ConfigError);
  EXPECT_THROW(Config::load(env_of({{"TORPEDO_WORKERS", "many"}}), std::nullopt), ConfigError);
  EXPECT_THROW(Config::load(env_of({{"TORPEDO_LOG_FORMAT", "xml"}}), std::nullopt), ConfigError);
  EXPECT_THROW(Config::load(env_of({}), std::filesystem::path("/nonexistent/torpedo.env")), ConfigError);
  EXPECT_THROW(parse_env_file("NOT A PAIR\n"), ConfigError);
}

TEST(Config, Ipv6Listen) {
  Config c = Config::load(env_of({{"TORPEDO_LISTEN", "[::1]:8081"}}), std::nullopt);
  EXPECT_EQ(c.listen_host, "::1");
  EXPECT_EQ(c.listen(), "[::1]:8081");
}

}  // namespace
}  // namespace torpedo
