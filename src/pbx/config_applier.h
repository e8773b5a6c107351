#pragma once
// Applies the telephony model to every PBX node: builds the model as the node sees it (its
// sounds directory decides where music on hold and prompts live), generates the include files
// (telephony/generator.h), writes them atomically into the node's configuration directory,
// reloads res_pjsip, app_queue, res_musiconhold and pbx_config through AMI, and verifies
// through AMI that every endpoint, queue, context and music class is there.
//
// apply_all() blocks (the API's "Aplicar no Asterisk"); schedule() asks the worker thread to
// do the same soon (after each telephony write, when automatic apply is on), coalescing
// bursts of writes into one apply. Both are serialised: one apply at a time.
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/clock.h"
#include "common/crypto.h"
#include "pbx/manager.h"
#include "storage/database.h"
#include "storage/pbx_nodes.h"
#include "telephony/generator.h"

namespace torpedo::pbx {

struct NodeApplyReport {
  std::int64_t node_id = 0;
  std::string node_name;
  bool ok = false;
  bool skipped = false;               // no configuration directory: nothing to write
  std::vector<std::string> written;   // file names
  std::vector<std::string> reloaded;  // modules
  std::vector<std::string> missing;   // "endpoint r1001-x", "fila suporte", "contexto …", "classe …"
  std::string error;                  // Portuguese, says what to do
  std::string checksum;               // SHA-256 of the files written
  EpochMs at = 0;
};
nlohmann::json to_json(const NodeApplyReport& r);

struct NodePreview {
  std::int64_t node_id = 0;
  std::string node_name;
  std::vector<telephony::GeneratedFile> files;  // secrets masked
  std::vector<std::string> diffs;               // per file: unified diff against the node's disk (masked too)
  bool skipped = false;  // no configuration directory: an apply will not write here
  std::string error;
};

class ConfigApplier {
 public:
  using OnReport = std::function<void(const std::vector<NodeApplyReport>&)>;
  ConfigApplier(storage::Database& db, const crypto::SecretBox& secrets, Manager& pbx, const Clock& clock,
                std::string public_url, OnReport on_report);
  ~ConfigApplier();
  ConfigApplier(const ConfigApplier&) = delete;
  ConfigApplier& operator=(const ConfigApplier&) = delete;

  void start();
  // Asks the worker to finish (after the apply it may be running); does not wait. For the io
  // thread's shutdown hook, which must not block on AMI answers that need that very thread.
  void request_stop();
  void stop();  // request_stop() and wait for the worker
  void schedule();
  // Waits until no scheduled apply is pending or running, or `timeout` passes (tests).
  bool wait_idle(std::chrono::milliseconds timeout);

  std::vector<NodeApplyReport> apply_all();
  std::vector<NodePreview> preview();
  // The model as `node` sees it. With `secrets`, extension and trunk secrets are opened
  // (throws when one does not open with the master key); without, they are left empty.
  telephony::Model model_for(const storage::PbxNode& node, bool secrets);

 private:
  NodeApplyReport apply_node(const storage::PbxNode& node);
  void verify(const storage::PbxNode& node, const telephony::Model& model, NodeApplyReport& report);
  void loop();

  storage::Database& db_;
  const crypto::SecretBox& secrets_;
  Manager& pbx_;
  const Clock& clock_;
  std::string public_url_;
  OnReport on_report_;

  std::mutex apply_mutex_;  // one apply at a time
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  bool pending_ = false;
  bool busy_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

// A line diff of two texts in unified format ("--- a", "+++ b", "@@" hunks with 3 lines of
// context); empty when they are equal.
std::string unified_diff(const std::string& before, const std::string& after, const std::string& name);

}  // namespace torpedo::pbx
