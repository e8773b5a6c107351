#pragma once
// Contact lists, contacts, the DNC list and background jobs in storage. Every function runs on
// the connection it is given, inside the caller's transaction when there is one. Values are
// already validated (the contacts module does that); this layer only stores and finds them.
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/clock.h"
#include "storage/database.h"

namespace torpedo::storage {

using Labels = std::array<std::optional<std::string>, 5>;

struct ContactList {
  std::int64_t id = 0;
  std::string name;
  std::optional<std::string> description;
  Labels labels;
  std::int64_t contact_count = 0;
  EpochMs created_at = 0;
  EpochMs updated_at = 0;
};

struct ContactListFields {
  std::string name;
  std::optional<std::string> description;
  Labels labels;
};

ContactList create_list(Connection& c, const ContactListFields& f, std::optional<std::int64_t> user, EpochMs now);
std::optional<ContactList> find_list(Connection& c, std::int64_t id);
// Newest first; `name_like` is a case-insensitive substring (already folded) or empty.
std::vector<ContactList> list_lists(Connection& c, const std::string& name_like, std::optional<std::int64_t> before_id,
                                    int limit);
void update_list(Connection& c, std::int64_t id, const ContactListFields& f, EpochMs now);
bool delete_list(Connection& c, std::int64_t id);
void add_to_count(Connection& c, std::int64_t list_id, std::int64_t delta, EpochMs now);

struct StoredPhone {
  std::string given;
  std::string e164;
  std::string type;  // mobile, fixed, other
};

struct Contact {
  std::int64_t id = 0;
  std::int64_t list_id = 0;
  std::optional<std::string> name;
  std::vector<StoredPhone> phones;  // 1 to 3
  std::optional<std::string> email;
  Labels custom;
  bool dnc = false;  // read only: the first phone is on the DNC list
  EpochMs created_at = 0;
  EpochMs updated_at = 0;
};

// One contact; ConstraintError when the list already has its first phone.
void insert_contact(Connection& c, Contact& contact);
void update_contact(Connection& c, const Contact& contact);
std::optional<Contact> find_contact(Connection& c, std::int64_t id);
// Deletes the ids that belong to the list; returns how many (the list's count follows).
std::int64_t delete_contacts(Connection& c, std::int64_t list_id, const std::vector<std::int64_t>& ids, EpochMs now);

// Imports: many rows per statement. Sets each contact's id.
void insert_contacts(Connection& c, std::vector<Contact>& batch);
// Replaces the data of existing contacts (found by id), for imports that update duplicates.
void update_contacts(Connection& c, const std::vector<Contact>& batch);
// Which of these first-phone numbers the list already has: E.164 → contact id.
std::unordered_map<std::string, std::int64_t> find_by_first_phone(Connection& c, std::int64_t list_id,
                                                                  const std::vector<std::string>& e164s);

struct ContactQuery {
  std::int64_t list_id = 0;
  std::vector<std::string> words;        // folded; each a prefix of some word of the name
  std::vector<std::string> e164s;       // any of these, exactly, in any of the three phones (≤ 100)
  std::optional<std::string> digits;     // the beginning of any phone, with or without the country code
  std::optional<std::string> email_prefix;
  int custom_field = 0;                  // 1–5 with custom_value
  std::string custom_value;
  std::optional<std::string> type;       // of the first phone
  std::optional<bool> dnc;
  enum class Sort { id, name, phone, email } sort = Sort::id;
  bool descending = false;
  // Keyset: the sort key and id of the last row of the previous page.
  std::optional<std::pair<std::string, std::int64_t>> after;
  int limit = 50;
};
std::vector<Contact> search_contacts(Connection& c, const ContactQuery& q);
// The sort key of a contact for `sort` (what a cursor holds).
std::string sort_key(const Contact& contact, ContactQuery::Sort sort);
// Every contact of a list in id order, a page at a time (exports).
void for_each_contact(Database& db, std::int64_t list_id, const std::function<void(const Contact&)>& fn);

// DNC ("Não Me Perturbe")
struct DncEntry {
  std::int64_t id = 0;
  std::string e164;
  std::string source;  // manual, import, ivr
  std::optional<std::string> note;
  std::optional<std::int64_t> created_by;
  EpochMs created_at = 0;
};
// ConstraintError when the number is already there.
DncEntry add_dnc(Connection& c, const std::string& e164, const std::string& source, const std::optional<std::string>& note,
                 std::optional<std::int64_t> user, EpochMs now);
std::optional<DncEntry> find_dnc(Connection& c, std::int64_t id);
bool delete_dnc(Connection& c, std::int64_t id);
bool is_dnc(Connection& c, const std::string& e164);
std::vector<DncEntry> search_dnc(Connection& c, const std::string& digits, std::optional<std::int64_t> before_id, int limit);
std::unordered_set<std::string> dnc_among(Connection& c, const std::vector<std::string>& e164s);
// Adds the numbers not there yet; returns how many were added.
std::int64_t add_dnc_batch(Connection& c, const std::vector<std::string>& e164s, const std::string& source,
                           std::optional<std::int64_t> user, EpochMs now);

}  // namespace torpedo::storage
