#include "borehole/files.h"

#include "borehole/error.h"
#include "borehole/report.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace borehole {

std::string version()
{
    return BOREHOLE_VERSION;
}

namespace {

/// The cause of a failed write in the user's words; "disk full" comes first where it applies.
std::string describe(int error)
{
    const std::string text = std::strerror(error);
    switch (error) {
    case ENOSPC:
#ifdef EDQUOT
    case EDQUOT:
#endif
    case EFBIG:
        return "disk full (" + text + ")";
    case EROFS:
        return "read-only file system (" + text + ")";
    case EACCES:
    case EPERM:
        return "permission denied (" + text + ")";
    default:
        return text;
    }
}

std::string parentOf(const std::string& path)
{
    const auto slash = path.find_last_of('/');
    if (slash == std::string::npos)
        return ".";
    if (slash == 0)
        return "/";
    return path.substr(0, slash);
}

std::string baseNameOf(const std::string& path)
{
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

/// Follows symbolic links (also dangling ones: their target is what gets created).
std::string resolveLinks(const std::string& path)
{
    std::string current = path;
    for (int hops = 0; hops < 40; ++hops) {
        struct stat st{};
        if (::lstat(current.c_str(), &st) != 0 || !S_ISLNK(st.st_mode))
            return current;
        std::string buffer(4096, '\0');
        const ssize_t n = ::readlink(current.c_str(), buffer.data(), buffer.size() - 1);
        if (n < 0)
            return current;
        buffer.resize(static_cast<std::size_t>(n));
        current = buffer.front() == '/' ? buffer : parentOf(current) + "/" + buffer;
    }
    throw Error(path + ": too many levels of symbolic links");
}

/// Writes all of `data`, retrying short writes and EINTR. Returns 0 or the errno.
int writeAll(int fd, const char* data, std::size_t size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return 0;
}

/// The process umask, read without changing it (Linux ≥ 4.7 reports it in /proc).
mode_t processUmask()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("Umask:", 0) == 0)
            return static_cast<mode_t>(std::strtoul(line.c_str() + 6, nullptr, 8));
    return 022;
}

struct Target
{
    std::string resolved; ///< after following symbolic links
    OutputTarget kind = OutputTarget::NewFile;
    mode_t mode = 0;      ///< permissions of the file being replaced
};

Target classify(const std::string& path)
{
    if (path.empty())
        throw Error("an output path is empty");
    Target t;
    t.resolved = resolveLinks(path);
    struct stat st{};
    if (::stat(t.resolved.c_str(), &st) != 0) {
        if (errno != ENOENT)
            throw Error(path + ": cannot write (" + describe(errno) + ")");
        struct stat dir{};
        const std::string folder = parentOf(t.resolved);
        if (::stat(folder.c_str(), &dir) != 0 || !S_ISDIR(dir.st_mode))
            throw Error(path + ": cannot write: the folder '" + folder + "' does not exist");
        if (::access(folder.c_str(), W_OK) != 0)
            throw Error(path + ": cannot write in the folder '" + folder + "' ("
                        + describe(errno) + ")");
        t.kind = OutputTarget::NewFile;
        return t;
    }
    if (S_ISREG(st.st_mode)) {
        const std::string folder = parentOf(t.resolved);
        if (::access(folder.c_str(), W_OK) != 0)
            throw Error(path + ": cannot replace the file: no write permission in the folder '"
                        + folder + "' (" + describe(errno) + ")");
        t.kind = OutputTarget::ReplaceFile;
        t.mode = st.st_mode & 07777;
        return t;
    }
    if (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode)) {
        t.kind = OutputTarget::Stream;
        return t;
    }
    if (S_ISDIR(st.st_mode))
        throw Error(path + ": is a folder; give a file name to write to");
    if (S_ISSOCK(st.st_mode))
        throw Error(path + ": is a socket; Borehole writes to regular files, FIFOs and "
                           "character devices only");
    throw Error(path + ": is a block device or another special file; Borehole writes to "
                       "regular files, FIFOs and character devices only");
}

/// What a failed write left behind, for the end of its message.
const char* outcomeOfFailure(const Target& t)
{
    return t.kind == OutputTarget::ReplaceFile ? "; the previous file is kept"
                                               : "; nothing was written";
}

void writeStream(const std::string& path, const Target& t, const std::string& contents)
{
    const int fd = ::open(t.resolved.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        throw Error(path + ": cannot open for writing (" + describe(errno) + ")");
    const int error = writeAll(fd, contents.data(), contents.size());
    const int closeError = ::close(fd) != 0 ? errno : 0;
    if (error != 0 || closeError != 0)
        throw Error(path + ": writing failed: " + describe(error != 0 ? error : closeError));
}

/// Creates a unique, empty temporary file next to `resolved`; returns its name and descriptor.
std::pair<std::string, int> createTemporary(const std::string& path, const std::string& resolved)
{
    std::string name = parentOf(resolved) + "/." + baseNameOf(resolved) + ".XXXXXX.part";
    const int fd = ::mkstemps(name.data(), 5);
    if (fd < 0)
        throw Error(path + ": cannot create a temporary file in '" + parentOf(resolved) + "' ("
                    + describe(errno) + ")");
    return {name, fd};
}

/// Flushes a finished temporary file to disk, checks its size, gives it its final permissions
/// and renames it over the target; removes it and throws on any failure.
void commitTemporary(const std::string& path, const Target& t, const std::string& temp, int fd,
                     long long expectedSize)
{
    const bool replacing = t.kind == OutputTarget::ReplaceFile;
    const std::string kept = outcomeOfFailure(t);
    auto fail = [&](const std::string& why) {
        ::close(fd);
        ::unlink(temp.c_str());
        throw Error(path + ": " + why + kept);
    };
    if (::fsync(fd) != 0)
        fail("writing failed: " + describe(errno));
    struct stat st{};
    if (::fstat(fd, &st) != 0)
        fail("cannot check the written file (" + describe(errno) + ")");
    if (expectedSize >= 0 && st.st_size != expectedSize)
        fail("writing failed: " + std::to_string(st.st_size) + " of "
             + std::to_string(expectedSize) + " bytes reached the disk");
    if (st.st_size == 0 && expectedSize != 0)
        fail("writing failed: the writer produced an empty file");
    const mode_t mode = replacing ? t.mode : (0666 & ~processUmask());
    ::fchmod(fd, mode); // best effort: the data is what matters
    if (::close(fd) != 0) {
        const int error = errno;
        ::unlink(temp.c_str());
        throw Error(path + ": writing failed: " + describe(error) + kept);
    }
    if (::rename(temp.c_str(), t.resolved.c_str()) != 0) {
        const int error = errno;
        ::unlink(temp.c_str());
        throw Error(path + ": cannot move the written file into place (" + describe(error) + ")"
                    + kept);
    }
    // Make the rename itself durable.
    const int dir = ::open(parentOf(t.resolved).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
}

} // namespace

OutputTarget checkOutputTarget(const std::string& path)
{
    return classify(path).kind;
}

void writeFileAtomically(const std::string& path, const std::string& contents)
{
    const Target t = classify(path);
    if (t.kind == OutputTarget::Stream) {
        writeStream(path, t, contents);
        return;
    }
    auto [temp, fd] = createTemporary(path, t.resolved);
    if (const int error = writeAll(fd, contents.data(), contents.size()); error != 0) {
        ::close(fd);
        ::unlink(temp.c_str());
        throw Error(path + ": writing failed: " + describe(error) + outcomeOfFailure(t));
    }
    commitTemporary(path, t, temp, fd, static_cast<long long>(contents.size()));
}

void writeFileAtomicallyWith(const std::string& path,
                             const std::function<bool(const std::string& tempPath)>& write)
{
    const Target t = classify(path);
    if (t.kind == OutputTarget::Stream) {
        // The writer needs a file: write it in the temporary folder, then stream it.
        const char* tmpdir = std::getenv("TMPDIR");
        std::string temp = std::string(tmpdir && *tmpdir ? tmpdir : "/tmp") + "/borehole.XXXXXX";
        const int fd = ::mkstemp(temp.data());
        if (fd < 0)
            throw Error(path + ": cannot create a temporary file (" + describe(errno) + ")");
        ::close(fd);
        std::string contents;
        try {
            if (!write(temp))
                throw Error(path + ": the writer failed");
            contents = readFile(temp);
        } catch (...) {
            ::unlink(temp.c_str());
            throw;
        }
        ::unlink(temp.c_str());
        writeStream(path, t, contents);
        return;
    }
    auto [temp, fd] = createTemporary(path, t.resolved);
    ::close(fd);
    bool ok = false;
    std::string why;
    try {
        ok = write(temp);
    } catch (const std::exception& e) {
        why = e.what();
    }
    if (!ok) {
        ::unlink(temp.c_str());
        throw Error(path + ": writing failed" + (why.empty() ? std::string() : ": " + why)
                    + outcomeOfFailure(t));
    }
    const int reopened = ::open(temp.c_str(), O_RDWR | O_CLOEXEC);
    if (reopened < 0) {
        const int error = errno;
        ::unlink(temp.c_str());
        throw Error(path + ": the written file vanished (" + describe(error) + ")");
    }
    commitTemporary(path, t, temp, reopened, -1);
}

std::string readFile(const std::string& path)
{
    struct stat st{};
    if (::stat(path.c_str(), &st) != 0)
        throw InputError(path + ": cannot open file (" + std::strerror(errno) + ")");
    if (S_ISDIR(st.st_mode))
        throw InputError(path + ": is a folder, not a file");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(path + ": cannot open file (" + std::strerror(errno) + ")");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad())
        throw InputError(path + ": reading failed (" + std::strerror(errno) + ")");
    return buffer.str();
}

void writeStandardOutput(const std::string& contents)
{
    std::fflush(stdout);
    if (const int error = writeAll(STDOUT_FILENO, contents.data(), contents.size()); error != 0)
        throw Error("standard output: writing failed: " + describe(error));
}

} // namespace borehole
