#include "raster.hpp"

#include <bordermap/core/atomic_file.hpp>
#include <bordermap/core/error.hpp>
#include <bordermap/core/huge_pages.hpp>

#include <cairo.h>
#include <png.h>
#include <sys/mman.h>

#include <algorithm>
#include <csetjmp>
#include <cstdint>
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

// zlib's level: on maps, with their flat colour, 3 is no slower than 1 (longer matches, fewer of them) and smaller;
// 4 and up cost half as much again for a tenth less. Rows unfiltered: faster and smaller than any filter at level 1.
constexpr int kZlibLevel = 3;

// Premultiplied BGRA (Cairo's ARGB32 in memory) to PNG's RGB, or straight RGBA.
void convertRow(const unsigned char* in, int width_px, bool opaque, unsigned char* out) {
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
    adviseHugePages(pixels, bytes);  // a hint: where transparent huge pages are off, nothing changes
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

    // libpng's own handlers print to stderr; ours only jump back, and the error is reported once, below.
    png_structp png = png_create_write_struct(
        PNG_LIBPNG_VER_STRING, nullptr, [](png_structp p, png_const_charp) { png_longjmp(p, 1); }, [](png_structp, png_const_charp) {});
    png_infop info = png != nullptr ? png_create_info_struct(png) : nullptr;
    if (png == nullptr || info == nullptr) {
        png_destroy_write_struct(&png, &info);
        throw OperationError({file.path(), {}, {}, {}}, "libpng cannot start");
    }
    std::vector<unsigned char> row(static_cast<std::size_t>(width_px) * 4);
    bool failed = false;
    if (setjmp(png_jmpbuf(png)) != 0) {
        failed = true;
    } else {
        png_set_write_fn(
            png, &file,
            [](png_structp p, png_bytep bytes, png_size_t n) {
                try {
                    static_cast<AtomicFile*>(png_get_io_ptr(p))->write(bytes, n);
                } catch (const Error&) {
                    png_error(p, "write failed");
                }
            },
            nullptr);
        png_set_compression_level(png, kZlibLevel);
        png_set_filter(png, 0, PNG_FILTER_NONE);
        png_set_IHDR(png, info, static_cast<png_uint_32>(width_px), static_cast<png_uint_32>(height_px), 8,
                     opaque ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGBA, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                     PNG_FILTER_TYPE_DEFAULT);
        png_write_info(png, info);
        for (int y = 0; y < height_px; ++y) {
            convertRow(pixels + static_cast<std::ptrdiff_t>(y) * stride_bytes, width_px, opaque, row.data());
            png_write_row(png, row.data());
        }
        png_write_end(png, nullptr);
    }
    png_destroy_write_struct(&png, &info);
    if (failed) {
        file.throwIfWriteFailed();
        throw OperationError({file.path(), {}, {}, {}}, "libpng cannot write the PNG");
    }
}

}  // namespace bordermap::render
