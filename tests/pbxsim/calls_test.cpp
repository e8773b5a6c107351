// pbxsim's call behaviour beyond the recordings: the DIALPLAN.md dialplan (AMD and IVR only
// when asked), the rules' options, the seeded random mix, refusals (duplicate ChannelId,
// channel limit), the Hangup action, a restart, and the invariant the engine relies on: every
// Originate gets exactly one OriginateResponse and every channel exactly one Hangup.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include "ami/parser.h"
#include "pbxsim/manual_scheduler.h"
#include "asterisk/conf.h"
#include "pbxsim/simulator.h"
#include "telephony/generator.h"

namespace torpedo::pbxsim {
namespace {

using namespace std::chrono_literals;

class Rig {
 public:
  explicit Rig(SimConfig config) : sim_(std::move(config), clock_, [] { return std::string("1"); }), scheduler_(clock_) {
    sim_.attach(scheduler_, [this](const Simulator::Event& e) {
      std::vector<ami::Message> parsed;
      parser_.feed(e.bytes, parsed);
      for (auto& m : parsed) events.push_back(std::move(m));
    });
    session_.authenticated = true;
  }

  ami::Message act(std::string bytes) {
    std::vector<ami::Message> parsed;
    ami::Parser().feed(bytes, parsed);
    auto r = sim_.handle(session_, parsed.at(0));
    std::vector<ami::Message> reply;
    ami::Parser().feed(r.reply, reply);
    return reply.empty() ? ami::Message{} : reply[0];
  }

  ami::Message originate(const std::string& number, const std::string& id, std::vector<std::string> vars = {},
                         const std::string& endpoint = "carrier", const std::string& context = "torpedo-campaign") {
    std::string a = "Action: Originate\r\nActionID: " + id + "\r\nChannel: PJSIP/" + number + "@" + endpoint +
                    "\r\nContext: " + context + "\r\nExten: s\r\nPriority: 1\r\nTimeout: 30000\r\n"
                    "CallerID: \"Torpedo\" <1133334444>\r\nAsync: true\r\nChannelId: " + id + "\r\n";
    vars.insert(vars.begin(), "TORPEDO_CAMPAIGN_ID=c1");
    for (const auto& v : vars) a += "Variable: " + v + "\r\n";
    return act(a + "\r\n");
  }

  // Events of one call (by Uniqueid or DestUniqueid), in order.
  std::vector<const ami::Message*> of(const std::string& id) const {
    std::vector<const ami::Message*> out;
    for (const auto& e : events)
      if (e.get_or("Uniqueid") == id || e.get_or("DestUniqueid") == id || e.get_or("UniqueID") == id) out.push_back(&e);
    return out;
  }
  std::vector<const ami::Message*> named(const std::string& id, const std::string& event) const {
    std::vector<const ami::Message*> out;
    for (auto* e : of(id))
      if (e->get_or("Event") == event) out.push_back(e);
    return out;
  }
  const ami::Message* user_event(const std::string& id, const std::string& name) const {
    for (auto* e : named(id, "UserEvent"))
      if (e->get_or("UserEvent") == name) return e;
    return nullptr;
  }
  bool ran(const std::string& id, const std::string& app) const {
    for (auto* e : named(id, "Newexten"))
      if (e->get_or("Application") == app) return true;
    return false;
  }

  void run() { scheduler_.run_until_idle(); }
  void run_for(EpochMs ms) { scheduler_.run_for(ms); }
  Simulator& sim() { return sim_; }

  std::vector<ami::Message> events;

 private:
  testing::FakeClock clock_;
  Simulator sim_;
  ManualScheduler scheduler_;
  Session session_;
  ami::Parser parser_;
};

SimConfig with_rules(const std::string& rules) {
  SimConfig c = lab_config("s");
  c.dialplan = DialplanProfile::torpedo;
  c.rules = parse_rules(rules);
  c.message_length = 10s;
  return c;
}

TEST(PbxsimDialplan, WithoutAmdOrIvrThePersonJustHearsTheMessage) {
  Rig rig(with_rules("55 answer ring=1s dtmf=1"));
  rig.originate("5511000001", "a1", {"TORPEDO_MESSAGE=torpedo/42"});
  rig.run();
  EXPECT_EQ(rig.named("a1", "OriginateResponse").at(0)->get_or("Reason"), "4");
  EXPECT_FALSE(rig.user_event("a1", "TorpedoAMD"));
  EXPECT_FALSE(rig.user_event("a1", "TorpedoDTMF"));
  EXPECT_FALSE(rig.ran("a1", "Read"));
  bool played = false;
  for (auto* e : rig.named("a1", "Newexten")) played |= e->get_or("AppData") == "torpedo/42";
  EXPECT_TRUE(played);
  auto hangup = rig.named("a1", "Hangup");
  ASSERT_EQ(hangup.size(), 1u);
  EXPECT_EQ(hangup[0]->get_or("Cause"), "16");
  auto cdr = rig.named("a1", "Cdr");
  ASSERT_EQ(cdr.size(), 1u);
  EXPECT_EQ(cdr[0]->get_or("Disposition"), "ANSWERED");
  EXPECT_EQ(cdr[0]->get_or("BillableSeconds"), "10") << "the 10 s message, then Hangup()";
}

TEST(PbxsimDialplan, AmdReportsOnlyWhenAsked) {
  Rig rig(with_rules("551 answer ring=1s\n552 machine ring=1s\n553 notsure ring=1s\n"));
  rig.originate("5510000001", "human", {"TORPEDO_AMD=1"});
  rig.originate("5520000001", "machine", {"TORPEDO_AMD=1"});
  rig.originate("5530000001", "notsure", {"TORPEDO_AMD=1"});
  rig.originate("5520000002", "machine-no-amd");
  rig.run();
  ASSERT_TRUE(rig.user_event("human", "TorpedoAMD"));
  EXPECT_EQ(rig.user_event("human", "TorpedoAMD")->get_or("AMDStatus"), "HUMAN");
  ASSERT_TRUE(rig.user_event("machine", "TorpedoAMD"));
  EXPECT_EQ(rig.user_event("machine", "TorpedoAMD")->get_or("AMDStatus"), "MACHINE");
  EXPECT_FALSE(rig.ran("machine", "Playback")) << "the default machine action hangs up";
  ASSERT_TRUE(rig.user_event("notsure", "TorpedoAMD"));
  EXPECT_EQ(rig.user_event("notsure", "TorpedoAMD")->get_or("AMDStatus"), "NOTSURE");
  EXPECT_TRUE(rig.ran("notsure", "Playback")) << "NOTSURE goes on as a person";
  EXPECT_FALSE(rig.user_event("machine-no-amd", "TorpedoAMD"));
  EXPECT_TRUE(rig.ran("machine-no-amd", "Playback")) << "without AMD a machine just hears the message";
}

TEST(PbxsimDialplan, MachineLeaveMessageWaitsForTheBeepThenPlays) {
  Rig rig(with_rules("55 machine ring=1s"));
  rig.originate("5510000001", "m", {"TORPEDO_AMD=1", "TORPEDO_MACHINE_ACTION=message", "TORPEDO_MESSAGE=msg"});
  rig.run();
  EXPECT_TRUE(rig.ran("m", "WaitForSilence"));
  EXPECT_TRUE(rig.ran("m", "Playback"));
  EXPECT_EQ(rig.named("m", "Hangup").size(), 1u);
}

TEST(PbxsimDialplan, IvrReadsOneKeyAndReportsIt) {
  Rig rig(with_rules("551 answer ring=1s dtmf=2\n552 answer ring=1s\n553 answer ring=1s dtmf=3 dtmf_at=2s\n"
                     "554 answer ring=1s talk=3s\n"));
  const std::vector<std::string> ivr = {"TORPEDO_IVR=1", "TORPEDO_READ_TIMEOUT=4", "TORPEDO_MESSAGE=msg"};
  rig.originate("5510000001", "key", ivr);
  rig.originate("5520000001", "silent", ivr);
  rig.originate("5530000001", "during-message", ivr);
  rig.originate("5540000001", "hangs-up", ivr);
  rig.run();
  ASSERT_TRUE(rig.user_event("key", "TorpedoDTMF"));
  EXPECT_EQ(rig.user_event("key", "TorpedoDTMF")->get_or("Digit"), "2");
  EXPECT_EQ(rig.user_event("key", "TorpedoDTMF")->get_or("ReadStatus"), "OK");
  ASSERT_TRUE(rig.user_event("silent", "TorpedoDTMF"));
  EXPECT_EQ(rig.user_event("silent", "TorpedoDTMF")->get_or("Digit"), "");
  EXPECT_EQ(rig.user_event("silent", "TorpedoDTMF")->get_or("ReadStatus"), "TIMEOUT");
  ASSERT_TRUE(rig.user_event("during-message", "TorpedoDTMF")) << "the message is Read's prompt";
  EXPECT_EQ(rig.user_event("during-message", "TorpedoDTMF")->get_or("Digit"), "3");
  EXPECT_FALSE(rig.user_event("hangs-up", "TorpedoDTMF")) << "no TorpedoDTMF when the callee hangs up in Read";
  EXPECT_EQ(rig.named("hangs-up", "HangupRequest").size(), 1u);
  for (const char* id : {"key", "silent", "during-message", "hangs-up"}) EXPECT_EQ(rig.named(id, "Hangup").size(), 1u) << id;
}

// The per-campaign context exactly as the generator writes it (telephony/generator.cpp), read
// the way pbxsim reads --config-dir: each IVR key runs its action and reports it.
TEST(PbxsimDialplan, CampaignKeysRunTheGeneratedActions) {
  telephony::Model m;
  m.extensions = {{1, "1002", "r1002-p8d2m5", "Bia", std::nullopt, "Hx3NcV7bQ1wEr5Ty9uIo", {"ulaw"}, true}};
  telephony::Queue q;
  q.id = 1;
  q.name = "suporte";
  m.queues = {q};
  telephony::CampaignDialplan c;
  c.id = 12;
  c.options['1'] = {telephony::IvrAction::queue, "suporte", 20, std::nullopt};
  c.options['3'] = {telephony::IvrAction::optout, "", 30, "/sounds/campaign/audio-9"};
  c.options['9'] = {telephony::IvrAction::repeat, "", 30, std::nullopt};
  c.options['0'] = {telephony::IvrAction::hangup, "", 30, std::nullopt};
  m.campaigns = {c};
  std::string text;
  for (const auto& f : telephony::generate(m, false))
    if (f.name == "torpedo_extensions.conf") text = f.text;
  SimConfig config = with_rules("551 answer ring=1s dtmf=1\n553 answer ring=1s dtmf=3\n559 answer ring=1s dtmf=9\n"
                                "557 answer ring=1s dtmf=7\n");
  config.queues = {{"suporte", "ringall", 0, "default", {}}};
  for (const auto& s : asterisk::parse_asterisk_conf_text(text, "/nonexistent"))
    if (s.name == "torpedo-campaign-12") config.campaign_extensions[s.name] = parse_extensions(s.values);
  ASSERT_EQ(config.campaign_extensions.size(), 1u);
  Rig rig(config);
  const std::vector<std::string> ivr = {"TORPEDO_IVR=1", "TORPEDO_READ_TIMEOUT=3", "TORPEDO_MESSAGE=msg"};
  rig.originate("5510000001", "queue", ivr, "carrier", "torpedo-campaign-12");
  rig.originate("5530000001", "optout", ivr, "carrier", "torpedo-campaign-12");
  rig.originate("5590000001", "repeat", ivr, "carrier", "torpedo-campaign-12");
  rig.originate("5570000001", "no-option", ivr, "carrier", "torpedo-campaign-12");
  rig.originate("5530000002", "other-campaign", ivr, "carrier", "torpedo-campaign-99");
  rig.run();

  auto action = [&](const std::string& id) {
    auto* e = rig.user_event(id, "TorpedoAction");
    return e ? std::string(e->get_or("Action")) + ":" + std::string(e->get_or("Target")) : std::string("none");
  };
  EXPECT_EQ(action("queue"), "queue:suporte");
  ASSERT_EQ(rig.named("queue", "QueueCallerJoin").size(), 1u);
  ASSERT_TRUE(rig.user_event("queue", "TorpedoQueue"));
  EXPECT_EQ(rig.user_event("queue", "TorpedoQueue")->get_or("QueueStatus"), "TIMEOUT") << "nobody answers in pbxsim";

  EXPECT_EQ(action("optout"), "optout:");
  bool confirmed = false;
  for (auto* e : rig.named("optout", "Newexten"))
    confirmed |= e->get_or("Application") == "Playback" && e->get_or("AppData") == "/sounds/campaign/audio-9";
  EXPECT_TRUE(confirmed) << "the operator's confirmation prompt";

  EXPECT_EQ(action("repeat"), "repeat:");
  int reads = 0;
  for (auto* e : rig.named("repeat", "Newexten")) reads += e->get_or("Application") == "Read";
  EXPECT_EQ(reads, 2) << "the message is read again once; then no key ends the call";

  EXPECT_EQ(action("no-option"), "none") << "a key without an option is like no key";
  EXPECT_EQ(action("other-campaign"), "none") << "a context pbxsim has not loaded keeps the plain program";
  for (const char* id : {"queue", "optout", "repeat", "no-option", "other-campaign"})
    EXPECT_EQ(rig.named(id, "Hangup").size(), 1u) << id;
}

TEST(PbxsimDialplan, ExpressionsAsTheGeneratedDialplanUsesThem) {
  EXPECT_EQ(evaluate_expressions("$[0 + 1]"), "1");
  EXPECT_EQ(evaluate_expressions("$[01 + 1]"), "2");
  EXPECT_EQ(evaluate_expressions("$[2 > 3]?nodigit,1"), "0?nodigit,1");
  EXPECT_EQ(evaluate_expressions("$[4 > 3]?nodigit,1"), "1?nodigit,1");
  EXPECT_EQ(evaluate_expressions("$[\"1\" != \"1\"]?message"), "0?message");
  EXPECT_EQ(evaluate_expressions("$[\"MACHINE\" = \"MACHINE\"]"), "1");
  EXPECT_EQ(evaluate_expressions("no expression"), "no expression");
}

TEST(PbxsimCalls, RefusesAChannelIdThatIsLive) {
  Rig rig(with_rules("55 answer ring=1s talk=5s"));
  rig.originate("5510000001", "same");
  rig.run_for(500);
  auto second = rig.originate("5510000002", "same");
  EXPECT_EQ(second.get_or("Response"), "Success") << "Async: the refusal comes as OriginateResponse";
  rig.run_for(10);
  auto responses = rig.named("same", "OriginateResponse");
  ASSERT_EQ(responses.size(), 1u);
  EXPECT_EQ(responses[0]->get_or("Response"), "Failure");
  EXPECT_EQ(responses[0]->get_or("Channel"), "PJSIP/5510000002@carrier");
  EXPECT_EQ(rig.named("same", "Newchannel").size(), 1u) << "no second channel";
  rig.run();
  EXPECT_EQ(rig.sim().live_channels(), 0u);
  rig.originate("5510000003", "same");  // once the first is gone the id is free again
  rig.run();
  EXPECT_EQ(rig.named("same", "Newchannel").size(), 2u);
}

TEST(PbxsimCalls, ChannelLimit) {
  auto config = with_rules("55 answer ring=1s talk=5s");
  config.max_channels = 2;
  Rig rig(config);
  for (const char* id : {"c1", "c2", "c3"}) rig.originate("5510000001", id);
  rig.run();
  EXPECT_EQ(rig.named("c1", "OriginateResponse").at(0)->get_or("Response"), "Success");
  EXPECT_EQ(rig.named("c2", "OriginateResponse").at(0)->get_or("Response"), "Success");
  EXPECT_EQ(rig.named("c3", "OriginateResponse").at(0)->get_or("Response"), "Failure");
  EXPECT_TRUE(rig.named("c3", "Newchannel").empty());
}

TEST(PbxsimCalls, HangupActionFindsTheChannelByUniqueid) {
  Rig rig(with_rules("55 answer ring=1s"));
  rig.originate("5510000001", "h1", {"TORPEDO_MESSAGE=msg"});
  rig.run_for(3000);
  auto r = rig.act("Action: Hangup\r\nActionID: x\r\nChannel: h1\r\nCause: 16\r\n\r\n");
  EXPECT_EQ(r.get_or("Message"), "Channel Hungup");
  rig.run();
  EXPECT_EQ(rig.named("h1", "Hangup").size(), 1u);
  auto missing = rig.act("Action: Hangup\r\nActionID: y\r\nChannel: PJSIP/carrier-0000ffff\r\n\r\n");
  EXPECT_EQ(missing.get_or("Response"), "Error");
  EXPECT_EQ(missing.get_or("Message"), "No such channel");
}

TEST(PbxsimCalls, RestartEndsEveryCallAndStartsAfresh) {
  Rig rig(with_rules("551 answer ring=1s\n552 noanswer\n"));
  rig.originate("5510000001", "up", {"TORPEDO_MESSAGE=msg"});
  rig.originate("5520000001", "ringing");
  rig.run_for(3000);
  ASSERT_EQ(rig.sim().live_channels(), 2u);
  rig.sim().restart(2s);
  EXPECT_EQ(rig.sim().live_channels(), 0u);
  EXPECT_EQ(rig.named("up", "Hangup").at(0)->get_or("Cause"), "0");
  EXPECT_EQ(rig.named("ringing", "Hangup").at(0)->get_or("Cause"), "0");
  EXPECT_EQ(rig.named("ringing", "OriginateResponse").at(0)->get_or("Response"), "Failure");
  EXPECT_EQ(rig.events.back().get_or("Event"), "Shutdown");
  rig.run();  // timers of the old calls must do nothing now
  EXPECT_EQ(rig.named("up", "Hangup").size(), 1u);
  EXPECT_EQ(rig.named("ringing", "Hangup").size(), 1u);
  rig.run_for(3000);
  auto status = rig.act("Action: CoreStatus\r\nActionID: s\r\n\r\n");
  EXPECT_EQ(status.get_or("CoreProcessedCalls"), "0");
  rig.originate("5510000001", "after");
  rig.run_for(10);
  EXPECT_EQ(rig.named("after", "Newchannel").at(0)->get_or("Channel"), "PJSIP/carrier-00000000");
}

TEST(PbxsimCalls, RandomMixIsSeededAndCoversEveryOutcome) {
  auto run_mix = [](std::uint64_t seed) {
    CalleePicker picker(parse_rules("* random"), seed);
    std::map<Outcome, int> counts;
    std::vector<Outcome> sequence;
    for (int i = 0; i < 5000; ++i) {
      auto c = picker.pick("5511999990000", "carrier");
      ++counts[c.outcome];
      sequence.push_back(c.outcome);
    }
    return std::make_pair(counts, sequence);
  };
  auto [counts, sequence] = run_mix(7);
  EXPECT_EQ(run_mix(7).second, sequence) << "the same seed gives the same calls";
  EXPECT_NE(run_mix(8).second, sequence);
  for (auto o : {Outcome::answer, Outcome::machine, Outcome::notsure, Outcome::busy, Outcome::noanswer,
                 Outcome::unavailable, Outcome::congestion, Outcome::reject, Outcome::unallocated})
    EXPECT_GT(counts[o], 0) << to_string(o);
  EXPECT_NEAR(counts[Outcome::answer] / 5000.0, 0.45, 0.03);
  // A rule's own seed makes its calls independent of the other rules' draws.
  CalleePicker a(parse_rules("1 random seed=3\n* random"), 99), b(parse_rules("1 random seed=3\n* random"), 5);
  for (int i = 0; i < 50; ++i) {
    b.pick("2", "x");
    EXPECT_EQ(a.pick("1", "x").ring, b.pick("1", "x").ring);
  }
}

// The engine's ground rule: whatever happens (answers, failures, cancels, restarts), every
// Originate gets exactly one OriginateResponse and every channel exactly one Hangup.
TEST(PbxsimCalls, EveryOriginateEndsExactlyOnce) {
  auto config = with_rules("* random");
  config.seed = 11;
  config.max_channels = 40;
  config.message_length = 3s;
  Rig rig(config);
  std::mt19937 rng(4);
  std::set<std::string> sent;
  for (int i = 0; i < 600; ++i) {
    const std::string id = "call-" + std::to_string(i % 550);  // some ids reused while possibly live
    std::vector<std::string> vars = {"TORPEDO_MESSAGE=msg"};
    if (rng() % 2) vars.push_back("TORPEDO_AMD=1");
    if (rng() % 2) vars.push_back("TORPEDO_IVR=1");
    rig.originate("55119" + std::to_string(10000000 + i), id, vars);
    sent.insert(id);
    rig.run_for(rng() % 400);
    if (rng() % 10 == 0) rig.act("Action: Hangup\r\nActionID: h\r\nChannel: call-" + std::to_string(rng() % 550) + "\r\n\r\n");
    if (i == 300) rig.sim().restart(1s);
  }
  rig.run();
  EXPECT_EQ(rig.sim().live_channels(), 0u);
  std::map<std::string, int> responses_by_action;
  std::map<std::string, int> channels, hangups;
  for (const auto& e : rig.events) {
    const auto name = e.get_or("Event");
    if (name == "OriginateResponse") ++responses_by_action[std::string(e.get_or("ActionID"))];
    if (name == "Newchannel") ++channels[std::string(e.get_or("Channel")) + "/" + std::string(e.get_or("Uniqueid"))];
    if (name == "Hangup") ++hangups[std::string(e.get_or("Channel")) + "/" + std::string(e.get_or("Uniqueid"))];
  }
  int originates = 0;
  for (const auto& [action, n] : responses_by_action) originates += n;
  EXPECT_EQ(originates, 600) << "one OriginateResponse per Originate";
  EXPECT_EQ(channels, hangups) << "one Hangup per channel";
  for (const auto& [ch, n] : channels) EXPECT_EQ(n, 1) << ch;
}

TEST(PbxsimRules, OptionsAndMistakes) {
  auto rules = parse_rules("5511910 answer dtmf=1 ring=1s talk=4s\n55 machine ring=1500ms\n* random seed=9\n");
  ASSERT_EQ(rules.size(), 3u);
  EXPECT_EQ(rules[0].dtmf, '1');
  EXPECT_EQ(rules[0].ring, 1000ms);
  EXPECT_EQ(rules[0].talk, 4000ms);
  EXPECT_EQ(rules[1].ring, 1500ms);
  EXPECT_EQ(rules[2].seed, 9u);
  EXPECT_EQ(parse_duration("0.5s"), 500ms);
  EXPECT_EQ(parse_duration("2m"), 120000ms);
  EXPECT_EQ(parse_duration("1.2.3s"), std::nullopt);
  EXPECT_EQ(parse_duration("s"), std::nullopt);
  EXPECT_EQ(parse_duration("5h"), std::nullopt);
  for (const char* bad : {"55 busy dtmf=1\n", "55 answer dtmf=12\n", "55 answer ring=soon\n", "55 answer seed=1\n",
                          "55 random seed=x\n", "55 answer colour=red\n", "55 answer dtmf\n", "55 explode\n"})
    EXPECT_THROW(parse_rules(bad), std::invalid_argument) << bad;
  try {
    parse_rules("# ok\n55 busy\n55 answer ring=soon\n");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("line 3"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace torpedo::pbxsim
