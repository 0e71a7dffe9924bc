// Loss on a line or plane through θ. Each grid row is evaluated with one in-place axpy per
// parameter per point and the losses stay on the device until the row ends, so a GPU sees no
// host synchronisation per grid point.
#include "borehole/landscape.h"

#include "internal.h"

#include <cmath>

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

std::vector<double> toDoubles(const torch::Tensor& t)
{
    auto c = t.to(torch::kCPU, torch::kFloat64).contiguous();
    return std::vector<double>(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
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

std::string directionUnit(const DirectionOptions& o)
{
    return o.filterNormalize ? "× filter-normalised direction" : "× direction scaled to ‖θ‖";
}

} // namespace

Grid2D lossPlane(Problem& problem, const SurfaceOptions& options, const ProgressFn& progress)
{
    auto dirs = randomDirections(problem, options.directions, 2);
    Grid2D g = lossPlane(problem, dirs[0], dirs[1], options, progress);
    g.directionKind = options.directions.filterNormalize ? "random-filter-normalized" : "random";
    g.x.unit = g.y.unit = directionUnit(options.directions);
    return g;
}

Grid2D lossPlane(Problem& problem, const std::vector<float>& d1v, const std::vector<float>& d2v,
                 const SurfaceOptions& options, const ProgressFn& progress)
{
    const int nx = options.resolution;
    const int ny = options.resolutionY > 0 ? options.resolutionY : options.resolution;
    checkGrid(nx, options.span);
    checkGrid(ny, options.span);
    auto& p = problem.impl();
    Grid2D g;
    g.directionKind = "custom";
    g.x = {"α (d₁)", "× d₁", axisValues(nx, options.span)};
    g.y = {"β (d₂)", "× d₂", axisValues(ny, options.span)};
    CostTracker tracker(p);
    const auto d1 = p.fromHost(d1v, "direction d1");
    const auto d2 = p.fromHost(d2v, "direction d2");
    {
        const double n1 = d1.norm().item<double>();
        const double n2 = d2.norm().item<double>();
        g.directionCosine = n1 > 0 && n2 > 0 ? torch::dot(d1, d2).item<double>() / (n1 * n2) : 0.0;
    }
    ParameterRestore restore(p);
    const auto& theta = restore.saved();
    g.centerValue = p.loss();
    const bool hvpCurvature = options.curvature == CurvatureMode::Hvp;
    const int total = ny;
    g.values.reserve(static_cast<std::size_t>(nx) * ny);
    const double step = g.x.values[1] - g.x.values[0];
    for (int iy = 0; iy < ny; ++iy) {
        const double beta = g.y.values[static_cast<std::size_t>(iy)];
        p.setFlat(theta);
        p.addFlat(d1, g.x.values[0]);
        p.addFlat(d2, beta);
        std::vector<torch::Tensor> row;
        row.reserve(static_cast<std::size_t>(nx));
        for (int ix = 0; ix < nx; ++ix) {
            if (ix > 0)
                p.addFlat(d1, step);
            row.push_back(p.lossTensorNoGrad(p.probeX, p.probeY));
            if (hvpCurvature) {
                const double c = torch::dot(d1, p.hvpExact(d1)).item<double>()
                                 + torch::dot(d2, p.hvpExact(d2)).item<double>();
                g.curvature.push_back(c);
            }
        }
        const auto values = toDoubles(torch::stack(row));
        g.values.insert(g.values.end(), values.begin(), values.end());
        reportProgress(progress, iy + 1, total);
    }
    if (hvpCurvature) {
        g.curvatureName = "d₁ᵀHd₁ + d₂ᵀHd₂";
    } else if (options.curvature == CurvatureMode::Grid) {
        g.curvature = gridLaplacian(g);
        g.curvatureName = "∂²L/∂α² + ∂²L/∂β² (grid)";
    }
    g.cost = tracker.cost();
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
    auto& p = problem.impl();
    Grid1D g;
    g.x = {"α (d)", "× d", axisValues(options.resolution, options.span)};
    CostTracker tracker(p);
    const auto d = p.fromHost(direction, "direction");
    ParameterRestore restore(p);
    g.centerValue = p.loss();
    std::vector<torch::Tensor> values;
    for (int i = 0; i < options.resolution; ++i) {
        p.setFlat(restore.saved());
        p.addFlat(d, g.x.values[static_cast<std::size_t>(i)]);
        values.push_back(p.lossTensorNoGrad(p.probeX, p.probeY));
        if ((i + 1) % 8 == 0 || i + 1 == options.resolution)
            reportProgress(progress, i + 1, options.resolution);
    }
    g.values = toDoubles(torch::stack(values));
    g.cost = tracker.cost();
    return g;
}

} // namespace borehole
