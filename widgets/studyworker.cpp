#include "studyworker.h"

#include <borehole/error.h>

#include <exception>

namespace borehole {

namespace {

constexpr int kScale = 1000;

StudySnapshot snapshotOf(const StudyStore& store, const QString& dbPath)
{
    StudySnapshot s;
    s.dbPath = dbPath;
    s.spec = storedSpec(store);
    s.ranking = rankStudy(store, s.spec);
    s.counts = store.counts();
    return s;
}

// Refits after new probes or outcomes; too few probed configurations is a note, not an error.
QString refit(StudyStore& store, const StudySpec& spec)
{
    if (store.counts().done < 3)
        return QObject::tr("The meta-model needs at least 3 probed configurations.");
    try {
        refitMetaModel(store, spec);
    } catch (const InputError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

void registerStudyMetaTypes()
{
    qRegisterMetaType<borehole::ConfigurationRecord>("borehole::ConfigurationRecord");
    qRegisterMetaType<borehole::StudySnapshot>("borehole::StudySnapshot");
    qRegisterMetaType<borehole::StudyRequest>("borehole::StudyRequest");
}

StudyWorker::StudyWorker(std::shared_ptr<std::atomic<bool>> cancelFlag, QObject* parent)
    : QObject(parent), m_cancel(std::move(cancelFlag))
{
}

void StudyWorker::run(const StudyRequest& request)
{
    try {
        if (request.dbPath.isEmpty())
            throw InputError(tr("Choose a study database (.sqlite) first.").toStdString());
        auto store = StudyStore::open(request.dbPath.toStdString());
        const auto cancel = m_cancel;
        const ProgressFn onProgress = [this, cancel](int done, int total) {
            emit progress(done, total);
            return !cancel->load(std::memory_order_relaxed);
        };
        QString note;
        QString summary;
        switch (request.kind) {
        case StudyRequest::Kind::Open:
            break;
        case StudyRequest::Kind::Run: {
            const StudySpec spec = request.specText.isEmpty()
                                       ? storedSpec(store)
                                       : parseStudySpec(request.specText.toStdString(),
                                                        request.specSource.toStdString(),
                                                        request.specBaseDir.toStdString());
            prepareStudy(store, spec);
            Problem problem = loadStudyProblem(spec);
            StudyRunOptions options;
            options.limit = request.limit;
            options.onFinished = [this](const ConfigurationRecord& record) {
                emit configurationFinished(record);
            };
            const auto s = runStudy(store, problem, options, onProgress);
            summary = tr("Probed %1 configurations (%2 failed) in %3 s; %4 pending.")
                          .arg(s.probed)
                          .arg(s.failed)
                          .arg(s.seconds, 0, 'f', 1)
                          .arg(s.remaining);
            note = refit(store, spec);
            break;
        }
        case StudyRequest::Kind::TrainSelected: {
            const StudySpec spec = storedSpec(store);
            Problem problem = loadStudyProblem(spec);
            const std::vector<float> theta0 = problem.parameters();
            const int total = static_cast<int>(request.configurationIds.size());
            int done = 0;
            for (const auto id : request.configurationIds) {
                const auto record = store.configuration(id);
                if (!record)
                    throw InputError(tr("No configuration with id %1.").arg(id).toStdString());
                const std::int64_t run = store.beginFullRun(id);
                TrainResult result;
                try {
                    const ProgressScope scope(onProgress, done, total, kScale);
                    result = fullTrainingRun(problem, theta0, record->hyper, spec.fullRun,
                                             spec.metric, spec.seed, scope.callback());
                } catch (...) {
                    store.abandonFullRun(run);
                    throw;
                }
                store.finishFullRun(run, result);
                ++done;
            }
            summary = tr("Trained %1 selected configurations fully.").arg(done);
            note = refit(store, spec);
            break;
        }
        case StudyRequest::Kind::TrainTop: {
            const StudySpec spec = storedSpec(store);
            Problem problem = loadStudyProblem(spec);
            const auto s = trainFollowUps(store, problem, request.topCount, 1, {}, onProgress);
            summary = tr("Trained %1 follow-up runs (%2 failed) in %3 s.")
                          .arg(s.trained)
                          .arg(s.failed)
                          .arg(s.seconds, 0, 'f', 1);
            break;
        }
        }
        StudySnapshot snapshot = snapshotOf(store, request.dbPath);
        snapshot.modelNote = note;
        snapshot.summary = summary;
        emit finished(snapshot);
    } catch (const CancelledError&) {
        emit cancelled();
    } catch (const std::exception& e) {
        emit failed(QString::fromStdString(e.what()));
    } catch (...) {
        emit failed(tr("Unknown error in the study."));
    }
}

StudyRunner::StudyRunner(QObject* parent)
    : QObject(parent), m_cancel(std::make_shared<std::atomic<bool>>(false))
{
    registerStudyMetaTypes();
    m_thread.setObjectName(QStringLiteral("borehole-study"));
    m_worker = new StudyWorker(m_cancel);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &StudyWorker::progress, this, [this](int done, int total) {
        if (!m_running)
            return;
        m_done = done;
        m_total = total;
        m_progressPending = true;
        if (!m_coalesce.isActive())
            m_coalesce.start();
    });
    // Configurations arrive a few per second at most: forwarded at once.
    connect(m_worker, &StudyWorker::configurationFinished, this,
            &StudyRunner::configurationFinished);
    connect(m_worker, &StudyWorker::finished, this, [this](const StudySnapshot& snapshot) {
        endJob();
        emit finished(snapshot);
    });
    connect(m_worker, &StudyWorker::failed, this, [this](const QString& message) {
        endJob();
        emit failed(message);
    });
    connect(m_worker, &StudyWorker::cancelled, this, [this] {
        endJob();
        emit cancelled();
    });
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(kCoalesceMs);
    connect(&m_coalesce, &QTimer::timeout, this, &StudyRunner::flush);
    m_thread.start();
}

StudyRunner::~StudyRunner()
{
    m_cancel->store(true);
    m_thread.quit();
    m_thread.wait();
}

bool StudyRunner::start(const StudyRequest& request)
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

void StudyRunner::cancel()
{
    if (m_running)
        m_cancel->store(true);
}

void StudyRunner::flush()
{
    if (!m_progressPending)
        return;
    m_progressPending = false;
    emit progress(m_done, m_total);
}

void StudyRunner::endJob()
{
    m_coalesce.stop();
    flush();
    m_running = false;
}

} // namespace borehole
