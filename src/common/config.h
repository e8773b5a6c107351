#pragma once
// Daemon configuration: the environment variables of SPEC §8, optionally preceded by a
// KEY=VALUE file (TORPEDO_CONFIG or --config). The environment always wins over the file.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

namespace torpedo {

struct ConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Config {
  std::string listen_host = "127.0.0.1";
  std::uint16_t listen_port = 8080;
  std::filesystem::path data_dir = "./data";
  std::string db_url;            // "sqlite:<path>" or "mysql://user:pass@host:port/db"
  std::string storage;           // local directory path or "s3://bucket/prefix"
  std::string s3_endpoint;
  std::string s3_region = "us-east-1";
  std::string aws_access_key;   // AWS_ACCESS_KEY_ID
  std::string aws_secret_key;   // AWS_SECRET_ACCESS_KEY
  std::string admin_email;
  std::string admin_password;
  std::filesystem::path master_key_file;
  std::string public_url;
  std::filesystem::path web_dir;  // built UI (web/dist); empty = do not serve the UI
  std::string log_format = "text";  // text | json
  std::string log_level = "info";
  int session_idle_minutes = 8 * 60;
  std::size_t max_body_bytes = 1 << 20;
  std::size_t max_upload_bytes = std::size_t{512} << 20;  // streamed uploads (CSV imports)
  std::size_t max_audio_bytes = std::size_t{50} << 20;    // audio uploads
  int workers = 4;               // threads of the blocking pool (database, files)
  bool trust_proxy = false;      // take the client address from X-Forwarded-For
  int login_max_failures_per_account = 5;
  int login_max_failures_per_address = 20;
  int login_window_seconds = 15 * 60;

  std::string listen() const;

  // `env` returns the variable's value, nullopt when unset (tests pass a map).
  using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;
  static Config load(const EnvLookup& env, const std::optional<std::filesystem::path>& file);
  static Config from_process_environment(const std::optional<std::filesystem::path>& file);
};

// Reads KEY=VALUE lines; '#' starts a comment line; values may be quoted with "" or ''.
std::map<std::string, std::string> parse_env_file(const std::string& text);

}  // namespace torpedo
