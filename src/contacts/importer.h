#pragma once
// The CSV importer behind POST /contact-lists/{id}/import and POST /dnc/import. Streams the
// file (never holds it), validates every row, and writes in batches: each batch's contacts,
// the list's count and the job's progress and result commit in one transaction, so a crash
// never leaves half a batch and the job's figures always match what is stored.
#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

#include "common/clock.h"
#include "contacts/csv.h"
#include "contacts/mapping.h"
#include "contacts/phone.h"
#include "storage/database.h"

namespace torpedo::contacts {

// The file cannot be imported at all (binary, no phone column…): the job fails with this.
struct ImportError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct ImportOptions {
  PhoneOptions phone;
  bool update_duplicates = false;
  bool has_header = true;
  std::optional<char> delimiter;
  std::optional<Encoding> encoding;
  Mapping mapping{};  // explicit columns; fields left empty are mapped from the header
  std::array<bool, kFieldCount> skip{};  // fields not to import at all, whatever the header says
};

struct ImportResult {
  std::int64_t rows = 0;  // = imported + updated + duplicates + invalid + foreign
  std::int64_t imported = 0;
  std::int64_t updated = 0;
  std::int64_t duplicates = 0;
  std::int64_t invalid = 0;
  std::int64_t foreign = 0;
  std::int64_t dnc = 0;  // imported contacts whose first phone is on the DNC list
  std::int64_t rejected() const { return duplicates + invalid + foreign; }
};

struct ImportJob {
  enum class Kind { contacts, dnc } kind = Kind::contacts;
  std::int64_t job_id = 0;
  std::int64_t list_id = 0;                 // contacts
  std::array<std::string, 5> custom_labels; // the list's, for header mapping
  std::string file;                         // the CSV
  std::string report_file;                  // rejected rows go here (removed when none)
  ImportOptions options;
  std::optional<std::int64_t> user;
  std::size_t batch_rows = 12000;
};

struct ImportHooks {
  std::function<bool()> cancelled;  // checked between batches
  // After each committed batch: bytes read, file size, result so far.
  std::function<void(std::uint64_t processed, std::uint64_t total, const ImportResult&)> progress;
  // The result as the job stores it (JSON), written with each batch.
  std::function<std::string(const ImportResult&)> result_json;
};

// Runs the import; throws ImportError when the file cannot be read at all. Stops early (with
// what was committed) when `cancelled` says so.
ImportResult run_import(storage::Database& db, const Clock& clock, const ImportJob& job, const ImportHooks& hooks);

// What the preview endpoint shows: dialect, header, sample rows and the automatic mapping.
struct Preview {
  CsvDialect dialect;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  Mapping mapping{};
};
Preview preview(std::string_view head, const std::array<std::string, 5>& custom_labels = {});

}  // namespace torpedo::contacts
