#pragma once
// The 2D landscape as a heatmap (QCustomPlot QCPColorMap with a colour scale): hover shows
// (α, β, value), dragging a rubber band selects the grid points inside it.
#include "selection.h"

#include <borehole/landscape.h>

#include <QString>
#include <QWidget>

#include <optional>

class QComboBox;
class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QCPItemRect;

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
    const GridSelection& selection() const { return m_selection; }

    QCustomPlot* plot() const { return m_plot; }

signals:
    void selectionChanged(const borehole::GridSelection& selection);
    void exportRequested();

private:
    void redraw();
    void onMouseMove(QMouseEvent* event);

    QCustomPlot* m_plot = nullptr;
    QCPColorMap* m_map = nullptr;
    QCPColorScale* m_scale = nullptr;
    QCPItemRect* m_band = nullptr;
    QComboBox* m_valueChoice = nullptr;
    std::optional<Grid2D> m_grid;
    std::vector<double> m_laplacian;
    GridSelection m_selection;
};

} // namespace borehole
