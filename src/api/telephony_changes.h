#pragma once
// After a telephony write (extension, queue, trunk): tell the UI, and apply the configuration
// to the PBX nodes when the admin left automatic apply on (the default).
#include <string_view>

#include "api/context.h"

namespace torpedo::api {

void telephony_changed(Services& s, std::string_view entity, std::string_view action, std::string_view id);
bool auto_apply_enabled(Services& s);

}  // namespace torpedo::api
