#pragma once
// The API's error values. Handlers throw ApiError; the router wrapper turns it into
// {"error":{"code","message","field"}} with the matching status. Messages are written for
// the people who read them in the UI: Portuguese, saying what to do.
#include <stdexcept>
#include <string>

namespace torpedo::api {

struct ApiError : std::runtime_error {
  ApiError(int status, std::string code, std::string message, std::string field = {})
      : std::runtime_error(message), status(status), code(std::move(code)), field(std::move(field)) {}
  int status;
  std::string code;
  std::string field;
};

inline ApiError bad_request(std::string message, std::string field = {}) {
  return ApiError(400, "bad_request", std::move(message), std::move(field));
}
inline ApiError validation(std::string field, std::string message) {
  return ApiError(422, "validation", std::move(message), std::move(field));
}
inline ApiError not_found(std::string message = "Recurso não encontrado.") {
  return ApiError(404, "not_found", std::move(message));
}
inline ApiError conflict(std::string message, std::string field = {}) {
  return ApiError(409, "conflict", std::move(message), std::move(field));
}
inline ApiError forbidden(std::string message = "Você não tem permissão para esta ação.") {
  return ApiError(403, "forbidden", std::move(message));
}
inline ApiError unauthorized(std::string message = "Faça login para continuar.") {
  return ApiError(401, "unauthorized", std::move(message));
}

std::string error_body(const std::string& code, const std::string& message, const std::string& field = {});

}  // namespace torpedo::api
