#pragma once
// Shared look of the QCustomPlot views: fonts, the viridis gradient, interaction defaults.
#include <QString>

class QCustomPlot;
class QCPColorGradient;

namespace borehole {

/// Viridis as a QCPColorGradient; NaN cells are transparent.
QCPColorGradient viridisGradient();
/// Common fonts, margins and background for every plot.
void applyPlotStyle(QCustomPlot* plot);
/// "name [unit]" or just "name" when the unit is empty.
QString axisLabel(const QString& name, const QString& unit);

} // namespace borehole
