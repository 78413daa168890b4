// The export tests, run by CTest. Each mode runs the real `bordermap render` and checks its files as a reader
// would receive them.
//   export_check golden BORDERMAP GOLDEN_DIR OUT_DIR [--bless]   fixed scenes against reference PNGs
//   export_check formats BORDERMAP OUT_DIR                      PNG size, SVG well-formed XML, PDF opens
//   export_check bad-input BORDERMAP OUT_DIR                    exit 2 and nothing written
//   export_check interrupted BORDERMAP OUT_DIR                  killed mid-write: no file left behind
// Golden tolerance: a pixel matches when no channel differs by more than 24 of 255; a scene passes when at most
// 0.2 % of its pixels do not match (anti-aliased text varies a little between Cairo and FreeType builds). The
// actual image and a diff (mismatching pixels red over a faded actual) are written to OUT_DIR; a missing reference
// fails; --bless writes the references instead.

#include <cairo.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;

namespace {

int failures = 0;

void check(bool ok, const std::string& what) {
    std::cout << (ok ? "ok:     " : "FAILED: ") << what << '\n';
    if (!ok) ++failures;
}

int run(const std::string& command) {
    std::cout << "$ " << command << '\n';
    const int status = std::system((command + " > /dev/null 2>&1").c_str());
    return status == -1 ? -1 : WEXITSTATUS(status);
}

std::string q(const std::string& s) { return "'" + s + "'"; }

struct Image {
    cairo_surface_t* surface = nullptr;
    ~Image() {
        if (surface) cairo_surface_destroy(surface);
    }
    bool load(const std::string& path) {
        surface = cairo_image_surface_create_from_png(path.c_str());
        return cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS;
    }
    int width() const { return cairo_image_surface_get_width(surface); }
    int height() const { return cairo_image_surface_get_height(surface); }
};

std::size_t filesIn(const fs::path& dir) {
    std::size_t n = 0;
    for (const auto& entry : fs::directory_iterator(dir)) (void)entry, ++n;
    return n;
}

struct Scene {
    const char* name;
    const char* args;
};

const Scene kScenes[] = {
    {"region_2025-03-01", "--date 2025-03-01 --size 800x520"},
    {"torkham_presenter_2026-02-27", "--date 2026-02-27 --cumulative --disputed --presenter --bbox 69.5,33.2,72.2,35.0 "
                                     "--size 800x560 --title 'Around Torkham' --subtitle 'Every event to the date'"},
    {"layers_svg_free_2025-10-20", "--date 2025-10-20 --window 14 --layers provinces,crossings,events --hide sources,north "
                                   "--crs webmercator --size 640x480 --dpi 120"},
};

int golden(const std::string& bordermap, const fs::path& goldenDir, const fs::path& out, bool bless) {
    for (const Scene& scene : kScenes) {
        const fs::path actual = out / (std::string(scene.name) + ".png");
        const fs::path reference = goldenDir / (std::string(scene.name) + ".png");
        fs::remove(actual);
        check(run(q(bordermap) + " render " + scene.args + " -o " + q(actual.string())) == 0, std::string(scene.name) + ": rendered");
        if (bless) {
            fs::copy_file(actual, reference, fs::copy_options::overwrite_existing);
            std::cout << "blessed " << reference << '\n';
            continue;
        }
        Image a, r;
        if (!fs::exists(reference)) {
            check(false, std::string(scene.name) + ": no reference " + reference.string() + " (bless it with --bless after looking at it)");
            continue;
        }
        if (!a.load(actual.string()) || !r.load(reference.string())) {
            check(false, std::string(scene.name) + ": images readable");
            continue;
        }
        if (a.width() != r.width() || a.height() != r.height()) {
            check(false, std::string(scene.name) + ": same size as the reference");
            continue;
        }
        cairo_surface_flush(a.surface);
        const int w = a.width(), h = a.height(), stride = cairo_image_surface_get_stride(a.surface);
        const unsigned char* pa = cairo_image_surface_get_data(a.surface);
        const unsigned char* pr = cairo_image_surface_get_data(r.surface);
        cairo_surface_t* diff = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
        unsigned char* pd = cairo_image_surface_get_data(diff);
        const int dstride = cairo_image_surface_get_stride(diff);
        long mismatched = 0;
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                int worst = 0;
                for (int c = 0; c < 4; ++c) worst = std::max(worst, std::abs(pa[y * stride + 4 * x + c] - pr[y * stride + 4 * x + c]));
                unsigned char* o = pd + y * dstride + 4 * x;
                if (worst > 24) {
                    ++mismatched;
                    o[0] = 0, o[1] = 0, o[2] = 255;  // BGRx: red
                } else {
                    for (int c = 0; c < 3; ++c) o[c] = static_cast<unsigned char>(200 + pa[y * stride + 4 * x + c] / 5);
                }
            }
        cairo_surface_mark_dirty(diff);
        cairo_surface_write_to_png(diff, (out / (std::string(scene.name) + ".diff.png")).c_str());
        cairo_surface_destroy(diff);
        const double share = static_cast<double>(mismatched) / (static_cast<double>(w) * h);
        check(share <= 0.002, std::string(scene.name) + ": " + std::to_string(mismatched) + " pixels (" + std::to_string(share * 100) +
                                  " %) differ from the reference beyond 24/255 (at most 0.2 % allowed)");
    }
    return failures;
}

int formats(const std::string& bordermap, const fs::path& out) {
    const fs::path png = out / "formats.png", svg = out / "formats.svg", pdf = out / "formats.pdf";
    for (const fs::path& p : {png, svg, pdf}) fs::remove(p);
    check(run(q(bordermap) + " render --date 2025-10-20 --size 1234x777 -o " + q(png.string())) == 0, "PNG rendered");
    Image image;
    check(image.load(png.string()) && image.width() == 1234 && image.height() == 777, "the PNG is 1234x777, as asked");
    check(run(q(bordermap) + " render --date 2025-10-20 --dpi 300 --size 1234x777 -o " + q(png.string())) == 0 && image.load(png.string()) &&
              image.width() == 1234, "at 300 dpi the PNG keeps its size");
    check(run(q(bordermap) + " render --date 2025-10-20 -o " + q(svg.string())) == 0, "SVG rendered");
    check(run("xmllint --noout " + q(svg.string())) == 0, "the SVG is well-formed XML (xmllint)");
    check(run("grep -q '<svg' " + q(svg.string())) == 0, "and an SVG document");
    check(run(q(bordermap) + " render --date 2025-10-20 --title 'A title for the PDF' -o " + q(pdf.string())) == 0, "PDF rendered");
    check(run("pdfinfo " + q(pdf.string())) == 0, "the PDF opens (pdfinfo)");
    check(run("pdftotext " + q(pdf.string()) + " - | grep -q 'A title for the PDF'") == 0, "its text is text (pdftotext finds the title)");
    check(run("pdftoppm -png -r 30 -singlefile " + q(pdf.string()) + " " + q((out / "formats_pdf_page").string())) == 0 &&
              fs::exists(out / "formats_pdf_page.png"), "the PDF rasterises (pdftoppm)");
    // A frame sequence.
    const fs::path frames = out / "frames";
    fs::remove_all(frames);
    fs::create_directories(frames);
    check(run(q(bordermap) + " render --dates 2025-10-01..2025-10-21 --every 1w --size 320x200 -o " + q((frames / "%Y-%m-%d.png").string())) == 0,
          "a weekly frame sequence renders");
    check(fs::exists(frames / "2025-10-01.png") && fs::exists(frames / "2025-10-15.png") && filesIn(frames) == 3, "three frames, named by date");
    return failures;
}

int badInput(const std::string& bordermap, const fs::path& out) {
    const fs::path dir = out / "export_bad_input";  // not bad_input/: the unit tests write there at the same time
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string o = " -o " + q((dir / "map.png").string());
    const std::pair<std::string, std::string> cases[] = {
        {"--layers provinces,roads" + o, "an unknown layer"},    {"--date 2025-02-30" + o, "a bad date"},
        {"--date 2031-01-01" + o, "a date out of range"},        {"--size 0x500" + o, "a size of 0"},
        {"--size 100000x100000" + o, "a size of 100000"},        {"--dpi 5" + o, "a DPI of 5"},
        {"--hide compass" + o, "an unknown decoration"},         {"--bbox 75,30,70,35" + o, "a reversed bbox"},
        {"-o " + q((dir / "map.gif").string()), "an unknown format"},
        {"-o " + q((dir / "missing" / "map.png").string()), "a missing folder"},
        {"-o /proc/map.png", "an unwritable folder"},
    };
    for (const auto& [args, what] : cases) check(run(q(bordermap) + " render " + args) == 2, what + " exits 2");
    check(filesIn(dir) == 0, "and nothing was written");
    // An existing file survives a failed export.
    std::FILE* f = std::fopen((dir / "keep.png").c_str(), "w");
    std::fputs("the previous version", f);
    std::fclose(f);
    check(run(q(bordermap) + " render --layers nope -o " + q((dir / "keep.png").string())) == 2 && fs::file_size(dir / "keep.png") == 20,
          "a failed export leaves the previous file as it was");
    return failures;
}

int interrupted(const std::string& bordermap, const fs::path& out) {
    const fs::path dir = out / "interrupted";
    fs::remove_all(dir);
    fs::create_directories(dir);
    for (const int delay_ms : {300, 900, 1600}) {
        const pid_t child = fork();
        if (child == 0) {
            const std::string target = (dir / "big.png").string();
            execl(bordermap.c_str(), bordermap.c_str(), "render", "--size", "9000x9000", "-o", target.c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
        kill(child, SIGKILL);
        int status = 0;
        waitpid(child, &status, 0);
        const bool killed = WIFSIGNALED(status);
        check(!killed || filesIn(dir) == 0, "killed after " + std::to_string(delay_ms) + " ms: no file, partial or hidden, is left");
        if (!killed) std::cout << "(the export finished before the kill; nothing to check this time)\n";
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    return failures;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::cerr << "usage: export_check golden|formats|bad-input|interrupted BORDERMAP [GOLDEN_DIR] OUT_DIR [--bless]\n";
        return 2;
    }
    const std::string mode = argv[1], bordermap = argv[2];
    int result = 0;
    if (mode == "golden" && argc >= 5) result = golden(bordermap, argv[3], argv[4], argc >= 6 && std::string(argv[5]) == "--bless");
    else if (mode == "formats") result = formats(bordermap, argv[3]);
    else if (mode == "bad-input") result = badInput(bordermap, argv[3]);
    else if (mode == "interrupted") result = interrupted(bordermap, argv[3]);
    else return 2;
    std::cout << (result == 0 ? "1 passed, 0 failed\n" : "0 passed, 1 failed\n");
    return result == 0 ? 0 : 1;
}
