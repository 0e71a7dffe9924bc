#pragma once
// A table cell holding a number for the study's tables (ranking, target candidates, rungs):
// shown with `precision` significant digits, right-aligned, "–" when missing (NaN or infinite).
// Numbers sort as numbers; missing values sort last in either direction of the view.
#include <QTableWidgetItem>

namespace borehole {

class NumberItem : public QTableWidgetItem
{
public:
    explicit NumberItem(double value, int precision = 4);
    bool operator<(const QTableWidgetItem& other) const override;

private:
    double m_value;
};

} // namespace borehole
