#pragma once
// View › Colour: the colour map of the loss views (3D surface, heatmap, PCA map) and a range the
// user may lock so that several probes are coloured on one scale (as ParaView's "lock data
// range"). The choice is kept in QSettings across sessions.
#include "colormap.h"

#include <QMenu>

#include <functional>
#include <optional>
#include <utility>

class QAction;
class QActionGroup;

namespace borehole {

class ColourMenu : public QMenu
{
    Q_OBJECT
public:
    /// `dataRange` gives the loss range shown now (nothing when no probe is shown): "Lock Range"
    /// locks that range.
    ColourMenu(std::function<std::optional<std::pair<double, double>>()> dataRange,
               QWidget* parent = nullptr);

    const ColourScale& scale() const { return m_scale; }
    /// Sets the scale (menu checks follow), stores it and emits scaleChanged() when it differs.
    void setScale(const ColourScale& scale);
    /// Locks the range to the data shown now; false (nothing changes) when nothing is shown.
    bool lockToShownData();
    /// Parses a range typed by the user: empty with min and max set, or why it is not a range
    /// ("The lowest value 'x' is not a number.", "The lowest value must be below the highest.").
    static QString parseRange(const QString& low, const QString& high, double* min, double* max);

signals:
    void scaleChanged(const borehole::ColourScale& scale);

private:
    void askRange();
    void syncChecks();

    std::function<std::optional<std::pair<double, double>>()> m_dataRange;
    ColourScale m_scale;
    QActionGroup* m_maps = nullptr;
    QAction* m_lock = nullptr;
};

/// The scale stored in QSettings (viridis, unlocked when nothing is stored or it is malformed).
ColourScale storedColourScale();

} // namespace borehole
