#pragma once
// The study's curvature map as data, shared by the 2D map, the 3D surface and the report:
// scattered configurations binned onto a regular grid over two hyperparameters (the others
// marginalised by the mean), and the edge-of-stability bound (2+2β)/lr as curves in the plane.
// Plain std types and core's Grid2D only, so both are testable without a display.
#include "borehole/landscape.h"

#include <set>
#include <string>
#include <vector>

namespace borehole {

/// Bins configurations at (xs[i], ys[i]) with value zs[i] onto a grid for the 3D view. An axis
/// whose values are few (≤ maxLevels distinct) keeps them as its levels, so a full-grid
/// sampler maps one configuration set per cell; otherwise it gets maxLevels equally spaced
/// levels. Log axes are binned and returned as log10 values, their names as "log10(name)".
/// A cell's value is the mean of the finite values that fall into it (the hyperparameters not
/// on an axis are averaged over); empty cells are filled by inverse-distance weighting of the
/// filled cells and marked 0 in `evaluated`. Returns a grid with nx() < 2 or ny() < 2 (which
/// SurfaceView shows as nothing) when an axis has fewer than two distinct finite values or no
/// value is finite.
Grid2D studyMapGrid(const std::vector<double>& xs, const std::vector<double>& ys,
                    const std::vector<double>& zs, const std::string& xName,
                    const std::string& yName, const std::string& valueName, bool logX, bool logY,
                    int maxLevels = 12);

/// One edge-of-stability curve in data units (not log10).
struct StabilityCurve
{
    enum class Kind {
        LambdaOverRate, ///< λmax = (2+2β)/lr, one per momentum β
        RateOverLambda, ///< lr = (2+2β)/λ at the median λmax, over β on the momentum axis
        RateTimesLambda ///< lr·λmax = 2 (β = 0)
    };
    Kind kind = Kind::LambdaOverRate;
    double beta = 0.0;
    double lambda = 0.0; ///< RateOverLambda: the λmax used
    std::vector<double> x, y;
};

/// The bound curves for a map with keys xKey and yKey (either may be "learning_rate"; the
/// other "lambda_max", "momentum" or "lr_lambda_max"), sampled with `samples` points over
/// [xLo, xHi] (log-spaced when logX) or, for the momentum axis, over [yLo, yHi]. `momenta`:
/// the momenta of the probed configurations; `medianLambda`: NaN when none was measured. Empty
/// when the pair has no bound.
std::vector<StabilityCurve> stabilityCurves(const std::string& xKey, const std::string& yKey,
                                            const std::set<double>& momenta, double medianLambda,
                                            double xLo, double xHi, double yLo, double yHi,
                                            bool logX, bool logY, int samples = 100);

/// The curve in the coordinates studyMapGrid() returns (log10 on log axes), cut to the points
/// inside the box [xLo, xHi] × [yLo, yHi] given in those coordinates (the curves are monotone,
/// so that is one piece); empty when fewer than two points are inside.
std::vector<std::pair<double, double>> clipCurve(const StabilityCurve& curve, double xLo,
                                                 double xHi, double yLo, double yHi, bool logX,
                                                 bool logY);

} // namespace borehole
