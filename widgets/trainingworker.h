#pragma once
// Trains a model off the GUI thread for the training panel. One long-lived TrainingWorker lives
// on its own QThread; a request goes in by value and names files, not live objects: the worker
// loads its own Model, Dataset and Problem, because core's train() changes the Problem's model in
// place and the probe state of the main window must not move. While training, a TrainHook posts
// each step's loss, rate and λmax estimate; TrainingRunner merges them (33 ms) into one
// pointsArrived() per frame. Every job ends with exactly one of finished(), failed() or
// cancelled().
#include <borehole/dataset.h>
#include <borehole/device.h>
#include <borehole/model.h>
#include <borehole/problem.h>
#include <borehole/trainer.h>

#include "jobrunner.h"

#include <QMetaType>
#include <QString>

#include <memory>
#include <vector>

namespace borehole {

/// Everything a training run needs, copied into the worker (options.hooks is ignored).
struct TrainingRequest : ProblemRequest
{
    TrainOptions options;
    /// Legend entry of the run in the panel's plots.
    QString label;
    /// Train from initScale·θ₀ (a study configuration's initial weight scale; 1: the file's θ).
    double initScale = 1.0;
};

/// A finished run: the result, its run record JSON (schema borehole.train-run/1) and a copy of
/// the trained model for "Export model…" (used on the GUI thread only once delivered).
struct TrainingRun
{
    QString label;
    TrainOptions options;
    TrainResult result;
    QString runJson;
    std::shared_ptr<const Model> trainedModel;
};

/// Lives on the worker thread; run() loads the files, trains with a hook that puts one
/// point per step into points() (a TrainPoint with step, mini-batch loss, rate and a λmax when one was
/// estimated in that step; validation is NaN live and arrives with the final curve) and a
/// progress callback that polls the shared cancel flag.
class TrainingWorker : public JobWorker
{
    Q_OBJECT
public:
    using JobWorker::JobWorker;

    void run(const borehole::TrainingRequest& request);

    /// The live points not yet taken by the runner, in step order.
    Handoff<TrainPoint>& points() { return m_points; }
    /// The finished run.
    Handoff<TrainingRun>& results() { return m_results; }

signals:
    /// points() went from empty to holding a point.
    void pointsPosted();

private:
    Handoff<TrainPoint> m_points;
    Handoff<TrainingRun> m_results;
};

/// GUI-side owner of the training thread (see JobRunner). Live points arriving faster than once
/// per kCoalesceMs are merged into one pointsArrived() (all points in order) per frame.
class TrainingRunner : public JobRunner
{
    Q_OBJECT
public:
    explicit TrainingRunner(QObject* parent = nullptr);

    /// Starts a job; false (doing nothing) while another one runs. cancel() stops it at the
    /// next step.
    bool start(const TrainingRequest& request);

signals:
    void pointsArrived(const std::vector<borehole::TrainPoint>& points);
    void finished(const borehole::TrainingRun& run);

private:
    void flushPending() override;
    void resetPending() override { m_worker->points().takeAll(); }

    TrainingWorker* m_worker = nullptr; // owned by the thread (JobRunner::adopt)
};

void registerTrainingMetaTypes();

} // namespace borehole

Q_DECLARE_METATYPE(borehole::TrainPoint)
Q_DECLARE_METATYPE(borehole::TrainingRun)
Q_DECLARE_METATYPE(borehole::TrainingRequest)
Q_DECLARE_METATYPE(std::vector<borehole::TrainPoint>)
