// A PDF export whose base map is drawn in parts on threads and stacked into the page (pdf_stack.cpp) against the same
// export drawn in one piece: the same pages, the same text, the same picture. The files come from render::exportMap
// itself; poppler's pdftoppm, pdftotext and pdfinfo (poppler-utils, which scripts/ installs) read them back.

#include "../test_paths.hpp"
#include "../timeline/timeline_fixture.hpp"

#include <bordermap/render/cairo_export.hpp>
#include <bordermap/scene/inset.hpp>
#include <bordermap/scene/scene.hpp>
#include <bordermap/timeline/selection.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

using namespace bordermap;
using test::day;

namespace {

std::string outputFile(const std::string& name) {
    const std::filesystem::path dir = std::filesystem::path(BORDERMAP_TEST_OUTPUT_DIR) / "pdf_export";
    std::filesystem::create_directories(dir);
    return (dir / name).string();
}

std::string output(const std::string& command) {
    std::string out;
    const std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    REQUIRE(pipe != nullptr);
    char buffer[4096];
    while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe.get())) out.append(buffer, n);
    return out;
}

// A binary PPM (P6, 8 bits) as poppler writes it.
struct Raster {
    int width = 0, height = 0;
    std::vector<unsigned char> rgb;
};

Raster readPpm(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::string magic;
    int maxval = 0;
    Raster r;
    in >> magic >> r.width >> r.height >> maxval;
    in.get();
    REQUIRE(magic == "P6");
    REQUIRE(maxval == 255);
    r.rgb.resize(static_cast<std::size_t>(r.width) * static_cast<std::size_t>(r.height) * 3);
    in.read(reinterpret_cast<char*>(r.rgb.data()), static_cast<std::streamsize>(r.rgb.size()));
    REQUIRE(in.good());
    return r;
}

// The region on 2025-10-20, as `bordermap render --date 2025-10-20` draws it, with an inset and a locator too.
struct Region {
    scene::ProjectedMap map = scene::projectMap(test::boundaries(), "regional");
    timeline::EventSelection events{test::embeddedCatalogue()};
    scene::Style style = scene::makeStyle(scene::PaletteKind::Standard, scene::DurandView::International);
    Region() {
        scene::projectEvents(map, test::embeddedCatalogue());
        style.scale = 1.0;
    }
    render::ExportScene exportScene() const {
        return {map, events, map.regionBox, {day("2025-10-20"), scene::TimeMode::Window, 30}, style, scene::LayerSwitches{}};
    }
};

}  // namespace

TEST_CASE("a PDF drawn in parts on threads is the PDF drawn in one piece") {
    const Region in;
    render::ExportOptions options;  // 1600 x 1000 at 96 dpi, every decoration
    options.inset = scene::khyberInset();
    std::string files[2];
    for (int parts : {1, 3}) {
        options.pdfParts = parts;
        files[parts == 1 ? 0 : 1] = outputFile("region_" + std::to_string(parts) + ".pdf");
        render::exportMap(files[parts == 1 ? 0 : 1], in.exportScene(), options);
    }
    const auto size = [](const std::string& path) { return static_cast<double>(std::filesystem::file_size(path)); };
    // The parts are each their own form, not lost: the file is as large, give or take the parts' own headers.
    CHECK(size(files[1]) > size(files[0]) * 0.95);
    CHECK(size(files[1]) < size(files[0]) * 1.1);

    const std::string info = output("pdfinfo '" + files[1] + "' 2>&1");
    CHECK(info.find("Pages:           2") != std::string::npos);  // the map, then its sources
    CHECK(info.find("Syntax Error") == std::string::npos);
    CHECK(output("pdftotext '" + files[1] + "' -") == output("pdftotext '" + files[0] + "' -"));

    Raster pages[2];
    for (int i = 0; i < 2; ++i) {
        const std::string stem = files[i].substr(0, files[i].size() - 4);
        REQUIRE(std::system(("pdftoppm -r 48 -f 1 -l 1 -singlefile '" + files[i] + "' '" + stem + "'").c_str()) == 0);
        pages[i] = readPpm(stem + ".ppm");
    }
    REQUIRE(pages[0].width == pages[1].width);
    REQUIRE(pages[0].height == pages[1].height);
    // The same picture, but for anti-aliasing where a part's lines meet another's (measured: 0.5 % of the pixels
    // differ at all, 0.03 % by more than 16 of 255, none by more than 24).
    std::size_t differ = 0, blank = 0;
    for (std::size_t i = 0; i < pages[0].rgb.size(); i += 3) {
        int d = 0;
        for (std::size_t c = 0; c < 3; ++c) d = std::max(d, std::abs(pages[0].rgb[i + c] - pages[1].rgb[i + c]));
        if (d > 16) ++differ;
        if (pages[1].rgb[i] == 255 && pages[1].rgb[i + 1] == 255 && pages[1].rgb[i + 2] == 255) ++blank;
    }
    const double pixels = static_cast<double>(pages[0].rgb.size() / 3);
    CHECK(static_cast<double>(differ) / pixels < 0.001);
    CHECK(static_cast<double>(blank) / pixels < 0.5);  // the map is there, not a white page that two blank pages would agree on
}
