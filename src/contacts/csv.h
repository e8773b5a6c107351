#pragma once
// CSV as Excel, CRMs and collection systems write it: UTF-8 with or without BOM or
// Windows-1252; ',', ';' or TAB; quoted fields with delimiters, quotes ("") and line breaks.
// The reader streams: it holds one record at a time, never the file, and reports where each
// record starts (its physical line) and what is wrong with a broken one.
#include <cstdint>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace torpedo::contacts {

enum class Encoding { utf8, windows1252 };
const char* to_string(Encoding e);  // "utf-8", "windows-1252"

struct CsvDialect {
  char delimiter = ',';
  Encoding encoding = Encoding::utf8;
};

// What the first bytes of a file say about it.
struct Sniffed {
  CsvDialect dialect;
  bool bom = false;     // UTF-8 byte order mark
  bool binary = false;  // NUL bytes or UTF-16: not a CSV file we can read
  std::string problem;  // Portuguese, when binary
};
Sniffed sniff(std::string_view head);

struct CsvRecord {
  std::vector<std::string> fields;  // UTF-8
  std::uint64_t line = 0;           // the physical line where the record starts, 1-based
  std::string error;                // empty, or why the record is broken (Portuguese)
};

struct CsvLimits {
  std::size_t max_record_bytes = 64 * 1024;  // a longer record is reported broken and skipped
  std::size_t max_fields = 256;
};

class CsvReader {
 public:
  // `in` is positioned at the start of the file; a UTF-8 BOM is skipped.
  CsvReader(std::istream& in, CsvDialect dialect, CsvLimits limits = {});
  // The next record; false at the end of the file. Blank lines are skipped.
  bool next(CsvRecord& out);
  // Bytes of the file consumed so far (for progress).
  std::uint64_t consumed() const { return consumed_; }

 private:
  bool fill();  // reads more into buf_; false at EOF
  int peek();   // next byte or -1 at EOF
  void finish_field(CsvRecord& r, std::string& field) const;
  void skip_rest_of_line();

  std::istream& in_;
  CsvDialect dialect_;
  CsvLimits limits_;
  std::string buf_;
  std::size_t pos_ = 0;
  std::uint64_t consumed_ = 0;
  std::uint64_t line_ = 1;
  bool started_ = false;
};

// Writes records for Excel: fields quoted when they hold the delimiter, a quote, a line break
// or leading/trailing spaces; CRLF line ends.
class CsvWriter {
 public:
  CsvWriter(std::ostream& out, char delimiter = ';', bool bom = true);
  void write(const std::vector<std::string>& fields);

 private:
  std::ostream& out_;
  char delimiter_;
};

}  // namespace torpedo::contacts
