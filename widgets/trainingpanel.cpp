#include "trainingpanel.h"

#include "exportutil.h"
#include "plotstyle.h"

#include <borehole/error.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <exception>

namespace borehole {

namespace {

const QColor kRunColours[] = {QColor(31, 119, 180), QColor(214, 39, 40),  QColor(44, 160, 44),
                              QColor(148, 103, 189), QColor(255, 127, 14), QColor(23, 190, 207),
                              QColor(140, 86, 75),  QColor(227, 119, 194)};

QColor runColour(int index)
{
    return kRunColours[index % static_cast<int>(std::size(kRunColours))];
}

QDoubleSpinBox* makeDouble(QWidget* parent, double min, double max, int decimals, double value,
                           double step)
{
    auto* box = new QDoubleSpinBox(parent);
    box->setRange(min, max);
    box->setDecimals(decimals);
    box->setSingleStep(step);
    box->setValue(value);
    return box;
}

QSpinBox* makeInt(QWidget* parent, int min, int max, int value)
{
    auto* box = new QSpinBox(parent);
    box->setRange(min, max);
    box->setValue(value);
    return box;
}

QString formatEta(double seconds)
{
    if (!(seconds >= 0.0) || !std::isfinite(seconds))
        return QStringLiteral("–");
    const int s = static_cast<int>(std::lround(seconds));
    return s >= 60 ? QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'))
                   : QStringLiteral("%1 s").arg(s);
}

} // namespace

TrainingPanel::TrainingPanel(QWidget* parent) : QWidget(parent)
{
    m_runner = new TrainingRunner(this);

    // Problem.
    m_modelPath = new QLineEdit(this);
    m_dataPath = new QLineEdit(this);
    m_target = new QLineEdit(this);
    m_target->setPlaceholderText(tr("last column"));
    m_standardizeTargets = new QCheckBox(tr("Standardize targets"), this);
    auto pathRow = [this](QLineEdit* edit, const QString& filter) {
        auto* row = new QHBoxLayout;
        auto* browse = new QPushButton(QStringLiteral("…"), this);
        browse->setFixedWidth(28);
        connect(browse, &QPushButton::clicked, this, [this, edit, filter] {
            const QString path = QFileDialog::getOpenFileName(this, tr("Open"), edit->text(), filter);
            if (!path.isEmpty())
                edit->setText(path);
        });
        row->addWidget(edit, 1);
        row->addWidget(browse);
        return row;
    };
    auto* problemBox = new QGroupBox(tr("Model and data"), this);
    auto* problemForm = new QFormLayout(problemBox);
    problemForm->addRow(tr("Model"), pathRow(m_modelPath, tr("TorchScript (*.pt *.pth)")));
    problemForm->addRow(tr("Data"), pathRow(m_dataPath, tr("CSV (*.csv)")));
    problemForm->addRow(tr("Target column"), m_target);
    problemForm->addRow(QString(), m_standardizeTargets);

    // Optimizer.
    m_optimizer = new QComboBox(this);
    for (auto kind : {OptimizerKind::Sgd, OptimizerKind::Adam, OptimizerKind::AdamW,
                      OptimizerKind::Sam, OptimizerKind::Guided})
        m_optimizer->addItem(QString::fromStdString(toString(kind)), static_cast<int>(kind));
    m_base = new QComboBox(this);
    for (auto kind : {OptimizerKind::Sgd, OptimizerKind::Adam, OptimizerKind::AdamW})
        m_base->addItem(QString::fromStdString(toString(kind)), static_cast<int>(kind));
    m_base->setToolTip(tr("The optimizer SAM or the guided rate wraps"));
    m_lr = makeDouble(this, 1e-6, 10.0, 6, 1e-2, 1e-3);
    m_momentum = makeDouble(this, 0.0, 0.999, 3, 0.0, 0.05);
    m_nesterov = new QCheckBox(tr("Nesterov"), this);
    m_weightDecay = makeDouble(this, 0.0, 1.0, 6, 0.0, 1e-4);
    m_rho = makeDouble(this, 1e-4, 2.0, 4, 0.05, 0.01);
    m_adaptive = new QCheckBox(tr("Adaptive (ASAM)"), this);
    m_guidedFactor = makeDouble(this, 0.05, 1.99, 2, 0.9, 0.05);
    m_guidedFactor->setToolTip(
        tr("Keep lr ≤ c·B/λmax, B the update rule's stable lr·λmax: 2 for SGD and Adam, "
           "2+2μ with momentum μ, (2+2μ)/(1+2μ) with Nesterov"));
    m_guidedScale = makeDouble(this, 0.01, 1.0, 2, 1.0, 0.05);
    m_guidedScale->setToolTip(
        tr("A further factor s on the cap, e.g. a study's promisingness score (1: off)"));
    m_guidedEvery = makeInt(this, 1, 100000, 10);
    auto* optimizerBox = new QGroupBox(tr("Optimizer"), this);
    auto* optimizerForm = new QFormLayout(optimizerBox);
    optimizerForm->addRow(tr("Optimizer"), m_optimizer);
    optimizerForm->addRow(tr("Wraps"), m_base);
    optimizerForm->addRow(tr("Learning rate"), m_lr);
    optimizerForm->addRow(tr("Momentum"), m_momentum);
    optimizerForm->addRow(QString(), m_nesterov);
    optimizerForm->addRow(tr("Weight decay"), m_weightDecay);
    optimizerForm->addRow(tr("SAM ρ"), m_rho);
    optimizerForm->addRow(QString(), m_adaptive);
    optimizerForm->addRow(tr("Guided factor c"), m_guidedFactor);
    optimizerForm->addRow(tr("Guided scale s"), m_guidedScale);
    optimizerForm->addRow(tr("Estimate λmax every"), m_guidedEvery);

    // Schedule.
    m_steps = makeInt(this, 0, 100000000, 200);
    m_steps->setSpecialValueText(tr("from epochs"));
    m_epochs = makeInt(this, 1, 100000, 10);
    m_batch = makeInt(this, 0, 10000000, 32);
    m_batch->setSpecialValueText(tr("full batch"));
    m_validateEvery = makeInt(this, 0, 1000000, 10);
    m_validateEvery->setSpecialValueText(tr("only at the end"));
    m_seed = makeInt(this, 0, 2147483647, 0);
    auto* scheduleBox = new QGroupBox(tr("Schedule"), this);
    auto* scheduleForm = new QFormLayout(scheduleBox);
    scheduleForm->addRow(tr("Steps"), m_steps);
    scheduleForm->addRow(tr("Epochs"), m_epochs);
    scheduleForm->addRow(tr("Batch size"), m_batch);
    scheduleForm->addRow(tr("Validate every"), m_validateEvery);
    scheduleForm->addRow(tr("Seed"), m_seed);

    // Actions.
    m_run = new QPushButton(tr("Train"), this);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_clear = new QPushButton(tr("Clear runs"), this);
    m_exportModel = new QPushButton(tr("Export model…"), this);
    m_exportJson = new QPushButton(tr("Export run JSON…"), this);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_status = new QLabel(tr("Ready."), this);
    m_status->setWordWrap(true);
    auto* buttons = new QGridLayout;
    buttons->addWidget(m_run, 0, 0);
    buttons->addWidget(m_cancel, 0, 1);
    buttons->addWidget(m_clear, 1, 0);
    buttons->addWidget(m_exportModel, 2, 0);
    buttons->addWidget(m_exportJson, 2, 1);

    // The settings scroll; the buttons, progress and status below them stay in view. Unscrolled,
    // the three groups asked for ~1,200 px of height and pushed the window off the screen.
    auto* groups = new QWidget;
    auto* groupsLayout = new QVBoxLayout(groups);
    groupsLayout->setContentsMargins(0, 0, 0, 0);
    groupsLayout->addWidget(problemBox);
    groupsLayout->addWidget(optimizerBox);
    groupsLayout->addWidget(scheduleBox);
    groupsLayout->addStretch(1);
    auto* groupsScroll = new QScrollArea(this);
    groupsScroll->setObjectName(QStringLiteral("trainingSettingsScroll"));
    groupsScroll->setWidget(groups);
    groupsScroll->setWidgetResizable(true);
    groupsScroll->setFrameShape(QFrame::NoFrame);
    groupsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    groupsScroll->setMinimumWidth(groups->sizeHint().width()
                                  + groupsScroll->verticalScrollBar()->sizeHint().width() + 4);
    groupsScroll->setMinimumHeight(120);
    auto* form = new QWidget(this);
    auto* formLayout = new QVBoxLayout(form);
    formLayout->setContentsMargins(0, 0, 0, 0);
    formLayout->addWidget(groupsScroll, 1);
    formLayout->addLayout(buttons);
    formLayout->addWidget(m_progress);
    formLayout->addWidget(m_status);

    // Plots.
    m_lossPlot = new QCustomPlot(this);
    applyPlotStyle(m_lossPlot);
    m_lossPlot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_lossPlot->xAxis->setLabel(axisLabel(tr("Step"), tr("optimizer steps")));
    m_lossPlot->yAxis->setLabel(axisLabel(tr("Training loss"), tr("loss units")));
    m_lossPlot->yAxis->setScaleType(QCPAxis::stLogarithmic);
    m_lossPlot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    m_lossPlot->yAxis2->setVisible(true);
    m_lossPlot->yAxis2->setLabel(axisLabel(tr("Validation metric"), tr("metric units")));
    m_lossPlot->legend->setVisible(true);
    m_lossPlot->legend->setFont(QFont(font().family(), 8));
    m_lossPlot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);

    m_curvaturePlot = new QCustomPlot(this);
    applyPlotStyle(m_curvaturePlot);
    m_curvaturePlot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_curvaturePlot->xAxis->setLabel(axisLabel(tr("Step"), tr("optimizer steps")));
    m_curvaturePlot->yAxis->setLabel(
        axisLabel(tr("λmax, bound B/lr"), tr("loss / parameter²")));
    m_curvaturePlot->yAxis->setScaleType(QCPAxis::stLogarithmic);
    m_curvaturePlot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    m_curvaturePlot->legend->setVisible(true);
    m_curvaturePlot->legend->setFont(QFont(font().family(), 8));

    m_adjustments = new QTableWidget(0, 5, this);
    m_adjustments->setHorizontalHeaderLabels(
        {tr("Step"), tr("λmax"), tr("Old rate"), tr("New rate"), tr("Reason")});
    m_adjustments->horizontalHeader()->setStretchLastSection(true);
    m_adjustments->verticalHeader()->setVisible(false);
    m_adjustments->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_adjustments->setToolTip(tr("Learning-rate adjustments of the latest guided run"));

    auto* plots = new QSplitter(Qt::Vertical, this);
    plots->addWidget(m_lossPlot);
    plots->addWidget(m_curvaturePlot);
    plots->addWidget(m_adjustments);
    plots->setStretchFactor(0, 3);
    plots->setStretchFactor(1, 3);
    plots->setStretchFactor(2, 1);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(form, 0);
    layout->addWidget(plots, 1);

    connect(m_optimizer, &QComboBox::currentIndexChanged, this,
            &TrainingPanel::updateOptionVisibility);
    connect(m_base, &QComboBox::currentIndexChanged, this, &TrainingPanel::updateOptionVisibility);
    connect(m_run, &QPushButton::clicked, this, [this] { start(); });
    connect(m_cancel, &QPushButton::clicked, this, &TrainingPanel::cancel);
    connect(m_clear, &QPushButton::clicked, this, &TrainingPanel::clearRuns);
    connect(m_exportModel, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export trained model"),
                                                          QString(), tr("TorchScript (*.pt)"));
        QString error;
        if (!path.isEmpty() && !exportModel(path, &error))
            emit errorReported(error);
    });
    connect(m_exportJson, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export run record"), QString(),
                                                          tr("JSON (*.json)"));
        QString error;
        if (!path.isEmpty() && !exportRunJson(path, &error))
            emit errorReported(error);
    });
    connect(m_runner, &TrainingRunner::progress, this, &TrainingPanel::onProgress);
    connect(m_runner, &TrainingRunner::pointsArrived, this, &TrainingPanel::appendLive);
    connect(m_runner, &TrainingRunner::finished, this, &TrainingPanel::onFinished);
    connect(m_runner, &TrainingRunner::failed, this, &TrainingPanel::onFailed);
    connect(m_runner, &TrainingRunner::cancelled, this, &TrainingPanel::onCancelled);

    updateOptionVisibility();
    setRunning(false);
}

TrainingPanel::~TrainingPanel() = default;

void TrainingPanel::setProblem(const QString& modelPath, const QString& dataPath,
                               const DatasetOptions& data, const ProblemOptions& problem,
                               DeviceKind device)
{
    m_modelPath->setText(modelPath);
    m_dataPath->setText(dataPath);
    m_data = data;
    m_problem = problem;
    m_device = device;
    m_target->setText(data.targetColumns.empty()
                          ? QString()
                          : QString::fromStdString(data.targetColumns.front()));
    m_standardizeTargets->setChecked(data.standardizeTargets);
}

QString TrainingPanel::modelPath() const
{
    return m_modelPath->text().trimmed();
}

QString TrainingPanel::dataPath() const
{
    return m_dataPath->text().trimmed();
}

TrainOptions TrainingPanel::options() const
{
    TrainOptions o;
    auto& opt = o.optimizer;
    opt.kind = static_cast<OptimizerKind>(m_optimizer->currentData().toInt());
    const auto base = static_cast<OptimizerKind>(m_base->currentData().toInt());
    opt.samBase = base;
    opt.guidedBase = base;
    opt.learningRate = m_lr->value();
    opt.momentum = m_momentum->value();
    opt.nesterov = m_nesterov->isChecked() && opt.momentum > 0.0;
    opt.weightDecay = m_weightDecay->value();
    opt.samRho = m_rho->value();
    opt.samAdaptive = m_adaptive->isChecked();
    opt.guidedFactor = m_guidedFactor->value();
    opt.guidedScale = m_guidedScale->value();
    opt.guidedEvery = m_guidedEvery->value();
    o.steps = m_steps->value();
    o.epochs = m_epochs->value();
    o.batchSize = m_batch->value();
    o.validateEvery = m_validateEvery->value();
    o.seed = static_cast<std::uint64_t>(m_seed->value());
    o.metric = defaultMetric(m_data.task);
    return o;
}

void TrainingPanel::setOptions(const TrainOptions& o)
{
    const auto& opt = o.optimizer;
    m_optimizer->setCurrentIndex(m_optimizer->findData(static_cast<int>(opt.kind)));
    const auto base = opt.kind == OptimizerKind::Guided ? opt.guidedBase : opt.samBase;
    m_base->setCurrentIndex(std::max(0, m_base->findData(static_cast<int>(base))));
    m_lr->setValue(opt.learningRate);
    m_momentum->setValue(opt.momentum);
    m_nesterov->setChecked(opt.nesterov);
    m_weightDecay->setValue(opt.weightDecay);
    m_rho->setValue(opt.samRho);
    m_adaptive->setChecked(opt.samAdaptive);
    m_guidedFactor->setValue(opt.guidedFactor);
    m_guidedScale->setValue(opt.guidedScale);
    m_guidedEvery->setValue(opt.guidedEvery);
    m_steps->setValue(static_cast<int>(o.steps));
    m_epochs->setValue(o.epochs);
    m_batch->setValue(static_cast<int>(o.batchSize));
    m_validateEvery->setValue(o.validateEvery);
    m_seed->setValue(static_cast<int>(o.seed));
}

TrainingRequest TrainingPanel::request() const
{
    TrainingRequest r;
    r.modelPath = modelPath();
    r.dataPath = dataPath();
    r.data = m_data;
    const QString target = m_target->text().trimmed();
    r.data.targetColumns.clear();
    if (!target.isEmpty())
        r.data.targetColumns = {target.toStdString()};
    r.data.standardizeTargets = m_standardizeTargets->isChecked();
    r.problem = m_problem;
    r.problem.loss = defaultLoss(r.data.task);
    r.options = options();
    r.device = m_device;
    r.label = m_labelOverride.isEmpty() ? runLabel() : m_labelOverride;
    r.initScale = m_initScale;
    return r;
}

QString TrainingPanel::runLabel() const
{
    const auto o = options();
    QString text = QStringLiteral("#%1 %2 lr=%3")
                       .arg(m_runCounter + 1)
                       .arg(QString::fromStdString(toString(o.optimizer.kind)))
                       .arg(o.optimizer.learningRate, 0, 'g', 3);
    if (o.optimizer.momentum > 0.0)
        text += QStringLiteral(" m=%1").arg(o.optimizer.momentum, 0, 'g', 3);
    return text;
}

bool TrainingPanel::start()
{
    if (m_runner->isRunning()) {
        emit errorReported(tr("A training run is already in progress."));
        return false;
    }
    if (modelPath().isEmpty() || dataPath().isEmpty()) {
        const QString text = tr("Choose a model and a data file before training.");
        m_status->setText(text);
        emit errorReported(text);
        return false;
    }
    const TrainingRequest r = request();
    m_initScale = 1.0;
    m_labelOverride.clear();
    if (m_hasLive)
        removeSeries(m_live);
    m_live = addSeries(r.label, m_runCounter, r.options.optimizer);
    m_hasLive = true;
    m_liveCurve.clear();
    m_clock.start();
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_status->setText(tr("Loading %1…").arg(r.modelPath));
    setRunning(true);
    m_runner->start(r);
    return true;
}

bool TrainingPanel::trainConfiguration(const TrainOptions& options, double initScale,
                                       const QString& label)
{
    if (isRunning()) {
        emit errorReported(tr("A training run is already in progress."));
        return false;
    }
    setOptions(options);
    m_initScale = initScale;
    m_labelOverride = QStringLiteral("#%1 %2").arg(m_runCounter + 1).arg(label);
    const bool started = start();
    m_initScale = 1.0;
    m_labelOverride.clear();
    return started;
}

void TrainingPanel::cancel()
{
    m_runner->cancel();
}

bool TrainingPanel::isRunning() const
{
    return m_runner->isRunning();
}

TrainingPanel::Series TrainingPanel::addSeries(const QString& label, int colourIndex,
                                               const OptimizerOptions& optimizer)
{
    const QColor colour = runColour(colourIndex);
    Series s;
    s.loss = m_lossPlot->addGraph(m_lossPlot->xAxis, m_lossPlot->yAxis);
    s.loss->setName(label + tr(" loss"));
    s.loss->setPen(QPen(colour, 1.5));
    s.validation = m_lossPlot->addGraph(m_lossPlot->xAxis, m_lossPlot->yAxis2);
    s.validation->setName(label + tr(" validation"));
    s.validation->setPen(QPen(colour, 1.5, Qt::DashLine));
    s.validation->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
    s.bound = m_curvaturePlot->addGraph();
    s.stableProduct = stableRateCurvatureProduct(optimizer);
    s.bound->setName(label + tr(" %1/lr").arg(s.stableProduct, 0, 'g', 3));
    s.bound->setPen(QPen(colour, 1.5));
    s.bound->setLineStyle(QCPGraph::lsStepLeft);
    s.lambda = m_curvaturePlot->addGraph();
    s.lambda->setName(label + tr(" λmax"));
    s.lambda->setLineStyle(QCPGraph::lsNone);
    s.lambda->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colour, 6));
    return s;
}

void TrainingPanel::removeSeries(const Series& s)
{
    m_lossPlot->removeGraph(s.loss);
    m_lossPlot->removeGraph(s.validation);
    m_curvaturePlot->removeGraph(s.lambda);
    m_curvaturePlot->removeGraph(s.bound);
}

void TrainingPanel::fillSeries(const Series& s, const std::vector<TrainPoint>& curve)
{
    s.loss->data()->clear();
    s.validation->data()->clear();
    s.lambda->data()->clear();
    s.bound->data()->clear();
    for (const auto& p : curve) {
        const auto x = static_cast<double>(p.step);
        if (std::isfinite(p.trainLoss) && p.trainLoss > 0.0)
            s.loss->addData(x, p.trainLoss);
        if (std::isfinite(p.validationMetric))
            s.validation->addData(x, p.validationMetric);
        if (std::isfinite(p.lambdaMax) && p.lambdaMax > 0.0)
            s.lambda->addData(x, p.lambdaMax);
        if (p.learningRate > 0.0)
            s.bound->addData(x, s.stableProduct / p.learningRate);
    }
}

void TrainingPanel::appendLive(const std::vector<TrainPoint>& points)
{
    if (!m_hasLive)
        return;
    for (const auto& p : points) {
        m_liveCurve.push_back(p);
        const auto x = static_cast<double>(p.step);
        if (std::isfinite(p.trainLoss) && p.trainLoss > 0.0)
            m_live.loss->addData(x, p.trainLoss);
        if (std::isfinite(p.lambdaMax) && p.lambdaMax > 0.0)
            m_live.lambda->addData(x, p.lambdaMax);
        if (p.learningRate > 0.0)
            m_live.bound->addData(x, m_live.stableProduct / p.learningRate);
    }
    rescale();
}

void TrainingPanel::rescale(bool immediate)
{
    m_lossPlot->rescaleAxes();
    m_curvaturePlot->rescaleAxes();
    m_curvaturePlot->yAxis->scaleRange(1.3, m_curvaturePlot->yAxis->range().center());
    // Live points arrive at most once per frame already; queued replots merge with paints.
    const auto priority = immediate ? QCustomPlot::rpRefreshHint : QCustomPlot::rpQueuedReplot;
    m_lossPlot->replot(priority);
    m_curvaturePlot->replot(priority);
}

void TrainingPanel::showAdjustments(const std::vector<LrAdjustment>& adjustments)
{
    m_adjustments->setRowCount(static_cast<int>(adjustments.size()));
    for (int i = 0; i < static_cast<int>(adjustments.size()); ++i) {
        const auto& a = adjustments[static_cast<std::size_t>(i)];
        const QString cells[] = {QString::number(a.step), QString::number(a.lambdaMax, 'g', 4),
                                 QString::number(a.oldRate, 'g', 4),
                                 QString::number(a.newRate, 'g', 4),
                                 QString::fromStdString(a.reason)};
        for (int c = 0; c < 5; ++c)
            m_adjustments->setItem(i, c, new QTableWidgetItem(cells[c]));
    }
}

void TrainingPanel::onProgress(int done, int total)
{
    m_progress->setRange(0, std::max(total, 1));
    m_progress->setValue(done);
    const double elapsed = m_clock.elapsed() / 1000.0;
    const double eta = done > 0 ? elapsed * (total - done) / done : -1.0;
    m_status->setText(tr("Step %1 of %2, about %3 left").arg(done).arg(total).arg(formatEta(eta)));
}

void TrainingPanel::onFinished(const TrainingRun& run)
{
    fillSeries(m_live, run.result.curve);
    m_runSeries.push_back(m_live);
    m_hasLive = false;
    m_runs.push_back(run);
    ++m_runCounter;
    showAdjustments(run.result.adjustments);
    m_progress->setRange(0, 1);
    m_progress->setValue(1);
    const auto& r = run.result;
    m_status->setText(tr("%1: %2 after %3 steps in %4 s; final validation %5, loss %6")
                          .arg(run.label, QString::fromStdString(r.stopReason))
                          .arg(r.steps)
                          .arg(r.seconds, 0, 'g', 2)
                          .arg(r.finalValidationMetric, 0, 'g', 4)
                          .arg(r.finalTrainLoss, 0, 'g', 4));
    rescale(true);
    setRunning(false);
    emit runFinished();
}

void TrainingPanel::onFailed(const QString& message)
{
    if (m_hasLive)
        removeSeries(m_live);
    m_hasLive = false;
    m_status->setText(message);
    rescale(true);
    setRunning(false);
    emit errorReported(message);
    emit runFailed(message);
}

void TrainingPanel::onCancelled()
{
    if (m_hasLive)
        removeSeries(m_live);
    m_hasLive = false;
    m_status->setText(tr("Training cancelled."));
    rescale(true);
    setRunning(false);
    emit runCancelled();
}

void TrainingPanel::clearRuns()
{
    for (const auto& s : m_runSeries)
        removeSeries(s);
    m_runSeries.clear();
    m_runs.clear();
    m_adjustments->setRowCount(0);
    rescale(true);
    setRunning(isRunning());
}

bool TrainingPanel::exportModel(const QString& path, QString* error) const
{
    if (m_runs.empty() || !m_runs.back().trainedModel) {
        if (error)
            *error = tr("No finished training run to export.");
        return false;
    }
    try {
        m_runs.back().trainedModel->save(path.toStdString());
        return true;
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromStdString(e.what());
        return false;
    }
}

bool TrainingPanel::exportRunJson(const QString& path, QString* error) const
{
    if (m_runs.empty()) {
        if (error)
            *error = tr("No finished training run to export.");
        return false;
    }
    return writeTextAtomically(path, m_runs.back().runJson, error);
}

QString TrainingPanel::statusText() const
{
    return m_status->text();
}

int TrainingPanel::trainLossPoints() const
{
    const Series* s = m_hasLive ? &m_live : (m_runSeries.empty() ? nullptr : &m_runSeries.back());
    return s ? s->loss->dataCount() : 0;
}

int TrainingPanel::validationPoints() const
{
    const Series* s = m_hasLive ? &m_live : (m_runSeries.empty() ? nullptr : &m_runSeries.back());
    return s ? s->validation->dataCount() : 0;
}

int TrainingPanel::lambdaPoints() const
{
    const Series* s = m_hasLive ? &m_live : (m_runSeries.empty() ? nullptr : &m_runSeries.back());
    return s ? s->lambda->dataCount() : 0;
}

int TrainingPanel::boundPoints() const
{
    const Series* s = m_hasLive ? &m_live : (m_runSeries.empty() ? nullptr : &m_runSeries.back());
    return s ? s->bound->dataCount() : 0;
}

void TrainingPanel::updateOptionVisibility()
{
    const auto kind = static_cast<OptimizerKind>(m_optimizer->currentData().toInt());
    const auto base = static_cast<OptimizerKind>(m_base->currentData().toInt());
    const bool wraps = kind == OptimizerKind::Sam || kind == OptimizerKind::Guided;
    const bool sgd = kind == OptimizerKind::Sgd || (wraps && base == OptimizerKind::Sgd);
    m_base->setEnabled(wraps);
    m_momentum->setEnabled(sgd);
    m_nesterov->setEnabled(sgd);
    m_rho->setEnabled(kind == OptimizerKind::Sam);
    m_adaptive->setEnabled(kind == OptimizerKind::Sam);
    m_guidedFactor->setEnabled(kind == OptimizerKind::Guided);
    m_guidedScale->setEnabled(kind == OptimizerKind::Guided);
    m_guidedEvery->setEnabled(kind == OptimizerKind::Guided);
}

void TrainingPanel::setRunning(bool running)
{
    m_run->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_clear->setEnabled(!m_runs.empty());
    m_exportModel->setEnabled(!running && !m_runs.empty());
    m_exportJson->setEnabled(!running && !m_runs.empty());
}

} // namespace borehole
