#pragma once
// Runs a hyperparameter study off the GUI thread for the study panel. One long-lived StudyWorker
// on its own QThread opens its own StudyStore per job (a store is not thread-safe), so the GUI
// thread never touches the database; every job ends with a StudySnapshot (spec, configurations,
// ranking) by value through finished(), or with failed() or cancelled(). While probing, each
// committed configuration arrives at once through configurationFinished() so the maps grow
// live. Watch jobs re-read a study that other processes work on (SQLite file or PostgreSQL
// server) through one store the worker keeps between watches, reopened after any error.
#include <borehole/study.h>
#include <borehole/study_halving.h>
#include <borehole/study_runner.h>
#include <borehole/study_store.h>

#include "jobrunner.h"

#include <QMetaType>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace borehole {

struct StudyRequest
{
    enum class Kind {
        Open,          ///< read the database only
        Run,           ///< prepare (spec text or the stored spec), probe, refit
        TrainSelected, ///< full runs of configurationIds, then refit
        TrainTop,      ///< trainFollowUps(topCount, one round)
        Watch,         ///< read the database again (kept open between watches), nothing else
    };
    Kind kind = Kind::Open;
    QString dbPath;
    /// Run: the spec to prepare the database with; empty means the spec the database holds.
    QString specText;
    QString specSource; ///< name used in parse errors, e.g. the file name
    QString specBaseDir; ///< folder relative model/data paths resolve against
    int limit = 0;      ///< Run: configurations to probe in this job (0: all pending)
    std::vector<std::int64_t> configurationIds;
    int topCount = 1;
};

/// What the panel shows after a job.
struct StudySnapshot
{
    StudyRequest::Kind kind = StudyRequest::Kind::Open; ///< the job that read it
    QString dbPath;      ///< as requested
    QString displayName; ///< the store's name: the path, or the URL without its password
    StudySpec spec;
    StudyRanking ranking;
    StudyCounts counts;
    /// Why the meta-model could not be (re)fitted, when it could not ("" otherwise).
    QString modelNote;
    /// Short line about the job, e.g. "probed 3 configurations (0 failed) in 4.1 s".
    QString summary;
    /// Probe-halving studies: every rung row, and per promoted rung the configurations the
    /// score promoted against those the validation alone (plain halving) would have.
    std::vector<RungRecord> rungs;
    std::vector<RungComparison> rungComparisons;
    /// Every full run (the dashboard's optimisation history).
    std::vector<FullRunRecord> fullRuns;
};

/// Lives on the study thread; each run() opens its own StudyStore.
class StudyWorker : public JobWorker
{
    Q_OBJECT
public:
    using JobWorker::JobWorker;

    void run(const borehole::StudyRequest& request);

    /// Configurations finished on this thread and not yet taken by the runner, in order.
    Handoff<ConfigurationRecord>& records() { return m_records; }
    /// The job's final snapshot.
    Handoff<StudySnapshot>& results() { return m_results; }

signals:
    /// records() went from empty to holding a record.
    void recordsPosted();

private:
    void runJob(const borehole::StudyRequest& request, const ProgressFn& onProgress);

    // Watch jobs' store, kept open between reads of the same study (a PostgreSQL connection
    // is not re-established every few seconds); dropped after an error, so the next watch
    // reconnects.
    std::optional<StudyStore> m_watchStore;
    QString m_watchPath;
    Handoff<ConfigurationRecord> m_records;
    Handoff<StudySnapshot> m_results;
};

/// GUI-side owner of the study thread (see JobRunner); progress is merged to one signal per
/// kCoalesceMs, finished configurations are forwarded at once (a few per second at most).
class StudyRunner : public JobRunner
{
    Q_OBJECT
public:
    explicit StudyRunner(QObject* parent = nullptr);

    bool start(const StudyRequest& request);

signals:
    void configurationFinished(const borehole::ConfigurationRecord& record);
    void finished(const borehole::StudySnapshot& snapshot);

private:
    StudyWorker* m_worker = nullptr; // owned by the thread (JobRunner::adopt)
};

void registerStudyMetaTypes();

} // namespace borehole

Q_DECLARE_METATYPE(borehole::ConfigurationRecord)
Q_DECLARE_METATYPE(borehole::StudySnapshot)
Q_DECLARE_METATYPE(borehole::StudyRequest)
