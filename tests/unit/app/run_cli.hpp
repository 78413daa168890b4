#pragma once
// Runs the command line in-process, as a user would from a shell, capturing what it prints and its exit code.

#include <bordermap/app/cli.hpp>

#include <sstream>
#include <string>
#include <vector>

namespace bordermap::test {

struct Run {
    int code = -1;
    std::string out;
    std::string err;
};

inline Run run(std::vector<std::string> args) {
    std::ostringstream out;
    std::ostringstream err;
    Run result;
    result.code = app::runCli(args, out, err);
    result.out = out.str();
    result.err = err.str();
    return result;
}

inline bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace bordermap::test
