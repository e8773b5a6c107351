#include "asterisk/conf.h"

#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "common/strings.h"

namespace torpedo::asterisk {

namespace fs = std::filesystem;

std::string ConfSection::get(const std::string& key, const std::string& fallback) const {
  for (auto it = values.rbegin(); it != values.rend(); ++it)
    if (it->first == key) return it->second;
  return fallback;
}

std::vector<std::string> ConfSection::get_all(const std::string& key) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : values)
    if (k == key) out.push_back(v);
  return out;
}

namespace {

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Drops a ';' comment; "\;" stands for a literal semicolon.
std::string strip_comment(const std::string& line) {
  std::string out;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == ';') {
      out += ';';
      ++i;
      continue;
    }
    if (line[i] == ';') break;
    out += line[i];
  }
  return out;
}

}  // namespace

std::vector<ConfSection> parse_asterisk_conf_text(const std::string& text, const fs::path& base_dir,
                                                  const std::string& origin, int depth) {
  if (depth > 10) throw std::runtime_error(origin + ": #include nested too deep");
  std::vector<ConfSection> sections;
  std::map<std::string, ConfSection> templates;
  std::istringstream in(text);
  std::string raw;
  int number = 0;
  auto fail = [&](const std::string& why) {
    throw std::runtime_error(origin + ":" + std::to_string(number) + ": " + why);
  };
  while (std::getline(in, raw)) {
    ++number;
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    std::string line = std::string(trim(strip_comment(raw)));
    if (line.empty()) continue;
    if (line[0] == '#') {
      const bool try_only = line.rfind("#tryinclude", 0) == 0;
      if (line.rfind("#exec", 0) == 0) fail("#exec is not allowed");
      if (line.rfind("#include", 0) != 0 && !try_only) fail("unknown directive " + line);
      std::string name = std::string(trim(line.substr(try_only ? 11 : 8)));
      if (name.size() >= 2 && (name.front() == '"' || name.front() == '<'))
        name = name.substr(1, name.size() - 2);
      fs::path target = fs::path(name).is_absolute() ? fs::path(name) : base_dir / name;
      if (!fs::exists(target)) {
        if (try_only) continue;
        fail("#include " + name + ": no such file");
      }
      auto included =
          parse_asterisk_conf_text(read_text(target), target.parent_path(), target.string(), depth + 1);
      // An included file may go on adding to the section it was included in (Asterisk allows it),
      // but Torpedo's files always open their own sections.
      for (auto& s : included) {
        if (s.is_template) templates[s.name] = s;
        sections.push_back(std::move(s));
      }
      continue;
    }
    if (line[0] == '[') {
      const auto close = line.find(']');
      if (close == std::string::npos || close == 1) fail("a section header needs [name]");
      ConfSection s;
      s.name = line.substr(1, close - 1);
      std::string rest = std::string(trim(line.substr(close + 1)));
      if (!rest.empty()) {
        if (rest.front() != '(' || rest.back() != ')') fail("expected (options) after [" + s.name + "]");
        std::string list = rest.substr(1, rest.size() - 2);
        std::size_t start = 0;
        while (start <= list.size()) {
          auto comma = list.find(',', start);
          std::string item = std::string(
              trim(list.substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
          if (item == "!") {
            s.is_template = true;
          } else if (item == "+") {
            // [name](+) adds to an earlier section of that name.
          } else if (!item.empty()) {
            auto t = templates.find(item);
            if (t == templates.end()) fail("template " + item + " is not defined");
            s.values.insert(s.values.end(), t->second.values.begin(), t->second.values.end());
          }
          if (comma == std::string::npos) break;
          start = comma + 1;
        }
      }
      sections.push_back(std::move(s));
      if (sections.back().is_template) templates[sections.back().name] = sections.back();
      continue;
    }
    auto eq = line.find('=');
    if (eq == std::string::npos) fail("expected key = value");
    if (sections.empty()) fail("key = value before any [section]");
    std::string key = std::string(trim(line.substr(0, eq)));
    std::size_t value_start = eq + 1;
    if (value_start < line.size() && line[value_start] == '>') ++value_start;  // key => value
    if (key.empty()) fail("empty key");
    auto& section = sections.back();
    section.values.emplace_back(std::move(key), std::string(trim(line.substr(value_start))));
    if (section.is_template) templates[section.name] = section;
  }
  return sections;
}

std::vector<ConfSection> parse_asterisk_conf(const fs::path& file) {
  return parse_asterisk_conf_text(read_text(file), file.parent_path(), file.string());
}

}  // namespace torpedo::asterisk
