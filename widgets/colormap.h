#pragma once
// One perceptually uniform colour map (viridis) shared by the VTK and QCustomPlot views, so that
// a value has the same colour in the 3D surface, the heatmap and the PCA map.
#include <QColor>

#include <array>

namespace borehole {

/// Viridis sampled at 9 evenly spaced stops, from low (dark blue) to high (yellow).
inline const std::array<QColor, 9>& viridisStops()
{
    static const std::array<QColor, 9> stops{
        QColor(68, 1, 84),    QColor(71, 44, 122),  QColor(59, 81, 139),
        QColor(44, 113, 142), QColor(33, 144, 141), QColor(39, 173, 129),
        QColor(92, 200, 99),  QColor(170, 220, 50), QColor(253, 231, 37)};
    return stops;
}

/// Colour at t in [0, 1] (clamped), linearly interpolated between the stops.
inline QColor viridis(double t)
{
    const auto& s = viridisStops();
    if (!(t > 0.0))
        return s.front();
    if (t >= 1.0)
        return s.back();
    const double x = t * static_cast<double>(s.size() - 1);
    const auto i = static_cast<std::size_t>(x);
    const double f = x - static_cast<double>(i);
    const QColor& a = s[i];
    const QColor& b = s[i + 1];
    return QColor::fromRgbF(static_cast<float>(a.redF() + f * (b.redF() - a.redF())),
                            static_cast<float>(a.greenF() + f * (b.greenF() - a.greenF())),
                            static_cast<float>(a.blueF() + f * (b.blueF() - a.blueF())));
}

} // namespace borehole
