#include "api/context.h"

#include "storage/jobs.h"

#include <charconv>

#include "api/error.h"
#include "common/strings.h"
#include "common/time_format.h"

namespace torpedo::api {

std::string error_body(const std::string& code, const std::string& message, const std::string& field) {
  json e = {{"code", code}, {"message", message}};
  if (!field.empty()) e["field"] = field;
  return json{{"error", e}}.dump(-1, ' ', false, json::error_handler_t::replace);
}

const json* Fields::find(const std::string& name, bool required) {
  known_.insert(name);
  auto it = object_.find(name);
  if (it == object_.end() || it->is_null()) {
    if (required) throw validation(name, "O campo " + name + " é obrigatório.");
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> Fields::string(const std::string& name, bool required, std::size_t max_bytes) {
  const json* v = find(name, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) throw validation(name, "O campo " + name + " deve ser um texto.");
  const auto& s = v->get_ref<const std::string&>();
  if (s.size() > max_bytes)
    throw validation(name, "O campo " + name + " excede " + std::to_string(max_bytes) + " bytes.");
  for (unsigned char c : s)
    if (c < 0x20 && c != '\t')
      throw validation(name, "O campo " + name + " contém caracteres de controle; remova-os.");
  return s;
}

std::optional<bool> Fields::boolean(const std::string& name, bool required) {
  const json* v = find(name, required);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) throw validation(name, "O campo " + name + " deve ser true ou false.");
  return v->get<bool>();
}

std::optional<std::int64_t> Fields::integer(const std::string& name, bool required, std::int64_t min,
                                            std::int64_t max) {
  const json* v = find(name, required);
  if (!v) return std::nullopt;
  if (!v->is_number_integer())
    throw validation(name, "O campo " + name + " deve ser um número inteiro.");
  auto n = v->get<std::int64_t>();
  if (n < min || n > max)
    throw validation(name, "O campo " + name + " deve estar entre " + std::to_string(min) + " e " +
                               std::to_string(max) + ".");
  return n;
}

std::optional<double> Fields::number(const std::string& name, bool required, double min, double max) {
  const json* v = find(name, required);
  if (!v) return std::nullopt;
  if (!v->is_number()) throw validation(name, "O campo " + name + " deve ser um número.");
  const double n = v->get<double>();
  if (!(n >= min && n <= max))
    throw validation(name, "O campo " + name + " deve estar entre " + json(min).dump() + " e " + json(max).dump() + ".");
  return n;
}

std::optional<std::vector<std::string>> Fields::strings(const std::string& name, bool required, std::size_t max_items,
                                                        std::size_t max_bytes) {
  const json* v = find(name, required);
  if (!v) return std::nullopt;
  if (!v->is_array()) throw validation(name, "O campo " + name + " deve ser uma lista de textos.");
  if (v->size() > max_items)
    throw validation(name, "O campo " + name + " aceita no máximo " + std::to_string(max_items) + " itens.");
  std::vector<std::string> out;
  for (const auto& item : *v) {
    if (!item.is_string()) throw validation(name, "O campo " + name + " deve ser uma lista de textos.");
    const auto& s = item.get_ref<const std::string&>();
    if (s.size() > max_bytes) throw validation(name, "Um item de " + name + " excede " + std::to_string(max_bytes) + " bytes.");
    for (unsigned char c : s)
      if (c < 0x20) throw validation(name, "O campo " + name + " contém caracteres de controle; remova-os.");
    out.push_back(s);
  }
  return out;
}

bool Fields::is_null(const std::string& name) {
  known_.insert(name);
  auto it = object_.find(name);
  return it != object_.end() && it->is_null();
}

void Fields::reject_unknown() const {
  for (auto it = object_.begin(); it != object_.end(); ++it)
    if (!known_.count(it.key())) throw validation(it.key(), "Campo desconhecido: " + it.key() + ".");
}

json Ctx::body() const {
  auto type = req.header("content-type");
  if (ascii_lower(type.value_or("")).rfind("application/json", 0) != 0)
    throw ApiError(415, "unsupported_media_type", "Envie o corpo como application/json.");
  json j = json::parse(req.body, nullptr, false);
  if (j.is_discarded()) throw bad_request("O corpo da requisição não é um JSON válido.");
  if (!j.is_object()) throw bad_request("O corpo da requisição deve ser um objeto JSON.");
  return j;
}

std::int64_t Ctx::id_param(std::string_view name) const {
  std::string_view s = params.get(name);
  std::int64_t id = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
  if (ec != std::errc{} || p != s.data() + s.size() || id <= 0) throw not_found();
  return id;
}

void Ctx::audit(storage::Connection& c, std::string action, std::string entity_type,
                std::optional<std::string> entity_id, const json& details) const {
  storage::AuditRecord r;
  r.at = services.clock.now_ms();
  if (principal) {
    r.user_id = principal->user.id;
    r.user_email = principal->user.email;
  }
  r.action = std::move(action);
  r.entity_type = std::move(entity_type);
  r.entity_id = std::move(entity_id);
  r.address = address;
  if (!details.is_null()) r.details_json = details.dump(-1, ' ', false, json::error_handler_t::replace);
  storage::audit::append(c, r);
}

std::string canonical_email(std::string_view raw) { return ascii_lower(trim(raw)); }

std::string normalize_email(const std::string& raw) {
  const std::string e = canonical_email(raw);
  auto at = e.find('@');
  bool ok = e.size() >= 3 && e.size() <= 254 && at != std::string::npos && at > 0 &&
            e.find('@', at + 1) == std::string::npos && at + 1 < e.size();
  if (ok) {
    std::string domain = e.substr(at + 1);
    ok = domain.find('.') != std::string::npos && domain.front() != '.' && domain.back() != '.';
    for (unsigned char c : e)
      if (c <= 0x20 || c == 0x7f || std::string_view("<>()[]\\,;:\"").find(static_cast<char>(c)) != std::string_view::npos)
        ok = false;
  }
  if (!ok) throw validation("email", "Informe um e-mail válido, como nome@empresa.com.br.");
  return e;
}

void validate_password(const std::string& password, const std::string& field) {
  std::size_t code_points = 0;
  for (unsigned char c : password) code_points += (c & 0xC0) != 0x80;
  if (code_points < 10) throw validation(field, "A senha deve ter pelo menos 10 caracteres.");
  if (password.size() > 1024) throw validation(field, "A senha deve ter no máximo 1024 bytes.");
}

std::string validate_role(const std::string& role) {
  if (role != "admin" && role != "user") throw validation("role", "O perfil deve ser admin ou user.");
  return role;
}

int page_limit(const http::Request& req, int fallback, int max) {
  auto v = req.query_param("limit");
  if (!v || v->empty()) return fallback;
  int n = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc{} || p != v->data() + v->size() || n < 1 || n > max)
    throw validation("limit", "limit deve estar entre 1 e " + std::to_string(max) + ".");
  return n;
}

std::optional<std::int64_t> cursor_param(const http::Request& req) {
  auto v = req.query_param("cursor");
  if (!v || v->empty()) return std::nullopt;
  std::int64_t n = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc{} || p != v->data() + v->size() || n < 0) throw validation("cursor", "cursor inválido.");
  return n;
}

void notify_change(Services& s, std::string_view entity, std::string_view action, std::string_view id) {
  s.hub.publish_change(entity, action, id);
  notify_audit(s);
}

void notify_audit(Services& s) { s.hub.publish_change("audit", "created", ""); }

void Fields::reject_unknown_except(std::initializer_list<std::string> allowed) {
  for (const auto& name : allowed) known_.insert(name);
  reject_unknown();
}

json job_json(const storage::Job& j) {
  auto at = [](const std::optional<EpochMs>& t) { return t ? json(format_iso8601(*t)) : json(nullptr); };
  json result = nullptr;
  if (j.result && !j.result->empty()) {
    result = json::parse(*j.result, nullptr, false);
    if (result.is_discarded()) result = nullptr;
  }
  return json{{"id", j.id},
              {"kind", j.kind},
              {"status", j.status},
              {"processed", j.processed},
              {"total", j.total ? json(*j.total) : json(nullptr)},
              {"result", result},
              {"error", j.error ? json(*j.error) : json(nullptr)},
              {"listId", j.list_id ? json(*j.list_id) : json(nullptr)},
              {"fileName", j.file_name ? json(*j.file_name) : json(nullptr)},
              {"createdAt", format_iso8601(j.created_at)},
              {"startedAt", at(j.started_at)},
              {"finishedAt", at(j.finished_at)}};
}

json user_json(const storage::User& u) {
  return json{{"id", u.id},
              {"email", u.email},
              {"name", u.name},
              {"role", u.role},
              {"active", u.active},
              {"createdAt", format_iso8601(u.created_at)},
              {"updatedAt", format_iso8601(u.updated_at)},
              {"lastLoginAt", u.last_login_at ? json(format_iso8601(*u.last_login_at)) : json(nullptr)}};
}

}  // namespace torpedo::api
