#include "probeworker.h"

#include <borehole/error.h>

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include <exception>

namespace borehole {

namespace {

// The probe saturates the CPU; a slightly lower priority for the worker thread (and the
// libtorch threads it spawns, which inherit it) keeps the GUI thread's latency low when cores
// are scarce. Linux applies nice values per thread.
void lowerCurrentThreadPriority()
{
#ifdef __linux__
    const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
    ::setpriority(PRIO_PROCESS, tid, 10);
#endif
}

} // namespace

void registerProbeMetaTypes()
{
    qRegisterMetaType<borehole::ProbeReport>("borehole::ProbeReport");
    qRegisterMetaType<borehole::ProbeRequest>("borehole::ProbeRequest");
}

ProbeWorker::ProbeWorker(std::shared_ptr<std::atomic<bool>> cancelFlag, QObject* parent)
    : QObject(parent), m_cancel(std::move(cancelFlag))
{
}

void ProbeWorker::run(const ProbeRequest& request)
{
    try {
        auto model = Model::load(request.modelPath.toStdString(), request.device);
        DatasetOptions dataOptions = request.data;
        dataOptions.device = request.device;
        auto data = Dataset::loadCsv(request.dataPath.toStdString(), dataOptions);
        if (m_cancel->load())
            throw CancelledError();
        Problem problem(std::move(model), std::move(data), request.problem);
        const auto cancel = m_cancel;
        const ProgressFn onProgress = [this, cancel](int done, int total) {
            emit progress(done, total);
            return !cancel->load(std::memory_order_relaxed);
        };
        ProbeReport report = runProbes(problem, request.settings, onProgress);
        emit finished(report);
    } catch (const CancelledError&) {
        emit cancelled();
    } catch (const std::exception& e) {
        emit failed(QString::fromStdString(e.what()));
    } catch (...) {
        emit failed(tr("Unknown error while probing."));
    }
}

ProbeRunner::ProbeRunner(QObject* parent)
    : QObject(parent), m_cancel(std::make_shared<std::atomic<bool>>(false))
{
    registerProbeMetaTypes();
    m_thread.setObjectName(QStringLiteral("borehole-probe"));
    m_worker = new ProbeWorker(m_cancel);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(&m_thread, &QThread::started, m_worker, [] { lowerCurrentThreadPriority(); });

    connect(m_worker, &ProbeWorker::progress, this, &ProbeRunner::onWorkerProgress);
    connect(m_worker, &ProbeWorker::finished, this, [this](const ProbeReport& report) {
        endJob();
        emit finished(report);
    });
    connect(m_worker, &ProbeWorker::failed, this, [this](const QString& message) {
        endJob();
        emit failed(message);
    });
    connect(m_worker, &ProbeWorker::cancelled, this, [this] {
        endJob();
        emit cancelled();
    });

    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(kCoalesceMs);
    connect(&m_coalesce, &QTimer::timeout, this, &ProbeRunner::flushProgress);
    m_thread.start();
}

ProbeRunner::~ProbeRunner()
{
    m_cancel->store(true);
    m_thread.quit();
    m_thread.wait();
}

bool ProbeRunner::start(const ProbeRequest& request)
{
    if (m_running)
        return false;
    m_running = true;
    m_cancel->store(false);
    m_done = 0;
    m_total = 0;
    m_progressPending = false;
    emit started();
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, request] { worker->run(request); }, Qt::QueuedConnection);
    return true;
}

void ProbeRunner::cancel()
{
    if (m_running)
        m_cancel->store(true);
}

void ProbeRunner::onWorkerProgress(int done, int total)
{
    if (!m_running)
        return;
    m_done = done;
    m_total = total;
    m_progressPending = true;
    if (!m_coalesce.isActive())
        m_coalesce.start();
}

void ProbeRunner::flushProgress()
{
    if (!m_progressPending)
        return;
    m_progressPending = false;
    emit progress(m_done, m_total);
}

void ProbeRunner::endJob()
{
    m_coalesce.stop();
    flushProgress();
    m_running = false;
}

} // namespace borehole
