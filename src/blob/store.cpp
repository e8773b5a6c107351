#include "blob/store.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <functional>
#include <stdexcept>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace torpedo::blob {

namespace fs = std::filesystem;

namespace {

// Writes everything `fill` hands over into a temporary file beside `to`, then flushes it, makes
// it readable by all and renames it over `to`. `fill(write)` returns a failure, or "".
using WriteFn = std::function<std::string(const char*, std::size_t)>;
void write_atomically(const fs::path& to, const std::function<std::string(const WriteFn&)>& fill) {
  static std::atomic<std::uint64_t> counter{0};
  const fs::path temp = to.string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  const int out = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (out < 0) throw std::runtime_error("cannot create " + temp.string() + ": " + std::strerror(errno));
  std::string failure = fill([&](const char* data, std::size_t size) -> std::string {
    for (std::size_t done = 0; done < size;) {
      const ssize_t w = ::write(out, data + done, size - done);
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) return "cannot write " + temp.string() + ": " + std::strerror(errno);
      done += static_cast<std::size_t>(w);
    }
    return {};
  });
  // The umask may have narrowed the mode given to open(); the reader is another user.
  if (failure.empty() && ::fchmod(out, 0644) != 0) failure = "cannot chmod " + temp.string() + ": " + std::strerror(errno);
  if (failure.empty() && ::fsync(out) != 0) failure = "cannot flush " + temp.string() + ": " + std::strerror(errno);
  if (::close(out) != 0 && failure.empty()) failure = "cannot write " + temp.string() + ": " + std::strerror(errno);
  if (failure.empty() && ::rename(temp.c_str(), to.c_str()) != 0)
    failure = "cannot rename " + temp.string() + " to " + to.string() + ": " + std::strerror(errno);
  if (!failure.empty()) {
    ::unlink(temp.c_str());
    throw std::runtime_error(failure);
  }
}

}  // namespace

void copy_file_atomically(const fs::path& from, const fs::path& to) {
  const int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) throw std::runtime_error("cannot read " + from.string() + ": " + std::strerror(errno));
  try {
    write_atomically(to, [&](const WriteFn& write) -> std::string {
      std::vector<char> buffer(1 << 16);
      for (;;) {
        const ssize_t n = ::read(in, buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return "cannot read " + from.string() + ": " + std::strerror(errno);
        if (n == 0) return {};
        if (auto failure = write(buffer.data(), static_cast<std::size_t>(n)); !failure.empty()) return failure;
      }
    });
  } catch (...) {
    ::close(in);
    throw;
  }
  ::close(in);
}

void write_file_atomically(const fs::path& to, std::string_view bytes) {
  write_atomically(to, [&](const WriteFn& write) { return write(bytes.data(), bytes.size()); });
}

LocalStore::LocalStore(fs::path root) : root_(std::move(root)) { fs::create_directories(root_); }

fs::path LocalStore::resolve(const std::string& key) const {
  if (key.empty() || key.front() == '/' || key.find("..") != std::string::npos || key.find('\0') != std::string::npos)
    throw std::invalid_argument("invalid storage key: " + key);
  return root_ / key;
}

void LocalStore::put_file(const std::string& key, const std::string& path) {
  const fs::path target = resolve(key);
  fs::create_directories(target.parent_path());
  copy_file_atomically(path, target);
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
