#pragma once
// PBX nodes: the Asterisk servers Torpedo drives. The AMI secret is stored only as SecretBox
// ciphertext (ami_secret_enc).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "storage/database.h"

namespace torpedo::storage {

struct PbxNode {
  std::int64_t id = 0;
  std::string name;
  std::string ami_host;
  int ami_port = 5038;
  std::string ami_user;
  std::string ami_secret_enc;
  int max_channels = 100;
  bool enabled = true;
  std::string media_mode = "directory";  // directory | http
  std::optional<std::string> sounds_dir;
  std::optional<std::string> config_dir;
  EpochMs created_at = 0;
  EpochMs updated_at = 0;
};

namespace pbx_nodes {
std::vector<PbxNode> list(Connection& c);
std::optional<PbxNode> find(Connection& c, std::int64_t id);
std::optional<PbxNode> find_by_name(Connection& c, const std::string& name);
std::int64_t insert(Connection& c, const PbxNode& n);
void update(Connection& c, const PbxNode& n);
bool remove(Connection& c, std::int64_t id);
}  // namespace pbx_nodes

}  // namespace torpedo::storage
