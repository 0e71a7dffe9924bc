#include "reportexport.h"

#include "exportutil.h"
#include "plotstyle.h"
#include "spectrumview.h"

#include <borehole/html_report.h>

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

QString plain(const std::string& text)
{
    return QString::fromStdString(text);
}

/// The rows of one key–value table, written by flush().
class KeyValues
{
public:
    void add(const QString& key, const QString& value)
    {
        m_rows.emplace_back(key.toStdString(), value.toStdString());
    }
    void flush(HtmlReport& report)
    {
        report.keyValueTable(m_rows);
        m_rows.clear();
    }

private:
    std::vector<std::pair<std::string, std::string>> m_rows;
};

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
    const QString title = ReportText::tr("Borehole probe report");
    HtmlReport h(title.toStdString());
    h.heading(title.toStdString(), 1);
    h.paragraph(ReportText::tr("Written by Borehole %1 on %2.")
                    .arg(plain(r.borehole), QDateTime::currentDateTime().toString(Qt::ISODate))
                    .toStdString());
    KeyValues rows;
    h.heading(ReportText::tr("Model and data").toStdString());
    rows.add(ReportText::tr("Model"), plain(r.model.path));
    rows.add(ReportText::tr("Parameters"), ReportText::tr("%1 in %2 tensors, %3 layers")
                                   .arg(r.model.parameterCount)
                                   .arg(r.model.parameters.size())
                                   .arg(r.model.layerCount));
    rows.add(ReportText::tr("Data"), plain(r.data.path));
    rows.add(ReportText::tr("Rows"), ReportText::tr("%1 (%2 training, %3 validation)")
                             .arg(r.data.rows)
                             .arg(r.data.trainRows)
                             .arg(r.data.validationRows));
    QStringList features;
    for (const auto& f : r.data.featureColumns)
        features << QString::fromStdString(f);
    QStringList targets;
    for (const auto& t : r.data.targetColumns)
        targets << QString::fromStdString(t);
    rows.add(ReportText::tr("Features"), features.join(QStringLiteral(", ")));
    rows.add(ReportText::tr("Target"), targets.join(QStringLiteral(", ")));
    rows.add(ReportText::tr("Task"), plain(toString(r.data.task)));
    rows.add(ReportText::tr("Standardisation"),
             ReportText::tr("features: %1, targets: %2 (training-row statistics)")
                 .arg(r.data.standardizedFeatures ? ReportText::tr("yes") : ReportText::tr("no"),
                      r.data.standardizedTargets ? ReportText::tr("yes") : ReportText::tr("no")));
    if (!r.problem.featureScaleWarning.empty())
        rows.add(ReportText::tr("Warning"), plain(r.problem.featureScaleWarning));
    if (!r.problem.output.empty())
        rows.add(ReportText::tr("Model output"), plain(r.problem.output));
    rows.add(ReportText::tr("Loss"), ReportText::tr("%1 on %2 probe rows").arg(plain(r.problem.loss)).arg(r.problem.probeRows));
    rows.add(ReportText::tr("Device"), plain(r.problem.device));
    rows.flush(h);

    h.heading(ReportText::tr("Settings and seeds").toStdString());
    QStringList kinds;
    for (auto k : s.directionKinds)
        kinds << QString::fromStdString(toString(k));
    rows.add(ReportText::tr("Master seed"), QString::number(s.seed));
    rows.add(ReportText::tr("Split seed"), QString::number(r.data.seed));
    rows.add(ReportText::tr("Direction kinds"), kinds.join(QStringLiteral(", ")));
    rows.add(ReportText::tr("K, ε"), QStringLiteral("%1, %2").arg(s.curvature.count).arg(num(s.curvature.epsilon)));
    rows.add(ReportText::tr("Eigenvalue solvers"),
             ReportText::tr("power: %1, Lanczos: %2, tolerance %3, at most %4 iterations, HVP %5")
                 .arg(s.power ? ReportText::tr("yes") : ReportText::tr("no"), s.lanczos ? ReportText::tr("yes") : ReportText::tr("no"))
                 .arg(num(s.eigen.relativeTolerance))
                 .arg(s.eigen.maxIterations)
                 .arg(plain(toString(s.eigen.hvp))));
    rows.add(ReportText::tr("Trace"), ReportText::tr("%1, at most %2 samples, tolerance %3")
                              .arg(s.trace ? ReportText::tr("yes") : ReportText::tr("no"))
                              .arg(s.traceOptions.maxSamples)
                              .arg(num(s.traceOptions.relativeTolerance)));
    rows.add(ReportText::tr("Spectrum"),
                 s.spectrum ? ReportText::tr("top %1, bottom %2, density %3 runs × %4 steps; exact "
                                             "Hessian up to %5 parameters")
                                  .arg(s.spectrumOptions.topK)
                                  .arg(s.spectrumOptions.bottomK)
                                  .arg(s.spectrumOptions.densityRuns)
                                  .arg(s.spectrumOptions.densitySteps)
                                  .arg(s.spectrumOptions.exactUpTo)
                            : ReportText::tr("no"));
    rows.add(ReportText::tr("Sharpness"), ReportText::tr("%1, ρ = %2, %3 perturbations%4")
                                  .arg(s.sharpness ? ReportText::tr("yes") : ReportText::tr("no"))
                                  .arg(num(s.sharpnessOptions.rho))
                                  .arg(s.sharpnessOptions.samples)
                                  .arg(s.sharpnessOptions.layerwise ? ReportText::tr(", layer-wise")
                                                                    : QString()));
    const auto& d = s.surfaceOptions.directions;
    rows.add(ReportText::tr("Landscape grid"), ReportText::tr("line: %1, surface: %2, %3 points per axis, span ±%4")
                                       .arg(s.line ? ReportText::tr("yes") : ReportText::tr("no"),
                                            s.surface ? ReportText::tr("yes") : ReportText::tr("no"))
                                       .arg(s.surfaceOptions.resolution)
                                       .arg(num(s.surfaceOptions.span)));
    rows.add(ReportText::tr("Directions and normalisation"),
             ReportText::tr("%1; biases %2; d₂ %3")
                 .arg(d.filterNormalize ? ReportText::tr("random, filter-normalised (Li et al. 2018)")
                                        : ReportText::tr("random, scaled to ‖θ‖"),
                      d.keepBiases ? ReportText::tr("kept") : ReportText::tr("zeroed"),
                      d.orthogonalize ? ReportText::tr("orthogonalised to d₁") : ReportText::tr("as drawn")));
    rows.flush(h);

    h.heading(ReportText::tr("Results").toStdString());
    rows.add(ReportText::tr("L(θ)"), num(r.base.loss));
    rows.add(ReportText::tr("‖∇L(θ)‖"), num(r.base.gradientNorm));
    rows.add(ReportText::tr("‖θ‖"), num(r.base.parameterNorm));
    rows.add(ReportText::tr("Validation %1").arg(plain(r.metricName)), num(r.validationMetric));
    for (const auto& cr : r.curvature)
        rows.add(ReportText::tr("FD curvature, %1 (K = %2)").arg(plain(toString(cr.kind))).arg(cr.norms.size()),
                 ReportText::tr("dᵀΔg/ε = %1 ± %2; ‖Δg‖/ε = %3 ± %4 [%5]")
                     .arg(num(cr.meanDirectional), num(cr.stdDirectional, 3),
                          num(cr.meanNorm), num(cr.stdNorm, 3), costText(cr.cost)));
    for (const auto* e : {r.power ? &*r.power : nullptr, r.lanczos ? &*r.lanczos : nullptr})
        if (e)
            rows.add(ReportText::tr("λmax (%1)").arg(plain(e->method)),
                     ReportText::tr("%1 after %2 iterations%3 [%4]")
                         .arg(num(e->value))
                         .arg(e->iterations)
                         .arg(e->converged ? QString() : ReportText::tr(", not converged"))
                         .arg(costText(e->cost)));
    if (r.trace)
        rows.add(ReportText::tr("tr(H) (%1)").arg(traceEstimatorName(r.trace->estimator)),
                 ReportText::tr("%1 ± %2 (%3 samples) [%4]")
                                               .arg(num(r.trace->estimate),
                                                    num(r.trace->standardError, 3))
                                               .arg(r.trace->samples)
                                               .arg(costText(r.trace->cost)));
    if (r.spectrum) {
        const SpectrumResult& sp = *r.spectrum;
        const bool exact = sp.method == "exact";
        rows.add(ReportText::tr("Spectrum"),
                     ReportText::tr("%1 [%2]")
                         .arg(spectrumCaption(sp, s.spectrumOptions.densitySteps),
                              costText(sp.cost)));
        rows.add(ReportText::tr("Largest eigenvalues"),
                     eigenvalueListText(sp.top, sp.topResiduals, exact));
        if (!sp.bottom.empty())
            rows.add(ReportText::tr("Smallest eigenvalues"),
                         eigenvalueListText(sp.bottom, sp.bottomResiduals, exact));
        if (exact && sp.eigenvalues.size() <= 64)
            rows.add(ReportText::tr("Every eigenvalue"),
                         eigenvalueListText(sp.eigenvalues, {}, true));
    }
    if (r.sharpness)
        rows.add(ReportText::tr("Sharpness"), ReportText::tr("mean ΔL %1, worst ΔL %2, radius %3 [%4]")
                                      .arg(num(r.sharpness->meanIncrease),
                                           num(r.sharpness->worstIncrease),
                                           num(r.sharpness->radius), costText(r.sharpness->cost)));
    if (r.surface)
        rows.add(ReportText::tr("Surface"), ReportText::tr("%1 × %2 points, %3, cos∠(d₁, d₂) = %4 [%5]")
                                    .arg(r.surface->nx())
                                    .arg(r.surface->ny())
                                    .arg(plain(r.surface->directionKind))
                                    .arg(num(r.surface->directionCosine, 3))
                                    .arg(costText(r.surface->cost)));
    rows.add(ReportText::tr("Total cost"), costText(r.total));
    rows.flush(h);

    if (!c.figures.empty()) {
        h.heading(ReportText::tr("Figures").toStdString());
        for (std::size_t i = 0; i < c.figures.size(); ++i) {
            const ReportFigure& f = c.figures[i];
            if (f.image.isNull())
                continue;
            const QString src = embedImages
                                    ? QStringLiteral("data:image/png;base64,") + pngBase64(f.image)
                                    : QStringLiteral("figure%1.png").arg(i);
            h.image(f.title.toStdString(), src.toStdString(), f.image.width(),
                    f.caption.toStdString());
        }
    }

    h.heading(ReportText::tr("Selection").toStdString());
    if (c.selection.isEmpty()) {
        h.paragraph(ReportText::tr("No region selected.").toStdString());
    } else {
        const GridSelection& sel = c.selection;
        h.paragraph(ReportText::tr("%1 points selected in the %2, x ∈ [%3, %4], y ∈ [%5, %6].")
                        .arg(sel.points.size())
                        .arg(sel.source == QLatin1String("pca") ? ReportText::tr("PCA map")
                                                                : ReportText::tr("heatmap"))
                        .arg(num(sel.xMin, 4), num(sel.xMax, 4), num(sel.yMin, 4),
                             num(sel.yMax, 4))
                        .toStdString());
        const std::size_t shown = std::min<std::size_t>(sel.points.size(), 200);
        std::vector<std::vector<std::string>> points;
        for (std::size_t i = 0; i < shown; ++i) {
            const SelectedPoint& p = sel.points[i];
            points.push_back({std::to_string(p.ix), std::to_string(p.iy),
                              num(p.alpha, 5).toStdString(), num(p.beta, 5).toStdString(),
                              num(p.value, 7).toStdString()});
        }
        h.table({"ix", "iy", "α", "β", sel.valueName.toStdString()}, points);
        if (shown < sel.points.size())
            h.paragraph(ReportText::tr("… and %1 more (export the selection for all).")
                            .arg(sel.points.size() - shown)
                            .toStdString());
    }
    // Preformatted and wrapped: the long summary lines (PCA's explained variances, warnings)
    // ran off the PDF page.
    h.heading(ReportText::tr("Summary").toStdString());
    h.preformatted(formatSummary(r));
    return QString::fromStdString(h.html());
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
