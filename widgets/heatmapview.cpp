#include "heatmapview.h"

#include "colormap.h"
#include <borehole/contour.h>
#include "pca.h"
#include "plotstyle.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolTip>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <cmath>

namespace borehole {

/// Iso-lines as one plottable: the segments are kept in plot coordinates and mapped to pixels on
/// every draw, so zooming and resizing keep them on the colour map.
class ContourPlottable : public QCPAbstractPlottable
{
public:
    ContourPlottable(QCPAxis* keyAxis, QCPAxis* valueAxis)
        : QCPAbstractPlottable(keyAxis, valueAxis)
    {
        setSelectable(QCP::stNone);
        setPen(QPen(QColor(255, 255, 255, 190), 1.0));
        setAntialiased(true);
    }

    void setSegments(std::vector<ContourSegment> segments)
    {
        m_segments = std::move(segments);
    }
    std::size_t segmentCount() const { return m_segments.size(); }

    // Never the target of a click: clicks belong to the colour map underneath.
    double selectTest(const QPointF&, bool, QVariant*) const override { return -1.0; }
    QCPRange getKeyRange(bool& found, QCP::SignDomain) const override
    {
        return range(found, true);
    }
    QCPRange getValueRange(bool& found, QCP::SignDomain, const QCPRange&) const override
    {
        return range(found, false);
    }

protected:
    void draw(QCPPainter* painter) override
    {
        if (m_segments.empty())
            return;
        QVector<QLineF> lines;
        lines.reserve(static_cast<int>(m_segments.size()));
        for (const ContourSegment& s : m_segments)
            lines.append(QLineF(coordsToPixels(s.x0, s.y0), coordsToPixels(s.x1, s.y1)));
        applyDefaultAntialiasingHint(painter);
        painter->setPen(mPen);
        painter->drawLines(lines);
    }
    void drawLegendIcon(QCPPainter* painter, const QRectF& rect) const override
    {
        painter->setPen(mPen);
        painter->drawLine(QLineF(rect.left(), rect.center().y(), rect.right(), rect.center().y()));
    }

private:
    QCPRange range(bool& found, bool keys) const
    {
        found = !m_segments.empty();
        QCPRange r;
        for (std::size_t i = 0; i < m_segments.size(); ++i) {
            const ContourSegment& s = m_segments[i];
            const double a = keys ? s.x0 : s.y0;
            const double b = keys ? s.x1 : s.y1;
            if (i == 0)
                r = QCPRange(std::min(a, b), std::max(a, b));
            r.expand(a);
            r.expand(b);
        }
        return r;
    }

    std::vector<ContourSegment> m_segments;
};

HeatmapView::HeatmapView(QWidget* parent) : QWidget(parent)
{
    m_plot = new QCustomPlot(this);
    applyPlotStyle(m_plot);
    m_plot->setMinimumSize(240, 200);
    m_map = addColorMap(m_plot, &m_scale);
    clearColourMap(m_map); // no colour bar until there is data

    auto* centre = m_plot->addGraph();
    centre->setLineStyle(QCPGraph::lsNone);
    centre->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCrossCircle, QColor(220, 30, 30),
                                            12));
    centre->setName(tr("current θ"));

    m_contours = new ContourPlottable(m_plot->xAxis, m_plot->yAxis);
    m_contours->setName(tr("contour lines"));

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
    connect(m_plot, &QCustomPlot::mousePress, this,
            [this](QMouseEvent* event) { m_pressPos = event->position().toPoint(); });
    connect(m_plot, &QCustomPlot::mouseRelease, this, &HeatmapView::onMouseRelease);

    m_valueChoice = new QComboBox(this);
    m_valueChoice->setToolTip(tr("Colour the map by the loss or by the local curvature"));
    connect(m_valueChoice, &QComboBox::currentIndexChanged, this, [this] { redraw(); });
    m_contourToggle = new QCheckBox(tr("Contours"), this);
    m_contourToggle->setChecked(true);
    m_contourToggle->setToolTip(tr("Draw ten evenly spaced contour lines of the shown value"));
    connect(m_contourToggle, &QCheckBox::toggled, this, &HeatmapView::setContoursVisible);
    auto* exportButton = new QPushButton(tr("Export…"), this);
    exportButton->setToolTip(tr("Save the heatmap as PNG, SVG or PDF"));
    connect(exportButton, &QPushButton::clicked, this, &HeatmapView::exportRequested);
    auto* hint = new QLabel(
        tr("Drag or click to select, Shift+click to extend; hover to read values."), this);
    hint->setEnabled(false);
    // The hint gives way to the controls in a narrow window (its text is also the tooltip).
    hint->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    hint->setToolTip(hint->text());

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Colour:"), this));
    bar->addWidget(m_valueChoice);
    bar->addWidget(m_contourToggle);
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
    clearColourMap(m_map);
    m_valueChoice->clear();
    m_plot->graph(0)->data()->clear();
    m_levels.clear();
    m_contours->setSegments({});
    m_plot->replot();
}

void HeatmapView::setColourScale(const ColourScale& scale)
{
    m_colourScale = scale;
    if (m_grid)
        redraw();
    else {
        applyColourScale(m_map, m_colourScale, true, QString());
        clearColourMap(m_map);
    }
}

void HeatmapView::redraw()
{
    if (!m_grid)
        return;
    const Grid2D& g = *m_grid;
    const std::vector<double>* values = &shownValues();
    QString valueName = coreText(g.valueName);
    if (values == &g.curvature)
        valueName = QString::fromStdString(g.curvatureName);
    else if (values == &m_laplacian)
        valueName = m_valueChoice->currentText();
    const int nx = static_cast<int>(g.nx());
    const int ny = static_cast<int>(g.ny());
    m_map->data()->setSize(nx, ny);
    m_map->data()->setRange(QCPRange(g.x.values.front(), g.x.values.back()),
                            QCPRange(g.y.values.front(), g.y.values.back()));
    for (int iy = 0; iy < ny; ++iy)
        for (int ix = 0; ix < nx; ++ix)
            m_map->data()->setCell(ix, iy, (*values)[static_cast<std::size_t>(iy) * g.nx() + ix]);
    applyColourScale(m_map, m_colourScale, values == &g.values, valueName);
    updateContours();
    m_plot->xAxis->setLabel(axisLabel(QString::fromStdString(g.x.name), coreText(g.x.unit)));
    m_plot->yAxis->setLabel(axisLabel(QString::fromStdString(g.y.name), coreText(g.y.unit)));
    m_plot->graph(0)->setData(QVector<double>{0.0}, QVector<double>{0.0});
    m_plot->rescaleAxes();
    // Cells are centred on grid values: widen the view by half a cell.
    const double hx = (g.x.values.back() - g.x.values.front()) / (2.0 * (nx - 1));
    const double hy = (g.y.values.back() - g.y.values.front()) / (2.0 * (ny - 1));
    m_plot->xAxis->setRange(g.x.values.front() - hx, g.x.values.back() + hx);
    m_plot->yAxis->setRange(g.y.values.front() - hy, g.y.values.back() + hy);
    m_plot->replot();
}

const std::vector<double>& HeatmapView::shownValues() const
{
    const Grid2D& g = *m_grid;
    const int choice = m_valueChoice->currentIndex();
    if (choice == 1 && g.curvature.size() == g.values.size())
        return g.curvature;
    if (choice >= 1 && !m_laplacian.empty())
        return m_laplacian;
    return g.values;
}

void HeatmapView::updateContours()
{
    m_levels.clear();
    std::vector<ContourSegment> segments;
    if (m_grid && m_contourToggle->isChecked()) {
        const std::vector<double>& values = shownValues();
        m_levels = borehole::contourLevels(values, 10);
        for (double level : m_levels) {
            std::vector<ContourSegment> s =
                contourSegments(m_grid->x.values, m_grid->y.values, values, level);
            segments.insert(segments.end(), s.begin(), s.end());
        }
    }
    m_contours->setSegments(std::move(segments));
}

void HeatmapView::setContoursVisible(bool on)
{
    if (m_contourToggle->isChecked() != on) {
        m_contourToggle->setChecked(on); // re-enters through toggled()
        return;
    }
    updateContours();
    m_plot->replot();
}

bool HeatmapView::contoursVisible() const
{
    return m_contourToggle->isChecked();
}

std::size_t HeatmapView::contourSegmentCount() const
{
    return m_contours->segmentCount();
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
                       .arg(coreText(g.valueName))
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

void HeatmapView::onMouseRelease(QMouseEvent* event)
{
    // QCustomPlot treats a release within 3 px of the press as a click (no rubber band).
    if (event->button() != Qt::LeftButton
        || (event->position().toPoint() - m_pressPos).manhattanLength() > 3)
        return;
    selectCell(m_plot->xAxis->pixelToCoord(event->position().x()),
               m_plot->yAxis->pixelToCoord(event->position().y()),
               event->modifiers().testFlag(Qt::ShiftModifier));
}

void HeatmapView::selectCell(double alpha, double beta, bool extend)
{
    if (!m_grid || hoverText(alpha, beta).isEmpty())
        return;
    int ix = 0;
    int iy = 0;
    m_map->data()->coordToCell(alpha, beta, &ix, &iy);
    const Grid2D& g = *m_grid;
    const double x = g.x.values[static_cast<std::size_t>(std::clamp(ix, 0, int(g.nx()) - 1))];
    const double y = g.y.values[static_cast<std::size_t>(std::clamp(iy, 0, int(g.ny()) - 1))];
    if (extend && !m_selection.isEmpty() && m_selection.source == QStringLiteral("heatmap"))
        selectRegion(std::min(m_selection.xMin, x), std::max(m_selection.xMax, x),
                     std::min(m_selection.yMin, y), std::max(m_selection.yMax, y));
    else
        selectRegion(x, x, y, y);
}

void HeatmapView::selectRegion(double alpha0, double alpha1, double beta0, double beta1)
{
    if (!m_grid)
        return;
    m_selection = borehole::selectRegion(*m_grid, alpha0, alpha1, beta0, beta1);
    // Outline the selected cells (not the rectangle as dragged): a click selects one cell.
    const Grid2D& g = *m_grid;
    const double hx = (g.x.values.back() - g.x.values.front()) / (2.0 * (g.nx() - 1));
    const double hy = (g.y.values.back() - g.y.values.front()) / (2.0 * (g.ny() - 1));
    double x0 = 0, x1 = 0, y0 = 0, y1 = 0;
    for (std::size_t i = 0; i < m_selection.points.size(); ++i) {
        const SelectedPoint& p = m_selection.points[i];
        x0 = i == 0 ? p.alpha : std::min(x0, p.alpha);
        x1 = i == 0 ? p.alpha : std::max(x1, p.alpha);
        y0 = i == 0 ? p.beta : std::min(y0, p.beta);
        y1 = i == 0 ? p.beta : std::max(y1, p.beta);
    }
    m_band->topLeft->setCoords(x0 - hx, y1 + hy);
    m_band->bottomRight->setCoords(x1 + hx, y0 - hy);
    m_band->setVisible(!m_selection.isEmpty());
    m_plot->replot();
    emit selectionChanged(m_selection);
}

} // namespace borehole
