#include "contacts/importer.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>
#include <sstream>
#include <unordered_map>

#include "common/strings.h"
#include "storage/contacts.h"
#include "storage/jobs.h"

namespace torpedo::contacts {

namespace {

// The digits of an E.164 number as one integer: a compact key for the in-file duplicate check
// (a million rows cost a few tens of MB, not the file).
std::uint64_t e164_key(const std::string& e164) {
  std::uint64_t k = 0;
  for (char c : e164)
    if (c >= '0' && c <= '9') k = k * 10 + static_cast<std::uint64_t>(c - '0');
  return k;
}

bool looks_like_email(const std::string& s) {
  const auto at = s.find('@');
  if (at == std::string::npos || at == 0 || s.size() > 254 || s.find('@', at + 1) != std::string::npos) return false;
  const auto dot = s.find('.', at);
  if (dot == std::string::npos || dot == at + 1 || dot + 1 >= s.size()) return false;
  for (char c : s)
    if (static_cast<unsigned char>(c) <= ' ' || c == ',' || c == ';' || c == '<' || c == '>') return false;
  return true;
}

std::string clip_utf8(std::string s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  s.resize(n);
  return s;
}

std::optional<std::string> cell(const std::vector<std::string>& fields, const std::optional<std::size_t>& col,
                                std::size_t max) {
  if (!col || *col >= fields.size()) return std::nullopt;
  std::string v = trim(fields[*col]);
  if (v.empty()) return std::nullopt;
  return clip_utf8(std::move(v), max);
}

// The first phones seen so far in the file and the line of each: open addressing over two flat
// arrays (12 bytes a slot), a third of what a node-based map costs for a million rows.
class SeenNumbers {
 public:
  SeenNumbers() : keys_(1 << 16, 0), lines_(1 << 16, 0) {}
  // The line where `key` was first seen, or 0 after recording it as seen at `line`.
  std::uint32_t check(std::uint64_t key, std::uint32_t line) {
    if ((size_ + 1) * 10 > keys_.size() * 6) grow();
    std::size_t i = slot(key);
    while (keys_[i] != 0) {
      if (keys_[i] == key) return lines_[i];
      i = (i + 1) & (keys_.size() - 1);
    }
    keys_[i] = key;
    lines_[i] = line;
    ++size_;
    return 0;
  }

 private:
  std::size_t slot(std::uint64_t key) const {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 20) & (keys_.size() - 1);
  }
  void grow() {
    std::vector<std::uint64_t> keys(keys_.size() * 2, 0);
    std::vector<std::uint32_t> lines(keys.size(), 0);
    keys.swap(keys_);
    lines.swap(lines_);
    for (std::size_t j = 0; j < keys.size(); ++j) {
      if (!keys[j]) continue;
      std::size_t i = slot(keys[j]);
      while (keys_[i] != 0) i = (i + 1) & (keys_.size() - 1);
      keys_[i] = keys[j];
      lines_[i] = lines[j];
    }
  }
  std::vector<std::uint64_t> keys_;  // E.164 digits as a number; 0 = empty
  std::vector<std::uint32_t> lines_;
  std::size_t size_ = 0;
};

// A row on its way to the database. Its original columns are kept packed in one string (a
// batch holds thousands) for the report, should the list turn out to have it already.
struct Pending {
  std::uint64_t line = 0;
  std::string packed_fields;  // joined by '\x1f'
  storage::Contact contact;
};

std::string pack(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += '\x1f';
    out += fields[i];
  }
  return out;
}

std::vector<std::string> unpack(const std::string& packed) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    auto sep = packed.find('\x1f', start);
    out.push_back(packed.substr(start, sep == std::string::npos ? std::string::npos : sep - start));
    if (sep == std::string::npos) return out;
    start = sep + 1;
  }
}

class Report {
 public:
  Report(const std::string& path, const std::vector<std::string>& header) : path_(path), header_(header) {}
  ~Report() {
    if (writer_) out_.close();
  }
  void reject(std::uint64_t line, const std::string& reason, const std::vector<std::string>& fields) {
    if (!writer_) {
      out_.open(path_, std::ios::binary | std::ios::trunc);
      if (!out_) throw ImportError("não foi possível gravar o relatório de linhas rejeitadas (disco cheio?)");
      writer_.emplace(out_, ';', true);
      std::vector<std::string> head{"line", "reason"};
      head.insert(head.end(), header_.begin(), header_.end());
      writer_->write(head);
    }
    std::vector<std::string> row{std::to_string(line), reason};
    row.insert(row.end(), fields.begin(), fields.end());
    writer_->write(row);
  }
  void flush() {
    if (writer_) out_.flush();
  }
  bool empty() const { return !writer_; }

 private:
  std::string path_;
  std::vector<std::string> header_;
  std::ofstream out_;
  std::optional<CsvWriter> writer_;
};

}  // namespace

Preview preview(std::string_view head, const std::array<std::string, 5>& custom_labels) {
  const Sniffed s = sniff(head);
  if (s.binary) throw ImportError(s.problem);
  Preview p;
  p.dialect = s.dialect;
  // The sample may end mid-record: drop what follows its last line break.
  std::string text(head);
  if (auto nl = text.find_last_of('\n'); nl != std::string::npos && nl + 1 < text.size()) text.resize(nl + 1);
  std::istringstream in(text);
  CsvReader reader(in, s.dialect);
  CsvRecord r;
  if (reader.next(r)) p.header = r.fields;
  while (p.rows.size() < 10 && reader.next(r)) p.rows.push_back(r.fields);
  p.mapping = map_header(p.header, custom_labels);
  return p;
}

namespace {

// One batch on its way from the reading thread to the writing one.
struct Batch {
  std::vector<Pending> rows;                          // valid, unique in the file so far
  std::vector<std::pair<std::uint64_t, std::pair<std::string, std::vector<std::string>>>> rejected;
  ImportResult counted;                               // rows, invalid, foreign, duplicates in the file
  std::uint64_t consumed = 0;                         // bytes of the file read up to its end
  bool last = false;
};

// A bounded queue: the reader prepares the next batch while the writer stores one.
class BatchQueue {
 public:
  void push(Batch b) {
    std::unique_lock lock(mutex_);
    space_.wait(lock, [&] { return queue_.empty() || closed_; });
    if (closed_) return;
    queue_.push_back(std::move(b));
    ready_.notify_one();
  }
  std::optional<Batch> pop() {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return !queue_.empty() || closed_; });
    if (queue_.empty()) return std::nullopt;
    Batch b = std::move(queue_.front());
    queue_.pop_front();
    space_.notify_one();
    return b;
  }
  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    ready_.notify_all();
    space_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_, space_;
  std::deque<Batch> queue_;
  bool closed_ = false;
};

}  // namespace

ImportResult run_import(storage::Database& db, const Clock& clock, const ImportJob& job, const ImportHooks& hooks) {
  std::ifstream in(job.file, std::ios::binary);
  if (!in) throw ImportError("o arquivo enviado não pôde ser lido");
  const std::uint64_t total = std::filesystem::file_size(job.file);
  std::string head(64 * 1024, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  if (head.empty()) throw ImportError("o arquivo está vazio");
  const Sniffed sniffed = sniff(head);
  if (sniffed.binary) throw ImportError(sniffed.problem);
  CsvDialect dialect = sniffed.dialect;
  if (job.options.delimiter) dialect.delimiter = *job.options.delimiter;
  if (job.options.encoding) dialect.encoding = *job.options.encoding;
  in.clear();
  in.seekg(0);
  CsvReader reader(in, dialect);

  // Header and mapping, before anything is written.
  CsvRecord record;
  std::vector<std::string> header;
  std::optional<CsvRecord> first_data;
  Mapping mapping{};
  if (job.options.has_header) {
    if (!reader.next(record)) throw ImportError("o arquivo está vazio");
    header = record.fields;
    mapping = map_header(header, job.custom_labels);
  }
  for (std::size_t i = 0; i < kFieldCount; ++i) {
    if (job.options.mapping[i]) mapping[i] = job.options.mapping[i];
    if (job.options.skip[i]) mapping[i].reset();
  }
  const PhoneParser phones(job.options.phone);
  if (!mapping[static_cast<std::size_t>(Field::phone1)]) {
    // A single column of numbers without a header is a common DNC or quick list.
    const auto first = header.size() == 1 ? phones.parse(header[0]).error : PhoneError::empty;
    if (job.options.has_header && (first == PhoneError::none || first == PhoneError::foreign)) {
      first_data = record;
      header = {"telefone"};
      mapping[static_cast<std::size_t>(Field::phone1)] = 0;
    } else if (!job.options.has_header) {
      mapping[static_cast<std::size_t>(Field::phone1)] = 0;
    } else {
      std::string names;
      for (const auto& h : header) names += (names.empty() ? "" : ", ") + ("\"" + h + "\"");
      throw ImportError("nenhuma coluna de telefone no cabeçalho (" + names +
                        "): chame a coluna de \"telefone\" ou indique-a no mapeamento");
    }
  }
  const bool dnc_kind = job.kind == ImportJob::Kind::dnc;
  auto column = [&](Field f) { return mapping[static_cast<std::size_t>(f)]; };

  // Reading and validating run on their own thread, writing on this one: the two halves of
  // an import cost about the same, and the machine has two cores.
  BatchQueue queue;
  std::atomic<bool> stop{false};
  std::exception_ptr reader_failure;
  std::thread reading([&] {
    try {
      std::size_t expected_columns = header.size();
      SeenNumbers seen;
      Batch batch;
      auto reject = [&](CsvRecord& r, std::string reason, std::int64_t ImportResult::*counter) {
        ++(batch.counted.*counter);
        batch.rejected.push_back({r.line, {std::move(reason), std::move(r.fields)}});
      };
      auto handle = [&](CsvRecord& r) {
        ++batch.counted.rows;
        if (!r.error.empty()) return reject(r, r.error, &ImportResult::invalid);
        if (expected_columns == 0) expected_columns = r.fields.size();
        if (r.fields.size() > expected_columns) {
          // Trailing empty columns (a delimiter at the end of the line) are harmless.
          bool extra_empty = true;
          for (std::size_t i = expected_columns; i < r.fields.size(); ++i) extra_empty &= trim(r.fields[i]).empty();
          if (!extra_empty)
            return reject(r,
                          "colunas a mais: " + std::to_string(r.fields.size()) + " em vez de " +
                              std::to_string(expected_columns) + " (um separador dentro de um campo sem aspas?)",
                          &ImportResult::invalid);
        } else if (r.fields.size() < expected_columns) {
          return reject(r,
                        "colunas a menos: " + std::to_string(r.fields.size()) + " em vez de " +
                            std::to_string(expected_columns),
                        &ImportResult::invalid);
        }
        storage::Contact ct;
        std::optional<PhoneResult> first_problem;
        for (Field f : {Field::phone1, Field::phone2, Field::phone3}) {
          auto given = cell(r.fields, column(f), 64);
          if (!given) continue;
          auto parsed = phones.parse(*given);
          if (!parsed.ok()) {
            if (!first_problem) {
              first_problem = parsed;
              first_problem->reason += ": " + *given;
            }
            continue;
          }
          bool repeated = false;
          for (const auto& p : ct.phones) repeated |= p.e164 == parsed.e164;
          if (!repeated) ct.phones.push_back({std::move(*given), std::move(parsed.e164), to_string(parsed.type)});
          if (dnc_kind) break;
        }
        if (ct.phones.empty()) {
          if (!first_problem) return reject(r, "sem telefone", &ImportResult::invalid);
          return reject(r, first_problem->reason,
                        first_problem->error == PhoneError::foreign ? &ImportResult::foreign : &ImportResult::invalid);
        }
        const auto key = e164_key(ct.phones[0].e164);
        if (auto earlier = seen.check(key, static_cast<std::uint32_t>(r.line)))
          return reject(r, "duplicado no arquivo (mesmo telefone da linha " + std::to_string(earlier) + ")",
                        &ImportResult::duplicates);
        if (!dnc_kind) {
          ct.name = cell(r.fields, column(Field::name), 200);
          if (auto email = cell(r.fields, column(Field::email), 254); email && looks_like_email(ascii_lower(*email)))
            ct.email = ascii_lower(*email);
          for (std::size_t i = 0; i < 5; ++i)
            ct.custom[i] = cell(r.fields, column(static_cast<Field>(static_cast<std::size_t>(Field::custom1) + i)), 1000);
        }
        batch.rows.push_back({r.line, pack(r.fields), std::move(ct)});
      };
      auto ship = [&](bool last) {
        batch.consumed = reader.consumed();
        batch.last = last;
        queue.push(std::move(batch));
        batch = Batch{};
      };
      if (first_data) handle(*first_data);
      CsvRecord r;
      while (!stop && reader.next(r)) {
        handle(r);
        if (batch.rows.size() >= job.batch_rows) ship(false);
      }
      if (!stop) ship(true);
    } catch (...) {
      reader_failure = std::current_exception();
    }
    queue.close();
  });
  struct Join {
    std::thread& t;
    BatchQueue& q;
    std::atomic<bool>& stop;
    ~Join() {
      stop = true;
      q.close();
      t.join();
    }
  } join{reading, queue, stop};

  Report report(job.report_file, header);
  ImportResult result;
  bool finished = false;
  // One connection for the whole import, with a larger page cache while it lasts: the
  // list's indexes grow far past the default cache, and re-reading their pages is what
  // makes a large import slow.
  db.with_connection([&](storage::Connection& conn) {
  const bool sqlite = conn.dialect() == storage::Dialect::sqlite;
  if (sqlite) conn.exec("PRAGMA cache_size = -65536");
  struct RestoreCache {
    storage::Connection& c;
    bool sqlite;
    ~RestoreCache() {
      try {
        if (sqlite) c.exec("PRAGMA cache_size = -32768");
      } catch (...) {
      }
    }
  } restore{conn, sqlite};
  while (auto batch = queue.pop()) {
    if (hooks.cancelled && hooks.cancelled()) break;
    std::vector<std::string> e164s;
    e164s.reserve(batch->rows.size());
    for (const auto& p : batch->rows) e164s.push_back(p.contact.phones[0].e164);
    const EpochMs now = clock.now_ms();
    ImportResult after = result;
    after.rows += batch->counted.rows;
    after.invalid += batch->counted.invalid;
    after.foreign += batch->counted.foreign;
    after.duplicates += batch->counted.duplicates;
    std::vector<std::pair<std::size_t, std::string>> duplicates_here;
    conn.transaction([&](storage::Connection& c) {
      ImportResult tx = after;
      duplicates_here.clear();
      if (dnc_kind) {
        const auto present = storage::dnc_among(c, e164s);
        std::vector<std::string> fresh;
        for (std::size_t i = 0; i < batch->rows.size(); ++i) {
          if (present.count(e164s[i])) {
            ++tx.duplicates;
            duplicates_here.emplace_back(i, "já está na lista Não Me Perturbe");
          } else {
            fresh.push_back(e164s[i]);
          }
        }
        tx.imported += storage::add_dnc_batch(c, fresh, "import", job.user, now);
      } else {
        const auto existing = storage::find_by_first_phone(c, job.list_id, e164s);
        const auto dnc = storage::dnc_among(c, e164s);
        std::vector<storage::Contact> inserts, updates;
        inserts.reserve(batch->rows.size());
        for (std::size_t i = 0; i < batch->rows.size(); ++i) {
          auto& ct = batch->rows[i].contact;
          ct.list_id = job.list_id;
          ct.created_at = ct.updated_at = now;
          if (auto it = existing.find(e164s[i]); it != existing.end()) {
            if (job.options.update_duplicates) {
              ct.id = it->second;
              updates.push_back(ct);
              ++tx.updated;
            } else {
              ++tx.duplicates;
              duplicates_here.emplace_back(i, "já existe na lista (mesmo primeiro telefone)");
            }
            continue;
          }
          inserts.push_back(std::move(ct));
          ++tx.imported;
          if (dnc.count(e164s[i])) ++tx.dnc;
        }
        // In key order the unique (list, phone) index takes each batch in one pass.
        std::sort(inserts.begin(), inserts.end(), [](const storage::Contact& a, const storage::Contact& b) {
          return a.phones[0].e164 < b.phones[0].e164;
        });
        storage::insert_contacts(c, inserts);
        storage::update_contacts(c, updates);
        if (!inserts.empty()) storage::add_to_count(c, job.list_id, static_cast<std::int64_t>(inserts.size()), now);
      }
      storage::save_progress(c, job.job_id, static_cast<std::int64_t>(batch->consumed), static_cast<std::int64_t>(total),
                             hooks.result_json ? hooks.result_json(tx) : "", now);
      after = tx;
    });
    // Committed: only now do the figures and the report move on, rejected rows in line order.
    result = after;
    auto& rejected = batch->rejected;
    for (const auto& [i, reason] : duplicates_here)
      rejected.push_back({batch->rows[i].line, {reason, unpack(batch->rows[i].packed_fields)}});
    std::sort(rejected.begin(), rejected.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [line, why] : rejected) report.reject(line, why.first, why.second);
    report.flush();
    if (hooks.progress) hooks.progress(batch->consumed, total, result);
    if (batch->last) {
      finished = true;
      break;
    }
  }
  });
  stop = true;
  queue.close();
  if (reader_failure) std::rethrow_exception(reader_failure);
  if (finished && result.rows == 0) {
    std::filesystem::remove(job.report_file);
    throw ImportError("o arquivo não tem nenhuma linha de dados");
  }
  report.flush();
  if (report.empty()) std::filesystem::remove(job.report_file);
  return result;
}

}  // namespace torpedo::contacts
