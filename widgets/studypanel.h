#pragma once
// The study panel: open a study spec (JSON, editable, "Validate" shows parseStudySpec's exact
// error) or an existing study database; Run and Cancel with progress, probing on a StudyRunner
// while the views grow configuration by configuration; watch a study that other workers change.
// It composes the views of the configurations and keeps one selection for all of them, the
// ranking's: StudyRankingView (the sortable ranking), StudyMapView (the curvature map in 2D or
// 3D with the edge-of-stability bound) and StudyPcaView (the configurations' meta-model inputs
// on two principal components); dots picked on a plot select ranking rows. It keeps target mode
// ("mse <= 0.5": candidates with probabilities, cheapest first), the rungs of probe-halving
// studies and the dashboard; full training runs of the selected rows or of the next N by the
// active loop, then a refit; export of the selected hyperparameters as JSON or CSV, of every
// trial as CSV, and "Export report…": spec, ranking, maps, meta-model validation and target
// candidates as HTML or PDF.
#include "studyworker.h"

#include "studykeys.h"

#include <QElapsedTimer>
#include <QPointF>
#include <QWidget>

#include <optional>
#include <string>
#include <utility>
#include <vector>

class QCheckBox;
class QTimer;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTabWidget;

namespace borehole {

class StudyDashboard;
class StudyMapView;
class StudyPcaView;
class StudyRankingView;
class StudyScatter;
class SurfaceView;

class StudyPanel : public QWidget
{
    Q_OBJECT
public:
    enum Tab { RankingTab = 0, MapTab = 1, PcaTab = 2, TargetTab = 3, RungsTab = 4, DashboardTab = 5 };

    explicit StudyPanel(QWidget* parent = nullptr);
    ~StudyPanel() override;

    /// Loads a spec file into the editor; the database defaults to the spec's path with the
    /// suffix .sqlite. False with errorReported() when it cannot be read.
    bool openSpec(const QString& path);
    /// Opens an existing study: a database file or a postgresql:// URL (spec and results are
    /// read on the worker thread). With "Watch live" on (the default) the panel then re-reads
    /// it every watchInterval() while no job of its own runs, so configurations that other
    /// workers (`borehole-cli study worker`, other machines) probe, claim or train appear as
    /// they are committed; the selection is kept.
    bool openDatabase(const QString& path);
    void setWatching(bool on);
    bool watching() const;
    void setWatchInterval(int milliseconds);
    int watchInterval() const;
    /// Watch reads that found a change (and redrew the views) since the study was opened.
    int watchUpdates() const { return m_watchUpdates; }
    void setDatabasePath(const QString& path);
    QString databasePath() const;
    void setSpecText(const QString& text, const QString& sourceName, const QString& baseDir);
    QString specText() const;

    /// Parses the editor's text; on failure the exact parse error is shown and returned.
    bool validateSpec(QString* error = nullptr);
    /// Probes up to `limit` pending configurations (0: all) after validating the spec.
    bool run(int limit = -1);
    void cancel();
    bool isRunning() const;
    /// Full runs of the configurations selected in the ranking or target table, then refit.
    bool trainSelected();
    /// Asks for a follow-up run of the one selected configuration under the curvature-guided
    /// rate, its cap scaled by the configuration's rank (guidedScaleForRank): emits
    /// guidedTrainingRequested(). False with errorReported() unless exactly one probed row is
    /// selected.
    bool trainSelectedGuided();
    /// The active loop's next `count` configurations (selectForFullRuns), one round.
    bool trainTop(int count);
    /// Lists target candidates for the expression in the target field.
    bool listTargetCandidates(const QString& expression = {});
    /// Writes the selected (else the top-ranked) configurations' hyperparameters as JSON.
    bool exportSelection(const QString& path, QString* error = nullptr) const;
    /// Selects ranking rows by configuration id (for tests and scripting).
    void selectConfigurations(const std::vector<std::int64_t>& ids);
    /// Region selection on the 2D map or the PCA plot (plot coordinates, any corner order):
    /// selects the configurations drawn inside in the ranking, or adds them with `add`.
    /// Returns how many the region holds. A drag does this; a click selects the nearest dot.
    enum class Plot { Map, Pca };
    int selectInPlot(Plot plot, double x0, double x1, double y0, double y1, bool add = false);
    /// The dot within 12 pixels of `pixel` nearest to it; false (selection unchanged) if none.
    bool selectNearestInPlot(Plot plot, const QPointF& pixel, bool add = false);
    std::vector<std::int64_t> selectedConfigurations() const;

    const std::optional<StudySnapshot>& snapshot() const { return m_snapshot; }
    StudyRunner* runner() const { return m_runner; }
    QTableWidget* rankingTable() const;
    QTableWidget* targetTable() const { return m_targets; }
    /// Probe-halving studies: one row per rung run; rungNote() compares the promotions.
    QTableWidget* rungTable() const { return m_rungs; }
    StudyDashboard* dashboard() const { return m_dashboard; }
    /// Writes every configuration (the trials) as CSV (core's studyTrialsCsv); needs a study.
    bool exportTrials(const QString& path, QString* error = nullptr) const;
    QString rungNote() const;
    /// Why every dot of the map is grey (its colour has no value yet), or empty.
    QString mapColourNote() const;
    QCustomPlot* mapPlot() const;
    QCustomPlot* pcaPlot() const;
    QTabWidget* tabs() const { return m_tabs; }
    /// The views of the Ranking, Curvature map and PCA tabs.
    StudyRankingView* rankingView() const { return m_rankingView; }
    StudyMapView* mapView() const { return m_mapView; }
    StudyPcaView* pcaView() const { return m_pcaView; }
    QString specError() const;
    QString statusText() const;
    QString targetMessage() const;
    /// Points on the map and the PCA plot, and whether the 2/lr bound is drawn.
    int mapPointCount() const;
    int pcaPointCount() const;
    bool boundaryShown() const;
    /// Map axes and colour by key: "learning_rate", "momentum", ... or a feature name.
    void setMapAxes(const QString& x, const QString& y, const QString& colour = {});
    /// The map as points (2D) or as a surface over the two axes (3D). Both are kept current.
    void setMapView3D(bool on);
    bool mapView3D() const;
    SurfaceView* mapSurface() const;
    /// Why the 3D view lacks a surface or a bound, and how its cells were filled.
    QString surfaceNote() const;
    /// Writes the study report: PDF when `path` ends in .pdf, HTML otherwise. Needs a finished
    /// job (a snapshot); false with `error` set otherwise or when writing fails.
    bool exportReport(const QString& path, QString* error = nullptr);

signals:
    void errorReported(const QString& text);
    /// A follow-up run for the training panel: the study's spec (model, data), the full-run
    /// options with the guided rate, the configuration's initial weight scale, a label.
    void guidedTrainingRequested(const borehole::StudySpec& spec,
                                 const borehole::TrainOptions& options, double initScale,
                                 const QString& label);
    void jobFinished();
    void jobFailed(const QString& message);
    void jobCancelled();
    /// A watch read found the study changed by other workers; the views show it now.
    void studyChanged();

private:
    void watchTick();
    void onWatchRead(const StudySnapshot& snapshot);
    void onWatchFailed(const QString& message);
    void showSnapshot(const StudySnapshot& snapshot);
    QString watchLine() const;
    void startQueuedJob();
    void startJob(const StudyRequest& request, const QString& what);
    void onProgress(int done, int total);
    void onConfiguration(const ConfigurationRecord& record);
    void onFinished(const StudySnapshot& snapshot);
    void onFailed(const QString& message);
    void onCancelled();
    void setRunning(bool running);
    /// Hands m_rows to the ranking, the map and the PCA plot.
    void showRows();
    void refreshRungs();
    /// Dots picked on the map or the PCA plot: select them in the ranking, or add them.
    void pickConfigurations(const std::vector<std::int64_t>& ids, bool add);
    StudyScatter* scatterOf(Plot plot) const;

    StudyRunner* m_runner = nullptr;
    QElapsedTimer m_clock;
    // Live watching of a study other workers change: a timer starts a Watch job when the
    // runner is idle; a job asked for while a watch read is in flight waits for it.
    QTimer* m_watchTimer = nullptr;
    QCheckBox* m_watch = nullptr;
    bool m_watchInFlight = false;
    int m_watchUpdates = 0;
    std::string m_watchFingerprint;
    QString m_statusBase; ///< the status lines of the last snapshot, without the watch line
    std::optional<std::pair<StudyRequest, QString>> m_queuedJob;
    std::optional<StudySnapshot> m_snapshot;
    /// Every probed configuration by id: the snapshot's rows plus live arrivals.
    StudyRows m_rows;
    QString m_specSource;
    QString m_specBaseDir;

    QLineEdit* m_specPath = nullptr;
    QLineEdit* m_dbPath = nullptr;
    QPlainTextEdit* m_specEdit = nullptr;
    QLabel* m_specStatus = nullptr;
    QSpinBox* m_limit = nullptr;
    QPushButton* m_validate = nullptr;
    QPushButton* m_run = nullptr;
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QTabWidget* m_tabs = nullptr;
    StudyRankingView* m_rankingView = nullptr;
    StudyMapView* m_mapView = nullptr;
    StudyPcaView* m_pcaView = nullptr;
    QLineEdit* m_target = nullptr;
    QDoubleSpinBox* m_minProbability = nullptr;
    QTableWidget* m_targets = nullptr;
    QLabel* m_targetMessage = nullptr;
    QTableWidget* m_rungs = nullptr;
    QLabel* m_rungNote = nullptr;
    StudyDashboard* m_dashboard = nullptr;
    QSpinBox* m_topCount = nullptr;
    QPushButton* m_trainSelected = nullptr;
    QPushButton* m_trainGuided = nullptr;
    QPushButton* m_trainTop = nullptr;
    QPushButton* m_export = nullptr;
    QPushButton* m_exportReport = nullptr;
};

} // namespace borehole
