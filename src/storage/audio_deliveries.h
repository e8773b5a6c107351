#pragma once
// Which audio files were written into which PBX node's sounds directory (or failed to be).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "storage/database.h"

namespace torpedo::storage {

struct AudioDelivery {
  std::int64_t audio_id = 0;
  std::int64_t node_id = 0;
  std::string location;  // the directory the files went to
  std::string state;     // delivered | failed
  std::int64_t size_8k = 0;
  std::int64_t size_16k = 0;
  std::optional<std::string> error;
  EpochMs updated_at = 0;
};

namespace audio_deliveries {
void put(Connection& c, const AudioDelivery& d);  // replaces the row of (audio, node)
std::optional<AudioDelivery> find(Connection& c, std::int64_t audio_id, std::int64_t node_id);
std::vector<AudioDelivery> for_audio(Connection& c, std::int64_t audio_id);
std::vector<AudioDelivery> all(Connection& c);
void remove(Connection& c, std::int64_t audio_id, std::int64_t node_id);
}  // namespace audio_deliveries

}  // namespace torpedo::storage
