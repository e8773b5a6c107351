#pragma once
// pbxsim --config-dir: the PJSIP and queue configuration Torpedo generates, read the way
// Asterisk reads it, so that endpoints, queues and their members exist in pbxsim as they
// would in Asterisk. Reads DIR/pjsip.conf and DIR/queues.conf (following #include), at start
// and on each Reload.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "asterisk/conf.h"
#include "pbxsim/simulator.h"

namespace torpedo::pbxsim {

using asterisk::ConfSection;
using asterisk::parse_asterisk_conf;
using asterisk::parse_asterisk_conf_text;

// Replaces config's endpoints, registrations and queues with those in `dir`. Throws
// std::runtime_error when a file cannot be parsed (the caller keeps the previous config).
void load_config_dir(const std::filesystem::path& dir, SimConfig& config);

}  // namespace torpedo::pbxsim
