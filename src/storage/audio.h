#pragma once
// The audio library's rows. The bytes live in the blob store, under keys derived from the id.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "storage/database.h"

namespace torpedo::storage {

struct AudioFile {
  std::int64_t id = 0;
  std::string name;
  std::string kind;  // campaign, moh
  std::optional<std::string> description;
  std::string original_key;
  std::string original_format;
  std::string media_key;  // prefix of the transcoded files: "audio/12/"
  std::int64_t duration_ms = 0;
  int sample_rate = 0;
  int channels = 0;
  std::int64_t size_bytes = 0;
  std::string sha256;
  std::string peaks;  // JSON array
  std::string media_token;  // the unguessable part of its public URL
  std::optional<std::int64_t> created_by;
  EpochMs created_at = 0;
  EpochMs updated_at = 0;
};

void insert_audio(Connection& c, AudioFile& a);  // sets id
void set_audio_keys(Connection& c, std::int64_t id, const std::string& original_key, const std::string& media_key);
std::optional<AudioFile> find_audio(Connection& c, std::int64_t id);
std::optional<AudioFile> find_audio_by_name(Connection& c, const std::string& kind, const std::string& name);
std::vector<AudioFile> list_audio(Connection& c, const std::optional<std::string>& kind, const std::string& name_like,
                                  std::optional<std::int64_t> before_id, int limit);
void update_audio(Connection& c, std::int64_t id, const std::string& name, const std::optional<std::string>& description,
                  EpochMs now);
bool delete_audio(Connection& c, std::int64_t id);
void set_media_token(Connection& c, std::int64_t id, const std::string& token, EpochMs now);
std::optional<AudioFile> find_audio_by_token(Connection& c, const std::string& token);
// Who uses an audio ("campanha \"Cobrança\"", "fila \"suporte\""), for refusing its deletion.
std::vector<std::string> audio_users(Connection& c, std::int64_t id);

}  // namespace torpedo::storage
