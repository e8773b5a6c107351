// Text folding and encodings, and the streaming CSV reader on what Excel, CRMs and collection
// systems really write.
#include <gtest/gtest.h>

#include <sstream>

#include "common/text.h"
#include "contacts/csv.h"
#include "contacts/mapping.h"

namespace torpedo::contacts {
namespace {

std::vector<CsvRecord> read_all(const std::string& text, CsvDialect d = {}, CsvLimits limits = {}) {
  std::istringstream in(text);
  CsvReader r(in, d, limits);
  std::vector<CsvRecord> out;
  CsvRecord rec;
  while (r.next(rec)) out.push_back(rec);
  return out;
}

TEST(Text, FoldIgnoresCaseAccentsAndPunctuation) {
  EXPECT_EQ(fold("  João  D'Ávila-Souza "), "joao d avila souza");
  EXPECT_EQ(fold("ÇÃO ÑANDÚ Œuvre straße"), "cao nandu oeuvre strasse");
  EXPECT_EQ(fold("Łukasz Żółć"), "lukasz zolc");
  EXPECT_EQ(fold("Ana\xC2\xA0Maria"), "ana maria") << "non-breaking space";
  EXPECT_EQ(fold("\xFF\xFE"), "") << "malformed bytes are separators";
  EXPECT_EQ(folded_words("Maria da Silva da Costa"), (std::vector<std::string>{"maria", "da", "silva", "costa"}));
}

TEST(Text, Encodings) {
  EXPECT_TRUE(is_utf8("João"));
  EXPECT_FALSE(is_utf8("Jo\xE3o"));
  EXPECT_FALSE(is_utf8("\xC0\xAF")) << "overlong";
  EXPECT_FALSE(is_utf8("\xED\xA0\x80")) << "surrogate";
  EXPECT_TRUE(is_utf8("abc\xC3", true)) << "cut at the end of a sample";
  EXPECT_FALSE(is_utf8("abc\xC3", false));
  EXPECT_EQ(windows1252_to_utf8("Jo\xE3o \x80 \x93ok\x94"), "João € “ok”");
}

TEST(Csv, SniffsEncodingAndDelimiter) {
  auto s = sniff("nome;telefone\r\nJo\xE3o;11987654321\r\n");
  EXPECT_EQ(s.dialect.delimiter, ';');
  EXPECT_EQ(s.dialect.encoding, Encoding::windows1252);
  s = sniff("\xEF\xBB\xBFname,phone\n");
  EXPECT_TRUE(s.bom);
  EXPECT_EQ(s.dialect.delimiter, ',');
  EXPECT_EQ(s.dialect.encoding, Encoding::utf8);
  EXPECT_EQ(sniff("a\tb\tc\n").dialect.delimiter, '\t');
  EXPECT_EQ(sniff("\"x;y\",z\n").dialect.delimiter, ',') << "delimiters inside quotes do not count";
  EXPECT_TRUE(sniff(std::string("PK\x03\x04\0\0", 6)).binary);
  EXPECT_TRUE(sniff("\xFF\xFEn\0o\0").binary) << "UTF-16";
}

TEST(Csv, QuotesDelimitersNewlinesAndPhysicalLines) {
  auto r = read_all("a,b,c\r\n\"x, y\",\"he said \"\"hi\"\"\",\"two\r\nlines\"\r\n\r\nlast,,\n", {',', Encoding::utf8});
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[1].fields, (std::vector<std::string>{"x, y", "he said \"hi\"", "two\nlines"}));
  EXPECT_EQ(r[1].line, 2u);
  EXPECT_EQ(r[2].line, 5u) << "the record after a two-line field and a blank line";
  EXPECT_EQ(r[2].fields, (std::vector<std::string>{"last", "", ""}));
}

TEST(Csv, BomAndWindows1252) {
  auto r = read_all("\xEF\xBB\xBFnome\nJoão\n", {',', Encoding::utf8});
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].fields[0], "nome");
  r = read_all("nome\nJo\xE3o\n", {',', Encoding::windows1252});
  EXPECT_EQ(r[1].fields[0], "João");
  r = read_all("nome\nJo\xE3o\n", {',', Encoding::utf8});
  EXPECT_EQ(r[1].fields[0], "João") << "a stray Windows-1252 byte in a UTF-8 file";
}

TEST(Csv, AnUnclosedQuoteLosesOneLineNotTheFile) {
  auto r = read_all("a;b\n1;\"broken\n2;ok\n3;ok\n", {';', Encoding::utf8});
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[1].line, 2u);
  EXPECT_EQ(r[1].error, "aspas sem fechamento");
  EXPECT_EQ(r[2].fields, (std::vector<std::string>{"2", "ok"}));
  EXPECT_EQ(r[2].line, 3u);
  EXPECT_EQ(r[3].line, 4u);
}

TEST(Csv, AHugeLineIsRefusedAndSkipped) {
  std::string text = "a,b\n" + std::string(200000, 'x') + "\n1,2\n";
  CsvLimits limits;
  limits.max_record_bytes = 1024;
  auto r = read_all(text, {',', Encoding::utf8}, limits);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_NE(r[1].error.find("linha longa demais"), std::string::npos);
  EXPECT_EQ(r[2].fields, (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(r[2].line, 3u);
  // A quoted field that never closes and runs past the limit: the rest is read again.
  text = "a,b\n1,\"" + std::string(3000, 'y') + "\n2,3\n";
  r = read_all(text, {',', Encoding::utf8}, limits);
  ASSERT_GE(r.size(), 2u);
  EXPECT_FALSE(r[1].error.empty());
}

TEST(Csv, ByteAtATimeGivesTheSameRecords) {
  // The reader refills its buffer; feeding through a stream of one-byte reads must not change anything.
  const std::string text = "n;t\r\n\"a;b\";\"1\r\n2\"\r\nc;3\r\n";
  struct OneByte : std::streambuf {
    explicit OneByte(const std::string& s) : s_(s) {}
    int_type underflow() override {
      if (pos_ >= s_.size()) return traits_type::eof();
      c_ = s_[pos_++];
      setg(&c_, &c_, &c_ + 1);
      return traits_type::to_int_type(c_);
    }
    std::string s_;
    std::size_t pos_ = 0;
    char c_ = 0;
  } buf(text);
  std::istream in(&buf);
  CsvReader r(in, {';', Encoding::utf8});
  std::vector<CsvRecord> got;
  CsvRecord rec;
  while (r.next(rec)) got.push_back(rec);
  auto want = read_all(text, {';', Encoding::utf8});
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i].fields, want[i].fields);
}

TEST(Csv, WriterQuotesWhatNeedsIt) {
  std::ostringstream out;
  CsvWriter w(out, ';', true);
  w.write({"a;b", "say \"x\"", "two\nlines", " pad", "plain"});
  EXPECT_EQ(out.str(), "\xEF\xBB\xBF\"a;b\";\"say \"\"x\"\"\";\"two\nlines\";\" pad\";plain\r\n");
  auto back = read_all(out.str(), {';', Encoding::utf8});
  EXPECT_EQ(back[0].fields, (std::vector<std::string>{"a;b", "say \"x\"", "two\nlines", " pad", "plain"}));
}

TEST(Mapping, PortugueseAndEnglishHeaders) {
  auto m = map_header({"Nome", "Telefone", "Celular", "E-mail", "CPF"}, {"CPF", "", "", "", ""});
  EXPECT_EQ(m[static_cast<std::size_t>(Field::name)], 0u);
  EXPECT_EQ(m[static_cast<std::size_t>(Field::phone1)], 1u);
  EXPECT_EQ(m[static_cast<std::size_t>(Field::phone2)], 2u);
  EXPECT_EQ(m[static_cast<std::size_t>(Field::email)], 3u);
  EXPECT_EQ(m[static_cast<std::size_t>(Field::custom1)], 4u) << "the list's own label";
  m = map_header({"phone 2", "NAME", "mobile", "Custom 3"});
  EXPECT_EQ(m[static_cast<std::size_t>(Field::phone2)], 0u);
  EXPECT_EQ(m[static_cast<std::size_t>(Field::phone1)], 2u);
  EXPECT_EQ(m[static_cast<std::size_t>(Field::name)], 1u);
  EXPECT_EQ(m[static_cast<std::size_t>(Field::custom3)], 3u);
  m = map_header({"Código", "Observação"});
  EXPECT_FALSE(m[static_cast<std::size_t>(Field::phone1)]);
}

}  // namespace
}  // namespace torpedo::contacts
