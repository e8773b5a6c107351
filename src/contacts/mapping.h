#pragma once
// Which CSV column holds which contact field: from the header's names (Portuguese and English,
// any case and accents) or an explicit mapping.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace torpedo::contacts {

enum class Field { name, phone1, phone2, phone3, email, custom1, custom2, custom3, custom4, custom5 };
constexpr std::size_t kFieldCount = 10;
const char* to_string(Field f);  // "name", "phone1", …
std::optional<Field> field_from_string(std::string_view s);

using Mapping = std::array<std::optional<std::size_t>, kFieldCount>;  // field → 0-based column

// Maps header names to fields. Generic phone names (telefone, celular, fone, phone, …) fill
// phone1, phone2, phone3 from left to right; `custom_labels` (the list's labels for custom
// fields 1–5) also match their columns.
Mapping map_header(const std::vector<std::string>& header, const std::array<std::string, 5>& custom_labels = {});

}  // namespace torpedo::contacts
