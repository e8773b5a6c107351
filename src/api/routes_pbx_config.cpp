// /pbx/config (preview with secrets masked and the diff against each node's disk), /pbx/apply
// (write, reload, verify; the per-node report), /settings/pbx (automatic apply on or off).
#include "ami/actions.h"
#include "api/api.h"
#include "api/error.h"
#include "api/telephony_changes.h"
#include "common/time_format.h"
#include "pbx/config_applier.h"
#include "pbx/manager.h"
#include "storage/pbx_nodes.h"
#include "storage/telephony.h"

namespace torpedo::api {

namespace {
constexpr const char* kAutoApply = "pbx.auto_apply";
std::string dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

json report_json(const pbx::NodeApplyReport& r) {
  json j = pbx::to_json(r);
  j["at"] = format_iso8601(r.at);
  return j;
}
}  // namespace

bool auto_apply_enabled(Services& s) {
  return s.db.read([](storage::Connection& c) { return storage::settings::get(c, kAutoApply); })
             .value_or("true") == "true";
}

void telephony_changed(Services& s, std::string_view entity, std::string_view action, std::string_view id) {
  notify_change(s, entity, action, id);
  if (s.applier && auto_apply_enabled(s)) s.applier->schedule();
}

namespace {

// What one node's Asterisk says now: endpoints (registered or not), outbound registrations and
// queues with their members. Field names as in the recordings (PJSIPShowEndpoints,
// PJSIPShowRegistrationsOutbound, QueueStatus).
json live_node(Services& s, const storage::PbxNode& node) {
  json out{{"nodeId", node.id},          {"nodeName", node.name},          {"connected", false},
           {"endpoints", json::array()}, {"registrations", json::array()}, {"queues", json::array()}};
  auto eps = s.pbx->send(node.id, ami::pjsip_show_endpoints());
  if (eps.status == ami::ActionResult::Status::not_connected ||
      eps.status == ami::ActionResult::Status::disconnected)
    return out;
  out["connected"] = true;
  for (const auto& e : eps.events)
    out["endpoints"].push_back(json{{"name", std::string(e.get_or("ObjectName"))},
                                    {"deviceState", std::string(e.get_or("DeviceState"))},
                                    {"contacts", std::string(e.get_or("Contacts"))}});
  auto regs = s.pbx->send(node.id, ami::Action("PJSIPShowRegistrationsOutbound"));
  for (const auto& e : regs.events)
    out["registrations"].push_back(
        json{{"name", std::string(e.get_or("ObjectName"))}, {"status", std::string(e.get_or("Status"))}});
  auto qs = s.pbx->send(node.id, ami::queue_status());
  std::map<std::string, json> queues;
  for (const auto& e : qs.events) {
    const std::string queue(e.get_or("Queue"));
    if (e.event() == "QueueParams") {
      auto& q = queues[queue];
      q["name"] = queue;
      q["strategy"] = std::string(e.get_or("Strategy"));
      q["calls"] = std::atoi(std::string(e.get_or("Calls", "0")).c_str());
      q["completed"] = std::atoi(std::string(e.get_or("Completed", "0")).c_str());
      q["abandoned"] = std::atoi(std::string(e.get_or("Abandoned", "0")).c_str());
      if (!q.contains("members")) q["members"] = json::array();
    } else if (e.event() == "QueueMember") {
      auto& q = queues[queue];
      if (!q.contains("members")) q["members"] = json::array();
      q["members"].push_back(json{{"name", std::string(e.get_or("Name"))},
                                  {"interface", std::string(e.get_or("Location"))},
                                  {"status", std::atoi(std::string(e.get_or("Status", "0")).c_str())},
                                  {"paused", e.get_or("Paused") == "1"},
                                  {"inCall", e.get_or("InCall") == "1"}});
    }
  }
  for (auto& [name, q] : queues) {
    q["name"] = name;
    out["queues"].push_back(q);
  }
  return out;
}

}  // namespace

void register_pbx_config_routes(Routes& routes) {
  routes.add("GET", "/api/v1/pbx/live", Access::user, [](Ctx& ctx) {
    auto& s = ctx.services;
    auto nodes = s.db.read([](storage::Connection& c) { return storage::pbx_nodes::list(c); });
    json out = json::array();
    for (const auto& n : nodes)
      if (n.enabled) out.push_back(live_node(s, n));
    return http::Response::json(200, dump(json{{"nodes", out}}));
  });

  routes.add("GET", "/api/v1/pbx/config", Access::admin, [](Ctx& ctx) {
    auto& s = ctx.services;
    if (!s.applier) throw ApiError(503, "internal", "A geração de configuração não está ativa.");
    json nodes = json::array();
    for (const auto& p : s.applier->preview()) {
      json files = json::array();
      for (std::size_t i = 0; i < p.files.size(); ++i)
        files.push_back(json{{"name", p.files[i].name},
                             {"text", p.files[i].text},
                             {"diff", p.diffs[i]},
                             {"changed", !p.diffs[i].empty()}});
      // The last apply's report (kept in pbx_node_config), so a page opened later can show it.
      auto last = s.db.read([&](storage::Connection& c) { return storage::node_config::find(c, p.node_id); });
      json last_apply = nullptr;
      if (last) {
        last_apply = json::parse(last->report, nullptr, false);
        if (last_apply.is_discarded()) last_apply = nullptr;
        else last_apply["at"] = format_iso8601(last->applied_at);
      }
      nodes.push_back(json{{"nodeId", p.node_id},
                           {"nodeName", p.node_name},
                           {"skipped", p.skipped},
                           {"files", files},
                           {"error", p.error.empty() ? json(nullptr) : json(p.error)},
                           {"lastApply", last_apply}});
    }
    return http::Response::json(200, dump(json{{"nodes", nodes}}));
  });

  routes.add("POST", "/api/v1/pbx/apply", Access::admin, [](Ctx& ctx) {
    auto& s = ctx.services;
    if (!s.applier) throw ApiError(503, "internal", "A aplicação de configuração não está ativa.");
    auto reports = s.applier->apply_all();
    json nodes = json::array();
    bool ok = true;
    for (const auto& r : reports) {
      nodes.push_back(report_json(r));
      ok = ok && (r.ok || r.skipped);
    }
    s.db.write([&](storage::Connection& c) {
      ctx.audit(c, "pbx.apply", "pbx", "", json{{"ok", ok}, {"nodes", reports.size()}});
      return 0;
    });
    return http::Response::json(200, dump(json{{"ok", ok}, {"nodes", nodes}}));
  });

  routes.add("GET", "/api/v1/settings/pbx", Access::user, [](Ctx& ctx) {
    return http::Response::json(200, dump(json{{"autoApply", auto_apply_enabled(ctx.services)}}));
  });

  routes.add("PUT", "/api/v1/settings/pbx", Access::admin, [](Ctx& ctx) {
    json body = ctx.body();
    Fields f(body);
    const bool on = *f.boolean("autoApply", true);
    f.reject_unknown();
    auto& s = ctx.services;
    s.db.write([&](storage::Connection& c) {
      storage::settings::set(c, kAutoApply, on ? "true" : "false", s.clock.now_ms());
      ctx.audit(c, "settings.pbx", "settings", "pbx", json{{"autoApply", on}});
      return 0;
    });
    notify_change(s, "settings", "updated", "pbx");
    return http::Response::json(200, dump(json{{"autoApply", on}}));
  });
}

}  // namespace torpedo::api
