// The AMI client against a scripted AMI peer over real loopback TCP.
#include "ami/client.h"

#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <condition_variable>
#include <future>
#include <thread>

#include "support/ami_harness.h"
#include "support/fake_ami_server.h"

namespace torpedo::ami {
namespace {

using testing::ClientHarness;
using testing::FakeAmiServer;
using namespace std::chrono_literals;

ClientOptions options_for(const FakeAmiServer& server, bool md5 = true, std::string secret = "s3cret") {
  ClientOptions o;
  o.port = server.port();
  o.username = "torpedo";
  o.secret = std::move(secret);
  o.md5_challenge = md5;
  o.name = "test-ami";
  return o;
}

FakeAmiServer::Handler ping_pong() {
  return [](FakeAmiServer::Connection& c, const Message& a) {
    if (Message::equals(a.get_or("Action"), "Ping"))
      c.send(FakeAmiServer::respond(a, "Ping: Pong\r\nTimestamp: 1795000000.000000\r\n"));
  };
}

TEST(AmiClient, LogsInWithTheMd5ChallengeAndCorrelatesResponses) {
  FakeAmiServer server(FakeAmiServer::with_login("torpedo", "s3cret", ping_pong()));
  ClientHarness h(options_for(server));
  ASSERT_TRUE(h.wait_state(State::connected));
  EXPECT_EQ(h.client->banner(), "Asterisk Call Manager/11.0.0");
  auto r = h.send(Action("Ping"));
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.response.get_or("Ping"), "Pong");
  auto actions = server.actions();
  ASSERT_GE(actions.size(), 3u);
  EXPECT_EQ(actions[0], "Challenge");
  EXPECT_EQ(actions[1], "Login");
  EXPECT_TRUE(h.wait_event("FullyBooted"));
}

TEST(AmiClient, ABurstOfActionsIsWrittenInOrderWithEveryAnswerMatched) {
  FakeAmiServer server(FakeAmiServer::with_login("torpedo", "s3cret", [](FakeAmiServer::Connection& c, const Message& a) {
    c.send(FakeAmiServer::respond(a, "Echo: " + std::string(a.get_or("Echo")) + "\r\n"));
  }));
  ClientHarness h(options_for(server));
  ASSERT_TRUE(h.wait_state(State::connected));
  constexpr int kCount = 300;
  std::vector<std::promise<ActionResult>> promises(kCount);
  for (int i = 0; i < kCount; ++i)
    h.client->send(Action("UserEvent").add("Echo", std::to_string(i)),
                   [&promises, i](ActionResult r) { promises[i].set_value(std::move(r)); });
  for (int i = 0; i < kCount; ++i) {
    auto f = promises[i].get_future();
    ASSERT_EQ(f.wait_for(5s), std::future_status::ready) << i;
    auto r = f.get();
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.response.get_or("Echo"), std::to_string(i));
  }
  EXPECT_EQ(server.count("UserEvent"), kCount);
}

TEST(AmiClient, PlainSecretLogin) {
  FakeAmiServer server(FakeAmiServer::with_login("torpedo", "s3cret", ping_pong()));
  ClientHarness h(options_for(server, /*md5=*/false));
  ASSERT_TRUE(h.wait_state(State::connected));
  EXPECT_EQ(server.actions().front(), "Login");
}

TEST(AmiClient, RefusedLoginIsReportedAndRetriedSlowly) {
  FakeAmiServer server(FakeAmiServer::with_login("torpedo", "s3cret", ping_pong()));
  ClientHarness h(options_for(server, true, "wrong"));
  ASSERT_TRUE(h.wait_state(State::auth_failed));
  {
    std::lock_guard lock(h.mutex);
    EXPECT_EQ(h.last_detail, "Authentication failed");
  }
  EXPECT_TRUE(h.wait_state(State::auth_failed, 5s, 2)) << "an operator may fix the secret: keep trying";
  EXPECT_EQ(std::count(h.states.begin(), h.states.end(), State::connected), 0);
  auto r = h.send(Action("Ping"));
  EXPECT_EQ(r.status, ActionResult::Status::not_connected);
}

TEST(AmiClient, ListActionsCollectTheirEventsUntilComplete) {
  FakeAmiServer server(FakeAmiServer::with_login("torpedo", "s3cret", [](FakeAmiServer::Connection& c, const Message& a) {
    if (!Message::equals(a.get_or("Action"), "CoreShowChannels")) return;
    const std::string id(a.action_id());
    c.send("Response: Success\r\nActionID: " + id + "\r\nEventList: start\r\nMessage: Channels will follow\r\n\r\n");
    // An unrelated event in the middle must reach the event handler, not the list.
    c.send("Event: Newchannel\r\nPrivilege: call,all\r\nChannel: PJSIP/carrier-00000001\r\n\r\n");
    for (int i = 0; i < 2; ++i)
      c.send("Event: CoreShowChannel\r\nActionID: " + id + "\r\nChannel: PJSIP/carrier-0000000" + std::to_string(i) + "\r\n\r\n");
    c.send("Event: CoreShowChannelsComplete\r\nActionID: " + id + "\r\nEventList: Complete\r\nListItems: 2\r\n\r\n");
  }));
  ClientHarness h(options_for(server));
  ASSERT_TRUE(h.wait_state(State::connected));
  auto r = h.send(Action("CoreShowChannels"));
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.events.size(), 2u);
  EXPECT_EQ(r.events[1].get_or("Channel"), "PJSIP/carrier-00000001");
  EXPECT_EQ(r.complete.get_or("ListItems"), "2");
  EXPECT_TRUE(h.wait_event("Newchannel"));
}

TEST(AmiClient, ErrorResponsesCarryAsterisksMessage) {
  FakeAmiServer server(FakeAmiServer::with_login("torpedo", "s3cret", [](FakeAmiServer::Connection& c, const Message& a) {
    c.send("Response: Error\r\nActionID: " + std::string(a.action_id()) + "\r\nMessage: No such module\r\n\r\n");
  }));
  ClientHarness h(options_for(server));
  ASSERT_TRUE(h.wait_state(State::connected));
  auto r = h.send(Action("Reload").add("Module", "no_such_module.so"));
  EXPECT_EQ(r.status, ActionResult::Status::error_response);
  EXPECT_EQ(r.error, "No such module");
}

TEST(AmiClient, DisconnectFailsPendingActionsAtOnceAndNeverResendsThem) {
  FakeAmiServer server(FakeAmiServer::with_login("torpedo", "s3cret", [](FakeAmiServer::Connection&, const Message&) {
    // Originates are received but never answered, then the link is cut.
  }));
  ClientHarness h(options_for(server));
  ASSERT_TRUE(h.wait_state(State::connected));
  auto promise = std::make_shared<std::promise<ActionResult>>();
  auto future = promise->get_future();
  h.client->send(Action("Originate").add("Channel", "PJSIP/5511999990000@carrier").add("Async", "true"),
                 [promise](ActionResult r) { promise->set_value(std::move(r)); });
  for (int i = 0; i < 100 && server.count("Originate") == 0; ++i) std::this_thread::sleep_for(10ms);
  ASSERT_EQ(server.count("Originate"), 1);
  server.drop_all();
  ASSERT_EQ(future.wait_for(2s), std::future_status::ready);
  EXPECT_EQ(future.get().status, ActionResult::Status::disconnected);
  ASSERT_TRUE(h.wait_state(State::connected, 5s, 2)) << "reconnects by itself";
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(server.count("Originate"), 1) << "an Originate is never re-sent after a reconnect";
  EXPECT_EQ(server.connections_accepted(), 2);
}

TEST(AmiClient, AStalledPeerIsDetectedByPingAndReplaced) {
  std::atomic<bool> answer_pings{true};
  FakeAmiServer server(FakeAmiServer::with_login("torpedo", "s3cret", [&](FakeAmiServer::Connection& c, const Message& a) {
    if (Message::equals(a.get_or("Action"), "Ping") && (answer_pings || c.number > 1))
      c.send(FakeAmiServer::respond(a, "Ping: Pong\r\n"));
  }));
  auto o = options_for(server);
  o.ping_interval = 100ms;
  o.ping_timeout = 300ms;
  ClientHarness h(o);
  ASSERT_TRUE(h.wait_state(State::connected));
  std::this_thread::sleep_for(350ms);
  EXPECT_EQ(server.connections_accepted(), 1) << "answered pings keep the link";
  answer_pings = false;
  ASSERT_TRUE(h.wait_state(State::disconnected, 3s));
  ASSERT_TRUE(h.wait_state(State::connected, 3s, 2));
  EXPECT_EQ(server.connections_accepted(), 2);
}

TEST(AmiClient, UnansweredActionsTimeOut) {
  FakeAmiServer server(FakeAmiServer::with_login("torpedo", "s3cret", nullptr));
  auto o = options_for(server);
  o.action_timeout = 200ms;
  ClientHarness h(o);
  ASSERT_TRUE(h.wait_state(State::connected));
  auto r = h.send(Action("CoreStatus"));
  EXPECT_EQ(r.status, ActionResult::Status::timeout);
}

TEST(AmiClient, BoundedInFlightAndInjectionRefused) {
  FakeAmiServer server(FakeAmiServer::with_login("torpedo", "s3cret", nullptr));
  auto o = options_for(server);
  o.max_pending_actions = 3;
  ClientHarness h(o);
  ASSERT_TRUE(h.wait_state(State::connected));
  for (int i = 0; i < 3; ++i) h.client->send(Action("CoreStatus"), nullptr);
  auto r = h.send(Action("CoreStatus"));
  EXPECT_EQ(r.status, ActionResult::Status::overloaded);
  auto evil = h.send(Action("Originate").add("CallerID", "x\r\nAction: Hangup"));
  EXPECT_EQ(evil.status, ActionResult::Status::overloaded);  // still full: nothing was written
  EXPECT_EQ(server.count("Hangup"), 0);
}

TEST(AmiClient, InjectionIsRefusedBeforeAnythingIsWritten) {
  FakeAmiServer server(FakeAmiServer::with_login("torpedo", "s3cret", nullptr));
  ClientHarness h(options_for(server));
  ASSERT_TRUE(h.wait_state(State::connected));
  auto r = h.send(Action("Originate").add("CallerID", "x\r\nAction: Hangup"));
  EXPECT_EQ(r.status, ActionResult::Status::invalid);
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(server.count("Originate"), 0);
  EXPECT_EQ(server.count("Hangup"), 0);
}

TEST(AmiClient, EventFilterKeepsOnlyNamedEvents) {
  FakeAmiServer server(FakeAmiServer::with_login("torpedo", "s3cret", [](FakeAmiServer::Connection& c, const Message& a) {
    c.send(FakeAmiServer::respond(a, "Ping: Pong\r\n"));
    c.send("Event: RTCPSent\r\nPrivilege: reporting,all\r\n\r\nEvent: Hangup\r\nPrivilege: call,all\r\nCause: 16\r\n\r\n");
  }));
  auto o = options_for(server);
  o.event_filter = {"Hangup"};
  ClientHarness h(o);
  ASSERT_TRUE(h.wait_state(State::connected));
  h.send(Action("Ping"));
  ASSERT_TRUE(h.wait_event("Hangup"));
  std::lock_guard lock(h.mutex);
  EXPECT_EQ(std::count(h.events.begin(), h.events.end(), "RTCPSent"), 0);
  EXPECT_EQ(std::count(h.events.begin(), h.events.end(), "FullyBooted"), 0);
}

TEST(AmiBackoff, FastThenSlowWithJitterAndCap) {
  Backoff b(Backoff::Options{}, 7);
  std::vector<std::int64_t> d;
  for (int i = 0; i < 12; ++i) d.push_back(b.next().count());
  auto near = [](std::int64_t v, std::int64_t base) { return v >= base * 0.8 - 1 && v <= base * 1.2 + 1; };
  EXPECT_TRUE(near(d[0], 250));
  EXPECT_TRUE(near(d[1], 500));
  EXPECT_TRUE(near(d[3], 2000));
  EXPECT_TRUE(near(d[4], 5000));
  EXPECT_TRUE(near(d[5], 10000));
  EXPECT_TRUE(near(d[11], 30000)) << "capped";
  b.reset();
  EXPECT_TRUE(near(b.next().count(), 250));
}

TEST(AmiMd5, MatchesTheRecordedLogin) {
  // login-md5-challenge.sent: the Key for challenge 181103649 and the lab secret.
  EXPECT_EQ(md5_key("181103649", "torpedo-lab-secret"), "9484bb222069f65506159d6ff8b4cbab");
  EXPECT_EQ(md5_key("", ""), "d41d8cd98f00b204e9800998ecf8427e");
}

}  // namespace
}  // namespace torpedo::ami
