#include "borehole/studymap.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace borehole {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Levels
{
    std::vector<double> values; ///< in shown units (log10 on a log axis)
    bool distinct = true;       ///< the values themselves, or bin centres
    int index(double v) const
    {
        // Nearest level; for bins that is the bin the value falls in.
        const auto it = std::lower_bound(values.begin(), values.end(), v);
        if (it == values.begin())
            return 0;
        if (it == values.end())
            return static_cast<int>(values.size()) - 1;
        const auto i = static_cast<int>(it - values.begin());
        return v - values[static_cast<std::size_t>(i - 1)]
                       <= values[static_cast<std::size_t>(i)] - v
                   ? i - 1
                   : i;
    }
};

double shown(double v, bool log)
{
    if (!std::isfinite(v))
        return kNaN;
    if (log)
        return v > 0.0 ? std::log10(v) : kNaN;
    return v;
}

Levels levelsOf(const std::vector<double>& values, int maxLevels)
{
    std::vector<double> finite;
    for (double v : values)
        if (std::isfinite(v))
            finite.push_back(v);
    std::sort(finite.begin(), finite.end());
    // Values that differ only by rounding (a sampler's levels read back from the database)
    // are one level.
    std::vector<double> distinct;
    const double span = finite.empty() ? 0.0 : finite.back() - finite.front();
    for (double v : finite)
        if (distinct.empty() || v - distinct.back() > 1e-9 * std::max(span, 1.0))
            distinct.push_back(v);
    Levels levels;
    if (static_cast<int>(distinct.size()) <= maxLevels) {
        levels.values = distinct;
        return levels;
    }
    levels.distinct = false;
    const double lo = distinct.front(), hi = distinct.back();
    for (int i = 0; i < maxLevels; ++i)
        levels.values.push_back(lo + (hi - lo) * (i + 0.5) / maxLevels);
    return levels;
}

} // namespace

Grid2D studyMapGrid(const std::vector<double>& xs, const std::vector<double>& ys,
                    const std::vector<double>& zs, const std::string& xName,
                    const std::string& yName, const std::string& valueName, bool logX, bool logY,
                    int maxLevels)
{
    Grid2D g;
    g.valueName = valueName;
    g.directionKind = "study";
    g.x.name = logX ? "log10(" + xName + ")" : xName;
    g.y.name = logY ? "log10(" + yName + ")" : yName;
    const std::size_t n = std::min({xs.size(), ys.size(), zs.size()});
    std::vector<double> sx(n), sy(n);
    std::vector<bool> use(n, false);
    for (std::size_t i = 0; i < n; ++i) {
        sx[i] = shown(xs[i], logX);
        sy[i] = shown(ys[i], logY);
        use[i] = std::isfinite(sx[i]) && std::isfinite(sy[i]) && std::isfinite(zs[i]);
    }
    std::vector<double> ux, uy;
    for (std::size_t i = 0; i < n; ++i)
        if (use[i]) {
            ux.push_back(sx[i]);
            uy.push_back(sy[i]);
        }
    const Levels lx = levelsOf(ux, std::max(2, maxLevels));
    const Levels ly = levelsOf(uy, std::max(2, maxLevels));
    if (lx.values.size() < 2 || ly.values.size() < 2)
        return g;
    g.x.values = lx.values;
    g.y.values = ly.values;
    const std::size_t nx = g.nx(), ny = g.ny();
    std::vector<double> sum(nx * ny, 0.0);
    std::vector<int> count(nx * ny, 0);
    for (std::size_t i = 0; i < n; ++i)
        if (use[i]) {
            const auto cell = static_cast<std::size_t>(ly.index(sy[i])) * nx
                              + static_cast<std::size_t>(lx.index(sx[i]));
            sum[cell] += zs[i];
            ++count[cell];
        }
    g.values.assign(nx * ny, kNaN);
    g.evaluated.assign(nx * ny, 0);
    for (std::size_t c = 0; c < nx * ny; ++c)
        if (count[c] > 0) {
            g.values[c] = sum[c] / count[c];
            g.evaluated[c] = 1;
        }
    // Inverse-distance weighting over the filled cells, in coordinates scaled to the unit
    // square so that neither axis's units dominate.
    const double wx = g.x.values.back() - g.x.values.front();
    const double wy = g.y.values.back() - g.y.values.front();
    for (std::size_t iy = 0; iy < ny; ++iy)
        for (std::size_t ix = 0; ix < nx; ++ix) {
            const std::size_t c = iy * nx + ix;
            if (g.evaluated[c])
                continue;
            double weights = 0.0, total = 0.0;
            for (std::size_t jy = 0; jy < ny; ++jy)
                for (std::size_t jx = 0; jx < nx; ++jx) {
                    const std::size_t k = jy * nx + jx;
                    if (!g.evaluated[k])
                        continue;
                    const double dx = (g.x.values[ix] - g.x.values[jx]) / wx;
                    const double dy = (g.y.values[iy] - g.y.values[jy]) / wy;
                    const double w = 1.0 / (dx * dx + dy * dy);
                    weights += w;
                    total += w * g.values[k];
                }
            g.values[c] = total / weights;
        }
    g.centerValue = g.values.front();
    return g;
}

std::vector<StabilityCurve> stabilityCurves(const std::string& xKey, const std::string& yKey,
                                            const std::set<double>& momenta, double medianLambda,
                                            double xLo, double xHi, double yLo, double yHi,
                                            bool logX, bool logY, int samples)
{
    const std::string rate = "learning_rate";
    if (yKey == rate && xKey != rate) { // the same curves with the axes swapped
        auto curves = stabilityCurves(yKey, xKey, momenta, medianLambda, yLo, yHi, xLo, xHi, logY,
                                      logX, samples);
        for (auto& c : curves)
            std::swap(c.x, c.y);
        return curves;
    }
    std::vector<StabilityCurve> out;
    if (xKey != rate || !(xHi > xLo) || samples < 2)
        return out;
    const bool logSpaced = logX && xLo > 0.0;
    auto sampleX = [&](int i) {
        const double t = static_cast<double>(i) / (samples - 1);
        return logSpaced ? xLo * std::pow(xHi / xLo, t) : xLo + t * (xHi - xLo);
    };
    if (yKey == "lambda_max") {
        const std::set<double> betas = momenta.empty() ? std::set<double>{0.0} : momenta;
        for (const double beta : betas) {
            StabilityCurve c;
            c.kind = StabilityCurve::Kind::LambdaOverRate;
            c.beta = beta;
            for (int i = 0; i < samples; ++i) {
                const double lr = sampleX(i);
                if (lr <= 0.0)
                    continue;
                c.x.push_back(lr);
                c.y.push_back((2.0 + 2.0 * beta) / lr);
            }
            out.push_back(std::move(c));
        }
    } else if (yKey == "momentum" && std::isfinite(medianLambda) && medianLambda > 0.0
               && yHi > yLo) {
        StabilityCurve c;
        c.kind = StabilityCurve::Kind::RateOverLambda;
        c.lambda = medianLambda;
        for (int i = 0; i < samples; ++i) {
            const double beta = std::max(0.0, yLo + i * (yHi - yLo) / (samples - 1));
            c.x.push_back((2.0 + 2.0 * beta) / medianLambda);
            c.y.push_back(beta);
        }
        out.push_back(std::move(c));
    } else if (yKey == "lr_lambda_max") {
        StabilityCurve c;
        c.kind = StabilityCurve::Kind::RateTimesLambda;
        c.x = {xLo, xHi};
        c.y = {2.0, 2.0};
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<std::pair<double, double>> clipCurve(const StabilityCurve& curve, double xLo,
                                                 double xHi, double yLo, double yHi, bool logX,
                                                 bool logY)
{
    std::vector<std::pair<double, double>> inside;
    for (std::size_t i = 0; i < curve.x.size() && i < curve.y.size(); ++i) {
        const double x = shown(curve.x[i], logX), y = shown(curve.y[i], logY);
        // A hair of tolerance keeps points that sit exactly on the box's edge.
        const double ex = 1e-9 * std::max(1.0, xHi - xLo), ey = 1e-9 * std::max(1.0, yHi - yLo);
        if (x >= xLo - ex && x <= xHi + ex && y >= yLo - ey && y <= yHi + ey)
            inside.emplace_back(x, y);
    }
    if (inside.size() < 2)
        inside.clear();
    return inside;
}

} // namespace borehole
