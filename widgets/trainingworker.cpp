#include "trainingworker.h"

#include <cmath>

namespace borehole {

namespace {

// Posts one point per step from the training thread. loss() is a host copy of a number the
// step computed anyway (no sync on the CPU); λmax is reported only in the step that estimated
// it, so the plot shows one dot per estimate.
class LivePointHook : public TrainHook
{
public:
    explicit LivePointHook(TrainingWorker* worker) : m_worker(worker) {}

    void afterStep(StepContext& context) override
    {
        TrainPoint p;
        p.step = context.step();
        p.trainLoss = context.loss();
        p.learningRate = context.learningRate();
        const double lambda = context.lastLambdaMax();
        if (std::isfinite(lambda) && (!std::isfinite(m_lastLambda) || lambda != m_lastLambda))
            p.lambdaMax = lambda;
        m_lastLambda = lambda;
        if (m_worker->points().push(p))
            emit m_worker->pointsPosted();
    }

private:
    TrainingWorker* m_worker;
    double m_lastLambda = std::nan("");
};

} // namespace

void registerTrainingMetaTypes()
{
    qRegisterMetaType<borehole::TrainPoint>("borehole::TrainPoint");
    qRegisterMetaType<borehole::TrainingRun>("borehole::TrainingRun");
    qRegisterMetaType<borehole::TrainingRequest>("borehole::TrainingRequest");
    qRegisterMetaType<std::vector<borehole::TrainPoint>>("std::vector<borehole::TrainPoint>");
}

void TrainingWorker::run(const TrainingRequest& request)
{
    execute(
        [&](const ProgressFn& onProgress) {
            Problem problem = loadProblem(request);
            if (request.initScale != 1.0) {
                std::vector<float> theta = problem.parameters();
                for (float& v : theta)
                    v = static_cast<float>(v * request.initScale);
                problem.setParameters(theta);
            }
            TrainOptions options = request.options;
            options.hooks = {std::make_shared<LivePointHook>(this)};
            TrainingRun run;
            run.label = request.label;
            run.result = train(problem, options, onProgress);
            options.hooks.clear();
            run.options = options;
            run.runJson = QString::fromStdString(trainRunJson(problem, options, run.result));
            run.trainedModel = std::make_shared<const Model>(problem.model().clone());
            finish(m_results, std::move(run));
        },
        tr("Unknown error while training."));
}

TrainingRunner::TrainingRunner(QObject* parent)
    : JobRunner(QStringLiteral("borehole-train"), parent)
{
    registerTrainingMetaTypes();
    m_worker = new TrainingWorker(cancelFlag());
    connect(m_worker, &TrainingWorker::pointsPosted, this, [this] {
        if (isRunning())
            scheduleFlush(); // flushPending() takes them
        else
            m_worker->points().takeAll(); // behind the job's end: not this job's any more
    });
    adopt(m_worker);
    forwardResult(m_worker->results(), [this](const TrainingRun& run) { emit finished(run); });
}

bool TrainingRunner::start(const TrainingRequest& request)
{
    return startJob([worker = m_worker, request] { worker->run(request); });
}

void TrainingRunner::flushPending()
{
    const std::vector<TrainPoint> points = m_worker->points().takeAll();
    if (!points.empty())
        emit pointsArrived(points);
}

} // namespace borehole
