#include "storage/jobs.h"

#include <algorithm>

namespace torpedo::storage {

namespace {
Job job_from(const Row& r) {
  Job j;
  j.id = r.i64("id");
  j.kind = r.str("kind");
  j.status = r.str("status");
  j.processed = r.i64("processed");
  j.total = r.opt_i64("total");
  j.params = r.opt_str("params");
  j.result = r.opt_str("result");
  j.error = r.opt_str("error");
  j.created_by = r.opt_i64("created_by");
  j.list_id = r.opt_i64("list_id");
  j.file_name = r.opt_str("file_name");
  j.created_at = r.i64("created_at");
  j.started_at = r.opt_i64("started_at");
  j.finished_at = r.opt_i64("finished_at");
  return j;
}
}  // namespace

void insert_job(Connection& c, Job& job) {
  c.exec(
      "INSERT INTO jobs (kind, status, processed, total, params, result, error, created_by, list_id, file_name, "
      "created_at, updated_at) VALUES (:kind, :status, 0, :total, :params, NULL, NULL, :user, :list, :file, :now, :now)",
      {{"kind", job.kind},
       {"status", job.status},
       {"total", job.total},
       {"params", job.params},
       {"user", job.created_by},
       {"list", job.list_id},
       {"file", job.file_name},
       {"now", job.created_at}});
  job.id = c.last_insert_id();
}

std::optional<Job> find_job(Connection& c, std::int64_t id) {
  auto r = c.query_one("SELECT * FROM jobs WHERE id = :id", {{"id", id}});
  if (!r) return std::nullopt;
  return job_from(*r);
}

std::vector<Job> list_jobs(Connection& c, const std::optional<std::string>& kind, std::optional<std::int64_t> list_id,
                           std::optional<std::int64_t> before_id, int limit) {
  std::string sql = "SELECT * FROM jobs WHERE 1 = 1";
  Params p;
  if (kind) {
    sql += " AND kind = :kind";
    p.emplace_back("kind", *kind);
  }
  if (list_id) {
    sql += " AND list_id = :list";
    p.emplace_back("list", *list_id);
  }
  if (before_id) {
    sql += " AND id < :before";
    p.emplace_back("before", *before_id);
  }
  sql += " ORDER BY id DESC LIMIT " + std::to_string(std::clamp(limit, 1, 200));
  std::vector<Job> out;
  for (const auto& r : c.query(sql, p)) out.push_back(job_from(r));
  return out;
}

void save_progress(Connection& c, std::int64_t id, std::int64_t processed, std::optional<std::int64_t> total,
                   const std::optional<std::string>& result, EpochMs now) {
  c.exec("UPDATE jobs SET processed = :processed, total = :total, result = :result, updated_at = :now WHERE id = :id",
         {{"processed", processed}, {"total", total}, {"result", result}, {"now", now}, {"id", id}});
}

void set_status(Connection& c, std::int64_t id, const std::string& status, const std::optional<std::string>& error,
                EpochMs now) {
  const bool finished = status == "completed" || status == "failed" || status == "cancelled";
  c.exec(
      "UPDATE jobs SET status = :status, error = :error, updated_at = :now, "
      "started_at = CASE WHEN :running = 1 AND started_at IS NULL THEN :now ELSE started_at END, "
      "finished_at = CASE WHEN :finished = 1 THEN :now ELSE finished_at END WHERE id = :id",
      {{"status", status}, {"error", error}, {"now", now}, {"running", status == "running"}, {"finished", finished},
       {"id", id}});
}

std::int64_t fail_unfinished_jobs(Connection& c, const std::string& error, EpochMs now) {
  return c.exec(
      "UPDATE jobs SET status = 'failed', error = :error, finished_at = :now, updated_at = :now "
      "WHERE status IN ('queued', 'running')",
      {{"error", error}, {"now", now}});
}

bool job_active_for_list(Connection& c, std::int64_t list_id) {
  return c.query_one("SELECT id FROM jobs WHERE list_id = :list AND status IN ('queued', 'running')", {{"list", list_id}})
      .has_value();
}

}  // namespace torpedo::storage
