#pragma once
// What the far end does with each dialed number: the rules file and the seeded random mix.
// A rule picks an outcome by number prefix (and optionally trunk); resolving it gives a
// Callee, the concrete behaviour of one call (how long it rings, whether and when the person
// presses a key or hangs up).
#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace torpedo::pbxsim {

using std::chrono::milliseconds;

enum class Outcome {
  answer,       // a person answers (dtmf=D presses a key, talk=T hangs up after T)
  machine,      // an answering machine: AMD says MACHINE; without AMD it just hears the message
  notsure,      // answers, then sends no audio at all: AMD gives up with NOTSURE/TOOLONG
  busy,         // SIP 486
  noanswer,     // rings until the Originate timeout
  unavailable,  // SIP 480 at once
  congestion,   // SIP 503
  reject,       // SIP 603
  unallocated,  // SIP 404
  unreachable,  // dead trunk: no ringing, the Originate timeout ends it
  random,       // a seeded mix of all the above
};
const char* to_string(Outcome o);
std::optional<Outcome> outcome_from_string(const std::string& s);

struct Rule {
  std::string prefix;                   // of the dialed number; "*" matches all
  std::optional<std::string> endpoint;  // trunk=NAME: only calls through this endpoint
  Outcome outcome = Outcome::noanswer;
  std::optional<char> dtmf;             // dtmf=D
  std::optional<milliseconds> ring;     // ring=2s
  std::optional<milliseconds> talk;     // talk=5s: the callee hangs up this long after answering
  std::optional<milliseconds> dtmf_at;  // dtmf_at=4.8s: when the key is pressed, counted from the answer
  std::optional<std::uint64_t> seed;    // seed=N (random only)
};

// One rule a line: "PREFIX OUTCOME [key=value …]", '#' starts a comment; first match wins.
// Durations: 1500ms, 1.5s, 2m. Throws std::invalid_argument naming the line on anything else.
std::vector<Rule> parse_rules(const std::string& text);

// "1.5s" → 1500 ms; nullopt when it is not a duration.
std::optional<milliseconds> parse_duration(const std::string& text);

// The behaviour of one call, every random choice already made.
struct Callee {
  Outcome outcome = Outcome::noanswer;        // never random
  milliseconds ring{2000};                    // until the answer (or the failure, for rejections)
  std::optional<milliseconds> talk;           // hang up this long after the answer; none: stay
  std::optional<char> dtmf;                   // the key this person presses, if any
  std::optional<milliseconds> dtmf_at;        // when; none: shortly after the pbx starts listening
};

// Picks the behaviour for a dialed number: the first matching rule, resolved with `rng` (or
// the rule's own seeded generator); no rule matches: the number rings unanswered.
class CalleePicker {
 public:
  CalleePicker(std::vector<Rule> rules, std::uint64_t seed);
  Callee pick(const std::string& number, const std::string& endpoint);
  const std::vector<Rule>& rules() const { return rules_; }

 private:
  Callee resolve(const Rule& rule, std::mt19937_64& rng) const;
  std::vector<Rule> rules_;
  std::vector<std::mt19937_64> rule_rngs_;  // one per rule, for seed=N
  std::mt19937_64 rng_;
};

// The random mix, in percent, documented in pbxsim's README section and used by `random`.
Callee random_callee(std::mt19937_64& rng);

}  // namespace torpedo::pbxsim
