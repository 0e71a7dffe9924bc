// Each optimizer's update on the quadratic L(θ) = ½θᵀAθ (∇L = Aθ) against the textbook formula,
// computed here by hand in double precision, for two steps; SAM's ascent step on known numbers.
#include "bh_test.h"
#include "test_support.h"

#include <borehole/error.h>
#include <borehole/trainer.h>

using namespace borehole;

namespace {

using Vec = std::vector<double>;

Vec axpy(const Vec& x, double a, const Vec& y) // x + a·y
{
    Vec out(x.size());
    for (std::size_t i = 0; i < x.size(); ++i)
        out[i] = x[i] + a * y[i];
    return out;
}

Vec scaled(const Vec& x, double a)
{
    return axpy(Vec(x.size(), 0.0), a, x);
}

/// ‖actual − expected‖ / ‖expected‖.
double relativeError(const Vec& actual, const Vec& expected)
{
    return bht::norm(axpy(actual, -1.0, expected)) / bht::norm(expected);
}

/// θ after one and after two full-batch steps of `o` on the quadratic (fresh problems).
std::vector<Vec> trainTwice(const OptimizerOptions& o, Vec* theta0)
{
    std::vector<Vec> out;
    for (std::int64_t steps : {1, 2}) {
        auto p = bht::quadraticProblem();
        *theta0 = bht::toDouble(p.parameters());
        TrainOptions t;
        t.optimizer = o;
        t.steps = steps;
        t.batchSize = 0;
        t.metric = Metric::Loss;
        train(p, t);
        out.push_back(bht::toDouble(p.parameters()));
    }
    return out;
}

} // namespace

class TestOptimizers : public QObject
{
    Q_OBJECT
    BH_TEST_FRIEND

private slots:
    void sgdIsGradientDescent();
    void sgdMomentumAndWeightDecay();
    void sgdNesterov();
    void adamIsBiasCorrected();
    void adamWDecouplesWeightDecay();
    void samStepsWithTheSharpGradient();
    void asamStepsWithTheAdaptivePerturbation();
    void samPerturbationIsRhoAlongGradient();
    void asamPerturbationIsScaledByParameters();
    void samCostsTwoGradientsPerStep();
    void optimizerNamesRoundTrip();
    void badOptionsAreRejected();

private:
    bht::Matrix m_a = bht::readMatrix(bht::data("quadratic_A.csv"));
    Vec grad(const Vec& theta) const { return bht::multiply(m_a, theta); }
    void expectTwoSteps(const OptimizerOptions& o, const Vec& expected1, const Vec& expected2,
                        const Vec& theta0);
};

void TestOptimizers::expectTwoSteps(const OptimizerOptions& o, const Vec& expected1,
                                    const Vec& expected2, const Vec& theta0)
{
    Vec start;
    const auto steps = trainTwice(o, &start);
    QVERIFY2(relativeError(start, theta0) == 0.0, "fixture parameters changed");
    QVERIFY2(relativeError(steps[0], expected1) < 2e-6,
             ("step 1 off by " + std::to_string(relativeError(steps[0], expected1))).c_str());
    QVERIFY2(relativeError(steps[1], expected2) < 2e-6,
             ("step 2 off by " + std::to_string(relativeError(steps[1], expected2))).c_str());
    // A different answer than plain gradient descent, so the test can tell the rules apart.
    const double lr = o.learningRate;
    const Vec gd1 = axpy(theta0, -lr, grad(theta0));
    const Vec gd2 = axpy(gd1, -lr, grad(gd1));
    if (o.kind != OptimizerKind::Sgd || o.momentum != 0.0 || o.weightDecay != 0.0)
        QVERIFY(relativeError(expected2, gd2) > 1e-4);
}

void TestOptimizers::sgdIsGradientDescent()
{
    OptimizerOptions o;
    o.learningRate = 0.05;
    const auto theta0 = bht::toDouble(bht::quadraticProblem().parameters());
    const Vec t1 = axpy(theta0, -0.05, grad(theta0));
    const Vec t2 = axpy(t1, -0.05, grad(t1));
    expectTwoSteps(o, t1, t2, theta0);
}

void TestOptimizers::sgdMomentumAndWeightDecay()
{
    OptimizerOptions o;
    o.learningRate = 0.05;
    o.momentum = 0.9;
    o.weightDecay = 0.01;
    const auto theta0 = bht::toDouble(bht::quadraticProblem().parameters());
    // PyTorch: d = g + wd·θ; b₁ = d₁; b₂ = μb₁ + d₂; θ ← θ − lr·b.
    const Vec d1 = axpy(grad(theta0), 0.01, theta0);
    const Vec b1 = d1;
    const Vec t1 = axpy(theta0, -0.05, b1);
    const Vec d2 = axpy(grad(t1), 0.01, t1);
    const Vec b2 = axpy(d2, 0.9, b1);
    const Vec t2 = axpy(t1, -0.05, b2);
    expectTwoSteps(o, t1, t2, theta0);
}

void TestOptimizers::sgdNesterov()
{
    OptimizerOptions o;
    o.learningRate = 0.05;
    o.momentum = 0.8;
    o.nesterov = true;
    const auto theta0 = bht::toDouble(bht::quadraticProblem().parameters());
    // b = μb + g; θ ← θ − lr·(g + μb).
    const Vec g1 = grad(theta0);
    const Vec b1 = g1;
    const Vec t1 = axpy(theta0, -0.05, axpy(g1, 0.8, b1));
    const Vec g2 = grad(t1);
    const Vec b2 = axpy(g2, 0.8, b1);
    const Vec t2 = axpy(t1, -0.05, axpy(g2, 0.8, b2));
    expectTwoSteps(o, t1, t2, theta0);
}

namespace {

/// Adam by hand: m, v, bias correction; decoupled = AdamW.
Vec adamByHand(const bht::Matrix& a, Vec theta, int steps, double lr, double wd, bool decoupled,
               std::vector<Vec>* trace)
{
    const double b1 = 0.9, b2 = 0.999, eps = 1e-8;
    Vec m(theta.size(), 0.0), v(theta.size(), 0.0);
    for (int t = 1; t <= steps; ++t) {
        Vec g = bht::multiply(a, theta);
        if (decoupled) {
            for (auto& x : theta)
                x *= 1.0 - lr * wd;
        } else {
            g = axpy(g, wd, theta);
        }
        for (std::size_t i = 0; i < theta.size(); ++i) {
            m[i] = b1 * m[i] + (1 - b1) * g[i];
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
            const double mHat = m[i] / (1 - std::pow(b1, t));
            const double vHat = v[i] / (1 - std::pow(b2, t));
            theta[i] -= lr * mHat / (std::sqrt(vHat) + eps);
        }
        trace->push_back(theta);
    }
    return theta;
}

} // namespace

void TestOptimizers::adamIsBiasCorrected()
{
    OptimizerOptions o;
    o.kind = OptimizerKind::Adam;
    o.learningRate = 0.01;
    o.weightDecay = 0.1;
    const auto theta0 = bht::toDouble(bht::quadraticProblem().parameters());
    std::vector<Vec> trace;
    adamByHand(m_a, theta0, 2, 0.01, 0.1, false, &trace);
    // Bias correction makes the first step lr·sign(g) (up to ε): check the hand formula too.
    const Vec g = axpy(grad(theta0), 0.1, theta0);
    for (std::size_t i = 0; i < g.size(); ++i)
        BH_CLOSE(theta0[i] - trace[0][i], 0.01 * (g[i] > 0 ? 1.0 : -1.0), 1e-5);
    expectTwoSteps(o, trace[0], trace[1], theta0);
}

void TestOptimizers::adamWDecouplesWeightDecay()
{
    OptimizerOptions o;
    o.kind = OptimizerKind::AdamW;
    o.learningRate = 0.01;
    o.weightDecay = 0.5;
    const auto theta0 = bht::toDouble(bht::quadraticProblem().parameters());
    std::vector<Vec> trace;
    adamByHand(m_a, theta0, 2, 0.01, 0.5, true, &trace);
    std::vector<Vec> coupled;
    adamByHand(m_a, theta0, 2, 0.01, 0.5, false, &coupled);
    QVERIFY(relativeError(trace[1], coupled[1]) > 1e-4); // the two decays differ here
    expectTwoSteps(o, trace[0], trace[1], theta0);
}

void TestOptimizers::samStepsWithTheSharpGradient()
{
    OptimizerOptions o;
    o.kind = OptimizerKind::Sam;
    o.learningRate = 0.05;
    o.samRho = 0.1;
    const auto theta0 = bht::toDouble(bht::quadraticProblem().parameters());
    auto samStep = [&](const Vec& theta) {
        const Vec g = grad(theta);
        const Vec e = scaled(g, 0.1 / bht::norm(g));
        return axpy(theta, -0.05, grad(axpy(theta, 1.0, e))); // θ − lr·∇L(θ + e)
    };
    const Vec t1 = samStep(theta0);
    expectTwoSteps(o, t1, samStep(t1), theta0);
}

void TestOptimizers::asamStepsWithTheAdaptivePerturbation()
{
    OptimizerOptions o;
    o.kind = OptimizerKind::Sam;
    o.samAdaptive = true;
    o.samBase = OptimizerKind::Sgd;
    o.learningRate = 0.05;
    o.momentum = 0.5;
    o.samRho = 0.5;
    const auto theta0 = bht::toDouble(bht::quadraticProblem().parameters());
    auto perturbation = [&](const Vec& theta) {
        const Vec g = grad(theta);
        Vec tg(g.size()), t2g(g.size());
        for (std::size_t i = 0; i < g.size(); ++i) {
            tg[i] = std::abs(theta[i]) * g[i];
            t2g[i] = std::abs(theta[i]) * tg[i];
        }
        return scaled(t2g, 0.5 / bht::norm(tg));
    };
    const Vec s1 = grad(axpy(theta0, 1.0, perturbation(theta0)));
    const Vec b1 = s1;
    const Vec t1 = axpy(theta0, -0.05, b1);
    const Vec s2 = grad(axpy(t1, 1.0, perturbation(t1)));
    const Vec b2 = axpy(s2, 0.5, b1);
    const Vec t2 = axpy(t1, -0.05, b2);
    expectTwoSteps(o, t1, t2, theta0);
}

void TestOptimizers::samPerturbationIsRhoAlongGradient()
{
    const auto e = samPerturbation({1.0f, -2.0f, 3.0f}, {3.0f, 4.0f, 0.0f}, 0.05, false);
    QCOMPARE(e.size(), std::size_t(3));
    BH_CLOSE(e[0], 0.05 * 0.6, 1e-6);
    BH_CLOSE(e[1], 0.05 * 0.8, 1e-6);
    BH_CLOSE(e[2], 0.0, 1e-12);
    BH_CLOSE(bht::norm(bht::toDouble(e)), 0.05, 1e-6);
    // A zero gradient gives no perturbation (and no NaN).
    const auto zero = samPerturbation({1.0f, 2.0f}, {0.0f, 0.0f}, 0.05, false);
    QCOMPARE(zero[0], 0.0f);
    QCOMPARE(zero[1], 0.0f);
}

void TestOptimizers::asamPerturbationIsScaledByParameters()
{
    // T = |θ| = (1, 2, 3); Tg = (3, 8, 0), ‖Tg‖ = √73; T²g = (3, 16, 0).
    const auto e = samPerturbation({1.0f, -2.0f, 3.0f}, {3.0f, 4.0f, 0.0f}, 0.05, true);
    BH_CLOSE(e[0], 0.05 * 3.0 / std::sqrt(73.0), 1e-6);
    BH_CLOSE(e[1], 0.05 * 16.0 / std::sqrt(73.0), 1e-6);
    BH_CLOSE(e[2], 0.0, 1e-12);
    BH_THROWS(samPerturbation({1.0f}, {1.0f, 2.0f}, 0.05, true), InputError,
              "SAM perturbation: 1 parameters but 2 gradient values");
}

void TestOptimizers::samCostsTwoGradientsPerStep()
{
    auto p = bht::quadraticProblem();
    TrainOptions t;
    t.optimizer.kind = OptimizerKind::Sam;
    t.steps = 7;
    t.batchSize = 0;
    t.metric = Metric::Loss;
    const auto r = train(p, t);
    QCOMPARE(r.trainingCost.gradients, std::int64_t(14));
    QCOMPARE(r.probeCost.gradients, std::int64_t(0));
    t.optimizer.kind = OptimizerKind::Sgd;
    auto q = bht::quadraticProblem();
    QCOMPARE(train(q, t).trainingCost.gradients, std::int64_t(7));
}

void TestOptimizers::optimizerNamesRoundTrip()
{
    for (auto k : {OptimizerKind::Sgd, OptimizerKind::Adam, OptimizerKind::AdamW,
                   OptimizerKind::Sam, OptimizerKind::Guided})
        QVERIFY(parseOptimizerKind(toString(k)) == k);
    QVERIFY(parseOptimizerKind("AdamW") == OptimizerKind::AdamW);
    BH_THROWS(parseOptimizerKind("lbfgs"), InputError,
              "unknown optimizer 'lbfgs' (expected sgd, adam, adamw, sam or guided)");
}

void TestOptimizers::badOptionsAreRejected()
{
    auto p = bht::quadraticProblem();
    const auto before = p.parameters();
    TrainOptions t;
    t.steps = 3;
    t.metric = Metric::Loss;
    t.optimizer.learningRate = -1.0;
    BH_THROWS(train(p, t), InputError, "learning rate must be positive, got -1");
    t.optimizer.learningRate = 0.1;
    t.optimizer.nesterov = true;
    BH_THROWS(train(p, t), InputError, "Nesterov momentum needs momentum > 0");
    t.optimizer.nesterov = false;
    t.optimizer.momentum = 1.0;
    BH_THROWS(train(p, t), InputError, "momentum must be in [0, 1), got 1");
    t.optimizer.momentum = 0.0;
    t.optimizer.kind = OptimizerKind::Sam;
    t.optimizer.samBase = OptimizerKind::Sam;
    BH_THROWS(train(p, t), InputError, "SAM wraps sgd, adam or adamw, not sam");
    t.optimizer.kind = OptimizerKind::Sgd;
    t.batchSize = -2;
    BH_THROWS(train(p, t), InputError, "batch size must be >= 0 (0 = full batch), got -2");
    t.batchSize = 0;
    t.metric = Metric::Accuracy;
    BH_THROWS(train(p, t), InputError,
              "metric accuracy needs a classification task with logits [rows, classes]; model "
              "output is [8]");
    QVERIFY(p.parameters() == before);
}

BH_TEST_MAIN(TestOptimizers, &TestOptimizers::sgdIsGradientDescent,
             &TestOptimizers::sgdMomentumAndWeightDecay, &TestOptimizers::sgdNesterov,
             &TestOptimizers::adamIsBiasCorrected, &TestOptimizers::adamWDecouplesWeightDecay,
             &TestOptimizers::samStepsWithTheSharpGradient,
             &TestOptimizers::asamStepsWithTheAdaptivePerturbation,
             &TestOptimizers::samPerturbationIsRhoAlongGradient,
             &TestOptimizers::asamPerturbationIsScaledByParameters,
             &TestOptimizers::samCostsTwoGradientsPerStep,
             &TestOptimizers::optimizerNamesRoundTrip, &TestOptimizers::badOptionsAreRejected)

#ifdef BOREHOLE_TEST_WITH_QT
#include "test_optimizers.moc"
#endif
