#pragma once
// The dots of the study's scatter plots (the curvature map and the PCA of configurations), one
// per configuration on a QCustomPlot: coloured on a viridis scale by a value (grey where it has
// none), a boxed note when every dot is grey, red rings around the selected configurations. A
// drag selects the dots inside a rectangle, a click the dot nearest to it within 12 pixels, Shift
// adding to the selection; StudyScatter reports them through configurationsPicked() and rings
// what setSelectedConfigurations() says is selected (the ranking decides). What else the owner
// draws (bound curves, a legend) goes on the plot directly.
#include <QObject>
#include <QPointF>
#include <QString>

#include <cstdint>
#include <set>
#include <vector>

class QCustomPlot;
class QCPColorScale;
class QCPGraph;

namespace borehole {

class StudyScatter : public QObject
{
    Q_OBJECT
public:
    /// Styles `plot` (drag and zoom, a colour scale on its right, no legend) and takes its mouse
    /// for selection; a child of `plot`.
    explicit StudyScatter(QCustomPlot* plot);

    QCustomPlot* plot() const { return m_plot; }
    /// The colour scale to the right of the axes; the owner labels its axis.
    QCPColorScale* colourScale() const { return m_scale; }

    /// Removes every plottable (the dots, the rings and whatever the owner added).
    void clear();
    /// One dot per configuration ids[i] at (xs[i], ys[i]), coloured by colours[i] on the scale's
    /// range (the colours' finite range); those with a non-finite coordinate are skipped.
    /// Returns the number drawn.
    int addDots(const std::vector<std::int64_t>& ids, const std::vector<double>& xs,
                const std::vector<double>& ys, const std::vector<double>& colours);
    int dotCount() const { return static_cast<int>(m_dots.size()); }
    /// A boxed note at the top of the axes (why every dot is grey); empty shows none. Replaces
    /// every item on the plot.
    void setNote(const QString& note);

    /// Rings the dots of these configurations (and queues a replot).
    void setSelectedConfigurations(const std::vector<std::int64_t>& ids);
    /// Draws the rings again above what was added since clear(); queues a replot.
    void showSelection();

    /// The configurations drawn inside the region (plot coordinates, any corner order) go out
    /// through configurationsPicked(), also when there are none; returns how many.
    int selectInRegion(double x0, double x1, double y0, double y1, bool add = false);
    /// The dot within 12 pixels of `pixel` nearest to it goes out through
    /// configurationsPicked(); false (nothing emitted) when there is none.
    bool selectNearest(const QPointF& pixel, bool add = false);

signals:
    /// The user picked these configurations on the plot: to select instead of the current
    /// selection, or to add to it with `add`.
    void configurationsPicked(const std::vector<std::int64_t>& ids, bool add);

private:
    struct Dot
    {
        std::int64_t id;
        double x;
        double y;
    };

    QCustomPlot* m_plot = nullptr;
    QCPColorScale* m_scale = nullptr;
    QCPGraph* m_rings = nullptr;
    std::vector<Dot> m_dots;
    std::set<std::int64_t> m_selected;
    QPointF m_pressedAt;
};

} // namespace borehole
