#pragma once
// Multipart file uploads for the API: the server streamed the body to disk (or, in some
// tests, kept it in memory); this finds the `file` part, copies it where it goes, and reads
// the small text fields beside it.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/context.h"

namespace torpedo::api {

struct Upload {
  std::string file;       // where the file part's bytes are now
  std::string file_name;  // as the browser sent it (display only; never a path)
  std::map<std::string, std::string> fields;
  std::optional<std::string> field(const std::string& name) const {
    auto it = fields.find(name);
    if (it == fields.end()) return std::nullopt;
    return it->second;
  }
};

// Copies the `file` part to `destination` and reads the text fields named in `fields` (16 KiB
// each at most). Throws ApiError: 415 when not multipart, 400 when malformed, 422 when the
// file is missing or empty.
Upload read_upload(Ctx& ctx, const std::string& destination, const std::vector<std::string>& fields);

}  // namespace torpedo::api
