#pragma once
// Runs an ami::Client on its own io_context thread and records what it reports, so that a
// test can wait for states and events and send actions synchronously.
#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <algorithm>
#include <condition_variable>
#include <future>
#include <mutex>
#include <optional>
#include <thread>

#include "ami/client.h"

namespace torpedo::testing {

using namespace std::chrono_literals;
using ami::Action;
using ami::ActionResult;
using ami::Client;
using ami::ClientOptions;
using ami::Message;
using ami::State;

// Runs an io_context on its own thread and records what the client reports.
class ClientHarness {
 public:
  explicit ClientHarness(ClientOptions options) {
    options.backoff.first = 20ms;
    options.backoff.slow = 100ms;
    client = Client::create(io, options);
    client->on_state([this](State s, const std::string& detail) {
      std::lock_guard lock(mutex);
      states.push_back(s);
      last_detail = detail;
      changed.notify_all();
    });
    client->on_event([this](const Message& m) {
      std::lock_guard lock(mutex);
      events.emplace_back(m.event());
      changed.notify_all();
    });
    thread = std::thread([this] { io.run(); });
    client->start();
  }
  ~ClientHarness() {
    client->stop();
    work.reset();
    io.stop();
    thread.join();
  }
  bool wait_state(State s, std::chrono::milliseconds timeout = 5s, int occurrences = 1) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, timeout, [&] { return std::count(states.begin(), states.end(), s) >= occurrences; });
  }
  bool wait_event(const std::string& name, std::chrono::milliseconds timeout = 5s) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, timeout, [&] { return std::count(events.begin(), events.end(), name) > 0; });
  }
  ActionResult send(Action a, std::chrono::milliseconds timeout = 5s) {
    auto promise = std::make_shared<std::promise<ActionResult>>();
    auto future = promise->get_future();
    client->send(std::move(a), [promise](ActionResult r) { promise->set_value(std::move(r)); });
    if (future.wait_for(timeout) != std::future_status::ready) {
      ADD_FAILURE() << "no result in time";
      return {};
    }
    return future.get();
  }

  boost::asio::io_context io;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work{io.get_executor()};
  std::shared_ptr<Client> client;
  std::thread thread;
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<State> states;
  std::vector<std::string> events;
  std::string last_detail;
};


}  // namespace torpedo::testing
