#pragma once
// Maps (method, path) to a handler. Patterns are literal segments and "{name}" captures:
// "/api/v1/users/{id}". No regular expressions; matching is a segment-by-segment walk.
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/message.h"

namespace torpedo::http {

struct RouteParams {
  std::vector<std::pair<std::string, std::string>> values;
  std::string_view get(std::string_view name) const;
};

using Handler = std::function<Response(const Request&, const RouteParams&)>;

class Router {
 public:
  void add(std::string method, std::string pattern, Handler handler);

  struct Match {
    enum class Kind { found, not_found, method_not_allowed } kind = Kind::not_found;
    const Handler* handler = nullptr;
    RouteParams params;
    std::string allowed;  // "GET, POST" for 405 answers
  };
  Match match(std::string_view method, std::string_view path) const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;
    Handler handler;
  };
  std::vector<Route> routes_;
};

}  // namespace torpedo::http
