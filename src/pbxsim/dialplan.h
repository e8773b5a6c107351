#pragma once
// The dialplan pbxsim runs for an answered call, written as data: each extension is a list of
// priorities (application + its argument as Asterisk shows it in Newexten, variables already
// substituted). The simulator interprets the applications (simulator_calls.cpp); the two
// programs here mirror real Asterisk dialplans:
//  - lab: ../asterisk-lab/extensions.conf [torpedo-campaign], the one behind the recordings;
//  - torpedo: the campaign context of DIALPLAN.md §4 that Torpedo generates.
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace torpedo::pbxsim {

using Vars = std::map<std::string, std::string>;

struct Priority {
  std::string label;                                  // "message" for same => n(message),…
  std::string app;                                    // "Playback"
  std::function<std::string(const Vars&)> data;       // "hello-world"
};

struct Dialplan {
  std::string name;
  std::map<std::string, std::vector<Priority>> extensions;  // "s", "nodigit", "machine", …
  // A digit's extension when the dialplan has none by that name (torpedo: one per IVR option).
  std::vector<Priority> digit_fallback;
};

enum class DialplanProfile { torpedo, lab };
const Dialplan& dialplan_for(DialplanProfile profile);

// Where "label", "exten,priority" or "exten,label" lands from `exten`: {extension, index}.
std::optional<std::pair<std::string, std::size_t>> resolve_target(const Dialplan& plan, const std::string& exten,
                                                                  const std::string& target);
const std::vector<Priority>* extension(const Dialplan& plan, const std::string& exten);

// ${NAME} substitution, as the dialplan does before running an application.
std::string substitute(const std::string& text, const Vars& vars);
// $[…] after substitution, as far as Torpedo's dialplans use it: integer + and -, comparisons
// (> < >= <= = !=; numbers compare as numbers, anything else as text), "1" or "0" for a comparison.
std::string evaluate_expressions(const std::string& text);

// Extensions written as Asterisk text, as pbxsim reads a generated extensions.conf:
// (key, value) pairs "exten" → "E,1,App(args)" / "same" → "n(label),App(args)". Arguments keep
// their ${…} and $[…], worked out when the priority runs. Throws std::runtime_error on a line
// it cannot read.
std::map<std::string, std::vector<Priority>> parse_extensions(const std::vector<std::pair<std::string, std::string>>& lines);

// The campaign dialplan with one campaign's own extensions (its IVR keys) over it; a pattern
// extension "_[0-9*]" becomes the digit fallback.
Dialplan with_extensions(const Dialplan& base, const std::map<std::string, std::vector<Priority>>& extensions);

// How long Asterisk takes to play `sounds` ("vm-press&digits/1"): the stock prompts' real
// lengths; anything else (a campaign message) lasts `unknown`.
std::chrono::milliseconds sound_length(const std::string& sounds, std::chrono::milliseconds unknown);

}  // namespace torpedo::pbxsim
