#pragma once
// The study's curvature map (the study panel's "Curvature map" tab): the probed configurations
// over any two keys (hyperparameters, probe features, scores; see studykeys.h) coloured by a
// third, with the edge-of-stability bound of gradient descent with momentum β, λmax = (2+2β)/lr
// (2/lr at β = 0), drawn where the axes allow it and the configurations past it ringed in red.
// Rates and decays, and keys spanning more than two decades, get log axes. The same data shows
// as dots in 2D or as a surface in 3D (configurations binned over the two axes, studyMapGrid(),
// the bound on the floor); both are kept current. Selecting dots (drag, click, Shift adds)
// emits configurationsPicked(); the view rings what setSelectedConfigurations() is given.
#include "studykeys.h"
#include "studyreport.h"

#include <QPointF>
#include <QString>
#include <QWidget>

#include <cstdint>
#include <set>
#include <vector>

class QComboBox;
class QCustomPlot;
class QLabel;
class QStackedWidget;
class QToolButton;

namespace borehole {

class StudyScatter;
class SurfaceView;

class StudyMapView : public QWidget
{
    Q_OBJECT
public:
    explicit StudyMapView(QWidget* parent = nullptr);

    /// The probed configurations to draw, by id. The axis and colour choices are refilled from
    /// their features, each kept by key where it still exists; then both views are redrawn.
    void setRows(const StudyRows& rows);
    /// The axes a refill falls back to when the current key is gone (at first: learning rate
    /// against momentum); the study's first two active hyperparameters, say.
    void setDefaultAxes(const QString& x, const QString& y);
    /// Map axes and colour by key: "learning_rate", "momentum", ... or a feature name; an empty
    /// `colour` keeps the current one. Redraws.
    void setAxes(const QString& x, const QString& y, const QString& colour = {});
    QString xKey() const;
    QString yKey() const;
    QString colourKey() const;
    /// Rings the dots of these configurations (the ranking's selection).
    void setSelectedConfigurations(const std::vector<std::int64_t>& ids);

    /// The map as points (2D) or as a surface over the two axes (3D).
    void setView3D(bool on);
    bool view3D() const;

    /// Dots on the 2D map, and whether a bound curve is drawn on it.
    int pointCount() const;
    bool boundaryShown() const { return m_boundaryShown; }
    /// Why every dot of the map is grey (its colour has no value yet), or empty.
    QString colourNote() const { return m_colourNote; }
    /// Why the 3D view lacks a surface or a bound, and how its cells were filled.
    QString surfaceNote() const;

    QCustomPlot* plot() const;
    StudyScatter* scatter() const { return m_scatter; }
    SurfaceView* surface() const { return m_surface; }

    /// The 2D map and the 3D surface (or why there is none) for the study report. Renders the
    /// surface offscreen when it has data.
    std::vector<StudyReportFigure> reportFigures();

signals:
    /// The user picked dots: select these configurations, or add them with `add`.
    void configurationsPicked(const std::vector<std::int64_t>& ids, bool add);
    /// Exporting the 3D view as PNG failed.
    void errorReported(const QString& text);

private:
    void refillChoices();
    void redraw();
    void redrawSurface(const std::vector<double>& xs, const std::vector<double>& ys,
                       const std::vector<double>& cs, bool logX, bool logY,
                       const std::set<double>& momenta, double medianLambda);

    StudyRows m_rows;
    QString m_defaultX = QStringLiteral("learning_rate");
    QString m_defaultY = QStringLiteral("momentum");
    bool m_boundaryShown = false;
    QString m_colourNote;

    QComboBox* m_x = nullptr;
    QComboBox* m_y = nullptr;
    QComboBox* m_colour = nullptr;
    StudyScatter* m_scatter = nullptr;
    QStackedWidget* m_stack = nullptr;
    QToolButton* m_view2D = nullptr;
    QToolButton* m_view3D = nullptr;
    SurfaceView* m_surface = nullptr;
    QLabel* m_surfaceNote = nullptr;
};

} // namespace borehole
