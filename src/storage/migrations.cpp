#include "storage/migrations.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace torpedo::storage {
namespace {

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size())
    s.replace(pos, from.size(), to);
}

// Conventions: times are BIGINT milliseconds since the epoch (UTC); booleans are INTEGER 0/1;
// columns that are indexed or unique are VARCHAR (MySQL cannot index TEXT); free text is
// TEXT (64 KiB in MySQL); JSON documents are {{longtext}}. Secrets end in _enc and hold
// SecretBox ciphertext only. {{bytes}} makes a column compare byte by byte in MySQL too
// (prefix ranges on folded words). {{table_by_pk}} stores a table in its primary key's order
// (SQLite WITHOUT ROWID; InnoDB always does).
const std::vector<Migration> kMigrations = {
    {1,
     "initial schema",
     {
         R"(CREATE TABLE users (
  id {{pk}},
  email VARCHAR(254) NOT NULL,
  name TEXT NOT NULL,
  role VARCHAR(16) NOT NULL,
  password_hash VARCHAR(255) NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  last_login_at BIGINT NULL,
  CONSTRAINT uq_users_email UNIQUE (email)
){{table}})",

         R"(CREATE TABLE sessions (
  id {{pk}},
  token_hash CHAR(64) NOT NULL,
  user_id BIGINT NOT NULL,
  csrf_token VARCHAR(64) NOT NULL,
  address VARCHAR(64) NOT NULL,
  user_agent TEXT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  CONSTRAINT uq_sessions_token UNIQUE (token_hash),
  CONSTRAINT fk_sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
){{table}})",
         "CREATE INDEX ix_sessions_user ON sessions (user_id)",
         "CREATE INDEX ix_sessions_last_seen ON sessions (last_seen_at)",

         R"(CREATE TABLE api_tokens (
  id {{pk}},
  user_id BIGINT NOT NULL,
  name TEXT NOT NULL,
  prefix VARCHAR(16) NOT NULL,
  token_hash CHAR(64) NOT NULL,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT NULL,
  expires_at BIGINT NULL,
  revoked_at BIGINT NULL,
  CONSTRAINT uq_api_tokens_hash UNIQUE (token_hash),
  CONSTRAINT fk_api_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
){{table}})",
         "CREATE INDEX ix_api_tokens_user ON api_tokens (user_id)",

         // No foreign key to users: the trail outlives the accounts it mentions.
         R"(CREATE TABLE audit_log (
  id {{pk}},
  at BIGINT NOT NULL,
  user_id BIGINT NULL,
  user_email VARCHAR(254) NULL,
  action VARCHAR(64) NOT NULL,
  entity_type VARCHAR(32) NOT NULL,
  entity_id VARCHAR(64) NULL,
  address VARCHAR(64) NOT NULL,
  details {{longtext}} NULL
){{table}})",
         "CREATE INDEX ix_audit_entity ON audit_log (entity_type, entity_id)",
         "CREATE INDEX ix_audit_user ON audit_log (user_id, id)",
         "CREATE INDEX ix_audit_action ON audit_log (action, id)",

         R"(CREATE TABLE contact_lists (
  id {{pk}},
  name VARCHAR(255) NOT NULL,
  description TEXT NULL,
  custom1_label VARCHAR(255) NULL,
  custom2_label VARCHAR(255) NULL,
  custom3_label VARCHAR(255) NULL,
  custom4_label VARCHAR(255) NULL,
  custom5_label VARCHAR(255) NULL,
  contact_count BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
){{table}})",
         "CREATE INDEX ix_contact_lists_name ON contact_lists (name)",

         // name_key: the name folded (lower case, no accents) for prefix search.
         R"(CREATE TABLE contacts (
  id {{pk}},
  list_id BIGINT NOT NULL,
  name TEXT NULL,
  name_key VARCHAR(255) NULL,
  phone1 VARCHAR(64) NOT NULL,
  phone1_e164 VARCHAR(20) NOT NULL,
  phone1_type VARCHAR(8) NOT NULL,
  phone2 VARCHAR(64) NULL,
  phone2_e164 VARCHAR(20) NULL,
  phone2_type VARCHAR(8) NULL,
  phone3 VARCHAR(64) NULL,
  phone3_e164 VARCHAR(20) NULL,
  phone3_type VARCHAR(8) NULL,
  email VARCHAR(254) NULL,
  custom1 TEXT NULL,
  custom2 TEXT NULL,
  custom3 TEXT NULL,
  custom4 TEXT NULL,
  custom5 TEXT NULL,
  invalid_flags INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CONSTRAINT uq_contacts_list_phone UNIQUE (list_id, phone1_e164),
  CONSTRAINT fk_contacts_list FOREIGN KEY (list_id) REFERENCES contact_lists (id) ON DELETE CASCADE
){{table}})",
         "CREATE INDEX ix_contacts_list_id ON contacts (list_id, id)",
         "CREATE INDEX ix_contacts_list_name ON contacts (list_id, name_key, id)",
         "CREATE INDEX ix_contacts_list_email ON contacts (list_id, email, id)",
         "CREATE INDEX ix_contacts_phone1 ON contacts (phone1_e164)",
         "CREATE INDEX ix_contacts_phone2 ON contacts (phone2_e164)",
         "CREATE INDEX ix_contacts_phone3 ON contacts (phone3_e164)",

         R"(CREATE TABLE dnc (
  id {{pk}},
  e164 VARCHAR(20) NOT NULL,
  source VARCHAR(32) NOT NULL,
  note TEXT NULL,
  created_by BIGINT NULL,
  created_at BIGINT NOT NULL,
  CONSTRAINT uq_dnc_e164 UNIQUE (e164)
){{table}})",
         "CREATE INDEX ix_dnc_created ON dnc (created_at, id)",

         R"(CREATE TABLE audio_files (
  id {{pk}},
  name VARCHAR(255) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  description TEXT NULL,
  original_key VARCHAR(255) NULL,
  original_format VARCHAR(32) NULL,
  media_key VARCHAR(255) NULL,
  duration_ms BIGINT NOT NULL DEFAULT 0,
  sample_rate INTEGER NOT NULL DEFAULT 0,
  channels INTEGER NOT NULL DEFAULT 0,
  size_bytes BIGINT NOT NULL DEFAULT 0,
  sha256 CHAR(64) NULL,
  peaks {{longtext}} NULL,
  status VARCHAR(16) NOT NULL DEFAULT 'ready',
  created_by BIGINT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
){{table}})",
         "CREATE INDEX ix_audio_kind ON audio_files (kind, name)",

         R"(CREATE TABLE extensions (
  id {{pk}},
  number VARCHAR(32) NOT NULL,
  name VARCHAR(255) NOT NULL,
  caller_id VARCHAR(255) NULL,
  secret_enc TEXT NOT NULL,
  codecs VARCHAR(255) NOT NULL DEFAULT 'ulaw,alaw',
  enabled INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CONSTRAINT uq_extensions_number UNIQUE (number)
){{table}})",

         R"(CREATE TABLE queues (
  id {{pk}},
  name VARCHAR(64) NOT NULL,
  strategy VARCHAR(16) NOT NULL DEFAULT 'ringall',
  timeout_s INTEGER NOT NULL DEFAULT 15,
  retry_s INTEGER NOT NULL DEFAULT 5,
  max_callers INTEGER NOT NULL DEFAULT 0,
  wrapup_s INTEGER NOT NULL DEFAULT 0,
  moh_class VARCHAR(64) NULL,
  announce_audio_id BIGINT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CONSTRAINT uq_queues_name UNIQUE (name),
  CONSTRAINT fk_queues_announce FOREIGN KEY (announce_audio_id) REFERENCES audio_files (id)
){{table}})",

         R"(CREATE TABLE queue_members (
  queue_id BIGINT NOT NULL,
  extension_id BIGINT NOT NULL,
  penalty INTEGER NOT NULL DEFAULT 0,
  paused INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (queue_id, extension_id),
  CONSTRAINT fk_qm_queue FOREIGN KEY (queue_id) REFERENCES queues (id) ON DELETE CASCADE,
  CONSTRAINT fk_qm_extension FOREIGN KEY (extension_id) REFERENCES extensions (id) ON DELETE CASCADE
){{table}})",
         "CREATE INDEX ix_queue_members_extension ON queue_members (extension_id)",

         R"(CREATE TABLE trunks (
  id {{pk}},
  name VARCHAR(64) NOT NULL,
  host VARCHAR(255) NOT NULL,
  port INTEGER NOT NULL DEFAULT 5060,
  transport VARCHAR(8) NOT NULL DEFAULT 'udp',
  username VARCHAR(255) NULL,
  secret_enc TEXT NULL,
  register_outbound INTEGER NOT NULL DEFAULT 0,
  ip_match TEXT NULL,
  codecs VARCHAR(255) NOT NULL DEFAULT 'ulaw,alaw',
  max_channels INTEGER NOT NULL DEFAULT 30,
  max_cps DOUBLE NOT NULL DEFAULT 10,
  caller_id VARCHAR(255) NULL,
  number_format VARCHAR(32) NOT NULL DEFAULT 'e164',
  dial_prefix VARCHAR(32) NULL,
  allowed_prefixes TEXT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CONSTRAINT uq_trunks_name UNIQUE (name)
){{table}})",

         R"(CREATE TABLE pbx_nodes (
  id {{pk}},
  name VARCHAR(64) NOT NULL,
  ami_host VARCHAR(255) NOT NULL,
  ami_port INTEGER NOT NULL DEFAULT 5038,
  ami_user VARCHAR(255) NOT NULL,
  ami_secret_enc TEXT NOT NULL,
  max_channels INTEGER NOT NULL DEFAULT 100,
  enabled INTEGER NOT NULL DEFAULT 1,
  media_mode VARCHAR(16) NOT NULL DEFAULT 'directory',
  sounds_dir TEXT NULL,
  config_dir TEXT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CONSTRAINT uq_pbx_nodes_name UNIQUE (name)
){{table}})",

         // Settings that are documents (IVR options, retry policy, schedule) are JSON text:
         // the engine reads them whole and validation happens in the API.
         R"(CREATE TABLE campaigns (
  id {{pk}},
  name VARCHAR(255) NOT NULL,
  status VARCHAR(16) NOT NULL DEFAULT 'draft',
  audio_id BIGINT NULL,
  caller_id VARCHAR(64) NULL,
  max_concurrent INTEGER NOT NULL DEFAULT 10,
  max_cps DOUBLE NOT NULL DEFAULT 5,
  ring_timeout_s INTEGER NOT NULL DEFAULT 30,
  amd_enabled INTEGER NOT NULL DEFAULT 0,
  amd_params TEXT NULL,
  machine_action VARCHAR(16) NOT NULL DEFAULT 'hangup',
  ivr_enabled INTEGER NOT NULL DEFAULT 0,
  ivr_options {{longtext}} NULL,
  read_timeout_s INTEGER NOT NULL DEFAULT 5,
  retry_policy {{longtext}} NULL,
  schedule {{longtext}} NULL,
  timezone VARCHAR(64) NOT NULL DEFAULT 'America/Sao_Paulo',
  allow_holidays INTEGER NOT NULL DEFAULT 0,
  starts_at BIGINT NULL,
  ends_at BIGINT NULL,
  lease_owner VARCHAR(64) NULL,
  lease_expires_at BIGINT NULL,
  created_by BIGINT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  started_at BIGINT NULL,
  completed_at BIGINT NULL,
  CONSTRAINT fk_campaigns_audio FOREIGN KEY (audio_id) REFERENCES audio_files (id)
){{table}})",
         "CREATE INDEX ix_campaigns_status ON campaigns (status, id)",

         R"(CREATE TABLE campaign_lists (
  campaign_id BIGINT NOT NULL,
  list_id BIGINT NOT NULL,
  PRIMARY KEY (campaign_id, list_id),
  CONSTRAINT fk_cl_campaign FOREIGN KEY (campaign_id) REFERENCES campaigns (id) ON DELETE CASCADE,
  CONSTRAINT fk_cl_list FOREIGN KEY (list_id) REFERENCES contact_lists (id)
){{table}})",

         R"(CREATE TABLE campaign_trunks (
  campaign_id BIGINT NOT NULL,
  position INTEGER NOT NULL,
  trunk_id BIGINT NOT NULL,
  PRIMARY KEY (campaign_id, position),
  CONSTRAINT fk_ct_campaign FOREIGN KEY (campaign_id) REFERENCES campaigns (id) ON DELETE CASCADE,
  CONSTRAINT fk_ct_trunk FOREIGN KEY (trunk_id) REFERENCES trunks (id)
){{table}})",

         R"(CREATE TABLE campaign_contacts (
  id {{pk}},
  campaign_id BIGINT NOT NULL,
  contact_id BIGINT NOT NULL,
  status VARCHAR(16) NOT NULL DEFAULT 'pending',
  phone_index INTEGER NOT NULL DEFAULT 1,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL DEFAULT 0,
  last_disposition VARCHAR(16) NULL,
  updated_at BIGINT NOT NULL,
  CONSTRAINT uq_campaign_contact UNIQUE (campaign_id, contact_id),
  CONSTRAINT fk_cc_campaign FOREIGN KEY (campaign_id) REFERENCES campaigns (id) ON DELETE CASCADE,
  CONSTRAINT fk_cc_contact FOREIGN KEY (contact_id) REFERENCES contacts (id) ON DELETE CASCADE
){{table}})",
         "CREATE INDEX ix_cc_due ON campaign_contacts (campaign_id, status, next_attempt_at)",

         // One row per call attempt, written before the Originate is sent (SPEC §3.3).
         R"(CREATE TABLE call_attempts (
  id {{pk}},
  uuid CHAR(36) NOT NULL,
  action_id VARCHAR(64) NOT NULL,
  campaign_id BIGINT NOT NULL,
  campaign_contact_id BIGINT NOT NULL,
  contact_id BIGINT NOT NULL,
  attempt_no INTEGER NOT NULL,
  phone_index INTEGER NOT NULL DEFAULT 1,
  number VARCHAR(32) NOT NULL,
  trunk_id BIGINT NULL,
  pbx_node_id BIGINT NULL,
  channel VARCHAR(128) NULL,
  state VARCHAR(16) NOT NULL DEFAULT 'pending',
  created_at BIGINT NOT NULL,
  originated_at BIGINT NULL,
  ringing_at BIGINT NULL,
  answered_at BIGINT NULL,
  ended_at BIGINT NULL,
  disposition VARCHAR(16) NULL,
  hangup_cause INTEGER NULL,
  tech_cause INTEGER NULL,
  amd_status VARCHAR(16) NULL,
  amd_cause VARCHAR(64) NULL,
  dtmf VARCHAR(8) NULL,
  ring_ms BIGINT NULL,
  talk_ms BIGINT NULL,
  CONSTRAINT uq_attempts_uuid UNIQUE (uuid),
  CONSTRAINT uq_attempts_action UNIQUE (action_id),
  CONSTRAINT fk_attempts_campaign FOREIGN KEY (campaign_id) REFERENCES campaigns (id) ON DELETE CASCADE
){{table}})",
         "CREATE INDEX ix_attempts_campaign ON call_attempts (campaign_id, id)",
         "CREATE INDEX ix_attempts_campaign_disp ON call_attempts (campaign_id, disposition, id)",
         "CREATE INDEX ix_attempts_state ON call_attempts (state, pbx_node_id)",
         "CREATE INDEX ix_attempts_number_state ON call_attempts (number, state)",
         "CREATE INDEX ix_attempts_cc ON call_attempts (campaign_contact_id)",

         // Kept as calls finish so that reports stay instant at millions of attempts.
         R"(CREATE TABLE campaign_counters (
  campaign_id BIGINT NOT NULL PRIMARY KEY,
  attempts BIGINT NOT NULL DEFAULT 0,
  answered BIGINT NOT NULL DEFAULT 0,
  voicemail BIGINT NOT NULL DEFAULT 0,
  busy BIGINT NOT NULL DEFAULT 0,
  no_answer BIGINT NOT NULL DEFAULT 0,
  failed BIGINT NOT NULL DEFAULT 0,
  invalid_number BIGINT NOT NULL DEFAULT 0,
  cancelled BIGINT NOT NULL DEFAULT 0,
  unknown BIGINT NOT NULL DEFAULT 0,
  dnc_skipped BIGINT NOT NULL DEFAULT 0,
  short_calls BIGINT NOT NULL DEFAULT 0,
  talk_ms_total BIGINT NOT NULL DEFAULT 0,
  ring_ms_total BIGINT NOT NULL DEFAULT 0,
  dtmf_counts TEXT NULL,
  updated_at BIGINT NOT NULL,
  CONSTRAINT fk_counters_campaign FOREIGN KEY (campaign_id) REFERENCES campaigns (id) ON DELETE CASCADE
){{table}})",

         R"(CREATE TABLE jobs (
  id {{pk}},
  kind VARCHAR(32) NOT NULL,
  status VARCHAR(16) NOT NULL DEFAULT 'queued',
  processed BIGINT NOT NULL DEFAULT 0,
  total BIGINT NULL,
  params {{longtext}} NULL,
  result {{longtext}} NULL,
  error TEXT NULL,
  created_by BIGINT NULL,
  created_at BIGINT NOT NULL,
  started_at BIGINT NULL,
  finished_at BIGINT NULL,
  updated_at BIGINT NOT NULL
){{table}})",
         "CREATE INDEX ix_jobs_status ON jobs (status, id)",
     }},
    {2,
     "contact search words, list names unique, jobs per list",
     {
         // Word-prefix search of names ("joao sil" finds "João da Silva") through an index,
         // whatever the list's size: one row per distinct folded word of a contact's name.
         // No foreign key and no index by contact: rows go with their contact through code
         // that knows its words (storage/contacts.cpp), which keeps an import to one index here.
         R"(CREATE TABLE contact_words (
  list_id BIGINT NOT NULL,
  word VARCHAR(32){{bytes}} NOT NULL,
  contact_id BIGINT NOT NULL,
  CONSTRAINT pk_contact_words PRIMARY KEY (list_id, word, contact_id)
){{table_by_pk}})",
         // Phone searches always name the list: the list's unique (list_id, phone1_e164) serves
         // them, and a second random-order index on every phone only slowed imports down.
         "DROP INDEX ix_contacts_phone1 ON contacts",
         "CREATE UNIQUE INDEX uq_contact_lists_name ON contact_lists (name)",
         "ALTER TABLE jobs ADD COLUMN list_id BIGINT NULL",
         "ALTER TABLE jobs ADD COLUMN file_name VARCHAR(255) NULL",
         "CREATE INDEX ix_jobs_kind_list ON jobs (kind, list_id, id)",
     }},
    {3,
     "public media URLs of audio files",
     {
         // The capability in an audio's public URL (what Asterisk fetches); replaced to revoke it.
         "ALTER TABLE audio_files ADD COLUMN media_token VARCHAR(64) NULL",
         "CREATE UNIQUE INDEX uq_audio_media_token ON audio_files (media_token)",
     }},
    {4,
     "audio delivered to PBX nodes",
     {
         // One row per audio and node whose sounds directory got (or failed to get) its files:
         // where they went and their sizes, so that "delivered" can be checked against the
         // disk, and so that files can be removed from the right place after a change.
         R"(CREATE TABLE audio_deliveries (
  audio_id BIGINT NOT NULL,
  node_id BIGINT NOT NULL,
  location TEXT NOT NULL,
  state VARCHAR(16) NOT NULL,
  size_8k BIGINT NOT NULL DEFAULT 0,
  size_16k BIGINT NOT NULL DEFAULT 0,
  error TEXT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (audio_id, node_id)
){{table_by_pk}})",
     }},
    {5,
     "telephony: extension endpoints, settings, per-node configuration state",
     {
         // The SIP user of an extension is not its number (scanners try numbers): "r1001-k3x9q2".
         "ALTER TABLE extensions ADD COLUMN endpoint VARCHAR(40) NULL",
         "CREATE UNIQUE INDEX uq_extensions_endpoint ON extensions (endpoint)",
         // Instance-wide switches an admin sets in the UI (e.g. applying PBX changes automatically).
         R"(CREATE TABLE settings (
  name VARCHAR(64) NOT NULL PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at BIGINT NOT NULL
){{table_by_pk}})",
         // What was last written to each node's configuration directory, and how applying it went.
         R"(CREATE TABLE pbx_node_config (
  node_id BIGINT NOT NULL PRIMARY KEY,
  checksum CHAR(64) NOT NULL,
  applied_at BIGINT NOT NULL,
  ok INTEGER NOT NULL,
  report {{longtext}} NOT NULL
){{table_by_pk}})",
     }},
};

}  // namespace

const std::vector<Migration>& all_migrations() { return kMigrations; }

std::string render_statement(const std::string& statement, Dialect dialect) {
  std::string s = statement;
  if (dialect == Dialect::sqlite) {
    // SQLite's DROP INDEX names no table.
    if (s.rfind("DROP INDEX ", 0) == 0) s = s.substr(0, s.find(" ON "));
    replace_all(s, "{{pk}}", "INTEGER PRIMARY KEY AUTOINCREMENT");
    replace_all(s, "{{table}}", "");
    replace_all(s, "{{longtext}}", "TEXT");
    replace_all(s, "{{bytes}}", "");
    replace_all(s, "{{table_by_pk}}", " WITHOUT ROWID");
  } else {
    replace_all(s, "{{pk}}", "BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY");
    replace_all(s, "{{table}}", " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    replace_all(s, "{{longtext}}", "MEDIUMTEXT");
    replace_all(s, "{{bytes}}", " COLLATE utf8mb4_bin");
    replace_all(s, "{{table_by_pk}}", " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
  }
  return s;
}

namespace {

void ensure_migrations_table(Connection& c) {
  c.exec(render_statement(R"(CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER NOT NULL PRIMARY KEY,
  name VARCHAR(255) NOT NULL,
  applied_at BIGINT NOT NULL
){{table}})",
                          c.dialect()));
}

int read_version(Connection& c) {
  auto row = c.query_one("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations");
  return row ? static_cast<int>(row->i64("v")) : 0;
}

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

int current_schema_version(Database& db) {
  return db.read([](Connection& c) {
    ensure_migrations_table(c);
    return read_version(c);
  });
}

MigrationReport migrate(Database& db) {
  MigrationReport report;
  db.with_connection([&](Connection& c) {
    ensure_migrations_table(c);
    const bool mysql = c.dialect() == Dialect::mysql;
    if (mysql) {
      auto got = c.query_one("SELECT GET_LOCK('torpedo_migrate', 60) AS got");
      if (!got || got->i64("got") != 1)
        throw StorageError("another instance holds the migration lock for more than 60 s");
    }
    struct Unlock {
      Connection& c;
      bool mysql;
      ~Unlock() {
        if (mysql) {
          try {
            c.query("SELECT RELEASE_LOCK('torpedo_migrate') AS r");
          } catch (...) {
          }
        }
      }
    } unlock{c, mysql};

    report.from_version = read_version(c);
    report.to_version = report.from_version;
    for (const Migration& m : kMigrations) {
      if (m.version <= report.to_version) continue;
      // SQLite applies a whole migration atomically. MySQL commits each DDL statement
      // implicitly; the version row is written last so that a failed migration is retried.
      if (!mysql) c.exec("BEGIN IMMEDIATE");
      try {
        if (!mysql && read_version(c) >= m.version) {  // another instance got there first
          c.exec("COMMIT");
          report.to_version = m.version;
          continue;
        }
        for (const std::string& statement : m.statements) c.exec(render_statement(statement, c.dialect()));
        c.exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :t)",
               {{"v", m.version}, {"n", m.name}, {"t", now_ms()}});
        if (!mysql) c.exec("COMMIT");
      } catch (...) {
        if (!mysql) {
          try {
            c.exec("ROLLBACK");
          } catch (...) {
          }
        }
        throw;
      }
      report.to_version = m.version;
      report.applied.push_back(fmt::format("{:04} {}", m.version, m.name));
      spdlog::info("database: applied migration {:04} {}", m.version, m.name);
    }
  });
  return report;
}

}  // namespace torpedo::storage
