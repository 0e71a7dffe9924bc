#include "spectrumview.h"

#include "exportutil.h"
#include "plotstyle.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainterPath>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace borehole {

namespace {

const QColor kDensityColour(31, 119, 180);
const QColor kTopColour(214, 39, 40);
const QColor kBottomColour(44, 160, 44);
const QColor kEigenvalueColour(90, 90, 90);
/// A logarithmic φ axis reaches down to this fraction of the peak (12 decades); lower values are
/// drawn on that floor.
constexpr double kLogFloor = 1e-12;

/// Five significant digits, no trailing point ("204", "0.1", "3.1416e-05").
QString sig(double v, int digits = 5)
{
    return QString::number(v, 'g', digits);
}

QString eigenvalueUnit()
{
    return SpectrumView::tr("loss / parameter-unit²");
}

QVector<double> toVector(const std::vector<double>& v)
{
    return QVector<double>(v.begin(), v.end());
}

} // namespace

QString eigenvalueListText(const std::vector<double>& values,
                           const std::vector<double>& residuals, bool exact)
{
    QStringList parts;
    for (std::size_t i = 0; i < values.size(); ++i)
        parts << (exact || i >= residuals.size()
                      ? sig(values[i])
                      : QStringLiteral("%1 ± %2").arg(sig(values[i]), sig(residuals[i], 2)));
    return parts.join(QStringLiteral(", "));
}

QString spectrumCaption(const SpectrumResult& s, int densitySteps)
{
    const bool exact = s.method == "exact";
    QStringList parts;
    if (exact) {
        parts << SpectrumView::tr("exact Hessian (%1 eigenvalues)").arg(s.eigenvalues.size());
    } else {
        QString method = s.converged
                             ? SpectrumView::tr("Lanczos, %1 iterations").arg(s.iterations)
                             : SpectrumView::tr("Lanczos, %1 iterations, not converged")
                                   .arg(s.iterations);
        parts << (s.densityX.empty()
                      ? SpectrumView::tr("%1, no density").arg(method)
                      : SpectrumView::tr("%1 + SLQ density, %2 runs × %3 steps")
                            .arg(method)
                            .arg(s.densityRuns)
                            .arg(densitySteps));
    }
    const auto withBound = [&](double value, const std::vector<double>& residuals) {
        return exact || residuals.empty()
                   ? sig(value)
                   : QStringLiteral("%1 ± %2").arg(sig(value), sig(residuals.front(), 2));
    };
    parts << SpectrumView::tr("λmax = %1").arg(withBound(s.lambdaMax, s.topResiduals));
    parts << SpectrumView::tr("λmin = %1").arg(withBound(s.lambdaMin, s.bottomResiduals));
    if (s.negativeCurvature)
        parts << SpectrumView::tr("negative curvature: certain (λmin + bound < 0)");
    else if (s.lambdaMin < 0)
        parts << SpectrumView::tr("negative curvature: not certain (λmin + bound ≥ 0)");
    else
        parts << SpectrumView::tr("negative curvature: none found");
    if (s.lambdaMax != 0.0)
        parts << SpectrumView::tr("|λmin|/λmax = %1")
                     .arg(sig(std::abs(s.lambdaMin) / std::abs(s.lambdaMax), 3));
    if (exact)
        parts << SpectrumView::tr("tr(H) = %1").arg(sig(s.trace));
    return parts.join(QStringLiteral(" · "));
}

SpectrumView::SpectrumView(QWidget* parent) : QWidget(parent)
{
    m_plot = new QCustomPlot(this);
    applyPlotStyle(m_plot);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->xAxis->setLabel(axisLabel(tr("eigenvalue λ"), eigenvalueUnit()));
    m_plot->yAxis->setLabel(axisLabel(tr("spectral density φ(λ)"), tr("per unit of λ")));
    // The markers sit on a fixed 0–1 strip so that they stay put whatever φ's scale.
    m_plot->yAxis2->setRange(0.0, 1.0);
    m_plot->yAxis2->setVisible(false);

    m_density = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis);
    m_density->setName(tr("spectral density φ(λ)"));
    m_density->setPen(QPen(kDensityColour, 2));

    QPainterPath tick;
    tick.moveTo(0, -7);
    tick.lineTo(0, 7);
    m_eigenvalues = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis2);
    m_eigenvalues->setName(tr("every eigenvalue (exact)"));
    m_eigenvalues->setLineStyle(QCPGraph::lsNone);
    m_eigenvalues->setScatterStyle(
        QCPScatterStyle(tick, QPen(kEigenvalueColour, 1.5), Qt::NoBrush, 14));

    const auto markers = [this](const QString& name, const QColor& colour,
                                QCPScatterStyle::ScatterShape shape, QCPErrorBars** errors) {
        auto* g = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis2);
        g->setName(name);
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(QCPScatterStyle(shape, QPen(colour, 1.5), colour, 8));
        *errors = new QCPErrorBars(m_plot->xAxis, m_plot->yAxis2);
        (*errors)->setErrorType(QCPErrorBars::etKeyError);
        (*errors)->setDataPlottable(g);
        (*errors)->setPen(QPen(colour, 1.5));
        (*errors)->removeFromLegend();
        return g;
    };
    m_top = markers(tr("largest eigenvalues ± residual bound"), kTopColour, QCPScatterStyle::ssDisc,
                    &m_topErrors);
    m_bottom = markers(tr("smallest eigenvalues ± residual bound"), kBottomColour,
                       QCPScatterStyle::ssDiamond, &m_bottomErrors);

    auto* zero = new QCPItemStraightLine(m_plot);
    zero->point1->setCoords(0.0, 0.0);
    zero->point2->setCoords(0.0, 1.0);
    zero->setPen(QPen(QColor(120, 120, 120), 1, Qt::DashLine));
    auto* zeroLabel = new QCPItemText(m_plot);
    zeroLabel->position->setTypeX(QCPItemPosition::ptPlotCoords);
    zeroLabel->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    zeroLabel->position->setCoords(0.0, 0.0);
    zeroLabel->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    zeroLabel->setText(tr(" λ = 0"));
    zeroLabel->setColor(QColor(120, 120, 120));

    m_plot->legend->setVisible(true);
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignRight | Qt::AlignVCenter);

    m_caption = new QLabel(this);
    m_caption->setWordWrap(true);
    m_caption->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_log = new QCheckBox(tr("Log scale φ"), this);
    m_log->setToolTip(tr("Spectral densities span decades: show φ(λ) on a logarithmic axis"));
    connect(m_log, &QCheckBox::toggled, this, [this] { redraw(); });
    m_export = new QPushButton(tr("Export plot…"), this);
    m_export->setToolTip(tr("Save the spectrum plot as PNG, SVG or PDF"));
    connect(m_export, &QPushButton::clicked, this, &SpectrumView::exportRequested);

    auto* page = new QWidget(this);
    auto* pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->addWidget(m_caption);
    pageLayout->addWidget(m_plot, 1);
    m_empty = new QLabel(this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(page);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_log);
    bar->addStretch(1);
    bar->addWidget(m_export);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_stack, 1);
    layout->addLayout(bar);
    clear();
}

void SpectrumView::clear()
{
    showEmpty(tr("Run a probe with the spectrum enabled (Setup › Spectrum) to see the Hessian's "
                 "eigenvalues and spectral density here."));
}

void SpectrumView::setReport(const ProbeReport& report)
{
    if (report.spectrum)
        setSpectrum(*report.spectrum, report.settings.spectrumOptions.densitySteps);
    else
        showEmpty(tr("Spectrum not computed: enable it in Setup › Spectrum and probe again."));
}

void SpectrumView::showEmpty(const QString& why)
{
    m_spectrum.reset();
    m_densitySteps = 0;
    m_empty->setText(why);
    m_caption->clear();
    m_stack->setCurrentWidget(m_empty);
    m_export->setEnabled(false);
    redraw();
}

void SpectrumView::setSpectrum(const SpectrumResult& spectrum, int densitySteps)
{
    m_spectrum = spectrum;
    m_densitySteps = densitySteps;
    m_empty->clear();
    m_caption->setText(spectrumCaption(spectrum, densitySteps));
    m_stack->setCurrentWidget(m_caption->parentWidget());
    m_export->setEnabled(true);
    redraw();
}

QString SpectrumView::caption() const
{
    return m_caption->text();
}

QString SpectrumView::emptyText() const
{
    return m_empty->text();
}

void SpectrumView::setLogScale(bool on)
{
    m_log->setChecked(on); // toggled() redraws
}

bool SpectrumView::logScale() const
{
    return m_log->isChecked();
}

void SpectrumView::redraw()
{
    for (QCPGraph* g : {m_density, m_top, m_bottom, m_eigenvalues})
        g->data()->clear();
    m_topErrors->data()->clear();
    m_bottomErrors->data()->clear();
    const bool log = m_log->isChecked();
    QCPAxis* y = m_plot->yAxis;
    y->setScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (log)
        y->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    else
        y->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    if (!m_spectrum) {
        m_plot->replot();
        return;
    }
    const SpectrumResult& s = *m_spectrum;
    const bool exact = s.method == "exact";

    double peak = 0.0;
    for (double v : s.densityY)
        if (std::isfinite(v))
            peak = std::max(peak, v);
    const double floor = peak > 0 ? peak * kLogFloor : kLogFloor;
    QVector<double> phi;
    phi.reserve(static_cast<int>(s.densityY.size()));
    for (double v : s.densityY)
        phi << (log ? std::max(v, floor) : v);
    const auto n = std::min(s.densityX.size(), s.densityY.size());
    m_density->setData(QVector<double>(s.densityX.begin(), s.densityX.begin() + n),
                       phi.mid(0, static_cast<int>(n)), true);

    // QCPErrorBars pairs its i-th error with the i-th point of the graph, which QCPGraph keeps
    // sorted by λ: markers and bounds go in together, ascending (core lists the top descending).
    // Exact residuals are float rounding: drawn as they are (invisible), not hidden.
    const auto markers = [](const std::vector<double>& values,
                            const std::vector<double>& residuals, double row, QCPGraph* graph,
                            QCPErrorBars* errors) {
        std::vector<std::pair<double, double>> points;
        for (std::size_t i = 0; i < values.size(); ++i)
            points.emplace_back(values[i], i < residuals.size() ? residuals[i] : 0.0);
        std::sort(points.begin(), points.end());
        QVector<double> keys;
        QVector<double> bounds;
        for (const auto& [value, bound] : points) {
            keys << value;
            bounds << bound;
        }
        graph->setData(keys, QVector<double>(keys.size(), row), true);
        errors->setData(bounds);
    };
    markers(s.top, s.topResiduals, kTopRow, m_top, m_topErrors);
    markers(s.bottom, s.bottomResiduals, kBottomRow, m_bottom, m_bottomErrors);
    m_eigenvalues->setVisible(exact);
    if (exact)
        m_eigenvalues->setData(toVector(s.eigenvalues),
                               QVector<double>(static_cast<int>(s.eigenvalues.size()),
                                               kEigenvalueRow));
    if (exact)
        m_eigenvalues->addToLegend();
    else
        m_eigenvalues->removeFromLegend();

    // λ from the smallest to the largest thing drawn, λ = 0 always in view.
    double lo = 0.0;
    double hi = 0.0;
    const auto take = [&](double v) {
        if (std::isfinite(v)) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    };
    if (n > 0) {
        take(s.densityX.front());
        take(s.densityX[n - 1]);
    }
    for (std::size_t i = 0; i < s.top.size(); ++i)
        take(s.top[i] + (i < s.topResiduals.size() ? s.topResiduals[i] : 0.0));
    for (std::size_t i = 0; i < s.bottom.size(); ++i)
        take(s.bottom[i] - (i < s.bottomResiduals.size() ? s.bottomResiduals[i] : 0.0));
    for (double v : s.eigenvalues)
        take(v);
    take(s.lambdaMin);
    take(s.lambdaMax);
    const double pad = 0.04 * (hi - lo > 0 ? hi - lo : 1.0);
    m_plot->xAxis->setRange(lo - pad, hi + pad);
    if (log)
        y->setRange(floor, peak > 0 ? peak * 3.0 : 1.0);
    else
        y->setRange(0.0, peak > 0 ? peak * 1.12 : 1.0);
    m_plot->replot();
}

bool SpectrumView::exportPlot(const QString& path, QString* error, int width, int height)
{
    return savePlot(m_plot, path, width, height, error);
}

} // namespace borehole
