#include "events/hub.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "common/clock.h"
#include "common/time_format.h"

namespace torpedo::events {

void Hub::subscribe(const std::shared_ptr<Subscriber>& s) {
  std::lock_guard lock(mutex_);
  subscribers_.push_back(s);
}

void Hub::unsubscribe(const Subscriber* s) {
  std::lock_guard lock(mutex_);
  std::erase_if(subscribers_, [&](const std::weak_ptr<Subscriber>& w) {
    auto p = w.lock();
    return !p || p.get() == s;
  });
}

void Hub::publish(std::string message) {
  auto shared = std::make_shared<const std::string>(std::move(message));
  std::vector<std::shared_ptr<Subscriber>> targets;
  {
    std::lock_guard lock(mutex_);
    targets.reserve(subscribers_.size());
    for (auto& w : subscribers_)
      if (auto p = w.lock()) targets.push_back(std::move(p));
  }
  std::vector<const Subscriber*> dropped;
  for (auto& t : targets)
    if (!t->deliver(shared)) dropped.push_back(t.get());
  if (!dropped.empty()) {
    std::lock_guard lock(mutex_);
    std::erase_if(subscribers_, [&](const std::weak_ptr<Subscriber>& w) {
      auto p = w.lock();
      return !p || std::find(dropped.begin(), dropped.end(), p.get()) != dropped.end();
    });
  }
}

void Hub::publish_change(std::string_view entity, std::string_view action, std::string_view id) {
  nlohmann::json j = {{"type", "change"},
                      {"entity", entity},
                      {"action", action},
                      {"id", id},
                      {"at", format_iso8601(SystemClock().now_ms())}};
  publish(j.dump());
}

void Hub::close_all() {
  std::vector<std::shared_ptr<Subscriber>> targets;
  {
    std::lock_guard lock(mutex_);
    for (auto& w : subscribers_)
      if (auto p = w.lock()) targets.push_back(std::move(p));
    subscribers_.clear();
  }
  for (auto& t : targets) t->close();
}

std::size_t Hub::subscriber_count() const {
  std::lock_guard lock(mutex_);
  std::size_t n = 0;
  for (auto& w : subscribers_) n += !w.expired();
  return n;
}

}  // namespace torpedo::events
