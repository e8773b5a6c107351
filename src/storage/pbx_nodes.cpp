#include "storage/pbx_nodes.h"

namespace torpedo::storage::pbx_nodes {
namespace {

constexpr const char* kColumns =
    "id, name, ami_host, ami_port, ami_user, ami_secret_enc, max_channels, enabled, media_mode, sounds_dir, "
    "config_dir, created_at, updated_at";

PbxNode to_node(const Row& r) {
  PbxNode n;
  n.id = r.i64("id");
  n.name = r.str("name");
  n.ami_host = r.str("ami_host");
  n.ami_port = static_cast<int>(r.i64("ami_port"));
  n.ami_user = r.str("ami_user");
  n.ami_secret_enc = r.str("ami_secret_enc");
  n.max_channels = static_cast<int>(r.i64("max_channels"));
  n.enabled = r.boolean("enabled");
  n.media_mode = r.str("media_mode");
  n.sounds_dir = r.opt_str("sounds_dir");
  n.config_dir = r.opt_str("config_dir");
  n.created_at = r.i64("created_at");
  n.updated_at = r.i64("updated_at");
  return n;
}

Params params_of(const PbxNode& n) {
  return {{"name", n.name},           {"host", n.ami_host},         {"port", n.ami_port},
          {"user", n.ami_user},       {"secret", n.ami_secret_enc}, {"max", n.max_channels},
          {"enabled", n.enabled},     {"mode", n.media_mode},       {"sounds", n.sounds_dir},
          {"config", n.config_dir},   {"updated", n.updated_at}};
}

}  // namespace

std::vector<PbxNode> list(Connection& c) {
  std::vector<PbxNode> out;
  for (const Row& r : c.query(std::string("SELECT ") + kColumns + " FROM pbx_nodes ORDER BY name, id"))
    out.push_back(to_node(r));
  return out;
}

std::optional<PbxNode> find(Connection& c, std::int64_t id) {
  auto r = c.query_one(std::string("SELECT ") + kColumns + " FROM pbx_nodes WHERE id = :id", {{"id", id}});
  if (!r) return std::nullopt;
  return to_node(*r);
}

std::optional<PbxNode> find_by_name(Connection& c, const std::string& name) {
  auto r = c.query_one(std::string("SELECT ") + kColumns + " FROM pbx_nodes WHERE name = :n", {{"n", name}});
  if (!r) return std::nullopt;
  return to_node(*r);
}

std::int64_t insert(Connection& c, const PbxNode& n) {
  Params p = params_of(n);
  p.emplace_back("created", n.created_at);
  c.exec(
      "INSERT INTO pbx_nodes (name, ami_host, ami_port, ami_user, ami_secret_enc, max_channels, enabled, "
      "media_mode, sounds_dir, config_dir, created_at, updated_at) VALUES (:name, :host, :port, :user, :secret, "
      ":max, :enabled, :mode, :sounds, :config, :created, :updated)",
      p);
  return c.last_insert_id();
}

void update(Connection& c, const PbxNode& n) {
  Params p = params_of(n);
  p.emplace_back("id", n.id);
  c.exec(
      "UPDATE pbx_nodes SET name = :name, ami_host = :host, ami_port = :port, ami_user = :user, "
      "ami_secret_enc = :secret, max_channels = :max, enabled = :enabled, media_mode = :mode, "
      "sounds_dir = :sounds, config_dir = :config, updated_at = :updated WHERE id = :id",
      p);
}

bool remove(Connection& c, std::int64_t id) {
  return c.exec("DELETE FROM pbx_nodes WHERE id = :id", {{"id", id}}) > 0;
}

}  // namespace torpedo::storage::pbx_nodes
