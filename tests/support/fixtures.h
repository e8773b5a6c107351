#pragma once
// The byte-exact Asterisk 22 recordings copied into tests/fixtures/ami.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace torpedo::testing {

inline std::filesystem::path ami_fixture(const std::string& file) {
  return std::filesystem::path(TORPEDO_FIXTURES_DIR) / "ami" / file;
}

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace torpedo::testing
