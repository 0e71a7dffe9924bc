#pragma once
// A probe run as one unit: the settings a user chooses, the runner that executes every selected
// probe with one progress scale, and the report that the CLI prints and writes as JSON, and the
// GUI shows and stores in workspaces.
#include "borehole/landscape.h"

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
};

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
};

/// Runs every probe the settings select, in a fixed order, reporting progress on one scale.
/// Throws CancelledError when progress returns false (θ is restored first).
ProbeReport runProbes(Problem& problem, const ProbeSettings& settings,
                      const ProgressFn& progress = {});

/// One line stating the sampling error bound of a subsampled grid (Grid2D::standardError):
/// rows used, the largest and mean standard error and the pointwise ~95 % band ±1.96·SE.
/// Empty when the grid has no standard errors (every training row used).
std::string samplingErrorText(const std::vector<double>& standardError, std::int64_t sampleRows,
                              std::int64_t populationRows);

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

/// Writes `contents` to `path` atomically (temporary file in the same folder, then rename).
/// Throws Error naming the path when it cannot be written.
void writeFileAtomically(const std::string& path, const std::string& contents);
/// Reads a whole file; throws InputError naming the path when it cannot be read.
std::string readFile(const std::string& path);

/// The library version, e.g. "0.1.0".
std::string version();

} // namespace borehole
