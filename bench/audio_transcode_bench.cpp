// Transcode speed: seconds of audio turned into Asterisk's 8 kHz and 16 kHz WAV per second of
// CPU, for a 60 s WAV at 44.1 kHz stereo and a 60 s MP3 (both made here with libsndfile).
#include <benchmark/benchmark.h>
#include <sndfile.h>

#include <cmath>
#include <ctime>
#include <filesystem>
#include <vector>

#include "audio/transcode.h"

namespace {

namespace fs = std::filesystem;

std::string make(const std::string& name, int format) {
  const std::string path = (fs::temp_directory_path() / name).string();
  SF_INFO info{};
  info.samplerate = 44100;
  info.channels = 2;
  info.format = format;
  SNDFILE* f = sf_open(path.c_str(), SFM_WRITE, &info);
  std::vector<float> buf(44100 * 2);
  for (int second = 0; second < 60; ++second) {
    for (int i = 0; i < 44100; ++i) {
      const double t = second + i / 44100.0;
      const float v = static_cast<float>(0.3 * std::sin(2 * M_PI * 220 * t) + 0.1 * std::sin(2 * M_PI * 1234 * t));
      buf[static_cast<std::size_t>(2 * i)] = v;
      buf[static_cast<std::size_t>(2 * i + 1)] = v;
    }
    sf_writef_float(f, buf.data(), 44100);
  }
  sf_close(f);
  return path;
}

double cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

void run(benchmark::State& state, const std::string& input, const std::string& name) {
  const std::string out8 = (fs::temp_directory_path() / "bench-8k.wav").string();
  const std::string out16 = (fs::temp_directory_path() / "bench-16k.wav16").string();
  double cpu = 0, audio_seconds = 0;
  for (auto _ : state) {
    const double start = cpu_seconds();
    auto r = torpedo::audio::transcode(input, name, {}, out8, out16);
    cpu += cpu_seconds() - start;
    audio_seconds += static_cast<double>(r.duration_ms) / 1000;
  }
  state.counters["audio_s_per_cpu_s"] = audio_seconds / cpu;
  fs::remove(out8);
  fs::remove(out16);
}

void BM_Wav44kStereoTo8kAnd16k(benchmark::State& state) {
  static const std::string input = make("bench-in.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16);
  run(state, input, "bench.wav");
}
BENCHMARK(BM_Wav44kStereoTo8kAnd16k)->Unit(benchmark::kMillisecond);

void BM_Mp3To8kAnd16k(benchmark::State& state) {
  static const std::string input = make("bench-in.mp3", SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III);
  run(state, input, "bench.mp3");
}
BENCHMARK(BM_Mp3To8kAnd16k)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
