// pbxsim over TCP, driven by Torpedo's own AMI client.
#include "pbxsim/server.h"

#include <gtest/gtest.h>

#include <boost/asio/post.hpp>
#include <optional>

#include "ami/actions.h"
#include "common/clock.h"
#include "support/ami_harness.h"

namespace torpedo::pbxsim {
namespace {

using testing::ClientHarness;
using namespace std::chrono_literals;

class PbxsimServer : public ::testing::Test {
 protected:
  virtual Faults faults() const { return {}; }
  void SetUp() override {
    server.emplace(io, sim, faults());
    port = server->listen("127.0.0.1", 0);
    thread = std::thread([this] { io.run(); });
  }
  void TearDown() override {
    boost::asio::post(io, [this] { server->close(); });
    work.reset();
    io.stop();
    thread.join();
  }
  ami::ClientOptions client(const std::string& secret = "lab-secret", std::string events = "on") {
    ami::ClientOptions o;
    o.port = port;
    o.username = "torpedo";
    o.secret = secret;
    o.events = std::move(events);
    o.backoff.first = 50ms;
    o.backoff.slow = 200ms;
    o.ping_interval = 100ms;
    o.ping_timeout = 300ms;
    return o;
  }

  static SimConfig fast_lab() {
    auto c = lab_config("lab-secret");
    c.time_scale = 0.001;  // a 20 s ring timeout lasts 20 ms
    return c;
  }
  SystemClock clock;
  Simulator sim{fast_lab(), clock, [] { return std::string("424242"); }};
  boost::asio::io_context io;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work{io.get_executor()};
  std::optional<Server> server;
  std::thread thread;
  std::uint16_t port = 0;
};

TEST_F(PbxsimServer, AnswersTheActionsTorpedoUses) {
  ClientHarness h(client());
  ASSERT_TRUE(h.wait_state(ami::State::connected));
  EXPECT_EQ(h.client->banner(), "Asterisk Call Manager/11.0.0");
  EXPECT_TRUE(h.wait_event("FullyBooted"));
  auto settings = h.send(ami::Action("CoreSettings"));
  ASSERT_TRUE(settings.ok());
  EXPECT_EQ(settings.response.get_or("AMIversion"), "11.0.0");
  auto queue = h.send(ami::Action("QueueStatus").add("Queue", "support"));
  ASSERT_TRUE(queue.ok());
  EXPECT_EQ(queue.events.size(), 3u);
  auto channels = h.send(ami::Action("CoreShowChannels"));
  ASSERT_TRUE(channels.ok());
  EXPECT_EQ(channels.complete.get_or("ListItems"), "0");
  auto unknown = h.send(ami::Action("NoSuchAction"));
  EXPECT_EQ(unknown.status, ami::ActionResult::Status::error_response);
}

TEST_F(PbxsimServer, SystemEventsReachOnlySessionsThatWantThem) {
  ClientHarness all(client());
  ClientHarness calls_only(client("lab-secret", "call,user"));
  ASSERT_TRUE(all.wait_state(ami::State::connected));
  ASSERT_TRUE(calls_only.wait_state(ami::State::connected));
  auto r = calls_only.send(ami::Action("Reload").add("Module", "res_pjsip.so"));
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_TRUE(all.wait_event("Reload")) << "a Reload is announced to every session with class system";
  std::this_thread::sleep_for(100ms);
  std::lock_guard lock(calls_only.mutex);
  EXPECT_EQ(std::count(calls_only.events.begin(), calls_only.events.end(), "Reload"), 0);
  EXPECT_EQ(std::count(calls_only.events.begin(), calls_only.events.end(), "FullyBooted"), 0);
}

TEST_F(PbxsimServer, OriginatedCallsEndAsTheRulesSay) {
  ClientHarness h(client());
  ASSERT_TRUE(h.wait_state(ami::State::connected));
  std::vector<std::string> hangups;
  struct Case {
    std::string channel;
    std::string cause;
  };
  for (const auto& c : std::vector<Case>{{"PJSIP/5511200001@carrier", "17"},     // busy
                                         {"PJSIP/5511400001@carrier", "34"},     // congestion
                                         {"PJSIP/5599900001@carrier", "1"},      // unallocated
                                         {"PJSIP/5511300001@carrier", "19"},     // rings, no answer
                                         {"PJSIP/5511100001@carrier-down", "19"}}) {  // dead trunk
    ami::OriginateRequest r;
    r.channel = c.channel;
    r.context = "torpedo-campaign";
    r.timeout = 20000ms;
    r.channel_id = "uid-" + c.channel;
    auto result = h.send(ami::originate(r));
    ASSERT_TRUE(result.ok()) << result.error;
    EXPECT_EQ(result.response.get_or("Message"), "Originate successfully queued");
  }
  ASSERT_TRUE(h.wait_event("Hangup"));
  for (int i = 0; i < 100; ++i) {
    {
      std::lock_guard lock(h.mutex);
      if (std::count(h.events.begin(), h.events.end(), "Hangup") == 5) break;
    }
    std::this_thread::sleep_for(10ms);
  }
  std::lock_guard lock(h.mutex);
  EXPECT_EQ(std::count(h.events.begin(), h.events.end(), "Hangup"), 5);
  EXPECT_EQ(std::count(h.events.begin(), h.events.end(), "OriginateResponse"), 5);
  EXPECT_EQ(std::count(h.events.begin(), h.events.end(), "DialState"), 1) << "only the no-answer call rang";
}

TEST_F(PbxsimServer, RefusesAWrongSecretAndClosesTheConnection) {
  ClientHarness h(client("wrong"));
  EXPECT_TRUE(h.wait_state(ami::State::auth_failed));
}

ami::Action busy_call(const std::string& id) {
  ami::OriginateRequest r;
  r.channel = "PJSIP/5511200001@carrier";
  r.context = "torpedo-campaign";
  r.channel_id = id;
  return ami::originate(r);
}

class RefusingPbxsim : public PbxsimServer {
  Faults faults() const override { return {true, 0, 0}; }
};

TEST_F(RefusingPbxsim, RefusesEveryLogin) {
  ClientHarness h(client());
  EXPECT_TRUE(h.wait_state(ami::State::auth_failed));
}

class DroppingPbxsim : public PbxsimServer {
  Faults faults() const override { return {false, 3, 0}; }
};

TEST_F(DroppingPbxsim, CutsTheLinkAfterNEventsOnceAndTheClientComesBack) {
  ClientHarness h(client());
  ASSERT_TRUE(h.wait_state(ami::State::connected));
  h.client->send(busy_call("drop-1"), nullptr);
  ASSERT_TRUE(h.wait_state(ami::State::disconnected, 3s));
  ASSERT_TRUE(h.wait_state(ami::State::connected, 3s, 2));
  auto r = h.send(busy_call("drop-2"));
  EXPECT_TRUE(r.ok()) << "the link works again after the cut";
}

class StallingPbxsim : public PbxsimServer {
  Faults faults() const override { return {false, 0, 2}; }
};

TEST_F(StallingPbxsim, AStalledAsteriskIsDetectedByTheKeepAlive) {
  ClientHarness h(client());
  ASSERT_TRUE(h.wait_state(ami::State::connected));
  h.client->send(busy_call("stall-1"), nullptr);  // its events reach the stall threshold
  EXPECT_TRUE(h.wait_state(ami::State::disconnected, 3s)) << "no Pong: the client gives up on the link";
}

TEST_F(PbxsimServer, AnsweredCallRunsTheDialplanOverTcp) {
  ClientHarness h(client());
  ASSERT_TRUE(h.wait_state(ami::State::connected));
  ami::OriginateRequest r;
  r.channel = "PJSIP/5511100001@carrier";  // the lab's "answers and presses 1"
  r.context = "torpedo-campaign";
  r.channel_id = "tcp-answered";
  r.variables = {{"TORPEDO_CAMPAIGN_ID", "c1"}};
  auto result = h.send(ami::originate(r));
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_TRUE(h.wait_event("UserEvent"));
  EXPECT_TRUE(h.wait_event("Hangup"));
}

TEST_F(PbxsimServer, RestartClosesEveryConnectionAndComesBack) {
  ClientHarness h(client());
  ASSERT_TRUE(h.wait_state(ami::State::connected));
  ami::OriginateRequest r;
  r.channel = "PJSIP/5511300001@carrier";  // rings for ever: still live at the restart
  r.context = "torpedo-campaign";
  r.channel_id = "live-at-restart";
  ASSERT_TRUE(h.send(ami::originate(r)).ok());
  ASSERT_TRUE(h.wait_event("DialState"));
  boost::asio::post(io, [this] { server->restart(150ms); });
  EXPECT_TRUE(h.wait_event("Shutdown"));
  ASSERT_TRUE(h.wait_state(ami::State::disconnected, 3s));
  ASSERT_TRUE(h.wait_state(ami::State::connected, 5s, 2)) << "the client gets back in once the pbx is up";
  auto channels = h.send(ami::Action("CoreShowChannels"));
  ASSERT_TRUE(channels.ok());
  EXPECT_EQ(channels.complete.get_or("ListItems"), "0") << "a restart loses every call";
}

}  // namespace
}  // namespace torpedo::pbxsim
