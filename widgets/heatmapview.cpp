#include "heatmapview.h"

#include "pca.h"
#include "plotstyle.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolTip>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <cmath>

namespace borehole {

HeatmapView::HeatmapView(QWidget* parent) : QWidget(parent)
{
    m_plot = new QCustomPlot(this);
    applyPlotStyle(m_plot);
    m_plot->setMinimumSize(240, 200);
    m_map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
    m_map->setGradient(viridisGradient());
    m_map->setInterpolate(false);
    m_scale = new QCPColorScale(m_plot);
    m_plot->plotLayout()->addElement(0, 1, m_scale);
    m_scale->setType(QCPAxis::atRight);
    m_map->setColorScale(m_scale);
    auto* margins = new QCPMarginGroup(m_plot);
    m_plot->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    m_scale->setMarginGroup(QCP::msBottom | QCP::msTop, margins);

    auto* centre = m_plot->addGraph();
    centre->setLineStyle(QCPGraph::lsNone);
    centre->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCrossCircle, QColor(220, 30, 30),
                                            12));
    centre->setName(tr("current θ"));

    m_band = new QCPItemRect(m_plot);
    m_band->setPen(QPen(QColor(230, 40, 40), 2));
    m_band->setBrush(QColor(255, 255, 255, 50));
    m_band->setVisible(false);

    m_plot->setSelectionRectMode(QCP::srmCustom);
    m_plot->selectionRect()->setPen(QPen(Qt::black, 1, Qt::DashLine));
    connect(m_plot->selectionRect(), &QCPSelectionRect::accepted, this,
            [this](const QRect& rect, QMouseEvent*) {
                selectRegion(m_plot->xAxis->pixelToCoord(rect.left()),
                             m_plot->xAxis->pixelToCoord(rect.right()),
                             m_plot->yAxis->pixelToCoord(rect.top()),
                             m_plot->yAxis->pixelToCoord(rect.bottom()));
            });
    connect(m_plot, &QCustomPlot::mouseMove, this, &HeatmapView::onMouseMove);

    m_valueChoice = new QComboBox(this);
    m_valueChoice->setToolTip(tr("Colour the map by the loss or by the local curvature"));
    connect(m_valueChoice, &QComboBox::currentIndexChanged, this, [this] { redraw(); });
    auto* exportButton = new QPushButton(tr("Export…"), this);
    exportButton->setToolTip(tr("Save the heatmap as PNG, SVG or PDF"));
    connect(exportButton, &QPushButton::clicked, this, &HeatmapView::exportRequested);
    auto* hint = new QLabel(tr("Drag to select a region; hover to read values."), this);
    hint->setEnabled(false);

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Colour:"), this));
    bar->addWidget(m_valueChoice);
    bar->addWidget(hint, 1);
    bar->addWidget(exportButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_plot, 1);
}

void HeatmapView::setGrid(const Grid2D& grid)
{
    if (grid.nx() < 2 || grid.ny() < 2 || grid.values.size() != grid.nx() * grid.ny()) {
        clear();
        return;
    }
    m_grid = grid;
    m_laplacian = gridFeatures(grid).laplacian;
    m_selection = GridSelection();
    m_band->setVisible(false);
    const QSignalBlocker block(m_valueChoice);
    m_valueChoice->clear();
    m_valueChoice->addItem(QString::fromStdString(grid.valueName));
    if (grid.curvature.size() == grid.values.size())
        m_valueChoice->addItem(QString::fromStdString(grid.curvatureName));
    if (!m_laplacian.empty())
        m_valueChoice->addItem(tr("grid curvature ∂²/∂α² + ∂²/∂β²"));
    m_valueChoice->setCurrentIndex(0);
    redraw();
}

void HeatmapView::clear()
{
    m_grid.reset();
    m_laplacian.clear();
    m_selection = GridSelection();
    m_band->setVisible(false);
    m_map->data()->clear();
    m_plot->graph(0)->data()->clear();
    m_plot->replot();
}

void HeatmapView::redraw()
{
    if (!m_grid)
        return;
    const Grid2D& g = *m_grid;
    const int choice = m_valueChoice->currentIndex();
    const bool stored = g.curvature.size() == g.values.size();
    const std::vector<double>* values = &g.values;
    QString valueName = QString::fromStdString(g.valueName);
    if (choice == 1 && stored) {
        values = &g.curvature;
        valueName = QString::fromStdString(g.curvatureName);
    } else if (choice >= 1 && !m_laplacian.empty()) {
        values = &m_laplacian;
        valueName = m_valueChoice->currentText();
    }
    const int nx = static_cast<int>(g.nx());
    const int ny = static_cast<int>(g.ny());
    m_map->data()->setSize(nx, ny);
    m_map->data()->setRange(QCPRange(g.x.values.front(), g.x.values.back()),
                            QCPRange(g.y.values.front(), g.y.values.back()));
    for (int iy = 0; iy < ny; ++iy)
        for (int ix = 0; ix < nx; ++ix)
            m_map->data()->setCell(ix, iy, (*values)[static_cast<std::size_t>(iy) * g.nx() + ix]);
    m_map->rescaleDataRange(true);
    m_scale->axis()->setLabel(valueName);
    m_plot->xAxis->setLabel(axisLabel(QString::fromStdString(g.x.name),
                                      QString::fromStdString(g.x.unit)));
    m_plot->yAxis->setLabel(axisLabel(QString::fromStdString(g.y.name),
                                      QString::fromStdString(g.y.unit)));
    m_plot->graph(0)->setData(QVector<double>{0.0}, QVector<double>{0.0});
    m_plot->rescaleAxes();
    // Cells are centred on grid values: widen the view by half a cell.
    const double hx = (g.x.values.back() - g.x.values.front()) / (2.0 * (nx - 1));
    const double hy = (g.y.values.back() - g.y.values.front()) / (2.0 * (ny - 1));
    m_plot->xAxis->setRange(g.x.values.front() - hx, g.x.values.back() + hx);
    m_plot->yAxis->setRange(g.y.values.front() - hy, g.y.values.back() + hy);
    m_plot->replot();
}

QString HeatmapView::hoverText(double alpha, double beta) const
{
    if (!m_grid)
        return {};
    const Grid2D& g = *m_grid;
    const double hx = (g.x.values.back() - g.x.values.front()) / (2.0 * (g.nx() - 1));
    const double hy = (g.y.values.back() - g.y.values.front()) / (2.0 * (g.ny() - 1));
    if (alpha < g.x.values.front() - hx || alpha > g.x.values.back() + hx
        || beta < g.y.values.front() - hy || beta > g.y.values.back() + hy)
        return {};
    int ix = 0;
    int iy = 0;
    m_map->data()->coordToCell(alpha, beta, &ix, &iy);
    ix = std::clamp(ix, 0, static_cast<int>(g.nx()) - 1);
    iy = std::clamp(iy, 0, static_cast<int>(g.ny()) - 1);
    QString text = tr("α = %1, β = %2\n%3 = %4")
                       .arg(g.x.values[static_cast<std::size_t>(ix)], 0, 'g', 4)
                       .arg(g.y.values[static_cast<std::size_t>(iy)], 0, 'g', 4)
                       .arg(QString::fromStdString(g.valueName))
                       .arg(g.at(static_cast<std::size_t>(ix), static_cast<std::size_t>(iy)), 0,
                            'g', 6);
    const std::size_t k = static_cast<std::size_t>(iy) * g.nx() + static_cast<std::size_t>(ix);
    if (g.curvature.size() == g.values.size())
        text += QStringLiteral("\n%1 = %2")
                    .arg(QString::fromStdString(g.curvatureName))
                    .arg(g.curvature[k], 0, 'g', 6);
    else if (!m_laplacian.empty())
        text += tr("\ngrid curvature = %1").arg(m_laplacian[k], 0, 'g', 6);
    return text;
}

void HeatmapView::onMouseMove(QMouseEvent* event)
{
    if (!m_grid)
        return;
    const double alpha = m_plot->xAxis->pixelToCoord(event->position().x());
    const double beta = m_plot->yAxis->pixelToCoord(event->position().y());
    const QString text = hoverText(alpha, beta);
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, m_plot);
}

void HeatmapView::selectRegion(double alpha0, double alpha1, double beta0, double beta1)
{
    if (!m_grid)
        return;
    m_selection = borehole::selectRegion(*m_grid, alpha0, alpha1, beta0, beta1);
    m_band->topLeft->setCoords(m_selection.xMin, m_selection.yMax);
    m_band->bottomRight->setCoords(m_selection.xMax, m_selection.yMin);
    m_band->setVisible(true);
    m_plot->replot();
    emit selectionChanged(m_selection);
}

} // namespace borehole
