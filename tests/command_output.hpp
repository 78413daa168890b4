#pragma once
// A shell command's standard output (its standard error dropped), for tests that read what a tool printed
// (ffprobe, pdfinfo, bordermap itself).

#include <cstdio>
#include <string>

namespace bordermap::test {

inline std::string commandOutput(const std::string& command) {
    std::string text;
    if (std::FILE* pipe = popen((command + " 2>/dev/null").c_str(), "r")) {
        char buffer[4096];
        for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) text.append(buffer, n);
        pclose(pipe);
    }
    return text;
}

}  // namespace bordermap::test
