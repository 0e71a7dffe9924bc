#pragma once
// A small principal component analysis in plain C++ (no torch): standardise the columns of a
// rows × dims table, take the covariance, diagonalise it with cyclic Jacobi rotations (exact for
// the few dimensions the views use) and project every row onto the leading components.
#include <QString>
#include <QStringList>

#include <vector>

namespace borehole {

struct PcaProjection
{
    /// Scores: rows × components, row-major.
    std::vector<double> scores;
    int components = 0;
    /// Fraction of the total (standardised) variance each component explains, descending.
    std::vector<double> explainedVariance;
    /// Loadings: components × dims, row-major (unit vectors in standardised feature space).
    std::vector<double> loadings;
    double score(std::size_t row, int component) const
    {
        return scores[row * static_cast<std::size_t>(components) + component];
    }
};

/// `table` holds rows × dims values, row-major. Constant columns contribute nothing. Returns
/// `components` (≤ dims) components; an empty projection when rows < 2 or dims < 1.
PcaProjection principalComponents(const std::vector<double>& table, std::size_t rows,
                                  std::size_t dims, int components = 2);

/// Per-point features of a grid for the PCA map: α, β, value, ∂/∂α, ∂/∂β, ∂²/∂α², ∂²/∂β²
/// (central differences, one-sided at the borders) and the stored curvature when present.
struct Grid2D;
struct GridFeatures
{
    std::vector<double> table; ///< (nx·ny) × names.size(), row-major, row = iy·nx + ix
    QStringList names;
    std::vector<double> laplacian; ///< ∂²/∂α² + ∂²/∂β² per point (for colouring)
};
GridFeatures gridFeatures(const Grid2D& grid);

/// Colours scattered points onto a bins × bins raster over [x0, x1] × [y0, y1] (row-major, row =
/// y bin): each cell is the Gaussian-weighted mean (σ = radius / 2, in cells) of the points
/// within `radius` cells of its centre, NaN where there are none. Unlike plain bin means this
/// leaves no holes between the curves a projected grid forms, and no colour far from any point.
std::vector<double> smoothedRaster(const std::vector<double>& xs, const std::vector<double>& ys,
                                   const std::vector<double>& values, double x0, double x1,
                                   double y0, double y1, int bins, double radius);

} // namespace borehole
