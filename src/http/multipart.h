#pragma once
// multipart/form-data bodies (RFC 7578), in memory or streamed to a file by the server: where
// each part's content lies, without loading a large file part into memory.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace torpedo::http {

struct MultipartError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct MultipartPart {
  std::string name;          // form field name
  std::string filename;      // empty for plain fields
  std::string content_type;
  std::uint64_t offset = 0;  // of the content, in the body
  std::uint64_t length = 0;
};

// The boundary parameter of a multipart/form-data Content-Type; nullopt when it is not one.
std::optional<std::string> multipart_boundary(std::string_view content_type);

// Finds the parts. Throws MultipartError on a malformed body (no closing boundary, bad part
// headers, more than `max_parts`).
std::vector<MultipartPart> scan_multipart_file(const std::string& path, const std::string& boundary,
                                               std::size_t max_parts = 16);
std::vector<MultipartPart> scan_multipart(std::string_view body, const std::string& boundary,
                                          std::size_t max_parts = 16);

// A part's content from a file, refusing more than `max_bytes` (for small text fields).
std::string read_part_file(const std::string& path, const MultipartPart& part, std::size_t max_bytes);
// Copies a part's content to `destination` (created or truncated), streaming.
void copy_part_file(const std::string& path, const MultipartPart& part, const std::string& destination);

}  // namespace torpedo::http
