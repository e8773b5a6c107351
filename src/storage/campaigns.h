#pragma once
// Campaigns, the contacts they call (campaign_contacts), their call attempts and counters.
// Every function runs on the connection it is given, inside the caller's transaction when
// there is one; values are already validated (the API and engine/policy.h do that).
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "storage/database.h"

namespace torpedo::storage {

struct CampaignRow {
  std::int64_t id = 0;
  std::string name;
  std::string status = "draft";  // draft scheduled running paused completed cancelled
  std::optional<std::int64_t> audio_id;
  std::optional<std::string> caller_id;
  int max_concurrent = 10;
  double max_cps = 5;
  int ring_timeout_s = 30;
  bool amd_enabled = false;
  std::optional<std::string> amd_params;
  std::string machine_action = "hangup";  // hangup | message
  bool ivr_enabled = false;
  std::string ivr_options = "{}";   // JSON, as config_applier reads it
  int read_timeout_s = 5;
  std::string retry_policy = "{}";  // JSON (engine/policy.h)
  std::string schedule = "{}";      // JSON windows (engine/policy.h)
  std::string timezone = "America/Sao_Paulo";
  bool allow_holidays = false;
  std::optional<EpochMs> starts_at, ends_at;
  std::optional<std::int64_t> created_by;
  EpochMs created_at = 0, updated_at = 0;
  std::optional<EpochMs> started_at, completed_at;
  std::vector<std::int64_t> list_ids;
  std::vector<std::int64_t> trunk_ids;  // failover order
};

struct CampaignCounters {
  std::int64_t attempts = 0, answered = 0, voicemail = 0, busy = 0, no_answer = 0, failed = 0, invalid_number = 0,
               cancelled = 0, unknown = 0, dnc_skipped = 0, short_calls = 0, talk_ms_total = 0, ring_ms_total = 0;
};

// How a campaign's contacts stand: pending (due or waiting), dialing, done, DNC-skipped.
struct ContactTally {
  std::int64_t pending = 0, dialing = 0, completed = 0, dnc = 0;
  std::int64_t total() const { return pending + dialing + completed + dnc; }
};

// A contact due for a call, with its phones (E.164 digits, empty when absent).
struct DueContact {
  std::int64_t id = 0;  // campaign_contacts.id
  std::int64_t contact_id = 0;
  int phone_index = 1;
  int attempts = 0;
  std::array<std::string, 3> phones;
  unsigned invalid_mask = 0;
  int phone_count() const { return phones[2].empty() ? (phones[1].empty() ? 1 : 2) : 3; }
};

struct AttemptRow {
  std::int64_t id = 0;
  std::string uuid;       // the Originate ChannelId
  std::string action_id;  // the Originate ActionID
  std::int64_t campaign_id = 0;
  std::int64_t campaign_contact_id = 0;
  std::int64_t contact_id = 0;
  int attempt_no = 1;
  int phone_index = 1;
  std::string number;  // E.164 digits
  std::optional<std::int64_t> trunk_id, node_id;
  std::optional<std::string> channel;
  std::string state = "dialing";  // dialing | ended
  EpochMs created_at = 0;
  std::optional<EpochMs> answered_at, ended_at;
  std::optional<std::string> disposition;
  std::optional<int> hangup_cause, tech_cause;
  std::optional<std::string> amd_status, amd_cause, dtmf;
  std::optional<std::int64_t> ring_ms, talk_ms;
};

// What the engine writes when an attempt ends: the attempt's result, the contact's next step
// and the counters, in one transaction.
struct AttemptEnd {
  std::int64_t attempt_id = 0;
  std::int64_t campaign_id = 0;
  std::int64_t campaign_contact_id = 0;
  std::int64_t contact_id = 0;
  std::string disposition;
  std::optional<std::string> channel;
  std::optional<int> hangup_cause, tech_cause;
  std::optional<std::string> amd_status, amd_cause, dtmf;
  std::optional<EpochMs> answered_at;
  EpochMs ended_at = 0;
  EpochMs ring_ms = 0, talk_ms = 0;
  bool short_call = false;
  // The contact's next step.
  bool contact_done = false;
  int next_phone_index = 1;
  EpochMs next_attempt_at = 0;
  unsigned invalid_mask = 0;  // written to contacts.invalid_flags when it changed
  bool invalid_changed = false;
  std::optional<std::string> optout_number;  // the callee chose opt-out: add to the DNC list
};

namespace campaigns {

std::vector<CampaignRow> list(Connection& c);
std::optional<CampaignRow> find(Connection& c, std::int64_t id);
std::int64_t insert(Connection& c, const CampaignRow& row);
void update(Connection& c, const CampaignRow& row);  // settings, lists and trunks (not status)
bool remove(Connection& c, std::int64_t id);
// Moves to `to` when the status is one of `from`; false otherwise (someone else moved it).
bool transition(Connection& c, std::int64_t id, const std::vector<std::string>& from, const std::string& to, EpochMs now);
std::vector<std::int64_t> ids_in_status(Connection& c, const std::vector<std::string>& statuses);

// Adds the contacts of the campaign's lists it does not have yet (at start and resume);
// returns how many were added.
std::int64_t materialize(Connection& c, std::int64_t id, EpochMs now);
// Contacts of the campaign's lists that could be called (not counting the DNC list).
std::int64_t contacts_in_lists(Connection& c, std::int64_t id);
ContactTally tally(Connection& c, std::int64_t id);
CampaignCounters counters(Connection& c, std::int64_t id);

// ---- the engine's side
// Pending contacts due at `now`, oldest due first, at most `limit`, with id > `after_id`
// among equal due times (the engine pages through them).
std::vector<DueContact> due(Connection& c, std::int64_t campaign_id, EpochMs now, int limit);
// When the next pending contact becomes due; nullopt when none is pending.
std::optional<EpochMs> next_due_at(Connection& c, std::int64_t campaign_id);
// Postpones contacts (outside their calling window) to `at`.
void postpone(Connection& c, const std::vector<std::int64_t>& campaign_contact_ids, EpochMs at, EpochMs now);
// The contact's phone is on the DNC list: next phone, or marked dnc-skipped.
void skip_phone(Connection& c, const DueContact& contact, std::optional<int> next_phone, EpochMs now,
                std::int64_t campaign_id);
// Writes the attempt and marks its contact as dialing.
void begin_attempt(Connection& c, AttemptRow& row);
// An attempt whose Originate was never sent (the connection was down): removed, and its
// contact is due again.
void withdraw_attempt(Connection& c, std::int64_t attempt_id, std::int64_t campaign_contact_id, EpochMs now);
void end_attempt(Connection& c, const AttemptEnd& end);
// Attempts not ended (after a crash, for reconciliation).
std::vector<AttemptRow> open_attempts(Connection& c);
std::vector<AttemptRow> recent_attempts(Connection& c, std::int64_t campaign_id, int limit,
                                        std::optional<std::int64_t> before_id = std::nullopt);
// A retry's contact as it stands now (for the next step after an attempt ended).
std::optional<DueContact> contact_state(Connection& c, std::int64_t campaign_contact_id);

}  // namespace campaigns
}  // namespace torpedo::storage
