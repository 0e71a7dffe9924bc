#include "borehole/error.h"
#include "borehole/report.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace borehole {

std::string version()
{
    return BOREHOLE_VERSION;
}

void writeFileAtomically(const std::string& path, const std::string& contents)
{
    const std::string temp = path + ".part";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out)
            throw Error(path + ": cannot write (" + std::strerror(errno) + ")");
        out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
        out.flush();
        if (!out) {
            std::remove(temp.c_str());
            throw Error(path + ": writing failed (" + std::strerror(errno) + ")");
        }
    }
    // A replaced file keeps the permissions its owner gave it (best effort).
    std::error_code ec;
    const auto old = std::filesystem::status(path, ec);
    if (!ec && std::filesystem::exists(old))
        std::filesystem::permissions(temp, old.permissions(), ec);
    if (std::rename(temp.c_str(), path.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        std::remove(temp.c_str());
        throw Error(path + ": cannot move the written file into place (" + why + ")");
    }
}

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(path + ": cannot open file (" + std::strerror(errno) + ")");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

} // namespace borehole
