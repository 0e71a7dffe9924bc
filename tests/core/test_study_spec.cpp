// Study specs (good and bad, exact messages) and the samplers' coverage guarantees.
#include "bh_test.h"
#include "test_support.h"

#include <borehole/error.h>
#include <borehole/study.h>

#include <algorithm>
#include <set>

using namespace borehole;

namespace {

/// A valid spec with `hyper` as its hyperparameters object and `extra` appended (",\"k\": v").
std::string spec(const std::string& hyper, const std::string& extra = {})
{
    return R"({"model": "m.pt", "data": {"path": "d.csv", "target": "y"},
               "hyperparameters": )"
           + hyper + extra + "}";
}

const std::string kLr = R"({"learning_rate": {"min": 1e-4, "max": 1}})";

} // namespace

class TestStudySpec : public QObject
{
    Q_OBJECT
    BH_TEST_FRIEND

private slots:
    void fullSpecParses();
    void defaultsAndPathResolution();
    void canonicalJsonRoundTrips();
    void badSpecsNameTheJsonPath();
    void targetParsing();
    void gridCountIsProductOfLevels();
    void latinHypercubeHasOnePointPerStratum();
    void sobolMatchesKnownSequence();
    void sobolIsStratifiedInEveryDimension();
    void samplersMapToRangesAndAreSeeded();
    void stabilityBoundWithMomentum();
    void poisonValuesAreRefusedWithTheirRange();
    void configurationCountIsLimitedUpfront();
    void seedsAreExactOrRefused();
};

void TestStudySpec::fullSpecParses()
{
    const auto s = parseStudySpec(R"({
      "schema": "borehole.study/1", "name": "diabetes", "seed": 3,
      "model": "/abs/m.pt",
      "data": {"path": "/abs/d.csv", "target": ["progression"], "task": "regression",
               "validation_fraction": 0.25, "standardize_targets": true},
      "hyperparameters": {
        "learning_rate": {"min": 1e-4, "max": 1, "levels": 5},
        "weight_decay": {"values": [0, 1e-4]},
        "momentum": {"min": 0, "max": 0.9},
        "batch_size": {"values": [16, 64]},
        "optimizer": {"values": ["sgd", "adam"]},
        "sam_rho": 0.05,
        "init_scale": {"min": 0.5, "max": 2, "scale": "log"}
      },
      "sampler": {"kind": "lhs", "count": 40},
      "probe": {"burst_steps": 25, "directions": 3, "direction_kinds": ["random", "pca"],
                "eigen_iterations": 12, "trace_samples": 6, "probe_rows": 200},
      "outcome": {"metric": "mae", "target": "mae <= 0.5",
                  "full_run": {"epochs": 30, "validate_every": 5}}
    })",
                                  "spec.json");
    QCOMPARE(s.name, std::string("diabetes"));
    QCOMPARE(s.seed, std::uint64_t(3));
    QCOMPARE(s.sampler.seed, std::uint64_t(3)); // inherits the study seed
    QCOMPARE(s.data.seed, std::uint64_t(3));
    QCOMPARE(s.modelPath, std::string("/abs/m.pt"));
    QCOMPARE(s.data.validationFraction, 0.25);
    QVERIFY(s.data.standardizeTargets);
    QCOMPARE(s.parameters.size(), std::size_t(7));
    const auto& lr = s.parameter("learning_rate");
    QVERIFY(lr.kind == ParameterRange::Kind::Range);
    QVERIFY(lr.scale == ParameterScale::Log); // the default for learning rates
    QCOMPARE(lr.levels, 5);
    QVERIFY(s.parameter("momentum").scale == ParameterScale::Linear);
    QVERIFY(s.parameter("init_scale").scale == ParameterScale::Log);
    QVERIFY(s.parameter("sam_rho").kind == ParameterRange::Kind::Fixed);
    QCOMPARE(s.parameter("sam_rho").values.front(), 0.05);
    QCOMPARE(s.activeParameters().size(), std::size_t(6));
    QVERIFY(s.sampler.kind == SamplerKind::LatinHypercube);
    QCOMPARE(s.sampler.count, 40);
    QCOMPARE(s.probe.burstSteps, 25);
    QCOMPARE(s.probe.directions, 3);
    QCOMPARE(s.probe.directionKinds.size(), std::size_t(2));
    QVERIFY(s.probe.directionKinds[1] == DirectionKind::Pca);
    QCOMPARE(s.probe.eigenIterations, 12);
    QCOMPARE(s.probeRows, std::int64_t(200));
    QVERIFY(s.metric == Metric::Mae);
    QVERIFY(s.target.has_value());
    QCOMPARE(s.target->threshold, 0.5);
    QVERIFY(s.target->atMost);
    QCOMPARE(s.fullRun.epochs, 30);
    QCOMPARE(s.fullRun.validateEvery, 5);
}

void TestStudySpec::defaultsAndPathResolution()
{
    const auto s = parseStudySpec(spec(kLr), "dir/spec.json", "/base/dir");
    QCOMPARE(s.modelPath, std::string("/base/dir/m.pt"));
    QCOMPARE(s.dataPath, std::string("/base/dir/d.csv"));
    QVERIFY(s.sampler.kind == SamplerKind::Sobol);
    QCOMPARE(s.sampler.count, 32);
    QCOMPARE(s.probe.burstSteps, 30);
    QVERIFY(s.metric == Metric::Mse);
    QVERIFY(s.loss == LossKind::Mse);
    QVERIFY(!s.target.has_value());
    QCOMPARE(s.activeParameters().size(), std::size_t(1));
    QCOMPARE(s.parameter("batch_size").values.front(), 32.0);
    QCOMPARE(s.parameter("init_scale").values.front(), 1.0);
    const auto c = parseStudySpec(R"({"model": "m.pt", "data": {"path": "d.csv",
        "task": "classification"}, "hyperparameters": {"optimizer": {"values": ["sgd", "adamw"]}}})",
                                  "c.json");
    QVERIFY(c.metric == Metric::Accuracy);
    QVERIFY(c.loss == LossKind::CrossEntropy);
}

void TestStudySpec::canonicalJsonRoundTrips()
{
    const auto a = parseStudySpec(spec(R"({"learning_rate": {"min": 1e-3, "max": 0.1, "levels": 4},
        "optimizer": {"values": ["sgd", "adam"]}, "batch_size": {"min": 8, "max": 64}})",
                                       R"(, "outcome": {"target": "mse <= 0.25"})"),
                                  "a.json", "/x");
    const auto text = toJson(a);
    const auto b = parseStudySpec(text, "b.json");
    QCOMPARE(toJson(b), text);
    QCOMPARE(b.modelPath, std::string("/x/m.pt"));
    QCOMPARE(b.parameter("optimizer").labels.size(), std::size_t(2));
    QVERIFY(b.parameter("batch_size").integer);
    QCOMPARE(sampleConfigurations(a).size(), sampleConfigurations(b).size());
}

void TestStudySpec::badSpecsNameTheJsonPath()
{
    BH_THROWS(parseStudySpec(spec(R"({"learning_rate": {"min": -1, "max": 1}})"), "spec.json"),
              InputError, "spec.json: hyperparameters.learning_rate.min must be positive, got -1");
    BH_THROWS(parseStudySpec(spec(R"({"learning_rate": {"min": 0.1, "max": 0.01}})"), "spec.json"),
              InputError,
              "spec.json: hyperparameters.learning_rate.max must be at least min (0.1), got 0.01");
    BH_THROWS(parseStudySpec(spec(R"({"weight_decay": {"min": 0, "max": 0.1}})"), "spec.json"),
              InputError,
              "spec.json: hyperparameters.weight_decay.min must be positive on a log scale, got 0");
    BH_THROWS(parseStudySpec(spec(R"({"momentum": {"values": [0, 1.5]}})"), "spec.json"),
              InputError, "spec.json: hyperparameters.momentum.values[1] must be in [0, 1), got 1.5");
    BH_THROWS(parseStudySpec(spec(R"({"batch_size": {"values": [16, 2.5]}})"), "spec.json"),
              InputError,
              "spec.json: hyperparameters.batch_size.values[1] must be a whole number, got 2.5");
    BH_THROWS(parseStudySpec(spec(R"({"optimizer": {"values": ["sgd", "lion"]}})"), "spec.json"),
              InputError,
              "spec.json: hyperparameters.optimizer.values[1] must be one of sgd, adam, adamw, got "
              "'lion'");
    BH_THROWS(parseStudySpec(spec(R"({"learning_rate": {"min": "0.1", "max": 1}})"), "spec.json"),
              InputError, "spec.json: hyperparameters.learning_rate.min must be a number, got '0.1'");
    BH_THROWS(parseStudySpec(spec(R"({"learnig_rate": 0.1})"), "spec.json"), InputError,
              "spec.json: hyperparameters.learnig_rate is not a known key (expected one of: "
              "batch_size, init_scale, learning_rate, momentum, optimizer, sam_rho, weight_decay)");
    BH_THROWS(parseStudySpec(spec(R"({"learning_rate": {"min": 1e-3, "max": 1, "levels": 1}})"),
                             "spec.json"),
              InputError, "spec.json: hyperparameters.learning_rate.levels must be a whole number from 2 to "
              "100000, got 1");
    BH_THROWS(parseStudySpec(spec(R"({"learning_rate": {"value": 0.1, "min": 1}})"), "spec.json"),
              InputError,
              "spec.json: hyperparameters.learning_rate needs exactly one of \"value\", \"values\" "
              "or \"min\"/\"max\"");
    BH_THROWS(parseStudySpec(spec(R"({"learning_rate": 0.1})"), "spec.json"), InputError,
              "spec.json: hyperparameters must vary at least one hyperparameter (give a range or a "
              "list)");
    BH_THROWS(parseStudySpec(spec(kLr, R"(, "sampler": {"kind": "halton"})"), "spec.json"),
              InputError, "spec.json: sampler.kind must be one of grid, lhs, sobol, random, got "
                          "'halton'");
    BH_THROWS(parseStudySpec(spec(kLr, R"(, "sampler": {"count": 0})"), "spec.json"), InputError,
              "spec.json: sampler.count must be a whole number from 1 to 100000, got 0");
    BH_THROWS(parseStudySpec(spec(kLr, R"(, "probe": {"burst_steps": 0})"), "spec.json"),
              InputError, "spec.json: probe.burst_steps must be a whole number from 1 to 1000000, got 0");
    BH_THROWS(parseStudySpec(spec(kLr, R"(, "outcome": {"metric": "mse", "target": "mae <= 1"})"),
                             "spec.json"),
              InputError, "spec.json: outcome.target names mae but outcome.metric is mse");
    BH_THROWS(parseStudySpec(spec(kLr, R"(, "outcome": {"target": "mse is small"})"), "spec.json"),
              InputError,
              "spec.json: outcome.target must look like 'mae <= 0.5' (metric mse, mae or accuracy; "
              "<= or >=), got 'mse is small'");
    BH_THROWS(parseStudySpec(spec(kLr, R"(, "outcome": {"metric": "accuracy"})"), "spec.json"),
              InputError, "spec.json: outcome.metric accuracy needs data.task 'classification'");
    BH_THROWS(parseStudySpec(R"({"data": {"path": "d.csv"}, "hyperparameters": {}})", "spec.json"),
              InputError, "spec.json: model is required (path of a TorchScript model)");
    BH_THROWS(parseStudySpec(R"({"model": "m.pt", "data": {"target": "y"}})", "spec.json"),
              InputError, "spec.json: data.path is required (path of a CSV file)");
    BH_THROWS(parseStudySpec("{\"model\": \"m.pt\",\n  \"data\": ]}", "spec.json"), InputError,
              "spec.json: not valid JSON at line 2, column 11");
    BH_THROWS(parseStudySpec("[1, 2]", "spec.json"), InputError,
              "spec.json: a study spec must be a JSON object with at least \"model\" and "
              "\"data\", got a list");
    BH_THROWS(parseStudySpec("\"m.pt\"", "spec.json"), InputError,
              "spec.json: a study spec must be a JSON object with at least \"model\" and "
              "\"data\", got 'm.pt'");
    BH_THROWS_PREFIX(loadStudySpec(bht::data("no_such_spec.json")), InputError,
                     bht::data("no_such_spec.json") + ": cannot open file");
}

void TestStudySpec::targetParsing()
{
    const auto a = parseOutcomeTarget("mae <= 0.5", "t");
    QVERIFY(a.metric == Metric::Mae && a.atMost && a.threshold == 0.5);
    QVERIFY(a.met(0.5) && a.met(0.1) && !a.met(0.6));
    const auto b = parseOutcomeTarget("accuracy>=0.9", "t");
    QVERIFY(b.metric == Metric::Accuracy && !b.atMost && b.threshold == 0.9);
    QVERIFY(b.met(0.95) && !b.met(0.8));
    QCOMPARE(toString(b), std::string("accuracy >= 0.9"));
    BH_THROWS(parseOutcomeTarget("mse <= 0.5x", "where"), InputError,
              "where must look like 'mae <= 0.5' (metric mse, mae or accuracy; <= or >=), got "
              "'mse <= 0.5x'");
}

void TestStudySpec::gridCountIsProductOfLevels()
{
    const auto s = parseStudySpec(spec(R"({"learning_rate": {"min": 1e-4, "max": 1, "levels": 5},
        "momentum": {"values": [0, 0.5, 0.9]}, "optimizer": {"values": ["sgd", "adam"]}})",
                                       R"(, "sampler": {"kind": "grid", "count": 7})"),
                                  "g.json");
    const auto configs = sampleConfigurations(s);
    QCOMPARE(configs.size(), std::size_t(5 * 3 * 2));
    // Log-spaced learning rates hit both ends exactly and the decades in between.
    std::set<double> lrs;
    std::set<std::vector<double>> distinct;
    for (const auto& c : configs) {
        lrs.insert(c.hyper.learningRate);
        distinct.insert(encodeHyperparameters(c.hyper));
        QCOMPARE(c.index, static_cast<int>(&c - &configs.front()));
    }
    QCOMPARE(lrs.size(), std::size_t(5));
    QCOMPARE(*lrs.begin(), 1e-4);
    QCOMPARE(*lrs.rbegin(), 1.0);
    BH_CLOSE(*std::next(lrs.begin(), 2), 1e-2, 1e-12);
    QCOMPARE(distinct.size(), configs.size()); // every combination exactly once
}

void TestStudySpec::latinHypercubeHasOnePointPerStratum()
{
    for (const int n : {1, 7, 48}) {
        const auto pts = latinHypercube(n, 4, 11);
        QCOMPARE(pts.size(), std::size_t(n));
        for (int d = 0; d < 4; ++d) {
            std::vector<int> hits(static_cast<std::size_t>(n), 0);
            for (const auto& p : pts) {
                QVERIFY(p[d] >= 0.0 && p[d] < 1.0);
                hits[static_cast<std::size_t>(p[d] * n)]++;
            }
            QVERIFY2(std::all_of(hits.begin(), hits.end(), [](int h) { return h == 1; }),
                     "a stratum holds no point or more than one");
        }
    }
    QVERIFY(latinHypercube(10, 2, 1) == latinHypercube(10, 2, 1));
    QVERIFY(latinHypercube(10, 2, 1) != latinHypercube(10, 2, 2));
}

void TestStudySpec::sobolMatchesKnownSequence()
{
    // The first eight points of the unscrambled 3-D Sobol sequence (Joe–Kuo direction numbers,
    // as scipy.stats.qmc.Sobol(3, scramble=False) gives them).
    const std::vector<std::vector<double>> expected{
        {0, 0, 0},           {0.5, 0.5, 0.5},     {0.75, 0.25, 0.25},   {0.25, 0.75, 0.75},
        {0.375, 0.375, 0.625}, {0.875, 0.875, 0.125}, {0.625, 0.125, 0.875}, {0.125, 0.625, 0.375}};
    const auto pts = sobolPoints(8, 3);
    for (std::size_t i = 0; i < expected.size(); ++i)
        for (std::size_t d = 0; d < 3; ++d)
            QVERIFY2(pts[i][d] == expected[i][d],
                     ("point " + std::to_string(i) + " dim " + std::to_string(d) + " is "
                      + std::to_string(pts[i][d]))
                         .c_str());
    QCOMPARE(sobolMaxDimensions(), 10);
    BH_THROWS(sobolPoints(4, 11), InputError, "Sobol points need 1 to 10 dimensions, got 11");
}

void TestStudySpec::sobolIsStratifiedInEveryDimension()
{
    // A (0, m, 1)-net per coordinate: the first 2^m points put one point in each of the 2^m
    // equal intervals, in every one of the ten dimensions.
    const auto pts = sobolPoints(64, 10);
    for (int d = 0; d < 10; ++d) {
        std::vector<int> hits(64, 0);
        for (const auto& p : pts)
            hits[static_cast<std::size_t>(p[d] * 64)]++;
        QVERIFY2(std::all_of(hits.begin(), hits.end(), [](int h) { return h == 1; }),
                 ("dimension " + std::to_string(d) + " is not stratified").c_str());
    }
    // The digital shift keeps the stratification and changes the points.
    const auto shifted = sobolPoints(64, 10, 99);
    QVERIFY(shifted != pts);
    std::vector<int> hits(64, 0);
    for (const auto& p : shifted)
        hits[static_cast<std::size_t>(p[9] * 64)]++;
    QVERIFY(std::all_of(hits.begin(), hits.end(), [](int h) { return h == 1; }));
}

void TestStudySpec::samplersMapToRangesAndAreSeeded()
{
    for (const char* kind : {"lhs", "sobol", "random"}) {
        const auto s = parseStudySpec(
            spec(R"({"learning_rate": {"min": 1e-4, "max": 1}, "batch_size": {"min": 8, "max": 128,
                "scale": "log"}, "optimizer": {"values": ["sgd", "adam", "adamw"]}})",
                 std::string(R"(, "sampler": {"kind": ")") + kind + R"(", "count": 30, "seed": 5})"),
            "s.json");
        const auto a = sampleConfigurations(s);
        QCOMPARE(a.size(), std::size_t(30));
        std::set<OptimizerKind> optimizers;
        for (const auto& c : a) {
            QVERIFY(c.hyper.learningRate >= 1e-4 && c.hyper.learningRate <= 1.0);
            QVERIFY(c.hyper.batchSize >= 8 && c.hyper.batchSize <= 128);
            QCOMPARE(c.unit.size(), std::size_t(3));
            optimizers.insert(c.hyper.optimizer);
            QCOMPARE(c.hyper.momentum, 0.0); // fixed default
        }
        QCOMPARE(optimizers.size(), std::size_t(3));
        const auto b = sampleConfigurations(s);
        for (std::size_t i = 0; i < a.size(); ++i)
            QCOMPARE(describe(a[i].hyper), describe(b[i].hyper));
    }
}

void TestStudySpec::stabilityBoundWithMomentum()
{
    QCOMPARE(stabilityBound(0.1, 0.0), 20.0);
    BH_CLOSE(stabilityBound(0.1, 0.9), 38.0, 1e-12);
}

void TestStudySpec::poisonValuesAreRefusedWithTheirRange()
{
    // Values libtorch cannot take (a float learning rate) or that an int cannot hold were
    // accepted and then failed every run, or were stored as 0.
    BH_THROWS(parseStudySpec(spec(R"({"learning_rate": 1e300})"), "spec.json"), InputError,
              "spec.json: hyperparameters.learning_rate must be at most 1e+06, got 1e+300");
    BH_THROWS(parseStudySpec(spec(R"({"learning_rate": {"values": [0.1, 1e300]}})"), "spec.json"),
              InputError,
              "spec.json: hyperparameters.learning_rate.values[1] must be at most 1e+06, got 1e+300");
    BH_THROWS(parseStudySpec(spec(R"({"weight_decay": {"min": 1e-5, "max": 1e40}})"), "spec.json"),
              InputError,
              "spec.json: hyperparameters.weight_decay.max must be at most 1e+06, got 1e+40");
    BH_THROWS(parseStudySpec(spec(R"({"batch_size": {"values": [16, 1e12]}})"), "spec.json"),
              InputError,
              "spec.json: hyperparameters.batch_size.values[1] must be at most 1e+09, got 1e+12");
    BH_THROWS(parseStudySpec(spec(kLr, R"(, "probe": {"burst_steps": 1e20})"), "spec.json"),
              InputError,
              "spec.json: probe.burst_steps must be a whole number from 1 to 1000000, got 1e+20");
    BH_THROWS(parseStudySpec(spec(kLr, R"(, "probe": {"eigen_iterations": 3000000000})"),
                             "spec.json"),
              InputError,
              "spec.json: probe.eigen_iterations must be a whole number from 0 to 10000, got "
              "3000000000");
    BH_THROWS(parseStudySpec(spec(kLr, R"(, "outcome": {"full_run": {"epochs": 1e10}})"),
                             "spec.json"),
              InputError,
              "spec.json: outcome.full_run.epochs must be a whole number from 1 to 1000000, got "
              "1e+10");
    // One trace sample passed the check and then failed every configuration (Hutchinson's
    // standard error needs two).
    BH_THROWS(parseStudySpec(spec(kLr, R"(, "probe": {"trace_samples": 1})"), "spec.json"),
              InputError, "spec.json: probe.trace_samples must be 0 (no trace) or at least 2, got 1");
    QCOMPARE(parseStudySpec(spec(kLr, R"(, "probe": {"trace_samples": 0})"), "s").probe.traceSamples,
             0);
    QCOMPARE(parseStudySpec(spec(kLr, R"(, "probe": {"trace_samples": 2})"), "s").probe.traceSamples,
             2);
    // The edges are allowed.
    const auto edge = parseStudySpec(
        spec(R"({"learning_rate": {"values": [1e-9, 1e6]}, "batch_size": 1000000000})"), "s");
    QCOMPARE(edge.parameter("learning_rate").values.back(), 1e6);
}

void TestStudySpec::configurationCountIsLimitedUpfront()
{
    // 10⁹ grid points ran until the kernel killed the process; now the count is computed from
    // the axes (no configuration is generated) and refused with count and limit.
    const std::string big = R"({"learning_rate": {"min": 1e-4, "max": 1, "levels": 1000},
                                "momentum": {"min": 0, "max": 0.9, "levels": 1000},
                                "init_scale": {"min": 0.5, "max": 2, "levels": 1000}})";
    BH_THROWS(parseStudySpec(spec(big, R"(, "sampler": {"kind": "grid"})"), "spec.json"),
              InputError,
              "spec.json: sampler grid has 1000000000 configurations (1000 × 1000 × 1000), more "
              "than the limit of 100000; use fewer levels or values, or a sobol, lhs or random "
              "sampler with a count");
    // Seven axes of 100000 levels overflow 64 bits: saturated, not wrapped.
    std::string huge = "{";
    for (const char* name : {"learning_rate", "weight_decay", "init_scale"})
        huge += std::string(huge.size() > 1 ? ", " : "") + "\"" + name
                + "\": {\"min\": 1e-4, \"max\": 1, \"levels\": 100000}";
    huge += R"(, "momentum": {"min": 0, "max": 0.9, "levels": 100000},
               "sam_rho": {"min": 0, "max": 1, "levels": 100000}})";
    BH_THROWS_PREFIX(parseStudySpec(spec(huge, R"(, "sampler": {"kind": "grid"})"), "spec.json"),
                     InputError, "spec.json: sampler grid has more than 18446744073709551615 "
                                 "configurations (");
    BH_THROWS(parseStudySpec(spec(kLr, R"(, "sampler": {"kind": "sobol", "count": 1e9})"),
                             "spec.json"),
              InputError,
              "spec.json: sampler.count must be a whole number from 1 to 100000, got 1e+09");
    // At the limit: accepted, and the count is known before sampling.
    const auto ok = parseStudySpec(
        spec(R"({"learning_rate": {"min": 1e-4, "max": 1, "levels": 1000},
                 "momentum": {"min": 0, "max": 0.9, "levels": 100}})",
             R"(, "sampler": {"kind": "grid"})"),
        "s");
    QCOMPARE(configurationCount(ok), std::uint64_t(100000));
}

void TestStudySpec::seedsAreExactOrRefused()
{
    // 2⁶⁴ was stored as 2⁶³; 2⁶⁴−1 must survive exactly, through the canonical JSON too.
    const auto max = parseStudySpec(spec(kLr, R"(, "seed": 18446744073709551615)"), "s");
    QCOMPARE(max.seed, std::uint64_t(18446744073709551615ULL));
    QCOMPARE(parseStudySpec(toJson(max), "s").seed, std::uint64_t(18446744073709551615ULL));
    BH_THROWS(parseStudySpec(spec(kLr, R"(, "seed": 18446744073709551616)"), "spec.json"),
              InputError,
              "spec.json: seed must be a whole number from 0 to 18446744073709551615, got "
              "1.8446744073709552e+19");
    BH_THROWS(parseStudySpec(spec(kLr, R"(, "seed": -1)"), "spec.json"), InputError,
              "spec.json: seed must be a whole number from 0 to 18446744073709551615, got -1");
    BH_THROWS(parseStudySpec(spec(kLr, R"(, "sampler": {"kind": "lhs", "seed": 1.5})"), "spec.json"),
              InputError,
              "spec.json: sampler.seed must be a whole number from 0 to 18446744073709551615, got "
              "1.5");
    BH_THROWS(parseStudySpec(R"({"model": "m.pt", "data": {"path": "d.csv", "seed": 1e17},
                                 "hyperparameters": {"learning_rate": {"min": 1e-4, "max": 1}}})",
                             "spec.json"),
              InputError,
              "spec.json: data.seed must be written as a whole number without exponent or "
              "fraction above 2^53 (it is not exact as 1e+17)");
    QCOMPARE(parseStudySpec(spec(kLr, R"(, "seed": 1e3)"), "s").seed, std::uint64_t(1000));
}

BH_TEST_MAIN(TestStudySpec, &TestStudySpec::fullSpecParses, &TestStudySpec::defaultsAndPathResolution,
             &TestStudySpec::canonicalJsonRoundTrips, &TestStudySpec::badSpecsNameTheJsonPath,
             &TestStudySpec::targetParsing, &TestStudySpec::gridCountIsProductOfLevels,
             &TestStudySpec::latinHypercubeHasOnePointPerStratum,
             &TestStudySpec::sobolMatchesKnownSequence,
             &TestStudySpec::sobolIsStratifiedInEveryDimension,
             &TestStudySpec::samplersMapToRangesAndAreSeeded,
             &TestStudySpec::stabilityBoundWithMomentum,
             &TestStudySpec::poisonValuesAreRefusedWithTheirRange,
             &TestStudySpec::configurationCountIsLimitedUpfront,
             &TestStudySpec::seedsAreExactOrRefused)

#ifdef BOREHOLE_TEST_WITH_QT
#include "test_study_spec.moc"
#endif
