#pragma once
// The Hessian spectrum of a probe (core's SpectrumResult) as one QCustomPlot: the spectral
// density φ(λ) as a line (linear or logarithmic φ axis: densities span decades), the largest and
// smallest eigenvalues as markers with their residual bounds as horizontal error bars, every
// eigenvalue as a tick when the Hessian was computed exactly, and λ = 0 as a dashed line. A
// caption states the method, λmax, λmin, whether the curvature is certainly negative somewhere,
// |λmin|/λmax and, for the exact method, tr(H). Without a spectrum the view says why it is empty.
// Eigenvalues are in loss per squared parameter unit; φ in their reciprocal.
#include <borehole/report.h>

#include <QString>
#include <QWidget>

#include <optional>

class QCheckBox;
class QCPErrorBars;
class QCPGraph;
class QCustomPlot;
class QLabel;
class QPushButton;
class QStackedWidget;

namespace borehole {

/// One line on a spectrum: the method ("exact Hessian, 12 eigenvalues" or "Lanczos, 40
/// iterations + SLQ density, 5 runs × 40 steps"), λmax and λmin (Lanczos: ± their residual
/// bounds), negative curvature (certain when λmin + bound < 0), |λmin|/λmax, and tr(H) when exact.
/// Numbers with five significant digits. `densitySteps` is the Lanczos steps per density run
/// (SpectrumOptions::densitySteps; the result does not carry it).
QString spectrumCaption(const SpectrumResult& spectrum, int densitySteps);
/// "10, 7, 5" (exact) or "10 ± 2e-06, 7 ± 3e-05" (Lanczos): eigenvalues with their bounds.
QString eigenvalueListText(const std::vector<double>& values,
                           const std::vector<double>& residuals, bool exact);

class SpectrumView : public QWidget
{
    Q_OBJECT
public:
    explicit SpectrumView(QWidget* parent = nullptr);

    /// Shows the report's spectrum, or the empty state saying that it was not computed.
    void setReport(const ProbeReport& report);
    void setSpectrum(const SpectrumResult& spectrum, int densitySteps);
    /// Empty state: no probe results.
    void clear();

    bool hasData() const { return m_spectrum.has_value(); }
    const std::optional<SpectrumResult>& spectrum() const { return m_spectrum; }
    /// The caption under the plot (empty without a spectrum).
    QString caption() const;
    /// What the empty state says (empty while a spectrum is shown).
    QString emptyText() const;

    /// φ on a logarithmic axis (values below 1e-12 of the peak are drawn at that floor).
    void setLogScale(bool on);
    bool logScale() const;

    QCustomPlot* plot() const { return m_plot; }
    /// The plotted series, for tests: φ(λ) on (xAxis, yAxis); the markers sit on yAxis2 (a
    /// fixed 0–1 strip) at heights kTopRow, kBottomRow and kEigenvalueRow.
    QCPGraph* densityGraph() const { return m_density; }
    QCPGraph* topGraph() const { return m_top; }
    QCPGraph* bottomGraph() const { return m_bottom; }
    QCPGraph* eigenvalueGraph() const { return m_eigenvalues; }
    QCPErrorBars* topErrorBars() const { return m_topErrors; }
    QCPErrorBars* bottomErrorBars() const { return m_bottomErrors; }

    static constexpr double kTopRow = 0.92;
    static constexpr double kBottomRow = 0.84;
    static constexpr double kEigenvalueRow = 0.04;

    /// Saves the plot as PNG, SVG or PDF by suffix, atomically.
    bool exportPlot(const QString& path, QString* error = nullptr, int width = 800,
                    int height = 500);

signals:
    void exportRequested();

private:
    void showEmpty(const QString& why);
    void redraw();

    std::optional<SpectrumResult> m_spectrum;
    int m_densitySteps = 0;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_empty = nullptr;
    QLabel* m_caption = nullptr;
    QCustomPlot* m_plot = nullptr;
    QCPGraph* m_density = nullptr;
    QCPGraph* m_top = nullptr;
    QCPGraph* m_bottom = nullptr;
    QCPGraph* m_eigenvalues = nullptr;
    QCPErrorBars* m_topErrors = nullptr;
    QCPErrorBars* m_bottomErrors = nullptr;
    QCheckBox* m_log = nullptr;
    QPushButton* m_export = nullptr;
};

} // namespace borehole
