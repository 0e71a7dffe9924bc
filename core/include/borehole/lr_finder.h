#pragma once
// The learning-rate range test (Smith 2017; fastai's lr_find): train for a few steps while the
// rate grows exponentially from minRate to maxRate, smooth the loss, stop once it diverges, and
// suggest the rate where the smoothed loss falls fastest. A cheap baseline for choosing lr and
// a probe feature of the landscape. The model's parameters are restored afterwards.
#include "borehole/trainer.h"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace borehole {

struct LrFinderOptions
{
    /// Optimizer of the sweep (its learningRate is ignored; Guided is not allowed).
    OptimizerOptions optimizer;
    double minRate = 1e-6;
    double maxRate = 10.0;
    int steps = 100;
    /// Mini-batch size; 0 means full batch.
    std::int64_t batchSize = 32;
    /// Exponential smoothing β of the loss (bias-corrected, as fastai).
    double smoothing = 0.98;
    /// Stop when the smoothed loss exceeds this multiple of the best smoothed loss.
    double divergeFactor = 4.0;
    std::uint64_t seed = 0;
    /// Points left out of the suggestion at the start (noisy, smoothing still biased) and
    /// before the stop (fastai's skip_start = 10, skip_end = 5).
    int skipStart = 10;
    int skipEnd = 5;
};

struct LrFinderResult
{
    std::vector<double> rates;    ///< rate of each step taken
    std::vector<double> losses;   ///< raw mini-batch loss at that step (before its update)
    std::vector<double> smoothed; ///< bias-corrected exponential moving average
    /// Rate at the steepest descent of the smoothed loss over log(rate); NaN with < 3 points.
    double suggestion = std::numeric_limits<double>::quiet_NaN();
    /// Rate with the lowest smoothed loss (a looser upper guide).
    double minimumRate = std::numeric_limits<double>::quiet_NaN();
    bool diverged = false;
    std::string stopReason; ///< "completed" or "diverged: smoothed loss 4.1 > 4 × best at step 61"
    ProbeCost cost;
};

/// Runs the sweep on the problem's training rows, leaving the parameters unchanged. Throws
/// InputError for bad options, CancelledError when progress returns false.
LrFinderResult findLearningRate(Problem& problem, const LrFinderOptions& options,
                                const ProgressFn& progress = {});

/// JSON, schema "borehole.lr-find/1": options and result.
std::string lrFinderJson(const Problem& problem, const LrFinderOptions& options,
                         const LrFinderResult& result, int indent = 2);

} // namespace borehole
