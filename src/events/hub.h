#pragma once
// One hub for live events: writers publish, every connected WebSocket client receives.
// Publishing never blocks on a client: each subscriber owns a bounded queue and a slow
// client is dropped, not waited for.
//
// Thread-safety: all members are safe to call from any thread.
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace torpedo::events {

class Subscriber {
 public:
  virtual ~Subscriber() = default;
  // Called outside the hub's lock, from the publisher's thread. Must not block; returns false
  // when the subscriber is gone or overloaded, and the hub forgets it.
  virtual bool deliver(std::shared_ptr<const std::string> message) = 0;
  // Asks the subscriber to close (daemon shutdown).
  virtual void close() = 0;
};

class Hub {
 public:
  void subscribe(const std::shared_ptr<Subscriber>& s);
  void unsubscribe(const Subscriber* s);

  // Sends a JSON text to every subscriber.
  void publish(std::string message);
  // {"type":"change","entity":…,"action":…,"id":…,"at":…}
  void publish_change(std::string_view entity, std::string_view action, std::string_view id);

  void close_all();
  std::size_t subscriber_count() const;

 private:
  mutable std::mutex mutex_;
  std::vector<std::weak_ptr<Subscriber>> subscribers_;  // guarded by mutex_
};

}  // namespace torpedo::events
