#pragma once
// The probe report as a self-contained HTML page (figures embedded as base64 PNG) and as a PDF
// (the same document printed through QTextDocument and QPdfWriter): model and data summary,
// settings and seeds, directions and normalisation, every probe figure, the maps and the
// selection — enough to reproduce the run. Both are written atomically.
#include "selection.h"

#include <borehole/report.h>

#include <QImage>
#include <QString>

#include <vector>

namespace borehole {

struct ReportFigure
{
    QString title;
    QString caption;
    QImage image;
};

struct ReportContent
{
    ProbeReport report;
    std::vector<ReportFigure> figures;
    GridSelection selection; ///< empty when nothing is selected
};

/// The HTML text. With `embedImages` figures are data: URIs; otherwise they refer to
/// "figure<N>.png" resources (what the PDF path registers with QTextDocument).
QString reportHtml(const ReportContent& content, bool embedImages = true);
bool writeReportHtml(const QString& path, const ReportContent& content, QString* error);
bool writeReportPdf(const QString& path, const ReportContent& content, QString* error);

} // namespace borehole
