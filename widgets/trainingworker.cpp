#include "trainingworker.h"

#include <borehole/error.h>

#include <cmath>
#include <exception>

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
        emit m_worker->stepTaken(p);
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

TrainingWorker::TrainingWorker(std::shared_ptr<std::atomic<bool>> cancelFlag, QObject* parent)
    : QObject(parent), m_cancel(std::move(cancelFlag))
{
}

void TrainingWorker::run(const TrainingRequest& request)
{
    try {
        auto model = Model::load(request.modelPath.toStdString(), request.device);
        DatasetOptions dataOptions = request.data;
        dataOptions.device = request.device;
        auto data = Dataset::loadCsv(request.dataPath.toStdString(), dataOptions);
        if (m_cancel->load())
            throw CancelledError();
        Problem problem(std::move(model), std::move(data), request.problem);
        TrainOptions options = request.options;
        options.hooks = {std::make_shared<LivePointHook>(this)};
        const auto cancel = m_cancel;
        const ProgressFn onProgress = [this, cancel](int done, int total) {
            emit progress(done, total);
            return !cancel->load(std::memory_order_relaxed);
        };
        TrainingRun run;
        run.label = request.label;
        run.result = train(problem, options, onProgress);
        options.hooks.clear();
        run.options = options;
        run.runJson = QString::fromStdString(trainRunJson(problem, options, run.result));
        run.trainedModel = std::make_shared<const Model>(problem.model().clone());
        emit finished(run);
    } catch (const CancelledError&) {
        emit cancelled();
    } catch (const std::exception& e) {
        emit failed(QString::fromStdString(e.what()));
    } catch (...) {
        emit failed(tr("Unknown error while training."));
    }
}

TrainingRunner::TrainingRunner(QObject* parent)
    : QObject(parent), m_cancel(std::make_shared<std::atomic<bool>>(false))
{
    registerTrainingMetaTypes();
    m_thread.setObjectName(QStringLiteral("borehole-train"));
    m_worker = new TrainingWorker(m_cancel);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);

    connect(m_worker, &TrainingWorker::progress, this, [this](int done, int total) {
        if (!m_running)
            return;
        m_done = done;
        m_total = total;
        m_progressPending = true;
        if (!m_coalesce.isActive())
            m_coalesce.start();
    });
    connect(m_worker, &TrainingWorker::stepTaken, this, [this](const TrainPoint& point) {
        if (!m_running)
            return;
        m_pending.push_back(point);
        if (!m_coalesce.isActive())
            m_coalesce.start();
    });
    connect(m_worker, &TrainingWorker::finished, this, [this](const TrainingRun& run) {
        endJob();
        emit finished(run);
    });
    connect(m_worker, &TrainingWorker::failed, this, [this](const QString& message) {
        endJob();
        emit failed(message);
    });
    connect(m_worker, &TrainingWorker::cancelled, this, [this] {
        endJob();
        emit cancelled();
    });

    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(kCoalesceMs);
    connect(&m_coalesce, &QTimer::timeout, this, &TrainingRunner::flush);
    m_thread.start();
}

TrainingRunner::~TrainingRunner()
{
    m_cancel->store(true);
    m_thread.quit();
    m_thread.wait();
}

bool TrainingRunner::start(const TrainingRequest& request)
{
    if (m_running)
        return false;
    m_running = true;
    m_cancel->store(false);
    m_pending.clear();
    m_done = 0;
    m_total = 0;
    m_progressPending = false;
    emit started();
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, request] { worker->run(request); }, Qt::QueuedConnection);
    return true;
}

void TrainingRunner::cancel()
{
    if (m_running)
        m_cancel->store(true);
}

void TrainingRunner::flush()
{
    if (!m_pending.empty()) {
        std::vector<TrainPoint> points;
        points.swap(m_pending);
        emit pointsArrived(points);
    }
    if (m_progressPending) {
        m_progressPending = false;
        emit progress(m_done, m_total);
    }
}

void TrainingRunner::endJob()
{
    m_coalesce.stop();
    flush();
    m_running = false;
}

} // namespace borehole
