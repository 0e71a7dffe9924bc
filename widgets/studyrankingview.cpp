#include "studyrankingview.h"

#include "numberitem.h"
#include "plotstyle.h"

#include <QHeaderView>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>
#include <limits>
#include <set>

namespace borehole {

namespace {

enum Column { IndexColumn = 0, PromisingnessColumn = 12, ColumnCount = 15 };

} // namespace

StudyRankingView::StudyRankingView(QWidget* parent) : QWidget(parent)
{
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setHorizontalHeaderLabels(
        {tr("#"), tr("Optimizer"), tr("Learning rate"), tr("Weight decay"), tr("Momentum"),
         tr("Batch"), tr("SAM ρ"), tr("Init scale"), tr("Status"), tr("λmax"), tr("Predicted"),
         tr("±"), tr("Promisingness"), tr("Measured"), tr("Full-run cost")});
    m_table->verticalHeader()->setVisible(false);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->horizontalHeader()->setSortIndicator(PromisingnessColumn, Qt::DescendingOrder);
    m_table->setSortingEnabled(true);
    connect(m_table, &QTableWidget::itemSelectionChanged, this,
            [this] { emit selectionChanged(selectedConfigurations()); });
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table);
}

void StudyRankingView::setRows(const StudyRows& rows)
{
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    const auto selected = selectedConfigurations();
    m_table->setSortingEnabled(false);
    m_table->setRowCount(static_cast<int>(rows.size()));
    int r = 0;
    for (const auto& [id, row] : rows) {
        const auto& h = row.record.hyper;
        auto* index = new NumberItem(row.record.index);
        index->setData(Qt::UserRole, QVariant::fromValue<qlonglong>(row.record.id));
        auto* status = new QTableWidgetItem(QString::fromStdString(toString(row.record.status)));
        if (!row.record.reason.empty())
            status->setToolTip(withReadableNumbers(row.record.reason));
        QTableWidgetItem* cells[ColumnCount] = {
            index,
            new QTableWidgetItem(QString::fromStdString(toString(h.optimizer))),
            new NumberItem(h.learningRate),
            new NumberItem(h.weightDecay),
            new NumberItem(h.momentum),
            new NumberItem(static_cast<double>(h.batchSize)),
            new NumberItem(h.samRho),
            new NumberItem(h.initScale),
            status,
            new NumberItem(row.record.feature("lambda_max")),
            new NumberItem(row.predicted),
            new NumberItem(row.predictedStd, 3),
            new NumberItem(row.promisingness),
            new NumberItem(row.outcome ? *row.outcome : kNaN),
            new NumberItem(row.fullRunCost, 3)};
        for (int c = 0; c < ColumnCount; ++c)
            m_table->setItem(r, c, cells[c]);
        ++r;
    }
    m_table->setSortingEnabled(true);
    selectConfigurations(selected);
}

void StudyRankingView::selectConfigurations(const std::vector<std::int64_t>& ids)
{
    m_table->clearSelection();
    const std::set<std::int64_t> wanted(ids.begin(), ids.end());
    const auto mode = m_table->selectionMode();
    m_table->setSelectionMode(QAbstractItemView::MultiSelection);
    for (int r = 0; r < m_table->rowCount(); ++r)
        if (wanted.count(idAt(r)))
            m_table->selectRow(r);
    m_table->setSelectionMode(mode);
}

std::vector<std::int64_t> StudyRankingView::selectedConfigurations() const
{
    std::vector<std::int64_t> ids;
    for (const auto& index : m_table->selectionModel()->selectedRows(IndexColumn))
        ids.push_back(idAt(index.row()));
    return ids;
}

std::optional<std::int64_t> StudyRankingView::firstConfiguration() const
{
    if (m_table->rowCount() == 0)
        return std::nullopt;
    return idAt(0);
}

std::int64_t StudyRankingView::idAt(int row) const
{
    return m_table->item(row, IndexColumn)->data(Qt::UserRole).toLongLong();
}

} // namespace borehole
