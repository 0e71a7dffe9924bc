#pragma once
// Shared look of the QCustomPlot views: fonts, the viridis gradient, interaction defaults.
#include <QString>

#include <string>
#include <utility>
#include <vector>

class QCustomPlot;
class QCPColorGradient;
class QCPColorMap;
class QCPColorScale;

namespace borehole {

enum class ColourMapKind;
struct ColourScale;

/// Viridis as a QCPColorGradient; NaN cells are transparent.
QCPColorGradient viridisGradient();
/// Any of the shared colour maps as a QCPColorGradient; NaN cells are transparent.
QCPColorGradient colourGradient(ColourMapKind kind);
/// The map's name in the user interface's language.
QString colourMapName(ColourMapKind kind);
/// Gives the map (and its scale) `scale`'s colours and its range: the finite range of the cells,
/// or the locked range when `scale` is locked and the map shows the loss (`showsLoss`; a locked
/// loss range means nothing for a curvature). The scale's label is `label`, with "(locked
/// range)" appended when the locked range is in use.
void applyColourScale(QCPColorMap* map, const ColourScale& scale, bool showsLoss,
                      const QString& label);
/// Common fonts, margins and background for every plot.
void applyPlotStyle(QCustomPlot* plot);
/// A colour map on the plot's axes with a viridis colour scale to its right, margins aligned;
/// cells are drawn without interpolation. The scale is returned through `scale`.
QCPColorMap* addColorMap(QCustomPlot* plot, QCPColorScale** scale);
/// Min and max of the finite values: {0, 1} when there are none, ±0.5 around a constant.
std::pair<double, double> finiteRange(const std::vector<double>& values);
/// Sets the colour range of the map (and its scale) to the finite range of its cells and shows
/// the scale. QCustomPlot 2.1's rescaleDataRange() seeds its bounds with the first cell: a NaN
/// there (an empty raster cell) makes the bounds NaN, the new range is refused, and the scale
/// keeps whatever range it showed before.
void rescaleColourRange(QCPColorMap* map);
/// Empties the map and hides its colour scale (an empty map shows no stale colour bar).
void clearColourMap(QCPColorMap* map);
/// `text` with every number in std::to_string's fixed form (six decimals, e.g. a stored failure
/// reason "loss grew from 0.693147 to 487475196022138785073933058048.000000") written with six
/// significant digits ("0.693147", "4.87475e+29"). Databases written before core formatted its
/// numbers keep such reasons, so the GUI tidies them where it shows them.
QString withReadableNumbers(const std::string& text);
/// Words core writes into grids (the value name "loss", the direction units) in the user
/// interface's language; other text (feature names, symbols such as "α (d₁)") as it is.
QString coreText(const std::string& text);
/// "name [unit]" or just "name" when the unit is empty.
QString axisLabel(const QString& name, const QString& unit);
/// Display name of a trace estimator as core reports it ("hutch++" → "Hutch++",
/// "hutchinson" → "Hutchinson"); other text is returned as is.
QString traceEstimatorName(const std::string& estimator);
/// A printf format ("%-6.3g" at least) with enough significant digits that `ticks` evenly
/// spaced labels between lo and hi differ: 22.8, 22.81, … rather than 22.8 five times; a whole
/// number prints without a trailing point ("204", not "204.").
std::string tickLabelFormat(double lo, double hi, int ticks);

} // namespace borehole
