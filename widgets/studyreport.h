#pragma once
// The study report in the GUI: core's one report builder (borehole/study_report.h, which
// `borehole-cli study export` also uses) fed with the panel's state and its plots as PNG
// figures, translated through the context "StudyReport". HTML embeds the figures as base64; the
// PDF is the same document printed through QTextDocument and QPdfWriter. Both files are written
// atomically.
#include <borehole/study.h>
#include <borehole/study_report.h>
#include <borehole/study_runner.h>
#include <borehole/study_store.h>

#include <QImage>
#include <QString>

#include <vector>

namespace borehole {

struct StudyReportFigure
{
    QString title;
    QString caption;
    QImage image; ///< null: the caption says why there is no figure
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
    /// Probe-halving studies: the rung runs and what the score changed at each promotion
    /// (empty for other strategies).
    std::vector<RungRecord> rungs;
    std::vector<RungComparison> rungComparisons;
    /// Every full run (the pick against the baselines on their curves).
    std::vector<FullRunRecord> fullRuns;
    /// Ranking rows written; the rest are counted.
    int maxRows = 100;
};

/// Core's report texts in the application's language (context "StudyReport").
ReportTranslator studyReportTranslator();

/// The HTML text. With `embedImages` figures are data: URIs; otherwise they refer to
/// "figure<N>.png" resources (what the PDF path registers with QTextDocument).
QString studyReportHtml(const StudyReportContent& content, bool embedImages = true);
bool writeStudyReportHtml(const QString& path, const StudyReportContent& content,
                          QString* error = nullptr);
bool writeStudyReportPdf(const QString& path, const StudyReportContent& content,
                         QString* error = nullptr);

} // namespace borehole
