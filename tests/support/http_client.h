#pragma once
// A small blocking HTTP client (libcurl) for the integration tests: real sockets, real
// HTTP, no Beast in the tests. Keeps the session cookie like a browser would.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace torpedo::testing {

struct HttpResult {
  long status = 0;
  std::multimap<std::string, std::string> headers;  // names lower-cased
  std::string body;
  nlohmann::json json() const;
  std::string header(const std::string& lower_name) const;
  std::string error_code() const;  // error.code of a JSON error body, or ""
};

class HttpClient {
 public:
  explicit HttpClient(std::string base_url);
  HttpResult get(const std::string& path) { return request("GET", path); }
  HttpResult post_json(const std::string& path, const nlohmann::json& body) {
    return request("POST", path, body.dump(), "application/json");
  }
  HttpResult patch_json(const std::string& path, const nlohmann::json& body) {
    return request("PATCH", path, body.dump(), "application/json");
  }
  HttpResult del(const std::string& path) { return request("DELETE", path); }
  HttpResult request(const std::string& method, const std::string& path, const std::string& body = "",
                     const std::string& content_type = "", const std::vector<std::string>& extra_headers = {});

  // Logs in and keeps the session cookie and CSRF token for the following requests.
  HttpResult login(const std::string& email, const std::string& password);

  std::string cookie;      // "torpedo_session=..."
  std::string csrf_token;  // sent as X-CSRF-Token on writes when set
  std::string bearer;      // sent as Authorization: Bearer when set
  std::string base_url;
};

}  // namespace torpedo::testing
