#include "support/databases.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <random>
#include <stdexcept>

#include "storage/database.h"

namespace torpedo::testing {

std::vector<std::string> backend_names() { return {"sqlite", "mysql"}; }

std::filesystem::path make_temp_dir(const std::string& prefix) {
  std::string tmpl = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  return tmpl;
}

namespace {
std::string replace_db(const std::string& url, const std::string& db) {
  auto slash = url.rfind('/');
  return url.substr(0, slash + 1) + db;
}
}  // namespace

ScratchDatabase::ScratchDatabase(const std::string& backend) : backend_(backend) {
  dir_ = make_temp_dir("torpedo-test");
  if (backend == "sqlite") {
    url_ = "sqlite:" + (dir_ / "test.db").string();
    return;
  }
  const char* base = std::getenv("TORPEDO_TEST_MYSQL_URL");
  if (!base || !*base) {
    const char* skip = std::getenv("TORPEDO_TEST_SKIP_MYSQL");
    if (skip && std::string(skip) == "1") {
      skip_reason_ = "TORPEDO_TEST_SKIP_MYSQL=1";
      return;
    }
    throw std::runtime_error(
        "TORPEDO_TEST_MYSQL_URL is not set: run the tests through `make test` (which starts MariaDB) "
        "or set TORPEDO_TEST_SKIP_MYSQL=1 to run SQLite only");
  }
  static std::atomic<int> counter{0};
  std::random_device rd;
  mysql_db_ = "torpedo_t" + std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" +
              std::to_string(rd() % 100000);
  auto admin = storage::Database::open(base, 1);
  admin->with_connection([&](storage::Connection& c) {
    c.exec("CREATE DATABASE " + mysql_db_ + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
  });
  url_ = replace_db(base, mysql_db_);
}

ScratchDatabase::~ScratchDatabase() {
  try {
    if (!mysql_db_.empty()) {
      auto admin = storage::Database::open(std::getenv("TORPEDO_TEST_MYSQL_URL"), 1);
      admin->with_connection([&](storage::Connection& c) { c.exec("DROP DATABASE IF EXISTS " + mysql_db_); });
    }
  } catch (...) {
  }
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

}  // namespace torpedo::testing
