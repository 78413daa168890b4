#pragma once
// Shared by the fuzz targets: the input as a file in GDAL's in-memory file system, so every target goes through the
// same path-based readers a user's file does, without touching the disk.

#include <cpl_vsi.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace bordermap::fuzz {

// Holds `size` bytes at `path` (a /vsimem/ path) while alive. GDAL reads the bytes in place; they are not copied.
class InMemoryFile {
public:
    InMemoryFile(std::string path, const std::uint8_t* data, std::size_t size) : m_path(std::move(path)) {
        // GDAL takes a non-const pointer, but with bTakeOwnership FALSE it neither writes nor frees it.
        auto* bytes = const_cast<GByte*>(reinterpret_cast<const GByte*>(data));
        if (VSILFILE* f = VSIFileFromMemBuffer(m_path.c_str(), bytes, static_cast<vsi_l_offset>(size), FALSE))
            VSIFCloseL(f);
    }
    ~InMemoryFile() { VSIUnlink(m_path.c_str()); }
    InMemoryFile(const InMemoryFile&) = delete;
    InMemoryFile& operator=(const InMemoryFile&) = delete;
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
};

}  // namespace bordermap::fuzz
