#include "contacts/mapping.h"

#include <map>

#include "common/text.h"

namespace torpedo::contacts {

namespace {

constexpr const char* kNames[kFieldCount] = {"name",    "phone1",  "phone2",  "phone3",  "email",
                                             "custom1", "custom2", "custom3", "custom4", "custom5"};

// fold() without the spaces: "E-mail" → "email", "Telefone 2" → "telefone2".
std::string key(std::string_view header) {
  std::string k;
  for (char c : fold(header))
    if (c != ' ') k += c;
  return k;
}

enum class Kind { name, phone_any, phone1, phone2, phone3, email, custom };

const std::map<std::string, std::pair<Kind, int>>& synonyms() {
  static const std::map<std::string, std::pair<Kind, int>> s = [] {
    std::map<std::string, std::pair<Kind, int>> m;
    for (const char* n : {"nome", "name", "nomecompleto", "fullname", "cliente", "nomedocliente", "contato",
                          "razaosocial", "devedor", "nomedevedor", "destinatario"})
      m[n] = {Kind::name, 0};
    for (const char* n : {"telefone", "fone", "celular", "phone", "mobile", "tel", "cel", "numero", "whatsapp",
                          "telefoneprincipal", "phonenumber", "number", "ddd+telefone", "telefonecelular",
                          "telefonefixo", "telefoneresidencial", "telefonecomercial", "contatotelefonico"})
      m[n] = {Kind::phone_any, 0};
    for (const char* n : {"telefone1", "fone1", "celular1", "phone1", "tel1", "cel1", "numero1", "mobile1"})
      m[n] = {Kind::phone1, 0};
    for (const char* n : {"telefone2", "fone2", "celular2", "phone2", "tel2", "cel2", "numero2", "mobile2"})
      m[n] = {Kind::phone2, 0};
    for (const char* n : {"telefone3", "fone3", "celular3", "phone3", "tel3", "cel3", "numero3", "mobile3"})
      m[n] = {Kind::phone3, 0};
    for (const char* n : {"email", "mail", "correioeletronico", "emailaddress", "enderecodeemail"})
      m[n] = {Kind::email, 0};
    for (int i = 1; i <= 5; ++i)
      for (const char* prefix : {"campo", "custom", "extra", "campoextra", "personalizado", "info"})
        m[prefix + std::to_string(i)] = {Kind::custom, i};
    return m;
  }();
  return s;
}

}  // namespace

const char* to_string(Field f) { return kNames[static_cast<std::size_t>(f)]; }

std::optional<Field> field_from_string(std::string_view s) {
  for (std::size_t i = 0; i < kFieldCount; ++i)
    if (s == kNames[i]) return static_cast<Field>(i);
  return std::nullopt;
}

Mapping map_header(const std::vector<std::string>& header, const std::array<std::string, 5>& custom_labels) {
  Mapping m{};
  auto set = [&](Field f, std::size_t col) {
    auto& slot = m[static_cast<std::size_t>(f)];
    if (!slot) slot = col;
  };
  std::vector<std::size_t> generic_phones;
  for (std::size_t col = 0; col < header.size(); ++col) {
    const std::string k = key(header[col]);
    if (k.empty()) continue;
    bool matched_label = false;
    for (std::size_t i = 0; i < custom_labels.size(); ++i)
      if (!custom_labels[i].empty() && key(custom_labels[i]) == k) {
        set(static_cast<Field>(static_cast<std::size_t>(Field::custom1) + i), col);
        matched_label = true;
      }
    if (matched_label) continue;
    auto it = synonyms().find(k);
    if (it == synonyms().end()) continue;
    switch (it->second.first) {
      case Kind::name: set(Field::name, col); break;
      case Kind::email: set(Field::email, col); break;
      case Kind::phone1: set(Field::phone1, col); break;
      case Kind::phone2: set(Field::phone2, col); break;
      case Kind::phone3: set(Field::phone3, col); break;
      case Kind::phone_any: generic_phones.push_back(col); break;
      case Kind::custom:
        set(static_cast<Field>(static_cast<std::size_t>(Field::custom1) + it->second.second - 1), col);
        break;
    }
  }
  // "Telefone", "Celular", … fill the phone slots still free, left to right.
  for (std::size_t col : generic_phones)
    for (Field f : {Field::phone1, Field::phone2, Field::phone3})
      if (!m[static_cast<std::size_t>(f)]) {
        m[static_cast<std::size_t>(f)] = col;
        break;
      }
  return m;
}

}  // namespace torpedo::contacts
