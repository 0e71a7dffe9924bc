#include "studyreport.h"

#include "exportutil.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDateTime>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QTextDocument>
#include <QUrl>

#include <algorithm>
#include <cmath>

namespace borehole {

namespace {

// Translation context for the free functions of this file.
struct StudyReportText
{
    Q_DECLARE_TR_FUNCTIONS(StudyReport)
};

QString esc(const QString& s)
{
    return s.toHtmlEscaped();
}

QString esc(const std::string& s)
{
    return QString::fromStdString(s).toHtmlEscaped();
}

QString num(double v, int precision = 4)
{
    return std::isfinite(v) ? QString::number(v, 'g', precision) : QStringLiteral("–");
}

QString row(const QString& key, const QString& value)
{
    return QStringLiteral("<tr><th align=\"left\">%1</th><td>%2</td></tr>\n").arg(key, value);
}

QString cells(const QStringList& values, bool header = false)
{
    const QString tag = header ? QStringLiteral("th") : QStringLiteral("td");
    QString out = QStringLiteral("<tr>");
    for (const auto& v : values)
        out += QStringLiteral("<%1>%2</%1>").arg(tag, v);
    return out + QStringLiteral("</tr>\n");
}

QString pngBase64(const QImage& image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return QString::fromLatin1(bytes.toBase64());
}

} // namespace

QString studyReportHtml(const StudyReportContent& c, bool embedImages)
{
    const QString title = StudyReportText::tr("Borehole study report");
    QString h;
    h += QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n<title>%1</title>\n"
                        "<style>body{font-family:sans-serif;max-width:70em;margin:1em auto;}"
                        "table{border-collapse:collapse;margin-bottom:1em;}"
                        "th,td{border:1px solid #bbb;padding:2px 6px;}"
                        "th{background:#eef;}img{max-width:100%;}</style>\n</head><body>\n")
             .arg(title);
    h += QStringLiteral("<h1>%1: %2</h1>\n<p>%3</p>\n")
             .arg(title, esc(c.spec.name),
                  StudyReportText::tr("Database %1, written on %2.")
                      .arg(esc(c.dbPath), QDateTime::currentDateTime().toString(Qt::ISODate)));

    h += QStringLiteral("<h2>%1</h2>\n<table>\n").arg(StudyReportText::tr("Study"));
    h += row(StudyReportText::tr("Model"), esc(c.spec.modelPath));
    h += row(StudyReportText::tr("Data"), esc(c.spec.dataPath));
    h += row(StudyReportText::tr("Sampler"), esc(toString(c.spec.sampler.kind)));
    h += row(StudyReportText::tr("Outcome metric"), esc(toString(c.spec.metric)));
    h += row(StudyReportText::tr("Configurations"),
             StudyReportText::tr("%1: %2 done, %3 failed, %4 pending, %5 running; %6 full runs")
                 .arg(c.counts.total())
                 .arg(c.counts.done)
                 .arg(c.counts.failed)
                 .arg(c.counts.pending)
                 .arg(c.counts.running)
                 .arg(c.counts.fullRuns));
    h += QStringLiteral("</table>\n");

    h += QStringLiteral("<h2>%1</h2>\n").arg(StudyReportText::tr("Meta-model"));
    if (const auto& m = c.ranking.model) {
        h += QStringLiteral("<table>\n");
        h += row(StudyReportText::tr("Version"), QString::number(m->version));
        h += row(StudyReportText::tr("Kind"),
                 m->kind == "outcome"
                     ? StudyReportText::tr("outcome model (fitted on full-run outcomes)")
                     : StudyReportText::tr("proxy model (probe score; no outcome model yet)"));
        h += row(StudyReportText::tr("Ensemble members"), QString::number(m->members));
        h += row(StudyReportText::tr("Training rows"), QString::number(m->trainingRows));
        if (std::isfinite(m->validationRmse))
            h += row(StudyReportText::tr("Validation error"),
                     StudyReportText::tr("RMSE %1 (fitted units%2), Spearman ρ %3 on held-out rows")
                         .arg(num(m->validationRmse, 3),
                              c.ranking.logUnits ? StudyReportText::tr(": log of the metric")
                                                 : QString(),
                              num(m->validationSpearman, 3)));
        else
            h += row(StudyReportText::tr("Validation error"),
                     StudyReportText::tr("too few rows to hold any out"));
        h += row(StudyReportText::tr("Fitted"), esc(m->createdAt));
        h += QStringLiteral("</table>\n");
    } else {
        h += QStringLiteral("<p>%1</p>\n").arg(StudyReportText::tr("No meta-model fitted yet."));
    }
    if (!c.modelNote.isEmpty())
        h += QStringLiteral("<p><i>%1</i></p>\n").arg(esc(c.modelNote));

    h += QStringLiteral("<h2>%1</h2>\n<table>\n")
             .arg(StudyReportText::tr("Ranking (most promising first)"));
    h += cells({StudyReportText::tr("Rank"), StudyReportText::tr("#"),
                StudyReportText::tr("Hyperparameters"), StudyReportText::tr("Status"),
                StudyReportText::tr("λmax"), StudyReportText::tr("Predicted"),
                StudyReportText::tr("±"), StudyReportText::tr("Promisingness"),
                StudyReportText::tr("Measured")},
               true);
    int shown = 0;
    for (const auto& r : c.ranking.rows) {
        if (shown >= c.maxRows)
            break;
        const auto lambda = r.record.features.find("lambda_max");
        QString status = esc(toString(r.record.status));
        if (!r.record.reason.empty())
            status += QStringLiteral(": ") + esc(r.record.reason);
        ++shown;
        h += cells(
            {QString::number(shown), QString::number(r.record.index), esc(describe(r.record.hyper)),
             status, num(lambda == r.record.features.end() ? std::nan("") : lambda->second),
             num(r.predicted), num(r.predictedStd, 3), num(r.promisingness),
             r.outcome
                 ? num(*r.outcome)
                 : (r.fullRunFailed ? StudyReportText::tr("diverged") : QStringLiteral("–"))});
    }
    h += QStringLiteral("</table>\n");
    if (static_cast<int>(c.ranking.rows.size()) > shown)
        h += QStringLiteral("<p>%1</p>\n")
                 .arg(StudyReportText::tr("… and %1 more configurations.")
                          .arg(c.ranking.rows.size() - static_cast<std::size_t>(shown)));

    if (!c.figures.empty()) {
        h += QStringLiteral("<h2>%1</h2>\n").arg(StudyReportText::tr("Maps"));
        for (std::size_t i = 0; i < c.figures.size(); ++i) {
            const StudyReportFigure& f = c.figures[i];
            h += QStringLiteral("<h3>%1</h3>\n").arg(esc(f.title));
            if (f.image.isNull()) {
                h += QStringLiteral("<p><i>%1</i></p>\n").arg(esc(f.caption));
                continue;
            }
            const QString src = embedImages
                                    ? QStringLiteral("data:image/png;base64,") + pngBase64(f.image)
                                    : QStringLiteral("figure%1.png").arg(i);
            h += QStringLiteral(
                     "<p><img src=\"%1\" width=\"%2\" alt=\"%3\"></p>\n<p><i>%4</i></p>\n")
                     .arg(src)
                     .arg(std::min(f.image.width(), 640))
                     .arg(esc(f.title), esc(f.caption));
        }
    }

    h += QStringLiteral("<h2>%1</h2>\n").arg(StudyReportText::tr("Target mode"));
    if (c.target.isEmpty()) {
        h += QStringLiteral("<p>%1</p>\n").arg(StudyReportText::tr("No target set."));
    } else {
        h += QStringLiteral("<p>%1</p>\n")
                 .arg(StudyReportText::tr("Target %1, probability ≥ %2.")
                          .arg(esc(c.target))
                          .arg(c.minProbability));
        if (!c.targetMessage.isEmpty())
            h += QStringLiteral("<p>%1</p>\n").arg(esc(c.targetMessage));
        if (!c.candidates.empty()) {
            h += QStringLiteral("<table>\n");
            h += cells({StudyReportText::tr("#"), StudyReportText::tr("Hyperparameters"),
                        StudyReportText::tr("Probability"), StudyReportText::tr("Predicted"),
                        StudyReportText::tr("Full-run cost")},
                       true);
            for (const auto& t : c.candidates)
                h += cells({QString::number(t.row.record.index), esc(describe(t.row.record.hyper)),
                            num(t.probability, 3), num(t.row.predicted),
                            num(t.row.fullRunCost, 3)});
            h += QStringLiteral("</table>\n");
        }
    }

    h += QStringLiteral("<h2>%1</h2>\n<pre>%2</pre>\n")
             .arg(StudyReportText::tr("Spec"), esc(toJson(c.spec)));
    h += QStringLiteral("</body></html>\n");
    return h;
}

bool writeStudyReportHtml(const QString& path, const StudyReportContent& content, QString* error)
{
    return writeTextAtomically(path, studyReportHtml(content, true), error);
}

bool writeStudyReportPdf(const QString& path, const StudyReportContent& content, QString* error)
{
    return writeAtomicallyWith(
        path,
        [&](const QString& temp) {
            QTextDocument doc;
            for (std::size_t i = 0; i < content.figures.size(); ++i)
                if (!content.figures[i].image.isNull())
                    doc.addResource(QTextDocument::ImageResource,
                                    QUrl(QStringLiteral("figure%1.png").arg(i)),
                                    content.figures[i].image);
            doc.setHtml(studyReportHtml(content, false));
            QPdfWriter writer(temp);
            writer.setPageSize(QPageSize(QPageSize::A4));
            writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
            writer.setResolution(150);
            writer.setTitle(StudyReportText::tr("Borehole study report"));
            writer.setCreator(QStringLiteral("Borehole"));
            doc.setPageSize(QSizeF(writer.width(), writer.height()));
            doc.print(&writer);
            return true;
        },
        error);
}

} // namespace borehole
