// The probe runner and the human-readable summary.
#include "borehole/report.h"

#include "internal.h"

#include <cstdio>
#include <sstream>

namespace borehole {

ProbeReport runProbes(Problem& problem, const ProbeSettings& settings, const ProgressFn& progress)
{
    ProbeReport report;
    report.borehole = version();
    report.model = problem.model().summary();
    report.data = problem.data().summary();
    report.problem = problem.summary();
    report.settings = settings;

    const int steps = 2 + static_cast<int>(settings.directionKinds.size()) + settings.power
                      + settings.lanczos + settings.trace + settings.sharpness + settings.line
                      + settings.surface;
    int step = 0;
    auto next = [&]() { return ProgressScope(progress, step++, steps).callback(); };
    auto seedFor = [&](std::uint64_t stream) { return deriveSeed(settings.seed, 1000 + stream); };

    report.base = lossAndGradient(problem);
    report.total += report.base.cost;
    reportProgress(next(), 1, 1);

    for (std::size_t k = 0; k < settings.directionKinds.size(); ++k) {
        CurvatureOptions o = settings.curvature;
        o.kind = settings.directionKinds[k];
        o.seed = seedFor(k);
        report.curvature.push_back(finiteDifferenceCurvature(problem, o, next()));
        report.total += report.curvature.back().cost;
    }
    EigenOptions eigen = settings.eigen;
    eigen.seed = seedFor(10);
    if (settings.power) {
        report.power = topEigenvaluePower(problem, eigen, next());
        report.total += report.power->cost;
    }
    if (settings.lanczos) {
        report.lanczos = topEigenvalueLanczos(problem, eigen, next());
        report.total += report.lanczos->cost;
    }
    if (settings.trace) {
        TraceOptions o = settings.traceOptions;
        o.seed = seedFor(11);
        report.trace = hutchinsonTrace(problem, o, next());
        report.total += report.trace->cost;
    }
    if (settings.sharpness) {
        SharpnessOptions o = settings.sharpnessOptions;
        o.seed = seedFor(12);
        report.sharpness = perturbationSensitivity(problem, o, next());
        report.total += report.sharpness->cost;
    }
    if (settings.line) {
        LineOptions o = settings.lineOptions;
        o.directions.seed = seedFor(13);
        report.line = lossLine(problem, o, next());
        report.total += report.line->cost;
    }
    if (settings.surface) {
        SurfaceOptions o = settings.surfaceOptions;
        o.directions.seed = seedFor(14);
        report.surface = lossPlane(problem, o, next());
        report.total += report.surface->cost;
    }
    report.metricName = toString(settings.metric);
    report.validationMetric = problem.validationMetric(settings.metric);
    report.total.forwards += 1;
    reportProgress(next(), 1, 1);
    return report;
}

namespace {

std::string fmt(double v, int precision = 6)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    return buf;
}

std::string costText(const ProbeCost& c)
{
    std::ostringstream o;
    o << c.forwards << " fwd, " << c.gradients << " grad, " << c.hvps << " HVP, "
      << fmt(c.seconds, 3) << " s";
    return o.str();
}

} // namespace

std::string samplingErrorText(const std::vector<double>& standardError, std::int64_t sampleRows,
                              std::int64_t populationRows)
{
    if (standardError.empty())
        return {};
    double worst = 0.0, sum = 0.0;
    for (double e : standardError) {
        worst = std::max(worst, e);
        sum += e;
    }
    std::ostringstream o;
    o << "subsampled: " << sampleRows << " of " << populationRows
      << " rows; standard error of L at most " << fmt(worst) << " (mean "
      << fmt(sum / static_cast<double>(standardError.size()))
      << "); the full-data L lies within ±1.96·SE (≤ ±" << fmt(1.96 * worst)
      << ") of each value with ~95 % probability per point";
    return o.str();
}

std::string formatSummary(const ProbeReport& r)
{
    std::ostringstream o;
    o << "Borehole " << r.borehole << " probe report\n";
    o << "  model      " << r.model.path << "  (" << r.model.parameterCount << " parameters in "
      << r.model.parameters.size() << " tensors, " << r.model.layerCount << " layers)\n";
    o << "  data       " << r.data.path << "  (" << r.data.rows << " rows: " << r.data.trainRows
      << " train / " << r.data.validationRows << " validation, " << r.data.featureColumns.size()
      << " features, task " << toString(r.data.task) << ")\n";
    o << "  loss       " << r.problem.loss << " on " << r.problem.probeRows << " probe rows, device "
      << r.problem.device;
    if (r.problem.threads > 0)
        o << " (" << r.problem.threads << (r.problem.threads == 1 ? " thread" : " threads") << ")";
    o << ", seed " << r.settings.seed << "\n\n";
    o << "  L(θ)                 " << fmt(r.base.loss) << "\n";
    o << "  ‖∇L(θ)‖              " << fmt(r.base.gradientNorm) << "\n";
    o << "  ‖θ‖                  " << fmt(r.base.parameterNorm) << "\n";
    o << "  validation " << r.metricName << std::string(r.metricName.size() < 10 ? 10 - r.metricName.size() : 0, ' ')
      << fmt(r.validationMetric) << "\n";
    for (const auto& c : r.curvature) {
        o << "  FD curvature, " << toString(c.kind) << " (K=" << c.norms.size()
          << ", ε=" << fmt(c.epsilon, 3) << "): ‖ΔG‖/ε " << fmt(c.meanNorm) << " ± "
          << fmt(c.stdNorm, 3) << ", dᵀΔG/ε " << fmt(c.meanDirectional) << " ± "
          << fmt(c.stdDirectional, 3);
        if (!c.explainedVariance.empty()) {
            o << ", explained variance";
            for (double e : c.explainedVariance)
                o << " " << fmt(e, 3);
        }
        o << "   [" << costText(c.cost) << "]\n";
    }
    auto eigenLine = [&](const EigenResult& e) {
        o << "  λmax (" << e.method << ")" << std::string(e.method == "power" ? 8 : 6, ' ')
          << fmt(e.value) << (e.converged ? "" : "  (NOT converged)") << " after " << e.iterations
          << " iterations, last error " << fmt(e.errors.empty() ? 0.0 : e.errors.back(), 3)
          << "   [" << costText(e.cost) << "]\n";
    };
    if (r.power)
        eigenLine(*r.power);
    if (r.lanczos)
        eigenLine(*r.lanczos);
    if (r.trace)
        o << "  tr(H) (" << r.trace->estimator << ")" << std::string(r.trace->estimator.size() < 13 ? 13 - r.trace->estimator.size() : 1, ' ') << fmt(r.trace->estimate) << " ± "
          << fmt(r.trace->standardError, 3) << " (standard error, " << r.trace->samples
          << " samples" << (r.trace->converged ? "" : ", NOT converged") << ")   ["
          << costText(r.trace->cost) << "]\n";
    if (r.sharpness)
        o << "  sharpness (ρ=" << fmt(r.settings.sharpnessOptions.rho, 3)
          << (r.settings.sharpnessOptions.layerwise ? ", layer-wise" : "") << ")  mean ΔL "
          << fmt(r.sharpness->meanIncrease) << ", worst ΔL " << fmt(r.sharpness->worstIncrease)
          << " over " << r.sharpness->increases.size() << " perturbations   ["
          << costText(r.sharpness->cost) << "]\n";
    if (r.line)
        o << "  line                 " << r.line->x.values.size() << " points, L from "
          << fmt(*std::min_element(r.line->values.begin(), r.line->values.end())) << " to "
          << fmt(*std::max_element(r.line->values.begin(), r.line->values.end())) << "   ["
          << costText(r.line->cost) << "]\n";
    if (r.line && !r.line->evaluation.empty())
        o << "                       points evaluated " << r.line->evaluation << "\n";
    if (r.line && !r.line->standardError.empty())
        o << "                       "
          << samplingErrorText(r.line->standardError, r.line->sampleRows, r.line->populationRows)
          << "\n";
    if (r.surface) {
        o << "  surface              " << r.surface->nx() << "×" << r.surface->ny()
          << " points, L from "
          << fmt(*std::min_element(r.surface->values.begin(), r.surface->values.end())) << " to "
          << fmt(*std::max_element(r.surface->values.begin(), r.surface->values.end()))
          << ", cos(d₁,d₂) " << fmt(r.surface->directionCosine, 3) << "   ["
          << costText(r.surface->cost) << "]\n";
        if (!r.surface->evaluation.empty())
            o << "                       points evaluated " << r.surface->evaluation << "\n";
        const auto bound = samplingErrorText(r.surface->standardError, r.surface->sampleRows,
                                             r.surface->populationRows);
        if (!bound.empty())
            o << "                       " << bound << "\n";
    }
    o << "\n  total cost           " << costText(r.total) << "\n";
    return o.str();
}

} // namespace borehole
