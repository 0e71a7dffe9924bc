#include "resultsviews.h"

#include "curvatureplot.h"
#include "exportutil.h"
#include "heatmapview.h"
#include "pcaview.h"
#include "plotstyle.h"
#include "probecompare.h"
#include "spectrumview.h"
#include "surfaceview.h"
#include "vtkopenglwidget.h"

#include <QFileDialog>
#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QScrollArea>

#include <qcustomplot.h>

namespace borehole {

ResultsViews::ResultsViews(QWidget* parent) : QTabWidget(parent)
{
    m_surface = new SurfaceView(this);
    m_heatmap = new HeatmapView(this);
    m_pca = new PcaView(this);
    m_plots = new CurvaturePlot(this);
    m_spectrum = new SpectrumView(this);
    m_summaryText = new QPlainTextEdit(this);
    m_summaryText->setReadOnly(true);
    m_summaryText->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_summaryText->setLineWrapMode(QPlainTextEdit::NoWrap); // keep the columns aligned
    m_summaryText->setPlaceholderText(tr("Run a probe to see its summary here."));
    addTab(m_surface, tr("Surface 3D"));
    addTab(m_heatmap, tr("Heatmap"));
    addTab(m_pca, tr("PCA map"));
    addTab(m_plots, tr("Curvature"));
    addTab(m_spectrum, tr("Spectrum"));
    addTab(m_summaryText, tr("Summary"));
    m_compare = new CompareView;
    // In a scroll area: its table, plots and difference map would otherwise add their minimum
    // heights to the window's (1280 × 800 must hold every panel).
    auto* compareScroll = new QScrollArea(this);
    compareScroll->setWidget(m_compare);
    compareScroll->setWidgetResizable(true);
    compareScroll->setFrameShape(QFrame::NoFrame);
    addTab(compareScroll, tr("Compare"));

    connect(m_heatmap, &HeatmapView::selectionChanged, this, &ResultsViews::selectionChanged);
    connect(m_pca, &PcaView::selectionChanged, this, &ResultsViews::selectionChanged);
    connect(m_surface, &SurfaceView::exportRequested, this, [this] { exportView(m_surface); });
    connect(m_heatmap, &HeatmapView::exportRequested, this, [this] { exportView(m_heatmap); });
    connect(m_pca, &PcaView::exportRequested, this, [this] { exportView(m_pca); });
    connect(m_plots, &CurvaturePlot::exportRequested, this, [this] { exportView(m_plots); });
    connect(m_spectrum, &SpectrumView::exportRequested, this, [this] { exportView(m_spectrum); });
}

void ResultsViews::showReport(const ProbeReport& report)
{
    m_report = report;
    if (report.surface) {
        m_surface->setGrid(*report.surface);
        m_heatmap->setGrid(*report.surface);
        m_pca->setGrid(*report.surface);
    }
    m_plots->setReport(report);
    m_spectrum->setReport(report);
    m_summaryText->setPlainText(QString::fromStdString(formatSummary(report)));
}

void ResultsViews::showPartial(const ProbeReport& soFar)
{
    // Drawn, never kept as m_report: exports and the selection keep using the finished report.
    // Surface points not evaluated yet are left out.
    m_partialShown = true;
    m_plots->setReport(soFar);
    m_spectrum->setReport(soFar);
    if (soFar.surface) {
        // With a software OpenGL rasteriser each redraw of the 3D view blocks this thread for
        // 30–90 ms (measured under Xvfb: the first with its shaders, 91 ms): the 3D view then
        // takes the finished surface only, and the heatmap the rows.
        if (!m_surface->canvas()->softwareRendering())
            m_surface->setGrid(*soFar.surface);
        else if (m_surface->hasData())
            m_surface->clear(); // not the previous probe's beside this one's rows
        m_heatmap->setGrid(*soFar.surface);
        m_pca->clear();
    }
    m_summaryText->setPlainText(tr("Partial results: the probe is still running; this shows the "
                                   "probes finished so far.")
                                + QStringLiteral("\n\n")
                                + QString::fromStdString(formatSummary(soFar)));
}

void ResultsViews::restoreAfterPartial()
{
    if (!m_partialShown)
        return;
    m_partialShown = false;
    if (m_report) {
        m_plots->setReport(*m_report);
        m_spectrum->setReport(*m_report);
        m_summaryText->setPlainText(QString::fromStdString(formatSummary(*m_report)));
    } else {
        m_plots->clear();
        m_spectrum->clear();
        m_summaryText->clear();
    }
    if (m_report && m_report->surface) { // live rows of the stopped probe were shown
        m_surface->setGrid(*m_report->surface);
        m_heatmap->setGrid(*m_report->surface);
        m_pca->setGrid(*m_report->surface);
    } else {
        m_surface->clear();
        m_heatmap->clear();
        m_pca->clear();
    }
}

void ResultsViews::clearResults()
{
    m_partialShown = false;
    m_report.reset();
    m_surface->clear();
    m_heatmap->clear();
    m_pca->clear();
    m_plots->clear();
    m_spectrum->clear();
    m_summaryText->clear();
}

void ResultsViews::setColourScale(const ColourScale& scale)
{
    m_surface->setColourScale(scale);
    m_heatmap->setColourScale(scale);
    m_pca->setColourScale(scale);
}

std::optional<std::pair<double, double>> ResultsViews::shownLossRange() const
{
    if (!m_heatmap->hasData())
        return std::nullopt;
    return finiteRange(m_heatmap->grid()->values);
}

std::vector<ReportFigure> ResultsViews::figures()
{
    std::vector<ReportFigure> figures;
    if (m_surface->hasData())
        figures.push_back({tr("Loss surface (3D)"),
                           tr("L(θ + α·d₁ + β·d₂); the red marker is the current θ."),
                           m_surface->renderImage()});
    if (m_heatmap->hasData())
        figures.push_back({tr("Loss heatmap"), tr("The same grid seen from above."),
                           m_heatmap->plot()->toPixmap(800, 600).toImage()});
    if (m_pca->hasData())
        figures.push_back(
            {tr("PCA map"),
             tr("Grid points projected onto the first two principal components of their local "
                "shape features, binned and coloured by the mean value."),
             m_pca->plot()->toPixmap(800, 600).toImage()});
    for (int p = 0; p < CurvaturePlot::PageCount; ++p) {
        const auto page = static_cast<CurvaturePlot::Page>(p);
        if (m_plots->pageHasData(page))
            figures.push_back({m_plots->pageTitle(page), QString(),
                               m_plots->plot(page)->toPixmap(800, 500).toImage()});
    }
    if (m_spectrum->hasData())
        figures.push_back({tr("Hessian spectrum"), m_spectrum->caption(),
                           m_spectrum->plot()->toPixmap(800, 500).toImage()});
    return figures;
}

QString ResultsViews::summaryText() const
{
    return m_summaryText->toPlainText();
}

void ResultsViews::exportView(QWidget* view)
{
    const bool surface = view == m_surface;
    const QString filter = surface ? tr("PNG image (*.png)")
                                   : tr("PNG image (*.png);;SVG drawing (*.svg);;PDF (*.pdf)");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export view"),
                                                      QStringLiteral("borehole-view.png"), filter);
    if (path.isEmpty())
        return;
    QString error;
    bool ok = false;
    if (surface)
        ok = m_surface->exportPng(path, &error);
    else if (view == m_heatmap)
        ok = savePlot(m_heatmap->plot(), path, 800, 600, &error);
    else if (view == m_pca)
        ok = savePlot(m_pca->plot(), path, 800, 600, &error);
    else if (view == m_spectrum)
        ok = m_spectrum->exportPlot(path, &error);
    else
        ok = m_plots->exportPage(static_cast<CurvaturePlot::Page>(m_plots->currentPage()), path,
                                 &error);
    if (ok)
        emit viewExported(path);
    else
        emit viewExportFailed(error);
}

} // namespace borehole
