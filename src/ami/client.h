#pragma once
// An AMI client on Asio: connects, logs in (plain secret or MD5 challenge), keeps the link
// alive with Ping, reconnects with back-off, and correlates responses by ActionID, including
// list actions (a response with "EventList: start", then events, then "EventList: Complete").
//
// Rules that keep calls from being dialed twice (see STYLE.md, "the good AMI clients"):
// - an action is written at most once: nothing is re-sent after a reconnect, Originate
//   included; actions sent while disconnected fail at once;
// - on disconnect every pending action fails at once: `not_connected` when it was still
//   queued (never written, so certainly not executed), `disconnected` when it may have been;
// - the write queue is bounded: past it, send() fails with `overloaded`.
//
// Threading: the client lives on one io_context (the daemon's network thread). Every public
// member is safe to call from any thread; callbacks run on the io thread, one at a time.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "ami/action.h"
#include "ami/backoff.h"
#include "ami/message.h"

namespace boost::asio {
class io_context;
}

namespace torpedo::ami {

enum class State { stopped, connecting, connected, auth_failed, disconnected };
const char* to_string(State s);

struct ClientOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 5038;
  std::string username;
  std::string secret;
  bool md5_challenge = true;          // Challenge/MD5 login: the secret never crosses the wire
  std::string events = "on";          // Login "Events:" (on, off, or classes: "call,user,system")
  std::set<std::string> event_filter; // when non-empty, only these event names reach on_event
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds ping_interval{5000};
  std::chrono::milliseconds ping_timeout{5000};  // no Pong by then: the link is dead
  std::chrono::milliseconds action_timeout{15000};
  std::size_t max_pending_actions = 2000;
  Backoff::Options backoff;
  std::string action_id_prefix;       // default: random; ActionIDs must be unique across all AMI sessions
  std::string name = "ami";           // for logs
};

struct ActionResult {
  enum class Status { ok, error_response, disconnected, timeout, overloaded, not_connected, invalid };
  Status status = Status::ok;
  Message response;              // "Response: Success|Error|…"
  std::vector<Message> events;   // the events of a list action, without the closing one
  Message complete;              // the "EventList: Complete" event of a list action
  std::string error;             // human-readable, for logs and the UI
  bool ok() const { return status == Status::ok; }
};
using ActionCallback = std::function<void(ActionResult)>;

class Client : public std::enable_shared_from_this<Client> {
 public:
  static std::shared_ptr<Client> create(boost::asio::io_context& io, ClientOptions options);
  virtual ~Client() = default;

  virtual void start() = 0;
  // Logs off (when connected), closes, fails pending actions, stops reconnecting.
  virtual void stop() = 0;

  // Sends `action` (an ActionID is added unless it has one) and reports the outcome once.
  virtual void send(Action action, ActionCallback done) = 0;

  virtual void on_event(std::function<void(const Message&)> handler) = 0;
  // (state, detail): detail is the reason of a disconnect or refusal.
  virtual void on_state(std::function<void(State, const std::string&)> handler) = 0;

  virtual State state() const = 0;
  virtual std::string banner() const = 0;
};

// md5(challenge + secret) as lower-case hex, the Key of an MD5 Login.
std::string md5_key(const std::string& challenge, const std::string& secret);

}  // namespace torpedo::ami
