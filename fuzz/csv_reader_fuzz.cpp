// libFuzzer target for the CSV reader: any bytes, delimiters and encodings; small limits so
// that the long-record and unclosed-quote paths run often. Invariants: it never crashes or
// loops, physical lines only grow, consumed() never passes the input, and a record read
// without error survives a write and read back unchanged.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "contacts/csv.h"

using namespace torpedo::contacts;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const Sniffed sniffed = sniff(input.substr(0, 4096));
  if (sniffed.binary) return 0;
  for (char delimiter : {sniffed.dialect.delimiter, ';'}) {
    std::istringstream in(input);
    CsvLimits limits;
    limits.max_record_bytes = 256;
    limits.max_fields = 16;
    CsvReader reader(in, {delimiter, sniffed.dialect.encoding}, limits);
    CsvRecord record;
    std::uint64_t last_line = 0;
    int records = 0;
    while (reader.next(record)) {
      if (record.line < last_line) __builtin_trap();
      last_line = record.line;
      if (reader.consumed() > size) __builtin_trap();
      if (++records > 100000) __builtin_trap();
      if (!record.error.empty() || record.fields.empty()) continue;
      std::ostringstream out;
      CsvWriter writer(out, delimiter, false);
      writer.write(record.fields);
      std::istringstream again(out.str());
      CsvReader back(again, {delimiter, Encoding::utf8});
      CsvRecord copy;
      // Blank records (one empty field) are skipped as blank lines: nothing to compare.
      if (record.fields.size() == 1 && record.fields[0].empty()) continue;
      // A field that starts with a BOM would be read back as the file's BOM: not comparable.
      if (record.fields[0].rfind("\xEF\xBB\xBF", 0) == 0) continue;
      if (!back.next(copy) || copy.fields != record.fields) __builtin_trap();
    }
  }
  return 0;
}
