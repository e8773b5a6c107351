#include "http/static_files.h"

#include <fstream>
#include <sstream>

namespace torpedo::http {
namespace {

std::optional<std::string> read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

std::string_view content_type_for(const std::filesystem::path& file) {
  const std::string ext = file.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".webmanifest") return "application/manifest+json";
  return "application/octet-stream";
}

StaticFiles::StaticFiles(std::filesystem::path root) {
  if (!root.empty()) {
    std::error_code ec;
    auto canonical = std::filesystem::weakly_canonical(root, ec);
    root_ = ec ? root : canonical;
  }
}

std::optional<Response> StaticFiles::serve(const Request& req) const {
  if (root_.empty() || (req.method != "GET" && req.method != "HEAD")) return std::nullopt;
  if (req.path.rfind("/api/", 0) == 0 || req.path == "/api") return std::nullopt;

  // Reject any ".." segment outright rather than trusting normalisation.
  std::filesystem::path relative = std::filesystem::path(req.path).relative_path();
  for (const auto& part : relative)
    if (part == ".." ) return std::nullopt;
  std::filesystem::path file = (root_ / relative).lexically_normal();
  const bool inside = file.string().rfind(root_.string(), 0) == 0;

  std::error_code ec;
  const bool is_file = inside && !relative.empty() && std::filesystem::is_regular_file(file, ec);
  if (!is_file) {
    // A path with an extension is a missing asset, not a client-side route.
    if (relative.has_extension()) return std::nullopt;
    file = root_ / "index.html";
  }
  auto body = read_file(file);
  if (!body) return std::nullopt;
  Response r = Response::text(200, std::move(*body), std::string(content_type_for(file)));
  // Vite fingerprints everything under assets/; index.html must always be revalidated.
  if (req.path.rfind("/assets/", 0) == 0)
    r.set_header("Cache-Control", "public, max-age=31536000, immutable");
  else
    r.set_header("Cache-Control", "no-cache");
  return r;
}

}  // namespace torpedo::http
