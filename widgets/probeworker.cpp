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
            auto model = Model::load(request.modelPath.toStdString(), request.device);
            DatasetOptions dataOptions = request.data;
            dataOptions.device = request.device;
            auto data = Dataset::loadCsv(request.dataPath.toStdString(), dataOptions);
            throwIfCancelled();
            Problem problem(std::move(model), std::move(data), request.problem);
            ProbeReport report = runProbes(problem, request.settings, onProgress);
            emit finished(report);
        },
        tr("Unknown error while probing."));
}

ProbeRunner::ProbeRunner(QObject* parent) : JobRunner(QStringLiteral("borehole-probe"), parent)
{
    registerProbeMetaTypes();
    m_worker = new ProbeWorker(cancelFlag());
    connect(m_worker, &ProbeWorker::finished, this, [this](const ProbeReport& report) {
        endJob();
        emit finished(report);
    });
    adopt(m_worker);
}

bool ProbeRunner::start(const ProbeRequest& request)
{
    return startJob([worker = m_worker, request] { worker->run(request); });
}

} // namespace borehole
