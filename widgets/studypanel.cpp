#include "studypanel.h"

#include "colormap.h"
#include "exportutil.h"
#include "pca.h"
#include "plotstyle.h"
#include "studydashboard.h"
#include <borehole/studymap.h>
#include "studyreport.h"
#include "surfaceview.h"

#include <borehole/chosen_csv.h>
#include <borehole/error.h>

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
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
#include <QStackedWidget>
#include <QTableWidget>
#include <QTabWidget>
#include <QTime>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <limits>
#include <set>

namespace borehole {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const QString kPredicted = QStringLiteral("predicted");
const QString kPromisingness = QStringLiteral("promisingness");
const QString kOutcome = QStringLiteral("outcome");

// Numbers sort as numbers; missing values (NaN) sort last in either direction of the view.
class NumberItem : public QTableWidgetItem
{
public:
    explicit NumberItem(double value, int precision = 4)
        : QTableWidgetItem(std::isfinite(value) ? QString::number(value, 'g', precision)
                                                : QStringLiteral("–")),
          m_value(value)
    {
        setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    bool operator<(const QTableWidgetItem& other) const override
    {
        const auto* o = dynamic_cast<const NumberItem*>(&other);
        if (!o)
            return QTableWidgetItem::operator<(other);
        const bool fa = std::isfinite(m_value), fb = std::isfinite(o->m_value);
        if (fa != fb) {
            const bool ascending = !tableWidget()
                                   || tableWidget()->horizontalHeader()->sortIndicatorOrder()
                                          == Qt::AscendingOrder;
            return ascending ? fa : fb;
        }
        return fa && m_value < o->m_value;
    }

private:
    double m_value;
};

double valueOf(const RankedConfiguration& row, const QString& key)
{
    if (const double v = hyperparameterValue(row.record.hyper, key.toStdString()); !std::isnan(v))
        return v;
    if (key == kPredicted)
        return row.predicted;
    if (key == kPromisingness)
        return row.promisingness;
    if (key == kOutcome)
        return row.outcome ? *row.outcome : kNaN;
    const auto it = row.record.features.find(key.toStdString());
    return it == row.record.features.end() ? kNaN : it->second;
}

// Log scale where the values span orders of magnitude (and always for rates and decays).
bool wantsLog(const QString& key, const std::vector<double>& values)
{
    double lo = std::numeric_limits<double>::infinity(), hi = 0.0;
    for (double v : values) {
        if (!std::isfinite(v))
            continue;
        if (v <= 0.0)
            return false;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    if (!(hi > 0.0))
        return false;
    return key == QLatin1String("learning_rate") || key == QLatin1String("weight_decay")
           || hi / lo > 100.0;
}

void setAxisScale(QCPAxis* axis, bool log)
{
    axis->setScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (log)
        axis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    else
        axis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
}

QString unitOf(const QString& key)
{
    if (key == QLatin1String("learning_rate") || key == QLatin1String("weight_decay"))
        return StudyPanel::tr("log scale");
    if (key == QLatin1String("lambda_max") || key == QLatin1String("trace")
        || key.startsWith(QLatin1String("curvature_")))
        return StudyPanel::tr("loss / parameter-unit²");
    if (key == QLatin1String("batch_size"))
        return StudyPanel::tr("examples");
    if (key == QLatin1String("lr_lambda_max") || key == QLatin1String("eos_ratio"))
        return StudyPanel::tr("dimensionless");
    return {};
}

/// What a user reads for a hyperparameter, probe feature or score key; the key itself (as in
/// the database and JSON exports) for names this build does not know.
QString keyLabel(const QString& key)
{
    static const QString curvature = QStringLiteral("curvature_");
    if (key.startsWith(curvature))
        return StudyPanel::tr("FD curvature (%1 directions)").arg(key.mid(curvature.size()));
    const std::pair<const char*, QString> labels[] = {
        {"learning_rate", StudyPanel::tr("Learning rate")},
        {"weight_decay", StudyPanel::tr("Weight decay")},
        {"momentum", StudyPanel::tr("Momentum")},
        {"batch_size", StudyPanel::tr("Batch size")},
        {"sam_rho", StudyPanel::tr("SAM ρ")},
        {"init_scale", StudyPanel::tr("Initial weight scale")},
        {"burst_initial_loss", StudyPanel::tr("Loss before the burst")},
        {"burst_final_loss", StudyPanel::tr("Loss after the burst")},
        {"burst_loss_delta", StudyPanel::tr("Loss change over the burst")},
        {"burst_log_loss_ratio", StudyPanel::tr("log(loss after / before the burst)")},
        {"burst_validation_metric", StudyPanel::tr("Validation metric after the burst")},
        {"gradient_norm", StudyPanel::tr("Gradient norm ‖∇L‖")},
        {"lambda_max", StudyPanel::tr("λmax")},
        {"lr_lambda_max", StudyPanel::tr("lr·λmax")},
        {"eos_bound", StudyPanel::tr("Stability bound B/lr")},
        {"eos_ratio", StudyPanel::tr("λmax / stability bound")},
        {"trace", StudyPanel::tr("tr(H)")},
        {"sharpness", StudyPanel::tr("Perturbation sensitivity")},
        {"predicted", StudyPanel::tr("Predicted outcome")},
        {"promisingness", StudyPanel::tr("Promisingness")},
        {"outcome", StudyPanel::tr("Measured outcome")},
    };
    for (const auto& [k, label] : labels)
        if (key == QLatin1String(k))
            return label;
    return key;
}

QJsonObject hyperJson(const Hyperparameters& h)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(hyperparametersJson(h))).object();
}

QJsonValue jsonNumber(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}

QCustomPlot* makePlot(QWidget* parent, QCPColorScale** scale)
{
    auto* plot = new QCustomPlot(parent);
    applyPlotStyle(plot);
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    *scale = new QCPColorScale(plot);
    plot->plotLayout()->addElement(0, 1, *scale);
    (*scale)->setGradient(viridisGradient());
    auto* group = new QCPMarginGroup(plot);
    plot->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, group);
    (*scale)->setMarginGroup(QCP::msBottom | QCP::msTop, group);
    plot->legend->setVisible(false);
    return plot;
}

// Adds one dot per point, coloured by value (grey when missing); returns the number drawn.
int addColouredPoints(QCustomPlot* plot, QCPColorScale* scale, const std::vector<double>& xs,
                      const std::vector<double>& ys, const std::vector<double>& colours)
{
    const auto [lo, hi] = finiteRange(colours);
    scale->setDataRange(QCPRange(lo, hi));
    int drawn = 0;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        if (!std::isfinite(xs[i]) || !std::isfinite(ys[i]))
            continue;
        const QColor colour = std::isfinite(colours[i]) ? viridis((colours[i] - lo) / (hi - lo))
                                                        : QColor(160, 160, 160);
        auto* g = plot->addGraph();
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::black, 0.8), colour, 9));
        g->addData(xs[i], ys[i]);
        g->removeFromLegend();
        g->setProperty("borehole-point", true);
        ++drawn;
    }
    return drawn;
}

// Probe-halving: per promoted rung, what the score promoted against what the validation at
// the rung alone (plain successive halving) would have promoted from the same entrants.
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

    // Ranking.
    m_ranking = new QTableWidget(0, 15, this);
    m_ranking->setHorizontalHeaderLabels(
        {tr("#"), tr("Optimizer"), tr("Learning rate"), tr("Weight decay"), tr("Momentum"),
         tr("Batch"), tr("SAM ρ"), tr("Init scale"), tr("Status"), tr("λmax"), tr("Predicted"),
         tr("±"), tr("Promisingness"), tr("Measured"), tr("Full-run cost")});
    m_ranking->verticalHeader()->setVisible(false);
    m_ranking->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_ranking->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_ranking->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_ranking->horizontalHeader()->setSortIndicator(12, Qt::DescendingOrder); // promisingness
    m_ranking->setSortingEnabled(true);
    connect(m_ranking, &QTableWidget::itemSelectionChanged, this, &StudyPanel::showSelectedDots);
    m_ranking->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    // Map.
    m_mapX = new QComboBox(this);
    m_mapY = new QComboBox(this);
    m_mapColour = new QComboBox(this);
    m_map = makePlot(this, &m_mapScale);
    enableSelection(m_map, Plot::Map);
    auto* mapPage = new QWidget(this);
    auto* mapLayout = new QVBoxLayout(mapPage);
    auto* mapBar = new QHBoxLayout;
    mapBar->addWidget(new QLabel(tr("x"), this));
    mapBar->addWidget(m_mapX, 1);
    mapBar->addWidget(new QLabel(tr("y"), this));
    mapBar->addWidget(m_mapY, 1);
    mapBar->addWidget(new QLabel(tr("colour"), this));
    mapBar->addWidget(m_mapColour, 1);
    m_view2D = new QToolButton(this);
    m_view2D->setText(tr("2D map"));
    m_view2D->setToolTip(tr("One dot per configuration"));
    m_view3D = new QToolButton(this);
    m_view3D->setText(tr("3D surface"));
    m_view3D->setToolTip(tr("The colour value as a surface over the two axes, configurations "
                            "averaged per cell, with the stability bound on the floor"));
    auto* viewGroup = new QButtonGroup(this);
    for (auto* button : {m_view2D, m_view3D}) {
        button->setCheckable(true);
        button->setAutoRaise(true);
        viewGroup->addButton(button);
        mapBar->addWidget(button);
    }
    m_view2D->setChecked(true);
    m_surface = new SurfaceView(this);
    m_surface->setOriginMarkerVisible(false);
    connect(m_surface, &SurfaceView::exportRequested, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export 3D map"), QString(),
                                                          tr("PNG image (*.png)"));
        QString error;
        if (!path.isEmpty() && !m_surface->exportPng(path, &error))
            emit errorReported(error);
    });
    m_surfaceNote = new QLabel(this);
    m_surfaceNote->setWordWrap(true);
    auto* surfacePage = new QWidget(this);
    auto* surfaceLayout = new QVBoxLayout(surfacePage);
    surfaceLayout->setContentsMargins(0, 0, 0, 0);
    surfaceLayout->addWidget(m_surface, 1);
    surfaceLayout->addWidget(m_surfaceNote);
    m_mapStack = new QStackedWidget(this);
    m_mapStack->addWidget(m_map);
    m_mapStack->addWidget(surfacePage);
    connect(m_view3D, &QToolButton::toggled, this, [this](bool on) {
        m_mapStack->setCurrentIndex(on ? 1 : 0);
    });
    mapLayout->addLayout(mapBar);
    mapLayout->addWidget(m_mapStack, 1);
    for (auto* box : {m_mapX, m_mapY, m_mapColour})
        connect(box, &QComboBox::currentIndexChanged, this, &StudyPanel::redrawMap);

    // PCA.
    m_pcaColour = new QComboBox(this);
    m_pca = makePlot(this, &m_pcaScale);
    enableSelection(m_pca, Plot::Pca);
    auto* pcaPage = new QWidget(this);
    auto* pcaLayout = new QVBoxLayout(pcaPage);
    auto* pcaBar = new QHBoxLayout;
    pcaBar->addWidget(new QLabel(tr("colour"), this));
    pcaBar->addWidget(m_pcaColour, 1);
    pcaBar->addStretch(1);
    pcaLayout->addLayout(pcaBar);
    pcaLayout->addWidget(m_pca, 1);
    connect(m_pcaColour, &QComboBox::currentIndexChanged, this, &StudyPanel::redrawPca);

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
    m_tabs->addTab(m_ranking, tr("Ranking"));
    m_tabs->addTab(mapPage, tr("Curvature map"));
    m_tabs->addTab(pcaPage, tr("PCA of configurations"));
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

    refreshChoices();
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
    refreshChoices();
    refreshRanking();
    redrawMap();
    redrawPca();
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
    refreshChoices();
    refreshRanking();
    redrawMap();
    redrawPca();
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

std::vector<const RankedConfiguration*> StudyPanel::probedRows() const
{
    std::vector<const RankedConfiguration*> rows;
    for (const auto& [id, row] : m_rows)
        rows.push_back(&row);
    return rows;
}

void StudyPanel::refreshChoices()
{
    std::set<std::string> features;
    for (const auto& [id, row] : m_rows)
        for (const auto& [name, value] : row.record.features)
            features.insert(name);
    QStringList hyper;
    for (const auto& name : hyperparameterNames())
        if (name != "optimizer")
            hyper << QString::fromStdString(name);
    QStringList feat;
    for (const auto& f : features)
        feat << QString::fromStdString(f);
    const QStringList axisKeys = hyper + feat + QStringList{kPredicted, kPromisingness, kOutcome};
    const QStringList colourKeys = feat + QStringList{kPredicted, kPromisingness, kOutcome};

    // Items show labels and carry their keys; the choice survives a refill by key.
    auto refill = [](QComboBox* box, const QStringList& keys, const QString& fallback) {
        const QString key = box->currentData().toString();
        const QString current = key.isEmpty() ? fallback : key;
        const QSignalBlocker block(box);
        box->clear();
        for (const QString& k : keys) {
            box->addItem(keyLabel(k), k);
            box->setItemData(box->count() - 1, k, Qt::ToolTipRole);
        }
        const int i = box->findData(current);
        box->setCurrentIndex(i >= 0 ? i : std::max(0, box->findData(fallback)));
    };
    QString xDefault = QStringLiteral("learning_rate");
    QString yDefault = QStringLiteral("momentum");
    if (m_snapshot) {
        const auto active = m_snapshot->spec.activeParameters();
        if (!active.empty())
            xDefault = QString::fromStdString(active[0]->name);
        yDefault = active.size() > 1 ? QString::fromStdString(active[1]->name)
                                     : QStringLiteral("lambda_max");
    }
    refill(m_mapX, axisKeys, xDefault);
    refill(m_mapY, axisKeys, yDefault);
    refill(m_mapColour, colourKeys, QStringLiteral("lambda_max"));
    refill(m_pcaColour, colourKeys, kPromisingness);
}

void StudyPanel::setMapAxes(const QString& x, const QString& y, const QString& colour)
{
    refreshChoices();
    const QSignalBlocker bx(m_mapX), by(m_mapY), bc(m_mapColour);
    m_mapX->setCurrentIndex(m_mapX->findData(x));
    m_mapY->setCurrentIndex(m_mapY->findData(y));
    if (!colour.isEmpty())
        m_mapColour->setCurrentIndex(m_mapColour->findData(colour));
    redrawMap();
}

void StudyPanel::refreshRanking()
{
    const auto selected = selectedConfigurations();
    m_ranking->setSortingEnabled(false);
    const auto rows = probedRows();
    m_ranking->setRowCount(static_cast<int>(rows.size()));
    int r = 0;
    for (const auto* row : rows) {
        const auto& h = row->record.hyper;
        const auto lambda = row->record.features.find("lambda_max");
        auto* index = new NumberItem(row->record.index);
        index->setData(Qt::UserRole, QVariant::fromValue<qlonglong>(row->record.id));
        auto* status = new QTableWidgetItem(QString::fromStdString(toString(row->record.status)));
        if (!row->record.reason.empty())
            status->setToolTip(withReadableNumbers(row->record.reason));
        QTableWidgetItem* cells[] = {
            index,
            new QTableWidgetItem(QString::fromStdString(toString(h.optimizer))),
            new NumberItem(h.learningRate),
            new NumberItem(h.weightDecay),
            new NumberItem(h.momentum),
            new NumberItem(static_cast<double>(h.batchSize)),
            new NumberItem(h.samRho),
            new NumberItem(h.initScale),
            status,
            new NumberItem(lambda == row->record.features.end() ? kNaN : lambda->second),
            new NumberItem(row->predicted),
            new NumberItem(row->predictedStd, 3),
            new NumberItem(row->promisingness),
            new NumberItem(row->outcome ? *row->outcome : kNaN),
            new NumberItem(row->fullRunCost, 3)};
        for (int c = 0; c < 15; ++c)
            m_ranking->setItem(r, c, cells[c]);
        ++r;
    }
    m_ranking->setSortingEnabled(true);
    selectConfigurations(selected);
}

QString StudyPanel::missingColourNote(const QString& key, const std::vector<double>& values) const
{
    if (values.empty()
        || std::any_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); }))
        return {};
    if (key == kPredicted)
        return tr("Grey: no predicted outcomes yet. The meta-model predicts outcomes once "
                  "configurations have full runs (Train selected / Train next N).");
    if (key == kOutcome)
        return tr("Grey: no measured outcomes yet. Train configurations fully (Train selected / "
                  "Train next N).");
    return tr("Grey: no probed configuration has a value for %1.").arg(keyLabel(key));
}

void StudyPanel::showColourNote(QCustomPlot* plot, const QString& note)
{
    plot->clearItems();
    if (note.isEmpty())
        return;
    auto* text = new QCPItemText(plot);
    text->position->setType(QCPItemPosition::ptAxisRectRatio);
    text->position->setCoords(0.5, 0.04);
    text->setPositionAlignment(Qt::AlignTop | Qt::AlignHCenter);
    text->setText(note);
    text->setPadding(QMargins(6, 4, 6, 4));
    text->setBrush(QColor(255, 255, 255, 220));
    text->setPen(QPen(QColor(150, 150, 150)));
}

void StudyPanel::redrawMap()
{
    m_map->clearGraphs();
    m_map->clearPlottables();
    m_mapHighlight = nullptr;
    m_mapDots.clear();
    m_mapPoints = 0;
    m_boundaryShown = false;
    const QString xKey = m_mapX->currentData().toString();
    const QString yKey = m_mapY->currentData().toString();
    const QString cKey = m_mapColour->currentData().toString();
    const auto rows = probedRows();
    std::vector<double> xs, ys, cs;
    std::vector<double> eosX, eosY;
    std::set<double> momenta;
    std::vector<double> lambdas;
    for (const auto* row : rows) {
        xs.push_back(valueOf(*row, xKey));
        ys.push_back(valueOf(*row, yKey));
        cs.push_back(valueOf(*row, cKey));
        momenta.insert(row->record.hyper.momentum);
        const double lambda = valueOf(*row, QStringLiteral("lambda_max"));
        if (std::isfinite(lambda))
            lambdas.push_back(lambda);
        if (valueOf(*row, QStringLiteral("eos_ratio")) > 1.0) {
            eosX.push_back(xs.back());
            eosY.push_back(ys.back());
        }
    }
    const bool logX = wantsLog(xKey, xs), logY = wantsLog(yKey, ys);
    setAxisScale(m_map->xAxis, logX);
    setAxisScale(m_map->yAxis, logY);
    m_map->xAxis->setLabel(axisLabel(keyLabel(xKey), unitOf(xKey)));
    m_map->yAxis->setLabel(axisLabel(keyLabel(yKey), unitOf(yKey)));
    m_mapScale->axis()->setLabel(axisLabel(keyLabel(cKey), unitOf(cKey)));
    m_mapPoints = addColouredPoints(m_map, m_mapScale, xs, ys, cs);
    m_mapColourNote = missingColourNote(cKey, cs);
    showColourNote(m_map, m_mapColourNote);
    for (std::size_t i = 0; i < rows.size(); ++i)
        if (std::isfinite(xs[i]) && std::isfinite(ys[i]))
            m_mapDots.push_back({rows[i]->record.id, xs[i], ys[i]});
    if (!eosX.empty()) { // configurations past the edge of stability: red rings
        auto* past = m_map->addGraph();
        past->setLineStyle(QCPGraph::lsNone);
        past->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::red, 2),
                                              Qt::NoBrush, 15));
        past->setData(QVector<double>(eosX.begin(), eosX.end()),
                      QVector<double>(eosY.begin(), eosY.end()));
        past->setName(tr("past 2/lr bound (lr·λmax > 2+2β)"));
    }
    m_map->rescaleAxes();
    m_map->xAxis->scaleRange(1.25, m_map->xAxis->range().center());
    m_map->yAxis->scaleRange(1.25, m_map->yAxis->range().center());

    // The edge of stability of gradient descent with momentum β: λmax = (2 + 2β)/lr.
    double medianLambda = kNaN;
    if (!lambdas.empty()) {
        std::nth_element(lambdas.begin(), lambdas.begin() + lambdas.size() / 2, lambdas.end());
        medianLambda = lambdas[lambdas.size() / 2];
    }
    if (m_mapPoints > 0) {
        if (xKey == QLatin1String("learning_rate") && yKey == QLatin1String("lambda_max")) {
            // The bound is often an order of magnitude above the estimates: a log axis that
            // spans both shows how far from the edge each configuration is.
            const QCPRange xr = m_map->xAxis->range();
            const QCPRange yr = m_map->yAxis->range();
            const double lowBound = 2.0 / xr.upper;
            const double highBound = (2.0 + 2.0 * *momenta.rbegin()) / xr.lower;
            if (yr.lower > 0.0 && xr.lower > 0.0) {
                setAxisScale(m_map->yAxis, true);
                m_map->yAxis->setRange(std::min(yr.lower, lowBound) / 1.5,
                                       std::max(yr.upper, highBound) * 1.5);
            }
        }
        const QCPRange xr = m_map->xAxis->range();
        const QCPRange yr = m_map->yAxis->range();
        const auto curves = stabilityCurves(
            xKey.toStdString(), yKey.toStdString(), momenta, medianLambda, xr.lower, xr.upper,
            yr.lower, yr.upper, m_map->xAxis->scaleType() == QCPAxis::stLogarithmic,
            m_map->yAxis->scaleType() == QCPAxis::stLogarithmic);
        for (const auto& c : curves) {
            auto* curve = new QCPCurve(m_map->xAxis, m_map->yAxis);
            curve->setData(QVector<double>(c.x.begin(), c.x.end()),
                           QVector<double>(c.y.begin(), c.y.end()));
            const bool dashed = c.kind == StabilityCurve::Kind::RateOverLambda || c.beta > 0.0;
            curve->setPen(QPen(QColor(200, 0, 0), 1.5, dashed ? Qt::DashLine : Qt::SolidLine));
            switch (c.kind) {
            case StabilityCurve::Kind::LambdaOverRate:
                curve->setName(c.beta > 0.0 ? tr("λ = (2+2β)/lr, β = %1").arg(c.beta)
                                            : tr("λ = 2/lr"));
                break;
            case StabilityCurve::Kind::RateOverLambda:
                curve->setName(
                    tr("lr = (2+2β)/λmax at the median λmax %1").arg(c.lambda, 0, 'g', 3));
                break;
            case StabilityCurve::Kind::RateTimesLambda: curve->setName(tr("lr·λmax = 2")); break;
            }
            m_boundaryShown = true;
        }
    }
    bool anyNamed = false;
    for (int i = 0; i < m_map->plottableCount(); ++i) {
        auto* p = m_map->plottable(i);
        if (!p->property("borehole-point").toBool() && !p->name().isEmpty()) {
            p->addToLegend();
            anyNamed = true;
        } else {
            p->removeFromLegend();
        }
    }
    m_map->legend->setVisible(anyNamed);
    showSelectedDots(); // replots
    redrawSurface(xs, ys, cs, logX, logY, momenta, medianLambda);
}

void StudyPanel::redrawSurface(const std::vector<double>& xs, const std::vector<double>& ys,
                               const std::vector<double>& cs, bool logX, bool logY,
                               const std::set<double>& momenta, double medianLambda)
{
    const QString xKey = m_mapX->currentData().toString();
    const QString yKey = m_mapY->currentData().toString();
    const QString cKey = m_mapColour->currentData().toString();
    Grid2D grid = studyMapGrid(xs, ys, cs, keyLabel(xKey).toStdString(),
                               keyLabel(yKey).toStdString(), keyLabel(cKey).toStdString(), logX,
                               logY);
    if (grid.nx() < 2 || grid.ny() < 2) {
        m_surface->setFloorLines({});
        m_surface->clear();
        m_surfaceNote->setText(
            tr("The 3D surface needs configurations with a value at two or more distinct "
               "values on each axis."));
        return;
    }
    // Log axes are shown as log10 values; their unit is in the title already.
    if (!logX)
        grid.x.unit = unitOf(xKey).toStdString();
    if (!logY)
        grid.y.unit = unitOf(yKey).toStdString();
    const double x0 = grid.x.values.front(), x1 = grid.x.values.back();
    const double y0 = grid.y.values.front(), y1 = grid.y.values.back();
    auto data = [](double v, bool log) { return log ? std::pow(10.0, v) : v; };
    const auto curves = stabilityCurves(xKey.toStdString(), yKey.toStdString(), momenta,
                                        medianLambda, data(x0, logX), data(x1, logX),
                                        data(y0, logY), data(y1, logY), logX, logY, 400);
    std::vector<std::vector<std::pair<double, double>>> lines;
    for (const auto& c : curves) {
        auto line = clipCurve(c, x0, x1, y0, y1, logX, logY);
        if (!line.empty())
            lines.push_back(std::move(line));
    }
    m_surface->setFloorLines(lines);
    m_surface->setGrid(grid);

    const auto filled = std::count(grid.evaluated.begin(), grid.evaluated.end(), 1);
    QStringList note;
    note << tr("%1 × %2 cells; each shows the mean %3 of the configurations in it (the other "
               "hyperparameters averaged over); %n empty cell(s) interpolated.",
               nullptr, static_cast<int>(grid.values.size()) - static_cast<int>(filled))
                .arg(grid.nx())
                .arg(grid.ny())
                .arg(keyLabel(cKey));
    if (curves.empty())
        note << tr("The stability bound is drawn for learning rate against λmax, momentum or "
                   "lr·λmax.");
    else if (lines.empty())
        note << tr("The stability bound lies outside the plotted range.");
    else
        note << tr("Red on the floor: the stability bound (2+2β)/lr.");
    m_surfaceNote->setText(note.join(QLatin1Char(' ')));
}

void StudyPanel::setMapView3D(bool on)
{
    (on ? m_view3D : m_view2D)->setChecked(true);
}

bool StudyPanel::mapView3D() const
{
    return m_view3D->isChecked();
}

QString StudyPanel::surfaceNote() const
{
    return m_surfaceNote->text();
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
    c.rungComparisons = m_snapshot->rungComparisons;
    c.rungs = m_snapshot->rungs;
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
    const QString x = keyLabel(m_mapX->currentData().toString()),
                  y = keyLabel(m_mapY->currentData().toString()),
                  colour = keyLabel(m_mapColour->currentData().toString());
    c.figures.push_back({tr("Curvature map: %1 against %2").arg(y, x),
                         tr("One dot per configuration, coloured by %1; red: the stability bound "
                            "and configurations past it.")
                             .arg(colour),
                         m_map->toPixmap(900, 600).toImage()});
    StudyReportFigure surface{tr("3D surface: %1 over %2 and %3").arg(colour, x, y),
                              m_surfaceNote->text(), QImage()};
    if (m_surface->hasData())
        surface.image = m_surface->renderImage();
    if (surface.image.isNull())
        surface.caption = tr("No 3D surface: %1").arg(m_surfaceNote->text());
    c.figures.push_back(surface);
    if (m_pcaPoints > 0)
        c.figures.push_back({tr("PCA of configurations"),
                             tr("Meta-model inputs on two principal components, coloured by %1.")
                                 .arg(keyLabel(m_pcaColour->currentData().toString())),
                             m_pca->toPixmap(900, 600).toImage()});
    return QFileInfo(path).suffix().compare(QLatin1String("pdf"), Qt::CaseInsensitive) == 0
               ? writeStudyReportPdf(path, c, error)
               : writeStudyReportHtml(path, c, error);
}

void StudyPanel::redrawPca()
{
    m_pca->clearPlottables();
    m_pcaHighlight = nullptr;
    m_pcaDots.clear();
    m_pcaPoints = 0;
    std::vector<ConfigurationRecord> done;
    std::vector<const RankedConfiguration*> rows;
    for (const auto* row : probedRows())
        if (row->record.status == RunStatus::Done) {
            done.push_back(row->record);
            rows.push_back(row);
        }
    if (done.size() >= 2) {
        const auto names = metaModelInputNames(done);
        const std::size_t dims = names.size();
        std::vector<double> table;
        table.reserve(done.size() * dims);
        for (const auto& record : done)
            for (double v : metaModelInput(record, names))
                table.push_back(v);
        // Missing features take the column mean, so one NaN does not drop a configuration.
        for (std::size_t d = 0; d < dims; ++d) {
            double sum = 0.0;
            int n = 0;
            for (std::size_t r = 0; r < done.size(); ++r)
                if (std::isfinite(table[r * dims + d])) {
                    sum += table[r * dims + d];
                    ++n;
                }
            for (std::size_t r = 0; r < done.size(); ++r)
                if (!std::isfinite(table[r * dims + d]))
                    table[r * dims + d] = n > 0 ? sum / n : 0.0;
        }
        const auto pca = principalComponents(table, done.size(), dims, 2);
        if (pca.components == 2) {
            std::vector<double> xs, ys, cs;
            const QString cKey = m_pcaColour->currentData().toString();
            for (std::size_t r = 0; r < done.size(); ++r) {
                xs.push_back(pca.score(r, 0));
                ys.push_back(pca.score(r, 1));
                cs.push_back(valueOf(*rows[r], cKey));
            }
            m_pcaPoints = addColouredPoints(m_pca, m_pcaScale, xs, ys, cs);
            showColourNote(m_pca, missingColourNote(cKey, cs));
            for (std::size_t r = 0; r < rows.size(); ++r)
                if (std::isfinite(xs[r]) && std::isfinite(ys[r]))
                    m_pcaDots.push_back({rows[r]->record.id, xs[r], ys[r]});
            m_pca->xAxis->setLabel(
                tr("PC1 (%1 % of variance)").arg(100.0 * pca.explainedVariance[0], 0, 'f', 0));
            m_pca->yAxis->setLabel(
                tr("PC2 (%1 % of variance)").arg(100.0 * pca.explainedVariance[1], 0, 'f', 0));
            m_pcaScale->axis()->setLabel(axisLabel(keyLabel(cKey), unitOf(cKey)));
            m_pca->rescaleAxes();
            m_pca->xAxis->scaleRange(1.2, m_pca->xAxis->range().center());
            m_pca->yAxis->scaleRange(1.2, m_pca->yAxis->range().center());
        }
    }
    showSelectedDots(); // replots
}

void StudyPanel::enableSelection(QCustomPlot* plot, Plot which)
{
    // Drag: a rectangle selects the dots inside (Shift adds); a click selects the nearest dot.
    plot->setSelectionRectMode(QCP::srmCustom);
    plot->selectionRect()->setPen(QPen(Qt::black, 1, Qt::DashLine));
    plot->setToolTip(tr("Drag a rectangle to select configurations, click a dot to select one; "
                        "Shift adds to the selection"));
    // QCustomPlot cancels the rectangle of a click (press and release at one spot).
    auto pressedAt = std::make_shared<QPointF>();
    connect(plot, &QCustomPlot::mousePress, this,
            [pressedAt](QMouseEvent* event) { *pressedAt = event->position(); });
    connect(plot, &QCustomPlot::mouseRelease, this, [this, which, pressedAt](QMouseEvent* event) {
        if (event->button() == Qt::LeftButton
            && (event->position() - *pressedAt).manhattanLength() < 4)
            selectNearestInPlot(which, event->position(),
                                event->modifiers() & Qt::ShiftModifier);
    });
    connect(plot->selectionRect(), &QCPSelectionRect::accepted, this,
            [this, plot, which](const QRect& rect, QMouseEvent* event) {
                const bool add = event && (event->modifiers() & Qt::ShiftModifier);
                selectInPlot(which, plot->xAxis->pixelToCoord(rect.left()),
                             plot->xAxis->pixelToCoord(rect.right()),
                             plot->yAxis->pixelToCoord(rect.top()),
                             plot->yAxis->pixelToCoord(rect.bottom()), add);
            });
}

int StudyPanel::selectInPlot(Plot plot, double x0, double x1, double y0, double y1, bool add)
{
    const auto& dots = plot == Plot::Map ? m_mapDots : m_pcaDots;
    std::vector<std::int64_t> ids = add ? selectedConfigurations() : std::vector<std::int64_t>{};
    int inside = 0;
    for (const Dot& d : dots)
        if (d.x >= std::min(x0, x1) && d.x <= std::max(x0, x1) && d.y >= std::min(y0, y1)
            && d.y <= std::max(y0, y1)) {
            ids.push_back(d.id);
            ++inside;
        }
    selectConfigurations(ids);
    return inside;
}

bool StudyPanel::selectNearestInPlot(Plot plot, const QPointF& pixel, bool add)
{
    const QCustomPlot* p = plot == Plot::Map ? m_map : m_pca;
    const auto& dots = plot == Plot::Map ? m_mapDots : m_pcaDots;
    const Dot* nearest = nullptr;
    double best = 12.0 * 12.0;
    for (const Dot& d : dots) {
        const double dx = p->xAxis->coordToPixel(d.x) - pixel.x();
        const double dy = p->yAxis->coordToPixel(d.y) - pixel.y();
        if (dx * dx + dy * dy <= best) {
            best = dx * dx + dy * dy;
            nearest = &d;
        }
    }
    if (!nearest)
        return false;
    std::vector<std::int64_t> ids = add ? selectedConfigurations() : std::vector<std::int64_t>{};
    ids.push_back(nearest->id);
    selectConfigurations(ids);
    return true;
}

void StudyPanel::showSelectedDots()
{
    if (!m_map || !m_pca)
        return;
    std::set<std::int64_t> selected;
    for (const auto& index : m_ranking->selectionModel()->selectedRows(0))
        selected.insert(m_ranking->item(index.row(), 0)->data(Qt::UserRole).toLongLong());
    auto show = [&](QCustomPlot* plot, QCPGraph*& ring, const std::vector<Dot>& dots) {
        if (!ring) {
            ring = plot->addGraph();
            ring->setLineStyle(QCPGraph::lsNone);
            ring->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle,
                                                  QPen(QColor(230, 40, 40), 2.5), Qt::NoBrush, 16));
            ring->removeFromLegend();
            ring->setProperty("borehole-point", true);
        }
        QVector<double> xs, ys;
        for (const Dot& d : dots)
            if (selected.count(d.id)) {
                xs.push_back(d.x);
                ys.push_back(d.y);
            }
        ring->setData(xs, ys);
        plot->replot(QCustomPlot::rpQueuedReplot);
    };
    show(m_map, m_mapHighlight, m_mapDots);
    show(m_pca, m_pcaHighlight, m_pcaDots);
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
    m_ranking->clearSelection();
    const std::set<std::int64_t> wanted(ids.begin(), ids.end());
    const auto mode = m_ranking->selectionMode();
    m_ranking->setSelectionMode(QAbstractItemView::MultiSelection);
    for (int r = 0; r < m_ranking->rowCount(); ++r)
        if (wanted.count(m_ranking->item(r, 0)->data(Qt::UserRole).toLongLong()))
            m_ranking->selectRow(r);
    m_ranking->setSelectionMode(mode);
}

std::vector<std::int64_t> StudyPanel::selectedConfigurations() const
{
    std::vector<std::int64_t> ids;
    const QTableWidget* table =
        m_tabs->currentIndex() == TargetTab && m_targets->selectionModel()->hasSelection()
            ? m_targets
            : m_ranking;
    for (const auto& index : table->selectionModel()->selectedRows(0))
        ids.push_back(table->item(index.row(), 0)->data(Qt::UserRole).toLongLong());
    return ids;
}

bool StudyPanel::exportTrials(const QString& path, QString* error) const
{
    if (!m_snapshot) {
        if (error)
            *error = tr("Run or open a study first.");
        return false;
    }
    return writeTextAtomically(path, QString::fromStdString(studyTrialsCsv(m_snapshot->ranking.rows)),
                               error);
}

bool StudyPanel::exportSelection(const QString& path, QString* error) const
{
    auto ids = selectedConfigurations();
    if (ids.empty() && m_ranking->rowCount() > 0)
        ids.push_back(m_ranking->item(0, 0)->data(Qt::UserRole).toLongLong());
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
