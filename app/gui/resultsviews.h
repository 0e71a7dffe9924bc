#pragma once
// The main window's central tabs: the 3D surface, the heatmap, the PCA map, the curvature
// plots, the Hessian spectrum, the summary text and the Compare tab. They show the last
// finished probe report, or a running probe's partial report until it finishes or stops; each
// view can be exported as an image, and together they give the figures of a report export.
#include "reportexport.h"

#include <borehole/report.h>

#include <QTabWidget>

#include <optional>
#include <utility>
#include <vector>

class QPlainTextEdit;

namespace borehole {

class CompareView;
class CurvaturePlot;
class HeatmapView;
class PcaView;
class SpectrumView;
class SurfaceView;
struct ColourScale;
struct GridSelection;

/// The result views as one tab widget. report() is the finished report they show; a partial
/// report (showPartial()) is drawn but never kept, so exports and the selection keep using the
/// finished one. The Compare tab is filled by its owner (compareView()), not by the reports.
class ResultsViews : public QTabWidget
{
    Q_OBJECT
public:
    explicit ResultsViews(QWidget* parent = nullptr);

    /// The finished report the views show, or nothing (none yet, or cleared).
    const std::optional<ProbeReport>& report() const { return m_report; }
    /// Shows a finished report in every view and keeps it as report().
    void showReport(const ProbeReport& report);
    /// A running probe's report so far: each probe's numbers as it finishes (curvature plots,
    /// spectrum, summary) and the surface's finished rows (heatmap; the 3D view too unless
    /// OpenGL is a software rasteriser). The PCA map waits for the finished report.
    void showPartial(const ProbeReport& soFar);
    /// After a cancelled or failed probe: shows report() again where a partial report of the
    /// stopped probe replaced it (or empties the views when there is no report).
    void restoreAfterPartial();
    /// Empties every view but the Compare tab and forgets report().
    void clearResults();

    /// One colour scale for the three loss views (3D, heatmap, PCA map).
    void setColourScale(const ColourScale& scale);
    /// The finite loss range the heatmap shows now, or nothing when it shows nothing.
    std::optional<std::pair<double, double>> shownLossRange() const;
    /// Every view that has data, rendered for a report (3D, heatmap, PCA map, each curvature
    /// page, spectrum), with titles and captions.
    std::vector<ReportFigure> figures();

    /// The Summary tab's text.
    QString summaryText() const;
    SurfaceView* surfaceView() const { return m_surface; }
    HeatmapView* heatmapView() const { return m_heatmap; }
    PcaView* pcaView() const { return m_pca; }
    CurvaturePlot* curvaturePlot() const { return m_plots; }
    SpectrumView* spectrumView() const { return m_spectrum; }
    CompareView* compareView() const { return m_compare; }

signals:
    /// The user selected grid points in the heatmap or the PCA map.
    void selectionChanged(const borehole::GridSelection& selection);
    /// A view was exported to `path` (the user picked it in a file dialog).
    void viewExported(const QString& path);
    /// Exporting a view failed; `message` says why.
    void viewExportFailed(const QString& message);

private:
    /// Asks for a file (PNG for the 3D view; PNG, SVG or PDF for the plots) and writes `view`.
    void exportView(QWidget* view);

    std::optional<ProbeReport> m_report;
    bool m_partialShown = false; ///< the views show a running probe's partial report
    SurfaceView* m_surface = nullptr;
    HeatmapView* m_heatmap = nullptr;
    PcaView* m_pca = nullptr;
    CurvaturePlot* m_plots = nullptr;
    SpectrumView* m_spectrum = nullptr;
    QPlainTextEdit* m_summaryText = nullptr;
    CompareView* m_compare = nullptr;
};

} // namespace borehole
