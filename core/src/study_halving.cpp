// Probe-informed successive halving: rung schedule, scale-free features, the promotion score and
// the resumable runner over the store's rung rows. Core's public API only (no torch here).
#include "borehole/study_halving.h"

#include "borehole/error.h"
#include "borehole/study_store_pg.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <sstream>
#include <thread>
#include <tuple>

namespace borehole {

namespace detail {
/// resources/transfer/transfer_model.json, compiled in (core/CMakeLists.txt).
extern const char* const kShippedTransferModel;
} // namespace detail

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kScale = 1000;
/// Share of the log-log slope the extrapolation keeps (curves flatten as they go).
constexpr double kSlopeDamping = 0.5;
constexpr double kSlopeMin = -1.0;
constexpr double kSlopeMax = 0.5;

double seconds(std::chrono::steady_clock::time_point since)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

/// A loss-like value of the metric: the error rate for accuracy, the value otherwise.
double lossLike(Metric m, double v)
{
    return higherIsBetter(m) ? 1.0 - v : v;
}

/// The configuration's loss scale: its loss at s·θ₀ (1 for accuracy's error rate).
double lossScale(const ConfigurationRecord& r, Metric m)
{
    return higherIsBetter(m) ? 1.0 : r.feature("burst_initial_loss");
}

double safeLog(double x)
{
    return std::log(std::max(x, 1e-300));
}

bool isSgd(const Hyperparameters& h)
{
    return h.optimizer == OptimizerKind::Sgd;
}

/// log(lr·λmax / (2 + 2β)) for SGD (invariant under L → cL, lr → lr/c); NaN for Adam, whose
/// stability depends on the preconditioned Hessian.
double eosLog(const Hyperparameters& h, double lambdaMax)
{
    if (!isSgd(h) || !std::isfinite(lambdaMax) || lambdaMax <= 0.0)
        return kNaN;
    return safeLog(h.learningRate * lambdaMax / (2.0 + 2.0 * h.momentum));
}

double eosPenalty(const Hyperparameters& h, double lambdaMax)
{
    const double e = eosLog(h, lambdaMax);
    return std::isfinite(e) && e > 0.0 ? e : 0.0;
}

/// Log-log slope of the validation between the previous rung's end and this one's.
double slopeOf(const RungObservation& o, Metric m)
{
    if (o.rung == 0 || o.previousSteps <= 0 || o.steps <= o.previousSteps)
        return kNaN;
    const double a = lossLike(m, o.previousValidation), b = lossLike(m, o.validation);
    if (!(a > 0.0) || !(b > 0.0))
        return kNaN;
    return std::log(b / a)
           / std::log(static_cast<double>(o.steps) / static_cast<double>(o.previousSteps));
}

} // namespace

HalvingSchedule halvingSchedule(int n, double eta)
{
    if (n < 1)
        throw InputError("successive halving needs at least one configuration, got "
                         + std::to_string(n));
    if (!(eta >= 2.0))
        throw InputError("the halving factor must be at least 2, got " + std::to_string(eta));
    HalvingSchedule s;
    s.eta = eta;
    // K = ⌈log_η n⌉, computed by multiplication so that n = η^j gives exactly j.
    int k = 0;
    for (double p = 1.0; p < static_cast<double>(n); p *= eta)
        ++k;
    s.rungs = std::max(1, k);
    s.entrants.push_back(n);
    for (int r = 1; r <= s.rungs; ++r)
        s.entrants.push_back(
            std::max(1, static_cast<int>(std::ceil(static_cast<double>(n) / std::pow(eta, r) - 1e-9))));
    return s;
}

std::int64_t rungSteps(std::int64_t fullSteps, double eta, int rung, int rungs)
{
    if (rung >= rungs)
        return fullSteps;
    const double s = static_cast<double>(fullSteps) * std::pow(eta, rung - rungs);
    return std::max<std::int64_t>(1, std::llround(s));
}

const std::vector<std::string>& scaleFreeFeatureNames()
{
    static const std::vector<std::string> names{
        "momentum",          "log2_batch",         "adam",               "adamw",
        "adam_log10_lr",     "sam",                "burst_log_loss_ratio",
        "burst_log_validation", "burst_log_eos",   "burst_log_lambda_per_loss",
        "rung_fraction",     "rung_log_validation", "rung_slope",        "rung_log_eos",
        "rung_log_lambda_per_loss"};
    return names;
}

std::vector<double> scaleFreeFeatures(const ConfigurationRecord& probe,
                                      const RungObservation& rung, std::int64_t fullSteps,
                                      Metric metric)
{
    const Hyperparameters& h = probe.hyper;
    const double scale = lossScale(probe, metric);
    const bool adam = h.optimizer == OptimizerKind::Adam || h.optimizer == OptimizerKind::AdamW;
    const double lossInitial = probe.feature("burst_initial_loss");
    const double lossFinal = probe.feature("burst_final_loss");
    const double burstLambda = probe.feature("lambda_max");
    const double burstValidation = probe.feature("burst_validation_metric");
    std::vector<double> f{
        h.momentum,
        std::log2(static_cast<double>(std::max<std::int64_t>(h.batchSize, 1))),
        h.optimizer == OptimizerKind::Adam ? 1.0 : 0.0,
        h.optimizer == OptimizerKind::AdamW ? 1.0 : 0.0,
        // Adam's step does not scale with the loss, so its rate is scale-free; SGD's is not.
        adam ? std::log10(h.learningRate) : 0.0,
        h.samRho > 0.0 ? 1.0 : 0.0,
        lossInitial > 0.0 && lossFinal > 0.0 ? std::log(lossFinal / lossInitial) : kNaN,
        safeLog(lossLike(metric, burstValidation) / scale),
        eosLog(h, burstLambda),
        std::isfinite(burstLambda) && lossInitial > 0.0 ? std::log(std::abs(burstLambda) / lossInitial + 1e-12) : kNaN,
    };
    if (rung.rung == 0) {
        f.insert(f.end(), {0.0, kNaN, kNaN, kNaN, kNaN});
        return f;
    }
    f.push_back(static_cast<double>(rung.steps) / static_cast<double>(std::max<std::int64_t>(fullSteps, 1)));
    f.push_back(safeLog(lossLike(metric, rung.validation) / scale));
    f.push_back(slopeOf(rung, metric));
    f.push_back(eosLog(h, rung.lambdaMax));
    f.push_back(std::isfinite(rung.lambdaMax) && lossInitial > 0.0
                    ? std::log(std::abs(rung.lambdaMax) / lossInitial + 1e-12)
                    : kNaN);
    return f;
}

double halvingScore(const ConfigurationRecord& probe, const RungObservation& rung,
                    std::int64_t fullSteps, Metric metric)
{
    if (probe.status != RunStatus::Done || !std::isfinite(rung.validation))
        return kNaN;
    const double scale = lossScale(probe, metric);
    if (!(scale > 0.0))
        return kNaN;
    const double v = lossLike(metric, rung.validation);
    if (!(v >= 0.0))
        return kNaN;
    double predicted = safeLog(v / scale);
    if (rung.rung == 0) {
        predicted += eosPenalty(probe.hyper, probe.feature("lambda_max"));
        return -predicted;
    }
    const double slope = slopeOf(rung, metric);
    if (std::isfinite(slope) && fullSteps > rung.steps)
        predicted += kSlopeDamping * std::clamp(slope, kSlopeMin, kSlopeMax)
                     * std::log(static_cast<double>(fullSteps) / static_cast<double>(rung.steps));
    predicted += eosPenalty(probe.hyper, rung.lambdaMax);
    return -predicted;
}

std::vector<double> transferInput(const std::vector<double>& scaleFree)
{
    std::vector<double> x(scaleFree);
    for (auto& v : x)
        if (!std::isfinite(v))
            v = 0.0;
    return x;
}

double TransferModel::predict(const std::vector<double>& scaleFree) const
{
    return model.predict({transferInput(scaleFree)}).front().mean;
}

TransferModel fitTransferModel(const std::vector<TransferRecord>& records,
                               const std::string& heldOutTask, const MetaModelOptions& options)
{
    TransferModel t;
    t.heldOutTask = heldOutTask;
    std::vector<std::vector<double>> x;
    std::vector<double> y;
    for (const auto& r : records) {
        if (r.task == heldOutTask || !std::isfinite(r.target))
            continue;
        x.push_back(transferInput(r.features));
        y.push_back(r.target);
        t.trainedIds.push_back(r.id);
    }
    if (x.size() < 3)
        throw InputError("the transferred model needs at least 3 records outside task '"
                         + heldOutTask + "', got " + std::to_string(x.size()));
    t.model = MetaModel::fit(x, y, options);
    return t;
}

namespace {

TransferModel transferModelFromJson(const std::string& text, const std::string& source)
{
    const std::string where = source == "shipped" ? std::string("the shipped transferred model")
                                                  : source;
    TransferModel t;
    t.source = source;
    try {
        const auto j = nlohmann::json::parse(text);
        if (j.value("schema", std::string()) != "borehole.transfer-model/1")
            throw InputError(where + ": not a transferred model (schema '"
                             + j.value("schema", std::string()) + "', expected "
                             "'borehole.transfer-model/1')");
        const auto features = j.at("features").get<std::vector<std::string>>();
        if (features != scaleFreeFeatureNames())
            throw InputError(where + ": its " + std::to_string(features.size())
                             + " features are not this Borehole's "
                             + std::to_string(scaleFreeFeatureNames().size())
                             + " scale-free features; regenerate it with "
                               "bench/study_eval_realistic.sh --write-model");
        t.trainedOn = j.value("trained_on", std::vector<std::string>());
        t.fullSteps = j.value("full_steps", std::int64_t(0));
        t.model = MetaModel::fromJson(j.at("model").dump());
        if (t.model.inputCount() != static_cast<int>(features.size()))
            throw InputError(where + ": the model has " + std::to_string(t.model.inputCount())
                             + " inputs for " + std::to_string(features.size()) + " features");
    } catch (const nlohmann::json::exception& e) {
        throw InputError(where + ": not a valid transferred model (" + e.what() + ")");
    } catch (const InputError& e) {
        const std::string what = e.what();
        if (what.rfind(where, 0) == 0)
            throw;
        throw InputError(where + ": " + what);
    }
    return t;
}

} // namespace

std::string transferModelJson(const TransferModel& model)
{
    const nlohmann::json j{{"schema", "borehole.transfer-model/1"},
                           {"features", scaleFreeFeatureNames()},
                           {"target", "log(final validation / start loss), loss-like"},
                           {"trained_on", model.trainedOn},
                           {"records", model.trainedIds.size()},
                           {"full_steps", model.fullSteps},
                           {"model", nlohmann::json::parse(model.model.toJson())}};
    return j.dump(1) + "\n";
}

TransferModel loadTransferModel(const std::string& source)
{
    if (source == "shipped") {
        // Parsed once per process: the file is ~100 KB of weights.
        static const TransferModel shipped =
            transferModelFromJson(detail::kShippedTransferModel, "shipped");
        return shipped;
    }
    std::ifstream in(source, std::ios::binary);
    if (!in)
        throw InputError(source + ": cannot read the transferred model");
    std::ostringstream text;
    text << in.rdbuf();
    return transferModelFromJson(text.str(), source);
}

RungObservation probeObservation(const ConfigurationRecord& probe, const StudySpec& spec)
{
    RungObservation o;
    o.rung = 0;
    o.steps = spec.probe.burstSteps;
    o.validation = probe.feature("burst_validation_metric");
    o.lambdaMax = probe.feature("lambda_max");
    return o;
}

std::vector<double> probeScaleFreeFeatures(const ConfigurationRecord& probe, const StudySpec& spec,
                                           std::int64_t trainRows)
{
    return scaleFreeFeatures(probe, probeObservation(probe, spec),
                             fullRunSteps(spec, probe.hyper, trainRows), spec.metric);
}

std::vector<TransferRecord> studyTransferRecords(const StudyStore& store, const StudySpec& spec)
{
    const auto runs = latestFullRuns(store);
    const std::int64_t trainRows = trainRowsOf(store);
    std::vector<TransferRecord> out;
    std::vector<std::size_t> failed;
    double worst = kNaN;
    for (const auto& c : store.configurations()) {
        const auto it = runs.find(c.id);
        if (c.status != RunStatus::Done || it == runs.end())
            continue;
        TransferRecord r;
        r.id = "study/" + std::to_string(c.id) + "/0";
        r.task = "study";
        r.features = probeScaleFreeFeatures(c, spec, trainRows);
        const double scale = lossScale(c, spec.metric);
        const double v = lossLike(spec.metric, it->second.outcome);
        r.target = it->second.status == RunStatus::Done && std::isfinite(v) && scale > 0.0
                       ? safeLog(v / scale)
                       : kNaN;
        if (std::isfinite(r.target))
            worst = std::isfinite(worst) ? std::max(worst, r.target) : r.target;
        else
            failed.push_back(out.size());
        out.push_back(std::move(r));
    }
    for (auto i : failed)
        out[i].target = std::isfinite(worst) ? worst + 1.0 : kNaN;
    out.erase(std::remove_if(out.begin(), out.end(),
                             [](const TransferRecord& r) { return !std::isfinite(r.target); }),
              out.end());
    return out;
}

TransferModel fineTuneTransferModel(const TransferModel& base,
                                    const std::vector<TransferRecord>& records)
{
    if (records.empty())
        return base;
    std::vector<std::vector<double>> x;
    std::vector<double> y;
    for (const auto& r : records) {
        x.push_back(transferInput(r.features));
        y.push_back(r.target);
    }
    MetaModelOptions o;
    o.epochs = 300;
    o.learningRate = 3e-2;
    o.weightDecay = 1e-2;
    o.bootstrap = false;
    TransferModel t = base;
    t.model = base.model.fineTuned(x, y, o);
    t.fineTunedOn = static_cast<int>(records.size());
    for (const auto& r : records)
        t.trainedIds.push_back(r.id);
    return t;
}

TransferModel studyTransferModel(const StudyStore& store, const StudySpec& spec)
{
    if (spec.transfer.empty())
        throw InputError(store.path() + ": the study's spec names no transferred model "
                                        "(\"transfer\")");
    return fineTuneTransferModel(loadTransferModel(spec.transfer), studyTransferRecords(store, spec));
}

double transferredOutcome(const ConfigurationRecord& probe, double predicted, Metric metric)
{
    if (!std::isfinite(predicted))
        return kNaN;
    const double lossLikeValue = lossScale(probe, metric) * std::exp(predicted);
    return higherIsBetter(metric) ? 1.0 - lossLikeValue : lossLikeValue;
}

std::int64_t fullRunSteps(const StudySpec& spec, const Hyperparameters& h, std::int64_t trainRows)
{
    if (spec.fullRun.steps > 0)
        return spec.fullRun.steps;
    const std::int64_t batch = trainRows > 0 ? std::min(h.batchSize, trainRows) : h.batchSize;
    const std::int64_t perEpoch =
        trainRows > 0 ? (trainRows + batch - 1) / std::max<std::int64_t>(batch, 1) : 1;
    return std::max<std::int64_t>(1, perEpoch * spec.fullRun.epochs);
}

namespace {

/// The study's promotion score: halvingScore(), or minus the prediction of the spec's
/// transferred model (fine-tuned on the study's full runs when first needed) when it names one.
class PromotionScore
{
public:
    PromotionScore(const StudyStore& store, const StudySpec& spec) : m_store(store), m_spec(spec) {}

    double operator()(const ConfigurationRecord& probe, const RungObservation& o,
                      std::int64_t fullSteps)
    {
        if (m_spec.transfer.empty())
            return halvingScore(probe, o, fullSteps, m_spec.metric);
        if (probe.status != RunStatus::Done || !std::isfinite(o.validation))
            return kNaN;
        if (!m_model)
            m_model = studyTransferModel(m_store, m_spec);
        return -m_model->predict(scaleFreeFeatures(probe, o, fullSteps, m_spec.metric));
    }

private:
    const StudyStore& m_store;
    const StudySpec& m_spec;
    std::optional<TransferModel> m_model;
};

struct HalvingState
{
    bool probing = true;  ///< configurations still pending or running
    int opened = 0;       ///< highest rung with rows
    bool complete = false; ///< every row of the highest rung is done or failed
    bool othersRunning = false;
};

/// Opens the next rung when the previous one (or the probing) is complete. Returns the state.
HalvingState advance(StudyStore& store, const StudySpec& spec)
{
    HalvingState st;
    const auto configs = store.configurations();
    std::map<std::int64_t, const ConfigurationRecord*> byId;
    std::vector<const ConfigurationRecord*> done;
    for (const auto& c : configs) {
        byId[c.id] = &c;
        if (c.status == RunStatus::Pending || c.status == RunStatus::Running)
            return st;
        if (c.status == RunStatus::Done)
            done.push_back(&c);
    }
    st.probing = false;
    if (done.empty())
        return st;
    const auto schedule = halvingSchedule(static_cast<int>(done.size()), spec.halving.eta);
    const std::int64_t trainRows = trainRowsOf(store);
    const auto rungRows = store.rungs();
    for (const auto& r : rungRows)
        st.opened = std::max(st.opened, r.rung);
    st.complete = true;
    for (const auto& r : rungRows)
        if (r.rung == st.opened) {
            if (r.status == RunStatus::Pending || r.status == RunStatus::Running)
                st.complete = false;
            if (r.status == RunStatus::Running)
                st.othersRunning = true;
        }
    if (!st.complete || st.opened >= schedule.rungs)
        return st;

    // Candidates for rung opened+1, ranked by the score at rung `opened`.
    std::vector<std::pair<double, const ConfigurationRecord*>> ranked;
    if (st.opened == 0) {
        PromotionScore score(store, spec);
        for (const auto* c : done)
            ranked.emplace_back(score(*c, probeObservation(*c, spec),
                                      fullRunSteps(spec, c->hyper, trainRows)),
                                c);
    } else {
        for (const auto& r : rungRows)
            if (r.rung == st.opened && r.status == RunStatus::Done)
                ranked.emplace_back(r.score, byId.at(r.configurationId));
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
        const bool fa = std::isfinite(a.first), fb = std::isfinite(b.first);
        if (fa != fb)
            return fa;
        if (fa && a.first != b.first)
            return a.first > b.first;
        return a.second->index < b.second->index;
    });
    const int next = st.opened + 1;
    std::vector<std::pair<std::int64_t, std::int64_t>> entries;
    for (const auto& [score, c] : ranked) {
        if (static_cast<int>(entries.size()) >= schedule.entrants[static_cast<std::size_t>(next)]
            || !std::isfinite(score))
            break;
        entries.emplace_back(c->id, rungSteps(fullRunSteps(spec, c->hyper, trainRows),
                                              spec.halving.eta, next, schedule.rungs));
    }
    if (entries.empty())
        return st; // nothing promotable: the study ends at this rung
    store.openRung(next, entries); // false: another worker opened the same rung first
    st.opened = next;
    st.complete = false;
    return st;
}

} // namespace

int openNextRung(StudyStore& store, const StudySpec& spec)
{
    return advance(store, spec).opened;
}

namespace {

std::vector<float> scaled(const std::vector<float>& theta0, double s)
{
    std::vector<float> out(theta0);
    if (s != 1.0)
        for (auto& v : out)
            v = static_cast<float>(v * s);
    return out;
}

} // namespace

std::string rungCheckpointFolder(const StudyStore& store, const StudySpec& spec)
{
    if (!spec.halving.checkpoints.empty())
        return spec.halving.checkpoints;
    if (PgStudyStore::isUrl(store.path()))
        throw InputError(store.path() + ": a probe-halving study on PostgreSQL needs a folder for "
                         "the trainer checkpoints between rungs that every worker can reach (a "
                         "shared file system): set \"halving\": {\"checkpoints\": \"/shared/path\"} "
                         "in its spec");
    return store.path() + ".rungs";
}

namespace {

std::string checkpointPath(const std::string& folder, std::int64_t configurationId, int rung)
{
    return folder + "/c" + std::to_string(configurationId) + "-r" + std::to_string(rung) + ".ckpt";
}

} // namespace

bool RungComparison::agree() const
{
    std::vector<std::int64_t> a(promotedByScore), b(promotedByValidation);
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return a == b;
}

std::vector<RungComparison> compareRungPromotions(const StudyStore& store, const StudySpec& spec)
{
    if (spec.strategy != StudyStrategy::ProbeHalving)
        throw InputError(store.path() + ": the study's strategy is '" + toString(spec.strategy)
                         + "', not 'probe-halving'");
    const auto configs = store.configurations();
    const auto rows = store.rungs();
    std::map<std::int64_t, const ConfigurationRecord*> byId;
    for (const auto& c : configs)
        byId[c.id] = &c;
    std::vector<RungComparison> out;
    int top = 0;
    for (const auto& r : rows)
        top = std::max(top, r.rung);
    // Entrants of rung k with (score, validation goodness); rung 0 from the probe features.
    for (int k = 0; k < top; ++k) {
        std::vector<std::tuple<std::int64_t, double, double, int>> entrants; // id, score, good, idx
        if (k == 0) {
            PromotionScore score(store, spec);
            for (const auto& c : configs)
                if (c.status == RunStatus::Done) {
                    const RungObservation o = probeObservation(c, spec);
                    const double v = o.validation;
                    entrants.emplace_back(c.id, score(c, o, 1), higherIsBetter(spec.metric) ? v : -v,
                                          c.index);
                }
        } else {
            for (const auto& r : rows)
                if (r.rung == k && r.status == RunStatus::Done)
                    entrants.emplace_back(r.configurationId, r.score,
                                          higherIsBetter(spec.metric) ? r.validation : -r.validation,
                                          byId.count(r.configurationId) ? byId.at(r.configurationId)->index : 0);
        }
        int promoted = 0;
        for (const auto& r : rows)
            promoted += r.rung == k + 1;
        auto pick = [&](int which) {
            auto e = entrants;
            std::stable_sort(e.begin(), e.end(), [&](const auto& a, const auto& b) {
                const double x = which == 0 ? std::get<1>(a) : std::get<2>(a);
                const double y = which == 0 ? std::get<1>(b) : std::get<2>(b);
                const bool fx = std::isfinite(x), fy = std::isfinite(y);
                if (fx != fy)
                    return fx;
                if (fx && x != y)
                    return x > y;
                return std::get<3>(a) < std::get<3>(b);
            });
            std::vector<std::int64_t> ids;
            for (const auto& t : e)
                if (static_cast<int>(ids.size()) < promoted)
                    ids.push_back(std::get<0>(t));
            return ids;
        };
        RungComparison c;
        c.rung = k;
        c.entrants = static_cast<int>(entrants.size());
        c.promotedByScore = pick(0);
        c.promotedByValidation = pick(1);
        out.push_back(std::move(c));
    }
    return out;
}

HalvingSummary runProbeHalving(StudyStore& store, Problem& problem, const StudyRunOptions& options,
                               const ProgressFn& progress)
{
    const auto start = std::chrono::steady_clock::now();
    const StudySpec spec = storedSpec(store);
    if (spec.strategy != StudyStrategy::ProbeHalving)
        throw InputError(store.path() + ": the study's strategy is '" + toString(spec.strategy)
                         + "', not 'probe-halving'");
    const std::string folder = rungCheckpointFolder(store, spec); // refused before any probing
    HalvingSummary summary;
    PromotionScore score(store, spec); // the rung rows' scores
    summary.probe = runStudy(store, problem, options, progress);
    if (options.limit > 0 && summary.probe.remaining > 0) {
        summary.seconds = seconds(start);
        return summary;
    }
    const ModelState initial = problem.saveState();
    const std::vector<float> theta0 = problem.parameters();
    struct Restore
    {
        Problem& p;
        const ModelState& s;
        ~Restore()
        {
            try {
                p.restoreState(s);
            } catch (...) {
            }
        }
    } restore{problem, initial};
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec)
        throw Error(folder + ": cannot create the checkpoint folder: " + ec.message());

    // Progress in rung rows (kScale units each): those finished of all the schedule will open.
    auto unitsTotal = [&] {
        int done = 0;
        for (const auto& c : store.configurations())
            done += c.status == RunStatus::Done;
        if (done == 0)
            return kScale;
        const auto s = halvingSchedule(done, spec.halving.eta);
        int rows = 0;
        for (std::size_t k = 1; k < s.entrants.size(); ++k)
            rows += s.entrants[k];
        return rows * kScale;
    };
    auto unitsDone = [&] {
        int rows = 0;
        for (const auto& r : store.rungs())
            rows += r.status == RunStatus::Done || r.status == RunStatus::Failed;
        return rows * kScale;
    };
    while (true) {
        const HalvingState st = advance(store, spec);
        summary.currentRung = st.opened;
        const auto claim = store.claimNextRung(options.leaseSeconds);
        if (!claim) {
            // Nothing to claim: finished, or others still hold rows this worker must wait for.
            const auto again = advance(store, spec);
            const auto rows = store.rungs();
            bool running = std::any_of(rows.begin(), rows.end(), [](const RungRecord& r) {
                return r.status == RunStatus::Running || r.status == RunStatus::Pending;
            });
            const auto c = store.counts();
            if (c.pending > 0) { // given back by a cancelled worker: probe it here
                const auto more = runStudy(store, problem, options, progress);
                summary.probe.probed += more.probed;
                summary.probe.failed += more.failed;
                continue;
            }
            running = running || c.running > 0;
            if (!running && again.opened == st.opened)
                break;
            if (progress && !progress(unitsDone(), unitsTotal()))
                throw CancelledError();
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            continue;
        }
        const auto record = store.configuration(claim->configurationId);
        if (!record)
            throw Error(store.path() + ": rung row " + std::to_string(claim->id)
                        + " names a missing configuration");
        // Previous rung of this configuration: its checkpoint and validation.
        std::string resume;
        RungObservation o;
        o.rung = claim->rung;
        o.steps = claim->steps;
        if (claim->rung == 1) {
            o.previousSteps = spec.probe.burstSteps;
            o.previousValidation = record->feature("burst_validation_metric");
        } else {
            for (const auto& r : store.rungs())
                if (r.configurationId == claim->configurationId && r.rung == claim->rung - 1) {
                    resume = r.checkpoint;
                    o.previousSteps = r.steps;
                    o.previousValidation = r.validation;
                }
        }
        RungRecord result = *claim;
        std::string error;
        auto last = std::chrono::steady_clock::now();
        bool lost = false;
        TrainResult trained;
        try {
            problem.restoreState(initial);
            Problem::seedGlobalRandom(spec.seed);
            problem.setParameters(scaled(theta0, record->hyper.initScale));
            TrainOptions t = fullRunOptions(record->hyper, spec.fullRun, spec.metric, spec.seed);
            t.steps = claim->steps;
            t.resumePath = resume;
            t.checkpointPath = checkpointPath(folder, claim->configurationId, claim->rung);
            const int rowsDone = unitsDone(), rowsTotal = unitsTotal();
            trained = train(problem, t, [&](int done, int count) {
                if (seconds(last) >= options.leaseSeconds / 4.0) {
                    last = std::chrono::steady_clock::now();
                    if (!store.heartbeatRung(claim->id, options.leaseSeconds)) {
                        lost = true;
                        return false;
                    }
                }
                const int within =
                    count > 0 ? static_cast<int>(static_cast<long long>(done) * (kScale - 1) / count)
                              : 0;
                return !progress || progress(std::min(rowsDone + within, rowsTotal), rowsTotal);
            });
            result.cost = trained.trainingCost;
            result.cost += trained.probeCost;
            result.cost.seconds = trained.seconds;
            result.checkpoint = t.checkpointPath;
            o.validation = trained.diverged ? kNaN : trained.finalValidationMetric;
            o.lambdaMax = kNaN;
            if (!trained.diverged && spec.halving.eigenIterations > 0) {
                EigenOptions e;
                e.maxIterations = spec.halving.eigenIterations;
                e.relativeTolerance = 1e-4;
                e.hvp = spec.probe.hvp;
                e.fdEpsilon = spec.probe.epsilon;
                e.seed = spec.seed + 11;
                const EigenResult r = topEigenvalueLanczos(problem, e);
                result.cost += r.cost;
                o.lambdaMax = r.value;
            }
        } catch (const CancelledError&) {
            if (lost) {
                ++summary.rungsLost;
                continue;
            }
            store.releaseRung(claim->id);
            throw;
        } catch (const std::exception& e) {
            error = e.what();
            if (error.empty())
                error = "unknown error";
        }
        if (!error.empty()) {
            store.releaseRung(claim->id, error);
            ++summary.rungErrors;
            continue;
        }
        const std::int64_t full = fullRunSteps(spec, record->hyper,
                                               problem.data().summary().trainRows);
        result.validation = o.validation;
        result.previousValidation = o.previousValidation;
        result.lambdaMax = o.lambdaMax;
        result.score = score(*record, o, full);
        if (!std::isfinite(o.validation)) {
            result.status = RunStatus::Failed;
            result.reason = trained.stopReason.empty() ? "diverged" : trained.stopReason;
        } else {
            result.status = RunStatus::Done;
        }
        if (!store.finishRung(claim->id, result)) {
            ++summary.rungsLost;
            continue;
        }
        ++summary.rungsTrained;
        if (claim->steps >= full) { // the configuration is fully trained: store it as a full run
            const std::int64_t run = store.beginFullRun(claim->configurationId);
            store.finishFullRun(run, trained);
        }
    }
    // The pick: the best finished configuration of the highest rung.
    const auto rows = store.rungs();
    int top = 0;
    for (const auto& r : rows)
        top = std::max(top, r.rung);
    summary.currentRung = top;
    int done = 0;
    for (const auto& c : store.configurations())
        done += c.status == RunStatus::Done;
    if (done > 0)
        summary.rungs = halvingSchedule(done, spec.halving.eta).rungs;
    for (const auto& r : rows)
        if (r.rung == top && r.status == RunStatus::Done && top == summary.rungs) {
            const double good = higherIsBetter(spec.metric) ? r.validation : -r.validation;
            const double best = higherIsBetter(spec.metric) ? summary.pickOutcome : -summary.pickOutcome;
            if (!summary.finished || good > best) {
                summary.pick = r.configurationId;
                summary.pickOutcome = r.validation;
            }
            summary.finished = true;
        }
    summary.seconds = seconds(start);
    return summary;
}

} // namespace borehole
