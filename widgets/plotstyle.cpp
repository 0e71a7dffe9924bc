#include "plotstyle.h"

#include <borehole/contour.h>
#include <borehole/html_report.h>

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <limits>

#include "colormap.h"

#include <qcustomplot.h>


namespace borehole {

QCPColorGradient colourGradient(ColourMapKind kind)
{
    QCPColorGradient g;
    g.clearColorStops();
    const auto& stops = colourStops(kind);
    for (std::size_t i = 0; i < stops.size(); ++i)
        g.setColorStopAt(static_cast<double>(i) / static_cast<double>(stops.size() - 1), stops[i]);
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    g.setNanHandling(QCPColorGradient::nhTransparent);
    return g;
}

QCPColorGradient viridisGradient()
{
    return colourGradient(ColourMapKind::Viridis);
}

QString colourMapName(ColourMapKind kind)
{
    switch (kind) {
    case ColourMapKind::Magma: return QCoreApplication::translate("ColourMap", "Magma");
    case ColourMapKind::Cividis:
        return QCoreApplication::translate("ColourMap", "Cividis (colour-blind safe)");
    case ColourMapKind::Coolwarm: return QCoreApplication::translate("ColourMap", "Cool–warm");
    case ColourMapKind::Greys: return QCoreApplication::translate("ColourMap", "Greys");
    case ColourMapKind::Viridis: break;
    }
    return QCoreApplication::translate("ColourMap", "Viridis");
}

void applyColourScale(QCPColorMap* map, const ColourScale& scale, bool showsLoss,
                      const QString& label)
{
    const QCPColorGradient gradient = colourGradient(scale.map);
    map->setGradient(gradient);
    QCPColorScale* bar = map->colorScale();
    if (bar)
        bar->setGradient(gradient);
    rescaleColourRange(map);
    const bool locked = showsLoss && scale.validLock();
    if (locked) {
        map->setDataRange(QCPRange(scale.min, scale.max));
        if (bar)
            bar->setDataRange(QCPRange(scale.min, scale.max));
    }
    if (bar)
        bar->axis()->setLabel(
            locked ? QCoreApplication::translate("ColourMap", "%1 (locked range)").arg(label)
                   : label);
}

QCPColorMap* addColorMap(QCustomPlot* plot, QCPColorScale** scale)
{
    auto* map = new QCPColorMap(plot->xAxis, plot->yAxis);
    map->setInterpolate(false);
    auto* s = new QCPColorScale(plot);
    plot->plotLayout()->addElement(0, 1, s);
    s->setType(QCPAxis::atRight);
    map->setColorScale(s);
    // After setColorScale: attaching a scale gives the map the scale's gradient (gpCold).
    s->setGradient(viridisGradient());
    auto* margins = new QCPMarginGroup(plot);
    plot->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    s->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    if (scale)
        *scale = s;
    return map;
}

void applyPlotStyle(QCustomPlot* plot)
{
    QFont font = plot->font();
    font.setPointSize(9);
    for (QCPAxis* axis : {plot->xAxis, plot->yAxis, plot->xAxis2, plot->yAxis2}) {
        axis->setTickLabelFont(font);
        QFont label = font;
        label.setPointSize(10);
        axis->setLabelFont(label);
    }
    plot->setBackground(Qt::white);
    plot->setAntialiasedElements(QCP::aeAll);
    plot->setNoAntialiasingOnDrag(true);
}

std::pair<double, double> finiteRange(const std::vector<double>& values)
{
    const auto [lo, hi] = finiteBounds(values);
    if (!(lo <= hi))
        return {0.0, 1.0};
    if (lo == hi)
        return {lo - 0.5, hi + 0.5};
    return {lo, hi};
}

void rescaleColourRange(QCPColorMap* map)
{
    QCPColorMapData* data = map->data(); // cell() is not const in 2.1
    std::vector<double> cells;
    cells.reserve(static_cast<std::size_t>(data->keySize()) * data->valueSize());
    for (int y = 0; y < data->valueSize(); ++y)
        for (int x = 0; x < data->keySize(); ++x)
            cells.push_back(data->cell(x, y));
    const auto [lo, hi] = finiteRange(cells);
    map->setDataRange(QCPRange(lo, hi)); // forwards to the colour scale
    if (QCPColorScale* scale = map->colorScale()) {
        scale->setDataRange(QCPRange(lo, hi));
        scale->setVisible(true);
    }
}

void clearColourMap(QCPColorMap* map)
{
    map->data()->clear();
    map->setDataRange(QCPRange(0.0, 1.0));
    if (QCPColorScale* scale = map->colorScale()) {
        scale->setDataRange(QCPRange(0.0, 1.0));
        scale->axis()->setLabel(QString());
        scale->setVisible(false);
    }
}

QString withReadableNumbers(const std::string& text)
{
    return QString::fromStdString(readableNumbers(text));
}

QString axisLabel(const QString& name, const QString& unit)
{
    return unit.isEmpty() ? name : QStringLiteral("%1 [%2]").arg(name, unit);
}

QString traceEstimatorName(const std::string& estimator)
{
    if (estimator == "hutch++")
        return QStringLiteral("Hutch++");
    if (estimator == "hutchinson")
        return QStringLiteral("Hutchinson");
    if (estimator == "exact-gauss-newton")
        return QStringLiteral("exact, Gauss–Newton");
    if (estimator == "exact-diagonal")
        return QStringLiteral("exact, Hessian diagonal");
    return QString::fromStdString(estimator);
}

std::string tickLabelFormat(double lo, double hi, int ticks)
{
    int digits = 3;
    const double magnitude = std::max(std::abs(lo), std::abs(hi));
    const double step = (hi - lo) / std::max(ticks - 1, 1);
    if (std::isfinite(magnitude) && std::isfinite(step) && step > 0.0 && magnitude > 0.0) {
        // Digits before the step's leading digit, plus that digit.
        const int needed = static_cast<int>(std::floor(std::log10(magnitude))
                                            - std::floor(std::log10(step))) + 1;
        digits = std::clamp(needed, 3, 10);
    }
    // No '#': it keeps the decimal point of a whole number ("204."), which reads as a typo.
    return "%-" + std::to_string(digits + 3) + "." + std::to_string(digits) + "g";
}

QString coreText(const std::string& text)
{
    if (text == "loss")
        return QCoreApplication::translate("CoreText", "loss");
    if (text == "× filter-normalised direction")
        return QCoreApplication::translate("CoreText", "× filter-normalised direction");
    if (text == "× direction scaled to ‖θ‖")
        return QCoreApplication::translate("CoreText", "× direction scaled to ‖θ‖");
    return QString::fromStdString(text);
}

} // namespace borehole
