// The study loop: probe runs per configuration, the resumable runner, meta-model fits, ranking,
// target mode and the active loop of follow-up full runs. Uses core's public API only (no torch
// here), so it compiles quickly.
#include "borehole/error.h"
#include "borehole/study_halving.h"
#include "borehole/study_runner.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <limits>
#include <map>
#include <set>

namespace borehole {

using nlohmann::json;

namespace {

/// Six significant digits ("4.87475e+29", not the 30 digits std::to_string prints).
std::string significant(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
/// Progress of the runner and the active loop is (units done, units total) with each
/// configuration or full run worth kScale units, so the inner work can report within it.
constexpr int kScale = 1000;
constexpr double kDivergenceGrowth = 1e6;

/// Throws CancelledError when the callback asks to stop.
void checkProgress(const ProgressFn& progress, int done, int total)
{
    if (progress && !progress(done, total))
        throw CancelledError();
}

double seconds(std::chrono::steady_clock::time_point since)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

/// Puts the model's whole state (θ, buffers such as BatchNorm running statistics, train/eval
/// mode) back as it was on construction, whatever happens: a configuration's result must not
/// depend on what ran before it.
class RestoreState
{
public:
    explicit RestoreState(Problem& p) : m_problem(p), m_state(p.saveState()) {}
    ~RestoreState()
    {
        try {
            m_problem.restoreState(m_state);
        } catch (...) { // never throw from a destructor; the snapshot is of this very model
        }
    }
    RestoreState(const RestoreState&) = delete;
    RestoreState& operator=(const RestoreState&) = delete;
    const ModelState& state() const { return m_state; }

private:
    Problem& m_problem;
    ModelState m_state;
};

std::vector<float> scaled(const std::vector<float>& theta0, double s)
{
    std::vector<float> out(theta0);
    if (s != 1.0)
        for (auto& v : out)
            v = static_cast<float>(v * s);
    return out;
}

std::string kindName(DirectionKind k)
{
    return k == DirectionKind::Random ? "random" : k == DirectionKind::Gradient ? "gradient" : "pca";
}

double signedLog(double x)
{
    return std::copysign(std::log1p(std::abs(x)), x);
}

/// Outcome in the units the meta-model fits: log for mse/mae (positive, spans decades).
double transformOutcome(Metric m, double y)
{
    return higherIsBetter(m) || m == Metric::Loss ? y : std::log(std::max(y, 1e-12));
}

/// What transformOutcome() makes of the metric, as a meta-model's details name its target.
const char* fittedTarget(Metric m)
{
    return higherIsBetter(m) || m == Metric::Loss ? "outcome" : "log outcome";
}

double untransformOutcome(Metric m, double t)
{
    return higherIsBetter(m) || m == Metric::Loss ? t : std::exp(t);
}

/// Goodness in fitted units: higher is better.
double goodness(Metric m, double t)
{
    return higherIsBetter(m) ? t : -t;
}

double fullRunCostOf(const StudySpec& spec, const Hyperparameters& h, std::int64_t trainRows)
{
    const std::int64_t batch = trainRows > 0 ? std::min(h.batchSize, trainRows) : h.batchSize;
    double steps = static_cast<double>(spec.fullRun.steps);
    if (steps <= 0)
        steps = static_cast<double>(spec.fullRun.epochs)
                * (trainRows > 0 ? std::ceil(static_cast<double>(trainRows) / batch) : 1.0);
    return steps * static_cast<double>(batch) * (h.samRho > 0.0 ? 2.0 : 1.0);
}

} // namespace

ConfigurationFeatures probeConfiguration(Problem& problem, const std::vector<float>& theta0,
                                         const Hyperparameters& h, const ProbeBudget& b,
                                         Metric metric, std::uint64_t seed,
                                         const ProgressFn& progress)
{
    ConfigurationFeatures f;
    RestoreState restore(problem);
    Problem::seedGlobalRandom(seed);
    problem.setParameters(scaled(theta0, h.initScale));

    const int steps = 2 + (b.eigenIterations > 0) + (b.traceSamples > 0)
                      + static_cast<int>(b.directionKinds.size()) + (b.perturbations > 0);
    int step = 0;
    auto next = [&]() { return ProgressScope(progress, step++, steps).callback(); };

    TrainOptions t;
    t.optimizer = optimizerOptions(h);
    t.steps = b.burstSteps;
    t.batchSize = h.batchSize;
    t.validateEvery = 0;
    t.metric = metric;
    t.seed = seed;
    t.stopOnNonFinite = true;
    const TrainResult burst = train(problem, t, next());
    f.burstCost = burst.trainingCost;
    f.burstCost += burst.probeCost;
    f.burstCost.seconds = burst.seconds;
    auto fail = [&](const std::string& why) {
        f.failed = true;
        f.reason = why;
        return f;
    };
    if (burst.diverged)
        return fail(burst.stopReason.empty() ? "diverged during the burst" : burst.stopReason);
    if (!std::isfinite(burst.finalTrainLoss))
        return fail("diverged: loss is not finite after the burst");
    // A burst whose loss grew a millionfold has left the basin even while still finite; its
    // probes would measure overflow noise.
    if (burst.finalTrainLoss > kDivergenceGrowth * std::max(std::abs(burst.initialTrainLoss), 1e-12))
        return fail("diverged: loss grew from " + significant(burst.initialTrainLoss) + " to "
                    + significant(burst.finalTrainLoss) + " over the burst");

    const auto start = std::chrono::steady_clock::now();
    auto& v = f.values;
    v["burst_initial_loss"] = burst.initialTrainLoss;
    v["burst_final_loss"] = burst.finalTrainLoss;
    v["burst_loss_delta"] = burst.finalTrainLoss - burst.initialTrainLoss;
    v["burst_log_loss_ratio"] =
        burst.initialTrainLoss > 0.0 && burst.finalTrainLoss > 0.0
            ? std::log(burst.finalTrainLoss / burst.initialTrainLoss)
            : kNaN;
    try {
        const LossGradient g = lossAndGradient(problem);
        f.probeCost += g.cost;
        v["gradient_norm"] = g.gradientNorm;
        v["burst_validation_metric"] = problem.validationMetric(metric);
        checkProgress(next(), 1, 1);
        if (b.eigenIterations > 0) {
            EigenOptions e;
            e.maxIterations = b.eigenIterations;
            e.relativeTolerance = 1e-4;
            e.hvp = b.hvp;
            e.fdEpsilon = b.epsilon;
            e.seed = seed + 11;
            const EigenResult r = topEigenvalueLanczos(problem, e, next());
            f.probeCost += r.cost;
            v["lambda_max"] = r.value;
            const double beta = h.optimizer == OptimizerKind::Sgd ? h.momentum : 0.0;
            v["lr_lambda_max"] = h.learningRate * r.value;
            v["eos_bound"] = stabilityBound(h.learningRate, beta);
            v["eos_ratio"] = r.value / stabilityBound(h.learningRate, beta);
        }
        if (b.traceSamples > 0) {
            TraceOptions o;
            o.estimator = TraceEstimator::Hutchinson; // Hutch++ needs more HVPs than a burst budget
            o.minSamples = b.traceSamples;
            o.maxSamples = b.traceSamples;
            o.hvp = b.hvp;
            o.fdEpsilon = b.epsilon;
            o.seed = seed + 12;
            const TraceResult r = hutchinsonTrace(problem, o, next());
            f.probeCost += r.cost;
            v["trace"] = r.estimate;
        }
        for (const auto kind : b.directionKinds) {
            CurvatureOptions o;
            o.kind = kind;
            o.count = b.directions;
            o.epsilon = b.epsilon;
            o.pcaSamples = std::max(8, b.directions + 2);
            o.seed = seed + 13;
            const CurvatureResult r = finiteDifferenceCurvature(problem, o, next());
            f.probeCost += r.cost;
            v["curvature_" + kindName(kind)] = r.meanDirectional;
        }
        if (b.perturbations > 0) {
            SharpnessOptions o;
            o.rho = b.perturbationRadius;
            o.samples = b.perturbations;
            o.seed = seed + 14;
            const SharpnessResult r = perturbationSensitivity(problem, o, next());
            f.probeCost += r.cost;
            v["sharpness"] = r.meanIncrease;
        }
    } catch (const CancelledError&) {
        throw;
    } catch (const Error& e) {
        f.probeCost.seconds = seconds(start);
        return fail(std::string("probe failed after the burst: ") + e.what());
    }
    f.probeCost.seconds = seconds(start);
    for (const auto& [name, value] : v)
        if (!std::isfinite(value) && name != "burst_log_loss_ratio")
            return fail(name + " is not finite after the burst");
    return f;
}

TrainResult fullTrainingRun(Problem& problem, const std::vector<float>& theta0,
                            const Hyperparameters& h, const FullRunSpec& run, Metric metric,
                            std::uint64_t seed, const ProgressFn& progress)
{
    RestoreState restore(problem);
    Problem::seedGlobalRandom(seed);
    problem.setParameters(scaled(theta0, h.initScale));
    return train(problem, fullRunOptions(h, run, metric, seed), progress);
}

TrainOptions fullRunOptions(const Hyperparameters& h, const FullRunSpec& run, Metric metric,
                            std::uint64_t seed)
{
    TrainOptions t;
    t.optimizer = optimizerOptions(h);
    t.steps = run.steps;
    t.epochs = run.epochs;
    t.batchSize = h.batchSize;
    t.validateEvery = run.validateEvery;
    t.metric = metric;
    t.seed = seed;
    t.stopOnNonFinite = true;
    return t;
}

OptimizerOptions guidedOptimizerOptions(const Hyperparameters& h, double scale)
{
    OptimizerOptions o = optimizerOptions(h);
    o.guidedBase = o.kind; // sgd, adam, adamw, or sam (whose own base is already set)
    o.kind = OptimizerKind::Guided;
    o.guidedScale = scale;
    return o;
}

double guidedScaleForRank(std::size_t rank, std::size_t count)
{
    if (count <= 1)
        return 1.0;
    const double t = static_cast<double>(std::min(rank, count - 1)) / static_cast<double>(count - 1);
    return 1.0 - 0.5 * t;
}

GuidedFollowUp guidedFollowUp(const StudySpec& spec, const StudyRanking& ranking,
                              std::int64_t configurationId)
{
    const RankedConfiguration* chosen = nullptr;
    bool scored = false;
    GuidedFollowUp f;
    for (const auto& row : ranking.rows) {
        const bool hasScore = std::isfinite(row.promisingness);
        if (row.record.id == configurationId) {
            chosen = &row;
            scored = hasScore;
            f.rank = f.count;
        }
        if (hasScore)
            ++f.count;
    }
    if (!chosen)
        throw InputError("no configuration with id " + std::to_string(configurationId)
                         + " in this study");
    if (!scored)
        throw InputError("configuration #" + std::to_string(chosen->record.index)
                         + " has no probe result to rank it by");
    f.index = chosen->record.index;
    const Hyperparameters& h = chosen->record.hyper;
    f.scale = guidedScaleForRank(f.rank, f.count);
    f.initScale = h.initScale;
    f.options = fullRunOptions(h, spec.fullRun, spec.metric, spec.seed);
    f.options.optimizer = guidedOptimizerOptions(h, f.scale);
    return f;
}

Problem loadStudyProblem(const StudySpec& spec)
{
    auto data = Dataset::loadCsv(spec.dataPath, spec.data);
    auto model = Model::load(spec.modelPath, spec.data.device);
    ProblemOptions o;
    o.loss = spec.loss;
    o.probeRows = spec.probeRows;
    o.seed = spec.seed;
    o.output = spec.output;
    return Problem(std::move(model), std::move(data), o);
}

void prepareStudy(StudyStore& store, const StudySpec& spec)
{
    if (spec.strategy == StudyStrategy::ProbeHalving)
        rungCheckpointFolder(store, spec); // a server study without a shared folder: refused now
    std::string stored = store.specJson();
    const std::string wanted = toJson(spec);
    if (stored.empty()) {
        if (store.initialise(spec, sampleConfigurations(spec)))
            return;
        stored = store.specJson(); // another worker stored one first: it must be the same
    }
    if (stored != wanted) {
        // Name the first differing top-level key, so the user sees what changed.
        const json a = json::parse(stored), b = json::parse(wanted);
        std::string key;
        for (auto it = b.begin(); it != b.end() && key.empty(); ++it)
            if (!a.contains(it.key()) || a[it.key()] != it.value())
                key = it.key();
        throw InputError(store.path() + ": holds a different study spec (" + key
                         + " differs); use a new --db file or the stored spec");
    }
}

StudySpec storedSpec(const StudyStore& store)
{
    const std::string text = store.specJson();
    if (text.empty())
        throw InputError(store.path() + ": holds no study yet (run 'borehole-cli study run "
                                        "spec.json --db " + store.path() + "' first)");
    return parseStudySpec(text, store.path() + " (stored spec)");
}

namespace {

/// Wraps a progress callback with lease renewal: at most every `interval` seconds it extends
/// the claim; when the claim is lost, or the store fails, it stops the work (returns false) and
/// remembers why, so the caller can tell that from a user's cancel.
class Heartbeat
{
public:
    Heartbeat(double interval, std::function<bool()> renew)
        : m_interval(interval), m_renew(std::move(renew)), m_last(std::chrono::steady_clock::now())
    {
    }
    ProgressFn wrap(const ProgressFn& inner)
    {
        return [this, inner](int done, int total) {
            if (seconds(m_last) >= m_interval) {
                m_last = std::chrono::steady_clock::now();
                try {
                    if (!m_renew()) {
                        m_lost = true;
                        return false;
                    }
                } catch (...) {
                    m_error = std::current_exception();
                    return false;
                }
            }
            return !inner || inner(done, total);
        };
    }
    bool lost() const { return m_lost; }
    void rethrowStoreError() const
    {
        if (m_error)
            std::rethrow_exception(m_error);
    }

private:
    double m_interval;
    std::function<bool()> m_renew;
    std::chrono::steady_clock::time_point m_last;
    bool m_lost = false;
    std::exception_ptr m_error;
};

} // namespace

StudyRunSummary runStudy(StudyStore& store, Problem& problem, const StudyRunOptions& options,
                         const ProgressFn& progress)
{
    const auto start = std::chrono::steady_clock::now();
    const StudySpec spec = storedSpec(store);
    StudyRunSummary summary;
    if (options.limit < 0)
        throw InputError("the configuration limit must not be negative, got "
                         + std::to_string(options.limit));
    if (!(options.leaseSeconds > 0.0))
        throw InputError("the lease must be positive, got " + std::to_string(options.leaseSeconds)
                         + " s");
    summary.recovered = store.reclaimAbandoned();
    store.setInfo("train_rows", std::to_string(problem.data().summary().trainRows));
    store.setInfo("parameter_count", std::to_string(problem.parameterCount()));
    // Every configuration starts from this state: θ₀ with the buffers and mode as loaded.
    const RestoreState restore(problem);
    const std::vector<float> theta0 = problem.parameters();

    int finished = 0;
    int total = 0;
    auto countFinished = [&] {
        const auto c = store.counts();
        finished = c.done + c.failed;
        total = c.total();
    };
    countFinished();
    checkProgress(progress, finished * kScale, total * kScale);
    while (options.limit == 0 || summary.probed < options.limit) {
        const auto claim = store.claimNext(options.leaseSeconds);
        if (!claim)
            break;
        problem.restoreState(restore.state());
        Heartbeat heartbeat(options.leaseSeconds / 4.0, [&] {
            return store.heartbeat(claim->id, options.leaseSeconds);
        });
        ConfigurationFeatures f;
        std::string error;
        try {
            const ProgressScope scope(progress, finished, total, kScale);
            f = probeConfiguration(problem, theta0, claim->hyper, spec.probe, spec.metric,
                                   spec.seed, heartbeat.wrap(scope.callback()));
        } catch (const CancelledError&) {
            heartbeat.rethrowStoreError();
            if (heartbeat.lost()) { // someone else holds it now; theirs is the result
                ++summary.lost;
                continue;
            }
            store.release(claim->id);
            throw;
        } catch (const std::exception& e) {
            // A poison configuration (a value libtorch refuses, a model error): store why, let
            // the others go on; after kMaxConfigurationFailures it is marked failed.
            error = e.what();
            if (error.empty())
                error = "unknown error";
        }
        if (!error.empty()) {
            store.release(claim->id, error);
            ++summary.errors;
        } else if (store.finish(claim->id, f)) {
            ++summary.probed;
            summary.failed += f.failed;
            if (options.onFinished)
                if (auto record = store.configuration(claim->id))
                    options.onFinished(*record);
        } else {
            ++summary.lost;
        }
        countFinished();
        checkProgress(progress, finished * kScale, total * kScale);
    }
    const auto c = store.counts();
    summary.remaining = c.pending;
    summary.running = c.running;
    summary.seconds = seconds(start);
    return summary;
}

std::vector<std::string> metaModelInputNames(const std::vector<ConfigurationRecord>& done)
{
    std::vector<std::string> names = encodedHyperparameterNames();
    std::set<std::string> features;
    for (const auto& r : done)
        if (r.status == RunStatus::Done)
            for (const auto& [k, v] : r.features)
                features.insert(k);
    // burst_log_loss_ratio carries the same information as the delta on a log scale; eos_bound
    // is a function of the hyperparameters already encoded.
    features.erase("eos_bound");
    names.insert(names.end(), features.begin(), features.end());
    return names;
}

std::vector<double> metaModelInput(const ConfigurationRecord& r,
                                   const std::vector<std::string>& names)
{
    std::vector<double> row = encodeHyperparameters(r.hyper);
    for (std::size_t i = row.size(); i < names.size(); ++i) {
        const auto it = r.features.find(names[i]);
        row.push_back(it == r.features.end() ? kNaN : signedLog(it->second));
    }
    return row;
}

double proxyScore(const ConfigurationRecord& r)
{
    if (r.status != RunStatus::Done)
        return kNaN;
    const auto loss = r.features.find("burst_final_loss");
    if (loss == r.features.end())
        return kNaN;
    double score = -std::log(std::max(loss->second, 1e-12));
    const auto eos = r.features.find("eos_ratio");
    if (r.hyper.optimizer == OptimizerKind::Sgd && eos != r.features.end() && eos->second > 1.0)
        score -= std::log(eos->second);
    return score;
}

std::int64_t trainRowsOf(const StudyStore& store)
{
    const std::string v = store.info("train_rows");
    return v.empty() ? 0 : std::stoll(v);
}

std::map<std::int64_t, FullRunRecord> latestFullRuns(const StudyStore& store)
{
    std::map<std::int64_t, FullRunRecord> out;
    for (auto& r : store.fullRuns())
        if (r.status == RunStatus::Done || r.status == RunStatus::Failed)
            out[r.configurationId] = r;
    return out;
}

namespace {

/// The spec's transferred model as the study's meta-model version: fine-tuned on the study's
/// own full runs; its validation is its error on those runs before it was fine-tuned on them
/// (out of sample: the shipped model never saw this task), in the study's fitted units.
MetaModelRecord refitTransferred(StudyStore& store, const StudySpec& spec,
                                 const std::vector<const ConfigurationRecord*>& done)
{
    const TransferModel base = loadTransferModel(spec.transfer);
    const auto own = studyTransferRecords(store, spec);
    const TransferModel tuned = fineTuneTransferModel(base, own);
    const std::int64_t trainRows = trainRowsOf(store);
    auto features = [&](const ConfigurationRecord& c) {
        return transferInput(probeScaleFreeFeatures(c, spec, trainRows));
    };
    std::map<std::int64_t, const ConfigurationRecord*> byId;
    for (const auto* c : done)
        byId[c->id] = c;
    // Base predictions of the study's full runs, in the fitted units, against their outcomes.
    std::vector<double> predicted, measured;
    for (const auto& r : latestFullRuns(store)) {
        const auto it = byId.find(r.first);
        if (it == byId.end() || r.second.status != RunStatus::Done || !std::isfinite(r.second.outcome))
            continue;
        const double p = base.model.predict({features(*it->second)}).front().mean;
        const double outcome = transferredOutcome(*it->second, p, spec.metric);
        if (!std::isfinite(outcome) || (!higherIsBetter(spec.metric) && !(outcome > 0.0)))
            continue;
        predicted.push_back(transformOutcome(spec.metric, outcome));
        measured.push_back(transformOutcome(spec.metric, r.second.outcome));
    }
    MetaModelRecord rec;
    rec.kind = "transfer";
    rec.members = tuned.model.options().members;
    rec.trainingRows = tuned.model.trainingRows();
    rec.validationRmse = kNaN;
    rec.validationSpearman = kNaN;
    if (predicted.size() >= 2) {
        double se = 0.0;
        for (std::size_t i = 0; i < predicted.size(); ++i)
            se += (predicted[i] - measured[i]) * (predicted[i] - measured[i]);
        rec.validationRmse = std::sqrt(se / static_cast<double>(predicted.size()));
        rec.validationSpearman = spearman(predicted, measured);
    }
    json details{{"inputs", scaleFreeFeatureNames()},
                 {"target", fittedTarget(spec.metric)},
                 {"metric", toString(spec.metric)},
                 {"transfer",
                  {{"source", tuned.source},
                   {"trained_on", tuned.trainedOn},
                   {"full_steps", tuned.fullSteps},
                   {"fine_tuned_on", tuned.fineTunedOn},
                   {"checked_on_full_runs", predicted.size()}}},
                 {"validation_rows", static_cast<int>(predicted.size())},
                 {"model", json::parse(tuned.model.toJson())}};
    rec.detailsJson = details.dump();
    for (const auto* c : done) {
        const auto p = tuned.model.predict({features(*c)}).front();
        const double mean = transferredOutcome(*c, p.mean, spec.metric);
        Prediction out;
        out.configurationId = c->id;
        out.mean = mean;
        // Spread in metric units: half the width of the ±1σ band mapped back.
        out.std = 0.5 * std::abs(transferredOutcome(*c, p.mean + p.std, spec.metric)
                                 - transferredOutcome(*c, p.mean - p.std, spec.metric));
        out.promisingness = std::isfinite(mean) && (higherIsBetter(spec.metric) || mean > 0.0)
                                ? goodness(spec.metric, transformOutcome(spec.metric, mean))
                                : kNaN;
        rec.predictions.push_back(out);
    }
    rec.version = store.addMetaModel(rec);
    return rec;
}

} // namespace

MetaModelRecord refitMetaModel(StudyStore& store, const StudySpec& spec,
                               const StudyModelOptions& options)
{
    const auto configs = store.configurations();
    std::vector<const ConfigurationRecord*> done;
    for (const auto& c : configs)
        if (c.status == RunStatus::Done)
            done.push_back(&c);
    if (done.size() < 3)
        throw InputError(store.path() + ": the meta-model needs at least 3 probed configurations, "
                                        "got " + std::to_string(done.size()));
    if (!spec.transfer.empty())
        return refitTransferred(store, spec, done);
    const auto names = metaModelInputNames(configs);
    const auto runs = latestFullRuns(store);

    // Outcomes in fitted units; a diverged full run counts as the worst finite outcome seen.
    std::map<std::int64_t, double> outcome;
    double worst = kNaN;
    for (const auto& [id, r] : runs)
        if (r.status == RunStatus::Done && std::isfinite(r.outcome)) {
            const double t = transformOutcome(spec.metric, r.outcome);
            outcome[id] = t;
            if (!std::isfinite(worst) || goodness(spec.metric, t) < goodness(spec.metric, worst))
                worst = t;
        }
    const bool outcomeModel = static_cast<int>(outcome.size()) >= options.minOutcomes;
    if (outcomeModel)
        for (const auto& [id, r] : runs)
            if (!outcome.count(id))
                outcome[id] = worst;

    std::vector<std::vector<double>> x, all;
    std::vector<double> y;
    for (const auto* c : done) {
        all.push_back(metaModelInput(*c, names));
        if (outcomeModel) {
            const auto it = outcome.find(c->id);
            if (it == outcome.end())
                continue;
            x.push_back(all.back());
            y.push_back(it->second);
        } else {
            x.push_back(all.back());
            y.push_back(proxyScore(*c));
        }
    }
    const MetaModel model = MetaModel::fit(x, y, options.ensemble);
    const auto predictions = model.predict(all);

    MetaModelRecord rec;
    rec.kind = outcomeModel ? "outcome" : "proxy";
    rec.members = options.ensemble.members;
    rec.trainingRows = model.trainingRows();
    rec.validationRmse = model.validation().rmse;
    rec.validationSpearman = model.validation().spearman;
    json details{{"inputs", names},
                 {"target", outcomeModel ? fittedTarget(spec.metric)
                                         : "proxy score"},
                 {"metric", toString(spec.metric)},
                 {"validation_mae", std::isfinite(model.validation().mae)
                                        ? json(model.validation().mae)
                                        : json(nullptr)},
                 {"validation_rows", model.validation().rows},
                 {"model", json::parse(model.toJson())}};
    rec.detailsJson = details.dump();
    for (std::size_t i = 0; i < done.size(); ++i) {
        Prediction p;
        p.configurationId = done[i]->id;
        if (outcomeModel) {
            p.mean = untransformOutcome(spec.metric, predictions[i].mean);
            // Spread in metric units: half the width of the ±1σ band mapped back.
            p.std = 0.5 * std::abs(untransformOutcome(spec.metric,
                                                      predictions[i].mean + predictions[i].std)
                                   - untransformOutcome(spec.metric,
                                                        predictions[i].mean - predictions[i].std));
            p.promisingness = goodness(spec.metric, predictions[i].mean);
        } else {
            p.mean = kNaN;
            p.std = predictions[i].std;
            p.promisingness = predictions[i].mean;
        }
        rec.predictions.push_back(p);
    }
    rec.version = store.addMetaModel(rec);
    return rec;
}

StudyRanking rankStudy(const StudyStore& store, const StudySpec& spec)
{
    StudyRanking ranking;
    ranking.model = store.latestMetaModel();
    std::map<std::int64_t, Prediction> predicted;
    if (ranking.model)
        for (const auto& p : ranking.model->predictions)
            predicted[p.configurationId] = p;
    const auto runs = latestFullRuns(store);
    const std::int64_t trainRows = trainRowsOf(store);
    for (auto& c : store.configurations()) {
        RankedConfiguration row;
        row.predicted = kNaN;
        row.predictedStd = kNaN;
        row.promisingness = kNaN;
        if (const auto it = predicted.find(c.id); it != predicted.end() && c.status == RunStatus::Done) {
            row.predicted = it->second.mean;
            row.predictedStd = it->second.std;
            row.promisingness = it->second.promisingness;
        } else if (c.status == RunStatus::Done) {
            row.promisingness = proxyScore(c); // probed after the latest fit
        }
        if (const auto it = runs.find(c.id); it != runs.end()) {
            row.fullRunFailed = it->second.status == RunStatus::Failed;
            if (!row.fullRunFailed)
                row.outcome = it->second.outcome;
        }
        row.fullRunCost = fullRunCostOf(spec, c.hyper, trainRows);
        row.record = std::move(c);
        ranking.rows.push_back(std::move(row));
    }
    std::stable_sort(ranking.rows.begin(), ranking.rows.end(), [](const auto& a, const auto& b) {
        const bool fa = std::isfinite(a.promisingness), fb = std::isfinite(b.promisingness);
        if (fa != fb)
            return fa;
        return fa && a.promisingness > b.promisingness;
    });
    if (ranking.model) {
        ranking.model->predictions.clear();
        const json details = json::parse(ranking.model->detailsJson);
        ranking.logUnits = details.value("target", std::string()) == "log outcome";
    }
    return ranking;
}

double StudyRanking::fittedSpread(const RankedConfiguration& row) const
{
    if (!std::isfinite(row.predictedStd))
        return kNaN;
    // std was stored as e^μ·sinh(σ) (half the ±1σ band) and the mean as e^μ.
    return logUnits ? std::asinh(row.predictedStd / row.predicted) : row.predictedStd;
}

std::vector<TargetCandidate> targetCandidates(const StudyRanking& ranking,
                                              const OutcomeTarget& target, double minProbability)
{
    if (!ranking.model || !ranking.model->supportsTargetMode())
        throw InputError(ranking.model && ranking.model->kind == "transfer"
                             ? "target mode with the transferred model needs its error measured "
                               "on at least 2 of the study's full runs; run 'borehole-cli study "
                               "train' first"
                             : "target mode needs a meta-model fitted on full-run outcomes; run "
                               "'borehole-cli study train' first");
    const bool logUnits = ranking.logUnits;
    const double validation = std::isfinite(ranking.model->validationRmse)
                                  ? ranking.model->validationRmse
                                  : 0.0;
    auto toFitted = [&](double v) { return logUnits ? std::log(std::max(v, 1e-12)) : v; };
    std::vector<TargetCandidate> out;
    for (const auto& row : ranking.rows) {
        TargetCandidate c;
        c.row = row;
        if (row.outcome) {
            c.probability = target.met(*row.outcome) ? 1.0 : 0.0;
        } else if (row.fullRunFailed || !std::isfinite(row.predicted)) {
            continue;
        } else {
            const double mu = toFitted(row.predicted);
            const double ensemble = ranking.fittedSpread(row);
            const double sigma = std::max(std::sqrt(ensemble * ensemble + validation * validation),
                                          1e-9);
            const double z = (toFitted(target.threshold) - mu) / sigma;
            c.probability = target.atMost ? normalCdf(z) : 1.0 - normalCdf(z);
        }
        if (c.probability >= minProbability)
            out.push_back(std::move(c));
    }
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        if (a.row.fullRunCost != b.row.fullRunCost)
            return a.row.fullRunCost < b.row.fullRunCost;
        return a.probability > b.probability;
    });
    return out;
}

std::vector<std::int64_t> selectForFullRuns(const StudyRanking& ranking, int count, double kappa)
{
    const bool outcomeModel = ranking.model && ranking.model->predictsOutcomes();
    std::vector<std::pair<double, std::int64_t>> scored;
    for (const auto& row : ranking.rows) {
        if (row.record.status != RunStatus::Done || row.outcome || row.fullRunFailed
            || !std::isfinite(row.promisingness))
            continue;
        double score = row.promisingness;
        if (outcomeModel && std::isfinite(row.predictedStd))
            score += kappa * ranking.fittedSpread(row);
        scored.emplace_back(score, row.record.id);
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<std::int64_t> out;
    for (std::size_t i = 0; i < scored.size() && static_cast<int>(i) < count; ++i)
        out.push_back(scored[i].second);
    return out;
}

namespace {

/// One full run of a configuration from the saved state: a full-run row owned by this worker,
/// its lease renewed while training, deleted again when the run is cancelled or fails to run.
/// Returns true when the run diverged or its outcome is not finite.
bool trainOneFullRun(StudyStore& store, Problem& problem, const StudySpec& spec,
                     const ModelState& state, const std::vector<float>& theta0,
                     std::int64_t configurationId, const ProgressFn& progress)
{
    const auto record = store.configuration(configurationId);
    if (!record)
        throw InputError("no configuration with id " + std::to_string(configurationId)
                         + " in this study");
    const std::int64_t run = store.beginFullRun(configurationId);
    TrainResult result;
    Heartbeat heartbeat(kDefaultLeaseSeconds / 4.0, [&] { return store.heartbeatFullRun(run); });
    try {
        problem.restoreState(state);
        result = fullTrainingRun(problem, theta0, record->hyper, spec.fullRun, spec.metric,
                                 spec.seed, heartbeat.wrap(progress));
    } catch (...) {
        store.abandonFullRun(run);
        heartbeat.rethrowStoreError();
        throw;
    }
    store.finishFullRun(run, result);
    return result.diverged || !std::isfinite(result.finalValidationMetric);
}

} // namespace

FollowUpSummary trainConfigurations(StudyStore& store, Problem& problem,
                                    const std::vector<std::int64_t>& configurationIds,
                                    const ProgressFn& progress)
{
    const auto start = std::chrono::steady_clock::now();
    const StudySpec spec = storedSpec(store);
    store.reclaimAbandoned();
    const RestoreState restore(problem);
    const std::vector<float> theta0 = problem.parameters();
    FollowUpSummary summary;
    const int total = static_cast<int>(configurationIds.size());
    for (const auto id : configurationIds) {
        const ProgressScope scope(progress, summary.trained, total, kScale);
        summary.failed += trainOneFullRun(store, problem, spec, restore.state(), theta0, id,
                                          scope.callback());
        ++summary.trained;
        checkProgress(progress, summary.trained * kScale, total * kScale);
    }
    summary.rounds = 1;
    summary.seconds = seconds(start);
    return summary;
}

FollowUpSummary trainFollowUps(StudyStore& store, Problem& problem, int perRound, int rounds,
                               const StudyModelOptions& options, const ProgressFn& progress)
{
    const auto start = std::chrono::steady_clock::now();
    const StudySpec spec = storedSpec(store);
    store.reclaimAbandoned();
    const RestoreState restore(problem);
    const std::vector<float> theta0 = problem.parameters();
    FollowUpSummary summary;
    const int total = perRound * rounds;
    int done = 0;
    for (int round = 0; round < rounds; ++round) {
        if (!store.latestMetaModel())
            refitMetaModel(store, spec, options);
        const auto chosen = selectForFullRuns(rankStudy(store, spec), perRound);
        if (chosen.empty())
            break;
        for (const auto id : chosen) {
            const ProgressScope scope(progress, done, total, kScale);
            summary.failed += trainOneFullRun(store, problem, spec, restore.state(), theta0, id,
                                              scope.callback());
            ++summary.trained;
            ++done;
            checkProgress(progress, done * kScale, total * kScale);
        }
        ++summary.rounds;
        refitMetaModel(store, spec, options);
    }
    summary.seconds = seconds(start);
    return summary;
}

} // namespace borehole
