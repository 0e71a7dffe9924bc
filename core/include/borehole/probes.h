#pragma once
// Curvature probes at the current parameters θ of a Problem. Each result carries what it cost
// (forward passes, gradient evaluations, Hessian-vector products, seconds). Probes leave θ as
// they found it, also when they throw. Same seed, same numbers (on the same device).
#include "borehole/problem.h"
#include "borehole/progress.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace borehole {

struct ProbeCost
{
    std::int64_t forwards = 0;  ///< loss evaluations without gradient
    std::int64_t gradients = 0; ///< loss + gradient evaluations
    std::int64_t hvps = 0;      ///< exact (double-backward) Hessian-vector products
    double seconds = 0.0;
    ProbeCost& operator+=(const ProbeCost& other);
};

struct LossGradient
{
    double loss = 0.0;
    double gradientNorm = 0.0;
    double parameterNorm = 0.0;
    ProbeCost cost;
};

/// L(θ) and ‖∇L(θ)‖ on the probe rows.
LossGradient lossAndGradient(Problem& problem);

enum class DirectionKind { Random, Gradient, Pca };
std::string toString(DirectionKind kind);
DirectionKind parseDirectionKind(const std::string& text); ///< "random", "gradient", "pca"

enum class HvpMode { Exact, FiniteDifference };
std::string toString(HvpMode mode);
HvpMode parseHvpMode(const std::string& text); ///< "exact", "fd"

struct CurvatureOptions
{
    DirectionKind kind = DirectionKind::Random;
    /// Number of directions K (Gradient always uses one).
    int count = 8;
    /// Step ε along each unit direction, in parameter units.
    double epsilon = 1e-3;
    /// Pca: number of mini-batch gradient samples the components are taken from.
    int pcaSamples = 16;
    std::uint64_t seed = 0;
};

/// Finite-difference curvature along K unit directions d:
/// norm_i = ‖∇L(θ+εd)−∇L(θ)‖/ε and directional_i = dᵀ(∇L(θ+εd)−∇L(θ))/ε.
struct CurvatureResult
{
    DirectionKind kind = DirectionKind::Random;
    double epsilon = 0.0;
    std::vector<double> norms;
    std::vector<double> directional;
    double meanNorm = 0.0;
    double stdNorm = 0.0;
    double meanDirectional = 0.0;
    double stdDirectional = 0.0;
    /// Pca only: fraction of gradient-sample variance each component explains.
    std::vector<double> explainedVariance;
    ProbeCost cost;
};

/// Throws CancelledError when `progress` returns false.
CurvatureResult finiteDifferenceCurvature(Problem& problem, const CurvatureOptions& options,
                                          const ProgressFn& progress = {});

struct DirectionCurvature
{
    double norm = 0.0;        ///< ‖∇L(θ+εd)−∇L(θ)‖/ε
    double directional = 0.0; ///< dᵀ(∇L(θ+εd)−∇L(θ))/ε
    ProbeCost cost;
};

/// Finite-difference curvature along one given direction (normalised to unit length first).
/// Throws InputError on size mismatch or a zero direction.
DirectionCurvature curvatureAlong(Problem& problem, const std::vector<float>& direction,
                                  double epsilon = 1e-3);

/// H·v at θ, exact (double backward) or by central differences of gradients with step
/// epsilon·‖θ‖/‖v‖-free scaling: (∇L(θ+εv̂)−∇L(θ−εv̂))·‖v‖/(2ε). Throws InputError on size
/// mismatch.
std::vector<float> hessianVectorProduct(Problem& problem, const std::vector<float>& v,
                                        HvpMode mode = HvpMode::Exact, double epsilon = 1e-3,
                                        ProbeCost* cost = nullptr);

/// How exact Hessian-vector products are taken when a probe needs many of them at one θ.
enum class HvpGraph {
    /// ∇L with its graph once per θ, then one vector-Jacobian product per H·v (PyHessian's
    /// scheme). The graph is kept within a memory budget: whole when it fits, else split into
    /// row blocks (block losses weighted by rows/N, so their sum is the mean loss) of which as
    /// many are kept as fit and the rest rebuilt per product; when one row's graph does not fit,
    /// as Recompute. A kept graph also fixes one dropout mask for all products.
    Auto,
    /// Forward + double backward for every product (v0.1): one graph at a time.
    Recompute,
    /// As Auto, but never the R-operator of a Linear chain: always autograd's graph.
    Graph,
};
std::string toString(HvpGraph graph);
HvpGraph parseHvpGraph(const std::string& text); ///< "auto" (or "reuse"), "recompute", "graph"

struct HvpGraphOptions
{
    HvpGraph mode = HvpGraph::Auto;
    /// Bytes the kept graphs may take; 0: a quarter of the physical memory on the CPU, 2 GiB
    /// on CUDA.
    std::int64_t memoryBudgetBytes = 0;
    /// Rows per block; 0: as the budget allows (one block when the whole graph fits).
    std::int64_t blockRows = 0;
};

/// How a probe took its exact HVPs, and the graph memory it measured. Graph sizes are the host
/// heap's growth while the graph is built (glibc mallinfo2), so they are measured on the CPU
/// only (NaN on CUDA, where the whole graph is kept unless blockRows is set). Estimate for all
/// rows = fixedBytes + bytesPerRow·rows, from two calibration graphs on 32 and 128 rows (for
/// more than 128 rows; fewer are measured whole).
struct HvpPlan
{
    /// "R-operator" (a Linear chain's products written per layer, HvpGraph::Auto), "reused",
    /// "reused in blocks", "recomputed" or "finite differences"
    std::string strategy;
    std::string reason;
    std::int64_t rows = 0;
    std::int64_t blockRows = 0;
    int blocks = 0;
    int retainedBlocks = 0;       ///< blocks whose graph is kept (the others are rebuilt)
    double bytesPerRow = 0.0;     ///< measured graph bytes per row
    double fixedBytes = 0.0;      ///< measured graph bytes independent of the rows, per block
    double estimatedBytes = 0.0;  ///< estimated graph bytes for all rows in one block
    double retainedBytes = 0.0;   ///< measured heap growth of the graphs kept
    std::int64_t budgetBytes = 0;
};

/// H·v at the θ of construction through a retained gradient graph (HvpGraph). Building it costs
/// one gradient evaluation with graph (two more small ones to measure the graph on more than
/// 128 rows); each apply() is then one vector-Jacobian product. θ must not change while it
/// lives. Throws InputError on a size mismatch (apply) or when blockRows is set but the loss
/// cannot be split into rows (BatchNorm in training mode, a model-computed scalar loss).
class HessianOperator
{
public:
    explicit HessianOperator(Problem& problem, const HvpGraphOptions& options = {});
    ~HessianOperator();
    HessianOperator(const HessianOperator&) = delete;
    HessianOperator& operator=(const HessianOperator&) = delete;
    std::vector<float> apply(const std::vector<float>& v);
    const HvpPlan& plan() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// How Lanczos keeps its basis. Memory in parameter copies P (besides the model's own
/// parameters and one HVP's temporaries), for k iterations:
enum class LanczosBasis {
    /// Every Lanczos vector is kept and each new one is reorthogonalised against all of them
    /// (twice): k + 2 copies. The default; the most robust in float32.
    Stored,
    /// Only the last two vectors are kept, with local reorthogonalisation against them; the
    /// Ritz vector (when asked for) is formed in a second pass that regenerates the basis from
    /// the seeded start vector, costing k − 1 more HVPs: 4 copies whatever k is. Without full
    /// reorthogonalisation, copies of converged eigenvalues can appear after convergence; the
    /// largest Ritz value is unaffected.
    TwoPass,
};
std::string toString(LanczosBasis basis);
LanczosBasis parseLanczosBasis(const std::string& text); ///< "stored", "two-pass"

struct EigenOptions
{
    /// Stop when the relative residual bound falls below this: power ‖Hv − λv‖/|λ| for the
    /// Rayleigh quotient λ of the unit iterate v, Lanczos |β_k s_k|/|θ| for the Ritz pair (θ, y).
    /// For symmetric H either residual bounds the distance from the estimate to the nearest
    /// eigenvalue of H (which is λmax once the iterate leans on its eigenvector).
    double relativeTolerance = 1e-3;
    int maxIterations = 100;
    HvpMode hvp = HvpMode::Exact;
    double fdEpsilon = 1e-3;
    std::uint64_t seed = 0;
    /// Lanczos only: how the basis is kept (memory against extra HVPs).
    LanczosBasis basis = LanczosBasis::Stored;
    /// Also return the eigenvector estimate (EigenResult::vector).
    bool ritzVector = false;
    /// Lanczos only: start from the unit gradient plus 0.3 × a random unit vector when the
    /// gradient's graph is kept for the products anyway (no extra cost), else from a random unit
    /// vector. The gradient leans on the top eigenvectors: one product fewer to the same bound
    /// on three of the bench models (docs/benchmarks.md). The stopping rule is unchanged.
    bool gradientStart = true;
    /// Exact HVPs: reuse the gradient graph (within a memory budget) or recompute per product.
    HvpGraphOptions graph;
};

struct EigenResult
{
    std::string method; ///< "power" or "lanczos"
    /// Lanczos: "gradient" (see EigenOptions::gradientStart) or "random"; power: "random".
    std::string start;
    double value = 0.0;
    bool converged = false;
    int iterations = 0;
    /// Estimate after each iteration.
    std::vector<double> history;
    /// Relative error bound after each iteration: the relative residual ‖Hy − θy‖/|θ| of the
    /// estimate (see EigenOptions::relativeTolerance). A bound, not the change between
    /// iterations.
    std::vector<double> errors;
    /// Relative change of the estimate from the previous iteration (NaN for the first). Not an
    /// error bound: slow progress makes it small long before the estimate is accurate.
    std::vector<double> changes;
    /// Unit eigenvector estimate, flattened like Problem::parameters() (the Ritz vector for
    /// Lanczos); empty unless EigenOptions::ritzVector. Not written to reports.
    std::vector<float> vector;
    /// How the HVPs were taken.
    HvpPlan hvpPlan;
    ProbeCost cost;
};

/// Dominant (largest magnitude) Hessian eigenvalue by power iteration.
EigenResult topEigenvaluePower(Problem& problem, const EigenOptions& options,
                               const ProgressFn& progress = {});
/// Largest algebraic Hessian eigenvalue by Lanczos, with full reorthogonalisation against a
/// stored basis or memory-bounded in two passes (EigenOptions::basis).
EigenResult topEigenvalueLanczos(Problem& problem, const EigenOptions& options,
                                 const ProgressFn& progress = {});

enum class TraceEstimator {
    Hutchinson,    ///< zᵀHz over Rademacher z
    HutchPlusPlus, ///< exact trace on a sketched top subspace + Hutchinson on the rest
};
std::string toString(TraceEstimator estimator);
TraceEstimator parseTraceEstimator(const std::string& text); ///< "hutchinson", "hutch++"

struct TraceOptions
{
    /// Exact trace Σᵢ eᵢᵀHeᵢ (one HVP per parameter) instead of sampling when the model has at
    /// most this many parameters and no more than the sampling cap (2·sketchSize + maxSamples)
    /// would cost; 0: always sample.
    std::int64_t exactUpTo = 4096;
    /// Exact trace without Hessian-vector products when the model is a chain of Linear layers,
    /// BatchNorm1d (evaluation mode), dropout and elementwise activations and the loss is MSE,
    /// MAE, BCE or cross-entropy: the Gauss–Newton part from per-row gradient norms (one
    /// stacked backward pass per output column) plus, for smooth activations, the rest of the
    /// Hessian's diagonal by carrying each row's output Hessian back through the chain.
    /// Estimator "exact-gauss-newton" when every activation is ReLU / LeakyReLU (the rest is 0),
    /// else "exact-diagonal"; docs/benchmarks.md. Exact HVP mode only; skipped when the row
    /// Hessians would cost more than 200 forward passes.
    bool structural = true;
    TraceEstimator estimator = TraceEstimator::HutchPlusPlus;
    /// Hutch++: size k of the sketch (2k HVPs go to the low-rank part).
    int sketchSize = 10;
    /// Stop once the 95 % upper confidence bound of the standard error (from the sample
    /// variance of the draws so far) is below this fraction of |estimate| (after minSamples).
    double relativeTolerance = 1e-2;
    int minSamples = 10;
    int maxSamples = 200;
    HvpMode hvp = HvpMode::Exact;
    double fdEpsilon = 1e-3;
    std::uint64_t seed = 0;
    HvpGraphOptions graph;
};

struct TraceResult
{
    /// "hutchinson", "hutch++", "exact" (Σᵢ eᵢᵀHeᵢ), "exact-gauss-newton" or "exact-diagonal"
    /// (Linear chains, TraceOptions::structural); the exact ones have standard error 0.
    std::string estimator;
    double estimate = 0.0;
    /// Standard error of the stochastic part (Hutch++: of the deflated remainder only).
    double standardError = 0.0;
    /// Hutch++: tr(QᵀHQ) of the sketched subspace (exact up to the HVPs' accuracy).
    double lowRankPart = 0.0;
    int samples = 0; ///< stochastic samples (Hutch++ adds 2·sketchSize HVPs)
    bool converged = false;
    std::vector<double> history; ///< running estimate after each sample
    HvpPlan hvpPlan;
    ProbeCost cost;
};

/// Estimate of tr(H) and its standard error: Hutchinson with Rademacher vectors, or Hutch++
/// (Meyer et al. 2021), which removes the dominant eigenvalues' variance first.
TraceResult hutchinsonTrace(Problem& problem, const TraceOptions& options,
                            const ProgressFn& progress = {});

struct SpectrumOptions
{
    /// Largest eigenvalues wanted, each with its own residual bound.
    int topK = 5;
    /// Smallest eigenvalues wanted (λmin first): negative curvature, saddle detection.
    int bottomK = 1;
    /// Lanczos (stored basis, full reorthogonalisation) stops when every wanted Ritz value's
    /// residual bound is at most relativeTolerance·max|Ritz value| (an estimate of ‖H‖₂).
    double relativeTolerance = 1e-3;
    int maxIterations = 100;
    /// Spectral density by stochastic Lanczos quadrature (Ghorbani et al. 2019): Lanczos runs
    /// of densitySteps steps from Rademacher starts; 0 runs: no density (Lanczos method only).
    int densityRuns = 5;
    int densitySteps = 40;
    /// Points of the density grid, from λmin − 5σ to λmax + 5σ.
    int gridPoints = 201;
    /// Gaussian broadening σ as a fraction of the spectrum's width λmax − λmin.
    double bandwidth = 0.01;
    /// Exact Hessian (n HVPs against unit vectors, symmetrised, every eigenvalue by a dense
    /// symmetric eigensolver, exact trace) when the model has at most this many parameters;
    /// 0: never. 4,096 parameters: 4,096 HVPs and a 128 MiB float64 matrix.
    std::int64_t exactUpTo = 4096;
    HvpMode hvp = HvpMode::Exact;
    double fdEpsilon = 1e-3;
    std::uint64_t seed = 0;
    HvpGraphOptions graph;
};

/// The Hessian's spectrum at θ: extreme eigenvalues with per-value error bounds, λmin and
/// whether the curvature is certainly negative somewhere, and the spectral density on a grid
/// (plottable as densityX/densityY; the eigenvalues and their residuals as error bars).
struct SpectrumResult
{
    std::string method; ///< "exact" or "lanczos"
    /// Largest eigenvalues, descending, and per value a bound on |value − nearest eigenvalue|
    /// (the Ritz residual ‖Hy − θy‖; 0 for the exact method up to float rounding).
    std::vector<double> top;
    std::vector<double> topResiduals;
    /// Smallest eigenvalues, ascending (bottom[0] = λmin), and their residual bounds.
    std::vector<double> bottom;
    std::vector<double> bottomResiduals;
    double lambdaMax = 0.0;
    double lambdaMin = 0.0;
    /// λmin + its residual bound < 0: H certainly has a negative eigenvalue (θ is not a minimum).
    bool negativeCurvature = false;
    /// |λmin|/λmax when λmin < 0 (how strong the negative curvature is), else 0.
    double negativeRatio = 0.0;
    /// Exact method: every eigenvalue, ascending, and tr(H). Lanczos: empty and NaN.
    std::vector<double> eigenvalues;
    double trace = 0.0;
    /// Lanczos: iterations of the top/bottom run and whether every wanted value converged.
    int iterations = 0;
    bool converged = false;
    /// Spectral density φ(λ) on a grid (∫φ = 1 up to the grid's truncation); empty when not
    /// asked for. Exact: the eigenvalues broadened, weight 1/n each; Lanczos: SLQ, Ritz values
    /// weighted by the squared first components of their eigenvectors, averaged over runs.
    std::vector<double> densityX;
    std::vector<double> densityY;
    int densityRuns = 0;
    double bandwidth = 0.0; ///< σ of the Gaussian broadening, in eigenvalue units
    HvpPlan hvpPlan;
    ProbeCost cost;
};

/// The spectrum of H at θ (SpectrumOptions: exact for small models, else Lanczos + SLQ).
/// Throws InputError on bad options, CancelledError when progress returns false.
SpectrumResult hessianSpectrum(Problem& problem, const SpectrumOptions& options,
                               const ProgressFn& progress = {});

/// The exact Hessian as a dense row-major n×n matrix, symmetrised ((H + Hᵀ)/2), from n HVPs
/// against unit vectors through one retained graph. Throws InputError when n > maxParameters.
std::vector<double> exactHessian(Problem& problem, std::int64_t maxParameters = 4096,
                                 const HvpGraphOptions& graph = {}, ProbeCost* cost = nullptr);

struct SharpnessOptions
{
    /// Perturbation radius relative to ‖θ‖ (or to each layer's norm when layerwise).
    double rho = 0.01;
    int samples = 16;
    /// Scale each parameter tensor's perturbation to rho·‖θ_tensor‖ instead of rho·‖θ‖ overall.
    bool layerwise = false;
    std::uint64_t seed = 0;
};

struct SharpnessResult
{
    double baseLoss = 0.0;
    double meanIncrease = 0.0;
    double worstIncrease = 0.0;
    double radius = 0.0; ///< absolute ‖δ‖ used (overall norm)
    std::vector<double> increases;
    ProbeCost cost;
};

/// ε-sharpness: L(θ+δ)−L(θ) over random δ of the given relative radius.
SharpnessResult perturbationSensitivity(Problem& problem, const SharpnessOptions& options,
                                        const ProgressFn& progress = {});

} // namespace borehole
