#include "studydashboard.h"

#include "studyreport.h"

#include "colormap.h"
#include "plotstyle.h"

#include <borehole/meta_model.h>

#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace borehole {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QCustomPlot* makeDashboardPlot(QWidget* parent)
{
    auto* plot = new QCustomPlot(parent);
    applyPlotStyle(plot);
    plot->setMinimumHeight(140);
    return plot;
}

// The axis of a hyperparameter that varies in the spec, with its scale.
struct Axis
{
    QString key;
    QString label;
    bool log = false;
};

} // namespace

double hyperparameterValue(const Hyperparameters& h, const std::string& name)
{
    if (name == "learning_rate")
        return h.learningRate;
    if (name == "weight_decay")
        return h.weightDecay;
    if (name == "momentum")
        return h.momentum;
    if (name == "batch_size")
        return static_cast<double>(h.batchSize);
    if (name == "optimizer")
        return static_cast<double>(static_cast<int>(h.optimizer));
    if (name == "sam_rho")
        return h.samRho;
    if (name == "init_scale")
        return h.initScale;
    return kNaN;
}

StudyDashboard::StudyDashboard(QWidget* parent) : QWidget(parent)
{
    m_history = makeDashboardPlot(this);
    m_history->xAxis->setLabel(tr("Full runs, in the order they finished"));
    m_parallel = makeDashboardPlot(this);
    m_importancePlot = makeDashboardPlot(this);
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* split = new QSplitter(Qt::Vertical, this);
    auto* top = new QSplitter(Qt::Horizontal, split);
    top->addWidget(m_history);
    top->addWidget(m_importancePlot);
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 2);
    split->addWidget(top);
    split->addWidget(m_parallel);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_note);
    layout->addWidget(split, 1);
    clear();
}

void StudyDashboard::clear()
{
    for (QCustomPlot* p : {m_history, m_parallel, m_importancePlot}) {
        p->clearGraphs();
        p->clearPlottables();
        p->clearItems();
        p->replot();
    }
    m_historyPoints = 0;
    m_bestSoFar.clear();
    m_parallelLines = 0;
    m_parallelAxes.clear();
    m_importance.clear();
    m_baselines.clear();
    m_notes = {tr("Open or run a study: its history, parameter importance and parallel "
                  "coordinates appear here.")};
    m_note->setText(m_notes.join(QLatin1Char('\n')));
}

QString StudyDashboard::note() const
{
    return m_notes.join(QLatin1Char('\n'));
}

void StudyDashboard::setSnapshot(const StudySnapshot& s)
{
    clear();
    m_notes.clear();
    drawHistory(s);
    drawImportance(s);
    drawParallel(s);
    // The pick against the baselines on the recorded curves, as the study report says it.
    m_baselines.clear();
    if (!s.fullRuns.empty())
        for (const auto& line : baselineReplayLines(replayBaselines(s.spec, s.fullRuns),
                                                    configurationIndices(s.ranking),
                                                    studyReportTranslator()))
            m_baselines << QString::fromStdString(line);
    m_note->setText((m_notes + m_baselines).join(QLatin1Char('\n')));
}

void StudyDashboard::drawHistory(const StudySnapshot& s)
{
    std::vector<const FullRunRecord*> runs;
    for (const auto& r : s.fullRuns)
        if (r.status == RunStatus::Done && std::isfinite(r.outcome))
            runs.push_back(&r);
    std::stable_sort(runs.begin(), runs.end(),
                     [](auto a, auto b) { return a->finishedAt < b->finishedAt; });
    const bool higher = higherIsBetter(s.spec.metric);
    const QString metric = QString::fromStdString(toString(s.spec.metric));
    m_history->yAxis->setLabel(tr("Measured %1").arg(metric));
    QVector<double> x, y, bx, by;
    double best = kNaN;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const double v = runs[i]->outcome;
        best = !std::isfinite(best) ? v : higher ? std::max(best, v) : std::min(best, v);
        x << static_cast<double>(i + 1);
        y << v;
        bx << static_cast<double>(i + 1);
        by << best;
        m_bestSoFar.push_back(best);
    }
    m_historyPoints = static_cast<int>(runs.size());
    auto* dots = m_history->addGraph();
    dots->setLineStyle(QCPGraph::lsNone);
    dots->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QColor(40, 90, 160), 7));
    dots->setData(x, y);
    dots->setName(tr("run"));
    auto* line = m_history->addGraph();
    line->setLineStyle(QCPGraph::lsStepLeft);
    line->setPen(QPen(QColor(200, 60, 40), 2));
    line->setData(bx, by);
    line->setName(tr("best so far"));
    m_history->legend->setVisible(!runs.empty());
    m_history->rescaleAxes();
    if (!runs.empty()) {
        m_history->xAxis->setRange(0.5, static_cast<double>(runs.size()) + 0.5);
        m_history->yAxis->scaleRange(1.15, m_history->yAxis->range().center());
    }
    m_history->replot();
    m_notes << (runs.empty()
                    ? tr("History: no full run has finished yet (Train selected / Train next N).")
                    : tr("History: %1 full runs; best %2 %3.")
                          .arg(runs.size())
                          .arg(metric)
                          .arg(best, 0, 'g', 5));
}

void StudyDashboard::drawImportance(const StudySnapshot& s)
{
    std::vector<const RankedConfiguration*> rows;
    for (const auto& row : s.ranking.rows)
        if (row.record.status == RunStatus::Done && std::isfinite(row.promisingness))
            rows.push_back(&row);
    std::vector<double> score;
    for (const auto* row : rows)
        score.push_back(row->promisingness);
    for (const auto& range : s.spec.parameters) {
        if (!range.active())
            continue;
        std::vector<double> values, scores;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const double v = hyperparameterValue(rows[i]->record.hyper, range.name);
            if (std::isfinite(v)) {
                values.push_back(v);
                scores.push_back(score[i]);
            }
        }
        // Core's rank correlation (meta_model.h): a log scale changes no rank.
        const double rho = values.size() >= 3 ? spearman(values, scores) : kNaN;
        if (std::isfinite(rho))
            m_importance.emplace_back(QString::fromStdString(range.name), std::abs(rho));
    }
    std::stable_sort(m_importance.begin(), m_importance.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    auto* bars = new QCPBars(m_importancePlot->yAxis, m_importancePlot->xAxis);
    QVector<double> ticks, values;
    QVector<QString> labels;
    for (std::size_t i = 0; i < m_importance.size(); ++i) {
        ticks << static_cast<double>(m_importance.size() - i);
        values << m_importance[i].second;
        labels << m_importance[i].first;
    }
    bars->setData(ticks, values);
    bars->setBrush(QColor(40, 90, 160, 170));
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    ticker->setTicks(ticks, labels);
    m_importancePlot->yAxis->setTicker(ticker);
    m_importancePlot->yAxis->setRange(0.3, static_cast<double>(m_importance.size()) + 0.7);
    m_importancePlot->xAxis->setRange(0.0, 1.05);
    m_importancePlot->xAxis->setLabel(tr("|Spearman ρ| with promisingness"));
    m_importancePlot->replot();
    if (m_importance.empty())
        m_notes << tr("Importance: needs at least 3 probed configurations and a hyperparameter "
                      "that varies.");
    else
        m_notes << tr("Importance: how strongly each varying hyperparameter orders the "
                      "meta-model's promisingness over %1 probed configurations (rank "
                      "correlation; not causal).")
                       .arg(rows.size());
}

void StudyDashboard::drawParallel(const StudySnapshot& s)
{
    std::vector<Axis> axes;
    for (const auto& range : s.spec.parameters)
        if (range.active())
            axes.push_back({QString::fromStdString(range.name), QString::fromStdString(range.name),
                            range.scale == ParameterScale::Log});
    axes.push_back({QStringLiteral("lambda_max"), tr("λmax"), true});
    axes.push_back({QStringLiteral("promisingness"), tr("promisingness"), false});
    axes.push_back({QStringLiteral("measured"), tr("measured"), false});
    std::vector<const RankedConfiguration*> rows;
    for (const auto& row : s.ranking.rows)
        if (row.record.status == RunStatus::Done)
            rows.push_back(&row);
    auto value = [](const RankedConfiguration& row, const Axis& axis) {
        const std::string key = axis.key.toStdString();
        double v = hyperparameterValue(row.record.hyper, key);
        if (key == "lambda_max") {
            v = row.record.feature(key);
        } else if (key == "promisingness") {
            v = row.promisingness;
        } else if (key == "measured") {
            v = row.outcome ? *row.outcome : kNaN;
        }
        if (axis.log)
            v = v > 0.0 ? std::log10(v) : kNaN;
        return v;
    };
    // Each axis spans its own finite range, mapped to [0, 1]; a constant axis sits at ½.
    std::vector<std::pair<double, double>> spans;
    for (const auto& axis : axes) {
        std::vector<double> v;
        for (const auto* row : rows)
            v.push_back(value(*row, axis));
        spans.push_back(finiteRange(v));
    }
    std::vector<double> score;
    for (const auto* row : rows)
        score.push_back(row->promisingness);
    const auto [lo, hi] = finiteRange(score);
    for (const auto* row : rows) {
        auto* curve = new QCPCurve(m_parallel->xAxis, m_parallel->yAxis);
        QVector<double> t, x, y;
        for (std::size_t a = 0; a < axes.size(); ++a) {
            const double v = value(*row, axes[a]);
            if (!std::isfinite(v))
                continue; // the line skips an axis it has no value on
            const auto [min, max] = spans[a];
            t << static_cast<double>(a);
            x << static_cast<double>(a);
            y << (max > min ? (v - min) / (max - min) : 0.5);
        }
        curve->setData(t, x, y);
        const double c = row->promisingness;
        curve->setPen(QPen(std::isfinite(c) ? viridis((c - lo) / (hi - lo)) : QColor(160, 160, 160),
                           1.5));
        ++m_parallelLines;
    }
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (std::size_t a = 0; a < axes.size(); ++a) {
        const auto [min, max] = spans[a];
        const QString range = axes[a].log ? tr("10^%1 … 10^%2") : QStringLiteral("%1 … %2");
        ticker->addTick(static_cast<double>(a),
                        axes[a].label + QLatin1Char('\n')
                            + range.arg(min, 0, 'g', 3).arg(max, 0, 'g', 3));
        m_parallelAxes << axes[a].key;
        auto* line = new QCPItemStraightLine(m_parallel);
        line->point1->setCoords(static_cast<double>(a), 0.0);
        line->point2->setCoords(static_cast<double>(a), 1.0);
        line->setPen(QPen(QColor(120, 120, 120), 1));
    }
    m_parallel->xAxis->setTicker(ticker);
    m_parallel->xAxis->setRange(-0.3, static_cast<double>(axes.size()) - 0.7);
    m_parallel->yAxis->setRange(-0.05, 1.05);
    m_parallel->yAxis->setLabel(tr("each axis from its minimum (0) to its maximum (1)"));
    m_parallel->replot();
    m_notes << (rows.empty() ? tr("Parallel coordinates: no configuration probed yet.")
                             : tr("Parallel coordinates: %1 probed configurations, coloured by "
                                  "promisingness (viridis, yellow = most promising).")
                                   .arg(rows.size()));
}

} // namespace borehole
