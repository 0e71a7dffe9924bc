#include "probecompare.h"

#include "heatmapview.h"
#include "plotstyle.h"

#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

namespace borehole {

namespace {

/// A qualitative palette (Tableau 10) for overlaid probes: the n-th compared
/// probe's colour.
QColor probeColour(std::size_t i)
{
    static const QColor colours[]
        = {QColor(78, 121, 167), QColor(242, 142, 43), QColor(225, 87, 89),   QColor(118, 183, 178),
           QColor(89, 161, 79),  QColor(237, 201, 72), QColor(176, 122, 161), QColor(255, 157, 167),
           QColor(156, 117, 95), QColor(186, 176, 172)};
    return colours[i % (sizeof colours / sizeof colours[0])];
}

QString number(double v)
{
    return std::isfinite(v) ? QString::number(v, 'g', 6) : QStringLiteral("–");
}

QString dash()
{
    return QStringLiteral("–");
}

} // namespace

QString probeLabel(int number, const ProbeReport& report, const QString& time)
{
    return QCoreApplication::translate("ProbeHistory", "#%1 · %2 on %3 · %4")
        .arg(number)
        .arg(QFileInfo(QString::fromStdString(report.model.path)).fileName(),
             QFileInfo(QString::fromStdString(report.data.path)).fileName(), time);
}

std::optional<Grid2D> surfaceDifference(const Grid2D& a, const Grid2D& b, QString* why)
{
    auto say = [&](const QString& text) {
        if (why)
            *why = text;
        return std::nullopt;
    };
    auto axisText = [](const Axis& x) {
        return QStringLiteral("%1 × %2…%3")
            .arg(x.values.size())
            .arg(x.values.front(), 0, 'g', 4)
            .arg(x.values.back(), 0, 'g', 4);
    };
    if (a.values.empty() || b.values.empty())
        return say(QCoreApplication::translate("ProbeHistory", "Both probes need a surface."));
    for (int k = 0; k < 2; ++k) {
        const Axis& x = k == 0 ? a.x : a.y;
        const Axis& y = k == 0 ? b.x : b.y;
        if (x.name != y.name || x.unit != y.unit || x.values != y.values)
            return say(QCoreApplication::translate(
                           "ProbeHistory",
                           "The surfaces lie on different grids (%1 axis: %2 %3 against %4 "
                           "%5): "
                           "probe both with the same resolution and span to subtract them.")
                           .arg(k == 0 ? QStringLiteral("x") : QStringLiteral("y"),
                                QString::fromStdString(x.name), axisText(x),
                                QString::fromStdString(y.name), axisText(y)));
    }
    Grid2D d = a;
    for (std::size_t i = 0; i < d.values.size(); ++i)
        d.values[i] = a.values[i] - b.values[i];
    d.valueName = a.valueName + " (A − B)";
    d.centerValue = a.centerValue - b.centerValue;
    d.curvature.clear();
    d.curvatureName.clear();
    d.standardError.clear();
    if (why)
        why->clear();
    return d;
}

std::vector<CompareRow> compareRows(const std::vector<const ProbeReport*>& reports)
{
    // QT_TRANSLATE_NOOP files the names under the context they are translated in
    // at run time.
    auto text = [](const char* s) { return QCoreApplication::translate("ProbeHistory", s); };
    std::vector<CompareRow> rows;
    auto add = [&](const QString& name, const std::function<QString(const ProbeReport&)>& cell) {
        CompareRow row{name, {}};
        bool any = false;
        for (const ProbeReport* r : reports) {
            const QString c = cell(*r);
            any = any || c != dash();
            row.cells << c;
        }
        if (any)
            rows.push_back(std::move(row));
    };
    add(text(QT_TRANSLATE_NOOP("ProbeHistory", "Model")), [](const ProbeReport& r) {
        return QFileInfo(QString::fromStdString(r.model.path)).fileName();
    });
    add(text(QT_TRANSLATE_NOOP("ProbeHistory", "Data")), [](const ProbeReport& r) {
        return QFileInfo(QString::fromStdString(r.data.path)).fileName();
    });
    add(text(QT_TRANSLATE_NOOP("ProbeHistory", "L(θ)")),
        [](const ProbeReport& r) { return number(r.base.loss); });
    add(text(QT_TRANSLATE_NOOP("ProbeHistory", "‖∇L(θ)‖")),
        [](const ProbeReport& r) { return number(r.base.gradientNorm); });
    add(text(QT_TRANSLATE_NOOP("ProbeHistory", "λmax")), [](const ProbeReport& r) {
        if (r.lanczos)
            return number(r.lanczos->value);
        if (r.power)
            return number(r.power->value);
        if (r.spectrum)
            return number(r.spectrum->lambdaMax);
        return dash();
    });
    add(text(QT_TRANSLATE_NOOP("ProbeHistory", "λmin")),
        [](const ProbeReport& r) { return r.spectrum ? number(r.spectrum->lambdaMin) : dash(); });
    add(text(QT_TRANSLATE_NOOP("ProbeHistory", "Trace")), [](const ProbeReport& r) {
        if (r.trace)
            return r.trace->standardError > 0.0 ? QStringLiteral("%1 ± %2").arg(
                       number(r.trace->estimate), number(r.trace->standardError))
                                                : number(r.trace->estimate);
        if (r.spectrum && r.spectrum->method == "exact")
            return number(r.spectrum->trace);
        return dash();
    });
    for (DirectionKind kind : {DirectionKind::Random, DirectionKind::Gradient, DirectionKind::Pca})
        add(text(QT_TRANSLATE_NOOP("ProbeHistory", "FD curvature, %1 (mean ± sd)"))
                .arg(QString::fromStdString(toString(kind))),
            [kind](const ProbeReport& r) {
                for (const auto& c : r.curvature)
                    if (c.kind == kind)
                        return QStringLiteral("%1 ± %2").arg(number(c.meanNorm), number(c.stdNorm));
                return dash();
            });
    add(text(QT_TRANSLATE_NOOP("ProbeHistory", "Sharpness: mean / worst loss increase")),
        [](const ProbeReport& r) {
            return r.sharpness ? QStringLiteral("%1 / %2").arg(number(r.sharpness->meanIncrease),
                                                               number(r.sharpness->worstIncrease))
                               : dash();
        });
    add(text(QT_TRANSLATE_NOOP("ProbeHistory", "Validation metric")), [](const ProbeReport& r) {
        return r.metricName.empty()
            ? dash()
            : QStringLiteral("%1 %2").arg(QString::fromStdString(r.metricName),
                                          number(r.validationMetric));
    });
    add(text(QT_TRANSLATE_NOOP("ProbeHistory", "Surface: lowest / highest loss")),
        [](const ProbeReport& r) {
            if (!r.surface)
                return dash();
            const auto [lo, hi] = finiteRange(r.surface->values);
            return QStringLiteral("%1 / %2").arg(number(lo), number(hi));
        });
    add(text(QT_TRANSLATE_NOOP("ProbeHistory", "Time [s]")),
        [](const ProbeReport& r) { return number(r.total.seconds); });
    return rows;
}

ProbeHistoryPanel::ProbeHistoryPanel(QWidget* parent) : QWidget(parent)
{
    m_list = new QListWidget(this);
    m_list->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::SelectedClicked);
    m_list->setToolTip(tr("Every probe of this session or workspace. Tick the probes to compare "
                          "(Compare tab); double-click one to show it in the views; F2 renames."));
    auto* show = new QPushButton(tr("Show"), this);
    auto* remove = new QPushButton(tr("Remove"), this);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(show);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    connect(m_list, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { emit showRequested(m_list->row(item)); });
    connect(show, &QPushButton::clicked, this, [this] {
        if (m_list->currentRow() >= 0)
            emit showRequested(m_list->currentRow());
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_list->currentRow() >= 0)
            emit removeRequested(m_list->currentRow());
    });
    connect(m_list, &QListWidget::itemChanged, this, &ProbeHistoryPanel::onItemChanged);
}

void ProbeHistoryPanel::setEntries(const std::vector<ProbeHistoryEntry>& entries, int current)
{
    m_filling = true;
    const int keep = m_list->currentRow();
    m_list->clear();
    for (std::size_t i = 0; i < entries.size(); ++i) {
        auto* item = new QListWidgetItem(entries[i].label, m_list);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable | Qt::ItemIsEditable);
        item->setCheckState(entries[i].compared ? Qt::Checked : Qt::Unchecked);
        QFont f = item->font();
        f.setBold(static_cast<int>(i) == current);
        item->setFont(f);
        if (static_cast<int>(i) == current)
            item->setToolTip(tr("Shown in the views now"));
    }
    if (keep >= 0 && keep < m_list->count())
        m_list->setCurrentRow(keep);
    m_filling = false;
}

void ProbeHistoryPanel::onItemChanged(QListWidgetItem* item)
{
    if (m_filling)
        return;
    const int row = m_list->row(item);
    emit comparedChanged(row, item->checkState() == Qt::Checked);
    emit renamed(row, item->text());
}

CompareView::CompareView(QWidget* parent) : QWidget(parent)
{
    m_table = new QTableWidget(this);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Probe names can be long: columns of a fixed width the user may drag, full name as tooltip.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setDefaultSectionSize(190);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    auto makePlot = [this](const QString& x, const QString& y) {
        auto* plot = new QCustomPlot(this);
        applyPlotStyle(plot);
        plot->xAxis->setLabel(x);
        plot->yAxis->setLabel(y);
        plot->legend->setVisible(true);
        plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
        return plot;
    };
    m_lines = makePlot(tr("α (× direction)"), tr("loss"));
    m_density = makePlot(tr("eigenvalue λ"), tr("spectral density φ(λ)"));
    m_curvature = makePlot(QString(), tr("curvature"));
    {
        auto ticker = QSharedPointer<QCPAxisTickerText>::create();
        ticker->addTick(0, tr("FD random\n‖ΔG‖/ε"));
        ticker->addTick(1, tr("FD gradient\n‖ΔG‖/ε"));
        ticker->addTick(2, tr("FD PCA\n‖ΔG‖/ε"));
        ticker->addTick(3, tr("λmax"));
        m_curvature->xAxis->setTicker(ticker);
        m_curvature->xAxis->setRange(-0.6, 3.6);
        // Top left: λmax, the largest value, sits top right, where a legend would hide it.
        m_curvature->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    }

    auto* difference = new QWidget(this);
    m_a = new QComboBox(difference);
    m_b = new QComboBox(difference);
    m_note = new QLabel(difference);
    m_note->setWordWrap(true);
    m_difference = new HeatmapView(difference);
    auto* choose = new QHBoxLayout;
    choose->addWidget(new QLabel(tr("A:"), difference));
    choose->addWidget(m_a, 1);
    choose->addWidget(new QLabel(tr("minus B:"), difference));
    choose->addWidget(m_b, 1);
    auto* dl = new QVBoxLayout(difference);
    dl->setContentsMargins(0, 0, 0, 0);
    dl->addLayout(choose);
    dl->addWidget(m_note);
    dl->addWidget(m_difference, 1);
    connect(m_a, &QComboBox::currentIndexChanged, this, [this] { redrawDifference(); });
    connect(m_b, &QComboBox::currentIndexChanged, this, [this] { redrawDifference(); });

    m_tabs = new QTabWidget(this);
    m_tabs->addTab(m_curvature, tr("Curvature"));
    m_tabs->addTab(m_lines, tr("1D lines"));
    m_tabs->addTab(m_density, tr("Spectral density"));
    m_tabs->addTab(difference, tr("Surface difference"));
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_tabs);
    split->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);
    clear();
}

void CompareView::clear()
{
    setEntries({});
}

void CompareView::setEntries(const std::vector<ProbeHistoryEntry>& entries)
{
    m_entries.clear();
    for (const auto& e : entries)
        if (e.compared)
            m_entries.push_back(e);
    std::vector<const ProbeReport*> reports;
    for (const auto& e : m_entries)
        reports.push_back(&e.report);

    const auto rows = compareRows(reports);
    m_table->clear();
    m_table->setColumnCount(static_cast<int>(m_entries.size()));
    m_table->setRowCount(static_cast<int>(rows.size()));
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        auto* header = new QTableWidgetItem(m_entries[i].label);
        header->setToolTip(m_entries[i].label);
        header->setForeground(probeColour(i)); // the colour of its curves below
        m_table->setHorizontalHeaderItem(static_cast<int>(i), header);
    }
    for (std::size_t r = 0; r < rows.size(); ++r) {
        m_table->setVerticalHeaderItem(static_cast<int>(r), new QTableWidgetItem(rows[r].name));
        for (int c = 0; c < rows[r].cells.size(); ++c)
            m_table->setItem(static_cast<int>(r), c, new QTableWidgetItem(rows[r].cells[c]));
    }

    m_lines->clearGraphs();
    m_density->clearGraphs();
    m_curvature->clearPlottables();
    const double n = static_cast<double>(m_entries.size());
    bool allPositive = true;
    double top = 0.0;
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        const ProbeReport& r = m_entries[i].report;
        const QPen pen(probeColour(i), 1.8);
        if (r.line && !r.line->values.empty()) {
            QCPGraph* g = m_lines->addGraph();
            g->setName(m_entries[i].label);
            g->setPen(pen);
            g->setData(QVector<double>(r.line->x.values.begin(), r.line->x.values.end()),
                       QVector<double>(r.line->values.begin(), r.line->values.end()), true);
        }
        {
            // Side by side within each category, in the probe's colour: mean ± sd per kind.
            QVector<double> x, y, err;
            const double offset = (static_cast<double>(i) - (n - 1.0) / 2.0) * 0.5 / std::max(1.0, n);
            const DirectionKind kinds[] = {DirectionKind::Random, DirectionKind::Gradient,
                                           DirectionKind::Pca};
            for (int k = 0; k < 3; ++k)
                for (const auto& c : r.curvature)
                    if (c.kind == kinds[k] && std::isfinite(c.meanNorm)) {
                        x << k + offset;
                        y << c.meanNorm;
                        err << (std::isfinite(c.stdNorm) ? c.stdNorm : 0.0);
                    }
            const double lambda = r.lanczos ? r.lanczos->value
                                  : r.power ? r.power->value
                                  : r.spectrum ? r.spectrum->lambdaMax
                                               : std::numeric_limits<double>::quiet_NaN();
            if (std::isfinite(lambda)) {
                x << 3 + offset;
                y << lambda;
                err << 0.0;
            }
            if (!x.isEmpty()) {
                QCPGraph* g = m_curvature->addGraph();
                g->setName(m_entries[i].label);
                g->setLineStyle(QCPGraph::lsNone);
                g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, probeColour(i),
                                                   probeColour(i), 8));
                g->setData(x, y, true);
                auto* bars = new QCPErrorBars(m_curvature->xAxis, m_curvature->yAxis);
                bars->removeFromLegend();
                bars->setDataPlottable(g);
                bars->setData(err);
                bars->setPen(QPen(probeColour(i), 1.4));
                for (int j = 0; j < y.size(); ++j) {
                    allPositive = allPositive && y[j] - err[j] > 0.0;
                    top = std::max(top, y[j] + err[j]);
                }
            }
        }
        if (r.spectrum && !r.spectrum->densityX.empty()) {
            QCPGraph* g = m_density->addGraph();
            g->setName(m_entries[i].label);
            g->setPen(pen);
            g->setData(QVector<double>(r.spectrum->densityX.begin(), r.spectrum->densityX.end()),
                       QVector<double>(r.spectrum->densityY.begin(), r.spectrum->densityY.end()),
                       true);
        }
    }
    for (QCustomPlot* plot : {m_lines, m_density}) {
        plot->legend->setVisible(plot->graphCount() > 0);
        plot->rescaleAxes();
        plot->replot();
    }
    // Curvatures of probes span decades (0.6 against 20 here): a log axis when all are > 0.
    m_curvature->legend->setVisible(m_curvature->graphCount() > 0);
    const bool log = allPositive && m_curvature->graphCount() > 0;
    m_curvature->yAxis->setScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    m_curvature->yAxis->setTicker(log ? QSharedPointer<QCPAxisTicker>(new QCPAxisTickerLog)
                                      : QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    m_curvature->yAxis->rescale();
    if (!log)
        m_curvature->yAxis->setRangeLower(std::min(0.0, m_curvature->yAxis->range().lower));
    else
        m_curvature->yAxis->setRange(m_curvature->yAxis->range().lower / 1.5, top * 1.5);
    m_curvature->xAxis->setRange(-0.6, 3.6);
    m_curvature->replot();

    {
        const QSignalBlocker ba(m_a);
        const QSignalBlocker bb(m_b);
        m_a->clear();
        m_b->clear();
        for (const auto& e : m_entries) {
            m_a->addItem(e.label);
            m_b->addItem(e.label);
        }
        // The newest against the one before it.
        const int n = static_cast<int>(m_entries.size());
        m_a->setCurrentIndex(n - 1);
        m_b->setCurrentIndex(n >= 2 ? n - 2 : n - 1);
    }
    redrawDifference();
}

void CompareView::setDifference(int a, int b)
{
    const QSignalBlocker ba(m_a);
    const QSignalBlocker bb(m_b);
    m_a->setCurrentIndex(a);
    m_b->setCurrentIndex(b);
    redrawDifference();
}

QString CompareView::differenceNote() const
{
    return m_note->text();
}

void CompareView::redrawDifference()
{
    const int a = m_a->currentIndex();
    const int b = m_b->currentIndex();
    if (m_entries.size() < 2 || a < 0 || b < 0) {
        m_difference->clear();
        m_note->setText(tr("Tick two probes with surfaces in the Probes list to see their "
                           "difference."));
        return;
    }
    if (a == b) {
        m_difference->clear();
        m_note->setText(tr("Choose two different probes."));
        return;
    }
    const ProbeReport& ra = m_entries[static_cast<std::size_t>(a)].report;
    const ProbeReport& rb = m_entries[static_cast<std::size_t>(b)].report;
    QString why;
    std::optional<Grid2D> d;
    if (ra.surface && rb.surface)
        d = surfaceDifference(*ra.surface, *rb.surface, &why);
    else
        why = tr("Both probes need a surface.");
    if (!d) {
        m_difference->clear();
        m_note->setText(why);
        return;
    }
    const auto [lo, hi] = finiteRange(d->values);
    QString note = tr("A − B on their common %1 × %2 grid: from %3 to %4.")
                       .arg(d->nx())
                       .arg(d->ny())
                       .arg(lo, 0, 'g', 4)
                       .arg(hi, 0, 'g', 4);
    if (ra.surface->directionKind != rb.surface->directionKind)
        note += QLatin1Char(' ')
            + tr("The directions differ in kind (%1 against %2), so the same α, "
                 "β are "
                 "different points of the two landscapes.")
                  .arg(QString::fromStdString(ra.surface->directionKind),
                       QString::fromStdString(rb.surface->directionKind));
    else if (ra.model.path != rb.model.path)
        note += QLatin1Char(' ')
            + tr("Different models: each surface spans its "
                 "own θ along directions drawn "
                 "(and filter-normalised) for that model.");
    m_note->setText(note);
    m_difference->setGrid(*d);
}

} // namespace borehole
