#include "pbxsim/config_dir.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "ami/client.h"  // md5_key
#include "common/strings.h"

namespace torpedo::pbxsim {

namespace fs = std::filesystem;

void load_config_dir(const fs::path& dir, SimConfig& config) {
  std::vector<Endpoint> endpoints;
  std::vector<Registration> registrations;
  std::vector<Queue> queues;

  if (fs::exists(dir / "pjsip.conf")) {
    const auto sections = parse_asterisk_conf(dir / "pjsip.conf");
    std::map<std::string, const ConfSection*> aors, identifies;
    for (const auto& s : sections) {
      if (s.is_template) continue;
      const auto type = s.get("type");
      if (type == "aor") aors[s.name] = &s;
      if (type == "identify") identifies[s.get("endpoint", s.name)] = &s;
      if (type == "registration")
        registrations.push_back({s.name, s.get("server_uri"), s.get("client_uri"), s.get("contact_user"), "Registered"});
    }
    for (const auto& s : sections) {
      if (s.is_template || s.get("type") != "endpoint") continue;
      Endpoint e;
      e.name = s.name;
      e.aor = s.get("aors");
      if (auto comma = e.aor.find(','); comma != std::string::npos) e.aor.resize(comma);
      e.transport = s.get("transport", "transport-udp");
      e.context = s.get("context", "default");
      e.max_contacts = 0;
      if (auto a = aors.find(e.aor); a != aors.end()) {
        try {
          e.max_contacts = std::stoi(a->second->get("max_contacts", "0"));
        } catch (...) {
        }
        const auto contact = a->second->get("contact");
        if (!contact.empty()) {
          e.contact = e.aor + "/" + contact;
          e.contact_hash = ami::md5_key(contact, "").substr(0, 10);
          e.device_state = "Not in use";
        }
      }
      if (auto i = identifies.find(e.name); i != identifies.end()) {
        auto match = i->second->get("match");
        if (!match.empty()) e.identify_match = match.find('/') == std::string::npos ? match + "/32" : match;
      }
      endpoints.push_back(std::move(e));
    }
    std::sort(endpoints.begin(), endpoints.end(), [](const Endpoint& a, const Endpoint& b) { return a.name < b.name; });
  }

  if (fs::exists(dir / "queues.conf")) {
    for (const auto& s : parse_asterisk_conf(dir / "queues.conf")) {
      if (s.is_template || s.name == "general") continue;
      Queue q;
      q.name = s.name;
      q.strategy = s.get("strategy", "ringall");
      q.music_class = s.get("musicclass", "default");
      try {
        q.max = std::stoi(s.get("maxlen", "0"));
      } catch (...) {
      }
      for (const auto& m : s.get_all("member")) {
        // member => interface,penalty,membername,state_interface,ringinuse,wrapuptime,paused
        std::vector<std::string> f;
        std::size_t start = 0;
        for (;;) {
          auto comma = m.find(',', start);
          f.push_back(std::string(trim(m.substr(start, comma == std::string::npos ? std::string::npos : comma - start))));
          if (comma == std::string::npos) break;
          start = comma + 1;
        }
        QueueMember member;
        member.interface = f[0];
        member.name = f.size() > 2 && !f[2].empty() ? f[2] : f[0];
        try {
          member.penalty = f.size() > 1 && !f[1].empty() ? std::stoi(f[1]) : 0;
        } catch (...) {
        }
        member.paused = f.size() > 6 && f[6] == "1";
        // The member's device: an endpoint with a contact is "not in use" (1), otherwise unavailable (5).
        member.status = 5;
        const auto slash = member.interface.find('/');
        const std::string device = slash == std::string::npos ? member.interface : member.interface.substr(slash + 1);
        for (const auto& e : endpoints)
          if (e.name == device && e.contact) member.status = 1;
        q.members.push_back(std::move(member));
      }
      queues.push_back(std::move(q));
    }
  }
  // Contexts and MOH classes are read only when their file exists, so that a directory without
  // them keeps what the simulator started with.
  if (fs::exists(dir / "extensions.conf")) {
    std::map<std::string, std::size_t> contexts;
    std::map<std::string, std::map<std::string, std::vector<Priority>>> campaigns;
    for (const auto& s : parse_asterisk_conf(dir / "extensions.conf")) {
      if (s.is_template || s.name == "general" || s.name == "globals") continue;
      contexts[s.name] += s.get_all("exten").size();
      if (s.name.rfind("torpedo-campaign-", 0) == 0) campaigns[s.name] = parse_extensions(s.values);
    }
    config.contexts = std::move(contexts);
    config.campaign_extensions = std::move(campaigns);
  }
  if (fs::exists(dir / "musiconhold.conf")) {
    std::map<std::string, std::string> classes;
    for (const auto& s : parse_asterisk_conf(dir / "musiconhold.conf"))
      if (!s.is_template && s.name != "general") classes[s.name] = s.get("directory");
    config.moh_classes = std::move(classes);
  }
  config.endpoints = std::move(endpoints);
  config.registrations = std::move(registrations);
  config.queues = std::move(queues);
}

}  // namespace torpedo::pbxsim
