// libFuzzer target: the probe-report JSON reader (core/src/report_json.cpp), which workspaces
// embed; an accepted report must be written and read back.
#include "fuzz_target.h"

#include <borehole/report.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    return borehole::fuzz::run(data, size, [](const std::string& text) {
        const auto report = borehole::probeReportFromJson(text, "fuzz.json");
        borehole::probeReportFromJson(borehole::toJson(report), "written.json");
    });
}
