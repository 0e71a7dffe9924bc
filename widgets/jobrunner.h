#pragma once
// The thread plumbing the probe, training and study runners share (Qt's worker-object pattern):
// one long-lived worker QObject on its own QThread, jobs queued to it by value, a shared atomic
// cancel flag polled by core's progress callback, progress merged to one signal per frame, and
// exactly one terminal signal per job — the subclass's typed finished(…), failed() or
// cancelled(). Subclasses add their request type, their finished(…) signal and any extra live
// data they merge (flushPending()).
#include <borehole/dataset.h>
#include <borehole/device.h>
#include <borehole/problem.h>
#include <borehole/progress.h>

#include <QObject>
#include <QString>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace borehole {

/// Values a worker hands to its runner: put on the worker thread, taken on the runner's, under a
/// std::mutex. Qt's queued signals copy their arguments on the sending thread and destroy them
/// on the receiving one, ordered by Qt's own locks, which ThreadSanitizer cannot see: a
/// ProbeReport crossing in a queued signal was reported as a race (CI, stop 19). So workers
/// put results here and emit a signal without data; the runner takes them in its slot.
template <class T>
class Handoff
{
public:
    Handoff() = default;
    Handoff(const Handoff&) = delete;
    Handoff& operator=(const Handoff&) = delete;
    /// The worker dies on its own thread (deleteLater when the thread ends), after the runner's
    /// last take on the GUI thread: clearing under the lock orders the two where TSan sees it.
    ~Handoff()
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_items.clear();
    }

    /// Appends a value; true when the handoff was empty (the runner needs a new notice).
    bool push(T value)
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_items.push_back(std::move(value));
        return m_items.size() == 1;
    }
    /// Everything put since the last take, oldest first.
    std::vector<T> takeAll()
    {
        std::vector<T> items;
        const std::lock_guard<std::mutex> lock(m_mutex);
        items.swap(m_items);
        return items;
    }

private:
    std::mutex m_mutex;
    std::vector<T> m_items;
};

/// What every job that computes on a model and a data set asks for: the files, how to read
/// them and the device. ProbeRequest and TrainingRequest extend it; JobWorker::loadProblem()
/// takes it.
struct ProblemRequest
{
    QString modelPath;
    QString dataPath;
    DatasetOptions data;
    ProblemOptions problem;
    DeviceKind device = DeviceKind::Auto;
};

/// Base of the objects living on a runner's thread. run()s wrap their body in execute(), which
/// turns CancelledError into cancelled(), any other exception into failed(its message), and
/// hands the body a progress callback that emits progress() and polls the cancel flag.
/// A job ends with exactly one terminal signal (PrismLauncher's Task): the body hands over its
/// result with finish(…), which does so only once claimFinish() returned true; execute() drops any terminal signal
/// after the first (a body that finished and then threw) and fails a body that returned
/// without finishing ("… ended without a result"), so the GUI never waits for ever.
class JobWorker : public QObject
{
    Q_OBJECT
public:
    explicit JobWorker(std::shared_ptr<std::atomic<bool>> cancelFlag, QObject* parent = nullptr);

    bool cancelRequested() const { return m_cancel->load(std::memory_order_relaxed); }

    /// Hands a job to this worker (from the runner's thread); runQueuedJob() runs it here. The
    /// job passes under a std::mutex, not inside Qt's queued event: Qt's own locks are invisible
    /// to ThreadSanitizer, so a job's captured data handed over by a queued functor shows up as
    /// a race (scripts/sanitize.sh tsan), while this handover is one it can see.
    void queueJob(std::function<void()> job);
    Q_INVOKABLE void runQueuedJob();

signals:
    void progress(int done, int total);
    void failed(const QString& message);
    void cancelled();
    /// The job's result was put into the subclass's results handoff (finish()).
    void finishedPosted();

protected:
    /// Runs body(progress callback); the body ends it with finish(…) itself.
    /// `unknownError` is the message for exceptions that are not std::exception.
    void execute(const std::function<void(const ProgressFn&)>& body, const QString& unknownError);
    /// Marks the running job as finished; true once per job, from inside execute()'s body.
    /// Emit the subclass's finished(…) only when it returns true.
    bool claimFinish();
    /// The usual end of a body: when claimFinish() agrees, puts `result` into `results` and
    /// emits finishedPosted(); the runner takes it there (JobRunner::forwardResult()).
    template <class T>
    void finish(Handoff<T>& results, T result)
    {
        if (claimFinish()) {
            results.push(std::move(result));
            emit finishedPosted();
        }
    }
    /// Throws CancelledError when a cancel was requested (between loading and computing).
    void throwIfCancelled() const;
    /// Loads model and data on this thread onto `device` and builds the Problem; throws
    /// core's errors (naming the file) or CancelledError when a cancel came in meanwhile.
    Problem loadProblem(const ProblemRequest& request) const;

private:
    std::shared_ptr<std::atomic<bool>> m_cancel;
    bool m_jobOpen = false; ///< inside execute() and no terminal signal yet (worker thread only)
    std::mutex m_jobMutex;
    std::function<void()> m_queuedJob;
};

/// GUI-side owner of one worker thread. The worker thread runs at a lower priority (nice 10 on
/// Linux, inherited by the libtorch threads it starts) so that a saturated CPU still leaves the
/// GUI thread responsive. Destroying the runner cancels a running job, quits and joins.
class JobRunner : public QObject
{
    Q_OBJECT
public:
    ~JobRunner() override;

    /// Asks the running job to stop at its next progress callback; it then ends with
    /// cancelled(). Safe to call at any time.
    void cancel();
    bool isRunning() const { return m_running; }

    /// Live updates are merged to at most one per this many milliseconds (one per frame).
    static constexpr int kCoalesceMs = 33;

signals:
    void started();
    void progress(int done, int total);
    void failed(const QString& message);
    void cancelled();

protected:
    JobRunner(const QString& threadName, QObject* parent);

    std::shared_ptr<std::atomic<bool>> cancelFlag() const { return m_cancel; }
    /// Takes the worker onto the thread (deleted when the thread ends), forwards its progress,
    /// failed() and cancelled(), and starts the thread. Call once, from the subclass constructor,
    /// after creating the worker with cancelFlag().
    void adopt(JobWorker* worker);
    /// Ends the job with the result the worker put into `results` (JobWorker::finish()):
    /// calls emitFinished(result) unless the job already ended. Call once, after adopt().
    template <class T, class EmitFinished>
    void forwardResult(Handoff<T>& results, EmitFinished emitFinished)
    {
        connect(m_worker, &JobWorker::finishedPosted, this, [this, &results, emitFinished] {
            const auto items = results.takeAll();
            if (!items.empty() && endJob())
                emitFinished(items.back());
        });
    }
    /// Starts a job: false (doing nothing) while another one runs; otherwise resets the state,
    /// emits started() and queues job() onto the worker thread.
    bool startJob(std::function<void()> job);
    /// Ends the job before its terminal signal: flushes what is pending, clears running.
    /// False when no job is running (a terminal signal of a job that already ended, or a stale
    /// one): then emit nothing.
    bool endJob();
    /// Arms the coalescing timer (when a subclass queued live data).
    void scheduleFlush();
    /// Subclasses emit their merged live data here (before progress()); default: nothing.
    virtual void flushPending() {}
    /// Subclasses drop stale live data of the previous job here; default: nothing.
    virtual void resetPending() {}

private:
    void flush();

    QThread m_thread;
    JobWorker* m_worker = nullptr; // owned by m_thread's finished() -> deleteLater
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QTimer m_coalesce;
    int m_done = 0;
    int m_total = 0;
    bool m_progressPending = false;
    bool m_running = false;
};

} // namespace borehole
