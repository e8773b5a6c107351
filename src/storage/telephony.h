#pragma once
// Rows of the telephony tables: extensions (ramais), queues (filas) with their members, trunks
// (troncos), instance settings and the per-node configuration state. Secrets are stored only
// as SecretBox ciphertext (*_enc); lists (codecs, IP matches, prefixes) as comma-separated text.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "storage/database.h"

namespace torpedo::storage {

struct ExtensionRow {
  std::int64_t id = 0;
  std::string number;
  std::string endpoint;
  std::string name;
  std::optional<std::string> caller_id;
  std::string secret_enc;
  std::string codecs = "ulaw,alaw";
  bool enabled = true;
  EpochMs created_at = 0;
  EpochMs updated_at = 0;
};

struct QueueMemberRow {
  std::int64_t extension_id = 0;
  int penalty = 0;
  bool paused = false;
};

struct QueueRow {
  std::int64_t id = 0;
  std::string name;
  std::string strategy = "ringall";
  int timeout_s = 15;
  int retry_s = 5;
  int max_callers = 0;
  int wrapup_s = 0;
  std::optional<std::string> moh_class;
  std::optional<std::int64_t> announce_audio_id;
  std::vector<QueueMemberRow> members;
  EpochMs created_at = 0;
  EpochMs updated_at = 0;
};

struct TrunkRow {
  std::int64_t id = 0;
  std::string name;
  std::string host;
  int port = 5060;
  std::string transport = "udp";
  std::optional<std::string> username;
  std::optional<std::string> secret_enc;
  bool register_outbound = false;
  std::string ip_match;  // comma-separated
  std::string codecs = "ulaw,alaw";
  int max_channels = 30;
  double max_cps = 10;
  std::optional<std::string> caller_id;
  std::string number_format = "e164";
  std::optional<std::string> dial_prefix;
  std::string allowed_prefixes;  // comma-separated
  bool enabled = true;
  EpochMs created_at = 0;
  EpochMs updated_at = 0;
};

struct NodeConfigState {
  std::int64_t node_id = 0;
  std::string checksum;
  EpochMs applied_at = 0;
  bool ok = false;
  std::string report;  // JSON
};

namespace extensions {
std::vector<ExtensionRow> list(Connection& c);
std::optional<ExtensionRow> find(Connection& c, std::int64_t id);
std::optional<ExtensionRow> find_by_number(Connection& c, const std::string& number);
std::int64_t insert(Connection& c, const ExtensionRow& e);
void update(Connection& c, const ExtensionRow& e);
bool remove(Connection& c, std::int64_t id);
// Queues the extension is a member of, by name (to say why it cannot be removed or disabled).
std::vector<std::string> queues_of(Connection& c, std::int64_t id);
}  // namespace extensions

namespace queues {
std::vector<QueueRow> list(Connection& c);  // with members
std::optional<QueueRow> find(Connection& c, std::int64_t id);
std::optional<QueueRow> find_by_name(Connection& c, const std::string& name);
std::int64_t insert(Connection& c, const QueueRow& q);  // with members
void update(Connection& c, const QueueRow& q);          // replaces the members
bool remove(Connection& c, std::int64_t id);
// Campaigns whose IVR sends a key to this queue, by name (campaigns.ivr_options JSON).
std::vector<std::string> campaigns_using(Connection& c, const std::string& queue_name);
}  // namespace queues

namespace trunks {
std::vector<TrunkRow> list(Connection& c);
std::optional<TrunkRow> find(Connection& c, std::int64_t id);
std::optional<TrunkRow> find_by_name(Connection& c, const std::string& name);
std::int64_t insert(Connection& c, const TrunkRow& t);
void update(Connection& c, const TrunkRow& t);
bool remove(Connection& c, std::int64_t id);
// Campaigns that dial through the trunk, by name.
std::vector<std::string> campaigns_of(Connection& c, std::int64_t id);
}  // namespace trunks

namespace settings {
std::optional<std::string> get(Connection& c, const std::string& name);
void set(Connection& c, const std::string& name, const std::string& value, EpochMs now);
}  // namespace settings

namespace node_config {
std::optional<NodeConfigState> find(Connection& c, std::int64_t node_id);
void put(Connection& c, const NodeConfigState& s);
}  // namespace node_config

}  // namespace torpedo::storage
