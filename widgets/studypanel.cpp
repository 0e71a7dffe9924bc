#include "studypanel.h"

#include "exportutil.h"
#include "numberitem.h"
#include "plotstyle.h"
#include "studydashboard.h"
#include "studymapview.h"
#include "studypcaview.h"
#include "studyrankingview.h"
#include "studyreport.h"
#include "studyscatter.h"

#include <borehole/chosen_csv.h>
#include <borehole/error.h>

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QTabWidget>
#include <QTime>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace borehole {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QJsonObject hyperJson(const Hyperparameters& h)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(hyperparametersJson(h))).object();
}

QJsonValue jsonNumber(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}


// Probe-halving: per promoted rung, what the score promoted against what the validation at
// the rung alone (plain successive halving) would have promoted from the same entrants; the
// report's lines, in the application's language.
QStringList halvingLines(const StudySnapshot& snapshot)
{
    QStringList lines;
    for (const auto& line : probeHalvingLines(snapshot.spec, snapshot.ranking, snapshot.rungs,
                                              snapshot.rungComparisons, studyReportTranslator()))
        lines << QString::fromStdString(line);
    return lines;
}

// What a watch read compares to decide whether the views must be redrawn: every
// configuration's state, claim and result, the full runs and the meta-model version.
std::string fingerprintOf(const StudySnapshot& snapshot)
{
    std::string f;
    const auto& c = snapshot.counts;
    f += std::to_string(c.pending) + ',' + std::to_string(c.running) + ','
         + std::to_string(c.done) + ',' + std::to_string(c.failed) + ','
         + std::to_string(c.fullRuns) + ',' + std::to_string(c.fullRunsFailed) + ','
         + std::to_string(c.metaModels) + ';';
    if (snapshot.ranking.model)
        f += "m" + std::to_string(snapshot.ranking.model->version) + ';';
    for (const auto& r : snapshot.rungs)
        f += 'r' + std::to_string(r.id) + ':' + toString(r.status) + ':' + r.owner + ':'
             + r.finishedAt + ';';
    for (const auto& row : snapshot.ranking.rows) {
        const auto& r = row.record;
        f += std::to_string(r.id) + ':' + toString(r.status) + ':' + r.owner + ':'
             + std::to_string(r.attempts) + ':' + std::to_string(r.failures) + ':' + r.finishedAt
             + ':' + (row.outcome ? std::to_string(*row.outcome) : std::string("-"))
             + (row.fullRunFailed ? "F" : "") + ';';
    }
    return f;
}

// The workers holding claims, as "host:pid" (the random part of a worker id dropped).
QString runningOwners(const StudySnapshot& snapshot)
{
    QStringList owners;
    for (const auto& row : snapshot.ranking.rows) {
        if (row.record.status != RunStatus::Running)
            continue;
        QString owner = QString::fromStdString(row.record.owner);
        const int cut = owner.lastIndexOf(QLatin1Char(':'));
        if (owner.count(QLatin1Char(':')) >= 2 && cut > 0)
            owner.truncate(cut);
        if (!owners.contains(owner))
            owners << owner;
    }
    return owners.join(QStringLiteral(", "));
}

} // namespace

StudyPanel::StudyPanel(QWidget* parent) : QWidget(parent)
{
    m_runner = new StudyRunner(this);

    // Files.
    m_specPath = new QLineEdit(this);
    m_specPath->setReadOnly(true);
    m_specPath->setPlaceholderText(tr("no spec file"));
    m_dbPath = new QLineEdit(this);
    m_dbPath->setPlaceholderText(tr("study database (.sqlite) or postgresql://…"));
    m_dbPath->setToolTip(tr("A study database file, or the URL of a study on a PostgreSQL server "
                            "(postgresql://user@host/dbname); press Enter to open it."));
    connect(m_dbPath, &QLineEdit::returnPressed, this, [this] {
        if (!databasePath().isEmpty())
            openDatabase(databasePath());
    });
    m_watch = new QCheckBox(tr("Watch live"), this);
    m_watch->setChecked(true);
    m_watch->setToolTip(tr("Re-read the open study every few seconds while no job of this panel "
                           "runs, so that configurations other workers probe or train (other "
                           "processes, other machines on a PostgreSQL server) appear as they "
                           "are committed."));
    m_watchTimer = new QTimer(this);
    m_watchTimer->setInterval(2000);
    connect(m_watchTimer, &QTimer::timeout, this, &StudyPanel::watchTick);
    connect(m_watch, &QCheckBox::toggled, this, &StudyPanel::setWatching);
    auto* openSpecButton = new QPushButton(tr("Open spec…"), this);
    auto* openDbButton = new QPushButton(tr("Open study…"), this);
    connect(openSpecButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open study spec"), QString(),
                                                          tr("Study spec (*.json)"));
        if (!path.isEmpty())
            openSpec(path);
    });
    connect(openDbButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open study database"), QString(), tr("Study database (*.sqlite *.db)"));
        if (!path.isEmpty())
            openDatabase(path);
    });
    auto* files = new QFormLayout;
    auto* specRow = new QHBoxLayout;
    specRow->addWidget(m_specPath, 1);
    specRow->addWidget(openSpecButton);
    auto* dbRow = new QHBoxLayout;
    dbRow->addWidget(m_dbPath, 1);
    dbRow->addWidget(openDbButton);
    dbRow->addWidget(m_watch);
    files->addRow(tr("Spec"), specRow);
    files->addRow(tr("Database"), dbRow);

    // Spec editor.
    m_specEdit = new QPlainTextEdit(this);
    m_specEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_specEdit->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_specStatus = new QLabel(this);
    m_specStatus->setWordWrap(true);
    m_specStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_validate = new QPushButton(tr("Validate"), this);
    connect(m_validate, &QPushButton::clicked, this, [this] { validateSpec(); });

    // Run controls.
    m_limit = new QSpinBox(this);
    m_limit->setRange(0, 1000000);
    m_limit->setSpecialValueText(tr("all pending"));
    m_limit->setToolTip(tr("Configurations to probe in this run"));
    m_run = new QPushButton(tr("Run study"), this);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_status = new QLabel(tr("Open a study spec or database."), this);
    m_status->setWordWrap(true);
    connect(m_run, &QPushButton::clicked, this, [this] { run(); });
    connect(m_cancel, &QPushButton::clicked, this, &StudyPanel::cancel);
    auto* runRow = new QHBoxLayout;
    runRow->addWidget(m_validate);
    runRow->addWidget(new QLabel(tr("Probe"), this));
    runRow->addWidget(m_limit);
    runRow->addWidget(m_run);
    runRow->addWidget(m_cancel);

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(files);
    leftLayout->addWidget(m_specEdit, 1);
    leftLayout->addWidget(m_specStatus);
    leftLayout->addLayout(runRow);
    leftLayout->addWidget(m_progress);
    leftLayout->addWidget(m_status);

    // The views of the configurations; the ranking's selection is the one the plots ring.
    m_rankingView = new StudyRankingView(this);
    m_mapView = new StudyMapView(this);
    m_pcaView = new StudyPcaView(this);
    connect(m_rankingView, &StudyRankingView::selectionChanged, m_mapView,
            &StudyMapView::setSelectedConfigurations);
    connect(m_rankingView, &StudyRankingView::selectionChanged, m_pcaView,
            &StudyPcaView::setSelectedConfigurations);
    connect(m_mapView, &StudyMapView::configurationsPicked, this,
            &StudyPanel::pickConfigurations);
    connect(m_pcaView, &StudyPcaView::configurationsPicked, this,
            &StudyPanel::pickConfigurations);
    connect(m_mapView, &StudyMapView::errorReported, this, &StudyPanel::errorReported);

    // Target mode.
    m_target = new QLineEdit(this);
    m_target->setPlaceholderText(QStringLiteral("mse <= 0.5"));
    m_minProbability = new QDoubleSpinBox(this);
    m_minProbability->setRange(0.0, 1.0);
    m_minProbability->setSingleStep(0.05);
    m_minProbability->setValue(0.5);
    auto* listButton = new QPushButton(tr("List candidates"), this);
    connect(listButton, &QPushButton::clicked, this, [this] { listTargetCandidates(); });
    connect(m_target, &QLineEdit::returnPressed, this, [this] { listTargetCandidates(); });
    m_targets = new QTableWidget(0, 5, this);
    m_targets->setHorizontalHeaderLabels({tr("#"), tr("Hyperparameters"), tr("Probability"),
                                          tr("Predicted"), tr("Full-run cost")});
    m_targets->verticalHeader()->setVisible(false);
    m_targets->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_targets->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_targets->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_targets->horizontalHeader()->setStretchLastSection(true);
    m_targetMessage = new QLabel(this);
    m_targetMessage->setWordWrap(true);
    auto* targetPage = new QWidget(this);
    auto* targetLayout = new QVBoxLayout(targetPage);
    auto* targetBar = new QHBoxLayout;
    targetBar->addWidget(new QLabel(tr("Target"), this));
    targetBar->addWidget(m_target, 1);
    targetBar->addWidget(new QLabel(tr("min. probability"), this));
    targetBar->addWidget(m_minProbability);
    targetBar->addWidget(listButton);
    targetLayout->addLayout(targetBar);
    targetLayout->addWidget(m_targetMessage);
    targetLayout->addWidget(m_targets, 1);

    m_tabs = new QTabWidget(this);
    m_tabs->addTab(m_rankingView, tr("Ranking"));
    m_tabs->addTab(m_mapView, tr("Curvature map"));
    m_tabs->addTab(m_pcaView, tr("PCA of configurations"));
    m_tabs->addTab(targetPage, tr("Target"));

    // Probe-halving rungs: every rung run, and where the promotion score disagreed with the
    // validation at the rung alone (what plain successive halving would have promoted).
    m_rungNote = new QLabel(this);
    m_rungNote->setWordWrap(true);
    m_rungNote->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_rungs = new QTableWidget(0, 9, this);
    m_rungs->setHorizontalHeaderLabels({tr("Rung"), tr("#"), tr("Steps"), tr("Status"),
                                        tr("Validation"), tr("Before"), tr("λmax"), tr("Score"),
                                        tr("Time [s]")});
    m_rungs->verticalHeader()->setVisible(false);
    m_rungs->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_rungs->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_rungs->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto* rungPage = new QWidget(this);
    auto* rungLayout = new QVBoxLayout(rungPage);
    rungLayout->addWidget(m_rungNote);
    rungLayout->addWidget(m_rungs, 1);
    m_tabs->addTab(rungPage, tr("Rungs"));
    m_dashboard = new StudyDashboard(this);
    m_tabs->addTab(m_dashboard, tr("Dashboard"));

    // Follow-up runs and export.
    m_trainSelected = new QPushButton(tr("Train selected"), this);
    m_trainSelected->setToolTip(tr("Full training runs of the selected rows, then refit"));
    m_trainGuided = new QPushButton(tr("Train guided"), this);
    m_trainGuided->setToolTip(
        tr("Train the selected configuration in the training panel under the curvature-guided "
           "rate; the cap is scaled by its rank (1 for the most promising, 0.5 for the least)"));
    connect(m_trainGuided, &QPushButton::clicked, this, [this] { trainSelectedGuided(); });
    m_topCount = new QSpinBox(this);
    m_topCount->setRange(1, 1000);
    m_topCount->setValue(3);
    m_trainTop = new QPushButton(tr("Train next N"), this);
    m_trainTop->setToolTip(tr("Full runs of the N configurations the active loop picks"));
    m_export = new QPushButton(tr("Export chosen…"), this);
    connect(m_trainSelected, &QPushButton::clicked, this, [this] { trainSelected(); });
    connect(m_trainTop, &QPushButton::clicked, this, [this] { trainTop(m_topCount->value()); });
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export chosen hyperparameters"), QString(),
            tr("JSON (*.json);;CSV (*.csv)"));
        QString error;
        if (!path.isEmpty() && !exportSelection(path, &error))
            emit errorReported(error);
    });
    m_exportReport = new QPushButton(tr("Export report…"), this);
    m_exportReport->setToolTip(
        tr("Spec, ranking, maps, meta-model validation and target candidates as HTML or PDF"));
    connect(m_exportReport, &QPushButton::clicked, this, [this] {
        QString filter;
        QString path = QFileDialog::getSaveFileName(this, tr("Export study report"), QString(),
                                                    tr("HTML (*.html);;PDF (*.pdf)"), &filter);
        if (path.isEmpty())
            return;
        if (QFileInfo(path).suffix().isEmpty())
            path += filter.contains(QLatin1String("pdf")) ? QStringLiteral(".pdf")
                                                          : QStringLiteral(".html");
        QString error;
        if (!exportReport(path, &error))
            emit errorReported(error);
    });
    auto* exportTrialsButton = new QPushButton(tr("Export trials…"), this);
    exportTrialsButton->setToolTip(tr("Every configuration as CSV: hyperparameters, status, "
                                      "prediction, measured outcome and every probe feature"));
    connect(exportTrialsButton, &QPushButton::clicked, this, [this] {
        QString path = QFileDialog::getSaveFileName(this, tr("Export trials"), QString(),
                                                    tr("CSV (*.csv)"));
        if (path.isEmpty())
            return;
        if (QFileInfo(path).suffix().isEmpty())
            path += QStringLiteral(".csv");
        QString error;
        if (!exportTrials(path, &error))
            emit errorReported(error);
    });
    auto* actions = new QHBoxLayout;
    actions->addWidget(m_trainSelected);
    actions->addWidget(m_trainGuided);
    actions->addWidget(new QLabel(tr("N"), this));
    actions->addWidget(m_topCount);
    actions->addWidget(m_trainTop);
    actions->addStretch(1);
    actions->addWidget(m_export);
    actions->addWidget(exportTrialsButton);
    actions->addWidget(m_exportReport);

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_tabs, 1);
    rightLayout->addLayout(actions);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    connect(m_runner, &StudyRunner::progress, this, &StudyPanel::onProgress);
    connect(m_runner, &StudyRunner::configurationFinished, this, &StudyPanel::onConfiguration);
    connect(m_runner, &StudyRunner::finished, this, &StudyPanel::onFinished);
    connect(m_runner, &StudyRunner::failed, this, &StudyPanel::onFailed);
    connect(m_runner, &StudyRunner::cancelled, this, &StudyPanel::onCancelled);

    setRunning(false);
}

StudyPanel::~StudyPanel() = default;

bool StudyPanel::openSpec(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        const QString text = tr("Cannot read %1: %2").arg(path, file.errorString());
        m_status->setText(text);
        emit errorReported(text);
        return false;
    }
    const QFileInfo info(path);
    m_specPath->setText(info.absoluteFilePath());
    // The path as given names the file in parse errors, as loadStudySpec() and the CLI do.
    setSpecText(QString::fromUtf8(file.readAll()), path, info.absolutePath());
    setDatabasePath(info.absolutePath() + QLatin1Char('/') + info.completeBaseName()
                    + QStringLiteral(".sqlite"));
    validateSpec();
    return true;
}

bool StudyPanel::openDatabase(const QString& path)
{
    m_watchFingerprint.clear();
    m_watchUpdates = 0;
    setDatabasePath(path);
    m_specEdit->clear();
    m_specPath->clear();
    StudyRequest r;
    r.kind = StudyRequest::Kind::Open;
    r.dbPath = path;
    startJob(r, tr("Reading %1…").arg(path));
    return true;
}

void StudyPanel::setDatabasePath(const QString& path)
{
    m_dbPath->setText(path);
}

QString StudyPanel::databasePath() const
{
    return m_dbPath->text().trimmed();
}

void StudyPanel::setSpecText(const QString& text, const QString& sourceName,
                             const QString& baseDir)
{
    m_specEdit->setPlainText(text);
    m_specSource = sourceName;
    m_specBaseDir = baseDir;
    m_specStatus->clear();
}

QString StudyPanel::specText() const
{
    return m_specEdit->toPlainText();
}

bool StudyPanel::validateSpec(QString* error)
{
    try {
        const StudySpec spec = parseStudySpec(specText().toStdString(), m_specSource.toStdString(),
                                              m_specBaseDir.toStdString());
        const auto count = sampleConfigurations(spec).size();
        m_specStatus->setStyleSheet(QString());
        m_specStatus->setText(tr("Valid: %1 configurations, %2 sampler, metric %3.")
                                  .arg(count)
                                  .arg(QString::fromStdString(toString(spec.sampler.kind)))
                                  .arg(QString::fromStdString(toString(spec.metric))));
        return true;
    } catch (const std::exception& e) {
        const QString text = QString::fromStdString(e.what());
        m_specStatus->setStyleSheet(QStringLiteral("color: #b00000;"));
        m_specStatus->setText(text);
        if (error)
            *error = text;
        return false;
    }
}

QString StudyPanel::specError() const
{
    return m_specStatus->styleSheet().isEmpty() ? QString() : m_specStatus->text();
}

bool StudyPanel::run(int limit)
{
    StudyRequest r;
    r.kind = StudyRequest::Kind::Run;
    r.dbPath = databasePath();
    r.limit = limit >= 0 ? limit : m_limit->value();
    if (!specText().trimmed().isEmpty()) {
        QString error;
        if (!validateSpec(&error)) {
            emit errorReported(error);
            return false;
        }
        r.specText = specText();
        r.specSource = m_specSource;
        r.specBaseDir = m_specBaseDir;
    }
    if (r.dbPath.isEmpty()) {
        const QString text = tr("Choose a study database (.sqlite) first.");
        emit errorReported(text);
        return false;
    }
    startJob(r, tr("Probing configurations…"));
    return true;
}

void StudyPanel::cancel()
{
    if (m_queuedJob) { // not started yet: nothing to stop, nothing was written
        m_queuedJob.reset();
        onCancelled();
        return;
    }
    if (!m_watchInFlight)
        m_runner->cancel();
}

bool StudyPanel::isRunning() const
{
    return (m_runner->isRunning() && !m_watchInFlight) || m_queuedJob.has_value();
}

void StudyPanel::startJob(const StudyRequest& request, const QString& what)
{
    if (isRunning()) {
        emit errorReported(tr("A study job is already running."));
        return;
    }
    if (m_watchInFlight) { // a watch read takes milliseconds: start right after it
        m_queuedJob.emplace(request, what);
        m_status->setText(what);
        setRunning(true);
        return;
    }
    m_clock.start();
    m_progress->setRange(0, 0);
    m_status->setText(what);
    setRunning(true);
    m_runner->start(request);
}

bool StudyPanel::trainSelected()
{
    const auto ids = selectedConfigurations();
    if (ids.empty() || isRunning()) {
        emit errorReported(ids.empty() ? tr("Select configurations in the ranking first.")
                                       : tr("A study job is already running."));
        return false;
    }
    StudyRequest r;
    r.kind = StudyRequest::Kind::TrainSelected;
    r.dbPath = databasePath();
    r.configurationIds = ids;
    startJob(r, tr("Training %1 configurations fully…").arg(ids.size()));
    return true;
}

bool StudyPanel::trainSelectedGuided()
{
    const auto ids = selectedConfigurations();
    if (ids.size() != 1 || !m_snapshot) {
        emit errorReported(tr("Select one configuration in the ranking first."));
        return false;
    }
    const StudySpec& spec = m_snapshot->spec;
    GuidedFollowUp f;
    try {
        f = guidedFollowUp(spec, m_snapshot->ranking, ids.front());
    } catch (const InputError&) {
        const auto row = m_rows.find(ids.front());
        emit errorReported(tr("Configuration %1 has no probe result to rank it by.")
                               .arg(row == m_rows.end() ? ids.front() : row->second.record.index));
        return false;
    }
    emit guidedTrainingRequested(spec, f.options, f.initScale,
                                 tr("config %1 guided s=%2").arg(f.index).arg(f.scale, 0, 'g', 3));
    return true;
}

bool StudyPanel::trainTop(int count)
{
    if (isRunning())
        return false;
    StudyRequest r;
    r.kind = StudyRequest::Kind::TrainTop;
    r.dbPath = databasePath();
    r.topCount = count;
    startJob(r, tr("Training the next %1 configurations fully…").arg(count));
    return true;
}

void StudyPanel::onProgress(int done, int total)
{
    m_progress->setRange(0, std::max(total, 1));
    m_progress->setValue(done);
    const double elapsed = m_clock.elapsed() / 1000.0;
    if (done > 0 && total > done)
        m_status->setText(tr("%1 of %2 done, about %3 s left")
                              .arg(done)
                              .arg(total)
                              .arg(elapsed * (total - done) / done, 0, 'f', 0));
}

void StudyPanel::onConfiguration(const ConfigurationRecord& record)
{
    RankedConfiguration row;
    row.predicted = kNaN;
    row.predictedStd = kNaN;
    row.promisingness = record.status == RunStatus::Done ? proxyScore(record) : kNaN;
    row.record = record;
    m_rows[record.id] = row;
    showRows();
}

void StudyPanel::onFinished(const StudySnapshot& snapshot)
{
    if (snapshot.kind == StudyRequest::Kind::Watch) {
        onWatchRead(snapshot);
        return;
    }
    showSnapshot(snapshot);
    setRunning(false);
    if (m_watch->isChecked())
        m_watchTimer->start();
    emit jobFinished();
}

void StudyPanel::showSnapshot(const StudySnapshot& snapshot)
{
    m_watchFingerprint = fingerprintOf(snapshot);
    const bool opened = specText().trimmed().isEmpty();
    m_snapshot = snapshot;
    m_rows.clear();
    for (const auto& row : snapshot.ranking.rows)
        if (row.record.status == RunStatus::Done || row.record.status == RunStatus::Failed)
            m_rows[row.record.id] = row;
    if (opened) // a database opened on its own: show the spec it holds
        setSpecText(QString::fromStdString(toJson(snapshot.spec)),
                    snapshot.dbPath.contains(QStringLiteral("://"))
                        ? snapshot.displayName // a server study: its URL without the password
                        : QFileInfo(snapshot.dbPath).fileName(),
                    QString());
    if (snapshot.spec.target && m_target->text().isEmpty())
        m_target->setText(QString::fromStdString(toString(*snapshot.spec.target)));
    QStringList lines;
    if (!snapshot.summary.isEmpty())
        lines << snapshot.summary;
    const auto& c = snapshot.counts;
    lines << tr("%1 configurations: %2 done, %3 failed, %4 pending; %5 full runs.")
                 .arg(c.total())
                 .arg(c.done)
                 .arg(c.failed)
                 .arg(c.pending)
                 .arg(c.fullRuns);
    if (const auto& m = snapshot.ranking.model) {
        QString line = tr("Meta-model v%1 (%2, %3 rows)")
                           .arg(m->version)
                           .arg(QString::fromStdString(m->kind))
                           .arg(m->trainingRows);
        if (std::isfinite(m->validationRmse))
            line += tr(": validation RMSE %1, Spearman %2")
                        .arg(m->validationRmse, 0, 'g', 3)
                        .arg(m->validationSpearman, 0, 'g', 3);
        else
            line += tr(": too few rows to hold any out for validation");
        lines << line + QLatin1Char('.');
    }
    if (!snapshot.modelNote.isEmpty())
        lines << snapshot.modelNote;
    if (c.running > 0)
        lines << (c.running == 1 ? tr("1 configuration being probed now by %1.")
                                       .arg(runningOwners(snapshot))
                                 : tr("%1 configurations being probed now by %2.")
                                       .arg(c.running)
                                       .arg(runningOwners(snapshot)));
    m_statusBase = lines.join(QLatin1Char('\n'));
    m_status->setText(snapshot.kind == StudyRequest::Kind::Watch
                          ? m_statusBase + QLatin1Char('\n') + watchLine()
                          : m_statusBase);
    m_progress->setRange(0, 1);
    m_progress->setValue(1);
    // The map's axes fall back to the study's first two active hyperparameters.
    const auto active = snapshot.spec.activeParameters();
    m_mapView->setDefaultAxes(
        active.empty() ? QStringLiteral("learning_rate") : QString::fromStdString(active[0]->name),
        active.size() > 1 ? QString::fromStdString(active[1]->name)
                          : QStringLiteral("lambda_max"));
    showRows();
    refreshRungs();
    m_dashboard->setSnapshot(snapshot);
}

void StudyPanel::refreshRungs()
{
    if (!m_snapshot || m_snapshot->spec.strategy != StudyStrategy::ProbeHalving) {
        m_rungs->setRowCount(0);
        m_rungNote->setText(tr("Not a probe-halving study: rungs appear here for studies whose "
                               "spec sets \"strategy\": \"probe-halving\"."));
        return;
    }
    m_rungNote->setText(halvingLines(*m_snapshot).join(QLatin1Char('\n')));
    auto index = configurationIndices(m_snapshot->ranking);
    const auto& rungs = m_snapshot->rungs;
    m_rungs->setSortingEnabled(false);
    m_rungs->setRowCount(static_cast<int>(rungs.size()));
    for (int i = 0; i < static_cast<int>(rungs.size()); ++i) {
        const auto& r = rungs[static_cast<std::size_t>(i)];
        auto* status = new QTableWidgetItem(QString::fromStdString(toString(r.status)));
        if (!r.reason.empty())
            status->setToolTip(withReadableNumbers(r.reason));
        QTableWidgetItem* cells[] = {new NumberItem(r.rung),
                                     new NumberItem(index[r.configurationId]),
                                     new NumberItem(static_cast<double>(r.steps), 12),
                                     status,
                                     new NumberItem(r.validation),
                                     new NumberItem(r.previousValidation),
                                     new NumberItem(r.lambdaMax),
                                     new NumberItem(r.score, 3),
                                     new NumberItem(r.cost.seconds, 3)};
        for (int c = 0; c < 9; ++c)
            m_rungs->setItem(i, c, cells[c]);
    }
    m_rungs->setSortingEnabled(true);
}

QString StudyPanel::rungNote() const
{
    return m_rungNote->text();
}

void StudyPanel::setWatching(bool on)
{
    if (m_watch->isChecked() != on) {
        m_watch->setChecked(on); // toggled() comes back here
        return;
    }
    if (on && m_snapshot)
        m_watchTimer->start();
    else if (!on)
        m_watchTimer->stop();
}

bool StudyPanel::watching() const
{
    return m_watch->isChecked();
}

void StudyPanel::setWatchInterval(int milliseconds)
{
    m_watchTimer->setInterval(std::max(milliseconds, 50));
}

int StudyPanel::watchInterval() const
{
    return m_watchTimer->interval();
}

void StudyPanel::watchTick()
{
    if (!m_watch->isChecked() || m_runner->isRunning() || m_queuedJob || !m_snapshot
        || databasePath().isEmpty())
        return;
    StudyRequest r;
    r.kind = StudyRequest::Kind::Watch;
    r.dbPath = databasePath();
    m_watchInFlight = m_runner->start(r);
}

void StudyPanel::onWatchRead(const StudySnapshot& snapshot)
{
    m_watchInFlight = false;
    const bool sameStudy = snapshot.dbPath == databasePath();
    if (sameStudy && fingerprintOf(snapshot) != m_watchFingerprint) {
        // Other workers changed the study: show it as a finished job would, selection kept.
        showSnapshot(snapshot);
        ++m_watchUpdates;
        setRunning(false);
        emit studyChanged();
    } else if (sameStudy) {
        m_status->setText(m_statusBase + QLatin1Char('\n') + watchLine());
    }
    startQueuedJob();
}

void StudyPanel::startQueuedJob()
{
    // A job asked for while a watch read was in flight starts once the read has ended.
    if (!m_queuedJob)
        return;
    auto [request, what] = *m_queuedJob;
    m_queuedJob.reset();
    startJob(request, what);
}

QString StudyPanel::watchLine() const
{
    return tr("Watching live: read at %1, every %2 s.")
        .arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")))
        .arg(m_watchTimer->interval() / 1000.0, 0, 'g', 3);
}

void StudyPanel::onWatchFailed(const QString& message)
{
    m_watchInFlight = false;
    // No dialog every few seconds: the reason stays in the status line and the next read
    // reconnects (the worker dropped its store).
    m_status->setText(tr("Watching live: cannot read the study (%1); trying again every %2 s.")
                          .arg(message)
                          .arg(m_watchTimer->interval() / 1000.0, 0, 'g', 3));
    startQueuedJob();
}

void StudyPanel::onFailed(const QString& message)
{
    if (m_watchInFlight) {
        onWatchFailed(message);
        return;
    }
    m_status->setText(message);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    setRunning(false);
    emit errorReported(message);
    emit jobFailed(message);
}

void StudyPanel::onCancelled()
{
    if (m_watchInFlight) { // a watch read stopped by cancel(): nothing to report
        m_watchInFlight = false;
        startQueuedJob();
        return;
    }
    m_status->setText(tr("Cancelled; finished configurations are kept in the database."));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    setRunning(false);
    emit jobCancelled();
}

void StudyPanel::setRunning(bool running)
{
    m_run->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_trainSelected->setEnabled(!running && !m_rows.empty());
    m_trainGuided->setEnabled(m_snapshot.has_value() && !m_rows.empty());
    m_trainTop->setEnabled(!running && m_snapshot.has_value());
    m_export->setEnabled(!m_rows.empty());
    m_exportReport->setEnabled(!running && m_snapshot.has_value());
}

void StudyPanel::showRows()
{
    m_rankingView->setRows(m_rows);
    m_mapView->setRows(m_rows);
    m_pcaView->setRows(m_rows);
}

QTableWidget* StudyPanel::rankingTable() const
{
    return m_rankingView->table();
}

void StudyPanel::setMapAxes(const QString& x, const QString& y, const QString& colour)
{
    m_mapView->setAxes(x, y, colour);
}

void StudyPanel::setMapView3D(bool on)
{
    m_mapView->setView3D(on);
}

bool StudyPanel::mapView3D() const
{
    return m_mapView->view3D();
}

QString StudyPanel::surfaceNote() const
{
    return m_mapView->surfaceNote();
}

SurfaceView* StudyPanel::mapSurface() const
{
    return m_mapView->surface();
}

QString StudyPanel::mapColourNote() const
{
    return m_mapView->colourNote();
}

QCustomPlot* StudyPanel::mapPlot() const
{
    return m_mapView->plot();
}

QCustomPlot* StudyPanel::pcaPlot() const
{
    return m_pcaView->plot();
}

int StudyPanel::mapPointCount() const
{
    return m_mapView->pointCount();
}

int StudyPanel::pcaPointCount() const
{
    return m_pcaView->pointCount();
}

bool StudyPanel::boundaryShown() const
{
    return m_mapView->boundaryShown();
}

bool StudyPanel::exportReport(const QString& path, QString* error)
{
    if (!m_snapshot || isRunning()) {
        if (error)
            *error = m_snapshot ? tr("Wait for the running study job to finish.")
                                : tr("Run or open a study first.");
        return false;
    }
    StudyReportContent c;
    c.dbPath = m_snapshot->dbPath;
    c.spec = m_snapshot->spec;
    c.counts = m_snapshot->counts;
    c.ranking = m_snapshot->ranking;
    c.modelNote = m_snapshot->modelNote;
    c.rungs = m_snapshot->rungs;
    c.rungComparisons = m_snapshot->rungComparisons;
    c.fullRuns = m_snapshot->fullRuns;
    c.target = m_target->text().trimmed();
    if (c.target.isEmpty() && m_snapshot->spec.target)
        c.target = QString::fromStdString(toString(*m_snapshot->spec.target));
    c.minProbability = m_minProbability->value();
    if (!c.target.isEmpty()) {
        try {
            c.candidates = targetCandidates(
                c.ranking, parseOutcomeTarget(c.target.toStdString(), "target"), c.minProbability);
            c.targetMessage = tr("%n configuration(s) meet the target, cheapest first.", nullptr,
                                 static_cast<int>(c.candidates.size()));
        } catch (const std::exception& e) {
            c.targetMessage = QString::fromStdString(e.what());
        }
    }
    c.figures = m_mapView->reportFigures();
    if (auto pca = m_pcaView->reportFigure())
        c.figures.push_back(std::move(*pca));
    return QFileInfo(path).suffix().compare(QLatin1String("pdf"), Qt::CaseInsensitive) == 0
               ? writeStudyReportPdf(path, c, error)
               : writeStudyReportHtml(path, c, error);
}

StudyScatter* StudyPanel::scatterOf(Plot plot) const
{
    return plot == Plot::Map ? m_mapView->scatter() : m_pcaView->scatter();
}

int StudyPanel::selectInPlot(Plot plot, double x0, double x1, double y0, double y1, bool add)
{
    return scatterOf(plot)->selectInRegion(x0, x1, y0, y1, add);
}

bool StudyPanel::selectNearestInPlot(Plot plot, const QPointF& pixel, bool add)
{
    return scatterOf(plot)->selectNearest(pixel, add);
}

void StudyPanel::pickConfigurations(const std::vector<std::int64_t>& ids, bool add)
{
    std::vector<std::int64_t> selected = add ? selectedConfigurations()
                                             : std::vector<std::int64_t>{};
    selected.insert(selected.end(), ids.begin(), ids.end());
    selectConfigurations(selected);
}

bool StudyPanel::listTargetCandidates(const QString& expression)
{
    if (!expression.isEmpty())
        m_target->setText(expression);
    m_targets->setRowCount(0);
    if (!m_snapshot) {
        m_targetMessage->setText(tr("Run or open a study first."));
        return false;
    }
    try {
        const auto target = parseOutcomeTarget(m_target->text().toStdString(), "target");
        const auto candidates =
            targetCandidates(m_snapshot->ranking, target, m_minProbability->value());
        m_targets->setRowCount(static_cast<int>(candidates.size()));
        for (int i = 0; i < static_cast<int>(candidates.size()); ++i) {
            const auto& c = candidates[static_cast<std::size_t>(i)];
            auto* index = new NumberItem(c.row.record.index);
            index->setData(Qt::UserRole, QVariant::fromValue<qlonglong>(c.row.record.id));
            m_targets->setItem(i, 0, index);
            m_targets->setItem(
                i, 1, new QTableWidgetItem(QString::fromStdString(describe(c.row.record.hyper))));
            m_targets->setItem(i, 2, new NumberItem(c.probability, 3));
            m_targets->setItem(i, 3, new NumberItem(c.row.predicted));
            m_targets->setItem(i, 4, new NumberItem(c.row.fullRunCost, 3));
        }
        m_targetMessage->setText(
            tr("%n configuration(s) meet %1 with probability ≥ %2, cheapest first.", nullptr,
               static_cast<int>(candidates.size()))
                .arg(QString::fromStdString(toString(target)))
                .arg(m_minProbability->value()));
        return true;
    } catch (const std::exception& e) {
        m_targetMessage->setText(QString::fromStdString(e.what()));
        return false;
    }
}

QString StudyPanel::targetMessage() const
{
    return m_targetMessage->text();
}

void StudyPanel::selectConfigurations(const std::vector<std::int64_t>& ids)
{
    m_rankingView->selectConfigurations(ids);
}

std::vector<std::int64_t> StudyPanel::selectedConfigurations() const
{
    if (m_tabs->currentIndex() != TargetTab || !m_targets->selectionModel()->hasSelection())
        return m_rankingView->selectedConfigurations();
    std::vector<std::int64_t> ids;
    for (const auto& index : m_targets->selectionModel()->selectedRows(0))
        ids.push_back(m_targets->item(index.row(), 0)->data(Qt::UserRole).toLongLong());
    return ids;
}

bool StudyPanel::exportTrials(const QString& path, QString* error) const
{
    if (!m_snapshot) {
        if (error)
            *error = tr("Run or open a study first.");
        return false;
    }
    return writeTextAtomically(
        path, QString::fromStdString(studyTrialsCsv(m_snapshot->ranking.rows)), error);
}

bool StudyPanel::exportSelection(const QString& path, QString* error) const
{
    auto ids = selectedConfigurations();
    if (ids.empty())
        if (const auto first = m_rankingView->firstConfiguration())
            ids.push_back(*first);
    if (ids.empty()) {
        if (error)
            *error = tr("No probed configuration to export.");
        return false;
    }
    std::vector<RankedConfiguration> rows;
    for (const auto id : ids) {
        const auto it = m_rows.find(id);
        if (it != m_rows.end())
            rows.push_back(it->second);
    }
    // The file name's suffix decides: a .csv gets CSV (it used to get JSON whatever its name).
    if (QFileInfo(path).suffix().compare(QLatin1String("csv"), Qt::CaseInsensitive) == 0)
        return writeTextAtomically(path, QString::fromStdString(chosenConfigurationsCsv(rows)),
                                   error);
    QJsonArray chosen;
    for (const auto& row : rows) {
        // Without an outcome model there is no prediction, so no spread of one either.
        const bool predicted = std::isfinite(row.predicted);
        chosen.append(QJsonObject{
            {QStringLiteral("configuration"), row.record.index},
            {QStringLiteral("hyperparameters"), hyperJson(row.record.hyper)},
            {QStringLiteral("predicted"), jsonNumber(row.predicted)},
            {QStringLiteral("predicted_std"), predicted ? jsonNumber(row.predictedStd)
                                                        : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("promisingness"), jsonNumber(row.promisingness)},
            {QStringLiteral("measured"), row.outcome ? QJsonValue(*row.outcome)
                                                     : QJsonValue(QJsonValue::Null)}});
    }
    QJsonObject doc{{QStringLiteral("schema"), QStringLiteral("borehole.study-selection/1")},
                    {QStringLiteral("database"), databasePath()},
                    {QStringLiteral("configurations"), chosen}};
    if (m_snapshot) {
        doc.insert(QStringLiteral("study"), QString::fromStdString(m_snapshot->spec.name));
        doc.insert(QStringLiteral("metric"),
                   QString::fromStdString(toString(m_snapshot->spec.metric)));
    }
    return writeTextAtomically(path, QString::fromUtf8(QJsonDocument(doc).toJson()), error);
}

QString StudyPanel::statusText() const
{
    return m_status->text();
}

} // namespace borehole
