#include "options.hpp"

#include <bordermap/core/error.hpp>

namespace bordermap::app {

namespace {

bool looksLikeNumber(const std::string& arg) {
    return arg.size() > 1 && arg[0] == '-' && ((arg[1] >= '0' && arg[1] <= '9') || arg[1] == '.');
}

}  // namespace

ParsedArgs parseArgs(std::span<const std::string> args, std::span<const OptionSpec> specs) {
    ParsedArgs parsed;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--") {
            parsed.positionals.insert(parsed.positionals.end(), args.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                                      args.end());
            break;
        }
        if (arg.size() < 2 || arg[0] != '-' || looksLikeNumber(arg)) {
            parsed.positionals.push_back(arg);
            continue;
        }
        std::string name = arg.substr(arg[1] == '-' ? 2 : 1);
        std::optional<std::string> inlineValue;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            inlineValue = name.substr(eq + 1);
            name.resize(eq);
        }
        if (name == "h") name = "help";
        if (name == "q") name = "quiet";
        const OptionSpec* spec = nullptr;
        for (const OptionSpec& candidate : specs)
            if (candidate.name == name) spec = &candidate;
        if (spec == nullptr) throw UsageError("unknown option '" + arg + "' (see --help)");
        if (!spec->takesValue) {
            if (inlineValue) throw UsageError("option --" + name + " takes no value");
            parsed.flags.insert(name);
        } else if (inlineValue) {
            parsed.values[name] = *inlineValue;
            parsed.all[name].push_back(*inlineValue);
        } else if (i + 1 < args.size()) {
            parsed.values[name] = args[++i];
            parsed.all[name].push_back(args[i]);
        } else {
            throw UsageError("option --" + name + " needs a value");
        }
    }
    return parsed;
}

}  // namespace bordermap::app
