#pragma once
// The probe settings: direction kinds, K, ε, ρ, eigenvalue tolerance and iteration cap, which
// probes run, the full spectrum (top/bottom-k, density runs and steps; off by default), the 1D line and 2D surface grid, seed, device and probe rows. Defaults come from
// core's ProbeSettings, except that the GUI computes a line and a surface by default (they are
// what the views show).
#include <borehole/device.h>
#include <borehole/problem.h>
#include <borehole/report.h>

#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace borehole {

class SettingsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SettingsPanel(QWidget* parent = nullptr);

    ProbeSettings settings() const;
    void setSettings(const ProbeSettings& settings);
    /// Loss, probe rows, batch size and seed. The loss is the task's default (MSE for
    /// regression, cross-entropy for classification) unless one is chosen, as the CLI's --loss.
    ProblemOptions problemOptions(Task task) const;
    /// Restores the options of a workspace made for `task`: a loss other than that task's
    /// default stays chosen.
    void setProblemOptions(const ProblemOptions& options, Task task);
    /// The chosen loss; nullopt: the task's default.
    std::optional<LossKind> loss() const;
    void setLoss(std::optional<LossKind> loss);
    DeviceKind device() const;
    void setDevice(DeviceKind device);

    /// Sets the surface (and line) resolution, e.g. from the command line.
    void setResolution(int points);
    /// Settings the GUI starts with.
    static ProbeSettings defaultSettings();

signals:
    void changed();

private:
    QCheckBox* m_random = nullptr;
    QCheckBox* m_gradient = nullptr;
    QCheckBox* m_pca = nullptr;
    QSpinBox* m_k = nullptr;
    QDoubleSpinBox* m_epsilon = nullptr;
    QCheckBox* m_power = nullptr;
    QCheckBox* m_lanczos = nullptr;
    QDoubleSpinBox* m_tolerance = nullptr;
    QSpinBox* m_maxIterations = nullptr;
    QComboBox* m_hvp = nullptr;
    QCheckBox* m_trace = nullptr;
    QComboBox* m_traceEstimator = nullptr;
    QSpinBox* m_traceSketch = nullptr;
    QSpinBox* m_traceMax = nullptr;
    QCheckBox* m_spectrum = nullptr;
    QSpinBox* m_topK = nullptr;
    QSpinBox* m_bottomK = nullptr;
    QSpinBox* m_densityRuns = nullptr;
    QSpinBox* m_densitySteps = nullptr;
    QCheckBox* m_sharpness = nullptr;
    QDoubleSpinBox* m_rho = nullptr;
    QSpinBox* m_perturbations = nullptr;
    QCheckBox* m_line = nullptr;
    QCheckBox* m_surface = nullptr;
    QSpinBox* m_resolution = nullptr;
    QDoubleSpinBox* m_span = nullptr;
    QCheckBox* m_filterNormalize = nullptr;
    QComboBox* m_gridCurvature = nullptr;
    QCheckBox* m_refine = nullptr;
    QCheckBox* m_pointBatching = nullptr;
    QSpinBox* m_seed = nullptr;
    QComboBox* m_device = nullptr;
    QSpinBox* m_probeRows = nullptr;
    QDoubleSpinBox* m_timeBudget = nullptr;
    QComboBox* m_loss = nullptr;
    QSpinBox* m_batchSize = nullptr;
};

} // namespace borehole
