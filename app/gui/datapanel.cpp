#include "datapanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QListWidget>

namespace borehole {

DataPanel::DataPanel(QWidget* parent) : QWidget(parent)
{
    const DatasetOptions defaults;
    m_target = new QComboBox(this);
    m_target->setToolTip(tr("The column the model predicts"));
    m_features = new QListWidget(this);
    m_features->setToolTip(tr("Columns fed to the model, in this order. Unchecked columns are "
                              "ignored."));
    m_features->setMaximumHeight(110);
    m_task = new QComboBox(this);
    m_task->addItem(tr("Regression"), static_cast<int>(Task::Regression));
    m_task->addItem(tr("Classification"), static_cast<int>(Task::Classification));
    m_task->setToolTip(tr("Regression uses the MSE loss; classification uses cross-entropy on "
                          "integer labels 0..C−1"));
    m_standardizeFeatures = new QCheckBox(tr("Standardise features"), this);
    m_standardizeFeatures->setChecked(defaults.standardizeFeatures);
    m_standardizeFeatures->setToolTip(tr("Zero mean, unit variance per feature, with statistics "
                                         "of the training rows only"));
    m_standardizeTargets = new QCheckBox(tr("Standardise targets"), this);
    m_standardizeTargets->setChecked(defaults.standardizeTargets);
    m_standardizeTargets->setToolTip(tr("Regression only: losses are then in standardised "
                                        "target units. Use it when the model was trained that "
                                        "way."));
    m_validation = new QDoubleSpinBox(this);
    m_validation->setRange(0.0, 0.9);
    m_validation->setSingleStep(0.05);
    m_validation->setDecimals(2);
    m_validation->setValue(defaults.validationFraction);
    m_validation->setToolTip(tr("Fraction of rows held out for the validation metric"));

    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Target:"), m_target);
    form->addRow(tr("Features:"), m_features);
    form->addRow(tr("Task:"), m_task);
    form->addRow(m_standardizeFeatures);
    form->addRow(m_standardizeTargets);
    form->addRow(tr("Validation fraction:"), m_validation);

    connect(m_target, &QComboBox::currentIndexChanged, this, [this] {
        refreshFeatures();
        emit changed();
    });
    connect(m_features, &QListWidget::itemChanged, this, &DataPanel::changed);
    connect(m_task, &QComboBox::currentIndexChanged, this, &DataPanel::changed);
    connect(m_standardizeTargets, &QCheckBox::toggled, this, &DataPanel::changed);
    setEnabled(false);
}

void DataPanel::setColumns(const QStringList& columns, const QString& keepTarget)
{
    m_columns = columns;
    {
        const QSignalBlocker block(m_target);
        m_target->clear();
        m_target->addItems(columns);
        const int keep = columns.indexOf(keepTarget);
        m_target->setCurrentIndex(keep >= 0 ? keep : static_cast<int>(columns.size()) - 1);
    }
    refreshFeatures();
    setEnabled(!columns.isEmpty());
    emit changed();
}

void DataPanel::refreshFeatures()
{
    const QSignalBlocker block(m_features);
    m_features->clear();
    const QString target = m_target->currentText();
    for (const QString& c : m_columns) {
        if (c == target)
            continue;
        auto* item = new QListWidgetItem(c, m_features);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
    }
}

bool DataPanel::setTarget(const QString& column)
{
    const int index = m_columns.indexOf(column);
    if (index < 0)
        return false;
    m_target->setCurrentIndex(index);
    return true;
}

QString DataPanel::target() const
{
    return m_target->currentText();
}

void DataPanel::setStandardizeTargets(bool on)
{
    m_standardizeTargets->setChecked(on);
}

void DataPanel::setTask(Task task)
{
    m_task->setCurrentIndex(task == Task::Regression ? 0 : 1);
}

DatasetOptions DataPanel::options() const
{
    DatasetOptions o;
    if (!m_target->currentText().isEmpty())
        o.targetColumns = {m_target->currentText().toStdString()};
    bool all = true;
    std::vector<std::string> features;
    for (int i = 0; i < m_features->count(); ++i) {
        const auto* item = m_features->item(i);
        if (item->checkState() == Qt::Checked)
            features.push_back(item->text().toStdString());
        else
            all = false;
    }
    if (!all)
        o.featureColumns = features;
    o.task = static_cast<Task>(m_task->currentData().toInt());
    o.standardizeFeatures = m_standardizeFeatures->isChecked();
    o.standardizeTargets = m_standardizeTargets->isChecked();
    o.validationFraction = m_validation->value();
    return o;
}

void DataPanel::setOptions(const DatasetOptions& o)
{
    if (!o.targetColumns.empty())
        setTarget(QString::fromStdString(o.targetColumns.front()));
    if (!o.featureColumns.empty()) {
        const QSignalBlocker block(m_features);
        for (int i = 0; i < m_features->count(); ++i) {
            auto* item = m_features->item(i);
            const bool on = std::find(o.featureColumns.begin(), o.featureColumns.end(),
                                      item->text().toStdString())
                            != o.featureColumns.end();
            item->setCheckState(on ? Qt::Checked : Qt::Unchecked);
        }
    }
    setTask(o.task);
    m_standardizeFeatures->setChecked(o.standardizeFeatures);
    m_standardizeTargets->setChecked(o.standardizeTargets);
    m_validation->setValue(o.validationFraction);
    emit changed();
}

} // namespace borehole
