#pragma once
// The CSV column chooser: target column, feature columns, task, standardisation and the
// validation split, filled from the header that core's readCsv() found; and which of the
// model's outputs is the prediction, from a trial forward (core's inspectModelOutputs()).
#include <borehole/csv.h>
#include <borehole/dataset.h>
#include <borehole/problem.h>

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
    /// Refines a task guessed from the target (not a workspace's or a chosen one) with the
    /// model's outputs per row: one output makes a column of labels a regression target (the
    /// GUI's classification needs one output per class); C ≥ 2 outputs make whole-number labels
    /// 0…C−1 class labels even where the target alone did not say so. Returns true when the
    /// task changed (changed() is not emitted: the caller checks again).
    bool applyModelOutputWidth(std::int64_t outputs);
    QStringList columns() const { return m_columns; }

    DatasetOptions options() const;
    void setOptions(const DatasetOptions& options);
    /// Selects the target column; false when there is no such column.
    bool setTarget(const QString& column);
    QString target() const;
    void setStandardizeTargets(bool on);
    void setTask(Task task);

    /// Offers the tensors forward() returned on one row: a choice ("0: [1, 10]", "1: [1, 32]")
    /// when there are several, a note naming the single output otherwise. Keeps the chosen key
    /// (or the one setOutput() asked for) when it is still there, else chooses the first.
    void setModelOutputs(const ModelOutputs& outputs);
    /// Shows why the model could not be tried on the data (core's message); no choice.
    void setModelOutputsError(const QString& message);
    /// Adds why the probe would refuse this model on this data (core's message, e.g. class
    /// scores probed as a regression), under what setModelOutputs() said; empty: nothing.
    void setPairingError(const QString& message);
    /// No model or no data: nothing to say.
    void clearModelOutputs();
    /// The chosen output's key for ProblemOptions::output; empty when forward() returns one
    /// tensor (or nothing was tried yet: then the key asked for by setOutput()).
    QString output() const;
    /// Asks for an output by key (from a workspace), applied when the outputs are known.
    void setOutput(const QString& key);
    QString outputNote() const;
    /// Warning shown under "Standardise features" (core's featureScaleWarning); empty hides it.
    void setFeatureScaleWarning(const QString& text);
    QString featureScaleWarning() const;

signals:
    /// Target, features, task or standardisation changed (the model must be tried again).
    void changed();
    /// The user chose another of the model's outputs.
    void outputChanged();

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
    QComboBox* m_output = nullptr;
    QLabel* m_outputLabel = nullptr;
    QLabel* m_outputNote = nullptr;
    QLabel* m_scaleWarning = nullptr;
    QString m_wantedOutput;
    bool m_outputsKnown = false;
    bool m_taskGuessed = false; ///< the task came from guessTask(), nobody chose it
    std::optional<CsvTable> m_table;
};

} // namespace borehole
