// kill -9 during a CSV import: the real `torpedo serve` binary in its own process, killed
// with SIGKILL after its first batches, then started again on the same data. Nothing may be
// half-written: the list's count, the stored contacts and the job's figures all agree, and the
// job says it was interrupted and what to do.
#include <gtest/gtest.h>

#include <signal.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "engine/engine_harness.h"
#include "storage/database.h"
#include "support/databases.h"
#include "support/http_client.h"

namespace torpedo::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using nlohmann::json;

std::uint16_t free_port() {
  // Bind port 0 through a throwaway daemon-less socket: ask the kernel.
  int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(s);
  return ntohs(a.sin_port);
}

class Daemon {
 public:
  Daemon(const fs::path& data, std::uint16_t port) {
    pid_ = ::fork();
    if (pid_ == 0) {
      ::setenv("TORPEDO_DATA_DIR", data.c_str(), 1);
      ::setenv("TORPEDO_LISTEN", ("127.0.0.1:" + std::to_string(port)).c_str(), 1);
      ::setenv("TORPEDO_ADMIN_EMAIL", "admin@torpedo.test", 1);
      ::setenv("TORPEDO_ADMIN_PASSWORD", "admin-password-1", 1);
      ::setenv("TORPEDO_LOG_LEVEL", "error", 1);
      ::execl(TORPEDO_BINARY, TORPEDO_BINARY, "serve", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    client_ = std::make_unique<HttpClient>("http://127.0.0.1:" + std::to_string(port));
    for (int i = 0; i < 600; ++i) {
      try {
        if (client_->get("/api/v1/health").status == 200) return;
      } catch (const std::exception&) {
        // not listening yet
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    kill(SIGKILL);  // the destructor will not run after a throwing constructor
    throw std::runtime_error("torpedo did not start");
  }
  ~Daemon() { kill(SIGTERM); }
  void kill(int signal) {
    if (pid_ <= 0) return;
    ::kill(pid_, signal);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  HttpClient& client() { return *client_; }

 private:
  pid_t pid_ = -1;
  std::unique_ptr<HttpClient> client_;
};

TEST(CrashDuringImport, KillNineLeavesWholeBatchesAndAnHonestJob) {
  const fs::path data = make_temp_dir("torpedo-crash");
  const auto port = free_port();
  std::int64_t list = 0, job = 0;
  {
    Daemon d(data, port);
    auto& c = d.client();
    ASSERT_EQ(c.login("admin@torpedo.test", "admin-password-1").status, 200);
    auto created = c.post_json("/api/v1/contact-lists", {{"name", "Crash"}});
    ASSERT_EQ(created.status, 201) << created.body;
    list = created.json()["id"];
    std::string csv = "nome;telefone\r\n";
    for (int i = 0; i < 150000; ++i) csv += "Pessoa " + std::to_string(i) + ";119" + std::to_string(10000000 + i) + "\r\n";
    const std::string boundary = "crash-boundary";
    auto r = c.request("POST", "/api/v1/contact-lists/" + std::to_string(list) + "/import",
                       "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n\r\n" +
                           csv + "\r\n--" + boundary + "--\r\n",
                       "multipart/form-data; boundary=" + boundary);
    ASSERT_EQ(r.status, 202) << r.body;
    job = r.json()["id"];
    // Wait until at least one batch is committed, then pull the plug.
    for (int i = 0; i < 3000; ++i) {
      auto j = c.get("/api/v1/jobs/" + std::to_string(job)).json();
      if (j["status"] != "running" && j["status"] != "queued") FAIL() << "finished before the kill: " << j.dump();
      if (!j["result"].is_null() && j["result"]["imported"].get<int>() > 0) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    d.kill(SIGKILL);
  }
  Daemon again(data, port);
  auto& c = again.client();
  ASSERT_EQ(c.login("admin@torpedo.test", "admin-password-1").status, 200);
  auto j = c.get("/api/v1/jobs/" + std::to_string(job)).json();
  EXPECT_EQ(j["status"], "failed");
  EXPECT_NE(j["error"].get<std::string>().find("desligado"), std::string::npos) << j.dump();
  const auto imported = j["result"]["imported"].get<std::int64_t>();
  EXPECT_GT(imported, 0);
  EXPECT_LT(imported, 150000);
  const auto& r = j["result"];
  EXPECT_EQ(r["rows"], r["imported"].get<int>() + r["updated"].get<int>() + r["duplicates"].get<int>() +
                           r["invalid"].get<int>() + r["foreign"].get<int>());
  EXPECT_EQ(c.get("/api/v1/contact-lists/" + std::to_string(list)).json()["contactCount"], imported);
  auto db = storage::Database::open("sqlite:" + (data / "torpedo.db").string(), 1);
  db->with_connection([&](storage::Connection& conn) {
    EXPECT_EQ(conn.query_one("SELECT COUNT(*) AS n FROM contacts")->i64("n"), imported) << "no half batch";
    EXPECT_EQ(conn.query_one("SELECT COUNT(DISTINCT contact_id) AS n FROM contact_words")->i64("n"), imported);
  });
  again.kill(SIGTERM);
  fs::remove_all(data);
}

// kill -9 of the real daemon with hundreds of calls up (SPEC §3.3): after the restart every
// attempt ends with exactly one disposition, the calls still up are re-attached through
// CoreShowChannels (so they end answered, not unknown), and none is originated twice.
TEST(CrashDuringCampaign, KillNineWithCallsUpLosesNoResultAndDialsNothingTwice) {
  // The far end: 6-second calls (600 s at 1/100 time).
  SimFarEnd far(engine_sim_config("* answer ring=1s talk=600s\n", std::chrono::seconds(600)));
  const fs::path data = make_temp_dir("torpedo-crash-campaign");
  const auto port = free_port();
  constexpr int kContacts = 400;
  std::int64_t campaign = 0;
  pbxsim::Ledger at_kill;
  {
    Daemon d(data, port);
    auto& c = d.client();
    ASSERT_EQ(c.login("admin@torpedo.test", "admin-password-1").status, 200);
    auto node = c.post_json("/api/v1/pbx-nodes", {{"name", "sim"}, {"amiHost", "127.0.0.1"}, {"amiPort", far.port},
                                                  {"amiUser", "torpedo"}, {"amiSecret", "sim-secret"},
                                                  {"soundsDir", (data / "sounds").string()}, {"maxChannels", 1000}});
    ASSERT_EQ(node.status, 201) << node.body;
    auto trunk = c.post_json("/api/v1/trunks", {{"name", "t1"}, {"host", "127.0.0.1"}, {"ipMatch", {"127.0.0.1"}},
                                                {"maxChannels", 1000}, {"maxCps", 100}});
    ASSERT_EQ(trunk.status, 201) << trunk.body;
    // The list, an audio row and a running campaign straight into the database, as the API
    // would have left them at the start (the API's own path is tested elsewhere).
    auto db = storage::Database::open("sqlite:" + (data / "torpedo.db").string(), 1);
    campaign = db->write([&](storage::Connection& conn) {
      storage::ContactListFields f;
      f.name = "Crash";
      const auto list = storage::create_list(conn, f, std::nullopt, 0).id;
      std::vector<storage::Contact> batch;
      for (int i = 0; i < kContacts; ++i) {
        storage::Contact k;
        k.list_id = list;
        const std::string n = std::to_string(10000000 + i);
        k.phones.push_back({"119" + n, "+55119" + n, "mobile"});
        batch.push_back(k);
      }
      storage::insert_contacts(conn, batch);
      storage::AudioFile a;
      a.name = "m";
      a.kind = "campaign";
      a.media_key = "audio/1/";
      a.sha256 = std::string(64, '0');
      a.peaks = "[]";
      a.media_token = std::string(64, 'b');
      storage::insert_audio(conn, a);
      storage::CampaignRow r;
      r.name = "Crash";
      r.status = "running";
      r.audio_id = a.id;
      r.max_concurrent = 300;
      r.max_cps = 100;
      r.retry_policy = R"({"maxAttempts":1})";
      r.schedule = R"({"windows":[{"weekdays":[0,1,2,3,4,5,6],"start":"00:00","end":"24:00"}]})";
      r.allow_holidays = true;
      r.list_ids = {list};
      r.trunk_ids = {trunk.json()["id"].get<std::int64_t>()};
      auto id = storage::campaigns::insert(conn, r);
      storage::campaigns::materialize(conn, id, 0);
      return id;
    });
    // The engine looks for running campaigns every few seconds.
    for (int i = 0; i < 1500 && far.sim->ledger().live < 250; ++i) std::this_thread::sleep_for(10ms);
    at_kill = far.sim->ledger();
    ASSERT_GE(at_kill.live, 250u) << "hundreds of calls up before the kill";
    d.kill(SIGKILL);
  }
  Daemon again(data, port);
  auto db = storage::Database::open("sqlite:" + (data / "torpedo.db").string(), 1);
  std::string status;
  for (int i = 0; i < 600 && status != "completed"; ++i) {
    std::this_thread::sleep_for(100ms);
    status = db->read([&](storage::Connection& c) { return storage::campaigns::find(c, campaign)->status; });
  }
  ASSERT_EQ(status, "completed");
  std::map<std::string, std::int64_t> log;
  std::int64_t total = 0, open = 0;
  db->with_connection([&](storage::Connection& c) {
    for (const auto& r : c.query("SELECT state, disposition FROM call_attempts")) {
      ++total;
      if (r.str("state") != "ended") ++open;
      else ++log[r.str("disposition")];
    }
    auto k = storage::campaigns::counters(c, campaign);
    EXPECT_EQ(k.attempts, total);
    EXPECT_EQ(k.answered, log["answered"]);
    EXPECT_EQ(k.unknown, log["unknown"]);
  });
  EXPECT_EQ(total, kContacts) << "one attempt per contact, none repeated";
  EXPECT_EQ(open, 0);
  const auto ledger = far.sim->ledger();
  EXPECT_LE(ledger.originates, static_cast<std::uint64_t>(total)) << "nothing originated twice";
  EXPECT_EQ(ledger.reused_channel_ids, 0u);
  EXPECT_EQ(ledger.number_overlaps, 0u);
  EXPECT_LE(ledger.max_live, 300u);
  // Calls up at the kill were still up at the restart: re-attached, they ended answered.
  EXPECT_GE(log["answered"], kContacts - 20) << "unknown: " << log["unknown"];
  again.kill(SIGTERM);
  fs::remove_all(data);
}

}  // namespace
}  // namespace torpedo::testing
