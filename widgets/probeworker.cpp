#include "probeworker.h"

namespace borehole {

void registerProbeMetaTypes()
{
    qRegisterMetaType<borehole::ProbeReport>("borehole::ProbeReport");
    qRegisterMetaType<borehole::ProbeRequest>("borehole::ProbeRequest");
}

void ProbeWorker::run(const ProbeRequest& request)
{
    execute(
        [&](const ProgressFn& onProgress) {
            Problem problem = loadProblem(request);
            ProbeReport report = runProbes(
                problem, request.settings, onProgress,
                [this](const ProbeReport& soFar) { emit partial(soFar); }, request.liveRowsInterval);
            if (claimFinish())
                emit finished(report);
        },
        tr("Unknown error while probing."));
}

ProbeRunner::ProbeRunner(QObject* parent) : JobRunner(QStringLiteral("borehole-probe"), parent)
{
    registerProbeMetaTypes();
    m_worker = new ProbeWorker(cancelFlag());
    connect(m_worker, &ProbeWorker::partial, this, [this](const ProbeReport& soFar) {
        if (isRunning()) // queued behind the job's end: not this job's any more
            emit partial(soFar);
    });
    connect(m_worker, &ProbeWorker::finished, this, [this](const ProbeReport& report) {
        if (endJob())
            emit finished(report);
    });
    adopt(m_worker);
}

bool ProbeRunner::start(const ProbeRequest& request)
{
    return startJob([worker = m_worker, request] { worker->run(request); });
}

} // namespace borehole
