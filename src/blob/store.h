#pragma once
// Where media bytes live: one interface, a local directory by default (TORPEDO_STORAGE). Keys
// are relative paths ("audio/12/8k.wav"). Writes are atomic: a reader sees the old object or
// the new one, never half of one.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace torpedo::blob {

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

// From TORPEDO_STORAGE: a directory path (the default). Throws std::invalid_argument for a
// location this version cannot use.
std::unique_ptr<Store> open_store(const std::string& location);

}  // namespace torpedo::blob
