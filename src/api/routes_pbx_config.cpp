// /pbx/config (preview with secrets masked and the diff against each node's disk), /pbx/apply
// (write, reload, verify; the per-node report), /settings/pbx (automatic apply on or off).
#include "api/api.h"
#include "api/error.h"
#include "api/telephony_changes.h"
#include "pbx/config_applier.h"
#include "common/time_format.h"
#include "pbx/config_applier.h"
#include "storage/telephony.h"

namespace torpedo::api {

namespace {
constexpr const char* kAutoApply = "pbx.auto_apply";
std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

json report_json(const pbx::NodeApplyReport& r) {
  json j = pbx::to_json(r);
  j["at"] = format_iso8601(r.at);
  return j;
}
}  // namespace

bool auto_apply_enabled(Services& s) {
  return s.db.read([](storage::Connection& c) { return storage::settings::get(c, kAutoApply); }).value_or("true") == "true";
}

void telephony_changed(Services& s, std::string_view entity, std::string_view action, std::string_view id) {
  notify_change(s, entity, action, id);
  if (s.applier && auto_apply_enabled(s)) s.applier->schedule();
}

void register_pbx_config_routes(Routes& routes) {
  routes.add("GET", "/api/v1/pbx/config", Access::admin, [](Ctx& ctx) {
    auto& s = ctx.services;
    if (!s.applier) throw ApiError(503, "internal", "A geração de configuração não está ativa.");
    json nodes = json::array();
    for (const auto& p : s.applier->preview()) {
      json files = json::array();
      for (std::size_t i = 0; i < p.files.size(); ++i)
        files.push_back(json{{"name", p.files[i].name}, {"text", p.files[i].text}, {"diff", p.diffs[i]},
                             {"changed", !p.diffs[i].empty()}});
      nodes.push_back(json{{"nodeId", p.node_id}, {"nodeName", p.node_name}, {"files", files},
                           {"error", p.error.empty() ? json(nullptr) : json(p.error)}});
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
