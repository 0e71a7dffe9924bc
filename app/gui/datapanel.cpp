#include "datapanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QListWidget>

#include <algorithm>
#include <cmath>

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

    m_taskNote = new QLabel(this);
    m_taskNote->setWordWrap(true);
    m_taskNote->setVisible(false);

    m_output = new QComboBox(this);
    m_output->setToolTip(tr("forward() returns several tensors (e.g. logits and features): the "
                            "one that is the prediction. Found by a trial forward on one row."));
    m_outputLabel = new QLabel(tr("Output:"), this);
    m_outputNote = new QLabel(this);
    m_outputNote->setWordWrap(true);
    m_outputNote->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_scaleWarning = new QLabel(this);
    m_scaleWarning->setWordWrap(true);
    m_scaleWarning->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_scaleWarning->setStyleSheet(QStringLiteral("color: #b00000;"));
    m_scaleWarning->setVisible(false);

    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Target:"), m_target);
    form->addRow(tr("Features:"), m_features);
    form->addRow(tr("Task:"), m_task);
    form->addRow(m_taskNote);
    form->addRow(m_standardizeFeatures);
    form->addRow(m_scaleWarning);
    form->addRow(m_standardizeTargets);
    form->addRow(tr("Validation fraction:"), m_validation);
    form->addRow(m_outputLabel, m_output);
    form->addRow(m_outputNote);
    clearModelOutputs();

    connect(m_target, &QComboBox::currentIndexChanged, this, [this] {
        refreshFeatures();
        applyTaskGuess();
        emit changed();
    });
    connect(m_features, &QListWidget::itemChanged, this, &DataPanel::changed);
    connect(m_task, &QComboBox::currentIndexChanged, this, [this] {
        m_taskGuessed = false; // chosen by hand
        refreshTaskDependent();
        emit changed();
    });
    connect(m_standardizeTargets, &QCheckBox::toggled, this, &DataPanel::changed);
    connect(m_standardizeFeatures, &QCheckBox::toggled, this, &DataPanel::changed);
    connect(m_output, &QComboBox::currentIndexChanged, this, [this] {
        if (m_output->currentIndex() >= 0)
            m_wantedOutput = m_output->currentData().toString();
        emit outputChanged();
    });
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

void DataPanel::setTable(const CsvTable& table, const QString& keepTarget)
{
    m_table = table;
    QStringList columns;
    for (const auto& c : table.columns)
        columns << QString::fromStdString(c);
    setColumns(columns, keepTarget);
    applyTaskGuess();
    emit changed();
}

Task DataPanel::guessTask(const CsvTable& table, std::size_t column, QString* why)
{
    const QString name = QString::fromStdString(table.columns.at(column));
    const std::int64_t rows = table.rowCount();
    std::vector<double> distinct;
    bool labels = rows > 0;
    for (std::int64_t r = 0; r < rows && labels; ++r) {
        const double v = table.at(r, column);
        if (!std::isfinite(v) || v < 0.0 || v != std::floor(v)) {
            labels = false;
            break;
        }
        if (std::find(distinct.begin(), distinct.end(), v) == distinct.end()) {
            distinct.push_back(v);
            if (distinct.size() > 50)
                labels = false;
        }
    }
    labels = labels && distinct.size() >= 2 && static_cast<std::int64_t>(distinct.size()) * 2 < rows;
    if (why) {
        if (labels) {
            const auto [lo, hi] = std::minmax_element(distinct.begin(), distinct.end());
            *why = tr("Task guessed from '%1': classification (%2 distinct whole-number labels, "
                      "%3 to %4). The model needs one output per class.")
                       .arg(name)
                       .arg(distinct.size())
                       .arg(*lo)
                       .arg(*hi);
        } else
            *why = tr("Task guessed from '%1': regression (not a small set of whole-number "
                      "labels).")
                       .arg(name);
    }
    return labels ? Task::Classification : Task::Regression;
}

QString DataPanel::taskNote() const
{
    return m_taskNote->text();
}

void DataPanel::applyTaskGuess()
{
    if (!m_table || m_target->currentIndex() < 0
        || m_target->currentIndex() >= static_cast<int>(m_table->columns.size()))
        return;
    QString why;
    const Task task = guessTask(*m_table, static_cast<std::size_t>(m_target->currentIndex()), &why);
    {
        const QSignalBlocker block(m_task);
        setTask(task);
    }
    refreshTaskDependent();
    m_taskNote->setText(why);
    m_taskNote->setVisible(true);
    m_taskGuessed = true;
}

bool DataPanel::applyModelOutputWidth(std::int64_t outputs)
{
    if (!m_taskGuessed || !m_table || outputs < 1 || m_target->currentIndex() < 0
        || m_target->currentIndex() >= static_cast<int>(m_table->columns.size()))
        return false;
    const auto column = static_cast<std::size_t>(m_target->currentIndex());
    const QString name = QString::fromStdString(m_table->columns[column]);
    // Whole-number labels ≥ 0: how many distinct, and the largest.
    std::vector<double> distinct;
    bool labels = m_table->rowCount() > 0;
    for (std::int64_t r = 0; r < m_table->rowCount() && labels; ++r) {
        const double v = m_table->at(r, column);
        labels = std::isfinite(v) && v >= 0.0 && v == std::floor(v);
        if (labels && std::find(distinct.begin(), distinct.end(), v) == distinct.end())
            distinct.push_back(v);
    }
    const Task now = static_cast<Task>(m_task->currentData().toInt());
    Task task = now;
    QString why;
    if (now == Task::Classification && outputs == 1) {
        task = Task::Regression;
        why = tr("Task guessed from '%1': regression. Its %2 whole-number values could be class "
                 "labels, but the model has one output per row, and classification needs one "
                 "per class.")
                  .arg(name)
                  .arg(distinct.size());
    } else if (now == Task::Regression && outputs >= 2 && labels && distinct.size() >= 2
               && *std::max_element(distinct.begin(), distinct.end())
                      < static_cast<double>(outputs)) {
        task = Task::Classification;
        why = tr("Task guessed from '%1': classification (%2 distinct whole-number labels, all "
                 "below the model's %3 outputs per row).")
                  .arg(name)
                  .arg(distinct.size())
                  .arg(outputs);
    }
    if (task == now)
        return false;
    {
        const QSignalBlocker block(m_task);
        setTask(task);
    }
    refreshTaskDependent();
    m_taskNote->setText(why);
    m_taskNote->setVisible(true);
    return true;
}

void DataPanel::refreshTaskDependent()
{
    // Targets are standardised for regression only: under classification they are labels.
    const bool regression = static_cast<Task>(m_task->currentData().toInt()) == Task::Regression;
    m_standardizeTargets->setEnabled(regression);
    if (!regression)
        m_standardizeTargets->setChecked(false);
}

void DataPanel::setModelOutputs(const ModelOutputs& outputs)
{
    const QSignalBlocker block(m_output);
    m_output->clear();
    const bool choice = outputs.outputs.size() > 1;
    if (choice) {
        int keep = 0;
        for (const auto& o : outputs.outputs) {
            const QString key = QString::fromStdString(o.key);
            if (key == m_wantedOutput)
                keep = m_output->count();
            m_output->addItem(QString::fromStdString(describe(o)), key);
        }
        m_output->setCurrentIndex(keep);
        m_wantedOutput = m_output->currentData().toString();
        m_outputNote->setText(tr("forward() returns a %1 of %2 tensors (shapes on one row): "
                                 "choose the prediction.")
                                  .arg(QString::fromStdString(outputs.kind))
                                  .arg(outputs.outputs.size()));
    } else if (!outputs.outputs.empty()) {
        m_outputNote->setText(tr("forward() returns one tensor, %1 on one row.")
                                  .arg(QString::fromStdString(describe(outputs.outputs.front()))));
    }
    m_output->setVisible(choice);
    m_outputLabel->setVisible(choice);
    m_outputNote->setVisible(!outputs.outputs.empty());
    m_outputsKnown = true;
}

void DataPanel::setModelOutputsError(const QString& message)
{
    {
        const QSignalBlocker block(m_output);
        m_output->clear();
    }
    m_output->setVisible(false);
    m_outputLabel->setVisible(false);
    m_outputNote->setText(tr("The model does not run on this data: %1").arg(message));
    m_outputNote->setVisible(true);
    m_outputsKnown = false;
}

void DataPanel::setPairingError(const QString& message)
{
    if (message.isEmpty())
        return;
    const QString before = m_outputNote->text();
    const QString line = tr("The model and the data do not fit: %1").arg(message);
    m_outputNote->setText(before.isEmpty() ? line : before + QLatin1Char('\n') + line);
    m_outputNote->setVisible(true);
}

void DataPanel::clearModelOutputs()
{
    {
        const QSignalBlocker block(m_output);
        m_output->clear();
    }
    m_output->setVisible(false);
    m_outputLabel->setVisible(false);
    m_outputNote->clear();
    m_outputNote->setVisible(false);
    m_outputsKnown = false;
}

QString DataPanel::output() const
{
    if (!m_outputsKnown)
        return m_wantedOutput; // not tried yet: what the workspace asked for
    return m_output->count() > 1 ? m_output->currentData().toString() : QString();
}

void DataPanel::setOutput(const QString& key)
{
    m_wantedOutput = key;
    const int index = m_output->findData(key);
    if (index >= 0)
        m_output->setCurrentIndex(index);
}

QString DataPanel::outputNote() const
{
    return m_outputNote->text();
}

void DataPanel::setFeatureScaleWarning(const QString& text)
{
    m_scaleWarning->setText(text);
    m_scaleWarning->setVisible(!text.isEmpty());
}

QString DataPanel::featureScaleWarning() const
{
    return m_scaleWarning->text();
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
    refreshTaskDependent();
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
    setTask(o.task); // a workspace keeps its own task: no guess
    m_taskGuessed = false;
    m_taskNote->setVisible(false);
    m_standardizeFeatures->setChecked(o.standardizeFeatures);
    m_standardizeTargets->setChecked(o.standardizeTargets && o.task == Task::Regression);
    m_validation->setValue(o.validationFraction);
    emit changed();
}

} // namespace borehole
