#include "reportexport.h"

#include "exportutil.h"
#include "plotstyle.h"
#include "spectrumview.h"

#include <QCoreApplication>
#include <QDateTime>

#include <algorithm>

namespace borehole {

namespace {

// Translation context for the free functions of this file.
struct ReportText
{
    Q_DECLARE_TR_FUNCTIONS(Report)
};

QString num(double v, int precision = 6)
{
    return QString::number(v, 'g', precision);
}

QString costText(const ProbeCost& c)
{
    return ReportText::tr("%1 forward, %2 gradient, %3 HVP, %4 s")
        .arg(c.forwards)
        .arg(c.gradients)
        .arg(c.hvps)
        .arg(c.seconds, 0, 'f', 3);
}

} // namespace

QString reportHtml(const ReportContent& c, bool embedImages)
{
    const ProbeReport& r = c.report;
    const ProbeSettings& s = r.settings;
    QString h;
    h += QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n<title>%1</title>\n"
                        "<style>body{font-family:sans-serif;max-width:60em;margin:1em auto;}"
                        "table{border-collapse:collapse;margin-bottom:1em;}"
                        "th,td{border:1px solid #bbb;padding:2px 8px;}"
                        "th{background:#eef;}img{max-width:100%;}</style>\n</head><body>\n")
             .arg(ReportText::tr("Borehole probe report"));
    h += QStringLiteral("<h1>%1</h1>\n<p>%2</p>\n")
             .arg(ReportText::tr("Borehole probe report"),
                  ReportText::tr("Written by Borehole %1 on %2.")
                      .arg(htmlEscape(r.borehole),
                           QDateTime::currentDateTime().toString(Qt::ISODate)));

    h += QStringLiteral("<h2>%1</h2>\n<table>\n").arg(ReportText::tr("Model and data"));
    h += htmlRow(ReportText::tr("Model"), htmlEscape(r.model.path));
    h += htmlRow(ReportText::tr("Parameters"), ReportText::tr("%1 in %2 tensors, %3 layers")
                                   .arg(r.model.parameterCount)
                                   .arg(r.model.parameters.size())
                                   .arg(r.model.layerCount));
    h += htmlRow(ReportText::tr("Data"), htmlEscape(r.data.path));
    h += htmlRow(ReportText::tr("Rows"), ReportText::tr("%1 (%2 training, %3 validation)")
                             .arg(r.data.rows)
                             .arg(r.data.trainRows)
                             .arg(r.data.validationRows));
    QStringList features;
    for (const auto& f : r.data.featureColumns)
        features << QString::fromStdString(f);
    QStringList targets;
    for (const auto& t : r.data.targetColumns)
        targets << QString::fromStdString(t);
    h += htmlRow(ReportText::tr("Features"), htmlEscape(features.join(QStringLiteral(", "))));
    h += htmlRow(ReportText::tr("Target"), htmlEscape(targets.join(QStringLiteral(", "))));
    h += htmlRow(ReportText::tr("Task"), htmlEscape(toString(r.data.task)));
    h += htmlRow(ReportText::tr("Standardisation"),
             ReportText::tr("features: %1, targets: %2 (training-row statistics)")
                 .arg(r.data.standardizedFeatures ? ReportText::tr("yes") : ReportText::tr("no"),
                      r.data.standardizedTargets ? ReportText::tr("yes") : ReportText::tr("no")));
    if (!r.problem.featureScaleWarning.empty())
        h += htmlRow(ReportText::tr("Warning"), htmlEscape(r.problem.featureScaleWarning));
    if (!r.problem.output.empty())
        h += htmlRow(ReportText::tr("Model output"), htmlEscape(r.problem.output));
    h += htmlRow(ReportText::tr("Loss"), ReportText::tr("%1 on %2 probe rows").arg(htmlEscape(r.problem.loss)).arg(r.problem.probeRows));
    h += htmlRow(ReportText::tr("Device"), htmlEscape(r.problem.device));
    h += QStringLiteral("</table>\n");

    h += QStringLiteral("<h2>%1</h2>\n<table>\n").arg(ReportText::tr("Settings and seeds"));
    QStringList kinds;
    for (auto k : s.directionKinds)
        kinds << QString::fromStdString(toString(k));
    h += htmlRow(ReportText::tr("Master seed"), QString::number(s.seed));
    h += htmlRow(ReportText::tr("Split seed"), QString::number(r.data.seed));
    h += htmlRow(ReportText::tr("Direction kinds"), htmlEscape(kinds.join(QStringLiteral(", "))));
    h += htmlRow(ReportText::tr("K, ε"), QStringLiteral("%1, %2").arg(s.curvature.count).arg(num(s.curvature.epsilon)));
    h += htmlRow(ReportText::tr("Eigenvalue solvers"),
             ReportText::tr("power: %1, Lanczos: %2, tolerance %3, at most %4 iterations, HVP %5")
                 .arg(s.power ? ReportText::tr("yes") : ReportText::tr("no"), s.lanczos ? ReportText::tr("yes") : ReportText::tr("no"))
                 .arg(num(s.eigen.relativeTolerance))
                 .arg(s.eigen.maxIterations)
                 .arg(htmlEscape(toString(s.eigen.hvp))));
    h += htmlRow(ReportText::tr("Trace"), ReportText::tr("%1, at most %2 samples, tolerance %3")
                              .arg(s.trace ? ReportText::tr("yes") : ReportText::tr("no"))
                              .arg(s.traceOptions.maxSamples)
                              .arg(num(s.traceOptions.relativeTolerance)));
    h += htmlRow(ReportText::tr("Spectrum"),
                 s.spectrum ? ReportText::tr("top %1, bottom %2, density %3 runs × %4 steps; exact "
                                             "Hessian up to %5 parameters")
                                  .arg(s.spectrumOptions.topK)
                                  .arg(s.spectrumOptions.bottomK)
                                  .arg(s.spectrumOptions.densityRuns)
                                  .arg(s.spectrumOptions.densitySteps)
                                  .arg(s.spectrumOptions.exactUpTo)
                            : ReportText::tr("no"));
    h += htmlRow(ReportText::tr("Sharpness"), ReportText::tr("%1, ρ = %2, %3 perturbations%4")
                                  .arg(s.sharpness ? ReportText::tr("yes") : ReportText::tr("no"))
                                  .arg(num(s.sharpnessOptions.rho))
                                  .arg(s.sharpnessOptions.samples)
                                  .arg(s.sharpnessOptions.layerwise ? ReportText::tr(", layer-wise")
                                                                    : QString()));
    const auto& d = s.surfaceOptions.directions;
    h += htmlRow(ReportText::tr("Landscape grid"), ReportText::tr("line: %1, surface: %2, %3 points per axis, span ±%4")
                                       .arg(s.line ? ReportText::tr("yes") : ReportText::tr("no"),
                                            s.surface ? ReportText::tr("yes") : ReportText::tr("no"))
                                       .arg(s.surfaceOptions.resolution)
                                       .arg(num(s.surfaceOptions.span)));
    h += htmlRow(ReportText::tr("Directions and normalisation"),
             ReportText::tr("%1; biases %2; d₂ %3")
                 .arg(d.filterNormalize ? ReportText::tr("random, filter-normalised (Li et al. 2018)")
                                        : ReportText::tr("random, scaled to ‖θ‖"),
                      d.keepBiases ? ReportText::tr("kept") : ReportText::tr("zeroed"),
                      d.orthogonalize ? ReportText::tr("orthogonalised to d₁") : ReportText::tr("as drawn")));
    h += QStringLiteral("</table>\n");

    h += QStringLiteral("<h2>%1</h2>\n<table>\n").arg(ReportText::tr("Results"));
    h += htmlRow(ReportText::tr("L(θ)"), num(r.base.loss));
    h += htmlRow(ReportText::tr("‖∇L(θ)‖"), num(r.base.gradientNorm));
    h += htmlRow(ReportText::tr("‖θ‖"), num(r.base.parameterNorm));
    h += htmlRow(ReportText::tr("Validation %1").arg(htmlEscape(r.metricName)), num(r.validationMetric));
    for (const auto& cr : r.curvature)
        h += htmlRow(ReportText::tr("FD curvature, %1 (K = %2)").arg(htmlEscape(toString(cr.kind))).arg(cr.norms.size()),
                 ReportText::tr("dᵀΔg/ε = %1 ± %2; ‖Δg‖/ε = %3 ± %4 [%5]")
                     .arg(num(cr.meanDirectional), num(cr.stdDirectional, 3),
                          num(cr.meanNorm), num(cr.stdNorm, 3), costText(cr.cost)));
    for (const auto* e : {r.power ? &*r.power : nullptr, r.lanczos ? &*r.lanczos : nullptr})
        if (e)
            h += htmlRow(ReportText::tr("λmax (%1)").arg(htmlEscape(e->method)),
                     ReportText::tr("%1 after %2 iterations%3 [%4]")
                         .arg(num(e->value))
                         .arg(e->iterations)
                         .arg(e->converged ? QString() : ReportText::tr(", not converged"))
                         .arg(costText(e->cost)));
    if (r.trace)
        h += htmlRow(ReportText::tr("tr(H) (%1)").arg(traceEstimatorName(r.trace->estimator)),
                 ReportText::tr("%1 ± %2 (%3 samples) [%4]")
                                               .arg(num(r.trace->estimate),
                                                    num(r.trace->standardError, 3))
                                               .arg(r.trace->samples)
                                               .arg(costText(r.trace->cost)));
    if (r.spectrum) {
        const SpectrumResult& sp = *r.spectrum;
        const bool exact = sp.method == "exact";
        h += htmlRow(ReportText::tr("Spectrum"),
                     ReportText::tr("%1 [%2]")
                         .arg(htmlEscape(spectrumCaption(sp, s.spectrumOptions.densitySteps)),
                              costText(sp.cost)));
        h += htmlRow(ReportText::tr("Largest eigenvalues"),
                     htmlEscape(eigenvalueListText(sp.top, sp.topResiduals, exact)));
        if (!sp.bottom.empty())
            h += htmlRow(ReportText::tr("Smallest eigenvalues"),
                         htmlEscape(eigenvalueListText(sp.bottom, sp.bottomResiduals, exact)));
        if (exact && sp.eigenvalues.size() <= 64)
            h += htmlRow(ReportText::tr("Every eigenvalue"),
                         htmlEscape(eigenvalueListText(sp.eigenvalues, {}, true)));
    }
    if (r.sharpness)
        h += htmlRow(ReportText::tr("Sharpness"), ReportText::tr("mean ΔL %1, worst ΔL %2, radius %3 [%4]")
                                      .arg(num(r.sharpness->meanIncrease),
                                           num(r.sharpness->worstIncrease),
                                           num(r.sharpness->radius), costText(r.sharpness->cost)));
    if (r.surface)
        h += htmlRow(ReportText::tr("Surface"), ReportText::tr("%1 × %2 points, %3, cos∠(d₁, d₂) = %4 [%5]")
                                    .arg(r.surface->nx())
                                    .arg(r.surface->ny())
                                    .arg(htmlEscape(r.surface->directionKind))
                                    .arg(num(r.surface->directionCosine, 3))
                                    .arg(costText(r.surface->cost)));
    h += htmlRow(ReportText::tr("Total cost"), costText(r.total));
    h += QStringLiteral("</table>\n");

    if (!c.figures.empty()) {
        h += QStringLiteral("<h2>%1</h2>\n").arg(ReportText::tr("Figures"));
        for (std::size_t i = 0; i < c.figures.size(); ++i) {
            const ReportFigure& f = c.figures[i];
            if (f.image.isNull())
                continue;
            const QString src = embedImages
                                    ? QStringLiteral("data:image/png;base64,") + pngBase64(f.image)
                                    : QStringLiteral("figure%1.png").arg(i);
            h += QStringLiteral("<h3>%1</h3>\n<p><img src=\"%2\" width=\"%3\" alt=\"%1\"></p>\n"
                                "<p><i>%4</i></p>\n")
                     .arg(htmlEscape(f.title), src)
                     .arg(std::min(f.image.width(), 640))
                     .arg(htmlEscape(f.caption));
        }
    }

    h += QStringLiteral("<h2>%1</h2>\n").arg(ReportText::tr("Selection"));
    if (c.selection.isEmpty()) {
        h += QStringLiteral("<p>%1</p>\n").arg(ReportText::tr("No region selected."));
    } else {
        const GridSelection& sel = c.selection;
        h += QStringLiteral("<p>%1</p>\n")
                 .arg(ReportText::tr("%1 points selected in the %2, x ∈ [%3, %4], y ∈ [%5, %6].")
                          .arg(sel.points.size())
                          .arg(sel.source == QLatin1String("pca") ? ReportText::tr("PCA map") : ReportText::tr("heatmap"))
                          .arg(num(sel.xMin, 4), num(sel.xMax, 4), num(sel.yMin, 4),
                               num(sel.yMax, 4)));
        h += QStringLiteral("<table>\n<tr><th>ix</th><th>iy</th><th>α</th><th>β</th><th>%1</th></tr>\n")
                 .arg(htmlEscape(sel.valueName));
        const std::size_t shown = std::min<std::size_t>(sel.points.size(), 200);
        for (std::size_t i = 0; i < shown; ++i) {
            const SelectedPoint& p = sel.points[i];
            h += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td></tr>\n")
                     .arg(p.ix)
                     .arg(p.iy)
                     .arg(num(p.alpha, 5), num(p.beta, 5), num(p.value, 7));
        }
        h += QStringLiteral("</table>\n");
        if (shown < sel.points.size())
            h += QStringLiteral("<p>%1</p>\n")
                     .arg(ReportText::tr("… and %1 more (export the selection for all).")
                              .arg(sel.points.size() - shown));
    }
    // pre-wrap: the long summary lines (PCA's explained variances, warnings) ran off the PDF page.
    h += QStringLiteral("<h2>%1</h2>\n<pre style=\"white-space: pre-wrap\">%2</pre>\n")
             .arg(ReportText::tr("Summary"), htmlEscape(QString::fromStdString(formatSummary(r))));
    h += QStringLiteral("</body></html>\n");
    return h;
}

bool writeReportHtml(const QString& path, const ReportContent& content, QString* error)
{
    return writeTextAtomically(path, reportHtml(content, true), error);
}

bool writeReportPdf(const QString& path, const ReportContent& content, QString* error)
{
    QList<QImage> images;
    for (const auto& figure : content.figures)
        images.append(figure.image);
    return writeHtmlPdf(path, reportHtml(content, false), images, ReportText::tr("Borehole probe report"), error);
}

} // namespace borehole
