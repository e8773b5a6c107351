// The `torpedo` command: the daemon and its administrative subcommands.
#include <unistd.h>

#include <iostream>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "app/ami_tail.h"
#include "api/context.h"
#include "app/daemon.h"
#include "common/crypto.h"
#include "common/log.h"
#include "storage/migrations.h"
#include "storage/users.h"

using namespace torpedo;

namespace {

std::string read_password_from_stdin(const std::string& prompt) {
  if (isatty(STDIN_FILENO)) std::cerr << prompt << std::flush;
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Torpedo — disparo em massa de torpedos de voz (mass voice broadcast over Asterisk)"};
  cli.require_subcommand(1);
  std::string config_file;
  cli.add_option("-c,--config", config_file, "KEY=VALUE configuration file (the environment wins)");

  auto* serve = cli.add_subcommand("serve", "Run the daemon (HTTP API, web UI, dialing engine)");
  auto* migrate = cli.add_subcommand("migrate", "Apply pending database migrations and exit");
  auto* version = cli.add_subcommand("version", "Print the version");
  auto* user = cli.add_subcommand("user", "Manage users");
  user->require_subcommand(1);
  std::string email, name, role = "user", password;
  auto* user_add = user->add_subcommand("add", "Create a user (password from --password or stdin)");
  user_add->add_option("--email", email, "E-mail (login)")->required();
  user_add->add_option("--name", name, "Display name");
  user_add->add_option("--role", role, "admin or user")->check(CLI::IsMember({"admin", "user"}));
  user_add->add_option("--password", password, "Password (at least 10 characters)");
  auto* user_list = user->add_subcommand("list", "List users");
  auto* user_passwd = user->add_subcommand("passwd", "Set a user's password (from --password or stdin)");
  user_passwd->add_option("--email", email, "E-mail of the user")->required();
  user_passwd->add_option("--password", password, "New password (at least 10 characters)");

  app::AmiTailOptions tail;
  auto* ami_tail = cli.add_subcommand("ami-tail", "Connect to an Asterisk AMI and print its events (debugging)");
  ami_tail->add_option("--host", tail.host, "AMI host")->capture_default_str();
  ami_tail->add_option("--port", tail.port, "AMI port")->capture_default_str();
  ami_tail->add_option("--user", tail.user, "AMI user (manager.conf section)")->required();
  ami_tail->add_option("--secret", tail.secret, "AMI secret")->required();
  ami_tail->add_option("--filter", tail.filter, "Only these event names (repeatable)");
  ami_tail->add_option("--count", tail.count, "Stop after N events");
  ami_tail->add_flag("--quiet", tail.quiet, "Count events, print none");
  ami_tail->add_flag("--stats", tail.stats, "Print event count and events/s on exit");
  ami_tail->add_flag("!--plain-login", tail.md5, "Send the secret itself instead of the MD5 challenge");

  CLI11_PARSE(cli, argc, argv);

  if (*ami_tail) {
    setup_logging("text", "warn");
    return app::run_ami_tail(tail, std::cout, std::cerr);
  }

  if (*version) {
    std::cout << "torpedo " << app::version_string() << "\n";
    return 0;
  }

  try {
    Config config = Config::from_process_environment(config_file.empty()
                                                          ? std::nullopt
                                                          : std::optional<std::filesystem::path>(config_file));
    setup_logging(config.log_format, config.log_level);
    crypto::init();

    if (*serve) {
      app::Daemon daemon(config, /*handle_signals=*/true);
      daemon.start();
      daemon.run();
      return 0;
    }

    auto db = app::open_database(config);
    auto report = storage::migrate(*db);
    if (*migrate) {
      if (report.applied.empty()) std::cout << "schema is up to date (version " << report.to_version << ")\n";
      for (const auto& m : report.applied) std::cout << "applied " << m << "\n";
      return 0;
    }

    SystemClock clock;
    if (*user_list) {
      auto users = db->read([](storage::Connection& c) {
        storage::UserFilter f;
        f.limit = 100000;
        return storage::users::list(c, f);
      });
      for (const auto& u : users)
        std::cout << u.id << "\t" << u.email << "\t" << u.role << "\t" << (u.active ? "active" : "inactive") << "\t"
                  << u.name << "\n";
      return 0;
    }
    if (password.empty()) password = read_password_from_stdin("Senha / password: ");
    if (password.size() < 10) {
      std::cerr << "error: the password needs at least 10 characters\n";
      return 2;
    }
    email = api::canonical_email(email);
    if (*user_add) {
      storage::User u;
      u.email = email;
      u.name = name.empty() ? email : name;
      u.role = role;
      u.password_hash = crypto::hash_password(password);
      u.created_at = u.updated_at = clock.now_ms();
      db->transaction([&](storage::Connection& c) {
        if (storage::users::find_by_email(c, email)) throw std::runtime_error("a user with this e-mail exists");
        u.id = storage::users::insert(c, u);
        storage::audit::append(c, storage::AuditRecord{0, u.created_at, std::nullopt, std::nullopt, "user.create",
                                                       "user", std::to_string(u.id), "cli", R"({"via":"cli"})"});
      });
      std::cout << "created user " << u.id << " " << email << " (" << role << ")\n";
      return 0;
    }
    if (*user_passwd) {
      std::string hash = crypto::hash_password(password);
      db->transaction([&](storage::Connection& c) {
        auto u = storage::users::find_by_email(c, email);
        if (!u) throw std::runtime_error("no user with e-mail " + email);
        u->password_hash = hash;
        u->updated_at = clock.now_ms();
        storage::users::update(c, *u);
        storage::sessions::remove_for_user(c, u->id);
        storage::audit::append(c, storage::AuditRecord{0, u->updated_at, std::nullopt, std::nullopt, "auth.password",
                                                       "user", std::to_string(u->id), "cli", R"({"via":"cli"})"});
      });
      std::cout << "password changed for " << email << "; their sessions were ended\n";
      return 0;
    }
  } catch (const std::exception& e) {
    std::cerr << "torpedo: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
