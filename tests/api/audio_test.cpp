// /audio through the real daemon: upload (streamed multipart) of WAV and MP3, transcoded files
// served for playback, rename, delete, and every bad file refused with nothing kept.
#include <sndfile.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

#include "api/server_fixture.h"
#include "support/sigv4_server.h"

namespace torpedo::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

class Audio : public ApiTest {
 protected:
  void configure(Config& c) override { c.max_audio_bytes = 4 << 20; }

  // Bytes of a 440 Hz tone encoded by libsndfile.
  std::string tone(int format, int rate, int channels, double seconds) {
    const fs::path path = scratch->dir() / ("tone-" + std::to_string(++n));
    SF_INFO info{};
    info.samplerate = rate;
    info.channels = channels;
    info.format = format;
    SNDFILE* f = sf_open(path.c_str(), SFM_WRITE, &info);
    EXPECT_NE(f, nullptr);
    const auto frames = static_cast<sf_count_t>(seconds * rate);
    std::vector<float> buf(static_cast<std::size_t>(frames * channels));
    for (sf_count_t i = 0; i < frames; ++i)
      for (int c = 0; c < channels; ++c)
        buf[static_cast<std::size_t>(i * channels + c)] = static_cast<float>(0.3 * std::sin(2 * M_PI * 440 * i / rate));
    sf_writef_float(f, buf.data(), frames);
    sf_close(f);
    return read_file(path);
  }

  static std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  HttpResult upload(HttpClient& c, const std::string& bytes, const std::string& file_name,
                    const std::map<std::string, std::string>& fields = {}) {
    const std::string b = "audio-boundary";
    std::string body;
    for (const auto& [k, v] : fields)
      body += "--" + b + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n";
    body += "--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file_name +
            "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + bytes + "\r\n--" + b + "--\r\n";
    return c.request("POST", "/api/v1/audio", body, "multipart/form-data; boundary=" + b);
  }

  std::size_t media_files() {
    std::size_t n = 0;
    if (fs::exists(config.data_dir / "media"))
      for (const auto& e : fs::recursive_directory_iterator(config.data_dir / "media")) n += e.is_regular_file();
    return n;
  }

  int n = 0;
};

TEST_P(Audio, UploadTranscodesAndServesForPlayback) {
  create_user("op@torpedo.test", "user");
  auto op = login_as("op@torpedo.test", "user-password-1");
  auto r = upload(op, tone(SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III, 44100, 2, 2.0), "Cobrança novembro.mp3");
  ASSERT_EQ(r.status, 201) << r.body;
  auto a = r.json();
  EXPECT_EQ(a["name"], "Cobrança novembro") << "named after the file";
  EXPECT_EQ(a["kind"], "campaign");
  EXPECT_EQ(a["format"], "MP3");
  EXPECT_NEAR(a["durationMs"].get<double>(), 2000, 100);
  EXPECT_EQ(a["channels"], 2);
  EXPECT_EQ(a["sha256"].get<std::string>().size(), 64u);
  EXPECT_GT(a["peaks"].size(), 100u);
  const std::string id = std::to_string(a["id"].get<std::int64_t>());
  EXPECT_EQ(audit_actions().front(), "audio.create");

  auto wav = op.get("/api/v1/audio/" + id + "/file");
  ASSERT_EQ(wav.status, 200);
  EXPECT_EQ(wav.header("content-type"), "audio/wav");
  EXPECT_EQ(wav.body.substr(0, 4), "RIFF");
  auto wav8 = op.get("/api/v1/audio/" + id + "/file?variant=wav8");
  ASSERT_EQ(wav8.status, 200);
  // 8 kHz mono 16-bit: 16 000 bytes a second after the 44-byte header.
  EXPECT_NEAR(static_cast<double>(wav8.body.size() - 44), 32000, 1000);
  auto original = op.get("/api/v1/audio/" + id + "/file?variant=original");
  EXPECT_EQ(original.header("content-type"), "audio/mpeg");
  EXPECT_EQ(op.get("/api/v1/audio/" + id + "/file?variant=flac").status, 422);

  auto moh = upload(op, tone(SF_FORMAT_WAV | SF_FORMAT_PCM_16, 48000, 1, 1.0), "espera.wav",
                    {{"name", "Espera"}, {"kind", "moh"}, {"description", "Música da fila"}});
  ASSERT_EQ(moh.status, 201) << moh.body;
  auto list = op.get("/api/v1/audio?kind=moh").json();
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["items"][0]["description"], "Música da fila");
  EXPECT_EQ(op.get("/api/v1/audio?q=COBRANCA").json()["items"].size(), 1u) << "case and accents ignored";
  EXPECT_EQ(op.get("/api/v1/audio?q=novem").json()["items"].size(), 1u);
  EXPECT_EQ(op.get("/api/v1/audio?q=dezembro").json()["items"].size(), 0u);

  auto renamed = op.patch_json("/api/v1/audio/" + id, {{"name", "Cobrança dezembro"}});
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(renamed.json()["name"], "Cobrança dezembro");
  EXPECT_EQ(op.patch_json("/api/v1/audio/" + id, {{"name", "a/b"}}).status, 422);

  // The public URL Asterisk fetches: no login, long enough for Asterisk's media cache, revocable.
  const std::string url = op.get("/api/v1/audio/" + id).json()["mediaUrl"];
  ASSERT_GE(url.size(), 63u);
  const std::string path = url.substr(url.find("/media/"));
  auto fetched = anonymous().get(path);
  ASSERT_EQ(fetched.status, 200);
  EXPECT_EQ(fetched.header("content-type"), "audio/wav");
  EXPECT_EQ(fetched.body, wav8.body) << "the 8 kHz file";
  EXPECT_NE(fetched.header("cache-control").find("max-age"), std::string::npos);
  EXPECT_EQ(anonymous().get("/media/" + std::string(64, 'a') + "/" + id + ".wav").status, 404);
  auto revoked = op.request("POST", "/api/v1/audio/" + id + "/revoke-url");
  ASSERT_EQ(revoked.status, 200);
  EXPECT_NE(revoked.json()["mediaUrl"], url);
  EXPECT_EQ(anonymous().get(path).status, 404) << "the old URL is dead";
  const std::string fresh = revoked.json()["mediaUrl"];
  EXPECT_EQ(anonymous().get(fresh.substr(fresh.find("/media/"))).status, 200);

  EXPECT_EQ(media_files(), 6u);
  EXPECT_EQ(op.del("/api/v1/audio/" + id).status, 204);
  EXPECT_EQ(op.get("/api/v1/audio/" + id).status, 404);
  EXPECT_EQ(media_files(), 3u) << "its three files went with it";
}

TEST_P(Audio, BadFilesAreRefusedWithTheirReasonAndNothingIsKept) {
  auto a = admin();
  auto reason = [&](HttpResult r) {
    EXPECT_EQ(r.status, 422) << r.body;
    return r.json()["error"]["message"].get<std::string>();
  };
  EXPECT_NE(reason(upload(a, "", "vazio.wav")).find("vazio"), std::string::npos);
  EXPECT_NE(reason(upload(a, "isto é texto\n", "texto.wav")).find("não é um arquivo de áudio"), std::string::npos);
  EXPECT_NE(reason(upload(a, std::string("\x89PNG\r\n\x1a\n", 8) + std::string(100, '\0'), "foto.wav")).find("áudio"),
            std::string::npos);
  EXPECT_NE(reason(upload(a, tone(SF_FORMAT_WAV | SF_FORMAT_PCM_16, 8000, 8, 0.5), "oito.wav")).find("8 canais"),
            std::string::npos);
  EXPECT_NE(reason(upload(a, tone(SF_FORMAT_WAV | SF_FORMAT_PCM_16, 384000, 1, 0.2), "rapido.wav")).find("384000"),
            std::string::npos);
  EXPECT_NE(reason(upload(a, tone(SF_FORMAT_WAV | SF_FORMAT_PCM_16, 8000, 1, 0.0), "zero.wav")).find("duração zero"),
            std::string::npos);
  auto cut = tone(SF_FORMAT_WAV | SF_FORMAT_PCM_16, 8000, 1, 2.0);
  EXPECT_NE(reason(upload(a, cut.substr(0, cut.size() / 2), "cortado.wav")).find("truncado"), std::string::npos);
  // 11 minutes of 4 kHz u-law: under the size limit, over the 10-minute limit of campaign audio.
  EXPECT_NE(reason(upload(a, tone(SF_FORMAT_WAV | SF_FORMAT_ULAW, 4000, 1, 660), "longo.wav")).find("máximo"),
            std::string::npos);
  EXPECT_EQ(upload(a, tone(SF_FORMAT_WAV | SF_FORMAT_PCM_16, 8000, 1, 0.5), "x.wav", {{"name", "../../etc/passwd"}}).status,
            422);
  EXPECT_EQ(upload(a, tone(SF_FORMAT_WAV | SF_FORMAT_PCM_16, 8000, 1, 0.5), "x.wav", {{"kind", "ringtone"}}).status, 422);
  auto huge = upload(a, std::string(5 << 20, 'x'), "enorme.wav");
  EXPECT_EQ(huge.status, 413);
  EXPECT_EQ(a.request("POST", "/api/v1/audio", "raw bytes", "audio/wav").status, 415);
  EXPECT_EQ(count("audio_files"), 0);
  EXPECT_EQ(media_files(), 0u);
  EXPECT_TRUE(fs::is_empty(config.data_dir / "uploads")) << "no upload left behind";
  ASSERT_EQ(upload(a, tone(SF_FORMAT_WAV | SF_FORMAT_PCM_16, 8000, 1, 0.5), "ok.wav", {{"name", "Aviso"}}).status, 201);
  EXPECT_EQ(upload(a, tone(SF_FORMAT_WAV | SF_FORMAT_PCM_16, 8000, 1, 0.5), "ok.wav", {{"name", "aviso"}}).status, 409);
}

// The same library on an S3-compatible store that checks every signature.
class AudioOnS3 : public Audio {
 protected:
  void configure(Config& c) override {
    Audio::configure(c);
    c.storage = "s3://media/torpedo";
    c.s3_endpoint = s3.endpoint;
    c.aws_access_key = "TORPEDOKEY";
    c.aws_secret_key = "torpedo-secret";
  }
  SigV4Server s3{"TORPEDOKEY", "torpedo-secret"};
};

// A node on this host with a sounds directory gets the files; an http node gets the URL; the
// audio's answer says where each node stands, and deleting the audio takes its files away.
TEST_P(Audio, DeliveredToEachNodeAndTakenAwayWithTheAudio) {
  auto a = admin();
  const fs::path sounds = scratch->dir() / "asterisk" / "sounds" / "torpedo";
  auto node = a.post_json("/api/v1/pbx-nodes", {{"name", "ast-local"}, {"amiHost", "127.0.0.1"}, {"amiPort", 1},
                                                 {"amiUser", "torpedo"}, {"amiSecret", "s"},
                                                 {"soundsDir", sounds.string() + "/"}});
  ASSERT_EQ(node.status, 201) << node.body;
  EXPECT_EQ(node.json()["soundsDir"], sounds.string()) << "the trailing slash is dropped";
  auto web = a.post_json("/api/v1/pbx-nodes", {{"name", "ast-http"}, {"amiHost", "127.0.0.1"}, {"amiPort", 1},
                                                {"amiUser", "torpedo"}, {"amiSecret", "s"}, {"mediaMode", "http"}});
  ASSERT_EQ(web.status, 201) << web.body;
  for (const char* bad : {"relative/dir", "/a b", "/var/lib/x;y", "/var/../etc", "/x/${EXTEN}", "/x,y", "/x\ny", "/var/.", "/a/./b"}) {
    auto r = a.post_json("/api/v1/pbx-nodes", {{"name", "bad"}, {"amiHost", "127.0.0.1"}, {"amiUser", "torpedo"},
                                               {"amiSecret", "s"}, {"soundsDir", bad}});
    EXPECT_EQ(r.status, 422) << bad << " " << r.body;
  }

  auto up = upload(a, tone(SF_FORMAT_WAV | SF_FORMAT_PCM_16, 44100, 1, 1.0), "aviso.wav");
  ASSERT_EQ(up.status, 201) << up.body;
  const std::string id = std::to_string(up.json()["id"].get<std::int64_t>());
  auto delivered = a.request("POST", "/api/v1/audio/" + id + "/deliver");
  ASSERT_EQ(delivered.status, 200) << delivered.body;
  auto delivery = delivered.json()["delivery"];
  ASSERT_EQ(delivery.size(), 2u) << delivery.dump();
  std::map<std::string, json> by_node;
  for (const auto& d : delivery) by_node[d["nodeName"]] = d;
  const fs::path base = sounds / "campaign" / ("audio-" + id);
  EXPECT_EQ(by_node["ast-local"]["state"], "delivered") << delivery.dump();
  EXPECT_EQ(by_node["ast-local"]["mode"], "directory");
  EXPECT_EQ(by_node["ast-local"]["playback"], base.string());
  EXPECT_EQ(read_file(base.string() + ".wav"), a.get("/api/v1/audio/" + id + "/file?variant=wav8").body);
  EXPECT_EQ(read_file(base.string() + ".wav16"), a.get("/api/v1/audio/" + id + "/file?variant=wav16").body);
  EXPECT_EQ(by_node["ast-http"]["state"], "delivered");
  EXPECT_EQ(by_node["ast-http"]["playback"], delivered.json()["mediaUrl"]);
  EXPECT_EQ(a.get("/api/v1/audio").json()["items"][0]["delivery"].size(), 2u) << "the list says it too";

  ASSERT_EQ(a.del("/api/v1/audio/" + id).status, 204);
  // The deliverer removes them after the answer, one after the other.
  auto gone = [&] { return !fs::exists(base.string() + ".wav") && !fs::exists(base.string() + ".wav16"); };
  for (int i = 0; i < 200 && !gone(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  EXPECT_FALSE(fs::exists(base.string() + ".wav"));
  EXPECT_FALSE(fs::exists(base.string() + ".wav16"));
}

TEST_P(AudioOnS3, UploadPlaysBackAndDeletesThroughS3) {
  ASSERT_FALSE(s3.endpoint.empty());
  auto a = admin();
  auto r = upload(a, tone(SF_FORMAT_WAV | SF_FORMAT_PCM_16, 44100, 2, 1.0), "s3.wav", {{"name", "No S3"}});
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string id = std::to_string(r.json()["id"].get<std::int64_t>());
  auto wav = a.get("/api/v1/audio/" + id + "/file?variant=wav8");
  ASSERT_EQ(wav.status, 200);
  EXPECT_EQ(wav.body.substr(0, 4), "RIFF");
  EXPECT_EQ(media_files(), 0u) << "nothing in the local media directory";
  // A node's sounds directory is filled from the S3 copy.
  const fs::path sounds = scratch->dir() / "sounds";
  ASSERT_EQ(a.post_json("/api/v1/pbx-nodes", {{"name", "ast"}, {"amiHost", "127.0.0.1"}, {"amiPort", 1},
                                              {"amiUser", "torpedo"}, {"amiSecret", "s"}, {"soundsDir", sounds.string()}})
                .status,
            201);
  auto delivered = a.request("POST", "/api/v1/audio/" + id + "/deliver");
  ASSERT_EQ(delivered.status, 200) << delivered.body;
  EXPECT_EQ(delivered.json()["delivery"][0]["state"], "delivered") << delivered.body;
  EXPECT_EQ(read_file(sounds / "campaign" / ("audio-" + id + ".wav")), wav.body);
  EXPECT_EQ(a.del("/api/v1/audio/" + id).status, 204);
}

INSTANTIATE_TEST_SUITE_P(Backends, AudioOnS3, ::testing::Values("sqlite"), [](const auto& info) { return info.param; });

INSTANTIATE_TEST_SUITE_P(Backends, Audio, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace torpedo::testing
