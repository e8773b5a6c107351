#include "storage/audio.h"

#include <algorithm>

#include "common/text.h"

namespace torpedo::storage {

namespace {
AudioFile audio_from(const Row& r) {
  AudioFile a;
  a.id = r.i64("id");
  a.name = r.str("name");
  a.kind = r.str("kind");
  a.description = r.opt_str("description");
  a.original_key = r.opt_str("original_key").value_or("");
  a.original_format = r.opt_str("original_format").value_or("");
  a.media_key = r.opt_str("media_key").value_or("");
  a.duration_ms = r.i64("duration_ms");
  a.sample_rate = static_cast<int>(r.i64("sample_rate"));
  a.channels = static_cast<int>(r.i64("channels"));
  a.size_bytes = r.i64("size_bytes");
  a.sha256 = r.opt_str("sha256").value_or("");
  a.peaks = r.opt_str("peaks").value_or("[]");
  a.media_token = r.opt_str("media_token").value_or("");
  a.created_by = r.opt_i64("created_by");
  a.created_at = r.i64("created_at");
  a.updated_at = r.i64("updated_at");
  return a;
}
}  // namespace

void insert_audio(Connection& c, AudioFile& a) {
  c.exec(
      "INSERT INTO audio_files (name, kind, description, original_key, original_format, media_key, duration_ms, "
      "sample_rate, channels, size_bytes, sha256, peaks, media_token, status, created_by, created_at, updated_at) "
      "VALUES (:name, :kind, :description, :okey, :oformat, :mkey, :duration, :rate, :channels, :size, :sha, :peaks, "
      ":token, 'ready', :user, :now, :now)",
      {{"name", a.name},
       {"kind", a.kind},
       {"description", a.description},
       {"okey", a.original_key},
       {"oformat", a.original_format},
       {"mkey", a.media_key},
       {"duration", a.duration_ms},
       {"rate", a.sample_rate},
       {"channels", a.channels},
       {"size", a.size_bytes},
       {"sha", a.sha256},
       {"peaks", a.peaks},
       {"token", a.media_token},
       {"user", a.created_by},
       {"now", a.created_at}});
  a.id = c.last_insert_id();
}

void set_audio_keys(Connection& c, std::int64_t id, const std::string& original_key, const std::string& media_key) {
  c.exec("UPDATE audio_files SET original_key = :o, media_key = :m WHERE id = :id",
         {{"o", original_key}, {"m", media_key}, {"id", id}});
}

std::optional<AudioFile> find_audio(Connection& c, std::int64_t id) {
  auto r = c.query_one("SELECT * FROM audio_files WHERE id = :id", {{"id", id}});
  if (!r) return std::nullopt;
  return audio_from(*r);
}

std::optional<AudioFile> find_audio_by_name(Connection& c, const std::string& kind, const std::string& name) {
  for (const auto& r : c.query("SELECT * FROM audio_files WHERE kind = :kind", {{"kind", kind}})) {
    auto a = audio_from(r);
    std::string x = a.name, y = name;
    std::transform(x.begin(), x.end(), x.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    std::transform(y.begin(), y.end(), y.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    if (x == y) return a;
  }
  return std::nullopt;
}

std::vector<AudioFile> list_audio(Connection& c, const std::optional<std::string>& kind, const std::string& name_like,
                                  std::optional<std::int64_t> before_id, int limit) {
  std::string sql = "SELECT * FROM audio_files WHERE 1 = 1";
  Params p;
  if (kind) {
    sql += " AND kind = :kind";
    p.emplace_back("kind", *kind);
  }
  if (before_id) {
    sql += " AND id < :before";
    p.emplace_back("before", *before_id);
  }
  // A library holds hundreds of files, not millions: a name search (case and accents ignored,
  // the same on both databases) filters the rows here.
  const std::string needle = fold(name_like);
  if (needle.empty()) sql += " ORDER BY id DESC LIMIT " + std::to_string(std::clamp(limit, 1, 500));
  else sql += " ORDER BY id DESC";
  std::vector<AudioFile> out;
  for (const auto& r : c.query(sql, p)) {
    auto a = audio_from(r);
    if (!needle.empty() && fold(a.name).find(needle) == std::string::npos) continue;
    out.push_back(std::move(a));
    if (static_cast<int>(out.size()) >= std::clamp(limit, 1, 500)) break;
  }
  return out;
}

void update_audio(Connection& c, std::int64_t id, const std::string& name, const std::optional<std::string>& description,
                  EpochMs now) {
  c.exec("UPDATE audio_files SET name = :name, description = :d, updated_at = :now WHERE id = :id",
         {{"name", name}, {"d", description}, {"now", now}, {"id", id}});
}

bool delete_audio(Connection& c, std::int64_t id) {
  return c.exec("DELETE FROM audio_files WHERE id = :id", {{"id", id}}) > 0;
}

void set_media_token(Connection& c, std::int64_t id, const std::string& token, EpochMs now) {
  c.exec("UPDATE audio_files SET media_token = :t, updated_at = :now WHERE id = :id", {{"t", token}, {"now", now}, {"id", id}});
}

std::optional<AudioFile> find_audio_by_token(Connection& c, const std::string& token) {
  if (token.empty()) return std::nullopt;
  auto r = c.query_one("SELECT * FROM audio_files WHERE media_token = :t", {{"t", token}});
  if (!r) return std::nullopt;
  return audio_from(*r);
}

std::vector<std::string> audio_users(Connection& c, std::int64_t id) {
  std::vector<std::string> out;
  for (const auto& r : c.query("SELECT name FROM campaigns WHERE audio_id = :id ORDER BY name", {{"id", id}}))
    out.push_back("campanha \"" + r.str("name") + "\"");
  // A queue uses an audio as its announcement, or as its music on hold (class "torpedo-audio-<id>").
  for (const auto& r : c.query("SELECT name FROM queues WHERE announce_audio_id = :id OR moh_class = :class ORDER BY name",
                               {{"id", id}, {"class", "torpedo-audio-" + std::to_string(id)}}))
    out.push_back("fila \"" + r.str("name") + "\"");
  return out;
}

}  // namespace torpedo::storage
