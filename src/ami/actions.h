#pragma once
// Typed builders for the actions Torpedo sends, and readers for the events its dialplan
// reports (DIALPLAN.md). Header order follows what the recorded client sent, so a built action
// can be checked byte for byte against tests/fixtures/ami/*.sent.
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ami/action.h"
#include "ami/message.h"

namespace torpedo::ami {

struct OriginateRequest {
  std::string action_id;          // globally unique: OriginateResponse reaches every AMI session
  std::string channel;            // "PJSIP/<number>@<trunk endpoint>"
  std::string context;
  std::string exten = "s";
  int priority = 1;
  std::chrono::milliseconds timeout{30000};  // ring timeout
  std::string caller_id;          // "\"Name\" <number>" or a number
  std::string channel_id;         // the attempt's UUID: becomes the channel's Uniqueid
  std::string other_channel_id;   // only Local channels use it; optional
  std::vector<std::pair<std::string, std::string>> variables;  // NAME=value, one header each
};

// Always `Async: true`. Throws InjectionError on CR/LF anywhere, a variable name that is not
// [A-Za-z0-9_], or a header line of 1024 bytes or more (Asterisk truncates those).
Action originate(const OriginateRequest& r);
Action hangup(const std::string& channel, int cause = 16);
Action core_status();
Action core_settings();
Action core_show_channels();
Action command(const std::string& cli);
Action reload(const std::string& module);  // "res_pjsip.so", "app_queue.so", …
Action queue_status(const std::optional<std::string>& queue = std::nullopt);
Action queue_summary(const std::optional<std::string>& queue = std::nullopt);
Action pjsip_show_endpoints();
Action user_event(const std::string& name, const std::vector<std::pair<std::string, std::string>>& fields);

// "Event: UserEvent" with "UserEvent: <name>" (TorpedoAMD, TorpedoDTMF, TorpedoAction,
// TorpedoQueue): the channel's Uniqueid and every other field by name.
struct UserEvent {
  std::string name;
  std::string uniqueid;
  std::string channel;
  std::map<std::string, std::string> fields;
  std::string field(const std::string& key) const {
    auto it = fields.find(key);
    return it == fields.end() ? std::string() : it->second;
  }
};
std::optional<UserEvent> as_user_event(const Message& m);

}  // namespace torpedo::ami
