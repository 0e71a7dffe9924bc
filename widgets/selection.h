#pragma once
// A selected region of a 2D landscape: the grid points a user picked in the heatmap (rubber
// band in α, β) or in the PCA map, with their values. Serialised as JSON
// ("borehole.selection/1", documented in docs/gui.md) and CSV.
#include <borehole/landscape.h>

#include <QString>

#include <optional>
#include <vector>

namespace borehole {

struct SelectedPoint
{
    int ix = 0;
    int iy = 0;
    double alpha = 0.0;
    double beta = 0.0;
    double value = 0.0;
    std::optional<double> curvature;
};

struct GridSelection
{
    /// "heatmap" (a rectangle in α, β) or "pca" (a rectangle in principal-component space).
    QString source;
    /// The rectangle as drawn, in the coordinates of its source: α/β for the heatmap,
    /// PC1/PC2 (standardised units) for the PCA map.
    double xMin = 0.0;
    double xMax = 0.0;
    double yMin = 0.0;
    double yMax = 0.0;
    Axis xAxis; ///< α axis of the grid (name, unit; values left empty)
    Axis yAxis; ///< β axis of the grid
    QString valueName;
    QString curvatureName;
    std::vector<SelectedPoint> points;

    bool isEmpty() const { return points.empty(); }
    /// The point with the smallest value (the region's best point); nullopt when empty.
    std::optional<SelectedPoint> best() const;
};

/// Grid points with x in [x0, x1] and y in [y0, y1] (inclusive, bounds in any order).
GridSelection selectRegion(const Grid2D& grid, double x0, double x1, double y0, double y1);

/// Context written with a selection so that it can be reproduced.
struct SelectionContext
{
    QString modelPath;
    QString dataPath;
    std::uint64_t seed = 0;
    QString directionKind;
};

QString selectionToJson(const GridSelection& selection, const SelectionContext& context);
/// Header "ix,iy,alpha,beta,value[,curvature]", one row per point.
QString selectionToCsv(const GridSelection& selection);

} // namespace borehole
