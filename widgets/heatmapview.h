#pragma once
// The 2D landscape as a heatmap (QCustomPlot QCPColorMap with a colour scale) with optional
// contour lines: hover shows (α, β, value), dragging a rubber band selects the grid points
// inside it, a click selects the cell under the cursor and Shift+click extends the selection to
// the clicked cell.
#include "colormap.h"
#include "selection.h"

#include <borehole/landscape.h>

#include <QPoint>
#include <QString>
#include <QWidget>

#include <optional>

class QComboBox;
class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QCPItemRect;
class QCheckBox;

namespace borehole { class ContourPlottable; }

namespace borehole {

class HeatmapView : public QWidget
{
    Q_OBJECT
public:
    explicit HeatmapView(QWidget* parent = nullptr);

    void setGrid(const Grid2D& grid);
    void clear();
    bool hasData() const { return m_grid.has_value(); }
    const std::optional<Grid2D>& grid() const { return m_grid; }

    /// "α = …, β = …, loss = …" for the cell under (alpha, beta); empty outside the grid.
    QString hoverText(double alpha, double beta) const;
    /// Selects the grid points in the rectangle (as a rubber band would) and emits
    /// selectionChanged().
    void selectRegion(double alpha0, double alpha1, double beta0, double beta1);
    /// Selects the grid point nearest (alpha, beta) — or, with extend and a heatmap selection
    /// present, the smallest rectangle of grid points holding it and the clicked point — and
    /// emits selectionChanged(). Outside the grid: nothing happens.
    void selectCell(double alpha, double beta, bool extend = false);
    const GridSelection& selection() const { return m_selection; }

    /// Contour lines of the shown value over the heatmap (on by default).
    void setContoursVisible(bool on);
    bool contoursVisible() const;
    /// Iso-levels currently drawn (empty when contours are off or the field is constant).
    const std::vector<double>& contourLevels() const { return m_levels; }
    /// Number of line segments currently drawn, all levels together.
    std::size_t contourSegmentCount() const;

    QCustomPlot* plot() const { return m_plot; }
    /// The colour map and, for the loss, a locked range (redraws).
    void setColourScale(const ColourScale& scale);
    const ColourScale& colourScale() const { return m_colourScale; }

signals:
    void selectionChanged(const borehole::GridSelection& selection);
    void exportRequested();

private:
    void redraw();
    void onMouseMove(QMouseEvent* event);
    void onMouseRelease(QMouseEvent* event);
    const std::vector<double>& shownValues() const;
    void updateContours();

    QCustomPlot* m_plot = nullptr;
    QCPColorMap* m_map = nullptr;
    QCPColorScale* m_scale = nullptr;
    QCPItemRect* m_band = nullptr;
    QComboBox* m_valueChoice = nullptr;
    QCheckBox* m_contourToggle = nullptr;
    ContourPlottable* m_contours = nullptr;
    std::vector<double> m_levels;
    QPoint m_pressPos;
    std::optional<Grid2D> m_grid;
    std::vector<double> m_laplacian;
    GridSelection m_selection;
    ColourScale m_colourScale;
};

} // namespace borehole
