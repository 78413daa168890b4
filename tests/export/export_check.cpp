// The export tests, run by CTest. Each mode runs the real `bordermap render` and checks its files as a reader
// would receive them.
//   export_check golden BORDERMAP GOLDEN_DIR OUT_DIR [--bless]   fixed scenes against reference PNGs
//   export_check formats BORDERMAP OUT_DIR                      PNG size, SVG well-formed XML, PDF opens
//   export_check layout BORDERMAP OUT_DIR                       the page: paper sizes, credits, where the sources go
//   export_check bad-input BORDERMAP OUT_DIR                    exit 2 and nothing written
//   export_check interrupted BORDERMAP OUT_DIR                  killed mid-write: no file left behind
//   export_check svg-renders BORDERMAP RSVG_CONVERT OUT_DIR      the SVG, rasterised, looks like the PNG
//   export_check video BORDERMAP FFMPEG_DIR OUT_DIR               MP4, WebM, GIF as ffprobe reads them; their frames
//                                                               against the PNGs of the same dates; killed, refused
//   export_check handout BORDERMAP SOURCE_DIR OUT_DIR             the sample briefing's handout as pdfinfo and
//                                                               pdftotext read it: pages, captions, numbered sources
// Golden tolerance: a pixel matches when no channel differs by more than 24 of 255; a scene passes when at most
// 0.2 % of its pixels do not match (anti-aliased text varies a little between Cairo and FreeType builds). The
// actual image and a diff (mismatching pixels red over a faded actual) are written to OUT_DIR; a missing reference
// fails; --bless writes the references instead.

#include "../command_output.hpp"
#include <cairo.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <optional>
#include <cstdint>
#include <cstring>
#include <tuple>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
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

using bordermap::test::commandOutput;

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The top of the first word `word` on page 1 of a PDF, as a share of the page's height (pdftotext -bbox), or -1.
double wordTop(const fs::path& pdf, const std::string& word) {
    const std::string xml = commandOutput("pdftotext -f 1 -l 1 -bbox " + q(pdf.string()) + " -");
    const std::size_t page = xml.find("<page width=");
    if (page == std::string::npos) return -1;
    const double height = std::atof(xml.c_str() + xml.find("height=\"", page) + 8);
    const std::size_t at = xml.find(">" + word + "</word>");
    if (at == std::string::npos || height <= 0) return -1;
    const std::size_t yMin = xml.rfind("yMin=\"", at);
    return std::atof(xml.c_str() + yMin + 6) / height;
}

int layout(const std::string& bordermap, const fs::path& out) {
    const fs::path dir = out / "layout";
    fs::remove_all(dir);
    fs::create_directories(dir);
    // A PNG: its numbered sources beside it, and the page says where they are in at most two lines.
    const fs::path png = dir / "map.png";
    check(run(q(bordermap) + " render --date 2025-10-20 --size 1600x1000 -o " + q(png.string())) == 0, "PNG rendered");
    const std::string list = slurp(dir / "map.sources.txt");
    check(list.rfind("Sources of the events and crossings shown in map.png (20 October 2025", 0) == 0, "map.sources.txt names its map");
    check(list.find("\n1. ") != std::string::npos && list.find("\n12. ") != std::string::npos, "and numbers the sources");
    check(list.find("encyclopedia") != std::string::npos, "the encyclopedia among them");
    // A PDF: the same map on page 1, the numbered sources on the pages after it.
    const fs::path pdf = dir / "map.pdf";
    check(run(q(bordermap) + " render --date 2025-10-20 --size 1600x1000 -o " + q(pdf.string())) == 0, "PDF rendered");
    const std::string info = commandOutput("pdfinfo " + q(pdf.string()));
    check(info.find("Pages:           2") != std::string::npos, "the PDF has two pages: the map, then its sources");
    const std::string page1 = commandOutput("pdftotext -f 1 -l 1 " + q(pdf.string()) + " -");
    const std::string page2 = commandOutput("pdftotext -f 2 -l 2 " + q(pdf.string()) + " -");
    check(page1.find("listed on the next page") != std::string::npos, "page 1's credits say where the sources are");
    check(page2.find("Sources of the events and crossings shown") != std::string::npos && page2.find("1. ") != std::string::npos,
          "page 2 lists them, numbered");
    check(page1.find("true at") != std::string::npos && page1.find("100") != std::string::npos, "the scale bar has its ticks and the latitude it is true at");
    check(page1.find("70\u00b0E") != std::string::npos && page1.find("34\u00b0N") != std::string::npos, "the frame has degree ticks");
    // The credits take the bottom 4 % of the page at most; the title band sits above the map.
    const double credits = wordTop(pdf, "Boundaries:"), title = wordTop(pdf, "Afghanistan-Pakistan");
    // (the page's margin, 14 of 1000 px, lies below them)
    check(credits >= 1 - 0.04 - 0.014, "the credits take the page's bottom 4 % above its margin (top at " + std::to_string(credits) + ")");
    check(title >= 0 && title < 0.04, "the title lies in the band at the top (top at " + std::to_string(title) + ")");
    // An SVG carries them in its metadata, and stays well-formed.
    const fs::path svg = dir / "map.svg";
    check(run(q(bordermap) + " render --date 2025-10-20 -o " + q(svg.string())) == 0 && run("xmllint --noout " + q(svg.string())) == 0,
          "SVG rendered, well-formed");
    const std::string svgText = slurp(svg);
    check(svgText.find("<metadata><bordermap:sources") != std::string::npos && svgText.find("<bordermap:source>1. ") != std::string::npos,
          "the SVG's metadata lists the sources, numbered");
    check(!fs::exists(dir / "map.sources.txt") || list == slurp(dir / "map.sources.txt"), "no sources file is written for an SVG or PDF");
    // Paper sizes: A4 landscape is 842 by 595 points, A3 portrait 842 by 1191.
    const fs::path a4 = dir / "a4.pdf", a3 = dir / "a3.pdf";
    const auto pageSize = [&](const fs::path& pdf) {
        const std::string text = commandOutput("pdfinfo " + q(pdf.string()));
        const std::size_t at = text.find("Page size:");
        double w = 0, h = 0;
        if (at != std::string::npos) std::sscanf(text.c_str() + at, "Page size: %lf x %lf", &w, &h);
        return std::pair<double, double>{w, h};
    };
    check(run(q(bordermap) + " render --paper A4 --landscape -o " + q(a4.string())) == 0, "--paper A4 --landscape renders");
    const auto [a4w, a4h] = pageSize(a4);
    check(std::abs(a4w - 841.89) < 0.05 && std::abs(a4h - 595.28) < 0.05, "an A4 landscape page, 841.89 x 595.28 pt (" +
                                                                            std::to_string(a4w) + " x " + std::to_string(a4h) + ")");
    check(run(q(bordermap) + " render --paper a3 --dpi 150 -o " + q(a3.string())) == 0, "--paper a3 --dpi 150 renders");
    const auto [a3w, a3h] = pageSize(a3);
    check(std::abs(a3w - 841.89) < 0.05 && std::abs(a3h - 1190.55) < 0.05, "an A3 portrait page at any DPI (" +
                                                                             std::to_string(a3w) + " x " + std::to_string(a3h) + ")");
    // An inset: its labels placed for its own view, text in the SVG like the main map's; its caption names it.
    const fs::path inset = dir / "inset.svg", plain = dir / "plain.svg";
    check(run(q(bordermap) + " render --date 2025-10-20 --inset khyber -o " + q(inset.string())) == 0 &&
              run("xmllint --noout " + q(inset.string())) == 0,
          "an SVG with an inset rendered, well-formed");
    check(run(q(bordermap) + " render --date 2025-10-20 -o " + q(plain.string())) == 0, "the same SVG without an inset rendered");
    const auto count = [](const std::string& text, const std::string& what) {
        std::size_t n = 0;
        for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
        return n;
    };
    const std::string insetSvg = slurp(inset), plainSvg = slurp(plain);
    check(count(insetSvg, ">Inset: Khyber\u2013Kurram\u2013Waziristan</text>") == 1, "the inset's caption is <text>");
    for (const char* crossing : {">Torkham</text>", ">Ghulam Khan</text>", ">Angoor Adda</text>"})
        check(count(insetSvg, crossing) == count(plainSvg, crossing) + 1, std::string("the inset labels ") + crossing + " as <text>, once more than the map");
    // The locator, its extent box in red (#d91a1a): by itself only on a map of part of the region.
    const std::string red = "stroke=\"#d91a1a\"";
    check(count(plainSvg, red) == 0, "no locator on a map of the whole region");
    const fs::path zoomed = dir / "zoomed.svg", off = dir / "off.svg", on = dir / "on.svg";
    check(run(q(bordermap) + " render --date 2025-10-20 --view 70.5,33.5,8 -o " + q(zoomed.string())) == 0 && count(slurp(zoomed), red) == 1,
          "a locator with its red box on a map of a part of the region");
    check(run(q(bordermap) + " render --date 2025-10-20 --view 70.5,33.5,8 --locator off -o " + q(off.string())) == 0 && count(slurp(off), red) == 0,
          "--locator off: none");
    check(run(q(bordermap) + " render --date 2025-10-20 --locator on -o " + q(on.string())) == 0 && count(slurp(on), red) == 1,
          "--locator on: one on the whole region too");
    check(run(q(bordermap) + " render --paper A6 -o " + q(a4.string())) == 2, "an unknown paper size exits 2");
    check(run(q(bordermap) + " render --paper A4 --size 800x600 -o " + q(a4.string())) == 2, "--paper with --size exits 2");
    return failures;
}

// An SVG rasterised by an SVG renderer (rsvg-convert) against the PNG of the same map: the same page, its text where
// the PNG has it. The renderers anti-alias and hint glyphs differently, so both are compared in 4 x 4 pixel blocks
// (averaged), where a misplaced label or a missing layer still shows and anti-aliasing does not.
int svgRenders(const std::string& bordermap, const std::string& rasteriser, const fs::path& out) {
    const fs::path dir = out / "svg_renders";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path png = dir / "map.png", svg = dir / "map.svg", raster = dir / "map.svg.png";
    // No sources: the credit line names where they are, which differs between the formats.
    const std::string args = " render --date 2025-10-20 --size 1000x640 --hide sources -o ";
    check(run(q(bordermap) + args + q(png.string())) == 0 && run(q(bordermap) + args + q(svg.string())) == 0, "PNG and SVG rendered");
    check(run(q(rasteriser) + " -o " + q(raster.string()) + " " + q(svg.string())) == 0, "the SVG rasterises (" + rasteriser + ")");
    Image a, b;
    if (!a.load(raster.string()) || !b.load(png.string()) || a.width() != b.width() || a.height() != b.height()) {
        check(false, "the rasterised SVG has the PNG's size");
        return failures;
    }
    const auto blocks = [](const Image& image) {
        // Flattened on white (the renderer may leave alpha), averaged over 4 x 4 blocks, per channel.
        cairo_surface_flush(image.surface);
        const int w = image.width(), h = image.height(), stride = cairo_image_surface_get_stride(image.surface);
        const unsigned char* p = cairo_image_surface_get_data(image.surface);
        std::vector<double> out(static_cast<std::size_t>((w / 4) * (h / 4) * 3));
        for (int y = 0; y < h / 4 * 4; ++y)
            for (int x = 0; x < w / 4 * 4; ++x)
                for (int c = 0; c < 3; ++c) {
                    const int alpha = p[y * stride + 4 * x + 3];
                    const double value = p[y * stride + 4 * x + c] + (255 - alpha);  // premultiplied over white
                    out[static_cast<std::size_t>(((y / 4) * (w / 4) + x / 4) * 3 + c)] += value / 16;
                }
        return out;
    };
    const std::vector<double> va = blocks(a), vb = blocks(b);
    std::size_t differ = 0;
    for (std::size_t i = 0; i < va.size(); i += 3)
        if (std::abs(va[i] - vb[i]) > 24 || std::abs(va[i + 1] - vb[i + 1]) > 24 || std::abs(va[i + 2] - vb[i + 2]) > 24) ++differ;
    const double share = static_cast<double>(differ) / static_cast<double>(va.size() / 3);
    check(share <= 0.005, std::to_string(differ) + " of " + std::to_string(va.size() / 3) + " 4x4 blocks (" + std::to_string(share * 100) +
                               " %) differ beyond 24/255 from the PNG's (at most 0.5 % allowed)");
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
        {"-o " + q((dir / "map.avi").string()), "an unknown format"},
        {"-o " + q((dir / "missing" / "map.png").string()), "a missing folder"},
        {"-o /proc/map.png", "an unwritable folder"},
        {"--inset kabul" + o, "an unknown inset"},              {"--inset 72,30,70,35" + o, "a reversed inset box"},
        {"--inset 70,30,72" + o, "an inset box of three numbers"}, {"--locator maybe" + o, "a bad --locator"},
    };
    for (const auto& [args, what] : cases) check(run(q(bordermap) + " render " + args) == 2, what + " exits 2");
    check(filesIn(dir) == 0, "and nothing was written");
    for (const char* args : {" render --inset kabul", " render --locator maybe"}) {
        const std::string said = commandOutput("(" + q(bordermap) + args + o + " 2>&1)");
        check(said.find('\n') == said.size() - 1 && said.rfind("bordermap: ", 0) == 0, std::string(args) + ": one clear line (" + said + ")");
    }
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
        // A kill that lands after the export gave the file its name (between the rename and the exit) leaves the whole
        // file, which is right: what may never be there is a partial or hidden one. So: nothing, or the target alone,
        // whole (a PNG ends with its IEND chunk).
        const fs::path target = dir / "big.png";
        const auto whole = [&] {
            std::ifstream in(target, std::ios::binary | std::ios::ate);
            if (!in || in.tellg() < 12) return false;
            in.seekg(-12, std::ios::end);
            char tail[12];
            in.read(tail, 12);
            return std::string(tail + 4, 4) == "IEND";
        };
        const std::size_t files = filesIn(dir);
        check(!killed || files == 0 || (files == 1 && fs::exists(target) && whole()),
              "killed after " + std::to_string(delay_ms) + " ms: no file, partial or hidden, is left");
        if (!killed) std::cout << "(the export finished before the kill; nothing to check this time)\n";
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    return failures;
}

// How far a frame of a video is from a PNG of the same size: the share of pixels whose worst channel differs by
// more than `tolerance` (of 255), and the mean of that worst difference. Zero-size or unreadable images: all differ.
struct Difference {
    double share = 1, mean = 255;
};

Difference compare(const fs::path& a, const fs::path& b, int tolerance, int x0 = 0, int y0 = 0, int x1 = 1 << 30, int y1 = 1 << 30) {
    Image ia, ib;
    if (!ia.load(a.string()) || !ib.load(b.string()) || ia.width() != ib.width() || ia.height() != ib.height()) return {};
    cairo_surface_flush(ia.surface);
    cairo_surface_flush(ib.surface);
    const unsigned char* pa = cairo_image_surface_get_data(ia.surface);
    const unsigned char* pb = cairo_image_surface_get_data(ib.surface);
    const int sa = cairo_image_surface_get_stride(ia.surface), sb = cairo_image_surface_get_stride(ib.surface);
    long differ = 0, n = 0;
    double sum = 0;
    for (int y = std::max(0, y0); y < std::min(ia.height(), y1); ++y)
        for (int x = std::max(0, x0); x < std::min(ia.width(), x1); ++x, ++n) {
            int worst = 0;
            for (int c = 0; c < 3; ++c) worst = std::max(worst, std::abs(pa[y * sa + 4 * x + c] - pb[y * sb + 4 * x + c]));
            sum += worst;
            if (worst > tolerance) ++differ;
        }
    if (n == 0) return {};
    return {static_cast<double>(differ) / static_cast<double>(n), sum / static_cast<double>(n)};
}

// The top-level boxes of an MP4, in order ("ftyp moov free mdat").
std::string mp4Boxes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::string boxes;
    unsigned char head[8];
    while (in.read(reinterpret_cast<char*>(head), 8)) {
        const std::uint64_t size = (std::uint64_t{head[0]} << 24) | (std::uint64_t{head[1]} << 16) | (std::uint64_t{head[2]} << 8) | head[3];
        boxes += (boxes.empty() ? "" : " ") + std::string(reinterpret_cast<char*>(head + 4), 4);
        if (size < 8) break;
        in.seekg(static_cast<std::streamoff>(size - 8), std::ios::cur);
    }
    return boxes;
}

int video(const std::string& bordermap, const fs::path& ffmpegDir, const fs::path& out) {
    const std::string ffprobe = q((ffmpegDir / "ffprobe").string()), ffmpeg = q((ffmpegDir / "ffmpeg").string());
    const fs::path dir = out / "video";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string dates = " --dates 2025-10-01..2025-10-06 --every 1d";

    // Each format as ffprobe reads it: codec, size, rate and the number of frames decoded; stdout one line, stderr
    // nothing (not a terminal: no progress bar).
    const std::tuple<std::string, std::string, std::string> kinds[] = {
        {"mp4", "h264", "pix_fmt=yuv420p"}, {"webm", "vp9", "pix_fmt=yuv420p"}, {"gif", "gif", "codec_name=gif"}};
    for (const auto& [extension, codec, pixels] : kinds) {
        const fs::path film = dir / ("film." + extension);
        const std::string command = q(bordermap) + " render" + dates + " --size 320x200 --fps 4 -o " + q(film.string());
        const std::string said = commandOutput("(" + command + " 2>" + q((dir / "stderr.txt").string()) + ")");
        check(said.rfind("bordermap: wrote " + film.string() + ": 6 frames", 0) == 0 && said.find('\n') == said.size() - 1,
              extension + ": written, one line on stdout (" + said + ")");
        check(slurp(dir / "stderr.txt").empty(), extension + ": nothing on stderr when it is not a terminal");
        const std::string probe = commandOutput(ffprobe + " -v error -select_streams v:0 -count_frames -show_entries " +
                                         "stream=codec_name,width,height,r_frame_rate,nb_read_frames,pix_fmt -of default=nw=1 " + q(film.string()));
        for (const std::string& expected : {"codec_name=" + codec, std::string("width=320"), std::string("height=200"), std::string("r_frame_rate=4/1"),
                                            std::string("nb_read_frames=6"), pixels})
            check(probe.find(expected + "\n") != std::string::npos, extension + ": ffprobe says " + expected);
    }
    check(mp4Boxes(dir / "film.mp4").rfind("ftyp moov", 0) == 0, "the MP4's index comes first (+faststart): " + mp4Boxes(dir / "film.mp4"));

    // A briefing played: each scene held for its hold_s (1 s and 1.5 s at 4 fps: 4 + 6 frames), the flight between
    // them 0.7 to 1.6 s (2 to 5 frames between the two held ones).
    {
        const fs::path briefingFile = dir / "briefing.json", film = dir / "briefing.mp4";
        std::ofstream(briefingFile) << R"({"bordermap_briefing": 1, "title": "t", "scenes": [
            {"title": "Kabul", "date": "2025-10-09", "view": {"centre": [69.17, 34.53], "zoom": 8}, "highlight": ["airstrike-2025-10-09-kabul"], "hold_s": 1},
            {"title": "Spin Boldak", "date": "2025-10-15", "view": {"centre": [66.4, 31.0], "zoom": 9}, "hold_s": 1.5}]})";
        const std::string said = commandOutput(q(bordermap) + " brief " + q(briefingFile.string()) + " --size 320x200 --fps 4 -o " + q(film.string()) + " 2>/dev/null");
        check(said.rfind("bordermap: wrote " + film.string() + ": 2 scenes, ", 0) == 0, "brief: written (" + said + ")");
        const std::string probe = commandOutput(ffprobe + " -v error -select_streams v:0 -count_frames -show_entries stream=codec_name,nb_read_frames " +
                                         "-of default=nw=1 " + q(film.string()));
        const std::size_t at = probe.find("nb_read_frames=");
        const int frames = at == std::string::npos ? -1 : std::atoi(probe.c_str() + at + 15);
        check(probe.find("codec_name=h264\n") != std::string::npos && frames >= 12 && frames <= 15,
              "brief: H.264, 10 held frames and a flight of 2 to 5 between (" + std::to_string(frames) + ")");
        std::ofstream(dir / "bad.json") << R"({"bordermap_briefing": 1, "scenes": [{"date": "2025-10-09", "view": {"zoom": 8}}]})";
        const std::string refused = commandOutput("(" + q(bordermap) + " brief " + q((dir / "bad.json").string()) + " -o " + q((dir / "bad.mp4").string()) +
                                           " 2>&1; echo \"exit $?\")");
        check(refused.find("bad.json: scene 1: view: needs a centre and zoom, or a bbox\nexit 2\n") != std::string::npos && !fs::exists(dir / "bad.mp4"),
              "brief: a bad briefing is one line, exit 2, nothing written: " + refused);
    }

    // The frames are the maps of their dates: the third frame of each video against the PNGs of the third and the
    // first dates, at a size that has the page's date block. The GIF within 24/255 on nearly every pixel (a palette
    // of the frames' own colours; a fixed palette is far off on the map's pale fills), the MP4 within 4:2:0's
    // softening. Its date block (top right) looks like the PNG of its own date, not of another.
    const std::string at = " --size 480x320";
    check(run(q(bordermap) + " render --date 2025-10-03" + at + " -o " + q((dir / "day3.png").string())) == 0, "the PNG of 3 October");
    check(run(q(bordermap) + " render --date 2025-10-01" + at + " -o " + q((dir / "day1.png").string())) == 0, "the PNG of 1 October");
    for (const std::string& extension : {"gif", "mp4"}) {
        const fs::path film = dir / ("dates." + extension), frame = dir / ("frame3-" + extension + ".png");
        check(run(q(bordermap) + " render --dates 2025-10-01..2025-10-04" + at + " -o " + q(film.string())) == 0, extension + " of 4 days");
        check(run(ffmpeg + " -v error -y -i " + q(film.string()) + " -vf 'select=eq(n\\,2)' -vsync 0 -frames:v 1 -pix_fmt rgb24 " +
                  q(frame.string())) == 0, extension + ": its third frame extracted");
        const Difference whole = compare(frame, dir / "day3.png", 24);
        const double allowed = extension == "gif" ? 0.01 : 0.04;
        check(whole.share <= allowed, extension + ": the third frame matches the PNG of its date: " + std::to_string(whole.share * 100) +
                                          " % of pixels beyond 24/255 (at most " + std::to_string(allowed * 100) + " %), mean " +
                                          std::to_string(whole.mean));
        const Difference own = compare(frame, dir / "day3.png", 24, 300, 0, 480, 60), other = compare(frame, dir / "day1.png", 24, 300, 0, 480, 60);
        check(own.share * 3 < other.share, extension + ": its date block is its own date's (" + std::to_string(own.share * 100) + " % differ) and not 1 October's (" +
                                               std::to_string(other.share * 100) + " %)");
    }

    // Killed mid-way by SIGTERM, SIGINT or SIGKILL: no video and no temporary is left.
    fs::remove_all(dir);
    fs::create_directories(dir);
    for (const int signal : {SIGTERM, SIGINT, SIGKILL}) {
        for (const int delay_ms : {400, 1200}) {
            const pid_t child = fork();
            if (child == 0) {
                const std::string target = (dir / "long.mp4").string();
                execl(bordermap.c_str(), bordermap.c_str(), "render", "--dates", "2025-01-01..2025-12-31", "--size", "640x400", "-o",
                      target.c_str(), static_cast<char*>(nullptr));
                _exit(127);
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
            kill(child, signal);
            int status = 0;
            waitpid(child, &status, 0);
            check(WIFSIGNALED(status) && filesIn(dir) == 0, std::string(strsignal(signal)) + " after " + std::to_string(delay_ms) +
                                                                 " ms: killed, and no file, partial or hidden, is left");
            fs::remove_all(dir);
            fs::create_directories(dir);
        }
    }

    // Refused before any work: one line, exit 2, nothing written.
    const std::string o = q((dir / "film.mp4").string());
    const std::pair<std::string, std::string> refused[] = {
        {dates + " --size 321x200 -o " + o, "H.264 needs an even width and height"},
        {dates + " --size 320x200 --fps 0 -o " + o, "'0' is not a whole number from 1 to 60"},
        {dates + " -o " + q((dir / "film.avi").string()), "must end in .png, .svg or .pdf, or for a video .mp4, .webm or .gif"},
        {" --date 2025-10-01 -o " + o, "a video needs --dates"},
        {dates + " --fps 5 -o " + q((dir / "map.png").string()), "--fps goes with a video"},
        {dates + " -o " + q((dir / "missing" / "film.mp4").string()), "does not exist"},
        {dates + " -o /proc/film.gif", "/proc/film.gif: cannot write here"},
    };
    for (const auto& [args, reason] : refused) {
        const std::string said = commandOutput("(" + q(bordermap) + " render" + args + " 2>&1; echo \"exit $?\")");
        check(said.rfind("bordermap: ", 0) == 0 && said.find(reason) != std::string::npos && said.find('\n') + 1 == said.rfind("exit 2\n"),
              "refused with one line naming it, exit 2: " + said);
    }
    check(filesIn(dir) == 0, "and nothing was written");
    return failures;
}


// The JSON string value of `"key": "..."` on a line of its own, unescaped (the files these read put one field a
// line and escape nothing but quotes and backslashes); nullopt where the line has no such key.
std::optional<std::string> jsonField(const std::string& line, const std::string& key) {
    const std::string opening = "\"" + key + "\": \"";
    const std::size_t at = line.find(opening);
    if (at == std::string::npos) return std::nullopt;
    std::string value;
    for (std::size_t i = at + opening.size(); i < line.size() && line[i] != '"'; ++i) {
        if (line[i] == '\\' && i + 1 < line.size()) ++i;
        value += line[i];
    }
    return value;
}

// Every run of white space as one space, and a line broken after a hyphen joined again: text as pdftotext gives it,
// compared with text as written.
std::string normalised(const std::string& text) {
    std::string out;
    for (const char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
        if (space && (out.empty() || out.back() == ' ')) continue;
        out += space ? ' ' : c;
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

std::string firstWords(const std::string& text, std::size_t n) {
    std::size_t at = 0;
    for (std::size_t words = 0; words < n && at != std::string::npos; ++words) at = text.find(' ', at + 1);
    return text.substr(0, at);
}

// "[1]–[3], [5]": how a scene's page cites its sources, written again here from the numbers.
std::string citation(std::vector<std::size_t> numbers) {
    std::sort(numbers.begin(), numbers.end());
    numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
    std::string out;
    for (std::size_t i = 0; i < numbers.size();) {
        std::size_t j = i;
        while (j + 1 < numbers.size() && numbers[j + 1] == numbers[j] + 1) ++j;
        out += (out.empty() ? "[" : ", [") + std::to_string(numbers[i]) + "]";
        if (j == i + 1) out += ", [" + std::to_string(numbers[j]) + "]";
        if (j > i + 1) out += "\u2013[" + std::to_string(numbers[j]) + "]";
        i = j + 1;
    }
    return out;
}

int pagesOf(const fs::path& pdf) {
    const std::string info = commandOutput("pdfinfo " + q(pdf.string()));
    const std::size_t at = info.find("Pages:");
    return at == std::string::npos ? -1 : std::atoi(info.c_str() + at + 6);
}

std::string pageText(const fs::path& pdf, int page, bool layout = false) {
    return commandOutput("pdftotext " + std::string(layout ? "-layout " : "") + "-f " + std::to_string(page) + " -l " + std::to_string(page) + " " +
                         q(pdf.string()) + " -");
}

int handout(const std::string& bordermap, const fs::path& source, const fs::path& out) {
    const fs::path dir = out / "handout";
    fs::remove_all(dir);
    fs::create_directories(dir);

    // The sample briefing's scenes, and the sources of the events they highlight, read here from the files
    // themselves: numbered in the order first cited (scene by scene, event by event), each once, the notes on where
    // coordinates come from left out.
    struct SceneText {
        std::string title, caption;
        std::vector<std::string> highlight;
    };
    std::vector<SceneText> scenes;
    const fs::path sample = source / "assets/briefings/october-2025-closures.briefing.json";
    {
        std::ifstream in(sample);
        bool first = true;
        for (std::string line; std::getline(in, line);) {
            if (const auto title = jsonField(line, "title")) {
                if (!first) scenes.push_back({*title, {}, {}});
                first = false;
            }
            if (const auto caption = jsonField(line, "caption"); caption && !scenes.empty()) scenes.back().caption = *caption;
            if (const std::size_t at = line.find("\"highlight\": ["); at != std::string::npos && !scenes.empty())
                for (std::size_t from = line.find('"', at + 13); from != std::string::npos && from < line.find(']', at);
                     from = line.find('"', line.find('"', from + 1) + 1))
                    scenes.back().highlight.push_back(line.substr(from + 1, line.find('"', from + 1) - from - 1));
        }
    }
    check(scenes.size() == 7, "the sample briefing read: 7 scenes (" + std::to_string(scenes.size()) + ")");
    std::map<std::string, std::vector<std::string>> sourcesOf;
    {
        std::ifstream in(source / "geodata/events.geojson");
        std::string id;
        for (std::string line; std::getline(in, line);) {
            if (const auto value = jsonField(line, "id")) id = *value;
            if (const auto value = jsonField(line, "sources")) {
                std::vector<std::string>& list = sourcesOf[id];
                for (std::size_t from = 0; from <= value->size();) {
                    const std::size_t end = std::min(value->find(" | ", from), value->size());
                    const std::string one = value->substr(from, end - from);
                    if (one.rfind("Coordinates", 0) != 0) list.push_back(one);
                    from = end + 3;
                }
            }
        }
    }
    std::vector<std::string> cited;
    std::vector<std::string> citations;  // each scene's
    for (const SceneText& s : scenes) {
        std::vector<std::size_t> numbers;
        for (const std::string& id : s.highlight) {
            check(!sourcesOf[id].empty(), "the highlighted event " + id + " has sources in events.geojson");
            for (const std::string& one : sourcesOf[id]) {
                const auto at = std::find(cited.begin(), cited.end(), one);
                numbers.push_back(static_cast<std::size_t>(at - cited.begin()) + 1);
                if (at == cited.end()) cited.push_back(one);
            }
        }
        citations.push_back(citation(numbers));
    }

    // The handout, A4 portrait by default: a page a scene, then the sources' pages.
    const fs::path pdf = dir / "handout.pdf";
    const auto started = std::chrono::steady_clock::now();
    const std::string said = commandOutput(q(bordermap) + " brief " + q(sample.string()) + " -o " + q(pdf.string()));
    const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const int pages = pagesOf(pdf), sceneCount = static_cast<int>(scenes.size());
    check(said == "bordermap: wrote " + pdf.string() + ": 7 scenes, " + std::to_string(cited.size()) + " sources, " + std::to_string(pages) + " pages\n",
          "brief -o handout.pdf: written, one line (" + said + "), in " + std::to_string(took) + " s");
    check(commandOutput("pdfinfo " + q(pdf.string())).find("Page size:       595.276 x 841.89 pts (A4)") != std::string::npos, "A4 portrait by default");
    check(pages >= sceneCount + 1, "a page a scene and at least one of sources: " + std::to_string(pages));
    for (int p = 1; p <= sceneCount; ++p) {
        const SceneText& s = scenes[static_cast<std::size_t>(p - 1)];
        const std::string text = normalised(pageText(pdf, p));
        const std::string page = "page " + std::to_string(p) + ": ";
        check(text.find(s.title) != std::string::npos, page + "its scene's title, " + s.title);
        check(text.find(firstWords(s.caption, 8)) != std::string::npos, page + "its caption, " + firstWords(s.caption, 8));
        check(text.find("Notes") != std::string::npos, page + "its notes under their heading");
        check(text.find("Sources: " + citations[static_cast<std::size_t>(p - 1)] + " ") != std::string::npos,
              page + "cites Sources: " + citations[static_cast<std::size_t>(p - 1)]);
        check(text.rfind("Sources", 0) != 0, page + "is not a page of sources");
    }
    std::string list;
    for (int p = sceneCount + 1; p <= pages; ++p) {
        const std::string text = normalised(pageText(pdf, p, true));
        check(text.rfind("Sources", 0) == 0, "page " + std::to_string(p) + " starts with the sources' heading: " + text.substr(0, 40));
        list += text + ' ';
    }
    std::size_t last = 0;
    for (std::size_t i = 0; i < cited.size(); ++i) {
        const std::string entry = "[" + std::to_string(i + 1) + "] " + firstWords(cited[i], 6);
        const std::size_t at = list.find(entry);
        check(at != std::string::npos && at >= last, "the list has " + entry + ", after the one before");
        if (at != std::string::npos) last = at;
    }
    check(list.find("[" + std::to_string(cited.size() + 1) + "]") == std::string::npos, "and no more than " + std::to_string(cited.size()));

    // Paper and orientation, on a briefing of one scene.
    const fs::path one = dir / "one.json";
    std::ofstream(one) << R"({"bordermap_briefing": 1, "title": "t", "scenes": [
        {"title": "Kabul", "date": "2025-10-09", "view": {"centre": [69.17, 34.53], "zoom": 8}, "highlight": ["airstrike-2025-10-09-kabul"],
         "caption": "A caption.", "notes": "A note."}]})";
    for (const auto& [args, size] : {std::pair{" --paper letter --landscape", "792 x 612 pts"}, std::pair{" --paper A3", "841.89 x 1190.55 pts"},
                                     std::pair{" --paper a4 --portrait", "595.276 x 841.89 pts"}}) {
        const fs::path file = dir / "paper.pdf";
        fs::remove(file);
        check(run(q(bordermap) + " brief " + q(one.string()) + args + " -o " + q(file.string())) == 0 &&
                  commandOutput("pdfinfo " + q(file.string())).find(std::string("Page size:       ") + size) != std::string::npos,
              std::string("brief") + args + ": pages of " + size);
    }

    // Notes too long for a page go on overleaf, every word of them: numbered words, each found in the text.
    {
        std::string notes;
        for (int i = 1; i <= 1200; ++i) notes += "w" + std::to_string(i) + (i % 97 == 0 ? "\\n" : " ");
        const fs::path file = dir / "long.json", longPdf = dir / "long.pdf";
        std::ofstream(file) << R"({"bordermap_briefing": 1, "title": "t", "scenes": [
            {"title": "Kabul", "date": "2025-10-09", "view": {"centre": [69.17, 34.53], "zoom": 8}, "caption": "Long notes.", "notes": ")" << notes << "\"}]}";
        check(run(q(bordermap) + " brief " + q(file.string()) + " -o " + q(longPdf.string())) == 0, "a scene with 1200 words of notes");
        const int longPages = pagesOf(longPdf);
        std::string text;
        for (int p = 1; p < longPages; ++p) text += normalised(pageText(longPdf, p)) + ' ';
        int missing = 0;
        for (int i = 1; i <= 1200; ++i) missing += text.find(" w" + std::to_string(i) + " ") == std::string::npos && text.find("w" + std::to_string(i) + " ") != 0;
        check(longPages >= 3 && text.find("Notes, continued") != std::string::npos && text.find("The notes go on overleaf.") != std::string::npos,
              "its notes go on overleaf (" + std::to_string(longPages) + " pages)");
        check(missing == 0, "every word of the notes is on a page (" + std::to_string(missing) + " missing)");
    }

    // A bad briefing: one line naming the file, exit 2, nothing written.
    std::ofstream(dir / "bad.json") << R"({"bordermap_briefing": 1, "scenes": [{"date": "2025-10-09", "view": {"zoom": 8}}]})";
    const std::string refused = commandOutput("(" + q(bordermap) + " brief " + q((dir / "bad.json").string()) + " -o " + q((dir / "bad.pdf").string()) +
                                              " 2>&1; echo \"exit $?\")");
    check(refused == "bordermap: " + (dir / "bad.json").string() + ": scene 1: view: needs a centre and zoom, or a bbox\nexit 2\n" &&
              !fs::exists(dir / "bad.pdf"),
          "a bad briefing is one line naming it, exit 2, nothing written: " + refused);
    std::ofstream(dir / "unknown.json") << R"({"bordermap_briefing": 1, "scenes": [{"date": "2025-10-09", "view": {"centre": [69.17, 34.53], "zoom": 8}, "highlight": ["no-such-event"]}]})";
    const std::string unknown = commandOutput("(" + q(bordermap) + " brief " + q((dir / "unknown.json").string()) + " -o " +
                                              q((dir / "unknown.pdf").string()) + " 2>&1; echo \"exit $?\")");
    check(unknown.find("unknown.json: scene 1: highlight: no event 'no-such-event'") != std::string::npos && unknown.find("\nexit 2\n") != std::string::npos &&
              std::count(unknown.begin(), unknown.end(), '\n') == 2 && !fs::exists(dir / "unknown.pdf"),
          "an event not in the data: one line, exit 2, nothing written: " + unknown);
    const std::string video = commandOutput("(" + q(bordermap) + " brief " + q(one.string()) + " --paper a4 -o " + q((dir / "film.mp4").string()) +
                                            " 2>&1; echo \"exit $?\")");
    check(video.find("--paper goes with a handout") != std::string::npos && video.find("exit 2") != std::string::npos, "--paper with a video refused: " + video);
    return failures;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::cerr << "usage: export_check golden|formats|layout|bad-input|interrupted|svg-renders|video|handout BORDERMAP [GOLDEN_DIR|RSVG_CONVERT|FFMPEG_DIR|SOURCE_DIR] OUT_DIR [--bless]\n";
        return 2;
    }
    const std::string mode = argv[1], bordermap = argv[2];
    int result = 0;
    if (mode == "golden" && argc >= 5) result = golden(bordermap, argv[3], argv[4], argc >= 6 && std::string(argv[5]) == "--bless");
    else if (mode == "formats") result = formats(bordermap, argv[3]);
    else if (mode == "layout") result = layout(bordermap, argv[3]);
    else if (mode == "bad-input") result = badInput(bordermap, argv[3]);
    else if (mode == "interrupted") result = interrupted(bordermap, argv[3]);
    else if (mode == "svg-renders" && argc >= 5) result = svgRenders(bordermap, argv[3], argv[4]);
    else if (mode == "video" && argc >= 5) result = video(bordermap, argv[3], argv[4]);
    else if (mode == "handout" && argc >= 5) result = handout(bordermap, argv[3], argv[4]);
    else return 2;
    std::cout << (result == 0 ? "1 passed, 0 failed\n" : "0 passed, 1 failed\n");
    return result == 0 ? 0 : 1;
}
