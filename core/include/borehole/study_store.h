#pragma once
// A study's database: one SQLite file (WAL journal, one transaction per state change) holding
// the spec, the configurations with their status (pending / running / done / failed + reason),
// probe features and costs, full-run outcomes with learning curves, meta-model versions and
// their predictions, with timestamps. Killing the process at any moment loses at most the
// configuration in flight: reopening turns 'running' rows back into 'pending' and everything
// that finished stays finished. Table layout: docs/study-schema.md.
#include "borehole/study.h"

#include <cstdint>
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
    ProbeCost burstCost;
    ProbeCost probeCost;
    int attempts = 0; ///< how often a probe run started (a resumed crash shows 2)
    std::string startedAt;
    std::string finishedAt;
};

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
    /// "proxy" (no full runs yet: promisingness from probe features) or "outcome".
    std::string kind;
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
/// serialises writers across processes; a second writer waits up to 10 s).
class StudyStore
{
public:
    /// False when Borehole was built without SQLite (then open() throws).
    static bool available();
    /// Opens or creates the database. Throws Error naming the path when it cannot be opened or
    /// is not a Borehole study ("<path>: not a Borehole study database").
    static StudyStore open(const std::string& path);
    ~StudyStore();
    StudyStore(StudyStore&&) noexcept;
    StudyStore& operator=(StudyStore&&) noexcept;

    const std::string& path() const;

    /// The stored spec (canonical JSON), or empty for a new database.
    std::string specJson() const;
    /// Stores the spec and its configurations in one transaction (new studies only).
    /// Throws Error when the database already holds a spec.
    void initialise(const StudySpec& spec, const std::vector<Configuration>& configurations);
    /// Turns configurations and full runs left 'running' by a killed process back into
    /// 'pending'; returns how many. Call once when a run starts.
    int recoverInterrupted();

    /// Free-form facts about the study (e.g. "train_rows"), kept in the study_meta table.
    void setInfo(const std::string& key, const std::string& value);
    /// The value, or empty when unset.
    std::string info(const std::string& key) const;

    std::vector<ConfigurationRecord> configurations() const;
    std::optional<ConfigurationRecord> configuration(std::int64_t id) const;
    StudyCounts counts() const;

    /// pending → running (attempts + 1, started_at now), committed before the work starts.
    void markRunning(std::int64_t id);
    /// running → done with features and cost; failed when features.failed.
    void finish(std::int64_t id, const ConfigurationFeatures& features);
    /// running → pending (cancelled).
    void markPending(std::int64_t id);

    /// A new full run of a configuration in state 'running'; returns its id.
    std::int64_t beginFullRun(std::int64_t configurationId);
    void finishFullRun(std::int64_t runId, const TrainResult& result);
    /// Removes a full run that was cancelled before it finished.
    void abandonFullRun(std::int64_t runId);
    std::vector<FullRunRecord> fullRuns() const;

    /// Stores a meta-model version with its predictions; returns its version number.
    int addMetaModel(const MetaModelRecord& record);
    std::optional<MetaModelRecord> latestMetaModel() const;
    std::vector<MetaModelRecord> metaModels() const; ///< without predictions

    struct Impl;

private:
    explicit StudyStore(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace borehole
