// Loss on a line or plane through θ. Models that allow it are evaluated many points per launch
// (BatchedPoints: stacked weights, one host synchronisation per block); others with one in-place
// axpy per parameter per point and a forward each, the losses staying on the device until the
// grid row ends, so a GPU sees no host synchronisation per grid point either way.
#include "borehole/landscape.h"
#include "borehole/surface_rows.h"

#include "batched_points.h"
#include "conv_chain.h"
#include "internal.h"
#include "text.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <chrono>
#include <functional>

namespace borehole {
namespace {

std::vector<double> axisValues(int n, double span)
{
    std::vector<double> v(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        v[static_cast<std::size_t>(i)] = n == 1 ? 0.0 : -span + 2.0 * span * i / (n - 1);
    return v;
}

void checkGrid(int resolution, double span)
{
    if (resolution < 2 || resolution > 1001)
        throw InputError("grid resolution must be between 2 and 1001, got "
                         + std::to_string(resolution));
    if (!(span > 0.0))
        throw InputError("grid span must be positive, got " + formatNumber(span));
}

/// Appends s/√m·√(1−m/N) for each sample variance s² of m per-row losses drawn without
/// replacement from N rows.
void appendStandardErrors(const torch::Tensor& variances, std::int64_t m, std::int64_t n,
                          std::vector<double>& out)
{
    const double fpc = 1.0 - static_cast<double>(m) / static_cast<double>(n);
    for (double s2 : toDoubles(variances))
        out.push_back(std::sqrt(std::max(s2, 0.0) / static_cast<double>(m) * fpc));
}

/// Losses of grid points, kept on the device until flush() so that a batch of points costs one
/// host synchronisation. When the probe rows are a subsample of the training rows, each point
/// also keeps the sample variance of its per-row losses, taken from the same forward pass.
class PointLosses
{
public:
    explicit PointLosses(Problem::Impl& p)
        : m_problem(p), m_sampling(p.subsampled() && p.probeX.size(0) >= 2)
    {
    }

    /// Evaluates L at the current θ on the probe rows, by the model's forward or, when given,
    /// by a convolutional chain that computes the same.
    void evaluate(ConvChain* chain = nullptr)
    {
        auto& p = m_problem;
        if (!m_sampling && !chain) {
            m_means.push_back(p.lossTensorNoGrad(p.probeX, p.probeY));
            return;
        }
        torch::NoGradGuard noGrad;
        ++p.counters.forwards;
        const auto prediction = chain ? chain->forward() : p.forward(p.probeX);
        m_means.push_back(p.lossOf(prediction, p.probeY));
        if (!m_sampling)
            return;
        const auto rows = p.rowLossesOf(prediction, p.probeY);
        if (rows.defined())
            m_variances.push_back(rows.to(torch::kFloat64).var(/*unbiased=*/true));
        else
            m_sampling = false; // not a row mean: no standard error for this grid
    }

    /// Moves the losses (and standard errors, when sampling) of the points evaluated since the
    /// last flush to the host.
    void flush(std::vector<double>& values, std::vector<double>& standardErrors)
    {
        if (m_means.empty())
            return;
        const auto v = toDoubles(torch::stack(m_means));
        values.insert(values.end(), v.begin(), v.end());
        if (m_sampling && m_variances.size() == m_means.size())
            appendStandardErrors(torch::stack(m_variances), sampleRows(), populationRows(),
                                 standardErrors);
        m_means.clear();
        m_variances.clear();
    }

    /// Whether standard errors are being computed (cleared if the loss is not a row mean).
    bool sampling() const { return m_sampling; }
    std::int64_t sampleRows() const { return m_problem.probeX.size(0); }
    std::int64_t populationRows() const { return implOf(m_problem.data).trainX.size(0); }

private:
    Problem::Impl& m_problem;
    bool m_sampling;
    std::vector<torch::Tensor> m_means;
    std::vector<torch::Tensor> m_variances;
};

/// While it lives, keeps a model's 4-D parameters (2-D convolution weights) in channels-last
/// memory format, then restores the format each had. Only the strides change: the values, their
/// logical order and every flat ↔ parameter copy in core (view_as, reshape, copy_, add_) are the
/// same. oneDNN runs convolutions, batch norm and pooling on channels-last activations two to
/// three times faster on a CPU (a 2-layer CNN's forward on the 8×8 digits: 32 against 80 ms);
/// the layout of the weights decides the layout of the activations.
class ChannelsLastWeights
{
public:
    explicit ChannelsLastWeights(Problem::Impl& p)
    {
        torch::NoGradGuard noGrad;
        for (auto& w : p.params())
            if (convertible(w)) {
                m_converted.push_back(w);
                w.set_data(w.contiguous(torch::MemoryFormat::ChannelsLast));
            }
    }
    ~ChannelsLastWeights()
    {
        torch::NoGradGuard noGrad;
        for (auto& w : m_converted)
            w.set_data(w.contiguous());
    }
    ChannelsLastWeights(const ChannelsLastWeights&) = delete;
    ChannelsLastWeights& operator=(const ChannelsLastWeights&) = delete;

    /// Whether the model has 4-D parameters in another layout (a layout worth timing).
    static bool applies(Problem::Impl& p)
    {
        const auto& params = p.params();
        return std::any_of(params.begin(), params.end(), convertible);
    }

private:
    static bool convertible(const torch::Tensor& w)
    {
        return w.dim() == 4 && !w.is_contiguous(torch::MemoryFormat::ChannelsLast);
    }

    std::vector<torch::Tensor> m_converted;
};

/// The points of a grid, evaluated one forward per point or B per launch (BatchedPoints) as the
/// options, the model and, for PointBatching::Auto, a timing trial on the grid's first points
/// decide; evaluation() says which path the grid took and why.
class BatchedGrid
{
public:
    /// `first` are the coefficients of the grid's first point, used to check the stacked path.
    BatchedGrid(Problem::Impl& p, const torch::Tensor& theta, std::vector<torch::Tensor> dirs,
                PointBatching mode, std::int64_t budgetBytes, const std::vector<double>& first,
                std::int64_t gridPoints, const char* perPointReason = nullptr)
        : m_problem(p), m_theta(theta), m_dirs(std::move(dirs)),
          m_sampling(p.subsampled() && p.probeX.size(0) >= 2), m_losses(p)
    {
        std::string why = perPointReason ? perPointReason : "";
        if (mode == PointBatching::Off)
            why = "point batching is off";
        if (budgetBytes <= 0)
            budgetBytes = p.device().is_cuda() ? kGpuPointBatchBytes : kCpuPointBatchBytes;
        if (why.empty())
            m_batched = BatchedPoints::make(p, m_theta, m_dirs, budgetBytes, why);
        if (m_batched)
            why = m_batched->check(m_theta, m_dirs, first);
        if (!why.empty())
            m_batched.reset();
        if (m_batched) {
            m_block = std::max<std::int64_t>(1, std::min(m_batched->blockSize(), gridPoints));
            m_tuning = mode == PointBatching::Auto;
            m_evaluation = "batched (" + std::to_string(m_block) + " points per launch)";
        } else {
            m_perPointReason = why;
            m_evaluation = "per point: " + why;
            const bool tunable = mode == PointBatching::Auto && !perPointReason;
            if (tunable) { // a convolutional chain is a candidate only once it computes the same
                std::string chainWhy;
                m_chain = ConvChain::make(p, chainWhy);
                if (m_chain && !m_chain->check(m_theta, m_dirs, first).empty())
                    m_chain.reset();
            }
            m_layoutTuning = tunable && (ChannelsLastWeights::applies(p) || m_chain);
        }
    }

    const std::string& evaluation() const { return m_evaluation; }
    const std::vector<PointBatchTrial>& trials() const { return m_trials; }

    /// Losses (and standard errors when the rows are subsampled) of the points whose
    /// coefficients are consecutive k-tuples of `coefficients`, in order; one host
    /// synchronisation per block (batched) or per kChunk points (per point). `afterBlock(points
    /// done)` runs after each. The first call of an Auto grid times the settings on its first
    /// points (see PointBatching::Auto) and keeps the fastest for the rest of the grid.
    void evaluate(const std::vector<double>& coefficients, std::size_t k,
                  std::vector<double>& values, std::vector<double>& standardErrors,
                  const std::function<void(std::size_t)>& afterBlock = {})
    {
        const std::size_t points = coefficients.size() / k;
        if (points == 0)
            return;
        Range r{coefficients, k, values, standardErrors, afterBlock, {}};
        m_current.clear(); // θ is set afresh at the first point of every list
        if (m_batched) // one upload for the whole list: a blocking copy to a GPU waits for it
            r.uploaded = m_batched->coefficients(coefficients, static_cast<std::int64_t>(points));
        std::size_t start = 0;
        if (m_tuning) {
            m_tuning = false;
            start = tune(r, points);
        } else if (m_layoutTuning) {
            m_layoutTuning = false;
            start = tuneLayout(r, points);
        }
        run(r, m_block, start, points);
    }

private:
    /// One list of points being evaluated.
    struct Range
    {
        const std::vector<double>& coefficients;
        std::size_t k;
        std::vector<double>& values;
        std::vector<double>& standardErrors;
        const std::function<void(std::size_t)>& afterBlock;
        torch::Tensor uploaded; ///< the coefficients on the device (batched only)
    };

    /// Evaluates points [from, to) of the list with `block` points per launch (1: per point).
    void run(Range& r, std::int64_t block, std::size_t from, std::size_t to)
    {
        if (block <= 1)
            runPerPoint(r, from, to);
        else
            runBatched(r, static_cast<std::size_t>(block), from, to);
    }

    void runBatched(Range& r, std::size_t block, std::size_t from, std::size_t to)
    {
        for (std::size_t start = from; start < to; start += block) {
            const std::size_t count = std::min(block, to - start);
            const auto l = m_batched->evaluate(r.uploaded.narrow(
                0, static_cast<std::int64_t>(start), static_cast<std::int64_t>(count)));
            const auto v = toDoubles(l.losses);
            r.values.insert(r.values.end(), v.begin(), v.end());
            if (m_sampling)
                appendStandardErrors(l.variances, m_problem.probeX.size(0),
                                     implOf(m_problem.data).trainX.size(0), r.standardErrors);
            if (r.afterBlock)
                r.afterBlock(start + count);
        }
    }

    /// One forward per point. Along a grid row (only the first coefficient changes) θ moves by
    /// one axpy per point; elsewhere it is set to θ₀ + Σ cₖ dₖ afresh.
    void runPerPoint(Range& r, std::size_t from, std::size_t to)
    {
        constexpr std::size_t kChunk = 64;
        auto& p = m_problem;
        for (std::size_t i = from; i < to; ++i) {
            const double* c = r.coefficients.data() + i * r.k;
            bool step = !m_current.empty();
            for (std::size_t j = 1; step && j < r.k; ++j)
                step = m_current[j] == c[j];
            if (m_dirViews.empty()) { // per-parameter views, made once per grid
                m_thetaViews = p.unflatten(m_theta);
                for (const auto& d : m_dirs)
                    m_dirViews.push_back(p.unflatten(d));
            }
            torch::NoGradGuard noGrad;
            auto& params = p.params();
            auto add = [&](const std::vector<torch::Tensor>& views, double alpha) {
                for (std::size_t i = 0; i < params.size(); ++i)
                    params[i].add_(views[i], alpha);
            };
            if (step) {
                add(m_dirViews[0], c[0] - m_current[0]);
            } else {
                for (std::size_t i = 0; i < params.size(); ++i)
                    params[i].copy_(m_thetaViews[i]);
                for (std::size_t j = 0; j < r.k; ++j)
                    if (c[j] != 0.0)
                        add(m_dirViews[j], c[j]);
            }
            m_current.assign(c, c + r.k);
            m_losses.evaluate(m_useChain ? &*m_chain : nullptr);
            // Flushed every kChunk points (one host synchronisation each) and where a grid row
            // ends (the next point's other coefficients differ), so that rows arrive live.
            bool rowEnds = false;
            for (std::size_t j = 1; i + 1 < to && j < r.k && !rowEnds; ++j)
                rowEnds = c[r.k + j] != c[j];
            if ((i + 1 - from) % kChunk == 0 || i + 1 == to || rowEnds) {
                m_losses.flush(r.values, r.standardErrors);
                if (r.afterBlock)
                    r.afterBlock(i + 1);
            }
        }
    }

    /// Evaluates `count` points from `from` with `block` points per launch; returns the wall
    /// seconds per point until their values reached the host (a timing trial).
    double timedRun(Range& r, std::int64_t block, std::size_t from, std::size_t count)
    {
        const auto start = std::chrono::steady_clock::now();
        run(r, block, from, from + count); // ends with the values on the host
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()
               / static_cast<double>(count);
    }

    /// PointBatching::Auto: times one forward per point and 2, 4, 8, … points per launch on
    /// the list's first points (at most a third of them), in up to three interleaved rounds,
    /// and keeps the fastest in m_block. Returns the points evaluated.
    std::size_t tune(Range& r, std::size_t points)
    {
        const std::size_t budget = points / 3;
        const std::int64_t largest = m_block;
        std::size_t next = 0;
        auto trial = [&](std::int64_t block) {
            // At least 4 points and a whole number of blocks: a block is timed as it runs.
            const auto b = static_cast<std::size_t>(block);
            const std::size_t count = (4 + b - 1) / b * b;
            if (next + count > budget)
                return false;
            const double perPoint = timedRun(r, block, next, count);
            next += count;
            auto it = std::find_if(m_trials.begin(), m_trials.end(), [&](const auto& t) {
                return t.pointsPerLaunch == block;
            });
            if (it == m_trials.end()) {
                m_trials.push_back({block, 0, perPoint});
                it = m_trials.end() - 1;
            }
            it->points += static_cast<std::int64_t>(count);
            it->secondsPerPoint = std::min(it->secondsPerPoint, perPoint);
            return true;
        };
        auto best = [&] {
            return std::min_element(m_trials.begin(), m_trials.end(), [](const auto& a,
                                                                         const auto& b) {
                return a.secondsPerPoint < b.secondsPerPoint;
            });
        };
        // Round 1: per point, then doubling blocks until one is clearly slower than the best
        // (past the cache on a CPU) or the memory bound or the trial budget is reached.
        // Rounds 2 and 3: per point and every block within kKeep× of the best, again, each
        // keeping its fastest round: small trials are often interrupted on a shared machine,
        // and the fastest of three is what the setting costs when it is not.
        constexpr int kRounds = 3;
        constexpr double kKeep = 2.0;
        auto slow = [&] {
            return m_trials.back().secondsPerPoint > kKeep * best()->secondsPerPoint;
        };
        if (trial(1)) {
            for (std::int64_t block = std::min<std::int64_t>(2, largest); block >= 2;) {
                if (!trial(block))
                    break;
                // A block that looks slow is timed once more before it ends the doubling: one
                // interrupted trial must not hide the larger blocks.
                if ((slow() && (!trial(block) || slow())) || block == largest)
                    break;
                block = std::min(2 * block, largest); // the memory bound is tried too
            }
            for (int round = 1; round < kRounds; ++round) {
                const double cut = kKeep * best()->secondsPerPoint;
                std::vector<std::int64_t> again;
                for (const auto& t : m_trials)
                    if (t.pointsPerLaunch == 1 || t.secondsPerPoint <= cut)
                        again.push_back(t.pointsPerLaunch);
                for (auto block : again)
                    if (!trial(block))
                        break;
            }
        }
        if (m_trials.size() < 2) {
            m_block = 1;
            m_evaluation = "per point: too few grid points to time point batching ("
                           + std::to_string(points) + ")";
            return next;
        }
        m_block = best()->pointsPerLaunch;
        const std::string timed =
            "fastest of " + std::to_string(m_trials.size()) + " timed settings";
        m_evaluation = m_block > 1 ? "batched (" + std::to_string(m_block)
                                         + " points per launch, " + timed + ")"
                                   : "per point: " + timed;
        return next;
    }

    /// PointBatching::Auto on a per-point grid of a model with convolution weights: times
    /// kPoints points with the weights as they are, kPoints with them channels-last and, for a
    /// model ConvChain reads, kPoints by the chain, in three interleaved rounds on the list's
    /// first points (at most a third of them), and keeps the fastest for the rest of the grid.
    /// Returns the points evaluated.
    std::size_t tuneLayout(Range& r, std::size_t points)
    {
        constexpr std::size_t kPoints = 2;
        constexpr int kRounds = 3;
        enum Setting { Contiguous, ChannelsLast, Chain };
        std::vector<Setting> settings{Contiguous};
        if (ChannelsLastWeights::applies(m_problem))
            settings.push_back(ChannelsLast);
        if (m_chain)
            settings.push_back(Chain);
        if (settings.size() < 2 || points / 3 < settings.size() * kPoints * kRounds) {
            m_chain.reset(); // too few points to compare: the model's forward, weights as they are
            return 0;
        }
        std::size_t next = 0;
        std::vector<double> seconds(settings.size(), std::numeric_limits<double>::infinity());
        for (int round = 0; round < kRounds; ++round)
            for (std::size_t i = 0; i < settings.size(); ++i) {
                if (settings[i] == ChannelsLast)
                    m_channelsLast.emplace(m_problem);
                m_useChain = settings[i] == Chain;
                seconds[i] = std::min(seconds[i], timedRun(r, 1, next, kPoints));
                m_channelsLast.reset();
                m_useChain = false;
                next += kPoints;
            }
        static const char* const kLayouts[] = {"contiguous", "channels-last", "folded-chain"};
        for (std::size_t i = 0; i < settings.size(); ++i)
            m_trials.push_back({1, static_cast<std::int64_t>(kPoints) * kRounds, seconds[i],
                                kLayouts[settings[i]]});
        const auto fastest = settings[static_cast<std::size_t>(
            std::min_element(seconds.begin(), seconds.end()) - seconds.begin())];
        if (fastest == ChannelsLast)
            m_channelsLast.emplace(m_problem); // until the grid is destroyed
        m_useChain = fastest == Chain;
        if (!m_useChain)
            m_chain.reset();
        const std::string choice =
            fastest == Chain ? "core's own calls for the layers (" + m_chain->summary() + ")"
                             : std::string("weights ")
                                   + (fastest == ChannelsLast ? "channels-last" : "contiguous");
        m_evaluation = "per point: " + m_perPointReason + " (" + choice + ": the "
                       + (settings.size() == 2 ? "faster of 2 timed layouts"
                                               : "fastest of 3 timed layouts")
                       + ")";
        return next;
    }

    Problem::Impl& m_problem;
    torch::Tensor m_theta;
    std::vector<torch::Tensor> m_dirs;
    /// θ and the directions as views shaped like the parameters (per-point path): a point's move
    /// is then one add per parameter, not a narrow, a view and an add.
    std::vector<torch::Tensor> m_thetaViews;
    std::vector<std::vector<torch::Tensor>> m_dirViews;
    bool m_sampling;
    PointLosses m_losses;
    std::optional<BatchedPoints> m_batched;
    std::int64_t m_block = 1; ///< points per launch; 1: one forward per point
    bool m_tuning = false;
    bool m_layoutTuning = false;
    /// Set while the weights are channels-last (a layout trial, or the layout it chose).
    std::optional<ChannelsLastWeights> m_channelsLast;
    /// A convolutional chain that computes the model's losses (checked), and whether the grid
    /// evaluates its points by it (a trial, or the setting the trial chose).
    std::optional<ConvChain> m_chain;
    bool m_useChain = false;
    std::vector<double> m_current; ///< coefficients of the point θ is at (per point)
    std::vector<PointBatchTrial> m_trials;
    std::string m_perPointReason; ///< why the grid is not batched (per point only)
    std::string m_evaluation;
};

/// A direction as a tensor: on the CPU a read-only view of the caller's vector, so that a
/// surface holds θ₀, d₁ and d₂ once each rather than twice; elsewhere a device copy.
torch::Tensor directionTensor(const Problem::Impl& p, const std::vector<float>& v,
                              const char* what)
{
    if (!p.device().is_cpu() || static_cast<std::int64_t>(v.size()) != p.numel)
        return p.fromHost(v, what); // copies to the device, or throws on a size mismatch
    return torch::from_blob(const_cast<float*>(v.data()), {p.numel}, torch::kFloat32);
}

/// ∂²/∂α² + ∂²/∂β² by second differences; edges use the nearest interior value.
std::vector<double> gridLaplacian(const Grid2D& g)
{
    const std::size_t nx = g.nx();
    const std::size_t ny = g.ny();
    std::vector<double> out(g.values.size(), 0.0);
    const double hx = g.x.values[1] - g.x.values[0];
    const double hy = g.y.values[1] - g.y.values[0];
    auto second = [&](std::size_t ix, std::size_t iy) {
        const std::size_t cx = std::min(std::max<std::size_t>(ix, 1), nx - 2);
        const std::size_t cy = std::min(std::max<std::size_t>(iy, 1), ny - 2);
        const double dxx = nx >= 3 ? (g.at(cx - 1, iy) - 2 * g.at(cx, iy) + g.at(cx + 1, iy))
                                         / (hx * hx)
                                   : 0.0;
        const double dyy = ny >= 3 ? (g.at(ix, cy - 1) - 2 * g.at(ix, cy) + g.at(ix, cy + 1))
                                         / (hy * hy)
                                   : 0.0;
        return dxx + dyy;
    };
    for (std::size_t iy = 0; iy < ny; ++iy)
        for (std::size_t ix = 0; ix < nx; ++ix)
            out[iy * nx + ix] = second(ix, iy);
    return out;
}

/// Catmull-Rom weights for a point at fraction t between samples 1 and 2 of four.
void cubicWeights(double t, double w[4])
{
    const double t2 = t * t;
    const double t3 = t2 * t;
    w[0] = 0.5 * (-t3 + 2 * t2 - t);
    w[1] = 0.5 * (3 * t3 - 5 * t2 + 2);
    w[2] = 0.5 * (-3 * t3 + 4 * t2 + t);
    w[3] = 0.5 * (t3 - t2);
}

/// Bicubic (Catmull-Rom) interpolation of the coarse lattice `kx` × `ky` (indices into the fine
/// axes) at fine index (ix, iy). Beyond the lattice's edges the samples are extrapolated
/// quadratically, so quadratic surfaces are reproduced exactly everywhere.
double interpolate(const std::vector<double>& fine, std::size_t nx, const std::vector<int>& kx,
                   const std::vector<int>& ky, int ix, int iy)
{
    auto locate = [](const std::vector<int>& knots, int i, int& cell, double& t) {
        cell = 0;
        while (cell + 2 < static_cast<int>(knots.size())
               && knots[static_cast<std::size_t>(cell + 1)] <= i)
            ++cell;
        const int a = knots[static_cast<std::size_t>(cell)];
        const int b = knots[static_cast<std::size_t>(cell + 1)];
        t = b > a ? static_cast<double>(i - a) / (b - a) : 0.0;
    };
    // Value of lattice knot k along one axis given the in-range accessor; ghost knots −1 and K
    // come from quadratic (or, with two knots, linear) extrapolation.
    auto along = [](int k, int count, const auto& at) {
        if (k >= 0 && k < count)
            return at(k);
        const int e = k < 0 ? 0 : count - 1;
        const int step = k < 0 ? 1 : -1;
        if (count >= 3)
            return 3 * at(e) - 3 * at(e + step) + at(e + 2 * step);
        return 2 * at(e) - at(e + step);
    };
    int cx = 0, cy = 0;
    double tx = 0, ty = 0;
    locate(kx, ix, cx, tx);
    locate(ky, iy, cy, ty);
    double wx[4], wy[4];
    cubicWeights(tx, wx);
    cubicWeights(ty, wy);
    const int nkx = static_cast<int>(kx.size());
    const int nky = static_cast<int>(ky.size());
    auto lattice = [&](int i, int j) {
        return fine[static_cast<std::size_t>(ky[static_cast<std::size_t>(j)]) * nx
                    + static_cast<std::size_t>(kx[static_cast<std::size_t>(i)])];
    };
    double v = 0.0;
    for (int j = 0; j < 4; ++j) {
        auto row = [&](int jj) {
            double r = 0.0;
            for (int i = 0; i < 4; ++i)
                r += wx[i] * along(cx - 1 + i, nkx, [&](int k) { return lattice(k, jj); });
            return r;
        };
        v += wy[j] * along(cy - 1 + j, nky, row);
    }
    return v;
}

std::vector<int> knots(int n, int stride)
{
    std::vector<int> k;
    for (int i = 0; i < n - 1; i += stride)
        k.push_back(i);
    k.push_back(n - 1);
    return k;
}

std::string directionUnit(const DirectionOptions& o)
{
    return o.filterNormalize ? "× filter-normalised direction" : "× direction scaled to ‖θ‖";
}

/// Coarse-to-fine evaluation of g.values (see SurfaceOptions::refine).
/// A grid's axes, names, centre value and directions without any values: what a partial grid
/// (live rows, a refinement's coarse level) carries besides the values it has so far.
Grid2D gridHeader(const Grid2D& g)
{
    Grid2D h;
    h.x = g.x;
    h.y = g.y;
    h.valueName = g.valueName;
    h.centerValue = g.centerValue;
    h.directionKind = g.directionKind;
    h.directionCosine = g.directionCosine;
    return h;
}

void refinePlane(Problem::Impl& p, const SurfaceOptions& options, BatchedGrid& batched, Grid2D& g,
                 const ProgressFn& progress, const GridRowsFn& onLevel = {})
{
    const int nx = static_cast<int>(g.nx());
    const int ny = static_cast<int>(g.ny());
    g.values.assign(static_cast<std::size_t>(nx) * ny, 0.0);
    g.evaluated.assign(g.values.size(), 0);
    if (p.subsampled() && p.probeX.size(0) >= 2)
        g.standardError.assign(g.values.size(), 0.0);
    const auto kx = knots(nx, options.refineStride);
    const auto ky = knots(ny, options.refineStride);
    // Evaluates the listed points, keeping losses on the device until a block (batched) or a
    // chunk of points (per point) ends; afterChunk(points done) runs between them.
    auto evaluate = [&](const std::vector<std::pair<int, int>>& points,
                        const std::function<void(std::size_t)>& afterChunk) {
        std::vector<double> values, errors, coefficients;
        for (const auto& [ix, iy] : points) {
            coefficients.push_back(g.x.values[static_cast<std::size_t>(ix)]);
            coefficients.push_back(g.y.values[static_cast<std::size_t>(iy)]);
        }
        batched.evaluate(coefficients, 2, values, errors, afterChunk);
        if (errors.size() != values.size())
            g.standardError.clear();
        for (std::size_t i = 0; i < values.size(); ++i) {
            const auto at = static_cast<std::size_t>(points[i].second) * nx + points[i].first;
            g.values[at] = values[i];
            g.evaluated[at] = 1;
            if (!g.standardError.empty())
                g.standardError[at] = errors[i];
        }
    };
    // Three lists — the coarse lattice, every cell's centre, the points of the cells whose centre
    // missed — so that a GPU evaluates each in few launches. A cell's decision reads only the
    // coarse lattice and its own centre, so the order of cells does not matter.
    const int cells = static_cast<int>((kx.size() - 1) * (ky.size() - 1));
    const int total = 1 + cells;
    std::vector<std::pair<int, int>> coarse;
    for (int iy : ky)
        for (int ix : kx)
            coarse.emplace_back(ix, iy);
    evaluate(coarse, {});
    reportProgress(progress, 1, total);
    if (onLevel) { // the coarse level as a preview: the lattice, the points between interpolated
        Grid2D preview = gridHeader(g);
        preview.values.resize(g.values.size());
        for (int iy = 0; iy < ny; ++iy)
            for (int ix = 0; ix < nx; ++ix)
                preview.values[static_cast<std::size_t>(iy) * nx + ix]
                    = interpolate(g.values, g.nx(), kx, ky, ix, iy);
        preview.evaluated = g.evaluated;
        onLevel(preview);
    }
    double lo = g.values[0], hi = g.values[0];
    for (const auto& [ix, iy] : coarse) {
        lo = std::min(lo, g.values[static_cast<std::size_t>(iy) * nx + ix]);
        hi = std::max(hi, g.values[static_cast<std::size_t>(iy) * nx + ix]);
    }
    const double tolerance = options.refineTolerance * std::max(hi - lo, 1e-12);
    const auto coarseValues = g.values; // interpolation reads the coarse lattice only
    const auto coarseErrors = g.standardError;
    std::vector<std::pair<int, int>> centres;
    for (std::size_t cy = 0; cy + 1 < ky.size(); ++cy)
        for (std::size_t cx = 0; cx + 1 < kx.size(); ++cx)
            if (kx[cx + 1] - kx[cx] > 1 || ky[cy + 1] - ky[cy] > 1)
                centres.emplace_back((kx[cx] + kx[cx + 1]) / 2, (ky[cy] + ky[cy + 1]) / 2);
    evaluate(centres, {});
    std::vector<char> scheduled(g.values.size(), 0);
    std::vector<std::pair<int, int>> inner;
    for (std::size_t cy = 0; cy + 1 < ky.size(); ++cy) {
        for (std::size_t cx = 0; cx + 1 < kx.size(); ++cx) {
            const int x0 = kx[cx], x1 = kx[cx + 1], y0 = ky[cy], y1 = ky[cy + 1];
            if (x1 - x0 <= 1 && y1 - y0 <= 1)
                continue; // no point inside: nothing to refine
            const int mx = (x0 + x1) / 2, my = (y0 + y1) / 2;
            const double predicted = interpolate(coarseValues, g.nx(), kx, ky, mx, my);
            if (std::abs(g.values[static_cast<std::size_t>(my) * nx + mx] - predicted) <= tolerance)
                continue;
            for (int iy = y0; iy <= y1; ++iy)
                for (int ix = x0; ix <= x1; ++ix) {
                    const auto at = static_cast<std::size_t>(iy) * nx + ix;
                    if (!g.evaluated[at] && !scheduled[at]) {
                        scheduled[at] = 1;
                        inner.emplace_back(ix, iy);
                    }
                }
        }
    }
    evaluate(inner, [&](std::size_t done) {
        reportProgress(progress, 1 + static_cast<int>(cells * done / inner.size()), total);
    });
    // Points of cells that were not refined take the bicubic interpolation of the lattice.
    for (int iy = 0; iy < ny; ++iy)
        for (int ix = 0; ix < nx; ++ix) {
            const auto at = static_cast<std::size_t>(iy) * nx + ix;
            if (g.evaluated[at])
                continue;
            g.values[at] = interpolate(coarseValues, g.nx(), kx, ky, ix, iy);
            if (!g.standardError.empty())
                g.standardError[at] =
                    std::max(0.0, interpolate(coarseErrors, g.nx(), kx, ky, ix, iy));
        }
    if (inner.empty())
        reportProgress(progress, total, total);
}

} // namespace

std::string toString(PointBatching mode)
{
    switch (mode) {
    case PointBatching::Auto: return "auto";
    case PointBatching::On: return "on";
    case PointBatching::Off: return "off";
    }
    return "auto";
}

PointBatching parsePointBatching(const std::string& text)
{
    const std::string t = toLower(text);
    if (t == "auto")
        return PointBatching::Auto;
    if (t == "on")
        return PointBatching::On;
    if (t == "off")
        return PointBatching::Off;
    throw InputError("unknown point batching '" + text + "' (expected auto, on or off)");
}

Grid2D lossPlane(Problem& problem, const SurfaceOptions& options, const ProgressFn& progress)
{
    auto dirs = randomDirections(problem, options.directions, 2);
    Grid2D g = lossPlane(problem, dirs[0], dirs[1], options, progress);
    g.directionKind = options.directions.filterNormalize ? "random-filter-normalized" : "random";
    g.x.unit = g.y.unit = directionUnit(options.directions);
    return g;
}

namespace {

/// Hands `g` so far to `onRows`: its values padded with NaN to the whole grid, without the
/// standard errors and curvature of the finished points (they come with the finished grid).
void handRows(const Grid2D& g, int nx, int rows, const GridRowsFn& onRows)
{
    if (!onRows)
        return;
    Grid2D soFar = gridHeader(g);
    soFar.values = g.values;
    soFar.values.resize(static_cast<std::size_t>(nx) * static_cast<std::size_t>(rows),
                        std::numeric_limits<double>::quiet_NaN());
    onRows(soFar);
}

/// Rows [rows.begin, rows.end) of the plane (all of them for lossPlane()); see surface_rows.h.
Grid2D planeRows(Problem& problem, const std::vector<float>& d1v, const std::vector<float>& d2v,
                 const SurfaceOptions& options, RowRange rows, const ProgressFn& progress,
                 const GridRowsFn& onRows = {})
{
    const int nx = options.resolution;
    const int ny = options.resolutionY > 0 ? options.resolutionY : options.resolution;
    checkGrid(nx, options.span);
    checkGrid(ny, options.span);
    const bool whole = rows.begin == 0 && rows.end == ny;
    if (rows.begin < 0 || rows.end > ny || rows.begin > rows.end)
        throw InputError("rows " + std::to_string(rows.begin) + " to " + std::to_string(rows.end)
                         + " are not inside a grid of " + std::to_string(ny) + " rows");
    if (options.refine && !whole)
        throw InputError("a refined surface cannot be split by rows (its cells span rows): "
                         "evaluate it in one process");
    auto& p = implOf(problem);
    Grid2D g;
    g.directionKind = "custom";
    g.x = {"α (d₁)", "× d₁", axisValues(nx, options.span)};
    g.y = {"β (d₂)", "× d₂", axisValues(ny, options.span)};
    CostTracker tracker(p);
    const auto d1 = directionTensor(p, d1v, "direction d1");
    const auto d2 = directionTensor(p, d2v, "direction d2");
    {
        const double n1 = d1.norm().item<double>();
        const double n2 = d2.norm().item<double>();
        g.directionCosine = n1 > 0 && n2 > 0 ? torch::dot(d1, d2).item<double>() / (n1 * n2) : 0.0;
    }
    ParameterRestore restore(p);
    const auto& theta = restore.saved();
    g.centerValue = p.loss();
    const bool hvpCurvature = options.curvature == CurvatureMode::Hvp;
    if (options.refine) {
        if (hvpCurvature)
            throw InputError("HVP curvature per point cannot be combined with refinement");
        if (options.refineStride < 2 || !(options.refineTolerance > 0.0))
            throw InputError("refinement needs a stride of at least 2 and a positive tolerance");
    }
    const int firstRow = std::min(rows.begin, ny - 1); // an empty share still checks a point
    BatchedGrid batched(p, theta, {d1, d2}, options.pointBatching, options.pointBatchBytes,
                        {g.x.values[0], g.y.values[static_cast<std::size_t>(firstRow)]},
                        std::max<std::int64_t>(1, static_cast<std::int64_t>(nx) * rows.count()),
                        hvpCurvature ? "HVP curvature is evaluated at every point" : nullptr);
    if (options.refine) {
        refinePlane(p, options, batched, g, progress, onRows);
    } else if (!hvpCurvature) {
        std::vector<double> coefficients;
        coefficients.reserve(static_cast<std::size_t>(nx) * rows.count() * 2);
        for (int iy = rows.begin; iy < rows.end; ++iy)
            for (int ix = 0; ix < nx; ++ix) {
                coefficients.push_back(g.x.values[static_cast<std::size_t>(ix)]);
                coefficients.push_back(g.y.values[static_cast<std::size_t>(iy)]);
            }
        g.values.reserve(static_cast<std::size_t>(nx) * rows.count());
        int rowsDone = 0;
        batched.evaluate(coefficients, 2, g.values, g.standardError, [&](std::size_t done) {
            const int finished = static_cast<int>(done / static_cast<std::size_t>(nx));
            if (finished > rowsDone) {
                reportProgress(progress, rowsDone = finished, rows.count());
                handRows(g, nx, rows.count(), onRows);
            }
        });
        if (g.standardError.size() != g.values.size())
            g.standardError.clear();
    } else {
        // HVP curvature: one forward and two HVPs per point, θ stepped along each row.
        const int total = rows.count();
        g.values.reserve(static_cast<std::size_t>(nx) * rows.count());
        PointLosses losses(p);
        const double step = g.x.values[1] - g.x.values[0];
        for (int iy = rows.begin; iy < rows.end; ++iy) {
            const double beta = g.y.values[static_cast<std::size_t>(iy)];
            p.setFlat(theta);
            p.addFlat(d1, g.x.values[0]);
            p.addFlat(d2, beta);
            for (int ix = 0; ix < nx; ++ix) {
                if (ix > 0)
                    p.addFlat(d1, step);
                losses.evaluate();
                const double c = torch::dot(d1, p.hvpExact(d1)).item<double>()
                                 + torch::dot(d2, p.hvpExact(d2)).item<double>();
                g.curvature.push_back(c);
            }
            losses.flush(g.values, g.standardError);
            reportProgress(progress, iy + 1 - rows.begin, total);
            handRows(g, nx, total, onRows);
        }
        if (g.standardError.size() != g.values.size())
            g.standardError.clear();
    }
    g.evaluation = batched.evaluation();
    g.batchTrials = batched.trials();
    if (!g.standardError.empty()) {
        g.sampleRows = p.probeX.size(0);
        g.populationRows = implOf(p.data).trainX.size(0);
    }
    if (hvpCurvature) {
        g.curvatureName = "d₁ᵀHd₁ + d₂ᵀHd₂";
    } else if (options.curvature == CurvatureMode::Grid && whole) { // split: assembleRows()
        g.curvature = gridLaplacian(g);
        g.curvatureName = "∂²L/∂α² + ∂²L/∂β² (grid)";
    }
    g.cost = tracker.cost();
    return g;
}

} // namespace

Grid2D lossPlane(Problem& problem, const std::vector<float>& d1v, const std::vector<float>& d2v,
                 const SurfaceOptions& options, const ProgressFn& progress)
{
    const int ny = options.resolutionY > 0 ? options.resolutionY : options.resolution;
    return planeRows(problem, d1v, d2v, options, {0, ny}, progress);
}

Grid2D lossPlane(Problem& problem, const SurfaceOptions& options, const ProgressFn& progress,
                 const GridRowsFn& rows)
{
    auto dirs = randomDirections(problem, options.directions, 2);
    const std::string kind
        = options.directions.filterNormalize ? "random-filter-normalized" : "random";
    const std::string unit = directionUnit(options.directions);
    auto named = [&](Grid2D& g) {
        g.directionKind = kind;
        g.x.unit = g.y.unit = unit;
    };
    const int ny = options.resolutionY > 0 ? options.resolutionY : options.resolution;
    GridRowsFn onRows;
    if (rows)
        onRows = [&](const Grid2D& soFar) {
            Grid2D g = soFar;
            named(g);
            rows(g);
        };
    Grid2D g = planeRows(problem, dirs[0], dirs[1], options, {0, ny}, progress, onRows);
    named(g);
    return g;
}

RowRange rowShare(int rows, int rank, int ranks)
{
    if (ranks < 1 || rank < 0 || rank >= ranks || rows < 0)
        throw Error("rank " + std::to_string(rank) + " of " + std::to_string(ranks)
                    + " has no share of " + std::to_string(rows) + " rows");
    const int base = rows / ranks;
    const int extra = rows % ranks;
    const int begin = rank * base + std::min(rank, extra);
    return {begin, begin + base + (rank < extra ? 1 : 0)};
}

Grid2D lossPlaneRows(Problem& problem, const SurfaceOptions& options, RowRange rows,
                     const ProgressFn& progress)
{
    auto dirs = randomDirections(problem, options.directions, 2);
    Grid2D g = planeRows(problem, dirs[0], dirs[1], options, rows, progress);
    g.directionKind = options.directions.filterNormalize ? "random-filter-normalized" : "random";
    g.x.unit = g.y.unit = directionUnit(options.directions);
    return g;
}

Grid2D assembleRows(std::vector<Grid2D> parts, const SurfaceOptions& options)
{
    if (parts.empty())
        throw Error("no parts of a surface to assemble");
    Grid2D g = std::move(parts.front());
    const std::size_t points = g.nx() * g.ny();
    const bool hvp = options.curvature == CurvatureMode::Hvp;
    for (std::size_t i = 1; i < parts.size(); ++i) {
        auto& part = parts[i];
        g.values.insert(g.values.end(), part.values.begin(), part.values.end());
        g.standardError.insert(g.standardError.end(), part.standardError.begin(),
                               part.standardError.end());
        g.curvature.insert(g.curvature.end(), part.curvature.begin(), part.curvature.end());
        g.cost.forwards += part.cost.forwards;
        g.cost.gradients += part.cost.gradients;
        g.cost.hvps += part.cost.hvps;
        g.cost.seconds = std::max(g.cost.seconds, part.cost.seconds);
        if (g.sampleRows == 0)
            g.sampleRows = part.sampleRows, g.populationRows = part.populationRows;
    }
    if (g.values.size() != points)
        throw Error("the parts of the surface hold " + std::to_string(g.values.size())
                    + " values, the grid has " + std::to_string(points));
    if (g.standardError.size() != points) { // some rank's rows had none: none for the grid
        g.standardError.clear();
        g.sampleRows = g.populationRows = 0;
    }
    if (hvp && g.curvature.size() != points)
        throw Error("the parts of the surface hold " + std::to_string(g.curvature.size())
                    + " curvature values, the grid has " + std::to_string(points));
    if (options.curvature == CurvatureMode::Grid) {
        g.curvature = gridLaplacian(g);
        g.curvatureName = "∂²L/∂α² + ∂²L/∂β² (grid)";
    }
    return g;
}

Grid1D lossLine(Problem& problem, const LineOptions& options, const ProgressFn& progress)
{
    auto dirs = randomDirections(problem, options.directions, 1);
    Grid1D g = lossLine(problem, dirs[0], options, progress);
    g.x.unit = directionUnit(options.directions);
    return g;
}

Grid1D lossLine(Problem& problem, const std::vector<float>& direction, const LineOptions& options,
                const ProgressFn& progress)
{
    checkGrid(options.resolution, options.span);
    auto& p = implOf(problem);
    Grid1D g;
    g.x = {"α (d)", "× d", axisValues(options.resolution, options.span)};
    CostTracker tracker(p);
    const auto d = directionTensor(p, direction, "direction");
    ParameterRestore restore(p);
    g.centerValue = p.loss();
    BatchedGrid batched(p, restore.saved(), {d}, options.pointBatching, options.pointBatchBytes,
                        {g.x.values[0]}, options.resolution);
    batched.evaluate(g.x.values, 1, g.values, g.standardError, [&](std::size_t done) {
        reportProgress(progress, static_cast<int>(done), options.resolution);
    });
    g.evaluation = batched.evaluation();
    g.batchTrials = batched.trials();
    if (g.standardError.size() != g.values.size()) {
        g.standardError.clear();
    } else {
        g.sampleRows = p.probeX.size(0);
        g.populationRows = implOf(p.data).trainX.size(0);
    }
    g.cost = tracker.cost();
    return g;
}

} // namespace borehole
