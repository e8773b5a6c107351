#pragma once
// Serves the built web UI (web/dist) with history fallback: any GET that is not an API
// path and names no file gets index.html, so client-side routes survive a reload.
#include <filesystem>
#include <optional>

#include "http/message.h"

namespace torpedo::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);
  bool enabled() const { return !root_.empty(); }
  // nullopt: not a static-file request (the caller answers 404/405 itself).
  std::optional<Response> serve(const Request& req) const;

 private:
  std::filesystem::path root_;
};

std::string_view content_type_for(const std::filesystem::path& file);

}  // namespace torpedo::http
