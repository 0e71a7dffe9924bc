#pragma once
// The CSV column chooser: target column, feature columns, task, standardisation and the
// validation split, filled from the header that core's readCsv() found.
#include <borehole/csv.h>
#include <borehole/dataset.h>

#include <QStringList>

#include <optional>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QListWidget;

namespace borehole {

class DataPanel : public QWidget
{
    Q_OBJECT
public:
    explicit DataPanel(QWidget* parent = nullptr);

    /// Offers `columns`; the last one becomes the target unless `keepTarget` names one of them.
    void setColumns(const QStringList& columns, const QString& keepTarget = {});
    /// Offers the table's columns and guesses the task from the target column (guessTask());
    /// the guess replaces whatever task the previous data set had, and taskNote() says why.
    void setTable(const CsvTable& table, const QString& keepTarget = {});
    /// Classification when every value is a whole number ≥ 0 and there are 2 to 50 distinct
    /// values, fewer than half the rows (labels 0..C−1); regression otherwise. `why` gets one
    /// sentence naming the column.
    static Task guessTask(const CsvTable& table, std::size_t column, QString* why = nullptr);
    QString taskNote() const;
    QStringList columns() const { return m_columns; }

    DatasetOptions options() const;
    void setOptions(const DatasetOptions& options);
    /// Selects the target column; false when there is no such column.
    bool setTarget(const QString& column);
    QString target() const;
    void setStandardizeTargets(bool on);
    void setTask(Task task);

signals:
    void changed();

private:
    void refreshFeatures();
    void applyTaskGuess();
    void refreshTaskDependent();

    QStringList m_columns;
    QComboBox* m_target = nullptr;
    QListWidget* m_features = nullptr;
    QComboBox* m_task = nullptr;
    QCheckBox* m_standardizeFeatures = nullptr;
    QCheckBox* m_standardizeTargets = nullptr;
    QDoubleSpinBox* m_validation = nullptr;
    QLabel* m_taskNote = nullptr;
    std::optional<CsvTable> m_table;
};

} // namespace borehole
