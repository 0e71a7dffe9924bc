// First-order probes and finite-difference curvature along random, gradient and PCA directions.
#include "borehole/probes.h"

#include "internal.h"
#include "text.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <tuple>
#include <utility>

namespace borehole {
namespace {

void meanAndStd(const std::vector<double>& v, double& mean, double& stdev)
{
    mean = 0.0;
    stdev = 0.0;
    if (v.empty())
        return;
    for (double x : v)
        mean += x;
    mean /= static_cast<double>(v.size());
    if (v.size() < 2)
        return;
    double ss = 0.0;
    for (double x : v)
        ss += (x - mean) * (x - mean);
    stdev = std::sqrt(ss / static_cast<double>(v.size() - 1));
}

/// Top principal components of `count` mini-batch gradient samples (unit vectors, rows of the
/// result) and the share of the samples' variance each explains.
torch::Tensor gradientPcaDirections(Problem::Impl& p, int samples, int components,
                                    std::uint64_t seed, std::vector<double>& explained,
                                    const ProgressFn& progress, int& done, int total)
{
    if (samples < 2)
        throw InputError("PCA directions need at least 2 gradient samples, got "
                         + std::to_string(samples));
    const auto& d = implOf(p.data);
    const std::int64_t n = d.trainX.size(0);
    const std::int64_t batch = std::min<std::int64_t>(p.options.batchSize, n);
    auto gen = makeGenerator(seed);
    std::vector<torch::Tensor> grads;
    for (int s = 0; s < samples; ++s) {
        auto index = torch::randperm(n, gen, torch::kInt64).narrow(0, 0, batch).to(p.device());
        grads.push_back(p.gradientOn(d.trainX.index_select(0, index),
                                     d.trainY.index_select(0, index)));
        reportProgress(progress, ++done, total);
    }
    auto m = torch::stack(grads).to(torch::kFloat64);
    m = m - m.mean(0, /*keepdim=*/true);
    // Gram trick: eigenvectors of M Mᵀ (samples × samples) give the components cheaply.
    auto gram = torch::matmul(m, m.t());
    auto eig = at::linalg_eigh(gram, "L");
    auto values = std::get<0>(eig).flip(0).clamp_min(0.0);
    auto vectors = std::get<1>(eig).flip(1);
    const double totalVar = values.sum().item<double>();
    const int k = std::min<int>(components, samples - 1);
    std::vector<torch::Tensor> dirs;
    explained.clear();
    for (int i = 0; i < k; ++i) {
        const double lambda = values[i].item<double>();
        if (lambda <= 1e-30)
            break;
        auto dir = torch::matmul(m.t(), vectors.select(1, i)) / std::sqrt(lambda);
        dirs.push_back((dir / dir.norm()).to(torch::kFloat32));
        explained.push_back(totalVar > 0 ? lambda / totalVar : 0.0);
    }
    if (dirs.empty())
        throw Error("the gradient samples do not vary; no PCA direction exists (the loss may be "
                    "flat or the batch covers every row)");
    return torch::stack(dirs);
}

/// (‖ΔG‖/ε, dᵀΔG/ε) for unit d, with ΔG = ∇L(θ+εd)−∇L(θ); leaves θ moved (callers restore).
std::pair<double, double> fdAlong(Problem::Impl& p, const torch::Tensor& theta,
                                  const torch::Tensor& g0, const torch::Tensor& d, double epsilon)
{
    p.setFlat(theta);
    p.addFlat(d, epsilon);
    auto diff = (p.gradient() - g0) / epsilon;
    return {diff.norm().item<double>(), torch::dot(diff, d).item<double>()};
}

void checkEpsilon(double epsilon)
{
    if (!(epsilon > 0.0))
        throw InputError("finite-difference step epsilon must be positive, got "
                         + formatNumber(epsilon));
}

} // namespace

std::string toString(DirectionKind kind)
{
    switch (kind) {
    case DirectionKind::Random: return "random";
    case DirectionKind::Gradient: return "gradient";
    case DirectionKind::Pca: return "pca";
    }
    return "random";
}

DirectionKind parseDirectionKind(const std::string& text)
{
    const std::string t = toLower(text);
    if (t == "random")
        return DirectionKind::Random;
    if (t == "gradient" || t == "grad")
        return DirectionKind::Gradient;
    if (t == "pca")
        return DirectionKind::Pca;
    throw InputError("unknown direction kind '" + text + "' (expected random, gradient or pca)");
}

std::string toString(HvpMode mode)
{
    return mode == HvpMode::Exact ? "exact" : "fd";
}

HvpMode parseHvpMode(const std::string& text)
{
    const std::string t = toLower(text);
    if (t == "exact")
        return HvpMode::Exact;
    if (t == "fd" || t == "finite-difference")
        return HvpMode::FiniteDifference;
    throw InputError("unknown HVP mode '" + text + "' (expected exact or fd)");
}

LossGradient lossAndGradient(Problem& problem)
{
    auto& p = implOf(problem);
    LossGradient r;
    CostTracker tracker(p);
    auto g = p.gradient(&r.loss);
    r.gradientNorm = g.norm().item<double>();
    r.parameterNorm = p.flatParameters().norm().item<double>();
    r.cost = tracker.cost();
    return r;
}

CurvatureResult finiteDifferenceCurvature(Problem& problem, const CurvatureOptions& options,
                                          const ProgressFn& progress)
{
    checkEpsilon(options.epsilon);
    if (options.count < 1)
        throw InputError("direction count K must be at least 1, got "
                         + std::to_string(options.count));
    auto& p = implOf(problem);
    CurvatureResult r;
    r.kind = options.kind;
    r.epsilon = options.epsilon;
    CostTracker tracker(p);
    {
        ParameterRestore restore(p);
        const int count = options.kind == DirectionKind::Gradient ? 1 : options.count;
        const int pcaWork = options.kind == DirectionKind::Pca ? options.pcaSamples : 0;
        const int total = 1 + pcaWork + count;
        int done = 0;
        auto g0 = p.gradient();
        reportProgress(progress, ++done, total);

        torch::Tensor dirs; // [count, P], unit rows
        if (options.kind == DirectionKind::Random) {
            auto gen = makeGenerator(deriveSeed(options.seed, 1));
            dirs = torch::randn({count, p.numel}, gen, torch::kFloat32).to(p.device());
            dirs = dirs / dirs.norm(2, {1}, true);
        } else if (options.kind == DirectionKind::Gradient) {
            const double gn = g0.norm().item<double>();
            if (gn == 0.0)
                throw Error("the gradient is zero at θ; the gradient direction is undefined");
            dirs = (g0 / gn).unsqueeze(0);
        } else {
            dirs = gradientPcaDirections(p, options.pcaSamples, count, deriveSeed(options.seed, 2),
                                         r.explainedVariance, progress, done, total);
        }
        for (std::int64_t i = 0; i < dirs.size(0); ++i) {
            const auto [norm, directional] = fdAlong(p, restore.saved(), g0, dirs[i],
                                                     options.epsilon);
            r.norms.push_back(norm);
            r.directional.push_back(directional);
            reportProgress(progress, ++done, total);
        }
    }
    meanAndStd(r.norms, r.meanNorm, r.stdNorm);
    meanAndStd(r.directional, r.meanDirectional, r.stdDirectional);
    r.cost = tracker.cost();
    return r;
}

DirectionCurvature curvatureAlong(Problem& problem, const std::vector<float>& direction,
                                  double epsilon)
{
    checkEpsilon(epsilon);
    auto& p = implOf(problem);
    auto d = p.fromHost(direction, "direction");
    const double n = d.norm().item<double>();
    if (n == 0.0)
        throw InputError("direction is zero; curvature along it is undefined");
    d = d / n;
    DirectionCurvature r;
    CostTracker tracker(p);
    {
        ParameterRestore restore(p);
        const auto g0 = p.gradient();
        std::tie(r.norm, r.directional) = fdAlong(p, restore.saved(), g0, d, epsilon);
    }
    r.cost = tracker.cost();
    return r;
}

std::vector<float> hessianVectorProduct(Problem& problem, const std::vector<float>& v,
                                        HvpMode mode, double epsilon, ProbeCost* cost)
{
    auto& p = implOf(problem);
    CostTracker tracker(p);
    auto out = Problem::Impl::toHost(p.hvp(p.fromHost(v, "vector v"), mode, epsilon));
    if (cost)
        *cost = tracker.cost();
    return out;
}

} // namespace borehole
