#include "engine/dialer.h"

#include <utility>  // Boost 1.74's awaitable.hpp uses std::exchange without including it.

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <deque>
#include <mutex>
#include <map>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "common/crypto.h"
#include "common/strings.h"
#include "engine/calendar.h"
#include "engine/classify.h"
#include "engine/pacer.h"
#include "engine/policy.h"
#include "media/delivery.h"
#include "storage/audio.h"
#include "storage/contacts.h"
#include "storage/pbx_nodes.h"
#include "storage/telephony.h"
#include "storage/users.h"
#include "telephony/generator.h"
#include "telephony/numbering.h"

namespace torpedo::engine {

namespace asio = boost::asio;
using nlohmann::json;

namespace {

// A version 4 UUID: the attempt's ChannelId, which Asterisk makes the channel's Uniqueid.
std::string new_uuid() {
  std::string h = crypto::random_hex(16);
  h[12] = '4';
  h[16] = "89ab"[(h[16] - '0') & 3];
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" + h.substr(20);
}

telephony::Trunk trunk_model(const storage::TrunkRow& t) {
  telephony::Trunk x;
  x.id = t.id;
  x.name = t.name;
  x.max_channels = t.max_channels;
  x.max_cps = t.max_cps;
  x.caller_id = t.caller_id;
  x.number_format = telephony::number_format_from(t.number_format).value_or(telephony::NumberFormat::e164);
  x.dial_prefix = t.dial_prefix;
  x.allowed_prefixes = split(t.allowed_prefixes, ',', true);
  x.enabled = t.enabled;
  return x;
}

bool is_call_event(std::string_view e) {
  return e == "OriginateResponse" || e == "Newchannel" || e == "Newstate" || e == "Hangup" || e == "HangupRequest" ||
         e == "SoftHangupRequest" || e == "DialBegin" || e == "DialState" || e == "DialEnd" || e == "UserEvent";
}

}  // namespace

void LatencyStats::add(std::chrono::steady_clock::duration d) {
  if (samples_.size() < 200'000)
    samples_.push_back(static_cast<std::uint32_t>(std::chrono::duration_cast<std::chrono::microseconds>(d).count()));
}

double LatencyStats::percentile_ms(double p) const {
  if (samples_.empty()) return 0;
  std::vector<std::uint32_t> v = samples_;
  const auto k = static_cast<std::size_t>(p / 100.0 * static_cast<double>(v.size() - 1));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k] / 1000.0;
}

std::string LatencyStats::describe() const {
  return fmt::format("{} samples, p50 {:.2f} ms, p99 {:.2f} ms, max {:.2f} ms", count(), percentile_ms(50),
                     percentile_ms(99), percentile_ms(100));
}

struct Dialer::Impl : std::enable_shared_from_this<Impl> {
  Impl(storage::Database& d, PbxLink& p, const Clock& c, DialerOptions o)
      : db(d), pbx(p), clock(c), options(std::move(o)), work(io.get_executor()), timer(io) {
  }

  storage::Database& db;
  PbxLink& pbx;
  const Clock& clock;
  DialerOptions options;
  asio::io_context io{1};
  asio::executor_work_guard<asio::io_context::executor_type> work;
  asio::steady_timer timer;
  std::thread thread;
  TransitionFn on_transition;
  ProgressFn on_progress;

  // Everything below is the engine's, touched on its thread under `mutex` (other threads only
  // read snapshots through live_calls() and progress()).
  mutable std::mutex mutex;

  struct Node {
    std::int64_t id = 0;
    int max_channels = 0;
    bool connected = false;
    bool http = false;
    std::optional<std::string> sounds_dir;
    bool resync_pending = false;  // dialing waits until CoreShowChannels settled its calls
    EpochMs resync_asked_at = 0;
  };
  std::map<std::int64_t, Node> nodes;
  std::map<std::int64_t, telephony::Trunk> trunks;

  struct Campaign {
    storage::CampaignRow row;
    RetryPolicy policy;
    Schedule schedule;
    int zone = -180;
    std::optional<storage::AudioFile> audio;
    std::deque<storage::DueContact> due;
    EpochMs refill_at = 0;  // no contact is due before this
    Progress progress;
    std::deque<EpochMs> ended;  // end times of the last minute, for calls per minute
    EpochMs published_at = 0;
    bool dirty = true;
    // When its calls ended, for the slot-to-Originate latency (a freed slot is refilled by the
    // next call this campaign sends).
    std::deque<std::chrono::steady_clock::time_point> freed;
  };
  std::map<std::int64_t, Campaign> campaigns;  // running, paused and cancelled ones with calls up
  std::int64_t round_robin = 0;

  struct Call {
    storage::AttemptRow row;
    storage::DueContact contact;
    AttemptEvents events;
    Slot slot;
    std::string state = "dialing";  // dialing | ringing | up
    bool sent = false;               // the Originate was (or may have been) written
    bool hung_up_by_us = false;
    bool transferred = false;
    bool cutting = false;            // Hangup sent at the maximum call length
    bool optout = false;
    bool channel_seen = false;       // an event of its channel arrived: it exists (or existed)
    EpochMs deadline = 0;            // past it the call is reconciled with CoreShowChannels
    EpochMs reconcile_asked = 0;
  };
  std::unordered_map<std::string, Call> calls;              // by uuid (ChannelId)
  std::unordered_map<std::string, std::string> by_action;   // ActionID → uuid
  std::unordered_set<std::string> numbers_up;
  static constexpr int kFastFailuresForBackOff = 10;
  static constexpr EpochMs kChannelAppearsMs = 2000;
  std::map<std::int64_t, int> fast_failures;                // by trunk: fast failures in a row
  std::vector<storage::AttemptEnd> unwritten;               // ended, not yet durable
  bool db_failing = false;
  LatencyStats latency;       // slot freed → next Originate sent, since the last report
  EpochMs latency_reported_at = 0;
  EpochMs audited_at = 0;
  EpochMs maintained_at = 0;
  bool ticking = false;
  bool tick_posted = false;
  std::vector<std::function<void()>> after_unlock;          // callbacks run outside the lock
  LatencyStats last_latency;

  // ---------------------------------------------------------------- thread plumbing

  template <typename F>
  void post(F fn) {
    // Handlers hold `this`, not a shared_ptr: the io_context is a member, so a handler never
    // outlives the engine, and one left queued at stop() must not keep it alive (a cycle).
    asio::post(io, [self = this, fn = std::move(fn)]() mutable {
      {
        std::unique_lock lock(self->mutex);
        fn();
      }
      self->run_callbacks();
    });
  }

  void run_callbacks() {
    std::vector<std::function<void()>> todo;
    {
      std::lock_guard lock(mutex);
      todo.swap(after_unlock);
    }
    for (auto& f : todo) f();
  }

  // Asks for a turn as soon as possible (coalesced).
  void wake() {
    if (tick_posted) return;
    tick_posted = true;
    asio::post(io, [self = this] {
      {
        std::unique_lock lock(self->mutex);
        self->tick_posted = false;
        self->tick();
      }
      self->run_callbacks();
    });
  }

  void wake_at(EpochMs at) {
    const EpochMs now = clock.now_ms();
    const auto delay = std::chrono::milliseconds(std::max<EpochMs>(0, at - now));
    const auto when = std::chrono::steady_clock::now() + delay;
    if (timer.expiry() > std::chrono::steady_clock::now() && timer.expiry() <= when) return;
    timer.expires_at(when);
    timer.async_wait([self = this](const boost::system::error_code& ec) {
      if (ec) return;
      {
        std::unique_lock lock(self->mutex);
        self->tick();
      }
      self->run_callbacks();
    });
  }

  // ---------------------------------------------------------------- loading

  void load_nodes_and_trunks(EpochMs now) {
    auto [node_rows, trunk_rows] = db.read([](storage::Connection& c) {
      return std::make_pair(storage::pbx_nodes::list(c), storage::trunks::list(c));
    });
    std::map<std::int64_t, Node> fresh;
    for (const auto& n : node_rows) {
      if (!n.enabled) continue;
      Node x;
      x.id = n.id;
      x.max_channels = n.max_channels;
      x.http = n.media_mode == "http";
      x.sounds_dir = n.sounds_dir;
      auto old = nodes.find(n.id);
      x.connected = old != nodes.end() ? old->second.connected : pbx.connected(n.id);
      x.resync_pending = old != nodes.end() && old->second.resync_pending;
      x.resync_asked_at = old != nodes.end() ? old->second.resync_asked_at : 0;
      pacer.set_node(n.id, n.max_channels);
      fresh[n.id] = x;
    }
    nodes.swap(fresh);
    trunks.clear();
    for (const auto& t : trunk_rows) {
      trunks[t.id] = trunk_model(t);
      pacer.set_trunk(t.id, t.max_channels, t.max_cps, now);
    }
  }

  void load_campaign(std::int64_t id, EpochMs now) {
    auto row = db.read([&](storage::Connection& c) { return storage::campaigns::find(c, id); });
    if (!row) {
      campaigns.erase(id);
      return;
    }
    auto it = campaigns.find(id);
    const bool has_calls = it != campaigns.end() && it->second.progress.up > 0;
    if (row->status == "cancelled") hang_up_campaign(id);
    // Paused campaigns stay loaded (their calls finish normally); others only while calls are up.
    if (row->status != "running" && row->status != "paused" && !has_calls) {
      campaigns.erase(id);
      return;
    }
    Campaign& c = campaigns[id];
    const bool fresh = c.row.id == 0;
    c.row = *row;
    try {
      c.policy = parse_retry_policy(json::parse(row->retry_policy, nullptr, false).is_object()
                                        ? json::parse(row->retry_policy)
                                        : json::object());
      c.schedule.windows = parse_windows(json::parse(row->schedule, nullptr, false).is_object()
                                             ? json::parse(row->schedule)
                                             : json::object());
    } catch (const PolicyError& e) {
      spdlog::error("campaign {}: stored settings unreadable ({}): defaults used", id, e.what());
    }
    c.schedule.allow_holidays = row->allow_holidays;
    c.zone = zone_offset(row->timezone).value_or(-180);
    if (row->audio_id)
      c.audio = db.read([&](storage::Connection& conn) { return storage::find_audio(conn, *row->audio_id); });
    pacer.set_campaign(id, row->max_concurrent, row->max_cps, now);
    if (fresh) {
      auto [tally, counters] = db.read([&](storage::Connection& conn) {
        return std::make_pair(storage::campaigns::tally(conn, id), storage::campaigns::counters(conn, id));
      });
      c.progress.contacts = tally;
      c.progress.counters = counters;
    }
    c.due.clear();  // settings may have changed what is due
    c.refill_at = 0;
    c.dirty = true;
  }

  void load_all(EpochMs now) {
    load_nodes_and_trunks(now);
    auto ids = db.read([](storage::Connection& c) {
      return storage::campaigns::ids_in_status(c, {"running", "paused", "scheduled"});
    });
    std::set<std::int64_t> wanted(ids.begin(), ids.end());
    for (const auto& [id, c] : campaigns) wanted.insert(id);  // to drop those that ended
    for (auto id : wanted) load_campaign(id, now);
    start_scheduled(now);
  }

  // scheduled → running at startsAt; running past endsAt → completed.
  void start_scheduled(EpochMs now) {
    auto rows = db.read([](storage::Connection& c) {
      std::vector<storage::CampaignRow> out;
      for (auto id : storage::campaigns::ids_in_status(c, {"scheduled"}))
        if (auto r = storage::campaigns::find(c, id)) out.push_back(*r);
      return out;
    });
    for (const auto& r : rows) {
      if (r.starts_at && *r.starts_at > now) continue;
      if (move(r.id, {"scheduled"}, "running", now)) load_campaign(r.id, now);
    }
  }

  bool move(std::int64_t id, const std::vector<std::string>& from, const std::string& to, EpochMs now) {
    bool moved = false;
    try {
      moved = db.write([&](storage::Connection& c) {
        if (!storage::campaigns::transition(c, id, from, to, now)) return false;
        storage::AuditRecord r;
        r.at = now;
        r.action = "campaign." + to;
        r.entity_type = "campaign";
        r.entity_id = std::to_string(id);
        r.address = "engine";
        r.details_json = json{{"from", from.front()}, {"to", to}, {"by", "engine"}}.dump();
        storage::audit::append(c, r);
        return true;
      });
    } catch (const std::exception& e) {
      spdlog::error("campaign {}: cannot move to {}: {}", id, to, e.what());
      return false;
    }
    if (moved && on_transition)
      after_unlock.push_back([fn = on_transition, id, f = from.front(), to] { fn(id, f, to); });
    return moved;
  }

  // ---------------------------------------------------------------- one turn

  Pacer pacer;

  void tick() {
    if (ticking) return;
    ticking = true;
    const EpochMs now = clock.now_ms();
    if (now - maintained_at >= options.idle_check_ms) {
      maintained_at = now;
      try {
        load_all(now);
      } catch (const std::exception& e) {
        spdlog::error("engine: cannot read campaigns: {}", e.what());
        db_failing = true;
      }
    }
    check_deadlines(now);
    if (now - latency_reported_at >= 60'000) {
      latency_reported_at = now;
      if (latency.count()) {
        spdlog::info("engine: slot freed → next Originate over the last minute: {}", latency.describe());
        last_latency = latency;
        latency = LatencyStats{};
      }
    }
    for (auto& [id, n] : nodes)
      if (n.connected && n.resync_pending && now - n.resync_asked_at >= 2000) resync(id);
    // A lost Hangup would hold an answered call's slot until its maximum length: the nodes
    // with calls are asked now and then which channels still exist.
    if (now - audited_at >= options.audit_ms) {
      audited_at = now;
      std::set<std::int64_t> with_calls;
      for (const auto& [uuid, call] : calls) with_calls.insert(call.row.node_id.value_or(0));
      for (auto id : with_calls)
        if (auto n = nodes.find(id); n != nodes.end() && n->second.connected && !n->second.resync_pending) resync(id);
    }
    flush(now);
    EpochMs next = now + options.idle_check_ms;
    if (!db_failing) next = std::min(next, dial(now));
    else next = std::min(next, now + options.db_retry_ms);
    for (auto& [id, c] : campaigns) next = std::min(next, publish(c, now));
    for (const auto& [uuid, call] : calls) next = std::min(next, call.deadline);
    next = std::min(next, maintained_at + options.idle_check_ms);
    if (!calls.empty()) next = std::min(next, audited_at + options.audit_ms);
    ticking = false;
    wake_at(std::max(next, now + 1));
  }

  // Writes the ends of finished calls in one transaction. On failure they stay in memory and
  // dialing stops until they are written (fails closed).
  void flush(EpochMs now) {
    if (unwritten.empty()) {
      if (db_failing) probe_db();
      return;
    }
    try {
      db.transaction([&](storage::Connection& c) {
        for (const auto& e : unwritten) storage::campaigns::end_attempt(c, e);
      });
      unwritten.clear();
      if (db_failing) spdlog::info("engine: database writable again; dialing resumes");
      db_failing = false;
    } catch (const std::exception& e) {
      if (!db_failing) spdlog::error("engine: cannot write call results ({}); dialing stops until it can", e.what());
      db_failing = true;
    }
    (void)now;
  }

  void probe_db() {
    try {
      db.transaction([](storage::Connection& c) { c.exec("UPDATE campaigns SET id = id WHERE id = 0"); });
      db_failing = false;
      maintained_at = 0;  // reload everything
      spdlog::info("engine: database writable again; dialing resumes");
    } catch (const std::exception&) {
    }
  }

  struct Planned {
    Campaign* campaign;
    storage::DueContact contact;
    std::string number;
    Slot slot;
    const telephony::Trunk* trunk;
  };

  std::vector<std::int64_t> trunks_for(const Campaign& c, const std::string& number) const {
    std::vector<std::int64_t> out;
    for (auto id : c.row.trunk_ids) {
      auto t = trunks.find(id);
      if (t != trunks.end() && t->second.enabled && telephony::dial_string(t->second, number)) out.push_back(id);
    }
    return out;
  }

  std::vector<int> offsets_for(const Campaign& c, const std::string& number) const {
    if (auto ddd = ddd_of(number)) {
      auto o = utc_offsets_for_ddd(*ddd);
      if (!o.empty()) return o;
    }
    return {c.zone};
  }

  // Takes slots for due contacts, writes their attempts, sends their Originates. Returns when
  // the next turn is needed for dialing.
  EpochMs dial(EpochMs now) {
    EpochMs next = now + options.idle_check_ms;
    std::vector<Campaign*> order;
    for (auto& [id, c] : campaigns)
      if (c.row.status == "running") order.push_back(&c);
    if (order.empty()) return next;
    std::rotate(order.begin(),
                std::find_if(order.begin(), order.end(), [&](Campaign* c) { return c->row.id > round_robin; }),
                order.end());
    std::vector<Node*> live_nodes;
    for (auto& [id, n] : nodes)
      if (n.connected && !n.resync_pending) live_nodes.push_back(&n);
    spdlog::trace("engine: dial: {} running campaign(s), {} of {} node(s) ready", order.size(), live_nodes.size(),
                  nodes.size());

    std::vector<Planned> planned;
    std::unordered_set<std::string> planned_numbers;
    std::vector<std::pair<std::int64_t, EpochMs>> postponed;
    std::set<Campaign*> blocked, refilled, waiting_on_limits;
    bool progress = true;
    while (progress) {
      progress = false;
      for (Campaign* c : order) {
        if (blocked.count(c)) continue;
        if (c->row.ends_at && *c->row.ends_at <= now) {
          blocked.insert(c);
          continue;
        }
        if (c->due.empty()) {
          if (c->refill_at > now) {
            next = std::min(next, c->refill_at);
            blocked.insert(c);
            continue;
          }
          if (refilled.count(c)) {
            // Once a turn: what is left (numbers already up) is read again in a moment.
            next = std::min(next, now + 20);
            blocked.insert(c);
            continue;
          }
          refilled.insert(c);
          refill(*c, now);
          if (c->due.empty()) {
            waiting_on_limits.insert(c);  // nothing due: no call to start
            blocked.insert(c);
            next = std::min(next, c->refill_at);
            continue;
          }
        }
        storage::DueContact d = c->due.front();
        const std::string number = d.phones[static_cast<std::size_t>(d.phone_index - 1)];
        if (number.empty() || numbers_up.count(number) || planned_numbers.count(number)) {
          // Another call to this number is up (rule 2): it comes back on a later read.
          c->due.pop_front();
          progress = true;
          continue;
        }
        const auto offsets = offsets_for(*c, number);
        if (!allowed_at(c->schedule, now, offsets)) {
          auto at = next_allowed(c->schedule, now, offsets).value_or(now + 24 * 3600'000LL);
          postponed.emplace_back(d.id, at);
          c->due.pop_front();
          progress = true;
          continue;
        }
        auto trunk_ids = trunks_for(*c, number);
        if (trunk_ids.empty()) {
          spdlog::debug("engine: campaign {}: no trunk may dial {} (campaign trunks {}, {} loaded)", c->row.id, number,
                        c->row.trunk_ids.size(), trunks.size());
          // No trunk of the campaign may dial it (allowed prefixes, all disabled): it waits,
          // without a call, for the configuration to change.
          c->due.pop_front();
          postponed.emplace_back(d.id, now + 10 * 60'000);
          progress = true;
          continue;
        }
        std::optional<Slot> slot;
        std::vector<Node*> by_room = live_nodes;
        std::sort(by_room.begin(), by_room.end(), [&](Node* a, Node* b) {
          return a->max_channels - pacer.up_on_node(a->id) > b->max_channels - pacer.up_on_node(b->id);
        });
        for (Node* n : by_room)
          if ((slot = pacer.acquire(c->row.id, trunk_ids, n->id, now))) break;
        if (!slot) {
          // Every slot is taken, or the CPS window is full: freed slots wait for the limits,
          // which is not latency.
          waiting_on_limits.insert(c);
          spdlog::trace("engine: campaign {}: no slot ({} trunk(s) for {}, {} node(s))", c->row.id, trunk_ids.size(),
                        number, by_room.size());
          if (!by_room.empty()) next = std::min(next, pacer.next_chance(c->row.id, trunk_ids, by_room.front()->id, now));
          blocked.insert(c);
          continue;
        }
        c->due.pop_front();
        planned_numbers.insert(number);
        planned.push_back(Planned{c, d, number, *slot, &trunks.at(slot->trunk)});
        round_robin = c->row.id;
        progress = true;
      }
    }
    if (!postponed.empty()) {
      try {
        db.transaction([&](storage::Connection& conn) {
          for (const auto& [id, at] : postponed) storage::campaigns::postpone(conn, {id}, at, now);
        });
      } catch (const std::exception& e) {
        spdlog::warn("engine: cannot postpone contacts: {}", e.what());
      }
    }
    if (!planned.empty()) begin(planned, now);
    measure_latency(order, planned, waiting_on_limits);
    return next;
  }

  // Slot-to-Originate latency: each call this turn started fills the oldest freed slot of its
  // campaign. Freed slots left over while the campaign waits on its limits (CPS window) or has
  // nothing due are not waiting on the engine, and are not counted.
  void measure_latency(const std::vector<Campaign*>& order, const std::vector<Planned>& planned,
                       const std::set<Campaign*>& waiting_on_limits) {
    const auto t = std::chrono::steady_clock::now();
    std::map<Campaign*, int> started;
    for (const auto& p : planned) ++started[p.campaign];
    for (Campaign* c : order) {
      for (int i = started[c]; i > 0 && !c->freed.empty(); --i) {
        latency.add(t - c->freed.front());
        c->freed.pop_front();
      }
      if (waiting_on_limits.count(c)) c->freed.clear();
    }
  }

  void refill(Campaign& c, EpochMs now) {
    std::vector<storage::DueContact> rows;
    std::optional<EpochMs> next_due;
    try {
      rows = db.read([&](storage::Connection& conn) {
        return storage::campaigns::due(conn, c.row.id, now, options.batch);
      });
      if (rows.empty())
        next_due = db.read([&](storage::Connection& conn) { return storage::campaigns::next_due_at(conn, c.row.id); });
    } catch (const std::exception& e) {
      spdlog::error("engine: cannot read due contacts: {}", e.what());
      c.refill_at = now + options.db_retry_ms;
      return;
    }
    for (auto& r : rows) c.due.push_back(std::move(r));
    if (!rows.empty()) {
      c.refill_at = 0;
      return;
    }
    // Nothing due now: the next retry, or, with nothing pending and nothing up, the end.
    if (next_due) {
      c.refill_at = std::min(*next_due, now + options.idle_check_ms);
      return;
    }
    c.refill_at = now + options.idle_check_ms;
    if (c.progress.up == 0 && c.progress.contacts.dialing == 0 && unwritten.empty()) {
      auto id = c.row.id;
      if (move(id, {"running"}, "completed", now)) c.row.status = "completed";
    }
  }

  // Writes the planned attempts (DNC checked in the same transaction), then sends them.
  void begin(std::vector<Planned>& planned, EpochMs now) {
    std::vector<storage::AttemptRow> rows;
    std::vector<bool> dnc(planned.size(), false);
    try {
      db.transaction([&](storage::Connection& conn) {
        rows.clear();
        std::vector<std::string> numbers;
        for (const auto& p : planned) numbers.push_back(p.number);
        auto blocked = storage::dnc_among(conn, numbers);
        for (std::size_t i = 0; i < planned.size(); ++i) {
          auto& p = planned[i];
          if (blocked.count(p.number)) {
            dnc[i] = true;
            // The next phone of the contact that is not on the list, if any.
            std::optional<int> next_phone;
            for (int k = p.contact.phone_index + 1; k <= p.contact.phone_count(); ++k) {
              const auto& other = p.contact.phones[static_cast<std::size_t>(k - 1)];
              if (!other.empty() && !storage::is_dnc(conn, other)) {
                next_phone = k;
                break;
              }
            }
            storage::campaigns::skip_phone(conn, p.contact, next_phone, now, p.campaign->row.id);
            if (!next_phone) {
              --p.campaign->progress.contacts.pending;
              ++p.campaign->progress.contacts.dnc;
              ++p.campaign->progress.counters.dnc_skipped;
              p.campaign->dirty = true;
            }
            continue;
          }
          storage::AttemptRow a;
          a.uuid = new_uuid();
          a.action_id = "torpedo-" + a.uuid;
          a.campaign_id = p.campaign->row.id;
          a.campaign_contact_id = p.contact.id;
          a.contact_id = p.contact.contact_id;
          a.attempt_no = p.contact.attempts + 1;
          a.phone_index = p.contact.phone_index;
          a.number = p.number;
          a.trunk_id = p.slot.trunk;
          a.node_id = p.slot.node;
          a.created_at = now;
          storage::campaigns::begin_attempt(conn, a);
          rows.push_back(a);
        }
      });
    } catch (const std::exception& e) {
      spdlog::error("engine: cannot write attempts ({}); dialing stops until it can", e.what());
      for (auto& p : planned) pacer.release(p.slot);
      db_failing = true;
      return;
    }
    std::size_t r = 0;
    for (std::size_t i = 0; i < planned.size(); ++i) {
      auto& p = planned[i];
      if (dnc[i]) {
        pacer.release(p.slot);
        continue;
      }
      auto& a = rows[r++];
      Call call{a, p.contact, AttemptEvents(a.action_id, a.uuid, now), p.slot};
      call.contact.attempts += 1;
      call.deadline = now + static_cast<EpochMs>(p.campaign->row.ring_timeout_s) * 1000 + options.grace_ms;
      call.sent = true;
      numbers_up.insert(a.number);
      by_action[a.action_id] = a.uuid;
      --p.campaign->progress.contacts.pending;
      ++p.campaign->progress.contacts.dialing;
      ++p.campaign->progress.up;
      p.campaign->dirty = true;
      auto action = originate(*p.campaign, *p.trunk, a);
      calls.emplace(a.uuid, std::move(call));
      send_originate(a.node_id.value_or(0), a.uuid, std::move(action));

    }
  }

  ami::Action originate(const Campaign& c, const telephony::Trunk& trunk, const storage::AttemptRow& a) {
    ami::Action x("Originate");
    x.add("ActionID", a.action_id);
    x.add("Channel", *telephony::originate_channel(trunk, a.number));
    x.add("Context", telephony::campaign_context(c.row.id));
    x.add("Exten", "s");
    x.add("Priority", "1");
    x.add("Async", "true");
    x.add("Timeout", std::to_string(c.row.ring_timeout_s * 1000));
    if (c.row.caller_id) x.add("CallerID", *c.row.caller_id);
    else if (trunk.caller_id) x.add("CallerID", *trunk.caller_id);
    x.add("ChannelId", a.uuid);
    x.add("Variable", "TORPEDO_ATTEMPT_ID=" + a.uuid);
    x.add("Variable", "TORPEDO_CAMPAIGN_ID=" + std::to_string(c.row.id));
    x.add("Variable", "TORPEDO_CONTACT_ID=" + std::to_string(a.contact_id));
    if (c.row.amd_enabled) {
      x.add("Variable", "TORPEDO_AMD=1");
      if (c.row.amd_params) x.add("Variable", "TORPEDO_AMD_PARAMS=" + *c.row.amd_params);
    }
    x.add("Variable", "TORPEDO_MACHINE_ACTION=" + c.row.machine_action);
    if (c.row.ivr_enabled) {
      x.add("Variable", "TORPEDO_IVR=1");
      x.add("Variable", "TORPEDO_READ_TIMEOUT=" + std::to_string(c.row.read_timeout_s));
    }
    auto node = nodes.find(a.node_id.value_or(0));
    if (c.audio && node != nodes.end()) {
      if (node->second.http)
        x.add("Variable", "TORPEDO_MESSAGE=" + media::media_url(options.public_url, *c.audio));
      else if (node->second.sounds_dir)
        x.add("Variable",
              "TORPEDO_MESSAGE=" + media::placement(*node->second.sounds_dir, "campaign", c.audio->id).base.string());
    }
    return x;
  }

  void send_originate(std::int64_t node, const std::string& uuid, ami::Action action) {
    std::weak_ptr<Impl> weak = shared_from_this();
    pbx.send_async(node, std::move(action), [weak, uuid](ami::ActionResult r) {
      auto self = weak.lock();
      if (!self) return;
      self->post([e = self.get(), uuid, r = std::move(r)] { e->originate_answered(uuid, r); });
    });
  }

  void originate_answered(const std::string& uuid, const ami::ActionResult& r) {
    auto it = calls.find(uuid);
    if (it == calls.end()) return;
    Call& call = it->second;
    using S = ami::ActionResult::Status;
    const EpochMs now = clock.now_ms();
    if (r.status == S::not_connected || r.status == S::overloaded || r.status == S::invalid) {
      // Never written to Asterisk: no call exists. The attempt is withdrawn and its contact due again.
      withdraw(call, now);
      return;
    }
    if (r.status == S::ok || r.status == S::error_response) {
      call.events.feed(r.response, now);
      if (call.events.finished()) finish(call, now);
      return;
    }
    // disconnected or timeout: it may have reached Asterisk. The node's re-sync (or the
    // deadline) tells whether the channel exists.
    (void)now;
  }

  void withdraw(Call& call, EpochMs now) {
    const auto a = call.row;
    try {
      db.transaction([&](storage::Connection& c) {
        storage::campaigns::withdraw_attempt(c, a.id, a.campaign_contact_id, now);
      });
    } catch (const std::exception& e) {
      // The row stays open: the next start-up ends it as unknown. Dialing stops meanwhile.
      spdlog::error("engine: cannot withdraw attempt {}: {}", a.id, e.what());
      db_failing = true;
    }
    auto c = campaigns.find(a.campaign_id);
    if (c != campaigns.end()) {
      --c->second.progress.up;
      --c->second.progress.contacts.dialing;
      ++c->second.progress.contacts.pending;
      c->second.refill_at = 0;
      c->second.dirty = true;
    }
    release(call);
    calls.erase(a.uuid);
    wake();
  }

  void release(const Call& call) {
    pacer.release(call.slot);
    numbers_up.erase(call.row.number);
    by_action.erase(call.row.action_id);
  }

  // ---------------------------------------------------------------- events

  void on_event(std::int64_t node, const ami::Message& m) {
    const EpochMs now = clock.now_ms();
    Call* call = nullptr;
    if (auto id = m.get("ActionID")) {
      auto a = by_action.find(std::string(*id));
      if (a != by_action.end()) call = &calls.at(a->second);
    }
    if (!call) {
      auto u = calls.find(std::string(m.get_or("Uniqueid")));
      if (u == calls.end()) u = calls.find(std::string(m.get_or("DestUniqueid")));
      if (u != calls.end()) call = &u->second;
    }
    if (!call || call->row.node_id.value_or(0) != node) return;
    call->events.feed(m, now);
    if (m.get_or("Uniqueid") == call->row.uuid || m.get_or("DestUniqueid") == call->row.uuid) call->channel_seen = true;
    const auto event = m.event();
    const bool ours = m.get_or("Uniqueid") == call->row.uuid;
    if (event == "Newchannel" && ours) call->row.channel = std::string(m.get_or("Channel"));
    if (event == "Newstate" && ours) {
      const auto state = m.get_or("ChannelStateDesc");
      if (state == "Ringing" && call->state == "dialing") call->state = "ringing";
      if (state == "Up" && call->state != "up") answered(*call, now);
    }
    if (event == "OriginateResponse" && m.get_or("Response") == "Success" && call->state != "up") answered(*call, now);
    if (event == "UserEvent" && m.get_or("UserEvent") == "TorpedoAction") {
      const auto action = m.get_or("Action");
      if (action == "optout") call->optout = true;
      if (action == "queue" || action == "extension") {
        call->transferred = true;
        call->deadline = call->row.answered_at.value_or(now) + options.max_agent_call_ms;
      }
    }
    if (call->events.finished()) finish(*call, now);
  }

  void answered(Call& call, EpochMs now) {
    call.state = "up";
    if (!call.row.answered_at) call.row.answered_at = now;
    call.deadline = *call.row.answered_at + (call.transferred ? options.max_agent_call_ms : options.max_call_ms);
    if (auto c = campaigns.find(call.row.campaign_id); c != campaigns.end()) c->second.dirty = true;
  }

  void on_state(std::int64_t node_id, bool connected) {
    auto n = nodes.find(node_id);
    if (n == nodes.end()) {
      maintained_at = 0;  // a node we do not know yet: reload
      wake();
      return;
    }
    n->second.connected = connected;
    if (!connected) {
      // Dialing on this node pauses; its calls stay counted until the re-sync tells.
      n->second.resync_pending = true;
      return;
    }
    resync(node_id);
  }

  // Asks the node which channels exist and settles every open attempt on it: still up →
  // re-attached; gone → ended with what was seen (unknown when its end was not).
  void resync(std::int64_t node_id) {
    const EpochMs asked = clock.now_ms();
    if (auto n = nodes.find(node_id); n != nodes.end()) n->second.resync_asked_at = asked;
    std::weak_ptr<Impl> weak = shared_from_this();
    pbx.send_async(node_id, ami::Action("CoreShowChannels"), [weak, node_id, asked](ami::ActionResult r) {
      auto self = weak.lock();
      if (!self) return;
      self->post([e = self.get(), node_id, asked, r = std::move(r)] { e->resynced(node_id, asked, r); });
    });
  }

  void resynced(std::int64_t node_id, EpochMs asked, const ami::ActionResult& r) {
    auto n = nodes.find(node_id);
    if (!r.ok()) {
      // Dialing on the node stays held; the next turn asks again.
      spdlog::warn("engine: CoreShowChannels on node {} failed ({}); will retry", node_id, r.error);
      return;
    }
    const EpochMs now = clock.now_ms();
    std::unordered_map<std::string, const ami::Message*> up;
    for (const auto& e : r.events) up[std::string(e.get_or("Uniqueid"))] = &e;
    std::vector<std::string> gone;
    for (auto& [uuid, call] : calls) {
      if (call.row.node_id.value_or(0) != node_id || !call.sent) continue;
      auto u = up.find(uuid);
      if (u != up.end()) {
        const auto& e = *u->second;
        call.row.channel = std::string(e.get_or("Channel"));
        call.channel_seen = true;
        // A call answered while Torpedo was not listening (down, or disconnected): its talk
        // time counts from now, the earliest moment it is known to be up.
        if (e.get_or("ChannelStateDesc") == "Up" && call.state != "up") answered(call, now);
        call.events.attach(call.row.answered_at);
        if (call.deadline < now + options.grace_ms) call.deadline = now + options.grace_ms;
        continue;
      }
      // Asterisk makes an async Originate's channel a moment after the action: a call sent
      // shortly before the question, whose channel was never seen, may not be listed yet.
      // It is asked about again soon.
      if (!call.channel_seen && call.row.created_at > asked - kChannelAppearsMs) {
        call.deadline = std::min(call.deadline, now + kChannelAppearsMs);
        call.reconcile_asked = 0;
        continue;
      }
      gone.push_back(uuid);
    }
    for (const auto& uuid : gone) {
      auto it = calls.find(uuid);
      if (it != calls.end()) finish(it->second, now, /*gone=*/true);
    }
    if (n != nodes.end()) n->second.resync_pending = false;
    wake();
  }

  void check_deadlines(EpochMs now) {
    std::set<std::int64_t> reconcile;
    for (auto& [uuid, call] : calls) {
      if (call.deadline > now) continue;
      const auto node = call.row.node_id.value_or(0);
      if (call.state == "up" && !call.cutting && call.row.channel) {
        // The maximum call length: Torpedo hangs up (the disposition stays what was seen).
        call.cutting = true;
        call.deadline = now + options.grace_ms;
        ami::Action h("Hangup");
        h.add("Channel", *call.row.channel);
        h.add("Cause", "16");
        pbx.send_async(node, std::move(h), [](ami::ActionResult) {});
        continue;
      }
      if (call.reconcile_asked && now - call.reconcile_asked < options.grace_ms) continue;
      call.reconcile_asked = now;
      auto n = nodes.find(node);
      if (n == nodes.end() || !n->second.connected) {
        // No node to ask: after the longest a call can last, nothing can be known.
        if (now - call.row.created_at > options.max_agent_call_ms + options.grace_ms) reconcile.insert(-1);
        continue;
      }
      reconcile.insert(node);
    }
    for (auto node : reconcile) {
      if (node == -1) {
        std::vector<std::string> lost;
        for (auto& [uuid, call] : calls)
          if (now - call.row.created_at > options.max_agent_call_ms + options.grace_ms) lost.push_back(uuid);
        for (auto& uuid : lost) finish(calls.at(uuid), now, true);
        continue;
      }
      // Asked once for every overdue call on the node: the answer settles them all.
      resync(node);
    }
  }

  // ---------------------------------------------------------------- the end of a call

  void finish(Call& call, EpochMs now, bool gone = false) {
    Outcome o = call.events.outcome(call.hung_up_by_us);
    if (gone && !call.events.finished() && !call.events.answered()) {
      o.disposition = Disposition::unknown;
      o.reason = "the channel is gone and its end was not seen";
    }
    auto c = campaigns.find(call.row.campaign_id);
    storage::AttemptEnd e;
    e.attempt_id = call.row.id;
    e.campaign_id = call.row.campaign_id;
    e.campaign_contact_id = call.row.campaign_contact_id;
    e.contact_id = call.row.contact_id;
    e.disposition = to_string(o.disposition);
    e.channel = call.row.channel;
    if (o.cause) e.hangup_cause = o.cause;
    if (o.tech_cause) e.tech_cause = o.tech_cause;
    e.amd_status = o.amd_status;
    e.amd_cause = o.amd_cause;
    e.dtmf = o.digit;
    e.answered_at = call.row.answered_at;
    e.ended_at = now;
    e.ring_ms = o.ring_ms;
    e.talk_ms = o.talk_ms;
    e.short_call = o.short_call;
    RetryPolicy policy = c != campaigns.end() ? c->second.policy : RetryPolicy{};
    ContactProgress progress{call.contact.attempts, call.row.phone_index, call.contact.phone_count(),
                             call.contact.invalid_mask};
    NextStep next = after_attempt(policy, o.disposition, progress, now);
    if (call.optout) {
      e.optout_number = call.row.number;
      next.done = true;
    }
    e.contact_done = next.done;
    e.next_phone_index = next.phone_index;
    e.next_attempt_at = next.at;
    e.invalid_mask = next.invalid_mask;
    e.invalid_changed = next.invalid_mask != call.contact.invalid_mask;
    unwritten.push_back(e);
    spdlog::debug("engine: attempt {} ended {} ({})", e.attempt_id, e.disposition, o.reason);
    // A trunk that fails fast (congestion, unavailable) many times in a row is skipped for a
    // while and the next one is used. A few 503s in a row are the callees' networks on a big
    // campaign (5 % of calls: three in a row every few seconds at 100 calls a second); ten in a
    // row are the trunk.
    auto& streak = fast_failures[call.slot.trunk];
    if (o.disposition == Disposition::failed && !call.events.answered() && o.ring_ms < 5000) {
      if (++streak >= kFastFailuresForBackOff) {
        pacer.back_off(call.slot.trunk, now + options.trunk_backoff_ms);
        spdlog::warn("engine: trunk {} failed {} calls in a row at once; skipped for {} s", call.slot.trunk, streak,
                     options.trunk_backoff_ms / 1000);
        streak = 0;
      }
    } else {
      streak = 0;
    }
    if (c != campaigns.end()) {
      auto& p = c->second.progress;
      --p.up;
      --p.contacts.dialing;
      ++(next.done ? p.contacts.completed : p.contacts.pending);
      count(p.counters, e);
      c->second.ended.push_back(now);
      if (c->second.row.status == "running" && c->second.freed.size() < 4096)
        c->second.freed.push_back(std::chrono::steady_clock::now());
      // A retry due now, or perhaps the last call: look again at once.
      if ((!next.done && next.at <= now) || c->second.due.empty()) c->second.refill_at = 0;
      c->second.dirty = true;
    }
    release(call);
    calls.erase(call.row.uuid);
    wake();
  }

  static void count(storage::CampaignCounters& k, const storage::AttemptEnd& e) {
    ++k.attempts;
    const auto& d = e.disposition;
    if (d == "answered") ++k.answered;
    else if (d == "voicemail") ++k.voicemail;
    else if (d == "busy") ++k.busy;
    else if (d == "no-answer") ++k.no_answer;
    else if (d == "failed") ++k.failed;
    else if (d == "invalid-number") ++k.invalid_number;
    else if (d == "cancelled") ++k.cancelled;
    else ++k.unknown;
    if (e.short_call) ++k.short_calls;
    k.talk_ms_total += e.talk_ms;
    k.ring_ms_total += e.ring_ms;
  }

  void hang_up_campaign(std::int64_t id) {
    for (auto& [uuid, call] : calls) {
      if (call.row.campaign_id != id || call.hung_up_by_us) continue;
      call.hung_up_by_us = true;
      if (!call.row.channel) continue;  // not created yet: the deadline reconciles it
      ami::Action h("Hangup");
      h.add("Channel", *call.row.channel);
      h.add("Cause", "16");
      pbx.send_async(call.row.node_id.value_or(0), std::move(h), [](ami::ActionResult) {});
    }
  }

  // Throttled progress; returns when it next wants a turn.
  EpochMs publish(Campaign& c, EpochMs now) {
    while (!c.ended.empty() && c.ended.front() < now - 60'000) {
      c.ended.pop_front();
      c.dirty = true;
    }
    c.progress.calls_per_minute = static_cast<int>(c.ended.size());
    if (!c.dirty) return c.ended.empty() ? now + options.idle_check_ms : c.ended.front() + 60'001;
    if (now - c.published_at < options.progress_interval_ms) return c.published_at + options.progress_interval_ms;
    c.dirty = false;
    c.published_at = now;
    if (on_progress) after_unlock.push_back([fn = on_progress, id = c.row.id, p = c.progress] { fn(id, p); });
    return now + options.idle_check_ms;
  }

  // ---------------------------------------------------------------- start-up

  // Open attempts of a previous run (a crash): counted as up until their node's re-sync says.
  void adopt_open_attempts(EpochMs now) {
    auto open = db.read([](storage::Connection& c) { return storage::campaigns::open_attempts(c); });
    for (auto& a : open) {
      auto contact = db.read([&](storage::Connection& c) { return storage::campaigns::contact_state(c, a.campaign_contact_id); });
      Call call{a, contact.value_or(storage::DueContact{}), AttemptEvents(a.action_id, a.uuid, a.created_at),
                Slot{a.campaign_id, a.trunk_id.value_or(0), a.node_id.value_or(0)}};
      call.contact.attempts = contact ? contact->attempts : a.attempt_no;
      call.sent = true;
      call.deadline = now + options.grace_ms;
      pacer.occupy(call.slot);
      numbers_up.insert(a.number);
      by_action[a.action_id] = a.uuid;
      auto c = campaigns.find(a.campaign_id);
      if (c != campaigns.end()) ++c->second.progress.up;
      calls.emplace(a.uuid, std::move(call));
    }
    if (!open.empty()) spdlog::warn("engine: {} call(s) of a previous run to reconcile", open.size());
    for (auto& [id, n] : nodes) n.resync_pending = true;
    for (auto& [id, n] : nodes)
      if (pbx.connected(id)) resync(id);
  }
};

Dialer::Dialer(storage::Database& db, PbxLink& pbx, const Clock& clock, DialerOptions options)
    : impl_(std::make_shared<Impl>(db, pbx, clock, std::move(options))) {}

Dialer::~Dialer() { stop(); }

void Dialer::on_transition(TransitionFn fn) { impl_->on_transition = std::move(fn); }
void Dialer::on_progress(ProgressFn fn) { impl_->on_progress = std::move(fn); }

void Dialer::start() {
  auto impl = impl_;
  std::weak_ptr<Impl> weak = impl;
  impl->pbx.listen(
      [weak](std::int64_t node, const ami::Message& m) {
        if (!is_call_event(m.event())) return;
        if (auto self = weak.lock()) self->post([e = self.get(), node, m] { e->on_event(node, m); });
      },
      [weak](std::int64_t node, bool connected) {
        if (auto self = weak.lock()) self->post([e = self.get(), node, connected] { e->on_state(node, connected); });
      });
  impl->post([impl = impl.get()] {
    const EpochMs now = impl->clock.now_ms();
    try {
      impl->load_all(now);
      impl->maintained_at = now;
      impl->adopt_open_attempts(now);
    } catch (const std::exception& e) {
      spdlog::error("engine: cannot load campaigns: {}", e.what());
      impl->db_failing = true;
    }
    impl->wake();
  });
  impl->thread = std::thread([impl] { impl->io.run(); });
}

void Dialer::stop() {
  if (!impl_->thread.joinable()) return;
  impl_->work.reset();
  impl_->io.stop();
  impl_->thread.join();
}

void Dialer::campaign_changed(std::int64_t id) {
  auto impl = impl_;
  impl->post([impl = impl.get(), id] {
    try {
      // Its trunks or node may be new too (created just before the start).
      impl->load_nodes_and_trunks(impl->clock.now_ms());
      impl->load_campaign(id, impl->clock.now_ms());
    } catch (const std::exception& e) {
      spdlog::error("engine: cannot reload campaign {}: {}", id, e.what());
    }
    impl->wake();
  });
}

std::vector<LiveCall> Dialer::live_calls(std::int64_t id) const {
  std::lock_guard lock(impl_->mutex);
  std::vector<LiveCall> out;
  for (const auto& [uuid, call] : impl_->calls) {
    if (call.row.campaign_id != id) continue;
    out.push_back(LiveCall{call.row.id, call.row.contact_id, call.row.number, call.slot.trunk, call.slot.node,
                           call.state, call.row.created_at, call.row.answered_at});
  }
  std::sort(out.begin(), out.end(), [](const LiveCall& a, const LiveCall& b) { return a.attempt_id < b.attempt_id; });
  return out;
}

std::optional<Progress> Dialer::progress(std::int64_t id) const {
  std::lock_guard lock(impl_->mutex);
  auto it = impl_->campaigns.find(id);
  if (it == impl_->campaigns.end()) return std::nullopt;
  return it->second.progress;
}

LatencyStats Dialer::latency() const {
  std::lock_guard lock(impl_->mutex);
  LatencyStats out = impl_->last_latency;
  for (auto us : impl_->latency.samples()) out.add(std::chrono::microseconds(us));
  return out;
}

bool Dialer::failing_closed() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->db_failing;
}

}  // namespace torpedo::engine
