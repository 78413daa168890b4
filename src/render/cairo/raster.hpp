#pragma once
// The PNG side of the file backend: the image surface a PNG is drawn on, and the encoder that writes it. Private to
// bordermap_render_cairo.

#include <cstddef>

struct _cairo_surface;

namespace bordermap {
class AtomicFile;
}

namespace bordermap::render {

// A Cairo image surface (ARGB32, cleared to transparent) whose pixels sit in memory asked for in 2 MB pages: a
// 3840x2160 page is 33 MB, and in 4 KB pages its first drawing took one page fault per 4 KB, about a quarter of a
// whole render. Returns a surface in error (as Cairo does) when memory is short; the caller checks its status.
_cairo_surface* createImageSurface(int width_px, int height_px);

// Writes premultiplied ARGB32 pixels (Cairo's image format, BGRA in memory) as an 8-bit PNG with libpng: RGB when
// every pixel is opaque, else RGBA with the alpha undone. Rows are not filtered and zlib runs at level 3: on maps, with
// their flat colour, that is both faster and smaller than any filter at level 1 (Cairo's own writer is about four
// times slower at 3840x2160). Throws OperationError naming the file.
void writePng(const unsigned char* pixels, int width_px, int height_px, int stride_bytes, AtomicFile& file);

}  // namespace bordermap::render
