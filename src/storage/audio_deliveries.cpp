#include "storage/audio_deliveries.h"

namespace torpedo::storage::audio_deliveries {

namespace {
AudioDelivery from(const Row& r) {
  AudioDelivery d;
  d.audio_id = r.i64("audio_id");
  d.node_id = r.i64("node_id");
  d.location = r.str("location");
  d.state = r.str("state");
  d.size_8k = r.i64("size_8k");
  d.size_16k = r.i64("size_16k");
  d.error = r.opt_str("error");
  d.updated_at = r.i64("updated_at");
  return d;
}
constexpr const char* kColumns = "audio_id, node_id, location, state, size_8k, size_16k, error, updated_at";
}  // namespace

void put(Connection& c, const AudioDelivery& d) {
  // Callers hold a write transaction (Database::write), so the two statements land together.
  remove(c, d.audio_id, d.node_id);
  c.exec(std::string("INSERT INTO audio_deliveries (") + kColumns +
             ") VALUES (:a, :n, :location, :state, :s8, :s16, :error, :at)",
         {{"a", d.audio_id},
          {"n", d.node_id},
          {"location", d.location},
          {"state", d.state},
          {"s8", d.size_8k},
          {"s16", d.size_16k},
          {"error", d.error},
          {"at", d.updated_at}});
}

std::optional<AudioDelivery> find(Connection& c, std::int64_t audio_id, std::int64_t node_id) {
  auto row = c.query_one(
      std::string("SELECT ") + kColumns + " FROM audio_deliveries WHERE audio_id = :a AND node_id = :n",
      {{"a", audio_id}, {"n", node_id}});
  if (!row) return std::nullopt;
  return from(*row);
}

std::vector<AudioDelivery> for_audio(Connection& c, std::int64_t audio_id) {
  std::vector<AudioDelivery> out;
  for (const auto& r : c.query(
           std::string("SELECT ") + kColumns + " FROM audio_deliveries WHERE audio_id = :a ORDER BY node_id",
           {{"a", audio_id}}))
    out.push_back(from(r));
  return out;
}

std::vector<AudioDelivery> all(Connection& c) {
  std::vector<AudioDelivery> out;
  for (const auto& r :
       c.query(std::string("SELECT ") + kColumns + " FROM audio_deliveries ORDER BY audio_id, node_id"))
    out.push_back(from(r));
  return out;
}

void remove(Connection& c, std::int64_t audio_id, std::int64_t node_id) {
  c.exec("DELETE FROM audio_deliveries WHERE audio_id = :a AND node_id = :n",
         {{"a", audio_id}, {"n", node_id}});
}

}  // namespace torpedo::storage::audio_deliveries
