#pragma once
// Background jobs (imports) in storage: status, progress and result survive restarts.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "storage/database.h"

namespace torpedo::storage {

struct Job {
  std::int64_t id = 0;
  std::string kind;                   // contact-import, dnc-import
  std::string status = "queued";      // queued, running, completed, failed, cancelled
  std::int64_t processed = 0;
  std::optional<std::int64_t> total;
  std::optional<std::string> params;  // JSON
  std::optional<std::string> result;  // JSON
  std::optional<std::string> error;
  std::optional<std::int64_t> created_by;
  std::optional<std::int64_t> list_id;
  std::optional<std::string> file_name;
  EpochMs created_at = 0;
  std::optional<EpochMs> started_at;
  std::optional<EpochMs> finished_at;
};

void insert_job(Connection& c, Job& job);
std::optional<Job> find_job(Connection& c, std::int64_t id);
std::vector<Job> list_jobs(Connection& c, const std::optional<std::string>& kind, std::optional<std::int64_t> list_id,
                           std::optional<std::int64_t> before_id, int limit);
void save_progress(Connection& c, std::int64_t id, std::int64_t processed, std::optional<std::int64_t> total,
                   const std::optional<std::string>& result, EpochMs now);
void set_status(Connection& c, std::int64_t id, const std::string& status, const std::optional<std::string>& error,
                EpochMs now);
// At start-up: jobs a previous process left queued or running can never finish; they fail
// with `error`. Returns how many.
std::int64_t fail_unfinished_jobs(Connection& c, const std::string& error, EpochMs now);
// Whether a job of `kind` for the list is queued or running.
bool job_active_for_list(Connection& c, std::int64_t list_id);

}  // namespace torpedo::storage
