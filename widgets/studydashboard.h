#pragma once
// The study dashboard (the study panel's "Dashboard" tab), what users of the Optuna dashboard
// look for first: the optimisation history (every finished full run's measured outcome in the
// order the runs finished, and the best so far), a parallel-coordinates plot of the probed
// configurations (one line per configuration across the hyperparameters that vary, λmax,
// promisingness and the measured outcome, coloured by promisingness), and the importance of each
// varying hyperparameter for the meta-model's ranking (|Spearman ρ| between the hyperparameter,
// on a log scale where the spec samples it so, and promisingness over the probed configurations);
// below them, how the study's first pick compares with successive halving and random search
// replayed on the recorded full-run curves.
#include "studyworker.h"

#include <QString>
#include <QStringList>
#include <QWidget>

#include <string>
#include <utility>
#include <vector>

class QCustomPlot;
class QLabel;

namespace borehole {

class StudyDashboard : public QWidget
{
    Q_OBJECT
public:
    explicit StudyDashboard(QWidget* parent = nullptr);

    void setSnapshot(const StudySnapshot& snapshot);
    void clear();

    /// Finished full runs on the history plot, and the best-so-far values after each.
    int historyPointCount() const { return m_historyPoints; }
    std::vector<double> bestSoFar() const { return m_bestSoFar; }
    /// Lines (configurations) and axes of the parallel-coordinates plot.
    int parallelLineCount() const { return m_parallelLines; }
    QStringList parallelAxes() const { return m_parallelAxes; }
    /// (hyperparameter key, |Spearman ρ| with promisingness), largest first.
    std::vector<std::pair<QString, double>> importance() const { return m_importance; }
    /// What each plot shows or why it is empty, one line per plot.
    QString note() const;
    /// How the study's first pick compares with successive halving and random search replayed
    /// on the recorded full-run curves (core's replayBaselines()); empty without full runs.
    QStringList baselineLines() const { return m_baselines; }

    QCustomPlot* historyPlot() const { return m_history; }
    QCustomPlot* parallelPlot() const { return m_parallel; }
    QCustomPlot* importancePlot() const { return m_importancePlot; }

private:
    void drawHistory(const StudySnapshot& s);
    void drawParallel(const StudySnapshot& s);
    void drawImportance(const StudySnapshot& s);

    QCustomPlot* m_history = nullptr;
    QCustomPlot* m_parallel = nullptr;
    QCustomPlot* m_importancePlot = nullptr;
    QLabel* m_note = nullptr;
    QStringList m_notes;
    QStringList m_baselines;
    int m_historyPoints = 0;
    std::vector<double> m_bestSoFar;
    int m_parallelLines = 0;
    QStringList m_parallelAxes;
    std::vector<std::pair<QString, double>> m_importance;
};

/// A configuration's hyperparameter by its spec name (hyperparameterNames(); the optimizer as its
/// enum index); NaN for another name.
double hyperparameterValue(const Hyperparameters& h, const std::string& name);


} // namespace borehole
