// Integrity check of a TorchScript archive before libtorch reads it. TorchScript files are zip
// archives whose tensors are stored uncompressed; libtorch's reader does not verify the
// CRC-32 of stored entries, so a flipped bit in a weight loads silently as a different model.
// This reads the central directory (zip64 too) and checks every stored entry's CRC-32.
// Deflated entries (code, debug info) are checked by the decompressor when libtorch reads them.
#include "archive_check.h"

#include "borehole/error.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <vector>

namespace borehole {
namespace {

constexpr std::uint32_t kEndOfCentralDirectory = 0x06054b50;
constexpr std::uint32_t kZip64Locator = 0x07064b50;
constexpr std::uint32_t kZip64End = 0x06064b50;
constexpr std::uint32_t kCentralEntry = 0x02014b50;
constexpr std::uint32_t kLocalHeader = 0x04034b50;

const std::array<std::uint32_t, 256>& crcTable()
{
    static const std::array<std::uint32_t, 256> table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t i = 0; i < 256; ++i) {
            std::uint32_t c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1U) ? 0xEDB88320U ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    return table;
}

std::uint32_t crcUpdate(std::uint32_t crc, const char* data, std::size_t size)
{
    const auto& table = crcTable();
    crc = ~crc;
    for (std::size_t i = 0; i < size; ++i)
        crc = table[(crc ^ static_cast<unsigned char>(data[i])) & 0xFFU] ^ (crc >> 8);
    return ~crc;
}

std::uint64_t le(const char* p, int bytes)
{
    std::uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = (v << 8) | static_cast<unsigned char>(p[i]);
    return v;
}

class Reader
{
public:
    Reader(const std::string& path) : m_path(path), m_in(path, std::ios::binary)
    {
        m_in.seekg(0, std::ios::end);
        m_size = static_cast<std::uint64_t>(m_in.tellg());
    }
    std::uint64_t size() const { return m_size; }
    std::vector<char> read(std::uint64_t offset, std::uint64_t count)
    {
        if (offset > m_size || count > m_size - offset)
            damaged("a record points past the end of the file (truncated?)");
        std::vector<char> buffer(static_cast<std::size_t>(count));
        m_in.seekg(static_cast<std::streamoff>(offset));
        m_in.read(buffer.data(), static_cast<std::streamsize>(count));
        if (!m_in)
            damaged("reading failed");
        return buffer;
    }
    std::uint32_t crcOf(std::uint64_t offset, std::uint64_t count)
    {
        if (offset > m_size || count > m_size - offset)
            damaged("an entry's data runs past the end of the file (truncated?)");
        m_in.seekg(static_cast<std::streamoff>(offset));
        std::vector<char> buffer(1 << 20);
        std::uint32_t crc = 0;
        while (count > 0) {
            const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(count, buffer.size()));
            m_in.read(buffer.data(), static_cast<std::streamsize>(n));
            if (!m_in)
                damaged("reading failed");
            crc = crcUpdate(crc, buffer.data(), n);
            count -= n;
        }
        return crc;
    }
    [[noreturn]] void damaged(const std::string& why) const
    {
        throw InputError(m_path + ": damaged model file: " + why
                         + "; save the model again or copy it anew");
    }

private:
    std::string m_path;
    std::ifstream m_in;
    std::uint64_t m_size = 0;
};

} // namespace

std::uint32_t crc32(const std::string& data)
{
    return crcUpdate(0, data.data(), data.size());
}

void checkTorchScriptArchive(const std::string& path)
{
    Reader r(path);
    const bool zipStart = r.size() >= 4 && le(r.read(0, 4).data(), 4) == kLocalHeader;
    if (!zipStart)
        throw InputError(path + ": not a TorchScript model (no zip directory found; save it with "
                                "torch.jit.script(model).save(path))");
    if (r.size() < 22)
        r.damaged("too short to be a TorchScript (zip) archive");
    // The end-of-central-directory record sits within the last 64 KiB + 22 bytes.
    const std::uint64_t tail = std::min<std::uint64_t>(r.size(), 65535 + 22);
    const auto end = r.read(r.size() - tail, tail);
    std::int64_t eocd = -1;
    for (std::int64_t i = static_cast<std::int64_t>(end.size()) - 22; i >= 0; --i)
        if (le(&end[static_cast<std::size_t>(i)], 4) == kEndOfCentralDirectory) {
            eocd = i;
            break;
        }
    if (eocd < 0)
        r.damaged("it starts like a zip archive but its directory at the end is missing "
                  "(truncated?)");
    const char* e = &end[static_cast<std::size_t>(eocd)];
    std::uint64_t entries = le(e + 10, 2);
    std::uint64_t directorySize = le(e + 12, 4);
    std::uint64_t directoryOffset = le(e + 16, 4);
    const std::uint64_t eocdOffset = r.size() - tail + static_cast<std::uint64_t>(eocd);
    if (entries == 0xFFFF || directorySize == 0xFFFFFFFF || directoryOffset == 0xFFFFFFFF) {
        if (eocdOffset < 20)
            r.damaged("the zip64 locator is missing");
        const auto locator = r.read(eocdOffset - 20, 20);
        if (le(locator.data(), 4) != kZip64Locator)
            r.damaged("the zip64 locator is missing");
        const auto z = r.read(le(locator.data() + 8, 8), 56);
        if (le(z.data(), 4) != kZip64End)
            r.damaged("the zip64 directory record is missing");
        entries = le(z.data() + 32, 8);
        directorySize = le(z.data() + 40, 8);
        directoryOffset = le(z.data() + 48, 8);
    }
    const auto directory = r.read(directoryOffset, directorySize);
    std::size_t at = 0;
    for (std::uint64_t n = 0; n < entries; ++n) {
        if (at + 46 > directory.size() || le(&directory[at], 4) != kCentralEntry)
            r.damaged("the zip directory is cut short");
        const char* c = &directory[at];
        const auto method = le(c + 10, 2);
        const auto crc = static_cast<std::uint32_t>(le(c + 16, 4));
        std::uint64_t compressed = le(c + 20, 4);
        std::uint64_t uncompressed = le(c + 24, 4);
        const auto nameLength = le(c + 28, 2);
        const auto extraLength = le(c + 30, 2);
        const auto commentLength = le(c + 32, 2);
        std::uint64_t local = le(c + 42, 4);
        if (at + 46 + nameLength + extraLength + commentLength > directory.size())
            r.damaged("the zip directory is cut short");
        const std::string name(c + 46, nameLength);
        // Zip64 sizes and offsets live in extra field 0x0001, in this order, when saturated.
        for (std::size_t x = 0; x + 4 <= extraLength;) {
            const char* f = c + 46 + nameLength + x;
            const auto id = le(f, 2);
            const auto size = le(f + 2, 2);
            if (id == 1) {
                std::size_t k = 4;
                auto next = [&](std::uint64_t& v) {
                    if (v == 0xFFFFFFFF && k + 8 <= 4 + size) {
                        v = le(f + k, 8);
                        k += 8;
                    }
                };
                next(uncompressed);
                next(compressed);
                next(local);
            }
            x += 4 + size;
        }
        at += 46 + nameLength + extraLength + commentLength;
        if (method != 0)
            continue;
        if (compressed != uncompressed)
            r.damaged("entry '" + name + "' has inconsistent sizes");
        const auto header = r.read(local, 30);
        if (le(header.data(), 4) != kLocalHeader)
            r.damaged("entry '" + name + "' does not start where the directory says");
        const std::uint64_t data = local + 30 + le(header.data() + 26, 2) + le(header.data() + 28, 2);
        if (r.crcOf(data, compressed) != crc)
            r.damaged("the checksum (CRC-32) of entry '" + name
                      + "' does not match its contents, so its bytes changed after it was "
                        "written");
    }
}

} // namespace borehole
