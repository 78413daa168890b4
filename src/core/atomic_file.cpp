#include "bordermap/core/atomic_file.hpp"

#include "bordermap/core/error.hpp"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace bordermap {

namespace {

std::string folderOf(const std::string& path) {
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    return parent.empty() ? "." : parent.string();
}

// A short temporary name beside the target, unique in this process: never longer than "/.bordermap-PID-N.tmp",
// so that a target whose own name is at the file system's 255-byte limit can still be written.
std::string temporaryName(const std::string& folder) {
    static std::atomic<unsigned> counter{0};
    return folder + "/.bordermap-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".tmp";
}

}  // namespace

AtomicFile::AtomicFile(std::string path) : m_path(std::move(path)) {
    const std::string folder = folderOf(m_path);
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec)) throw InputError({m_path, {}, {}, {}}, "the folder " + folder + " does not exist");
    m_fd = ::open(folder.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0644);
    if (m_fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {
        m_tempName = temporaryName(folder);
        m_fd = ::open(m_tempName.c_str(), O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0644);
    }
    if (m_fd < 0) throw InputError({m_path, {}, {}, {}}, std::string("cannot write here: ") + std::strerror(errno));
}

AtomicFile::~AtomicFile() {
    if (m_fd >= 0) ::close(m_fd);
    if (!m_committed && !m_tempName.empty()) ::unlink(m_tempName.c_str());
}

void AtomicFile::write(const void* data, std::size_t size) {
    const char* bytes = static_cast<const char*>(data);
    while (size > 0) {
        const ssize_t n = ::write(m_fd, bytes, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            // Kept, because a library between us and the disk (Cairo, libpng) may report only "write error".
            m_writeError = std::string("cannot write: ") + std::strerror(n < 0 ? errno : ENOSPC);
            throw OperationError({m_path, {}, {}, {}}, m_writeError);
        }
        bytes += n;
        size -= static_cast<std::size_t>(n);
    }
}

std::int64_t AtomicFile::seek(std::int64_t offset, int whence) {
    const off_t at = ::lseek(m_fd, static_cast<off_t>(offset), whence);
    if (at < 0) throw OperationError({m_path, {}, {}, {}}, std::string("cannot seek: ") + std::strerror(errno));
    return at;
}

std::size_t AtomicFile::readAt(std::int64_t offset, void* data, std::size_t size) const {
    for (;;) {
        const ssize_t n = ::pread(m_fd, data, size, static_cast<off_t>(offset));
        if (n >= 0) return static_cast<std::size_t>(n);
        if (errno != EINTR) throw OperationError({m_path, {}, {}, {}}, std::string("cannot read back: ") + std::strerror(errno));
    }
}

std::int64_t AtomicFile::size() const {
    struct stat st {};
    if (::fstat(m_fd, &st) != 0) throw OperationError({m_path, {}, {}, {}}, std::string("cannot stat: ") + std::strerror(errno));
    return st.st_size;
}

void AtomicFile::throwIfWriteFailed() const {
    if (!m_writeError.empty()) throw OperationError({m_path, {}, {}, {}}, m_writeError);
}

void AtomicFile::commit() {
    throwIfWriteFailed();
    if (::fsync(m_fd) != 0) throw OperationError({m_path, {}, {}, {}}, std::string("cannot write: ") + std::strerror(errno));
    if (m_tempName.empty()) {
        // Name the unnamed file under a temporary name, then move it over the target in one step.
        const std::string folder = folderOf(m_path);
        const std::string temp = temporaryName(folder);
        ::unlink(temp.c_str());
        const std::string self = "/proc/self/fd/" + std::to_string(m_fd);
        if (::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, temp.c_str(), AT_SYMLINK_FOLLOW) != 0)
            throw OperationError({m_path, {}, {}, {}}, std::string("cannot name the file: ") + std::strerror(errno));
        m_tempName = temp;
    }
    if (std::rename(m_tempName.c_str(), m_path.c_str()) != 0) {
        const int e = errno;
        ::unlink(m_tempName.c_str());
        throw OperationError({m_path, {}, {}, {}}, std::string("cannot name the file: ") + std::strerror(e));
    }
    m_committed = true;
}

}  // namespace bordermap
