#pragma once
// Where media bytes live: one interface, a local directory by default (TORPEDO_STORAGE). Keys
// are relative paths ("audio/12/8k.wav"). Writes are atomic: a reader sees the old object or
// the new one, never half of one.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace torpedo::blob {

// Copies `from` to `to` so that whoever reads `to` (Asterisk, another process) sees the old
// file or the whole new one: a temporary file beside it, flushed to disk, made readable by all
// (Asterisk runs as its own user), then renamed over. `to`'s directory must exist.
void copy_file_atomically(const std::filesystem::path& from, const std::filesystem::path& to);
// The same for bytes in memory (generated configuration files).
void write_file_atomically(const std::filesystem::path& to, std::string_view bytes);

class Store {
 public:
  virtual ~Store() = default;
  // Copies the file at `path` in under `key`, replacing what was there.
  virtual void put_file(const std::string& key, const std::string& path) = 0;
  // A local file holding the object, for sending it (nullopt when there is no such object).
  virtual std::optional<std::filesystem::path> local_file(const std::string& key) = 0;
  virtual void remove(const std::string& key) = 0;
  virtual bool exists(const std::string& key) = 0;
  virtual std::string describe() const = 0;  // for logs and /health
};

class LocalStore final : public Store {
 public:
  explicit LocalStore(std::filesystem::path root);
  void put_file(const std::string& key, const std::string& path) override;
  std::optional<std::filesystem::path> local_file(const std::string& key) override;
  void remove(const std::string& key) override;
  bool exists(const std::string& key) override;
  std::string describe() const override { return "local:" + root_.string(); }

 private:
  std::filesystem::path resolve(const std::string& key) const;  // refuses keys that climb out
  std::filesystem::path root_;
};

// Any S3-compatible object store, through libcurl's AWS SigV4 signing. Objects are streamed
// both ways; local_file() downloads an object once into `cache_dir` (objects never change
// under a key: a new upload gets a new key).
struct S3Options {
  std::string endpoint;    // "https://s3.sa-east-1.amazonaws.com" or "http://127.0.0.1:4568"
  std::string region = "us-east-1";
  std::string bucket;
  std::string prefix;      // keys live under "<prefix>/"
  std::string access_key;
  std::string secret_key;
  std::filesystem::path cache_dir;
};

class S3Store final : public Store {
 public:
  explicit S3Store(S3Options options);
  void put_file(const std::string& key, const std::string& path) override;
  std::optional<std::filesystem::path> local_file(const std::string& key) override;
  void remove(const std::string& key) override;
  bool exists(const std::string& key) override;
  std::string describe() const override { return "s3://" + options_.bucket + "/" + options_.prefix + " at " + options_.endpoint; }

 private:
  std::string url(const std::string& key) const;
  S3Options options_;
};

// From TORPEDO_STORAGE: a directory path (the default) or "s3://bucket/prefix" with the S3
// settings of `s3` (endpoint, region, keys; bucket and prefix are taken from the location).
// Throws std::invalid_argument when the location cannot be used.
std::unique_ptr<Store> open_store(const std::string& location, S3Options s3 = {});

}  // namespace torpedo::blob
