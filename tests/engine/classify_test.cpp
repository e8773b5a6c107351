// DIALPLAN.md §3 on every recording of a call: each Originate's events, fed as Asterisk 22 wrote
// them (interleaved, some OriginateResponses after the Hangup), give the recorded disposition.
#include "engine/classify.h"

#include <gtest/gtest.h>

#include <map>

#include "ami/parser.h"
#include "support/fixtures.h"

namespace torpedo::engine {
namespace {

struct Expected {
  Disposition disposition;
  std::optional<std::string> digit = std::nullopt;
  std::optional<std::string> amd = std::nullopt;
};

// Every attempt of a recording, by ActionID, fed the whole stream; returns them by number.
std::map<std::string, Outcome> classify_recording(const std::string& name, bool finished_expected = true) {
  std::vector<ami::Message> sent, got;
  ami::Parser().feed(testing::read_file(testing::ami_fixture(name + ".sent")), sent);
  ami::Parser().feed(testing::read_file(testing::ami_fixture(name + ".ami")), got);
  std::map<std::string, AttemptEvents> attempts;  // by number dialed
  for (const auto& a : sent)
    if (a.get_or("Action") == "Originate") {
      std::string channel(a.get_or("Channel"));
      const std::string number = channel.substr(6, channel.find('@') - 6);
      attempts.emplace(number,
                       AttemptEvents(std::string(a.action_id()), std::string(a.get_or("ChannelId")), 0));
    }
  EpochMs now = 0;
  for (const auto& m : got) {
    now += 10;
    for (auto& [number, a] : attempts) a.feed(m, now);
  }
  std::map<std::string, Outcome> out;
  for (auto& [number, a] : attempts) {
    EXPECT_EQ(a.finished(), finished_expected) << name << " " << number;
    out[number] = a.outcome();
  }
  return out;
}

void expect(const std::string& recording, const std::map<std::string, Expected>& want) {
  auto got = classify_recording(recording);
  ASSERT_EQ(got.size(), want.size()) << recording;
  for (const auto& [number, w] : want) {
    SCOPED_TRACE(recording + " " + number);
    ASSERT_TRUE(got.count(number));
    const auto& o = got.at(number);
    EXPECT_EQ(to_string(o.disposition), std::string(to_string(w.disposition))) << o.reason;
    if (w.digit) EXPECT_EQ(o.digit, w.digit);
    if (w.amd) EXPECT_EQ(o.amd_status, w.amd);
  }
}

using D = Disposition;

TEST(Classify, FailuresBeforeTheAnswer) {
  expect("originate-busy", {{"5511200001", {D::busy}}});
  expect("originate-congestion", {{"5511400001", {D::failed}}});
  expect("originate-unallocated-number", {{"5599900001", {D::invalid_number}}});
  expect("originate-rejected-603", {{"5512100001", {D::busy}}});
  expect("originate-temporarily-unavailable-480", {{"5512200001", {D::no_answer}}});
  expect("originate-no-answer", {{"5511300001", {D::no_answer}}});
  expect("originate-trunk-down", {{"5511100001", {D::failed}}});
  expect("originate-unknown-endpoint", {{"5511100001", {D::failed}}});
  expect("originate-unknown-endpoint-sync", {{"5511100001", {D::failed}}});
}

TEST(Classify, AnsweredCalls) {
  expect("originate-answered-dtmf1", {{"5511100001", {D::answered, "1"}}});
  expect("originate-answered-no-dtmf", {{"5511600001", {D::answered}}});
  expect("originate-answered-read-timeout", {{"5511900001", {D::answered, ""}}});
  expect("originate-short-call", {{"5511700001", {D::answered}}});
  expect("originate-answered-human-amd-dtmf1", {{"5511100002", {D::answered, "1", "HUMAN"}}});
  expect("originate-machine-amd", {{"5511500001", {D::voicemail, std::nullopt, "MACHINE"}}});
  expect("originate-amd-notsure", {{"5512000001", {D::answered, std::nullopt, "NOTSURE"}}});
  expect("originate-answered-then-hangup-action", {{"5511800001", {D::answered}}});
  expect("asterisk-restart-mid-call", {{"5511800001", {D::answered}}});
  auto q = classify_recording("queue-status-with-callers");
  for (const auto& [number, o] : q) {
    EXPECT_EQ(o.disposition, D::answered) << number;
    EXPECT_EQ(o.digit, "1");
    EXPECT_EQ(o.queue_status, "TIMEOUT");
  }
}

TEST(Classify, InterleavedCallsAreToldApartByActionIdAndChannelId) {
  expect("originate-10-concurrent", {{"5511100001", {D::answered, "1"}},
                                     {"5511200002", {D::busy}},
                                     {"5511300003", {D::no_answer}},
                                     {"5511400004", {D::failed}},
                                     {"5511500005", {D::voicemail, std::nullopt, "MACHINE"}},
                                     {"5511600006", {D::answered}},
                                     {"5511700007", {D::answered}},
                                     {"5511100008", {D::answered, "1", "HUMAN"}},
                                     {"5511100009", {D::answered, "1"}},
                                     {"5511200010", {D::busy}}});
  expect("originate-with-channelvars-attemptid",
         {{"5511100001", {D::answered, "1"}}, {"5511200001", {D::busy}}});
}

TEST(Classify, ACallTorpedoHungUpWhileRingingIsCancelled) {
  auto got = classify_recording("originate-cancel-hangup-action");
  ASSERT_EQ(got.size(), 1u);
  // Replay with the engine's knowledge that it sent the Hangup.
  std::vector<ami::Message> sent, events;
  ami::Parser().feed(testing::read_file(testing::ami_fixture("originate-cancel-hangup-action.sent")), sent);
  ami::Parser().feed(testing::read_file(testing::ami_fixture("originate-cancel-hangup-action.ami")), events);
  AttemptEvents a(std::string(sent[1].action_id()), std::string(sent[1].get_or("ChannelId")), 0);
  for (const auto& m : events) a.feed(m, 0);
  ASSERT_TRUE(a.finished());
  EXPECT_EQ(a.outcome(true).disposition, D::cancelled);
  EXPECT_EQ(a.outcome(false).disposition, D::no_answer) << "without that knowledge: it rang and ended";
}

// Talk time decides the short-call flag (answered either way).
TEST(Classify, ShortCallsAreAnsweredAndFlagged) {
  auto message = [](const std::string& text) {
    std::vector<ami::Message> m;
    ami::Parser().feed(text, m);
    return m.at(0);
  };
  for (auto [talk, is_short] : std::vector<std::pair<EpochMs, bool>>{{6000, true}, {6001, false}}) {
    AttemptEvents a("act-1", "chan-1", 1000);
    a.feed(message("Event: Newchannel\r\nUniqueid: chan-1\r\n\r\n"), 1000);
    a.feed(message("Event: Newstate\r\nUniqueid: chan-1\r\nChannelStateDesc: Ringing\r\n\r\n"), 1500);
    a.feed(message("Event: Newstate\r\nUniqueid: chan-1\r\nChannelStateDesc: Up\r\n\r\n"), 4000);
    EXPECT_FALSE(a.feed(message("Event: Hangup\r\nUniqueid: chan-2\r\nCause: 16\r\n\r\n"), 5000))
        << "another call";
    EXPECT_FALSE(a.finished());
    a.feed(message("Event: Hangup\r\nUniqueid: chan-1\r\nCause: 16\r\n\r\n"), 4000 + talk);
    auto o = a.outcome();
    EXPECT_EQ(o.disposition, D::answered);
    EXPECT_EQ(o.ring_ms, 3000);
    EXPECT_EQ(o.talk_ms, talk);
    EXPECT_EQ(o.short_call, is_short);
  }
}

}  // namespace
}  // namespace torpedo::engine
