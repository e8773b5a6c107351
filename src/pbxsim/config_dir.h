#pragma once
// pbxsim --config-dir: the PJSIP and queue configuration Torpedo generates, read the way
// Asterisk reads it, so that endpoints, queues and their members exist in pbxsim as they
// would in Asterisk. Reads DIR/pjsip.conf and DIR/queues.conf (following #include), at start
// and on each Reload.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "pbxsim/simulator.h"

namespace torpedo::pbxsim {

// One [section] of an Asterisk .conf file, templates applied. Repeated keys stay repeated.
struct ConfSection {
  std::string name;
  bool is_template = false;
  std::vector<std::pair<std::string, std::string>> values;
  std::string get(const std::string& key, const std::string& fallback = "") const;
  std::vector<std::string> get_all(const std::string& key) const;
};

// Parses Asterisk configuration syntax: [name], [name](!), [name](template,…), key = value,
// key => value, ';' comments (\; is a literal), #include/#tryinclude relative to the file.
// #exec is refused. Throws std::runtime_error naming file and line on a syntax error.
std::vector<ConfSection> parse_asterisk_conf(const std::filesystem::path& file);
std::vector<ConfSection> parse_asterisk_conf_text(const std::string& text, const std::filesystem::path& base_dir,
                                                  const std::string& origin = "<text>", int depth = 0);

// Replaces config's endpoints, registrations and queues with those in `dir`. Throws
// std::runtime_error when a file cannot be parsed (the caller keeps the previous config).
void load_config_dir(const std::filesystem::path& dir, SimConfig& config);

}  // namespace torpedo::pbxsim
