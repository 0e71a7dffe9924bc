#pragma once
// Curvature probes at the current parameters θ of a Problem. Each result carries what it cost
// (forward passes, gradient evaluations, Hessian-vector products, seconds). Probes leave θ as
// they found it, also when they throw. Same seed, same numbers (on the same device).
#include "borehole/problem.h"
#include "borehole/progress.h"

#include <cstdint>
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
    /// Stop when the relative change of the estimate (power) or the Ritz residual bound
    /// (Lanczos) falls below this.
    double relativeTolerance = 1e-3;
    int maxIterations = 100;
    HvpMode hvp = HvpMode::Exact;
    double fdEpsilon = 1e-3;
    std::uint64_t seed = 0;
    /// Lanczos only: how the basis is kept (memory against extra HVPs).
    LanczosBasis basis = LanczosBasis::Stored;
    /// Also return the eigenvector estimate (EigenResult::vector).
    bool ritzVector = false;
};

struct EigenResult
{
    std::string method; ///< "power" or "lanczos"
    double value = 0.0;
    bool converged = false;
    int iterations = 0;
    /// Estimate after each iteration.
    std::vector<double> history;
    /// Relative change (power) or relative residual bound (Lanczos) after each iteration.
    std::vector<double> errors;
    /// Unit eigenvector estimate, flattened like Problem::parameters() (the Ritz vector for
    /// Lanczos); empty unless EigenOptions::ritzVector. Not written to reports.
    std::vector<float> vector;
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
    TraceEstimator estimator = TraceEstimator::HutchPlusPlus;
    /// Hutch++: size k of the sketch (2k HVPs go to the low-rank part).
    int sketchSize = 10;
    /// Stop once standardError / |estimate| falls below this (after minSamples).
    double relativeTolerance = 1e-2;
    int minSamples = 10;
    int maxSamples = 200;
    HvpMode hvp = HvpMode::Exact;
    double fdEpsilon = 1e-3;
    std::uint64_t seed = 0;
};

struct TraceResult
{
    std::string estimator; ///< "hutchinson" or "hutch++"
    double estimate = 0.0;
    /// Standard error of the stochastic part (Hutch++: of the deflated remainder only).
    double standardError = 0.0;
    /// Hutch++: tr(QᵀHQ) of the sketched subspace (exact up to the HVPs' accuracy).
    double lowRankPart = 0.0;
    int samples = 0; ///< stochastic samples (Hutch++ adds 2·sketchSize HVPs)
    bool converged = false;
    std::vector<double> history; ///< running estimate after each sample
    ProbeCost cost;
};

/// Estimate of tr(H) and its standard error: Hutchinson with Rademacher vectors, or Hutch++
/// (Meyer et al. 2021), which removes the dominant eigenvalues' variance first.
TraceResult hutchinsonTrace(Problem& problem, const TraceOptions& options,
                            const ProgressFn& progress = {});

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
