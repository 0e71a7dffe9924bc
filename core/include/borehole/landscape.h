#pragma once
// Loss landscapes around θ: a 1D line and a 2D plane L(θ + α·d₁ + β·d₂) on a grid, along random
// filter-normalised directions (Li et al. 2018) or PCA directions of a parameter trajectory.
// Results are plain grids with axis values so that views and files need no torch.
#include "borehole/probes.h"
#include "borehole/trainer.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace borehole {

struct Axis
{
    std::string name; ///< e.g. "α (d₁)"
    std::string unit; ///< e.g. "× filter-normalised direction"
    std::vector<double> values;
};

/// One setting timed by PointBatching::Auto on the grid's own first points.
struct PointBatchTrial
{
    std::int64_t pointsPerLaunch = 1; ///< 1: one forward per point
    std::int64_t points = 0;          ///< grid points it evaluated, over all rounds
    double secondsPerPoint = 0.0;     ///< the fastest round
    /// How a per-point grid of a model with 4-D weights ran: "contiguous" (the model's forward,
    /// weights as loaded), "channels-last" (its forward, convolution weights channels-last) or
    /// "folded-chain" (core's own calls for a chain of convolutions, batch norms folded in).
    std::string layout = "contiguous";
};

struct Grid1D
{
    Axis x;
    std::vector<double> values; ///< loss at each x
    std::string valueName = "loss";
    double centerValue = 0.0;
    /// Standard error of each value when the probe rows are a subsample (see Grid2D); empty
    /// when every training row is used.
    std::vector<double> standardError;
    std::int64_t sampleRows = 0;     ///< m: rows the loss was averaged over
    std::int64_t populationRows = 0; ///< N: training rows they were drawn from
    /// How the points were evaluated (see Grid2D::evaluation).
    std::string evaluation;
    /// PointBatching::Auto: the settings it timed (see Grid2D::batchTrials).
    std::vector<PointBatchTrial> batchTrials;
    ProbeCost cost;
};

struct Grid2D
{
    Axis x;
    Axis y;
    /// values[iy * x.values.size() + ix] = L at (x[ix], y[iy]).
    std::vector<double> values;
    std::string valueName = "loss";
    /// Optional curvature per grid point, same layout (empty when not computed).
    std::vector<double> curvature;
    std::string curvatureName;
    double centerValue = 0.0;
    /// cos∠(d₁, d₂) of the directions actually used.
    double directionCosine = 0.0;
    /// PCA planes: explained variance ratio of each axis.
    std::vector<double> explainedVariance;
    std::string directionKind; ///< "random-filter-normalized", "random", "pca", "custom"
    /// Adaptive grids: 1 where L was evaluated, 0 where it was interpolated (empty: all
    /// evaluated).
    std::vector<int> evaluated;
    /// PCA planes of a trajectory: the snapshots projected onto (d₁, d₂), in axis units.
    std::vector<double> pathX;
    std::vector<double> pathY;
    /// Subsampled probe rows (ProblemOptions::probeRows < training rows): the standard error of
    /// each value as an estimate of the full-data loss, s/√m·√(1−m/N), where s is the sample
    /// standard deviation of the m per-row losses at that point (rows drawn without
    /// replacement from N). Same layout as values; interpolated points of a refined grid get
    /// the interpolated error. Empty when every training row is used, or when the loss is not
    /// a mean over rows (a model-computed loss without a row dimension).
    std::vector<double> standardError;
    std::int64_t sampleRows = 0;     ///< m: rows each value averages
    std::int64_t populationRows = 0; ///< N: training rows they were drawn from
    /// How the points were evaluated: "batched (B points per launch)" when many points went
    /// through one stacked forward pass (PointBatching), else "per point: <why not batched>";
    /// with PointBatching::Auto followed by what was timed, e.g. "batched (8 points per launch,
    /// fastest of 5 timed settings)" or "per point: fastest of 4 timed settings"; a per-point
    /// grid of a model with convolution weights ends with the layout it kept, e.g. "per point:
    /// the model has buffers (e.g. batch norm statistics) (weights channels-last: the faster of
    /// 2 timed layouts)" or, when a chain of its layers computes the same losses, "(core's own
    /// calls for the layers (2 convolutions, 2 batch norms folded in): the fastest of 3 timed
    /// layouts)".
    std::string evaluation;
    /// PointBatching::Auto: every setting it timed on the grid's first points, in the order
    /// tried; empty when nothing was timed (Off, On, a model that cannot be batched, a grid too
    /// small to compare).
    std::vector<PointBatchTrial> batchTrials;
    ProbeCost cost;

    std::size_t nx() const { return x.values.size(); }
    std::size_t ny() const { return y.values.size(); }
    double at(std::size_t ix, std::size_t iy) const { return values[iy * nx() + ix]; }
};

struct DirectionOptions
{
    /// Rescale every filter (slice along dim 0 of a ≥2-D parameter) to the norm of the matching
    /// filter of θ. Without it, each direction is scaled to ‖θ‖ overall.
    bool filterNormalize = true;
    /// 1-D parameters (biases, norm scales): zeroed unless kept; kept ones are scaled to the
    /// norm of the matching θ tensor.
    bool keepBiases = false;
    /// Make d₂ orthogonal to d₁ (filter by filter, which keeps the filter norms).
    bool orthogonalize = true;
    std::uint64_t seed = 0;
};

/// `count` random directions, flattened like Problem::parameters().
std::vector<std::vector<float>> randomDirections(Problem& problem, const DirectionOptions& options,
                                                 int count);

struct PcaDirections
{
    std::vector<std::vector<float>> directions; ///< unit-norm components
    std::vector<double> explainedVariance;      ///< ratio per component
    std::vector<double> singularValues;
};

/// Principal components of (snapshot − center) over a trajectory of parameter snapshots.
/// Throws InputError when fewer than two snapshots are given or sizes differ.
PcaDirections pcaDirections(const std::vector<std::vector<float>>& snapshots,
                            const std::vector<float>& center, int components = 2);

enum class CurvatureMode {
    None,
    Grid, ///< ∂²L/∂α² + ∂²L/∂β² by second differences of the grid itself (no extra cost)
    Hvp,  ///< d₁ᵀHd₁ + d₂ᵀHd₂ from two exact HVPs per grid point
};
std::string toString(CurvatureMode mode);
CurvatureMode parseCurvatureMode(const std::string& text); ///< "none", "grid", "hvp"

/// How grid points are evaluated. A model that is a chain of nn.Linear layers and elementwise
/// activations (ReLU, Tanh, Sigmoid, GELU, LeakyReLU, ELU, SiLU, Softplus, Identity, Dropout in
/// evaluation mode) — an nn.Sequential or a module whose only child is one — with a built-in loss
/// and no buffers can be evaluated many points per launch: the stacked weights of B points,
/// W₀ + α·D₁ + β·D₂, go through one batched matrix product per layer with no host
/// synchronisation inside a block. Before they are used, the stacked losses at θ₀ and at the
/// grid's first point are checked against the model's own forward (relative 1e-4), which costs
/// 2 ordinary and 2 stacked forwards. Other models, and HVP curvature, are evaluated one forward
/// per point whatever the mode.
///  - Auto: chosen by measurement. The grid's first points are evaluated one forward per point
///    and with 2, 4, 8, … points per launch (up to the memory bound), each setting timed (after
///    the results are on the host, so a GPU has finished) in up to three interleaved rounds
///    (each setting keeps its fastest: a shared machine interrupts some), at most a third of the
///    grid in all; the rest of the grid uses the fastest.
///    The trial points are real grid points, none is evaluated twice. The trials are recorded
///    in Grid2D::batchTrials. Which setting wins depends on the model, the rows, the device and
///    the machine's load: blocks that leave the CPU's cache are slower than one forward per
///    point, a GPU gains from large blocks (docs/benchmarks.md).
///  - On: stacked whenever the model allows, as many points per launch as the memory bound
///    holds (deterministic; what Auto's trials compare against).
///  - Off: always one forward per point.
enum class PointBatching { Auto, On, Off };
std::string toString(PointBatching mode);
PointBatching parsePointBatching(const std::string& text); ///< "auto", "on", "off"

/// Default bounds on the memory of one block of B batched points,
/// B × 4 bytes × (2 × rows × widest layer + largest weight matrix): the largest block Auto tries
/// and the block On uses. Models whose two points exceed it are evaluated per point.
inline constexpr std::int64_t kCpuPointBatchBytes = 64LL << 20;
inline constexpr std::int64_t kGpuPointBatchBytes = 256LL << 20;

struct SurfaceOptions
{
    int resolution = 51;   ///< points along α
    int resolutionY = 0;   ///< points along β; 0 = same as resolution
    double span = 1.0;     ///< α, β ∈ [−span, span]
    DirectionOptions directions;
    CurvatureMode curvature = CurvatureMode::None;
    /// Coarse-to-fine refinement: evaluate every refineStride-th point, then in each coarse
    /// cell test the cell centre against bicubic interpolation; cells whose error exceeds
    /// refineTolerance × (range of L on the coarse grid) are evaluated point by point, the
    /// others interpolated. Grid::evaluated marks which points were measured.
    bool refine = false;
    int refineStride = 5;
    double refineTolerance = 0.005;
    PointBatching pointBatching = PointBatching::Auto;
    /// Bound on one block of batched points in bytes; 0: kCpuPointBatchBytes on the CPU,
    /// kGpuPointBatchBytes on a GPU.
    std::int64_t pointBatchBytes = 0;
};

/// L on the plane spanned by two random directions (see DirectionOptions).
Grid2D lossPlane(Problem& problem, const SurfaceOptions& options, const ProgressFn& progress = {});

/// Receives a surface as its rows finish: the whole grid's axes and names, the finished rows'
/// values, NaN for the points not evaluated yet (and no curvature or standard errors yet).
using GridRowsFn = std::function<void(const Grid2D& soFar)>;

/// lossPlane() that also hands the grid so far to `rows` after each finished row; a refined
/// surface, whose cells span rows, hands its coarse level instead (the lattice evaluated, the
/// points between interpolated as the refinement would). Called on the calling thread.
Grid2D lossPlane(Problem& problem, const SurfaceOptions& options, const ProgressFn& progress,
                 const GridRowsFn& rows);
/// L on the plane spanned by the given directions (sizes must equal parameterCount()).
Grid2D lossPlane(Problem& problem, const std::vector<float>& d1, const std::vector<float>& d2,
                 const SurfaceOptions& options, const ProgressFn& progress = {});

struct TrajectoryPlaneOptions
{
    /// The short training run whose parameter snapshots define the plane (snapshotEvery 0
    /// means every step).
    TrainOptions training;
    SurfaceOptions surface; ///< span is ignored: the plane spans the projected trajectory
    /// Axis range = margin × the largest |projection| of a snapshot.
    double margin = 1.25;
};

/// Trains from θ with the given options, keeping snapshots, then evaluates L on the plane
/// through the final point spanned by the snapshots' first two principal components (Li et al.
/// 2018, section 7). Axes are in parameter units along each unit component; the trajectory is
/// returned projected (pathX, pathY) and the explained variance per axis. θ is restored
/// afterwards. Throws InputError when the run diverges or the snapshots do not vary.
Grid2D trajectoryPlane(Problem& problem, const TrajectoryPlaneOptions& options,
                       const ProgressFn& progress = {});

struct LineOptions
{
    int resolution = 51;
    double span = 1.0;
    DirectionOptions directions;
    PointBatching pointBatching = PointBatching::Auto;
    /// Bound on one block of batched points in bytes; 0: kCpuPointBatchBytes on the CPU,
    /// kGpuPointBatchBytes on a GPU.
    std::int64_t pointBatchBytes = 0;
};

/// L along one random (filter-normalised) direction.
Grid1D lossLine(Problem& problem, const LineOptions& options, const ProgressFn& progress = {});
Grid1D lossLine(Problem& problem, const std::vector<float>& direction, const LineOptions& options,
                const ProgressFn& progress = {});

} // namespace borehole
