#include <curl/curl.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <stdexcept>

#include <unistd.h>

#include "blob/store.h"
#include "common/crypto.h"

namespace torpedo::blob {

namespace fs = std::filesystem;

namespace {

// SHA-256 of nothing: the payload hash of GET, HEAD and DELETE.
constexpr const char* kEmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

// Object keys keep [A-Za-z0-9/._-]; anything else is percent-encoded in the path.
std::string encode_key(const std::string& key) {
  static const char* digits = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : key) {
    if (std::isalnum(c) || c == '/' || c == '.' || c == '_' || c == '-') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += digits[c >> 4];
      out += digits[c & 15];
    }
  }
  return out;
}

struct Curl {
  CURL* h = curl_easy_init();
  curl_slist* headers = nullptr;
  ~Curl() {
    curl_slist_free_all(headers);
    curl_easy_cleanup(h);
  }
};

// One signed request. `upload`/`download` are open files or null. Returns the HTTP status.
long request(const S3Options& o, const std::string& method, const std::string& url, const std::string& payload_sha,
             std::FILE* upload, curl_off_t upload_size, std::FILE* download) {
  Curl c;
  if (!c.h) throw std::runtime_error("libcurl: cannot start a request");
  const std::string sigv4 = "aws:amz:" + o.region + ":s3";
  const std::string userpwd = o.access_key + ":" + o.secret_key;
  // curl 7.88 signs x-amz-content-sha256 but does not add it; S3 requires it.
  c.headers = curl_slist_append(c.headers, ("x-amz-content-sha256: " + payload_sha).c_str());
  curl_easy_setopt(c.h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c.h, CURLOPT_AWS_SIGV4, sigv4.c_str());
  curl_easy_setopt(c.h, CURLOPT_USERPWD, userpwd.c_str());
  curl_easy_setopt(c.h, CURLOPT_HTTPHEADER, c.headers);
  curl_easy_setopt(c.h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c.h, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(c.h, CURLOPT_LOW_SPEED_LIMIT, 1024L);  // a stalled transfer fails instead of hanging
  curl_easy_setopt(c.h, CURLOPT_LOW_SPEED_TIME, 30L);
  if (method == "PUT") {
    curl_easy_setopt(c.h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c.h, CURLOPT_READDATA, upload);
    curl_easy_setopt(c.h, CURLOPT_INFILESIZE_LARGE, upload_size);
  } else if (method == "HEAD") {
    curl_easy_setopt(c.h, CURLOPT_NOBODY, 1L);
  } else if (method == "DELETE") {
    curl_easy_setopt(c.h, CURLOPT_CUSTOMREQUEST, "DELETE");
  }
  std::string error_body;
  if (download) {
    curl_easy_setopt(c.h, CURLOPT_WRITEDATA, download);
  } else {
    curl_easy_setopt(c.h, CURLOPT_WRITEFUNCTION, +[](char* p, std::size_t s, std::size_t n, void* ud) {
      auto* body = static_cast<std::string*>(ud);
      if (body->size() < 4096) body->append(p, s * n);
      return s * n;
    });
    curl_easy_setopt(c.h, CURLOPT_WRITEDATA, &error_body);
  }
  const CURLcode rc = curl_easy_perform(c.h);
  if (rc != CURLE_OK) throw std::runtime_error(std::string("S3 ") + method + " " + url + ": " + curl_easy_strerror(rc));
  long status = 0;
  curl_easy_getinfo(c.h, CURLINFO_RESPONSE_CODE, &status);
  if (status >= 400 && status != 404)
    throw std::runtime_error("S3 " + method + " " + url + ": HTTP " + std::to_string(status) + " " + error_body);
  return status;
}

}  // namespace

S3Store::S3Store(S3Options options) : options_(std::move(options)) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  if (options_.endpoint.empty()) throw std::invalid_argument("TORPEDO_S3_ENDPOINT is required for s3:// storage");
  if (options_.access_key.empty() || options_.secret_key.empty())
    throw std::invalid_argument("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are required for s3:// storage");
  while (!options_.endpoint.empty() && options_.endpoint.back() == '/') options_.endpoint.pop_back();
  while (!options_.prefix.empty() && options_.prefix.back() == '/') options_.prefix.pop_back();
  fs::create_directories(options_.cache_dir);
}

std::string S3Store::url(const std::string& key) const {
  if (key.empty() || key.find("..") != std::string::npos) throw std::invalid_argument("invalid storage key: " + key);
  // Path-style addressing works with every S3-compatible server.
  return options_.endpoint + "/" + options_.bucket + "/" + encode_key(options_.prefix.empty() ? key : options_.prefix + "/" + key);
}

void S3Store::put_file(const std::string& key, const std::string& path) {
  const std::string sha = crypto::sha256_file_hex(path);
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) throw std::runtime_error("cannot read " + path);
  struct Close {
    std::FILE* f;
    ~Close() { std::fclose(f); }
  } close{f};
  const auto size = static_cast<curl_off_t>(fs::file_size(path));
  const long status = request(options_, "PUT", url(key), sha, f, size, nullptr);
  if (status != 200) throw std::runtime_error("S3 PUT " + key + ": HTTP " + std::to_string(status));
}

std::optional<fs::path> S3Store::local_file(const std::string& key) {
  const fs::path cached = options_.cache_dir / key;
  if (fs::exists(cached)) return cached;
  fs::create_directories(cached.parent_path());
  // Two threads may fetch the same object at once: each into its own file, and the last
  // rename wins with identical bytes.
  static std::atomic<std::uint64_t> counter{0};
  const fs::path temp = cached.string() + ".part-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  std::FILE* f = std::fopen(temp.c_str(), "wb");
  if (!f) throw std::runtime_error("cannot write " + temp.string());
  long status = 0;
  try {
    status = request(options_, "GET", url(key), kEmptySha256, nullptr, 0, f);
  } catch (...) {
    std::fclose(f);
    fs::remove(temp);
    throw;
  }
  std::fclose(f);
  if (status == 404) {
    fs::remove(temp);
    return std::nullopt;
  }
  fs::rename(temp, cached);
  return cached;
}

void S3Store::remove(const std::string& key) {
  std::error_code ec;
  fs::remove(options_.cache_dir / key, ec);
  request(options_, "DELETE", url(key), kEmptySha256, nullptr, 0, nullptr);
}

bool S3Store::exists(const std::string& key) {
  return request(options_, "HEAD", url(key), kEmptySha256, nullptr, 0, nullptr) == 200;
}

}  // namespace torpedo::blob
