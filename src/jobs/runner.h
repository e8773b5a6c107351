#pragma once
// Runs background jobs (imports) one at a time on their own thread, so that a long import
// never holds an HTTP worker. A job's row in `jobs` is the truth: the runner moves it through
// queued → running → completed / failed / cancelled, and tells `on_change` (which pushes it
// over the events WebSocket) at most every 250 ms while it runs and once when it ends.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "common/clock.h"
#include "storage/database.h"

namespace torpedo::jobs {

struct JobControl {
  std::int64_t id = 0;
  std::atomic<bool> cancel{false};
  std::atomic<bool> shutdown{false};  // cancel came from stopping Torpedo, not from a user
  std::function<void()> changed;  // throttled notification of progress
};

// The work of one job: returns normally (completed), throws (failed, with the message), or
// returns after seeing `cancel` (cancelled).
using Work = std::function<void(JobControl&)>;

// Why a job fails when Torpedo stops (or dies) under it; also used at start-up for jobs a
// previous process left unfinished.
extern const char* const kInterrupted;

class Runner {
 public:
  Runner(storage::Database& db, const Clock& clock, std::function<void(std::int64_t job_id)> on_change);
  ~Runner();
  Runner(const Runner&) = delete;
  Runner& operator=(const Runner&) = delete;

  // The job row exists already (status queued).
  void submit(std::int64_t job_id, Work work);
  // True when the job was queued or running here; it stops at its next check.
  bool cancel(std::int64_t job_id);
  // Stops taking jobs; the running one is asked to stop and waited for.
  void stop();

 private:
  void loop();
  void notify(std::int64_t id, bool force);

  storage::Database& db_;
  const Clock& clock_;
  std::function<void(std::int64_t)> on_change_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::pair<std::shared_ptr<JobControl>, Work>> queue_;
  std::map<std::int64_t, std::shared_ptr<JobControl>> active_;
  std::map<std::int64_t, EpochMs> last_notified_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace torpedo::jobs
