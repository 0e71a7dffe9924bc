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
            finish(m_results, std::move(report));
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
    adopt(m_worker);
    forwardResult(m_worker->results(), [this](const ProbeReport& report) { emit finished(report); });
}

bool ProbeRunner::start(const ProbeRequest& request)
{
    return startJob([worker = m_worker, request] { worker->run(request); });
}

} // namespace borehole
