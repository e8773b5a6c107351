// Audio in: every format an operator may send, and every bad file refused with its reason.
#include "audio/transcode.h"

#include <gtest/gtest.h>
#include <sndfile.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "support/databases.h"

namespace torpedo::audio {
namespace {

namespace fs = std::filesystem;

class Transcode : public ::testing::Test {
 protected:
  void SetUp() override { dir = testing::make_temp_dir("audio"); }
  void TearDown() override { fs::remove_all(dir); }

  // A tone written by libsndfile in `format` (e.g. SF_FORMAT_WAV | SF_FORMAT_PCM_16).
  std::string tone(const std::string& name, int format, int rate, int channels, double seconds, double amplitude = 0.25) {
    const std::string path = (dir / name).string();
    SF_INFO info{};
    info.samplerate = rate;
    info.channels = channels;
    info.format = format;
    SNDFILE* f = sf_open(path.c_str(), SFM_WRITE, &info);
    EXPECT_NE(f, nullptr) << sf_strerror(nullptr);
    if (!f) return path;
    const auto frames = static_cast<sf_count_t>(seconds * rate);
    std::vector<float> buf(static_cast<std::size_t>(1024 * channels));
    for (sf_count_t start = 0; start < frames; start += 1024) {
      const auto n = std::min<sf_count_t>(1024, frames - start);
      for (sf_count_t i = 0; i < n; ++i)
        for (int c = 0; c < channels; ++c)
          buf[static_cast<std::size_t>(i * channels + c)] =
              static_cast<float>(amplitude * std::sin(2 * M_PI * 440 * static_cast<double>(start + i) / rate));
      sf_writef_float(f, buf.data(), n);
    }
    sf_close(f);
    return path;
  }

  SF_INFO info_of(const std::string& path) {
    SF_INFO info{};
    SNDFILE* f = sf_open(path.c_str(), SFM_READ, &info);
    if (f) sf_close(f);
    return info;
  }

  Transcoded run(const std::string& path, const std::string& name, Limits limits = {}) {
    return transcode(path, name, limits, (dir / "out.wav").string(), (dir / "out.wav16").string());
  }

  fs::path dir;
};

TEST_F(Transcode, WavOfEveryCodecBecomes8kAnd16kMono) {
  struct Case {
    int format;
    const char* expect;
  };
  for (const auto& c : std::vector<Case>{{SF_FORMAT_WAV | SF_FORMAT_PCM_16, "WAV (PCM 16 bits)"},
                                         {SF_FORMAT_WAV | SF_FORMAT_PCM_24, "WAV (PCM 24 bits)"},
                                         {SF_FORMAT_WAV | SF_FORMAT_PCM_U8, "WAV (PCM 8 bits)"},
                                         {SF_FORMAT_WAV | SF_FORMAT_FLOAT, "WAV (ponto flutuante 32 bits)"},
                                         {SF_FORMAT_WAV | SF_FORMAT_ULAW, "WAV (µ-law)"},
                                         {SF_FORMAT_WAV | SF_FORMAT_ALAW, "WAV (A-law)"},
                                         {SF_FORMAT_WAV | SF_FORMAT_IMA_ADPCM, "WAV (IMA ADPCM)"}}) {
    const int rate = (c.format & SF_FORMAT_SUBMASK) == SF_FORMAT_IMA_ADPCM ? 22050 : 44100;
    auto in = tone("in.wav", c.format, rate, 2, 2.0);
    auto r = run(in, "mensagem.wav");
    EXPECT_EQ(r.source.format, c.expect);
    EXPECT_EQ(r.source.channels, 2);
    EXPECT_NEAR(static_cast<double>(r.duration_ms), 2000, 50) << c.expect;
    auto w8 = info_of((dir / "out.wav").string());
    EXPECT_EQ(w8.samplerate, 8000);
    EXPECT_EQ(w8.channels, 1);
    EXPECT_EQ(w8.format, SF_FORMAT_WAV | SF_FORMAT_PCM_16);
    auto w16 = info_of((dir / "out.wav16").string());
    EXPECT_EQ(w16.samplerate, 16000);
    EXPECT_NEAR(r.gain_db, 20 * std::log10(std::pow(10, -3.0 / 20) / 0.25), 0.5) << "normalised to -3 dBFS";
    EXPECT_FALSE(r.peaks.empty());
    EXPECT_LE(*std::max_element(r.peaks.begin(), r.peaks.end()), 0.71f);
  }
}

TEST_F(Transcode, Mp3GsmOggAndFlacAreDecoded) {
  auto mp3 = tone("in.mp3", SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III, 44100, 2, 3.0);
  auto r = run(mp3, "torpedo.mp3");
  EXPECT_EQ(r.source.format, "MP3");
  EXPECT_EQ(r.source.extension, "mp3");
  EXPECT_NEAR(static_cast<double>(r.duration_ms), 3000, 100);
  auto gsm = tone("in.gsm", SF_FORMAT_RAW | SF_FORMAT_GSM610, 8000, 1, 1.0);
  r = run(gsm, "asterisk.gsm");
  EXPECT_EQ(r.source.extension, "gsm");
  EXPECT_NEAR(static_cast<double>(r.duration_ms), 1000, 30);
  auto wavgsm = tone("in-gsm.wav", SF_FORMAT_WAV | SF_FORMAT_GSM610, 8000, 1, 1.0);
  EXPECT_EQ(run(wavgsm, "x.wav").source.format, "WAV (GSM 6.10)");
  auto ogg = tone("in.ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS, 48000, 1, 1.0);
  EXPECT_EQ(run(ogg, "x.ogg").source.extension, "ogg");
  auto flac = tone("in.flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 96000, 1, 1.0);
  EXPECT_EQ(run(flac, "x.flac").source.format, "FLAC");
}

TEST_F(Transcode, BadFilesAreRefusedWithTheirReason) {
  auto reason = [&](const std::string& path, const std::string& name, Limits limits = {}) -> std::string {
    try {
      run(path, name, limits);
    } catch (const AudioError& e) {
      return e.what();
    }
    return "";
  };
  std::ofstream((dir / "empty.wav").string());
  EXPECT_NE(reason((dir / "empty.wav").string(), "empty.wav").find("vazio"), std::string::npos);
  std::ofstream((dir / "text.wav").string()) << "isto não é áudio, é um texto renomeado\n";
  EXPECT_NE(reason((dir / "text.wav").string(), "text.wav").find("não é um arquivo de áudio"), std::string::npos);
  std::ofstream((dir / "image.wav").string(), std::ios::binary) << std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  EXPECT_NE(reason((dir / "image.wav").string(), "image.wav").find("não é um arquivo de áudio"), std::string::npos);
  std::ofstream((dir / "odd.gsm").string(), std::ios::binary) << std::string(34, 'x');
  EXPECT_NE(reason((dir / "odd.gsm").string(), "odd.gsm").find("não é um arquivo de áudio"), std::string::npos)
      << "not a whole number of 33-byte frames";

  auto eight = tone("eight.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 8000, 8, 0.5);
  EXPECT_NE(reason(eight, "eight.wav").find("8 canais"), std::string::npos);
  auto fast = tone("fast.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 384000, 1, 0.1);
  EXPECT_NE(reason(fast, "fast.wav").find("384000 Hz"), std::string::npos);
  auto zero = tone("zero.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 8000, 1, 0.0);
  EXPECT_NE(reason(zero, "zero.wav").find("duração zero"), std::string::npos);
  Limits short_limit;
  short_limit.max_seconds = 60;
  auto long_one = tone("long.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 8000, 1, 61);
  EXPECT_NE(reason(long_one, "long.wav", short_limit).find("mais que o máximo"), std::string::npos);

  // A WAV cut in the middle of its data.
  auto whole = tone("whole.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 8000, 1, 2.0);
  fs::resize_file(whole, fs::file_size(whole) / 2);
  EXPECT_NE(reason(whole, "whole.wav").find("truncado"), std::string::npos);
  auto mp3 = tone("cut.mp3", SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III, 44100, 2, 4.0);
  fs::resize_file(mp3, fs::file_size(mp3) / 2 + 77);  // mid-frame
  EXPECT_NE(reason(mp3, "cut.mp3").find("truncado"), std::string::npos);
}

}  // namespace
}  // namespace torpedo::audio
