#include "telephony/validate.h"

#include <algorithm>
#include <regex>

namespace torpedo::telephony {

namespace {

bool matches(const std::string& v, const char* pattern) {
  return std::regex_match(v, std::regex(pattern));
}

}  // namespace

const std::vector<std::string>& known_codecs() {
  static const std::vector<std::string> codecs{"ulaw", "alaw", "gsm",  "g722",
                                               "g729", "opus", "ilbc", "slin16"};
  return codecs;
}

Problem check_extension_number(const std::string& v) {
  if (!matches(v, "[0-9]{2,8}")) return "Use de 2 a 8 dígitos (ex.: 1001).";
  return std::nullopt;
}

Problem check_endpoint_name(const std::string& v) {
  if (!matches(v, "[a-z][a-z0-9-]{2,39}"))
    return "Use de 3 a 40 letras minúsculas, números ou hífen, começando por letra.";
  return std::nullopt;
}

// Names reach Asterisk as a caller ID ("Maria" <1001>) and a queue member name, where quotes,
// commas, angle brackets and semicolons change the meaning. Letters of any script pass (UTF-8
// sequences are accepted whole; control characters, including U+0080–U+009F, are not).
Problem check_display_name(const std::string& v) {
  if (v.empty()) return "Informe o nome.";
  std::size_t characters = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const auto c = static_cast<unsigned char>(v[i]);
    if ((c & 0xC0) != 0x80) ++characters;
    if (c >= 0x80) {
      if (c == 0xC2 && i + 1 < v.size() && static_cast<unsigned char>(v[i + 1]) < 0xA0)
        return "O nome não pode ter caracteres de controle.";
      continue;
    }
    if (std::isalnum(c) || c == ' ' || c == '.' || c == '-' || c == '_' || c == '\'') continue;
    return std::string(
               "O nome só pode ter letras, números, espaço, ponto, hífen, sublinhado e apóstrofo (não use "
               "\"") +
           static_cast<char>(c) + "\").";
  }
  if (characters > 64) return "Nome longo demais (máximo 64 caracteres).";
  if (v.front() == ' ' || v.back() == ' ') return "Tire os espaços do começo e do fim do nome.";
  return std::nullopt;
}

Problem check_object_name(const std::string& v) {
  if (!matches(v, "[a-z0-9][a-z0-9_-]{0,39}"))
    return "Use de 1 a 40 letras minúsculas, números, hífen ou sublinhado, começando por letra ou número "
           "(ex.: suporte).";
  if (v == "general" || v == "globals") return "Este nome é reservado pelo Asterisk; escolha outro.";
  return std::nullopt;
}

Problem check_phone_digits(const std::string& v) {
  if (!matches(v, "\\+?[0-9]{2,20}")) return "Use só dígitos, com + opcional no início (ex.: 551140041234).";
  return std::nullopt;
}

Problem check_host(const std::string& v) {
  static const char* hostname =
      "([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*";
  static const char* ipv6 = "\\[?[0-9A-Fa-f:.]{2,45}\\]?";
  if (v.size() > 253 || !(matches(v, hostname) || (v.find(':') != std::string::npos && matches(v, ipv6))))
    return "Informe o nome ou o IP do servidor (ex.: sip.operadora.com.br ou 200.1.2.3).";
  return std::nullopt;
}

Problem check_sip_user(const std::string& v) {
  if (!matches(v, "[A-Za-z0-9._+-]{1,64}"))
    return "Use de 1 a 64 letras, números, ponto, hífen, sublinhado ou +.";
  return std::nullopt;
}

Problem check_secret(const std::string& v) {
  if (v.size() < 8 || v.size() > 128) return "A senha precisa ter de 8 a 128 caracteres.";
  for (unsigned char c : v) {
    if (c <= 0x20 || c >= 0x7F)
      return "A senha só pode ter letras, números e símbolos do teclado, sem espaço nem acento.";
    if (c == ';' || c == '\\' || c == '"' || c == '[' || c == ']' || c == '#')
      return std::string("A senha não pode ter o caractere ") + static_cast<char>(c) +
             " (o arquivo de configuração do Asterisk o interpreta); peça outra à operadora.";
  }
  return std::nullopt;
}

Problem check_ip_match(const std::string& v) {
  static const char* v4 =
      "((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(/"
      "([0-9]|[12][0-9]|3[0-2]))?";
  static const char* v6 = "[0-9A-Fa-f:]{2,39}(/([0-9]{1,2}|1[01][0-9]|12[0-8]))?";
  if (!(matches(v, v4) || (v.find(':') != std::string::npos && matches(v, v6))))
    return "Informe um IP ou uma rede (ex.: 200.1.2.3 ou 200.1.2.0/24).";
  return std::nullopt;
}

Problem check_prefix_digits(const std::string& v) {
  if (!matches(v, "[0-9]{1,8}")) return "Use de 1 a 8 dígitos.";
  return std::nullopt;
}

Problem check_codecs(const std::vector<std::string>& codecs) {
  if (codecs.empty()) return "Escolha ao menos um codec.";
  for (const auto& c : codecs)
    if (std::find(known_codecs().begin(), known_codecs().end(), c) == known_codecs().end())
      return "Codec desconhecido: use ulaw, alaw, gsm, g722, g729, opus, ilbc ou slin16.";
  for (std::size_t i = 0; i < codecs.size(); ++i)
    if (std::find(codecs.begin() + static_cast<std::ptrdiff_t>(i) + 1, codecs.end(), codecs[i]) !=
        codecs.end())
      return "Cada codec só pode aparecer uma vez.";
  return std::nullopt;
}

Problem check_strategy(const std::string& v) {
  for (const char* s : {"ringall", "leastrecent", "fewestcalls", "random", "rrmemory"})
    if (v == s) return std::nullopt;
  return "Estratégia inválida: use ringall, leastrecent, fewestcalls, random ou rrmemory.";
}

Problem check_transport(const std::string& v) {
  if (v == "udp" || v == "tcp" || v == "tls") return std::nullopt;
  return "Transporte inválido: use udp, tcp ou tls.";
}

}  // namespace torpedo::telephony
