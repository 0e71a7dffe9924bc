// Perturbation sensitivity (ε-sharpness): how much the loss rises under random perturbations
// of a given radius relative to the parameters' norm.
#include "borehole/probes.h"

#include "internal.h"
#include "text.h"

#include <algorithm>

namespace borehole {

SharpnessResult perturbationSensitivity(Problem& problem, const SharpnessOptions& options,
                                        const ProgressFn& progress)
{
    if (!(options.rho > 0.0))
        throw InputError("perturbation radius rho must be positive, got "
                         + formatNumber(options.rho));
    if (options.samples < 1)
        throw InputError("perturbation samples must be at least 1, got "
                         + std::to_string(options.samples));
    auto& p = implOf(problem);
    SharpnessResult r;
    CostTracker tracker(p);
    ParameterRestore restore(p);
    const auto& theta = restore.saved();
    r.baseLoss = p.loss();
    auto gen = makeGenerator(deriveSeed(options.seed, 31));
    const auto thetaParts = p.unflatten(theta);
    const double thetaNorm = theta.norm().item<double>();
    double radiusSum = 0.0;
    std::vector<torch::Tensor> losses;
    for (int s = 0; s < options.samples; ++s) {
        auto delta = torch::randn({p.numel}, gen, torch::kFloat32).to(p.device());
        if (options.layerwise) {
            auto parts = p.unflatten(delta);
            for (std::size_t i = 0; i < parts.size(); ++i) {
                const auto norm = parts[i].norm();
                parts[i].mul_(options.rho * thetaParts[i].norm() / norm.clamp_min(1e-30));
            }
        } else {
            delta.mul_(options.rho * thetaNorm / delta.norm().item<double>());
        }
        radiusSum += delta.norm().item<double>();
        p.setFlat(theta);
        p.addFlat(delta, 1.0);
        losses.push_back(p.lossTensorNoGrad(p.probeX, p.probeY));
        reportProgress(progress, s + 1, options.samples);
    }
    auto all = torch::stack(losses).to(torch::kCPU, torch::kFloat64);
    for (std::int64_t i = 0; i < all.numel(); ++i)
        r.increases.push_back(all[i].item<double>() - r.baseLoss);
    r.radius = radiusSum / options.samples;
    r.worstIncrease = *std::max_element(r.increases.begin(), r.increases.end());
    double sum = 0.0;
    for (double v : r.increases)
        sum += v;
    r.meanIncrease = sum / static_cast<double>(r.increases.size());
    r.cost = tracker.cost();
    return r;
}

} // namespace borehole
