#pragma once
// Delivery of the audio library to the PBX nodes, so that every node can play every audio.
//
// A node takes campaign audio one of two ways (pbx_nodes.media_mode):
//  - directory: Torpedo writes the 8 kHz `.wav` and the 16 kHz `.wav16` into the node's sounds
//    directory (same host or a shared mount), each atomically; Playback() gets the absolute path
//    without extension and Asterisk picks the variant that suits the call's codec.
//  - http: Asterisk fetches the file from Torpedo's public URL itself (res_http_media_cache);
//    nothing is written, and what can go wrong is a URL the node cannot reach.
// Music on hold is files in a directory whatever the mode (musiconhold.conf `mode=files`), one
// directory per class, so a node needs a sounds directory for it.
//
// Writing happens on one worker thread, fed by audio_added/audio_removed/nodes_changed. status()
// and not_ready() only read (the database and the disk) and may be called from any thread.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "blob/store.h"
#include "common/clock.h"
#include "storage/audio.h"
#include "storage/audio_deliveries.h"
#include "storage/database.h"
#include "storage/pbx_nodes.h"

namespace torpedo::media {

// Where an audio lives in a node's sounds directory: the directory its files go to, and their
// name without extension (Playback's argument for campaign audio).
//   campaign: <sounds>/campaign/audio-<id>.wav, .wav16
//   moh:      <sounds>/moh/audio-<id>/audio-<id>.wav, .wav16   (the directory is the class)
struct Placement {
  std::filesystem::path directory;
  std::filesystem::path base;  // directory / "audio-<id>"
};
Placement placement(const std::filesystem::path& sounds_dir, const std::string& kind, std::int64_t audio_id);

// The public URL Asterisk fetches for Playback(http://…).
std::string media_url(const std::string& public_url, const storage::AudioFile& audio);

// True when `host` names this machine only (127.0.0.0/8, ::1, localhost).
bool is_loopback_host(const std::string& host);

enum class State { delivered, pending, failed };
const char* to_string(State s);

struct NodeDelivery {
  std::int64_t node_id = 0;
  std::string node_name;
  std::string mode;  // directory | http (how this audio reaches the node)
  State state = State::pending;
  std::string location;  // the directory written to, or the URL
  std::string playback;  // what Playback() takes; empty unless delivered
  std::string error;     // why not delivered, for the operator (Portuguese)
  EpochMs updated_at = 0;
};

class Deliverer {
 public:
  using OnChange = std::function<void(std::int64_t audio_id)>;
  Deliverer(storage::Database& db, blob::Store& store, const Clock& clock, std::string public_url,
            OnChange on_change);
  ~Deliverer();
  Deliverer(const Deliverer&) = delete;
  Deliverer& operator=(const Deliverer&) = delete;

  // Starts the worker; its first task is a full reconciliation (files missing after a crash
  // or a change made while Torpedo was down, files of deleted audio).
  void start();
  void stop();

  void audio_added(std::int64_t audio_id);
  void audio_removed(std::int64_t audio_id);  // after its row is gone
  void nodes_changed();                       // a node was added, edited or removed
  // Waits until the worker has nothing left to do, or `timeout` passes (false then).
  bool wait_idle(std::chrono::milliseconds timeout);

  // Where each enabled node stands for this audio. A delivery whose files are gone from the
  // disk is reported pending and queued again.
  std::vector<NodeDelivery> status(const storage::AudioFile& audio);
  // The same for many audio files at once (a page of the library), in their order.
  std::vector<std::vector<NodeDelivery>> status(const std::vector<storage::AudioFile>& audio);
  // Why `audio` cannot be played on these nodes yet, one line per node; empty when it can.
  // A campaign refuses to start while this is not empty.
  std::vector<std::string> not_ready(const storage::AudioFile& audio,
                                     const std::vector<std::int64_t>& node_ids);

 private:
  void loop();
  void reconcile(const std::set<std::int64_t>& audio_ids, bool everything);
  void deliver(const storage::AudioFile& audio, const storage::PbxNode& node,
               const std::filesystem::path& sounds_dir);
  static void remove_files(const storage::AudioDelivery& d);
  NodeDelivery judge(const storage::AudioFile& audio, const storage::PbxNode& node,
                     const std::optional<storage::AudioDelivery>& row, bool* needs_work) const;

  storage::Database& db_;
  blob::Store& store_;
  const Clock& clock_;
  std::string public_url_;
  OnChange on_change_;

  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::set<std::int64_t> dirty_;   // audio to check on every node
  bool everything_dirty_ = false;  // check every audio (nodes changed, start-up)
  bool busy_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace torpedo::media
