#pragma once
// A workspace file ("borehole.workspace/1", JSON): the model and data paths, the data, problem
// and probe settings, and the last probe report (core's own JSON, embedded), so that a user can
// close Borehole and come back to the same results.
#include <borehole/dataset.h>
#include <borehole/device.h>
#include <borehole/problem.h>
#include <borehole/report.h>

#include <QString>

#include <optional>

namespace borehole {

struct Workspace
{
    QString modelPath;
    QString dataPath;
    DatasetOptions data;
    ProblemOptions problem;
    ProbeSettings settings;
    DeviceKind device = DeviceKind::Auto;
    std::optional<ProbeReport> report;
};

QString workspaceToJson(const Workspace& workspace);
/// Parses workspaceToJson()'s output. Throws InputError naming `sourceName` when the text is
/// not a workspace or a field is malformed (core's message for a malformed embedded report).
Workspace workspaceFromJson(const QString& text, const QString& sourceName);

} // namespace borehole
