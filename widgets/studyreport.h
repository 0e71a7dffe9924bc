#pragma once
// The study report, as the probe report of the main window: one self-contained HTML page
// (figures embedded as base64 PNG) and the same document printed to PDF through QTextDocument
// and QPdfWriter. It holds the spec, the counts, the meta-model and its validation error, the
// ranking, the maps and the target-mode candidates. Both files are written atomically.
#include <borehole/study.h>
#include <borehole/study_runner.h>
#include <borehole/study_store.h>

#include <QImage>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace borehole {

struct StudyReportFigure
{
    QString title;
    QString caption;
    QImage image;
};

struct StudyReportContent
{
    QString dbPath;
    StudySpec spec;
    StudyCounts counts;
    StudyRanking ranking; ///< rows most promising first
    QString modelNote;    ///< why the meta-model could not be fitted ("" otherwise)
    /// Target mode: the expression ("" when none), its candidates, or core's reason for none.
    QString target;
    double minProbability = 0.5;
    std::vector<TargetCandidate> candidates;
    QString targetMessage;
    std::vector<StudyReportFigure> figures;
    /// Probe-halving studies: lines comparing each rung's promotions with plain halving's, and
    /// the rung runs (empty for other strategies).
    QStringList halvingLines;
    std::vector<RungRecord> rungs;
    /// Ranking rows written; the rest are counted.
    int maxRows = 100;
};

/// Configuration id → its index in the sampler's list (the "#" users see), for the rows of a
/// ranking; rung rows and full runs name configurations by id.
std::map<std::int64_t, int> configurationIndices(const StudyRanking& ranking);

/// The HTML text. With `embedImages` figures are data: URIs; otherwise they refer to
/// "figure<N>.png" resources (what the PDF path registers with QTextDocument).
QString studyReportHtml(const StudyReportContent& content, bool embedImages = true);
bool writeStudyReportHtml(const QString& path, const StudyReportContent& content,
                          QString* error = nullptr);
bool writeStudyReportPdf(const QString& path, const StudyReportContent& content,
                         QString* error = nullptr);

} // namespace borehole
