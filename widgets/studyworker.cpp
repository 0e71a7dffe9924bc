#include "studyworker.h"

#include <borehole/error.h>
#include <borehole/study_halving.h>


namespace borehole {

namespace {


StudySnapshot snapshotOf(const StudyStore& store, const QString& dbPath)
{
    StudySnapshot s;
    s.dbPath = dbPath;
    s.displayName = QString::fromStdString(store.path());
    s.spec = storedSpec(store);
    s.ranking = rankStudy(store, s.spec);
    s.counts = store.counts();
    s.fullRuns = store.fullRuns();
    if (s.spec.strategy == StudyStrategy::ProbeHalving) {
        s.rungs = store.rungs();
        s.rungComparisons = compareRungPromotions(store, s.spec);
    }
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

void StudyWorker::run(const StudyRequest& request)
{
    execute([&](const ProgressFn& onProgress) { runJob(request, onProgress); },
            tr("Unknown error in the study."));
}

void StudyWorker::runJob(const StudyRequest& request, const ProgressFn& onProgress)
{
    {
        if (request.dbPath.isEmpty())
            throw InputError(tr("Choose a study database (.sqlite) first.").toStdString());
        const std::string path = request.dbPath.toStdString();
        if (request.kind == StudyRequest::Kind::Watch) {
            if (!m_watchStore || m_watchPath != request.dbPath) {
                m_watchStore.reset();
                m_watchStore.emplace(StudyStore::openExisting(path));
                m_watchPath = request.dbPath;
            }
            StudySnapshot snapshot;
            try {
                snapshot = snapshotOf(*m_watchStore, request.dbPath);
            } catch (...) {
                m_watchStore.reset(); // reconnect next time (server restarted, file replaced)
                throw;
            }
            snapshot.kind = request.kind;
            finish(m_results, std::move(snapshot));
            return;
        }
        // Only a run may create a study; opening or training a missing one is an error that
        // names the path, not a new empty database.
        auto store = request.kind == StudyRequest::Kind::Run ? StudyStore::open(path)
                                                             : StudyStore::openExisting(path);
        QString note;
        QString summary;
        switch (request.kind) {
        case StudyRequest::Kind::Open:
        case StudyRequest::Kind::Watch: // handled above
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
                if (m_records.push(record))
                    emit recordsPosted();
            };
            if (spec.strategy == StudyStrategy::ProbeHalving) {
                // Rung 0 is this probing; then the rungs, claimed like configurations, so
                // other workers (CLI, other machines) may share them.
                const auto h = runProbeHalving(store, problem, options, onProgress);
                summary = tr("Probe-halving: probed %1 configurations (%2 failed), trained %3 "
                             "rung runs in %4 s; rung %5 of %6 open.")
                              .arg(h.probe.probed)
                              .arg(h.probe.failed)
                              .arg(h.rungsTrained)
                              .arg(h.seconds, 0, 'f', 1)
                              .arg(h.currentRung)
                              .arg(h.rungs);
                if (h.rungErrors > 0)
                    summary += QLatin1Char(' ')
                               + tr("%1 rung attempts ended with an error (the reason is stored "
                                    "with the rung).")
                                     .arg(h.rungErrors);
                note = refit(store, spec);
                break;
            }
            const auto s = runStudy(store, problem, options, onProgress);
            summary = tr("Probed %1 configurations (%2 failed) in %3 s; %4 pending.")
                          .arg(s.probed)
                          .arg(s.failed)
                          .arg(s.seconds, 0, 'f', 1)
                          .arg(s.remaining);
            if (s.errors > 0)
                summary += QLatin1Char(' ')
                           + tr("%1 attempts ended with an error; the reason is stored with the "
                                "configuration, which is marked failed after %2.")
                                 .arg(s.errors)
                                 .arg(kMaxConfigurationFailures);
            if (s.running > 0)
                summary += QLatin1Char(' ')
                           + tr("%1 configurations are being probed by other workers.")
                                 .arg(s.running);
            note = refit(store, spec);
            break;
        }
        case StudyRequest::Kind::TrainSelected: {
            const StudySpec spec = storedSpec(store);
            Problem problem = loadStudyProblem(spec);
            const auto s = trainConfigurations(store, problem, request.configurationIds,
                                               onProgress);
            summary = tr("Trained %1 selected configurations fully (%2 failed) in %3 s.")
                          .arg(s.trained)
                          .arg(s.failed)
                          .arg(s.seconds, 0, 'f', 1);
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
        snapshot.kind = request.kind;
        snapshot.modelNote = note;
        snapshot.summary = summary;
        finish(m_results, std::move(snapshot));
    }
}

StudyRunner::StudyRunner(QObject* parent) : JobRunner(QStringLiteral("borehole-study"), parent)
{
    registerStudyMetaTypes();
    m_worker = new StudyWorker(cancelFlag());
    connect(m_worker, &StudyWorker::recordsPosted, this, [this] {
        for (const ConfigurationRecord& record : m_worker->records().takeAll())
            emit configurationFinished(record);
    });
    adopt(m_worker);
    forwardResult(m_worker->results(),
                  [this](const StudySnapshot& snapshot) { emit finished(snapshot); });
}

bool StudyRunner::start(const StudyRequest& request)
{
    return startJob([worker = m_worker, request] { worker->run(request); });
}

} // namespace borehole
