// /contact-lists, /contacts, /dnc and /jobs through the real daemon: CRUD, search, CSV import
// as a background job (streamed upload), rejected-rows report, export, and bad input of every kind.
#include <chrono>
#include <thread>

#include "api/server_fixture.h"

namespace torpedo::testing {
namespace {

using nlohmann::json;

class Contacts : public ApiTest {
 protected:
  void configure(Config& c) override { c.max_upload_bytes = 2 << 20; }

  static std::string multipart(const std::string& file, const std::string& options = "",
                               const std::string& boundary = "torpedo-test-boundary") {
    std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"contatos.csv\"\r\n"
                       "Content-Type: text/csv\r\n\r\n" + file + "\r\n";
    if (!options.empty())
      body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"options\"\r\n\r\n" + options + "\r\n";
    return body + "--" + boundary + "--\r\n";
  }
  static constexpr const char* kMultipart = "multipart/form-data; boundary=torpedo-test-boundary";

  std::int64_t new_list(HttpClient& c, const std::string& name) {
    auto r = c.post_json("/api/v1/contact-lists", {{"name", name}, {"customLabels", {"Contrato", nullptr}}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json()["id"].get<std::int64_t>();
  }

  // Waits for a job to leave queued/running.
  json finished(HttpClient& c, std::int64_t job) {
    json j;
    for (int i = 0; i < 500; ++i) {
      j = c.get("/api/v1/jobs/" + std::to_string(job)).json();
      if (j["status"] != "queued" && j["status"] != "running") return j;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ADD_FAILURE() << "job did not finish: " << j.dump();
    return j;
  }

  json import(HttpClient& c, const std::string& path, const std::string& csv, const std::string& options = "") {
    auto r = c.request("POST", path, multipart(csv, options), kMultipart);
    EXPECT_EQ(r.status, 202) << r.body;
    if (r.status != 202) return json{};
    return finished(c, r.json()["id"].get<std::int64_t>());
  }
};

TEST_P(Contacts, ListsAreManagedByOperatorsToo) {
  create_user("op@torpedo.test", "user");
  auto op = login_as("op@torpedo.test", "user-password-1");
  const auto id = new_list(op, "Cobrança Novembro");
  auto dup = op.post_json("/api/v1/contact-lists", {{"name", "cobrança novembro"}});
  EXPECT_EQ(dup.status, 409);
  EXPECT_EQ(dup.json()["error"]["field"], "name");
  auto patched = op.patch_json("/api/v1/contact-lists/" + std::to_string(id),
                               {{"description", "Carteira de atraso"}, {"customLabels", {"Contrato", "Valor"}}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json()["customLabels"][1], "Valor");
  EXPECT_EQ(patched.json()["name"], "Cobrança Novembro");
  auto found = op.get("/api/v1/contact-lists?q=novembro");
  ASSERT_EQ(found.json()["items"].size(), 1u);
  for (const json& bad : {json{{"name", ""}}, json{{"name", std::string(121, 'x')}}, json{{"name", "a\nb"}},
                          json{{"name", "ok"}, {"customLabels", {1, 2}}}, json{{"name", "ok"}, {"colour", "red"}}}) {
    auto r = op.post_json("/api/v1/contact-lists", bad);
    EXPECT_EQ(r.status, 422) << bad.dump() << " " << r.body;
  }
  EXPECT_EQ(op.del("/api/v1/contact-lists/" + std::to_string(id)).status, 204);
  EXPECT_EQ(op.get("/api/v1/contact-lists/" + std::to_string(id)).status, 404);
  EXPECT_EQ(audit_actions().front(), "contact-list.delete");
}

TEST_P(Contacts, OneContactAtATimeWithValidatedPhones) {
  auto a = admin();
  const auto list = new_list(a, "Avulsos");
  const std::string base = "/api/v1/contact-lists/" + std::to_string(list) + "/contacts";
  auto created = a.post_json(base, {{"name", "João da Silva"}, {"phones", {"(11) 98765-4321", "11 3456-7890"}},
                                    {"email", "Joao@Exemplo.com"}, {"custom", {"C-1"}}});
  ASSERT_EQ(created.status, 201) << created.body;
  auto c = created.json();
  EXPECT_EQ(c["phones"][0]["e164"], "+5511987654321");
  EXPECT_EQ(c["phones"][0]["type"], "mobile");
  EXPECT_EQ(c["phones"][1]["type"], "fixed");
  EXPECT_EQ(c["email"], "joao@exemplo.com");
  EXPECT_EQ(c["dnc"], false);
  auto dup = a.post_json(base, {{"phones", {"+55 11 98765 4321"}}});
  EXPECT_EQ(dup.status, 409);
  for (const json& bad : {json{{"phones", json::array()}}, json{{"phones", {"(11) 1234-567"}}},
                          json{{"phones", {"+1 650 253 0000"}}}, json{{"phones", {"11 9876-ABCD"}}},
                          json{{"phones", {"11987654322", "11987654322"}}}, json{{"phones", {"11987654322"}}, {"email", "nope"}},
                          json{{"phones", {"11987654322"}}, {"region", "XX"}}}) {
    auto r = a.post_json(base, bad);
    EXPECT_EQ(r.status, 422) << bad.dump() << " " << r.body;
  }
  auto foreign_ok = a.post_json(base, {{"phones", {"+1 650 253 0000"}}, {"allowInternational", true}});
  EXPECT_EQ(foreign_ok.status, 201) << foreign_ok.body;
  const std::string one = "/api/v1/contacts/" + std::to_string(c["id"].get<std::int64_t>());
  auto patched = a.patch_json(one, {{"name", "João Pedro da Silva"}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(a.get(base + "?q=pedro").json()["items"].size(), 1u) << "the new name is searchable";
  EXPECT_EQ(a.get("/api/v1/contact-lists/" + std::to_string(list)).json()["contactCount"], 2);
  EXPECT_EQ(a.del(one).status, 204);
  EXPECT_EQ(a.get("/api/v1/contact-lists/" + std::to_string(list)).json()["contactCount"], 1);
}

TEST_P(Contacts, SearchIgnoresAccentsAcceptsAnyPhoneFormatAndPagesByKeyset) {
  auto a = admin();
  const auto list = new_list(a, "Busca");
  const std::string base = "/api/v1/contact-lists/" + std::to_string(list) + "/contacts";
  const std::vector<std::pair<std::string, std::string>> people = {
      {"João da Silva", "11987650001"}, {"Joana Souza", "11987650002"}, {"Maria Joaquina", "21987650003"},
      {"Zé Ninguém", "1134567890"},     {"Ana", "11987650005"}};
  for (const auto& [name, phone] : people) ASSERT_EQ(a.post_json(base, {{"name", name}, {"phones", {phone}}}).status, 201);
  auto names = [&](const std::string& query) {
    std::vector<std::string> out;
    const json page = a.get(base + query).json();
    for (const auto& c : page["items"]) out.push_back(c["name"]);
    return out;
  };
  EXPECT_EQ(names("?q=joao"), (std::vector<std::string>{"João da Silva"}));
  EXPECT_EQ(names("?q=JOA&sort=name"), (std::vector<std::string>{"Joana Souza", "João da Silva", "Maria Joaquina"}));
  EXPECT_EQ(names("?q=joao%20sil"), (std::vector<std::string>{"João da Silva"}));
  EXPECT_EQ(names("?q=ze"), (std::vector<std::string>{"Zé Ninguém"}));
  EXPECT_EQ(names("?q=%2B55%20(21)%2098765-0003"), (std::vector<std::string>{"Maria Joaquina"}));
  EXPECT_EQ(names("?phone=3456-7890"), (std::vector<std::string>{"Zé Ninguém"}));
  EXPECT_EQ(names("?type=fixed"), (std::vector<std::string>{"Zé Ninguém"}));
  EXPECT_EQ(names("?q=(21)%20987"), (std::vector<std::string>{"Maria Joaquina"})) << "the beginning of a number";
  EXPECT_EQ(names("?q=98765-0002"), (std::vector<std::string>{"Joana Souza"})) << "a local number without its DDD";
  // Keyset pages by name, two at a time, cover everyone once in order.
  std::vector<std::string> all;
  std::string cursor;
  for (int page = 0; page < 10; ++page) {
    auto r = a.get(base + "?sort=-name&limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor)).json();
    for (const auto& c : r["items"]) all.push_back(c["name"]);
    if (r["nextCursor"].is_null()) break;
    cursor = r["nextCursor"];
  }
  EXPECT_EQ(all, (std::vector<std::string>{"Zé Ninguém", "Maria Joaquina", "João da Silva", "Joana Souza", "Ana"}));
  EXPECT_EQ(a.get(base + "?cursor=zz").status, 422);
  EXPECT_EQ(a.get(base + "?sort=colour").status, 422);
  EXPECT_EQ(a.get(base + "?q=" + std::string(300, 'a')).status, 422);
  // DNC marks contacts and filters them.
  ASSERT_EQ(a.post_json("/api/v1/dnc", {{"number", "(11) 98765-0005"}}).status, 201);
  EXPECT_EQ(names("?dnc=true"), (std::vector<std::string>{"Ana"}));
  EXPECT_EQ(a.get(base + "?q=ana").json()["items"][0]["dnc"], true);
}

TEST_P(Contacts, CsvImportRunsAsAJobWithAReportOfRejectedRows) {
  auto a = admin();
  const auto list = new_list(a, "Importada");
  const std::string csv =
      "Nome;Telefone;Celular;E-mail;Contrato\r\n"
      "Jo\xE3o da Silva;(11) 98765-4321;;joao@exemplo.com;C-1\r\n"
      "Maria;11 3456-7890;+55 21 99876-5432;;C-2\r\n"
      "Inv\xE1lido;(11) 1234-567;;;\r\n"
      "Gringo;+1 650 253 0000;;;\r\n"
      "Repetido;11987654321;;;\r\n"
      "Colunas;(31) 99999-8888;;;;a mais\r\n";
  auto job = import(a, "/api/v1/contact-lists/" + std::to_string(list) + "/import", csv);
  ASSERT_EQ(job["status"], "completed") << job.dump();
  EXPECT_EQ(job["kind"], "contact-import");
  EXPECT_EQ(job["fileName"], "contatos.csv");
  const json& r = job["result"];
  EXPECT_EQ(r["rows"], 6);
  EXPECT_EQ(r["imported"], 2);
  EXPECT_EQ(r["duplicates"], 1);
  EXPECT_EQ(r["invalid"], 2);
  EXPECT_EQ(r["foreign"], 1);
  EXPECT_EQ(r["updated"], 0);
  EXPECT_EQ(job["processed"], job["total"]);
  ASSERT_TRUE(r["rejectedReport"].is_string());
  auto report = a.get(r["rejectedReport"].get<std::string>());
  ASSERT_EQ(report.status, 200);
  EXPECT_NE(report.header("content-type").find("text/csv"), std::string::npos);
  EXPECT_EQ(report.body.rfind("\xEF\xBB\xBFline;reason;Nome;Telefone;Celular;E-mail;Contrato\r\n", 0), 0u) << report.body;
  EXPECT_NE(report.body.find("\r\n4;número inválido"), std::string::npos) << report.body;
  EXPECT_EQ(std::count(report.body.begin(), report.body.end(), '\n'), 5);  // header + 4 rejected

  auto listed = a.get("/api/v1/jobs?listId=" + std::to_string(list)).json();
  ASSERT_EQ(listed["items"].size(), 1u);
  EXPECT_EQ(a.get("/api/v1/contact-lists/" + std::to_string(list)).json()["contactCount"], 2);

  auto exported = a.get("/api/v1/contact-lists/" + std::to_string(list) + "/export");
  ASSERT_EQ(exported.status, 200);
  EXPECT_EQ(exported.body.rfind("\xEF\xBB\xBFNome;Telefone 1;Tipo 1;", 0), 0u) << exported.body;
  EXPECT_NE(exported.body.find("João da Silva;(11) 98765-4321;celular"), std::string::npos) << exported.body;
  EXPECT_NE(exported.body.find(";Contrato;"), std::string::npos) << "custom fields are labelled";
  EXPECT_NE(exported.header("content-disposition").find("attachment"), std::string::npos);
  EXPECT_EQ(audit_actions().front(), "contacts.export");

  // The same file again: everything is a duplicate now, or updated on request.
  auto again = import(a, "/api/v1/contact-lists/" + std::to_string(list) + "/import", csv, R"({"onDuplicate":"update"})");
  EXPECT_EQ(again["result"]["updated"], 2);
  EXPECT_EQ(again["result"]["imported"], 0);

  auto tpl = a.get("/api/v1/contact-lists/template.csv");
  EXPECT_EQ(tpl.status, 200);
  EXPECT_EQ(tpl.body.rfind("\xEF\xBB\xBFNome;Telefone;Celular;E-mail", 0), 0u);
}

TEST_P(Contacts, ImportRefusesBadUploadsAndFailsUnreadableFilesWithAReason) {
  auto a = admin();
  const auto list = new_list(a, "Ruim");
  const std::string path = "/api/v1/contact-lists/" + std::to_string(list) + "/import";
  EXPECT_EQ(a.request("POST", path, "nome;telefone\n", "text/csv").status, 415);
  EXPECT_EQ(a.request("POST", path, "garbage", kMultipart).status, 400);
  EXPECT_EQ(a.request("POST", path, multipart(""), kMultipart).status, 422);
  EXPECT_EQ(a.request("POST", path, multipart("telefone\n11987654321\n", "{not json"), kMultipart).status, 422);
  EXPECT_EQ(a.request("POST", path, multipart("telefone\n11987654321\n", R"({"colour":1})"), kMultipart).status, 422);
  EXPECT_EQ(a.request("POST", path, multipart("telefone\n11987654321\n", R"({"mapping":{"phone1":-1}})"), kMultipart).status,
            422);
  EXPECT_EQ(a.request("POST", "/api/v1/contact-lists/999999/import", multipart("telefone\n1\n"), kMultipart).status, 404);
  auto huge = a.request("POST", path, multipart(std::string(3 << 20, 'x')), kMultipart);
  EXPECT_EQ(huge.status, 413);
  EXPECT_EQ(huge.error_code(), "payload_too_large");

  auto binary = import(a, path, std::string("PK\x03\x04\0\0\0\0 binary", 16));
  EXPECT_EQ(binary["status"], "failed");
  EXPECT_NE(binary["error"].get<std::string>().find("não é um CSV"), std::string::npos) << binary.dump();
  auto header_only = import(a, path, "nome;telefone\r\n");
  EXPECT_EQ(header_only["status"], "failed");
  auto no_phone = import(a, path, "nome;cidade\nAna;Recife\n");
  EXPECT_EQ(no_phone["status"], "failed");
  EXPECT_NE(no_phone["error"].get<std::string>().find("telefone"), std::string::npos);
  auto unbalanced = import(a, path, "nome,telefone\n\"Ana,11987654321\nBia,11987654322\n");
  EXPECT_EQ(unbalanced["status"], "completed");
  EXPECT_EQ(unbalanced["result"]["imported"], 1);
  EXPECT_EQ(unbalanced["result"]["invalid"], 1);
  EXPECT_EQ(a.get("/api/v1/contact-lists/" + std::to_string(list)).json()["contactCount"], 1) << "nothing half-written";
}

TEST_P(Contacts, DncListAddsChecksImportsAndRemoves) {
  auto a = admin();
  auto added = a.post_json("/api/v1/dnc", {{"number", "(11) 98765-4321"}, {"note", "pediu por telefone"}});
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(added.json()["e164"], "+5511987654321");
  EXPECT_EQ(added.json()["source"], "manual");
  EXPECT_EQ(a.post_json("/api/v1/dnc", {{"number", "+55 11 98765 4321"}}).status, 409);
  EXPECT_EQ(a.post_json("/api/v1/dnc", {{"number", "12"}}).status, 422);
  EXPECT_EQ(a.post_json("/api/v1/dnc", {{"number", "11987654321"}, {"x", 1}}).status, 422);
  EXPECT_EQ(a.get("/api/v1/dnc/check?number=11987654321").json()["dnc"], true);
  EXPECT_EQ(a.get("/api/v1/dnc/check?number=11987654322").json()["dnc"], false);
  EXPECT_EQ(a.get("/api/v1/dnc/check?number=abc").status, 422);
  auto job = import(a, "/api/v1/dnc/import", "numero\n11987654321\n(21) 99876-5432\nxx\n21998765432\n");
  ASSERT_EQ(job["status"], "completed") << job.dump();
  EXPECT_EQ(job["kind"], "dnc-import");
  EXPECT_EQ(job["result"]["imported"], 1);
  EXPECT_EQ(job["result"]["duplicates"], 2) << "one already listed, one repeated in the file";
  EXPECT_EQ(job["result"]["invalid"], 1);
  auto search = a.get("/api/v1/dnc?q=99876").json();
  ASSERT_EQ(search["items"].size(), 1u);
  EXPECT_EQ(search["items"][0]["source"], "import");
  const auto id = added.json()["id"].get<std::int64_t>();
  EXPECT_EQ(a.del("/api/v1/dnc/" + std::to_string(id)).status, 204);
  EXPECT_EQ(a.del("/api/v1/dnc/" + std::to_string(id)).status, 404);
  EXPECT_EQ(audit_actions().front(), "dnc.remove");
}

TEST_P(Contacts, JobsOfAnotherKindOrMissingAnswerClearly) {
  auto a = admin();
  EXPECT_EQ(a.get("/api/v1/jobs/424242").status, 404);
  EXPECT_EQ(a.get("/api/v1/jobs?kind=bogus").status, 422);
  const auto list = new_list(a, "Sem rejeitadas");
  auto job = import(a, "/api/v1/contact-lists/" + std::to_string(list) + "/import", "telefone\n11987654321\n");
  EXPECT_EQ(job["result"]["rejectedReport"], nullptr);
  EXPECT_EQ(a.get("/api/v1/jobs/" + std::to_string(job["id"].get<std::int64_t>()) + "/report").status, 404);
  auto cancel = a.request("POST", "/api/v1/jobs/" + std::to_string(job["id"].get<std::int64_t>()) + "/cancel");
  EXPECT_EQ(cancel.status, 200);
  EXPECT_EQ(cancel.json()["status"], "completed") << "a finished job stays finished";
  EXPECT_EQ(anonymous().get("/api/v1/jobs/1").status, 401);
  EXPECT_EQ(anonymous().get("/api/v1/contact-lists").status, 401);
}

INSTANTIATE_TEST_SUITE_P(Backends, Contacts, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace torpedo::testing
