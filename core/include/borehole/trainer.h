#pragma once
// Training the parameters of a Problem's model: SGD (momentum, Nesterov, weight decay), Adam,
// AdamW, SAM around any of them, and a curvature-guided learning rate that keeps lr within
// c·2/λmax (c·(2+2μ)/λmax under heavy-ball momentum μ). Used by `borehole-cli train`, the GUI
// training panel and the hyperparameter study (short bursts and full runs). The LR range test
// lives in lr_finder.h.
//
// The fields below are what the study and the GUI rely on; add fields, do not rename them.
// Step numbering: iteration i (1-based) evaluates the mini-batch loss and gradient at θ_{i-1}
// and updates to θ_i. docs/training.md has the formulas and the checkpoint format.
#include "borehole/probes.h"

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace borehole {

enum class OptimizerKind { Sgd, Adam, AdamW, Sam, Guided };
std::string toString(OptimizerKind kind);
/// sgd, adam, adamw, sam, guided; throws InputError otherwise.
OptimizerKind parseOptimizerKind(const std::string& text);

struct OptimizerOptions
{
    OptimizerKind kind = OptimizerKind::Sgd;
    double learningRate = 1e-2;
    /// SGD: heavy-ball momentum μ (PyTorch convention b ← μb + g, θ ← θ − lr·b; no dampening).
    double momentum = 0.0;
    /// SGD: Nesterov momentum, θ ← θ − lr·(g + μb); needs momentum > 0.
    bool nesterov = false;
    /// SGD and Adam: L2 term added to the gradient; AdamW: decoupled decay θ ← θ(1 − lr·wd).
    double weightDecay = 0.0;
    double beta1 = 0.9;
    double beta2 = 0.999;
    double adamEpsilon = 1e-8;
    /// SAM: neighbourhood radius ρ, adaptive (ASAM) scaling, and the optimizer it wraps.
    double samRho = 0.05;
    bool samAdaptive = false;
    OptimizerKind samBase = OptimizerKind::Sgd;
    /// Guided LR: keep lr ≤ guidedScale·guidedFactor·B(λmax), re-estimating λmax every
    /// guidedEvery steps with guidedIterations warm-started Lanczos steps; wraps guidedBase.
    /// B is the base rule's largest stable rate on a quadratic of curvature λmax: 2/λmax for
    /// plain SGD, Adam and AdamW (for Adam only a heuristic on the nominal rate), (2+2μ)/λmax
    /// for SGD with heavy-ball momentum μ, (2+2μ)/((1+2μ)·λmax) with Nesterov (docs/training.md).
    double guidedFactor = 0.9;
    int guidedEvery = 10;
    int guidedIterations = 5;
    OptimizerKind guidedBase = OptimizerKind::Sgd;
    /// Guided LR: in flat regions the rate grows back by at most this factor per estimate,
    /// never above learningRate (the base rate) nor above the bound.
    double guidedGrowth = 2.0;
    /// Guided LR: Hessian-vector products of the λmax estimate (FD costs 2 gradients each).
    HvpMode guidedHvp = HvpMode::FiniteDifference;
    double guidedFdEpsilon = 1e-3;
    /// Guided LR: between estimates, re-estimate at once when the mini-batch loss exceeds this
    /// multiple of the loss at the last estimate (0 = off; reading the loss syncs on GPUs).
    double guidedSpikeFactor = 2.0;
    /// Guided LR: a further factor on the cap, > 0, meant for an outside judgement of the run
    /// such as the study's meta-model score mapped to (0, 1] (1: the cap is c·B(λmax) alone).
    double guidedScale = 1.0;
};

class TrainHook;

struct TrainOptions
{
    OptimizerOptions optimizer;
    /// Optimizer steps; 0 means epochs × ceil(trainRows / batchSize).
    std::int64_t steps = 0;
    int epochs = 10;
    /// Mini-batch size; 0 means full batch.
    std::int64_t batchSize = 32;
    /// Measure the validation metric every N steps (and at the end); 0 = only at the end.
    int validateEvery = 10;
    Metric metric = Metric::Mse;
    std::uint64_t seed = 0;
    /// Stop (recorded as diverged, not thrown) when the loss becomes NaN/Inf.
    bool stopOnNonFinite = true;
    /// Keep a parameter snapshot every N steps (for PCA directions); 0 = none.
    int snapshotEvery = 0;
    /// Read the mini-batch loss back from the device and add a curve point every N steps (and
    /// check it for NaN/Inf). 1 on the CPU costs nothing; raise it on a GPU to avoid syncs.
    int logEvery = 1;
    /// Write a checkpoint (parameters, buffers, optimizer state, step, curve) to this file
    /// every checkpointEvery steps (0: only at the end), at the end, and when cancelled.
    std::string checkpointPath;
    int checkpointEvery = 0;
    /// Continue from this checkpoint: same options and seed give the parameters of an
    /// uninterrupted run. Throws InputError when it does not fit the model or the optimizer.
    std::string resumePath;
    /// Called around every step, in order, after the built-in guided-LR hook (if any).
    std::vector<std::shared_ptr<TrainHook>> hooks;
};

struct TrainPoint
{
    std::int64_t step = 0; ///< 0: before training (trainLoss = initialTrainLoss)
    double trainLoss = 0.0; ///< mini-batch loss of this step, at θ before its update
    double validationMetric = std::numeric_limits<double>::quiet_NaN(); ///< NaN when not measured
    double learningRate = 0.0;
    double lambdaMax = std::numeric_limits<double>::quiet_NaN(); ///< NaN when not estimated
    /// Loss on all probe rows (eval mode) after the step; measured with validationMetric.
    double fullTrainLoss = std::numeric_limits<double>::quiet_NaN();
};

struct LrAdjustment
{
    std::int64_t step = 0;
    double lambdaMax = 0.0;
    double oldRate = 0.0;
    double newRate = 0.0;
    std::string reason;
};

struct TrainResult
{
    std::vector<TrainPoint> curve;
    std::vector<LrAdjustment> adjustments;
    std::vector<std::vector<float>> snapshots;
    std::int64_t steps = 0;
    bool diverged = false;
    std::string stopReason; ///< "completed", "diverged: loss is NaN at step 12", ...
    double initialTrainLoss = 0.0; ///< L on the probe rows before training (eval mode)
    double finalTrainLoss = 0.0;   ///< L on the probe rows after training (eval mode)
    double finalValidationMetric = std::numeric_limits<double>::quiet_NaN();
    /// Gradient evaluations spent on training itself (validation forwards included) and,
    /// separately, on curvature probes (guided LR, hooks' estimateLambdaMax).
    ProbeCost trainingCost;
    ProbeCost probeCost;
    double seconds = 0.0;
    /// Step the run started from (> 0 when resumed from a checkpoint).
    std::int64_t resumedFromStep = 0;
    /// Learning rate in effect at the end (differs from the base rate under guided LR).
    double finalLearningRate = 0.0;
};

/// What a hook sees around one step. Reading loss() or gradientNorm() copies a number from the
/// device (a sync on GPUs), so hooks call them only when they need them.
class StepContext
{
public:
    struct Impl;
    explicit StepContext(Impl& impl) : m_impl(impl) {}

    std::int64_t step() const;       ///< 1-based iteration index
    std::int64_t totalSteps() const;
    double baseLearningRate() const; ///< OptimizerOptions::learningRate
    double learningRate() const;     ///< rate this step uses (beforeStep may change it)
    /// Sets the rate from this step on; a non-empty reason logs an LrAdjustment. Throws
    /// InputError unless rate is positive and finite.
    void setLearningRate(double rate, const std::string& reason = {});
    /// Mini-batch loss and ‖∇L‖ at θ before this step's update.
    double loss();
    double gradientNorm();
    /// The mini-batch gradient (host copy: costly on large models).
    std::vector<float> gradient();
    /// λmax of the Hessian of L on the probe rows at θ before the update, by `iterations`
    /// Lanczos steps started from the previous estimate's eigenvector. Counted in probeCost.
    double estimateLambdaMax(int iterations, HvpMode hvp = HvpMode::FiniteDifference,
                             double fdEpsilon = 1e-3);
    /// The latest estimate of this run (NaN before the first).
    double lastLambdaMax() const;
    /// Mini-batch loss of the step that made the latest estimate (NaN before the first).
    double lossAtLastEstimate() const;

private:
    Impl& m_impl;
};

/// A plug-in around the optimizer: curvature control, logging, schedules.
class TrainHook
{
public:
    virtual ~TrainHook() = default;
    /// After the gradient of the step is known, before the update.
    virtual void beforeStep(StepContext& /*context*/) {}
    /// After the update (loss() is still the loss before it).
    virtual void afterStep(StepContext& /*context*/) {}
};

/// The curvature-guided learning rate as a hook: every guidedEvery steps it estimates λmax and
/// lowers the rate to the cap guidedScale·guidedFactor·B(λmax) (B as documented at
/// guidedFactor, for the update rule that options.kind names, through guidedBase and samBase)
/// when above ("steep"), or grows it back by up to
/// guidedGrowth towards the base rate when below both ("flat"); a loss spike between estimates
/// (guidedSpikeFactor) triggers an early estimate. train() adds it for
/// OptimizerKind::Guided; add it yourself to guide another optimizer.
std::shared_ptr<TrainHook> makeGuidedLrHook(const OptimizerOptions& options);

/// The largest stable lr·λmax of the update rule the options describe (through guidedBase and
/// samBase) on a quadratic: 2 for plain SGD, Adam and AdamW (for Adam a heuristic), 2+2μ with
/// heavy-ball momentum μ, (2+2μ)/(1+2μ) with Nesterov. The guided cap is
/// guidedScale·guidedFactor·stableRateCurvatureProduct(o)/λmax; plots draw it over lr as the
/// stability bound on λmax.
double stableRateCurvatureProduct(const OptimizerOptions& options);

/// Edge of stability for gradient descent with heavy-ball momentum β on a quadratic:
/// λmax ≤ (2+2β)/lr. The study draws it on its maps and divides λmax by it (eos_ratio).
double stabilityBound(double learningRate, double momentum);

/// SAM's ascent step for parameters θ and gradient g: e = ρ·g/‖g‖, or with adaptive (ASAM)
/// e = ρ·T²g/‖Tg‖ with T = |θ| elementwise. The trainer uses the same code. Throws InputError
/// on a size mismatch.
std::vector<float> samPerturbation(const std::vector<float>& parameters,
                                   const std::vector<float>& gradient, double rho, bool adaptive);

/// Trains the problem's model in place from its current parameters (or the checkpoint in
/// resumePath), in train() mode, leaving it in eval() mode. A NaN/Inf loss ends the run with
/// diverged = true. Throws InputError for bad options or checkpoints, Error when a checkpoint
/// cannot be written, CancelledError when progress returns false (parameters then stay at the
/// last completed step; a checkpoint is written first when checkpointPath is set).
TrainResult train(Problem& problem, const TrainOptions& options, const ProgressFn& progress = {});

/// Run record JSON, schema "borehole.train-run/1" (docs/training.md): problem summary, options,
/// curve, adjustments, final metrics and costs.
std::string trainRunJson(const Problem& problem, const TrainOptions& options,
                         const TrainResult& result, int indent = 2);

} // namespace borehole
