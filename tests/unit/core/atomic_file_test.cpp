// AtomicFile's going back over what it wrote (a video muxer's index): seek, read back, size; still nothing named
// until commit().

#include <bordermap/core/atomic_file.hpp>

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

using namespace bordermap;
namespace fs = std::filesystem;

TEST_CASE("atomic file: seek, read back and size before the file has a name") {
    const fs::path dir = fs::path(BORDERMAP_TEST_OUTPUT_DIR) / "atomic_file";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string path = (dir / "patched.bin").string();
    AtomicFile file(path);
    file.write("hello world", 11);
    CHECK(file.size() == 11);
    CHECK(file.seek(0, SEEK_SET) == 0);
    file.write("J", 1);
    CHECK(file.seek(0, SEEK_END) == 11);
    file.write("!", 1);
    char back[16] = {};
    CHECK(file.readAt(0, back, sizeof back) == 12);
    CHECK(std::string(back, 12) == "Jello world!");
    CHECK(file.readAt(12, back, sizeof back) == 0);
    CHECK(fs::is_empty(dir));
    file.commit();
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    CHECK(text.str() == "Jello world!");
}
