#pragma once
// `torpedo ami-tail`: connects to an AMI server with the daemon's own client code, logs in,
// and prints events as they arrive (or only counts them). An operator's debugging tool.
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace torpedo::app {

struct AmiTailOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 5038;
  std::string user;
  std::string secret;
  std::vector<std::string> filter;  // event names; empty = all
  std::uint64_t count = 0;          // stop after this many events; 0 = until interrupted
  bool quiet = false;               // count only, print nothing per event
  bool stats = false;               // on exit: events and events/s from the first to the last
  bool md5 = true;
};

// Returns the process exit code: 0, or 1 when the login is refused or the link cannot be made.
int run_ami_tail(const AmiTailOptions& options, std::ostream& out, std::ostream& err);

}  // namespace torpedo::app
