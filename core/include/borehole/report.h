#pragma once
// A probe run as one unit: the settings a user chooses, the runner that executes every selected
// probe with one progress scale, and the report that the CLI prints and writes as JSON, and the
// GUI shows and stores in workspaces.
#include "borehole/landscape.h"
#include "borehole/files.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace borehole {

struct ProbeSettings
{
    std::vector<DirectionKind> directionKinds{DirectionKind::Random, DirectionKind::Gradient,
                                              DirectionKind::Pca};
    CurvatureOptions curvature;
    bool power = true;
    bool lanczos = true;
    EigenOptions eigen;
    bool trace = true;
    TraceOptions traceOptions;
    /// Extreme eigenvalues with residual bounds, λmin and the spectral density (off by default:
    /// it costs up to maxIterations + densityRuns·densitySteps HVPs, or n for the exact method).
    bool spectrum = false;
    SpectrumOptions spectrumOptions;
    bool sharpness = true;
    SharpnessOptions sharpnessOptions;
    bool line = false;
    LineOptions lineOptions;
    bool surface = false;
    SurfaceOptions surfaceOptions;
    Metric metric = Metric::Mse;
    /// Master seed: every probe's seed is derived from it.
    std::uint64_t seed = 0;
    /// Seconds the whole run may take (0: no limit). runProbes times the loss and gradient,
    /// plans the rest to fit (see planProbeBudget) and drops a step that would start after the
    /// budget is spent; the report says what it shrank and dropped (ProbeReport::budgetNotes).
    double timeBudget = 0.0;
};

/// What a time budget made of a probe run: the settings that fit and, in words, every change.
struct BudgetPlan
{
    ProbeSettings settings;
    std::vector<std::string> notes;
    double plannedSeconds = 0.0; ///< the expected time of the steps after the loss and gradient
};

/// Fits `settings` into `seconds` for the steps after the loss and gradient, given the measured
/// cost of one forward-pass equivalent (a gradient is 3, an exact HVP 2; runProbes measures it
/// on the loss and gradient). In order, while the plan does not fit: the surface and then the 1D
/// line shrink (odd resolutions, at least 11), trace samples shrink, then the spectrum, trace,
/// sharpness, power iteration (Lanczos stays), line and surface are dropped, directions per kind
/// fall to 2 and PCA directions go, Lanczos is capped at 10 iterations. The loss, gradient and
/// Lanczos λmax are never dropped: when even they do not fit, a note says so.
BudgetPlan planProbeBudget(const Problem& problem, const ProbeSettings& settings,
                           double secondsPerUnit, double seconds);

struct ProbeReport
{
    std::string borehole; ///< version that wrote it
    ModelSummary model;
    DataSummary data;
    ProblemSummary problem;
    ProbeSettings settings;
    LossGradient base;
    std::string metricName;
    double validationMetric = 0.0;
    std::vector<CurvatureResult> curvature;
    std::optional<EigenResult> power;
    std::optional<EigenResult> lanczos;
    std::optional<TraceResult> trace;
    std::optional<SpectrumResult> spectrum;
    std::optional<SharpnessResult> sharpness;
    std::optional<Grid1D> line;
    std::optional<Grid2D> surface;
    ProbeCost total;
    /// What ProbeSettings::timeBudget changed: the plan and every step shrunk or dropped
    /// (empty without a budget). `settings` above are the ones asked for.
    std::vector<std::string> budgetNotes;
};

/// Receives the report as it grows: after the loss and gradient, and after each probe (each
/// direction kind's curvature, power iteration, Lanczos, trace, spectrum, sharpness, line,
/// surface), with the results of the steps done so far. Called on the thread of runProbes().
using ProbeReportFn = std::function<void(const ProbeReport& soFar)>;

/// Runs every probe the settings select, in a fixed order, reporting progress on one scale and,
/// when `partial` is given, the report so far after each probe (live results; the last call
/// precedes the validation metric, which only the returned report has) and, while the surface
/// runs, with the surface's finished rows (the other points NaN; a refined surface its coarse
/// level, interpolated between the lattice points)
/// at most every `rowsInterval` seconds. Throws CancelledError when progress returns false (θ is
/// restored first).
ProbeReport runProbes(Problem& problem, const ProbeSettings& settings,
                      const ProgressFn& progress = {}, const ProbeReportFn& partial = {},
                      double rowsInterval = 0.25);

/// One line stating the sampling error bound of a subsampled grid (Grid2D::standardError):
/// rows used, the largest and mean standard error and the pointwise ~95 % band ±1.96·SE.
/// Empty when the grid has no standard errors (every training row used).
std::string samplingErrorText(const std::vector<double>& standardError, std::int64_t sampleRows,
                              std::int64_t populationRows);

/// Peak memory a probe run would take, estimated before anything is allocated. Probes run
/// one after another, so the peak is the largest single probe's need (parameter-sized float32
/// vectors it holds at once, plus grid buffers).
struct MemoryEstimate
{
    double bytes = 0.0;       ///< estimated peak
    double largest = 0.0;     ///< the largest probe's part
    std::string largestPart;  ///< what that part is, in words
    double available = 0.0;   ///< MemAvailable of this machine (0: unknown)
};
MemoryEstimate estimateProbeMemory(const Problem& problem, const ProbeSettings& settings);
/// Throws InputError with the estimate, what it is for and the limit when the estimate exceeds
/// the memory available (runProbes calls it before it starts).
void requireMemory(const MemoryEstimate& estimate);
/// Memory available to new allocations on this machine (MemAvailable), in bytes; 0 if unknown.
double availableMemoryBytes();

/// Throws InputError when L(θ) or ∇L(θ) in `base` is not finite, naming the data, the model
/// and its non-finite tensors (or saying that the parameters are finite and forward()
/// overflows). Every probe needs a finite loss and gradient at θ.
void requireFinite(const Problem& problem, const LossGradient& base);

/// A human-readable multi-line summary (what the CLI prints).
std::string formatSummary(const ProbeReport& report);

/// JSON text (schema documented in docs/formats.md, "borehole.probe-report/1").
std::string toJson(const ProbeReport& report, int indent = 2);
/// Parses toJson()'s output. Throws InputError naming `sourceName` on malformed input.
ProbeReport probeReportFromJson(const std::string& text, const std::string& sourceName);

std::string toJson(const Grid2D& grid, int indent = 2);
std::string toJson(const Grid1D& grid, int indent = 2);
/// Long format: one row per grid point, "alpha,beta,value[,curvature][,standard_error]".
std::string toCsv(const Grid2D& grid);
std::string toCsv(const Grid1D& grid);

/// The library version, e.g. "0.1.0".
std::string version();

} // namespace borehole
