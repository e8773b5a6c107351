#include "storage/contacts.h"

#include <algorithm>

#include <fmt/format.h>

#include "common/text.h"

namespace torpedo::storage {

namespace {

constexpr const char* kContactColumns =
    "c.id, c.list_id, c.name, c.phone1, c.phone1_e164, c.phone1_type, c.phone2, c.phone2_e164, c.phone2_type, "
    "c.phone3, c.phone3_e164, c.phone3_type, c.email, c.custom1, c.custom2, c.custom3, c.custom4, c.custom5, "
    "c.created_at, c.updated_at, CASE WHEN d.id IS NULL THEN 0 ELSE 1 END AS dnc";

// A UTF-8 string cut to at most `max` bytes without splitting a character.
std::string clip(std::string s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  s.resize(n);
  return s;
}

std::string name_key(const std::optional<std::string>& name) { return name ? clip(fold(*name), 255) : ""; }

std::vector<std::string> words_of(const std::optional<std::string>& name) {
  std::vector<std::string> out;
  if (!name) return out;
  for (auto& w : folded_words(*name)) {
    w = clip(w, 32);
    if (!w.empty() && std::find(out.begin(), out.end(), w) == out.end()) out.push_back(std::move(w));
  }
  return out;
}

ContactList list_from(const Row& r) {
  ContactList l;
  l.id = r.i64("id");
  l.name = r.str("name");
  l.description = r.opt_str("description");
  for (int i = 0; i < 5; ++i) l.labels[static_cast<std::size_t>(i)] = r.opt_str(fmt::format("custom{}_label", i + 1));
  l.contact_count = r.i64("contact_count");
  l.created_at = r.i64("created_at");
  l.updated_at = r.i64("updated_at");
  return l;
}

Contact contact_from(const Row& r) {
  Contact c;
  c.id = r.i64("id");
  c.list_id = r.i64("list_id");
  c.name = r.opt_str("name");
  for (int i = 1; i <= 3; ++i) {
    auto e164 = r.opt_str(fmt::format("phone{}_e164", i));
    if (!e164) continue;
    c.phones.push_back({r.opt_str(fmt::format("phone{}", i)).value_or(""), *e164,
                        r.opt_str(fmt::format("phone{}_type", i)).value_or("other")});
  }
  c.email = r.opt_str("email");
  for (int i = 0; i < 5; ++i) c.custom[static_cast<std::size_t>(i)] = r.opt_str(fmt::format("custom{}", i + 1));
  c.created_at = r.i64("created_at");
  c.updated_at = r.i64("updated_at");
  c.dnc = r.i64("dnc") != 0;
  return c;
}

// The contact's columns after list_id, in table order, as positional parameters.
void push_contact_values(Params& p, const Contact& c) {
  p.emplace_back("", c.name);
  p.emplace_back("", name_key(c.name));
  for (std::size_t i = 0; i < 3; ++i) {
    if (i < c.phones.size()) {
      p.emplace_back("", c.phones[i].given);
      p.emplace_back("", c.phones[i].e164);
      p.emplace_back("", c.phones[i].type);
    } else {
      p.emplace_back("", nullptr);
      p.emplace_back("", nullptr);
      p.emplace_back("", nullptr);
    }
  }
  p.emplace_back("", c.email);
  for (const auto& v : c.custom) p.emplace_back("", v);
}


void insert_words(Connection& c, std::int64_t list_id, const std::vector<std::pair<std::int64_t, std::vector<std::string>>>& words) {
  std::vector<BulkColumn> cols(3);
  cols[0].integers = cols[2].integers = true;
  for (const auto& [id, ws] : words)
    for (const auto& w : ws) {
      cols[0].ints.push_back(list_id);
      cols[1].texts.push_back(w);
      cols[2].ints.push_back(id);
    }
  c.exec_bulk("INSERT INTO contact_words (list_id, word, contact_id) VALUES (:p,:p,:p)", cols);
}

// Removes the word rows of these contacts (their names as stored now).
void delete_words(Connection& c, std::int64_t list_id, const std::vector<std::int64_t>& ids) {
  std::vector<BulkColumn> cols(3);
  cols[0].integers = cols[2].integers = true;
  for (std::size_t start = 0; start < ids.size(); start += 500) {
    const std::size_t end = std::min(ids.size(), start + 500);
    Params p{{"", list_id}};
    std::string in;
    for (std::size_t i = start; i < end; ++i) {
      in += i > start ? ",:p" : ":p";
      p.emplace_back("", ids[i]);
    }
    for (const auto& r : c.query("SELECT id, name FROM contacts WHERE list_id = :p AND id IN (" + in + ")", p))
      for (const auto& w : words_of(r.opt_str("name"))) {
        cols[0].ints.push_back(list_id);
        cols[1].texts.push_back(w);
        cols[2].ints.push_back(r.i64("id"));
      }
  }
  c.exec_bulk("DELETE FROM contact_words WHERE list_id = :p AND word = :p AND contact_id = :p", cols);
}

std::string in_list(std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += i ? ",:p" : ":p";
  return s;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Lists

ContactList create_list(Connection& c, const ContactListFields& f, std::optional<std::int64_t> user, EpochMs now) {
  c.exec(
      "INSERT INTO contact_lists (name, description, custom1_label, custom2_label, custom3_label, custom4_label, "
      "custom5_label, contact_count, created_by, created_at, updated_at) "
      "VALUES (:name, :description, :l1, :l2, :l3, :l4, :l5, 0, :user, :now, :now)",
      {{"name", f.name},
       {"description", f.description},
       {"l1", f.labels[0]},
       {"l2", f.labels[1]},
       {"l3", f.labels[2]},
       {"l4", f.labels[3]},
       {"l5", f.labels[4]},
       {"user", user},
       {"now", now}});
  return *find_list(c, c.last_insert_id());
}

std::optional<ContactList> find_list(Connection& c, std::int64_t id) {
  auto r = c.query_one("SELECT * FROM contact_lists WHERE id = :id", {{"id", id}});
  if (!r) return std::nullopt;
  return list_from(*r);
}

std::vector<ContactList> list_lists(Connection& c, const std::string& name_like, std::optional<std::int64_t> before_id,
                                    int limit) {
  std::string sql = "SELECT * FROM contact_lists WHERE 1 = 1";
  Params p;
  if (before_id) {
    sql += " AND id < :before";
    p.emplace_back("before", *before_id);
  }
  if (!name_like.empty()) {
    sql += " AND LOWER(name) LIKE :like ESCAPE '!'";
    std::string like = "%";
    for (char ch : name_like) {
      if (ch == '%' || ch == '_' || ch == '!') like += '!';
      like += ch;
    }
    p.emplace_back("like", like + "%");
  }
  sql += " ORDER BY id DESC LIMIT " + std::to_string(limit);
  std::vector<ContactList> out;
  for (const auto& r : c.query(sql, p)) out.push_back(list_from(r));
  return out;
}

void update_list(Connection& c, std::int64_t id, const ContactListFields& f, EpochMs now) {
  c.exec(
      "UPDATE contact_lists SET name = :name, description = :description, custom1_label = :l1, custom2_label = :l2, "
      "custom3_label = :l3, custom4_label = :l4, custom5_label = :l5, updated_at = :now WHERE id = :id",
      {{"name", f.name},
       {"description", f.description},
       {"l1", f.labels[0]},
       {"l2", f.labels[1]},
       {"l3", f.labels[2]},
       {"l4", f.labels[3]},
       {"l5", f.labels[4]},
       {"now", now},
       {"id", id}});
}

bool delete_list(Connection& c, std::int64_t id) {
  // Words first: a cascade through contacts would visit them one by one.
  c.exec("DELETE FROM contact_words WHERE list_id = :id", {{"id", id}});
  c.exec("DELETE FROM contacts WHERE list_id = :id", {{"id", id}});
  return c.exec("DELETE FROM contact_lists WHERE id = :id", {{"id", id}}) > 0;
}

void add_to_count(Connection& c, std::int64_t list_id, std::int64_t delta, EpochMs now) {
  c.exec("UPDATE contact_lists SET contact_count = contact_count + :d, updated_at = :now WHERE id = :id",
         {{"d", delta}, {"now", now}, {"id", list_id}});
}

// ---------------------------------------------------------------------------------------
// Contacts

void insert_contact(Connection& c, Contact& contact) {
  std::vector<Contact> one{contact};
  insert_contacts(c, one);
  contact.id = one[0].id;
  contact.created_at = one[0].created_at;
  contact.updated_at = one[0].updated_at;
}

void insert_contacts(Connection& c, std::vector<Contact>& batch) {
  if (batch.empty()) return;
  const std::int64_t list_id = batch.front().list_id;
  // One statement prepared once and run per row (the fastest way into both databases).
  std::vector<BulkColumn> cols(20);
  for (std::size_t k : {0, 18, 19}) cols[k].integers = true;
  for (auto& col : cols) {
    if (col.integers) col.ints.reserve(batch.size());
    else col.texts.reserve(batch.size());
  }
  for (const auto& ct : batch) {
    std::size_t k = 0;
    cols[k++].ints.push_back(list_id);
    cols[k++].texts.push_back(ct.name);
    cols[k++].texts.push_back(name_key(ct.name));
    for (std::size_t i = 0; i < 3; ++i) {
      const bool has = i < ct.phones.size();
      cols[k++].texts.push_back(has ? std::optional(ct.phones[i].given) : std::nullopt);
      cols[k++].texts.push_back(has ? std::optional(ct.phones[i].e164) : std::nullopt);
      cols[k++].texts.push_back(has ? std::optional(ct.phones[i].type) : std::nullopt);
    }
    cols[k++].texts.push_back(ct.email);
    for (const auto& v : ct.custom) cols[k++].texts.push_back(v);
    cols[k++].ints.push_back(ct.created_at);
    cols[k++].ints.push_back(ct.updated_at);
  }
  c.exec_bulk(
      "INSERT INTO contacts (list_id, name, name_key, phone1, phone1_e164, phone1_type, phone2, phone2_e164, "
      "phone2_type, phone3, phone3_e164, phone3_type, email, custom1, custom2, custom3, custom4, custom5, "
      "created_at, updated_at) VALUES (:p,:p,:p,:p,:p,:p,:p,:p,:p,:p,:p,:p,:p,:p,:p,:p,:p,:p,:p,:p)",
      cols);
  std::vector<std::pair<std::int64_t, std::vector<std::string>>> words;
  // One writer holds SQLite's lock for the whole transaction, so the rows just inserted took
  // consecutive ids ending at the last one; the first and last rows confirm it.
  bool consecutive = false;
  if (c.dialect() == Dialect::sqlite) {
    const std::int64_t last = c.last_insert_id();
    const auto first = last - static_cast<std::int64_t>(batch.size()) + 1;
    auto ends = find_by_first_phone(c, list_id, {batch.front().phones.at(0).e164, batch.back().phones.at(0).e164});
    consecutive = ends[batch.front().phones.at(0).e164] == first && ends[batch.back().phones.at(0).e164] == last;
    if (consecutive)
      for (std::size_t i = 0; i < batch.size(); ++i) {
        batch[i].id = first + static_cast<std::int64_t>(i);
        words.emplace_back(batch[i].id, words_of(batch[i].name));
      }
  }
  if (!consecutive) {
    // InnoDB may interleave other sessions' ids: read them back by the unique first phone.
    std::vector<std::string> e164s;
    e164s.reserve(batch.size());
    for (const auto& ct : batch) e164s.push_back(ct.phones.at(0).e164);
    auto ids = find_by_first_phone(c, list_id, e164s);
    for (auto& ct : batch) {
      ct.id = ids.at(ct.phones.at(0).e164);
      words.emplace_back(ct.id, words_of(ct.name));
    }
  }
  insert_words(c, list_id, words);
}

void update_contact(Connection& c, const Contact& contact) {
  std::vector<Contact> one{contact};
  update_contacts(c, one);
}

void update_contacts(Connection& c, const std::vector<Contact>& batch) {
  if (batch.empty()) return;
  std::vector<std::int64_t> ids;
  for (const auto& ct : batch) ids.push_back(ct.id);
  delete_words(c, batch.front().list_id, ids);
  for (const auto& ct : batch) {
    Params p;
    push_contact_values(p, ct);
    p.emplace_back("", ct.updated_at);
    p.emplace_back("", ct.id);
    c.exec(
        "UPDATE contacts SET name = :p, name_key = :p, phone1 = :p, phone1_e164 = :p, phone1_type = :p, phone2 = :p, "
        "phone2_e164 = :p, phone2_type = :p, phone3 = :p, phone3_e164 = :p, phone3_type = :p, email = :p, "
        "custom1 = :p, custom2 = :p, custom3 = :p, custom4 = :p, custom5 = :p, updated_at = :p WHERE id = :p",
        p);
  }
  std::vector<std::pair<std::int64_t, std::vector<std::string>>> words;
  for (const auto& ct : batch) words.emplace_back(ct.id, words_of(ct.name));
  insert_words(c, batch.front().list_id, words);
}

std::optional<Contact> find_contact(Connection& c, std::int64_t id) {
  auto r = c.query_one(std::string("SELECT ") + kContactColumns +
                           " FROM contacts c LEFT JOIN dnc d ON d.e164 = c.phone1_e164 WHERE c.id = :id",
                       {{"id", id}});
  if (!r) return std::nullopt;
  return contact_from(*r);
}

std::int64_t delete_contacts(Connection& c, std::int64_t list_id, const std::vector<std::int64_t>& ids, EpochMs now) {
  std::int64_t deleted = 0;
  for (std::size_t start = 0; start < ids.size(); start += 500) {
    const std::size_t end = std::min(ids.size(), start + 500);
    Params p{{"", list_id}};
    for (std::size_t i = start; i < end; ++i) p.emplace_back("", ids[i]);
    const std::string in = in_list(end - start);
    delete_words(c, list_id, std::vector<std::int64_t>(ids.begin() + static_cast<std::ptrdiff_t>(start),
                                                       ids.begin() + static_cast<std::ptrdiff_t>(end)));
    deleted += c.exec("DELETE FROM contacts WHERE list_id = :p AND id IN (" + in + ")", p);
  }
  if (deleted) add_to_count(c, list_id, -deleted, now);
  return deleted;
}

std::unordered_map<std::string, std::int64_t> find_by_first_phone(Connection& c, std::int64_t list_id,
                                                                  const std::vector<std::string>& e164s) {
  std::unordered_map<std::string, std::int64_t> out;
  for (std::size_t start = 0; start < e164s.size(); start += 500) {
    const std::size_t end = std::min(e164s.size(), start + 500);
    Params p{{"", list_id}};
    for (std::size_t i = start; i < end; ++i) p.emplace_back("", e164s[i]);
    for (const auto& r : c.query("SELECT id, phone1_e164 FROM contacts WHERE list_id = :p AND phone1_e164 IN (" +
                                     in_list(end - start) + ")",
                                 p))
      out.emplace(r.str("phone1_e164"), r.i64("id"));
  }
  return out;
}

std::string sort_key(const Contact& contact, ContactQuery::Sort sort) {
  switch (sort) {
    case ContactQuery::Sort::id: return "";
    case ContactQuery::Sort::name: return name_key(contact.name);
    case ContactQuery::Sort::phone: return contact.phones.empty() ? "" : contact.phones[0].e164;
    case ContactQuery::Sort::email: return contact.email.value_or("");
  }
  return "";
}

std::vector<Contact> search_contacts(Connection& c, const ContactQuery& q) {
  std::string sql = std::string("SELECT ") + kContactColumns +
                    " FROM contacts c LEFT JOIN dnc d ON d.e164 = c.phone1_e164 WHERE c.list_id = :list";
  Params p{{"list", q.list_id}};
  auto like_escape = [](const std::string& s) {
    std::string out;
    for (char ch : s) {
      if (ch == '%' || ch == '_' || ch == '!') out += '!';
      out += ch;
    }
    return out;
  };
  static constexpr const char* kFrom[8] = {"w0", "w1", "w2", "w3", "w4", "w5", "w6", "w7"};
  static constexpr const char* kTo[8] = {"x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7"};
  static const std::string kTop = "\xF4\x8F\xBF\xBF";  // U+10FFFF: above any UTF-8 text
  // Words: a prefix range on the word index, [word, word + U+10FFFF), compared byte by byte.
  // A rare word is looked up first and its few contacts checked; when every word is common,
  // the list is walked in the page's order and each contact checked, which finds a page of
  // matches after a few rows. Either way no query reads the whole list.
  const std::size_t words = std::min<std::size_t>(q.words.size(), 8);
  std::optional<std::size_t> rare;
  std::int64_t rarest = 0;
  constexpr std::int64_t kRare = 2000;
  for (std::size_t i = 0; i < words; ++i) {
    const auto n = c.query_one(
                        "SELECT COUNT(*) AS n FROM (SELECT 1 FROM contact_words WHERE list_id = :list AND word >= :lo "
                        "AND word < :hi LIMIT 2000) t",
                        {{"list", q.list_id}, {"lo", q.words[i]}, {"hi", q.words[i] + kTop}})
                       ->i64("n");
    if (n < kRare && (!rare || n < rarest)) {
      rare = i;
      rarest = n;
    }
  }
  for (std::size_t i = 0; i < words; ++i) {
    const std::string lo = kFrom[i], hi = kTo[i];
    if (rare && *rare == i)
      sql += " AND c.id IN (SELECT contact_id FROM contact_words WHERE list_id = :list AND word >= :" + lo +
             " AND word < :" + hi + ")";
    else  // a common word: checked on the row's folded name as the list is walked
      sql += c.dialect() == Dialect::sqlite ? " AND (' ' || c.name_key) LIKE :" + lo
                                            : " AND CONCAT(' ', c.name_key) LIKE :" + lo;
    if (rare && *rare == i) {
      p.emplace_back(kFrom[i], q.words[i]);
      p.emplace_back(kTo[i], q.words[i] + kTop);
    } else {
      p.emplace_back(kFrom[i], "% " + q.words[i] + "%");  // folded words hold no % or _
    }
  }
  // Phones: one indexed lookup per phone column and condition, never a scan of the list. The
  // first phone is indexed with its list; the others on their own (the outer query keeps the
  // list). The matches join as a derived table, which both databases build once.
  std::string phone_join;
  auto any_phone = [&](const std::vector<std::string>& conditions) {
    std::string u;
    for (int n = 1; n <= 3; ++n)
      for (const auto& condition : conditions) {
        std::string cond = condition;
        for (std::size_t at; (at = cond.find("{col}")) != std::string::npos;)
          cond.replace(at, 5, "phone" + std::to_string(n) + "_e164");
        u += std::string(u.empty() ? "" : " UNION ") + "SELECT id FROM contacts WHERE " +
             (n == 1 ? "list_id = :list AND " : "") + cond;
      }
    phone_join = " JOIN (" + u + ") ph ON ph.id = c.id";
  };
  if (!q.e164s.empty()) {
    static const std::vector<std::string> kNames = [] {
      std::vector<std::string> v;
      for (int i = 0; i < 100; ++i) v.push_back("e" + std::to_string(i));
      return v;
    }();
    std::string in;
    for (std::size_t i = 0; i < q.e164s.size() && i < kNames.size(); ++i) {
      in += (i ? ",:" : ":") + kNames[i];
      p.emplace_back(kNames[i], q.e164s[i]);
    }
    any_phone({"{col} IN (" + in + ")"});
  }
  if (q.digits) {
    // The beginning of the number, with or without the country code. GLOB (SQLite) and LIKE
    // (MySQL) with a fixed prefix both use the index.
    const bool sqlite = c.dialect() == Dialect::sqlite;
    const char* op = sqlite ? "GLOB" : "LIKE";
    any_phone({std::string("{col} ") + op + " :pre1", std::string("{col} ") + op + " :pre2"});
    const char* any = sqlite ? "*" : "%";
    p.emplace_back("pre1", "+" + *q.digits + any);
    p.emplace_back("pre2", "+55" + *q.digits + any);
  }
  if (!phone_join.empty()) {
    const auto where = sql.find(" WHERE c.list_id = :list");
    sql.insert(where, phone_join);
  }
  if (q.email_prefix) {
    sql += " AND LOWER(c.email) LIKE :email ESCAPE '!'";
    p.emplace_back("email", like_escape(*q.email_prefix) + "%");
  }
  if (q.custom_field >= 1 && q.custom_field <= 5 && !q.custom_value.empty()) {
    sql += " AND LOWER(c.custom" + std::to_string(q.custom_field) + ") LIKE :custom ESCAPE '!'";
    p.emplace_back("custom", "%" + like_escape(q.custom_value) + "%");
  }
  if (q.type) {
    sql += " AND c.phone1_type = :type";
    p.emplace_back("type", *q.type);
  }
  if (q.dnc) sql += *q.dnc ? " AND d.id IS NOT NULL" : " AND d.id IS NULL";

  std::string key_expr;
  switch (q.sort) {
    case ContactQuery::Sort::id: break;
    case ContactQuery::Sort::name: key_expr = "c.name_key"; break;
    case ContactQuery::Sort::phone: key_expr = "c.phone1_e164"; break;
    case ContactQuery::Sort::email: key_expr = "COALESCE(c.email, '')"; break;
  }
  const char* cmp = q.descending ? "<" : ">";
  const char* dir = q.descending ? " DESC" : "";
  if (q.after) {
    if (key_expr.empty()) {
      sql += std::string(" AND c.id ") + cmp + " :after_id";
    } else {
      sql += " AND (" + key_expr + " " + cmp + " :after_key OR (" + key_expr + " = :after_key AND c.id " + cmp +
             " :after_id))";
      p.emplace_back("after_key", q.after->first);
    }
    p.emplace_back("after_id", q.after->second);
  }
  sql += " ORDER BY " + (key_expr.empty() ? std::string() : key_expr + dir + ", ") + "c.id" + dir;
  sql += " LIMIT " + std::to_string(std::clamp(q.limit, 1, 1000));
  std::vector<Contact> out;
  for (const auto& r : c.query(sql, p)) out.push_back(contact_from(r));
  return out;
}

void for_each_contact(Database& db, std::int64_t list_id, const std::function<void(const Contact&)>& fn) {
  std::int64_t after = 0;
  for (;;) {
    std::vector<Contact> page;
    db.with_connection([&](Connection& c) {
      for (const auto& r : c.query(std::string("SELECT ") + kContactColumns +
                                       " FROM contacts c LEFT JOIN dnc d ON d.e164 = c.phone1_e164 "
                                       "WHERE c.list_id = :list AND c.id > :after ORDER BY c.id LIMIT 1000",
                                   {{"list", list_id}, {"after", after}}))
        page.push_back(contact_from(r));
    });
    for (const auto& ct : page) fn(ct);
    if (page.size() < 1000) return;
    after = page.back().id;
  }
}

// ---------------------------------------------------------------------------------------
// DNC

namespace {
DncEntry dnc_from(const Row& r) {
  return {r.i64("id"), r.str("e164"), r.str("source"), r.opt_str("note"), r.opt_i64("created_by"), r.i64("created_at")};
}
}  // namespace

DncEntry add_dnc(Connection& c, const std::string& e164, const std::string& source, const std::optional<std::string>& note,
                 std::optional<std::int64_t> user, EpochMs now) {
  c.exec("INSERT INTO dnc (e164, source, note, created_by, created_at) VALUES (:e164, :source, :note, :user, :now)",
         {{"e164", e164}, {"source", source}, {"note", note}, {"user", user}, {"now", now}});
  return *find_dnc(c, c.last_insert_id());
}

std::optional<DncEntry> find_dnc(Connection& c, std::int64_t id) {
  auto r = c.query_one("SELECT * FROM dnc WHERE id = :id", {{"id", id}});
  if (!r) return std::nullopt;
  return dnc_from(*r);
}

bool delete_dnc(Connection& c, std::int64_t id) { return c.exec("DELETE FROM dnc WHERE id = :id", {{"id", id}}) > 0; }

bool is_dnc(Connection& c, const std::string& e164) {
  return c.query_one("SELECT id FROM dnc WHERE e164 = :e", {{"e", e164}}).has_value();
}

std::vector<DncEntry> search_dnc(Connection& c, const std::string& digits, std::optional<std::int64_t> before_id, int limit) {
  std::string sql = "SELECT * FROM dnc WHERE 1 = 1";
  Params p;
  if (!digits.empty()) {
    sql += " AND e164 LIKE :digits";
    p.emplace_back("digits", "%" + digits + "%");
  }
  if (before_id) {
    sql += " AND id < :before";
    p.emplace_back("before", *before_id);
  }
  sql += " ORDER BY id DESC LIMIT " + std::to_string(std::clamp(limit, 1, 1000));
  std::vector<DncEntry> out;
  for (const auto& r : c.query(sql, p)) out.push_back(dnc_from(r));
  return out;
}

std::unordered_set<std::string> dnc_among(Connection& c, const std::vector<std::string>& e164s) {
  std::unordered_set<std::string> out;
  for (std::size_t start = 0; start < e164s.size(); start += 500) {
    const std::size_t end = std::min(e164s.size(), start + 500);
    Params p;
    for (std::size_t i = start; i < end; ++i) p.emplace_back("", e164s[i]);
    for (const auto& r : c.query("SELECT e164 FROM dnc WHERE e164 IN (" + in_list(end - start) + ")", p))
      out.insert(r.str("e164"));
  }
  return out;
}

std::int64_t add_dnc_batch(Connection& c, const std::vector<std::string>& e164s, const std::string& source,
                           std::optional<std::int64_t> user, EpochMs now) {
  std::int64_t added = 0;
  const bool sqlite = c.dialect() == Dialect::sqlite;
  for (std::size_t start = 0; start < e164s.size(); start += 500) {
    const std::size_t end = std::min(e164s.size(), start + 500);
    std::string sql = sqlite ? "INSERT OR IGNORE INTO dnc (e164, source, note, created_by, created_at) VALUES "
                             : "INSERT IGNORE INTO dnc (e164, source, note, created_by, created_at) VALUES ";
    Params p;
    for (std::size_t i = start; i < end; ++i) {
      sql += i > start ? ",(:p,:p,NULL,:p,:p)" : "(:p,:p,NULL,:p,:p)";
      p.emplace_back("", e164s[i]);
      p.emplace_back("", source);
      p.emplace_back("", user);
      p.emplace_back("", now);
    }
    added += c.exec(sql, p);
  }
  return added;
}

}  // namespace torpedo::storage
