// The AMI codec against the byte-exact recordings of a real Asterisk 22 (tests/fixtures/ami).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "ami/action.h"
#include "ami/actions.h"
#include "ami/parser.h"
#include "support/fixtures.h"

namespace torpedo::ami {
namespace {

using testing::read_file;
const std::filesystem::path kFixtures = testing::ami_fixture("");

std::vector<std::string> files_with(const std::string& ext) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(kFixtures))
    if (e.path().extension() == ext) out.push_back(e.path().stem().string());
  std::sort(out.begin(), out.end());
  return out;
}

std::size_t count_blank_lines(const std::string& bytes) {
  std::size_t n = 0;
  for (auto pos = bytes.find("\r\n\r\n"); pos != std::string::npos; pos = bytes.find("\r\n\r\n", pos + 4)) ++n;
  return n;
}

std::vector<Message> parse_in_chunks(Parser& parser, const std::string& bytes, std::size_t chunk) {
  std::vector<Message> out;
  for (std::size_t i = 0; i < bytes.size(); i += chunk) parser.feed(std::string_view(bytes).substr(i, chunk), out);
  return out;
}

std::string rebuild(const Parser& parser, const std::vector<Message>& messages) {
  std::string out = parser.banner() ? *parser.banner() + "\r\n" : "";
  for (const auto& m : messages) out += m.to_wire();
  return out;
}

class Recording : public ::testing::TestWithParam<std::string> {};

TEST_P(Recording, ParsedWholeYieldsExactlyTheRecordedMessages) {
  const std::string bytes = read_file(kFixtures / (GetParam() + ".ami"));
  ASSERT_FALSE(bytes.empty());
  Parser parser;
  std::vector<Message> messages;
  parser.feed(bytes, messages);
  EXPECT_EQ(parser.banner(), "Asterisk Call Manager/11.0.0");
  EXPECT_EQ(messages.size(), count_blank_lines(bytes));
  EXPECT_EQ(parser.dropped(), 0u);
  EXPECT_EQ(parser.pending_bytes(), 0u);
  // Every field's name and value, written back, gives the recording byte for byte.
  EXPECT_EQ(rebuild(parser, messages), bytes);
  for (const auto& m : messages) EXPECT_TRUE(m.is_event() || m.is_response()) << m.to_wire();
}

TEST_P(Recording, OneByteAtATimeAndRandomChunksGiveTheSameMessages) {
  const std::string bytes = read_file(kFixtures / (GetParam() + ".ami"));
  Parser whole_parser;
  std::vector<Message> whole;
  whole_parser.feed(bytes, whole);

  Parser byte_parser;
  auto by_byte = parse_in_chunks(byte_parser, bytes, 1);
  ASSERT_EQ(by_byte.size(), whole.size());
  EXPECT_EQ(rebuild(byte_parser, by_byte), bytes);

  std::mt19937 rng(std::hash<std::string>{}(GetParam()));
  Parser random_parser;
  std::vector<Message> random;
  for (std::size_t i = 0; i < bytes.size();) {
    std::size_t n = std::uniform_int_distribution<std::size_t>(1, 700)(rng);
    random_parser.feed(std::string_view(bytes).substr(i, n), random);
    i += n;
  }
  EXPECT_EQ(rebuild(random_parser, random), bytes);
}

INSTANTIATE_TEST_SUITE_P(Asterisk22, Recording, ::testing::ValuesIn(files_with(".ami")),
                         [](const auto& info) {
                           std::string n = info.param;
                           std::replace(n.begin(), n.end(), '-', '_');
                           return n;
                         });

class SentActions : public ::testing::TestWithParam<std::string> {};

TEST_P(SentActions, SerializerWritesWhatTheRecorderSent) {
  // The .sent files are the actions a real client wrote to Asterisk. Rebuilt through
  // Action::serialize they must come out byte for byte.
  const std::string bytes = read_file(kFixtures / (GetParam() + ".sent"));
  Parser parser;
  std::vector<Message> messages;
  parser.feed(bytes, messages);
  ASSERT_FALSE(messages.empty());
  EXPECT_FALSE(parser.banner());
  std::string written;
  for (const auto& m : messages) {
    ASSERT_TRUE(Message::equals(m.field(0).name, "Action")) << m.to_wire();
    Action a{std::string(m.field(0).value)};
    for (std::size_t i = 1; i < m.size(); ++i) a.add(std::string(m.field(i).name), std::string(m.field(i).value));
    written += a.serialize();
  }
  EXPECT_EQ(written, bytes);
}

INSTANTIATE_TEST_SUITE_P(Asterisk22, SentActions, ::testing::ValuesIn(files_with(".sent")),
                         [](const auto& info) {
                           std::string n = info.param;
                           std::replace(n.begin(), n.end(), '-', '_');
                           return n;
                         });

std::vector<Message> parse_file(const std::string& name) {
  Parser p;
  std::vector<Message> out;
  p.feed(read_file(kFixtures / (name + ".ami")), out);
  return out;
}

TEST(AmiCodec, RepeatedEmptyAndOddlyNamedFields) {
  auto endpoints = parse_file("command-pjsip-show-endpoints");
  const Message* command = nullptr;
  for (const auto& m : endpoints)
    if (m.get_or("Message") == "Command output follows") command = &m;
  ASSERT_TRUE(command);
  auto output = command->get_all("Output");
  ASSERT_GT(output.size(), 5u);
  EXPECT_EQ(output.front(), "");  // "Output: " with nothing after the space

  auto vars = parse_file("originate-with-channelvars-attemptid");
  bool saw_named_chanvar = false;
  for (const auto& m : vars) {
    if (m.event() == "Hangup") {
      EXPECT_EQ(m.get_all("ChanVariable").size(), 3u);
    }
    if (m.event() == "OriginateResponse" && m.get_or("Response") == "Success") {
      EXPECT_TRUE(m.get("ChanVariable(PJSIP/carrier-00000000)"));
      saw_named_chanvar = true;
    }
    if (m.event() == "Cdr") {
      EXPECT_EQ(m.get("Uniqueid"), m.get("UniqueID"));  // names compare case-insensitively
      EXPECT_TRUE(m.get("uniqueid"));
    }
  }
  EXPECT_TRUE(saw_named_chanvar);
}

TEST(AmiCodec, ChallengeAndLoginResponses) {
  auto md5 = parse_file("login-md5-challenge");
  ASSERT_GE(md5.size(), 2u);
  EXPECT_EQ(md5[0].response(), "Success");
  EXPECT_EQ(md5[0].get_or("Challenge"), "181103649");
  EXPECT_FALSE(md5[0].get("Message"));
  auto failure = parse_file("login-failure");
  ASSERT_EQ(failure.size(), 1u);
  EXPECT_EQ(failure[0].response(), "Error");
  EXPECT_EQ(failure[0].get_or("Message"), "Authentication failed");
}

TEST(AmiCodec, BareLineFeedsAndNoBannerAreAccepted) {
  Parser p;
  std::vector<Message> out;
  p.feed("Event: Test\nA: 1\nB:2\n\nEvent: Next\r\n\r\n", out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_FALSE(p.banner());
  EXPECT_EQ(out[0].get_or("A"), "1");
  EXPECT_EQ(out[0].get_or("B"), "2");  // no space after the colon
  EXPECT_EQ(out[1].event(), "Next");
}

TEST(AmiCodec, GarbageLinesAreSkippedAndOversizedMessagesDropped) {
  Parser p(Parser::Limits{64, 256, 8});
  std::vector<Message> out;
  p.feed("Asterisk Call Manager/11.0.0\r\n", out);
  p.feed("Event: One\r\nthis line has no colon\r\nX: 1\r\n\r\n", out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].size(), 2u);
  EXPECT_EQ(p.dropped(), 1u);

  // A value longer than the line limit, arriving in pieces: dropped without buffering it all.
  p.feed("Event: Huge\r\nValue: ", out);
  for (int i = 0; i < 100; ++i) p.feed(std::string(50, 'x'), out);
  EXPECT_LT(p.pending_bytes(), 200u);
  p.feed("\r\n\r\nEvent: After\r\n\r\n", out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1].event(), "After");

  // Too many fields.
  std::string many = "Event: Many\r\n";
  for (int i = 0; i < 20; ++i) many += "F: v\r\n";
  p.feed(many + "\r\nEvent: Fine\r\n\r\n", out);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[2].event(), "Fine");
}

TEST(AmiCodec, RandomBytesNeverCrash) {
  std::mt19937 rng(42);
  for (int round = 0; round < 200; ++round) {
    Parser p(Parser::Limits{512, 4096, 64});
    std::vector<Message> out;
    std::string junk(std::uniform_int_distribution<int>(0, 4000)(rng), '\0');
    for (auto& c : junk) c = static_cast<char>(std::uniform_int_distribution<int>(0, 255)(rng) % 7 == 0 ? '\n' : rng());
    for (std::size_t i = 0; i < junk.size(); i += 13) p.feed(std::string_view(junk).substr(i, 13), out);
    for (const auto& m : out) EXPECT_FALSE(m.empty());
  }
}

TEST(AmiCodec, SerializerRefusesHeaderInjection) {
  Action ok("Originate");
  ok.add("Channel", "PJSIP/5511999990000@carrier").add("Variable", "TORPEDO_CAMPAIGN_ID=7").add("Variable", "X=ção");
  auto wire = ok.serialize();
  EXPECT_EQ(wire,
            "Action: Originate\r\nChannel: PJSIP/5511999990000@carrier\r\nVariable: TORPEDO_CAMPAIGN_ID=7\r\n"
            "Variable: X=ção\r\n\r\n");
  Parser p;
  std::vector<Message> back;
  p.feed(wire, back);
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].get_all("Variable").size(), 2u);

  for (const std::string& evil : std::vector<std::string>{"x\r\nAction: Hangup", "x\nAction: Hangup", "x\rY", std::string("x\0y", 3)}) {
    Action a("Originate");
    a.add("CallerID", evil);
    EXPECT_THROW(a.serialize(), InjectionError);
  }
  for (const std::string& bad_name : std::vector<std::string>{"", "Bad Name", "Bad:Name", "Bad\r\nName"}) {
    Action a("Ping");
    a.add(bad_name, "v");
    EXPECT_THROW(a.serialize(), InjectionError);
  }
}

}  // namespace
}  // namespace torpedo::ami

// Typed builders against what the recorded client sent.
namespace torpedo::ami {
namespace {

std::vector<Message> parse_sent(const std::string& name) {
  Parser p;
  std::vector<Message> out;
  p.feed(read_file(kFixtures / (name + ".sent")), out);
  return out;
}

std::string sent_action(const std::string& file, const std::string& action) {
  for (const auto& m : parse_sent(file))
    if (m.get_or("Action") == action) return m.to_wire();
  return {};
}

TEST(AmiActions, OriginateIsByteForByteWhatTheRecordedClientSent) {
  OriginateRequest r;
  r.action_id = "originate-answered-human-amd-dtmf1-orig-1";
  r.channel = "PJSIP/5511100002@carrier";
  r.context = "torpedo-campaign";
  r.timeout = std::chrono::milliseconds(20000);
  r.caller_id = "\"Torpedo Lab\" <1133334444>";
  r.channel_id = "88f3cdec-6d9e-59bd-b4ec-4ab1266f158c";
  r.other_channel_id = "04c34a87-f25a-5c11-a974-fe9fa8ca0d77";
  r.variables = {{"TORPEDO_CAMPAIGN_ID", "camp-lab-0001"}, {"TORPEDO_CONTACT_ID", "contact-1002"}, {"TORPEDO_AMD", "1"}};
  EXPECT_EQ(originate(r).serialize(), sent_action("originate-answered-human-amd-dtmf1", "Originate"));
}

TEST(AmiActions, OtherBuildersMatchTheRecordings) {
  auto with_id = [](Action a, const std::string& id) { return a.add("ActionID", id).serialize(); };
  EXPECT_EQ(with_id(reload("res_pjsip.so"), "reload-res_pjsip-1"), sent_action("reload-res_pjsip", "Reload"));
  EXPECT_EQ(with_id(queue_status("support"), "queue-status-idle-1"), sent_action("queue-status-idle", "QueueStatus"));
  EXPECT_EQ(with_id(pjsip_show_endpoints(), "pjsip-show-endpoints-action-1"),
            sent_action("pjsip-show-endpoints-action", "PJSIPShowEndpoints"));
  EXPECT_EQ(with_id(command("core show version"), "command-core-show-version-1"),
            sent_action("command-core-show-version", "Command"));
  EXPECT_EQ(with_id(core_status(), "corestatus-1"), sent_action("corestatus", "CoreStatus"));
}

TEST(AmiActions, OriginateRefusesInjectionAndOverlongLines) {
  OriginateRequest r;
  r.channel = "PJSIP/5511999990000@carrier";
  r.context = "torpedo-campaign";
  r.variables = {{"TORPEDO_MESSAGE", "x\r\nAction: Hangup"}};
  EXPECT_THROW(originate(r).serialize(), InjectionError);
  r.variables = {{"BAD NAME", "1"}};
  EXPECT_THROW(originate(r), InjectionError);
  r.variables = {{"TORPEDO_MESSAGE", std::string(1100, 'a')}};
  EXPECT_THROW(originate(r), InjectionError);
  r.variables = {{"TORPEDO_MESSAGE", std::string(900, 'a')}};
  EXPECT_NO_THROW(originate(r).serialize());
}

TEST(AmiActions, UserEventsFromTheDialplan) {
  bool saw_amd = false, saw_dtmf = false;
  for (const auto& m : parse_file("originate-answered-human-amd-dtmf1")) {
    auto e = as_user_event(m);
    if (!e) continue;
    if (e->name == "TorpedoAMD") {
      saw_amd = true;
      EXPECT_EQ(e->field("AMDStatus"), "HUMAN");
      EXPECT_EQ(e->uniqueid, "88f3cdec-6d9e-59bd-b4ec-4ab1266f158c");
    }
    if (e->name == "TorpedoDTMF") {
      saw_dtmf = true;
      EXPECT_EQ(e->field("Digit"), "1");
      EXPECT_EQ(e->field("ReadStatus"), "OK");
    }
  }
  EXPECT_TRUE(saw_amd && saw_dtmf);
}

}  // namespace
}  // namespace torpedo::ami
