// pbxsim: a stand-alone AMI server that answers as Asterisk 22 does in the recordings, for
// tests, demos and load runs without an Asterisk.
#include <utility>  // Boost 1.74's awaitable.hpp uses std::exchange without including it.

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <random>

#include <CLI/CLI.hpp>

#include "common/clock.h"
#include "pbxsim/config_dir.h"
#include "pbxsim/server.h"

int main(int argc, char** argv) {
  CLI::App cli{"pbxsim — a simulated Asterisk 22 speaking AMI"};
  std::string listen = "127.0.0.1:5038";
  std::string user = "torpedo";
  std::string secret;
  std::uint64_t seed = 0;
  std::string rules_file;
  double time_scale = 1.0;
  std::size_t max_channels = 0;
  std::string dialplan = "torpedo";
  std::string config_dir;
  double message_seconds = 8;
  torpedo::pbxsim::Faults faults;
  cli.add_option("--listen", listen, "HOST:PORT to listen on (port 0 picks a free one)")->capture_default_str();
  cli.add_option("--user", user, "AMI user")->capture_default_str();
  cli.add_option("--secret", secret, "AMI secret")->required();
  cli.add_option("--seed", seed, "Seed for the random parts (outcome mix, MD5 challenges); 0 = random");
  cli.add_option("--rules", rules_file,
                 "Rules file: PREFIX OUTCOME [key=value …] per line (default: the lab carrier's prefixes)");
  cli.add_option("--max-channels", max_channels, "Originates beyond this many live channels fail (0: no limit)");
  cli.add_option("--dialplan", dialplan, "Dialplan answered calls run: torpedo (DIALPLAN.md) or lab (the recordings')")
      ->check(CLI::IsMember({"torpedo", "lab"}))
      ->capture_default_str();
  cli.add_option("--message-seconds", message_seconds, "How long the campaign message plays")
      ->check(CLI::Range(0.0, 3600.0))
      ->capture_default_str();
  cli.add_option("--config-dir", config_dir,
                 "Read pjsip.conf and queues.conf here (as Torpedo generates them), at start and on Reload");
  cli.add_option("--time-scale", time_scale, "Multiply every simulated duration (0.001: a 20 s timeout lasts 20 ms)")
      ->check(CLI::Range(0.0, 1000.0));
  std::string stats_file;
  cli.add_option("--stats", stats_file,
                 "Every 100 ms append \"<ms> <live> <max live> <originates> <number overlaps>\" to this file (benchmarks)");
  cli.add_flag("--refuse-logins", faults.refuse_logins, "Fault: refuse every login");
  cli.add_option("--drop-after-events", faults.drop_after_events, "Fault: cut every connection after N events (once)");
  cli.add_option("--stall-after-events", faults.stall_after_events, "Fault: stop writing after N events");
  cli.add_option("--restart-after-events", faults.restart_after_events,
                 "Fault: restart the pbx (all calls lost) after N events, once; SIGUSR1 restarts it at any time");
  CLI11_PARSE(cli, argc, argv);

  auto colon = listen.rfind(':');
  if (colon == std::string::npos) {
    std::cerr << "pbxsim: --listen must be HOST:PORT\n";
    return 2;
  }
  const std::string host = listen.substr(0, colon);
  const auto port = static_cast<std::uint16_t>(std::stoul(listen.substr(colon + 1)));

  std::mt19937_64 rng(seed ? seed : std::random_device{}());
  torpedo::SystemClock clock;
  torpedo::pbxsim::SimConfig config = torpedo::pbxsim::lab_config(secret);
  config.user = user;
  config.time_scale = time_scale;
  config.max_channels = max_channels;
  if (max_channels) config.core_max_calls = static_cast<int>(max_channels);
  config.seed = rng();
  config.dialplan = dialplan == "lab" ? torpedo::pbxsim::DialplanProfile::lab : torpedo::pbxsim::DialplanProfile::torpedo;
  if (dialplan != "lab")
    config.message_length = std::chrono::milliseconds(static_cast<std::int64_t>(message_seconds * 1000));
  faults.restart_downtime = std::chrono::milliseconds(static_cast<std::int64_t>(1700 * time_scale));
  if (!rules_file.empty()) {
    std::ifstream in(rules_file);
    if (!in) {
      std::cerr << "pbxsim: cannot read " << rules_file << "\n";
      return 2;
    }
    std::stringstream text;
    text << in.rdbuf();
    try {
      config.rules = torpedo::pbxsim::parse_rules(text.str());
    } catch (const std::exception& e) {
      std::cerr << "pbxsim: " << e.what() << "\n";
      return 2;
    }
  }
  if (!config_dir.empty()) {
    try {
      torpedo::pbxsim::load_config_dir(config_dir, config);
    } catch (const std::exception& e) {
      std::cerr << "pbxsim: " << e.what() << "\n";
      return 2;
    }
  }
  torpedo::pbxsim::Simulator sim(config, clock, [&rng] {
    return std::to_string(std::uniform_int_distribution<std::uint32_t>(100000000, 999999999)(rng));
  });

  if (!config_dir.empty())
    sim.set_reloader([config_dir](torpedo::pbxsim::SimConfig& fresh) {
      try {
        torpedo::pbxsim::load_config_dir(config_dir, fresh);
        return true;
      } catch (const std::exception& e) {
        std::cerr << "pbxsim: reload kept the previous configuration: " << e.what() << std::endl;
        return false;
      }
    });

  boost::asio::io_context io(1);
  torpedo::pbxsim::Server server(io, sim, faults);
  std::uint16_t bound = 0;
  try {
    bound = server.listen(host, port);
  } catch (const std::exception& e) {
    std::cerr << "pbxsim: cannot listen on " << listen << ": " << e.what() << "\n";
    return 1;
  }
  std::cout << "listening on " << host << ":" << bound << std::endl;
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code&, int) {
    server.close();
    io.stop();
  });
  // SIGUSR1: `core restart now`, for tests of what Torpedo does when Asterisk restarts.
  boost::asio::signal_set restart(io, SIGUSR1);
  std::function<void(const boost::system::error_code&, int)> on_restart = [&](const boost::system::error_code& ec, int) {
    if (ec) return;
    server.restart(faults.restart_downtime);
    restart.async_wait(on_restart);
  };
  restart.async_wait(on_restart);
  // What the far end sees, for benchmarks of the dialer: calls up (utilization), Originates.
  std::ofstream stats;
  boost::asio::steady_timer stats_timer(io);
  std::function<void(const boost::system::error_code&)> write_stats = [&](const boost::system::error_code& ec) {
    if (ec) return;
    const auto l = sim.ledger();
    stats << clock.now_ms() << ' ' << l.live << ' ' << l.max_live << ' ' << l.originates << ' ' << l.number_overlaps
          << '\n'
          << std::flush;
    stats_timer.expires_after(std::chrono::milliseconds(100));
    stats_timer.async_wait(write_stats);
  };
  if (!stats_file.empty()) {
    stats.open(stats_file, std::ios::app);
    if (!stats) {
      std::cerr << "pbxsim: cannot write " << stats_file << "\n";
      return 2;
    }
    stats_timer.expires_after(std::chrono::milliseconds(100));
    stats_timer.async_wait(write_stats);
  }
  io.run();
  return 0;
}
