#pragma once
// The training panel: optimizer (SGD, Adam, AdamW, SAM, curvature-guided) and its options,
// steps or epochs, batch size, validation interval and seed; Run and Cancel with progress and
// ETA; live plots of the training loss and validation metric against the step, and of the λmax
// estimates against the 2/lr edge-of-stability line; the guided run's rate adjustments with
// their reasons. Finished runs stay on the plots (one legend entry each) until cleared, so runs
// can be compared; the selected run's trained model and run record JSON can be exported.
// The panel trains its own copy of the model (TrainingRunner), never the main window's.
#include "trainingworker.h"

#include <QElapsedTimer>
#include <QWidget>

#include <vector>

class QCheckBox;
class QComboBox;
class QCPGraph;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace borehole {

class TrainingPanel : public QWidget
{
    Q_OBJECT
public:
    explicit TrainingPanel(QWidget* parent = nullptr);
    ~TrainingPanel() override;

    /// Files and data options to train on (e.g. the main window's current model and data).
    void setProblem(const QString& modelPath, const QString& dataPath, const DatasetOptions& data,
                    const ProblemOptions& problem, DeviceKind device = DeviceKind::Auto);
    QString modelPath() const;
    QString dataPath() const;

    /// The options the form shows; setOptions() fills the form (hooks are ignored).
    TrainOptions options() const;
    void setOptions(const TrainOptions& options);
    TrainingRequest request() const;

    /// Starts a run with the form's options; false with errorReported() when files are missing
    /// or a run is in progress.
    bool start();
    /// Fills the form with `options` and starts a run from initScale·θ₀ labelled `label` (a
    /// study configuration's follow-up run); false as start().
    bool trainConfiguration(const TrainOptions& options, double initScale, const QString& label);
    void cancel();
    bool isRunning() const;
    /// Removes every finished run from the plots and the run list.
    void clearRuns();

    /// Saves the latest finished run's model (TorchScript) / run record JSON; false with
    /// `error` on failure.
    bool exportModel(const QString& path, QString* error = nullptr) const;
    bool exportRunJson(const QString& path, QString* error = nullptr) const;

    const std::vector<TrainingRun>& runs() const { return m_runs; }
    TrainingRunner* runner() const { return m_runner; }
    QCustomPlot* lossPlot() const { return m_lossPlot; }
    QCustomPlot* curvaturePlot() const { return m_curvaturePlot; }
    QTableWidget* adjustmentTable() const { return m_adjustments; }
    QString statusText() const;

    /// For tests: points of the run in progress (or the latest run) per series.
    int trainLossPoints() const;
    int validationPoints() const;
    int lambdaPoints() const;
    int boundPoints() const;

signals:
    void errorReported(const QString& text);
    void runFinished();
    void runFailed(const QString& message);
    void runCancelled();

private:
    struct Series
    {
        QCPGraph* loss = nullptr;
        QCPGraph* validation = nullptr;
        QCPGraph* lambda = nullptr;
        QCPGraph* bound = nullptr;
        /// Largest stable lr·λmax of the run's update rule: the bound drawn is this / lr.
        double stableProduct = 2.0;
    };
    Series addSeries(const QString& label, int colourIndex, const OptimizerOptions& optimizer);
    void removeSeries(const Series& series);
    void fillSeries(const Series& series, const std::vector<TrainPoint>& curve);
    void appendLive(const std::vector<TrainPoint>& points);
    void showAdjustments(const std::vector<LrAdjustment>& adjustments);
    void updateOptionVisibility();
    void setRunning(bool running);
    void rescale(bool immediate = false);
    void onProgress(int done, int total);
    void onFinished(const TrainingRun& run);
    void onFailed(const QString& message);
    void onCancelled();
    QString runLabel() const;

    TrainingRunner* m_runner = nullptr;
    QElapsedTimer m_clock;
    std::vector<TrainingRun> m_runs;
    std::vector<Series> m_runSeries;
    Series m_live;
    bool m_hasLive = false;
    std::vector<TrainPoint> m_liveCurve;
    int m_runCounter = 0;
    double m_initScale = 1.0;  ///< for the next run only (trainConfiguration)
    QString m_labelOverride;   ///< for the next run only

    DatasetOptions m_data;
    ProblemOptions m_problem;
    DeviceKind m_device = DeviceKind::Auto;

    QLineEdit* m_modelPath = nullptr;
    QLineEdit* m_dataPath = nullptr;
    QLineEdit* m_target = nullptr;
    QCheckBox* m_standardizeTargets = nullptr;
    QComboBox* m_optimizer = nullptr;
    QComboBox* m_base = nullptr;
    QDoubleSpinBox* m_lr = nullptr;
    QDoubleSpinBox* m_momentum = nullptr;
    QCheckBox* m_nesterov = nullptr;
    QDoubleSpinBox* m_weightDecay = nullptr;
    QDoubleSpinBox* m_rho = nullptr;
    QCheckBox* m_adaptive = nullptr;
    QDoubleSpinBox* m_guidedFactor = nullptr;
    QDoubleSpinBox* m_guidedScale = nullptr;
    QSpinBox* m_guidedEvery = nullptr;
    QSpinBox* m_steps = nullptr;
    QSpinBox* m_epochs = nullptr;
    QSpinBox* m_batch = nullptr;
    QSpinBox* m_validateEvery = nullptr;
    QSpinBox* m_seed = nullptr;
    QPushButton* m_run = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_clear = nullptr;
    QPushButton* m_exportModel = nullptr;
    QPushButton* m_exportJson = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QCustomPlot* m_lossPlot = nullptr;
    QCustomPlot* m_curvaturePlot = nullptr;
    QTableWidget* m_adjustments = nullptr;
};

} // namespace borehole
