#pragma once
// Runs core's probes off the GUI thread. One long-lived ProbeWorker lives on its own QThread;
// requests go in by value, the report comes out by value through a queued signal. Every job
// ends with exactly one of finished(), failed() or cancelled().
#include <borehole/dataset.h>
#include <borehole/device.h>
#include <borehole/problem.h>
#include <borehole/report.h>

#include <QMetaType>
#include <QObject>
#include <QString>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <memory>

namespace borehole {

/// Everything a probe run needs, copied into the worker: files are loaded on the worker thread.
struct ProbeRequest
{
    QString modelPath;
    QString dataPath;
    DatasetOptions data;
    ProblemOptions problem;
    ProbeSettings settings;
    DeviceKind device = DeviceKind::Auto;
};

/// Lives on the worker thread. Loads the model and data, builds the Problem and calls
/// runProbes() with a progress callback that polls an atomic cancel flag, so a cancel takes
/// effect at the next unit of work (one probe step at most).
class ProbeWorker : public QObject
{
    Q_OBJECT
public:
    explicit ProbeWorker(std::shared_ptr<std::atomic<bool>> cancelFlag, QObject* parent = nullptr);

    /// Runs one job on the calling thread (the worker thread when invoked through ProbeRunner).
    void run(const borehole::ProbeRequest& request);

signals:
    void progress(int done, int total);
    void finished(const borehole::ProbeReport& report);
    void failed(const QString& message);
    void cancelled();

private:
    std::shared_ptr<std::atomic<bool>> m_cancel;
};

/// GUI-side owner of the worker thread. Forwards the worker's signals, merging progress updates
/// that arrive faster than ~30 per second into one (a 33 ms single-shot timer), so views redraw
/// at most once per frame. Destroying the runner cancels a running job, quits and joins the
/// thread.
class ProbeRunner : public QObject
{
    Q_OBJECT
public:
    explicit ProbeRunner(QObject* parent = nullptr);
    ~ProbeRunner() override;

    /// Starts a job; returns false (and does nothing) while another one runs.
    bool start(const ProbeRequest& request);
    /// Asks the running job to stop; it then ends with cancelled(). Safe to call any time.
    void cancel();
    bool isRunning() const { return m_running; }

    static constexpr int kCoalesceMs = 33;

signals:
    void started();
    void progress(int done, int total);
    void finished(const borehole::ProbeReport& report);
    void failed(const QString& message);
    void cancelled();

private:
    void onWorkerProgress(int done, int total);
    void flushProgress();
    void endJob();

    QThread m_thread;
    ProbeWorker* m_worker = nullptr; // owned by m_thread's finished() -> deleteLater
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QTimer m_coalesce;
    int m_done = 0;
    int m_total = 0;
    bool m_progressPending = false;
    bool m_running = false;
};

/// Registers the types that cross threads in queued signals; called by ProbeRunner.
void registerProbeMetaTypes();

} // namespace borehole

Q_DECLARE_METATYPE(borehole::ProbeReport)
Q_DECLARE_METATYPE(borehole::ProbeRequest)
