#pragma once
// Where the unit tests find their inputs; set by tests/CMakeLists.txt.

#include <string>

namespace bordermap::test {

inline std::string dataFile(const std::string& name) { return std::string(BORDERMAP_TEST_DATA_DIR) + "/" + name; }
inline std::string geodataFile(const std::string& name) { return std::string(BORDERMAP_GEODATA_DIR) + "/" + name; }

}  // namespace bordermap::test
