#include "common/config.h"

#include "common/strings.h"

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace torpedo {
namespace {

template <typename Int>
Int parse_int(const std::string& name, const std::string& value, Int min, Int max) {
  Int out{};
  auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
  if (ec != std::errc{} || ptr != value.data() + value.size() || out < min || out > max)
    throw ConfigError(name + ": expected a whole number between " + std::to_string(min) + " and " +
                      std::to_string(max) + ", got \"" + value + "\"");
  return out;
}

bool parse_bool(const std::string& name, const std::string& value) {
  if (value == "1" || value == "true" || value == "yes" || value == "on") return true;
  if (value == "0" || value == "false" || value == "no" || value == "off") return false;
  throw ConfigError(name + ": expected true or false, got \"" + value + "\"");
}

}  // namespace

std::map<std::string, std::string> parse_env_file(const std::string& text) {
  std::map<std::string, std::string> out;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind("export ", 0) == 0) line = trim(line.substr(7));
    auto eq = line.find('=');
    if (eq == std::string::npos || eq == 0)
      throw ConfigError("config file line " + std::to_string(number) + ": expected KEY=VALUE");
    std::string key = trim(line.substr(0, eq));
    std::string value = trim(line.substr(eq + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front())
      value = value.substr(1, value.size() - 2);
    out[key] = value;
  }
  return out;
}

std::string Config::listen() const {
  if (listen_host.find(':') != std::string::npos)
    return "[" + listen_host + "]:" + std::to_string(listen_port);
  return listen_host + ":" + std::to_string(listen_port);
}

Config Config::load(const EnvLookup& env, const std::optional<std::filesystem::path>& file) {
  std::map<std::string, std::string> from_file;
  if (file) {
    std::ifstream in(*file);
    if (!in) throw ConfigError("cannot read config file " + file->string());
    std::stringstream ss;
    ss << in.rdbuf();
    from_file = parse_env_file(ss.str());
  }
  auto get = [&](const std::string& key) -> std::optional<std::string> {
    if (auto v = env(key); v && !v->empty()) return v;
    if (auto it = from_file.find(key); it != from_file.end() && !it->second.empty()) return it->second;
    return std::nullopt;
  };

  Config c;
  if (auto v = get("TORPEDO_LISTEN")) {
    std::string s = *v;
    std::string host, port;
    if (!s.empty() && s[0] == '[') {
      auto close = s.find(']');
      if (close == std::string::npos || close + 1 >= s.size() || s[close + 1] != ':')
        throw ConfigError("TORPEDO_LISTEN: expected [ipv6]:port, got \"" + s + "\"");
      host = s.substr(1, close - 1);
      port = s.substr(close + 2);
    } else {
      auto colon = s.rfind(':');
      if (colon == std::string::npos)
        throw ConfigError("TORPEDO_LISTEN: expected host:port, got \"" + s + "\"");
      host = s.substr(0, colon);
      port = s.substr(colon + 1);
    }
    if (host.empty()) host = "0.0.0.0";
    c.listen_host = host;
    c.listen_port = parse_int<std::uint16_t>("TORPEDO_LISTEN port", port, 0, 65535);
  }
  if (auto v = get("TORPEDO_DATA_DIR")) c.data_dir = *v;
  c.db_url = get("TORPEDO_DB").value_or("sqlite:" + (c.data_dir / "torpedo.db").string());
  c.storage = get("TORPEDO_STORAGE").value_or((c.data_dir / "media").string());
  if (auto v = get("TORPEDO_S3_ENDPOINT")) c.s3_endpoint = *v;
  if (auto v = get("TORPEDO_S3_REGION")) c.s3_region = *v;
  if (auto v = get("AWS_ACCESS_KEY_ID")) c.aws_access_key = *v;
  if (auto v = get("AWS_SECRET_ACCESS_KEY")) c.aws_secret_key = *v;
  if (auto v = get("TORPEDO_ADMIN_EMAIL")) c.admin_email = *v;
  if (auto v = get("TORPEDO_ADMIN_PASSWORD")) c.admin_password = *v;
  c.master_key_file = get("TORPEDO_MASTER_KEY_FILE").value_or((c.data_dir / "master.key").string());
  c.public_url = get("TORPEDO_PUBLIC_URL").value_or("http://" + c.listen());
  while (!c.public_url.empty() && c.public_url.back() == '/') c.public_url.pop_back();
  if (auto v = get("TORPEDO_WEB_DIR")) c.web_dir = *v;
  if (auto v = get("TORPEDO_LOG_FORMAT")) {
    if (*v != "text" && *v != "json") throw ConfigError("TORPEDO_LOG_FORMAT: expected text or json");
    c.log_format = *v;
  }
  if (auto v = get("TORPEDO_LOG_LEVEL")) {
    static const char* levels[] = {"trace", "debug", "info", "warn", "error", "critical", "off"};
    bool ok = false;
    for (auto* l : levels) ok = ok || *v == l;
    if (!ok) throw ConfigError("TORPEDO_LOG_LEVEL: expected trace, debug, info, warn, error or off");
    c.log_level = *v;
  }
  if (auto v = get("TORPEDO_SESSION_IDLE_MINUTES"))
    c.session_idle_minutes = parse_int<int>("TORPEDO_SESSION_IDLE_MINUTES", *v, 1, 60 * 24 * 30);
  if (auto v = get("TORPEDO_MAX_BODY_BYTES"))
    c.max_body_bytes = parse_int<std::size_t>("TORPEDO_MAX_BODY_BYTES", *v, 1024, std::size_t{1} << 30);
  if (auto v = get("TORPEDO_AUDIO_MAX_MB"))
    c.max_audio_bytes = parse_int<std::size_t>("TORPEDO_AUDIO_MAX_MB", *v, 1, 1 << 14) << 20;
  if (auto v = get("TORPEDO_MAX_UPLOAD_MB"))
    c.max_upload_bytes = parse_int<std::size_t>("TORPEDO_MAX_UPLOAD_MB", *v, 1, 1 << 16) << 20;
  if (auto v = get("TORPEDO_WORKERS")) c.workers = parse_int<int>("TORPEDO_WORKERS", *v, 1, 256);
  if (auto v = get("TORPEDO_TRUST_PROXY")) c.trust_proxy = parse_bool("TORPEDO_TRUST_PROXY", *v);
  if (auto v = get("TORPEDO_LOGIN_MAX_FAILURES"))
    c.login_max_failures_per_account = parse_int<int>("TORPEDO_LOGIN_MAX_FAILURES", *v, 1, 1000);
  if (auto v = get("TORPEDO_LOGIN_MAX_FAILURES_PER_ADDRESS"))
    c.login_max_failures_per_address =
        parse_int<int>("TORPEDO_LOGIN_MAX_FAILURES_PER_ADDRESS", *v, 1, 100000);
  if (auto v = get("TORPEDO_LOGIN_WINDOW_SECONDS"))
    c.login_window_seconds = parse_int<int>("TORPEDO_LOGIN_WINDOW_SECONDS", *v, 1, 86400);
  if (c.db_url.rfind("sqlite:", 0) != 0 && c.db_url.rfind("mysql://", 0) != 0)
    throw ConfigError("TORPEDO_DB: expected sqlite:<path> or mysql://user:pass@host:port/db");
  return c;
}

Config Config::from_process_environment(const std::optional<std::filesystem::path>& file) {
  auto file_path = file;
  if (!file_path) {
    if (const char* f = std::getenv("TORPEDO_CONFIG"); f && *f) file_path = f;
  }
  return load(
      [](const std::string& k) -> std::optional<std::string> {
        if (const char* v = std::getenv(k.c_str())) return std::string(v);
        return std::nullopt;
      },
      file_path);
}

}  // namespace torpedo
