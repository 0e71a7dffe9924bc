#include "studyreport.h"

#include "exportutil.h"

#include <borehole/report.h>

#include <QCoreApplication>
#include <QDateTime>


namespace borehole {

ReportTranslator studyReportTranslator()
{
    return [](const char* source) {
        return QCoreApplication::translate("StudyReport", source).toStdString();
    };
}

QString studyReportHtml(const StudyReportContent& c, bool embedImages)
{
    StudyReportData d;
    d.database = c.dbPath.toStdString();
    d.writtenBy = "Borehole " + version();
    d.writtenAt = QDateTime::currentDateTime().toString(Qt::ISODate).toStdString();
    d.spec = c.spec;
    d.counts = c.counts;
    d.ranking = c.ranking;
    d.choice = chooseConfiguration(c.ranking, c.spec);
    d.modelNote = c.modelNote.toStdString();
    d.target = c.target.toStdString();
    d.minProbability = c.minProbability;
    d.candidates = c.candidates;
    d.targetMessage = c.targetMessage.toStdString();
    d.rungs = c.rungs;
    d.rungComparisons = c.rungComparisons;
    d.fullRuns = c.fullRuns;
    d.maxRows = c.maxRows;
    for (std::size_t i = 0; i < c.figures.size(); ++i) {
        const StudyReportFigure& f = c.figures[i];
        HtmlFigure figure;
        figure.title = f.title.toStdString();
        figure.caption = f.caption.toStdString();
        if (!f.image.isNull()) {
            figure.source = embedImages
                                ? "data:image/png;base64," + pngBase64(f.image).toStdString()
                                : "figure" + std::to_string(i) + ".png";
            figure.width = f.image.width(); // the builder caps it at the page width
        }
        d.figures.push_back(std::move(figure));
    }
    return QString::fromStdString(borehole::studyReportHtml(d, studyReportTranslator()));
}

bool writeStudyReportHtml(const QString& path, const StudyReportContent& content, QString* error)
{
    return writeTextAtomically(path, studyReportHtml(content, true), error);
}

bool writeStudyReportPdf(const QString& path, const StudyReportContent& content, QString* error)
{
    QList<QImage> images;
    for (const auto& figure : content.figures)
        images.append(figure.image);
    return writeHtmlPdf(path, studyReportHtml(content, false), images,
                        QCoreApplication::translate("StudyReport", "Borehole study report"),
                        error);
}

} // namespace borehole
