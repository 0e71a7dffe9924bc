#include "numberitem.h"

#include <QHeaderView>
#include <QTableWidget>

#include <cmath>

namespace borehole {

NumberItem::NumberItem(double value, int precision)
    : QTableWidgetItem(std::isfinite(value) ? QString::number(value, 'g', precision)
                                            : QStringLiteral("–")),
      m_value(value)
{
    setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
}

bool NumberItem::operator<(const QTableWidgetItem& other) const
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

} // namespace borehole
