#pragma once
// Every output a user might keep (report, grid, model, checkpoint, image) goes through here.
//
// A regular file is replaced atomically: the bytes go to a unique temporary file in the same
// folder, every write is checked, the file is flushed to disk (fsync), its size is checked,
// and only then is it renamed over the target, so a full disk, a kill or a power cut leaves the
// previous file as it was. A symbolic link is followed: the file it points to is replaced and
// the link stays a link. A FIFO or a character device (a pipe from `>(gzip > f)`, /dev/stdout)
// is written through, since streaming into it is the point; its write errors are reported.
// A directory, a socket or a block device is refused before anything is written.
//
// Errors name the path and the cause; a full disk says "disk full".
#include <functional>
#include <string>

namespace borehole {

/// What writing to a path will do.
enum class OutputTarget {
    NewFile,      ///< nothing there yet: a new regular file is created
    ReplaceFile,  ///< an existing regular file (possibly behind a symlink) is replaced
    Stream,       ///< a FIFO or a character device, written through
};

/// Checks, before any work is done, that an output can be written at `path`: the folder
/// exists and is writable, and the path (after following symlinks) is not a directory, a
/// socket or a block device. Throws Error naming the path and the reason.
OutputTarget checkOutputTarget(const std::string& path);

/// Writes `contents` to `path` as described above. Throws Error naming the path ("disk full"
/// when the file system is full); the previous file is then unchanged and no temporary file
/// is left behind.
void writeFileAtomically(const std::string& path, const std::string& contents);

/// For writers that need a file name of their own (an image or PDF writer): `write` is called
/// with a temporary path in the target's folder (in the temporary folder for streams) and must
/// create the file there, throwing or returning false on failure. The file is then checked,
/// flushed and renamed (or copied into the stream). Throws Error as writeFileAtomically.
void writeFileAtomicallyWith(const std::string& path,
                             const std::function<bool(const std::string& tempPath)>& write);

/// Reads a whole file; throws InputError naming the path when it cannot be read, is a
/// directory or is not a regular file or stream.
std::string readFile(const std::string& path);

/// Writes `contents` to standard output and flushes it; throws Error ("standard output: ...")
/// when the write fails (closed pipe, full disk behind a redirection).
void writeStandardOutput(const std::string& contents);

} // namespace borehole
