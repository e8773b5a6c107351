#include "blob/store.h"

#include <atomic>
#include <fstream>
#include <stdexcept>
#include <unistd.h>

namespace torpedo::blob {

namespace fs = std::filesystem;

LocalStore::LocalStore(fs::path root) : root_(std::move(root)) { fs::create_directories(root_); }

fs::path LocalStore::resolve(const std::string& key) const {
  if (key.empty() || key.front() == '/' || key.find("..") != std::string::npos || key.find('\0') != std::string::npos)
    throw std::invalid_argument("invalid storage key: " + key);
  return root_ / key;
}

void LocalStore::put_file(const std::string& key, const std::string& path) {
  static std::atomic<std::uint64_t> counter{0};
  const fs::path target = resolve(key);
  fs::create_directories(target.parent_path());
  const fs::path temp = target.string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  {
    std::ifstream in(path, std::ios::binary);
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!in || !out) throw std::runtime_error("cannot copy " + path + " to " + temp.string());
    out << in.rdbuf();
    out.flush();
    if (!out) {
      std::error_code ec;
      fs::remove(temp, ec);
      throw std::runtime_error("cannot write " + temp.string() + " (disk full?)");
    }
  }
  fs::rename(temp, target);  // atomic on the same file system
}

std::optional<fs::path> LocalStore::local_file(const std::string& key) {
  const fs::path p = resolve(key);
  if (!fs::exists(p)) return std::nullopt;
  return p;
}

void LocalStore::remove(const std::string& key) {
  std::error_code ec;
  fs::remove(resolve(key), ec);
}

bool LocalStore::exists(const std::string& key) { return fs::exists(resolve(key)); }

std::unique_ptr<Store> open_store(const std::string& location, S3Options s3) {
  if (location.rfind("s3://", 0) == 0) {
    const std::string rest = location.substr(5);
    const auto slash = rest.find('/');
    s3.bucket = rest.substr(0, slash);
    s3.prefix = slash == std::string::npos ? "" : rest.substr(slash + 1);
    if (s3.bucket.empty()) throw std::invalid_argument("TORPEDO_STORAGE=s3://bucket/prefix: the bucket is missing");
    return std::make_unique<S3Store>(std::move(s3));
  }
  return std::make_unique<LocalStore>(location);
}

}  // namespace torpedo::blob
