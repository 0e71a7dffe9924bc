#include "studyreport.h"

#include "plotstyle.h"

#include "exportutil.h"

#include <QCoreApplication>
#include <QDateTime>

#include <algorithm>
#include <cmath>
#include <map>

namespace borehole {

namespace {

// Translation context for the free functions of this file.
struct StudyReportText
{
    Q_DECLARE_TR_FUNCTIONS(StudyReport)
};

QString num(double v, int precision = 4)
{
    return std::isfinite(v) ? QString::number(v, 'g', precision) : QStringLiteral("–");
}

QString cells(const QStringList& values, bool header = false)
{
    const QString tag = header ? QStringLiteral("th") : QStringLiteral("td");
    QString out = QStringLiteral("<tr>");
    for (const auto& v : values)
        out += QStringLiteral("<%1>%2</%1>").arg(tag, v);
    return out + QStringLiteral("</tr>\n");
}

} // namespace

std::map<std::int64_t, int> configurationIndices(const StudyRanking& ranking)
{
    std::map<std::int64_t, int> index;
    for (const auto& row : ranking.rows)
        index[row.record.id] = row.record.index;
    return index;
}

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
             .arg(title, htmlEscape(c.spec.name),
                  StudyReportText::tr("Database %1, written on %2.")
                      .arg(htmlEscape(c.dbPath), QDateTime::currentDateTime().toString(Qt::ISODate)));

    h += QStringLiteral("<h2>%1</h2>\n<table>\n").arg(StudyReportText::tr("Study"));
    h += htmlRow(StudyReportText::tr("Model"), htmlEscape(c.spec.modelPath));
    h += htmlRow(StudyReportText::tr("Data"), htmlEscape(c.spec.dataPath));
    h += htmlRow(StudyReportText::tr("Sampler"), htmlEscape(toString(c.spec.sampler.kind)));
    h += htmlRow(StudyReportText::tr("Outcome metric"), htmlEscape(toString(c.spec.metric)));
    h += htmlRow(StudyReportText::tr("Configurations"),
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
        h += htmlRow(StudyReportText::tr("Version"), QString::number(m->version));
        h += htmlRow(StudyReportText::tr("Kind"),
                 m->kind == "outcome"
                     ? StudyReportText::tr("outcome model (fitted on full-run outcomes)")
                     : StudyReportText::tr("proxy model (probe score; no outcome model yet)"));
        h += htmlRow(StudyReportText::tr("Ensemble members"), QString::number(m->members));
        h += htmlRow(StudyReportText::tr("Training rows"), QString::number(m->trainingRows));
        if (std::isfinite(m->validationRmse))
            h += htmlRow(StudyReportText::tr("Validation error"),
                     StudyReportText::tr("RMSE %1 (fitted units%2), Spearman ρ %3 on held-out rows")
                         .arg(num(m->validationRmse, 3),
                              c.ranking.logUnits ? StudyReportText::tr(": log of the metric")
                                                 : QString(),
                              num(m->validationSpearman, 3)));
        else
            h += htmlRow(StudyReportText::tr("Validation error"),
                     StudyReportText::tr("too few rows to hold any out"));
        h += htmlRow(StudyReportText::tr("Fitted"), htmlEscape(m->createdAt));
        h += QStringLiteral("</table>\n");
    } else {
        h += QStringLiteral("<p>%1</p>\n").arg(StudyReportText::tr("No meta-model fitted yet."));
    }
    if (!c.modelNote.isEmpty())
        h += QStringLiteral("<p><i>%1</i></p>\n").arg(htmlEscape(c.modelNote));

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
        QString status = htmlEscape(toString(r.record.status));
        if (!r.record.reason.empty())
            status += QStringLiteral(": ") + htmlEscape(withReadableNumbers(r.record.reason));
        ++shown;
        h += cells(
            {QString::number(shown), QString::number(r.record.index), htmlEscape(describe(r.record.hyper)),
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
            h += QStringLiteral("<h3>%1</h3>\n").arg(htmlEscape(f.title));
            if (f.image.isNull()) {
                h += QStringLiteral("<p><i>%1</i></p>\n").arg(htmlEscape(f.caption));
                continue;
            }
            const QString src = embedImages
                                    ? QStringLiteral("data:image/png;base64,") + pngBase64(f.image)
                                    : QStringLiteral("figure%1.png").arg(i);
            h += QStringLiteral(
                     "<p><img src=\"%1\" width=\"%2\" alt=\"%3\"></p>\n<p><i>%4</i></p>\n")
                     .arg(src)
                     .arg(std::min(f.image.width(), 640))
                     .arg(htmlEscape(f.title), htmlEscape(f.caption));
        }
    }

    if (!c.halvingLines.isEmpty() || !c.rungs.empty()) {
        h += QStringLiteral("<h2>%1</h2>\n").arg(StudyReportText::tr("Probe-halving rungs"));
        for (const auto& line : c.halvingLines)
            h += QStringLiteral("<p>%1</p>\n").arg(htmlEscape(line));
        if (!c.rungs.empty()) {
            auto index = configurationIndices(c.ranking);
            h += QStringLiteral("<table>\n");
            h += cells({StudyReportText::tr("Rung"), StudyReportText::tr("#"),
                        StudyReportText::tr("Steps"), StudyReportText::tr("Status"),
                        StudyReportText::tr("Validation"), StudyReportText::tr("λmax"),
                        StudyReportText::tr("Score")},
                       true);
            for (const auto& r : c.rungs)
                h += cells({QString::number(r.rung), QString::number(index[r.configurationId]),
                            QString::number(r.steps),
                            htmlEscape(QString::fromStdString(toString(r.status))),
                            num(r.validation), num(r.lambdaMax), num(r.score, 3)});
            h += QStringLiteral("</table>\n");
        }
    }

    h += QStringLiteral("<h2>%1</h2>\n").arg(StudyReportText::tr("Target mode"));
    if (c.target.isEmpty()) {
        h += QStringLiteral("<p>%1</p>\n").arg(StudyReportText::tr("No target set."));
    } else {
        h += QStringLiteral("<p>%1</p>\n")
                 .arg(StudyReportText::tr("Target %1, probability ≥ %2.")
                          .arg(htmlEscape(c.target))
                          .arg(c.minProbability));
        if (!c.targetMessage.isEmpty())
            h += QStringLiteral("<p>%1</p>\n").arg(htmlEscape(c.targetMessage));
        if (!c.candidates.empty()) {
            h += QStringLiteral("<table>\n");
            h += cells({StudyReportText::tr("#"), StudyReportText::tr("Hyperparameters"),
                        StudyReportText::tr("Probability"), StudyReportText::tr("Predicted"),
                        StudyReportText::tr("Full-run cost")},
                       true);
            for (const auto& t : c.candidates)
                h += cells({QString::number(t.row.record.index), htmlEscape(describe(t.row.record.hyper)),
                            num(t.probability, 3), num(t.row.predicted),
                            num(t.row.fullRunCost, 3)});
            h += QStringLiteral("</table>\n");
        }
    }

    h += QStringLiteral("<h2>%1</h2>\n<pre>%2</pre>\n")
             .arg(StudyReportText::tr("Spec"), htmlEscape(toJson(c.spec)));
    h += QStringLiteral("</body></html>\n");
    return h;
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
    return writeHtmlPdf(path, studyReportHtml(content, false), images, StudyReportText::tr("Borehole study report"), error);
}

} // namespace borehole
