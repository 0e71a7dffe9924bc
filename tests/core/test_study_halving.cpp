// Probe-halving: the rung schedule, promotion on a synthetic study whose partial curves cross
// (plain halving promotes the wrong configuration, the combined score the right one, through the
// store's real promotion path), scale-free features under loss rescaling, and the rung rows'
// claim / lease rules in the SQLite store.
#include "bh_test.h"
#include "test_support.h"

#include <borehole/error.h>
#include <borehole/study_halving.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <unistd.h>

using namespace borehole;

namespace {

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

/// Nine SGD configurations on the quadratic fixture (only the spec and store are used here).
std::string halvingSpec()
{
    return R"({"model": ")" + bht::data("quadratic.pt") + R"(",
        "data": {"path": ")" + bht::data("four_features.csv") + R"(", "device": "cpu"},
        "loss": "output",
        "hyperparameters": {"learning_rate": {"values": [0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07,
                                                         0.08, 0.09]}, "batch_size": 16},
        "sampler": {"kind": "grid"},
        "probe": {"burst_steps": 10, "eigen_iterations": 4, "trace_samples": 0,
                  "perturbations": 0},
        "outcome": {"metric": "mse", "full_run": {"steps": 900}},
        "strategy": "probe-halving", "halving": {"eta": 3}})";
}

/// A synthetic validation curve V(t) = v1 · (t / r1)^g (power law through v1 at step r1).
struct Curve
{
    double v1;
    double g;
    double at(double t, double r1) const { return v1 * std::pow(t / r1, g); }
};

ConfigurationFeatures probeFeatures(double initial, double burstValidation, double lambda)
{
    ConfigurationFeatures f;
    f.values = {{"burst_initial_loss", initial},
                {"burst_final_loss", 0.8 * initial},
                {"burst_validation_metric", burstValidation},
                {"lambda_max", lambda}};
    return f;
}

/// Records of a synthetic task whose target is `target(features)`, features standard normal.
std::vector<TransferRecord> syntheticRecords(const std::string& task, int count, unsigned seed,
                                             const std::function<double(const std::vector<double>&)>& target)
{
    std::vector<TransferRecord> out;
    std::mt19937 rng(seed);
    std::normal_distribution<double> z;
    for (int i = 0; i < count; ++i) {
        std::vector<double> f(scaleFreeFeatureNames().size());
        for (auto& v : f)
            v = z(rng);
        out.push_back({task + "/" + std::to_string(i) + "/0", task, f, target(f)});
    }
    return out;
}

std::string writeText(const std::string& name, const std::string& text)
{
    const auto path = (std::filesystem::temp_directory_path()
                       / ("bh_" + name + "_" + std::to_string(::getpid()) + ".json"))
                          .string();
    std::ofstream(path) << text;
    return path;
}

/// Index of a scale-free feature by name.
std::size_t featureIndex(const std::string& name)
{
    const auto& n = scaleFreeFeatureNames();
    return static_cast<std::size_t>(std::find(n.begin(), n.end(), name) - n.begin());
}

} // namespace

class TestStudyHalving : public QObject
{
    Q_OBJECT
    BH_TEST_FRIEND

private slots:
    void scheduleAndRungSteps();
    void specKeysRoundTrip();
    void crossingCurvesPromoteByTheCombinedScore();
    void scaleFreeFeaturesIgnoreTheLossScale();
    void rungRowsFollowTheClaimRules();
    void transferredModelNeverTrainsOnTheScoredTask();
    void transferredModelFileRoundTripsAndNamesItsErrors();
    void fineTuningAdaptsToTheStudysOwnRuns();
    void studyRanksAndPromotesByTheTransferredModel();
};

void TestStudyHalving::scheduleAndRungSteps()
{
    const auto s = halvingSchedule(48, 3.0);
    QCOMPARE(s.rungs, 4);
    QCOMPARE(s.entrants, (std::vector<int>{48, 16, 6, 2, 1}));
    QCOMPARE(halvingSchedule(9, 3.0).rungs, 2); // exact powers do not add a rung
    QCOMPARE(halvingSchedule(1, 3.0).rungs, 1);
    QCOMPARE(rungSteps(2187, 3.0, 1, 4), std::int64_t(81));
    QCOMPARE(rungSteps(2187, 3.0, 3, 4), std::int64_t(729));
    QCOMPARE(rungSteps(2000, 3.0, 4, 4), std::int64_t(2000));
    QCOMPARE(rungSteps(10, 3.0, 1, 4), std::int64_t(1)); // never below one step
    BH_THROWS(halvingSchedule(0, 3.0), InputError,
              "successive halving needs at least one configuration, got 0");
}

void TestStudyHalving::specKeysRoundTrip()
{
    const auto spec = parseStudySpec(halvingSpec(), "spec.json");
    QVERIFY(spec.strategy == StudyStrategy::ProbeHalving);
    const auto again = parseStudySpec(toJson(spec), "again.json");
    QVERIFY(again.strategy == StudyStrategy::ProbeHalving);
    QCOMPARE(again.halving.eta, 3.0);
    QVERIFY(again.halving.checkpoints.empty());
    QVERIFY(toJson(spec).find("checkpoints") == std::string::npos);
    // The checkpoint folder resolves against the spec's folder and survives the round trip.
    std::string withFolder = halvingSpec();
    const std::string eta = "\"halving\": {\"eta\": 3}";
    QVERIFY(withFolder.find(eta) != std::string::npos);
    withFolder.replace(withFolder.find(eta), eta.size(),
                       "\"halving\": {\"eta\": 3, \"checkpoints\": \"ckpt/shared\"}");
    const auto folder = parseStudySpec(withFolder, "spec.json", "/studies/a");
    BH_COMPARE_TEXT(folder.halving.checkpoints, "/studies/a/ckpt/shared");
    BH_COMPARE_TEXT(parseStudySpec(toJson(folder), "again.json").halving.checkpoints,
                    "/studies/a/ckpt/shared");
    BH_THROWS(parseStudySpec(R"({"model": "m.pt", "data": {"path": "d.csv"},
        "hyperparameters": {"learning_rate": {"values": [0.1, 0.2]}}, "strategy": "probe-halving",
        "halving": {"checkpoints": 3}})", "s.json"),
              InputError, "s.json: halving.checkpoints must be a string, got 3");
    // A probe study's canonical text has no strategy key: earlier databases still match.
    auto plain = spec;
    plain.strategy = StudyStrategy::Probe;
    QVERIFY(toJson(plain).find("strategy") == std::string::npos);
    BH_THROWS(parseStudySpec(R"({"model": "m.pt", "data": {"path": "d.csv"},
        "hyperparameters": {"learning_rate": {"values": [0.1, 0.2]}}, "strategy": "hyperband"})",
                             "s.json"),
              InputError, "s.json: strategy must be 'probe' or 'probe-halving', got 'hyperband'");
}

void TestStudyHalving::crossingCurvesPromoteByTheCombinedScore()
{
    // Nine configurations, K = 2 rungs: rung 0 (probe) keeps 3, rung 1 (300 steps) keeps 1,
    // rung 2 trains it to R = 900. At rung 1 the curves cross: #0 is flat; #1 is higher but
    // falling steeply (lowest at 900); #2 is lowest at 300 steps but SGD past the edge of
    // stability there (lr·λmax/2 = 4: it sharpened since the burst and blows up later). Plain
    // halving promotes #2 (and without it #0); the combined score promotes #1, the true best.
    TempDb db("halving_cross");
    const auto spec = parseStudySpec(halvingSpec(), "spec.json");
    auto store = StudyStore::open(db.path);
    prepareStudy(store, spec);
    QCOMPARE(openNextRung(store, spec), 0); // probing not complete: nothing opens
    const double r1 = 300.0, full = 900.0, burstSteps = 10.0;
    const std::map<int, Curve> curves{{0, {0.50, -0.02}}, {1, {0.55, -0.50}}, {2, {0.45, -0.05}}};
    // Rung 0: the three curve configurations end the burst best (on their own curves).
    while (auto c = store.claimNext()) {
        const int i = c->index;
        const double burst = i < 3 ? curves.at(i).at(burstSteps, r1) : 4.0 + 0.01 * i;
        QVERIFY(store.finish(c->id, probeFeatures(1.0, burst, 1.0)));
    }
    QCOMPARE(openNextRung(store, spec), 1);
    auto rows = store.rungs();
    QCOMPARE(rows.size(), std::size_t(3));
    std::map<std::int64_t, int> indexOf;
    for (const auto& c : store.configurations())
        indexOf[c.id] = c.index;
    for (const auto& r : rows) {
        QCOMPARE(r.steps, std::int64_t(300)); // R·η^(1−2)
        QVERIFY(indexOf.at(r.configurationId) < 3);
    }
    QCOMPARE(openNextRung(store, spec), 1); // rung 1 not finished: nothing more opens

    std::map<int, double> plain, combined;
    while (auto claim = store.claimNextRung()) {
        const int i = indexOf.at(claim->configurationId);
        const auto probe = *store.configuration(claim->configurationId);
        RungObservation o;
        o.rung = 1;
        o.steps = claim->steps;
        o.previousSteps = static_cast<std::int64_t>(burstSteps);
        o.validation = curves.at(i).at(r1, r1);
        o.previousValidation = curves.at(i).at(burstSteps, r1);
        o.lambdaMax = i == 2 ? 8.0 / probe.hyper.learningRate : 1.0;
        RungRecord done = *claim;
        done.validation = o.validation;
        done.previousValidation = o.previousValidation;
        done.lambdaMax = o.lambdaMax;
        done.score = halvingScore(probe, o, 900, Metric::Mse);
        plain[i] = -o.validation;
        combined[i] = done.score;
        QVERIFY(store.finishRung(claim->id, done));
    }
    auto best = [](const std::map<int, double>& m) {
        return std::max_element(m.begin(), m.end(), [](const auto& a, const auto& b) {
                   return a.second < b.second;
               })->first;
    };
    QCOMPARE(best(plain), 2);    // plain halving: the lowest loss at the rung
    QCOMPARE(best(combined), 1); // the combined score
    plain.erase(2);
    combined.erase(2);
    QCOMPARE(best(plain), 0);    // even without the unstable one, plain halving is wrong
    QCOMPARE(best(combined), 1);
    // The truth at R: #1 is best (#2 diverges; #0 stays flat).
    QVERIFY(curves.at(1).at(full, r1) < curves.at(0).at(full, r1));

    QCOMPARE(openNextRung(store, spec), 2);
    rows = store.rungs();
    std::vector<int> rung2;
    for (const auto& r : rows)
        if (r.rung == 2) {
            rung2.push_back(indexOf.at(r.configurationId));
            QCOMPARE(r.steps, std::int64_t(900));
        }
    QCOMPARE(rung2, std::vector<int>{1});
    // What a GUI shows for the finished study: at rung 1 plain halving would have promoted #2.
    const auto compared = compareRungPromotions(store, spec);
    QCOMPARE(compared.size(), std::size_t(2));
    QVERIFY(compared[0].agree()); // rung 0: the burst validation ranks alike (no EoS penalty)
    QCOMPARE(compared[1].entrants, 3);
    QVERIFY(!compared[1].agree());
    QCOMPARE(indexOf.at(compared[1].promotedByScore.at(0)), 1);
    QCOMPARE(indexOf.at(compared[1].promotedByValidation.at(0)), 2);
    QCOMPARE(openNextRung(store, spec), 2); // the last rung: nothing beyond it
}

void TestStudyHalving::scaleFreeFeaturesIgnoreTheLossScale()
{
    // L → c·L and lr → lr/c leave SGD's trajectory unchanged (Adam's with lr unchanged); every
    // loss-like value and λmax scale by c. The transferred features and the score must not move.
    for (const auto optimizer : {OptimizerKind::Sgd, OptimizerKind::Adam}) {
        for (const double c : {1e-3, 0.5, 7.0, 1e4}) {
            ConfigurationRecord a;
            a.status = RunStatus::Done;
            a.hyper.optimizer = optimizer;
            a.hyper.learningRate = 0.05;
            a.hyper.momentum = optimizer == OptimizerKind::Sgd ? 0.9 : 0.0;
            a.hyper.batchSize = 32;
            a.features = {{"burst_initial_loss", 2.3},
                          {"burst_final_loss", 1.1},
                          {"burst_validation_metric", 1.25},
                          {"lambda_max", 31.0}};
            RungObservation o;
            o.rung = 2;
            o.steps = 243;
            o.previousSteps = 81;
            o.validation = 0.61;
            o.previousValidation = 0.83;
            o.lambdaMax = 55.0;
            ConfigurationRecord b = a;
            for (auto& [k, v] : b.features)
                v *= c;
            if (optimizer == OptimizerKind::Sgd)
                b.hyper.learningRate /= c;
            RungObservation q = o;
            q.validation *= c;
            q.previousValidation *= c;
            q.lambdaMax *= c;
            const auto fa = scaleFreeFeatures(a, o, 2187, Metric::Mse);
            const auto fb = scaleFreeFeatures(b, q, 2187, Metric::Mse);
            QCOMPARE(fa.size(), scaleFreeFeatureNames().size());
            for (std::size_t i = 0; i < fa.size(); ++i) {
                QVERIFY2(std::isnan(fa[i]) == std::isnan(fb[i]), scaleFreeFeatureNames()[i].c_str());
                if (!std::isnan(fa[i]))
                    QVERIFY2(std::abs(fa[i] - fb[i]) <= 1e-9 * (1.0 + std::abs(fa[i])),
                             (scaleFreeFeatureNames()[i] + " moved with the loss scale").c_str());
            }
            BH_CLOSE(halvingScore(b, q, 2187, Metric::Mse), halvingScore(a, o, 2187, Metric::Mse),
                     1e-9);
            // The study's own meta-model inputs are not scale-free (they see log lr and the
            // raw features): the check above is not vacuous.
            if (c != 1.0) {
                const auto names = metaModelInputNames({a});
                QVERIFY(metaModelInput(a, names) != metaModelInput(b, names));
            }
        }
    }
}

void TestStudyHalving::rungRowsFollowTheClaimRules()
{
    TempDb db("halving_claims");
    const auto spec = parseStudySpec(halvingSpec(), "spec.json");
    auto a = StudyStore::open(db.path);
    auto b = StudyStore::open(db.path);
    prepareStudy(a, spec);
    const auto configs = a.configurations();
    QVERIFY(a.openRung(1, {{configs[0].id, 10}, {configs[1].id, 10}}));
    QVERIFY(!b.openRung(1, {{configs[2].id, 10}})); // opened already: nothing written
    QCOMPARE(a.rungs().size(), std::size_t(2));
    const auto ca = a.claimNextRung(0.2);
    const auto cb = b.claimNextRung(60.0);
    QVERIFY(ca && cb && ca->id != cb->id);
    QVERIFY(!b.claimNextRung(60.0));   // both rows held
    QVERIFY(!b.heartbeatRung(ca->id)); // not b's claim
    ::usleep(400000);                  // a's lease runs out
    const auto taken = b.claimNextRung(60.0);
    QVERIFY(taken && taken->id == ca->id);
    QCOMPARE(taken->failures, 1);
    QCOMPARE(taken->attempts, 2);
    RungRecord r = *ca;
    r.validation = 0.5;
    QVERIFY(!a.finishRung(ca->id, r)); // a lost its claim: writes nothing
    QVERIFY(b.finishRung(ca->id, r));
    QVERIFY(b.releaseRung(cb->id, "boom"));
    const auto again = a.claimNextRung(60.0);
    QVERIFY(again && again->id == cb->id);
    QCOMPARE(again->reason, std::string("boom"));
}

void TestStudyHalving::transferredModelNeverTrainsOnTheScoredTask()
{
    // Three tasks; the target depends on the first features the same way everywhere.
    std::vector<TransferRecord> records;
    std::mt19937 rng(3);
    std::normal_distribution<double> z;
    for (const std::string task : {"diabetes", "wine", "digits"})
        for (int i = 0; i < 12; ++i) {
            std::vector<double> f(scaleFreeFeatureNames().size());
            for (auto& v : f)
                v = z(rng);
            f[8] = std::nan(""); // an Adam row: lr·λmax absent
            records.push_back({task + "/" + std::to_string(i) + "/0", task, f, f[6] - 0.5 * f[7]});
        }
    MetaModelOptions o;
    o.members = 2;
    o.epochs = 50;
    const auto model = fitTransferModel(records, "wine", o);
    QCOMPARE(model.heldOutTask, std::string("wine"));
    QCOMPARE(model.trainedIds.size(), std::size_t(24));
    for (const auto& id : model.trainedIds)
        QVERIFY2(id.rfind("wine/", 0) != 0, ("trained on the scored task: " + id).c_str());
    std::set<std::string> expected;
    for (const auto& r : records)
        if (r.task != "wine")
            expected.insert(r.id);
    QCOMPARE(std::set<std::string>(model.trainedIds.begin(), model.trainedIds.end()), expected);
    QVERIFY(std::isfinite(model.predict(records[12].features))); // NaN inputs are absent, not fatal
    BH_THROWS(fitTransferModel({records[0], records[1]}, "wine", o), InputError,
              "the transferred model needs at least 3 records outside task 'wine', got 2");
}

void TestStudyHalving::transferredModelFileRoundTripsAndNamesItsErrors()
{
    const auto lv = featureIndex("burst_log_validation");
    const auto records = syntheticRecords("a", 30, 5, [&](const auto& f) { return 0.7 * f[lv]; });
    MetaModelOptions o;
    o.members = 2;
    o.epochs = 60;
    auto model = fitTransferModel(records, "", o);
    model.trainedOn = {"a"};
    model.fullSteps = 2187;
    const std::string path = writeText("transfer_ok", transferModelJson(model));
    const auto back = loadTransferModel(path);
    QCOMPARE(back.source, path);
    QCOMPARE(back.trainedOn, std::vector<std::string>{"a"});
    QCOMPARE(back.fullSteps, std::int64_t(2187));
    for (const auto& r : records) // weights travel as float32: equal to float precision
        QVERIFY(std::abs(back.predict(r.features) - model.predict(r.features)) < 1e-5);

    BH_THROWS(loadTransferModel(path + ".missing"), InputError,
              path + ".missing: cannot read the transferred model");
    const std::string wrongSchema = writeText("transfer_schema", R"({"schema": "borehole.study/1"})");
    BH_THROWS(loadTransferModel(wrongSchema), InputError,
              wrongSchema + ": not a transferred model (schema 'borehole.study/1', expected "
                            "'borehole.transfer-model/1')");
    std::string text = transferModelJson(model);
    const std::string first = "\"momentum\",";
    QVERIFY(text.find(first) != std::string::npos);
    text.erase(text.find(first), first.size()); // 14 features
    const std::string fewer = writeText("transfer_fewer", text);
    BH_THROWS(loadTransferModel(fewer), InputError,
              fewer + ": its 14 features are not this Borehole's 15 scale-free features; "
                      "regenerate it with bench/study_eval_realistic.sh --write-model");
    const std::string cut = writeText("transfer_cut", transferModelJson(model).substr(0, 200));
    try {
        loadTransferModel(cut);
        QFAIL("a truncated file was read");
    } catch (const InputError& e) {
        QVERIFY2(std::string(e.what()).rfind(cut + ": not a valid transferred model (", 0) == 0,
                 e.what());
    }
    // The shipped model (resources/transfer/transfer_model.json, compiled in).
    const auto shipped = loadTransferModel("shipped");
    QCOMPARE(shipped.source, std::string("shipped"));
    QCOMPARE(shipped.model.inputCount(), static_cast<int>(scaleFreeFeatureNames().size()));
    QCOMPARE(shipped.fullSteps, std::int64_t(2187));
    for (const char* task : {"diabetes", "wine", "breast_cancer", "digits"})
        QVERIFY2(std::count(shipped.trainedOn.begin(), shipped.trainedOn.end(), task) == 1, task);
    for (const auto* p : {&path, &wrongSchema, &fewer, &cut})
        std::remove(p->c_str());
}

void TestStudyHalving::fineTuningAdaptsToTheStudysOwnRuns()
{
    // Other tasks: a fast burst (low burst loss ratio) ends well. This study: the opposite (the
    // fast ones overfit), as docs/study.md measured on diabetes. Fine-tuned on 12 of the study's
    // runs, the model must rank 40 further configurations of the study the study's way.
    const auto ratio = featureIndex("burst_log_loss_ratio");
    std::vector<TransferRecord> others;
    for (const std::string task : {"t1", "t2", "t3"}) {
        const auto r = syntheticRecords(task, 40, static_cast<unsigned>(task[1]),
                                        [&](const auto& f) { return f[ratio]; });
        others.insert(others.end(), r.begin(), r.end());
    }
    MetaModelOptions o;
    o.members = 3;
    o.epochs = 200;
    const auto base = fitTransferModel(others, "", o);
    const auto study = syntheticRecords("study", 52, 77, [&](const auto& f) { return -f[ratio]; });
    const std::vector<TransferRecord> own(study.begin(), study.begin() + 12);
    const std::vector<TransferRecord> unseen(study.begin() + 12, study.end());
    const auto tuned = fineTuneTransferModel(base, own);
    QCOMPARE(tuned.fineTunedOn, 12);
    QCOMPARE(tuned.trainedIds.size(), base.trainedIds.size() + 12);
    auto rankCorrelation = [&](const TransferModel& m) {
        std::vector<double> p, t;
        for (const auto& r : unseen) {
            p.push_back(m.predict(r.features));
            t.push_back(r.target);
        }
        return spearman(p, t);
    };
    const double before = rankCorrelation(base), after = rankCorrelation(tuned);
    qInfo("Spearman on the study's unseen configurations: %.3f before, %.3f after fine-tuning",
          before, after);
    QVERIFY2(before < -0.5, std::to_string(before).c_str());
    QVERIFY2(after > 0.5, std::to_string(after).c_str());
    // No records: the model is returned as it was.
    const auto same = fineTuneTransferModel(base, {});
    QCOMPARE(same.fineTunedOn, 0);
    QCOMPARE(same.predict(unseen[0].features), base.predict(unseen[0].features));
}

void TestStudyHalving::studyRanksAndPromotesByTheTransferredModel()
{
    // A transferred model that learned "the higher the burst validation, the better the end"
    // (the opposite of halvingScore's rung-0 ranking) must decide rung 0's promotions and the
    // study's meta-model ranking when the spec names it.
    const auto lv = featureIndex("burst_log_validation");
    MetaModelOptions o;
    o.members = 2;
    o.epochs = 200;
    auto model = fitTransferModel(
        syntheticRecords("t", 80, 9, [&](const auto& f) { return -f[lv]; }), "", o);
    model.trainedOn = {"t"};
    const std::string file = writeText("transfer_study", transferModelJson(model));
    std::string text = halvingSpec();
    text.insert(text.rfind('}'), ", \"transfer\": \"" + file + "\"");
    const auto spec = parseStudySpec(text, "spec.json");
    QCOMPARE(spec.transfer, file);
    QCOMPARE(parseStudySpec(toJson(spec), "again.json").transfer, file);

    TempDb db("halving_transfer");
    auto store = StudyStore::open(db.path);
    prepareStudy(store, spec);
    std::map<std::int64_t, int> indexOf;
    while (auto c = store.claimNext()) {
        indexOf[c->id] = c->index;
        // Burst validation rises with the index: halvingScore prefers #0, #1, #2.
        QVERIFY(store.finish(c->id, probeFeatures(1.0, 0.2 + 0.05 * c->index, 1.0)));
    }
    QCOMPARE(openNextRung(store, spec), 1);
    std::set<int> promoted;
    for (const auto& r : store.rungs())
        promoted.insert(indexOf.at(r.configurationId));
    QCOMPARE(promoted, (std::set<int>{6, 7, 8}));
    const auto compared = compareRungPromotions(store, spec);
    QCOMPARE(compared.size(), std::size_t(1));
    std::set<int> byScore, byValidation;
    for (auto id : compared[0].promotedByScore)
        byScore.insert(indexOf.at(id));
    for (auto id : compared[0].promotedByValidation)
        byValidation.insert(indexOf.at(id));
    QCOMPARE(byScore, (std::set<int>{6, 7, 8}));
    QCOMPARE(byValidation, (std::set<int>{0, 1, 2}));

    // The study's meta-model is the transferred one: no full runs, no measured error yet.
    auto rec = refitMetaModel(store, spec);
    QCOMPARE(rec.kind, std::string("transfer"));
    QVERIFY(std::isnan(rec.validationRmse));
    auto ranking = rankStudy(store, spec);
    QCOMPARE(ranking.rows.front().record.index, 8);
    QCOMPARE(ranking.rows.back().record.index, 0);
    QVERIFY(std::isfinite(ranking.rows.front().predicted));
    BH_THROWS(targetCandidates(ranking, parseOutcomeTarget("mse <= 1", "test")), InputError,
              "target mode with the transferred model needs its error measured on at least 2 of "
              "the study's full runs; run 'borehole-cli study train' first");
    // Two full runs: the model is fine-tuned on them and its error on them, measured before,
    // is the version's validation.
    for (int index : {3, 5}) {
        std::int64_t id = 0;
        for (const auto& [cid, i] : indexOf)
            if (i == index)
                id = cid;
        const auto run = store.beginFullRun(id);
        TrainResult r;
        r.steps = 900;
        r.stopReason = "completed";
        r.finalValidationMetric = 0.1 * (index + 1);
        store.finishFullRun(run, r);
    }
    rec = refitMetaModel(store, spec);
    QCOMPARE(rec.kind, std::string("transfer"));
    QVERIFY(std::isfinite(rec.validationRmse));
    const auto details = nlohmann::json::parse(rec.detailsJson);
    QCOMPARE(details.at("transfer").at("fine_tuned_on").get<int>(), 2);
    QCOMPARE(details.at("transfer").at("checked_on_full_runs").get<int>(), 2);
    QCOMPARE(details.at("transfer").at("source").get<std::string>(), file);
    ranking = rankStudy(store, spec);
    QVERIFY(ranking.model->supportsTargetMode());
    QVERIFY(ranking.logUnits); // MSE: the fitted units are log(outcome)
    (void)targetCandidates(ranking, parseOutcomeTarget("mse <= 1", "test"));

    BH_THROWS(parseStudySpec(R"({"model": "m.pt", "data": {"path": "d.csv"},
        "hyperparameters": {"learning_rate": {"values": [0.1, 0.2]}}, "transfer": "none.json"})",
                             "s.json", "/studies"),
              InputError, "s.json: transfer names no file: /studies/none.json");
    QCOMPARE(parseStudySpec(R"({"model": "m.pt", "data": {"path": "d.csv"},
        "hyperparameters": {"learning_rate": {"values": [0.1, 0.2]}}, "transfer": "shipped"})",
                            "s.json").transfer,
             std::string("shipped"));
    std::remove(file.c_str());
}

BH_TEST_MAIN(TestStudyHalving, &TestStudyHalving::scheduleAndRungSteps,
             &TestStudyHalving::specKeysRoundTrip,
             &TestStudyHalving::crossingCurvesPromoteByTheCombinedScore,
             &TestStudyHalving::scaleFreeFeaturesIgnoreTheLossScale,
             &TestStudyHalving::rungRowsFollowTheClaimRules,
             &TestStudyHalving::transferredModelNeverTrainsOnTheScoredTask,
             &TestStudyHalving::transferredModelFileRoundTripsAndNamesItsErrors,
             &TestStudyHalving::fineTuningAdaptsToTheStudysOwnRuns,
             &TestStudyHalving::studyRanksAndPromotesByTheTransferredModel)

#ifdef BOREHOLE_TEST_WITH_QT
#include "test_study_halving.moc"
#endif
