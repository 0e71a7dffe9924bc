#pragma once
// The colour maps shared by the VTK and QCustomPlot views, so that a value has the same colour in
// the 3D surface, the heatmap and the PCA map, and the colour scale the user chose for them (a
// map and, optionally, a range locked across probes).
#include <QColor>
#include <QString>

#include <array>
#include <cmath>
#include <optional>
#include <utility>

namespace borehole {

/// Perceptually uniform sequential maps (viridis, magma, cividis — the last readable with
/// red-green colour blindness), a diverging map and grey.
enum class ColourMapKind { Viridis, Magma, Cividis, Coolwarm, Greys };

inline constexpr std::array<ColourMapKind, 5> kColourMaps{
    ColourMapKind::Viridis, ColourMapKind::Magma, ColourMapKind::Cividis, ColourMapKind::Coolwarm,
    ColourMapKind::Greys};

/// Each map sampled at 9 evenly spaced stops, from low to high (matplotlib's viridis, magma and
/// cividis, Moreland's cool-warm).
inline const std::array<QColor, 9>& colourStops(ColourMapKind kind)
{
    static const std::array<QColor, 9> viridis{
        QColor(68, 1, 84),    QColor(71, 44, 122),  QColor(59, 81, 139),
        QColor(44, 113, 142), QColor(33, 144, 141), QColor(39, 173, 129),
        QColor(92, 200, 99),  QColor(170, 220, 50), QColor(253, 231, 37)};
    static const std::array<QColor, 9> magma{
        QColor(0, 0, 4),      QColor(28, 16, 68),   QColor(79, 18, 123),
        QColor(129, 37, 129), QColor(181, 54, 122), QColor(229, 80, 100),
        QColor(251, 135, 97), QColor(254, 196, 136), QColor(252, 253, 191)};
    static const std::array<QColor, 9> cividis{
        QColor(0, 34, 78),     QColor(18, 53, 112),   QColor(59, 73, 108),
        QColor(87, 93, 109),   QColor(112, 113, 115), QColor(138, 134, 120),
        QColor(165, 156, 116), QColor(195, 179, 105), QColor(254, 232, 56)};
    static const std::array<QColor, 9> coolwarm{
        QColor(59, 76, 192),   QColor(98, 130, 234), QColor(141, 176, 254),
        QColor(184, 208, 249), QColor(221, 221, 221), QColor(245, 196, 173),
        QColor(244, 154, 123), QColor(222, 96, 77),   QColor(180, 4, 38)};
    static const std::array<QColor, 9> greys{
        QColor(20, 20, 20),    QColor(45, 45, 45),    QColor(72, 72, 72),
        QColor(100, 100, 100), QColor(128, 128, 128), QColor(155, 155, 155),
        QColor(182, 182, 182), QColor(210, 210, 210), QColor(240, 240, 240)};
    switch (kind) {
    case ColourMapKind::Magma: return magma;
    case ColourMapKind::Cividis: return cividis;
    case ColourMapKind::Coolwarm: return coolwarm;
    case ColourMapKind::Greys: return greys;
    case ColourMapKind::Viridis: break;
    }
    return viridis;
}

/// Colour of `kind` at t in [0, 1] (clamped; NaN gives the low end), linearly interpolated
/// between the stops.
inline QColor colourAt(ColourMapKind kind, double t)
{
    const auto& s = colourStops(kind);
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

inline const std::array<QColor, 9>& viridisStops()
{
    return colourStops(ColourMapKind::Viridis);
}

inline QColor viridis(double t)
{
    return colourAt(ColourMapKind::Viridis, t);
}

/// The key a map is stored under in settings ("viridis", "magma", …).
inline QString colourMapKey(ColourMapKind kind)
{
    switch (kind) {
    case ColourMapKind::Magma: return QStringLiteral("magma");
    case ColourMapKind::Cividis: return QStringLiteral("cividis");
    case ColourMapKind::Coolwarm: return QStringLiteral("coolwarm");
    case ColourMapKind::Greys: return QStringLiteral("greys");
    case ColourMapKind::Viridis: break;
    }
    return QStringLiteral("viridis");
}

inline std::optional<ColourMapKind> colourMapFromKey(const QString& key)
{
    for (ColourMapKind kind : kColourMaps)
        if (colourMapKey(kind) == key)
            return kind;
    return std::nullopt;
}

/// How the loss views colour the loss: which map, and whether over the shown data's range
/// (the default) or over a range the user locked so that several probes share one scale.
struct ColourScale
{
    ColourMapKind map = ColourMapKind::Viridis;
    bool locked = false;
    double min = 0.0; ///< locked range (only when locked)
    double max = 1.0;

    /// A locked range is usable when both ends are finite and min < max.
    bool validLock() const
    {
        return locked && std::isfinite(min) && std::isfinite(max) && min < max;
    }
    /// The range to colour data spanning [lo, hi] with: the locked one, else [lo, hi].
    std::pair<double, double> rangeFor(double lo, double hi) const
    {
        return validLock() ? std::pair<double, double>{min, max} : std::pair<double, double>{lo, hi};
    }
    bool operator==(const ColourScale& o) const
    {
        return map == o.map && locked == o.locked && (!locked || (min == o.min && max == o.max));
    }
    bool operator!=(const ColourScale& o) const { return !(*this == o); }
};

} // namespace borehole
