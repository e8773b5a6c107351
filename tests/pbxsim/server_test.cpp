// pbxsim over TCP, driven by Torpedo's own AMI client.
#include "pbxsim/server.h"

#include <gtest/gtest.h>

#include <boost/asio/post.hpp>

#include "common/clock.h"
#include "support/ami_harness.h"

namespace torpedo::pbxsim {
namespace {

using testing::ClientHarness;
using namespace std::chrono_literals;

class PbxsimServer : public ::testing::Test {
 protected:
  void SetUp() override {
    port = server.listen("127.0.0.1", 0);
    thread = std::thread([this] { io.run(); });
  }
  void TearDown() override {
    boost::asio::post(io, [this] { server.close(); });
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
    return o;
  }

  SystemClock clock;
  Simulator sim{lab_config("lab-secret"), clock, [] { return std::string("424242"); }};
  boost::asio::io_context io;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work{io.get_executor()};
  Server server{io, sim};
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

TEST_F(PbxsimServer, RefusesAWrongSecretAndClosesTheConnection) {
  ClientHarness h(client("wrong"));
  EXPECT_TRUE(h.wait_state(ami::State::auth_failed));
}

}  // namespace
}  // namespace torpedo::pbxsim
