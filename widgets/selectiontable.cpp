#include "selectiontable.h"

#include <QHeaderView>

namespace borehole {

SelectionTable::SelectionTable(QWidget* parent) : QTableWidget(parent)
{
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setAlternatingRowColors(true);
    setSortingEnabled(true);
    verticalHeader()->setVisible(false);
    clearSelection();
}

void SelectionTable::clearSelection()
{
    setSelection(GridSelection());
}

void SelectionTable::setSelection(const GridSelection& selection)
{
    m_selection = selection;
    const bool curvature = std::any_of(selection.points.begin(), selection.points.end(),
                                       [](const SelectedPoint& p) { return p.curvature; });
    setSortingEnabled(false);
    clear();
    QStringList headers{tr("ix"), tr("iy"), tr("α"), tr("β"),
                        selection.valueName.isEmpty() ? tr("value") : selection.valueName};
    if (curvature)
        headers << (selection.curvatureName.isEmpty() ? tr("curvature") : selection.curvatureName);
    setColumnCount(headers.size());
    setHorizontalHeaderLabels(headers);
    setRowCount(static_cast<int>(selection.points.size()));
    auto number = [](double v, int precision) {
        auto* item = new QTableWidgetItem;
        item->setData(Qt::DisplayRole, QString::number(v, 'g', precision).toDouble());
        item->setData(Qt::ToolTipRole, QString::number(v, 'g', 17));
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        return item;
    };
    for (int row = 0; row < rowCount(); ++row) {
        const SelectedPoint& p = selection.points[static_cast<std::size_t>(row)];
        setItem(row, 0, number(p.ix, 6));
        setItem(row, 1, number(p.iy, 6));
        setItem(row, 2, number(p.alpha, 5));
        setItem(row, 3, number(p.beta, 5));
        setItem(row, 4, number(p.value, 7));
        if (curvature && p.curvature)
            setItem(row, 5, number(*p.curvature, 6));
    }
    setSortingEnabled(true);
    // Every column in view in the dock's default 300 px: sized to their contents, ix, iy, α and
    // β pushed the value (the reason to select) and the curvature out of sight. The grid
    // indices keep their narrow width; the numbers share the rest.
    horizontalHeader()->setMinimumSectionSize(24);
    for (int c = 0; c < columnCount(); ++c)
        horizontalHeader()->setSectionResizeMode(
            c, c < 2 ? QHeaderView::ResizeToContents : QHeaderView::Stretch);
}

} // namespace borehole
