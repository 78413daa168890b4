#pragma once
// What the GUI check programs share: a check that prints "ok:" or "FAILED:" and counts failures, running the viewer
// as a shell command, and the last line and exit status CTest reads.

#include <cstdlib>
#include <iostream>
#include <string>

namespace bordermap::test {

class GuiChecks {
public:
    void check(bool ok, const std::string& what) {
        std::cout << (ok ? "ok:     " : "FAILED: ") << what << '\n';
        if (!ok) ++m_failures;
    }
    // Runs BORDERMAP with `args` (already quoted where they need it); true when it exits 0.
    static bool run(const std::string& bordermap, const std::string& args) {
        const std::string command = "'" + bordermap + "' " + args;
        std::cout << "$ " << command << '\n';
        return std::system(command.c_str()) == 0;
    }
    int finish() const {
        std::cout << (m_failures == 0 ? "1 passed, 0 failed\n" : "0 passed, 1 failed\n");
        return m_failures == 0 ? 0 : 1;
    }

private:
    int m_failures = 0;
};

}  // namespace bordermap::test
