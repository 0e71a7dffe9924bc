#pragma once
// Contour lines of a scalar field sampled on a rectilinear grid (marching squares), for the
// heatmap's contour overlay. Plain geometry on std types: tested without a display.
#include <cstddef>
#include <utility>
#include <vector>

namespace borehole {

struct ContourSegment
{
    double x0 = 0.0;
    double y0 = 0.0;
    double x1 = 0.0;
    double y1 = 0.0;
};

/// Segments of the iso-line value == level. `values` is row-major (iy·nx + ix) over the axis
/// coordinates xs (nx) and ys (ny); crossings are interpolated linearly along cell edges, and a
/// saddle cell is resolved by the mean of its four corners. Cells with a NaN or infinite corner
/// are skipped (a diverged region gets no lines rather than wrong ones).
std::vector<ContourSegment> contourSegments(const std::vector<double>& xs,
                                            const std::vector<double>& ys,
                                            const std::vector<double>& values, double level);

/// The smallest and largest finite value (NaN and infinities skipped); {+∞, −∞} when there is
/// none. Colour ranges and contour levels both start from it.
std::pair<double, double> finiteBounds(const std::vector<double>& values);

/// `count` evenly spaced levels strictly inside [min, max] of the finite values:
/// min + (k + ½)·(max − min)/count, k = 0 … count−1. Empty when there are no finite values,
/// the field is constant or count < 1.
std::vector<double> contourLevels(const std::vector<double>& values, int count);

} // namespace borehole
