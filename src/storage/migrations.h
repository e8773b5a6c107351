#pragma once
// Versioned schema migrations. Each migration is a list of statements written once for both
// dialects; a handful of tokens ({{pk}}, {{table}}, {{longtext}}) expand per dialect.
// Applied in order at start and by `torpedo migrate`; the versions applied are recorded in
// schema_migrations. A migration never changes once released: add a new one instead.
#include <string>
#include <vector>

#include "storage/database.h"

namespace torpedo::storage {

struct Migration {
  int version;
  std::string name;
  std::vector<std::string> statements;
};

const std::vector<Migration>& all_migrations();

// Expands the dialect tokens of one statement.
std::string render_statement(const std::string& statement, Dialect dialect);

struct MigrationReport {
  int from_version = 0;
  int to_version = 0;
  std::vector<std::string> applied;  // "0001 initial schema"
};

// Applies every pending migration. Safe to run from several instances at once: SQLite
// serialises through its write lock, MySQL through a named lock (GET_LOCK).
MigrationReport migrate(Database& db);

int current_schema_version(Database& db);

}  // namespace torpedo::storage
