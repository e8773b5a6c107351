#pragma once
// Asterisk configuration syntax, read the way Asterisk reads it. Used by pbxsim (--config-dir)
// and by the configuration generator, which parses what it wrote and compares it with the model.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace torpedo::asterisk {

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
std::vector<ConfSection> parse_asterisk_conf_text(const std::string& text,
                                                  const std::filesystem::path& base_dir,
                                                  const std::string& origin = "<text>", int depth = 0);

}  // namespace torpedo::asterisk
