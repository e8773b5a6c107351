#include "http/multipart.h"

#include <algorithm>
#include <fstream>
#include <functional>

#include "common/strings.h"

namespace torpedo::http {

namespace {

// Reads the body through `read(offset, n)`; works the same for memory and files.
using Reader = std::function<std::string(std::uint64_t offset, std::size_t n)>;

std::optional<std::uint64_t> find(const Reader& read, std::uint64_t size, const std::string& needle, std::uint64_t from) {
  constexpr std::size_t kChunk = 1 << 20;
  std::uint64_t pos = from;
  while (pos < size) {
    std::string chunk = read(pos, kChunk + needle.size());
    if (chunk.size() < needle.size()) return std::nullopt;
    auto it = std::search(chunk.begin(), chunk.end(), std::boyer_moore_horspool_searcher(needle.begin(), needle.end()));
    if (it != chunk.end()) return pos + static_cast<std::uint64_t>(it - chunk.begin());
    if (chunk.size() <= kChunk) return std::nullopt;
    pos += kChunk;
  }
  return std::nullopt;
}

// name="value" parameter of a Content-Disposition header.
std::string parameter(std::string_view header, std::string_view name) {
  const std::string lower = ascii_lower(header);
  std::size_t at = 0;
  while ((at = lower.find(std::string(name) + "=", at)) != std::string::npos) {
    if (at > 0 && lower[at - 1] != ' ' && lower[at - 1] != ';') {
      ++at;
      continue;
    }
    std::size_t v = at + name.size() + 1;
    if (v < header.size() && header[v] == '"') {
      std::string out;
      for (++v; v < header.size() && header[v] != '"'; ++v) {
        if (header[v] == '\\' && v + 1 < header.size()) ++v;
        out += header[v];
      }
      return out;
    }
    auto end = header.find(';', v);
    return trim(header.substr(v, end == std::string::npos ? std::string::npos : end - v));
  }
  return "";
}

std::vector<MultipartPart> scan(const Reader& read, std::uint64_t size, const std::string& boundary,
                                std::size_t max_parts) {
  if (boundary.empty() || boundary.size() > 200) throw MultipartError("invalid multipart boundary");
  const std::string delimiter = "--" + boundary;
  // The first delimiter may start the body or follow a preamble.
  auto first = find(read, size, delimiter, 0);
  if (!first) throw MultipartError("no multipart boundary in the body");
  std::vector<MultipartPart> parts;
  std::uint64_t pos = *first + delimiter.size();
  for (;;) {
    std::string after = read(pos, 2);
    if (after == "--") return parts;  // closing delimiter
    if (after != "\r\n") throw MultipartError("malformed multipart delimiter");
    pos += 2;
    auto headers_end = find(read, size, "\r\n\r\n", pos);
    if (!headers_end || *headers_end - pos > 16 * 1024) throw MultipartError("malformed multipart part headers");
    const std::string headers = read(pos, static_cast<std::size_t>(*headers_end - pos));
    MultipartPart part;
    std::size_t line_start = 0;
    while (line_start <= headers.size()) {
      auto line_end = headers.find("\r\n", line_start);
      const std::string line = headers.substr(line_start, line_end == std::string::npos ? std::string::npos : line_end - line_start);
      const auto colon = line.find(':');
      if (colon != std::string::npos) {
        const std::string name = ascii_lower(trim(line.substr(0, colon)));
        const std::string value = trim(line.substr(colon + 1));
        if (name == "content-disposition") {
          part.name = parameter(value, "name");
          part.filename = parameter(value, "filename");
        } else if (name == "content-type") {
          part.content_type = value;
        }
      }
      if (line_end == std::string::npos) break;
      line_start = line_end + 2;
    }
    if (part.name.empty()) throw MultipartError("multipart part without a name");
    part.offset = *headers_end + 4;
    auto end = find(read, size, "\r\n" + delimiter, part.offset);
    if (!end) throw MultipartError("multipart body ends without its closing boundary");
    part.length = *end - part.offset;
    parts.push_back(std::move(part));
    if (parts.size() > max_parts) throw MultipartError("too many multipart parts");
    pos = *end + 2 + delimiter.size();
  }
}

std::uint64_t file_size(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw MultipartError("cannot read the uploaded body");
  return static_cast<std::uint64_t>(in.tellg());
}

}  // namespace

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  const std::string lower = ascii_lower(content_type);
  if (lower.rfind("multipart/form-data", 0) != 0) return std::nullopt;
  std::string b = parameter(content_type, "boundary");
  if (b.empty()) return std::nullopt;
  return b;
}

std::vector<MultipartPart> scan_multipart_file(const std::string& path, const std::string& boundary,
                                               std::size_t max_parts) {
  std::ifstream in(path, std::ios::binary);
  const std::uint64_t size = file_size(path);
  Reader read = [&](std::uint64_t offset, std::size_t n) {
    std::string out(static_cast<std::size_t>(std::min<std::uint64_t>(n, offset < size ? size - offset : 0)), '\0');
    in.clear();
    in.seekg(static_cast<std::streamoff>(offset));
    in.read(out.data(), static_cast<std::streamsize>(out.size()));
    out.resize(static_cast<std::size_t>(in.gcount()));
    return out;
  };
  return scan(read, size, boundary, max_parts);
}

std::vector<MultipartPart> scan_multipart(std::string_view body, const std::string& boundary, std::size_t max_parts) {
  Reader read = [&](std::uint64_t offset, std::size_t n) {
    if (offset >= body.size()) return std::string();
    return std::string(body.substr(static_cast<std::size_t>(offset), n));
  };
  return scan(read, body.size(), boundary, max_parts);
}

std::string read_part_file(const std::string& path, const MultipartPart& part, std::size_t max_bytes) {
  if (part.length > max_bytes) throw MultipartError("multipart field \"" + part.name + "\" is too large");
  std::ifstream in(path, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(part.offset));
  std::string out(static_cast<std::size_t>(part.length), '\0');
  in.read(out.data(), static_cast<std::streamsize>(out.size()));
  return out;
}

void copy_part_file(const std::string& path, const MultipartPart& part, const std::string& destination) {
  std::ifstream in(path, std::ios::binary);
  std::ofstream out(destination, std::ios::binary | std::ios::trunc);
  if (!in || !out) throw MultipartError("cannot copy the uploaded file");
  in.seekg(static_cast<std::streamoff>(part.offset));
  std::string buffer(1 << 20, '\0');
  std::uint64_t left = part.length;
  while (left > 0) {
    const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(left, buffer.size()));
    in.read(buffer.data(), static_cast<std::streamsize>(n));
    if (static_cast<std::size_t>(in.gcount()) != n) throw MultipartError("the uploaded file is shorter than announced");
    out.write(buffer.data(), static_cast<std::streamsize>(n));
    left -= n;
  }
  out.flush();
  if (!out) throw MultipartError("cannot write the uploaded file (disk full?)");
}

}  // namespace torpedo::http
