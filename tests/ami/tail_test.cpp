// `torpedo ami-tail` against a scripted AMI peer.
#include "app/ami_tail.h"

#include <gtest/gtest.h>

#include <sstream>
#include <thread>

#include "support/fake_ami_server.h"

namespace torpedo::app {
namespace {

using testing::FakeAmiServer;

FakeAmiServer::Handler logins_only() { return FakeAmiServer::with_login("tail", "tail-secret", nullptr); }

std::string events(int n) {
  std::string out;
  for (int i = 0; i < n; ++i)
    out += i % 2 ? "Event: Hangup\r\nPrivilege: call,all\r\nUniqueid: u" + std::to_string(i) + "\r\nCause: 16\r\n\r\n"
                 : "Event: Newchannel\r\nPrivilege: call,all\r\nUniqueid: u" + std::to_string(i) + "\r\n\r\n";
  return out;
}

AmiTailOptions options_for(const FakeAmiServer& s) {
  AmiTailOptions o;
  o.port = s.port();
  o.user = "tail";
  o.secret = "tail-secret";
  return o;
}

TEST(AmiTail, PrintsEventsAndStopsAfterCount) {
  FakeAmiServer server(logins_only());
  std::thread feeder([&] {
    while (server.count("Login") == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    server.broadcast(events(10));
  });
  auto o = options_for(server);
  o.count = 5;  // FullyBooted + 4 of ours
  std::ostringstream out, err;
  EXPECT_EQ(run_ami_tail(o, out, err), 0);
  feeder.join();
  const std::string text = out.str();
  EXPECT_NE(text.find("Event: FullyBooted\r\n"), std::string::npos);
  EXPECT_NE(text.find("Uniqueid: u3\r\n"), std::string::npos);
  EXPECT_EQ(text.find("Uniqueid: u4\r\n"), std::string::npos) << "stopped after 5 events";
}

TEST(AmiTail, QuietWithFilterCountsOnlyNamedEventsAndReportsStats) {
  FakeAmiServer server(logins_only());
  std::thread feeder([&] {
    while (server.count("Login") == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    server.broadcast(events(1000));
  });
  auto o = options_for(server);
  o.quiet = true;
  o.stats = true;
  o.filter = {"Hangup"};
  o.count = 500;
  std::ostringstream out, err;
  EXPECT_EQ(run_ami_tail(o, out, err), 0);
  feeder.join();
  EXPECT_EQ(out.str().find("Event:"), std::string::npos) << "quiet prints no event";
  EXPECT_NE(out.str().find("events: 500\n"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("events/s: "), std::string::npos);
}

TEST(AmiTail, RefusedLoginExitsWithOne) {
  FakeAmiServer server(logins_only());
  auto o = options_for(server);
  o.secret = "wrong";
  std::ostringstream out, err;
  EXPECT_EQ(run_ami_tail(o, out, err), 1);
  EXPECT_NE(err.str().find("login refused"), std::string::npos);
}

}  // namespace
}  // namespace torpedo::app
