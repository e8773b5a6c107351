#include "audio/transcode.h"

#include <samplerate.h>
#include <sndfile.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>

#include "common/strings.h"

namespace torpedo::audio {

namespace {

struct FileCloser {
  void operator()(SNDFILE* f) const { sf_close(f); }
};
using File = std::unique_ptr<SNDFILE, FileCloser>;

struct StateDeleter {
  void operator()(SRC_STATE* s) const { src_delete(s); }
};
using Resampler = std::unique_ptr<SRC_STATE, StateDeleter>;

bool ends_with_gsm(const std::string& name) {
  const std::string lower = ascii_lower(name);
  return lower.size() > 4 && lower.compare(lower.size() - 4, 4, ".gsm") == 0;
}

std::string describe(const SF_INFO& info, std::string& extension) {
  const int major = info.format & SF_FORMAT_TYPEMASK;
  const int sub = info.format & SF_FORMAT_SUBMASK;
  std::string codec;
  switch (sub) {
    case SF_FORMAT_PCM_S8: codec = "PCM 8 bits"; break;
    case SF_FORMAT_PCM_U8: codec = "PCM 8 bits"; break;
    case SF_FORMAT_PCM_16: codec = "PCM 16 bits"; break;
    case SF_FORMAT_PCM_24: codec = "PCM 24 bits"; break;
    case SF_FORMAT_PCM_32: codec = "PCM 32 bits"; break;
    case SF_FORMAT_FLOAT: codec = "ponto flutuante 32 bits"; break;
    case SF_FORMAT_DOUBLE: codec = "ponto flutuante 64 bits"; break;
    case SF_FORMAT_ULAW: codec = "µ-law"; break;
    case SF_FORMAT_ALAW: codec = "A-law"; break;
    case SF_FORMAT_GSM610: codec = "GSM 6.10"; break;
    case SF_FORMAT_IMA_ADPCM: codec = "IMA ADPCM"; break;
    case SF_FORMAT_MS_ADPCM: codec = "MS ADPCM"; break;
    case SF_FORMAT_VORBIS: codec = "Vorbis"; break;
    case SF_FORMAT_OPUS: codec = "Opus"; break;
    default: codec = "";
  }
  switch (major) {
    case SF_FORMAT_WAV:
    case SF_FORMAT_WAVEX:
    case SF_FORMAT_RF64:
      extension = "wav";
      return "WAV" + (codec.empty() ? std::string() : " (" + codec + ")");
    case SF_FORMAT_MPEG: extension = "mp3"; return "MP3";
    case SF_FORMAT_OGG: extension = "ogg"; return "OGG" + (codec.empty() ? std::string() : " (" + codec + ")");
    case SF_FORMAT_FLAC: extension = "flac"; return "FLAC";
    case SF_FORMAT_RAW: extension = "gsm"; return "GSM 6.10 (bruto, do Asterisk)";
    case SF_FORMAT_AIFF: extension = "aiff"; return "AIFF" + (codec.empty() ? std::string() : " (" + codec + ")");
    case SF_FORMAT_AU: extension = "au"; return "AU" + (codec.empty() ? std::string() : " (" + codec + ")");
    default: extension = "bin"; return "áudio";
  }
}

File open(const std::string& path, const std::string& original_name, SF_INFO& info) {
  // Asterisk's .gsm files are bare GSM 6.10 frames of 33 bytes, 8 kHz mono, with no header:
  // accepted only when the name says .gsm and the size is a whole number of frames.
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  const bool raw_gsm_ok = !ec && ends_with_gsm(original_name) && size > 0 && size % 33 == 0;
  info = SF_INFO{};
  File f(sf_open(path.c_str(), SFM_READ, &info));
  if (f && (info.format & SF_FORMAT_TYPEMASK) == SF_FORMAT_RAW && !raw_gsm_ok) f.reset();  // guessed from a name
  if (f) return f;
  if (raw_gsm_ok) {
    info = SF_INFO{};
    info.samplerate = 8000;
    info.channels = 1;
    info.format = SF_FORMAT_RAW | SF_FORMAT_GSM610;
    f.reset(sf_open(path.c_str(), SFM_READ, &info));
    if (f) return f;
  }
  return nullptr;
}

std::string minutes(double seconds) {
  const auto s = static_cast<long long>(std::llround(seconds));
  return std::to_string(s / 60) + " min " + std::to_string(s % 60) + " s";
}

Probe check(SNDFILE* f, const SF_INFO& info, const Limits& limits) {
  Probe p;
  p.format = describe(info, p.extension);
  p.sample_rate = info.samplerate;
  p.channels = info.channels;
  p.frames = info.frames;
  if (info.channels < 1) throw AudioError("o arquivo não tem nenhum canal de áudio");
  if (info.channels > limits.max_channels)
    throw AudioError("o áudio tem " + std::to_string(info.channels) +
                     " canais: envie uma gravação mono ou estéreo");
  if (info.samplerate < 4000 || info.samplerate > limits.max_sample_rate)
    throw AudioError("taxa de amostragem de " + std::to_string(info.samplerate) +
                     " Hz fora do aceito (4 000 a " + std::to_string(limits.max_sample_rate) + " Hz)");
  if (info.frames <= 0) throw AudioError("o áudio está vazio (duração zero)");
  const double seconds = static_cast<double>(info.frames) / info.samplerate;
  if (seconds > limits.max_seconds)
    throw AudioError("o áudio dura " + minutes(seconds) + ", mais que o máximo de " + minutes(limits.max_seconds));
  p.duration_ms = static_cast<std::int64_t>(std::llround(seconds * 1000));
  (void)f;
  return p;
}

// Streams mono float samples at one output rate, through libsamplerate.
class Channel {
 public:
  explicit Channel(double ratio) : ratio_(ratio) {
    int error = 0;
    state_.reset(src_new(SRC_SINC_MEDIUM_QUALITY, 1, &error));
    if (!state_) throw std::runtime_error(std::string("libsamplerate: ") + src_strerror(error));
  }
  // Resamples `in` (end = last block) and hands the output to `sink`.
  template <typename Sink>
  void push(const float* in, long frames, bool end, Sink&& sink) {
    SRC_DATA d{};
    d.data_in = in;
    d.input_frames = frames;
    d.src_ratio = ratio_;
    d.end_of_input = end ? 1 : 0;
    for (;;) {
      out_.resize(static_cast<std::size_t>(frames * ratio_) + 4096);
      d.data_out = out_.data();
      d.output_frames = static_cast<long>(out_.size());
      if (int e = src_process(state_.get(), &d)) throw std::runtime_error(std::string("libsamplerate: ") + src_strerror(e));
      if (d.output_frames_gen > 0) sink(out_.data(), d.output_frames_gen);
      d.data_in += d.input_frames_used;
      d.input_frames -= d.input_frames_used;
      if (d.input_frames <= 0 && (!end || d.output_frames_gen == 0)) break;
    }
  }

 private:
  double ratio_;
  Resampler state_;
  std::vector<float> out_;
};

File create(const std::string& path, int rate, int subformat) {
  SF_INFO out{};
  out.samplerate = rate;
  out.channels = 1;
  out.format = SF_FORMAT_WAV | subformat;
  File f(sf_open(path.c_str(), SFM_WRITE, &out));
  if (!f) throw std::runtime_error("cannot write " + path + ": " + sf_strerror(nullptr));
  return f;
}

}  // namespace

Probe probe(const std::string& path, const std::string& original_name, const Limits& limits) {
  std::error_code ec;
  if (std::filesystem::file_size(path, ec) == 0 || ec) throw AudioError("o arquivo está vazio");
  SF_INFO info{};
  File f = open(path, original_name, info);
  if (!f)
    throw AudioError(
        "não é um arquivo de áudio reconhecido (aceitos: WAV, MP3, OGG, FLAC e GSM do Asterisk); "
        "confira se é mesmo uma gravação e não outro arquivo renomeado");
  return check(f.get(), info, limits);
}

Transcoded transcode(const std::string& path, const std::string& original_name, const Limits& limits,
                     const std::string& wav8, const std::string& wav16, const Options& options) {
  Transcoded result;
  result.source = probe(path, original_name, limits);
  SF_INFO info{};
  File in = open(path, original_name, info);
  if (!in) throw AudioError("não é um arquivo de áudio reconhecido");
  sf_command(in.get(), SFC_SET_SCALE_FLOAT_INT_READ, nullptr, SF_TRUE);

  // Pass 1: decode, mix down, resample to both rates into float files, find the peak.
  const std::string tmp8 = wav8 + ".f32", tmp16 = wav16 + ".f32";
  struct Cleanup {
    std::string a, b;
    ~Cleanup() {
      std::error_code ec;
      std::filesystem::remove(a, ec);
      std::filesystem::remove(b, ec);
    }
  } cleanup{tmp8, tmp16};
  std::int64_t frames8 = 0, frames16 = 0;
  float peak = 0;
  {
    File f8 = create(tmp8, 8000, SF_FORMAT_FLOAT), f16 = create(tmp16, 16000, SF_FORMAT_FLOAT);
    Channel to8(8000.0 / info.samplerate), to16(16000.0 / info.samplerate);
    constexpr sf_count_t kBlock = 4096;
    std::vector<float> interleaved(static_cast<std::size_t>(kBlock * info.channels)), mono(kBlock);
    std::int64_t read_total = 0;
    for (;;) {
      const sf_count_t n = sf_readf_float(in.get(), interleaved.data(), kBlock);
      if (n < 0) throw AudioError("o arquivo está corrompido");
      for (sf_count_t i = 0; i < n; ++i) {
        float sum = 0;
        for (int ch = 0; ch < info.channels; ++ch) sum += interleaved[static_cast<std::size_t>(i * info.channels + ch)];
        mono[static_cast<std::size_t>(i)] = sum / static_cast<float>(info.channels);
      }
      read_total += n;
      const bool end = n < kBlock;
      to8.push(mono.data(), static_cast<long>(n), end, [&](const float* out, long m) {
        for (long k = 0; k < m; ++k) peak = std::max(peak, std::fabs(out[k]));
        sf_writef_float(f8.get(), out, m);
        frames8 += m;
      });
      to16.push(mono.data(), static_cast<long>(n), end, [&](const float* out, long m) {
        sf_writef_float(f16.get(), out, m);
        frames16 += m;
      });
      if (end) break;
    }
    if (sf_error(in.get()) != SF_ERR_NO_ERROR && read_total == 0) throw AudioError("o arquivo está corrompido");
    // libsndfile reads a cut WAV up to where it ends and notes it: "data : 32000 (should be 15978)".
    char log[4096] = {0};
    sf_command(in.get(), SFC_GET_LOG_INFO, log, sizeof log);
    const std::string notes(log);
    for (std::size_t at = 0; (at = notes.find("data :", at)) != std::string::npos; ++at) {
      const auto eol = notes.find('\n', at);
      if (notes.substr(at, eol - at).find("(should be") != std::string::npos)
        throw AudioError("o arquivo está truncado: o cabeçalho anuncia mais áudio do que o arquivo contém; "
                         "envie o arquivo completo");
    }
    if (notes.find("Error from standard gsm_decode") != std::string::npos)
      throw AudioError("o arquivo GSM está corrompido");
    // The header promised more than the file holds: it was cut (an interrupted copy or upload).
    if (info.frames > 0 && read_total + info.samplerate / 10 < info.frames)
      throw AudioError("o arquivo está truncado: termina em " + minutes(static_cast<double>(read_total) / info.samplerate) +
                       " mas anuncia " + minutes(static_cast<double>(info.frames) / info.samplerate) +
                       "; envie o arquivo completo");
    if (read_total == 0) throw AudioError("o áudio está vazio (duração zero)");
  }

  // The gain that brings the peak to the target, at most +30 dB (never amplify pure noise).
  const double target = std::pow(10.0, options.peak_dbfs / 20.0);
  double gain = peak > 0 ? target / peak : 1.0;
  gain = std::min(gain, std::pow(10.0, 30.0 / 20.0));
  result.gain_db = 20 * std::log10(gain);
  result.duration_ms = frames8 * 1000 / 8000;

  // Pass 2: scale and write 16-bit PCM; peaks of the 8 kHz output for the waveform.
  const std::int64_t bucket = std::max<std::int64_t>(1, (frames8 + options.peak_buckets - 1) / options.peak_buckets);
  auto finish = [&](const std::string& from, const std::string& to, int rate, bool waveform) {
    SF_INFO fi{};
    File src(sf_open(from.c_str(), SFM_READ, &fi));
    if (!src) throw std::runtime_error("cannot read " + from);
    File dst = create(to, rate, SF_FORMAT_PCM_16);
    sf_command(dst.get(), SFC_SET_CLIPPING, nullptr, SF_TRUE);
    std::vector<float> buf(8192);
    std::int64_t position = 0;
    float bucket_peak = 0;
    for (;;) {
      const sf_count_t n = sf_readf_float(src.get(), buf.data(), static_cast<sf_count_t>(buf.size()));
      if (n <= 0) break;
      for (sf_count_t i = 0; i < n; ++i) {
        float v = static_cast<float>(buf[static_cast<std::size_t>(i)] * gain);
        v = std::clamp(v, -1.0f, 1.0f);
        buf[static_cast<std::size_t>(i)] = v;
        if (waveform) {
          bucket_peak = std::max(bucket_peak, std::fabs(v));
          if (++position % bucket == 0) {
            result.peaks.push_back(bucket_peak);
            bucket_peak = 0;
          }
        }
      }
      if (sf_writef_float(dst.get(), buf.data(), n) != n) throw std::runtime_error("cannot write " + to + " (disk full?)");
    }
    if (waveform && position % bucket != 0) result.peaks.push_back(bucket_peak);
  };
  finish(tmp8, wav8, 8000, true);
  finish(tmp16, wav16, 16000, false);
  return result;
}

}  // namespace torpedo::audio
