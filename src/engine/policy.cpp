#include "engine/policy.h"

#include <cstdio>

namespace torpedo::engine {

using nlohmann::json;

namespace {

constexpr Disposition kAll[] = {Disposition::answered,  Disposition::voicemail,      Disposition::busy,
                                Disposition::no_answer, Disposition::failed,         Disposition::invalid_number,
                                Disposition::cancelled, Disposition::unknown};
// Outcomes a policy can retry: the others end the contact (answered, invalid-number) or the
// campaign (cancelled).
constexpr Disposition kRetryable[] = {Disposition::busy, Disposition::no_answer, Disposition::failed,
                                      Disposition::voicemail, Disposition::unknown};

bool retryable(Disposition d) {
  for (auto r : kRetryable)
    if (r == d) return true;
  return false;
}

std::string retryable_names() { return "busy, no-answer, failed, voicemail, unknown"; }

// "09:30" → 570; nullopt when malformed. "24:00" is the end of the day.
std::optional<int> parse_hhmm(const std::string& s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  for (int i : {0, 1, 3, 4})
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  const int h = (s[0] - '0') * 10 + (s[1] - '0');
  const int m = (s[3] - '0') * 10 + (s[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

std::string hhmm(int minute) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
  return buf;
}

}  // namespace

std::optional<Disposition> disposition_from(const std::string& s) {
  for (auto d : kAll)
    if (s == to_string(d)) return d;
  return std::nullopt;
}

RetryPolicy parse_retry_policy(const json& j) {
  if (!j.is_object()) throw PolicyError("retryPolicy", "A política de novas tentativas deve ser um objeto.");
  RetryPolicy p;
  for (auto it = j.begin(); it != j.end(); ++it)
    if (it.key() != "maxAttempts" && it.key() != "delaysS" && it.key() != "nextPhoneOn")
      throw PolicyError("retryPolicy." + it.key(), "Campo desconhecido na política de novas tentativas.");
  if (j.contains("maxAttempts")) {
    const auto& v = j["maxAttempts"];
    if (!v.is_number_integer() || v.get<std::int64_t>() < 1 || v.get<std::int64_t>() > 20)
      throw PolicyError("retryPolicy.maxAttempts", "O número máximo de tentativas deve ser um inteiro de 1 a 20.");
    p.max_attempts = v.get<int>();
  }
  if (j.contains("delaysS")) {
    const auto& delays = j["delaysS"];
    if (!delays.is_object())
      throw PolicyError("retryPolicy.delaysS", "Os intervalos devem ser um objeto por resultado (segundos).");
    p.delay_s.clear();
    for (auto it = delays.begin(); it != delays.end(); ++it) {
      auto d = disposition_from(it.key());
      if (!d || !retryable(*d))
        throw PolicyError("retryPolicy.delaysS." + it.key(),
                          "Resultado sem nova tentativa possível. Use: " + retryable_names() + ".");
      if (it->is_null()) continue;
      if (!it->is_number_integer() || it->get<std::int64_t>() < 60 || it->get<std::int64_t>() > 30LL * 86400)
        throw PolicyError("retryPolicy.delaysS." + it.key(),
                          "O intervalo deve ser de 60 segundos a 30 dias (em segundos), ou vazio para não tentar de novo.");
      p.delay_s[*d] = it->get<int>();
    }
  }
  if (j.contains("nextPhoneOn")) {
    const auto& list = j["nextPhoneOn"];
    if (!list.is_array()) throw PolicyError("retryPolicy.nextPhoneOn", "Deve ser uma lista de resultados.");
    p.next_phone_on.clear();
    for (const auto& v : list) {
      auto d = v.is_string() ? disposition_from(v.get<std::string>()) : std::nullopt;
      if (!d || (*d != Disposition::busy && *d != Disposition::no_answer && *d != Disposition::voicemail))
        throw PolicyError("retryPolicy.nextPhoneOn",
                          "Só busy, no-answer e voicemail podem passar ao próximo telefone (inválido e falha sempre passam).");
      p.next_phone_on.insert(*d);
    }
  }
  return p;
}

json to_json(const RetryPolicy& p) {
  json delays = json::object();
  for (auto d : kRetryable) {
    auto it = p.delay_s.find(d);
    delays[to_string(d)] = it == p.delay_s.end() ? json(nullptr) : json(it->second);
  }
  json next = json::array();
  for (auto d : p.next_phone_on) next.push_back(to_string(d));
  return {{"maxAttempts", p.max_attempts}, {"delaysS", delays}, {"nextPhoneOn", next}};
}

std::vector<Window> parse_windows(const json& j) {
  if (!j.is_object()) throw PolicyError("schedule", "O horário deve ser um objeto com a lista de janelas.");
  for (auto it = j.begin(); it != j.end(); ++it)
    if (it.key() != "windows") throw PolicyError("schedule." + it.key(), "Campo desconhecido no horário.");
  if (!j.contains("windows")) return default_windows();
  const auto& list = j["windows"];
  if (!list.is_array() || list.empty() || list.size() > 14)
    throw PolicyError("schedule.windows", "Informe de 1 a 14 janelas de horário permitido.");
  std::vector<Window> out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = "schedule.windows." + std::to_string(i);
    const auto& w = list[i];
    if (!w.is_object() || !w.contains("weekdays") || !w.contains("start") || !w.contains("end") || w.size() != 3)
      throw PolicyError(path, "Cada janela tem weekdays, start e end.");
    Window win;
    win.weekdays = 0;
    if (!w["weekdays"].is_array() || w["weekdays"].empty())
      throw PolicyError(path + ".weekdays", "Escolha ao menos um dia da semana (0 = domingo … 6 = sábado).");
    for (const auto& d : w["weekdays"]) {
      if (!d.is_number_integer() || d.get<int>() < 0 || d.get<int>() > 6)
        throw PolicyError(path + ".weekdays", "Dias da semana vão de 0 (domingo) a 6 (sábado).");
      win.weekdays |= 1u << d.get<int>();
    }
    auto start = w["start"].is_string() ? parse_hhmm(w["start"].get<std::string>()) : std::nullopt;
    auto end = w["end"].is_string() ? parse_hhmm(w["end"].get<std::string>()) : std::nullopt;
    if (!start) throw PolicyError(path + ".start", "Use o formato HH:MM (00:00 a 23:59).");
    if (!end) throw PolicyError(path + ".end", "Use o formato HH:MM (00:01 a 24:00).");
    if (*start >= *end)
      throw PolicyError(path + ".end", "O fim deve ser depois do início (janelas não atravessam a meia-noite).");
    win.start_minute = *start;
    win.end_minute = *end;
    out.push_back(win);
  }
  return out;
}

json windows_json(const std::vector<Window>& windows) {
  json list = json::array();
  for (const auto& w : windows) {
    json days = json::array();
    for (int d = 0; d < 7; ++d)
      if (w.weekdays & (1u << d)) days.push_back(d);
    list.push_back({{"weekdays", days}, {"start", hhmm(w.start_minute)}, {"end", hhmm(w.end_minute)}});
  }
  return {{"windows", list}};
}

std::vector<Window> default_windows() {
  return {Window{0b0111110, 9 * 60, 20 * 60}, Window{0b1000000, 9 * 60, 14 * 60}};
}

std::optional<int> zone_offset(const std::string& name) {
  if (name == "America/Noronha") return -120;
  if (name == "America/Sao_Paulo" || name == "America/Recife" || name == "America/Bahia" ||
      name == "America/Fortaleza" || name == "America/Belem")
    return -180;
  if (name == "America/Manaus" || name == "America/Cuiaba" || name == "America/Porto_Velho" ||
      name == "America/Boa_Vista" || name == "America/Campo_Grande")
    return -240;
  if (name == "America/Rio_Branco" || name == "America/Eirunepe") return -300;
  return std::nullopt;
}

NextStep after_attempt(const RetryPolicy& policy, Disposition d, const ContactProgress& c, EpochMs now) {
  NextStep next;
  next.phone_index = c.phone_index;
  next.invalid_mask = c.invalid_mask;
  if (d == Disposition::invalid_number) next.invalid_mask |= 1u << (c.phone_index - 1);
  auto valid = [&](int i) { return !(next.invalid_mask & (1u << (i - 1))); };
  if (d == Disposition::answered || c.attempts >= policy.max_attempts) {
    next.done = true;
    return next;
  }
  if (d == Disposition::cancelled) {  // the campaign stopped: the contact keeps its place
    next.at = now;
    return next;
  }
  auto delay = policy.delay_s.find(d);
  const bool has_delay = delay != policy.delay_s.end();
  const bool advance = d == Disposition::invalid_number || d == Disposition::failed || policy.next_phone_on.count(d);
  if (advance) {
    for (int i = c.phone_index + 1; i <= c.phone_count; ++i)
      if (valid(i)) {
        next.phone_index = i;
        next.at = now;
        return next;
      }
    // Past the last phone: the round starts again at the first valid one.
    for (int i = 1; i <= c.phone_count; ++i)
      if (valid(i)) {
        if (d == Disposition::invalid_number) {
          next.phone_index = i;
          next.at = now;
          return next;
        }
        if (!has_delay) break;
        next.phone_index = i;
        next.at = now + static_cast<EpochMs>(delay->second) * 1000;
        return next;
      }
    next.done = true;
    return next;
  }
  if (!has_delay) {
    next.done = true;
    return next;
  }
  next.at = now + static_cast<EpochMs>(delay->second) * 1000;
  return next;
}

}  // namespace torpedo::engine
