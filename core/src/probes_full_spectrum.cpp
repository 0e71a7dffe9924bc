// The Hessian's spectrum: exact for small models (n HVPs against unit vectors,
// dense symmetric eigensolver), else the extreme eigenvalues by Lanczos with
// per-value residual bounds and the spectral density by stochastic Lanczos
// quadrature (Ghorbani, Krishnan and Xiao 2019).
#include "borehole/probes.h"

#include "hvp_engine.h"
#include "internal.h"
#include "text.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace borehole {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kPi = 3.14159265358979323846;

void checkSpectrumOptions(const SpectrumOptions& o)
{
    if (o.topK < 1 || o.bottomK < 0)
        throw InputError("spectrum needs top-k >= 1 and bottom-k >= 0, got "
            + std::to_string(o.topK) + " and " + std::to_string(o.bottomK));
    if (!(o.relativeTolerance > 0.0))
        throw InputError(
            "spectrum tolerance must be positive, got " + formatNumber(o.relativeTolerance));
    if (o.maxIterations < 1)
        throw InputError(
            "spectrum iteration cap must be at least 1, got " + std::to_string(o.maxIterations));
    if (o.densityRuns < 0 || (o.densityRuns > 0 && o.densitySteps < 1))
        throw InputError("spectral density needs runs >= 0 and steps >= 1, got "
            + std::to_string(o.densityRuns) + " runs of " + std::to_string(o.densitySteps)
            + " steps");
    if (o.densityRuns > 0 && (o.gridPoints < 2 || !(o.bandwidth > 0.0)))
        throw InputError("spectral density needs at least 2 grid points and a positive "
                         "bandwidth, got "
            + std::to_string(o.gridPoints) + " and " + formatNumber(o.bandwidth));
}

/// Eigen-decomposition of the symmetric tridiagonal T (α on the diagonal, β
/// beside it): eigenvalues ascending [k], eigenvectors as columns [k, k],
/// float64 on the CPU.
std::pair<torch::Tensor, torch::Tensor> tridiagonalEigen(
    const std::vector<double>& alpha, const std::vector<double>& beta)
{
    const auto k = static_cast<std::int64_t>(alpha.size());
    auto t = torch::zeros({k, k}, torch::kFloat64);
    auto ta = t.accessor<double, 2>();
    for (std::int64_t i = 0; i < k; ++i) {
        ta[i][i] = alpha[static_cast<std::size_t>(i)];
        if (i + 1 < k)
            ta[i][i + 1] = ta[i + 1][i] = beta[static_cast<std::size_t>(i)];
    }
    auto eig = at::linalg_eigh(t, "L");
    return {std::get<0>(eig).contiguous(), std::get<1>(eig).contiguous()};
}

/// Lanczos with a stored, fully reorthogonalised basis from `start` (unit).
/// After each step `afterStep(alpha, beta, b)` may return true to stop (b: the
/// norm of the next residual vector, which multiplies the last eigenvector
/// components into the Ritz residuals).
template <typename AfterStep>
void lanczos(HvpEngine& hvp, torch::Tensor start, int steps, std::vector<double>& alpha,
    std::vector<double>& beta, double& lastBeta, AfterStep afterStep)
{
    std::vector<torch::Tensor> basis{std::move(start)};
    alpha.clear();
    beta.clear();
    for (int j = 0; j < steps; ++j) {
        const auto& q = basis.back();
        auto w = hvp.apply(q);
        auto a = torch::dot(q, w);
        w.sub_(q * a);
        if (basis.size() > 1)
            w.sub_(basis[basis.size() - 2], beta.back());
        for (int pass = 0; pass < 2; ++pass) // "twice is enough" in float32
            for (const auto& u : basis)
                w.addcmul_(u, torch::dot(u, w), -1.0);
        auto ab = torch::stack({a, w.norm()}).to(torch::kCPU, torch::kFloat64);
        alpha.push_back(ab[0].item<double>());
        lastBeta = ab[1].item<double>();
        const bool exhausted = lastBeta <= 1e-10 * std::max(std::abs(alpha.back()), 1e-30)
            || !std::isfinite(lastBeta);
        if (afterStep(alpha, beta, exhausted ? 0.0 : lastBeta) || exhausted || j + 1 == steps) {
            if (exhausted)
                lastBeta = 0.0;
            return;
        }
        beta.push_back(lastBeta);
        basis.push_back(w.div_(lastBeta));
    }
}

/// Gaussian-broadened spectral density on a grid: φ(x) = Σ wᵢ N(x; λᵢ, σ), Σ wᵢ
/// = 1.
void densityOnGrid(SpectrumResult& r, const std::vector<double>& nodes,
    const std::vector<double>& weights, double lo, double hi, int points, double relativeBandwidth)
{
    const double width = hi - lo;
    const double sigma = relativeBandwidth * (width > 0.0 ? width : std::max(std::abs(hi), 1e-12));
    r.bandwidth = sigma;
    const double from = lo - 5.0 * sigma;
    const double to = hi + 5.0 * sigma;
    r.densityX.resize(static_cast<std::size_t>(points));
    r.densityY.assign(static_cast<std::size_t>(points), 0.0);
    const double norm = 1.0 / (sigma * std::sqrt(2.0 * kPi));
    for (int g = 0; g < points; ++g) {
        const double x = from + (to - from) * g / (points - 1);
        r.densityX[static_cast<std::size_t>(g)] = x;
        double y = 0.0;
        for (std::size_t i = 0; i < nodes.size(); ++i) {
            const double z = (x - nodes[i]) / sigma;
            y += weights[i] * std::exp(-0.5 * z * z);
        }
        r.densityY[static_cast<std::size_t>(g)] = y * norm;
    }
}

void finishExtremes(SpectrumResult& r)
{
    r.lambdaMax = r.top.empty() ? kNaN : r.top.front();
    r.lambdaMin = r.bottom.empty() ? kNaN : r.bottom.front();
    const double minResidual = r.bottomResiduals.empty() ? 0.0 : r.bottomResiduals.front();
    r.negativeCurvature = r.lambdaMin + minResidual < 0.0;
    r.negativeRatio = r.lambdaMin < 0.0 && r.lambdaMax > 0.0 ? -r.lambdaMin / r.lambdaMax : 0.0;
}

/// Symmetrised dense Hessian [n, n] float64 on the CPU from n products with
/// unit vectors.
torch::Tensor denseHessian(Problem::Impl& p, HvpEngine& hvp, const ProgressFn& progress, int total)
{
    // Columns stay on the device until the end: one transfer, no host sync per product.
    auto h = torch::empty({p.numel, p.numel}, p.floatOptions());
    auto e = torch::zeros({p.numel}, p.floatOptions());
    for (std::int64_t i = 0; i < p.numel; ++i) {
        e.fill_(0.0f);
        e[i] = 1.0f;
        h.select(0, i).copy_(hvp.apply(e));
        reportProgress(progress, static_cast<int>(i + 1), total);
    }
    auto hd = h.to(torch::kCPU, torch::kFloat64);
    return (hd + hd.t()).mul_(0.5);
}

} // namespace

std::vector<double> exactHessian(
    Problem& problem, std::int64_t maxParameters, const HvpGraphOptions& graph, ProbeCost* cost)
{
    auto& p = implOf(problem);
    if (p.numel > maxParameters)
        throw InputError("the exact Hessian of " + std::to_string(p.numel)
            + " parameters is larger than the limit of " + std::to_string(maxParameters)
            + " parameters");
    CostTracker tracker(p);
    HvpEngine hvp(p, HvpMode::Exact, 0.0, graph);
    auto h = denseHessian(p, hvp, {}, static_cast<int>(p.numel)).contiguous();
    if (cost)
        *cost = tracker.cost();
    return std::vector<double>(h.data_ptr<double>(), h.data_ptr<double>() + h.numel());
}

SpectrumResult hessianSpectrum(
    Problem& problem, const SpectrumOptions& options, const ProgressFn& progress)
{
    checkSpectrumOptions(options);
    auto& p = implOf(problem);
    SpectrumResult r;
    CostTracker tracker(p);
    HvpEngine hvp(p, options.hvp, options.fdEpsilon, options.graph);
    r.hvpPlan = hvp.plan();
    const std::int64_t n = p.numel;

    if (options.exactUpTo > 0 && n <= options.exactUpTo) {
        r.method = "exact";
        auto h = denseHessian(p, hvp, progress, static_cast<int>(n));
        auto values = at::linalg_eigvalsh(h, "L").contiguous(); // ascending
        r.eigenvalues.assign(values.data_ptr<double>(), values.data_ptr<double>() + n);
        r.trace = h.diagonal().sum().item<double>();
        const auto topK = std::min<std::int64_t>(options.topK, n);
        const auto bottomK = std::min<std::int64_t>(options.bottomK, n);
        for (std::int64_t i = 0; i < topK; ++i) {
            r.top.push_back(r.eigenvalues[static_cast<std::size_t>(n - 1 - i)]);
            r.topResiduals.push_back(0.0);
        }
        for (std::int64_t i = 0; i < std::max<std::int64_t>(bottomK, 1); ++i) {
            r.bottom.push_back(r.eigenvalues[static_cast<std::size_t>(i)]);
            r.bottomResiduals.push_back(0.0);
        }
        r.iterations = static_cast<int>(n);
        r.converged = true;
        finishExtremes(r);
        if (options.densityRuns > 0) {
            std::vector<double> weights(static_cast<std::size_t>(n), 1.0 / double(n));
            densityOnGrid(r, r.eigenvalues, weights, r.lambdaMin, r.lambdaMax, options.gridPoints,
                options.bandwidth);
        }
        r.cost = tracker.cost();
        return r;
    }

    r.method = "lanczos";
    const int steps = static_cast<int>(std::min<std::int64_t>(options.maxIterations, n));
    const int densitySteps = static_cast<int>(std::min<std::int64_t>(options.densitySteps, n));
    const int total = steps + options.densityRuns * densitySteps;
    int done = 0;
    std::vector<double> alpha, beta;
    double lastBeta = 0.0;
    {
        auto gen = makeGenerator(deriveSeed(options.seed, 41));
        auto start = torch::randn({n}, gen, torch::kFloat32).to(p.device());
        start.div_(start.norm());
        lanczos(hvp, start, steps, alpha, beta, lastBeta,
            [&](const std::vector<double>& a, const std::vector<double>& b, double next) {
                reportProgress(progress, ++done, total);
                const auto k = static_cast<std::int64_t>(a.size());
                const auto wantedTop = std::min<std::int64_t>(options.topK, k);
                const auto wantedBottom = std::min<std::int64_t>(options.bottomK, k);
                if (k < std::min<std::int64_t>(options.topK + options.bottomK, n))
                    return false; // not yet as many Ritz values as wanted
                auto [values, vectors] = tridiagonalEigen(a, b);
                const auto va = values.accessor<double, 1>();
                const auto sa = vectors.accessor<double, 2>();
                const double scale = std::max(std::abs(va[0]), std::abs(va[k - 1]));
                const double limit = options.relativeTolerance * std::max(scale, 1e-30);
                for (std::int64_t i = 0; i < wantedTop; ++i)
                    if (next * std::abs(sa[k - 1][k - 1 - i]) > limit)
                        return false;
                for (std::int64_t i = 0; i < wantedBottom; ++i)
                    if (next * std::abs(sa[k - 1][i]) > limit)
                        return false;
                return true;
            });
    }
    done = steps;
    {
        auto [values, vectors] = tridiagonalEigen(alpha, beta);
        const auto k = values.size(0);
        const auto va = values.accessor<double, 1>();
        const auto sa = vectors.accessor<double, 2>();
        const double scale = std::max(std::abs(va[0]), std::abs(va[k - 1]));
        const double limit = options.relativeTolerance * std::max(scale, 1e-30);
        r.iterations = static_cast<int>(k);
        r.converged = true;
        // |β_k s_{k,i}| = ‖H yᵢ − θᵢ yᵢ‖ bounds |θᵢ − λ| for some eigenvalue λ of
        // H.
        for (std::int64_t i = 0; i < std::min<std::int64_t>(options.topK, k); ++i) {
            r.top.push_back(va[k - 1 - i]);
            r.topResiduals.push_back(lastBeta * std::abs(sa[k - 1][k - 1 - i]));
            r.converged = r.converged && r.topResiduals.back() <= limit;
        }
        for (std::int64_t i = 0; i < std::min<std::int64_t>(std::max(options.bottomK, 1), k); ++i) {
            r.bottom.push_back(va[i]);
            r.bottomResiduals.push_back(lastBeta * std::abs(sa[k - 1][i]));
            if (i < options.bottomK)
                r.converged = r.converged && r.bottomResiduals.back() <= limit;
        }
        finishExtremes(r);
    }
    r.trace = kNaN;

    if (options.densityRuns > 0) {
        // SLQ: each run's Ritz values θⱼ are quadrature nodes with weights (first
        // component of their eigenvector)², so Σⱼ wⱼ f(θⱼ) ≈ q₀ᵀ f(H) q₀ and its
        // mean over random unit q₀ is tr f(H)/n.
        std::vector<double> nodes, weights;
        auto gen = makeGenerator(deriveSeed(options.seed, 42));
        double lo = r.lambdaMin;
        double hi = r.lambdaMax;
        for (int run = 0; run < options.densityRuns; ++run) {
            auto start = torch::randint(0, 2, {n}, gen, torch::kFloat32)
                             .mul_(2)
                             .sub_(1)
                             .div_(std::sqrt(double(n)))
                             .to(p.device());
            std::vector<double> a, b;
            double last = 0.0;
            lanczos(hvp, start, densitySteps, a, b, last,
                [&](const std::vector<double>&, const std::vector<double>&, double) {
                    reportProgress(progress, ++done, total);
                    return false;
                });
            auto [values, vectors] = tridiagonalEigen(a, b);
            const auto va = values.accessor<double, 1>();
            const auto sa = vectors.accessor<double, 2>();
            for (std::int64_t j = 0; j < values.size(0); ++j) {
                nodes.push_back(va[j]);
                weights.push_back(sa[0][j] * sa[0][j] / options.densityRuns);
                lo = std::min(lo, va[j]);
                hi = std::max(hi, va[j]);
            }
        }
        r.densityRuns = options.densityRuns;
        densityOnGrid(r, nodes, weights, lo, hi, options.gridPoints, options.bandwidth);
    }
    r.cost = tracker.cost();
    return r;
}

} // namespace borehole
