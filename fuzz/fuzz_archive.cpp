// libFuzzer target: the TorchScript archive check (core/src/archive_check.cpp), Borehole's own
// zip directory reader, which runs on every model file before libtorch sees it.
#include "fuzz_target.h"

#include "archive_check.h"

#include <fstream>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const std::string path = [] {
        const char* tmp = std::getenv("TMPDIR");
        return std::string(tmp && *tmp ? tmp : "/tmp") + "/borehole-fuzz-archive-"
               + std::to_string(::getpid()) + ".pt";
    }();
    return borehole::fuzz::run(data, size, [](const std::string& bytes) {
        {
            std::ofstream out(path, std::ios::binary | std::ios::trunc);
            out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        }
        borehole::checkTorchScriptArchive(path);
    });
}
