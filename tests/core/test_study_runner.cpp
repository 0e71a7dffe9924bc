// Probe runs of configurations (edge-of-stability feature on the quadratic with known λmax = 10,
// divergence stored as failure), the SQLite store, the resumable runner and the active loop.
#include "bh_test.h"
#include "test_support.h"

#include <borehole/error.h>
#include <borehole/landscape.h>
#include <borehole/study_runner.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <unistd.h>
#include <filesystem>
#include <fstream>

using namespace borehole;

namespace {

/// A fresh database path in the temporary folder, removed (with WAL files) on destruction.
struct TempDb
{
    std::string path;
    explicit TempDb(const std::string& name)
    {
        path = (std::filesystem::temp_directory_path()
                / ("bh_" + name + "_" + std::to_string(::getpid()) + ".sqlite"))
                   .string();
        clean();
    }
    ~TempDb() { clean(); }
    void clean() const
    {
        for (const char* suffix : {"", "-wal", "-shm"})
            std::remove((path + suffix).c_str());
    }
};

/// The quadratic fixture as a study: L = ½θᵀAθ is the model's own output.
std::string quadraticSpec(const std::string& sampler = R"({"kind": "grid"})", int burst = 10)
{
    return R"({"model": ")" + bht::data("quadratic.pt") + R"(",
        "data": {"path": ")" + bht::data("four_features.csv") + R"(", "device": "cpu"},
        "loss": "output",
        "hyperparameters": {"learning_rate": {"values": [0.01, 0.05, 0.1, 2.0]},
                            "momentum": {"values": [0, 0.9]}, "batch_size": 16},
        "sampler": )" + sampler + R"(,
        "probe": {"burst_steps": )" + std::to_string(burst) + R"(, "directions": 2,
                  "eigen_iterations": 12, "trace_samples": 4, "perturbations": 4}})";
}

std::string diabetesSpec(int count)
{
    return R"({"model": ")" + bht::example("diabetes/diabetes_mlp.pt") + R"(",
        "data": {"path": ")" + bht::example("diabetes/diabetes.csv") + R"(", "target": "progression",
                 "standardize_targets": true, "device": "cpu"},
        "hyperparameters": {"learning_rate": {"min": 1e-3, "max": 0.3},
                            "momentum": {"min": 0, "max": 0.9}, "batch_size": 64},
        "sampler": {"kind": "lhs", "count": )" + std::to_string(count) + R"(, "seed": 4},
        "probe": {"burst_steps": 10, "directions": 2, "eigen_iterations": 6, "trace_samples": 3,
                  "perturbations": 3, "probe_rows": 128},
        "outcome": {"metric": "mse", "full_run": {"steps": 40, "validate_every": 20}}})";
}

/// BatchNorm1d → Linear on four_features.csv: the burst trains in train() mode, which moves the
/// running statistics that every probe afterwards (eval mode) normalises with.
std::string batchNormSpec(const std::string& sampler = R"({"kind": "grid"})")
{
    return R"({"model": ")" + bht::data("batchnorm.pt") + R"(",
        "data": {"path": ")" + bht::data("four_features.csv") + R"(", "target": "y", "device": "cpu"},
        "hyperparameters": {"learning_rate": {"values": [0.003, 0.01, 0.05]},
                            "momentum": {"values": [0, 0.9]}, "batch_size": 8},
        "sampler": )" + sampler + R"(,
        "probe": {"burst_steps": 12, "directions": 2, "eigen_iterations": 6, "trace_samples": 3,
                  "perturbations": 3}})";
}

/// Features as the store keeps them, NaN compared equal to NaN.
bool sameFeatures(const std::map<std::string, double>& a, const std::map<std::string, double>& b)
{
    if (a.size() != b.size())
        return false;
    for (const auto& [k, v] : a) {
        const auto it = b.find(k);
        if (it == b.end() || !(v == it->second || (std::isnan(v) && std::isnan(it->second))))
            return false;
    }
    return true;
}

} // namespace

class TestStudyRunner : public QObject
{
    Q_OBJECT
    BH_TEST_FRIEND

private slots:
    void edgeOfStabilityFeatureOnQuadratic();
    void divergingBurstIsAFailureNotACrash();
    void initScaleMultipliesTheta0();
    void guidedFollowUpOptions();
    void storeRoundTripsAndRecoversRunning();
    void storeRejectsForeignFilesAndOtherSpecs();
    void runnerResumesAfterCancellation();
    void followUpsFeedOutcomesIntoTheMetaModel();
    void modelStateRestoresBuffersAndMode();
    void batchNormStudyDoesNotDependOnHistory();
    void claimsHaveOwnersAndLeases();
    void failingConfigurationIsRetriedThenMarkedFailed();
    void poisonConfigurationDoesNotStopTheStudy();
    void schemaOneDatabaseIsMigrated();
    void missingAndUnusableDatabasesNameTheCause();
};

void TestStudyRunner::edgeOfStabilityFeatureOnQuadratic()
{
    auto p = bht::quadraticProblem();
    const auto theta0 = p.parameters();
    ProbeBudget b;
    b.burstSteps = 5;
    b.eigenIterations = 12;
    b.traceSamples = 4;
    b.directions = 2;
    b.perturbations = 4;
    Hyperparameters h;
    h.learningRate = 0.1;
    h.batchSize = 16;
    auto f = probeConfiguration(p, theta0, h, b, Metric::Mse, 1);
    QVERIFY2(!f.failed, f.reason.c_str());
    // The Hessian of a quadratic is A everywhere: λmax = 10 at any end point.
    BH_CLOSE(f.values.at("lambda_max"), 10.0, 1e-3);
    BH_CLOSE(f.values.at("lr_lambda_max"), 1.0, 1e-3);
    BH_CLOSE(f.values.at("eos_bound"), 20.0, 1e-12); // 2/lr
    BH_CLOSE(f.values.at("eos_ratio"), 0.5, 1e-3);
    QVERIFY(f.values.at("burst_final_loss") < f.values.at("burst_initial_loss"));
    QVERIFY(f.values.at("burst_loss_delta") < 0.0);
    QVERIFY(f.values.count("curvature_random") == 1 && f.values.count("curvature_gradient") == 1);
    QVERIFY(f.values.at("curvature_random") > 0.1 - 1e-3 && f.values.at("curvature_random") < 10.0);
    QVERIFY(f.burstCost.gradients >= 5);
    QVERIFY(f.probeCost.hvps >= 12);
    QVERIFY(p.parameters() == theta0); // θ restored to θ₀

    h.momentum = 0.9; // heavy ball: bound (2 + 2β)/lr = 38
    f = probeConfiguration(p, theta0, h, b, Metric::Mse, 1);
    QVERIFY2(!f.failed, f.reason.c_str());
    BH_CLOSE(f.values.at("eos_bound"), 38.0, 1e-12);
    BH_CLOSE(f.values.at("eos_ratio"), 10.0 / 38.0, 1e-3);
    h.optimizer = OptimizerKind::Adam; // momentum is SGD's; Adam uses the plain bound
    f = probeConfiguration(p, theta0, h, b, Metric::Mse, 1);
    BH_CLOSE(f.values.at("eos_bound"), 20.0, 1e-12);
}

void TestStudyRunner::divergingBurstIsAFailureNotACrash()
{
    auto p = bht::quadraticProblem();
    const auto theta0 = p.parameters();
    ProbeBudget b;
    b.burstSteps = 60;
    Hyperparameters h;
    h.learningRate = 2.0; // lr·λmax = 20 ≫ 2: |1 − lr·λ| = 19 per step overflows float
    const auto f = probeConfiguration(p, theta0, h, b, Metric::Mse, 0);
    QVERIFY(f.failed);
    QVERIFY2(f.reason.rfind("diverged", 0) == 0, f.reason.c_str());
    QVERIFY(p.parameters() == theta0);
}

void TestStudyRunner::initScaleMultipliesTheta0()
{
    auto p = bht::quadraticProblem();
    const auto theta0 = p.parameters();
    const double l0 = p.loss();
    ProbeBudget b;
    b.burstSteps = 1;
    b.eigenIterations = 0;
    b.traceSamples = 0;
    b.perturbations = 0;
    b.directionKinds.clear();
    Hyperparameters h;
    h.learningRate = 1e-6; // one negligible step
    h.initScale = 2.0;
    const auto f = probeConfiguration(p, theta0, h, b, Metric::Mse, 0);
    QVERIFY2(!f.failed, f.reason.c_str());
    BH_CLOSE(f.values.at("burst_initial_loss"), 4.0 * l0, 1e-5); // L(2θ₀) = 4 L(θ₀)
    QVERIFY(f.values.count("lambda_max") == 0);
    QVERIFY(p.parameters() == theta0);
}

void TestStudyRunner::storeRoundTripsAndRecoversRunning()
{
    TempDb db("store");
    const auto spec = parseStudySpec(quadraticSpec(), "q.json");
    {
        auto store = StudyStore::open(db.path);
        QVERIFY(store.specJson().empty());
        prepareStudy(store, spec);
        QCOMPARE(store.counts().pending, 8);
        const auto configs = store.configurations();
        QCOMPARE(configs[3].hyper.learningRate, 0.05);
        QCOMPARE(configs[3].hyper.momentum, 0.9);
        const auto first = store.claimNext();
        QVERIFY(first && first->id == configs[0].id);
        QCOMPARE(first->owner, store.workerId());
        ConfigurationFeatures f;
        f.values = {{"lambda_max", 10.0}, {"trace", std::nan("")}};
        f.burstCost.gradients = 7;
        f.probeCost.hvps = 3;
        QVERIFY(store.finish(configs[0].id, f));
        QVERIFY(!store.finish(configs[0].id, f)); // done: no longer a claim to finish
        const auto second = store.claimNext(0.01); // then "killed": never finished
        QVERIFY(second && second->id == configs[1].id);
    }
    auto store = StudyStore::open(db.path);
    prepareStudy(store, spec); // same spec: accepted, nothing re-sampled
    auto c = store.counts();
    QCOMPARE(c.done, 1);
    QCOMPARE(c.running, 1);
    ::usleep(30000); // the 10 ms lease has run out
    QCOMPARE(store.reclaimAbandoned(), 1);
    c = store.counts();
    QCOMPARE(c.running, 0);
    QCOMPARE(c.pending, 7);
    const auto first = store.configurations()[0];
    QVERIFY(first.status == RunStatus::Done);
    QCOMPARE(first.features.at("lambda_max"), 10.0);
    QVERIFY(std::isnan(first.features.at("trace"))); // NaN survives as NULL
    QCOMPARE(first.burstCost.gradients, std::int64_t(7));
    QCOMPARE(first.probeCost.hvps, std::int64_t(3));
    QCOMPARE(first.attempts, 1);
    QVERIFY(!first.finishedAt.empty());
    QCOMPARE(store.configurations()[1].attempts, 1);
    QCOMPARE(store.configurations()[1].failures, 1); // an attempt that ended without a result
    store.setInfo("train_rows", "32");
    QCOMPARE(store.info("train_rows"), std::string("32"));
    QCOMPARE(store.info("missing"), std::string());
}

void TestStudyRunner::storeRejectsForeignFilesAndOtherSpecs()
{
    TempDb db("foreign");
    {
        std::ofstream(db.path) << "this is not a database, just some text that is long enough";
    }
    BH_THROWS(StudyStore::open(db.path), Error, db.path + ": not a Borehole study database");
    db.clean();
    auto store = StudyStore::open(db.path);
    prepareStudy(store, parseStudySpec(quadraticSpec(), "q.json"));
    BH_THROWS(prepareStudy(store, parseStudySpec(quadraticSpec(R"({"kind": "grid"})", 11), "q.json")),
              InputError,
              db.path + ": holds a different study spec (probe differs); use a new --db file or "
                        "the stored spec");
    TempDb empty("empty");
    auto e = StudyStore::open(empty.path);
    BH_THROWS(storedSpec(e), InputError,
              empty.path + ": holds no study yet (run 'borehole-cli study run spec.json --db "
                  + empty.path + "' first)");
}

void TestStudyRunner::runnerResumesAfterCancellation()
{
    TempDb db("resume");
    auto store = StudyStore::open(db.path);
    const auto spec = parseStudySpec(quadraticSpec(), "q.json");
    prepareStudy(store, spec);
    auto problem = loadStudyProblem(spec);
    const auto theta0 = problem.parameters();
    // Cancel inside the third configuration.
    int calls = 0;
    std::vector<std::int64_t> finishedIds;
    StudyRunOptions o;
    o.onFinished = [&](const ConfigurationRecord& r) { finishedIds.push_back(r.id); };
    bool cancelled = false;
    try {
        runStudy(store, problem, o,
                 [&](int done, int total) { return done * 8 < 2 * total || ++calls < 3; });
    } catch (const CancelledError&) {
        cancelled = true;
    }
    QVERIFY(cancelled);
    QVERIFY(problem.parameters() == theta0);
    QCOMPARE(finishedIds.size(), std::size_t(2));
    auto c = store.counts();
    QCOMPARE(c.done + c.failed, 2);
    QCOMPARE(c.running, 0); // the one in flight went back to pending
    QCOMPARE(c.pending, 6);
    const auto before = store.configurations();

    const auto summary = runStudy(store, problem, o);
    QCOMPARE(summary.probed, 6);
    QCOMPARE(summary.remaining, 0);
    c = store.counts();
    QCOMPARE(c.done + c.failed, 8);
    // lr = 2 diverges (λmax = 10): both momentum values are stored as failed with a reason.
    QCOMPARE(c.failed, 2);
    const auto after = store.configurations();
    for (std::size_t i = 0; i < after.size(); ++i) {
        QCOMPARE(after[i].attempts, i == 2 ? 2 : 1); // only the cancelled one started twice
        if (i < 2)
            QCOMPARE(after[i].finishedAt, before[i].finishedAt); // not re-run
        if (after[i].hyper.learningRate == 2.0) {
            QVERIFY(after[i].status == RunStatus::Failed);
            QVERIFY2(after[i].reason.rfind("diverged", 0) == 0, after[i].reason.c_str());
        } else {
            QVERIFY(after[i].status == RunStatus::Done);
            BH_CLOSE(after[i].features.at("lambda_max"), 10.0, 1e-3);
        }
    }
    QCOMPARE(runStudy(store, problem, o).probed, 0); // nothing left to do
}

void TestStudyRunner::followUpsFeedOutcomesIntoTheMetaModel()
{
    TempDb db("followups");
    auto store = StudyStore::open(db.path);
    const auto spec = parseStudySpec(diabetesSpec(10), "d.json");
    prepareStudy(store, spec);
    auto problem = loadStudyProblem(spec);
    runStudy(store, problem);
    QCOMPARE(store.counts().done, 10);

    StudyModelOptions mo;
    mo.ensemble.epochs = 150;
    mo.minOutcomes = 4;
    const auto proxy = refitMetaModel(store, spec, mo);
    QCOMPARE(proxy.kind, std::string("proxy"));
    QCOMPARE(proxy.members, 5);
    QCOMPARE(proxy.predictions.size(), std::size_t(10));
    auto ranking = rankStudy(store, spec);
    QVERIFY(ranking.rows.front().promisingness >= ranking.rows.back().promisingness);
    BH_THROWS(targetCandidates(ranking, parseOutcomeTarget("mse <= 1", "t")), InputError,
              "target mode needs a meta-model fitted on full-run outcomes; run 'borehole-cli "
              "study train' first");

    const auto s = trainFollowUps(store, problem, 2, 2, mo);
    QCOMPARE(s.trained, 4);
    QCOMPARE(s.rounds, 2);
    const auto runs = store.fullRuns();
    QCOMPARE(runs.size(), std::size_t(4));
    std::set<std::int64_t> distinct;
    for (const auto& r : runs) {
        distinct.insert(r.configurationId);
        QVERIFY(r.status == RunStatus::Done);
        QVERIFY(r.outcome > 0.0 && r.outcome < 10.0);
        QCOMPARE(r.steps, std::int64_t(40));
        QVERIFY(r.curve.size() >= 2); // learning curve stored
    }
    QCOMPARE(distinct.size(), std::size_t(4)); // never the same configuration twice
    const auto latest = store.latestMetaModel();
    QVERIFY(latest.has_value());
    QCOMPARE(latest->kind, std::string("outcome"));
    QCOMPARE(latest->trainingRows, 4);
    QCOMPARE(store.counts().metaModels, 3); // proxy, then one refit per round

    ranking = rankStudy(store, spec);
    QVERIFY(ranking.logUnits);
    double worst = 0.0;
    for (const auto& r : runs)
        worst = std::max(worst, r.outcome);
    const auto candidates = targetCandidates(ranking, parseOutcomeTarget("mse <= " + std::to_string(worst * 1.01), "t"), 0.0);
    QCOMPARE(candidates.size(), std::size_t(10));
    int measured = 0;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        QVERIFY(candidates[i].probability >= 0.0 && candidates[i].probability <= 1.0);
        if (candidates[i].row.outcome) {
            QCOMPARE(candidates[i].probability, 1.0); // measured and below the threshold
            ++measured;
        }
        if (i > 0)
            QVERIFY(candidates[i - 1].row.fullRunCost <= candidates[i].row.fullRunCost);
    }
    QCOMPARE(measured, 4);
}

void TestStudyRunner::guidedFollowUpOptions()
{
    Hyperparameters h;
    h.optimizer = OptimizerKind::Sgd;
    h.learningRate = 0.05;
    h.momentum = 0.9;
    h.batchSize = 16;
    h.samRho = 0.1;
    const OptimizerOptions o = guidedOptimizerOptions(h, 0.75);
    QVERIFY(o.kind == OptimizerKind::Guided);
    QVERIFY(o.guidedBase == OptimizerKind::Sam); // the configuration's SAM stays in the loop
    QVERIFY(o.samBase == OptimizerKind::Sgd);
    QCOMPARE(o.samRho, 0.1);
    QCOMPARE(o.learningRate, 0.05);
    QCOMPARE(o.momentum, 0.9);
    QCOMPARE(o.guidedScale, 0.75);
    // The cap follows the configuration's rule: heavy ball with μ = 0.9 under SAM.
    BH_CLOSE(stableRateCurvatureProduct(o), 3.8, 1e-12);
    h.samRho = 0.0;
    h.optimizer = OptimizerKind::Adam;
    QVERIFY(guidedOptimizerOptions(h, 1.0).guidedBase == OptimizerKind::Adam);

    FullRunSpec run;
    run.steps = 120;
    run.validateEvery = 15;
    const TrainOptions t = fullRunOptions(h, run, Metric::Mae, 9);
    QCOMPARE(t.steps, std::int64_t(120));
    QCOMPARE(t.batchSize, std::int64_t(16));
    QCOMPARE(t.validateEvery, 15);
    QVERIFY(t.metric == Metric::Mae);
    QCOMPARE(t.seed, std::uint64_t(9));

    QCOMPARE(guidedScaleForRank(0, 5), 1.0);
    QCOMPARE(guidedScaleForRank(2, 5), 0.75);
    QCOMPARE(guidedScaleForRank(4, 5), 0.5);
    QCOMPARE(guidedScaleForRank(9, 5), 0.5);
    QCOMPARE(guidedScaleForRank(0, 1), 1.0);

    // One configuration of a ranking: its rank counts only the scored rows (a failed probe has
    // no promisingness), and the options are the ones above at that rank's scale.
    StudySpec spec;
    spec.fullRun = run;
    spec.metric = Metric::Mse;
    spec.seed = 4;
    StudyRanking ranking;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::pair<std::int64_t, double> rows[] = {{3, 2.0}, {5, nan}, {8, 1.0}, {9, 0.5}};
    for (const auto& [id, promise] : rows) {
        RankedConfiguration r;
        r.record.id = id;
        r.record.index = static_cast<int>(id) - 1;
        r.record.hyper = h;
        r.record.hyper.initScale = 0.5 + 0.1 * static_cast<double>(id);
        r.promisingness = promise;
        ranking.rows.push_back(r);
    }
    const GuidedFollowUp f = guidedFollowUp(spec, ranking, 8);
    QCOMPARE(f.rank, std::size_t(1));
    QCOMPARE(f.count, std::size_t(3));
    QCOMPARE(f.scale, 0.75);
    BH_CLOSE(f.initScale, 1.3, 1e-12);
    QVERIFY(f.options.optimizer.kind == OptimizerKind::Guided);
    QCOMPARE(f.options.optimizer.guidedScale, 0.75);
    QCOMPARE(f.options.steps, std::int64_t(120));
    QCOMPARE(f.options.seed, std::uint64_t(4));
    QCOMPARE(guidedFollowUp(spec, ranking, 3).scale, 1.0);
    QCOMPARE(guidedFollowUp(spec, ranking, 9).scale, 0.5);
    QCOMPARE(f.index, 7);
    const std::pair<std::int64_t, std::string> refused[] = {
        {5, "configuration #4 has no probe result to rank it by"},
        {42, "no configuration with id 42 in this study"}};
    for (const auto& [id, message] : refused) {
        try {
            guidedFollowUp(spec, ranking, id);
            QFAIL("a configuration without a promisingness was accepted");
        } catch (const InputError& e) {
            QCOMPARE(std::string(e.what()), message);
        }
    }
}

void TestStudyRunner::modelStateRestoresBuffersAndMode()
{
    auto model = Model::load(bht::data("batchnorm.pt"), DeviceKind::Cpu);
    auto data = Dataset::loadCsv(bht::data("four_features.csv"), {});
    Problem problem(model, std::move(data), {});
    const auto buffers0 = problem.model().buffers();
    const auto theta0 = problem.parameters();
    const ModelState state = problem.saveState();
    QVERIFY(state.valid());
    // A training burst moves θ and the running statistics and leaves eval mode.
    TrainOptions t;
    t.optimizer.learningRate = 0.1;
    t.steps = 5;
    t.batchSize = 8;
    t.validateEvery = 0;
    train(problem, t);
    QVERIFY(problem.parameters() != theta0);
    QVERIFY(problem.model().buffers()[0].values != buffers0[0].values); // running_mean moved
    problem.restoreState(state);
    QVERIFY(problem.parameters() == theta0);
    const auto buffers1 = problem.model().buffers();
    QCOMPARE(buffers1.size(), buffers0.size());
    for (std::size_t i = 0; i < buffers0.size(); ++i)
        QVERIFY2(buffers1[i].values == buffers0[i].values, buffers0[i].name.c_str());
    // A snapshot of another model is refused with the reason.
    auto other = Model::load(bht::data("tiny_mlp.pt"), DeviceKind::Cpu);
    BH_THROWS_PREFIX(problem.restoreState(other.saveState()), InputError,
                     "the saved model state ");
    BH_THROWS(problem.restoreState(ModelState()), InputError, "no saved model state to restore");

    // A PCA-trajectory surface trains in train() mode; afterwards the running statistics are
    // back too, not only θ.
    TrajectoryPlaneOptions o;
    o.training.steps = 10;
    o.training.batchSize = 8;
    o.training.optimizer.learningRate = 0.05;
    o.training.validateEvery = 0;
    o.surface.resolution = 5;
    trajectoryPlane(problem, o);
    QVERIFY(problem.parameters() == theta0);
    const auto buffers2 = problem.model().buffers();
    for (std::size_t i = 0; i < buffers0.size(); ++i)
        QVERIFY2(buffers2[i].values == buffers0[i].values, buffers0[i].name.c_str());
}

void TestStudyRunner::batchNormStudyDoesNotDependOnHistory()
{
    // All configurations in sequence on one Problem must give exactly what each gives alone on
    // a freshly loaded one: the burst's running statistics must not leak into the next.
    TempDb db("batchnorm");
    const auto spec = parseStudySpec(batchNormSpec(), "bn.json");
    auto store = StudyStore::open(db.path);
    prepareStudy(store, spec);
    auto problem = loadStudyProblem(spec);
    const auto buffers0 = problem.model().buffers();
    const auto summary = runStudy(store, problem);
    QCOMPARE(summary.probed, 6);
    const auto buffersAfter = problem.model().buffers();
    for (std::size_t i = 0; i < buffers0.size(); ++i)
        QVERIFY2(buffersAfter[i].values == buffers0[i].values, buffers0[i].name.c_str());
    int compared = 0;
    for (const auto& record : store.configurations()) {
        QVERIFY2(record.status == RunStatus::Done, record.reason.c_str());
        auto alone = loadStudyProblem(spec);
        const auto f = probeConfiguration(alone, alone.parameters(), record.hyper, spec.probe,
                                          spec.metric, spec.seed);
        QVERIFY2(!f.failed, f.reason.c_str());
        QVERIFY2(sameFeatures(f.values, record.features),
                 ("configuration #" + std::to_string(record.index) + " differs: lambda_max "
                  + std::to_string(f.values.at("lambda_max")) + " alone, "
                  + std::to_string(record.features.at("lambda_max")) + " in sequence")
                     .c_str());
        ++compared;
    }
    QCOMPARE(compared, 6);
}

void TestStudyRunner::claimsHaveOwnersAndLeases()
{
    TempDb db("claims");
    const auto spec = parseStudySpec(quadraticSpec(), "q.json");
    auto a = StudyStore::open(db.path);
    auto b = StudyStore::open(db.path); // a second worker on the same database
    QVERIFY(a.workerId() != b.workerId());
    QVERIFY(a.workerId().find(":" + std::to_string(::getpid()) + ":") != std::string::npos);
    prepareStudy(a, spec);
    prepareStudy(b, spec); // already stored by a: the same spec is accepted
    const auto ca = a.claimNext(60.0);
    const auto cb = b.claimNext(60.0);
    QVERIFY(ca && cb);
    QCOMPARE(ca->index, 0);
    QCOMPARE(cb->index, 1); // b does not take a's live claim
    // b starting over does not reset a's running configuration.
    QCOMPARE(b.reclaimAbandoned(), 0);
    QVERIFY(a.configuration(ca->id)->status == RunStatus::Running);
    ConfigurationFeatures f;
    f.values = {{"lambda_max", 1.0}};
    QVERIFY(!b.finish(ca->id, f)); // not b's
    QVERIFY(!b.heartbeat(ca->id));
    QVERIFY(a.heartbeat(ca->id, 0.01)); // a's lease now ends in 10 ms
    ::usleep(30000);
    QCOMPARE(b.reclaimAbandoned(), 1); // a's expired claim goes back to the pool
    const auto back = *b.configuration(ca->id);
    QVERIFY(back.status == RunStatus::Pending);
    QCOMPARE(back.failures, 1);
    QCOMPARE(back.reason, "the worker holding it (" + a.workerId() + ") stopped before it finished");
    QVERIFY(b.finish(cb->id, f));
    // A retry waits behind fresh work: b claims the others first, then a's old one.
    std::optional<ConfigurationRecord> taken;
    while ((taken = b.claimNext(60.0)) && taken->id != ca->id)
        QVERIFY(b.finish(taken->id, f));
    QVERIFY(taken.has_value());
    QCOMPARE(taken->attempts, 2);
    QCOMPARE(taken->owner, b.workerId());
    QVERIFY(!a.heartbeat(ca->id)); // a learns that it lost the claim ...
    QVERIFY(!a.finish(ca->id, f)); // ... and cannot overwrite b's result
    QVERIFY(b.finish(ca->id, f));
    QCOMPARE(a.counts().done, 8);
    QCOMPARE(a.counts().running, 0);
    QVERIFY(!a.claimNext().has_value()); // nothing left
}

void TestStudyRunner::failingConfigurationIsRetriedThenMarkedFailed()
{
    TempDb db("failures");
    auto store = StudyStore::open(db.path);
    prepareStudy(store, parseStudySpec(quadraticSpec(), "q.json"));
    const auto first = store.claimNext();
    QVERIFY(store.release(first->id, "boom 1"));
    auto r = *store.configuration(first->id);
    QVERIFY(r.status == RunStatus::Pending);
    QCOMPARE(r.failures, 1);
    QCOMPARE(r.reason, std::string("boom 1"));
    // A retry waits behind fresh work.
    const auto next = store.claimNext();
    QCOMPARE(next->index, 1);
    QVERIFY(store.release(next->id)); // cancelled: back as it was, no failure counted
    QCOMPARE(store.configuration(next->id)->failures, 0);
    QVERIFY(store.configuration(next->id)->status == RunStatus::Pending);
    for (int i = 2; i <= kMaxConfigurationFailures; ++i) {
        // Claim until the failing one comes back (the others go back untouched).
        std::optional<ConfigurationRecord> c;
        std::vector<std::int64_t> others;
        while ((c = store.claimNext()) && c->id != first->id)
            others.push_back(c->id);
        for (const auto id : others)
            QVERIFY(store.release(id));
        QVERIFY(c.has_value());
        QVERIFY(store.release(first->id, "boom " + std::to_string(i)));
    }
    r = *store.configuration(first->id);
    QVERIFY(r.status == RunStatus::Failed);
    QCOMPARE(r.failures, kMaxConfigurationFailures);
    QCOMPARE(r.reason, std::string("failed 3 times; last: boom 3"));
    QVERIFY(!r.finishedAt.empty());
}

void TestStudyRunner::poisonConfigurationDoesNotStopTheStudy()
{
    // A configuration libtorch refuses (a learning rate beyond float) stored by an older
    // Borehole that did not check ranges: every attempt throws. The study goes on; the poison
    // is tried kMaxConfigurationFailures times, then marked failed with libtorch's reason.
    TempDb db("poison");
    const auto spec = parseStudySpec(quadraticSpec(), "q.json");
    auto configs = sampleConfigurations(spec);
    configs.resize(3);
    configs[1].hyper.learningRate = 1e300;
    {
        auto store = StudyStore::open(db.path);
        QVERIFY(store.initialise(spec, configs));
    }
    auto store = StudyStore::open(db.path);
    auto problem = loadStudyProblem(spec);
    const auto summary = runStudy(store, problem);
    QCOMPARE(summary.errors, kMaxConfigurationFailures);
    QCOMPARE(summary.probed, 2);
    const auto c = store.counts();
    QCOMPARE(c.done, 2);
    QCOMPARE(c.failed, 1);
    QCOMPARE(c.pending, 0);
    const auto poison = store.configurations()[1];
    QVERIFY(poison.status == RunStatus::Failed);
    QCOMPARE(poison.attempts, kMaxConfigurationFailures);
    QVERIFY2(poison.reason.rfind("failed 3 times; last: ", 0) == 0, poison.reason.c_str());
}

void TestStudyRunner::schemaOneDatabaseIsMigrated()
{
    TempDb db("schema1");
    const auto spec = parseStudySpec(quadraticSpec(), "q.json");
    {
        auto store = StudyStore::open(db.path);
        prepareStudy(store, spec);
    }
    // Make it a version-1 database: the columns of the claim rules did not exist.
    const std::string downgrade =
        "sqlite3 '" + db.path + "' \"ALTER TABLE configurations DROP COLUMN failures; "
        "ALTER TABLE configurations DROP COLUMN owner; ALTER TABLE configurations DROP COLUMN "
        "lease_until; ALTER TABLE full_runs DROP COLUMN owner; ALTER TABLE full_runs DROP COLUMN "
        "lease_until; UPDATE configurations SET status = 'running' WHERE idx = 0; "
        "UPDATE study_meta SET value = 'borehole.study-db/1' WHERE key = 'schema';\"";
    if (std::system("command -v sqlite3 > /dev/null") != 0)
        QSKIP("the sqlite3 command-line tool is not installed");
    QCOMPARE(std::system(downgrade.c_str()), 0);
    auto store = StudyStore::open(db.path);
    QCOMPARE(store.info("schema"), std::string("borehole.study-db/2"));
    // A version-1 'running' row has no owner: it came from a process that is gone.
    QCOMPARE(store.reclaimAbandoned(), 1);
    QCOMPARE(store.counts().pending, 8);
    QVERIFY(store.claimNext().has_value());
}

void TestStudyRunner::missingAndUnusableDatabasesNameTheCause()
{
    TempDb db("missing");
    BH_THROWS(StudyStore::openExisting(db.path), InputError,
              db.path + ": no such study database (create one with 'borehole-cli study run "
                        "spec.json --db " + db.path + "')");
    QVERIFY(!std::filesystem::exists(db.path)); // nothing created
    const auto dir = std::filesystem::temp_directory_path();
    BH_THROWS(StudyStore::open(dir.string()), Error,
              dir.string() + ": is a directory, not a study database");
    if (::geteuid() == 0)
        QSKIP("running as root: file permissions do not stop root from writing");
    {
        auto store = StudyStore::open(db.path);
    }
    std::filesystem::permissions(db.path, std::filesystem::perms::owner_read,
                                 std::filesystem::perm_options::replace);
    BH_THROWS(StudyStore::open(db.path), Error,
              db.path + ": the study database is read-only (Permission denied)");
    std::filesystem::permissions(db.path, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace);
}

BH_TEST_MAIN(TestStudyRunner, &TestStudyRunner::edgeOfStabilityFeatureOnQuadratic,
             &TestStudyRunner::divergingBurstIsAFailureNotACrash,
             &TestStudyRunner::initScaleMultipliesTheta0,
             &TestStudyRunner::guidedFollowUpOptions,
             &TestStudyRunner::storeRoundTripsAndRecoversRunning,
             &TestStudyRunner::storeRejectsForeignFilesAndOtherSpecs,
             &TestStudyRunner::runnerResumesAfterCancellation,
             &TestStudyRunner::followUpsFeedOutcomesIntoTheMetaModel,
             &TestStudyRunner::modelStateRestoresBuffersAndMode,
             &TestStudyRunner::batchNormStudyDoesNotDependOnHistory,
             &TestStudyRunner::claimsHaveOwnersAndLeases,
             &TestStudyRunner::failingConfigurationIsRetriedThenMarkedFailed,
             &TestStudyRunner::poisonConfigurationDoesNotStopTheStudy,
             &TestStudyRunner::schemaOneDatabaseIsMigrated,
             &TestStudyRunner::missingAndUnusableDatabasesNameTheCause)

#ifdef BOREHOLE_TEST_WITH_QT
#include "test_study_runner.moc"
#endif
