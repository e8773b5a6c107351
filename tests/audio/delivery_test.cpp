// Delivery of the audio library to PBX nodes, on real SQLite and MariaDB and real directories:
// files appear whole in every node's sounds directory, follow a moved directory, leave with
// the audio, come back when removed by hand, and a node that cannot get them says why.
#include "media/delivery.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "storage/migrations.h"
#include "support/databases.h"
#include "support/fake_clock.h"
#include "support/fixtures.h"

namespace torpedo::media {
namespace {

namespace fs = std::filesystem;
using std::chrono::seconds;
using testing::read_file;

void write_file(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << bytes;
}

std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

class Delivery : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    scratch = std::make_unique<testing::ScratchDatabase>(GetParam());
    if (!scratch->available()) GTEST_SKIP() << scratch->skip_reason();
    db = storage::Database::open(scratch->url(), 3);
    storage::migrate(*db);
    dir = testing::make_temp_dir("delivery");
    store = std::make_unique<blob::LocalStore>(dir / "store");
  }
  void TearDown() override {
    deliverer.reset();
    db.reset();
    if (!dir.empty()) fs::remove_all(dir);
  }

  storage::AudioFile add_audio(const std::string& name, const std::string& kind) {
    storage::AudioFile a;
    a.name = name;
    a.kind = kind;
    a.original_format = "wav";
    a.media_token = std::string(64, 'a' + static_cast<char>(next_token_++));
    a.created_at = a.updated_at = clock.now_ms();
    db->write([&](storage::Connection& c) {
      storage::insert_audio(c, a);
      a.media_key = "audio/" + std::to_string(a.id) + "/";
      a.original_key = a.media_key + "original.wav";
      storage::set_audio_keys(c, a.id, a.original_key, a.media_key);
      return 0;
    });
    // The deliverer copies bytes; it never decodes them.
    const fs::path staged = dir / "staged";
    write_file(staged, "RIFF-8k-" + name);
    store->put_file(a.media_key + "8k.wav", staged.string());
    write_file(staged, "RIFF-16k-wideband-" + name);
    store->put_file(a.media_key + "16k.wav16", staged.string());
    return a;
  }

  storage::PbxNode add_node(const std::string& name, const std::string& mode, std::optional<fs::path> sounds,
                            const std::string& host = "127.0.0.1") {
    storage::PbxNode n;
    n.name = name;
    n.ami_host = host;
    n.ami_user = "torpedo";
    n.ami_secret_enc = "x";
    n.media_mode = mode;
    if (sounds) n.sounds_dir = sounds->string();
    n.created_at = n.updated_at = clock.now_ms();
    n.id = db->write([&](storage::Connection& c) { return storage::pbx_nodes::insert(c, n); });
    return n;
  }

  void start(const std::string& public_url = "http://127.0.0.1:8080") {
    deliverer = std::make_unique<Deliverer>(*db, *store, clock, public_url,
                                            [this](std::int64_t id) { changed.push_back(id); });
    deliverer->start();
    ASSERT_TRUE(deliverer->wait_idle(seconds(20)));
  }

  NodeDelivery status_on(const storage::AudioFile& a, std::int64_t node_id) {
    for (auto& d : deliverer->status(a))
      if (d.node_id == node_id) return d;
    ADD_FAILURE() << "node " << node_id << " missing from the status";
    return {};
  }

  std::unique_ptr<testing::ScratchDatabase> scratch;
  std::unique_ptr<storage::Database> db;
  fs::path dir;
  std::unique_ptr<blob::LocalStore> store;
  testing::FakeClock clock;
  std::unique_ptr<Deliverer> deliverer;
  std::vector<std::int64_t> changed;
  int next_token_ = 0;
};

TEST_P(Delivery, CampaignAudioIsWrittenWholeIntoEveryDirectoryNode) {
  auto a = add_audio("Cobrança", "campaign");
  auto n1 = add_node("ast-1", "directory", dir / "ast1" / "sounds" / "torpedo");
  auto n2 = add_node("ast-2", "directory", dir / "ast2" / "torpedo");
  start();
  const std::string base = "audio-" + std::to_string(a.id);
  for (const auto& n : {n1, n2}) {
    const fs::path campaign = fs::path(*n.sounds_dir) / "campaign";
    // Only the two finished files: no temporary file is left beside them.
    EXPECT_EQ(names_in(campaign), (std::vector<std::string>{base + ".wav", base + ".wav16"}));
    EXPECT_EQ(read_file(campaign / (base + ".wav")), "RIFF-8k-Cobrança");
    EXPECT_EQ(read_file(campaign / (base + ".wav16")), "RIFF-16k-wideband-Cobrança");
    struct stat st {};
    ASSERT_EQ(::stat((campaign / (base + ".wav")).c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0644u) << "Asterisk runs as another user and must read it";
    auto d = status_on(a, n.id);
    EXPECT_EQ(d.state, State::delivered) << d.error;
    EXPECT_EQ(d.mode, "directory");
    EXPECT_EQ(d.playback, (campaign / base).string()) << "Playback takes the path without extension";
  }
  EXPECT_TRUE(deliverer->not_ready(a, {n1.id, n2.id}).empty());
  EXPECT_FALSE(changed.empty()) << "the UI hears about each delivery";
}

TEST_P(Delivery, MusicOnHoldGetsOneDirectoryPerClass) {
  auto moh = add_audio("Espera", "moh");
  auto n = add_node("ast-1", "directory", dir / "sounds");
  start();
  const fs::path cls = dir / "sounds" / "moh" / ("audio-" + std::to_string(moh.id));
  EXPECT_EQ(names_in(cls), (std::vector<std::string>{"audio-" + std::to_string(moh.id) + ".wav",
                                                     "audio-" + std::to_string(moh.id) + ".wav16"}));
  EXPECT_EQ(placement(dir / "sounds", "moh", moh.id).directory, cls);
  EXPECT_EQ(status_on(moh, n.id).state, State::delivered);
  EXPECT_FALSE(fs::exists(dir / "sounds" / "campaign"));
}

TEST_P(Delivery, HttpNodesGetTheUrlAndALoopbackUrlIsRefusedForARemoteAsterisk) {
  auto a = add_audio("Aviso", "campaign");
  auto moh = add_audio("Espera", "moh");
  auto local = add_node("local", "http", std::nullopt, "127.0.0.1");
  auto remote = add_node("remote", "http", std::nullopt, "10.20.0.5");
  auto remote_with_dir = add_node("remote-dir", "http", dir / "shared", "10.20.0.6");
  start("http://127.0.0.1:8080/");
  auto d = status_on(a, local.id);
  EXPECT_EQ(d.state, State::delivered);
  EXPECT_EQ(d.mode, "http");
  EXPECT_EQ(d.playback, "http://127.0.0.1:8080/media/" + a.media_token + "/" + std::to_string(a.id) + ".wav");
  EXPECT_GT(d.playback.size(), 63u) << "shorter URLs are cut by Asterisk's media cache (lab README)";
  EXPECT_FALSE(fs::exists(dir / "shared" / "campaign")) << "an http node gets no campaign files";

  auto r = status_on(a, remote.id);
  EXPECT_EQ(r.state, State::failed);
  EXPECT_NE(r.error.find("TORPEDO_PUBLIC_URL"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("10.20.0.5"), std::string::npos) << r.error;
  auto reasons = deliverer->not_ready(a, {local.id, remote.id});
  ASSERT_EQ(reasons.size(), 1u);
  EXPECT_NE(reasons[0].find("remote"), std::string::npos) << reasons[0];

  // Music on hold cannot be fetched by URL: it needs a directory, even on an http node.
  EXPECT_EQ(status_on(moh, local.id).state, State::failed);
  EXPECT_NE(status_on(moh, local.id).error.find("diretório de sons"), std::string::npos);
  EXPECT_EQ(status_on(moh, remote_with_dir.id).state, State::delivered);
  EXPECT_TRUE(fs::exists(placement(dir / "shared", "moh", moh.id).base.string() + ".wav"));
}

TEST_P(Delivery, ADirectoryThatCannotBeWrittenFailsWithItsReasonUntilFixed) {
  auto a = add_audio("Aviso", "campaign");
  write_file(dir / "blocker", "a file where a directory should be");
  auto n = add_node("ast-1", "directory", dir / "blocker" / "sounds");
  auto no_dir = add_node("ast-2", "directory", std::nullopt);
  start();
  auto d = status_on(a, n.id);
  EXPECT_EQ(d.state, State::failed);
  EXPECT_NE(d.error.find("Não foi possível gravar em"), std::string::npos) << d.error;
  EXPECT_EQ(status_on(a, no_dir.id).state, State::failed);
  EXPECT_NE(status_on(a, no_dir.id).error.find("diretório de sons"), std::string::npos);
  auto reasons = deliverer->not_ready(a, {n.id});
  ASSERT_EQ(reasons.size(), 1u);
  EXPECT_NE(reasons[0].find("ast-1"), std::string::npos) << reasons[0];

  // The operator fixes the mount; an edit of the node (or a retry) delivers.
  fs::remove(dir / "blocker");
  deliverer->nodes_changed();
  ASSERT_TRUE(deliverer->wait_idle(seconds(20)));
  EXPECT_EQ(status_on(a, n.id).state, State::delivered);
  EXPECT_TRUE(deliverer->not_ready(a, {n.id}).empty());
}

TEST_P(Delivery, FilesRemovedByHandAreReportedAndDeliveredAgain) {
  auto a = add_audio("Aviso", "campaign");
  auto n = add_node("ast-1", "directory", dir / "sounds");
  start();
  const auto where = placement(dir / "sounds", "campaign", a.id);
  fs::remove(where.base.string() + ".wav16");
  auto d = status_on(a, n.id);  // notices, and queues a new delivery
  EXPECT_EQ(d.state, State::pending);
  EXPECT_FALSE(deliverer->not_ready(a, {n.id}).empty()) << "a campaign must not start on a missing file";
  ASSERT_TRUE(deliverer->wait_idle(seconds(20)));
  EXPECT_EQ(status_on(a, n.id).state, State::delivered);
  EXPECT_EQ(read_file(where.base.string() + ".wav16"), "RIFF-16k-wideband-Aviso");
}

TEST_P(Delivery, DeletedAudioLeavesEveryNode) {
  auto a = add_audio("Aviso", "campaign");
  auto moh = add_audio("Espera", "moh");
  auto keep = add_audio("Outro", "campaign");
  add_node("ast-1", "directory", dir / "s1");
  add_node("ast-2", "directory", dir / "s2");
  start();
  for (const auto& gone : {a, moh}) {
    db->write([&](storage::Connection& c) { return storage::delete_audio(c, gone.id); });
    deliverer->audio_removed(gone.id);
  }
  ASSERT_TRUE(deliverer->wait_idle(seconds(20)));
  for (const char* s : {"s1", "s2"}) {
    EXPECT_EQ(names_in(dir / s / "campaign"),
              (std::vector<std::string>{"audio-" + std::to_string(keep.id) + ".wav",
                                        "audio-" + std::to_string(keep.id) + ".wav16"}));
    EXPECT_FALSE(fs::exists(placement(dir / s, "moh", moh.id).directory)) << "the class directory goes too";
  }
  auto rows = db->read([](storage::Connection& c) { return storage::audio_deliveries::all(c); });
  EXPECT_EQ(rows.size(), 2u);
  for (const auto& r : rows) EXPECT_EQ(r.audio_id, keep.id);
}

TEST_P(Delivery, AMovedSoundsDirectoryTakesTheFilesAlong) {
  auto a = add_audio("Aviso", "campaign");
  auto n = add_node("ast-1", "directory", dir / "old");
  start();
  n.sounds_dir = (dir / "new").string();
  db->write([&](storage::Connection& c) {
    storage::pbx_nodes::update(c, n);
    return 0;
  });
  deliverer->nodes_changed();
  ASSERT_TRUE(deliverer->wait_idle(seconds(20)));
  EXPECT_TRUE(names_in(dir / "old" / "campaign").empty());
  EXPECT_EQ(names_in(dir / "new" / "campaign").size(), 2u);
  EXPECT_EQ(status_on(a, n.id).playback, placement(dir / "new", "campaign", a.id).base.string());

  // Switching the node to URLs removes the files it no longer needs.
  n.media_mode = "http";
  db->write([&](storage::Connection& c) {
    storage::pbx_nodes::update(c, n);
    return 0;
  });
  deliverer->nodes_changed();
  ASSERT_TRUE(deliverer->wait_idle(seconds(20)));
  EXPECT_TRUE(names_in(dir / "new" / "campaign").empty());
  EXPECT_EQ(status_on(a, n.id).mode, "http");
}

TEST_P(Delivery, StartingUpCatchesUpWithWhatChangedWhileStopped) {
  auto a = add_audio("Aviso", "campaign");
  auto b = add_audio("Outro", "campaign");
  auto n = add_node("ast-1", "directory", dir / "sounds");
  start();
  deliverer.reset();
  // While Torpedo is down: an audio is deleted (its files stay), one is added, a node appears.
  db->write([&](storage::Connection& c) { return storage::delete_audio(c, a.id); });
  auto c = add_audio("Novo", "campaign");
  auto n2 = add_node("ast-2", "directory", dir / "sounds2");
  start();
  EXPECT_FALSE(fs::exists(placement(dir / "sounds", "campaign", a.id).base.string() + ".wav"));
  for (const auto& audio : {b, c})
    for (const auto& node : {n, n2})
      EXPECT_EQ(status_on(audio, node.id).state, State::delivered) << audio.name << node.name;
}

TEST_P(Delivery, DisabledOrUnknownNodesAreNotReady) {
  auto a = add_audio("Aviso", "campaign");
  auto off = add_node("off", "directory", dir / "off");
  off.enabled = false;
  db->write([&](storage::Connection& c) {
    storage::pbx_nodes::update(c, off);
    return 0;
  });
  start();
  EXPECT_TRUE(deliverer->status(a).empty());
  EXPECT_FALSE(fs::exists(dir / "off"));
  EXPECT_EQ(deliverer->not_ready(a, {off.id, 999}).size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Backends, Delivery, ::testing::ValuesIn(testing::backend_names()),
                         [](const auto& info) { return info.param; });

TEST(Placement, LoopbackHostsAreRecognised) {
  for (const char* h : {"127.0.0.1", "127.1.2.3", "localhost", "::1"}) EXPECT_TRUE(is_loopback_host(h)) << h;
  for (const char* h : {"10.0.0.1", "torpedo.example.com", "192.168.0.10", "::2"})
    EXPECT_FALSE(is_loopback_host(h)) << h;
}

}  // namespace
}  // namespace torpedo::media
