// The probe runner and the human-readable summary.
#include "borehole/report.h"

#include "batched_points.h"
#include "internal.h"
#include "text.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <sstream>

namespace borehole {

namespace {

std::string formatBytes(double bytes)
{
    char buf[32];
    if (bytes >= 1e9)
        std::snprintf(buf, sizeof buf, "%.1f GB", bytes / 1e9);
    else
        std::snprintf(buf, sizeof buf, "%.0f MB", std::ceil(bytes / 1e6));
    return buf;
}

} // namespace

double availableMemoryBytes()
{
    std::ifstream meminfo("/proc/meminfo");
    std::string key;
    double kib = 0.0;
    std::string unit;
    while (meminfo >> key >> kib >> unit)
        if (key == "MemAvailable:")
            return kib * 1024.0;
    return 0.0;
}

MemoryEstimate estimateProbeMemory(const Problem& problem, const ProbeSettings& s)
{
    // Parameter-sized float32 vectors each probe keeps at once; the model's own activations
    // and libtorch's workspace come on top (a few more copies).
    const double copy = 4.0 * static_cast<double>(problem.parameterCount());
    MemoryEstimate e;
    auto part = [&](double bytes, const std::string& what) {
        if (bytes > e.largest) {
            e.largest = bytes;
            e.largestPart = what;
        }
    };
    const std::string params = std::to_string(problem.parameterCount()) + " parameters";
    for (auto kind : s.directionKinds) {
        if (kind == DirectionKind::Gradient)
            continue;
        const double k = s.curvature.count;
        const double pca = kind == DirectionKind::Pca ? s.curvature.pcaSamples : 0.0;
        part((k + pca + 3.0) * copy,
             "finite-difference curvature along " + std::to_string(s.curvature.count) + " "
                 + toString(kind) + " directions of " + params);
    }
    if (s.lanczos && s.eigen.basis == LanczosBasis::Stored)
        part((s.eigen.maxIterations + 4.0) * copy,
             "Lanczos with a stored basis of up to " + std::to_string(s.eigen.maxIterations)
                 + " vectors of " + params);
    if (s.trace && s.traceOptions.estimator == TraceEstimator::HutchPlusPlus)
        part((2.0 * s.traceOptions.sketchSize + 4.0) * copy,
             "Hutch++ with a sketch of " + std::to_string(s.traceOptions.sketchSize) + " × 2 vectors of "
                 + params);
    if (s.surface) {
        const auto& o = s.surfaceOptions;
        const double points = static_cast<double>(o.resolution)
                              * (o.resolutionY > 0 ? o.resolutionY : o.resolution);
        part(points * 8.0 * 6.0 + 5.0 * copy,
             "a " + std::to_string(o.resolution) + "-point-per-axis surface");
    }
    const double n = static_cast<double>(problem.parameterCount());
    const bool exact = (s.spectrum && problem.parameterCount() <= s.spectrumOptions.exactUpTo)
                       || (s.trace && problem.parameterCount() <= s.traceOptions.exactUpTo);
    if (exact) // the n × n Hessian, its symmetrised copy and the eigen-decomposition
        part(3.0 * n * n * 4.0 + 4.0 * copy,
             "the exact " + std::to_string(problem.parameterCount()) + " × "
                 + std::to_string(problem.parameterCount()) + " Hessian");
    if (s.spectrum && !exact)
        part((std::max(s.spectrumOptions.densitySteps, s.spectrumOptions.maxIterations) + 4.0)
                 * copy,
             "the spectrum's Lanczos basis of up to "
                 + std::to_string(std::max(s.spectrumOptions.densitySteps,
                                           s.spectrumOptions.maxIterations))
                 + " vectors of " + params);
    if (s.line)
        part(static_cast<double>(s.lineOptions.resolution) * 8.0 * 6.0 + 4.0 * copy,
             "a " + std::to_string(s.lineOptions.resolution) + "-point line");
    e.bytes = std::max(e.largest, 4.0 * copy);
    e.available = availableMemoryBytes();
    return e;
}

void requireMemory(const MemoryEstimate& e)
{
    if (e.available <= 0.0 || e.bytes <= e.available)
        return;
    throw InputError("the probe would need about " + formatBytes(e.bytes) + " of memory for "
                     + e.largestPart + ", more than the " + formatBytes(e.available)
                     + " available on this machine; choose fewer directions, iterations or "
                       "points");
}

void requireFinite(const Problem& problem, const LossGradient& base)
{
    const bool lossOk = std::isfinite(base.loss);
    if (lossOk && std::isfinite(base.gradientNorm))
        return;
    const auto& p = problem.summary();
    std::string what = lossOk ? "the gradient ∇L(θ) has non-finite entries (norm "
                                    + formatNumber(base.gradientNorm) + ")"
                              : "L(θ) = " + formatNumber(base.loss);
    what += " on the " + std::to_string(p.probeRows) + " probe rows of '"
            + problem.data().summary().path + "' with model '" + problem.model().summary().path
            + "'";
    const auto bad = problem.model().nonFiniteTensors();
    if (!bad.empty()) {
        what += "; the model holds non-finite values in";
        for (std::size_t i = 0; i < bad.size() && i < 5; ++i)
            what += (i ? ", " : " ") + bad[i];
        if (bad.size() > 5)
            what += " and " + std::to_string(bad.size() - 5) + " more tensors";
    } else {
        what += "; the parameters are finite, so the model's computation overflows on this data "
                "(very large feature values, or a log/division by zero inside forward())";
    }
    throw InputError(what + "; nothing can be probed where the loss is not finite");
}

namespace {

/// The expected work of each step of runProbes(), in the same order, in forward passes over the
/// probe rows: a forward 1, a gradient 3 (forward and backward), an exact HVP 2 (one more
/// backward through a kept gradient graph, the default; 4 when the graph is rebuilt), a
/// finite-difference HVP 6 (two gradients); a grid point evaluated many per launch ½. Power
/// iteration and Lanczos count a typical 30 iterations (the diabetes MLP: 21 and 17), Hutch++
/// its cap (it reaches it there: 220 HVPs). The progress of the whole run moves in
/// proportion to this work, so an ETA drawn from it does not grow all run long, as one from the
/// fraction of steps did (a 31 × 31 surface costs as much as dozens of HVPs).
std::vector<double> stepWork(const Problem& problem, const ProbeSettings& s)
{
    const double rows = std::max<double>(1.0, static_cast<double>(problem.summary().probeRows));
    const double params = static_cast<double>(problem.parameterCount());
    const double batchShare = std::min(1.0, static_cast<double>(problem.options().batchSize) / rows);
    auto hvp = [](HvpMode mode) { return mode == HvpMode::Exact ? 2.0 : 6.0; };
    std::vector<double> work;
    work.push_back(3.0); // L(θ) and ∇L(θ)
    for (auto kind : s.directionKinds) {
        const double k = kind == DirectionKind::Gradient ? 1.0 : std::max(1, s.curvature.count);
        double w = 3.0 * (k + 1.0);
        if (kind == DirectionKind::Pca)
            w += 3.0 * s.curvature.pcaSamples * batchShare;
        work.push_back(w);
    }
    const double eigenHvp = hvp(s.eigen.hvp);
    const double iterations = std::max(1, s.eigen.maxIterations);
    if (s.power)
        work.push_back(eigenHvp * std::min(iterations, 30.0));
    if (s.lanczos)
        work.push_back(eigenHvp * std::min(iterations, 30.0));
    if (s.trace) {
        const auto& t = s.traceOptions;
        const double sampled =
            (t.estimator == TraceEstimator::HutchPlusPlus ? 2.0 * t.sketchSize : 0.0)
            + std::max(t.minSamples, t.maxSamples);
        const bool exact = t.exactUpTo > 0 && params <= static_cast<double>(t.exactUpTo)
                           && params <= 2.0 * t.sketchSize + t.maxSamples;
        // exactChainTracePasses only reads the model (the Problem is const here for callers).
        const auto passes = t.structural && t.hvp == HvpMode::Exact
                                ? exactChainTracePasses(implOf(const_cast<Problem&>(problem)))
                                : std::nullopt;
        if (passes) // two forwards to check the chain, one more, the stacked backward passes
            work.push_back(3.0 + 3.0 * static_cast<double>(*passes));
        else
            work.push_back(hvp(t.hvp) * (exact ? params : sampled));
    }
    if (s.spectrum) {
        const auto& o = s.spectrumOptions;
        const bool exact = o.exactUpTo > 0 && params <= static_cast<double>(o.exactUpTo);
        work.push_back(hvp(o.hvp) * (exact ? params
                                           : std::min(o.maxIterations, 60)
                                                 + static_cast<double>(o.densityRuns) * o.densitySteps));
    }
    if (s.sharpness)
        work.push_back(1.0 + s.sharpnessOptions.samples);
    auto pointCost = [](PointBatching batching) { return batching == PointBatching::Off ? 1.0 : 0.5; };
    if (s.line)
        work.push_back(s.lineOptions.resolution * pointCost(s.lineOptions.pointBatching));
    if (s.surface) {
        const auto& o = s.surfaceOptions;
        double points = static_cast<double>(o.resolution)
                        * (o.resolutionY > 0 ? o.resolutionY : o.resolution);
        if (o.refine && o.curvature != CurvatureMode::Hvp)
            points *= 0.4; // every 5th point, then the cells interpolation misses
        double perPoint = pointCost(o.pointBatching);
        if (o.curvature == CurvatureMode::Hvp)
            perPoint = 1.0 + 2.0 * 4.0; // a forward and two HVPs on a fresh graph per point
        work.push_back(points * perPoint);
    }
    work.push_back(1.0); // the validation metric
    return work;
}

/// Expected seconds of the steps after the loss and gradient.
double plannedSeconds(const Problem& problem, const ProbeSettings& s, double secondsPerUnit)
{
    const auto work = stepWork(problem, s);
    double sum = 0.0;
    for (std::size_t i = 1; i < work.size(); ++i)
        sum += work[i];
    return sum * secondsPerUnit;
}

std::string secondsText(double seconds)
{
    char buf[48];
    std::snprintf(buf, sizeof buf, seconds < 10.0 ? "%.2g s" : "%.0f s", seconds);
    return buf;
}

/// The largest odd resolution ≥ `floor` (or the current one, if smaller) whose step fits `room`
/// seconds, the step costing `cost(r)` seconds at resolution r; the current one if it fits.
int fittingResolution(int current, int floor, double room, const std::function<double(int)>& cost)
{
    int r = current;
    while (r > std::min(floor, current) && cost(r) > room)
        r = std::max(std::min(floor, current), (r - 1) % 2 == 0 ? r - 2 : r - 1);
    return r;
}

} // namespace

BudgetPlan planProbeBudget(const Problem& problem, const ProbeSettings& settings,
                           double secondsPerUnit, double seconds)
{
    BudgetPlan plan;
    plan.settings = settings;
    ProbeSettings& s = plan.settings;
    auto total = [&] { return plannedSeconds(problem, s, secondsPerUnit); };
    const double asked = total();
    if (!(seconds > 0.0) || !(secondsPerUnit > 0.0) || asked <= seconds) {
        plan.plannedSeconds = asked;
        return plan;
    }
    plan.notes.push_back(secondsText(seconds) + " left: the probes asked for need about "
                         + secondsText(asked) + " (" + formatNumber(secondsPerUnit * 1e3)
                         + " ms per forward-pass equivalent, measured on the loss and gradient)");
    auto fits = [&] { return total() <= seconds; };
    // The cost of one step alone: the plan with it minus the plan without it.
    auto without = [&](const std::function<void(ProbeSettings&)>& drop) {
        ProbeSettings t = s;
        drop(t);
        return plannedSeconds(problem, t, secondsPerUnit);
    };
    auto shrink = [&](const char* what, bool on, int& resolution, int* resolutionY) {
        if (fits() || !on)
            return;
        const int before = resolution;
        const int beforeY = resolutionY && *resolutionY > 0 ? *resolutionY : before;
        const double ratio = static_cast<double>(beforeY) / before;
        const int r = fittingResolution(before, 11, seconds, [&](int res) {
            const int keep = resolution;
            const int keepY = resolutionY ? *resolutionY : 0;
            resolution = res;
            if (resolutionY && *resolutionY > 0)
                *resolutionY = std::max(3, static_cast<int>(std::lround(res * ratio)) | 1);
            const double t = total();
            resolution = keep;
            if (resolutionY)
                *resolutionY = keepY;
            return t;
        });
        if (r == before)
            return;
        resolution = r;
        int y = r;
        if (resolutionY && *resolutionY > 0)
            y = *resolutionY = std::max(3, static_cast<int>(std::lround(r * ratio)) | 1);
        plan.notes.push_back(std::string(what) + " " + std::to_string(before)
                             + (resolutionY ? " × " + std::to_string(beforeY) : std::string()) + " → "
                             + std::to_string(r)
                             + (resolutionY ? " × " + std::to_string(y) : std::string()));
    };
    auto drop = [&](const char* what, bool ProbeSettings::*flag) {
        if (fits() || !(s.*flag))
            return;
        const double saved = total() - without([&](ProbeSettings& t) { t.*flag = false; });
        s.*flag = false;
        plan.notes.push_back(std::string(what) + " dropped (about " + secondsText(saved) + ")");
    };

    shrink("surface", s.surface, s.surfaceOptions.resolution, &s.surfaceOptions.resolutionY);
    shrink("1D line", s.line, s.lineOptions.resolution, nullptr);
    if (!fits() && s.trace && s.traceOptions.maxSamples > 10) {
        const int before = s.traceOptions.maxSamples;
        s.traceOptions.maxSamples = 10;
        s.traceOptions.minSamples = std::min(s.traceOptions.minSamples, 10);
        plan.notes.push_back("trace samples at most " + std::to_string(before) + " → 10");
    }
    drop("spectrum", &ProbeSettings::spectrum);
    drop("trace", &ProbeSettings::trace);
    drop("sharpness", &ProbeSettings::sharpness);
    drop("power iteration (Lanczos gives λmax)", &ProbeSettings::power);
    drop("1D line", &ProbeSettings::line);
    drop("surface", &ProbeSettings::surface);
    if (!fits() && s.curvature.count > 2) {
        plan.notes.push_back("directions per kind " + std::to_string(s.curvature.count) + " → 2");
        s.curvature.count = 2;
    }
    if (!fits()) {
        const auto pca = std::find(s.directionKinds.begin(), s.directionKinds.end(),
                                   DirectionKind::Pca);
        if (pca != s.directionKinds.end()) {
            s.directionKinds.erase(pca);
            plan.notes.push_back("PCA directions dropped");
        }
    }
    if (!fits() && s.lanczos && s.eigen.maxIterations > 10) {
        plan.notes.push_back("Lanczos iterations at most " + std::to_string(s.eigen.maxIterations)
                             + " → 10");
        s.eigen.maxIterations = 10;
    }
    plan.plannedSeconds = total();
    if (!fits())
        plan.notes.push_back("even the smallest plan needs about " + secondsText(plan.plannedSeconds)
                             + ", more than the budget; it runs, and a step that would start "
                               "after the budget is spent is dropped");
    else
        plan.notes.push_back("planned about " + secondsText(plan.plannedSeconds));
    return plan;
}

namespace {

/// Maps each step's own (done, total) onto one scale on which every step spans its share of
/// the expected work.
class WorkProgress
{
public:
    WorkProgress(const ProgressFn& parent, const std::vector<double>& work) : m_parent(parent)
    {
        double sum = 0.0;
        for (double w : work)
            sum += w;
        double acc = 0.0;
        m_start.push_back(0);
        for (double w : work) {
            acc += w;
            m_start.push_back(static_cast<int>(std::lround(acc / sum * kScale)));
        }
        m_start.back() = kScale;
    }
    ProgressFn next()
    {
        const std::size_t i = std::min(m_step++, m_start.size() - 2);
        if (!m_parent)
            return {};
        return [p = m_parent, a = m_start[i], b = m_start[i + 1]](int d, int t) {
            const int within = t > 0 ? static_cast<int>(static_cast<long long>(std::min(d, t)) * (b - a) / t) : 0;
            return p(a + within, kScale);
        };
    }

private:
    static constexpr int kScale = 100000;
    ProgressFn m_parent;
    std::vector<int> m_start;
    std::size_t m_step = 0;
};

} // namespace

ProbeReport runProbes(Problem& problem, const ProbeSettings& settings, const ProgressFn& progress,
                      const ProbeReportFn& partial, double rowsInterval)
{
    using Clock = std::chrono::steady_clock;
    Clock::time_point lastPartial = Clock::now();
    auto soFar = [&](const ProbeReport& r) {
        if (partial) {
            partial(r);
            lastPartial = Clock::now();
        }
    };
    ProbeReport report;
    report.borehole = version();
    report.model = problem.model().summary();
    report.data = problem.data().summary();
    report.problem = problem.summary();
    report.settings = settings;

    WorkProgress work(progress, stepWork(problem, settings));
    auto next = [&]() { return work.next(); };
    auto seedFor = [&](std::uint64_t stream) { return deriveSeed(settings.seed, 1000 + stream); };
    const Clock::time_point started = Clock::now();

    requireMemory(estimateProbeMemory(problem, settings));
    report.base = lossAndGradient(problem);
    requireFinite(problem, report.base);
    report.total += report.base.cost;
    reportProgress(next(), 1, 1);
    soFar(report);

    // A time budget: the rest planned from the loss and gradient's measured time (a gradient is
    // 3 forward-pass equivalents), and a step that would start after the budget is spent dropped.
    ProbeSettings run = settings;
    const double budget = settings.timeBudget;
    double unit = 0.0;      // seconds per forward-pass equivalent the plan used
    double plannedAt = 0.0; // elapsed seconds when it was made
    auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - started).count(); };
    if (budget > 0.0) {
        // The first gradient of a process carries one-time costs (the TorchScript executor's
        // profiling runs, allocations): 3.5 ms per unit against about 0.1 ms warm on the
        // diabetes MLP. A second one, counted in the total, gives the plan the warm cost.
        const LossGradient warm = lossAndGradient(problem);
        report.total += warm.cost;
        unit = std::max(warm.cost.seconds, 1e-6) / 3.0;
        plannedAt = elapsed();
        BudgetPlan plan = planProbeBudget(problem, settings, unit, budget - plannedAt);
        run = std::move(plan.settings);
        report.budgetNotes = std::move(plan.notes);
        report.budgetNotes.insert(report.budgetNotes.begin(),
                                  "time budget " + secondsText(budget) + ", of which the loss and "
                                      "gradient took " + secondsText(plannedAt));
    }
    // Before the grids (the last and most elastic steps): the plan again, from the grids asked
    // for, at the cost per unit the probes so far actually took. A gradient of a small model is
    // mostly per-call overhead (3.5–8.6 ms per unit measured on the diabetes MLP's first two)
    // while its grid points run many per launch, so the first plan is often far too cautious.
    auto replanGrids = [&] {
        if (!(budget > 0.0) || !(settings.line || settings.surface) || elapsed() >= budget)
            return; // (spent: the grids are dropped as they come, each with a note)
        ProbeSettings done = run; // the steps run so far, without the grids
        done.line = done.surface = false;
        const double expected = plannedSeconds(problem, done, unit);
        const double took = elapsed() - plannedAt;
        if (!(expected > 0.0) || !(took > 0.0))
            return;
        const double measured = unit * took / expected;
        ProbeSettings grids = settings;
        grids.directionKinds.clear();
        grids.power = grids.lanczos = grids.trace = grids.spectrum = grids.sharpness = false;
        const BudgetPlan plan = planProbeBudget(problem, grids, measured, budget - elapsed());
        run.line = plan.settings.line;
        run.lineOptions = plan.settings.lineOptions;
        run.surface = plan.settings.surface;
        run.surfaceOptions = plan.settings.surfaceOptions;
        auto isGridNote = [](const std::string& n) {
            return n.rfind("surface", 0) == 0 || n.rfind("1D line", 0) == 0
                   || n.rfind("planned about", 0) == 0
                   || n.rfind("even the smallest plan", 0) == 0;
        };
        auto& notes = report.budgetNotes;
        notes.erase(std::remove_if(notes.begin(), notes.end(), isGridNote), notes.end());
        notes.push_back("grids planned again at " + formatNumber(measured * 1e3)
                        + " ms per forward-pass equivalent (measured on the probes so far), "
                        + secondsText(std::max(0.0, budget - elapsed())) + " left");
        for (const auto& n : plan.notes)
            if (isGridNote(n) && n.rfind("planned about", 0) != 0)
                notes.push_back(n);
        if (plan.notes.empty())
            notes.push_back("the grids fit as asked");
    };
    // Whether an optional step may start; when not, its share of the progress is skipped and
    // the report says so.
    auto starts = [&](const std::string& what) {
        if (!(budget > 0.0) || elapsed() < budget)
            return true;
        report.budgetNotes.push_back(what + " dropped: the time budget of " + secondsText(budget)
                                     + " was spent after " + secondsText(elapsed()));
        reportProgress(next(), 1, 1);
        return false;
    };
    auto skipped = [&]() { reportProgress(next(), 1, 1); }; // a step the plan left out

    for (std::size_t k = 0; k < settings.directionKinds.size(); ++k) {
        const DirectionKind kind = settings.directionKinds[k];
        if (std::find(run.directionKinds.begin(), run.directionKinds.end(), kind)
            == run.directionKinds.end()) {
            skipped();
            continue;
        }
        if (!starts("FD curvature along " + toString(kind) + " directions"))
            continue;
        CurvatureOptions o = run.curvature;
        o.kind = kind;
        o.seed = seedFor(k);
        report.curvature.push_back(finiteDifferenceCurvature(problem, o, next()));
        report.total += report.curvature.back().cost;
        soFar(report);
    }
    // An optional step: left out by the plan (its progress share skipped), dropped when the
    // budget is spent before it starts, or run and reported.
    auto step = [&](bool asked, bool planned, const std::string& what,
                    const std::function<void()>& body) {
        if (!asked)
            return;
        if (!planned) {
            skipped();
            return;
        }
        if (!starts(what))
            return;
        body();
        soFar(report);
    };
    EigenOptions eigen = run.eigen;
    eigen.seed = seedFor(10);
    step(settings.power, run.power, "power iteration", [&] {
        report.power = topEigenvaluePower(problem, eigen, next());
        report.total += report.power->cost;
    });
    if (settings.lanczos) { // never dropped: λmax is the least a probe gives
        report.lanczos = topEigenvalueLanczos(problem, eigen, next());
        report.total += report.lanczos->cost;
        soFar(report);
    }
    step(settings.trace, run.trace, "trace", [&] {
        TraceOptions o = run.traceOptions;
        o.seed = seedFor(11);
        report.trace = hutchinsonTrace(problem, o, next());
        report.total += report.trace->cost;
    });
    step(settings.spectrum, run.spectrum, "spectrum", [&] {
        SpectrumOptions o = run.spectrumOptions;
        o.seed = seedFor(15);
        report.spectrum = hessianSpectrum(problem, o, next());
        report.total += report.spectrum->cost;
    });
    step(settings.sharpness, run.sharpness, "sharpness", [&] {
        SharpnessOptions o = run.sharpnessOptions;
        o.seed = seedFor(12);
        report.sharpness = perturbationSensitivity(problem, o, next());
        report.total += report.sharpness->cost;
    });
    replanGrids();
    step(settings.line, run.line, "1D line", [&] {
        LineOptions o = run.lineOptions;
        o.directions.seed = seedFor(13);
        report.line = lossLine(problem, o, next());
        report.total += report.line->cost;
    });
    step(settings.surface, run.surface, "surface", [&] {
        SurfaceOptions o = run.surfaceOptions;
        o.directions.seed = seedFor(14);
        GridRowsFn rows;
        if (partial)
            rows = [&](const Grid2D& g) {
                const std::chrono::duration<double> since = Clock::now() - lastPartial;
                if (since.count() < rowsInterval)
                    return;
                report.surface = g;
                soFar(report);
                report.surface.reset();
            };
        report.surface = lossPlane(problem, o, next(), rows);
        report.total += report.surface->cost;
    });
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

std::string hvpPlanText(const HvpPlan& plan)
{
    std::ostringstream o;
    o << plan.strategy;
    if (plan.strategy == "reused in blocks")
        o << " (" << plan.blocks << " blocks of " << plan.blockRows << " rows, "
          << plan.retainedBlocks << " kept)";
    if (std::isfinite(plan.retainedBytes) && plan.retainedBytes > 0)
        o << ", graph " << fmt(plan.retainedBytes / 1048576.0, 3) << " MiB";
    if (!plan.reason.empty())
        o << ": " << plan.reason;
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
    // Said where results are read: the same model gives other curvatures on raw features.
    o << "  scaling    features "
      << (r.data.standardizedFeatures ? "standardised (mean and std of the training rows)"
                                      : "raw (not standardised)");
    if (r.data.task == Task::Regression)
        o << ", targets " << (r.data.standardizedTargets ? "standardised" : "raw");
    o << "\n";
    if (!r.problem.output.empty())
        o << "  output     " << r.problem.output << "\n";
    if (!r.problem.featureScaleWarning.empty())
        o << "  WARNING    " << r.problem.featureScaleWarning << "\n";
    o << "  loss       " << r.problem.loss << " on " << r.problem.probeRows << " probe rows, device "
      << r.problem.device;
    if (r.problem.threads > 0)
        o << " (" << r.problem.threads << (r.problem.threads == 1 ? " thread" : " threads") << ")";
    o << ", seed " << r.settings.seed << "\n";
    for (const auto& note : r.budgetNotes) // what the time budget shrank or dropped
        o << "  budget     " << note << "\n";
    o << "\n";
    o << "  L(θ)                 " << fmt(r.base.loss) << "\n";
    o << "  ‖∇L(θ)‖              " << fmt(r.base.gradientNorm) << "\n";
    o << "  ‖θ‖                  " << fmt(r.base.parameterNorm) << "\n";
    if (!r.metricName.empty()) // a partial report (ProbeReportFn) has no validation yet
        o << "  validation " << r.metricName
          << std::string(r.metricName.size() < 10 ? 10 - r.metricName.size() : 0, ' ')
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
          << " iterations, relative error bound " << fmt(e.errors.empty() ? 0.0 : e.errors.back(), 3)
          << " (residual)   [" << costText(e.cost) << "]\n";
        if (!e.hvpPlan.strategy.empty())
            o << "                       HVPs " << hvpPlanText(e.hvpPlan) << "\n";
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
    if (r.trace && !r.trace->hvpPlan.strategy.empty())
        o << "                       HVPs " << hvpPlanText(r.trace->hvpPlan) << "\n";
    if (r.spectrum) {
        const auto& s = *r.spectrum;
        o << "  spectrum (" << s.method << ")" << std::string(s.method == "exact" ? 5 : 3, ' ')
          << "λmax " << fmt(s.lambdaMax) << ", λmin " << fmt(s.lambdaMin)
          << (s.negativeCurvature ? " (negative curvature: not a minimum)" : "")
          << (s.method == "exact" ? ", tr(H) " + fmt(s.trace) : std::string())
          << (s.converged ? "" : "  (NOT converged)") << "   [" << costText(s.cost) << "]\n";
        o << "                       top";
        for (std::size_t i = 0; i < s.top.size(); ++i)
            o << " " << fmt(s.top[i])
              << (s.method == "exact" ? "" : " ±" + fmt(s.topResiduals[i], 2));
        o << "\n";
        if (!s.densityX.empty())
            o << "                       density on " << s.densityX.size() << " points from "
              << fmt(s.densityX.front()) << " to " << fmt(s.densityX.back()) << ", σ "
              << fmt(s.bandwidth, 3)
              << (s.method == "exact" ? std::string(" (exact eigenvalues)")
                                      : ", " + std::to_string(s.densityRuns) + " SLQ runs")
              << "\n";
        if (!s.hvpPlan.strategy.empty())
            o << "                       HVPs " << hvpPlanText(s.hvpPlan) << "\n";
    }
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
