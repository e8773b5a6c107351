#include "telephony/generator.h"

#include <map>
#include <sstream>

#include "asterisk/conf.h"
#include "common/strings.h"
#include "telephony/validate.h"

namespace torpedo::telephony {

const char* const kCampaignProgramContext = "torpedo-campaign";
const char* const kTrunkContext = "torpedo-from-trunk";
const char* const kAgentContext = "torpedo-agents";

namespace {

constexpr const char* kMasked = "********";

// Keys written "key => value" (dialplan lines, queue members); the rest "key = value".
bool arrow_key(const std::string& key) {
  return key == "exten" || key == "same" || key == "include" || key == "member";
}

[[noreturn]] void refuse(const std::string& what) {
  throw GenerationError(what);
}

// A value spliced into a dialplan application's arguments: nothing that separates arguments,
// starts an expression or a variable, or ends the line. Checked even though every model
// string was validated, because this is the last place where a slip would matter.
const std::string& dialplan_token(const std::string& v, const std::string& what) {
  if (v.empty()) refuse(what + ": empty");
  for (unsigned char c : v) {
    const bool ok = std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '/' || c == ':' || c == '+';
    if (!ok)
      refuse(what + ": character '" + std::string(1, static_cast<char>(c)) + "' cannot go into the dialplan");
  }
  return v;
}

void must(const Problem& p, const std::string& what) {
  if (p) refuse(what + ": " + *p);
}


// ---- pjsip ----

void add_extension(ConfFile& f, const Extension& e, bool mask) {
  must(check_extension_number(e.number), "extension " + e.number);
  must(check_endpoint_name(e.endpoint), "extension " + e.number + " endpoint");
  must(check_display_name(e.name), "extension " + e.number + " name");
  must(check_codecs(e.codecs), "extension " + e.number + " codecs");
  if (!mask) must(check_secret(e.secret), "extension " + e.number + " secret");
  if (e.caller_id) must(check_phone_digits(*e.caller_id), "extension " + e.number + " caller ID");
  const std::string auth = e.endpoint + "-auth";
  f.sections.push_back(
      {e.endpoint,
       {{"type", "aor"}, {"max_contacts", "1"}, {"remove_existing", "yes"}, {"qualify_frequency", "30"}},
       "ramal " + e.number});
  f.sections.push_back({auth,
                        {{"type", "auth"},
                         {"auth_type", "userpass"},
                         {"username", e.endpoint},
                         {"password", mask ? kMasked : e.secret}},
                        ""});
  f.sections.push_back({e.endpoint,
                        {{"type", "endpoint"},
                         {"transport", "transport-udp"},
                         {"context", kAgentContext},
                         {"disallow", "all"},
                         {"allow", join(e.codecs, ",")},
                         {"aors", e.endpoint},
                         {"auth", auth},
                         {"callerid", "\"" + e.name + "\" <" + e.caller_id.value_or(e.number) + ">"},
                         {"direct_media", "no"},
                         {"rtp_symmetric", "yes"},
                         {"force_rport", "yes"},
                         {"rewrite_contact", "yes"},
                         {"dtmf_mode", "rfc4733"}},
                        ""});
}

void add_trunk(ConfFile& f, const Trunk& t, bool mask) {
  must(check_object_name(t.name), "trunk " + t.name);
  must(check_host(t.host), "trunk " + t.name + " host");
  must(check_transport(t.transport), "trunk " + t.name + " transport");
  must(check_codecs(t.codecs), "trunk " + t.name + " codecs");
  if (t.port < 1 || t.port > 65535) refuse("trunk " + t.name + ": port out of range");
  if (t.username) must(check_sip_user(*t.username), "trunk " + t.name + " username");
  if (t.secret && !mask) must(check_secret(*t.secret), "trunk " + t.name + " secret");
  for (const auto& m : t.ip_match) must(check_ip_match(m), "trunk " + t.name + " match");
  const std::string endpoint = trunk_endpoint(t);
  const std::string hostport = t.host + ":" + std::to_string(t.port);
  const std::string uri_params = t.transport == "udp" ? "" : ";transport=" + t.transport;
  const bool auth = t.username && t.secret;
  f.sections.push_back(
      {endpoint,
       {{"type", "aor"}, {"contact", "sip:" + hostport + uri_params}, {"qualify_frequency", "60"}},
       "tronco " + t.name});
  if (auth)
    f.sections.push_back({endpoint + "-auth",
                          {{"type", "auth"},
                           {"auth_type", "userpass"},
                           {"username", *t.username},
                           {"password", mask ? kMasked : *t.secret}},
                          ""});
  Section ep{endpoint,
             {{"type", "endpoint"},
              {"transport", "transport-" + t.transport},
              {"context", kTrunkContext},
              {"disallow", "all"},
              {"allow", join(t.codecs, ",")},
              {"aors", endpoint}},
             ""};
  if (auth) ep.values.emplace_back("outbound_auth", endpoint + "-auth");
  if (t.username) ep.values.emplace_back("from_user", *t.username);
  ep.values.emplace_back("from_domain", t.host);
  for (auto kv : std::initializer_list<std::pair<const char*, const char*>>{{"direct_media", "no"},
                                                                            {"rtp_symmetric", "yes"},
                                                                            {"force_rport", "yes"},
                                                                            {"rewrite_contact", "yes"},
                                                                            {"dtmf_mode", "rfc4733"},
                                                                            {"send_rpid", "yes"}})
    ep.values.emplace_back(kv.first, kv.second);
  f.sections.push_back(std::move(ep));
  if (!t.ip_match.empty())
    f.sections.push_back(
        {endpoint, {{"type", "identify"}, {"endpoint", endpoint}, {"match", join(t.ip_match, ",")}}, ""});
  if (t.register_outbound) {
    if (!t.username) refuse("trunk " + t.name + ": registration needs a username");
    Section reg{endpoint + "-reg",
                {{"type", "registration"},
                 {"transport", "transport-" + t.transport},
                 {"server_uri", "sip:" + hostport + uri_params},
                 {"client_uri", "sip:" + *t.username + "@" + hostport + uri_params},
                 {"contact_user", *t.username}},
                ""};
    if (auth) reg.values.emplace_back("outbound_auth", endpoint + "-auth");
    reg.values.emplace_back("retry_interval", "60");
    reg.values.emplace_back("forbidden_retry_interval", "600");
    reg.values.emplace_back("max_retries", "10000");
    reg.values.emplace_back("expiration", "3600");
    f.sections.push_back(std::move(reg));
  }
}

// ---- queues ----

void add_queue(ConfFile& f, const Queue& q, const Model& m,
               const std::map<std::int64_t, const Extension*>& extensions) {
  must(check_object_name(q.name), "queue " + q.name);
  must(check_strategy(q.strategy), "queue " + q.name + " strategy");
  Section s{q.name,
            {{"strategy", q.strategy},
             {"timeout", std::to_string(q.timeout_s)},
             {"retry", std::to_string(q.retry_s)},
             {"maxlen", std::to_string(q.max_callers)},
             {"wrapuptime", std::to_string(q.wrapup_s)}},
            "fila " + q.name};
  if (q.moh_class)
    s.values.emplace_back("musicclass", dialplan_token(*q.moh_class, "queue " + q.name + " music class"));
  if (q.announce_audio_id) {
    auto a = m.announcements.find(*q.announce_audio_id);
    if (a != m.announcements.end())
      s.values.emplace_back("announce", dialplan_token(a->second, "queue " + q.name + " announce"));
  }
  for (auto kv : std::initializer_list<std::pair<const char*, const char*>>{
           {"joinempty", "yes"}, {"leavewhenempty", "no"}, {"ringinuse", "no"}, {"announce-frequency", "0"}})
    s.values.emplace_back(kv.first, kv.second);
  for (const auto& member : q.members) {
    auto e = extensions.find(member.extension_id);
    if (e == extensions.end()) continue;  // disabled or gone: not a member on the PBX
    // interface, penalty, member name, state interface, ringinuse, wrapuptime, paused
    std::string line =
        "PJSIP/" + e->second->endpoint + "," + std::to_string(member.penalty) + "," + e->second->name;
    if (member.paused) line += ",,,,1";
    s.values.emplace_back("member", line);
  }
  f.sections.push_back(std::move(s));
}

// ---- dialplan ----

using Lines = std::vector<std::pair<std::string, std::string>>;

// DIALPLAN.md §4, the program every answered call runs (pbxsim's profile `torpedo` is the same).
Lines campaign_program() {
  return {
      {"exten", "s,1,NoOp(torpedo attempt=${TORPEDO_ATTEMPT_ID})"},
      {"same", "n,Set(CDR(campaign)=${TORPEDO_CAMPAIGN_ID})"},
      {"same", "n,Set(CDR(contact)=${TORPEDO_CONTACT_ID})"},
      {"same", "n,Answer()"},
      {"same", "n,GotoIf($[\"${TORPEDO_AMD}\" != \"1\"]?message)"},
      {"same", "n,AMD(${TORPEDO_AMD_PARAMS})"},
      {"same", "n,Set(CDR(amd)=${AMDSTATUS}:${AMDCAUSE})"},
      {"same",
       "n,UserEvent(TorpedoAMD,CampaignId: ${TORPEDO_CAMPAIGN_ID},ContactId: "
       "${TORPEDO_CONTACT_ID},AMDStatus: "
       "${AMDSTATUS},AMDCause: ${AMDCAUSE})"},
      {"same", "n,GotoIf($[\"${AMDSTATUS}\" = \"MACHINE\"]?machine,1)"},
      {"same", "n(message),GotoIf($[\"${TORPEDO_IVR}\" = \"1\"]?ivr)"},
      {"same", "n,Playback(${TORPEDO_MESSAGE})"},
      {"same", "n,Hangup()"},
      {"same", "n(ivr),Read(TORPEDO_DIGIT,${TORPEDO_MESSAGE},1,,1,${TORPEDO_READ_TIMEOUT})"},
      {"same", "n,Set(CDR(dtmf)=${TORPEDO_DIGIT})"},
      {"same",
       "n,UserEvent(TorpedoDTMF,CampaignId: ${TORPEDO_CAMPAIGN_ID},ContactId: ${TORPEDO_CONTACT_ID},Digit: "
       "${TORPEDO_DIGIT},ReadStatus: ${READSTATUS})"},
      {"same", "n,GotoIf($[\"${TORPEDO_DIGIT}\" = \"\"]?nodigit,1)"},
      {"same", "n,Goto(${TORPEDO_DIGIT},1)"},
      {"exten", "nodigit,1,Hangup()"},
      {"exten", "machine,1,GotoIf($[\"${TORPEDO_MACHINE_ACTION}\" = \"message\"]?leave)"},
      {"same", "n,Hangup()"},
      {"same", "n(leave),WaitForSilence(1500,1,20)"},
      {"same", "n,Playback(${TORPEDO_MESSAGE})"},
      {"same", "n,Hangup()"},
  };
}

std::string action_event(IvrAction a, const std::string& target) {
  return "UserEvent(TorpedoAction,CampaignId: ${TORPEDO_CAMPAIGN_ID},ContactId: "
         "${TORPEDO_CONTACT_ID},Action: " +
         std::string(to_string(a)) + ",Target: " + target + ")";
}

void add_campaign(ConfFile& f, const CampaignDialplan& c, const Model& m) {
  Section s{
      campaign_context(c.id), {{"include", kCampaignProgramContext}}, "campanha " + std::to_string(c.id)};
  const std::string where = "campaign " + std::to_string(c.id);
  for (const auto& [digit, o] : c.options) {
    if (!((digit >= '0' && digit <= '9') || digit == '*')) refuse(where + ": option key must be 0-9 or *");
    const std::string d(1, digit);
    const std::string opt = where + " option " + d;
    std::string target;
    std::string extension_endpoint;
    if (o.action == IvrAction::queue) {
      must(check_object_name(o.target), opt + " queue");
      bool found = false;
      for (const auto& q : m.queues) found = found || q.name == o.target;
      if (!found) refuse(opt + ": queue " + o.target + " does not exist");
      target = o.target;
    } else if (o.action == IvrAction::extension) {
      must(check_extension_number(o.target), opt + " extension");
      for (const auto& e : m.extensions)
        if (e.number == o.target && e.enabled) extension_endpoint = e.endpoint;
      if (extension_endpoint.empty())
        refuse(opt + ": extension " + o.target + " does not exist or is disabled");
      target = o.target;
    }
    if (o.timeout_s < 1 || o.timeout_s > 3600) refuse(opt + ": timeout out of range");
    s.values.emplace_back("exten", d + ",1," + action_event(o.action, target));
    if (o.playback)
      s.values.emplace_back("same", "n,Playback(" + dialplan_token(*o.playback, opt + " audio") + ")");
    switch (o.action) {
      case IvrAction::queue:
        s.values.emplace_back("same", "n,Queue(" + target + ",,,," + std::to_string(o.timeout_s) + ")");
        s.values.emplace_back("same",
                              "n,UserEvent(TorpedoQueue,CampaignId: ${TORPEDO_CAMPAIGN_ID},ContactId: "
                              "${TORPEDO_CONTACT_ID},QueueStatus: ${QUEUESTATUS})");
        break;
      case IvrAction::extension:
        s.values.emplace_back("same",
                              "n,Dial(PJSIP/" + extension_endpoint + "," + std::to_string(o.timeout_s) + ")");
        break;
      case IvrAction::repeat:
        s.values.emplace_back("same", "n,Set(TORPEDO_REPEATS=$[0${TORPEDO_REPEATS} + 1])");
        s.values.emplace_back(
            "same", "n,GotoIf($[${TORPEDO_REPEATS} > " + std::to_string(c.max_repeats) + "]?nodigit,1)");
        s.values.emplace_back("same", "n,Goto(s,ivr)");
        break;
      case IvrAction::optout:
      case IvrAction::hangup:
        break;
    }
    s.values.emplace_back("same", "n,Hangup()");
  }
  // A key with no option ends the call, as no key does.
  s.values.emplace_back("exten", "_[0-9*],1,Goto(nodigit,1)");
  f.sections.push_back(std::move(s));
}

ConfFile dialplan(const Model& m) {
  ConfFile f{
      "torpedo_extensions.conf", "dialplan: campaign program, one context per campaign, trunks, agents", {}};
  f.sections.push_back({kCampaignProgramContext, campaign_program(),
                        "DIALPLAN.md §4: what every answered campaign call runs"});
  for (const auto& c : m.campaigns) add_campaign(f, c, m);
  f.sections.push_back({kTrunkContext,
                        {{"exten", "_X.,1,Hangup(21)"}, {"exten", "s,1,Hangup(21)"}},
                        "calls from carriers are not taken (21 = call rejected)"});
  Section agents{
      kAgentContext, {}, "agents reach each other by number, and nothing else (no trunk: no toll fraud)"};
  for (const auto& e : m.extensions)
    if (e.enabled) agents.values.emplace_back("exten", e.number + ",1,Dial(PJSIP/" + e.endpoint + ",30)");
  agents.values.emplace_back("exten", "_X.,1,Hangup(1)");
  f.sections.push_back(std::move(agents));
  return f;
}

}  // namespace

std::string campaign_context(std::int64_t campaign_id) {
  return "torpedo-campaign-" + std::to_string(campaign_id);
}
std::string trunk_endpoint(const Trunk& t) {
  return "trunk-" + t.name;
}
std::string moh_class_name(std::int64_t audio_id) {
  return "torpedo-audio-" + std::to_string(audio_id);
}

std::vector<ConfFile> build(const Model& model, bool mask_secrets) {
  std::vector<ConfFile> files;
  std::map<std::int64_t, const Extension*> enabled_extensions;
  {
    ConfFile pjsip{"torpedo_pjsip.conf", "PJSIP: extensions (ramais) and trunks (troncos)", {}};
    std::map<std::string, std::string> taken;  // section name → owner, to refuse collisions
    auto claim = [&](const std::string& name, const std::string& owner) {
      auto [it, inserted] = taken.emplace(name, owner);
      if (!inserted && it->second != owner)
        refuse("PJSIP name " + name + " is used by " + it->second + " and " + owner);
    };
    for (const auto& e : model.extensions) {
      if (!e.enabled) continue;
      claim(e.endpoint, "extension " + e.number);
      claim(e.endpoint + "-auth", "extension " + e.number);
      add_extension(pjsip, e, mask_secrets);
      enabled_extensions[e.id] = &e;
    }
    for (const auto& t : model.trunks) {
      if (!t.enabled) continue;
      claim(trunk_endpoint(t), "trunk " + t.name);
      claim(trunk_endpoint(t) + "-auth", "trunk " + t.name);
      claim(trunk_endpoint(t) + "-reg", "trunk " + t.name);
      add_trunk(pjsip, t, mask_secrets);
    }
    files.push_back(std::move(pjsip));
  }
  {
    ConfFile queues{"torpedo_queues.conf", "queues (filas) and their members", {}};
    for (const auto& q : model.queues) add_queue(queues, q, model, enabled_extensions);
    files.push_back(std::move(queues));
  }
  {
    ConfFile moh{"torpedo_musiconhold.conf", "music on hold: one class per uploaded file", {}};
    for (const auto& c : model.moh_classes)
      moh.sections.push_back({dialplan_token(c.name, "music class"),
                              {{"mode", "files"},
                               {"directory", dialplan_token(c.directory, "music class " + c.name)},
                               {"sort", "alpha"}},
                              ""});
    files.push_back(std::move(moh));
  }
  files.push_back(dialplan(model));
  for (const auto& f : files) check_round_trip(f, serialize(f));
  return files;
}

std::vector<GeneratedFile> generate(const Model& model, bool mask_secrets) {
  std::vector<GeneratedFile> out;
  for (const auto& f : build(model, mask_secrets)) out.push_back({f.name, serialize(f)});
  return out;
}

std::string serialize(const ConfFile& file) {
  std::ostringstream out;
  out << "; " << file.name << ": " << file.purpose << ".\n"
      << "; Written by Torpedo; changes made here are lost on the next apply.\n";
  for (const auto& s : file.sections) {
    out << "\n";
    if (!s.comment.empty()) out << "; " << s.comment << "\n";
    out << "[" << s.name << "]\n";
    for (const auto& [k, v] : s.values) {
      // ';' starts a comment; "\;" is Asterisk's literal semicolon (SIP URI parameters need it).
      std::string escaped;
      for (char c : v) escaped += c == ';' ? std::string("\\;") : std::string(1, c);
      out << k << (arrow_key(k) ? " => " : " = ") << escaped << "\n";
    }
  }
  return out.str();
}

void check_round_trip(const ConfFile& file, const std::string& text) {
  for (const auto& s : file.sections)
    if (s.comment.find('\n') != std::string::npos) refuse(file.name + ": a comment spans lines");
  std::vector<asterisk::ConfSection> parsed;
  try {
    // No base directory: an #include smuggled into the text must fail, not read a file.
    parsed = asterisk::parse_asterisk_conf_text(text, "/nonexistent-torpedo-generated", file.name);
  } catch (const std::exception& e) {
    refuse(file.name + " does not parse back: " + e.what());
  }
  if (parsed.size() != file.sections.size())
    refuse(file.name + ": " + std::to_string(parsed.size()) + " sections parsed back, " +
           std::to_string(file.sections.size()) + " built");
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    const auto& want = file.sections[i];
    const auto& got = parsed[i];
    if (got.name != want.name || got.is_template || got.values != want.values)
      refuse(file.name + ": section [" + want.name + "] does not parse back as built");
  }
}

const char* to_string(NumberFormat f) {
  switch (f) {
    case NumberFormat::e164_plus:
      return "e164_plus";
    case NumberFormat::e164:
      return "e164";
    case NumberFormat::national:
      return "national";
    case NumberFormat::national_prefix:
      return "national_prefix";
  }
  return "e164";
}

std::optional<NumberFormat> number_format_from(const std::string& s) {
  for (auto f :
       {NumberFormat::e164_plus, NumberFormat::e164, NumberFormat::national, NumberFormat::national_prefix})
    if (s == to_string(f)) return f;
  return std::nullopt;
}

const char* to_string(IvrAction a) {
  switch (a) {
    case IvrAction::queue:
      return "queue";
    case IvrAction::extension:
      return "extension";
    case IvrAction::optout:
      return "optout";
    case IvrAction::repeat:
      return "repeat";
    case IvrAction::hangup:
      return "hangup";
  }
  return "hangup";
}

std::optional<IvrAction> ivr_action_from(const std::string& s) {
  for (auto a :
       {IvrAction::queue, IvrAction::extension, IvrAction::optout, IvrAction::repeat, IvrAction::hangup})
    if (s == to_string(a)) return a;
  return std::nullopt;
}

}  // namespace torpedo::telephony
