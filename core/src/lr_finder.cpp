// The LR range test: exponential sweep, bias-corrected smoothing, divergence stop and the
// steepest-descent suggestion (Smith 2017, "Cyclical Learning Rates"; fastai's lr_find).
#include "borehole/lr_finder.h"

#include "internal.h"
#include "optimizers.h"
#include "text.h"

#include <cmath>
#include <limits>

namespace borehole {

LrFinderResult findLearningRate(Problem& problem, const LrFinderOptions& o,
                                const ProgressFn& progress)
{
    if (!(o.minRate > 0.0 && o.maxRate > o.minRate && std::isfinite(o.maxRate)))
        throw InputError("LR range needs 0 < min < max, got min " + formatNumber(o.minRate)
                         + ", max " + formatNumber(o.maxRate));
    if (o.steps < 3)
        throw InputError("LR range test needs at least 3 steps, got " + std::to_string(o.steps));
    if (!(o.smoothing >= 0.0 && o.smoothing < 1.0))
        throw InputError("LR range smoothing must be in [0, 1), got " + formatNumber(o.smoothing));
    if (!(o.divergeFactor > 1.0))
        throw InputError("LR range divergence factor must be > 1, got "
                         + formatNumber(o.divergeFactor));
    if (o.batchSize < 0)
        throw InputError("batch size must be >= 0 (0 = full batch), got "
                         + std::to_string(o.batchSize));
    if (o.optimizer.kind == OptimizerKind::Guided)
        throw InputError("the LR range test sweeps the rate itself; use sgd, adam, adamw or sam");
    OptimizerOptions opt = o.optimizer;
    opt.learningRate = o.minRate;

    auto& p = implOf(problem);
    LrFinderResult r;
    CostTracker tracker(p);
    ParameterRestore restoreParameters(p);
    BufferRestore restoreBuffers(p);
    ModuleMode training(p, true);
    Stepper stepper(opt, p);
    BatchSampler sampler(p, o.batchSize, o.seed);

    double average = 0.0;
    double best = std::numeric_limits<double>::infinity();
    r.stopReason = "completed";
    const double ratio = std::log(o.maxRate / o.minRate);
    for (int i = 1; i <= o.steps; ++i) {
        const double rate = o.minRate * std::exp(ratio * (i - 1) / (o.steps - 1));
        torch::Tensor x;
        torch::Tensor y;
        sampler.batch(i, x, y);
        torch::Tensor lossTensor;
        auto g = p.gradientOn(x, y, &lossTensor);
        const double loss = lossTensor.item<double>();
        r.rates.push_back(rate);
        r.losses.push_back(loss);
        if (!std::isfinite(loss)) {
            r.smoothed.push_back(std::numeric_limits<double>::quiet_NaN());
            r.diverged = true;
            r.stopReason = std::string("diverged: loss is ") + (std::isnan(loss) ? "NaN" : "Inf")
                           + " at step " + std::to_string(i);
            break;
        }
        average = o.smoothing * average + (1.0 - o.smoothing) * loss;
        const double smooth = average / (1.0 - std::pow(o.smoothing, i));
        r.smoothed.push_back(smooth);
        if (i > 1 && smooth > o.divergeFactor * best) {
            r.diverged = true;
            r.stopReason = "diverged: smoothed loss " + formatNumber(smooth) + " > "
                           + formatNumber(o.divergeFactor) + " × best " + formatNumber(best)
                           + " at step " + std::to_string(i);
            break;
        }
        best = std::min(best, smooth);
        stepper.step(g, rate, [&] { return p.gradientOn(x, y); });
        reportProgress(progress, i, o.steps);
    }

    // The diverged point says nothing about descent; noisy ends are skipped as fastai does,
    // as far as enough points remain.
    const std::size_t m = r.smoothed.size() - (r.diverged ? 1 : 0);
    if (m >= 1) {
        std::size_t argmin = 0;
        for (std::size_t k = 1; k < m; ++k)
            if (r.smoothed[k] < r.smoothed[argmin])
                argmin = k;
        r.minimumRate = r.rates[argmin];
    }
    std::size_t first = static_cast<std::size_t>(std::max(o.skipStart, 0));
    std::size_t end = m > static_cast<std::size_t>(std::max(o.skipEnd, 0))
                          ? m - static_cast<std::size_t>(std::max(o.skipEnd, 0))
                          : 0;
    if (end < first + 3) { // too short a sweep to skip anything
        first = 0;
        end = m;
    }
    if (end >= first + 3) {
        double steepest = std::numeric_limits<double>::infinity();
        for (std::size_t k = first + 1; k + 1 < end; ++k) {
            const double slope = (r.smoothed[k + 1] - r.smoothed[k - 1])
                                 / (std::log(r.rates[k + 1]) - std::log(r.rates[k - 1]));
            if (slope < steepest) {
                steepest = slope;
                r.suggestion = r.rates[k];
            }
        }
    }
    r.cost = tracker.cost();
    return r;
}

} // namespace borehole
