// libFuzzer target: the study-spec parser (core/src/study_spec.cpp) on arbitrary text; an
// accepted spec must survive its own canonical JSON.
#include "fuzz_target.h"

#include <borehole/study.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    return borehole::fuzz::run(data, size, [](const std::string& text) {
        const auto spec = borehole::parseStudySpec(text, "fuzz.json", "/nonexistent");
        const auto again = borehole::parseStudySpec(borehole::toJson(spec), "canonical.json");
        if (borehole::toJson(again) != borehole::toJson(spec))
            std::abort(); // canonical JSON must be a fixed point
    });
}
