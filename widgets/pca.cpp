#include "pca.h"

#include <borehole/landscape.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace borehole {

namespace {

// Eigen-decomposition of a symmetric n×n matrix (row-major) by cyclic Jacobi rotations.
// On return `a` is (nearly) diagonal and `v` holds the eigenvectors as columns.
void jacobiEigen(std::vector<double>& a, std::vector<double>& v, std::size_t n)
{
    v.assign(n * n, 0.0);
    for (std::size_t i = 0; i < n; ++i)
        v[i * n + i] = 1.0;
    for (int sweep = 0; sweep < 100; ++sweep) {
        double off = 0.0;
        for (std::size_t p = 0; p < n; ++p)
            for (std::size_t q = p + 1; q < n; ++q)
                off += a[p * n + q] * a[p * n + q];
        if (off < 1e-22)
            return;
        for (std::size_t p = 0; p < n; ++p) {
            for (std::size_t q = p + 1; q < n; ++q) {
                const double apq = a[p * n + q];
                if (std::abs(apq) < 1e-300)
                    continue;
                const double theta = (a[q * n + q] - a[p * n + p]) / (2.0 * apq);
                const double t = (theta >= 0 ? 1.0 : -1.0)
                                 / (std::abs(theta) + std::sqrt(theta * theta + 1.0));
                const double c = 1.0 / std::sqrt(t * t + 1.0);
                const double s = t * c;
                for (std::size_t k = 0; k < n; ++k) {
                    const double akp = a[k * n + p];
                    const double akq = a[k * n + q];
                    a[k * n + p] = c * akp - s * akq;
                    a[k * n + q] = s * akp + c * akq;
                }
                for (std::size_t k = 0; k < n; ++k) {
                    const double apk = a[p * n + k];
                    const double aqk = a[q * n + k];
                    a[p * n + k] = c * apk - s * aqk;
                    a[q * n + k] = s * apk + c * aqk;
                }
                for (std::size_t k = 0; k < n; ++k) {
                    const double vkp = v[k * n + p];
                    const double vkq = v[k * n + q];
                    v[k * n + p] = c * vkp - s * vkq;
                    v[k * n + q] = s * vkp + c * vkq;
                }
            }
        }
    }
}

} // namespace

PcaProjection principalComponents(const std::vector<double>& table, std::size_t rows,
                                  std::size_t dims, int components)
{
    PcaProjection out;
    if (rows < 2 || dims < 1 || table.size() != rows * dims)
        return out;
    components = std::clamp(components, 1, static_cast<int>(dims));

    // Standardise each column (z-scores); constant columns become zero.
    std::vector<double> z(table);
    for (std::size_t j = 0; j < dims; ++j) {
        double mean = 0.0;
        for (std::size_t i = 0; i < rows; ++i)
            mean += table[i * dims + j];
        mean /= static_cast<double>(rows);
        double var = 0.0;
        for (std::size_t i = 0; i < rows; ++i)
            var += (table[i * dims + j] - mean) * (table[i * dims + j] - mean);
        const double sd = std::sqrt(var / static_cast<double>(rows - 1));
        for (std::size_t i = 0; i < rows; ++i)
            z[i * dims + j] = sd > 1e-12 * (std::abs(mean) + 1.0) ? (table[i * dims + j] - mean) / sd
                                                                  : 0.0;
    }
    std::vector<double> cov(dims * dims, 0.0);
    for (std::size_t i = 0; i < rows; ++i)
        for (std::size_t p = 0; p < dims; ++p)
            for (std::size_t q = p; q < dims; ++q)
                cov[p * dims + q] += z[i * dims + p] * z[i * dims + q];
    for (std::size_t p = 0; p < dims; ++p)
        for (std::size_t q = p; q < dims; ++q) {
            cov[p * dims + q] /= static_cast<double>(rows - 1);
            cov[q * dims + p] = cov[p * dims + q];
        }

    std::vector<double> vectors;
    jacobiEigen(cov, vectors, dims);
    std::vector<std::size_t> order(dims);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return cov[a * dims + a] > cov[b * dims + b];
    });
    double total = 0.0;
    for (std::size_t j = 0; j < dims; ++j)
        total += std::max(cov[j * dims + j], 0.0);

    out.components = components;
    out.loadings.assign(static_cast<std::size_t>(components) * dims, 0.0);
    for (int c = 0; c < components; ++c) {
        const std::size_t col = order[static_cast<std::size_t>(c)];
        // Fix the sign so the largest loading is positive (stable orientation across runs).
        double largest = 0.0;
        for (std::size_t k = 0; k < dims; ++k)
            if (std::abs(vectors[k * dims + col]) > std::abs(largest))
                largest = vectors[k * dims + col];
        const double sign = largest < 0 ? -1.0 : 1.0;
        for (std::size_t k = 0; k < dims; ++k)
            out.loadings[static_cast<std::size_t>(c) * dims + k] = sign * vectors[k * dims + col];
        out.explainedVariance.push_back(total > 0 ? std::max(cov[col * dims + col], 0.0) / total
                                                  : 0.0);
    }
    out.scores.assign(rows * static_cast<std::size_t>(components), 0.0);
    for (std::size_t i = 0; i < rows; ++i)
        for (int c = 0; c < components; ++c) {
            double s = 0.0;
            for (std::size_t k = 0; k < dims; ++k)
                s += z[i * dims + k] * out.loadings[static_cast<std::size_t>(c) * dims + k];
            out.scores[i * static_cast<std::size_t>(components) + static_cast<std::size_t>(c)] = s;
        }
    return out;
}

GridFeatures gridFeatures(const Grid2D& g)
{
    GridFeatures f;
    const std::size_t nx = g.nx();
    const std::size_t ny = g.ny();
    if (nx < 3 || ny < 3 || g.values.size() != nx * ny)
        return f;
    const bool curvature = g.curvature.size() == g.values.size();
    f.names = QStringList{QStringLiteral("α"),      QStringLiteral("β"),
                          QString::fromStdString(g.valueName),
                          QStringLiteral("∂/∂α"),   QStringLiteral("∂/∂β"),
                          QStringLiteral("∂²/∂α²"), QStringLiteral("∂²/∂β²")};
    if (curvature)
        f.names << QString::fromStdString(g.curvatureName.empty() ? "curvature" : g.curvatureName);
    const std::size_t dims = static_cast<std::size_t>(f.names.size());
    f.table.assign(nx * ny * dims, 0.0);
    f.laplacian.assign(nx * ny, 0.0);

    // First and second differences along one axis, one-sided (clamped stencil) at the borders.
    auto diff = [](const std::vector<double>& axis, std::size_t i, auto value) {
        const std::size_t n = axis.size();
        const std::size_t c = std::clamp<std::size_t>(i, 1, n - 2);
        const double h1 = axis[c] - axis[c - 1];
        const double h2 = axis[c + 1] - axis[c];
        const double first = (value(c + 1) - value(c - 1)) / (h1 + h2);
        const double second =
            2.0 * (h1 * value(c + 1) - (h1 + h2) * value(c) + h2 * value(c - 1))
            / (h1 * h2 * (h1 + h2));
        return std::pair<double, double>(first, second);
    };
    for (std::size_t iy = 0; iy < ny; ++iy) {
        for (std::size_t ix = 0; ix < nx; ++ix) {
            const std::size_t row = iy * nx + ix;
            const auto [da, daa] =
                diff(g.x.values, ix, [&](std::size_t k) { return g.at(k, iy); });
            const auto [db, dbb] =
                diff(g.y.values, iy, [&](std::size_t k) { return g.at(ix, k); });
            double* r = &f.table[row * dims];
            r[0] = g.x.values[ix];
            r[1] = g.y.values[iy];
            r[2] = g.at(ix, iy);
            r[3] = da;
            r[4] = db;
            r[5] = daa;
            r[6] = dbb;
            if (curvature)
                r[7] = g.curvature[row];
            f.laplacian[row] = daa + dbb;
        }
    }
    return f;
}

std::vector<double> smoothedRaster(const std::vector<double>& xs, const std::vector<double>& ys,
                                   const std::vector<double>& values, double x0, double x1,
                                   double y0, double y1, int bins, double radius)
{
    const auto cells = static_cast<std::size_t>(bins) * static_cast<std::size_t>(bins);
    std::vector<double> weight(cells, 0.0), sum(cells, 0.0);
    const double cx = (x1 - x0) / bins;
    const double cy = (y1 - y0) / bins;
    const double sigma = radius / 2.0;
    const int reach = static_cast<int>(std::ceil(radius));
    for (std::size_t i = 0; i < xs.size(); ++i) {
        if (!std::isfinite(values[i]) || !std::isfinite(xs[i]) || !std::isfinite(ys[i]))
            continue;
        // The point in cell units; cell (bx, by) has its centre at (bx + 0.5, by + 0.5).
        const double u = (xs[i] - x0) / cx;
        const double v = (ys[i] - y0) / cy;
        const int bu = static_cast<int>(std::floor(u));
        const int bv = static_cast<int>(std::floor(v));
        for (int by = std::max(0, bv - reach); by <= std::min(bins - 1, bv + reach); ++by)
            for (int bx = std::max(0, bu - reach); bx <= std::min(bins - 1, bu + reach); ++bx) {
                const double du = bx + 0.5 - u;
                const double dv = by + 0.5 - v;
                const double d2 = du * du + dv * dv;
                if (d2 > radius * radius)
                    continue;
                const double w = std::exp(-d2 / (2.0 * sigma * sigma));
                const auto k = static_cast<std::size_t>(by) * bins + bx;
                weight[k] += w;
                sum[k] += w * values[i];
            }
    }
    std::vector<double> out(cells, std::numeric_limits<double>::quiet_NaN());
    for (std::size_t k = 0; k < cells; ++k)
        if (weight[k] > 0.0)
            out[k] = sum[k] / weight[k];
    return out;
}

} // namespace borehole
