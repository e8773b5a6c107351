#pragma once
// Transport-neutral HTTP request and response. Only http/server.cpp knows Beast; handlers see
// these plain structs, which keeps them cheap to compile and easy to test.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace torpedo::http {

struct Request {
  std::string method;  // upper case: "GET"
  std::string target;  // as received: "/api/v1/users?q=ana"
  std::string path;    // percent-decoded path without the query
  std::string query;   // raw query string, without '?'
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string body_file;  // for streamed uploads: the body is in this file, `body` is empty
  std::string remote_address;

  std::optional<std::string_view> header(std::string_view lower_name) const;
  // Decoded value of the first `name=` in the query string.
  std::optional<std::string> query_param(std::string_view name) const;
  std::optional<std::string> cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string file;                // when set, the body is this file (large downloads)
  bool remove_file_after = false;  // a temporary file made for this response

  Response& set_header(std::string name, std::string value);
  std::optional<std::string_view> header(std::string_view name) const;

  static Response json(int status, std::string body);
  static Response text(int status, std::string body, std::string content_type);
  static Response no_content();
  // A file download; `remove_after` for temporary files.
  static Response file_download(std::string path, std::string content_type, std::string download_name,
                                bool remove_after);
};

// Splits "path?query" and percent-decodes the path. Returns false on a malformed escape or
// an encoded NUL/slash, which no legitimate client sends.
bool split_target(std::string_view target, std::string& path, std::string& query);

}  // namespace torpedo::http
