#pragma once
// The database backends every data-layer and API test runs against: a fresh SQLite file,
// and a fresh database on the MariaDB server that scripts/with-mariadb.sh starts
// (TORPEDO_TEST_MYSQL_URL). Without that variable the MySQL cases fail, unless
// TORPEDO_TEST_SKIP_MYSQL=1 says the developer chose to run SQLite only.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace torpedo::testing {

std::vector<std::string> backend_names();  // {"sqlite", "mysql"}

// A scratch database that is dropped/deleted when this object goes away.
class ScratchDatabase {
 public:
  explicit ScratchDatabase(const std::string& backend);
  ~ScratchDatabase();
  const std::string& url() const { return url_; }
  const std::filesystem::path& dir() const { return dir_; }
  bool available() const { return !url_.empty(); }
  std::string skip_reason() const { return skip_reason_; }

 private:
  std::string backend_;
  std::string url_;
  std::string mysql_db_;
  std::filesystem::path dir_;
  std::string skip_reason_;
};

std::filesystem::path make_temp_dir(const std::string& prefix);

}  // namespace torpedo::testing
