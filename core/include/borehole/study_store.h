#pragma once
// A study's database: one SQLite file (WAL journal, one transaction per state change) holding
// the spec, the configurations with their status (pending / running / done / failed + reason),
// probe features and costs, full-run outcomes with learning curves, meta-model versions and
// their predictions, with timestamps. Several workers (processes, or StudyStore objects) may
// work on one study at once: a worker claims a configuration (owner + lease), renews the lease
// while it works (heartbeat) and commits its result only while it still owns the claim. A claim
// whose lease ran out, or whose owner is a process of this host that no longer exists, goes back
// to the pool, so killing a worker at any moment loses at most the configuration in flight.
// Table layout and the claim rules (shared by every store): docs/study-schema.md.
#include "borehole/study.h"

#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace borehole {

enum class RunStatus { Pending, Running, Done, Failed };
std::string toString(RunStatus status);
RunStatus parseRunStatus(const std::string& text); ///< pending, running, done, failed

struct ConfigurationRecord
{
    std::int64_t id = 0; ///< database row id
    int index = 0;       ///< position in the sampler's list
    Hyperparameters hyper;
    std::vector<double> unit;
    RunStatus status = RunStatus::Pending;
    std::string reason; ///< failed: why
    std::map<std::string, double> features;
    /// The probe feature `name`; NaN when the probe did not record it.
    double feature(const std::string& name) const
    {
        const auto it = features.find(name);
        return it == features.end() ? std::numeric_limits<double>::quiet_NaN() : it->second;
    }
    ProbeCost burstCost;
    ProbeCost probeCost;
    int attempts = 0; ///< how often a probe run started (a resumed crash shows 2)
    /// Attempts that ended without a result: an error, or a worker that stopped holding the claim.
    int failures = 0;
    std::string owner; ///< running: the worker holding the claim ("host:pid:random")
    std::string startedAt;
    std::string finishedAt;
};

/// A claim lasts this long without a heartbeat (seconds).
constexpr double kDefaultLeaseSeconds = 120.0;
/// Attempts of one configuration that may end without a result before it is marked failed.
constexpr int kMaxConfigurationFailures = 3;

struct FullRunRecord
{
    std::int64_t id = 0;
    std::int64_t configurationId = 0;
    RunStatus status = RunStatus::Pending;
    std::string reason;
    double outcome = 0.0; ///< final validation metric (NaN when failed)
    std::vector<TrainPoint> curve;
    std::int64_t steps = 0;
    ProbeCost cost;
    std::string startedAt;
    std::string finishedAt;
};

/// One configuration's work at one rung of a probe-halving study (table `rungs`): train from
/// the previous rung's checkpoint to `steps`, then measure. Claimed, leased and reclaimed by the
/// same rules as configurations (docs/study-schema.md), so a killed worker loses no rung.
struct RungRecord
{
    std::int64_t id = 0;
    std::int64_t configurationId = 0;
    int rung = 1;             ///< 1 … K (rung 0 is the configuration's probe)
    std::int64_t steps = 0;   ///< optimizer steps from θ₀ at the end of this rung
    RunStatus status = RunStatus::Pending;
    std::string reason;
    double validation = 0.0;  ///< validation metric at `steps` (NaN: diverged)
    double previousValidation = 0.0; ///< at the previous rung's end (burst end for rung 1)
    double lambdaMax = 0.0;   ///< λmax at `steps` (NaN when not measured)
    double score = 0.0;       ///< the promotion score (higher is better); NaN: never promoted
    std::string checkpoint;   ///< trainer checkpoint at `steps` (file next to the database)
    ProbeCost cost;           ///< this rung's training and λmax cost
    int attempts = 0;
    int failures = 0;
    std::string owner;
    std::string startedAt;
    std::string finishedAt;
};

struct Prediction
{
    std::int64_t configurationId = 0;
    double mean = 0.0;         ///< predicted outcome (metric units); NaN for proxy models
    double std = 0.0;          ///< ensemble spread (metric units)
    double promisingness = 0.0; ///< higher is better
};

struct MetaModelRecord
{
    int version = 0;
    std::string createdAt;
    /// "proxy" (no full runs yet: promisingness from probe features), "outcome" (fitted on the
    /// study's full-run outcomes) or "transfer" (the spec's transferred model, fine-tuned on the
    /// study's full runs; validation = its error on them before it saw them).
    std::string kind;
    /// Predictions are outcomes in metric units ("outcome" and "transfer" models).
    bool predictsOutcomes() const { return kind == "outcome" || kind == "transfer"; }
    /// Target mode may use it: an outcome model, or a transferred one whose error on the
    /// study's own full runs was measured (validationRmse finite).
    bool supportsTargetMode() const
    {
        return kind == "outcome" || (kind == "transfer" && validationRmse == validationRmse);
    }
    int members = 0;
    int trainingRows = 0;
    double validationRmse = 0.0;     ///< on held-out rows, in the fitted target's units
    double validationSpearman = 0.0; ///< rank correlation on held-out rows
    std::string detailsJson;         ///< options, feature names, standardisation, weights
    std::vector<Prediction> predictions;
};

struct StudyCounts
{
    int pending = 0;
    int running = 0;
    int done = 0;
    int failed = 0;
    int fullRuns = 0;
    int fullRunsFailed = 0;
    int metaModels = 0;
    int total() const { return pending + running + done + failed; }
};

/// The SQLite file of one study. Not thread-safe: one StudyStore per thread (SQLite itself
/// serialises writers across processes; a second writer waits up to 30 s). Each StudyStore is
/// one worker with its own id.
class StudyStore
{
public:
    /// False when Borehole was built without SQLite (then open() throws).
    static bool available();
    /// Opens or creates the database (schema 1 databases are migrated to 2). Throws Error naming
    /// the path and the cause: "<path>: not a Borehole study database", "...: the study database
    /// is read-only", "...: disk full", "...: permission denied", "...: is a directory".
    static StudyStore open(const std::string& path);
    /// Opens a database that must exist already. Throws InputError "<path>: no such study
    /// database" when the file is missing, otherwise as open().
    static StudyStore openExisting(const std::string& path);
    ~StudyStore();
    StudyStore(StudyStore&&) noexcept;
    StudyStore& operator=(StudyStore&&) noexcept;

    const std::string& path() const;

    /// The stored spec (canonical JSON), or empty for a new database.
    std::string specJson() const;
    /// Stores the spec and its configurations in one transaction (new studies only). Returns
    /// false, changing nothing, when the database already holds a spec (another worker may have
    /// stored it a moment earlier).
    bool initialise(const StudySpec& spec, const std::vector<Configuration>& configurations);
    /// This worker's id, "host:pid:random", the owner of its claims.
    const std::string& workerId() const;

    /// Returns abandoned claims to the pool: 'running' configurations whose lease has expired
    /// or whose owner is a process of this host that no longer exists go back to 'pending' (or
    /// to 'failed' once they reach kMaxConfigurationFailures), such full runs are deleted.
    /// Live claims of other workers are left alone. Returns how many were reclaimed.
    int reclaimAbandoned();
    /// Claims the pending configuration with the fewest failures, then the lowest index (so a
    /// retry waits behind fresh work), after reclaimAbandoned(), in one
    /// BEGIN IMMEDIATE transaction: pending → running, owner = workerId(), lease until now +
    /// leaseSeconds, attempts + 1. Returns nullopt when nothing is left to claim.
    std::optional<ConfigurationRecord> claimNext(double leaseSeconds = kDefaultLeaseSeconds);
    /// Extends this worker's lease on a configuration (and on its running full runs). False when
    /// the claim is no longer this worker's (it expired and was taken over).
    bool heartbeat(std::int64_t id, double leaseSeconds = kDefaultLeaseSeconds);
    /// running → done with features and cost (failed when features.failed), only while this
    /// worker owns the claim; false (nothing written) otherwise.
    bool finish(std::int64_t id, const ConfigurationFeatures& features);
    /// Gives a claim back. An empty `error` (cancelled) returns it to 'pending' as it was; an
    /// error counts a failure and stores it as the reason: 'pending' again, or 'failed' ("failed
    /// 3 times; last: <error>") at kMaxConfigurationFailures. False when not this worker's.
    bool release(std::int64_t id, const std::string& error = {});

    /// Free-form facts about the study (e.g. "train_rows"), kept in the study_meta table.
    void setInfo(const std::string& key, const std::string& value);
    /// The value, or empty when unset.
    std::string info(const std::string& key) const;

    std::vector<ConfigurationRecord> configurations() const;
    std::optional<ConfigurationRecord> configuration(std::int64_t id) const;
    StudyCounts counts() const;

    /// A new full run of a configuration in state 'running', owned by this worker with a lease
    /// (renewed by heartbeatFullRun); returns its id.
    std::int64_t beginFullRun(std::int64_t configurationId,
                              double leaseSeconds = kDefaultLeaseSeconds);
    /// Extends the lease of this worker's running full run; false when it is gone.
    bool heartbeatFullRun(std::int64_t runId, double leaseSeconds = kDefaultLeaseSeconds);
    void finishFullRun(std::int64_t runId, const TrainResult& result);
    /// Removes a full run that was cancelled before it finished.
    void abandonFullRun(std::int64_t runId);
    std::vector<FullRunRecord> fullRuns() const;

    /// Stores a meta-model version with its predictions; returns its version number.
    int addMetaModel(const MetaModelRecord& record);
    std::optional<MetaModelRecord> latestMetaModel() const;
    std::vector<MetaModelRecord> metaModels() const; ///< without predictions

    /// Probe-halving rungs (table `rungs`; a second store mirrors these six calls).
    /// Opens rung `rung` with one pending row per (configuration id, steps), in one transaction,
    /// unless the rung has rows already (another worker opened it first): then false, nothing
    /// written.
    bool openRung(int rung, const std::vector<std::pair<std::int64_t, std::int64_t>>& entries);
    /// Claims the pending rung row of the lowest rung (fewest failures, lowest configuration
    /// index first) after reclaiming abandoned claims, as claimNext() does for configurations.
    std::optional<RungRecord> claimNextRung(double leaseSeconds = kDefaultLeaseSeconds);
    /// Extends this worker's lease on a rung row; false when the claim is no longer its own.
    bool heartbeatRung(std::int64_t id, double leaseSeconds = kDefaultLeaseSeconds);
    /// running → done (or failed when `result.status` is Failed) with validation, λmax, score,
    /// checkpoint and cost, only while this worker owns the claim; false otherwise.
    bool finishRung(std::int64_t id, const RungRecord& result);
    /// Gives a rung claim back, with the same rules as release().
    bool releaseRung(std::int64_t id, const std::string& error = {});
    /// Every rung row, by rung then configuration index.
    std::vector<RungRecord> rungs() const;

    struct Impl;

private:
    explicit StudyStore(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace borehole
