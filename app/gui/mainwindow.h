#pragma once
// Borehole's main window: open a TorchScript model and a CSV data set (menu, toolbar, drag and
// drop, command line, recent files), choose columns and probe settings, run the probes on the
// worker thread with progress, ETA and Cancel, and explore the results in the 3D surface,
// heatmap, PCA map and plots. Workspaces, reports and selections are saved from here.
// The window composes ResultsViews (the central tabs), ProbeHistory (the probes kept for
// comparison) and FileLoader (reading files off the GUI thread, recent files).
#include "workspace.h"

#include <borehole/csv.h>
#include <borehole/model.h>
#include <borehole/report.h>
#include <borehole/study.h>

#include <QElapsedTimer>
#include <QMainWindow>
#include <QStringList>

#include <optional>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTabWidget;

namespace borehole {

class ColourMenu;
class CompareView;
class ProbeHistory;
class ProbeHistoryPanel;
class CurvaturePlot;
class DataPanel;
class FileLoader;
class HeatmapView;
class PcaView;
class ProbeRunner;
class ResultsViews;
class SelectionTable;
class SettingsPanel;
class SpectrumView;
class StudyPanel;
class TrainingPanel;
class SurfaceView;
struct GridSelection;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Each open/save returns false after reporting the error (core's message); on failure the
    /// current workspace is left exactly as it was.
    bool openModel(const QString& path);
    bool openData(const QString& path);
    bool openWorkspace(const QString& path);
    bool saveWorkspace(const QString& path);
    /// Opens a file by its suffix: .pt/.pth model, .csv data, .json/.borehole workspace.
    bool openAny(const QString& path);
    /// Report as .html or .pdf (by suffix).
    bool exportReport(const QString& path);
    /// Current selection as .json or .csv (by suffix).
    bool exportSelection(const QString& path);

    /// Starts a probe with the current settings; false (with an error) when files are missing or
    /// a probe is already running.
    bool startProbe();
    void cancelProbe();
    bool isProbing() const;
    /// A model or a data set is being read on a thread of its own (the window keeps painting).
    bool isLoading() const;

    QString modelPath() const { return m_modelPath; }
    QString dataPath() const { return m_dataPath; }
    /// The last finished report the views show (a running probe's partial one is not kept).
    const std::optional<ProbeReport>& report() const;
    Workspace currentWorkspace() const;

    DataPanel* dataPanel() const { return m_dataPanel; }
    SettingsPanel* settingsPanel() const { return m_settingsPanel; }
    SurfaceView* surfaceView() const;
    HeatmapView* heatmapView() const;
    PcaView* pcaView() const;
    ColourMenu* colourMenu() const { return m_colourMenu; }
    CurvaturePlot* curvaturePlot() const;
    SpectrumView* spectrumView() const;
    SelectionTable* selectionTable() const { return m_selectionTable; }
    ProbeRunner* runner() const { return m_runner; }
    /// The Summary tab's text.
    QString summaryText() const;
    QTabWidget* viewTabs() const;
    /// Every finished probe of this session (and those of an opened workspace), in order.
    const std::vector<ProbeHistoryEntry>& history() const;
    /// The history entry the views show, or −1 (none, or results cleared).
    int historyCurrent() const;
    ProbeHistory* probeHistory() const { return m_history; }
    ProbeHistoryPanel* historyPanel() const { return m_historyPanel; }
    CompareView* compareView() const;
    /// Shows history entry `index` in the views (as if it had just finished).
    void showHistoryEntry(int index);
    /// The training and study panels open as docks on first use (View menu);
    /// the training panel starts from the current model, data and data options.
    void showTrainingPanel();
    void showStudyPanel();
    /// A study configuration's follow-up run in the training panel, on the study's files.
    void trainStudyConfiguration(const borehole::StudySpec& spec,
                                 const borehole::TrainOptions& options, double initScale,
                                 const QString& label);
    TrainingPanel* trainingPanel() const { return m_trainingPanel; }
    StudyPanel* studyPanel() const { return m_studyPanel; }
    QString statusText() const;
    QString logText() const;

    /// Help → User guide: docs/gui.md rendered from the resources (non-modal, reused).
    void showUserGuide();
    /// Help → Keyboard shortcuts: every action with a shortcut, read from the actions.
    void showShortcuts();
    QAction* userGuideAction() const { return m_userGuide; }
    QAction* runAction() const { return m_run; }
    QAction* shortcutsAction() const { return m_shortcuts; }

    /// When false, errors are only emitted through errorReported() (no modal dialog).
    void setErrorDialogsEnabled(bool on) { m_errorDialogs = on; }
    /// Seconds between live surface rows while probing (default 0.25; infinity: the surface
    /// appears when it is done). Tests set it to count partial reports deterministically.
    void setLiveRowsInterval(double seconds) { m_liveRowsInterval = seconds; }

signals:
    /// Every error shown to the user, with the exact text of the dialog.
    void errorReported(const QString& text);
    void probeFinished();
    void probeCancelled();
    void probeFailed(const QString& message);
    void workspaceChanged();

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildActions();
    void buildMenus();
    void buildDocks();
    /// The Probes list and the Compare tab wired to m_history.
    void connectHistory();
    void reportError(const QString& title, const QString& text);
    void log(const QString& line);
    void refreshSummary();
    void refreshActions();
    void showReport(const ProbeReport& report);
    void clearResults();
    /// While a file is read (FileLoader): the status says `what`, the progress bar runs busy,
    /// opening and running are disabled; afterwards all is as before.
    void onLoadingStarted(const QString& what);
    void onLoadingFinished();
    void onProgress(int done, int total);
    void onFinished(const ProbeReport& report);
    void onFailed(const QString& message);
    void onCancelled();
    void onSelection(const GridSelection& selection);
    void addBottomPanel(QDockWidget* dock);
    void about();
    /// Tries the model on one row of the data as the panel configures it: offers the model's
    /// outputs (a tuple's or dict's) and warns when the features look wrongly scaled.
    void checkModelOnData();

    // State of the workspace.
    QString m_modelPath;
    QString m_dataPath;
    std::optional<ModelSummary> m_modelSummary;
    std::optional<Model> m_model; ///< on the CPU, for trial forwards on the GUI thread
    std::optional<CsvTable> m_table;
    QString m_workspacePath;

    ProbeRunner* m_runner = nullptr;
    FileLoader* m_loader = nullptr;
    ProbeHistory* m_history = nullptr;
    QElapsedTimer m_probeClock;
    QElapsedTimer m_statusClock;
    bool m_errorDialogs = true;

    // Views and panels.
    ResultsViews* m_views = nullptr;
    ProbeHistoryPanel* m_historyPanel = nullptr;
    DataPanel* m_dataPanel = nullptr;
    SettingsPanel* m_settingsPanel = nullptr;
    SelectionTable* m_selectionTable = nullptr;
    TrainingPanel* m_trainingPanel = nullptr;
    StudyPanel* m_studyPanel = nullptr;
    QPlainTextEdit* m_log = nullptr;
    QLabel* m_modelLabel = nullptr;
    QLabel* m_dataLabel = nullptr;
    QLabel* m_summaryLabel = nullptr;
    QPushButton* m_runButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;

    // Actions.
    QAction* m_openModel = nullptr;
    QAction* m_openData = nullptr;
    QAction* m_openWorkspace = nullptr;
    QAction* m_saveWorkspace = nullptr;
    QAction* m_saveWorkspaceAs = nullptr;
    QAction* m_exportReport = nullptr;
    QAction* m_exportSelection = nullptr;
    QAction* m_run = nullptr;
    QAction* m_cancel = nullptr;
    QAction* m_quit = nullptr;
    QAction* m_userGuide = nullptr;
    QAction* m_shortcuts = nullptr;
    QMenu* m_viewMenu = nullptr;
    ColourMenu* m_colourMenu = nullptr;
    double m_liveRowsInterval = 0.25;
    /// The status text and progress bar from before a file read, shown again after it.
    QString m_statusBeforeLoad;
    int m_progressMaxBeforeLoad = 0;
    int m_progressBeforeLoad = 0;
    bool m_closeAfterLoad = false; ///< the window was closed during a load: close when it ends
};

} // namespace borehole
