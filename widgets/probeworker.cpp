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
                [this](const ProbeReport& soFar) {
                    if (m_partials.push(soFar))
                        emit partialPosted();
                },
                request.liveRowsInterval);
            if (claimFinish()) {
                m_results.push(std::move(report));
                emit finishedPosted();
            }
        },
        tr("Unknown error while probing."));
}

ProbeRunner::ProbeRunner(QObject* parent) : JobRunner(QStringLiteral("borehole-probe"), parent)
{
    registerProbeMetaTypes();
    m_worker = new ProbeWorker(cancelFlag());
    connect(m_worker, &ProbeWorker::partialPosted, this, [this] {
        const auto reports = m_worker->partials().takeAll();
        if (!isRunning()) // behind the job's end: not this job's any more
            return;
        for (const ProbeReport& soFar : reports)
            emit partial(soFar);
    });
    connect(m_worker, &ProbeWorker::finishedPosted, this, [this] {
        const auto reports = m_worker->results().takeAll();
        if (!reports.empty() && endJob())
            emit finished(reports.back());
    });
    adopt(m_worker);
}

bool ProbeRunner::start(const ProbeRequest& request)
{
    return startJob([worker = m_worker, request] { worker->run(request); });
}

} // namespace borehole
