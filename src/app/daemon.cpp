#include "app/daemon.h"

#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "api/api.h"
#include "auth/auth_service.h"
#include "common/crypto.h"
#include "events/hub.h"
#include "http/server.h"
#include "blob/store.h"
#include "jobs/runner.h"
#include "engine/dialer.h"
#include "media/delivery.h"
#include "pbx/config_applier.h"
#include "api/telephony_changes.h"
#include "storage/audio.h"
#include "pbx/manager.h"
#include "storage/jobs.h"
#include "storage/migrations.h"
#include "storage/users.h"
#include "torpedo_version.h"

namespace torpedo::app {

using nlohmann::json;

std::string version_string() { return TORPEDO_VERSION; }

std::unique_ptr<storage::Database> open_database(const Config& config) {
  if (config.db_url.rfind("sqlite:", 0) == 0) {
    std::filesystem::path file = config.db_url.substr(7);
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
  }
  // One connection per worker plus a spare for background work.
  return storage::Database::open(config.db_url, static_cast<std::size_t>(config.workers) + 1);
}

std::string ensure_first_admin(storage::Database& db, const Config& config, const Clock& clock) {
  const bool empty = db.read([](storage::Connection& c) { return storage::users::count(c) == 0; });
  if (!empty) return {};
  const std::string email = api::canonical_email(config.admin_email.empty() ? "admin@torpedo.local" : config.admin_email);
  std::string password = config.admin_password;
  std::string generated;
  if (password.empty()) {
    generated = password = crypto::random_token(15);  // 20 characters
  } else if (password.size() < 10) {
    throw ConfigError("TORPEDO_ADMIN_PASSWORD must have at least 10 characters");
  }
  storage::User u;
  u.email = email;
  u.name = "Administrador";
  u.role = "admin";
  u.password_hash = crypto::hash_password(password);
  u.created_at = u.updated_at = clock.now_ms();
  db.transaction([&](storage::Connection& c) {
    if (storage::users::count(c) != 0) return;  // another instance was faster
    u.id = storage::users::insert(c, u);
    storage::AuditRecord r;
    r.at = u.created_at;
    r.action = "user.create";
    r.entity_type = "user";
    r.entity_id = std::to_string(u.id);
    r.address = "local";
    r.details_json = nlohmann::json{{"email", email}, {"role", "admin"}, {"bootstrap", true}}.dump();
    storage::audit::append(c, r);
  });
  if (!generated.empty()) {
    std::cerr << "\n  Primeiro administrador criado / first administrator created:\n"
              << "    e-mail: " << email << "\n    senha/password: " << generated << "\n"
              << "  Guarde esta senha: ela não será mostrada de novo. / Save it: it is shown only once.\n\n";
  } else {
    spdlog::info("created the first administrator {}", email);
  }
  return generated;
}

struct Daemon::Impl {
  Config config;
  SystemClock system_clock;
  const Clock* clock = &system_clock;
  std::unique_ptr<storage::Database> db;
  // The campaign engine's own connections: a busy API can never keep it from writing a result.
  std::unique_ptr<storage::Database> engine_db;
  std::unique_ptr<auth::AuthService> auth;
  events::Hub hub;
  std::unique_ptr<crypto::SecretBox> secrets;
  std::unique_ptr<api::Services> services;
  std::unique_ptr<api::Api> api;
  std::unique_ptr<http::Server> server;
  std::unique_ptr<pbx::Manager> pbx;  // after server: its timers live on the server's io_context
  std::unique_ptr<jobs::Runner> jobs;
  std::unique_ptr<blob::Store> media;
  std::unique_ptr<media::Deliverer> delivery;  // after media: it writes what the store holds
  std::unique_ptr<pbx::ConfigApplier> applier;  // after pbx: it sends through it
  std::unique_ptr<engine::Dialer> dialer;       // after pbx: it dials through it
};

Daemon::Daemon(Config config, bool handle_signals, const Clock* clock) : impl_(std::make_unique<Impl>()) {
  auto& d = *impl_;
  d.config = std::move(config);
  if (clock) d.clock = clock;
  crypto::init();
  std::filesystem::create_directories(d.config.data_dir);
  d.secrets = std::make_unique<crypto::SecretBox>(crypto::SecretBox::load_or_create(d.config.master_key_file));
  d.db = open_database(d.config);
  auto report = storage::migrate(*d.db);
  spdlog::info("database: {} schema version {}", d.db->driver_name(), report.to_version);
  ensure_first_admin(*d.db, d.config, *d.clock);
  // Jobs a previous process left unfinished (a crash, kill -9) can never end now.
  if (auto n = d.db->write([&](storage::Connection& c) {
        return storage::fail_unfinished_jobs(c, jobs::kInterrupted, d.clock->now_ms());
      }))
    spdlog::warn("jobs: {} unfinished job(s) of a previous run marked failed", n);
  std::filesystem::create_directories(d.config.data_dir / "uploads");
  std::filesystem::create_directories(d.config.data_dir / "imports");

  auth::AuthService::Options auth_options;
  auth_options.session_idle_ms = static_cast<std::int64_t>(d.config.session_idle_minutes) * 60 * 1000;
  auth_options.limits.per_account = d.config.login_max_failures_per_account;
  auth_options.limits.per_address = d.config.login_max_failures_per_address;
  auth_options.limits.window_ms = static_cast<std::int64_t>(d.config.login_window_seconds) * 1000;
  d.auth = std::make_unique<auth::AuthService>(*d.db, *d.clock, auth_options);

  d.services.reset(new api::Services{*d.db, *d.auth, d.hub, *d.clock, d.config, version_string(), d.clock->now_ms()});
  std::filesystem::path web_dir = d.config.web_dir;
  if (!web_dir.empty() && !std::filesystem::exists(web_dir / "index.html")) {
    spdlog::warn("web UI not found in {} (build it with `make build`); serving the API only", web_dir.string());
    web_dir.clear();
  }
  d.jobs = std::make_unique<jobs::Runner>(*d.db, *d.clock, [s = d.services.get()](std::int64_t id) {
    auto job = s->db.read([&](storage::Connection& c) { return storage::find_job(c, id); });
    if (job)
      s->hub.publish(json{{"type", "job"}, {"job", api::job_json(*job)}}.dump(-1, ' ', false, json::error_handler_t::replace));
  });
  d.services->jobs = d.jobs.get();
  blob::S3Options s3;
  s3.endpoint = d.config.s3_endpoint;
  s3.region = d.config.s3_region;
  s3.access_key = d.config.aws_access_key;
  s3.secret_key = d.config.aws_secret_key;
  s3.cache_dir = d.config.data_dir / "cache" / "media";
  d.media = blob::open_store(d.config.storage.empty() ? (d.config.data_dir / "media").string() : d.config.storage, s3);
  d.services->media = d.media.get();
  spdlog::info("media store: {}", d.media->describe());
  d.delivery = std::make_unique<media::Deliverer>(*d.db, *d.media, *d.clock, d.config.public_url,
                                                  [s = d.services.get()](std::int64_t audio_id) {
                                                    api::notify_change(*s, "audio", "updated", std::to_string(audio_id));
                                                    // Music on hold is configuration too: its class appears
                                                    // once the files are on the node.
                                                    if (s->applier && api::auto_apply_enabled(*s)) {
                                                      auto a = s->db.read([&](storage::Connection& c) {
                                                        return storage::find_audio(c, audio_id);
                                                      });
                                                      if (!a || a->kind == "moh") s->applier->schedule();
                                                    }
                                                  });
  d.services->delivery = d.delivery.get();
  d.api = std::make_unique<api::Api>(*d.services, web_dir);

  http::ServerOptions options;
  options.host = d.config.listen_host;
  options.port = d.config.listen_port;
  options.max_body_bytes = d.config.max_body_bytes;
  options.upload_dir = (d.config.data_dir / "uploads").string();
  // Uploads stream their file to disk instead of memory, each kind up to its own limit.
  options.upload_limit = [import = d.config.max_upload_bytes, audio = d.config.max_audio_bytes](
                             const std::string& method, const std::string& target) -> std::size_t {
    if (method != "POST") return 0;
    const std::string path = target.substr(0, target.find('?'));
    if (path == "/api/v1/audio") return audio;
    if (path.size() > 7 && path.compare(path.size() - 7, 7, "/import") == 0) return import;
    return 0;
  };
  options.workers = d.config.workers;
  options.handle_signals = handle_signals;
  http::ServerHooks hooks;
  hooks.handle = [api = d.api.get()](const http::Request& r) { return api->handle(r); };
  hooks.accept_events = [api = d.api.get()](const http::Request& r) { return api->accept_events(r); };
  d.server = std::make_unique<http::Server>(options, std::move(hooks), d.hub);

  d.pbx = std::make_unique<pbx::Manager>(d.server->io_context(), d.hub, *d.clock);
  d.services->pbx = d.pbx.get();
  d.services->secrets = d.secrets.get();
  d.applier = std::make_unique<pbx::ConfigApplier>(
      *d.db, *d.secrets, *d.pbx, *d.clock, d.config.public_url,
      [s = d.services.get()](const std::vector<pbx::NodeApplyReport>& reports) {
        if (reports.empty()) return;  // no node: nothing was applied
        json nodes = json::array();
        for (const auto& r : reports) nodes.push_back(pbx::to_json(r));
        s->hub.publish(json{{"type", "pbx-apply"}, {"nodes", nodes}}.dump(-1, ' ', false, json::error_handler_t::replace));
      });
  d.services->applier = d.applier.get();
  engine::DialerOptions dialer_options;
  dialer_options.public_url = d.config.public_url;
  d.engine_db = storage::Database::open(d.config.db_url, 2, 4096);
  d.dialer = std::make_unique<engine::Dialer>(*d.engine_db, *d.pbx, *d.clock, dialer_options);
  d.dialer->on_transition([s = d.services.get()](std::int64_t id, const std::string& from, const std::string& to) {
    api::publish_campaign_transition(*s, id, from, to, "engine");
  });
  d.dialer->on_progress([s = d.services.get()](std::int64_t id, const engine::Progress& p) {
    s->hub.publish(api::campaign_progress_message(id, p, s->clock.now_ms()));
  });
  d.services->dialer = d.dialer.get();
  d.server->on_shutdown([pbx = d.pbx.get(), jobs = d.jobs.get(), delivery = d.delivery.get(),
                          applier = d.applier.get(), dialer = d.dialer.get()] {
    dialer->stop();  // no new call from here on; calls up finish on Asterisk and are settled at the next start
    applier->request_stop();  // joined in run(): it may be waiting for AMI answers this thread delivers
    pbx->stop_all();
    jobs->stop();
    delivery->stop();
  });
}

Daemon::~Daemon() = default;

std::uint16_t Daemon::start() {
  auto port = impl_->server->listen();
  impl_->dialer->start();                  // listens to the nodes before they connect
  api::sync_pbx(*impl_->services, false);  // connect to every enabled PBX node
  impl_->delivery->start();          // and bring every node's audio up to date
  impl_->applier->start();
  spdlog::info("torpedo {} listening on {}:{} ({})", version_string(), impl_->config.listen_host, port,
               impl_->config.public_url);
  return port;
}

void Daemon::run() {
  impl_->server->run();
  // The server has drained; nothing uses the database any more. The PBX manager goes first:
  // its timers belong to the server's io_context.
  impl_->dialer.reset();
  impl_->applier.reset();
  impl_->pbx.reset();
  impl_->jobs.reset();
  impl_->delivery.reset();
  impl_->server.reset();
  impl_->engine_db.reset();
  impl_->db.reset();
  spdlog::info("torpedo stopped");
}

void Daemon::shutdown() { impl_->server->shutdown(); }

}  // namespace torpedo::app
