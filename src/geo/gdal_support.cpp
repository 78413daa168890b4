#include "gdal_support.hpp"

#include <cpl_vsi.h>

#include <mutex>
#include <string_view>

namespace bordermap::geo::detail {

void ensureGdalRegistered() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

GdalErrorCapture::GdalErrorCapture() { CPLPushErrorHandlerEx(&GdalErrorCapture::handler, this); }

GdalErrorCapture::~GdalErrorCapture() { CPLPopErrorHandler(); }

void GdalErrorCapture::handler(CPLErr level, CPLErrorNum, const char* message) {
    auto* self = static_cast<GdalErrorCapture*>(CPLGetErrorHandlerUserData());
    if (self == nullptr || level < CE_Failure || message == nullptr) return;
    if (self->m_firstError.empty()) self->m_firstError = message;
    self->m_lastError = message;
    const std::string_view text(message);
    for (std::string_view marker : {"PROJ", "CRS", "crs", "SRS", "spatial reference", "projection"}) {
        if (text.find(marker) != std::string_view::npos) {
            self->m_lastCrsError = message;
            break;
        }
    }
}

MemoryFile::MemoryFile(std::string path, const void* data, std::size_t size) : m_path(std::move(path)) {
    // GDAL takes a non-const pointer but, opened read-only and without ownership, never writes or frees it.
    auto* bytes = static_cast<GByte*>(const_cast<void*>(data));
    VSILFILE* file = VSIFileFromMemBuffer(m_path.c_str(), bytes, static_cast<vsi_l_offset>(size), FALSE);
    if (file != nullptr) VSIFCloseL(file);
}

MemoryFile::~MemoryFile() { VSIUnlink(m_path.c_str()); }

void ThreadConfig::set(const std::string& key, const std::string& value) {
    const char* old = CPLGetThreadLocalConfigOption(key.c_str(), nullptr);
    m_saved.emplace_back(key, old != nullptr ? std::optional<std::string>(old) : std::nullopt);
    CPLSetThreadLocalConfigOption(key.c_str(), value.c_str());
}

ThreadConfig::~ThreadConfig() {
    for (auto it = m_saved.rbegin(); it != m_saved.rend(); ++it)
        CPLSetThreadLocalConfigOption(it->first.c_str(), it->second ? it->second->c_str() : nullptr);
}

}  // namespace bordermap::geo::detail
