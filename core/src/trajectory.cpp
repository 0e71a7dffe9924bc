// Loss planes through the principal components of a short training trajectory.
#include "borehole/error.h"
#include "borehole/landscape.h"
#include "internal.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace borehole {
namespace {

double project(const std::vector<float>& snapshot, const std::vector<float>& center,
               const std::vector<float>& direction)
{
    double s = 0.0;
    for (std::size_t i = 0; i < center.size(); ++i)
        s += (static_cast<double>(snapshot[i]) - center[i]) * direction[i];
    return s;
}

std::string percent(double fraction)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * fraction);
    return buf;
}

} // namespace

Grid2D trajectoryPlane(Problem& problem, const TrajectoryPlaneOptions& options,
                       const ProgressFn& progress)
{
    if (!(options.margin > 0.0))
        throw InputError("trajectory plane margin must be positive");
    // The trajectory trains in train() mode: BatchNorm statistics move with θ. The surface is
    // evaluated in the trained state; afterwards everything goes back.
    StateRestore restore(implOf(problem));
    const auto start = problem.parameters();
    TrainOptions training = options.training;
    if (training.snapshotEvery <= 0)
        training.snapshotEvery = 1;
    const auto run = train(problem, training, ProgressScope(progress, 0, 2).callback());
    if (run.diverged)
        throw InputError("the trajectory diverged (" + run.stopReason
                         + "); lower the learning rate to get PCA directions");
    auto snapshots = run.snapshots;
    snapshots.insert(snapshots.begin(), start);
    const auto center = problem.parameters(); // the final point, as in Li et al.
    snapshots.push_back(center);
    const auto pca = pcaDirections(snapshots, center, 2);
    if (pca.directions.size() < 2)
        throw InputError("the trajectory spans fewer than two directions; train longer");

    double reach = 0.0;
    std::vector<double> px, py;
    for (const auto& s : snapshots) {
        px.push_back(project(s, center, pca.directions[0]));
        py.push_back(project(s, center, pca.directions[1]));
        reach = std::max({reach, std::abs(px.back()), std::abs(py.back())});
    }
    SurfaceOptions surface = options.surface;
    surface.span = options.margin * std::max(reach, 1e-12);
    Grid2D g = lossPlane(problem, pca.directions[0], pca.directions[1], surface,
                         ProgressScope(progress, 1, 2).callback());
    g.directionKind = "pca";
    g.explainedVariance = pca.explainedVariance;
    g.pathX = std::move(px);
    g.pathY = std::move(py);
    g.x.name = "PC1 (" + percent(pca.explainedVariance[0]) + " of trajectory variance)";
    g.y.name = "PC2 (" + percent(pca.explainedVariance[1]) + " of trajectory variance)";
    g.x.unit = g.y.unit = "parameter units";
    g.cost += run.trainingCost;
    return g;
}

} // namespace borehole
