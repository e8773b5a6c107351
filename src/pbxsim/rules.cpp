#include "pbxsim/rules.h"

#include <cctype>
#include <cmath>
#include <stdexcept>

namespace torpedo::pbxsim {

namespace {

constexpr Outcome kAll[] = {Outcome::answer,      Outcome::machine,     Outcome::notsure,    Outcome::busy,
                            Outcome::noanswer,    Outcome::unavailable, Outcome::congestion, Outcome::reject,
                            Outcome::unallocated, Outcome::unreachable, Outcome::random};

std::vector<std::string> words_of(const std::string& line) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
    std::size_t j = i;
    while (j < line.size() && !std::isspace(static_cast<unsigned char>(line[j]))) ++j;
    if (j > i) words.push_back(line.substr(i, j - i));
    i = j;
  }
  return words;
}

bool answers(Outcome o) { return o == Outcome::answer || o == Outcome::machine || o == Outcome::notsure; }

}  // namespace

const char* to_string(Outcome o) {
  switch (o) {
    case Outcome::answer: return "answer";
    case Outcome::machine: return "machine";
    case Outcome::notsure: return "notsure";
    case Outcome::busy: return "busy";
    case Outcome::noanswer: return "noanswer";
    case Outcome::unavailable: return "unavailable";
    case Outcome::congestion: return "congestion";
    case Outcome::reject: return "reject";
    case Outcome::unallocated: return "unallocated";
    case Outcome::unreachable: return "unreachable";
    case Outcome::random: return "random";
  }
  return "noanswer";
}

std::optional<Outcome> outcome_from_string(const std::string& s) {
  for (auto o : kAll)
    if (s == to_string(o)) return o;
  return std::nullopt;
}

std::optional<milliseconds> parse_duration(const std::string& text) {
  std::size_t unit = 0;
  while (unit < text.size() && (std::isdigit(static_cast<unsigned char>(text[unit])) || text[unit] == '.')) ++unit;
  if (unit == 0 || text.find('.') != text.rfind('.')) return std::nullopt;
  double value = 0;
  try {
    value = std::stod(text.substr(0, unit));
  } catch (...) {
    return std::nullopt;
  }
  const std::string suffix = text.substr(unit);
  double factor = 0;
  if (suffix == "ms") factor = 1;
  else if (suffix == "s" || suffix.empty()) factor = 1000;
  else if (suffix == "m") factor = 60000;
  else return std::nullopt;
  const double ms = value * factor;
  if (!std::isfinite(ms) || ms > 24.0 * 3600 * 1000) return std::nullopt;
  return milliseconds(static_cast<std::int64_t>(std::llround(ms)));
}

std::vector<Rule> parse_rules(const std::string& text) {
  std::vector<Rule> rules;
  std::size_t start = 0;
  int number = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    start = end == std::string::npos ? text.size() : end + 1;
    ++number;
    if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    const auto words = words_of(line);
    if (words.empty()) continue;
    auto fail = [&](const std::string& why) {
      throw std::invalid_argument("rules line " + std::to_string(number) + ": " + why);
    };
    if (words.size() < 2) fail("expected PREFIX OUTCOME [key=value …]");
    Rule r;
    r.prefix = words[0];
    if (r.prefix != "*" && r.prefix.find_first_not_of("0123456789+") != std::string::npos)
      fail("the prefix must be digits or *");
    auto outcome = outcome_from_string(words[1]);
    if (!outcome) fail("unknown outcome \"" + words[1] + "\"");
    r.outcome = *outcome;
    for (std::size_t k = 2; k < words.size(); ++k) {
      const auto eq = words[k].find('=');
      if (eq == std::string::npos) fail("expected key=value, got \"" + words[k] + "\"");
      const std::string key = words[k].substr(0, eq), value = words[k].substr(eq + 1);
      auto duration = [&] {
        auto d = parse_duration(value);
        if (!d) fail(key + " takes a duration such as 2s or 500ms, got \"" + value + "\"");
        return *d;
      };
      if (key == "trunk" && !value.empty()) {
        r.endpoint = value;
      } else if (key == "dtmf") {
        if (value.size() != 1 || std::string("0123456789*#").find(value[0]) == std::string::npos)
          fail("dtmf takes one key: 0-9, * or #");
        r.dtmf = value[0];
      } else if (key == "ring") {
        r.ring = duration();
      } else if (key == "talk") {
        r.talk = duration();
      } else if (key == "dtmf_at") {
        r.dtmf_at = duration();
      } else if (key == "seed") {
        try {
          std::size_t used = 0;
          r.seed = std::stoull(value, &used);
          if (used != value.size()) throw std::invalid_argument(value);
        } catch (...) {
          fail("seed takes a whole number");
        }
      } else {
        fail("unknown option \"" + key + "\"");
      }
    }
    if ((r.dtmf || r.dtmf_at || r.talk) && !answers(r.outcome))
      fail(std::string("dtmf, dtmf_at and talk only apply to answered outcomes, not ") + to_string(r.outcome));
    if (r.seed && r.outcome != Outcome::random) fail("seed only applies to random");
    rules.push_back(std::move(r));
  }
  return rules;
}

Callee random_callee(std::mt19937_64& rng) {
  // Roughly what a Brazilian collection campaign sees on mobile numbers.
  struct Share {
    int percent;
    Outcome outcome;
    bool key;
    bool short_call;
  };
  static constexpr Share kMix[] = {
      {20, Outcome::answer, true, false},  {15, Outcome::answer, false, false}, {10, Outcome::answer, false, true},
      {10, Outcome::machine, false, false}, {2, Outcome::notsure, false, false}, {10, Outcome::busy, false, false},
      {15, Outcome::noanswer, false, false}, {5, Outcome::unavailable, false, false},
      {5, Outcome::congestion, false, false}, {3, Outcome::reject, false, false},
      {5, Outcome::unallocated, false, false},
  };
  int roll = std::uniform_int_distribution<int>(0, 99)(rng);
  const Share* share = &kMix[0];
  for (const auto& s : kMix) {
    if (roll < s.percent) {
      share = &s;
      break;
    }
    roll -= s.percent;
  }
  Callee c;
  c.outcome = share->outcome;
  c.ring = milliseconds(std::uniform_int_distribution<int>(1000, 8000)(rng));
  if (share->key) c.dtmf = static_cast<char>('0' + std::uniform_int_distribution<int>(1, 3)(rng));
  if (share->short_call) c.talk = milliseconds(std::uniform_int_distribution<int>(500, 6000)(rng));
  if (c.outcome == Outcome::machine) c.talk = milliseconds(30000);
  return c;
}

CalleePicker::CalleePicker(std::vector<Rule> rules, std::uint64_t seed) : rules_(std::move(rules)), rng_(seed) {
  for (const auto& r : rules_) rule_rngs_.emplace_back(r.seed.value_or(0));
}

Callee CalleePicker::pick(const std::string& number, const std::string& endpoint) {
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    const Rule& r = rules_[i];
    if (r.endpoint && *r.endpoint != endpoint) continue;
    if (r.prefix == "*" || number.rfind(r.prefix, 0) == 0) return resolve(r, r.seed ? rule_rngs_[i] : rng_);
  }
  return Callee{};
}

Callee CalleePicker::resolve(const Rule& rule, std::mt19937_64& rng) const {
  Callee c = rule.outcome == Outcome::random ? random_callee(rng) : Callee{};
  if (rule.outcome != Outcome::random) {
    c.outcome = rule.outcome;
    c.dtmf = rule.dtmf;
    c.talk = rule.talk;
    c.dtmf_at = rule.dtmf_at;
    if (c.outcome == Outcome::machine && !c.talk) c.talk = milliseconds(30000);  // greeting, beep, then it hangs up
  }
  if (rule.ring) c.ring = *rule.ring;
  return c;
}

}  // namespace torpedo::pbxsim
