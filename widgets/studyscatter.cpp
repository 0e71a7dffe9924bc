#include "studyscatter.h"

#include "colormap.h"
#include "plotstyle.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace borehole {

StudyScatter::StudyScatter(QCustomPlot* plot) : QObject(plot), m_plot(plot)
{
    applyPlotStyle(plot);
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_scale = new QCPColorScale(plot);
    plot->plotLayout()->addElement(0, 1, m_scale);
    m_scale->setGradient(viridisGradient());
    auto* group = new QCPMarginGroup(plot);
    plot->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, group);
    m_scale->setMarginGroup(QCP::msBottom | QCP::msTop, group);
    plot->legend->setVisible(false);

    // Drag: a rectangle selects the dots inside (Shift adds); a click selects the nearest dot.
    plot->setSelectionRectMode(QCP::srmCustom);
    plot->selectionRect()->setPen(QPen(Qt::black, 1, Qt::DashLine));
    plot->setToolTip(tr("Drag a rectangle to select configurations, click a dot to select one; "
                        "Shift adds to the selection"));
    // QCustomPlot cancels the rectangle of a click (press and release at one spot).
    connect(plot, &QCustomPlot::mousePress, this,
            [this](QMouseEvent* event) { m_pressedAt = event->position(); });
    connect(plot, &QCustomPlot::mouseRelease, this, [this](QMouseEvent* event) {
        if (event->button() == Qt::LeftButton
            && (event->position() - m_pressedAt).manhattanLength() < 4)
            selectNearest(event->position(), event->modifiers() & Qt::ShiftModifier);
    });
    connect(plot->selectionRect(), &QCPSelectionRect::accepted, this,
            [this](const QRect& rect, QMouseEvent* event) {
                const bool add = event && (event->modifiers() & Qt::ShiftModifier);
                selectInRegion(m_plot->xAxis->pixelToCoord(rect.left()),
                               m_plot->xAxis->pixelToCoord(rect.right()),
                               m_plot->yAxis->pixelToCoord(rect.top()),
                               m_plot->yAxis->pixelToCoord(rect.bottom()), add);
            });
}

void StudyScatter::clear()
{
    m_plot->clearPlottables();
    m_rings = nullptr;
    m_dots.clear();
}

int StudyScatter::addDots(const std::vector<std::int64_t>& ids, const std::vector<double>& xs,
                          const std::vector<double>& ys, const std::vector<double>& colours)
{
    const auto [lo, hi] = finiteRange(colours);
    m_scale->setDataRange(QCPRange(lo, hi));
    int drawn = 0;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        if (!std::isfinite(xs[i]) || !std::isfinite(ys[i]))
            continue;
        const QColor colour = std::isfinite(colours[i]) ? viridis((colours[i] - lo) / (hi - lo))
                                                        : QColor(160, 160, 160);
        auto* g = m_plot->addGraph();
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::black, 0.8), colour, 9));
        g->addData(xs[i], ys[i]);
        g->removeFromLegend();
        g->setProperty("borehole-point", true);
        m_dots.push_back({ids[i], xs[i], ys[i]});
        ++drawn;
    }
    return drawn;
}

void StudyScatter::setNote(const QString& note)
{
    m_plot->clearItems();
    if (note.isEmpty())
        return;
    auto* text = new QCPItemText(m_plot);
    text->position->setType(QCPItemPosition::ptAxisRectRatio);
    text->position->setCoords(0.5, 0.04);
    text->setPositionAlignment(Qt::AlignTop | Qt::AlignHCenter);
    text->setText(note);
    text->setPadding(QMargins(6, 4, 6, 4));
    text->setBrush(QColor(255, 255, 255, 220));
    text->setPen(QPen(QColor(150, 150, 150)));
}

void StudyScatter::setSelectedConfigurations(const std::vector<std::int64_t>& ids)
{
    m_selected = std::set<std::int64_t>(ids.begin(), ids.end());
    showSelection();
}

void StudyScatter::showSelection()
{
    if (!m_rings) {
        m_rings = m_plot->addGraph();
        m_rings->setLineStyle(QCPGraph::lsNone);
        m_rings->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle,
                                                 QPen(QColor(230, 40, 40), 2.5), Qt::NoBrush, 16));
        m_rings->removeFromLegend();
        m_rings->setProperty("borehole-point", true);
    }
    QVector<double> xs, ys;
    for (const Dot& d : m_dots)
        if (m_selected.count(d.id)) {
            xs.push_back(d.x);
            ys.push_back(d.y);
        }
    m_rings->setData(xs, ys);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

int StudyScatter::selectInRegion(double x0, double x1, double y0, double y1, bool add)
{
    std::vector<std::int64_t> inside;
    for (const Dot& d : m_dots)
        if (d.x >= std::min(x0, x1) && d.x <= std::max(x0, x1) && d.y >= std::min(y0, y1)
            && d.y <= std::max(y0, y1))
            inside.push_back(d.id);
    emit configurationsPicked(inside, add);
    return static_cast<int>(inside.size());
}

bool StudyScatter::selectNearest(const QPointF& pixel, bool add)
{
    const Dot* nearest = nullptr;
    double best = 12.0 * 12.0;
    for (const Dot& d : m_dots) {
        const double dx = m_plot->xAxis->coordToPixel(d.x) - pixel.x();
        const double dy = m_plot->yAxis->coordToPixel(d.y) - pixel.y();
        if (dx * dx + dy * dy <= best) {
            best = dx * dx + dy * dy;
            nearest = &d;
        }
    }
    if (!nearest)
        return false;
    emit configurationsPicked({nearest->id}, add);
    return true;
}

} // namespace borehole
