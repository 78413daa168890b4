#pragma once
// Private to geo: the one place that includes GDAL headers besides the loader itself.

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <optional>
#include <utility>
#include <vector>
#include <string>

namespace bordermap::geo::detail {

// GDAL's driver registry is process-wide by GDAL's design; this registers the drivers once, thread-safely.
void ensureGdalRegistered();

// While alive, GDAL's errors and warnings on this thread are collected here instead of printed to stderr,
// so that what reaches the user is our one line. lastError() is the last CE_Failure (or worse) message.
class GdalErrorCapture {
public:
    GdalErrorCapture();
    ~GdalErrorCapture();
    GdalErrorCapture(const GdalErrorCapture&) = delete;
    GdalErrorCapture& operator=(const GdalErrorCapture&) = delete;

    const std::string& lastError() const { return m_lastError; }
    // The first CE_Failure message: often the one that says why, where GDAL follows it with a generic one.
    const std::string& firstError() const { return m_firstError; }
    // The last failure that concerns a CRS (PROJ could not parse or find one), or empty.
    const std::string& lastCrsError() const { return m_lastCrsError; }

private:
    static void handler(CPLErr level, CPLErrorNum number, const char* message);
    std::string m_firstError;
    std::string m_lastError;
    std::string m_lastCrsError;
};

// A file in GDAL's in-memory file system over bytes we keep (not copied, not freed); unlinked on destruction.
class MemoryFile {
public:
    MemoryFile(std::string path, const void* data, std::size_t size);
    ~MemoryFile();
    MemoryFile(const MemoryFile&) = delete;
    MemoryFile& operator=(const MemoryFile&) = delete;
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
};

struct VsiFileCloser {
    void operator()(VSILFILE* file) const { VSIFCloseL(file); }
};
using VsiFilePtr = std::unique_ptr<VSILFILE, VsiFileCloser>;

struct OgrCoordinateTransformationDeleter {
    void operator()(OGRCoordinateTransformation* ct) const { OGRCoordinateTransformation::DestroyCT(ct); }
};
using CoordinateTransformationPtr =
    std::unique_ptr<OGRCoordinateTransformation, OgrCoordinateTransformationDeleter>;

// GDAL reads some choices from configuration options only (LIBKML's TimeSpan fields): set for this thread while
// this lives, and put back as they were.
class ThreadConfig {
public:
    ThreadConfig() = default;
    ThreadConfig(const ThreadConfig&) = delete;
    ThreadConfig& operator=(const ThreadConfig&) = delete;
    void set(const std::string& key, const std::string& value);
    ~ThreadConfig();

private:
    std::vector<std::pair<std::string, std::optional<std::string>>> m_saved;
};

}  // namespace bordermap::geo::detail
