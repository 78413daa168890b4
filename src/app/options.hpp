#pragma once
// A small, strict argument parser shared by the commands: --name VALUE, --name=VALUE, flags and positionals.
// A negative number ("-33.5") is a positional, not an option.

#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

namespace bordermap::app {

struct OptionSpec {
    std::string name;  // without the dashes
    bool takesValue = false;
};

struct ParsedArgs {
    std::vector<std::string> positionals;
    std::map<std::string, std::string> values;  // the last value given to each option
    std::map<std::string, std::vector<std::string>> all;  // every value, for repeatable options
    std::set<std::string> flags;

    bool has(const std::string& name) const { return flags.count(name) != 0 || values.count(name) != 0; }
    std::vector<std::string> valuesOf(const std::string& name) const {
        const auto it = all.find(name);
        return it == all.end() ? std::vector<std::string>{} : it->second;
    }
    std::optional<std::string> value(const std::string& name) const {
        const auto it = values.find(name);
        return it == values.end() ? std::nullopt : std::optional<std::string>(it->second);
    }
};

// Throws UsageError for an unknown option, a missing value, or a value given to a flag.
ParsedArgs parseArgs(std::span<const std::string> args, std::span<const OptionSpec> specs);

}  // namespace bordermap::app
