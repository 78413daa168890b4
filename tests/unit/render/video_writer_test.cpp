// The video writer on its own, fed frames of flat colour: what ffprobe and ffmpeg (Debian's ffmpeg, which scripts/
// install) read back from its files, how a held frame counts, the layouts of the pixels, and what it refuses. The
// command line's videos of maps are checked by tests/export (export_check video).

#include "../../command_output.hpp"
#include "../test_paths.hpp"
#include <bordermap/core/error.hpp>
#include <bordermap/render/video_writer.hpp>

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

using namespace bordermap;
namespace fs = std::filesystem;

namespace {

fs::path freshFolder(const std::string& name) { return test::freshFolder("video_writer", name); }

// A command's standard output.
std::string run(const std::string& command) { return test::commandOutput(command); }

std::string probe(const fs::path& file) {
    return run("ffprobe -v error -select_streams v:0 -count_frames -show_entries stream=codec_name,width,height,nb_read_frames "
               "-of default=nw=1 '" + file.string() + "'");
}

// A frame of one colour, in `layout`, rows padded to a stride wider than the row.
struct Flat {
    std::vector<unsigned char> pixels;
    render::VideoFrame frame;
    Flat(int w, int h, unsigned char r, unsigned char g, unsigned char b, render::PixelLayout layout) {
        const int stride = w * 4 + 16;
        pixels.assign(static_cast<std::size_t>(stride * h), 0);
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                unsigned char* p = pixels.data() + y * stride + 4 * x;
                const bool bgra = layout == render::PixelLayout::Bgra;
                p[0] = bgra ? b : r;
                p[1] = g;
                p[2] = bgra ? r : b;
                p[3] = 255;
            }
        frame = {pixels.data(), w, h, stride, layout};
    }
};

// The first decoded frame's centre pixel, as ffmpeg gives it in RGB.
std::vector<int> centreColour(const fs::path& file, int w, int h) {
    const std::string raw = run("ffmpeg -v error -i '" + file.string() + "' -frames:v 1 -f rawvideo -pix_fmt rgb24 -");
    if (raw.size() != static_cast<std::size_t>(w * h * 3)) return {};
    const std::size_t at = static_cast<std::size_t>(((h / 2) * w + w / 2) * 3);
    return {static_cast<unsigned char>(raw[at]), static_cast<unsigned char>(raw[at + 1]), static_cast<unsigned char>(raw[at + 2])};
}

bool near(const std::vector<int>& rgb, int r, int g, int b, int tolerance) {
    return rgb.size() == 3 && std::abs(rgb[0] - r) <= tolerance && std::abs(rgb[1] - g) <= tolerance && std::abs(rgb[2] - b) <= tolerance;
}

}  // namespace

TEST_CASE("video: each format as ffprobe reads it, a held frame counted as its repeats") {
    const fs::path dir = freshFolder("formats");
    for (const auto& kind : {std::pair{"clip.mp4", "h264"}, std::pair{"clip.webm", "vp9"}, std::pair{"clip.gif", "gif"}}) {
        const std::string name = kind.first, codec = kind.second;  // named, not bound: clang 14's lambdas cannot capture a binding
        CAPTURE(name);
        render::VideoWriter writer((dir / name).string(), 64, 48, 10);
        writer.add(Flat(64, 48, 200, 30, 30, render::PixelLayout::Bgra).frame);
        writer.add(Flat(64, 48, 30, 200, 30, render::PixelLayout::Bgra).frame, 4);  // held: four frame times
        writer.add(Flat(64, 48, 30, 30, 200, render::PixelLayout::Rgba).frame);
        CHECK(writer.framesAdded() == 6);
        writer.finish();
        const std::string said = probe(dir / name);
        CHECK(said.find("codec_name=" + codec + "\n") != std::string::npos);
        CHECK(said.find("width=64\nheight=48\n") != std::string::npos);
        CHECK(said.find("nb_read_frames=6\n") != std::string::npos);
    }
}

TEST_CASE("video: colours survive, whichever way round the frame's bytes lie") {
    const fs::path dir = freshFolder("colours");
    for (const auto layout : {render::PixelLayout::Bgra, render::PixelLayout::Rgba})
        for (const char* name : {"red.mp4", "red.gif"}) {
            CAPTURE(name);
            CAPTURE(layout == render::PixelLayout::Bgra);
            const fs::path file = dir / name;
            render::VideoWriter writer(file.string(), 64, 48, 5);
            writer.add(Flat(64, 48, 220, 40, 40, layout).frame, 2);
            writer.finish();
            // The GIF's palette holds the colour itself; H.264's 4:2:0 BT.709, decoded as tagged, within a few levels.
            CHECK(near(centreColour(file, 64, 48), 220, 40, 40, std::string(name).ends_with(".gif") ? 2 : 8));
        }
}

TEST_CASE("video: nothing is written without finish(), and what cannot be made is refused") {
    const fs::path dir = freshFolder("refused");
    {
        render::VideoWriter writer((dir / "dropped.mp4").string(), 64, 48, 5);
        writer.add(Flat(64, 48, 1, 2, 3, render::PixelLayout::Bgra).frame, 3);
    }
    CHECK(fs::is_empty(dir));
    CHECK_THROWS_AS(render::VideoWriter((dir / "odd.mp4").string(), 63, 48, 5), UsageError);
    CHECK_THROWS_AS(render::VideoWriter((dir / "odd.webm").string(), 64, 47, 5), UsageError);
    CHECK_THROWS_AS(render::VideoWriter((dir / "clip.avi").string(), 64, 48, 5), UsageError);
    CHECK_THROWS_AS(render::VideoWriter((dir / "clip.mp4").string(), 64, 48, 0), UsageError);
    CHECK_THROWS_AS(render::VideoWriter((dir / "missing" / "clip.mp4").string(), 64, 48, 5), InputError);
    render::VideoWriter gif((dir / "odd.gif").string(), 63, 47, 5);  // a GIF has no chroma to halve
    CHECK_THROWS_AS(gif.add(Flat(64, 48, 1, 2, 3, render::PixelLayout::Bgra).frame), UsageError);
    CHECK(fs::is_empty(dir));
    CHECK(render::videoFormatFor("a/B.MP4") == render::VideoFormat::Mp4);
    CHECK(render::videoFormatFor("b.webm") == render::VideoFormat::WebM);
    CHECK(render::videoFormatFor("c.png") == std::nullopt);
}
