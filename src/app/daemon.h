#pragma once
// Wires the daemon together: storage, migrations, first admin, auth, events, API, server.
// `torpedo serve` and the integration tests both run exactly this.
#include <cstdint>
#include <memory>
#include <string>

#include "common/clock.h"
#include "common/config.h"
#include "storage/database.h"

namespace torpedo::app {

std::unique_ptr<storage::Database> open_database(const Config& config);

// Creates the first admin when the users table is empty: from TORPEDO_ADMIN_EMAIL and
// TORPEDO_ADMIN_PASSWORD, or with a generated password that is printed once on stderr.
// Returns the generated password (empty when none was generated or no user was created).
std::string ensure_first_admin(storage::Database& db, const Config& config, const Clock& clock);

class Daemon {
 public:
  // `clock` defaults to the system clock; tests inject one they can move forward.
  explicit Daemon(Config config, bool handle_signals = false, const Clock* clock = nullptr);
  ~Daemon();
  // Binds the listener; returns the port (useful with port 0).
  std::uint16_t start();
  // Serves until shutdown() or SIGINT/SIGTERM, then drains and closes storage.
  void run();
  void shutdown();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

std::string version_string();

}  // namespace torpedo::app
