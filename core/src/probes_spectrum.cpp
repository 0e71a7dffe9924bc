// Spectral probes of the Hessian: top eigenvalue by power iteration and by Lanczos, and the
// trace (exact for small models, else Hutchinson or Hutch++). Every product goes through one
// HvpEngine per probe, which reuses the gradient graph at θ.
#include "borehole/probes.h"

#include "hvp_engine.h"
#include "batched_points.h"
#include "internal.h"
#include "text.h"

#include <cmath>
#include <limits>

namespace borehole {
namespace {

void checkEigenOptions(const EigenOptions& o)
{
    if (!(o.relativeTolerance > 0.0))
        throw InputError("eigenvalue tolerance must be positive, got "
                         + formatNumber(o.relativeTolerance));
    if (o.maxIterations < 1)
        throw InputError("eigenvalue iteration cap must be at least 1, got "
                         + std::to_string(o.maxIterations));
}

torch::Tensor randomUnit(Problem::Impl& p, std::uint64_t seed)
{
    auto gen = makeGenerator(seed);
    auto v = torch::randn({p.numel}, gen, torch::kFloat32).to(p.device());
    return v / v.norm();
}

} // namespace

EigenResult topEigenvaluePower(Problem& problem, const EigenOptions& options,
                               const ProgressFn& progress)
{
    checkEigenOptions(options);
    auto& p = implOf(problem);
    EigenResult r;
    r.method = "power";
    r.start = "random";
    CostTracker tracker(p);
    HvpEngine hvp(p, options.hvp, options.fdEpsilon, options.graph);
    r.hvpPlan = hvp.plan();
    auto v = randomUnit(p, deriveSeed(options.seed, 11));
    double previous = std::numeric_limits<double>::quiet_NaN();
    for (int it = 0; it < options.maxIterations; ++it) {
        auto w = hvp.apply(v);
        // λ = vᵀHv (Rayleigh quotient of the unit v) and the residual ‖Hv − λv‖, which bounds
        // |λ − λᵢ| for some eigenvalue λᵢ of the symmetric H: one host sync for both norms.
        auto lambdaT = torch::dot(v, w);
        auto stats = torch::stack({lambdaT, w.norm(), (w - lambdaT * v).norm()})
                         .to(torch::kCPU, torch::kFloat64);
        const auto sa = stats.accessor<double, 1>();
        const double lambda = sa[0];
        const double wn = sa[1];
        const double residual = sa[2];
        r.history.push_back(lambda);
        r.value = lambda;
        r.iterations = it + 1;
        const double scale = std::max(std::abs(lambda), 1e-30);
        r.changes.push_back(std::isnan(previous) ? std::numeric_limits<double>::quiet_NaN()
                                                 : std::abs(lambda - previous) / scale);
        const double bound = residual / scale;
        r.errors.push_back(bound);
        reportProgress(progress, it + 1, options.maxIterations);
        if (wn == 0.0 || bound <= options.relativeTolerance) { // wn = 0: H v = 0
            r.converged = true;
            break;
        }
        previous = lambda;
        v = w / wn;
    }
    if (options.ritzVector)
        r.vector = Problem::Impl::toHost(v);
    r.cost = tracker.cost();
    return r;
}

std::string toString(LanczosBasis basis)
{
    return basis == LanczosBasis::Stored ? "stored" : "two-pass";
}

LanczosBasis parseLanczosBasis(const std::string& text)
{
    if (text == "stored")
        return LanczosBasis::Stored;
    if (text == "two-pass")
        return LanczosBasis::TwoPass;
    throw InputError("unknown Lanczos basis '" + text + "' (expected stored or two-pass)");
}

namespace {

/// w − c·q with c = qᵀw, in place and without a host synchronisation or a temporary vector.
void orthogonalizeAgainst(torch::Tensor& w, const torch::Tensor& q)
{
    w.addcmul_(q, torch::dot(q, w), -1.0);
}

/// One Lanczos step from q_j: w = H q_j − α_j q_j − β_{j−1} q_{j−1}, locally reorthogonalised
/// against q_j and q_{j−1}. `alpha` is computed when NaN (first pass) and taken as given when
/// regenerating the basis (second pass), so both passes perform the same operations.
torch::Tensor lanczosStep(HvpEngine& hvp, const torch::Tensor& current,
                          const torch::Tensor& previous, double betaPrevious, double& alpha)
{
    auto w = hvp.apply(current);
    if (std::isnan(alpha))
        alpha = torch::dot(current, w).item<double>();
    w.add_(current, -alpha);
    if (previous.defined())
        w.add_(previous, -betaPrevious);
    orthogonalizeAgainst(w, current);
    if (previous.defined())
        orthogonalizeAgainst(w, previous);
    return w;
}

} // namespace

EigenResult topEigenvalueLanczos(Problem& problem, const EigenOptions& options,
                                 const ProgressFn& progress)
{
    checkEigenOptions(options);
    auto& p = implOf(problem);
    EigenResult r;
    r.method = "lanczos";
    CostTracker tracker(p);
    HvpEngine hvp(p, options.hvp, options.fdEpsilon, options.graph);
    r.hvpPlan = hvp.plan();
    const bool stored = options.basis == LanczosBasis::Stored;
    const int m = static_cast<int>(std::min<std::int64_t>(options.maxIterations, p.numel));
    const std::uint64_t startSeed = deriveSeed(options.seed, 12);
    std::vector<torch::Tensor> basis; // Stored: every Lanczos vector
    std::vector<double> alpha;
    std::vector<double> beta; // beta[j] couples q[j] and q[j+1]
    torch::Tensor previous;
    // The start: the unit gradient plus 0.3 × a random unit vector when the graph kept for the
    // products holds the gradient anyway, else the random unit vector. Made again, identically,
    // by the two-pass basis's second pass.
    auto startVector = [&](std::string& kind) {
        auto v = randomUnit(p, startSeed);
        kind = "random";
        if (!options.gradientStart)
            return v;
        const auto g = hvp.keptGradient();
        if (!g.defined())
            return v;
        const double norm = g.norm().item<double>();
        if (!(norm > 0.0) || !std::isfinite(norm))
            return v;
        kind = "gradient";
        v = g / norm + 0.3 * v;
        return v / v.norm();
    };
    torch::Tensor current = startVector(r.start);
    if (stored)
        basis.push_back(current);
    torch::Tensor ritz; // eigenvector of T for the largest Ritz value (float64, on the CPU)
    for (int j = 0; j < m; ++j) {
        double a = std::numeric_limits<double>::quiet_NaN();
        auto w = lanczosStep(hvp, current,
                             previous, j > 0 ? beta[static_cast<std::size_t>(j - 1)] : 0.0, a);
        alpha.push_back(a);
        if (stored) {
            // Full reorthogonalisation, twice ("twice is enough"), keeps the basis orthogonal
            // in float32 so that no ghost copies of λmax appear.
            for (int pass = 0; pass < 2; ++pass)
                for (const auto& q : basis)
                    orthogonalizeAgainst(w, q);
        }
        const double b = w.norm().item<double>();

        // Ritz values of the (j+1)×(j+1) tridiagonal matrix T.
        const int k = j + 1;
        auto t = torch::zeros({k, k}, torch::kFloat64);
        auto ta = t.accessor<double, 2>();
        for (int i = 0; i < k; ++i) {
            ta[i][i] = alpha[static_cast<std::size_t>(i)];
            if (i + 1 < k) {
                ta[i][i + 1] = beta[static_cast<std::size_t>(i)];
                ta[i + 1][i] = beta[static_cast<std::size_t>(i)];
            }
        }
        auto eig = at::linalg_eigh(t, "L");
        auto values = std::get<0>(eig);
        auto vectors = std::get<1>(eig);
        const double theta = values[k - 1].item<double>();
        ritz = vectors.select(1, k - 1);
        const double lastComponent = std::abs(vectors[k - 1][k - 1].item<double>());
        // |β_j s_last| bounds ‖H y − θ y‖ for the Ritz pair (θ, y).
        const double residual = b * lastComponent;
        const double relative = residual / std::max(std::abs(theta), 1e-30);
        r.changes.push_back(r.history.empty()
                                ? std::numeric_limits<double>::quiet_NaN()
                                : std::abs(theta - r.history.back())
                                      / std::max(std::abs(theta), 1e-30));
        r.value = theta;
        r.history.push_back(theta);
        r.errors.push_back(relative);
        r.iterations = k;
        reportProgress(progress, k, m);
        if (relative <= options.relativeTolerance || b <= 1e-10 * std::max(std::abs(theta), 1.0)) {
            r.converged = true;
            break;
        }
        if (j + 1 == m)
            break;
        beta.push_back(b);
        previous = std::move(current);
        current = w.div_(b);
        if (stored)
            basis.push_back(current);
    }
    if (options.ritzVector) {
        const auto s = ritz.contiguous();
        const auto sa = s.accessor<double, 1>();
        torch::Tensor y;
        previous = current = torch::Tensor();
        if (stored) {
            y = torch::zeros_like(basis[0]);
            for (int i = 0; i < r.iterations; ++i)
                y.add_(basis[static_cast<std::size_t>(i)], sa[i]);
        } else {
            // Second pass: regenerate q_0 … q_{k−1} with the same operations (the stored α, β
            // and the seeded start), accumulating y = Σ s_i q_i.
            torch::Tensor before;
            std::string kind;
            torch::Tensor q = startVector(kind);
            y = q * sa[0];
            for (int i = 0; i + 1 < r.iterations; ++i) {
                double a = alpha[static_cast<std::size_t>(i)];
                auto w = lanczosStep(hvp, q, before,
                                     i > 0 ? beta[static_cast<std::size_t>(i - 1)] : 0.0, a);
                before = std::move(q);
                q = w.div_(beta[static_cast<std::size_t>(i)]);
                y.add_(q, sa[i + 1]);
                reportProgress(progress, m, m);
            }
        }
        basis.clear();
        y.div_(y.norm());
        r.vector = Problem::Impl::toHost(y);
    }
    r.cost = tracker.cost();
    return r;
}

std::string toString(TraceEstimator estimator)
{
    return estimator == TraceEstimator::Hutchinson ? "hutchinson" : "hutch++";
}

TraceEstimator parseTraceEstimator(const std::string& text)
{
    if (text == "hutchinson")
        return TraceEstimator::Hutchinson;
    if (text == "hutch++" || text == "hutchpp")
        return TraceEstimator::HutchPlusPlus;
    throw InputError("unknown trace estimator '" + text + "' (expected hutchinson or hutch++)");
}

namespace {

/// √((n−1)/χ²₀.₀₅(n−1)): the factor from a sample standard deviation of n draws to the 95 %
/// upper confidence bound of the true one (Wilson–Hilferty's χ² quantile, within 0.2 % for
/// n ≥ 5; normal samples — the quadratic forms are not, so this is a floor on the caution).
double standardErrorUpperFactor(int n)
{
    if (n < 2)
        return std::numeric_limits<double>::infinity();
    const double nu = n - 1.0;
    const double a = 2.0 / (9.0 * nu);
    const double q = nu * std::pow(1.0 - a - 1.6448536269514722 * std::sqrt(a), 3.0);
    return q > 0.0 ? std::sqrt(nu / q) : std::numeric_limits<double>::infinity();
}

} // namespace

TraceResult hutchinsonTrace(Problem& problem, const TraceOptions& options,
                            const ProgressFn& progress)
{
    if (options.minSamples < 2 || options.maxSamples < options.minSamples)
        throw InputError("trace sample bounds need 2 <= min <= max, got min "
                         + std::to_string(options.minSamples) + ", max "
                         + std::to_string(options.maxSamples));
    const bool plusPlus = options.estimator == TraceEstimator::HutchPlusPlus;
    if (plusPlus && options.sketchSize < 1)
        throw InputError("Hutch++ sketch size must be at least 1, got "
                         + std::to_string(options.sketchSize));
    auto& p = implOf(problem);
    TraceResult r;
    r.estimator = toString(options.estimator);
    CostTracker tracker(p);
    if (options.structural && options.hvp == HvpMode::Exact) {
        const ParameterRestore restore(p);
        std::string why;
        if (const auto exact = exactChainTrace(p, why)) {
            r.estimator = exact->piecewiseLinear ? "exact-gauss-newton" : "exact-diagonal";
            r.estimate = exact->trace;
            r.history.push_back(r.estimate);
            r.converged = true;
            r.cost = tracker.cost();
            reportProgress(progress, 1, 1);
            return r;
        }
    }
    HvpEngine hvp(p, options.hvp, options.fdEpsilon, options.graph);
    r.hvpPlan = hvp.plan();
    const std::int64_t samplingCap = (plusPlus ? 2 * std::int64_t(options.sketchSize) : 0)
                                     + options.maxSamples;
    if (options.exactUpTo > 0 && p.numel <= options.exactUpTo && p.numel <= samplingCap) {
        // Σᵢ eᵢᵀHeᵢ: n products, no more than sampling could cost, and no sampling error.
        r.estimator = "exact";
        auto e = torch::zeros({p.numel}, p.floatOptions());
        auto sum = torch::zeros({}, torch::TensorOptions().dtype(torch::kFloat64)
                                        .device(p.device()));
        const int total = static_cast<int>(p.numel);
        for (std::int64_t i = 0; i < p.numel; ++i) {
            e.fill_(0.0f);
            e[i] = 1.0f;
            sum.add_(hvp.apply(e)[i].to(torch::kFloat64));
            reportProgress(progress, static_cast<int>(i + 1), total);
        }
        r.estimate = sum.item<double>();
        r.history.push_back(r.estimate);
        r.samples = static_cast<int>(p.numel);
        r.converged = true;
        r.cost = tracker.cost();
        return r;
    }
    auto gen = makeGenerator(deriveSeed(options.seed, 21));
    auto rademacher = [&]() {
        return torch::randint(0, 2, {p.numel}, gen, torch::kFloat32).mul_(2).sub_(1)
            .to(p.device());
    };
    const int sketch = plusPlus ? static_cast<int>(std::min<std::int64_t>(options.sketchSize,
                                                                          p.numel))
                                : 0;
    const int total = 2 * sketch + options.maxSamples;
    int done = 0;
    torch::Tensor q; // [P, k] orthonormal basis of the sketched top subspace
    if (plusPlus) {
        std::vector<torch::Tensor> ys;
        for (int i = 0; i < sketch; ++i) {
            ys.push_back(hvp.apply(rademacher()));
            reportProgress(progress, ++done, total);
        }
        q = std::get<0>(at::linalg_qr(torch::stack(ys, 1), "reduced"));
        for (int i = 0; i < sketch; ++i) {
            auto qi = q.select(1, i).contiguous();
            r.lowRankPart += torch::dot(qi, hvp.apply(qi))
                                 .item<double>();
            reportProgress(progress, ++done, total);
        }
    }
    double mean = 0.0;
    double m2 = 0.0; // Welford's running sum of squared deviations
    for (int n = 1; n <= options.maxSamples; ++n) {
        auto z = rademacher();
        if (plusPlus) // project out the sketched subspace: z ← (I − QQᵀ) z
            z = z - torch::matmul(q, torch::matmul(q.t(), z));
        const double s = torch::dot(z, hvp.apply(z)).item<double>();
        const double delta = s - mean;
        mean += delta / n;
        m2 += delta * (s - mean);
        r.samples = n;
        r.estimate = r.lowRankPart + mean;
        r.history.push_back(r.estimate);
        r.standardError = n > 1 ? std::sqrt(m2 / (n - 1) / n) : 0.0;
        reportProgress(progress, ++done, total);
        // Stop on the 95 % upper confidence bound of the standard error, not on the estimate:
        // stopping as soon as a sample variance happens to be low underestimates it (on the
        // Boston MLP, 4 of 20 seeds ended more than two reported standard errors off the exact
        // trace; docs/benchmarks.md).
        if (n >= options.minSamples
            && r.standardError * standardErrorUpperFactor(n)
                   <= options.relativeTolerance * std::abs(r.estimate)) {
            r.converged = true;
            break;
        }
    }
    r.cost = tracker.cost();
    return r;
}

} // namespace borehole
