#pragma once
// Training the parameters of a Problem's model: SGD (momentum, Nesterov, weight decay), Adam,
// AdamW, SAM around any of them, and a curvature-guided learning rate that keeps lr within
// c·2/λmax. Also the LR range test. Used by `borehole-cli train`, the GUI training panel and the
// hyperparameter study (short bursts and full runs).
//
// INTERFACE DRAFT: the fields below are what the study and the GUI rely on; the implementation
// (core/src/trainer*.cpp) may add fields but should not rename these.
#include "borehole/probes.h"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace borehole {

enum class OptimizerKind { Sgd, Adam, AdamW, Sam, Guided };
std::string toString(OptimizerKind kind);
OptimizerKind parseOptimizerKind(const std::string& text); ///< sgd, adam, adamw, sam, guided

struct OptimizerOptions
{
    OptimizerKind kind = OptimizerKind::Sgd;
    double learningRate = 1e-2;
    double momentum = 0.0;
    bool nesterov = false;
    double weightDecay = 0.0;
    double beta1 = 0.9;
    double beta2 = 0.999;
    double adamEpsilon = 1e-8;
    /// SAM: neighbourhood radius ρ, adaptive (ASAM) scaling, and the optimizer it wraps.
    double samRho = 0.05;
    bool samAdaptive = false;
    OptimizerKind samBase = OptimizerKind::Sgd;
    /// Guided LR: keep lr ≤ guidedFactor·2/λmax, re-estimating λmax every guidedEvery steps
    /// with guidedIterations warm-started Lanczos/power steps; wraps guidedBase.
    double guidedFactor = 0.9;
    int guidedEvery = 10;
    int guidedIterations = 5;
    OptimizerKind guidedBase = OptimizerKind::Sgd;
};

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
};

struct TrainPoint
{
    std::int64_t step = 0;
    double trainLoss = 0.0;
    double validationMetric = std::numeric_limits<double>::quiet_NaN(); ///< NaN when not measured
    double learningRate = 0.0;
    double lambdaMax = std::numeric_limits<double>::quiet_NaN(); ///< NaN when not estimated
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
    double initialTrainLoss = 0.0;
    double finalTrainLoss = 0.0;
    double finalValidationMetric = std::numeric_limits<double>::quiet_NaN();
    /// Gradient evaluations spent on training itself and, separately, on curvature probes.
    ProbeCost trainingCost;
    ProbeCost probeCost;
    double seconds = 0.0;
};

/// Trains the problem's model in place from its current parameters. Throws CancelledError when
/// progress returns false (parameters then stay at the last completed step).
TrainResult train(Problem& problem, const TrainOptions& options, const ProgressFn& progress = {});

} // namespace borehole
