#include "curvatureplot.h"

#include "exportutil.h"
#include "plotstyle.h"

#include <QHBoxLayout>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>

namespace borehole {

namespace {

const QColor kKindColours[] = {QColor(31, 119, 180), QColor(214, 39, 40), QColor(44, 160, 44)};
/// The unit of every curvature on these plots: loss per squared step along a unit direction.
QString curvatureUnit()
{
    return CurvaturePlot::tr("loss / parameter-unit²");
}

} // namespace

CurvaturePlot::CurvaturePlot(QWidget* parent) : QWidget(parent)
{
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    for (int i = 0; i < PageCount; ++i) {
        m_plots[i] = new QCustomPlot(this);
        applyPlotStyle(m_plots[i]);
        m_plots[i]->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
        m_plots[i]->legend->setVisible(false);
        m_tabs->addTab(m_plots[i], pageTitle(static_cast<Page>(i)));
    }
    auto* exportButton = new QPushButton(tr("Export plot…"), this);
    exportButton->setToolTip(tr("Save the plot shown as PNG, SVG or PDF"));
    connect(exportButton, &QPushButton::clicked, this, &CurvaturePlot::exportRequested);
    auto* bar = new QHBoxLayout;
    bar->addStretch(1);
    bar->addWidget(exportButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_tabs, 1);
    layout->addLayout(bar);
}

QString CurvaturePlot::pageTitle(Page page) const
{
    switch (page) {
    case Directions: return tr("Curvature by direction");
    case Convergence: return tr("λmax convergence");
    case Trace: return tr("Trace estimate");
    case Line: return tr("1D line");
    default: return {};
    }
}

int CurvaturePlot::currentPage() const
{
    return m_tabs->currentIndex();
}

void CurvaturePlot::setCurrentPage(Page page)
{
    m_tabs->setCurrentIndex(page);
}

void CurvaturePlot::clear()
{
    for (int i = 0; i < PageCount; ++i) {
        m_plots[i]->clearPlottables();
        m_plots[i]->clearItems();
        m_plots[i]->legend->setVisible(false);
        m_plots[i]->replot();
        m_hasData[i] = false;
    }
}

bool CurvaturePlot::pageHasData(Page page) const
{
    return m_hasData[page];
}

int CurvaturePlot::pointCount(Page page) const
{
    int n = 0;
    QCustomPlot* p = m_plots[page];
    for (int i = 0; i < p->graphCount(); ++i)
        n += p->graph(i)->dataCount();
    for (int i = 0; i < p->plottableCount(); ++i)
        if (auto* bars = qobject_cast<QCPBars*>(p->plottable(i)))
            n += bars->dataCount();
    return n;
}

void CurvaturePlot::setReport(const ProbeReport& report)
{
    clear();
    plotDirections(report);
    plotConvergence(report);
    plotTrace(report);
    plotLine(report);
}

void CurvaturePlot::plotDirections(const ProbeReport& r)
{
    QCustomPlot* p = m_plots[Directions];
    if (r.curvature.empty()) {
        p->replot();
        return;
    }
    // One group per direction kind: a bar at the mean directional curvature with a ±1 std error
    // bar, and the individual directions as dots spread across the bar.
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    auto* means = new QCPBars(p->xAxis, p->yAxis);
    means->setWidth(0.6);
    means->setPen(QPen(QColor(90, 90, 90)));
    means->setBrush(QColor(200, 210, 225));
    means->setName(tr("mean dᵀΔg/ε"));
    auto* errors = new QCPErrorBars(p->xAxis, p->yAxis);
    errors->setDataPlottable(means);
    errors->setPen(QPen(QColor(60, 60, 60), 1.5));
    QVector<double> keys;
    QVector<double> values;
    QVector<double> spreads;
    for (std::size_t k = 0; k < r.curvature.size(); ++k) {
        const CurvatureResult& c = r.curvature[k];
        const double x = static_cast<double>(k + 1);
        keys << x;
        values << c.meanDirectional;
        spreads << c.stdDirectional;
        ticker->addTick(x, QStringLiteral("%1 (K=%2)")
                               .arg(QString::fromStdString(toString(c.kind)))
                               .arg(c.directional.size()));
        auto* dots = p->addGraph();
        dots->setLineStyle(QCPGraph::lsNone);
        dots->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, kKindColours[k % 3], 7));
        dots->setName(QString::fromStdString(toString(c.kind)));
        const auto n = c.directional.size();
        for (std::size_t i = 0; i < n; ++i) {
            const double spread = n > 1 ? -0.25 + 0.5 * static_cast<double>(i) / (n - 1) : 0.0;
            dots->addData(x + spread, c.directional[i]);
        }
    }
    means->setData(keys, values);
    errors->setData(spreads);
    double top = 0.0;
    if (r.lanczos || r.power) {
        const EigenResult& e = r.lanczos ? *r.lanczos : *r.power;
        top = e.value;
        auto* line = new QCPItemStraightLine(p);
        line->point1->setCoords(0, e.value);
        line->point2->setCoords(1, e.value);
        line->setPen(QPen(QColor(214, 39, 40), 1.5, Qt::DashLine));
        auto* label = new QCPItemText(p);
        label->position->setCoords(0.55, e.value);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
        label->setText(tr("λmax (%1) = %2").arg(QString::fromStdString(e.method)).arg(e.value, 0,
                                                                                     'g', 4));
        label->setColor(QColor(214, 39, 40));
    }
    p->xAxis->setTicker(ticker);
    p->xAxis->setLabel(tr("direction kind"));
    p->yAxis->setLabel(axisLabel(tr("directional curvature dᵀ(∇L(θ+εd)−∇L(θ))/ε"),
                                 curvatureUnit()));
    p->rescaleAxes();
    p->xAxis->setRange(0.3, static_cast<double>(r.curvature.size()) + 0.7);
    QCPRange y = p->yAxis->range();
    y.expand(top);
    y.expand(0.0);
    const double pad = 0.08 * (y.upper - y.lower + 1e-12);
    p->yAxis->setRange(y.lower - pad, y.upper + pad);
    p->replot();
    m_hasData[Directions] = true;
}

void CurvaturePlot::plotConvergence(const ProbeReport& r)
{
    QCustomPlot* p = m_plots[Convergence];
    int colour = 0;
    for (const auto* e : {r.power ? &*r.power : nullptr, r.lanczos ? &*r.lanczos : nullptr}) {
        if (!e || e->history.empty())
            continue;
        const QColor c = kKindColours[colour++];
        auto* estimate = p->addGraph(p->xAxis, p->yAxis);
        estimate->setName(tr("%1 estimate").arg(QString::fromStdString(e->method)));
        estimate->setPen(QPen(c, 2));
        estimate->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
        auto* error = p->addGraph(p->xAxis, p->yAxis2);
        error->setName(tr("%1 relative error bound").arg(QString::fromStdString(e->method)));
        error->setPen(QPen(c, 1, Qt::DashLine));
        for (std::size_t i = 0; i < e->history.size(); ++i)
            estimate->addData(static_cast<double>(i + 1), e->history[i]);
        for (std::size_t i = 0; i < e->errors.size(); ++i)
            if (e->errors[i] > 0)
                error->addData(static_cast<double>(i + 1), e->errors[i]);
    }
    if (p->graphCount() == 0) {
        p->replot();
        return;
    }
    p->xAxis->setLabel(tr("iteration (HVPs)"));
    p->yAxis->setLabel(axisLabel(tr("λmax estimate"), curvatureUnit()));
    p->yAxis2->setVisible(true);
    p->yAxis2->setLabel(tr("relative error bound (dashed) [1]"));
    p->yAxis2->setScaleType(QCPAxis::stLogarithmic);
    p->yAxis2->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    p->legend->setVisible(true);
    p->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignRight | Qt::AlignVCenter);
    p->rescaleAxes();
    p->replot();
    m_hasData[Convergence] = true;
}

void CurvaturePlot::plotTrace(const ProbeReport& r)
{
    QCustomPlot* p = m_plots[Trace];
    if (!r.trace || r.trace->history.empty()) {
        p->replot();
        return;
    }
    const TraceResult& t = *r.trace;
    auto* g = p->addGraph();
    g->setName(tr("running %1 estimate").arg(traceEstimatorName(t.estimator)));
    g->setPen(QPen(kKindColours[0], 2));
    for (std::size_t i = 0; i < t.history.size(); ++i)
        g->addData(static_cast<double>(i + 1), t.history[i]);
    auto* band = p->addGraph();
    band->setName(tr("final ± standard error"));
    band->setPen(QPen(QColor(120, 120, 120), 1, Qt::DashLine));
    band->addData(1, t.estimate + t.standardError);
    band->addData(static_cast<double>(t.history.size()), t.estimate + t.standardError);
    auto* low = p->addGraph();
    low->setPen(band->pen());
    low->removeFromLegend();
    low->addData(1, t.estimate - t.standardError);
    low->addData(static_cast<double>(t.history.size()), t.estimate - t.standardError);
    p->xAxis->setLabel(tr("Rademacher samples (HVPs)"));
    p->yAxis->setLabel(axisLabel(tr("tr(H) estimate"), curvatureUnit()));
    p->legend->setVisible(true);
    p->rescaleAxes();
    p->replot();
    m_hasData[Trace] = true;
}

void CurvaturePlot::plotLine(const ProbeReport& r)
{
    QCustomPlot* p = m_plots[Line];
    if (!r.line || r.line->values.empty()) {
        p->replot();
        return;
    }
    const Grid1D& l = *r.line;
    auto* g = p->addGraph();
    g->setName(QString::fromStdString(l.valueName));
    g->setPen(QPen(kKindColours[0], 2));
    for (std::size_t i = 0; i < l.values.size() && i < l.x.values.size(); ++i)
        g->addData(l.x.values[i], l.values[i]);
    auto* centre = p->addGraph();
    centre->setLineStyle(QCPGraph::lsNone);
    centre->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCrossCircle, QColor(220, 30, 30),
                                            12));
    centre->setName(tr("current θ"));
    centre->addData(0.0, l.centerValue);
    p->xAxis->setLabel(axisLabel(QString::fromStdString(l.x.name),
                                 QString::fromStdString(l.x.unit)));
    p->yAxis->setLabel(QString::fromStdString(l.valueName));
    p->rescaleAxes();
    p->replot();
    m_hasData[Line] = true;
}

bool CurvaturePlot::exportPage(Page page, const QString& path, QString* error, int width,
                               int height)
{
    return savePlot(m_plots[page], path, width, height, error);
}

} // namespace borehole
