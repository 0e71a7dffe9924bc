#include "jobrunner.h"

#include <borehole/error.h>

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include <exception>

namespace borehole {

namespace {

// Jobs saturate the CPU; a lower priority for the worker thread (and the libtorch threads it
// spawns, which inherit it) keeps the GUI thread's latency low when cores are scarce. Linux
// applies nice values per thread; elsewhere this is a no-op (QThread priorities do not apply
// to normal scheduling on Linux).
void lowerCurrentThreadPriority()
{
#ifdef __linux__
    const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
    ::setpriority(PRIO_PROCESS, tid, 10);
#endif
}

} // namespace

JobWorker::JobWorker(std::shared_ptr<std::atomic<bool>> cancelFlag, QObject* parent)
    : QObject(parent), m_cancel(std::move(cancelFlag))
{
}

void JobWorker::queueJob(std::function<void()> job)
{
    const std::lock_guard<std::mutex> lock(m_jobMutex);
    m_queuedJob = std::move(job);
}

void JobWorker::runQueuedJob()
{
    std::function<void()> job;
    {
        const std::lock_guard<std::mutex> lock(m_jobMutex);
        job.swap(m_queuedJob);
    }
    if (job)
        job();
}

void JobWorker::throwIfCancelled() const
{
    if (cancelRequested())
        throw CancelledError();
}

Problem JobWorker::loadProblem(const ProblemRequest& request) const
{
    auto model = Model::load(request.modelPath.toStdString(), request.device);
    DatasetOptions data = request.data;
    data.device = request.device;
    auto rows = Dataset::loadCsv(request.dataPath.toStdString(), data);
    throwIfCancelled();
    return Problem(std::move(model), std::move(rows), request.problem);
}

bool JobWorker::claimFinish()
{
    if (!m_jobOpen)
        return false;
    m_jobOpen = false;
    return true;
}

void JobWorker::execute(const std::function<void(const ProgressFn&)>& body,
                        const QString& unknownError)
{
    const auto cancel = m_cancel;
    const ProgressFn onProgress = [this, cancel](int done, int total) {
        emit progress(done, total);
        return !cancel->load(std::memory_order_relaxed);
    };
    m_jobOpen = true;
    try {
        body(onProgress);
    } catch (const CancelledError&) {
        if (claimFinish())
            emit cancelled();
    } catch (const std::exception& e) {
        if (claimFinish())
            emit failed(QString::fromStdString(e.what()));
    } catch (...) {
        if (claimFinish())
            emit failed(unknownError);
    }
    if (claimFinish())
        emit failed(tr("Internal error: the job ended without a result."));
}

JobRunner::JobRunner(const QString& threadName, QObject* parent)
    : QObject(parent), m_cancel(std::make_shared<std::atomic<bool>>(false))
{
    m_thread.setObjectName(threadName);
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(kCoalesceMs);
    connect(&m_coalesce, &QTimer::timeout, this, &JobRunner::flush);
}

JobRunner::~JobRunner()
{
    m_cancel->store(true);
    m_thread.quit();
    m_thread.wait();
}

void JobRunner::adopt(JobWorker* worker)
{
    Q_ASSERT(!m_worker && worker);
    m_worker = worker;
    worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
    connect(&m_thread, &QThread::started, worker, [] { lowerCurrentThreadPriority(); });
    connect(worker, &JobWorker::progress, this, [this](int done, int total) {
        if (!m_running)
            return;
        m_done = done;
        m_total = total;
        m_progressPending = true;
        scheduleFlush();
    });
    connect(worker, &JobWorker::failed, this, [this](const QString& message) {
        if (endJob())
            emit failed(message);
    });
    connect(worker, &JobWorker::cancelled, this, [this] {
        if (endJob())
            emit cancelled();
    });
    m_thread.start();
}

bool JobRunner::startJob(std::function<void()> job)
{
    if (m_running)
        return false;
    m_running = true;
    m_cancel->store(false);
    m_done = 0;
    m_total = 0;
    m_progressPending = false;
    resetPending();
    emit started();
    m_worker->queueJob(std::move(job));
    QMetaObject::invokeMethod(m_worker, "runQueuedJob", Qt::QueuedConnection);
    return true;
}

void JobRunner::cancel()
{
    if (m_running)
        m_cancel->store(true);
}

void JobRunner::scheduleFlush()
{
    if (!m_coalesce.isActive())
        m_coalesce.start();
}

void JobRunner::flush()
{
    flushPending();
    if (m_progressPending) {
        m_progressPending = false;
        emit progress(m_done, m_total);
    }
}

bool JobRunner::endJob()
{
    if (!m_running)
        return false;
    m_coalesce.stop();
    flush();
    m_running = false;
    return true;
}

} // namespace borehole
