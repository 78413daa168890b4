#pragma once
// A file written whole or not at all. The bytes go to an unnamed file in the target's folder (O_TMPFILE), which
// gets a name only in commit(): a process killed while writing, even by SIGKILL, leaves no file behind and the
// previous version of the target untouched. Where the file system has no O_TMPFILE, a hidden temporary name is
// used instead and removed on destruction.

#include <cstddef>
#include <cstdint>
#include <string>

namespace bordermap {

class AtomicFile {
public:
    // Opens the unnamed file next to `path`. Throws InputError naming `path` when its folder is missing or not
    // writable.
    explicit AtomicFile(std::string path);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    // Appends bytes; throws OperationError (with the system's reason) when the disk refuses them.
    void write(const void* data, std::size_t size);
    // For writers that go back over what they wrote (a video's muxer patches its index and moves it to the front):
    // moves the write position as lseek does (`whence` SEEK_SET, SEEK_CUR or SEEK_END) and returns the new one;
    // reads up to `size` bytes at `offset` without moving it, returning how many (0 at the end); the size so far.
    // Each throws OperationError naming the file.
    std::int64_t seek(std::int64_t offset, int whence);
    std::size_t readAt(std::int64_t offset, void* data, std::size_t size) const;
    std::int64_t size() const;
    // Throws the OperationError of the first write() that failed ("cannot write: No space left on device"), if any:
    // for callers behind a library that turned it into a bare status.
    void throwIfWriteFailed() const;
    // Gives the file its name, replacing any previous file there in one step. Throws OperationError.
    void commit();

    const std::string& path() const { return m_path; }

private:
    std::string m_path;
    std::string m_tempName;  // only without O_TMPFILE
    std::string m_writeError;
    int m_fd = -1;
    bool m_committed = false;
};

}  // namespace bordermap
