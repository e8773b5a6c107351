#pragma once
// Audio in: any reasonable recording (WAV in its many codecs, MP3, OGG, FLAC, raw Asterisk
// GSM) is decoded with libsndfile, checked, mixed down to mono, resampled with libsamplerate
// and normalised, and written as what Asterisk plays natively: 8 kHz mono 16-bit WAV, and
// 16 kHz for wideband (.wav16). Only transcode.cpp includes libsndfile and libsamplerate.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace torpedo::audio {

// The file is not acceptable; `what()` says why, in Portuguese, for the person who sent it.
struct AudioError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Limits {
  double max_seconds = 600;        // campaign audio: 10 min; music on hold: 60 min
  int max_channels = 2;
  int max_sample_rate = 192000;
};

struct Probe {
  std::string format;      // "WAV (PCM 16 bits)", "MP3", "GSM 6.10 (bruto)", …
  std::string extension;   // of the original as stored: "wav", "mp3", "gsm", "ogg", "flac"
  int sample_rate = 0;
  int channels = 0;
  std::int64_t frames = 0;
  std::int64_t duration_ms = 0;
};

// Opens and checks `path` (`original_name` decides only for raw GSM, which has no header).
// Throws AudioError for what cannot be played or breaks a limit.
Probe probe(const std::string& path, const std::string& original_name, const Limits& limits);

struct Transcoded {
  Probe source;
  std::int64_t duration_ms = 0;  // of the output
  double gain_db = 0;            // applied to reach the target peak
  std::vector<float> peaks;      // waveform for the UI: `peak_buckets` values in 0..1
};

struct Options {
  double peak_dbfs = -3.0;
  int peak_buckets = 800;
};

// Decodes `path`, writes `wav8` (8 kHz) and `wav16` (16 kHz), both mono 16-bit PCM WAV,
// normalised to `peak_dbfs`. Throws AudioError (bad input) or std::runtime_error (I/O).
Transcoded transcode(const std::string& path, const std::string& original_name, const Limits& limits,
                     const std::string& wav8, const std::string& wav16, const Options& options = {});

}  // namespace torpedo::audio
