#pragma once
// A video written from frames in memory through FFmpeg's libraries: MP4 (H.264), WebM (VP9) or an animated GIF with
// a palette computed from its frames. Knows nothing of maps: `bordermap render --dates` feeds it the Cairo frames of
// a date range, a briefing can feed it scenes held for seconds. The file is written whole or not at all
// (core/atomic_file.hpp): until finish() it has no name, so a killed process leaves nothing behind.

#include <memory>
#include <optional>
#include <string>

namespace bordermap::render {

enum class VideoFormat { Mp4, WebM, Gif };

// The format for a file name's extension (.mp4, .webm, .gif, any case), or none for another.
std::optional<VideoFormat> videoFormatFor(const std::string& path);

// What a format can take, for a caller that checks its options before any work: MP4 and WebM (4:2:0 chroma) need an
// even width and height. Returns the reason a size is refused, or none.
std::optional<std::string> videoSizeDefect(VideoFormat format, int width_px, int height_px);

// How a frame's four bytes a pixel lie in memory. Bgra is Cairo's ARGB32 on a little-endian machine. The alpha byte
// is ignored: frames are opaque.
enum class PixelLayout { Bgra, Rgba };

// A frame lent to add(): rows top to bottom, `stride_bytes` apart. Its size must be the video's.
struct VideoFrame {
    const unsigned char* pixels = nullptr;
    int width_px = 0;
    int height_px = 0;
    int stride_bytes = 0;
    PixelLayout layout = PixelLayout::Bgra;
};

class VideoWriter {
public:
    // Opens `path` (its format from its extension) for a video of width_px x height_px at `fps` frames a second.
    // Throws UsageError for an extension that is not a video's or a size the format refuses (videoSizeDefect),
    // InputError naming the file when its folder is missing or not writable, OperationError when FFmpeg lacks the
    // encoder. A GIF keeps its frames in memory until finish() (its palette is computed from all of them).
    VideoWriter(const std::string& path, int width_px, int height_px, int fps);
    // Without finish(), nothing is written: the unnamed file is dropped.
    ~VideoWriter();
    VideoWriter(const VideoWriter&) = delete;
    VideoWriter& operator=(const VideoWriter&) = delete;

    // Adds `frame`, shown for `repeat` frame times (at least 1): a held frame is converted once. The pixels are
    // copied before add() returns; encoding goes on on the writer's own thread, so the caller can draw the next frame
    // meanwhile. Throws OperationError naming the file (an earlier frame's failure included) or UsageError for a frame
    // of another size.
    void add(const VideoFrame& frame, int repeat = 1);
    // Encodes what is left, writes the index and gives the file its name. Throws OperationError naming the file
    // ("cannot write: No space left on device"); the file is then not written at all.
    void finish();

    // Frame times added so far (repeats counted).
    long framesAdded() const;
    const std::string& path() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace bordermap::render
