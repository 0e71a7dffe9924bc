#pragma once
// The points of the current selection with their values, one row per grid point.
#include "selection.h"

#include <QTableWidget>

namespace borehole {

class SelectionTable : public QTableWidget
{
    Q_OBJECT
public:
    explicit SelectionTable(QWidget* parent = nullptr);

    void setSelection(const GridSelection& selection);
    void clearSelection();
    const GridSelection& currentSelection() const { return m_selection; }

private:
    GridSelection m_selection;
};

} // namespace borehole
