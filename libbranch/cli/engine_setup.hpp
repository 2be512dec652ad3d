#pragma once
// The engine every scoring command starts from: core metrics plus plugins, refusals printed.
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <libbranch/engine.hpp>

#include "commands.hpp"
#include "report_errors.hpp"

namespace branchscore {

/// An Engine with the plugins of the search path (`--plugins` first). No plugin is skipped
/// silently: every refusal and search-path warning is printed. nullopt after printing an error.
inline std::optional<libbranch::Engine> make_engine(const PluginArgs& plugins, std::ostream& err) {
  return guarded(err, [&] {
    libbranch::EngineOptions options;
    options.plugin_dirs.assign(plugins.dirs.begin(), plugins.dirs.end());
    options.allow_unsafe_plugins = plugins.allow_unsafe;
    libbranch::Engine engine(options);
    for (const libbranch::PluginRecord* r : engine.plugins().refused())
      err << "branchscore: warning: plugin " << r->name << " (" << r->path.string() << ") refused: " << r->reason << "\n";
    for (const std::string& w : engine.plugins().warnings()) err << "branchscore: warning: " << w << "\n";
    return engine;
  });
}

}  // namespace branchscore
