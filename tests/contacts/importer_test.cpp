// The CSV importer against real SQLite and MariaDB: every row counted once, good rows in,
// bad rows in the report with their physical line and reason, batches all or nothing.
#include "contacts/importer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "storage/contacts.h"
#include "storage/jobs.h"
#include "storage/migrations.h"
#include "support/databases.h"
#include "support/fake_clock.h"
#include "support/fixtures.h"

namespace torpedo::contacts {
namespace {

namespace fs = std::filesystem;
using testing::read_file;

class Importer : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    scratch = std::make_unique<testing::ScratchDatabase>(GetParam());
    if (!scratch->available()) GTEST_SKIP() << scratch->skip_reason();
    db = storage::Database::open(scratch->url(), 2);
    storage::migrate(*db);
    dir = testing::make_temp_dir("import");
    list = db->write([&](storage::Connection& c) {
      storage::ContactListFields f;
      f.name = "Cobrança";
      f.labels[0] = "Contrato";
      return storage::create_list(c, f, std::nullopt, clock.now_ms());
    });
  }
  void TearDown() override {
    db.reset();
    if (!dir.empty()) fs::remove_all(dir);
  }

  ImportJob job_for(const std::string& csv, ImportOptions options = {}) {
    ImportJob j;
    j.list_id = list.id;
    j.custom_labels = {"Contrato", "", "", "", ""};
    j.file = (dir / ("in-" + std::to_string(++files) + ".csv")).string();
    std::ofstream(j.file, std::ios::binary) << csv;
    j.report_file = j.file + ".rejected.csv";
    j.options = options;
    j.batch_rows = 3;  // small batches: several commits per test
    storage::Job row;
    row.kind = "contact-import";
    row.created_at = clock.now_ms();
    row.list_id = list.id;
    db->write([&](storage::Connection& c) {
      storage::insert_job(c, row);
      return 0;
    });
    j.job_id = row.id;
    return j;
  }

  ImportResult run(const ImportJob& j, ImportHooks hooks = {}) { return run_import(*db, clock, j, hooks); }

  std::int64_t contacts() {
    return db->read([&](storage::Connection& c) {
      return c.query_one("SELECT COUNT(*) AS n FROM contacts WHERE list_id = :l", {{"l", list.id}})->i64("n");
    });
  }

  testing::FakeClock clock;
  std::unique_ptr<testing::ScratchDatabase> scratch;
  std::unique_ptr<storage::Database> db;
  fs::path dir;
  storage::ContactList list;
  int files = 0;
};

const std::string kMessy =
    "Nome;Telefone;Celular;E-mail;Contrato\r\n"          // line 1
    "Jo\xE3o da Silva;(11) 98765-4321;;JOAO@EXEMPLO.COM;C-1\r\n"  // 2 imported
    "Maria;11 3456-7890;+55 21 99876-5432;;C-2\r\n"       // 3 imported (two phones)
    "Inv\xE1lido;(11) 1234-567;;;\r\n"                    // 4 invalid
    "Gringo;+1 650 253 0000;;;\r\n"                       // 5 foreign
    "Repetido;11987654321;;;\r\n"                          // 6 duplicate of line 2
    "\"Quebra\r\nde linha\";(21) 3333-4444;;;C-7\r\n"     // 7-8 imported, a two-line name
    "Colunas;(31) 99999-8888;;;;a mais\r\n"               // 9 invalid: too many columns
    "Letras;11 9876-ABCD;;;\r\n"                          // 10 invalid
    "Sem telefone;;;;\r\n"                                // 11 invalid
    "S\xF3 fixo;(48) 3222-1111;;;\r\n";                   // 12 imported

TEST_P(Importer, MessyWindows1252FileCountsEveryRowOnce) {
  auto j = job_for(kMessy);
  auto r = run(j);
  EXPECT_EQ(r.rows, 10);
  EXPECT_EQ(r.imported, 4);
  EXPECT_EQ(r.duplicates, 1);
  EXPECT_EQ(r.invalid, 4);
  EXPECT_EQ(r.foreign, 1);
  EXPECT_EQ(r.rows, r.imported + r.updated + r.duplicates + r.invalid + r.foreign);
  EXPECT_EQ(contacts(), 4);
  EXPECT_EQ(db->read([&](storage::Connection& c) { return storage::find_list(c, list.id)->contact_count; }), 4);

  const std::string report = read_file(j.report_file);
  EXPECT_EQ(report.substr(0, 3), "\xEF\xBB\xBF") << "UTF-8 with BOM for Excel";
  EXPECT_NE(report.find("line;reason;Nome;Telefone;Celular;E-mail;Contrato\r\n"), std::string::npos);
  EXPECT_NE(report.find("4;número inválido: (11) 1234-567;Inválido;"), std::string::npos) << report;
  EXPECT_NE(report.find("5;número de outro país (+1): +1 650 253 0000;Gringo"), std::string::npos) << report;
  EXPECT_NE(report.find("6;duplicado no arquivo (mesmo telefone da linha 2)"), std::string::npos) << report;
  EXPECT_NE(report.find("9;colunas a mais"), std::string::npos) << report;
  EXPECT_NE(report.find("10;número com letras"), std::string::npos) << report;
  EXPECT_NE(report.find("11;sem telefone"), std::string::npos) << report;

  storage::ContactQuery q;
  q.list_id = list.id;
  q.words = {"joao"};
  auto found = db->read([&](storage::Connection& c) { return storage::search_contacts(c, q); });
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].name, "João da Silva");
  EXPECT_EQ(found[0].email, "joao@exemplo.com");
  EXPECT_EQ(found[0].custom[0], "C-1");
  q.words = {"quebra", "de"};
  found = db->read([&](storage::Connection& c) { return storage::search_contacts(c, q); });
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].name, "Quebra\nde linha");
  q.words = {"maria"};
  found = db->read([&](storage::Connection& c) { return storage::search_contacts(c, q); });
  ASSERT_EQ(found.size(), 1u);
  ASSERT_EQ(found[0].phones.size(), 2u);
  EXPECT_EQ(found[0].phones[1].e164, "+5521998765432");
}

TEST_P(Importer, DuplicatesAgainstTheListAreSkippedOrUpdated) {
  run(job_for("nome,telefone\nAna,11987654321\nBia,11987654322\n"));
  auto again = job_for("nome,telefone,email\nAna Paula,(11) 98765-4321,ana@x.com\nCris,11987654323,\n");
  auto r = run(again);
  EXPECT_EQ(r.imported, 1);
  EXPECT_EQ(r.duplicates, 1);
  EXPECT_NE(read_file(again.report_file).find("já existe na lista"), std::string::npos);
  ImportOptions update;
  update.update_duplicates = true;
  r = run(job_for("nome,telefone,email\nAna Paula,(11) 98765-4321,ana@x.com\n", update));
  EXPECT_EQ(r.updated, 1);
  EXPECT_EQ(r.imported, 0);
  EXPECT_EQ(contacts(), 3);
  storage::ContactQuery q;
  q.list_id = list.id;
  q.words = {"paula"};
  auto found = db->read([&](storage::Connection& c) { return storage::search_contacts(c, q); });
  ASSERT_EQ(found.size(), 1u) << "the updated name is searchable";
  EXPECT_EQ(found[0].email, "ana@x.com");
}

TEST_P(Importer, DncNumbersAreImportedAndCounted) {
  db->write([&](storage::Connection& c) {
    storage::add_dnc(c, "+5511987654321", "manual", std::nullopt, std::nullopt, 1);
    return 0;
  });
  auto r = run(job_for("telefone\n11987654321\n11987654322\n"));
  EXPECT_EQ(r.imported, 2);
  EXPECT_EQ(r.dnc, 1);
  storage::ContactQuery q;
  q.list_id = list.id;
  q.dnc = true;
  auto marked = db->read([&](storage::Connection& c) { return storage::search_contacts(c, q); });
  ASSERT_EQ(marked.size(), 1u);
  EXPECT_TRUE(marked[0].dnc);
}

TEST_P(Importer, FilesThatCannotBeImportedFailWithAReason) {
  EXPECT_THROW(run(job_for("")), ImportError);
  EXPECT_THROW(run(job_for(std::string("PK\x03\x04\0\0binary", 12))), ImportError);
  EXPECT_THROW(run(job_for("nome;codigo\nAna;1\n")), ImportError) << "no phone column";
  EXPECT_THROW(run(job_for("nome;telefone\n")), ImportError) << "header only";
  try {
    run(job_for("nome;codigo\nAna;1\n"));
  } catch (const ImportError& e) {
    EXPECT_NE(std::string(e.what()).find("telefone"), std::string::npos) << e.what();
  }
  // A bare column of numbers needs no header.
  auto r = run(job_for("11987654321\n11987654322\n"));
  EXPECT_EQ(r.imported, 2);
  EXPECT_EQ(contacts(), 2);
}

TEST_P(Importer, AHugeLineAndShortRowsAreRejectedTheRestImports) {
  // A 50 MB single line (a file with its line breaks lost, or an attack) costs one row.
  std::string csv = "nome;telefone;email\nAna;11987654321;a@x.com\n";
  csv += std::string(50 << 20, 'x') + ";11987654322;b@x.com\n";
  csv += "Bia;11987654323\n";  // a column short
  csv += "Cris;11987654324;c@x.com\n";
  auto j = job_for(csv);
  auto r = run(j);
  EXPECT_EQ(r.rows, 4);
  EXPECT_EQ(r.imported, 2);
  EXPECT_EQ(r.invalid, 2);
  const std::string report = read_file(j.report_file);
  EXPECT_NE(report.find("\r\n3;linha longa demais"), std::string::npos) << report.substr(0, 300);
  EXPECT_NE(report.find("\r\n4;colunas a menos: 2 em vez de 3;Bia;11987654323"), std::string::npos) << report.substr(0, 300);
}

TEST_P(Importer, ExplicitMappingAndNoHeader) {
  ImportOptions o;
  o.has_header = false;
  o.mapping[static_cast<std::size_t>(Field::phone1)] = 1;
  o.mapping[static_cast<std::size_t>(Field::name)] = 0;
  auto r = run(job_for("Ana|x;11987654321\nBia;11987654322\n", o));
  EXPECT_EQ(r.imported, 2);
  EXPECT_EQ(r.rows, 2);
}

TEST_P(Importer, CancellingKeepsWholeBatchesOnly) {
  std::string csv = "nome,telefone\n";
  for (int i = 0; i < 20; ++i) csv += "P" + std::to_string(i) + ",1198765" + std::to_string(4000 + i) + "\n";
  int batches = 0;
  ImportHooks hooks;
  hooks.progress = [&](std::uint64_t, std::uint64_t, const ImportResult&) { ++batches; };
  hooks.cancelled = [&] { return batches >= 2; };
  hooks.result_json = [](const ImportResult& r) { return std::to_string(r.imported); };
  auto r = run(job_for(csv), hooks);
  EXPECT_EQ(r.imported, 6) << "two batches of three";
  EXPECT_EQ(contacts(), 6);
  EXPECT_EQ(r.rows, 6);
}

TEST_P(Importer, AFailingBatchLeavesNothingHalfWritten) {
  // A batch whose write fails (here: the list vanished under it, so the foreign key refuses)
  // leaves no contact of that batch behind.
  auto j = job_for("nome,telefone\nA,11987654321\nB,11987654322\nC,11987654323\nD,11987654324\n");
  ImportHooks hooks;
  hooks.progress = [&](std::uint64_t, std::uint64_t, const ImportResult&) {
    db->write([&](storage::Connection& c) {
      c.exec("DELETE FROM contact_words");
      c.exec("DELETE FROM contacts");
      c.exec("DELETE FROM contact_lists WHERE id = :id", {{"id", list.id}});
      return 0;
    });
  };
  EXPECT_ANY_THROW(run(j, hooks));
  EXPECT_EQ(contacts(), 0) << "the second batch (D) was rolled back whole";
}

TEST_P(Importer, SearchFindsCommonAndRareWordsByPrefix) {
  // More than 2000 contacts share "maria": the search then walks the list instead of the
  // word index. Both ways must give the same answers.
  std::string csv = "nome;telefone\n";
  for (int i = 0; i < 2100; ++i)
    csv += std::string(i % 2 ? "Maria Silva " : "Maria Souza ") + std::to_string(i) + ";1198" + std::to_string(1000000 + i) + "\n";
  csv += "Zuleica Silva;11970000001\n";
  auto j = job_for(csv);
  j.batch_rows = 1000;
  EXPECT_EQ(run(j).imported, 2101);
  auto search = [&](std::vector<std::string> words, int limit) {
    storage::ContactQuery q;
    q.list_id = list.id;
    q.words = std::move(words);
    q.limit = limit;
    return db->read([&](storage::Connection& c) { return storage::search_contacts(c, q); });
  };
  EXPECT_EQ(search({"mar"}, 1000).size(), 1000u) << "a full page of a common word";
  EXPECT_EQ(search({"maria", "sil", "1051"}, 1000).size(), 1u) << "two common words and a rare one";
  EXPECT_TRUE(search({"maria", "sil", "1052"}, 1000).empty()) << "1052 is a Souza";
  EXPECT_EQ(search({"sil", "zul"}, 1000).size(), 1u);
  auto page = search({"souza"}, 10);
  ASSERT_EQ(page.size(), 10u);
  EXPECT_LT(page[0].id, page[1].id) << "in the page's order";
  EXPECT_TRUE(search({"ouza"}, 10).empty()) << "word prefixes, not substrings";
}

INSTANTIATE_TEST_SUITE_P(Backends, Importer, ::testing::ValuesIn(testing::backend_names()),
                         [](const auto& info) { return info.param; });

TEST(ImportPreview, DetectsAndMaps) {
  auto p = preview("Nome;Celular;E-mail\r\nJo\xE3o;(11) 98765-4321;j@x.com\r\nAna;1199;a@", {});
  EXPECT_EQ(p.dialect.delimiter, ';');
  EXPECT_EQ(p.dialect.encoding, Encoding::windows1252);
  EXPECT_EQ(p.header, (std::vector<std::string>{"Nome", "Celular", "E-mail"}));
  ASSERT_EQ(p.rows.size(), 1u) << "the cut last line is not shown";
  EXPECT_EQ(p.rows[0][0], "João");
  EXPECT_EQ(p.mapping[static_cast<std::size_t>(Field::phone1)], 1u);
  EXPECT_THROW(preview(std::string("\0\0\0", 3)), ImportError);
}

}  // namespace
}  // namespace torpedo::contacts
