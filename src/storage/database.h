#pragma once
// The one data layer: SQLite (embedded default) or MySQL/MariaDB/TiDB behind the same calls.
// No SOCI type leaks out of this header, so the rest of the code compiles without it.
//
// Thread-safety: Database is safe to share between threads; each call borrows a connection
// from a fixed pool for its duration. A Connection is used by one thread at a time.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace torpedo::storage {

enum class Dialect { sqlite, mysql };

struct StorageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// A UNIQUE or FOREIGN KEY constraint refused the write.
struct ConstraintError : StorageError {
  using StorageError::StorageError;
};

using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

struct Param {
  std::string_view name;
  Value value;
  Param(std::string_view n, std::nullptr_t) : name(n), value(nullptr) {}
  Param(std::string_view n, std::int64_t v) : name(n), value(v) {}
  Param(std::string_view n, int v) : name(n), value(std::int64_t{v}) {}
  Param(std::string_view n, bool v) : name(n), value(std::int64_t{v ? 1 : 0}) {}
  Param(std::string_view n, double v) : name(n), value(v) {}
  Param(std::string_view n, std::string v) : name(n), value(std::move(v)) {}
  Param(std::string_view n, std::string_view v) : name(n), value(std::string(v)) {}
  Param(std::string_view n, const char* v) : name(n), value(std::string(v)) {}
  template <typename T>
  Param(std::string_view n, const std::optional<T>& v) : Param(n, nullptr) {
    if (v) *this = Param(n, *v);
  }
};
using Params = std::vector<Param>;

// One column of a bulk statement: the value of every row, all integers or all texts (NULLs
// allowed). The statement runs once per row, prepared once.
struct BulkColumn {
  bool integers = false;
  std::vector<std::optional<std::int64_t>> ints;
  std::vector<std::optional<std::string>> texts;
  std::size_t size() const { return integers ? ints.size() : texts.size(); }
};

// One result row; columns are addressed by name (as written in the SELECT).
class Row {
 public:
  Row(std::shared_ptr<const std::vector<std::string>> names, std::vector<Value> values)
      : names_(std::move(names)), values_(std::move(values)) {}

  bool is_null(std::string_view column) const;
  std::int64_t i64(std::string_view column) const;  // throws on NULL
  std::optional<std::int64_t> opt_i64(std::string_view column) const;
  double f64(std::string_view column) const;
  std::string str(std::string_view column) const;  // throws on NULL
  std::optional<std::string> opt_str(std::string_view column) const;
  bool boolean(std::string_view column) const { return i64(column) != 0; }

 private:
  const Value& at(std::string_view column) const;
  std::shared_ptr<const std::vector<std::string>> names_;
  std::vector<Value> values_;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  // Runs a statement; returns the number of rows it changed.
  virtual std::int64_t exec(std::string_view sql, const Params& params = {}) = 0;
  virtual std::vector<Row> query(std::string_view sql, const Params& params = {}) = 0;
  std::optional<Row> query_one(std::string_view sql, const Params& params = {});
  // Runs `fn` in one transaction on this connection (for work that keeps a connection for
  // many transactions, as an import does).
  void transaction(const std::function<void(Connection&)>& fn);
  // The id the last INSERT into an auto-increment table produced on this connection.
  virtual std::int64_t last_insert_id() = 0;
  // Runs `sql` (positional ":p" placeholders, one per column) for every row of the columns,
  // prepared once: the fast path of bulk imports. Returns the rows changed.
  virtual std::int64_t exec_bulk(std::string_view sql, const std::vector<BulkColumn>& columns) = 0;
};

class Database {
 public:
  // url: "sqlite:<path>" (":memory:" is refused: the pool needs one shared file) or
  // "mysql://user:password@host:port/database".
  // `sqlite_cache_kib`: each SQLite connection's page cache (32 MiB suits bulk imports; the
  // campaign engine, whose work is index lookups on hot pages, uses less).
  static std::unique_ptr<Database> open(const std::string& url, std::size_t pool_size,
                                        int sqlite_cache_kib = 32768);
  virtual ~Database() = default;

  virtual Dialect dialect() const = 0;
  std::string_view driver_name() const { return dialect() == Dialect::sqlite ? "sqlite" : "mysql"; }

  // Borrows a connection for the duration of `fn`.
  virtual void with_connection(const std::function<void(Connection&)>& fn) = 0;

  // Runs `fn` in one transaction: committed when it returns, rolled back when it throws.
  void transaction(const std::function<void(Connection&)>& fn);

  // Cheap liveness probe for /health; false when the database cannot answer.
  bool ping(std::string* error = nullptr);

  template <typename F>
  auto read(F&& fn) {
    using R = decltype(fn(std::declval<Connection&>()));
    std::optional<R> out;
    with_connection([&](Connection& c) { out.emplace(fn(c)); });
    return std::move(*out);
  }
  template <typename F>
  auto write(F&& fn) {
    using R = decltype(fn(std::declval<Connection&>()));
    std::optional<R> out;
    transaction([&](Connection& c) { out.emplace(fn(c)); });
    return std::move(*out);
  }
};

// Parses "mysql://user:pass@host:port/db" into SOCI's connect string. Exposed for tests.
std::string mysql_connect_string(const std::string& url);

}  // namespace torpedo::storage
