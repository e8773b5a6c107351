#include "http/router.h"

namespace torpedo::http {
namespace {

std::vector<std::string_view> split(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty()) {
    if (path.front() == '/') {
      path.remove_prefix(1);
      continue;
    }
    auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash);
  }
  return out;
}

bool is_capture(std::string_view s) { return s.size() > 2 && s.front() == '{' && s.back() == '}'; }

}  // namespace

std::string_view RouteParams::get(std::string_view name) const {
  for (const auto& [k, v] : values)
    if (k == name) return v;
  return {};
}

void Router::add(std::string method, std::string pattern, Handler handler) {
  Route r{std::move(method), {}, std::move(handler)};
  for (auto s : split(pattern)) r.segments.emplace_back(s);
  routes_.push_back(std::move(r));
}

Router::Match Router::match(std::string_view method, std::string_view path) const {
  Match out;
  // A trailing slash names the same resource: "/users/" == "/users".
  auto parts = split(path);
  for (const Route& r : routes_) {
    if (r.segments.size() != parts.size()) continue;
    RouteParams params;
    bool ok = true;
    for (std::size_t i = 0; i < parts.size() && ok; ++i) {
      if (is_capture(r.segments[i])) {
        if (parts[i].empty()) ok = false;
        else params.values.emplace_back(r.segments[i].substr(1, r.segments[i].size() - 2), parts[i]);
      } else {
        ok = r.segments[i] == parts[i];
      }
    }
    if (!ok) continue;
    if (r.method == method || (method == "HEAD" && r.method == "GET")) {
      out.kind = Match::Kind::found;
      out.handler = &r.handler;
      out.params = std::move(params);
      return out;
    }
    out.kind = Match::Kind::method_not_allowed;
    if (out.allowed.find(r.method) == std::string::npos)
      out.allowed += (out.allowed.empty() ? "" : ", ") + r.method;
  }
  return out;
}

}  // namespace torpedo::http
