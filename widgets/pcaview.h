#pragma once
// The PCA-projected map: every grid point of the landscape is described by its local shape
// (α, β, value, slopes and second differences, stored curvature) and projected onto the first
// two principal components of those standardised features. The projection is shown as a binned
// heatmap (mean colour value per bin) with the points on top; explained variance is on the axes.
// Points that look alike (same slope and curvature) land together, wherever they sit on the
// plane. Dragging a rubber band selects points, like the heatmap.
#include "colormap.h"
#include "pca.h"
#include "selection.h"

#include <borehole/landscape.h>

#include <QWidget>

#include <optional>

class QComboBox;
class QCustomPlot;
class QCPColorMap;
class QCPColorScale;

namespace borehole {

class PcaView : public QWidget
{
    Q_OBJECT
public:
    explicit PcaView(QWidget* parent = nullptr);

    void setGrid(const Grid2D& grid);
    void clear();
    bool hasData() const { return m_grid.has_value() && !m_pca.scores.empty(); }
    const PcaProjection& projection() const { return m_pca; }
    /// Selects the points whose scores fall in the rectangle; emits selectionChanged().
    void selectRegion(double pc1a, double pc1b, double pc2a, double pc2b);
    QCustomPlot* plot() const { return m_plot; }
    /// The colour map and, when colouring by the loss, a locked range (redraws).
    void setColourScale(const ColourScale& scale);
    const ColourScale& colourScale() const { return m_colourScale; }

    static constexpr int kBins = 36;

signals:
    void selectionChanged(const borehole::GridSelection& selection);
    void exportRequested();

private:
    void redraw();

    QCustomPlot* m_plot = nullptr;
    QCPColorMap* m_map = nullptr;
    QCPColorScale* m_scale = nullptr;
    QComboBox* m_colourChoice = nullptr;
    std::optional<Grid2D> m_grid;
    GridFeatures m_features;
    PcaProjection m_pca;
    ColourScale m_colourScale;
};

} // namespace borehole
