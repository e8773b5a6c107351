#pragma once
// Runs tests/support/sigv4_server.py (an S3 endpoint that verifies SigV4) for a test.
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "support/fixtures.h"

namespace torpedo::testing {

class SigV4Server {
 public:
  SigV4Server(const std::string& access, const std::string& secret) {
    const std::string cmd = "python3 " + std::string(TORPEDO_FIXTURES_DIR) + "/../support/sigv4_server.py " + access +
                            " " + secret + " & echo $!";
    pipe_ = ::popen(cmd.c_str(), "r");
    char line[256] = {0};
    if (pipe_ && std::fgets(line, sizeof line, pipe_)) pid_ = std::atoi(line);
    if (pipe_ && std::fgets(line, sizeof line, pipe_)) {
      std::string s(line);
      const auto at = s.find("127.0.0.1");
      if (at != std::string::npos) endpoint = "http://" + s.substr(at, s.find_last_not_of("\r\n") - at + 1);
    }
  }
  ~SigV4Server() {
    if (pid_ > 0) ::kill(pid_, SIGTERM);
    if (pipe_) ::pclose(pipe_);
  }
  SigV4Server(const SigV4Server&) = delete;
  SigV4Server& operator=(const SigV4Server&) = delete;
  std::string endpoint;  // "http://127.0.0.1:PORT", empty when it did not start

 private:
  FILE* pipe_ = nullptr;
  int pid_ = 0;
};

}  // namespace torpedo::testing
