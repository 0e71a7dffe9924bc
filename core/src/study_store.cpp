// The study database on SQLite (WAL journal, synchronous=FULL, one transaction per change).
// Built without SQLite (BOREHOLE_HAVE_SQLITE undefined) every entry point throws, so the rest
// of core still builds on machines that lack the header.
#include "borehole/error.h"
#include "borehole/study_store.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>

#ifdef BOREHOLE_HAVE_SQLITE
#include <sqlite3.h>
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
StudyStore::StudyStore(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
StudyStore::~StudyStore() = default;
StudyStore::StudyStore(StudyStore&&) noexcept = default;
StudyStore& StudyStore::operator=(StudyStore&&) noexcept = default;
const std::string& StudyStore::path() const { return m_impl->path; }
std::string StudyStore::specJson() const { unavailable(); }
void StudyStore::initialise(const StudySpec&, const std::vector<Configuration>&) { unavailable(); }
int StudyStore::recoverInterrupted() { unavailable(); }
void StudyStore::setInfo(const std::string&, const std::string&) { unavailable(); }
std::string StudyStore::info(const std::string&) const { unavailable(); }
std::vector<ConfigurationRecord> StudyStore::configurations() const { unavailable(); }
std::optional<ConfigurationRecord> StudyStore::configuration(std::int64_t) const { unavailable(); }
StudyCounts StudyStore::counts() const { unavailable(); }
void StudyStore::markRunning(std::int64_t) { unavailable(); }
void StudyStore::finish(std::int64_t, const ConfigurationFeatures&) { unavailable(); }
void StudyStore::markPending(std::int64_t) { unavailable(); }
std::int64_t StudyStore::beginFullRun(std::int64_t) { unavailable(); }
void StudyStore::finishFullRun(std::int64_t, const TrainResult&) { unavailable(); }
void StudyStore::abandonFullRun(std::int64_t) { unavailable(); }
std::vector<FullRunRecord> StudyStore::fullRuns() const { unavailable(); }
int StudyStore::addMetaModel(const MetaModelRecord&) { unavailable(); }
std::optional<MetaModelRecord> StudyStore::latestMetaModel() const { unavailable(); }
std::vector<MetaModelRecord> StudyStore::metaModels() const { unavailable(); }

#else

namespace {

constexpr const char* kDbSchema = "borehole.study-db/1";
constexpr const char* kNow = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";

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

json costJson(const ProbeCost& c)
{
    return {{"forwards", c.forwards}, {"gradients", c.gradients}, {"hvps", c.hvps},
            {"seconds", c.seconds}};
}

ProbeCost costFrom(const std::string& t)
{
    ProbeCost c;
    if (t.empty())
        return c;
    const json j = json::parse(t);
    c.forwards = j.value("forwards", std::int64_t(0));
    c.gradients = j.value("gradients", std::int64_t(0));
    c.hvps = j.value("hvps", std::int64_t(0));
    c.seconds = j.value("seconds", 0.0);
    return c;
}

json number(double v)
{
    return std::isfinite(v) ? json(v) : json(nullptr);
}

double numberFrom(const json& j)
{
    return j.is_number() ? j.get<double>() : std::numeric_limits<double>::quiet_NaN();
}

Hyperparameters hyperFrom(const std::string& t)
{
    const json j = json::parse(t);
    Hyperparameters h;
    h.learningRate = j.value("learning_rate", h.learningRate);
    h.weightDecay = j.value("weight_decay", h.weightDecay);
    h.momentum = j.value("momentum", h.momentum);
    h.batchSize = j.value("batch_size", h.batchSize);
    const std::string opt = j.value("optimizer", std::string("sgd"));
    h.optimizer = opt == "adam" ? OptimizerKind::Adam
                  : opt == "adamw" ? OptimizerKind::AdamW
                                   : OptimizerKind::Sgd;
    h.samRho = j.value("sam_rho", h.samRho);
    h.initScale = j.value("init_scale", h.initScale);
    return h;
}

} // namespace

struct StudyStore::Impl
{
    std::string path;
    sqlite3* db = nullptr;

    ~Impl()
    {
        if (db)
            sqlite3_close_v2(db);
    }

    [[noreturn]] void fail(const std::string& what) const
    {
        throw Error(path + ": " + what + (db ? std::string(": ") + sqlite3_errmsg(db) : ""));
    }

    void exec(const std::string& sql) const
    {
        char* err = nullptr;
        if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
            const std::string msg = err ? err : "unknown error";
            sqlite3_free(err);
            throw Error(path + ": " + msg);
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
                m_impl.fail("write failed");
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

StudyStore StudyStore::open(const std::string& path)
{
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    if (sqlite3_open_v2(path.c_str(), &impl->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        nullptr)
        != SQLITE_OK)
        impl->fail("cannot open the study database");
    sqlite3_busy_timeout(impl->db, 10000);
    try {
        impl->exec("PRAGMA foreign_keys = ON");
        Impl::Stmt mode(*impl, "PRAGMA journal_mode = WAL");
        mode.step();
        impl->exec("PRAGMA synchronous = FULL");
    } catch (const Error&) {
        throw Error(path + ": not a Borehole study database");
    }
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
            Impl::Stmt schema(*impl, "SELECT value FROM study_meta WHERE key = 'schema'");
            if (!schema.step() || text(schema.get(), 0) != kDbSchema)
                throw Error(path + ": not a Borehole study database (expected schema "
                            + std::string(kDbSchema) + ")");
        }
    }
    Impl::Transaction t(*impl);
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
    Impl::Stmt s(*m_impl, "SELECT json FROM spec WHERE id = 1");
    return s.step() ? text(s.get(), 0) : std::string();
}

void StudyStore::initialise(const StudySpec& spec, const std::vector<Configuration>& configurations)
{
    Impl::Transaction t(*m_impl);
    {
        Impl::Stmt has(*m_impl, "SELECT count(*) FROM spec");
        has.step();
        if (sqlite3_column_int64(has.get(), 0) > 0)
            throw Error(m_impl->path + ": the study already has a spec");
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
}

int StudyStore::recoverInterrupted()
{
    Impl::Transaction t(*m_impl);
    m_impl->exec("UPDATE configurations SET status = 'pending', started_at = NULL "
                 "WHERE status = 'running'");
    const int configurations = m_impl->changes();
    m_impl->exec("DELETE FROM full_runs WHERE status IN ('running', 'pending')");
    const int runs = m_impl->changes();
    t.commit();
    return configurations + runs;
}

void StudyStore::setInfo(const std::string& key, const std::string& value)
{
    Impl::Transaction t(*m_impl);
    Impl::Stmt(*m_impl, "INSERT OR REPLACE INTO study_meta(key, value) VALUES (?, ?)")
        .bind(1, key)
        .bind(2, value)
        .step();
    t.commit();
}

std::string StudyStore::info(const std::string& key) const
{
    Impl::Stmt s(*m_impl, "SELECT value FROM study_meta WHERE key = ?");
    s.bind(1, key);
    return s.step() ? text(s.get(), 0) : std::string();
}

namespace {
constexpr const char* kConfigColumns =
    "SELECT id, idx, hyperparameters, unit, status, reason, features, burst_cost, probe_cost, "
    "attempts, started_at, finished_at FROM configurations";

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
    return r;
}
} // namespace

std::vector<ConfigurationRecord> StudyStore::configurations() const
{
    Impl::Stmt s(*m_impl, std::string(kConfigColumns) + " ORDER BY idx");
    std::vector<ConfigurationRecord> out;
    while (s.step())
        out.push_back(configurationFrom(s.get()));
    return out;
}

std::optional<ConfigurationRecord> StudyStore::configuration(std::int64_t id) const
{
    Impl::Stmt s(*m_impl, std::string(kConfigColumns) + " WHERE id = ?");
    s.bind(1, id);
    if (!s.step())
        return std::nullopt;
    return configurationFrom(s.get());
}

StudyCounts StudyStore::counts() const
{
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

void StudyStore::markRunning(std::int64_t id)
{
    Impl::Transaction t(*m_impl);
    Impl::Stmt(*m_impl, std::string("UPDATE configurations SET status = 'running', attempts = "
                                    "attempts + 1, started_at = ")
                            + kNow + " WHERE id = ? AND status = 'pending'")
        .bind(1, id)
        .step();
    if (m_impl->changes() != 1)
        throw Error(m_impl->path + ": configuration " + std::to_string(id) + " is not pending");
    t.commit();
}

void StudyStore::finish(std::int64_t id, const ConfigurationFeatures& f)
{
    json features = json::object();
    for (const auto& [k, v] : f.values)
        features[k] = number(v);
    const ProbeCost total = f.total();
    Impl::Transaction t(*m_impl);
    Impl::Stmt(*m_impl, std::string("UPDATE configurations SET status = ?, reason = ?, features = "
                                    "?, burst_cost = ?, probe_cost = ?, cost_gradients = ?, "
                                    "cost_hvps = ?, cost_seconds = ?, finished_at = ")
                            + kNow + " WHERE id = ?")
        .bind(1, std::string(f.failed ? "failed" : "done"))
        .bind(2, f.reason)
        .bind(3, features.dump())
        .bind(4, costJson(f.burstCost).dump())
        .bind(5, costJson(f.probeCost).dump())
        .bind(6, total.gradients)
        .bind(7, total.hvps)
        .bind(8, total.seconds)
        .bind(9, id)
        .step();
    t.commit();
}

void StudyStore::markPending(std::int64_t id)
{
    Impl::Transaction t(*m_impl);
    Impl::Stmt(*m_impl, "UPDATE configurations SET status = 'pending', started_at = NULL WHERE id = ?")
        .bind(1, id)
        .step();
    t.commit();
}

std::int64_t StudyStore::beginFullRun(std::int64_t configurationId)
{
    Impl::Transaction t(*m_impl);
    Impl::Stmt(*m_impl, std::string("INSERT INTO full_runs(configuration_id, status, started_at) "
                                    "VALUES (?, 'running', ")
                            + kNow + ")")
        .bind(1, configurationId)
        .step();
    const auto id = sqlite3_last_insert_rowid(m_impl->db);
    t.commit();
    return id;
}

void StudyStore::finishFullRun(std::int64_t runId, const TrainResult& r)
{
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
    Impl::Transaction t(*m_impl);
    Impl::Stmt(*m_impl, "DELETE FROM full_runs WHERE id = ?").bind(1, runId).step();
    t.commit();
}

std::vector<FullRunRecord> StudyStore::fullRuns() const
{
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
    Impl::Stmt s(*m_impl, std::string(kModelColumns) + " ORDER BY version");
    std::vector<MetaModelRecord> out;
    while (s.step())
        out.push_back(modelFrom(s.get()));
    return out;
}

#endif

} // namespace borehole
