#include "jobs/runner.h"

#include <spdlog/spdlog.h>

#include "storage/jobs.h"

namespace torpedo::jobs {

const char* const kInterrupted =
    "o Torpedo foi desligado durante a importação: as linhas já gravadas ficaram na lista; envie o arquivo de "
    "novo para importar o resto (as já importadas contam como duplicadas)";

Runner::Runner(storage::Database& db, const Clock& clock, std::function<void(std::int64_t)> on_change)
    : db_(db), clock_(clock), on_change_(std::move(on_change)) {
  thread_ = std::thread([this] { loop(); });
}

Runner::~Runner() { stop(); }

void Runner::submit(std::int64_t job_id, Work work) {
  auto control = std::make_shared<JobControl>();
  control->id = job_id;
  control->changed = [this, job_id] { notify(job_id, false); };
  {
    std::lock_guard lock(mutex_);
    active_[job_id] = control;
    queue_.emplace_back(control, std::move(work));
  }
  wake_.notify_one();
}

bool Runner::cancel(std::int64_t job_id) {
  std::lock_guard lock(mutex_);
  auto it = active_.find(job_id);
  if (it == active_.end()) return false;
  it->second->cancel = true;
  return true;
}

void Runner::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
    for (auto& [id, control] : active_) {
      control->shutdown = true;
      control->cancel = true;
    }
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Runner::notify(std::int64_t id, bool force) {
  const EpochMs now = clock_.now_ms();
  {
    std::lock_guard lock(mutex_);
    auto& last = last_notified_[id];
    if (!force && now - last < 250) return;
    last = now;
  }
  if (on_change_) on_change_(id);
}

void Runner::loop() {
  for (;;) {
    std::shared_ptr<JobControl> control;
    Work work;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping
      control = queue_.front().first;
      work = std::move(queue_.front().second);
      queue_.pop_front();
    }
    const auto id = control->id;
    auto set = [&](const std::string& status, const std::optional<std::string>& error) {
      try {
        db_.write([&](storage::Connection& c) {
          storage::set_status(c, id, status, error, clock_.now_ms());
          return 0;
        });
      } catch (const std::exception& e) {
        spdlog::error("job {}: cannot record status {}: {}", id, status, e.what());
      }
      notify(id, true);
    };
    if (control->shutdown) {
      set("failed", kInterrupted);
    } else if (control->cancel) {
      set("cancelled", std::nullopt);
    } else {
      set("running", std::nullopt);
      try {
        work(*control);
        if (control->shutdown)
          set("failed", kInterrupted);
        else
          set(control->cancel ? "cancelled" : "completed", std::nullopt);
      } catch (const std::exception& e) {
        spdlog::warn("job {} failed: {}", id, e.what());
        set("failed", std::string(e.what()));
      }
    }
    std::lock_guard lock(mutex_);
    active_.erase(id);
    last_notified_.erase(id);
  }
}

}  // namespace torpedo::jobs
