#pragma once
// The configuration generator: pure functions from the telephony model to the Asterisk include
// files Torpedo owns on a node. The operator includes each one once from the file Asterisk
// reads (`#include torpedo_pjsip.conf` at the end of pjsip.conf, and so on); Torpedo never
// writes the operator's files and never emits `#exec`.
//
// Every file is built as sections of key/value pairs first and serialised second; before a
// file is handed out it is parsed back with Asterisk's syntax (asterisk/conf.h) and must give
// exactly those sections again, so a value that smuggled a newline, a `[`, a `;` or an
// `#include` is caught even if a pattern in validate.h let it through.
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "telephony/model.h"

namespace torpedo::telephony {

struct Section {
  std::string name;
  std::vector<std::pair<std::string, std::string>> values;  // in order; keys may repeat
  std::string comment;                                      // written above the header
};

struct ConfFile {
  std::string name;  // "torpedo_pjsip.conf"
  std::string purpose;
  std::vector<Section> sections;
};

struct GeneratedFile {
  std::string name;
  std::string text;
};

struct GenerationError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The campaign contexts the engine originates into, and the shared program they include.
std::string campaign_context(std::int64_t campaign_id);  // "torpedo-campaign-12"
extern const char* const kCampaignProgramContext;        // "torpedo-campaign"
extern const char* const kTrunkContext;                  // "torpedo-from-trunk"
extern const char* const kAgentContext;                  // "torpedo-agents"
// The endpoint name of a trunk: "trunk-<name>".
std::string trunk_endpoint(const Trunk& t);
// The MOH class of a `moh` audio file: "torpedo-audio-<id>".
std::string moh_class_name(std::int64_t audio_id);

// The four files, in the order they are written. With `mask_secrets`, passwords read
// "********" (the preview the API shows). Throws GenerationError when the model holds a value
// that could not be written safely, or when a file does not parse back to what was built.
std::vector<ConfFile> build(const Model& model, bool mask_secrets);
std::vector<GeneratedFile> generate(const Model& model, bool mask_secrets);

std::string serialize(const ConfFile& file);
// Parses `text` as Asterisk would and throws GenerationError unless it gives `file.sections`.
void check_round_trip(const ConfFile& file, const std::string& text);

}  // namespace torpedo::telephony
