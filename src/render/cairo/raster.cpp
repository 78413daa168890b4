#include "raster.hpp"

#include <bordermap/core/atomic_file.hpp>
#include <bordermap/core/error.hpp>

#include <cairo.h>
#include <sys/mman.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <thread>
#include <vector>

namespace bordermap::render {

namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;

// The mapping under a surface's pixels, unmapped when Cairo destroys the surface.
struct Mapping {
    void* base = nullptr;
    std::size_t bytes = 0;
};

const cairo_user_data_key_t kMappingKey{};

void unmap(void* data) {
    auto* mapping = static_cast<Mapping*>(data);
    munmap(mapping->base, mapping->bytes);
    delete mapping;
}

// zlib's level: 3 no slower than 1 on maps (longer matches, fewer of them) and smaller; 4 and up cost half as much
// again for a tenth less.
constexpr int kZlibLevel = 3;
// Below this many pixels one thread compresses faster than starting others.
constexpr long kPixelsPerThread = 1L << 20;

// One strip of rows as raw deflate blocks ending on a byte boundary (a sync flush; the last strip ends the stream),
// and the Adler-32 of its uncompressed bytes: strips written one after the other make one zlib stream.
struct Strip {
    std::vector<unsigned char> deflated;
    uLong adler = 0;
    std::size_t rawBytes = 0;
    bool failed = false;
};

// Premultiplied BGRA to PNG's RGB or straight RGBA, behind the row's filter byte (0, none).
void convertRow(const unsigned char* in, int width_px, bool opaque, unsigned char* out) {
    *out++ = 0;
    if (opaque) {
        for (int x = 0; x < width_px; ++x, in += 4) {
            *out++ = in[2];
            *out++ = in[1];
            *out++ = in[0];
        }
        return;
    }
    for (int x = 0; x < width_px; ++x, in += 4) {
        const unsigned a = in[3];
        const auto un = [a](unsigned c) { return static_cast<unsigned char>(a == 255 ? c : a == 0 ? 0 : (c * 255 + a / 2) / a); };
        *out++ = un(in[2]);
        *out++ = un(in[1]);
        *out++ = un(in[0]);
        *out++ = static_cast<unsigned char>(a);
    }
}

void compressStrip(const unsigned char* pixels, int width_px, int stride_bytes, int fromRow, int toRow, bool opaque, bool last,
                   Strip& strip) {
    z_stream z{};
    if (deflateInit2(&z, kZlibLevel, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        strip.failed = true;
        return;
    }
    const std::size_t rowBytes = 1 + static_cast<std::size_t>(width_px) * (opaque ? 3 : 4);
    std::vector<unsigned char> row(rowBytes);
    strip.adler = adler32(0, nullptr, 0);
    // About what maps compress to; grown when short.
    strip.deflated.resize(rowBytes * static_cast<std::size_t>(toRow - fromRow) / 8 + 4096);
    std::size_t used = 0;
    for (int y = fromRow; y < toRow && !strip.failed; ++y) {
        convertRow(pixels + static_cast<std::ptrdiff_t>(y) * stride_bytes, width_px, opaque, row.data());
        strip.adler = adler32(strip.adler, row.data(), static_cast<uInt>(rowBytes));
        strip.rawBytes += rowBytes;
        z.next_in = row.data();
        z.avail_in = static_cast<uInt>(rowBytes);
        const int flush = y + 1 < toRow ? Z_NO_FLUSH : last ? Z_FINISH : Z_SYNC_FLUSH;
        for (;;) {
            if (used == strip.deflated.size()) strip.deflated.resize(strip.deflated.size() * 2);
            z.next_out = strip.deflated.data() + used;
            z.avail_out = static_cast<uInt>(std::min<std::size_t>(strip.deflated.size() - used, 1u << 30));
            const int status = deflate(&z, flush);
            used = static_cast<std::size_t>(z.next_out - strip.deflated.data());
            if (status == Z_STREAM_ERROR) {
                strip.failed = true;
                break;
            }
            if (z.avail_out > 0 && (flush != Z_FINISH || status == Z_STREAM_END)) break;
        }
    }
    deflateEnd(&z);
    strip.deflated.resize(used);
}

void putBigEndian(unsigned char* at, std::uint32_t value) {
    at[0] = static_cast<unsigned char>(value >> 24);
    at[1] = static_cast<unsigned char>(value >> 16);
    at[2] = static_cast<unsigned char>(value >> 8);
    at[3] = static_cast<unsigned char>(value);
}

// One PNG chunk whose data is the given pieces, one after the other.
void writeChunk(AtomicFile& file, const char (&type)[5], std::initializer_list<std::span<const unsigned char>> pieces) {
    std::size_t length = 0;
    for (const auto& piece : pieces) length += piece.size();
    if (length > 0x7fffffffu) throw OperationError({file.path(), {}, {}, {}}, "the PNG's data is too big for one chunk");
    std::array<unsigned char, 8> head{};
    putBigEndian(head.data(), static_cast<std::uint32_t>(length));
    std::copy(type, type + 4, head.begin() + 4);
    uLong crc = crc32(0, head.data() + 4, 4);
    file.write(head.data(), head.size());
    for (const auto& piece : pieces) {
        if (piece.empty()) continue;  // zlib reads a null buffer as "start again"
        crc = crc32_z(crc, piece.data(), piece.size());
        file.write(piece.data(), piece.size());
    }
    std::array<unsigned char, 4> tail{};
    putBigEndian(tail.data(), static_cast<std::uint32_t>(crc));
    file.write(tail.data(), tail.size());
}

}  // namespace

_cairo_surface* createImageSurface(int width_px, int height_px) {
    const int stride = cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, width_px);
    const std::size_t bytes = static_cast<std::size_t>(std::max(stride, 0)) * static_cast<std::size_t>(std::max(height_px, 0));
    if (stride <= 0 || bytes < kHugePage) return cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width_px, height_px);
    // One huge page more than needed, so that the pixels can start on a huge page's boundary.
    auto* mapping = new Mapping{nullptr, bytes + kHugePage};
    mapping->base = mmap(nullptr, mapping->bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapping->base == MAP_FAILED) {
        delete mapping;
        return cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width_px, height_px);
    }
    const auto aligned = (reinterpret_cast<std::uintptr_t>(mapping->base) + kHugePage - 1) & ~(kHugePage - 1);
    auto* pixels = reinterpret_cast<unsigned char*>(aligned);
    madvise(pixels, bytes, MADV_HUGEPAGE);  // a hint: where transparent huge pages are off, nothing changes
    cairo_surface_t* surface = cairo_image_surface_create_for_data(pixels, CAIRO_FORMAT_ARGB32, width_px, height_px, stride);
    if (cairo_surface_set_user_data(surface, &kMappingKey, mapping, unmap) != CAIRO_STATUS_SUCCESS) unmap(mapping);
    return surface;
}

void writePng(const unsigned char* pixels, int width_px, int height_px, int stride_bytes, AtomicFile& file) {
    if (width_px <= 0 || height_px <= 0) throw OperationError({file.path(), {}, {}, {}}, "a PNG needs at least one pixel");
    bool opaque = true;
    for (int y = 0; y < height_px && opaque; ++y) {
        const unsigned char* row = pixels + static_cast<std::ptrdiff_t>(y) * stride_bytes;
        unsigned char all = 255;
        for (int x = 0; x < width_px; ++x) all &= row[4 * x + 3];
        opaque = all == 255;
    }

    const long pixelCount = static_cast<long>(width_px) * height_px;
    const auto threads = static_cast<int>(std::clamp<long>(
        std::min<long>(std::max(1u, std::thread::hardware_concurrency()), pixelCount / kPixelsPerThread), 1, std::min(4, height_px)));
    std::vector<Strip> strips(static_cast<std::size_t>(threads));
    {
        std::vector<std::jthread> workers;
        for (int i = threads - 1; i >= 0; --i) {
            const int from = static_cast<int>(static_cast<long>(height_px) * i / threads);
            const int to = static_cast<int>(static_cast<long>(height_px) * (i + 1) / threads);
            Strip& strip = strips[static_cast<std::size_t>(i)];
            const bool last = i == threads - 1;
            if (i > 0)
                workers.emplace_back([=, &strip] { compressStrip(pixels, width_px, stride_bytes, from, to, opaque, last, strip); });
            else
                compressStrip(pixels, width_px, stride_bytes, from, to, opaque, last, strip);
        }
    }
    uLong adler = strips.front().adler;
    for (std::size_t i = 0; i < strips.size(); ++i) {
        if (strips[i].failed) throw OperationError({file.path(), {}, {}, {}}, "zlib cannot compress the PNG");
        if (i > 0) adler = adler32_combine(adler, strips[i].adler, static_cast<z_off_t>(strips[i].rawBytes));
    }

    static constexpr std::array<unsigned char, 8> kSignature{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    file.write(kSignature.data(), kSignature.size());
    std::array<unsigned char, 13> header{};
    putBigEndian(header.data(), static_cast<std::uint32_t>(width_px));
    putBigEndian(header.data() + 4, static_cast<std::uint32_t>(height_px));
    header[8] = 8;                  // bits a channel
    header[9] = opaque ? 2 : 6;     // RGB or RGBA; compression, filter method and interlace stay 0
    writeChunk(file, "IHDR", {header});
    // The zlib stream: its header (deflate, 32 KB window, a fast level), the strips, the Adler-32 of all rows.
    static constexpr std::array<unsigned char, 2> kZlibHeader{0x78, 0x5e};
    std::array<unsigned char, 4> trailer{};
    putBigEndian(trailer.data(), static_cast<std::uint32_t>(adler));
    for (std::size_t i = 0; i < strips.size(); ++i) {
        const std::span<const unsigned char> data(strips[i].deflated);
        const std::span<const unsigned char> head = i == 0 ? std::span<const unsigned char>(kZlibHeader) : std::span<const unsigned char>{};
        const std::span<const unsigned char> tail = i + 1 == strips.size() ? std::span<const unsigned char>(trailer) : std::span<const unsigned char>{};
        writeChunk(file, "IDAT", {head, data, tail});
    }
    writeChunk(file, "IEND", {});
}

}  // namespace bordermap::render
