#pragma once
// The heart of pbxsim: what a real Asterisk 22 answers to each AMI action, byte for byte as
// in the recordings (tests/fixtures/ami). Pure: no sockets, no threads. The server feeds it
// actions and writes back what it returns; tests replay recorded sessions through it.
//
// simulator.cpp answers the session and system actions (Login plain and MD5, Challenge, Ping,
// CoreStatus, CoreSettings, CoreShowChannels, Command, Reload, ModuleLoad, QueueStatus,
// QueueSummary, PJSIPShowEndpoints, PJSIPShowRegistrationsOutbound, Logoff);
// simulator_calls.cpp places calls (Originate, Hangup, restart): the far end behaves as the
// rules say (rules.h) and answered calls run a dialplan (dialplan.h).
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <memory>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ami/message.h"
#include "common/clock.h"
#include "pbxsim/dialplan.h"
#include "pbxsim/rules.h"

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
  std::string context = "from-carrier";     // the context its channels show (from the endpoint's config)
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
  std::string music_class = "default";  // queues.conf musicclass: what callers hear while waiting
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
  // Dialplan contexts (extensions.conf) and music-on-hold classes (musiconhold.conf) loaded
  // from --config-dir: what `dialplan show <context>` and `moh show classes` report.
  std::map<std::string, std::size_t> contexts;  // name → number of extension lines
  std::map<std::string, std::string> moh_classes;  // name → directory
  // Each campaign's own extensions (its IVR keys), by context ("torpedo-campaign-12"): a call
  // originated into that context runs the campaign program with these over it.
  std::map<std::string, std::map<std::string, std::vector<Priority>>> campaign_extensions;
  // Variables exported on every channel event (manager.conf channelvars).
  std::vector<std::string> channelvars = {"TORPEDO_CAMPAIGN_ID", "TORPEDO_CONTACT_ID", "TORPEDO_ATTEMPT_ID"};
  std::vector<Rule> rules;        // first match wins; no match: noanswer
  std::uint64_t seed = 1;         // for `random` rules without a seed of their own
  double time_scale = 1.0;        // 0.001 makes a 20 s ring timeout last 20 ms
  std::size_t max_channels = 0;   // Originates beyond this many live channels fail (0: no limit)
  DialplanProfile dialplan = DialplanProfile::torpedo;
  std::chrono::milliseconds message_length{8000};  // a sound pbxsim does not know (the campaign message)
};

// The configuration of the lab Asterisk behind the recordings (../asterisk-lab), with the
// carrier's number prefixes as rules.
SimConfig lab_config(std::string secret);

// Runs work later on the simulator's thread; pbxsim uses Asio timers, tests a manual clock.
class Scheduler {
 public:
  virtual ~Scheduler() = default;
  virtual void after(std::chrono::milliseconds delay, std::function<void()> work) = 0;
};

// One AMI connection's state.
struct Session {
  bool authenticated = false;
  std::string events = "on";   // Login "Events:": on, off, or a list of classes
  std::string challenge;       // issued by Challenge, consumed by an MD5 Login
  bool close = false;          // set when the session must be closed after the reply
  // True when an event of this class (Privilege "call,all" → "call") reaches the session.
  bool wants(const std::string& event_class) const;
};

// What pbxsim saw of the calls placed on it, for tests that check Torpedo's dialing rules
// from the far side (SPEC §3): how many calls were up at once, overall and per endpoint, the
// most Originates in any one second per endpoint, numbers dialed while a call to them was up,
// and ChannelIds used twice.
struct Ledger {
  std::uint64_t originates = 0;
  std::uint64_t channels = 0;            // channels made
  std::uint64_t reused_channel_ids = 0;  // a ChannelId seen before (each attempt must have its own)
  std::uint64_t number_overlaps = 0;     // a channel made to a number that had one up
  std::size_t max_live = 0;
  std::map<std::string, std::size_t> max_live_per_endpoint;
  std::map<std::string, std::size_t> max_per_second_per_endpoint;
  std::size_t live = 0;
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

  // Calls need time and unsolicited events: without these, Originate is refused.
  void attach(Scheduler& scheduler, std::function<void(const Event&)> emit);

  std::size_t live_channels() const { return channels_.size(); }
  // Safe to call from any thread.
  Ledger ledger() const;

  // `core restart now`: every live call ends (SoftHangupRequest 4, Hangup Cause 0), then
  // Event: Shutdown goes out. The caller closes the connections; the pbx counts as started
  // again `downtime` later (Uptime, CoreStartupTime, channel names from 00000000 again).
  void restart(std::chrono::milliseconds downtime);

  // Re-reads configuration (pbxsim --config-dir) on Reload; returns false to keep the old one.
  void set_reloader(std::function<bool(SimConfig&)> reloader) { reloader_ = std::move(reloader); }
  const SimConfig& config() const { return config_; }

 private:
  std::string login(Session& s, const ami::Message& a, const std::string& id);
  std::string command(const std::string& cli, const std::string& id) const;
  Result reload(const std::string& module, const std::string& id, bool module_load);
  std::string queue_status(const std::string& queue, const std::string& id) const;
  std::string queue_summary(const std::string& queue, const std::string& id) const;
  std::string pjsip_endpoints(const std::string& id) const;
  std::string pjsip_registrations(const std::string& id) const;

  struct Channel;
  using ChannelPtr = std::shared_ptr<Channel>;
  Result originate(const ami::Message& a, const std::string& id);
  std::string core_show_channels(const std::string& id) const;
  Result hangup_action(const ami::Message& a, const std::string& id);
  void run_call(const ChannelPtr& c, std::chrono::milliseconds timeout);
  void run_failure(const ChannelPtr& c, Outcome outcome, std::chrono::milliseconds timeout);
  void ring(const ChannelPtr& c);
  void answer(const ChannelPtr& c);
  void run_dialplan(const ChannelPtr& c);
  bool run_application(const ChannelPtr& c, const std::string& app, const std::string& data);
  void resume(const ChannelPtr& c);
  void press(const ChannelPtr& c, char digit);
  void callee_hangup(const ChannelPtr& c);
  void pbx_hangup(const ChannelPtr& c, int cause);
  void interrupt_application(const ChannelPtr& c);
  void end_answered(const ChannelPtr& c, int cause);
  void rtcp(const ChannelPtr& c);
  // Queue(): the caller waits with music until the timeout (pbxsim's members never answer).
  bool queue_join(const ChannelPtr& c, const std::string& data);
  struct QueueCaller;
  std::string caller_entry(const std::string& queue, int position, const QueueCaller& caller, const std::string& id) const;
  void queue_leave(const ChannelPtr& c, bool timed_out);
  std::string channel_block(const Channel& c, const std::string& prefix) const;
  void emit(const std::string& event_class, std::string bytes);
  void emit_channel_event(const Channel& c, const std::string& event, const std::string& extra,
                          const std::string& event_class = "call");
  void var_set(Channel& c, const std::string& name, const std::string& value);
  void originate_response(const Channel& c, bool success, int reason);
  void originate_failed(const std::string& action_id, const std::string& dial_string, const std::string& uniqueid,
                        const std::string& cid_num, const std::string& cid_name, const std::string& context);
  void cdr(const Channel& c, const std::string& disposition);
  void hangup(const ChannelPtr& c, int cause, std::optional<int> tech_cause);
  void device_state(const std::string& endpoint);
  template <typename F>
  void later(const ChannelPtr& c, std::chrono::milliseconds delay, F work);
  std::chrono::milliseconds scaled(std::chrono::milliseconds d) const;
  const Endpoint* find_endpoint(const std::string& name) const;
  const Dialplan& dialplan(const Channel& c) const;

  Scheduler* scheduler_ = nullptr;
  std::function<void(const Event&)> emit_;
  std::map<std::string, std::shared_ptr<Channel>> channels_;  // live channels by Uniqueid
  void ledger_channel_made(const Channel& c);
  void ledger_channel_gone(const Channel& c);
  mutable std::mutex ledger_mutex_;
  Ledger ledger_;                                          // guarded by ledger_mutex_
  std::set<std::string> ids_seen_;
  std::map<std::string, std::size_t> live_numbers_, live_endpoints_;
  std::map<std::string, std::deque<EpochMs>> recent_originates_;
  std::uint64_t next_channel_ = 0;
  std::map<std::string, std::string> device_states_;  // endpoint → DeviceStateChange State last sent
  std::function<bool(SimConfig&)> reloader_;
  mutable std::map<std::string, Dialplan> campaign_plans_;  // built from config_ on first use
  struct QueueCaller {
    ChannelPtr channel;
    EpochMs joined_at = 0;
    int original_position = 0;
  };
  std::map<std::string, std::vector<QueueCaller>> queue_callers_;  // by queue name, in position order

  SimConfig config_;
  CalleePicker callees_;
  const Clock& clock_;
  std::function<std::string()> challenge_;
  EpochMs started_at_;
  EpochMs reloaded_at_;
  std::uint64_t processed_calls_ = 0;
};

}  // namespace torpedo::pbxsim
