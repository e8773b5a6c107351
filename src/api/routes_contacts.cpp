// /contact-lists, /contacts, /dnc and /jobs: contact management, CSV import and export, the
// DNC list, and the background jobs imports run as. Every signed-in user may use them.
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "api/api.h"
#include "api/error.h"
#include "common/crypto.h"
#include "common/strings.h"
#include "common/text.h"
#include "common/time_format.h"
#include "contacts/importer.h"
#include "contacts/phone.h"
#include "api/uploads.h"
#include "http/multipart.h"
#include "jobs/runner.h"
#include "storage/contacts.h"
#include "storage/jobs.h"

namespace torpedo::api {
namespace {

namespace fs = std::filesystem;
using contacts::PhoneParser;

// ---------------------------------------------------------------------------------------
// JSON

json opt(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

json list_json(const storage::ContactList& l) {
  json labels = json::array();
  for (const auto& v : l.labels) labels.push_back(opt(v));
  return json{{"id", l.id},
              {"name", l.name},
              {"description", opt(l.description)},
              {"customLabels", labels},
              {"contactCount", l.contact_count},
              {"createdAt", format_iso8601(l.created_at)},
              {"updatedAt", format_iso8601(l.updated_at)}};
}

json contact_json(const storage::Contact& c) {
  json phones = json::array();
  for (const auto& p : c.phones) phones.push_back(json{{"number", p.given}, {"e164", p.e164}, {"type", p.type}});
  json custom = json::array();
  for (const auto& v : c.custom) custom.push_back(opt(v));
  return json{{"id", c.id},       {"listId", c.list_id}, {"name", opt(c.name)},
              {"phones", phones}, {"email", opt(c.email)}, {"custom", custom},
              {"dnc", c.dnc},     {"createdAt", format_iso8601(c.created_at)},
              {"updatedAt", format_iso8601(c.updated_at)}};
}

json dnc_json(const storage::DncEntry& d) {
  return json{{"id", d.id},
              {"e164", d.e164},
              {"source", d.source},
              {"note", opt(d.note)},
              {"createdAt", format_iso8601(d.created_at)}};
}

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

std::string page(const json& items, const std::optional<std::string>& next) {
  return dump(json{{"items", items}, {"nextCursor", next ? json(*next) : json(nullptr)}});
}

// Opaque cursors for sorted pages: hex of a small JSON document.
std::string encode_cursor(const json& j) { return crypto::hex_encode(j.dump()); }

json decode_cursor(const std::string& s) {
  auto bad = [] { return validation("cursor", "Cursor inválido: recomece a busca da primeira página."); };
  if (s.size() % 2 || s.size() > 2000) throw bad();
  std::string raw;
  for (std::size_t i = 0; i < s.size(); i += 2) {
    auto v = [&](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      throw bad();
    };
    raw += static_cast<char>(v(s[i]) * 16 + v(s[i + 1]));
  }
  json j = json::parse(raw, nullptr, false);
  if (!j.is_array() || j.size() != 2 || !j[0].is_string() || !j[1].is_number_integer()) throw bad();
  return j;
}

// ---------------------------------------------------------------------------------------
// Input

storage::Labels read_labels(const json& body, const std::string& field) {
  storage::Labels labels;
  if (!body.contains(field)) return labels;
  const json& a = body[field];
  if (!a.is_array() || a.size() > 5) throw validation(field, "Informe até 5 rótulos de campos personalizados.");
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].is_null()) continue;
    if (!a[i].is_string()) throw validation(field, "Cada rótulo deve ser um texto ou null.");
    std::string v = trim(a[i].get<std::string>());
    if (v.size() > 60) throw validation(field, "Rótulo " + std::to_string(i + 1) + " longo demais (máximo 60).");
    for (unsigned char c : v)
      if (c < 0x20) throw validation(field, "Os rótulos não podem ter caracteres de controle.");
    if (!v.empty()) labels[i] = v;
  }
  return labels;
}

storage::ContactListFields read_list(const json& body, const storage::ContactList* current) {
  Fields f(body);
  storage::ContactListFields out;
  if (current) {
    out.name = current->name;
    out.description = current->description;
    out.labels = current->labels;
  }
  if (auto name = f.string("name", current == nullptr, 1000)) {
    out.name = trim(*name);
    if (out.name.empty()) throw validation("name", "Informe o nome da lista.");
    if (out.name.size() > 120) throw validation("name", "Nome longo demais (máximo 120 caracteres).");
  }
  if (body.contains("description")) {
    if (body["description"].is_null()) out.description.reset();
    else if (auto d = f.string("description", false, 1000)) out.description = is_blank(*d) ? std::nullopt : std::optional(trim(*d));
  }
  f.reject_unknown_except({"customLabels", "description"});
  if (body.contains("customLabels")) out.labels = read_labels(body, "customLabels");
  return out;
}

contacts::PhoneOptions phone_options(const json& body, const std::string& prefix = "") {
  contacts::PhoneOptions o;
  if (body.contains("region")) {
    if (!body["region"].is_string() || !contacts::known_region(body["region"].get<std::string>()))
      throw validation(prefix + "region", "Região desconhecida: use o código do país com duas letras (BR, PT, US…).");
    o.region = body["region"].get<std::string>();
  }
  if (body.contains("allowInternational")) {
    if (!body["allowInternational"].is_boolean())
      throw validation(prefix + "allowInternational", "allowInternational deve ser true ou false.");
    o.allow_international = body["allowInternational"].get<bool>();
  }
  return o;
}

// Name, phones, e-mail and custom fields of a contact from a JSON body; absent fields keep
// `base`'s values.
storage::Contact read_contact(const json& body, storage::Contact base) {
  static const std::set<std::string> known = {"name", "phones", "email", "custom", "region", "allowInternational"};
  for (auto it = body.begin(); it != body.end(); ++it)
    if (!known.count(it.key())) throw validation(it.key(), "Campo desconhecido: " + it.key() + ".");
  const PhoneParser parser(phone_options(body));
  if (body.contains("name")) {
    if (body["name"].is_null()) {
      base.name.reset();
    } else {
      if (!body["name"].is_string()) throw validation("name", "O nome deve ser um texto.");
      std::string n = trim(body["name"].get<std::string>());
      if (n.size() > 200) throw validation("name", "Nome longo demais (máximo 200 caracteres).");
      base.name = n.empty() ? std::nullopt : std::optional(n);
    }
  }
  if (body.contains("phones")) {
    const json& a = body["phones"];
    if (!a.is_array() || a.empty() || a.size() > 3) throw validation("phones", "Informe de 1 a 3 telefones.");
    base.phones.clear();
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!a[i].is_string() || a[i].get<std::string>().size() > 64)
        throw validation("phones", "Telefone " + std::to_string(i + 1) + " deve ser um texto de até 64 caracteres.");
      const std::string given = trim(a[i].get<std::string>());
      auto r = parser.parse(given);
      if (r.error == contacts::PhoneError::foreign)
        throw validation("phones", "Telefone " + std::to_string(i + 1) + ": " + r.reason +
                                       ". Marque \"aceitar números internacionais\" para incluí-lo.");
      if (!r.ok()) throw validation("phones", "Telefone " + std::to_string(i + 1) + ": " + r.reason + ".");
      for (const auto& p : base.phones)
        if (p.e164 == r.e164) throw validation("phones", "Telefone " + std::to_string(i + 1) + " repetido.");
      base.phones.push_back({given, r.e164, to_string(r.type)});
    }
  }
  if (base.phones.empty()) throw validation("phones", "Informe ao menos um telefone.");
  if (body.contains("email")) {
    if (body["email"].is_null() || (body["email"].is_string() && is_blank(body["email"].get<std::string>()))) {
      base.email.reset();
    } else {
      if (!body["email"].is_string()) throw validation("email", "O e-mail deve ser um texto.");
      base.email = normalize_email(body["email"].get<std::string>());
    }
  }
  if (body.contains("custom")) {
    const json& a = body["custom"];
    if (!a.is_array() || a.size() > 5) throw validation("custom", "Informe até 5 campos personalizados.");
    for (std::size_t i = 0; i < 5; ++i) {
      if (i >= a.size() || a[i].is_null()) {
        base.custom[i].reset();
        continue;
      }
      if (!a[i].is_string() || a[i].get<std::string>().size() > 1000)
        throw validation("custom", "Campo " + std::to_string(i + 1) + " deve ser um texto de até 1000 caracteres.");
      std::string v = trim(a[i].get<std::string>());
      base.custom[i] = v.empty() ? std::nullopt : std::optional(v);
    }
  }
  return base;
}

storage::ContactList load_list(Ctx& ctx, std::int64_t id) {
  auto l = ctx.services.db.read([&](storage::Connection& c) { return storage::find_list(c, id); });
  if (!l) throw not_found("Lista de contatos não encontrada.");
  return *l;
}

std::array<std::string, 5> label_strings(const storage::ContactList& l) {
  std::array<std::string, 5> out;
  for (std::size_t i = 0; i < 5; ++i) out[i] = l.labels[i].value_or("");
  return out;
}

// Only digits of a search text.
std::string digits_of(const std::string& s) {
  std::string d;
  for (char c : s)
    if (c >= '0' && c <= '9') d += c;
  return d;
}

bool phone_like(const std::string& s) {
  if (digits_of(s).size() < 3) return false;
  for (char c : s)
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == ' ' || c == '(' || c == ')' || c == '-' || c == '.' ||
          c == '+'))
      return false;
  return true;
}

// A phone search in any format: the exact number when it is a whole valid one; a local number
// without its DDD (8 or 9 digits) under every DDD; otherwise the beginning of the number.
void phone_filter(storage::ContactQuery& q, const std::string& text) {
  contacts::PhoneOptions o;
  o.allow_international = true;
  const std::string digits = digits_of(text);
  auto r = PhoneParser(o).parse(text);
  if (r.ok() && digits.size() >= 10) {
    q.e164s = {r.e164};
  } else if (digits.size() == 8 || digits.size() == 9) {
    for (int ddd = 11; ddd <= 99; ++ddd) q.e164s.push_back("+55" + std::to_string(ddd) + digits);
  } else {
    q.digits = digits;
  }
}

// ---------------------------------------------------------------------------------------
// Uploads

contacts::ImportOptions read_import_options(const std::optional<std::string>& text, bool dnc) {
  contacts::ImportOptions o;
  if (!text || is_blank(*text)) return o;
  json body = json::parse(*text, nullptr, false);
  if (!body.is_object()) throw validation("options", "As opções da importação devem ser um objeto JSON.");
  static const std::set<std::string> known = {"region", "allowInternational", "addNinthDigit", "onDuplicate",
                                              "hasHeader", "delimiter", "encoding", "mapping"};
  for (auto it = body.begin(); it != body.end(); ++it)
    if (!known.count(it.key())) throw validation("options." + it.key(), "Opção desconhecida: " + it.key() + ".");
  o.phone = phone_options(body, "options.");
  auto flag = [&](const char* name, bool& out) {
    if (!body.contains(name)) return;
    if (!body[name].is_boolean()) throw validation(std::string("options.") + name, std::string(name) + " deve ser true ou false.");
    out = body[name].get<bool>();
  };
  flag("addNinthDigit", o.phone.add_ninth_digit);
  flag("hasHeader", o.has_header);
  if (body.contains("onDuplicate")) {
    const auto v = body["onDuplicate"].is_string() ? body["onDuplicate"].get<std::string>() : "";
    if (v != "skip" && v != "update") throw validation("options.onDuplicate", "onDuplicate deve ser skip ou update.");
    o.update_duplicates = v == "update" && !dnc;
  }
  if (body.contains("delimiter")) {
    const auto v = body["delimiter"].is_string() ? body["delimiter"].get<std::string>() : "";
    if (v != "," && v != ";" && v != "\t") throw validation("options.delimiter", "O separador deve ser vírgula, ponto e vírgula ou TAB.");
    o.delimiter = v[0];
  }
  if (body.contains("encoding")) {
    const auto v = body["encoding"].is_string() ? body["encoding"].get<std::string>() : "";
    if (v != "utf-8" && v != "windows-1252") throw validation("options.encoding", "A codificação deve ser utf-8 ou windows-1252.");
    o.encoding = v == "utf-8" ? contacts::Encoding::utf8 : contacts::Encoding::windows1252;
  }
  if (body.contains("mapping")) {
    const json& m = body["mapping"];
    if (!m.is_object()) throw validation("options.mapping", "O mapeamento deve ser um objeto campo → coluna.");
    for (auto it = m.begin(); it != m.end(); ++it) {
      auto field = contacts::field_from_string(it.key());
      if (!field) throw validation("options.mapping." + it.key(), "Campo desconhecido no mapeamento: " + it.key() + ".");
      if (it.value().is_null()) {  // "do not import", even if the header names it
        o.skip[static_cast<std::size_t>(*field)] = true;
        continue;
      }
      if (!it.value().is_number_integer() || it.value().get<std::int64_t>() < 0 || it.value().get<std::int64_t>() > 255)
        throw validation("options.mapping." + it.key(), "A coluna deve ser um número de 0 a 255.");
      o.mapping[static_cast<std::size_t>(*field)] = static_cast<std::size_t>(it.value().get<std::int64_t>());
    }
  }
  return o;
}

json result_json(const contacts::ImportResult& r, std::int64_t job_id) {
  return json{{"rows", r.rows},
              {"imported", r.imported},
              {"updated", r.updated},
              {"duplicates", r.duplicates},
              {"invalid", r.invalid},
              {"foreign", r.foreign},
              {"dnc", r.dnc},
              {"rejectedReport", r.rejected() > 0 ? json("/api/v1/jobs/" + std::to_string(job_id) + "/report") : json(nullptr)}};
}

fs::path imports_dir(const Services& s) { return s.config.data_dir / "imports"; }

// Queues an import: the job row, its audit entry, then the work on the job runner.
http::Response start_import(Ctx& ctx, contacts::ImportJob::Kind kind, std::optional<storage::ContactList> list) {
  auto& s = ctx.services;
  if (!s.jobs) throw ApiError(503, "internal", "As importações estão indisponíveis nesta instância.");
  fs::create_directories(imports_dir(s));
  const std::string staged = (imports_dir(s) / ("upload-" + crypto::random_token(12))).string() + ".csv";
  Upload up;
  try {
    up = read_upload(ctx, staged, {"options"});
  } catch (...) {
    std::error_code ec;
    fs::remove(staged, ec);
    throw;
  }
  contacts::ImportOptions options;
  try {
    options = read_import_options(up.field("options"), kind == contacts::ImportJob::Kind::dnc);
  } catch (...) {
    std::error_code ec;
    fs::remove(staged, ec);
    throw;
  }
  storage::Job job;
  job.kind = kind == contacts::ImportJob::Kind::dnc ? "dnc-import" : "contact-import";
  job.created_by = ctx.who().user_id();
  job.created_at = s.clock.now_ms();
  job.total = static_cast<std::int64_t>(fs::file_size(staged));
  job.file_name = up.file_name;
  if (list) job.list_id = list->id;
  job.params = dump(json{{"options", up.field("options") ? json::parse(*up.field("options"), nullptr, false) : json(nullptr)}});
  s.db.write([&](storage::Connection& c) {
    storage::insert_job(c, job);
    ctx.audit(c, kind == contacts::ImportJob::Kind::dnc ? "dnc.import" : "contacts.import", "job", std::to_string(job.id),
              json{{"listId", list ? json(list->id) : json(nullptr)}, {"file", up.file_name}, {"bytes", *job.total}});
    return 0;
  });
  const std::string file = (imports_dir(s) / ("job-" + std::to_string(job.id) + ".csv")).string();
  fs::rename(staged, file);

  contacts::ImportJob work;
  work.kind = kind;
  work.job_id = job.id;
  if (list) {
    work.list_id = list->id;
    work.custom_labels = label_strings(*list);
  }
  work.file = file;
  work.report_file = (imports_dir(s) / ("job-" + std::to_string(job.id) + "-rejected.csv")).string();
  work.options = options;
  work.user = ctx.who().user_id();
  Services* services = &s;
  s.jobs->submit(job.id, [services, work](jobs::JobControl& control) {
    struct RemoveUpload {
      std::string path;
      ~RemoveUpload() {
        std::error_code ec;
        fs::remove(path, ec);
      }
    } remove_upload{work.file};
    contacts::ImportHooks hooks;
    hooks.cancelled = [&control] { return control.cancel.load(); };
    hooks.progress = [&control](std::uint64_t, std::uint64_t, const contacts::ImportResult&) { control.changed(); };
    hooks.result_json = [id = work.job_id](const contacts::ImportResult& r) { return dump(result_json(r, id)); };
    try {
      contacts::run_import(services->db, services->clock, work, hooks);
    } catch (const contacts::ImportError& e) {
      throw std::runtime_error(std::string("Não foi possível importar: ") + e.what() + ".");
    }
    if (work.kind == contacts::ImportJob::Kind::contacts)
      services->hub.publish_change("contact-list", "updated", std::to_string(work.list_id));
    else
      services->hub.publish_change("dnc", "created", "");
  });
  notify_change(s, "job", "created", std::to_string(job.id));
  auto stored = s.db.read([&](storage::Connection& c) { return storage::find_job(c, job.id); });
  return http::Response::json(202, dump(job_json(*stored)));
}

// Text a spreadsheet must not run as a formula (CSV injection): a leading apostrophe.
std::string spreadsheet_safe(std::string v) {
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r'))
    v.insert(v.begin(), '\'');
  return v;
}

}  // namespace

void register_contact_routes(Routes& routes) {
  // ----- lists
  routes.add("GET", "/api/v1/contact-lists", Access::user, [](Ctx& ctx) {
    const std::string q = ctx.req.query_param("q").value_or("");
    if (q.size() > 200) throw validation("q", "Busca longa demais.");
    const int limit = page_limit(ctx.req, 50, 200);
    auto before = cursor_param(ctx.req);
    auto lists = ctx.services.db.read(
        [&](storage::Connection& c) { return storage::list_lists(c, ascii_lower(trim(q)), before, limit + 1); });
    const bool more = static_cast<int>(lists.size()) > limit;
    if (more) lists.resize(static_cast<std::size_t>(limit));
    json items = json::array();
    for (const auto& l : lists) items.push_back(list_json(l));
    return http::Response::json(200, page(items, more ? std::optional(std::to_string(lists.back().id)) : std::nullopt));
  });

  routes.add("POST", "/api/v1/contact-lists", Access::user, [](Ctx& ctx) {
    json body = ctx.body();
    auto fields = read_list(body, nullptr);
    auto& s = ctx.services;
    auto created = s.db.write([&](storage::Connection& c) {
      for (const auto& other : storage::list_lists(c, ascii_lower(fields.name), std::nullopt, 1000))
        if (ascii_lower(other.name) == ascii_lower(fields.name))
          throw conflict("Já existe uma lista com este nome.", "name");
      auto l = storage::create_list(c, fields, ctx.who().user_id(), s.clock.now_ms());
      ctx.audit(c, "contact-list.create", "contact-list", std::to_string(l.id), json{{"name", l.name}});
      return l;
    });
    notify_change(s, "contact-list", "created", std::to_string(created.id));
    auto res = http::Response::json(201, dump(list_json(created)));
    res.set_header("Location", "/api/v1/contact-lists/" + std::to_string(created.id));
    return res;
  });

  routes.add("GET", "/api/v1/contact-lists/template.csv", Access::user, [](Ctx&) {
    std::ostringstream out;
    contacts::CsvWriter w(out, ';', true);
    w.write({"Nome", "Telefone", "Celular", "E-mail", "Campo 1", "Campo 2", "Campo 3", "Campo 4", "Campo 5"});
    w.write({"Maria da Silva", "(11) 3456-7890", "(11) 98765-4321", "maria@exemplo.com.br", "Contrato 1234", "", "", "", ""});
    w.write({"João Souza", "", "+55 21 99876-5432", "", "Contrato 5678", "", "", "", ""});
    auto res = http::Response::text(200, out.str(), "text/csv; charset=utf-8");
    res.set_header("Content-Disposition", "attachment; filename=\"modelo-contatos.csv\"");
    return res;
  });

  routes.add("POST", "/api/v1/contact-lists/import-preview", Access::user, [](Ctx& ctx) {
    auto boundary = http::multipart_boundary(ctx.req.header("content-type").value_or(""));
    if (!boundary)
      throw ApiError(415, "unsupported_media_type", "Envie o início do arquivo como multipart/form-data, no campo \"file\".");
    std::string head;
    try {
      for (const auto& p : http::scan_multipart(ctx.req.body, *boundary))
        if (p.name == "file") head = ctx.req.body.substr(static_cast<std::size_t>(p.offset), static_cast<std::size_t>(p.length));
    } catch (const http::MultipartError& e) {
      throw bad_request(std::string("Envio inválido: ") + e.what() + ".");
    }
    if (head.empty()) throw validation("file", "O arquivo está vazio: escolha o arquivo CSV com os contatos.");
    // With the list, its custom field labels map their columns too, as the import will.
    std::array<std::string, 5> labels;
    if (auto list_id = ctx.req.query_param("listId")) {
      std::int64_t id = 0;
      try {
        id = std::stoll(*list_id);
      } catch (...) {
        throw validation("listId", "listId deve ser um número.");
      }
      labels = label_strings(load_list(ctx, id));
    }
    contacts::Preview p;
    try {
      p = contacts::preview(head, labels);
    } catch (const contacts::ImportError& e) {
      throw validation("file", std::string("Não é possível importar: ") + e.what() + ".");
    }
    json mapping = json::object();
    for (std::size_t i = 0; i < contacts::kFieldCount; ++i)
      if (p.mapping[i]) mapping[contacts::to_string(static_cast<contacts::Field>(i))] = *p.mapping[i];
    return http::Response::json(
        200, dump(json{{"encoding", contacts::to_string(p.dialect.encoding)},
                       {"delimiter", std::string(1, p.dialect.delimiter)},
                       {"header", p.header},
                       {"rows", p.rows},
                       {"mapping", mapping}}));
  });

  routes.add("GET", "/api/v1/contact-lists/{id}", Access::user, [](Ctx& ctx) {
    return http::Response::json(200, dump(list_json(load_list(ctx, ctx.id_param()))));
  });

  routes.add("PATCH", "/api/v1/contact-lists/{id}", Access::user, [](Ctx& ctx) {
    const auto id = ctx.id_param();
    json body = ctx.body();
    auto& s = ctx.services;
    auto updated = s.db.write([&](storage::Connection& c) {
      auto current = storage::find_list(c, id);
      if (!current) throw not_found("Lista de contatos não encontrada.");
      auto fields = read_list(body, &*current);
      for (const auto& other : storage::list_lists(c, ascii_lower(fields.name), std::nullopt, 1000))
        if (other.id != id && ascii_lower(other.name) == ascii_lower(fields.name))
          throw conflict("Já existe uma lista com este nome.", "name");
      storage::update_list(c, id, fields, s.clock.now_ms());
      ctx.audit(c, "contact-list.update", "contact-list", std::to_string(id), json{{"name", fields.name}});
      return *storage::find_list(c, id);
    });
    notify_change(s, "contact-list", "updated", std::to_string(id));
    return http::Response::json(200, dump(list_json(updated)));
  });

  routes.add("DELETE", "/api/v1/contact-lists/{id}", Access::user, [](Ctx& ctx) {
    const auto id = ctx.id_param();
    auto& s = ctx.services;
    s.db.write([&](storage::Connection& c) {
      auto l = storage::find_list(c, id);
      if (!l) throw not_found("Lista de contatos não encontrada.");
      if (auto used = c.query_one(
              "SELECT ca.name FROM campaign_lists cl JOIN campaigns ca ON ca.id = cl.campaign_id WHERE cl.list_id = :id",
              {{"id", id}}))
        throw conflict("A lista é usada pela campanha \"" + used->str("name") +
                       "\": tire-a da campanha antes de excluí-la.");
      if (storage::job_active_for_list(c, id))
        throw conflict("Há uma importação em andamento nesta lista: espere terminar ou cancele-a antes de excluir.");
      storage::delete_list(c, id);
      ctx.audit(c, "contact-list.delete", "contact-list", std::to_string(id),
                json{{"name", l->name}, {"contacts", l->contact_count}});
      return 0;
    });
    notify_change(s, "contact-list", "deleted", std::to_string(id));
    return http::Response::no_content();
  });

  // ----- contacts of a list
  routes.add("GET", "/api/v1/contact-lists/{id}/contacts", Access::user, [](Ctx& ctx) {
    const auto list = load_list(ctx, ctx.id_param());
    storage::ContactQuery q;
    q.list_id = list.id;
    q.limit = page_limit(ctx.req, 50, 500);
    auto param = [&](const char* name, std::size_t max) {
      auto v = ctx.req.query_param(name);
      if (v && v->size() > max) throw validation(name, std::string("Parâmetro ") + name + " longo demais.");
      return v ? trim(*v) : std::string();
    };
    if (const auto text = param("q", 200); !text.empty()) {
      if (text.find('@') != std::string::npos) q.email_prefix = ascii_lower(text);
      else if (phone_like(text)) phone_filter(q, text);
      else q.words = folded_words(text);
    }
    if (const auto name = param("name", 200); !name.empty()) {
      for (auto& w : folded_words(name)) q.words.push_back(std::move(w));
    }
    if (const auto phone = param("phone", 64); !phone.empty()) {
      if (digits_of(phone).empty()) throw validation("phone", "Informe os dígitos do telefone.");
      phone_filter(q, phone);
    }
    if (const auto email = param("email", 254); !email.empty()) q.email_prefix = ascii_lower(email);
    if (const auto field = param("field", 2); !field.empty()) {
      if (field.size() != 1 || field[0] < '1' || field[0] > '5') throw validation("field", "field deve ser de 1 a 5.");
      q.custom_field = field[0] - '0';
      q.custom_value = ascii_lower(param("value", 200));
    }
    if (const auto type = param("type", 10); !type.empty()) {
      if (type != "mobile" && type != "fixed" && type != "other")
        throw validation("type", "type deve ser mobile, fixed ou other.");
      q.type = type;
    }
    if (const auto dnc = param("dnc", 5); !dnc.empty()) {
      if (dnc != "true" && dnc != "false") throw validation("dnc", "dnc deve ser true ou false.");
      q.dnc = dnc == "true";
    }
    std::string sort = param("sort", 10);
    if (sort.empty()) sort = "id";
    q.descending = sort[0] == '-';
    const std::string by = q.descending ? sort.substr(1) : sort;
    if (by == "id") q.sort = storage::ContactQuery::Sort::id;
    else if (by == "name") q.sort = storage::ContactQuery::Sort::name;
    else if (by == "phone") q.sort = storage::ContactQuery::Sort::phone;
    else if (by == "email") q.sort = storage::ContactQuery::Sort::email;
    else throw validation("sort", "sort deve ser id, name, phone ou email (com - na frente para decrescente).");
    if (const auto cursor = param("cursor", 2000); !cursor.empty()) {
      json c = decode_cursor(cursor);
      q.after = std::make_pair(c[0].get<std::string>(), c[1].get<std::int64_t>());
    }
    const int limit = q.limit;
    q.limit += 1;
    auto found = ctx.services.db.read([&](storage::Connection& c) { return storage::search_contacts(c, q); });
    const bool more = static_cast<int>(found.size()) > limit;
    if (more) found.resize(static_cast<std::size_t>(limit));
    json items = json::array();
    for (const auto& ct : found) items.push_back(contact_json(ct));
    std::optional<std::string> next;
    if (more) next = encode_cursor(json::array({storage::sort_key(found.back(), q.sort), found.back().id}));
    return http::Response::json(200, page(items, next));
  });

  routes.add("POST", "/api/v1/contact-lists/{id}/contacts", Access::user, [](Ctx& ctx) {
    const auto list = load_list(ctx, ctx.id_param());
    json body = ctx.body();
    storage::Contact ct = read_contact(body, storage::Contact{});
    auto& s = ctx.services;
    ct.list_id = list.id;
    ct.created_at = ct.updated_at = s.clock.now_ms();
    auto created = s.db.write([&](storage::Connection& c) {
      if (!storage::find_by_first_phone(c, list.id, {ct.phones[0].e164}).empty())
        throw conflict("Esta lista já tem um contato com este telefone.", "phones");
      storage::insert_contact(c, ct);
      storage::add_to_count(c, list.id, 1, ct.created_at);
      ctx.audit(c, "contact.create", "contact", std::to_string(ct.id), json{{"listId", list.id}});
      return *storage::find_contact(c, ct.id);
    });
    notify_change(s, "contact", "created", std::to_string(created.id));
    auto res = http::Response::json(201, dump(contact_json(created)));
    res.set_header("Location", "/api/v1/contacts/" + std::to_string(created.id));
    return res;
  });

  routes.add("POST", "/api/v1/contact-lists/{id}/contacts/delete", Access::user, [](Ctx& ctx) {
    const auto list = load_list(ctx, ctx.id_param());
    json body = ctx.body();
    if (!body.contains("ids") || !body["ids"].is_array()) throw validation("ids", "Informe os ids dos contatos a excluir.");
    if (body["ids"].size() > 10000) throw validation("ids", "Exclua no máximo 10 000 contatos de cada vez.");
    for (auto it = body.begin(); it != body.end(); ++it)
      if (it.key() != "ids") throw validation(it.key(), "Campo desconhecido: " + it.key() + ".");
    std::vector<std::int64_t> ids;
    for (const auto& v : body["ids"]) {
      if (!v.is_number_integer() || v.get<std::int64_t>() <= 0) throw validation("ids", "Cada id deve ser um número inteiro positivo.");
      ids.push_back(v.get<std::int64_t>());
    }
    auto& s = ctx.services;
    const auto deleted = s.db.write([&](storage::Connection& c) {
      auto n = storage::delete_contacts(c, list.id, ids, s.clock.now_ms());
      if (n) ctx.audit(c, "contact.bulk-delete", "contact-list", std::to_string(list.id), json{{"deleted", n}});
      return n;
    });
    if (deleted) notify_change(s, "contact-list", "updated", std::to_string(list.id));
    return http::Response::json(200, dump(json{{"deleted", deleted}}));
  });

  routes.add("POST", "/api/v1/contact-lists/{id}/import", Access::user, [](Ctx& ctx) {
    const auto list = load_list(ctx, ctx.id_param());
    return start_import(ctx, contacts::ImportJob::Kind::contacts, list);
  });

  routes.add("GET", "/api/v1/contact-lists/{id}/export", Access::user, [](Ctx& ctx) {
    const auto list = load_list(ctx, ctx.id_param());
    auto& s = ctx.services;
    const fs::path dir = s.config.data_dir / "exports";
    fs::create_directories(dir);
    const std::string file = (dir / ("list-" + std::to_string(list.id) + "-" + crypto::random_token(12) + ".csv")).string();
    {
      std::ofstream out(file, std::ios::binary | std::ios::trunc);
      contacts::CsvWriter w(out, ';', true);
      std::vector<std::string> header{"Nome", "Telefone 1", "Tipo 1", "Telefone 2", "Tipo 2", "Telefone 3", "Tipo 3", "E-mail"};
      for (std::size_t i = 0; i < 5; ++i) header.push_back(list.labels[i].value_or("Campo " + std::to_string(i + 1)));
      header.push_back("Não Me Perturbe");
      w.write(header);
      static const std::map<std::string, std::string> kType = {{"mobile", "celular"}, {"fixed", "fixo"}, {"other", "outro"}};
      storage::for_each_contact(s.db, list.id, [&](const storage::Contact& ct) {
        std::vector<std::string> row{spreadsheet_safe(ct.name.value_or(""))};
        for (std::size_t i = 0; i < 3; ++i) {
          if (i < ct.phones.size()) {
            row.push_back(spreadsheet_safe(contacts::format_for_people(ct.phones[i].e164)));
            row.push_back(kType.count(ct.phones[i].type) ? kType.at(ct.phones[i].type) : "outro");
          } else {
            row.emplace_back();
            row.emplace_back();
          }
        }
        row.push_back(spreadsheet_safe(ct.email.value_or("")));
        for (const auto& v : ct.custom) row.push_back(spreadsheet_safe(v.value_or("")));
        row.push_back(ct.dnc ? "sim" : "não");
        w.write(row);
      });
      if (!out) throw std::runtime_error("cannot write the export");
    }
    s.db.write([&](storage::Connection& c) {
      ctx.audit(c, "contacts.export", "contact-list", std::to_string(list.id), json{{"contacts", list.contact_count}});
      return 0;
    });
    notify_audit(s);
    return http::Response::file_download(file, "text/csv; charset=utf-8", "contatos-" + std::to_string(list.id) + ".csv",
                                         true);
  });

  // ----- one contact
  routes.add("GET", "/api/v1/contacts/{id}", Access::user, [](Ctx& ctx) {
    const auto id = ctx.id_param();
    auto ct = ctx.services.db.read([&](storage::Connection& c) { return storage::find_contact(c, id); });
    if (!ct) throw not_found("Contato não encontrado.");
    return http::Response::json(200, dump(contact_json(*ct)));
  });

  routes.add("PATCH", "/api/v1/contacts/{id}", Access::user, [](Ctx& ctx) {
    const auto id = ctx.id_param();
    json body = ctx.body();
    auto& s = ctx.services;
    auto updated = s.db.write([&](storage::Connection& c) {
      auto current = storage::find_contact(c, id);
      if (!current) throw not_found("Contato não encontrado.");
      auto ct = read_contact(body, *current);
      ct.updated_at = s.clock.now_ms();
      auto same = storage::find_by_first_phone(c, ct.list_id, {ct.phones[0].e164});
      if (!same.empty() && same.begin()->second != id)
        throw conflict("Outro contato desta lista já tem este telefone como primeiro.", "phones");
      storage::update_contact(c, ct);
      ctx.audit(c, "contact.update", "contact", std::to_string(id), json{{"listId", ct.list_id}});
      return *storage::find_contact(c, id);
    });
    notify_change(s, "contact", "updated", std::to_string(id));
    return http::Response::json(200, dump(contact_json(updated)));
  });

  routes.add("DELETE", "/api/v1/contacts/{id}", Access::user, [](Ctx& ctx) {
    const auto id = ctx.id_param();
    auto& s = ctx.services;
    s.db.write([&](storage::Connection& c) {
      auto ct = storage::find_contact(c, id);
      if (!ct) throw not_found("Contato não encontrado.");
      storage::delete_contacts(c, ct->list_id, {id}, s.clock.now_ms());
      ctx.audit(c, "contact.delete", "contact", std::to_string(id), json{{"listId", ct->list_id}});
      return 0;
    });
    notify_change(s, "contact", "deleted", std::to_string(id));
    return http::Response::no_content();
  });

  // ----- DNC
  routes.add("GET", "/api/v1/dnc", Access::user, [](Ctx& ctx) {
    const std::string q = ctx.req.query_param("q").value_or("");
    if (q.size() > 64) throw validation("q", "Busca longa demais.");
    const int limit = page_limit(ctx.req, 50, 200);
    auto before = cursor_param(ctx.req);
    auto found = ctx.services.db.read([&](storage::Connection& c) {
      return storage::search_dnc(c, digits_of(q), before, limit + 1);
    });
    const bool more = static_cast<int>(found.size()) > limit;
    if (more) found.resize(static_cast<std::size_t>(limit));
    json items = json::array();
    for (const auto& d : found) items.push_back(dnc_json(d));
    return http::Response::json(200, page(items, more ? std::optional(std::to_string(found.back().id)) : std::nullopt));
  });

  routes.add("POST", "/api/v1/dnc", Access::user, [](Ctx& ctx) {
    json body = ctx.body();
    Fields f(body);
    auto number = f.string("number", true, 64);
    auto note = f.string("note", false, 500);
    f.reject_unknown_except({"region"});
    contacts::PhoneOptions o = phone_options(body);
    o.allow_international = true;  // an opt-out is honoured whatever the country
    auto r = PhoneParser(o).parse(*number);
    if (!r.ok()) throw validation("number", "Número inválido (" + r.reason + "): confira o DDD e os dígitos.");
    auto& s = ctx.services;
    auto added = s.db.write([&](storage::Connection& c) {
      if (storage::is_dnc(c, r.e164)) throw conflict("Este número já está na lista Não Me Perturbe.", "number");
      auto d = storage::add_dnc(c, r.e164, "manual", note && !is_blank(*note) ? std::optional(trim(*note)) : std::nullopt,
                                ctx.who().user_id(), s.clock.now_ms());
      ctx.audit(c, "dnc.add", "dnc", std::to_string(d.id), json{{"e164", d.e164}});
      return d;
    });
    notify_change(s, "dnc", "created", std::to_string(added.id));
    return http::Response::json(201, dump(dnc_json(added)));
  });

  routes.add("GET", "/api/v1/dnc/check", Access::user, [](Ctx& ctx) {
    const std::string number = ctx.req.query_param("number").value_or("");
    if (number.empty() || number.size() > 64) throw validation("number", "Informe o número (até 64 caracteres).");
    contacts::PhoneOptions o;
    o.allow_international = true;
    auto r = PhoneParser(o).parse(number);
    if (!r.ok()) throw validation("number", "Número inválido (" + r.reason + ").");
    const bool listed = ctx.services.db.read([&](storage::Connection& c) { return storage::is_dnc(c, r.e164); });
    return http::Response::json(200, dump(json{{"e164", r.e164}, {"dnc", listed}}));
  });

  routes.add("POST", "/api/v1/dnc/import", Access::user,
             [](Ctx& ctx) { return start_import(ctx, contacts::ImportJob::Kind::dnc, std::nullopt); });

  routes.add("DELETE", "/api/v1/dnc/{id}", Access::user, [](Ctx& ctx) {
    const auto id = ctx.id_param();
    auto& s = ctx.services;
    s.db.write([&](storage::Connection& c) {
      auto d = storage::find_dnc(c, id);
      if (!d) throw not_found("Número não encontrado na lista Não Me Perturbe.");
      storage::delete_dnc(c, id);
      ctx.audit(c, "dnc.remove", "dnc", std::to_string(id), json{{"e164", d->e164}});
      return 0;
    });
    notify_change(s, "dnc", "deleted", std::to_string(id));
    return http::Response::no_content();
  });

  // ----- jobs
  routes.add("GET", "/api/v1/jobs", Access::user, [](Ctx& ctx) {
    std::optional<std::string> kind = ctx.req.query_param("kind");
    if (kind && *kind != "contact-import" && *kind != "dnc-import")
      throw validation("kind", "kind deve ser contact-import ou dnc-import.");
    std::optional<std::int64_t> list_id;
    if (auto v = ctx.req.query_param("listId")) {
      try {
        list_id = std::stoll(*v);
      } catch (...) {
        throw validation("listId", "listId deve ser um número.");
      }
    }
    const int limit = page_limit(ctx.req, 20, 100);
    auto before = cursor_param(ctx.req);
    auto found = ctx.services.db.read(
        [&](storage::Connection& c) { return storage::list_jobs(c, kind, list_id, before, limit + 1); });
    const bool more = static_cast<int>(found.size()) > limit;
    if (more) found.resize(static_cast<std::size_t>(limit));
    json items = json::array();
    for (const auto& j : found) items.push_back(job_json(j));
    return http::Response::json(200, page(items, more ? std::optional(std::to_string(found.back().id)) : std::nullopt));
  });

  routes.add("GET", "/api/v1/jobs/{id}", Access::user, [](Ctx& ctx) {
    const auto id = ctx.id_param();
    auto j = ctx.services.db.read([&](storage::Connection& c) { return storage::find_job(c, id); });
    if (!j) throw not_found("Tarefa não encontrada.");
    return http::Response::json(200, dump(job_json(*j)));
  });

  routes.add("POST", "/api/v1/jobs/{id}/cancel", Access::user, [](Ctx& ctx) {
    const auto id = ctx.id_param();
    auto& s = ctx.services;
    auto j = s.db.read([&](storage::Connection& c) { return storage::find_job(c, id); });
    if (!j) throw not_found("Tarefa não encontrada.");
    if ((j->status == "queued" || j->status == "running") && s.jobs && s.jobs->cancel(id)) {
      s.db.write([&](storage::Connection& c) {
        ctx.audit(c, "job.cancel", "job", std::to_string(id));
        return 0;
      });
      notify_audit(s);
      // The runner records `cancelled` at its next check (between batches): wait briefly for it.
      for (int i = 0; i < 50; ++i) {
        j = s.db.read([&](storage::Connection& c) { return storage::find_job(c, id); });
        if (j->status != "queued" && j->status != "running") break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    }
    return http::Response::json(200, dump(job_json(*j)));
  });

  routes.add("GET", "/api/v1/jobs/{id}/report", Access::user, [](Ctx& ctx) {
    const auto id = ctx.id_param();
    auto j = ctx.services.db.read([&](storage::Connection& c) { return storage::find_job(c, id); });
    if (!j) throw not_found("Tarefa não encontrada.");
    const fs::path file = imports_dir(ctx.services) / ("job-" + std::to_string(id) + "-rejected.csv");
    if (!fs::exists(file)) throw not_found("Esta importação não rejeitou nenhuma linha.");
    return http::Response::file_download(file.string(), "text/csv; charset=utf-8",
                                         "linhas-rejeitadas-" + std::to_string(id) + ".csv", false);
  });
}

}  // namespace torpedo::api
