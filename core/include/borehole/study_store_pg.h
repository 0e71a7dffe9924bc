#pragma once
// A study on a PostgreSQL server (docs/scale-out.md): the tables of docs/study-schema.md
// (study_meta, spec, configurations, full_runs, meta_models, predictions, rungs) and the same claim,
// heartbeat, finish, release and reclaim rules as the SQLite StudyStore, for workers on any
// number of machines sharing one database. A claim takes the pending configuration with the
// fewest failures, then the lowest index, with SELECT … FOR UPDATE SKIP LOCKED, so concurrent
// workers never wait for each other's row locks and never take one configuration twice; leases
// are compared with the server's clock. libpq stays inside study_store_pg.cpp.
//
// StudyStore::open / openExisting hand a postgresql:// URL to this class and forward every method
// to it, so `borehole-cli study run --db postgresql://…` and the rest of Borehole use it through
// StudyStore, probe-halving rungs included (their checkpoints live in the spec's
// "halving.checkpoints" folder). Tested against a real server by tests/cli/study_postgres.sh.
#include "borehole/study_store.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace borehole {

class PgStudyStore
{
public:
    /// False when Borehole was built without libpq (then open() throws).
    static bool available();
    /// True for "postgresql://…" and "postgres://…" connection URIs.
    static bool isUrl(const std::string& text);
    /// Connects and creates the tables when missing (serialised between workers by an advisory
    /// lock). Throws Error "<url without password>: cannot connect to the PostgreSQL server
    /// (<libpq's message>)".
    static PgStudyStore open(const std::string& url);
    ~PgStudyStore();
    PgStudyStore(PgStudyStore&&) noexcept;
    PgStudyStore& operator=(PgStudyStore&&) noexcept;

    /// The URL without its password.
    const std::string& url() const;
    /// "host:pid:random", as StudyStore::workerId().
    const std::string& workerId() const;

    /// The stored spec JSON, or empty.
    std::string specJson() const;
    /// Stores the spec and its configurations in one transaction; false (nothing changed) when
    /// a spec is stored already.
    bool initialise(const StudySpec& spec, const std::vector<Configuration>& configurations);
    bool initialise(const std::string& specJson, const std::vector<Configuration>& configurations);

    /// The rules of StudyStore (docs/study-schema.md, "Claims, leases and failures").
    int reclaimAbandoned();
    std::optional<ConfigurationRecord> claimNext(double leaseSeconds = kDefaultLeaseSeconds);
    bool heartbeat(std::int64_t id, double leaseSeconds = kDefaultLeaseSeconds);
    bool finish(std::int64_t id, const ConfigurationFeatures& features);
    bool release(std::int64_t id, const std::string& error = {});

    void setInfo(const std::string& key, const std::string& value);
    std::string info(const std::string& key) const;
    std::vector<ConfigurationRecord> configurations() const;
    std::optional<ConfigurationRecord> configuration(std::int64_t id) const;
    StudyCounts counts() const;

    /// Full runs and meta-models as StudyStore's.
    std::int64_t beginFullRun(std::int64_t configurationId,
                              double leaseSeconds = kDefaultLeaseSeconds);
    bool heartbeatFullRun(std::int64_t runId, double leaseSeconds = kDefaultLeaseSeconds);
    void finishFullRun(std::int64_t runId, const TrainResult& result);
    void abandonFullRun(std::int64_t runId);
    std::vector<FullRunRecord> fullRuns() const;
    int addMetaModel(const MetaModelRecord& record);
    std::optional<MetaModelRecord> latestMetaModel() const;
    std::vector<MetaModelRecord> metaModels() const;

    /// Probe-halving rungs, as StudyStore's (table `rungs`; opening a rung is serialised between
    /// workers by an advisory lock, claims use FOR UPDATE SKIP LOCKED).
    bool openRung(int rung, const std::vector<std::pair<std::int64_t, std::int64_t>>& entries);
    std::optional<RungRecord> claimNextRung(double leaseSeconds = kDefaultLeaseSeconds);
    bool heartbeatRung(std::int64_t id, double leaseSeconds = kDefaultLeaseSeconds);
    bool finishRung(std::int64_t id, const RungRecord& result);
    bool releaseRung(std::int64_t id, const std::string& error = {});
    std::vector<RungRecord> rungs() const;

    struct Impl;

private:
    explicit PgStudyStore(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace borehole
