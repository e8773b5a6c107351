#include "ami/actions.h"

namespace torpedo::ami {
namespace {

constexpr std::size_t kMaxHeaderLine = 1024;

void check_line(const std::string& name, const std::string& value) {
  if (name.size() + 2 + value.size() + 2 >= kMaxHeaderLine)
    throw InjectionError("AMI header " + name + " would be 1024 bytes or longer");
}

bool valid_variable_name(std::string_view n) {
  if (n.empty()) return false;
  for (char c : n)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

}  // namespace

Action originate(const OriginateRequest& r) {
  Action a("Originate");
  if (!r.action_id.empty()) a.add("ActionID", r.action_id);
  a.add("Channel", r.channel)
      .add("Context", r.context)
      .add("Exten", r.exten)
      .add("Priority", std::to_string(r.priority))
      .add("Timeout", std::to_string(r.timeout.count()));
  if (!r.caller_id.empty()) a.add("CallerID", r.caller_id);
  a.add("Async", "true");
  if (!r.channel_id.empty()) a.add("ChannelId", r.channel_id);
  if (!r.other_channel_id.empty()) a.add("OtherChannelId", r.other_channel_id);
  for (const auto& [name, value] : r.variables) {
    if (!valid_variable_name(name)) throw InjectionError("channel variable name \"" + name + "\" is not allowed");
    a.add("Variable", name + "=" + value);
  }
  for (const auto& [k, v] : a.headers()) check_line(k, v);
  return a;
}

Action hangup(const std::string& channel, int cause) {
  return std::move(Action("Hangup").add("Channel", channel).add("Cause", std::to_string(cause)));
}
Action core_status() { return Action("CoreStatus"); }
Action core_settings() { return Action("CoreSettings"); }
Action core_show_channels() { return Action("CoreShowChannels"); }
Action command(const std::string& cli) { return std::move(Action("Command").add("Command", cli)); }
Action reload(const std::string& module) { return std::move(Action("Reload").add("Module", module)); }
Action queue_status(const std::optional<std::string>& queue) {
  Action a("QueueStatus");
  if (queue) a.add("Queue", *queue);
  return a;
}
Action queue_summary(const std::optional<std::string>& queue) {
  Action a("QueueSummary");
  if (queue) a.add("Queue", *queue);
  return a;
}
Action pjsip_show_endpoints() { return Action("PJSIPShowEndpoints"); }
Action user_event(const std::string& name, const std::vector<std::pair<std::string, std::string>>& fields) {
  Action a("UserEvent");
  a.add("UserEvent", name);
  for (const auto& [k, v] : fields) a.add(k, v);
  return a;
}

std::optional<UserEvent> as_user_event(const Message& m) {
  if (m.event() != "UserEvent") return std::nullopt;
  UserEvent e;
  e.name = std::string(m.get_or("UserEvent"));
  e.uniqueid = std::string(m.get_or("Uniqueid"));
  e.channel = std::string(m.get_or("Channel"));
  for (std::size_t i = 0; i < m.size(); ++i) {
    auto f = m.field(i);
    e.fields.emplace(std::string(f.name), std::string(f.value));  // first occurrence wins
  }
  return e;
}

}  // namespace torpedo::ami
