// libFuzzer target: the GUI's workspace reader (app/gui/workspace.cpp); an accepted workspace
// must be written and read back.
#include "fuzz_target.h"

#include "workspace.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    return borehole::fuzz::run(data, size, [](const std::string& text) {
        const auto w = borehole::workspaceFromJson(QString::fromStdString(text),
                                                   QStringLiteral("fuzz.borehole"));
        borehole::workspaceFromJson(borehole::workspaceToJson(w), QStringLiteral("written"));
    });
}
