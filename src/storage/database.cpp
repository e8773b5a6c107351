#include "storage/database.h"

#include <cctype>

#include <soci/soci.h>

#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <unordered_map>

#include <spdlog/spdlog.h>

#include "common/strings.h"

namespace torpedo::storage {

// ---------------------------------------------------------------------------------------
// Row

const Value& Row::at(std::string_view column) const {
  for (std::size_t i = 0; i < names_->size(); ++i)
    if ((*names_)[i] == column) return values_[i];
  throw StorageError("no column \"" + std::string(column) + "\" in result");
}

bool Row::is_null(std::string_view column) const {
  return std::holds_alternative<std::nullptr_t>(at(column));
}

std::optional<std::int64_t> Row::opt_i64(std::string_view column) const {
  const Value& v = at(column);
  if (auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
  if (auto* s = std::get_if<std::string>(&v)) {
    // SQLite reports expressions such as COUNT(*) without a declared type: SOCI hands
    // them over as text.
    try {
      return std::stoll(*s);
    } catch (...) {
      throw StorageError("column \"" + std::string(column) + "\" is not a number");
    }
  }
  return std::nullopt;
}

std::int64_t Row::i64(std::string_view column) const {
  auto v = opt_i64(column);
  if (!v) throw StorageError("column \"" + std::string(column) + "\" is NULL");
  return *v;
}

double Row::f64(std::string_view column) const {
  const Value& v = at(column);
  if (auto* d = std::get_if<double>(&v)) return *d;
  if (auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (auto* s = std::get_if<std::string>(&v)) return std::stod(*s);
  throw StorageError("column \"" + std::string(column) + "\" is NULL");
}

std::optional<std::string> Row::opt_str(std::string_view column) const {
  const Value& v = at(column);
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  if (auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (auto* d = std::get_if<double>(&v)) return std::to_string(*d);
  return std::nullopt;
}

std::string Row::str(std::string_view column) const {
  auto v = opt_str(column);
  if (!v) throw StorageError("column \"" + std::string(column) + "\" is NULL");
  return *v;
}

std::optional<Row> Connection::query_one(std::string_view sql, const Params& params) {
  auto rows = query(sql, params);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

// ---------------------------------------------------------------------------------------
// SOCI-backed connection

namespace {

bool is_constraint_violation(const std::string& msg) {
  return msg.find("UNIQUE constraint failed") != std::string::npos ||
         msg.find("FOREIGN KEY constraint failed") != std::string::npos ||
         msg.find("Duplicate entry") != std::string::npos ||
         msg.find("foreign key constraint fails") != std::string::npos;
}

bool is_connection_lost(const std::string& msg) {
  return msg.find("gone away") != std::string::npos ||
         msg.find("Lost connection") != std::string::npos ||
         msg.find("Can't connect") != std::string::npos;
}

// Positional parameters are written ":p" in SQL. SQLite gets "?" (a named parameter costs it a
// linear lookup, quadratic over the thousands of an import batch); SOCI's MySQL backend
// substitutes by name, so there each one is ":p<n>".
std::string number_positional(std::string_view sql, const Params& params, Dialect dialect) {
  if (params.empty() || !params.front().name.empty()) return std::string(sql);
  std::string out;
  out.reserve(sql.size() + params.size() * 4);
  std::size_t n = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const bool token = sql[i] == ':' && i + 1 < sql.size() && sql[i + 1] == 'p' &&
                       (i + 2 == sql.size() || !(std::isalnum(static_cast<unsigned char>(sql[i + 2])) || sql[i + 2] == '_'));
    if (token) {
      out += dialect == Dialect::sqlite ? std::string("?") : ":p" + std::to_string(++n);
      ++i;
    } else {
      out += sql[i];
    }
  }
  return out;
}

// Keeps bound values alive at stable addresses for the statement's lifetime.
struct Bindings {
  std::deque<long long> ints;
  std::deque<double> doubles;
  std::deque<std::string> strings;
  std::deque<soci::indicator> indicators;
  std::deque<std::string> names;

  // A Param without a name binds by position (the statement's placeholders in order): the
  // bulk inserts of imports use it, as looking thousands of names up costs more than the insert.
  void bind(soci::statement& st, const Params& params) {
    for (const Param& p : params) {
      const bool positional = p.name.empty();
      names.emplace_back(p.name);
      const std::string& name = names.back();
      if (std::holds_alternative<std::nullptr_t>(p.value)) {
        strings.emplace_back();
        indicators.push_back(soci::i_null);
        if (positional) st.exchange(soci::use(strings.back(), indicators.back()));
        else st.exchange(soci::use(strings.back(), indicators.back(), name));
      } else if (auto* i = std::get_if<std::int64_t>(&p.value)) {
        ints.push_back(*i);
        if (positional) st.exchange(soci::use(ints.back()));
        else st.exchange(soci::use(ints.back(), name));
      } else if (auto* d = std::get_if<double>(&p.value)) {
        doubles.push_back(*d);
        if (positional) st.exchange(soci::use(doubles.back()));
        else st.exchange(soci::use(doubles.back(), name));
      } else {
        strings.push_back(std::get<std::string>(p.value));
        if (positional) st.exchange(soci::use(strings.back()));
        else st.exchange(soci::use(strings.back(), name));
      }
    }
  }
};

Value to_value(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return nullptr;
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_string:
    case soci::dt_xml:
    case soci::dt_blob:
      return r.get<std::string>(i);
    case soci::dt_double:
      return r.get<double>(i);
    case soci::dt_integer:
      return std::int64_t{r.get<int>(i)};
    case soci::dt_long_long:
      return std::int64_t{r.get<long long>(i)};
    case soci::dt_unsigned_long_long:
      return static_cast<std::int64_t>(r.get<unsigned long long>(i));
    case soci::dt_date: {
      std::tm tm = r.get<std::tm>(i);
      return static_cast<std::int64_t>(timegm(&tm)) * 1000;
    }
  }
  return nullptr;
}

class SociConnection final : public Connection {
 public:
  SociConnection(Dialect d, std::string connect, int cache_kib)
      : dialect_(d), connect_(std::move(connect)), cache_kib_(cache_kib) {
    open();
  }

  Dialect dialect() const override { return dialect_; }

  void ensure_open() {
    if (broken_) {
      spdlog::warn("database: reconnecting after a lost connection");
      session_.close();
      open();
      broken_ = false;
    }
  }

  std::int64_t exec(std::string_view sql, const Params& params) override {
    return guarded([&] {
      soci::statement st(session_);
      Bindings b;
      st.alloc();
      b.bind(st, params);
      st.prepare(number_positional(sql, params, dialect_));
      st.define_and_bind();
      st.execute(true);
      return static_cast<std::int64_t>(st.get_affected_rows());
    });
  }

  std::int64_t exec_bulk(std::string_view sql, const std::vector<BulkColumn>& columns) override {
    if (columns.empty() || columns.front().size() == 0) return 0;
    // SOCI's MySQL backend runs a bulk statement row by row, one round trip each: an INSERT
    // goes as multi-row statements instead.
    const auto values = sql.rfind("VALUES (");
    if (dialect_ == Dialect::mysql && values != std::string_view::npos) {
      const std::string head(sql.substr(0, values + 7));
      const std::string tuple(sql.substr(values + 7));
      const std::size_t rows = columns.front().size();
      std::int64_t changed = 0;
      for (std::size_t start = 0; start < rows; start += 500) {
        const std::size_t end = std::min(rows, start + 500);
        std::string statement = head;
        Params p;
        p.reserve((end - start) * columns.size());
        for (std::size_t r = start; r < end; ++r) {
          statement += r > start ? "," + tuple : tuple;
          for (const auto& col : columns) {
            if (col.integers) p.emplace_back("", col.ints[r]);
            else p.emplace_back("", col.texts[r]);
          }
        }
        changed += exec(statement, p);
      }
      return changed;
    }
    return guarded([&] {
      const std::size_t rows = columns.front().size();
      std::deque<std::vector<long long>> ints;
      std::deque<std::vector<std::string>> texts;
      std::deque<std::vector<soci::indicator>> indicators;
      soci::statement st(session_);
      st.alloc();
      Params markers;  // only to count placeholders for number_positional
      for (const auto& col : columns) {
        if (col.size() != rows) throw StorageError("bulk columns of different lengths");
        auto& ind = indicators.emplace_back(rows, soci::i_ok);
        if (col.integers) {
          auto& v = ints.emplace_back(rows, 0);
          for (std::size_t i = 0; i < rows; ++i) {
            if (col.ints[i]) v[i] = *col.ints[i];
            else ind[i] = soci::i_null;
          }
          st.exchange(soci::use(v, ind));
        } else {
          auto& v = texts.emplace_back(rows);
          for (std::size_t i = 0; i < rows; ++i) {
            if (col.texts[i]) v[i] = *col.texts[i];
            else ind[i] = soci::i_null;
          }
          st.exchange(soci::use(v, ind));
        }
        markers.emplace_back("", nullptr);
      }
      st.prepare(number_positional(sql, markers, dialect_));
      st.define_and_bind();
      st.execute(true);
      return static_cast<std::int64_t>(st.get_affected_rows());
    });
  }

  std::vector<Row> query(std::string_view sql, const Params& params) override {
    return guarded([&] {
      soci::row r;
      soci::statement st(session_);
      Bindings b;
      st.alloc();
      b.bind(st, params);
      st.exchange(soci::into(r));
      st.prepare(number_positional(sql, params, dialect_));
      st.define_and_bind();
      std::vector<Row> out;
      std::shared_ptr<std::vector<std::string>> names;
      bool got = st.execute(true);
      while (got) {
        if (!names) {
          names = std::make_shared<std::vector<std::string>>();
          for (std::size_t i = 0; i < r.size(); ++i) names->push_back(r.get_properties(i).get_name());
        }
        std::vector<Value> values;
        values.reserve(r.size());
        for (std::size_t i = 0; i < r.size(); ++i) values.push_back(to_value(r, i));
        out.emplace_back(names, std::move(values));
        got = st.fetch();
      }
      return out;
    });
  }

  std::int64_t last_insert_id() override {
    auto row = query_one(dialect_ == Dialect::sqlite ? "SELECT last_insert_rowid() AS id"
                                                    : "SELECT LAST_INSERT_ID() AS id");
    return row->i64("id");
  }

 private:
  template <typename F>
  auto guarded(F&& f) -> decltype(f()) {
    try {
      return f();
    } catch (const soci::soci_error& e) {
      std::string msg = e.what();
      if (is_constraint_violation(msg)) throw ConstraintError(msg);
      if (dialect_ == Dialect::mysql && is_connection_lost(msg)) broken_ = true;
      throw StorageError(msg);
    }
  }

  void open() {
    try {
      session_.open(connect_);
    } catch (const soci::soci_error& e) {
      throw StorageError(std::string("cannot connect to the database: ") + e.what());
    }
    if (dialect_ == Dialect::sqlite) {
      // WAL + synchronous=NORMAL survives a kill -9 of this process (SPEC §3.5); the busy
      // timeout lets concurrent writers from the pool queue instead of failing.
      session_ << "PRAGMA busy_timeout = 10000";
      session_ << "PRAGMA journal_mode = WAL";
      session_ << "PRAGMA synchronous = NORMAL";
      session_ << "PRAGMA foreign_keys = ON";
      // 32 MiB of page cache per connection by default (SQLite's is 2 MiB): bulk imports touch
      // several indexes per row, and a small cache turns that into page reads and writes.
      session_ << "PRAGMA cache_size = -" + std::to_string(cache_kib_);
      session_ << "PRAGMA temp_store = MEMORY";
      // Checkpoint the WAL every ~40 MiB rather than every 4 MiB: fewer copies of the same
      // index pages during an import; readers are not affected.
      session_ << "PRAGMA wal_autocheckpoint = 10000";
    } else {
      session_ << "SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci";
      session_ << "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION,NO_ZERO_DATE'";
      session_ << "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED";
      session_ << "SET time_zone = '+00:00'";
    }
  }

  Dialect dialect_;
  std::string connect_;
  int cache_kib_ = 32768;
  soci::session session_;
  bool broken_ = false;
};

class PooledDatabase final : public Database {
 public:
  PooledDatabase(Dialect d, const std::string& connect, std::size_t size, int cache_kib) : dialect_(d) {
    for (std::size_t i = 0; i < size; ++i) {
      connections_.push_back(std::make_unique<SociConnection>(d, connect, cache_kib));
      free_.push_back(connections_.back().get());
    }
  }

  Dialect dialect() const override { return dialect_; }

  void with_connection(const std::function<void(Connection&)>& fn) override {
    SociConnection* c = acquire();
    struct Release {
      PooledDatabase* db;
      SociConnection* c;
      ~Release() { db->release(c); }
    } release{this, c};
    c->ensure_open();
    fn(*c);
  }

 private:
  SociConnection* acquire() {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [&] { return !free_.empty(); });
    SociConnection* c = free_.back();
    free_.pop_back();
    return c;
  }
  void release(SociConnection* c) {
    {
      std::lock_guard lock(mutex_);
      free_.push_back(c);
    }
    available_.notify_one();
  }

  Dialect dialect_;
  std::vector<std::unique_ptr<SociConnection>> connections_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<SociConnection*> free_;  // guarded by mutex_
};

// SOCI's connect-string values are quoted with '' and backslash escapes.
std::string quote(const std::string& v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

}  // namespace

std::string mysql_connect_string(const std::string& url) {
  const std::string scheme = "mysql://";
  if (url.rfind(scheme, 0) != 0) throw StorageError("not a mysql:// URL");
  std::string rest = url.substr(scheme.size());
  std::string user, password;
  if (auto at = rest.rfind('@'); at != std::string::npos) {
    std::string cred = rest.substr(0, at);
    rest = rest.substr(at + 1);
    auto colon = cred.find(':');
    user = percent_decode(cred.substr(0, colon), false);
    if (colon != std::string::npos) password = percent_decode(cred.substr(colon + 1), false);
  }
  auto slash = rest.find('/');
  if (slash == std::string::npos || slash + 1 >= rest.size())
    throw StorageError("mysql URL must name a database: mysql://user:pass@host:port/db");
  std::string hostport = rest.substr(0, slash);
  std::string db = percent_decode(rest.substr(slash + 1), false);
  if (auto q = db.find('?'); q != std::string::npos) db = db.substr(0, q);
  std::string host = hostport, port = "3306";
  if (auto colon = hostport.rfind(':'); colon != std::string::npos) {
    host = hostport.substr(0, colon);
    port = hostport.substr(colon + 1);
  }
  if (host.empty()) host = "127.0.0.1";
  std::string out = "host=" + quote(host) + " port=" + port + " db=" + quote(db) + " charset=utf8mb4";
  if (!user.empty()) out += " user=" + quote(user);
  if (!password.empty()) out += " password=" + quote(password);
  return out;
}

void Connection::transaction(const std::function<void(Connection&)>& fn) {
  // IMMEDIATE takes SQLite's write lock up front: a deferred transaction that later
  // upgrades can fail with SQLITE_BUSY without waiting for the busy timeout.
  exec(dialect() == Dialect::sqlite ? "BEGIN IMMEDIATE" : "START TRANSACTION");
  try {
    fn(*this);
  } catch (...) {
    try {
      exec("ROLLBACK");
    } catch (const std::exception& e) {
      spdlog::error("database: rollback failed: {}", e.what());
    }
    throw;
  }
  exec("COMMIT");
}

void Database::transaction(const std::function<void(Connection&)>& fn) {
  with_connection([&](Connection& c) { c.transaction(fn); });
}

bool Database::ping(std::string* error) {
  try {
    with_connection([](Connection& c) { c.query("SELECT 1 AS one"); });
    return true;
  } catch (const std::exception& e) {
    if (error) *error = e.what();
    return false;
  }
}

std::unique_ptr<Database> Database::open(const std::string& url, std::size_t pool_size, int sqlite_cache_kib) {
  if (pool_size == 0) pool_size = 1;
  if (url.rfind("sqlite:", 0) == 0) {
    std::string path = url.substr(7);
    if (path.rfind("//", 0) == 0) path = path.substr(2);  // sqlite:///abs/path
    if (path.empty() || path == ":memory:")
      throw StorageError("sqlite: a file path is required (e.g. sqlite:./data/torpedo.db)");
        // SOCI's SQLite backend accepts a double-quoted value (paths with spaces).
    if (path.find('"') != std::string::npos) throw StorageError("sqlite: the path must not contain '\"'");
    return std::make_unique<PooledDatabase>(Dialect::sqlite, "sqlite3://db=\"" + path + "\"", pool_size,
                                            sqlite_cache_kib);
  }
  if (url.rfind("mysql://", 0) == 0)
    return std::make_unique<PooledDatabase>(Dialect::mysql, "mysql://" + mysql_connect_string(url),
                                            pool_size, sqlite_cache_kib);
  throw StorageError("unsupported database URL (expected sqlite:<path> or mysql://…)");
}

}  // namespace torpedo::storage
