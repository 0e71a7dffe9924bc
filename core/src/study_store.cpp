// The study database on SQLite (WAL journal, synchronous=FULL, one transaction per change).
// Built without SQLite (BOREHOLE_HAVE_SQLITE undefined) every entry point throws, so the rest
// of core still builds on machines that lack the header.
#include "borehole/error.h"
#include "borehole/study_store.h"
#include "borehole/study_store_pg.h"
#include "study_store_common.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <limits>

#ifdef BOREHOLE_HAVE_SQLITE
#include <sqlite3.h>
#endif

#if defined(__unix__) || defined(__APPLE__)
#include <sys/types.h>
#include <unistd.h>
#define BOREHOLE_POSIX 1
#endif

namespace borehole {

using nlohmann::json;

std::string toString(RunStatus status)
{
    switch (status) {
    case RunStatus::Pending: return "pending";
    case RunStatus::Running: return "running";
    case RunStatus::Done: return "done";
    case RunStatus::Failed: return "failed";
    }
    return "pending";
}

RunStatus parseRunStatus(const std::string& text)
{
    if (text == "pending")
        return RunStatus::Pending;
    if (text == "running")
        return RunStatus::Running;
    if (text == "done")
        return RunStatus::Done;
    if (text == "failed")
        return RunStatus::Failed;
    throw InputError("unknown status '" + text + "'");
}

#ifndef BOREHOLE_HAVE_SQLITE

struct StudyStore::Impl
{
    std::string path;
};

namespace {
[[noreturn]] void unavailable()
{
    throw Error("study storage is unavailable: Borehole was built without SQLite "
                "(install libsqlite3-dev and rebuild)");
}
} // namespace

bool StudyStore::available() { return false; }
StudyStore StudyStore::open(const std::string&) { unavailable(); }
StudyStore StudyStore::openExisting(const std::string&) { unavailable(); }
const std::string& StudyStore::workerId() const { unavailable(); }
int StudyStore::reclaimAbandoned() { unavailable(); }
std::optional<ConfigurationRecord> StudyStore::claimNext(double) { unavailable(); }
bool StudyStore::heartbeat(std::int64_t, double) { unavailable(); }
bool StudyStore::release(std::int64_t, const std::string&) { unavailable(); }
bool StudyStore::heartbeatFullRun(std::int64_t, double) { unavailable(); }
StudyStore::StudyStore(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
StudyStore::~StudyStore() = default;
StudyStore::StudyStore(StudyStore&&) noexcept = default;
StudyStore& StudyStore::operator=(StudyStore&&) noexcept = default;
const std::string& StudyStore::path() const { return m_impl->path; }
std::string StudyStore::specJson() const { unavailable(); }
bool StudyStore::initialise(const StudySpec&, const std::vector<Configuration>&) { unavailable(); }
void StudyStore::setInfo(const std::string&, const std::string&) { unavailable(); }
std::string StudyStore::info(const std::string&) const { unavailable(); }
std::vector<ConfigurationRecord> StudyStore::configurations() const { unavailable(); }
std::optional<ConfigurationRecord> StudyStore::configuration(std::int64_t) const { unavailable(); }
StudyCounts StudyStore::counts() const { unavailable(); }
bool StudyStore::finish(std::int64_t, const ConfigurationFeatures&) { unavailable(); }
std::int64_t StudyStore::beginFullRun(std::int64_t, double) { unavailable(); }
void StudyStore::finishFullRun(std::int64_t, const TrainResult&) { unavailable(); }
void StudyStore::abandonFullRun(std::int64_t) { unavailable(); }
std::vector<FullRunRecord> StudyStore::fullRuns() const { unavailable(); }
int StudyStore::addMetaModel(const MetaModelRecord&) { unavailable(); }
std::optional<MetaModelRecord> StudyStore::latestMetaModel() const { unavailable(); }
std::vector<MetaModelRecord> StudyStore::metaModels() const { unavailable(); }
bool StudyStore::openRung(int, const std::vector<std::pair<std::int64_t, std::int64_t>>&) { unavailable(); }
std::optional<RungRecord> StudyStore::claimNextRung(double) { unavailable(); }
bool StudyStore::heartbeatRung(std::int64_t, double) { unavailable(); }
bool StudyStore::finishRung(std::int64_t, const RungRecord&) { unavailable(); }
bool StudyStore::releaseRung(std::int64_t, const std::string&) { unavailable(); }
std::vector<RungRecord> StudyStore::rungs() const { unavailable(); }


#else

namespace {

constexpr const char* kDbSchema = "borehole.study-db/2";
constexpr const char* kDbSchemaV1 = "borehole.study-db/1";
constexpr const char* kNow = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";
/// Seconds since 1970 by the database's clock (leases are compared in the database, so every
/// worker of a study uses one clock; a server store uses its server's).
constexpr const char* kEpoch = "((julianday('now') - 2440587.5) * 86400.0)";

const char* kCreate = R"SQL(
CREATE TABLE IF NOT EXISTS study_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS spec(
  id INTEGER PRIMARY KEY CHECK (id = 1),
  json TEXT NOT NULL,
  created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS configurations(
  id INTEGER PRIMARY KEY,
  idx INTEGER NOT NULL UNIQUE,
  hyperparameters TEXT NOT NULL,
  unit TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'running', 'done', 'failed')),
  reason TEXT NOT NULL DEFAULT '',
  features TEXT,
  burst_cost TEXT,
  probe_cost TEXT,
  cost_gradients INTEGER,
  cost_hvps INTEGER,
  cost_seconds REAL,
  attempts INTEGER NOT NULL DEFAULT 0,
  failures INTEGER NOT NULL DEFAULT 0,
  owner TEXT,
  lease_until REAL,
  started_at TEXT,
  finished_at TEXT);
CREATE TABLE IF NOT EXISTS full_runs(
  id INTEGER PRIMARY KEY,
  configuration_id INTEGER NOT NULL REFERENCES configurations(id),
  status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'done', 'failed')),
  reason TEXT NOT NULL DEFAULT '',
  outcome REAL,
  curve TEXT,
  steps INTEGER,
  cost TEXT,
  cost_gradients INTEGER,
  cost_seconds REAL,
  owner TEXT,
  lease_until REAL,
  started_at TEXT NOT NULL,
  finished_at TEXT);
CREATE TABLE IF NOT EXISTS meta_models(
  version INTEGER PRIMARY KEY,
  created_at TEXT NOT NULL,
  kind TEXT NOT NULL,
  members INTEGER NOT NULL,
  training_rows INTEGER NOT NULL,
  validation_rmse REAL,
  validation_spearman REAL,
  details TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS predictions(
  version INTEGER NOT NULL REFERENCES meta_models(version),
  configuration_id INTEGER NOT NULL REFERENCES configurations(id),
  mean REAL,
  std REAL,
  promisingness REAL,
  PRIMARY KEY (version, configuration_id));
CREATE TABLE IF NOT EXISTS rungs(
  id INTEGER PRIMARY KEY,
  configuration_id INTEGER NOT NULL REFERENCES configurations(id),
  rung INTEGER NOT NULL,
  steps INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'running', 'done', 'failed')),
  reason TEXT NOT NULL DEFAULT '',
  validation REAL,
  previous_validation REAL,
  lambda_max REAL,
  score REAL,
  checkpoint TEXT NOT NULL DEFAULT '',
  cost TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  failures INTEGER NOT NULL DEFAULT 0,
  owner TEXT,
  lease_until REAL,
  started_at TEXT,
  finished_at TEXT,
  UNIQUE (rung, configuration_id));
)SQL";

double nanIfNull(sqlite3_stmt* s, int col)
{
    return sqlite3_column_type(s, col) == SQLITE_NULL ? std::numeric_limits<double>::quiet_NaN()
                                                      : sqlite3_column_double(s, col);
}

std::string text(sqlite3_stmt* s, int col)
{
    const auto* p = sqlite3_column_text(s, col);
    return p ? reinterpret_cast<const char*>(p) : std::string();
}

using studystore::costFrom;
using studystore::costJson;
using studystore::hyperFrom;
using studystore::makeWorkerId;
using studystore::number;
using studystore::numberFrom;
using studystore::ownerIsDeadHere;

/// What went wrong, in words a user can act on, for an SQLite result code.
std::string causeOf(sqlite3* db, int rc)
{
    const int primary = rc & 0xff;
    const int sys = db ? sqlite3_system_errno(db) : 0;
    switch (primary) {
    case SQLITE_FULL: return "disk full";
    case SQLITE_READONLY: return "the study database is read-only (no write permission on the file "
                                 "or its folder, or a read-only file system)";
    case SQLITE_PERM:
    case SQLITE_AUTH: return "permission denied";
    case SQLITE_NOTADB: return "not a Borehole study database";
    case SQLITE_CORRUPT: return "the study database is corrupt";
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return "the study database is locked by another process";
    default: break;
    }
    if (sys == ENOSPC)
        return "disk full";
    if (sys == EACCES || sys == EPERM)
        return "permission denied";
    if (sys == EROFS)
        return "read-only file system";
    if (sys != 0)
        return std::string(db ? sqlite3_errmsg(db) : "error") + " (" + std::strerror(sys) + ")";
    return db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
}

} // namespace

struct StudyStore::Impl
{
    std::string path;
    std::string workerId = makeWorkerId();
    sqlite3* db = nullptr;
    /// Set for a postgresql:// study: every method forwards to it (docs/scale-out.md).
    std::unique_ptr<PgStudyStore> pg;

    ~Impl()
    {
        if (db)
            sqlite3_close_v2(db);
    }

    [[noreturn]] void fail(const std::string& what) const
    {
        const int rc = db ? sqlite3_extended_errcode(db) : SQLITE_ERROR;
        throw Error(path + ": " + what + ": " + causeOf(db, rc));
    }

    void exec(const std::string& sql) const
    {
        char* err = nullptr;
        const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
        if (rc != SQLITE_OK) {
            sqlite3_free(err);
            throw Error(path + ": " + causeOf(db, sqlite3_extended_errcode(db)));
        }
    }

    /// A prepared statement, finalised on scope exit.
    class Stmt
    {
    public:
        Stmt(const Impl& impl, const std::string& sql) : m_impl(impl)
        {
            if (sqlite3_prepare_v2(impl.db, sql.c_str(), -1, &m_stmt, nullptr) != SQLITE_OK)
                impl.fail("cannot prepare statement");
        }
        ~Stmt() { sqlite3_finalize(m_stmt); }
        Stmt(const Stmt&) = delete;
        Stmt& operator=(const Stmt&) = delete;

        Stmt& bind(int i, std::int64_t v)
        {
            sqlite3_bind_int64(m_stmt, i, v);
            return *this;
        }
        Stmt& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
        Stmt& bind(int i, double v)
        {
            if (std::isfinite(v))
                sqlite3_bind_double(m_stmt, i, v);
            else
                sqlite3_bind_null(m_stmt, i);
            return *this;
        }
        Stmt& bind(int i, const std::string& v)
        {
            sqlite3_bind_text(m_stmt, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
            return *this;
        }
        /// True while a row is available.
        bool step()
        {
            const int rc = sqlite3_step(m_stmt);
            if (rc == SQLITE_ROW)
                return true;
            if (rc != SQLITE_DONE)
                m_impl.fail("cannot write to the study database");
            return false;
        }
        sqlite3_stmt* get() const { return m_stmt; }

    private:
        const Impl& m_impl;
        sqlite3_stmt* m_stmt = nullptr;
    };

    /// BEGIN IMMEDIATE … COMMIT, rolled back when the scope exits by an exception.
    class Transaction
    {
    public:
        explicit Transaction(const Impl& impl) : m_impl(impl) { impl.exec("BEGIN IMMEDIATE"); }
        ~Transaction()
        {
            if (!m_done)
                sqlite3_exec(m_impl.db, "ROLLBACK", nullptr, nullptr, nullptr);
        }
        void commit()
        {
            m_impl.exec("COMMIT");
            m_done = true;
        }

    private:
        const Impl& m_impl;
        bool m_done = false;
    };

    int changes() const { return sqlite3_changes(db); }
};

bool StudyStore::available()
{
    return true;
}

namespace {

/// Refusals that SQLite would report vaguely or not at all.
void checkOpenable(const std::string& path)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto st = fs::status(path, ec);
    if (fs::is_directory(st))
        throw Error(path + ": is a directory, not a study database");
    if (fs::exists(st) && !fs::is_regular_file(st))
        throw Error(path + ": not a regular file (a study database must be one)");
#ifdef BOREHOLE_POSIX
    if (fs::exists(st)) {
        if (::access(path.c_str(), R_OK) != 0)
            throw Error(path + ": permission denied (cannot read the study database)");
        if (::access(path.c_str(), W_OK) != 0)
            throw Error(path + ": the study database is read-only (" + std::strerror(errno) + ")");
    }
    const auto parent = fs::absolute(path, ec).parent_path();
    if (!parent.empty() && fs::exists(parent, ec) && ::access(parent.c_str(), W_OK) != 0)
        throw Error(path + ": the folder " + parent.string() + " is read-only ("
                    + std::strerror(errno) + "); a study database needs to create its journal "
                    "files next to it");
#endif
}

/// Schema 1 → 2: claims with owner and lease, failure counts.
void migrate(StudyStore::Impl& impl, const std::string& schema)
{
    if (schema == kDbSchema)
        return;
    impl.exec("ALTER TABLE configurations ADD COLUMN failures INTEGER NOT NULL DEFAULT 0");
    impl.exec("ALTER TABLE configurations ADD COLUMN owner TEXT");
    impl.exec("ALTER TABLE configurations ADD COLUMN lease_until REAL");
    impl.exec("ALTER TABLE full_runs ADD COLUMN owner TEXT");
    impl.exec("ALTER TABLE full_runs ADD COLUMN lease_until REAL");
    impl.exec(std::string("UPDATE study_meta SET value = '") + kDbSchema
              + "' WHERE key = 'schema'");
}

} // namespace

StudyStore StudyStore::openExisting(const std::string& path)
{
    if (PgStudyStore::isUrl(path)) {
        auto store = open(path);
        if (store.specJson().empty())
            throw InputError(store.path() + ": no such study on the server (create one with "
                             "'borehole-cli study run spec.json --db " + store.path() + "')");
        return store;
    }
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw InputError(path + ": no such study database (create one with 'borehole-cli study "
                                "run spec.json --db " + path + "')");
    return open(path);
}

StudyStore StudyStore::open(const std::string& path)
{
    if (PgStudyStore::isUrl(path)) { // a server store behind the same API and rules
        auto impl = std::make_unique<Impl>();
        impl->pg = std::make_unique<PgStudyStore>(PgStudyStore::open(path));
        impl->path = impl->pg->url();
        impl->workerId = impl->pg->workerId();
        return StudyStore(std::move(impl));
    }
    checkOpenable(path);
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    const int rc = sqlite3_open_v2(path.c_str(), &impl->db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    if (rc != SQLITE_OK)
        throw Error(path + ": cannot open the study database: " + causeOf(impl->db, rc));
    sqlite3_busy_timeout(impl->db, 30000);
    sqlite3_extended_result_codes(impl->db, 1);
    if (sqlite3_db_readonly(impl->db, "main") == 1)
        throw Error(path + ": the study database is read-only");
    // Only a file that is not SQLite at all is "not a Borehole study database"; a read-only
    // file, a full disk or a lock says so.
    auto setup = [&](const char* sql) {
        char* err = nullptr;
        const int r = sqlite3_exec(impl->db, sql, nullptr, nullptr, &err);
        sqlite3_free(err);
        if (r != SQLITE_OK)
            throw Error(path + ": " + causeOf(impl->db, sqlite3_extended_errcode(impl->db)));
    };
    setup("PRAGMA foreign_keys = ON");
    setup("PRAGMA journal_mode = WAL");
    setup("PRAGMA synchronous = FULL");
    std::string schema;
    {
        // An existing database must be ours: tables but no study_meta row means something else.
        Impl::Stmt tables(*impl, "SELECT count(*) FROM sqlite_master WHERE type = 'table'");
        tables.step();
        const auto count = sqlite3_column_int64(tables.get(), 0);
        if (count > 0) {
            Impl::Stmt has(*impl, "SELECT count(*) FROM sqlite_master WHERE name = 'study_meta'");
            has.step();
            if (sqlite3_column_int64(has.get(), 0) == 0)
                throw Error(path + ": not a Borehole study database");
            Impl::Stmt stored(*impl, "SELECT value FROM study_meta WHERE key = 'schema'");
            schema = stored.step() ? text(stored.get(), 0) : std::string();
            if (schema != kDbSchema && schema != kDbSchemaV1)
                throw Error(path + ": not a Borehole study database (expected schema "
                            + std::string(kDbSchema) + ", found '" + schema + "')");
        }
    }
    Impl::Transaction t(*impl);
    if (!schema.empty())
        migrate(*impl, schema);
    impl->exec(kCreate);
    impl->exec(std::string("INSERT OR IGNORE INTO study_meta(key, value) VALUES ('schema', '")
               + kDbSchema + "'), ('created_at', " + kNow + ")");
    t.commit();
    return StudyStore(std::move(impl));
}

StudyStore::StudyStore(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
StudyStore::~StudyStore() = default;
StudyStore::StudyStore(StudyStore&&) noexcept = default;
StudyStore& StudyStore::operator=(StudyStore&&) noexcept = default;

const std::string& StudyStore::path() const
{
    return m_impl->path;
}

std::string StudyStore::specJson() const
{
    if (m_impl->pg) // PostgreSQL study (study_store_pg.h)
        return m_impl->pg->specJson();
    Impl::Stmt s(*m_impl, "SELECT json FROM spec WHERE id = 1");
    return s.step() ? text(s.get(), 0) : std::string();
}

bool StudyStore::initialise(const StudySpec& spec, const std::vector<Configuration>& configurations)
{
    if (m_impl->pg) // PostgreSQL study (study_store_pg.h)
        return m_impl->pg->initialise(spec, configurations);
    Impl::Transaction t(*m_impl);
    {
        Impl::Stmt has(*m_impl, "SELECT count(*) FROM spec");
        has.step();
        if (sqlite3_column_int64(has.get(), 0) > 0)
            return false;
    }
    Impl::Stmt(*m_impl, std::string("INSERT INTO spec(id, json, created_at) VALUES (1, ?, ") + kNow
                            + ")")
        .bind(1, toJson(spec))
        .step();
    Impl::Stmt insert(*m_impl,
                      "INSERT INTO configurations(idx, hyperparameters, unit) VALUES (?, ?, ?)");
    for (const auto& c : configurations) {
        sqlite3_reset(insert.get());
        insert.bind(1, c.index).bind(2, hyperparametersJson(c.hyper)).bind(3, json(c.unit).dump());
        insert.step();
    }
    t.commit();
    return true;
}

const std::string& StudyStore::workerId() const
{
    return m_impl->workerId;
}

namespace {

/// The body of reclaimAbandoned(), inside the caller's transaction.
int reclaimIn(const StudyStore::Impl& impl)
{
    struct Abandoned
    {
        std::int64_t id;
        int failures;
        std::string owner;
    };
    std::vector<Abandoned> configs;
    {
        StudyStore::Impl::Stmt s(impl, std::string("SELECT id, failures, coalesce(owner, ''), "
                                                   "coalesce(lease_until < ")
                                           + kEpoch + ", 1) FROM configurations WHERE status = "
                                                      "'running'");
        while (s.step()) {
            const std::string owner = text(s.get(), 2);
            const bool expired = sqlite3_column_int(s.get(), 3) != 0;
            if (expired || owner.empty() || ownerIsDeadHere(owner, impl.workerId))
                configs.push_back({sqlite3_column_int64(s.get(), 0), sqlite3_column_int(s.get(), 1),
                                   owner});
        }
    }
    for (const auto& c : configs) {
        const int failures = c.failures + 1;
        const std::string why = "the worker holding it (" + (c.owner.empty() ? "unknown" : c.owner)
                                + ") stopped before it finished";
        if (failures >= kMaxConfigurationFailures)
            StudyStore::Impl::Stmt(impl, std::string("UPDATE configurations SET status = "
                                                     "'failed', failures = ?, reason = ?, owner = "
                                                     "NULL, lease_until = NULL, finished_at = ")
                                             + kNow + " WHERE id = ?")
                .bind(1, failures)
                .bind(2, "gave up after " + std::to_string(failures)
                             + " attempts without a result; last: " + why)
                .bind(3, c.id)
                .step();
        else
            StudyStore::Impl::Stmt(impl, "UPDATE configurations SET status = 'pending', failures "
                                         "= ?, reason = ?, owner = NULL, lease_until = NULL, "
                                         "started_at = NULL WHERE id = ?")
                .bind(1, failures)
                .bind(2, why)
                .bind(3, c.id)
                .step();
    }
    std::vector<std::int64_t> runs;
    {
        StudyStore::Impl::Stmt s(impl, std::string("SELECT id, coalesce(owner, ''), "
                                                   "coalesce(lease_until < ")
                                           + kEpoch + ", 1) FROM full_runs WHERE status IN "
                                                      "('running', 'pending')");
        while (s.step()) {
            const std::string owner = text(s.get(), 1);
            if (sqlite3_column_int(s.get(), 2) != 0 || owner.empty()
                || ownerIsDeadHere(owner, impl.workerId))
                runs.push_back(sqlite3_column_int64(s.get(), 0));
        }
    }
    for (const auto id : runs)
        StudyStore::Impl::Stmt(impl, "DELETE FROM full_runs WHERE id = ?").bind(1, id).step();
    // Rung rows follow the configurations' rule: back to pending (the next worker continues
    // from the previous rung's checkpoint), failed at kMaxConfigurationFailures.
    std::vector<Abandoned> rungRows;
    {
        StudyStore::Impl::Stmt s(impl, std::string("SELECT id, failures, coalesce(owner, ''), "
                                                   "coalesce(lease_until < ")
                                           + kEpoch + ", 1) FROM rungs WHERE status = 'running'");
        while (s.step()) {
            const std::string owner = text(s.get(), 2);
            const bool expired = sqlite3_column_int(s.get(), 3) != 0;
            if (expired || owner.empty() || ownerIsDeadHere(owner, impl.workerId))
                rungRows.push_back({sqlite3_column_int64(s.get(), 0),
                                    sqlite3_column_int(s.get(), 1), owner});
        }
    }
    for (const auto& c : rungRows) {
        const int failures = c.failures + 1;
        const std::string why = "the worker holding it (" + (c.owner.empty() ? "unknown" : c.owner)
                                + ") stopped before it finished";
        const bool give = failures >= kMaxConfigurationFailures;
        StudyStore::Impl::Stmt(impl, std::string("UPDATE rungs SET status = ?, failures = ?, "
                                                 "reason = ?, owner = NULL, lease_until = NULL, "
                                                 "started_at = NULL, finished_at = ")
                                         + (give ? kNow : "NULL") + " WHERE id = ?")
            .bind(1, std::string(give ? "failed" : "pending"))
            .bind(2, failures)
            .bind(3, give ? "gave up after " + std::to_string(failures)
                                + " attempts without a result; last: " + why
                          : why)
            .bind(4, c.id)
            .step();
    }
    return static_cast<int>(configs.size() + runs.size() + rungRows.size());
}

} // namespace

int StudyStore::reclaimAbandoned()
{
    if (m_impl->pg) // PostgreSQL study (study_store_pg.h)
        return m_impl->pg->reclaimAbandoned();
    Impl::Transaction t(*m_impl);
    const int n = reclaimIn(*m_impl);
    t.commit();
    return n;
}

std::optional<ConfigurationRecord> StudyStore::claimNext(double leaseSeconds)
{
    if (m_impl->pg) // PostgreSQL study (study_store_pg.h)
        return m_impl->pg->claimNext(leaseSeconds);
    Impl::Transaction t(*m_impl);
    reclaimIn(*m_impl);
    std::int64_t id = 0;
    {
        Impl::Stmt s(*m_impl, "SELECT id FROM configurations WHERE status = 'pending' ORDER BY "
                              "failures, idx LIMIT 1");
        if (!s.step()) {
            t.commit(); // keep what was reclaimed
            return std::nullopt;
        }
        id = sqlite3_column_int64(s.get(), 0);
    }
    Impl::Stmt(*m_impl, std::string("UPDATE configurations SET status = 'running', attempts = "
                                    "attempts + 1, owner = ?, lease_until = ")
                            + kEpoch + " + ?, started_at = " + kNow
                            + " WHERE id = ? AND status = 'pending'")
        .bind(1, m_impl->workerId)
        .bind(2, leaseSeconds)
        .bind(3, id)
        .step();
    t.commit();
    return configuration(id);
}

namespace {

// The claim rules that configurations and rung rows share (docs/study-schema.md), on `table`
// ("configurations" or "rungs", never user input): extend this worker's lease on its running
// row; give the row back — to the pool, or failed with the error once failures reach the cap.
// Each returns false when the row is no longer this worker's claim.
bool heartbeatClaim(StudyStore::Impl& impl, const char* table, std::int64_t id,
                    double leaseSeconds)
{
    StudyStore::Impl::Transaction t(impl);
    StudyStore::Impl::Stmt(impl, std::string("UPDATE ") + table + " SET lease_until = " + kEpoch
                                     + " + ? WHERE id = ? AND status = 'running' AND owner = ?")
        .bind(1, leaseSeconds)
        .bind(2, id)
        .bind(3, impl.workerId)
        .step();
    const bool owned = impl.changes() == 1;
    t.commit();
    return owned;
}

bool releaseClaim(StudyStore::Impl& impl, const char* table, std::int64_t id,
                  const std::string& error)
{
    StudyStore::Impl::Transaction t(impl);
    if (error.empty()) {
        StudyStore::Impl::Stmt(impl, std::string("UPDATE ") + table
                                         + " SET status = 'pending', owner = NULL, lease_until = "
                                           "NULL, started_at = NULL WHERE id = ? AND status = "
                                           "'running' AND owner = ?")
            .bind(1, id)
            .bind(2, impl.workerId)
            .step();
    } else {
        // failures + 1 reaching the cap: failed with the error; otherwise back to the pool.
        StudyStore::Impl::Stmt(
            impl, std::string("UPDATE ") + table
                      + " SET failures = failures + 1, owner = NULL, lease_until = NULL, status = "
                        "CASE WHEN failures + 1 >= ? THEN 'failed' ELSE 'pending' END, reason = "
                        "CASE WHEN failures + 1 >= ? THEN 'failed ' || (failures + 1) || ' "
                        "times; last: ' || ? ELSE ? END, started_at = CASE WHEN failures + 1 >= "
                        "? THEN started_at ELSE NULL END, finished_at = CASE WHEN failures + 1 >= "
                        "? THEN "
                      + kNow + " ELSE NULL END WHERE id = ? AND status = 'running' AND owner = ?")
            .bind(1, kMaxConfigurationFailures)
            .bind(2, kMaxConfigurationFailures)
            .bind(3, error)
            .bind(4, error)
            .bind(5, kMaxConfigurationFailures)
            .bind(6, kMaxConfigurationFailures)
            .bind(7, id)
            .bind(8, impl.workerId)
            .step();
    }
    const bool owned = impl.changes() == 1;
    t.commit();
    return owned;
}

} // namespace

bool StudyStore::heartbeat(std::int64_t id, double leaseSeconds)
{
    if (m_impl->pg) // PostgreSQL study (study_store_pg.h)
        return m_impl->pg->heartbeat(id, leaseSeconds);
    return heartbeatClaim(*m_impl, "configurations", id, leaseSeconds);
}

bool StudyStore::release(std::int64_t id, const std::string& error)
{
    if (m_impl->pg) // PostgreSQL study (study_store_pg.h)
        return m_impl->pg->release(id, error);
    return releaseClaim(*m_impl, "configurations", id, error);
}

void StudyStore::setInfo(const std::string& key, const std::string& value)
{
    if (m_impl->pg) // PostgreSQL study (study_store_pg.h)
        return m_impl->pg->setInfo(key, value);
    Impl::Transaction t(*m_impl);
    Impl::Stmt(*m_impl, "INSERT OR REPLACE INTO study_meta(key, value) VALUES (?, ?)")
        .bind(1, key)
        .bind(2, value)
        .step();
    t.commit();
}

std::string StudyStore::info(const std::string& key) const
{
    if (m_impl->pg) // PostgreSQL study (study_store_pg.h)
        return m_impl->pg->info(key);
    Impl::Stmt s(*m_impl, "SELECT value FROM study_meta WHERE key = ?");
    s.bind(1, key);
    return s.step() ? text(s.get(), 0) : std::string();
}

namespace {
constexpr const char* kConfigColumns =
    "SELECT id, idx, hyperparameters, unit, status, reason, features, burst_cost, probe_cost, "
    "attempts, started_at, finished_at, failures, coalesce(owner, '') FROM configurations";

ConfigurationRecord configurationFrom(sqlite3_stmt* s)
{
    ConfigurationRecord r;
    r.id = sqlite3_column_int64(s, 0);
    r.index = sqlite3_column_int(s, 1);
    r.hyper = hyperFrom(text(s, 2));
    const json unit = json::parse(text(s, 3));
    for (const auto& u : unit)
        r.unit.push_back(numberFrom(u));
    r.status = parseRunStatus(text(s, 4));
    r.reason = text(s, 5);
    const std::string f = text(s, 6);
    if (!f.empty()) {
        const json features = json::parse(f);
        for (const auto& [k, v] : features.items())
            r.features[k] = numberFrom(v);
    }
    r.burstCost = costFrom(text(s, 7));
    r.probeCost = costFrom(text(s, 8));
    r.attempts = sqlite3_column_int(s, 9);
    r.startedAt = text(s, 10);
    r.finishedAt = text(s, 11);
    r.failures = sqlite3_column_int(s, 12);
    r.owner = text(s, 13);
    return r;
}
} // namespace

std::vector<ConfigurationRecord> StudyStore::configurations() const
{
    if (m_impl->pg) // PostgreSQL study (study_store_pg.h)
        return m_impl->pg->configurations();
    Impl::Stmt s(*m_impl, std::string(kConfigColumns) + " ORDER BY idx");
    std::vector<ConfigurationRecord> out;
    while (s.step())
        out.push_back(configurationFrom(s.get()));
    return out;
}

std::optional<ConfigurationRecord> StudyStore::configuration(std::int64_t id) const
{
    if (m_impl->pg) // PostgreSQL study (study_store_pg.h)
        return m_impl->pg->configuration(id);
    Impl::Stmt s(*m_impl, std::string(kConfigColumns) + " WHERE id = ?");
    s.bind(1, id);
    if (!s.step())
        return std::nullopt;
    return configurationFrom(s.get());
}

StudyCounts StudyStore::counts() const
{
    if (m_impl->pg) // PostgreSQL study (study_store_pg.h)
        return m_impl->pg->counts();
    StudyCounts c;
    {
        Impl::Stmt s(*m_impl, "SELECT status, count(*) FROM configurations GROUP BY status");
        while (s.step()) {
            const int n = sqlite3_column_int(s.get(), 1);
            switch (parseRunStatus(text(s.get(), 0))) {
            case RunStatus::Pending: c.pending = n; break;
            case RunStatus::Running: c.running = n; break;
            case RunStatus::Done: c.done = n; break;
            case RunStatus::Failed: c.failed = n; break;
            }
        }
    }
    Impl::Stmt runs(*m_impl, "SELECT count(*), coalesce(sum(status = 'failed'), 0) FROM full_runs "
                             "WHERE status IN ('done', 'failed')");
    runs.step();
    c.fullRuns = sqlite3_column_int(runs.get(), 0);
    c.fullRunsFailed = sqlite3_column_int(runs.get(), 1);
    Impl::Stmt models(*m_impl, "SELECT count(*) FROM meta_models");
    models.step();
    c.metaModels = sqlite3_column_int(models.get(), 0);
    return c;
}

bool StudyStore::finish(std::int64_t id, const ConfigurationFeatures& f)
{
    if (m_impl->pg) // PostgreSQL study (study_store_pg.h)
        return m_impl->pg->finish(id, f);
    json features = json::object();
    for (const auto& [k, v] : f.values)
        features[k] = number(v);
    const ProbeCost total = f.total();
    Impl::Transaction t(*m_impl);
    Impl::Stmt(*m_impl, std::string("UPDATE configurations SET status = ?, reason = ?, features = "
                                    "?, burst_cost = ?, probe_cost = ?, cost_gradients = ?, "
                                    "cost_hvps = ?, cost_seconds = ?, owner = NULL, "
                                    "lease_until = NULL, finished_at = ")
                            + kNow + " WHERE id = ? AND status = 'running' AND owner = ?")
        .bind(1, std::string(f.failed ? "failed" : "done"))
        .bind(2, f.reason)
        .bind(3, features.dump())
        .bind(4, costJson(f.burstCost).dump())
        .bind(5, costJson(f.probeCost).dump())
        .bind(6, total.gradients)
        .bind(7, total.hvps)
        .bind(8, total.seconds)
        .bind(9, id)
        .bind(10, m_impl->workerId)
        .step();
    const bool owned = m_impl->changes() == 1;
    t.commit();
    return owned;
}

std::int64_t StudyStore::beginFullRun(std::int64_t configurationId, double leaseSeconds)
{
    if (m_impl->pg) // PostgreSQL study (study_store_pg.h)
        return m_impl->pg->beginFullRun(configurationId, leaseSeconds);
    Impl::Transaction t(*m_impl);
    Impl::Stmt(*m_impl, std::string("INSERT INTO full_runs(configuration_id, status, owner, "
                                    "lease_until, started_at) VALUES (?, 'running', ?, ")
                            + kEpoch + " + ?, " + kNow + ")")
        .bind(1, configurationId)
        .bind(2, m_impl->workerId)
        .bind(3, leaseSeconds)
        .step();
    const auto id = sqlite3_last_insert_rowid(m_impl->db);
    t.commit();
    return id;
}

bool StudyStore::heartbeatFullRun(std::int64_t runId, double leaseSeconds)
{
    if (m_impl->pg) // PostgreSQL study (study_store_pg.h)
        return m_impl->pg->heartbeatFullRun(runId, leaseSeconds);
    Impl::Transaction t(*m_impl);
    Impl::Stmt(*m_impl, std::string("UPDATE full_runs SET lease_until = ") + kEpoch
                            + " + ? WHERE id = ? AND status = 'running' AND owner = ?")
        .bind(1, leaseSeconds)
        .bind(2, runId)
        .bind(3, m_impl->workerId)
        .step();
    const bool owned = m_impl->changes() == 1;
    t.commit();
    return owned;
}

void StudyStore::finishFullRun(std::int64_t runId, const TrainResult& r)
{
    if (m_impl->pg) // PostgreSQL study (study_store_pg.h)
        return m_impl->pg->finishFullRun(runId, r);
    json curve = json::array();
    for (const auto& p : r.curve)
        curve.push_back({{"step", p.step},
                         {"train_loss", number(p.trainLoss)},
                         {"validation", number(p.validationMetric)},
                         {"lr", number(p.learningRate)}});
    ProbeCost cost = r.trainingCost;
    cost += r.probeCost;
    cost.seconds = r.seconds;
    const bool failed = r.diverged || !std::isfinite(r.finalValidationMetric);
    std::string reason = failed ? r.stopReason : std::string();
    if (failed && reason.empty())
        reason = "validation metric is not finite";
    Impl::Transaction t(*m_impl);
    Impl::Stmt(*m_impl, std::string("UPDATE full_runs SET status = ?, reason = ?, outcome = ?, "
                                    "curve = ?, steps = ?, cost = ?, cost_gradients = ?, "
                                    "cost_seconds = ?, finished_at = ")
                            + kNow + " WHERE id = ?")
        .bind(1, std::string(failed ? "failed" : "done"))
        .bind(2, reason)
        .bind(3, r.finalValidationMetric)
        .bind(4, curve.dump())
        .bind(5, r.steps)
        .bind(6, costJson(cost).dump())
        .bind(7, cost.gradients)
        .bind(8, cost.seconds)
        .bind(9, runId)
        .step();
    t.commit();
}

void StudyStore::abandonFullRun(std::int64_t runId)
{
    if (m_impl->pg) // PostgreSQL study (study_store_pg.h)
        return m_impl->pg->abandonFullRun(runId);
    Impl::Transaction t(*m_impl);
    Impl::Stmt(*m_impl, "DELETE FROM full_runs WHERE id = ?").bind(1, runId).step();
    t.commit();
}

std::vector<FullRunRecord> StudyStore::fullRuns() const
{
    if (m_impl->pg) // PostgreSQL study (study_store_pg.h)
        return m_impl->pg->fullRuns();
    Impl::Stmt s(*m_impl, "SELECT id, configuration_id, status, reason, outcome, curve, steps, "
                          "cost, started_at, finished_at FROM full_runs ORDER BY id");
    std::vector<FullRunRecord> out;
    while (s.step()) {
        FullRunRecord r;
        r.id = sqlite3_column_int64(s.get(), 0);
        r.configurationId = sqlite3_column_int64(s.get(), 1);
        r.status = parseRunStatus(text(s.get(), 2));
        r.reason = text(s.get(), 3);
        r.outcome = nanIfNull(s.get(), 4);
        const std::string curve = text(s.get(), 5);
        const json points = curve.empty() ? json::array() : json::parse(curve);
        for (const auto& p : points) {
            TrainPoint tp;
            tp.step = p.value("step", std::int64_t(0));
            tp.trainLoss = numberFrom(p["train_loss"]);
            tp.validationMetric = numberFrom(p["validation"]);
            tp.learningRate = numberFrom(p["lr"]);
            r.curve.push_back(tp);
        }
        r.steps = sqlite3_column_int64(s.get(), 6);
        r.cost = costFrom(text(s.get(), 7));
        r.startedAt = text(s.get(), 8);
        r.finishedAt = text(s.get(), 9);
        out.push_back(std::move(r));
    }
    return out;
}

int StudyStore::addMetaModel(const MetaModelRecord& m)
{
    if (m_impl->pg) // PostgreSQL study (study_store_pg.h)
        return m_impl->pg->addMetaModel(m);
    Impl::Transaction t(*m_impl);
    Impl::Stmt(*m_impl, std::string("INSERT INTO meta_models(created_at, kind, members, "
                                    "training_rows, validation_rmse, validation_spearman, details) "
                                    "VALUES (")
                            + kNow + ", ?, ?, ?, ?, ?, ?)")
        .bind(1, m.kind)
        .bind(2, m.members)
        .bind(3, m.trainingRows)
        .bind(4, m.validationRmse)
        .bind(5, m.validationSpearman)
        .bind(6, m.detailsJson)
        .step();
    const int version = static_cast<int>(sqlite3_last_insert_rowid(m_impl->db));
    Impl::Stmt insert(*m_impl, "INSERT INTO predictions(version, configuration_id, mean, std, "
                               "promisingness) VALUES (?, ?, ?, ?, ?)");
    for (const auto& p : m.predictions) {
        sqlite3_reset(insert.get());
        insert.bind(1, version).bind(2, p.configurationId).bind(3, p.mean).bind(4, p.std).bind(
            5, p.promisingness);
        insert.step();
    }
    t.commit();
    return version;
}

namespace {
constexpr const char* kModelColumns = "SELECT version, created_at, kind, members, training_rows, "
                                      "validation_rmse, validation_spearman, details FROM "
                                      "meta_models";
MetaModelRecord modelFrom(sqlite3_stmt* s)
{
    MetaModelRecord m;
    m.version = sqlite3_column_int(s, 0);
    m.createdAt = text(s, 1);
    m.kind = text(s, 2);
    m.members = sqlite3_column_int(s, 3);
    m.trainingRows = sqlite3_column_int(s, 4);
    m.validationRmse = nanIfNull(s, 5);
    m.validationSpearman = nanIfNull(s, 6);
    m.detailsJson = text(s, 7);
    return m;
}
} // namespace

std::optional<MetaModelRecord> StudyStore::latestMetaModel() const
{
    if (m_impl->pg) // PostgreSQL study (study_store_pg.h)
        return m_impl->pg->latestMetaModel();
    Impl::Stmt s(*m_impl, std::string(kModelColumns) + " ORDER BY version DESC LIMIT 1");
    if (!s.step())
        return std::nullopt;
    MetaModelRecord m = modelFrom(s.get());
    Impl::Stmt p(*m_impl, "SELECT configuration_id, mean, std, promisingness FROM predictions "
                          "WHERE version = ? ORDER BY configuration_id");
    p.bind(1, m.version);
    while (p.step())
        m.predictions.push_back({sqlite3_column_int64(p.get(), 0), nanIfNull(p.get(), 1),
                                 nanIfNull(p.get(), 2), nanIfNull(p.get(), 3)});
    return m;
}

std::vector<MetaModelRecord> StudyStore::metaModels() const
{
    if (m_impl->pg) // PostgreSQL study (study_store_pg.h)
        return m_impl->pg->metaModels();
    Impl::Stmt s(*m_impl, std::string(kModelColumns) + " ORDER BY version");
    std::vector<MetaModelRecord> out;
    while (s.step())
        out.push_back(modelFrom(s.get()));
    return out;
}


bool StudyStore::openRung(int rung,
                          const std::vector<std::pair<std::int64_t, std::int64_t>>& entries)
{
    if (m_impl->pg)
        return m_impl->pg->openRung(rung, entries);
    Impl::Transaction t(*m_impl);
    {
        Impl::Stmt has(*m_impl, "SELECT count(*) FROM rungs WHERE rung = ?");
        has.bind(1, rung);
        has.step();
        if (sqlite3_column_int64(has.get(), 0) > 0)
            return false;
    }
    Impl::Stmt insert(*m_impl, "INSERT INTO rungs(configuration_id, rung, steps) VALUES (?, ?, ?)");
    for (const auto& [id, steps] : entries) {
        sqlite3_reset(insert.get());
        insert.bind(1, id).bind(2, rung).bind(3, steps);
        insert.step();
    }
    t.commit();
    return true;
}

namespace {
constexpr const char* kRungColumns =
    "SELECT r.id, r.configuration_id, r.rung, r.steps, r.status, r.reason, r.validation, "
    "r.previous_validation, r.lambda_max, r.score, r.checkpoint, r.cost, r.attempts, r.failures, "
    "coalesce(r.owner, ''), coalesce(r.started_at, ''), coalesce(r.finished_at, '') FROM rungs r";

RungRecord rungFrom(sqlite3_stmt* s)
{
    RungRecord r;
    r.id = sqlite3_column_int64(s, 0);
    r.configurationId = sqlite3_column_int64(s, 1);
    r.rung = sqlite3_column_int(s, 2);
    r.steps = sqlite3_column_int64(s, 3);
    r.status = parseRunStatus(text(s, 4));
    r.reason = text(s, 5);
    r.validation = nanIfNull(s, 6);
    r.previousValidation = nanIfNull(s, 7);
    r.lambdaMax = nanIfNull(s, 8);
    r.score = nanIfNull(s, 9);
    r.checkpoint = text(s, 10);
    r.cost = costFrom(text(s, 11));
    r.attempts = sqlite3_column_int(s, 12);
    r.failures = sqlite3_column_int(s, 13);
    r.owner = text(s, 14);
    r.startedAt = text(s, 15);
    r.finishedAt = text(s, 16);
    return r;
}
} // namespace

std::optional<RungRecord> StudyStore::claimNextRung(double leaseSeconds)
{
    if (m_impl->pg)
        return m_impl->pg->claimNextRung(leaseSeconds);
    Impl::Transaction t(*m_impl);
    reclaimIn(*m_impl);
    std::int64_t id = 0;
    {
        Impl::Stmt s(*m_impl, "SELECT r.id FROM rungs r JOIN configurations c ON c.id = "
                              "r.configuration_id WHERE r.status = 'pending' ORDER BY r.rung, "
                              "r.failures, c.idx LIMIT 1");
        if (!s.step()) {
            t.commit();
            return std::nullopt;
        }
        id = sqlite3_column_int64(s.get(), 0);
    }
    Impl::Stmt(*m_impl, std::string("UPDATE rungs SET status = 'running', attempts = attempts + "
                                    "1, owner = ?, lease_until = ")
                            + kEpoch + " + ?, started_at = " + kNow
                            + " WHERE id = ? AND status = 'pending'")
        .bind(1, m_impl->workerId)
        .bind(2, leaseSeconds)
        .bind(3, id)
        .step();
    t.commit();
    Impl::Stmt s(*m_impl, std::string(kRungColumns) + " WHERE r.id = ?");
    s.bind(1, id);
    if (!s.step())
        return std::nullopt;
    return rungFrom(s.get());
}

bool StudyStore::heartbeatRung(std::int64_t id, double leaseSeconds)
{
    if (m_impl->pg)
        return m_impl->pg->heartbeatRung(id, leaseSeconds);
    return heartbeatClaim(*m_impl, "rungs", id, leaseSeconds);
}

bool StudyStore::finishRung(std::int64_t id, const RungRecord& r)
{
    if (m_impl->pg)
        return m_impl->pg->finishRung(id, r);
    Impl::Transaction t(*m_impl);
    Impl::Stmt(*m_impl, std::string("UPDATE rungs SET status = ?, reason = ?, validation = ?, "
                                    "previous_validation = ?, lambda_max = ?, score = ?, "
                                    "checkpoint = ?, cost = ?, owner = NULL, lease_until = NULL, "
                                    "finished_at = ")
                            + kNow + " WHERE id = ? AND status = 'running' AND owner = ?")
        .bind(1, std::string(r.status == RunStatus::Failed ? "failed" : "done"))
        .bind(2, r.reason)
        .bind(3, r.validation)
        .bind(4, r.previousValidation)
        .bind(5, r.lambdaMax)
        .bind(6, r.score)
        .bind(7, r.checkpoint)
        .bind(8, costJson(r.cost).dump())
        .bind(9, id)
        .bind(10, m_impl->workerId)
        .step();
    const bool owned = m_impl->changes() == 1;
    t.commit();
    return owned;
}

bool StudyStore::releaseRung(std::int64_t id, const std::string& error)
{
    if (m_impl->pg)
        return m_impl->pg->releaseRung(id, error);
    return releaseClaim(*m_impl, "rungs", id, error);
}

std::vector<RungRecord> StudyStore::rungs() const
{
    if (m_impl->pg)
        return m_impl->pg->rungs();
    Impl::Stmt s(*m_impl, std::string(kRungColumns)
                              + " JOIN configurations c ON c.id = r.configuration_id ORDER BY "
                                "r.rung, c.idx");
    std::vector<RungRecord> out;
    while (s.step())
        out.push_back(rungFrom(s.get()));
    return out;
}

#endif

} // namespace borehole
