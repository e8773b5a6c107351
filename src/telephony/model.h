#pragma once
// The PBX side as Torpedo models it: SIP extensions (ramais), queues (filas), SIP trunks
// (troncos), music-on-hold classes and the campaigns' IVR options. The configuration generator
// (generator.h) turns this model into Asterisk text; validate.h holds every string to patterns
// neither Asterisk's configuration parser nor its dialplan can misread.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace torpedo::telephony {

struct Extension {
  std::int64_t id = 0;
  std::string number;                    // what agents dial and what queues show: "1001"
  std::string endpoint;                  // the SIP user/endpoint name, never the bare number: "r1001-k3x9q2"
  std::string name;                      // display name: "Atendente Maria"
  std::optional<std::string> caller_id;  // number presented on outgoing calls (digits)
  std::string secret;                    // plain text, only while rendering
  std::vector<std::string> codecs{"ulaw", "alaw"};
  bool enabled = true;
};

struct QueueMember {
  std::int64_t extension_id = 0;
  int penalty = 0;
  bool paused = false;
};

struct Queue {
  std::int64_t id = 0;
  std::string name;                  // "suporte": the Asterisk queue name
  std::string strategy = "ringall";  // ringall, leastrecent, fewestcalls, random, rrmemory
  int timeout_s = 15;                // ring each member this long
  int retry_s = 5;                   // pause before ringing again
  int max_callers = 0;               // 0 = no limit
  int wrapup_s = 0;
  std::optional<std::string> moh_class;  // a class from moh_classes(); none = Asterisk's default
  std::optional<std::int64_t> announce_audio_id;
  std::vector<QueueMember> members;
};

enum class NumberFormat {
  e164_plus,        // +5511987654321
  e164,             // 5511987654321
  national,         // 11987654321
  national_prefix,  // <prefix>11987654321, e.g. a carrier selection code "015"
};

struct Trunk {
  std::int64_t id = 0;
  std::string name;  // "vivo-sp": the endpoint is "trunk-vivo-sp"
  std::string host;
  int port = 5060;
  std::string transport = "udp";  // udp, tcp, tls
  std::optional<std::string> username;
  std::optional<std::string> secret;  // plain text, only while rendering
  bool register_outbound = false;
  std::vector<std::string> ip_match;  // addresses or networks the carrier calls from
  std::vector<std::string> codecs{"ulaw", "alaw"};
  int max_channels = 30;
  double max_cps = 10;
  std::optional<std::string> caller_id;
  NumberFormat number_format = NumberFormat::e164;
  std::optional<std::string> dial_prefix;     // for national_prefix
  std::vector<std::string> allowed_prefixes;  // national numbers the trunk may dial; empty = any
  bool enabled = true;
};

// Music on hold: one class per `moh` audio file, playing the files of its directory.
struct MohClass {
  std::string name;  // "torpedo-audio-12"
  std::string directory;
};

enum class IvrAction { queue, extension, optout, repeat, hangup };

struct IvrOption {
  IvrAction action = IvrAction::hangup;
  std::string target;                   // queue name or extension number; empty for the others
  int timeout_s = 30;                   // queue wait or extension ring time
  std::optional<std::string> playback;  // what to play first (a delivered path or URL), if any
};

// What the dialplan of one campaign needs: its IVR options by digit ('0'–'9', '*').
struct CampaignDialplan {
  std::int64_t id = 0;
  std::map<char, IvrOption> options;
  int max_repeats = 3;
};

struct Model {
  std::vector<Extension> extensions;
  std::vector<Queue> queues;
  std::vector<Trunk> trunks;
  std::vector<MohClass> moh_classes;
  std::vector<CampaignDialplan> campaigns;
  // Queue announcements that can be played on this node: audio id → path without extension.
  std::map<std::int64_t, std::string> announcements;
};

const char* to_string(NumberFormat f);
std::optional<NumberFormat> number_format_from(const std::string& s);
const char* to_string(IvrAction a);
std::optional<IvrAction> ivr_action_from(const std::string& s);

}  // namespace torpedo::telephony
