#include "pbxsim/dialplan.h"

#include <stdexcept>

#include "common/strings.h"

namespace torpedo::pbxsim {

namespace {

std::string var(const Vars& v, const std::string& name) {
  auto it = v.find(name);
  return it == v.end() ? "" : it->second;
}

// A priority whose argument is a template with ${NAME}s.
Priority p(std::string app, std::string text = "", std::string label = "") {
  return {std::move(label), std::move(app), [text = std::move(text)](const Vars& v) { return substitute(text, v); }};
}

// A priority whose argument needs an expression ($[…], IF()) worked out.
Priority px(std::string app, std::function<std::string(const Vars&)> data, std::string label = "") {
  return {std::move(label), std::move(app), std::move(data)};
}

std::string flag(bool b) { return b ? "1" : "0"; }

Dialplan make_lab() {
  // ../asterisk-lab/extensions.conf, [torpedo-campaign]
  Dialplan d;
  d.name = "lab";
  d.extensions["s"] = {
      p("NoOp", "torpedo campaign=${TORPEDO_CAMPAIGN_ID} contact=${TORPEDO_CONTACT_ID}"),
      p("Set", "CDR(campaign)=${TORPEDO_CAMPAIGN_ID}"),
      p("Set", "CDR(contact)=${TORPEDO_CONTACT_ID}"),
      p("Answer"),
      px("GotoIf", [](const Vars& v) { return flag(var(v, "TORPEDO_AMD") != "1") + "?message"; }),
      p("AMD"),
      p("Set", "CDR(amd)=${AMDSTATUS}:${AMDCAUSE}"),
      p("UserEvent",
        "TorpedoAMD,CampaignId: ${TORPEDO_CAMPAIGN_ID},ContactId: ${TORPEDO_CONTACT_ID},AMDStatus: ${AMDSTATUS},"
        "AMDCause: ${AMDCAUSE}"),
      px("GotoIf", [](const Vars& v) { return flag(var(v, "AMDSTATUS") == "MACHINE") + "?machine,1"; }),
      px("Playback", [](const Vars& v) {
        auto m = var(v, "TORPEDO_MESSAGE");
        return m.empty() ? std::string("hello-world") : m;
      }, "message"),
      px("Read", [](const Vars& v) {
        auto t = var(v, "TORPEDO_READ_TIMEOUT");
        return "TORPEDO_DIGIT,vm-press&digits/1,1,,1," + (t.empty() ? std::string("6") : t);
      }),
      p("Set", "CDR(dtmf)=${TORPEDO_DIGIT}"),
      p("Set", "CDR(userfield)=dtmf:${TORPEDO_DIGIT} read:${READSTATUS}"),
      p("UserEvent",
        "TorpedoDTMF,CampaignId: ${TORPEDO_CAMPAIGN_ID},ContactId: ${TORPEDO_CONTACT_ID},Digit: ${TORPEDO_DIGIT},"
        "ReadStatus: ${READSTATUS}"),
      px("GotoIf", [](const Vars& v) { return flag(var(v, "TORPEDO_DIGIT").empty()) + "?nodigit,1"; }),
      px("GotoIf", [](const Vars& v) {
        return flag(var(v, "TORPEDO_DIGIT") == "1" && var(v, "TORPEDO_ON_1") == "queue") + "?queue,1";
      }),
      p("Playback", "auth-thankyou"),
      p("Hangup"),
  };
  d.extensions["nodigit"] = {p("Playback", "vm-goodbye"), p("Hangup")};
  d.extensions["machine"] = {p("NoOp", "answering machine for contact ${TORPEDO_CONTACT_ID}"),
                             p("Set", "CDR(userfield)=amd:MACHINE"), p("Hangup")};
  d.extensions["queue"] = {
      p("Set", "CDR(userfield)=dtmf:1 queue:support"),
      px("Queue", [](const Vars& v) {
        auto t = var(v, "TORPEDO_QUEUE_TIMEOUT");
        return "support,,,," + (t.empty() ? std::string("20") : t);
      }),
      p("UserEvent",
        "TorpedoQueue,CampaignId: ${TORPEDO_CAMPAIGN_ID},ContactId: ${TORPEDO_CONTACT_ID},QueueStatus: ${QUEUESTATUS}"),
      p("Hangup"),
  };
  return d;
}

Dialplan make_torpedo() {
  // DIALPLAN.md §4: the campaign context Torpedo generates.
  Dialplan d;
  d.name = "torpedo";
  auto read_timeout = [](const Vars& v) {
    auto t = var(v, "TORPEDO_READ_TIMEOUT");
    return t.empty() ? std::string("5") : t;
  };
  d.extensions["s"] = {
      p("NoOp", "torpedo attempt=${TORPEDO_ATTEMPT_ID}"),
      p("Set", "CDR(campaign)=${TORPEDO_CAMPAIGN_ID}"),
      p("Set", "CDR(contact)=${TORPEDO_CONTACT_ID}"),
      p("Answer"),
      px("GotoIf", [](const Vars& v) { return flag(var(v, "TORPEDO_AMD") != "1") + "?message"; }),
      p("AMD", "${TORPEDO_AMD_PARAMS}"),
      p("Set", "CDR(amd)=${AMDSTATUS}:${AMDCAUSE}"),
      p("UserEvent",
        "TorpedoAMD,CampaignId: ${TORPEDO_CAMPAIGN_ID},ContactId: ${TORPEDO_CONTACT_ID},AMDStatus: ${AMDSTATUS},"
        "AMDCause: ${AMDCAUSE}"),
      px("GotoIf", [](const Vars& v) { return flag(var(v, "AMDSTATUS") == "MACHINE") + "?machine,1"; }),
      px("GotoIf", [](const Vars& v) { return flag(var(v, "TORPEDO_IVR") == "1") + "?ivr"; }, "message"),
      p("Playback", "${TORPEDO_MESSAGE}"),
      p("Hangup"),
      px("Read", [read_timeout](const Vars& v) {
        return "TORPEDO_DIGIT," + var(v, "TORPEDO_MESSAGE") + ",1,,1," + read_timeout(v);
      }, "ivr"),
      p("Set", "CDR(dtmf)=${TORPEDO_DIGIT}"),
      p("UserEvent",
        "TorpedoDTMF,CampaignId: ${TORPEDO_CAMPAIGN_ID},ContactId: ${TORPEDO_CONTACT_ID},Digit: ${TORPEDO_DIGIT},"
        "ReadStatus: ${READSTATUS}"),
      px("GotoIf", [](const Vars& v) { return flag(var(v, "TORPEDO_DIGIT").empty()) + "?nodigit,1"; }),
      p("Goto", "${TORPEDO_DIGIT},1"),
  };
  d.extensions["nodigit"] = {p("Hangup")};
  d.extensions["machine"] = {
      px("GotoIf", [](const Vars& v) { return flag(var(v, "TORPEDO_MACHINE_ACTION") == "message") + "?leave"; }),
      p("Hangup"),
      p("WaitForSilence", "1500,1,20", "leave"),
      p("Playback", "${TORPEDO_MESSAGE}"),
      p("Hangup"),
  };
  // Until the IVR options are generated per campaign (issue 6), a digit's extension ends the call.
  d.digit_fallback = {p("Hangup")};
  return d;
}

}  // namespace

const Dialplan& dialplan_for(DialplanProfile profile) {
  static const Dialplan lab = make_lab();
  static const Dialplan torpedo = make_torpedo();
  return profile == DialplanProfile::lab ? lab : torpedo;
}

const std::vector<Priority>* extension(const Dialplan& plan, const std::string& exten) {
  if (auto it = plan.extensions.find(exten); it != plan.extensions.end()) return &it->second;
  if (exten.size() == 1 && std::string("0123456789*#").find(exten[0]) != std::string::npos &&
      !plan.digit_fallback.empty())
    return &plan.digit_fallback;
  return nullptr;
}

std::optional<std::pair<std::string, std::size_t>> resolve_target(const Dialplan& plan, const std::string& exten,
                                                                  const std::string& target) {
  std::string to_exten = exten, where = target;
  if (auto comma = target.find(','); comma != std::string::npos) {
    to_exten = target.substr(0, comma);
    where = target.substr(comma + 1);
  }
  const auto* priorities = extension(plan, to_exten);
  if (!priorities) return std::nullopt;
  if (!where.empty() && where.find_first_not_of("0123456789") == std::string::npos) {
    const auto index = std::stoul(where);
    if (index == 0 || index > priorities->size()) return std::nullopt;
    return std::make_pair(to_exten, static_cast<std::size_t>(index - 1));
  }
  for (std::size_t i = 0; i < priorities->size(); ++i)
    if ((*priorities)[i].label == where) return std::make_pair(to_exten, i);
  return std::nullopt;
}

std::string substitute(const std::string& text, const Vars& vars) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 2, "${") == 0) {
      auto close = text.find('}', i + 2);
      if (close != std::string::npos) {
        out += var(vars, text.substr(i + 2, close - i - 2));
        i = close + 1;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

std::chrono::milliseconds sound_length(const std::string& sounds, std::chrono::milliseconds unknown) {
  // Lengths of Asterisk's core English prompts (8 kHz GSM files).
  static const std::map<std::string, int> kKnown = {
      {"hello-world", 1500}, {"vm-press", 1000}, {"digits/1", 500},
      {"auth-thankyou", 1000}, {"vm-goodbye", 800}, {"beep", 300},
  };
  std::chrono::milliseconds total{0};
  std::size_t start = 0;
  while (start <= sounds.size()) {
    auto amp = sounds.find('&', start);
    const std::string one = sounds.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
    if (!one.empty()) {
      auto it = kKnown.find(one);
      total += it == kKnown.end() ? unknown : std::chrono::milliseconds(it->second);
    }
    if (amp == std::string::npos) break;
    start = amp + 1;
  }
  return total;
}

namespace {


std::optional<long long> as_integer(const std::string& v) {
  if (v.empty()) return std::nullopt;
  std::size_t i = v[0] == '-' ? 1 : 0;
  if (i == v.size() || v.find_first_not_of("0123456789", i) != std::string::npos) return std::nullopt;
  return std::stoll(v);
}

std::string unquote(std::string v) {
  v = trim(v);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') return v.substr(1, v.size() - 2);
  return v;
}

std::string evaluate_one(const std::string& expr) {
  for (const char* op : {">=", "<=", "!=", ">", "<", "=", "+", "-"}) {
    const auto at = expr.find(op, 1);
    if (at == std::string::npos) continue;
    const std::string a = unquote(expr.substr(0, at)), b = unquote(expr.substr(at + std::string(op).size()));
    const auto x = as_integer(a), y = as_integer(b);
    const std::string o(op);
    if (o == "+" || o == "-") {
      if (!x || !y) return expr;
      return std::to_string(o == "+" ? *x + *y : *x - *y);
    }
    int cmp = x && y ? (*x < *y ? -1 : *x > *y) : a.compare(b) < 0 ? -1 : a.compare(b) > 0;
    bool r = o == ">" ? cmp > 0 : o == "<" ? cmp < 0 : o == ">=" ? cmp >= 0 : o == "<=" ? cmp <= 0 : o == "=" ? cmp == 0 : cmp != 0;
    return r ? "1" : "0";
  }
  return unquote(expr);
}

}  // namespace

std::string evaluate_expressions(const std::string& text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 2, "$[") == 0) {
      auto close = text.find(']', i + 2);
      if (close != std::string::npos) {
        out += evaluate_one(text.substr(i + 2, close - i - 2));
        i = close + 1;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

std::map<std::string, std::vector<Priority>> parse_extensions(const std::vector<std::pair<std::string, std::string>>& lines) {
  std::map<std::string, std::vector<Priority>> out;
  std::string current;
  for (const auto& [key, value] : lines) {
    if (key != "exten" && key != "same") continue;
    std::string rest = value;
    if (key == "exten") {
      const auto comma = rest.find(',');
      if (comma == std::string::npos) throw std::runtime_error("exten => " + value + ": expected E,priority,App()");
      current = trim(rest.substr(0, comma));
      rest = rest.substr(comma + 1);
    } else if (current.empty()) {
      throw std::runtime_error("same => " + value + " before any exten");
    }
    const auto comma = rest.find(',');
    if (comma == std::string::npos) throw std::runtime_error(key + " => " + value + ": expected priority,App()");
    const std::string priority = trim(rest.substr(0, comma));
    const std::string call = trim(rest.substr(comma + 1));
    std::string label;
    if (auto open = priority.find('('); open != std::string::npos && priority.back() == ')')
      label = priority.substr(open + 1, priority.size() - open - 2);
    const std::string app = call.substr(0, call.find('('));
    std::string args;
    if (auto paren = call.find('('); paren != std::string::npos && call.back() == ')')
      args = call.substr(paren + 1, call.size() - paren - 2);
    out[current].push_back({label, app, [args](const Vars& v) { return evaluate_expressions(substitute(args, v)); }});
  }
  return out;
}

Dialplan with_extensions(const Dialplan& base, const std::map<std::string, std::vector<Priority>>& extensions) {
  Dialplan d = base;
  for (const auto& [exten, priorities] : extensions) {
    if (exten == "_[0-9*]") d.digit_fallback = priorities;
    else d.extensions[exten] = priorities;
  }
  return d;
}

}  // namespace torpedo::pbxsim
