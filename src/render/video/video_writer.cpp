#include "bordermap/render/video_writer.hpp"

#include <bordermap/core/atomic_file.hpp>
#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
#include <libavfilter/avfilter.h>
#include <libavformat/avformat.h>
#include <libavutil/imgutils.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
}

#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <filesystem>
#include <mutex>
#include <thread>

namespace bordermap::render {

namespace {

// Owners of FFmpeg's handles, each freed by its own function.
struct FormatDeleter {
    void operator()(AVFormatContext* c) const { avformat_free_context(c); }
};
struct CodecDeleter {
    void operator()(AVCodecContext* c) const { avcodec_free_context(&c); }
};
struct FrameDeleter {
    void operator()(AVFrame* f) const { av_frame_free(&f); }
};
struct PacketDeleter {
    void operator()(AVPacket* p) const { av_packet_free(&p); }
};
struct ScaleDeleter {
    void operator()(SwsContext* s) const { sws_freeContext(s); }
};
struct GraphDeleter {
    void operator()(AVFilterGraph* g) const { avfilter_graph_free(&g); }
};
struct IoDeleter {  // an AVIOContext of our own callbacks, and its buffer
    void operator()(AVIOContext* io) const {
        if (io == nullptr) return;
        av_freep(&io->buffer);
        avio_context_free(&io);
    }
};
using FramePtr = std::unique_ptr<AVFrame, FrameDeleter>;
using IoPtr = std::unique_ptr<AVIOContext, IoDeleter>;

std::string ffmpegError(int code) {
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, text, sizeof text);
    return text;
}

constexpr int kIoBufferBytes = 1 << 16;

// FFmpeg's muxer writes through these into the unnamed file; a write the disk refuses is kept by the AtomicFile,
// which names the system's reason afterwards.
int writePacket(void* opaque, std::uint8_t* data, int size) {
    try {
        static_cast<AtomicFile*>(opaque)->write(data, static_cast<std::size_t>(size));
        return size;
    } catch (const Error&) {
        return AVERROR(EIO);
    }
}

std::int64_t seekFile(void* opaque, std::int64_t offset, int whence) {
    auto* file = static_cast<AtomicFile*>(opaque);
    try {
        if ((whence & AVSEEK_SIZE) != 0) return file->size();
        return file->seek(offset, whence & ~AVSEEK_FORCE);
    } catch (const Error&) {
        return AVERROR(EIO);
    }
}

// MP4's faststart reads the file back to move its index to the front: a cursor of its own over the same file.
struct ReadCursor {
    AtomicFile* file = nullptr;
    std::int64_t at = 0;
};

int readPacket(void* opaque, std::uint8_t* data, int size) {
    auto* cursor = static_cast<ReadCursor*>(opaque);
    try {
        const std::size_t n = cursor->file->readAt(cursor->at, data, static_cast<std::size_t>(size));
        if (n == 0) return AVERROR_EOF;
        cursor->at += static_cast<std::int64_t>(n);
        return static_cast<int>(n);
    } catch (const Error&) {
        return AVERROR(EIO);
    }
}

std::int64_t seekCursor(void* opaque, std::int64_t offset, int whence) {
    auto* cursor = static_cast<ReadCursor*>(opaque);
    try {
        switch (whence & ~AVSEEK_FORCE) {
        case AVSEEK_SIZE: return cursor->file->size();
        case SEEK_SET: cursor->at = offset; break;
        case SEEK_CUR: cursor->at += offset; break;
        case SEEK_END: cursor->at = cursor->file->size() + offset; break;
        default: return AVERROR(EINVAL);
        }
        return cursor->at;
    } catch (const Error&) {
        return AVERROR(EIO);
    }
}

AVIOContext* ioContext(void* opaque, bool writing) {
    auto* buffer = static_cast<unsigned char*>(av_malloc(kIoBufferBytes));
    if (buffer == nullptr) return nullptr;
    AVIOContext* io = writing ? avio_alloc_context(buffer, kIoBufferBytes, 1, opaque, nullptr, writePacket, seekFile)
                              : avio_alloc_context(buffer, kIoBufferBytes, 0, opaque, readPacket, nullptr, seekCursor);
    if (io == nullptr) av_free(buffer);
    return io;
}

// The muxer's requests to open a second handle: only a reading one on our own file is granted.
int openForReading(AVFormatContext* s, AVIOContext** pb, const char* url, int flags, AVDictionary**) {
    auto* file = static_cast<AtomicFile*>(s->opaque);
    if ((flags & AVIO_FLAG_WRITE) != 0 || url == nullptr || file->path() != url) return AVERROR(EPERM);
    auto* cursor = new ReadCursor{file, 0};
    *pb = ioContext(cursor, false);
    if (*pb == nullptr) {
        delete cursor;
        return AVERROR(ENOMEM);
    }
    return 0;
}

int closeReading(AVFormatContext*, AVIOContext* pb) {
    delete static_cast<ReadCursor*>(pb->opaque);
    IoDeleter{}(pb);
    return 0;
}

// FFmpeg's log goes to stderr; bordermap reports failures itself, one line each, from the codes returned.
void quietLog() {
    static std::once_flag once;
    std::call_once(once, [] { av_log_set_level(AV_LOG_QUIET); });
}

}  // namespace

std::optional<VideoFormat> videoFormatFor(const std::string& path) {
    const std::string extension = toLower(std::filesystem::path(path).extension().string());
    if (extension == ".mp4") return VideoFormat::Mp4;
    if (extension == ".webm") return VideoFormat::WebM;
    if (extension == ".gif") return VideoFormat::Gif;
    return std::nullopt;
}

std::optional<std::string> videoSizeDefect(VideoFormat format, int width_px, int height_px) {
    if (width_px < 2 || height_px < 2) return "a video needs at least 2x2 pixels";
    if (format != VideoFormat::Gif && (width_px % 2 != 0 || height_px % 2 != 0))
        return std::string(format == VideoFormat::Mp4 ? "H.264" : "VP9") + " needs an even width and height, not " +
               std::to_string(width_px) + "x" + std::to_string(height_px);
    return std::nullopt;
}

struct VideoWriter::Impl {
    VideoFormat format;
    int width, height, fps;
    AtomicFile file;
    std::unique_ptr<AVFormatContext, FormatDeleter> muxer;
    IoPtr io;
    std::unique_ptr<AVCodecContext, CodecDeleter> encoder;
    AVStream* stream = nullptr;  // owned by the muxer
    std::unique_ptr<SwsContext, ScaleDeleter> scaler;  // to the encoder's YUV (MP4, WebM)
    std::unique_ptr<AVFilterGraph, GraphDeleter> graph;  // the GIF's palette (palettegen, paletteuse)
    AVFilterContext* source = nullptr;  // owned by the graph
    AVFilterContext* sink = nullptr;
    std::unique_ptr<AVPacket, PacketDeleter> packet{av_packet_alloc()};
    AVPixelFormat scalerInput = AV_PIX_FMT_NONE;
    long added = 0;
    // A muxer started but never finished holds what its trailer frees (FFmpeg 5.1's GIF muxer: its last packet);
    // the writer's end finishes it into the unnamed file, which is then dropped.
    bool headerWritten = false, trailerWritten = false;

    // Frames on their way to the encoder's thread; at most kQueued wait, so a fast caller waits for the encoder
    // rather than filling memory.
    static constexpr std::size_t kQueued = 2;
    struct Job {
        FramePtr frame;
        int repeat = 1;
    };
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<Job> queue;
    bool closing = false;
    std::exception_ptr failure;
    std::thread worker;

    Impl(const std::string& path, VideoFormat f, int w, int h, int rate) : format(f), width(w), height(h), fps(rate), file(path) {}

    [[noreturn]] void fail(const std::string& what, int code) const {
        file.throwIfWriteFailed();  // the system's reason, where a write failed
        throw OperationError({file.path(), {}, {}, {}}, what + ": " + ffmpegError(code));
    }
    void check(int code, const std::string& what) const {
        if (code < 0) fail(what, code);
    }

    void open() {
        if (!packet) throw OperationError({file.path(), {}, {}, {}}, "out of memory");
        const char* muxerName = format == VideoFormat::Mp4 ? "mp4" : format == VideoFormat::WebM ? "webm" : "gif";
        const char* codecName = format == VideoFormat::Mp4 ? "libx264" : format == VideoFormat::WebM ? "libvpx-vp9" : "gif";
        AVFormatContext* m = nullptr;
        check(avformat_alloc_output_context2(&m, nullptr, muxerName, nullptr), std::string("FFmpeg has no ") + muxerName + " muxer");
        muxer.reset(m);
        const AVCodec* codec = avcodec_find_encoder_by_name(codecName);
        if (codec == nullptr) throw OperationError({file.path(), {}, {}, {}}, std::string("FFmpeg has no ") + codecName + " encoder");
        encoder.reset(avcodec_alloc_context3(codec));
        if (!encoder) throw OperationError({file.path(), {}, {}, {}}, "out of memory");
        AVCodecContext& e = *encoder;
        e.width = width;
        e.height = height;
        e.time_base = AVRational{1, fps};
        e.framerate = AVRational{fps, 1};
        e.sample_aspect_ratio = AVRational{1, 1};
        AVDictionary* options = nullptr;
        if (format == VideoFormat::Gif) {
            e.pix_fmt = AV_PIX_FMT_PAL8;
        } else {
            e.pix_fmt = AV_PIX_FMT_YUV420P;
            // The frames are converted with BT.709's coefficients to video range (below), and say so.
            e.colorspace = AVCOL_SPC_BT709;
            e.color_primaries = AVCOL_PRI_BT709;
            e.color_trc = AVCOL_TRC_BT709;
            e.color_range = AVCOL_RANGE_MPEG;
            e.gop_size = 10 * fps;  // a key frame every 10 s, so a player can seek
            if (format == VideoFormat::Mp4) {
                av_dict_set(&options, "preset", "medium", 0);  // x264's default, as the ffmpeg command's
                av_dict_set(&options, "crf", "23", 0);
            } else {
                // Constant quality (crf with no bit rate); "good" at speed 4 with row threads: about as fast as
                // x264's medium here, where VP9's default speed is several times slower.
                e.bit_rate = 0;
                av_dict_set(&options, "crf", "32", 0);
                av_dict_set(&options, "deadline", "good", 0);
                av_dict_set(&options, "cpu-used", "4", 0);
                av_dict_set(&options, "row-mt", "1", 0);
            }
        }
        if ((muxer->oformat->flags & AVFMT_GLOBALHEADER) != 0) e.flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
        const int opened = avcodec_open2(&e, codec, &options);
        av_dict_free(&options);
        check(opened, std::string("cannot start the ") + codecName + " encoder");

        stream = avformat_new_stream(muxer.get(), nullptr);
        if (stream == nullptr) throw OperationError({file.path(), {}, {}, {}}, "out of memory");
        check(avcodec_parameters_from_context(stream->codecpar, &e), "cannot describe the stream");
        stream->time_base = e.time_base;
        stream->avg_frame_rate = e.framerate;
        stream->r_frame_rate = e.framerate;

        // Our own I/O into the unnamed file; faststart's second handle reads the same file (openForReading).
        io.reset(ioContext(&file, true));
        if (!io) throw OperationError({file.path(), {}, {}, {}}, "out of memory");
        muxer->pb = io.get();
        muxer->flags |= AVFMT_FLAG_CUSTOM_IO;
        muxer->opaque = &file;
        muxer->io_open = openForReading;
        muxer->io_close2 = closeReading;
        av_freep(&muxer->url);
        muxer->url = av_strdup(file.path().c_str());
        AVDictionary* muxOptions = nullptr;
        if (format == VideoFormat::Mp4) av_dict_set(&muxOptions, "movflags", "+faststart", 0);
        const int header = avformat_write_header(muxer.get(), &muxOptions);
        av_dict_free(&muxOptions);
        check(header, "cannot start the file");
        headerWritten = true;
        if (format == VideoFormat::Gif) openPaletteGraph();
    }

    // swscale from the frames' layout to YUV 4:2:0: full-range RGB to video-range BT.709, chroma from every pixel
    // (SWS_FULL_CHR_H_INP), so a thin red line keeps what colour 4:2:0 can give it.
    void prepareScaler(AVPixelFormat input) {
        if (scaler && scalerInput == input) return;
        scaler.reset(sws_getContext(width, height, input, width, height, AV_PIX_FMT_YUV420P,
                                    SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INP, nullptr, nullptr, nullptr));
        if (!scaler) throw OperationError({file.path(), {}, {}, {}}, "swscale cannot convert to YUV 4:2:0");
        const int* bt709 = sws_getCoefficients(SWS_CS_ITU709);
        check(sws_setColorspaceDetails(scaler.get(), bt709, 1, bt709, 0, 0, 1 << 16, 1 << 16), "swscale refuses BT.709");
        scalerInput = input;
    }

    // buffer -> split -> palettegen over every frame -> paletteuse of each frame with that palette -> buffersink.
    // palettegen gives its palette only at the end, so paletteuse holds the frames until then.
    void openPaletteGraph() {
        graph.reset(avfilter_graph_alloc());
        if (!graph) throw OperationError({file.path(), {}, {}, {}}, "out of memory");
        const std::string args = "video_size=" + std::to_string(width) + "x" + std::to_string(height) + ":pix_fmt=" +
                                 std::to_string(static_cast<int>(AV_PIX_FMT_BGRA)) + ":time_base=1/" + std::to_string(fps) +
                                 ":pixel_aspect=1/1";
        check(avfilter_graph_create_filter(&source, avfilter_get_by_name("buffer"), "in", args.c_str(), nullptr, graph.get()),
              "libavfilter cannot take the frames");
        check(avfilter_graph_create_filter(&sink, avfilter_get_by_name("buffersink"), "out", nullptr, nullptr, graph.get()),
              "libavfilter cannot give the frames");
        const AVPixelFormat pal8 = AV_PIX_FMT_PAL8;  // av_opt_set_int_list's list of one, without its macro's casts
        check(av_opt_set_bin(sink, "pix_fmts", reinterpret_cast<const std::uint8_t*>(&pal8), static_cast<int>(sizeof pal8), AV_OPT_SEARCH_CHILDREN),
              "libavfilter cannot give PAL8");
        AVFilterInOut* outputs = avfilter_inout_alloc();
        AVFilterInOut* inputs = avfilter_inout_alloc();
        if (outputs == nullptr || inputs == nullptr) {
            avfilter_inout_free(&outputs);
            avfilter_inout_free(&inputs);
            throw OperationError({file.path(), {}, {}, {}}, "out of memory");
        }
        outputs->name = av_strdup("in");
        outputs->filter_ctx = source;
        inputs->name = av_strdup("out");
        inputs->filter_ctx = sink;
        // Maps are flat colour: the palette is computed over all frames (stats_mode=full) with room for the few
        // anti-aliased edge tones, and frames are dithered only where a colour falls between two of it.
        const int parsed = avfilter_graph_parse_ptr(
            graph.get(), "split[a][b];[a]palettegen=stats_mode=full:reserve_transparent=0[p];[b][p]paletteuse=dither=sierra2_4a",
            &inputs, &outputs, nullptr);
        avfilter_inout_free(&outputs);
        avfilter_inout_free(&inputs);
        check(parsed, "libavfilter cannot build the palette filters");
        check(avfilter_graph_config(graph.get(), nullptr), "libavfilter cannot configure the palette filters");
    }

    // The frame, converted for the encoder: YUV 4:2:0 through swscale, or BGRA for the GIF's filters.
    FramePtr convert(const VideoFrame& in) {
        FramePtr out(av_frame_alloc());
        if (!out) throw OperationError({file.path(), {}, {}, {}}, "out of memory");
        out->width = width;
        out->height = height;
        out->format = format == VideoFormat::Gif ? AV_PIX_FMT_BGRA : AV_PIX_FMT_YUV420P;
        check(av_frame_get_buffer(out.get(), 0), "cannot hold a frame");
        const AVPixelFormat layout = in.layout == PixelLayout::Bgra ? AV_PIX_FMT_BGRA : AV_PIX_FMT_RGBA;
        if (format == VideoFormat::Gif) {
            if (layout == AV_PIX_FMT_BGRA) {
                av_image_copy_plane(out->data[0], out->linesize[0], in.pixels, in.stride_bytes, width * 4, height);
            } else {
                for (int y = 0; y < height; ++y) {  // RGBA to BGRA: swap red and blue
                    const unsigned char* s = in.pixels + static_cast<std::ptrdiff_t>(y) * in.stride_bytes;
                    unsigned char* d = out->data[0] + static_cast<std::ptrdiff_t>(y) * out->linesize[0];
                    for (int x = 0; x < width; ++x, s += 4, d += 4) {
                        d[0] = s[2];
                        d[1] = s[1];
                        d[2] = s[0];
                        d[3] = s[3];
                    }
                }
            }
        } else {
            prepareScaler(layout);
            const std::uint8_t* const planes[] = {in.pixels};
            const int strides[] = {in.stride_bytes};
            sws_scale(scaler.get(), planes, strides, 0, height, out->data, out->linesize);
            out->colorspace = AVCOL_SPC_BT709;
            out->color_primaries = AVCOL_PRI_BT709;
            out->color_trc = AVCOL_TRC_BT709;
            out->color_range = AVCOL_RANGE_MPEG;
        }
        return out;
    }

    // Sends one frame (or, with none, the end) to the encoder and writes what it gives back.
    void encode(const AVFrame* frame) {
        check(avcodec_send_frame(encoder.get(), frame), "the encoder refuses a frame");
        for (;;) {
            const int got = avcodec_receive_packet(encoder.get(), packet.get());
            if (got == AVERROR(EAGAIN) || got == AVERROR_EOF) return;
            check(got, "the encoder failed");
            av_packet_rescale_ts(packet.get(), encoder->time_base, stream->time_base);
            packet->stream_index = stream->index;
            check(av_interleaved_write_frame(muxer.get(), packet.get()), "cannot write a frame");
        }
    }

    // For a GIF: through the palette filters first (a null frame ends their input), then to the encoder.
    void filterAndEncode(AVFrame* frame) {
        check(av_buffersrc_add_frame_flags(source, frame, AV_BUFFERSRC_FLAG_KEEP_REF), "the palette filters refuse a frame");
        FramePtr out(av_frame_alloc());
        if (!out) throw OperationError({file.path(), {}, {}, {}}, "out of memory");
        for (;;) {
            const int got = av_buffersink_get_frame(sink, out.get());
            if (got == AVERROR(EAGAIN) || got == AVERROR_EOF) return;
            check(got, "the palette filters failed");
            encode(out.get());
            av_frame_unref(out.get());
        }
    }

    void encodeJob(Job& job, std::int64_t& pts) {
        for (int i = 0; i < job.repeat; ++i) {
            job.frame->pts = pts++;
            if (format == VideoFormat::Gif) filterAndEncode(job.frame.get());
            else encode(job.frame.get());
        }
    }

    void run() {
        std::int64_t pts = 0;
        for (;;) {
            Job job;
            {
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] { return !queue.empty() || closing; });
                if (queue.empty()) return;
                job = std::move(queue.front());
                queue.pop_front();
            }
            changed.notify_all();
            try {
                encodeJob(job, pts);
            } catch (...) {
                std::lock_guard lock(mutex);
                failure = std::current_exception();
                queue.clear();
                changed.notify_all();
                return;
            }
        }
    }

    void stopWorker() {
        {
            std::lock_guard lock(mutex);
            closing = true;
        }
        changed.notify_all();
        if (worker.joinable()) worker.join();
    }
};

VideoWriter::VideoWriter(const std::string& path, int width_px, int height_px, int fps) {
    const auto format = videoFormatFor(path);
    if (!format) throw UsageError("'" + path + "': a video's name ends in .mp4, .webm or .gif");
    if (const auto defect = videoSizeDefect(*format, width_px, height_px)) throw UsageError("'" + path + "': " + *defect);
    if (fps < 1 || fps > 120) throw UsageError("'" + path + "': a video's frame rate is 1 to 120 a second, not " + std::to_string(fps));
    quietLog();
    m_impl = std::make_unique<Impl>(path, *format, width_px, height_px, fps);
    m_impl->open();
    m_impl->worker = std::thread([impl = m_impl.get()] { impl->run(); });
}

VideoWriter::~VideoWriter() {
    if (!m_impl) return;
    m_impl->stopWorker();
    if (m_impl->headerWritten && !m_impl->trailerWritten) av_write_trailer(m_impl->muxer.get());  // its errors: the file is dropped anyway
}

void VideoWriter::add(const VideoFrame& frame, int repeat) {
    Impl& w = *m_impl;
    if (frame.width_px != w.width || frame.height_px != w.height)
        throw UsageError("'" + w.file.path() + "': a frame of " + std::to_string(frame.width_px) + "x" + std::to_string(frame.height_px) +
                         " in a video of " + std::to_string(w.width) + "x" + std::to_string(w.height));
    if (repeat < 1) return;
    if (w.closing) throw UsageError("'" + w.file.path() + "': a frame added after finish()");
    FramePtr converted = w.convert(frame);
    std::unique_lock lock(w.mutex);
    w.changed.wait(lock, [&] { return w.queue.size() < Impl::kQueued || w.failure || w.closing; });
    if (w.failure) std::rethrow_exception(w.failure);
    w.queue.push_back({std::move(converted), repeat});
    w.added += repeat;
    lock.unlock();
    w.changed.notify_all();
}

void VideoWriter::finish() {
    Impl& w = *m_impl;
    w.stopWorker();
    if (w.failure) std::rethrow_exception(w.failure);
    if (w.format == VideoFormat::Gif) w.filterAndEncode(nullptr);
    w.encode(nullptr);  // drains the encoder
    w.trailerWritten = true;
    w.check(av_write_trailer(w.muxer.get()), "cannot finish the file");
    avio_flush(w.io.get());
    w.file.throwIfWriteFailed();
    if (w.io->error < 0) w.fail("cannot write", w.io->error);
    w.file.commit();
}

long VideoWriter::framesAdded() const { return m_impl->added; }

const std::string& VideoWriter::path() const { return m_impl->file.path(); }

}  // namespace bordermap::render
