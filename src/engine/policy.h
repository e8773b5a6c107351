#pragma once
// A campaign's documents (SPEC §3) and what happens to a contact after each attempt.
//
// The retry policy and the calling windows are stored as JSON (campaigns.retry_policy,
// campaigns.schedule); parse_* read them strictly, throwing PolicyError with the field's path
// and a Portuguese reason, so that the API refuses what the engine could misread. Pure: no
// storage, no clock.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "common/clock.h"
#include "engine/calendar.h"
#include "engine/classify.h"

namespace torpedo::engine {

struct PolicyError : std::runtime_error {
  PolicyError(std::string field_path, const std::string& message)
      : std::runtime_error(message), field(std::move(field_path)) {}
  std::string field;  // "retryPolicy.delaysS.busy"
};

std::optional<Disposition> disposition_from(const std::string& s);

// {"maxAttempts": 3, "delaysS": {"busy": 900, "no-answer": 1800, "failed": 600,
//  "voicemail": null, "unknown": 600}, "nextPhoneOn": ["busy", "no-answer"]}
// A null (or absent) delay: that outcome is not retried.
struct RetryPolicy {
  int max_attempts = 3;  // per contact, all its phones together (1–20)
  std::map<Disposition, int> delay_s = {{Disposition::busy, 15 * 60},
                                        {Disposition::no_answer, 30 * 60},
                                        {Disposition::failed, 10 * 60},
                                        {Disposition::unknown, 10 * 60}};
  // Besides invalid-number and failed (always), which outcomes move to the contact's next phone.
  std::set<Disposition> next_phone_on = {Disposition::no_answer, Disposition::busy};
};
RetryPolicy parse_retry_policy(const nlohmann::json& j);  // throws PolicyError ("retryPolicy.…")
nlohmann::json to_json(const RetryPolicy& p);

// {"windows": [{"weekdays": [1,2,3,4,5], "start": "09:00", "end": "20:00"}, …]}; weekdays
// 0 = Sunday … 6 = Saturday. Holidays are the campaign's allow_holidays column.
std::vector<Window> parse_windows(const nlohmann::json& j);  // throws PolicyError ("schedule.…")
nlohmann::json windows_json(const std::vector<Window>& windows);
// Monday–Friday 09:00–20:00 and Saturday 09:00–14:00, the usual telemarketing rules.
std::vector<Window> default_windows();

// The campaign's time zone judges numbers whose zone the DDD does not tell (foreign numbers).
// Brazil has no daylight saving time: each supported zone is a fixed offset, in minutes.
std::optional<int> zone_offset(const std::string& iana_name);

// A contact as the engine sees it between attempts.
struct ContactProgress {
  int attempts = 0;      // made so far, including the one that just ended
  int phone_index = 1;   // 1-based, the phone just dialed
  int phone_count = 1;   // 1–3
  unsigned invalid_mask = 0;  // bit (i-1): phone i is flagged invalid
};

struct NextStep {
  bool done = false;     // no more attempts for this contact
  int phone_index = 1;   // the phone of the next attempt
  EpochMs at = 0;        // when it is due
  unsigned invalid_mask = 0;
};

// After an attempt ended with `d` at `now`: retry (which phone, when) or done. An answered call
// is done; invalid-number flags the phone and moves on; failed moves to the next phone at once;
// no-answer and busy do when the policy says so; the others wait their delay on the same
// phone. Past the last phone the round starts again at the first valid phone after the delay.
// Reaching max_attempts, or an outcome with no delay, ends the contact.
NextStep after_attempt(const RetryPolicy& policy, Disposition d, const ContactProgress& contact, EpochMs now);

}  // namespace torpedo::engine
