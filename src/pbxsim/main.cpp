// pbxsim: a stand-alone AMI server that answers as Asterisk 22 does in the recordings, for
// tests, demos and load runs without an Asterisk.
#include <utility>  // Boost 1.74's awaitable.hpp uses std::exchange without including it.

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <fstream>
#include <iostream>
#include <sstream>
#include <random>

#include <CLI/CLI.hpp>

#include "common/clock.h"
#include "pbxsim/server.h"

int main(int argc, char** argv) {
  CLI::App cli{"pbxsim — a simulated Asterisk 22 speaking AMI"};
  std::string listen = "127.0.0.1:5038";
  std::string user = "torpedo";
  std::string secret;
  std::uint64_t seed = 0;
  std::string rules_file;
  double time_scale = 1.0;
  torpedo::pbxsim::Faults faults;
  cli.add_option("--listen", listen, "HOST:PORT to listen on (port 0 picks a free one)")->capture_default_str();
  cli.add_option("--user", user, "AMI user")->capture_default_str();
  cli.add_option("--secret", secret, "AMI secret")->required();
  cli.add_option("--seed", seed, "Seed for the random parts (MD5 challenges); 0 = random");
  cli.add_option("--rules", rules_file, "Rules file: PREFIX OUTCOME [trunk=NAME] per line (default: the lab carrier's)");
  cli.add_option("--time-scale", time_scale, "Multiply every simulated duration (0.001: a 20 s timeout lasts 20 ms)")
      ->check(CLI::Range(0.0, 1000.0));
  cli.add_flag("--refuse-logins", faults.refuse_logins, "Fault: refuse every login");
  cli.add_option("--drop-after-events", faults.drop_after_events, "Fault: cut every connection after N events (once)");
  cli.add_option("--stall-after-events", faults.stall_after_events, "Fault: stop writing after N events");
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
  torpedo::pbxsim::Simulator sim(config, clock, [&rng] {
    return std::to_string(std::uniform_int_distribution<std::uint32_t>(100000000, 999999999)(rng));
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
  io.run();
  return 0;
}
