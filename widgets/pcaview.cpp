#include "pcaview.h"

#include "plotstyle.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <cmath>
#include <limits>

namespace borehole {

PcaView::PcaView(QWidget* parent) : QWidget(parent)
{
    m_plot = new QCustomPlot(this);
    applyPlotStyle(m_plot);
    m_plot->setMinimumSize(240, 200);
    m_map = addColorMap(m_plot, &m_scale);
    clearColourMap(m_map); // no colour bar until there is data

    auto* points = m_plot->addGraph();
    points->setLineStyle(QCPGraph::lsNone);
    points->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(20, 20, 20, 140), 3));
    auto* selected = m_plot->addGraph();
    selected->setLineStyle(QCPGraph::lsNone);
    selected->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QColor(230, 40, 40), 7));
    auto* centre = m_plot->addGraph();
    centre->setLineStyle(QCPGraph::lsNone);
    centre->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCrossCircle, QColor(220, 30, 30),
                                            12));

    m_plot->setSelectionRectMode(QCP::srmCustom);
    connect(m_plot->selectionRect(), &QCPSelectionRect::accepted, this,
            [this](const QRect& rect, QMouseEvent*) {
                selectRegion(m_plot->xAxis->pixelToCoord(rect.left()),
                             m_plot->xAxis->pixelToCoord(rect.right()),
                             m_plot->yAxis->pixelToCoord(rect.top()),
                             m_plot->yAxis->pixelToCoord(rect.bottom()));
            });

    m_colourChoice = new QComboBox(this);
    m_colourChoice->setToolTip(tr("Colour each bin by the mean of this value over its points"));
    connect(m_colourChoice, &QComboBox::currentIndexChanged, this, [this] { redraw(); });
    auto* exportButton = new QPushButton(tr("Export…"), this);
    exportButton->setToolTip(tr("Save the PCA map as PNG, SVG or PDF"));
    connect(exportButton, &QPushButton::clicked, this, &PcaView::exportRequested);
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Colour:"), this));
    bar->addWidget(m_colourChoice);
    bar->addStretch(1);
    bar->addWidget(exportButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_plot, 1);
}

void PcaView::setGrid(const Grid2D& grid)
{
    m_features = gridFeatures(grid);
    if (m_features.table.empty()) {
        clear();
        return;
    }
    m_grid = grid;
    const auto dims = static_cast<std::size_t>(m_features.names.size());
    m_pca = principalComponents(m_features.table, grid.values.size(), dims, 2);
    const QSignalBlocker block(m_colourChoice);
    m_colourChoice->clear();
    m_colourChoice->addItem(QString::fromStdString(grid.valueName));
    m_colourChoice->addItem(tr("grid curvature ∂²/∂α² + ∂²/∂β²"));
    if (grid.curvature.size() == grid.values.size())
        m_colourChoice->addItem(QString::fromStdString(grid.curvatureName));
    redraw();
}

void PcaView::clear()
{
    m_grid.reset();
    m_pca = PcaProjection();
    m_features = GridFeatures();
    clearColourMap(m_map);
    m_colourChoice->clear();
    for (int i = 0; i < m_plot->graphCount(); ++i)
        m_plot->graph(i)->data()->clear();
    m_plot->replot();
}

void PcaView::setColourScale(const ColourScale& scale)
{
    m_colourScale = scale;
    if (hasData())
        redraw();
    else {
        applyColourScale(m_map, m_colourScale, true, QString());
        clearColourMap(m_map);
    }
}

void PcaView::redraw()
{
    if (!hasData() || m_pca.components < 2)
        return;
    const Grid2D& g = *m_grid;
    const std::size_t n = g.values.size();
    const int choice = m_colourChoice->currentIndex();
    const std::vector<double>& colour =
        choice == 1 ? m_features.laplacian : (choice == 2 ? g.curvature : g.values);

    QVector<double> xs(static_cast<int>(n));
    QVector<double> ys(static_cast<int>(n));
    double x0 = std::numeric_limits<double>::max();
    double x1 = -x0;
    double y0 = x0;
    double y1 = -x0;
    for (std::size_t i = 0; i < n; ++i) {
        xs[static_cast<int>(i)] = m_pca.score(i, 0);
        ys[static_cast<int>(i)] = m_pca.score(i, 1);
        x0 = std::min(x0, xs[static_cast<int>(i)]);
        x1 = std::max(x1, xs[static_cast<int>(i)]);
        y0 = std::min(y0, ys[static_cast<int>(i)]);
        y1 = std::max(y1, ys[static_cast<int>(i)]);
    }
    if (!(x1 > x0))
        x1 = x0 + 1.0;
    if (!(y1 > y0))
        y1 = y0 + 1.0;

    // A raster of the projected points' colour values, smoothed over 1.5 cells around each.
    const double cx = (x1 - x0) / kBins;
    const double cy = (y1 - y0) / kBins;
    const auto raster = smoothedRaster(std::vector<double>(xs.begin(), xs.end()),
                                       std::vector<double>(ys.begin(), ys.end()), colour, x0, x1,
                                       y0, y1, kBins, 1.5);
    m_map->data()->setSize(kBins, kBins);
    m_map->data()->setRange(QCPRange(x0 + cx / 2, x1 - cx / 2), QCPRange(y0 + cy / 2, y1 - cy / 2));
    for (int by = 0; by < kBins; ++by)
        for (int bx = 0; bx < kBins; ++bx)
            m_map->data()->setCell(bx, by, raster[static_cast<std::size_t>(by * kBins + bx)]);
    applyColourScale(m_map, m_colourScale, choice == 0, m_colourChoice->currentText());
    m_plot->graph(0)->setData(xs, ys);
    m_plot->graph(1)->data()->clear();

    // The centre point (α = β = 0) is the current θ.
    const std::size_t cxIndex = g.nx() / 2;
    const std::size_t cyIndex = g.ny() / 2;
    const std::size_t c = cyIndex * g.nx() + cxIndex;
    m_plot->graph(2)->setData(QVector<double>{m_pca.score(c, 0)},
                              QVector<double>{m_pca.score(c, 1)});

    m_plot->xAxis->setLabel(tr("PC1 (%1 % of variance) [standardised score]")
                                .arg(100.0 * m_pca.explainedVariance[0], 0, 'f', 1));
    m_plot->yAxis->setLabel(tr("PC2 (%1 % of variance) [standardised score]")
                                .arg(100.0 * m_pca.explainedVariance[1], 0, 'f', 1));
    m_plot->xAxis->setRange(x0 - cx, x1 + cx);
    m_plot->yAxis->setRange(y0 - cy, y1 + cy);
    m_plot->replot();
}

void PcaView::selectRegion(double pc1a, double pc1b, double pc2a, double pc2b)
{
    if (!hasData())
        return;
    const Grid2D& g = *m_grid;
    GridSelection s = borehole::selectRegion(g, 1.0, 0.0, 1.0, 0.0); // axes/names, no points
    s.points.clear();
    s.source = QStringLiteral("pca");
    s.xMin = std::min(pc1a, pc1b);
    s.xMax = std::max(pc1a, pc1b);
    s.yMin = std::min(pc2a, pc2b);
    s.yMax = std::max(pc2a, pc2b);
    QVector<double> sx;
    QVector<double> sy;
    const bool curvature = g.curvature.size() == g.values.size();
    for (std::size_t iy = 0; iy < g.ny(); ++iy)
        for (std::size_t ix = 0; ix < g.nx(); ++ix) {
            const std::size_t k = iy * g.nx() + ix;
            const double a = m_pca.score(k, 0);
            const double b = m_pca.score(k, 1);
            if (a < s.xMin || a > s.xMax || b < s.yMin || b > s.yMax)
                continue;
            SelectedPoint p;
            p.ix = static_cast<int>(ix);
            p.iy = static_cast<int>(iy);
            p.alpha = g.x.values[ix];
            p.beta = g.y.values[iy];
            p.value = g.values[k];
            if (curvature)
                p.curvature = g.curvature[k];
            s.points.push_back(p);
            sx << a;
            sy << b;
        }
    m_plot->graph(1)->setData(sx, sy);
    m_plot->replot();
    emit selectionChanged(s);
}

} // namespace borehole
