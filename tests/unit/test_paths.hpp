#pragma once
// Where the unit tests find their inputs; set by tests/CMakeLists.txt.

#include <filesystem>
#include <string>

namespace bordermap::test {

inline std::string dataFile(const std::string& name) { return std::string(BORDERMAP_TEST_DATA_DIR) + "/" + name; }
inline std::string geodataFile(const std::string& name) { return std::string(BORDERMAP_GEODATA_DIR) + "/" + name; }

// An empty folder for a test's output: the test output folder's SUITE/NAME, emptied first.
inline std::filesystem::path freshFolder(const std::string& suite, const std::string& name) {
    const std::filesystem::path dir = std::filesystem::path(BORDERMAP_TEST_OUTPUT_DIR) / suite / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

}  // namespace bordermap::test
