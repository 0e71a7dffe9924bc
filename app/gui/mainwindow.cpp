#include "mainwindow.h"

#include "colourmenu.h"
#include "datapanel.h"
#include "exportutil.h"
#include "fileloader.h"
#include "plotstyle.h"
#include "probecompare.h"
#include "probehistory.h"
#include "probeworker.h"
#include "reportexport.h"
#include "resultsviews.h"
#include "selectiontable.h"
#include "settingspanel.h"
#include "studypanel.h"
#include "surfaceview.h"
#include "trainingpanel.h"

#include <borehole/device.h>
#include <borehole/error.h>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <QTableWidget>
#include <QTextBrowser>
#include <QTime>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <optional>

namespace borehole {

namespace {

QString costLine(const ProbeCost& c)
{
    return QCoreApplication::translate("borehole::MainWindow",
                                       "%1 forward, %2 gradient, %3 HVP, %4 s")
        .arg(c.forwards)
        .arg(c.gradients)
        .arg(c.hvps)
        .arg(c.seconds, 0, 'f', 3);
}

QString formatDuration(double seconds)
{
    if (seconds < 60)
        return QStringLiteral("%1 s").arg(seconds, 0, 'f', 0);
    return QStringLiteral("%1 min %2 s")
        .arg(static_cast<int>(seconds) / 60)
        .arg(static_cast<int>(seconds) % 60);
}

} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("BoreholeMainWindow"));
    setWindowTitle(tr("Borehole"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/borehole.svg")));
    setAcceptDrops(true);
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);

    m_runner = new ProbeRunner(this);
    connect(m_runner, &ProbeRunner::progress, this, &MainWindow::onProgress);
    connect(m_runner, &ProbeRunner::finished, this, &MainWindow::onFinished);
    connect(m_runner, &ProbeRunner::failed, this, &MainWindow::onFailed);
    connect(m_runner, &ProbeRunner::cancelled, this, &MainWindow::onCancelled);

    // Central views. A running probe's partial reports go straight to them.
    m_views = new ResultsViews(this);
    setCentralWidget(m_views);
    connect(m_runner, &ProbeRunner::partial, m_views, &ResultsViews::showPartial);
    connect(m_views, &ResultsViews::selectionChanged, this, &MainWindow::onSelection);
    connect(m_views, &ResultsViews::viewExported, this,
            [this](const QString& path) { log(tr("Exported view to %1").arg(path)); });
    connect(m_views, &ResultsViews::viewExportFailed, this,
            [this](const QString& error) { reportError(tr("Cannot export view"), error); });

    m_history = new ProbeHistory(this);
    m_loader = new FileLoader(this);
    connect(m_loader, &FileLoader::loadingStarted, this, &MainWindow::onLoadingStarted);
    connect(m_loader, &FileLoader::loadingFinished, this, &MainWindow::onLoadingFinished);
    connect(m_loader, &FileLoader::openRequested, this, &MainWindow::openAny);

    buildActions();
    buildDocks();
    buildMenus();
    connectHistory();

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 100);
    m_progress->setValue(0);
    m_progress->setMaximumWidth(260);
    m_progress->setTextVisible(true);
    m_status = new QLabel(tr("Open a model (.pt) and a data set (.csv) to start."), this);
    statusBar()->addWidget(m_status, 1);
    statusBar()->addPermanentWidget(m_progress);

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    refreshSummary();
    refreshActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildActions()
{
    auto icon = [](const char* name) {
        return QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name)));
    };
    m_openModel = new QAction(icon("open-model"), tr("Open &Model…"), this);
    m_openModel->setShortcut(QKeySequence::Open);
    m_openModel->setToolTip(tr("Open a TorchScript model (.pt) (%1)")
                                .arg(m_openModel->shortcut().toString(QKeySequence::NativeText)));
    connect(m_openModel, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open TorchScript model"), QFileInfo(m_modelPath).absolutePath(),
            tr("TorchScript models (*.pt *.pth);;All files (*)"));
        if (!path.isEmpty())
            openModel(path);
    });
    m_openData = new QAction(icon("open-data"), tr("Open &Data…"), this);
    m_openData->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_openData->setToolTip(tr("Open a CSV data set with a header row (%1)")
                               .arg(m_openData->shortcut().toString(QKeySequence::NativeText)));
    connect(m_openData, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open CSV data set"), QFileInfo(m_dataPath).absolutePath(),
            tr("CSV files (*.csv);;All files (*)"));
        if (!path.isEmpty())
            openData(path);
    });
    m_openWorkspace = new QAction(icon("open-workspace"), tr("Open &Workspace…"), this);
    m_openWorkspace->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    connect(m_openWorkspace, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open workspace"), QFileInfo(m_workspacePath).absolutePath(),
            tr("Borehole workspaces (*.borehole *.json);;All files (*)"));
        if (!path.isEmpty())
            openWorkspace(path);
    });
    m_saveWorkspace = new QAction(icon("save"), tr("&Save Workspace"), this);
    m_saveWorkspace->setShortcut(QKeySequence::Save);
    m_saveWorkspaceAs = new QAction(tr("Save Workspace &As…"), this);
    m_saveWorkspaceAs->setShortcut(QKeySequence::SaveAs);
    auto saveAs = [this] {
        QString path = QFileDialog::getSaveFileName(this, tr("Save workspace"),
                                                    m_workspacePath.isEmpty()
                                                        ? QStringLiteral("workspace.borehole")
                                                        : m_workspacePath,
                                                    tr("Borehole workspaces (*.borehole *.json)"));
        if (!path.isEmpty())
            saveWorkspace(path);
    };
    connect(m_saveWorkspaceAs, &QAction::triggered, this, saveAs);
    connect(m_saveWorkspace, &QAction::triggered, this, [this, saveAs] {
        if (m_workspacePath.isEmpty())
            saveAs();
        else
            saveWorkspace(m_workspacePath);
    });
    m_exportReport = new QAction(icon("report"), tr("Export &Report…"), this);
    m_exportReport->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportReport->setToolTip(tr("Save the probe report as HTML or PDF"));
    connect(m_exportReport, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export report"), QStringLiteral("borehole-report.html"),
            tr("HTML (*.html);;PDF (*.pdf)"));
        if (!path.isEmpty())
            exportReport(path);
    });
    m_exportSelection = new QAction(icon("export"), tr("Export &Selection…"), this);
    m_exportSelection->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_exportSelection->setToolTip(tr("Save the selected region as JSON or CSV"));
    connect(m_exportSelection, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export selection"), QStringLiteral("selection.json"),
            tr("JSON (*.json);;CSV (*.csv)"));
        if (!path.isEmpty())
            exportSelection(path);
    });
    m_run = new QAction(icon("run"), tr("&Run Probe"), this);
    m_run->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_R)});
    m_run->setToolTip(tr("Run the selected probes (F5)"));
    connect(m_run, &QAction::triggered, this, [this] { startProbe(); });
    m_cancel = new QAction(icon("cancel"), tr("&Cancel"), this);
    m_cancel->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancel->setToolTip(tr("Stop the running probe after its current step (Esc)"));
    connect(m_cancel, &QAction::triggered, this, &MainWindow::cancelProbe);
    m_quit = new QAction(tr("&Quit"), this);
    m_quit->setShortcut(QKeySequence::Quit);
    m_quit->setMenuRole(QAction::QuitRole);
    connect(m_quit, &QAction::triggered, this, &QWidget::close);

    auto* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->setIconSize(QSize(20, 20));
    bar->addAction(m_openModel);
    bar->addAction(m_openData);
    bar->addSeparator();
    bar->addAction(m_run);
    bar->addAction(m_cancel);
    bar->addSeparator();
    bar->addAction(m_saveWorkspace);
    bar->addAction(m_exportReport);
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openModel);
    file->addAction(m_openData);
    file->addAction(m_openWorkspace);
    m_loader->setRecentMenu(file->addMenu(tr("Open &Recent")));
    file->addSeparator();
    file->addAction(m_saveWorkspace);
    file->addAction(m_saveWorkspaceAs);
    file->addSeparator();
    file->addAction(m_exportReport);
    file->addAction(m_exportSelection);
    file->addSeparator();
    file->addAction(m_quit);

    QMenu* probe = menuBar()->addMenu(tr("&Probe"));
    probe->addAction(m_run);
    probe->addAction(m_cancel);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    for (QDockWidget* dock : findChildren<QDockWidget*>())
        m_viewMenu->addAction(dock->toggleViewAction());
    // In View rather than menus of their own: the menu bar stays as the translations expect.
    m_viewMenu->addAction(tr("&Training Panel"), this, &MainWindow::showTrainingPanel);
    m_viewMenu->addAction(tr("St&udy Panel"), this, &MainWindow::showStudyPanel);
    m_viewMenu->addSeparator();
    auto* reset = m_viewMenu->addAction(tr("Reset &Camera"), m_views->surfaceView(),
                                        &SurfaceView::resetCamera);
    reset->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    // One colour scale for the three loss views; "Lock Range" takes the loss range shown now.
    m_colourMenu = new ColourMenu([this] { return m_views->shownLossRange(); }, this);
    m_viewMenu->addMenu(m_colourMenu);
    connect(m_colourMenu, &ColourMenu::scaleChanged, m_views, &ResultsViews::setColourScale);
    m_views->setColourScale(m_colourMenu->scale());
    for (int i = 0; i < m_views->count(); ++i) {
        auto* a = m_viewMenu->addAction(m_views->tabText(i), this, [this, i] {
            m_views->setCurrentIndex(i);
        });
        a->setShortcut(QKeySequence(Qt::ALT | (Qt::Key_1 + i)));
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    m_userGuide = help->addAction(tr("&User Guide"), this, &MainWindow::showUserGuide);
    m_userGuide->setShortcut(QKeySequence::HelpContents);
    m_shortcuts = help->addAction(tr("&Keyboard Shortcuts"), this, &MainWindow::showShortcuts);
    help->addSeparator();
    auto* aboutAction = help->addAction(tr("&About Borehole"), this, &MainWindow::about);
    aboutAction->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::buildDocks()
{
    // Setup dock: files, summary, columns, settings, Run/Cancel.
    auto* setup = new QWidget;
    m_modelLabel = new QLabel(tr("Model: none"), setup);
    m_modelLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_modelLabel->setWordWrap(true);
    m_dataLabel = new QLabel(tr("Data: none"), setup);
    m_dataLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_dataLabel->setWordWrap(true);
    m_summaryLabel = new QLabel(setup);
    m_summaryLabel->setWordWrap(true);
    m_summaryLabel->setTextFormat(Qt::RichText);
    m_dataPanel = new DataPanel(setup);
    m_settingsPanel = new SettingsPanel(setup);
    m_runButton = new QPushButton(QIcon(QStringLiteral(":/icons/run.svg")), tr("Run"), setup);
    m_runButton->setToolTip(m_run->toolTip());
    connect(m_runButton, &QPushButton::clicked, this, [this] { startProbe(); });
    m_cancelButton =
        new QPushButton(QIcon(QStringLiteral(":/icons/cancel.svg")), tr("Cancel"), setup);
    m_cancelButton->setToolTip(m_cancel->toolTip());
    connect(m_cancelButton, &QPushButton::clicked, this, &MainWindow::cancelProbe);
    connect(m_dataPanel, &DataPanel::changed, this, &MainWindow::refreshActions);
    connect(m_dataPanel, &DataPanel::changed, this, &MainWindow::checkModelOnData);
    connect(m_dataPanel, &DataPanel::outputChanged, this, &MainWindow::checkModelOnData);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_runButton);
    buttons->addWidget(m_cancelButton);
    auto* layout = new QVBoxLayout(setup);
    layout->addWidget(m_modelLabel);
    layout->addWidget(m_dataLabel);
    layout->addWidget(m_summaryLabel);
    layout->addWidget(m_dataPanel);
    layout->addWidget(m_settingsPanel);
    layout->addLayout(buttons);
    auto* scroll = new QScrollArea;
    scroll->setWidget(setup);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(setup->sizeHint().width() + 24);
    auto* setupDock = new QDockWidget(tr("Setup"), this);
    setupDock->setObjectName(QStringLiteral("setupDock"));
    setupDock->setWidget(scroll);
    addDockWidget(Qt::LeftDockWidgetArea, setupDock);

    // Selection dock.
    auto* selectionBox = new QWidget;
    m_selectionTable = new SelectionTable(selectionBox);
    auto* exportSel = new QPushButton(tr("Export selection…"), selectionBox);
    connect(exportSel, &QPushButton::clicked, m_exportSelection, &QAction::trigger);
    auto* selLayout = new QVBoxLayout(selectionBox);
    selLayout->setContentsMargins(2, 2, 2, 2);
    selLayout->addWidget(m_selectionTable, 1);
    selLayout->addWidget(exportSel);
    auto* selectionDock = new QDockWidget(tr("Selection"), this);
    selectionDock->setObjectName(QStringLiteral("selectionDock"));
    selectionDock->setWidget(selectionBox);
    addDockWidget(Qt::RightDockWidgetArea, selectionDock);

    // Log dock.
    m_log = new QPlainTextEdit;
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto* logDock = new QDockWidget(tr("Log"), this);
    logDock->setObjectName(QStringLiteral("logDock"));
    logDock->setWidget(m_log);
    addDockWidget(Qt::BottomDockWidgetArea, logDock);
    // Probes: the history list, beside the log (tick to compare, double-click to show).
    m_historyPanel = new ProbeHistoryPanel;
    auto* historyDock = new QDockWidget(tr("Probes"), this);
    historyDock->setObjectName(QStringLiteral("historyDock"));
    historyDock->setWidget(m_historyPanel);
    addDockWidget(Qt::BottomDockWidgetArea, historyDock);
    tabifyDockWidget(logDock, historyDock);
    logDock->raise();
    resizeDocks({logDock}, {130}, Qt::Vertical);
    resizeDocks({selectionDock}, {300}, Qt::Horizontal);
}

void MainWindow::connectHistory()
{
    // The list edits the history; the list and the Compare tab follow it.
    connect(m_historyPanel, &ProbeHistoryPanel::showRequested, this, &MainWindow::showHistoryEntry);
    connect(m_historyPanel, &ProbeHistoryPanel::comparedChanged, m_history,
            &ProbeHistory::setCompared);
    connect(m_historyPanel, &ProbeHistoryPanel::renamed, m_history, &ProbeHistory::rename);
    connect(m_historyPanel, &ProbeHistoryPanel::removeRequested, m_history, &ProbeHistory::remove);
    connect(m_history, &ProbeHistory::changed, this, [this] {
        m_historyPanel->setEntries(m_history->entries(), m_history->current());
        m_views->compareView()->setEntries(m_history->entries());
    });
    // The list already shows its own edit.
    connect(m_history, &ProbeHistory::entryChanged, this,
            [this] { m_views->compareView()->setEntries(m_history->entries()); });
    connect(m_history, &ProbeHistory::edited, this, &MainWindow::workspaceChanged);
}

void MainWindow::showTrainingPanel()
{
    if (!m_trainingPanel) {
        m_trainingPanel = new TrainingPanel;
        auto* dock = new QDockWidget(tr("Training"), this);
        dock->setObjectName(QStringLiteral("trainingDock"));
        dock->setWidget(m_trainingPanel);
        addBottomPanel(dock);
        m_viewMenu->addAction(dock->toggleViewAction());
        connect(m_trainingPanel, &TrainingPanel::errorReported, this,
                [this](const QString& text) { log(text); });
    }
    // Trains its own copy of the files the main window has open; the probe state stays put.
    if (!m_modelPath.isEmpty() || !m_dataPath.isEmpty()) {
        const DatasetOptions data = m_dataPanel->options();
        ProblemOptions problem = m_settingsPanel->problemOptions(data.task);
        problem.output = m_dataPanel->output().toStdString();
        m_trainingPanel->setProblem(m_modelPath, m_dataPath, data, problem,
                                    m_settingsPanel->device());
    }
    auto* dock = qobject_cast<QDockWidget*>(m_trainingPanel->parentWidget());
    dock->show();
    dock->raise();
}

void MainWindow::addBottomPanel(QDockWidget* dock)
{
    // A panel tabs with the log (and the other panel) instead of splitting the bottom row:
    // side by side, their minimum widths added up and squeezed the views to ~60 px.
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    auto* logDock = findChild<QDockWidget*>(QStringLiteral("logDock"));
    if (logDock && dockWidgetArea(logDock) == Qt::BottomDockWidgetArea && !logDock->isFloating())
        tabifyDockWidget(logDock, dock);
    // Room to work in, without pushing the views below a usable height.
    resizeDocks({dock}, {std::max(260, height() * 45 / 100)}, Qt::Vertical);
}

void MainWindow::trainStudyConfiguration(const StudySpec& spec, const TrainOptions& options,
                                         double initScale, const QString& label)
{
    showTrainingPanel();
    // The study's own files and data options, not the main window's.
    ProblemOptions problem;
    problem.loss = spec.loss;
    problem.probeRows = spec.probeRows;
    problem.seed = spec.seed;
    m_trainingPanel->setProblem(QString::fromStdString(spec.modelPath),
                                QString::fromStdString(spec.dataPath), spec.data, problem,
                                spec.data.device);
    if (m_trainingPanel->trainConfiguration(options, initScale, label))
        log(tr("Training %1 in the training panel.").arg(label));
}

void MainWindow::showStudyPanel()
{
    if (!m_studyPanel) {
        m_studyPanel = new StudyPanel;
        auto* dock = new QDockWidget(tr("Study"), this);
        dock->setObjectName(QStringLiteral("studyDock"));
        dock->setWidget(m_studyPanel);
        addBottomPanel(dock);
        m_viewMenu->addAction(dock->toggleViewAction());
        connect(m_studyPanel, &StudyPanel::errorReported, this,
                [this](const QString& text) { log(text); });
        connect(m_studyPanel, &StudyPanel::guidedTrainingRequested, this,
                &MainWindow::trainStudyConfiguration);
    }
    auto* dock = qobject_cast<QDockWidget*>(m_studyPanel->parentWidget());
    dock->show();
    dock->raise();
}

void MainWindow::reportError(const QString& title, const QString& text)
{
    log(tr("Error: %1").arg(text));
    emit errorReported(text);
    if (!m_errorDialogs)
        return;
    QMessageBox box(QMessageBox::Critical, title, text, QMessageBox::Ok, this);
    box.setObjectName(QStringLiteral("boreholeErrorBox"));
    box.exec();
}

void MainWindow::log(const QString& line)
{
    m_log->appendPlainText(QStringLiteral("[%1] %2")
                               .arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")),
                                    line));
}

QString MainWindow::statusText() const
{
    return m_status->text();
}

QString MainWindow::logText() const
{
    return m_log->toPlainText();
}

bool MainWindow::isProbing() const
{
    return m_runner->isRunning();
}

bool MainWindow::isLoading() const
{
    return m_loader->isLoading();
}

const std::optional<ProbeReport>& MainWindow::report() const
{
    return m_views->report();
}

SurfaceView* MainWindow::surfaceView() const
{
    return m_views->surfaceView();
}

HeatmapView* MainWindow::heatmapView() const
{
    return m_views->heatmapView();
}

PcaView* MainWindow::pcaView() const
{
    return m_views->pcaView();
}

CurvaturePlot* MainWindow::curvaturePlot() const
{
    return m_views->curvaturePlot();
}

SpectrumView* MainWindow::spectrumView() const
{
    return m_views->spectrumView();
}

QString MainWindow::summaryText() const
{
    return m_views->summaryText();
}

QTabWidget* MainWindow::viewTabs() const
{
    return m_views;
}

CompareView* MainWindow::compareView() const
{
    return m_views->compareView();
}

const std::vector<ProbeHistoryEntry>& MainWindow::history() const
{
    return m_history->entries();
}

int MainWindow::historyCurrent() const
{
    return m_history->current();
}

bool MainWindow::openModel(const QString& path)
{
    if (isLoading())
        return false; // one read at a time (user input waits during a read; a script may not)
    if (isProbing()) {
        reportError(tr("Probe running"), tr("Cancel the running probe before opening a model."));
        return false;
    }
    // Loaded on the CPU just to validate and summarise it; the worker loads its own copy on
    // the chosen device.
    QString error;
    std::optional<Model> loaded = m_loader->readModel(path, &error);
    if (!loaded) {
        reportError(tr("Cannot open model"), error);
        return false;
    }
    m_modelSummary = loaded->summary();
    m_model = std::move(*loaded);
    m_modelPath = QFileInfo(path).filePath();
    clearResults();
    m_loader->addRecentFile(path);
    log(tr("Opened model %1 (%2 parameters)").arg(path).arg(m_modelSummary->parameterCount));
    checkModelOnData();
    refreshSummary();
    refreshActions();
    emit workspaceChanged();
    return true;
}

bool MainWindow::openData(const QString& path)
{
    if (isLoading())
        return false;
    if (isProbing()) {
        reportError(tr("Probe running"), tr("Cancel the running probe before opening data."));
        return false;
    }
    QString error;
    std::optional<CsvTable> table = m_loader->readData(path, &error);
    if (!table) {
        reportError(tr("Cannot open data"), error);
        return false;
    }
    QStringList columns;
    for (const auto& c : table->columns)
        columns << QString::fromStdString(c);
    const QString keep = m_dataPanel->target();
    m_table = std::move(table);
    m_dataPath = QFileInfo(path).filePath();
    // The task is guessed from the new target column, not kept from the previous data set.
    m_dataPanel->setTable(*m_table, keep);
    clearResults();
    m_loader->addRecentFile(path);
    log(tr("Opened data %1 (%2 rows, %3 columns)").arg(path).arg(m_table->rowCount()).arg(columns.size()));
    refreshSummary();
    refreshActions();
    emit workspaceChanged();
    return true;
}

bool MainWindow::openAny(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("csv"))
        return openData(path);
    if (suffix == QLatin1String("json") || suffix == QLatin1String("borehole"))
        return openWorkspace(path);
    return openModel(path);
}

Workspace MainWindow::currentWorkspace() const
{
    Workspace w;
    w.modelPath = m_modelPath;
    w.dataPath = m_dataPath;
    w.data = m_dataPanel->options();
    w.settings = m_settingsPanel->settings();
    w.settings.metric = defaultMetric(w.data.task);
    w.data.seed = w.settings.seed;
    w.problem = m_settingsPanel->problemOptions(w.data.task);
    w.problem.output = m_dataPanel->output().toStdString();
    w.device = m_settingsPanel->device();
    w.report = report();
    w.history = m_history->entries();
    w.historyCurrent = w.report ? m_history->current() : -1;
    return w;
}

bool MainWindow::saveWorkspace(const QString& path)
{
    QString error;
    if (!writeTextAtomically(path, workspaceToJson(currentWorkspace()), &error)) {
        reportError(tr("Cannot save workspace"), error);
        return false;
    }
    m_workspacePath = path;
    m_loader->addRecentFile(path);
    log(tr("Saved workspace %1").arg(path));
    m_status->setText(tr("Workspace saved to %1").arg(QFileInfo(path).fileName()));
    return true;
}

bool MainWindow::openWorkspace(const QString& path)
{
    if (isLoading())
        return false;
    if (isProbing()) {
        reportError(tr("Probe running"), tr("Cancel the running probe before opening a workspace."));
        return false;
    }
    // Read and validate everything first: a bad file leaves the current workspace untouched.
    QString error;
    std::optional<LoadedWorkspace> loaded = m_loader->readWorkspace(path, &error);
    if (!loaded) {
        reportError(tr("Cannot open workspace"), error);
        return false;
    }
    const Workspace& w = loaded->workspace;
    m_modelPath = w.modelPath;
    m_dataPath = w.dataPath;
    m_modelSummary = loaded->modelSummary;
    m_model = std::move(loaded->model);
    m_table = std::move(loaded->table);
    QStringList columns;
    if (m_table)
        for (const auto& c : m_table->columns)
            columns << QString::fromStdString(c);
    m_dataPanel->setColumns(columns);
    m_dataPanel->setOptions(w.data);
    m_settingsPanel->setSettings(w.settings);
    m_settingsPanel->setProblemOptions(w.problem, w.data.task);
    m_settingsPanel->setDevice(w.device);
    m_dataPanel->setOutput(QString::fromStdString(w.problem.output));
    checkModelOnData();
    clearResults();
    m_history->restore(w);
    if (w.report) {
        showReport(*w.report);
        m_status->setText(tr("Opened %1 with its saved results: L(θ) = %2")
                              .arg(QFileInfo(path).fileName())
                              .arg(w.report->base.loss, 0, 'g', 5));
    }
    m_workspacePath = path;
    m_loader->addRecentFile(path);
    log(tr("Opened workspace %1").arg(path));
    refreshSummary();
    refreshActions();
    emit workspaceChanged();
    return true;
}

bool MainWindow::startProbe()
{
    if (isProbing())
        return false;
    if (m_modelPath.isEmpty() || m_dataPath.isEmpty()) {
        reportError(tr("Nothing to probe"), tr("Open a model (.pt) and a data set (.csv) first."));
        return false;
    }
    const Workspace w = currentWorkspace();
    ProbeRequest request;
    request.modelPath = w.modelPath;
    request.dataPath = w.dataPath;
    request.data = w.data;
    request.problem = w.problem;
    request.settings = w.settings;
    request.device = w.device;
    request.liveRowsInterval = m_liveRowsInterval;
    m_progress->setValue(0);
    m_probeClock.start();
    m_statusClock.invalidate();
    m_status->setText(tr("Probing…"));
    log(tr("Probe started: %1 directions × K=%2, surface %3, seed %4")
            .arg(request.settings.directionKinds.size())
            .arg(request.settings.curvature.count)
            .arg(request.settings.surface
                     ? QStringLiteral("%1×%1").arg(request.settings.surfaceOptions.resolution)
                     : tr("off"))
            .arg(request.settings.seed));
    m_runner->start(request);
    refreshActions();
    return true;
}

void MainWindow::cancelProbe()
{
    if (!isProbing())
        return;
    m_runner->cancel();
    m_status->setText(tr("Cancelling…"));
}

void MainWindow::onProgress(int done, int total)
{
    if (total <= 0)
        return;
    // Repaints are what costs GUI time while probing (with software OpenGL each one recomposes
    // the whole window): the bar moves in whole percent and, like the ETA text, changes at most
    // a few times a second. The runner already merged the worker's updates into ≤ 30 per second.
    if (m_statusClock.isValid() && m_statusClock.elapsed() < 200 && done < total)
        return;
    m_statusClock.restart();
    m_progress->setValue(static_cast<int>(100LL * done / total));
    const double elapsed = m_probeClock.elapsed() / 1000.0;
    QString eta = tr("estimating…");
    if (done > 0 && elapsed > 0.5)
        eta = formatDuration(elapsed * (total - done) / done);
    m_status->setText(tr("Probing… %1 % — %2 elapsed, about %3 left")
                          .arg(100.0 * done / total, 0, 'f', 1)
                          .arg(formatDuration(elapsed), eta));
}

void MainWindow::onFinished(const ProbeReport& report)
{
    const double elapsed = m_probeClock.elapsed() / 1000.0;
    clearResults(); // (sets the progress bar to 0: the new results are set after it)
    m_progress->setValue(m_progress->maximum());
    showReport(report);
    m_history->add(report);
    log(tr("Probe finished in %1 s").arg(elapsed, 0, 'f', 2));
    log(tr("  loss and gradient: %1").arg(costLine(report.base.cost)));
    for (const auto& c : report.curvature)
        log(tr("  FD curvature %1 (K=%2): %3")
                .arg(QString::fromStdString(toString(c.kind)))
                .arg(c.norms.size())
                .arg(costLine(c.cost)));
    if (report.power)
        log(tr("  power iteration (%1 iterations): %2")
                .arg(report.power->iterations)
                .arg(costLine(report.power->cost)));
    if (report.lanczos)
        log(tr("  Lanczos (%1 iterations): %2")
                .arg(report.lanczos->iterations)
                .arg(costLine(report.lanczos->cost)));
    if (report.trace)
        log(tr("  %1 trace (%2 samples): %3")
                .arg(traceEstimatorName(report.trace->estimator))
                .arg(report.trace->samples)
                .arg(costLine(report.trace->cost)));
    if (report.spectrum)
        log(tr("  spectrum (%1): %2")
                .arg(QString::fromStdString(report.spectrum->method),
                     costLine(report.spectrum->cost)));
    if (report.sharpness)
        log(tr("  sharpness (%1 perturbations): %2")
                .arg(report.sharpness->increases.size())
                .arg(costLine(report.sharpness->cost)));
    if (report.line)
        log(tr("  1D line (%1 points): %2")
                .arg(report.line->values.size())
                .arg(costLine(report.line->cost)));
    if (report.surface)
        log(tr("  2D surface (%1×%2): %3")
                .arg(report.surface->nx())
                .arg(report.surface->ny())
                .arg(costLine(report.surface->cost)));
    log(tr("  total: %1").arg(costLine(report.total)));
    if (!report.problem.featureScaleWarning.empty())
        log(tr("Warning: %1").arg(QString::fromStdString(report.problem.featureScaleWarning)));
    // Standardised or raw features give other curvatures: said where the numbers are read.
    m_status->setText(tr("Done: L(θ) = %1, λmax = %2, in %3 s; %4")
                          .arg(report.base.loss, 0, 'g', 5)
                          .arg(report.lanczos  ? QString::number(report.lanczos->value, 'g', 5)
                               : report.power ? QString::number(report.power->value, 'g', 5)
                                              : tr("n/a"))
                          .arg(elapsed, 0, 'f', 1)
                          .arg(report.data.standardizedFeatures ? tr("features standardised")
                                                                : tr("raw features")));
    refreshActions();
    emit probeFinished();
}

void MainWindow::onFailed(const QString& message)
{
    m_views->restoreAfterPartial();
    m_progress->setValue(0);
    m_status->setText(tr("Probe failed."));
    refreshActions();
    reportError(tr("Probe failed"), message);
    emit probeFailed(message);
}

void MainWindow::onCancelled()
{
    m_views->restoreAfterPartial();
    m_progress->setValue(0);
    m_status->setText(tr("Probe cancelled after %1 s; previous results kept.")
                          .arg(m_probeClock.elapsed() / 1000.0, 0, 'f', 1));
    log(tr("Probe cancelled"));
    refreshActions();
    emit probeCancelled();
}

void MainWindow::clearResults()
{
    m_views->clearResults();
    m_selectionTable->clearSelection();
    m_history->setCurrent(-1); // nothing shown; the history itself is kept for comparison
    // The status line spoke of the results just dropped ("Done: L(θ) = …"): say what is next.
    m_progress->setValue(0);
    m_status->setText(m_modelPath.isEmpty() || m_dataPath.isEmpty()
                          ? tr("Open a model (.pt) and a data set (.csv) to start.")
                          : tr("Ready: press Run (F5) to probe."));
}

void MainWindow::showHistoryEntry(int index)
{
    if (!m_history->contains(index) || isProbing())
        return;
    clearResults();
    const ProbeHistoryEntry& e = m_history->entries()[static_cast<std::size_t>(index)];
    showReport(e.report);
    m_history->setCurrent(index);
    m_status->setText(tr("Showing %1: L(θ) = %2").arg(e.label).arg(e.report.base.loss, 0, 'g', 5));
    refreshActions();
}

void MainWindow::showReport(const ProbeReport& report)
{
    m_views->showReport(report);
    refreshActions();
}

void MainWindow::onSelection(const GridSelection& selection)
{
    m_selectionTable->setSelection(selection);
    if (auto best = selection.best())
        m_status->setText(tr("%1 points selected; lowest %2 = %3 at α = %4, β = %5")
                              .arg(selection.points.size())
                              .arg(selection.valueName)
                              .arg(best->value, 0, 'g', 6)
                              .arg(best->alpha, 0, 'g', 4)
                              .arg(best->beta, 0, 'g', 4));
    else
        m_status->setText(tr("No grid points in the selected region."));
    refreshActions();
}

bool MainWindow::exportSelection(const QString& path)
{
    const GridSelection& s = m_selectionTable->currentSelection();
    if (s.isEmpty()) {
        reportError(tr("Nothing selected"),
                    tr("Drag a rectangle in the heatmap or the PCA map to select points first."));
        return false;
    }
    SelectionContext context;
    context.modelPath = m_modelPath;
    context.dataPath = m_dataPath;
    if (const auto& r = report()) {
        context.seed = r->settings.seed;
        if (r->surface)
            context.directionKind = QString::fromStdString(r->surface->directionKind);
    }
    const bool csv = QFileInfo(path).suffix().compare(QLatin1String("csv"), Qt::CaseInsensitive) == 0;
    QString error;
    if (!writeTextAtomically(path, csv ? selectionToCsv(s) : selectionToJson(s, context), &error)) {
        reportError(tr("Cannot export selection"), error);
        return false;
    }
    log(tr("Exported %1 selected points to %2").arg(s.points.size()).arg(path));
    return true;
}

bool MainWindow::exportReport(const QString& path)
{
    if (!report()) {
        reportError(tr("No report"), tr("Run a probe (or open a workspace with results) first."));
        return false;
    }
    ReportContent content;
    content.report = *report();
    content.selection = m_selectionTable->currentSelection();
    content.figures = m_views->figures();
    const bool pdf = QFileInfo(path).suffix().compare(QLatin1String("pdf"), Qt::CaseInsensitive) == 0;
    QString error;
    const bool ok = pdf ? writeReportPdf(path, content, &error)
                        : writeReportHtml(path, content, &error);
    if (!ok) {
        reportError(tr("Cannot export report"), error);
        return false;
    }
    log(tr("Exported report to %1").arg(path));
    m_status->setText(tr("Report written to %1").arg(QFileInfo(path).fileName()));
    return true;
}

void MainWindow::refreshSummary()
{
    m_modelLabel->setText(tr("<b>Model:</b> %1")
                              .arg(m_modelPath.isEmpty() ? tr("none")
                                                         : QFileInfo(m_modelPath).fileName()));
    m_modelLabel->setToolTip(m_modelPath);
    m_dataLabel->setText(tr("<b>Data:</b> %1")
                             .arg(m_dataPath.isEmpty() ? tr("none")
                                                       : QFileInfo(m_dataPath).fileName()));
    m_dataLabel->setToolTip(m_dataPath);
    QString device;
    try {
        device = QString::fromStdString(toString(resolveDevice(m_settingsPanel->device())));
    } catch (const std::exception& e) {
        device = tr("unavailable (%1)").arg(QString::fromStdString(e.what()));
    }
    QStringList lines;
    if (m_modelSummary)
        lines << tr("%1 parameters in %2 tensors, %3 layers%4")
                     .arg(m_modelSummary->parameterCount)
                     .arg(m_modelSummary->parameters.size())
                     .arg(m_modelSummary->layerCount)
                     .arg(m_modelSummary->hasBuffers ? tr(", has buffers") : QString());
    if (m_table)
        lines << tr("%1 rows, %2 columns").arg(m_table->rowCount()).arg(m_table->columns.size());
    lines << tr("Device: %1").arg(device.toUpper());
    m_summaryLabel->setText(lines.join(QStringLiteral("<br>")));
    m_summaryLabel->setToolTip(QString::fromStdString(torchBuildInfo()));
    setWindowTitle(m_modelPath.isEmpty()
                       ? tr("Borehole")
                       : tr("%1 — Borehole").arg(QFileInfo(m_modelPath).fileName()));
}

void MainWindow::onLoadingStarted(const QString& what)
{
    refreshActions();
    m_statusBeforeLoad = m_status->text();
    m_status->setText(what);
    m_progressMaxBeforeLoad = m_progress->maximum();
    m_progressBeforeLoad = m_progress->value();
    m_progress->setRange(0, 0); // busy
}

void MainWindow::onLoadingFinished()
{
    m_progress->setRange(0, m_progressMaxBeforeLoad);
    m_progress->setValue(m_progressBeforeLoad);
    m_status->setText(m_statusBeforeLoad);
    refreshActions();
    if (m_closeAfterLoad)
        QTimer::singleShot(0, this, &QWidget::close);
}

void MainWindow::refreshActions()
{
    const bool running = isProbing() || isLoading();
    const bool ready = !m_modelPath.isEmpty() && !m_dataPath.isEmpty();
    m_run->setEnabled(ready && !running);
    m_runButton->setEnabled(ready && !running);
    m_cancel->setEnabled(running);
    m_cancelButton->setEnabled(running);
    m_openModel->setEnabled(!running);
    m_openData->setEnabled(!running);
    m_openWorkspace->setEnabled(!running);
    m_exportReport->setEnabled(report().has_value());
    m_exportSelection->setEnabled(!m_selectionTable->currentSelection().isEmpty());
    m_dataPanel->setEnabled(!running && m_table.has_value());
    m_settingsPanel->setEnabled(!running);
}

void MainWindow::checkModelOnData()
{
    m_dataPanel->setFeatureScaleWarning({});
    if (!m_model || !m_table) {
        m_dataPanel->clearModelOutputs();
        return;
    }
    DatasetOptions data = m_dataPanel->options();
    data.device = DeviceKind::Cpu;
    std::optional<Dataset> dataset;
    try {
        dataset = Dataset::fromTable(*m_table, data);
        const ModelOutputs outputs = inspectModelOutputs(*m_model, *dataset);
        m_dataPanel->setModelOutputs(outputs);
        // The chosen output's width refines a task guessed from the target alone.
        const std::string chosen = m_dataPanel->output().toStdString();
        for (const auto& o : outputs.outputs)
            if (o.key == chosen || outputs.outputs.size() == 1)
                if (m_dataPanel->applyModelOutputWidth(o.shape.size() >= 2 ? o.shape.back() : 1)) {
                    checkModelOnData(); // once more with the new task
                    return;
                }
    } catch (const std::exception& e) {
        m_dataPanel->setModelOutputsError(QString::fromStdString(e.what()));
        return;
    }
    try {
        ProblemOptions problem = m_settingsPanel->problemOptions(data.task);
        problem.output = m_dataPanel->output().toStdString();
        const Problem check(*m_model, *dataset, problem);
        m_dataPanel->setFeatureScaleWarning(
            QString::fromStdString(check.summary().featureScaleWarning));
    } catch (const std::exception& e) {
        // A pairing the probe would refuse, said now with the message Run would give.
        m_dataPanel->setPairingError(QString::fromStdString(e.what()));
    }
}

void MainWindow::showUserGuide()
{
    auto* dialog = findChild<QDialog*>(QStringLiteral("userGuideDialog"));
    if (!dialog) {
        dialog = new QDialog(this);
        dialog->setObjectName(QStringLiteral("userGuideDialog"));
        dialog->setWindowTitle(tr("Borehole User Guide"));
        auto* browser = new QTextBrowser(dialog);
        browser->setObjectName(QStringLiteral("userGuideBrowser"));
        browser->setOpenExternalLinks(true);
        // Markdown from the resources; the screenshot resolves next to it.
        browser->setSource(QUrl(QStringLiteral("qrc:/docs/gui.md")),
                           QTextDocument::MarkdownResource);
        auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
        connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
        auto* layout = new QVBoxLayout(dialog);
        layout->addWidget(browser);
        layout->addWidget(buttons);
        dialog->resize(900, 700);
    }
    dialog->show();
    dialog->raise();
}

void MainWindow::showShortcuts()
{
    auto* dialog = findChild<QDialog*>(QStringLiteral("shortcutsDialog"));
    if (!dialog) {
        dialog = new QDialog(this);
        dialog->setObjectName(QStringLiteral("shortcutsDialog"));
        dialog->setWindowTitle(tr("Keyboard Shortcuts"));
        auto* table = new QTableWidget(dialog);
        table->setObjectName(QStringLiteral("shortcutsTable"));
        table->setColumnCount(2);
        table->setHorizontalHeaderLabels({tr("Action"), tr("Shortcut")});
        table->verticalHeader()->hide();
        table->setEditTriggers(QAbstractItemView::NoEditTriggers);
        // Read from the actions themselves, so the list cannot drift from what the keys do.
        QList<QAction*> actions;
        for (QAction* menu : menuBar()->actions())
            if (menu->menu())
                for (QAction* a : menu->menu()->actions())
                    if (!a->shortcuts().isEmpty() && !actions.contains(a))
                        actions << a;
        for (QAction* a : actions) {
            QStringList keys;
            for (const QKeySequence& k : a->shortcuts())
                keys << k.toString(QKeySequence::NativeText);
            const int row = table->rowCount();
            table->insertRow(row);
            table->setItem(row, 0, new QTableWidgetItem(a->text().remove(QLatin1Char('&'))));
            table->setItem(row, 1, new QTableWidgetItem(keys.join(tr(" or "))));
        }
        // Keys that belong to views rather than menu actions.
        const QList<QPair<QString, QString>> viewKeys = {
            {tr("Surface 3D: reset the camera"), QStringLiteral("R")},
            {tr("Heatmap: select a point / extend the selection"), tr("Click / Shift+Click")}};
        for (const auto& [what, key] : viewKeys) {
            const int row = table->rowCount();
            table->insertRow(row);
            table->setItem(row, 0, new QTableWidgetItem(what));
            table->setItem(row, 1, new QTableWidgetItem(key));
        }
        table->resizeColumnsToContents();
        table->horizontalHeader()->setStretchLastSection(true);
        auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
        connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
        auto* layout = new QVBoxLayout(dialog);
        layout->addWidget(table);
        layout->addWidget(buttons);
        dialog->resize(520, 560);
    }
    dialog->show();
    dialog->raise();
}

void MainWindow::about()
{
    QMessageBox::about(
        this, tr("About Borehole"),
        tr("<h3>Borehole %1</h3><p>Drills into the loss landscape of a TorchScript model: "
           "finite-difference curvature, top Hessian eigenvalue (power iteration, Lanczos), "
           "Hutch++ and Hutchinson trace, ε-sharpness and 1D/2D loss landscapes.</p><p>%2</p>")
            .arg(QString::fromStdString(version()),
                 QString::fromStdString(torchBuildInfo()).toHtmlEscaped()));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (isLoading()) { // the reading thread uses this window's members: close once it is done
        m_closeAfterLoad = true;
        event->ignore();
        return;
    }
    if (isProbing())
        m_runner->cancel();
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    // Models first, so that a model and its data dropped together end up ready to run.
    QStringList paths;
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile())
            paths << url.toLocalFile();
    std::stable_sort(paths.begin(), paths.end(), [](const QString& a, const QString& b) {
        return !a.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive)
               && b.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive);
    });
    for (const QString& path : paths)
        openAny(path);
    event->acceptProposedAction();
}

} // namespace borehole
