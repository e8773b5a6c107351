#include "events/hub.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace torpedo::events {
namespace {

struct Recorder : Subscriber {
  explicit Recorder(std::size_t capacity) : capacity(capacity) {}
  bool deliver(std::shared_ptr<const std::string> m) override {
    if (received.size() >= capacity) return false;  // overloaded: the hub must drop us
    received.push_back(*m);
    return true;
  }
  void close() override { closed = true; }
  std::size_t capacity;
  std::vector<std::string> received;
  bool closed = false;
};

TEST(Hub, DeliversToEverySubscriberAndDropsSlowOnes) {
  Hub hub;
  auto fast = std::make_shared<Recorder>(100);
  auto slow = std::make_shared<Recorder>(1);
  hub.subscribe(fast);
  hub.subscribe(slow);
  hub.publish("a");
  hub.publish("b");  // slow refuses: dropped, not waited for
  hub.publish("c");
  EXPECT_EQ(fast->received, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(slow->received, (std::vector<std::string>{"a"}));
  EXPECT_EQ(hub.subscriber_count(), 1u);
}

TEST(Hub, ForgetsSubscribersThatWentAwayAndClosesAll) {
  Hub hub;
  auto keep = std::make_shared<Recorder>(10);
  {
    auto gone = std::make_shared<Recorder>(10);
    hub.subscribe(gone);
  }
  hub.subscribe(keep);
  EXPECT_EQ(hub.subscriber_count(), 1u);
  hub.publish_change("user", "created", "7");
  auto j = nlohmann::json::parse(keep->received.at(0));
  EXPECT_EQ(j["type"], "change");
  EXPECT_EQ(j["entity"], "user");
  EXPECT_EQ(j["action"], "created");
  EXPECT_EQ(j["id"], "7");
  hub.close_all();
  EXPECT_TRUE(keep->closed);
  EXPECT_EQ(hub.subscriber_count(), 0u);
}

}  // namespace
}  // namespace torpedo::events
