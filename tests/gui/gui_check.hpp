#pragma once
// What the GUI check programs share: a check that prints "ok:" or "FAILED:" and counts failures, running the viewer
// as a shell command, and the last line and exit status CTest reads.

#include <cstdlib>
#include <iostream>
#include <string>

namespace bordermap::test {

// The header of ACLED's 31-column export, and the three (event_type, sub_event_type) pairs bordermap maps to a
// clash, an air strike and an attack: what the checks' synthetic ACLED files are written with.
inline constexpr const char* kAcledHeader =
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,"
    "inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,"
    "location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp\n";
inline constexpr const char* kAcledMappedTypes[3][2] = {{"Battles", "Armed clash"},
                                                         {"Explosions/Remote violence", "Air/drone strike"},
                                                         {"Violence against civilians", "Attack"}};

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
