#pragma once
// The study's ranking (the study panel's "Ranking" tab): one row per probed configuration with
// its hyperparameters, probe status (the reason as tooltip), λmax, the meta-model's predicted
// outcome ± its ensemble spread (metric units; "–" without an outcome model), promisingness
// (higher is better), the measured outcome of its latest full run and the estimated full-run
// cost (optimizer steps × examples per step). Sortable, most promising first; numbers sort as
// numbers and missing values last. Rows are selected by configuration id, and the selection
// survives a refill; every change of it goes out through selectionChanged().
#include "studykeys.h"

#include <QWidget>

#include <cstdint>
#include <optional>
#include <vector>

class QTableWidget;

namespace borehole {

class StudyRankingView : public QWidget
{
    Q_OBJECT
public:
    explicit StudyRankingView(QWidget* parent = nullptr);

    /// One row per configuration, in the current sort order; the selection is kept by id.
    void setRows(const StudyRows& rows);
    /// Selects the rows of these configurations, and only those.
    void selectConfigurations(const std::vector<std::int64_t>& ids);
    /// The configurations of the selected rows.
    std::vector<std::int64_t> selectedConfigurations() const;
    /// The configuration of the first row as sorted now; none while the table is empty.
    std::optional<std::int64_t> firstConfiguration() const;
    QTableWidget* table() const { return m_table; }

signals:
    /// The selected configurations changed (by the user or by selectConfigurations()).
    void selectionChanged(const std::vector<std::int64_t>& ids);

private:
    std::int64_t idAt(int row) const;

    QTableWidget* m_table = nullptr;
};

} // namespace borehole
