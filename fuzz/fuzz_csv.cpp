// libFuzzer target: the CSV reader (core/src/csv.cpp) on arbitrary bytes, with ',' and ';'.
#include "fuzz_target.h"

#include <borehole/csv.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    return borehole::fuzz::run(data, size, [](const std::string& text) {
        const char delimiter = !text.empty() && (text[0] & 1) ? ';' : ',';
        const auto table = borehole::parseCsv(text, "fuzz.csv", delimiter);
        if (table.values.size() != table.rowLines.size() * table.columns.size())
            std::abort(); // rows × columns must hold whatever was accepted
        for (const auto& name : table.columns)
            if (table.columnIndex(name) >= table.columns.size())
                std::abort();
    });
}
