#pragma once
// The CSV column chooser: target column, feature columns, task, standardisation and the
// validation split, filled from the header that core's readCsv() found.
#include <borehole/dataset.h>

#include <QStringList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QListWidget;

namespace borehole {

class DataPanel : public QWidget
{
    Q_OBJECT
public:
    explicit DataPanel(QWidget* parent = nullptr);

    /// Offers `columns`; the last one becomes the target unless `keepTarget` names one of them.
    void setColumns(const QStringList& columns, const QString& keepTarget = {});
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

    QStringList m_columns;
    QComboBox* m_target = nullptr;
    QListWidget* m_features = nullptr;
    QComboBox* m_task = nullptr;
    QCheckBox* m_standardizeFeatures = nullptr;
    QCheckBox* m_standardizeTargets = nullptr;
    QDoubleSpinBox* m_validation = nullptr;
};

} // namespace borehole
