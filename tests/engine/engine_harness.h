#pragma once
// The campaign engine against an in-process pbxsim: a scratch database with a contact list,
// a trunk and a PBX node; pbxsim on its own io thread (the far end), the PBX manager on a
// network thread, and the Dialer. Fault injection goes through the pbxsim server (drop, stall,
// restart) and through a database wrapper that can refuse every call.
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <thread>

#include <spdlog/spdlog.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include "engine/dialer.h"
#include "events/hub.h"
#include "pbx/manager.h"
#include "pbxsim/server.h"
#include "pbxsim/simulator.h"
#include "storage/audio.h"
#include "storage/campaigns.h"
#include "storage/contacts.h"
#include "storage/database.h"
#include "storage/migrations.h"
#include "storage/pbx_nodes.h"
#include "storage/telephony.h"
#include "support/databases.h"

namespace torpedo::testing {

// A database that fails every call while `down` is set (the server went away).
class FlakyDatabase final : public storage::Database {
 public:
  explicit FlakyDatabase(std::unique_ptr<storage::Database> inner) : inner_(std::move(inner)) {}
  storage::Dialect dialect() const override { return inner_->dialect(); }
  void with_connection(const std::function<void(storage::Connection&)>& fn) override {
    if (down) throw storage::StorageError("database unavailable (test)");
    inner_->with_connection(fn);
  }
  std::atomic<bool> down{false};
  storage::Database& inner() { return *inner_; }

 private:
  std::unique_ptr<storage::Database> inner_;
};

struct SimFarEnd {
  explicit SimFarEnd(pbxsim::SimConfig config) {
    sim.emplace(std::move(config), clock, [] { return std::string("4242"); });
    server.emplace(io, *sim);
    port = server->listen("127.0.0.1", 0);
    thread = std::thread([this] { io.run(); });
  }
  ~SimFarEnd() {
    boost::asio::post(io, [this] { server->close(); });
    work.reset();
    io.stop();
    thread.join();
  }
  template <typename F>
  void on_io(F fn) {
    boost::asio::post(io, std::move(fn));
  }
  SystemClock clock;
  std::optional<pbxsim::Simulator> sim;
  boost::asio::io_context io;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work{io.get_executor()};
  std::optional<pbxsim::Server> server;
  std::thread thread;
  std::uint16_t port = 0;
};

// pbxsim's configuration for engine tests: the trunk endpoint, fast calls, the torpedo dialplan.
// `message`: how long the campaign message plays (an answered call ends after it, unless the
// callee hangs up first), in simulated time.
inline pbxsim::SimConfig engine_sim_config(const std::string& rules,
                                           std::chrono::milliseconds message = std::chrono::milliseconds(2000),
                                           double time_scale = 0.01) {
  pbxsim::SimConfig c = pbxsim::lab_config("sim-secret");
  c.endpoints.push_back({"trunk-t1", "trunk-t1", "transport-udp", "trunk-t1/sip:127.0.0.1:5070", "a1b2c3d4e5",
                         "Not in use", std::nullopt, 0, "from-carrier"});
  c.endpoints.push_back({"trunk-t2", "trunk-t2", "transport-udp", "trunk-t2/sip:127.0.0.1:5071", "a1b2c3d4e6",
                         "Not in use", std::nullopt, 0, "from-carrier"});
  c.rules = pbxsim::parse_rules(rules);
  c.dialplan = pbxsim::DialplanProfile::torpedo;
  c.time_scale = time_scale;
  c.message_length = message;
  return c;
}

class EngineHarness {
 public:
  EngineHarness(const std::string& backend, pbxsim::SimConfig sim_config)
      : scratch_(backend), far_(std::move(sim_config)) {
    if (std::getenv("TORPEDO_TEST_DEBUG")) spdlog::set_level(spdlog::level::debug);
    db_ = std::make_unique<FlakyDatabase>(storage::Database::open(scratch_.url(), 4));
    storage::migrate(*db_);
    const EpochMs now = clock_.now_ms();
    db_->write([&](storage::Connection& c) {
      storage::ContactListFields f;
      f.name = "Lista";
      list_id_ = storage::create_list(c, f, std::nullopt, now).id;
      for (const char* name : {"t1", "t2"}) {
        storage::TrunkRow t;
        t.name = name;
        t.host = "127.0.0.1";
        t.max_channels = 1000;
        t.max_cps = 1000;
        t.created_at = t.updated_at = now;
        trunk_ids_.push_back(storage::trunks::insert(c, t));
      }
      storage::PbxNode n;
      n.name = "sim";
      n.ami_host = "127.0.0.1";
      n.ami_port = far_.port;
      n.ami_user = "torpedo";
      n.ami_secret_enc = "unused";
      n.max_channels = 1000;
      n.sounds_dir = "/var/lib/asterisk/sounds/torpedo";
      n.created_at = n.updated_at = now;
      node_id_ = storage::pbx_nodes::insert(c, n);
      storage::AudioFile a;
      a.name = "Mensagem";
      a.kind = "campaign";
      a.media_key = "audio/1/";
      a.sha256 = std::string(64, '0');
      a.peaks = "[]";
      a.media_token = std::string(64, 'a');
      a.created_at = a.updated_at = now;
      storage::insert_audio(c, a);
      audio_id_ = a.id;
      return 0;
    });
    manager_ = std::make_unique<pbx::Manager>(net_, hub_, clock_);
    net_thread_ = std::thread([this] { net_.run(); });
  }

  ~EngineHarness() {
    if (dialer_) dialer_->stop();
    dialer_.reset();
    manager_->stop_all();
    for (auto& m : retired_) m->stop_all();
    net_work_.reset();
    net_.stop();
    net_thread_.join();
  }

  // Contacts "55119<8 digits>" from `first`, `count` of them, each with one phone.
  void add_contacts(const std::vector<std::string>& numbers) {
    db_->write([&](storage::Connection& c) {
      std::vector<storage::Contact> batch;
      for (const auto& n : numbers) {
        storage::Contact k;
        k.list_id = list_id_;
        k.phones.push_back({n, n, "mobile"});
        batch.push_back(k);
      }
      storage::insert_contacts(c, batch);
      storage::add_to_count(c, list_id_, static_cast<std::int64_t>(batch.size()), clock_.now_ms());
      return 0;
    });
  }

  // A running campaign over the list, any time of any day, with these settings.
  std::int64_t running_campaign(int max_concurrent, double max_cps, const std::string& retry_policy = "{}",
                                std::vector<std::int64_t> trunks = {}) {
    return db_->write([&](storage::Connection& c) {
      storage::CampaignRow r;
      r.name = "Teste";
      r.status = "running";
      r.max_concurrent = max_concurrent;
      r.max_cps = max_cps;
      r.ring_timeout_s = 5;
      r.retry_policy = retry_policy;
      r.schedule = R"({"windows":[{"weekdays":[0,1,2,3,4,5,6],"start":"00:00","end":"24:00"}]})";
      r.allow_holidays = true;
      r.list_ids = {list_id_};
      r.audio_id = audio_id_;
      r.trunk_ids = trunks.empty() ? std::vector<std::int64_t>{trunk_ids_[0]} : trunks;
      r.created_at = r.updated_at = clock_.now_ms();
      auto id = storage::campaigns::insert(c, r);
      storage::campaigns::materialize(c, id, clock_.now_ms());
      return id;
    });
  }

  // Shorter grace than production (30 s) so that reconciliation shows within a test's time.
  static engine::DialerOptions test_options() {
    engine::DialerOptions o;
    o.grace_ms = 2000;
    o.audit_ms = 3000;
    return o;
  }
  void start(engine::DialerOptions options = test_options()) {
    pbx::NodeSettings s;
    s.id = node_id_;
    s.name = "sim";
    s.host = "127.0.0.1";
    s.port = far_.port;
    s.user = "torpedo";
    s.secret = "sim-secret";
    s.max_channels = 1000;
    dialer_ = std::make_unique<engine::Dialer>(*db_, *manager_, clock_, options);
    dialer_->start();
    manager_->apply({s});
  }
  // kill -9, as far as this process can: the dialer stops without ending anything.
  void crash() {
    dialer_->stop();
    dialer_.reset();
    manager_->stop_all();
    retired_.push_back(std::move(manager_));  // its callbacks may still be queued on the network thread
    manager_ = std::make_unique<pbx::Manager>(net_, hub_, clock_);
  }

  std::string status(std::int64_t campaign) {
    return db_->read([&](storage::Connection& c) { return storage::campaigns::find(c, campaign)->status; });
  }
  bool wait_status(std::int64_t campaign, const std::string& want, std::chrono::milliseconds timeout) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < end) {
      try {
        if (status(campaign) == want) return true;
      } catch (const storage::StorageError&) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }

  template <typename Pred>
  bool wait_far_end(Pred pred, std::chrono::milliseconds timeout) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < end) {
      if (pred(far_.sim->ledger())) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return false;
  }

  FlakyDatabase& db() { return *db_; }
  SimFarEnd& far() { return far_; }
  engine::Dialer& dialer() { return *dialer_; }
  std::int64_t trunk(int i) const { return trunk_ids_[static_cast<std::size_t>(i)]; }

 private:
  SystemClock clock_;
  ScratchDatabase scratch_;
  SimFarEnd far_;
  std::unique_ptr<FlakyDatabase> db_;
  events::Hub hub_;
  boost::asio::io_context net_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> net_work_{
      net_.get_executor()};
  std::thread net_thread_;
  std::unique_ptr<pbx::Manager> manager_;
  std::vector<std::unique_ptr<pbx::Manager>> retired_;
  std::unique_ptr<engine::Dialer> dialer_;
  std::int64_t list_id_ = 0;
  std::vector<std::int64_t> trunk_ids_;
  std::int64_t node_id_ = 0;
  std::int64_t audio_id_ = 0;
};

}  // namespace torpedo::testing
