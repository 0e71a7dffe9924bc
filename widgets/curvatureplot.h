#pragma once
// Probe results as plots (QCustomPlot), one tab each: finite-difference curvature per direction,
// grouped by direction kind, with the top eigenvalue for reference; power-iteration and Lanczos
// convergence (estimate and error per iteration) and the Hutchinson trace's running estimate;
// the 1D loss line. Each plot exports as PNG, SVG or PDF.
#include <borehole/report.h>

#include <QImage>
#include <QStringList>
#include <QWidget>

class QCustomPlot;
class QTabWidget;

namespace borehole {

class CurvaturePlot : public QWidget
{
    Q_OBJECT
public:
    enum Page { Directions = 0, Convergence = 1, Trace = 2, Line = 3, PageCount = 4 };

    explicit CurvaturePlot(QWidget* parent = nullptr);

    void setReport(const ProbeReport& report);
    void clear();

    /// True when the page has something plotted.
    bool pageHasData(Page page) const;
    /// Number of plotted data points on a page (all graphs together), for tests.
    int pointCount(Page page) const;
    QCustomPlot* plot(Page page) const { return m_plots[page]; }
    QString pageTitle(Page page) const;
    int currentPage() const;
    void setCurrentPage(Page page);
    /// Saves a page as PNG, SVG or PDF by suffix, atomically.
    bool exportPage(Page page, const QString& path, QString* error = nullptr, int width = 800,
                    int height = 500);

signals:
    void exportRequested();

private:
    void plotDirections(const ProbeReport& r);
    void plotConvergence(const ProbeReport& r);
    void plotTrace(const ProbeReport& r);
    void plotLine(const ProbeReport& r);

    QTabWidget* m_tabs = nullptr;
    QCustomPlot* m_plots[PageCount] = {};
    bool m_hasData[PageCount] = {};
};

} // namespace borehole
