// The training loop: curvature-guided LR on a quadratic with known λmax = 10, divergence
// recorded (not thrown), checkpoint/resume equals an uninterrupted run on real data, hooks,
// determinism, cancellation and the LR range test.
#include "bh_test.h"
#include "test_support.h"

#include <borehole/error.h>
#include <borehole/lr_finder.h>
#include <borehole/trainer.h>

#include <algorithm>
#include <cfloat>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

using namespace borehole;

namespace {

Problem diabetesProblem(std::uint64_t seed = 0)
{
    DatasetOptions d;
    d.standardizeTargets = true;
    d.seed = seed;
    d.device = DeviceKind::Cpu;
    auto data = Dataset::loadCsv(bht::example("diabetes/diabetes.csv"), d);
    ProblemOptions o;
    o.seed = seed;
    return Problem(Model::load(bht::example("diabetes/diabetes_mlp.pt"), DeviceKind::Cpu), data, o);
}

std::string tempPath(const std::string& name)
{
    return (std::filesystem::temp_directory_path() / ("borehole-test-trainer-" + name)).string();
}

TrainOptions quadraticOptions(OptimizerKind kind, double lr, std::int64_t steps)
{
    TrainOptions t;
    t.optimizer.kind = kind;
    t.optimizer.learningRate = lr;
    t.steps = steps;
    t.batchSize = 0;
    t.metric = Metric::Loss;
    t.validateEvery = 0;
    return t;
}

/// Records what the hook context shows and lowers the rate once.
class RecordingHook : public TrainHook
{
public:
    std::vector<std::int64_t> before;
    std::vector<std::int64_t> after;
    std::vector<double> losses;
    std::vector<double> gradientNorms;
    double lambda = 0.0;

    void beforeStep(StepContext& c) override
    {
        before.push_back(c.step());
        losses.push_back(c.loss());
        gradientNorms.push_back(c.gradientNorm());
        if (c.step() == 3) {
            lambda = c.estimateLambdaMax(12, HvpMode::Exact);
            c.setLearningRate(0.01, "test: lower at step 3");
        }
    }
    void afterStep(StepContext& c) override { after.push_back(c.step()); }
};

} // namespace

class TestTrainer : public QObject
{
    Q_OBJECT
    BH_TEST_FRIEND

private slots:
    void guidedLrSettlesWithinBound();
    void guidedReasonsSayWhatTheRateDoes();
    void plainSgdAtTheSameRateDiverges();
    void guidedBoundCountsHeavyBallMomentum();
    void guidedBoundFollowsTheUpdateRule();
    void stableProductOfEachRule();
    void guidedScaleMultipliesTheCap();
    void samUpdatesBatchNormStatisticsOnce();
    void nanLossIsRecordedWithItsStep();
    void resumeEqualsUninterruptedRun();
    void cancelledRunWritesACheckpointThatResumes();
    void checkpointOfAnotherOptimizerIsRejected();
    void sameSeedSameParameters();
    void hooksSeeEveryStepAndSetTheRate();
    void curveAndValidationOnRealData();
    void lrRangeTestSuggestsAStableRate();
    void lrRangeTestRejectsBadOptions();

private:
    bht::Matrix m_a = bht::readMatrix(bht::data("quadratic_A.csv"));
};

void TestTrainer::guidedLrSettlesWithinBound()
{
    auto p = bht::quadraticProblem();
    auto t = quadraticOptions(OptimizerKind::Guided, 0.5, 60);
    t.optimizer.guidedFactor = 0.9;
    t.optimizer.guidedEvery = 5;
    t.optimizer.guidedIterations = 5;
    const auto r = train(p, t);
    QVERIFY2(!r.diverged, r.stopReason.c_str());
    BH_COMPARE_TEXT(r.stopReason, "completed");
    QCOMPARE(r.steps, std::int64_t(60));
    QVERIFY(!r.adjustments.empty());
    QCOMPARE(r.adjustments.front().step, std::int64_t(1));
    QVERIFY2(r.adjustments.front().reason.rfind("steep: λmax ", 0) == 0,
             r.adjustments.front().reason.c_str());
    BH_CLOSE(r.adjustments.front().oldRate, 0.5, 1e-12);
    // Every step after the first estimate runs at or below c·2/λ̂ of the latest estimate, and
    // the estimates approach λmax = 10 (Ritz values never exceed it).
    double lambda = std::numeric_limits<double>::quiet_NaN();
    int estimates = 0;
    for (const auto& point : r.curve) {
        if (point.step == 0)
            continue;
        if (!std::isnan(point.lambdaMax)) {
            lambda = point.lambdaMax;
            ++estimates;
            QVERIFY2(lambda <= 10.0 * (1 + 1e-4), std::to_string(lambda).c_str());
        }
        QVERIFY(!std::isnan(lambda));
        QVERIFY2(point.learningRate <= 0.9 * 2.0 / lambda * (1 + 1e-12),
                 ("step " + std::to_string(point.step) + " lr " + std::to_string(point.learningRate))
                     .c_str());
    }
    QCOMPARE(estimates, 12);
    BH_CLOSE(lambda, 10.0, 1e-3);
    BH_CLOSE(r.finalLearningRate, 0.18, 1e-3);
    QVERIFY(r.finalTrainLoss < 1e-3 * r.initialTrainLoss);
    // Probing is counted apart from training: 1 gradient per step; FD-HVPs cost 2 each.
    QCOMPARE(r.trainingCost.gradients, std::int64_t(60));
    QVERIFY(r.probeCost.gradients > 0 && r.probeCost.gradients <= 12 * 5 * 2);
}

void TestTrainer::guidedReasonsSayWhatTheRateDoes()
{
    // The adjustments table showed "growing back towards base rate 0.5" beside a rate that
    // stayed 0.1: a new estimate a little lower put the bound a hair above the rate, which
    // then "grew" by a few parts in a million. Every row now moves the rate visibly, and its
    // reason names what limited the move.
    // The diabetes MLP: its λmax falls and rises as it trains, so the rate is cut and grown.
    DatasetOptions d;
    d.device = DeviceKind::Cpu;
    d.standardizeTargets = true;
    const auto data = Dataset::loadCsv(bht::example("diabetes/diabetes.csv"), d);
    for (double growth : {2.0, 1.05}) {
        Problem p(Model::load(bht::example("diabetes/diabetes_mlp.pt"), d.device), data, {});
        auto t = quadraticOptions(OptimizerKind::Guided, 0.5, 150);
        t.batchSize = 64;
        t.optimizer.guidedFactor = 0.9;
        t.optimizer.guidedEvery = 5;
        t.optimizer.guidedIterations = 5;
        t.optimizer.guidedGrowth = growth;
        const auto r = train(p, t);
        QVERIFY2(!r.diverged, r.stopReason.c_str());
        int flat = 0;
        for (const auto& a : r.adjustments) {
            QVERIFY2(a.reason.find("growing back") == std::string::npos, a.reason.c_str());
            if (a.reason.rfind("flat: ", 0) != 0)
                continue;
            ++flat;
            const std::string where = "step " + std::to_string(a.step) + ": " + a.reason;
            QVERIFY2(a.newRate >= a.oldRate * (1 + 1e-3), where.c_str());
            const double bound = 0.9 * 2.0 / a.lambdaMax;
            if (a.reason.find("raised to the bound") != std::string::npos)
                BH_CLOSE(a.newRate, bound, 1e-9 * bound);
            else if (a.reason.find("back at the base rate 0.5") != std::string::npos)
                BH_CLOSE(a.newRate, 0.5, 1e-12);
            else
                QVERIFY2(a.reason.find(" towards the base rate 0.5") != std::string::npos
                             && std::abs(a.newRate - a.oldRate * growth) < 1e-9,
                         where.c_str());
        }
        if (growth < 2.0)
            QVERIFY(flat > 0); // small steps back up after the first cut
    }
}

void TestTrainer::plainSgdAtTheSameRateDiverges()
{
    // lr = 0.5 > 2/λmax = 0.2: the top mode grows by |1 − 0.5·10| = 4 per step. In double
    // precision, find the first step whose loss (½θᵀAθ, evaluated at θ before the update)
    // exceeds the float32 range.
    auto p = bht::quadraticProblem();
    auto theta = bht::toDouble(p.parameters());
    std::int64_t expected = 0;
    for (std::int64_t step = 1; step < 200 && expected == 0; ++step) {
        const auto g = bht::multiply(m_a, theta);
        if (0.5 * bht::dot(theta, g) > FLT_MAX)
            expected = step;
        for (std::size_t i = 0; i < theta.size(); ++i)
            theta[i] -= 0.5 * g[i];
    }
    QVERIFY(expected > 10);
    const auto r = train(p, quadraticOptions(OptimizerKind::Sgd, 0.5, 200));
    QVERIFY(r.diverged);
    // θᵀAθ may overflow one step before ½θᵀAθ does.
    const bool named = r.stopReason == "diverged: loss is Inf at step " + std::to_string(expected)
                       || r.stopReason
                              == "diverged: loss is Inf at step " + std::to_string(expected - 1);
    QVERIFY2(named, r.stopReason.c_str());
    QVERIFY(r.steps < 200);
    QVERIFY(std::isinf(r.curve.back().trainLoss));
}

void TestTrainer::guidedBoundCountsHeavyBallMomentum()
{
    // Heavy ball b ← μb + g, θ ← θ − lr·b on curvature λ is stable while lr·λ < 2+2μ: with
    // μ = 0.9 and λmax = 10 the edge is lr = 0.38, so the base rate 0.5 diverges (the top mode
    // grows by the root 2.78 of z² + 3.1z + 0.9) and the guided cap is c·3.8/λmax = 0.342.
    const double mu = 0.9;
    auto plainOptions = quadraticOptions(OptimizerKind::Sgd, 0.5, 200);
    plainOptions.optimizer.momentum = mu;
    auto plain = bht::quadraticProblem();
    const auto diverged = train(plain, plainOptions);
    QVERIFY2(diverged.diverged, diverged.stopReason.c_str());
    QVERIFY(diverged.steps < 200);

    auto p = bht::quadraticProblem();
    auto t = quadraticOptions(OptimizerKind::Guided, 0.5, 200);
    t.optimizer.momentum = mu;
    t.optimizer.guidedFactor = 0.9;
    t.optimizer.guidedEvery = 5;
    t.optimizer.guidedIterations = 5;
    const auto r = train(p, t);
    QVERIFY2(!r.diverged, r.stopReason.c_str());
    QCOMPARE(r.steps, std::int64_t(200));
    QVERIFY(!r.adjustments.empty());
    const auto& first = r.adjustments.front();
    QVERIFY2(first.reason.find("bound c·(2+2μ)/λmax at ") != std::string::npos,
             first.reason.c_str());
    BH_CLOSE(first.newRate, 0.9 * (2.0 + 2.0 * mu) / first.lambdaMax, 1e-12);
    double lambda = std::numeric_limits<double>::quiet_NaN();
    double highest = 0.0;
    for (const auto& point : r.curve) {
        if (point.step == 0)
            continue;
        if (!std::isnan(point.lambdaMax))
            lambda = point.lambdaMax;
        QVERIFY2(point.learningRate <= 0.9 * (2.0 + 2.0 * mu) / lambda * (1 + 1e-12),
                 ("step " + std::to_string(point.step) + " lr " + std::to_string(point.learningRate))
                     .c_str());
        QVERIFY(std::isfinite(point.trainLoss));
        highest = std::max(highest, point.learningRate);
    }
    // Settles at the momentum-aware cap, well above the gradient-descent one c·2/λmax = 0.18.
    BH_CLOSE(r.finalLearningRate, 0.9 * 3.8 / 10.0, 1e-3);
    QVERIFY(highest > 0.9 * 2.0 / 10.0 * 1.5);
    // Every mode then contracts by √μ per step: ≈ 0.949²⁰⁰ in θ.
    QVERIFY(r.finalTrainLoss < 1e-6 * r.initialTrainLoss);
}

void TestTrainer::stableProductOfEachRule()
{
    OptimizerOptions o;
    o.kind = OptimizerKind::Sgd;
    QCOMPARE(stableRateCurvatureProduct(o), 2.0);
    o.momentum = 0.9;
    BH_CLOSE(stableRateCurvatureProduct(o), 3.8, 1e-12);
    o.nesterov = true;
    BH_CLOSE(stableRateCurvatureProduct(o), 3.8 / 2.8, 1e-12);
    // SAM and the guided rate take their base rule's bound.
    o.nesterov = false;
    o.kind = OptimizerKind::Guided;
    o.guidedBase = OptimizerKind::Sam;
    o.samBase = OptimizerKind::Sgd;
    BH_CLOSE(stableRateCurvatureProduct(o), 3.8, 1e-12);
    o.samBase = OptimizerKind::Adam; // momentum is SGD's; Adam keeps 2
    QCOMPARE(stableRateCurvatureProduct(o), 2.0);
    o.kind = OptimizerKind::Adam;
    QCOMPARE(stableRateCurvatureProduct(o), 2.0);
}

void TestTrainer::guidedBoundFollowsTheUpdateRule()
{
    // The cap each rule settles at on the quadratic (constant Hessian, so the estimates reach
    // λmax = 10 whatever θ does): Nesterov μ = 0.9 is stable while lr·λ < (2+2μ)/(1+2μ), Adam
    // keeps the gradient-descent 2 on its nominal rate, whatever β1 is.
    struct Case
    {
        OptimizerKind base;
        bool nesterov;
        double expected;
        const char* label;
    };
    const Case cases[] = {
        {OptimizerKind::Sgd, true, 0.9 * 3.8 / 2.8 / 10.0, "bound c·(2+2μ)/((1+2μ)·λmax) at "},
        {OptimizerKind::Adam, false, 0.9 * 2.0 / 10.0, "bound c·2/λmax at "},
    };
    for (const auto& c : cases) {
        auto p = bht::quadraticProblem();
        auto t = quadraticOptions(OptimizerKind::Guided, 0.5, 60);
        t.optimizer.guidedBase = c.base;
        t.optimizer.momentum = c.base == OptimizerKind::Sgd ? 0.9 : 0.0;
        t.optimizer.nesterov = c.nesterov;
        t.optimizer.guidedEvery = 5;
        const auto r = train(p, t);
        QVERIFY2(!r.diverged, r.stopReason.c_str());
        QVERIFY(!r.adjustments.empty());
        QVERIFY2(r.adjustments.front().reason.find(c.label) != std::string::npos,
                 r.adjustments.front().reason.c_str());
        BH_CLOSE(r.finalLearningRate, c.expected, 1e-3);
    }
}

void TestTrainer::guidedScaleMultipliesTheCap()
{
    // The same seed gives the same first λmax estimate; the scale multiplies the cap exactly.
    auto run = [](double scale) {
        auto p = bht::quadraticProblem();
        auto t = quadraticOptions(OptimizerKind::Guided, 0.5, 30);
        t.optimizer.guidedScale = scale;
        return train(p, t);
    };
    const auto full = run(1.0);
    const auto half = run(0.5);
    QVERIFY(!full.adjustments.empty() && !half.adjustments.empty());
    const auto& a = full.adjustments.front();
    const auto& b = half.adjustments.front();
    QCOMPARE(b.lambdaMax, a.lambdaMax);
    BH_CLOSE(a.newRate, 0.9 * 2.0 / a.lambdaMax, 1e-12);
    BH_CLOSE(b.newRate, 0.5 * 0.9 * 2.0 / b.lambdaMax, 1e-12);
    QVERIFY2(b.reason.find("bound s·c·2/λmax at ") != std::string::npos, b.reason.c_str());
    BH_CLOSE(full.finalLearningRate, 0.18, 1e-3);
    BH_CLOSE(half.finalLearningRate, 0.09, 1e-3);
    auto p = bht::quadraticProblem();
    auto bad = quadraticOptions(OptimizerKind::Guided, 0.5, 3);
    bad.optimizer.guidedScale = 0.0;
    BH_THROWS(train(p, bad), InputError, "guided LR scale must be positive, got 0");
}

void TestTrainer::samUpdatesBatchNormStatisticsOnce()
{
    // batchnorm.pt normalises the raw inputs (BatchNorm1d(4, momentum m = 0.25), then Linear), so
    // one training forward on the full batch X moves the running statistics to
    //   mean ← (1−m)·mean + m·mean(X),  var ← (1−m)·var + m·var_unbiased(X),  count ← count + 1
    // whatever the parameters. SAM's second pass (at θ+e, same batch) must leave no trace.
    DatasetOptions d;
    d.validationFraction = 0.0;
    d.standardizeFeatures = false;
    d.device = DeviceKind::Cpu;
    auto data = Dataset::loadCsv(bht::data("four_features.csv"), d);
    QCOMPARE(data.summary().trainRows, std::int64_t(40));
    auto problem = [&] {
        return Problem(Model::load(bht::data("batchnorm.pt"), DeviceKind::Cpu), data,
                       ProblemOptions{});
    };

    // The features as written in the file (rows × 4; the last column is the target).
    bht::Matrix x;
    {
        std::ifstream in(bht::data("four_features.csv"));
        std::string line;
        std::getline(in, line); // header
        while (std::getline(in, line)) {
            std::vector<double> row;
            std::stringstream ss(line);
            std::string cell;
            while (std::getline(ss, cell, ','))
                row.push_back(std::stod(cell));
            row.pop_back();
            x.push_back(row);
        }
    }
    QCOMPARE(x.size(), std::size_t(40));
    const double m = 0.25;
    const double n = 40.0;

    auto initial = problem();
    const auto before = initial.model().buffers();
    QCOMPARE(before.size(), std::size_t(3));
    BH_COMPARE_TEXT(before[0].name, "bn.running_mean");
    BH_COMPARE_TEXT(before[1].name, "bn.running_var");
    BH_COMPARE_TEXT(before[2].name, "bn.num_batches_tracked");
    // Buffers after k training forwards on X, computed from the data.
    auto expectedAfter = [&](int k) {
        std::vector<std::vector<double>> out{before[0].values, before[1].values,
                                             before[2].values};
        for (int pass = 0; pass < k; ++pass) {
            for (std::size_t j = 0; j < 4; ++j) {
                double mean = 0.0;
                for (const auto& row : x)
                    mean += row[j] / n;
                double squares = 0.0;
                for (const auto& row : x)
                    squares += (row[j] - mean) * (row[j] - mean);
                out[0][j] = (1 - m) * out[0][j] + m * mean;
                out[1][j] = (1 - m) * out[1][j] + m * squares / (n - 1);
            }
            out[2][0] += 1;
        }
        return out;
    };
    auto expectBuffers = [&](const Problem& p, const std::vector<std::vector<double>>& expected,
                             const char* what) {
        const auto actual = p.model().buffers();
        for (std::size_t b = 0; b < 3; ++b)
            for (std::size_t j = 0; j < expected[b].size(); ++j)
                QVERIFY2(std::abs(actual[b].values[j] - expected[b][j])
                             <= 1e-5 * std::max(1.0, std::abs(expected[b][j])),
                         (std::string(what) + ": " + actual[b].name + "[" + std::to_string(j)
                          + "] = " + std::to_string(actual[b].values[j]) + ", expected "
                          + std::to_string(expected[b][j]))
                             .c_str());
    };
    const auto once = expectedAfter(1);
    const auto twice = expectedAfter(2);
    // One update and two differ clearly, so a second pass without the restore would fail here.
    double gap = 0.0;
    for (std::size_t j = 0; j < 4; ++j)
        gap = std::max({gap, std::abs(once[0][j] - twice[0][j]),
                        std::abs(once[1][j] - twice[1][j])});
    QVERIFY2(gap > 1e-2, std::to_string(gap).c_str());
    QVERIFY(once[2][0] != twice[2][0]);

    // Two plain SGD steps are two training forwards: the formula matches BatchNorm.
    auto t = quadraticOptions(OptimizerKind::Sgd, 0.01, 2);
    t.metric = Metric::Mse;
    auto sgd = problem();
    train(sgd, t);
    expectBuffers(sgd, twice, "sgd, 2 steps");

    // One SAM step evaluates the gradient twice in train mode but updates the statistics once.
    for (bool adaptive : {false, true}) {
        auto s = quadraticOptions(OptimizerKind::Sam, 0.01, 1);
        s.metric = Metric::Mse;
        s.optimizer.samRho = 0.5;
        s.optimizer.samAdaptive = adaptive;
        auto sam = problem();
        const auto theta0 = sam.parameters();
        const auto r = train(sam, s);
        QCOMPARE(r.trainingCost.gradients, std::int64_t(2));
        QVERIFY(sam.parameters() != theta0);
        expectBuffers(sam, once, adaptive ? "asam, 1 step" : "sam, 1 step");
    }
}

void TestTrainer::nanLossIsRecordedWithItsStep()
{
    auto p = bht::quadraticProblem();
    auto theta = p.parameters();
    theta[3] = std::numeric_limits<float>::quiet_NaN();
    p.setParameters(theta);
    const auto r = train(p, quadraticOptions(OptimizerKind::Adam, 0.1, 20));
    QVERIFY(r.diverged);
    BH_COMPARE_TEXT(r.stopReason, "diverged: loss is NaN at step 1");
    QCOMPARE(r.steps, std::int64_t(1));
    QCOMPARE(r.curve.size(), std::size_t(2));
    QVERIFY(std::isnan(r.curve.back().trainLoss));
}

void TestTrainer::resumeEqualsUninterruptedRun()
{
    const std::string path = tempPath("resume.ckpt");
    for (auto kind : {OptimizerKind::Adam, OptimizerKind::Guided, OptimizerKind::Sam}) {
        TrainOptions t;
        t.optimizer.kind = kind;
        t.optimizer.learningRate = kind == OptimizerKind::Adam ? 1e-3 : 0.05;
        t.optimizer.momentum = kind == OptimizerKind::Adam ? 0.0 : 0.9;
        t.optimizer.guidedEvery = 7;
        t.batchSize = 32;
        t.seed = 5;
        t.validateEvery = 10;
        t.steps = 50; // crosses an epoch boundary (353 rows: 12 batches per epoch)
        auto whole = diabetesProblem();
        const auto full = train(whole, t);

        auto first = diabetesProblem();
        auto part = t;
        part.steps = 23;
        part.checkpointPath = path;
        train(first, part);

        auto second = diabetesProblem(); // a fresh process: parameters as loaded
        auto rest = t;
        rest.resumePath = path;
        const auto resumed = train(second, rest);
        QVERIFY2(second.parameters() == whole.parameters(), toString(kind).c_str());
        QCOMPARE(resumed.resumedFromStep, std::int64_t(23));
        QCOMPARE(resumed.steps, std::int64_t(50));
        QCOMPARE(resumed.curve.size(), full.curve.size());
        BH_CLOSE(resumed.finalValidationMetric, full.finalValidationMetric, 1e-12);
        BH_CLOSE(resumed.initialTrainLoss, full.initialTrainLoss, 1e-12);
        QCOMPARE(resumed.adjustments.size(), full.adjustments.size());
        QCOMPARE(resumed.trainingCost.gradients, full.trainingCost.gradients);
        QCOMPARE(resumed.probeCost.gradients, full.probeCost.gradients);
    }
    std::remove(path.c_str());
}

void TestTrainer::cancelledRunWritesACheckpointThatResumes()
{
    const std::string path = tempPath("cancel.ckpt");
    TrainOptions t;
    t.optimizer.kind = OptimizerKind::Sgd;
    t.optimizer.learningRate = 0.05;
    t.optimizer.momentum = 0.9;
    t.optimizer.nesterov = true;
    t.steps = 30;
    t.checkpointPath = path;
    auto p = diabetesProblem();
    bool threw = false;
    try {
        train(p, t, [](int done, int) { return done < 11; });
    } catch (const CancelledError&) {
        threw = true;
    }
    QVERIFY(threw);
    auto q = diabetesProblem();
    auto rest = t;
    rest.checkpointPath.clear();
    rest.resumePath = path;
    const auto resumed = train(q, rest);
    QCOMPARE(resumed.resumedFromStep, std::int64_t(11));
    auto whole = diabetesProblem();
    auto plain = t;
    plain.checkpointPath.clear();
    train(whole, plain);
    QVERIFY(q.parameters() == whole.parameters());
    std::remove(path.c_str());
}

void TestTrainer::checkpointOfAnotherOptimizerIsRejected()
{
    const std::string path = tempPath("other.ckpt");
    auto p = bht::quadraticProblem();
    auto t = quadraticOptions(OptimizerKind::Adam, 0.01, 3);
    t.checkpointPath = path;
    train(p, t);
    auto q = bht::quadraticProblem();
    auto u = quadraticOptions(OptimizerKind::Sgd, 0.01, 5);
    u.resumePath = path;
    BH_THROWS(train(q, u), InputError,
              path + ": checkpoint was written by optimizer adam (adam), not sgd (sgd)");
    auto d = diabetesProblem();
    u.optimizer.kind = OptimizerKind::Adam;
    BH_THROWS(train(d, u), InputError,
              path + ": checkpoint tensor 'parameters' has 12 float32 values, expected 1441 "
                     "float32");
    const std::string bogus = bht::data("four_features.csv");
    u.resumePath = bogus;
    BH_THROWS(train(d, u), InputError, bogus + ": not a Borehole checkpoint");
    std::remove(path.c_str());
}

void TestTrainer::sameSeedSameParameters()
{
    TrainOptions t;
    t.optimizer.learningRate = 0.05;
    t.epochs = 2;
    t.batchSize = 40;
    t.seed = 3;
    auto a = diabetesProblem();
    auto b = diabetesProblem();
    auto c = diabetesProblem();
    const auto ra = train(a, t);
    train(b, t);
    t.seed = 4;
    train(c, t);
    QCOMPARE(ra.steps, std::int64_t(2 * 9)); // ceil(353 / 40) = 9 steps per epoch
    QVERIFY(a.parameters() == b.parameters());
    QVERIFY(a.parameters() != c.parameters());
}

void TestTrainer::hooksSeeEveryStepAndSetTheRate()
{
    auto p = bht::quadraticProblem();
    auto hook = std::make_shared<RecordingHook>();
    auto t = quadraticOptions(OptimizerKind::Sgd, 0.05, 6);
    t.hooks.push_back(hook);
    const auto theta0 = bht::toDouble(p.parameters());
    const auto r = train(p, t);
    QCOMPARE(hook->before, (std::vector<std::int64_t>{1, 2, 3, 4, 5, 6}));
    QCOMPARE(hook->after, hook->before);
    BH_CLOSE(hook->losses[0], 0.5 * bht::dot(theta0, bht::multiply(m_a, theta0)), 1e-5);
    BH_CLOSE(hook->gradientNorms[0], bht::norm(bht::multiply(m_a, theta0)), 1e-5);
    BH_CLOSE(hook->lambda, 10.0, 1e-4);
    QCOMPARE(r.adjustments.size(), std::size_t(1));
    QCOMPARE(r.adjustments[0].step, std::int64_t(3));
    BH_CLOSE(r.adjustments[0].oldRate, 0.05, 1e-12);
    BH_CLOSE(r.adjustments[0].newRate, 0.01, 1e-12);
    BH_COMPARE_TEXT(r.adjustments[0].reason, "test: lower at step 3");
    BH_CLOSE(r.curve[2].learningRate, 0.05, 1e-12); // step 2
    BH_CLOSE(r.curve[3].learningRate, 0.01, 1e-12); // step 3 uses the new rate
    QCOMPARE(r.probeCost.hvps, std::int64_t(12));
    QCOMPARE(r.trainingCost.gradients, std::int64_t(6));
    QCOMPARE(r.trainingCost.hvps, std::int64_t(0));
}

void TestTrainer::curveAndValidationOnRealData()
{
    auto p = diabetesProblem();
    TrainOptions t;
    t.optimizer.kind = OptimizerKind::AdamW;
    t.optimizer.learningRate = 1e-3;
    t.optimizer.weightDecay = 0.01;
    t.steps = 25;
    t.validateEvery = 10;
    t.logEvery = 5;
    t.snapshotEvery = 10;
    const auto r = train(p, t);
    BH_COMPARE_TEXT(r.stopReason, "completed");
    // Points at 0 and every 5 steps; validation at 0, 10, 20 and the end.
    QCOMPARE(r.curve.size(), std::size_t(6));
    QCOMPARE(r.curve[2].step, std::int64_t(10));
    QVERIFY(!std::isnan(r.curve[2].validationMetric) && !std::isnan(r.curve[2].fullTrainLoss));
    QVERIFY(std::isnan(r.curve[1].validationMetric));
    BH_CLOSE(r.curve.back().validationMetric, r.finalValidationMetric, 1e-12);
    BH_CLOSE(r.finalValidationMetric, p.validationMetric(Metric::Mse), 1e-9);
    BH_CLOSE(r.finalTrainLoss, p.loss(), 1e-9);
    BH_CLOSE(r.curve[0].validationMetric, diabetesProblem().validationMetric(Metric::Mse), 1e-9);
    QCOMPARE(r.snapshots.size(), std::size_t(2));
    QCOMPARE(r.snapshots[0].size(), std::size_t(1441));
    QVERIFY(r.finalTrainLoss < r.initialTrainLoss);
}

void TestTrainer::lrRangeTestSuggestsAStableRate()
{
    auto p = bht::quadraticProblem();
    const auto before = p.parameters();
    LrFinderOptions o;
    o.minRate = 1e-4;
    o.maxRate = 10.0;
    o.steps = 100;
    o.batchSize = 0;
    const auto r = findLearningRate(p, o);
    QVERIFY(p.parameters() == before);
    QVERIFY2(r.diverged, r.stopReason.c_str());
    QVERIFY(r.rates.size() < 100);
    BH_CLOSE(r.rates[1] / r.rates[0], std::pow(1e5, 1.0 / 99.0), 1e-9);
    QVERIFY2(r.suggestion > 1e-3 && r.suggestion < 2.0 / 10.0,
             std::to_string(r.suggestion).c_str());
    // The stop comes after the rate crossed the divergence threshold 2/λmax.
    QVERIFY(r.rates.back() > 0.2);
}

void TestTrainer::lrRangeTestRejectsBadOptions()
{
    auto p = bht::quadraticProblem();
    LrFinderOptions o;
    o.minRate = 1.0;
    o.maxRate = 0.1;
    BH_THROWS(findLearningRate(p, o), InputError, "LR range needs 0 < min < max, got min 1, max 0.1");
    o.maxRate = 10.0;
    o.optimizer.kind = OptimizerKind::Guided;
    BH_THROWS(findLearningRate(p, o), InputError,
              "the LR range test sweeps the rate itself; use sgd, adam, adamw or sam");
}

BH_TEST_MAIN(TestTrainer, &TestTrainer::guidedReasonsSayWhatTheRateDoes, &TestTrainer::guidedLrSettlesWithinBound,
             &TestTrainer::plainSgdAtTheSameRateDiverges,
             &TestTrainer::guidedBoundCountsHeavyBallMomentum,
             &TestTrainer::guidedBoundFollowsTheUpdateRule,
             &TestTrainer::stableProductOfEachRule,
             &TestTrainer::guidedScaleMultipliesTheCap,
             &TestTrainer::samUpdatesBatchNormStatisticsOnce,
             &TestTrainer::nanLossIsRecordedWithItsStep,
             &TestTrainer::resumeEqualsUninterruptedRun,
             &TestTrainer::cancelledRunWritesACheckpointThatResumes,
             &TestTrainer::checkpointOfAnotherOptimizerIsRejected,
             &TestTrainer::sameSeedSameParameters, &TestTrainer::hooksSeeEveryStepAndSetTheRate,
             &TestTrainer::curveAndValidationOnRealData,
             &TestTrainer::lrRangeTestSuggestsAStableRate,
             &TestTrainer::lrRangeTestRejectsBadOptions)

#ifdef BOREHOLE_TEST_WITH_QT
#include "test_trainer.moc"
#endif
