#pragma once
// A workspace file ("borehole.workspace/1", JSON): the model and data paths, the data, problem
// and probe settings, and the last probe report (core's own JSON, embedded), so that a user can
// close Borehole and come back to the same results.
#include <borehole/dataset.h>
#include <borehole/device.h>
#include <borehole/problem.h>
#include <borehole/report.h>

#include "probecompare.h"

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
    /// The probes kept for comparison, in order. The one shown (historyCurrent, −1 for none) is
    /// `report` and is stored only once, as "report"; the others are stored in "history".
    std::vector<ProbeHistoryEntry> history;
    int historyCurrent = -1;
};

QString workspaceToJson(const Workspace& workspace);
/// Parses workspaceToJson()'s output. Throws InputError naming `sourceName` when the text is
/// not a workspace or a field is malformed (core's message for a malformed embedded report).
Workspace workspaceFromJson(const QString& text, const QString& sourceName);

} // namespace borehole
