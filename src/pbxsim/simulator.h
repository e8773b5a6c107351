#pragma once
// The heart of pbxsim: what a real Asterisk 22 answers to each AMI action, byte for byte as
// in the recordings (tests/fixtures/ami). Pure: no sockets, no threads. The server feeds it
// actions and writes back what it returns; tests replay recorded sessions through it.
//
// This first part covers the session and system actions (Login plain and MD5, Challenge,
// Ping, CoreStatus, CoreSettings, CoreShowChannels, Command, Reload, ModuleLoad, QueueStatus,
// QueueSummary, PJSIPShowEndpoints, PJSIPShowRegistrationsOutbound, Logoff). Calls
// (Originate and its events) come next; see ARCHITECTURE.md.
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ami/message.h"
#include "common/clock.h"

namespace torpedo::pbxsim {

struct Endpoint {
  std::string name;
  std::string aor;
  std::string transport = "transport-udp";
  std::optional<std::string> contact;       // "carrier/sip:127.0.0.1:5070"
  std::string contact_hash;                 // as `pjsip show endpoints` prints it
  std::string device_state = "Unavailable"; // "Not in use" once it has a contact
  std::optional<std::string> identify_match;  // "127.0.0.1:5070/32"
  int max_contacts = 1;
};

struct QueueMember {
  std::string name;       // "Agent 1001"
  std::string interface;  // "PJSIP/agent1001"
  int penalty = 0;
  bool paused = false;
  int status = 5;         // AST_DEVICE_*: 5 = unavailable
};

struct Queue {
  std::string name;
  std::string strategy = "ringall";
  int max = 0;
  std::vector<QueueMember> members;
};

struct Registration {
  std::string name;
  std::string server_uri;
  std::string client_uri;
  std::string contact_user;
  std::string status = "Registered";
};

struct SimConfig {
  std::string user = "torpedo";
  std::string secret;
  std::string ami_version = "11.0.0";
  std::string asterisk_version = "GIT-22-22.0.0-pre1-541-g69535d4837";
  std::string build_line = "Asterisk GIT-22-22.0.0-pre1-541-g69535d4837 built by root @ vm on a x86_64 running Linux on 2026-11-23 20:33:18 UTC";
  int core_max_calls = 200;
  std::string local_address = "127.0.0.1:5060";
  std::vector<Endpoint> endpoints;
  std::vector<Queue> queues;
  std::vector<Registration> registrations;
};

// The configuration of the lab Asterisk behind the recordings (../asterisk-lab).
SimConfig lab_config(std::string secret);

// One AMI connection's state.
struct Session {
  bool authenticated = false;
  std::string events = "on";   // Login "Events:": on, off, or a list of classes
  std::string challenge;       // issued by Challenge, consumed by an MD5 Login
  bool close = false;          // set when the session must be closed after the reply
  // True when an event of this class (Privilege "call,all" → "call") reaches the session.
  bool wants(const std::string& event_class) const;
};

class Simulator {
 public:
  // `challenge` makes the decimal challenge of an MD5 login (random in pbxsim, fixed in tests).
  Simulator(SimConfig config, const Clock& clock, std::function<std::string()> challenge);

  static constexpr const char* kBanner = "Asterisk Call Manager/11.0.0\r\n";

  struct Event {
    std::string event_class;  // "system", "call", … (the first word of Privilege)
    std::string bytes;
  };
  struct Result {
    std::string reply;          // for the session that sent the action, written first
    std::vector<Event> events;  // then to every logged-in session that wants their class
  };
  Result handle(Session& session, const ami::Message& action);

  std::size_t live_channels() const { return 0; }
  std::uint64_t processed_calls() const { return processed_calls_; }

 private:
  std::string login(Session& s, const ami::Message& a, const std::string& id);
  std::string command(const std::string& cli, const std::string& id) const;
  Result reload(const std::string& module, const std::string& id, bool module_load);
  std::string queue_status(const std::string& queue, const std::string& id) const;
  std::string queue_summary(const std::string& queue, const std::string& id) const;
  std::string pjsip_endpoints(const std::string& id) const;
  std::string pjsip_registrations(const std::string& id) const;

  SimConfig config_;
  const Clock& clock_;
  std::function<std::string()> challenge_;
  EpochMs started_at_;
  EpochMs reloaded_at_;
  std::uint64_t processed_calls_ = 0;
};

}  // namespace torpedo::pbxsim
