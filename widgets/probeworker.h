#pragma once
// Runs core's probes off the GUI thread. One long-lived ProbeWorker lives on its own QThread;
// requests go in by value, reports come out through the worker's handoffs (see Handoff). Every
// job ends with exactly one of finished(), failed() or cancelled().
#include <borehole/dataset.h>
#include <borehole/device.h>
#include <borehole/problem.h>
#include <borehole/report.h>

#include "jobrunner.h"

#include <QMetaType>
#include <QString>

namespace borehole {

/// Everything a probe run needs, copied into the worker: files are loaded on the worker thread.
struct ProbeRequest : ProblemRequest
{
    ProbeSettings settings;
    /// Seconds between live surface rows (runProbes' rowsInterval); infinity: none.
    double liveRowsInterval = 0.25;
};

/// Lives on the worker thread. Loads the model and data, builds the Problem and calls
/// runProbes() with a progress callback that polls the shared cancel flag, so a cancel takes
/// effect at the next unit of work (one probe step at most).
class ProbeWorker : public JobWorker
{
    Q_OBJECT
public:
    using JobWorker::JobWorker;

    /// Runs one job on the calling thread (the worker thread when invoked through ProbeRunner).
    void run(const borehole::ProbeRequest& request);

    /// The reports so far (core's ProbeReportFn, after each probe) not yet taken by the
    /// runner: live results.
    Handoff<ProbeReport>& partials() { return m_partials; }
    /// The finished report.
    Handoff<ProbeReport>& results() { return m_results; }

signals:
    /// partials() went from empty to holding a report.
    void partialPosted();

private:
    Handoff<ProbeReport> m_partials;
    Handoff<ProbeReport> m_results;
};

/// GUI-side owner of the probe thread (see JobRunner): progress merged to one signal per frame,
/// so views redraw at most once per frame.
class ProbeRunner : public JobRunner
{
    Q_OBJECT
public:
    explicit ProbeRunner(QObject* parent = nullptr);

    /// Starts a job; returns false (and does nothing) while another one runs.
    bool start(const ProbeRequest& request);

signals:
    /// The running job's report so far, after each of its probes; never after the job ended.
    void partial(const borehole::ProbeReport& soFar);
    void finished(const borehole::ProbeReport& report);

private:
    ProbeWorker* m_worker = nullptr; // owned by the thread (JobRunner::adopt)
};

/// Registers the types of the runner's signals (QSignalSpy, queued receivers); called by
/// ProbeRunner.
void registerProbeMetaTypes();

} // namespace borehole

Q_DECLARE_METATYPE(borehole::ProbeReport)
Q_DECLARE_METATYPE(borehole::ProbeRequest)
