// The meta-model ensemble on known synthetic mappings, its statistics helpers, and target mode
// on a hand-made ranking whose probabilities are known in closed form.
#include "bh_test.h"
#include "test_support.h"

#include <borehole/error.h>
#include <borehole/meta_model.h>
#include <borehole/study_runner.h>

#include <cmath>
#include <random>

using namespace borehole;

namespace {

struct Sample
{
    std::vector<std::vector<double>> x;
    std::vector<double> y;
};

/// y = x1² + 0.5·x2 on [−1, 1]³ (x3 is an irrelevant input).
Sample synthetic(int n, unsigned seed)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    Sample s;
    for (int i = 0; i < n; ++i) {
        const double a = u(rng), b = u(rng), c = u(rng);
        s.x.push_back({a, b, c});
        s.y.push_back(a * a + 0.5 * b);
    }
    return s;
}

double rmse(const std::vector<EnsemblePrediction>& p, const std::vector<double>& y)
{
    double se = 0.0;
    for (std::size_t i = 0; i < y.size(); ++i)
        se += (p[i].mean - y[i]) * (p[i].mean - y[i]);
    return std::sqrt(se / static_cast<double>(y.size()));
}

RankedConfiguration row(std::int64_t id, double predicted, double stdMetric, double cost)
{
    RankedConfiguration r;
    r.record.id = id;
    r.record.status = RunStatus::Done;
    r.predicted = predicted;
    r.predictedStd = stdMetric;
    r.promisingness = -std::log(predicted);
    r.fullRunCost = cost;
    return r;
}

} // namespace

class TestMetaModel : public QObject
{
    Q_OBJECT
    BH_TEST_FRIEND

private slots:
    void learnsKnownSyntheticMapping();
    void uncertaintyGrowsOutsideTheData();
    void serialisationKeepsPredictions();
    void sameSeedSameModel();
    void rejectsBadInput();
    void rankCorrelations();
    void targetModeOnSyntheticRanking();
    void upperConfidenceBoundPrefersUncertainty();
};

void TestMetaModel::learnsKnownSyntheticMapping()
{
    const auto train = synthetic(200, 1);
    const auto test = synthetic(100, 2);
    MetaModelOptions o;
    o.seed = 3;
    const auto m = MetaModel::fit(train.x, train.y, o);
    QCOMPARE(m.trainingRows(), 200);
    QCOMPARE(m.inputCount(), 3);
    const auto p = m.predict(test.x);
    // std(y) ≈ 0.41 on this distribution; a constant predictor has RMSE ≈ 0.41.
    const double err = rmse(p, test.y);
    QVERIFY2(err < 0.06, ("held-out RMSE " + std::to_string(err)).c_str());
    QVERIFY(spearman([&] {
                std::vector<double> v;
                for (const auto& e : p)
                    v.push_back(e.mean);
                return v;
            }(),
                     test.y)
            > 0.97);
    // The built-in hold-out agrees: small validation error on 40 rows.
    QCOMPARE(m.validation().rows, 40);
    QVERIFY2(m.validation().rmse < 0.08, std::to_string(m.validation().rmse).c_str());
    QVERIFY(m.validation().spearman > 0.95);
    for (const auto& e : p)
        QVERIFY(e.std > 0.0 && e.std < 0.2);
}

void TestMetaModel::uncertaintyGrowsOutsideTheData()
{
    const auto train = synthetic(150, 4);
    const auto m = MetaModel::fit(train.x, train.y);
    const auto inside = m.predict({{0.1, 0.2, -0.3}});
    const auto outside = m.predict({{6.0, -6.0, 6.0}});
    QVERIFY2(outside[0].std > 3.0 * inside[0].std,
             (std::to_string(outside[0].std) + " vs " + std::to_string(inside[0].std)).c_str());
}

void TestMetaModel::serialisationKeepsPredictions()
{
    const auto train = synthetic(60, 5);
    MetaModelOptions o;
    o.epochs = 100;
    const auto m = MetaModel::fit(train.x, train.y, o);
    const auto copy = MetaModel::fromJson(m.toJson());
    const auto a = m.predict(train.x);
    const auto b = copy.predict(train.x);
    for (std::size_t i = 0; i < a.size(); ++i) {
        BH_CLOSE(b[i].mean, a[i].mean, 1e-6);
        BH_CLOSE(b[i].std, a[i].std, 1e-5);
    }
    QCOMPARE(copy.validation().rows, m.validation().rows);
    QCOMPARE(copy.options().members, 5);
}

void TestMetaModel::sameSeedSameModel()
{
    const auto train = synthetic(40, 6);
    MetaModelOptions o;
    o.epochs = 50;
    const auto a = MetaModel::fit(train.x, train.y, o).predict(train.x);
    const auto b = MetaModel::fit(train.x, train.y, o).predict(train.x);
    o.seed = 1;
    const auto c = MetaModel::fit(train.x, train.y, o).predict(train.x);
    QCOMPARE(a[0].mean, b[0].mean);
    QVERIFY(a[0].mean != c[0].mean);
}

void TestMetaModel::rejectsBadInput()
{
    BH_THROWS(MetaModel::fit({{1.0}, {2.0}}, {1.0, 2.0}), InputError,
              "meta-model: needs at least 3 rows with finite values, got 2");
    BH_THROWS(MetaModel::fit({{1.0}, {2.0}, {3.0}, {NAN}}, {1.0, 2.0, NAN, 4.0}), InputError,
              "meta-model: needs at least 3 rows with finite values, got 2");
    BH_THROWS(MetaModel::fit({{1.0}, {2.0, 3.0}}, {1.0, 2.0}), InputError,
              "meta-model: row 1 has 2 features, row 0 has 1");
    BH_THROWS(MetaModel::fit({{1.0}}, {1.0, 2.0}), InputError,
              "meta-model: 1 input rows but 2 targets");
    const auto m = MetaModel::fit({{1.0}, {2.0}, {3.0}, {4.0}}, {1.0, 2.0, 3.0, 4.0});
    QCOMPARE(m.validation().rows, 0); // too few rows to hold any out
    QVERIFY(std::isnan(m.validation().rmse));
    BH_THROWS(m.predict({{1.0, 2.0}}), InputError,
              "meta-model input has 2 features, the model was trained on 1");
}

void TestMetaModel::rankCorrelations()
{
    QCOMPARE(spearman({1, 2, 3, 4}, {10, 20, 30, 40}), 1.0);
    QCOMPARE(spearman({1, 2, 3, 4}, {4, 3, 2, 1}), -1.0);
    BH_CLOSE(spearman({1, 2, 3, 4, 5}, {2, 1, 4, 3, 5}), 0.8, 1e-12);
    QCOMPARE(kendall({1, 2, 3, 4}, {1, 2, 3, 4}), 1.0);
    // 5 items, one adjacent swap: 9 concordant, 1 discordant pair → τ = 0.8.
    BH_CLOSE(kendall({1, 2, 3, 4, 5}, {1, 2, 3, 5, 4}), 0.8, 1e-12);
    QVERIFY(std::isnan(spearman({1, 1, 1}, {1, 2, 3})));
    BH_CLOSE(normalCdf(0.0), 0.5, 1e-15);
    BH_CLOSE(normalCdf(1.0), 0.841344746, 1e-8);
}

void TestMetaModel::targetModeOnSyntheticRanking()
{
    // An outcome model in log units with validation RMSE 0.3 (log units). Predicted MSEs and
    // spreads are chosen so that the probabilities are known: σ² = asinh(std/mean)² + 0.3².
    StudyRanking r;
    MetaModelRecord m;
    m.kind = "outcome";
    m.validationRmse = 0.3;
    m.detailsJson = R"({"target": "log outcome"})";
    r.model = m;
    r.logUnits = true;
    r.rows.push_back(row(1, 0.25, 0.0, 300)); // log(0.25) vs log(0.5): z = ln 2 / 0.3
    r.rows.push_back(row(2, 0.5, 0.0, 100));  // exactly at the threshold: p = 0.5
    r.rows.push_back(row(3, 2.0, 0.0, 50));   // far above: p ≈ 0
    auto measured = row(4, 0.9, 0.0, 10);     // predicted badly, but measured below: p = 1
    measured.outcome = 0.45;
    r.rows.push_back(measured);
    const double sinh04 = std::sinh(0.4);
    r.rows.push_back(row(5, 1.0, sinh04, 200)); // σ = √(0.4² + 0.3²) = 0.5: z = ln 0.5 / 0.5
    auto failed = row(6, 0.1, 0.0, 1);
    failed.fullRunFailed = true; // a diverged full run is never a candidate
    r.rows.push_back(failed);

    const auto target = parseOutcomeTarget("mse <= 0.5", "t");
    const auto all = targetCandidates(r, target, 0.0);
    QCOMPARE(all.size(), std::size_t(5));
    // Cheapest full run first.
    QCOMPARE(all[0].row.record.id, std::int64_t(4));
    QCOMPARE(all[1].row.record.id, std::int64_t(3));
    QCOMPARE(all[2].row.record.id, std::int64_t(2));
    QCOMPARE(all[3].row.record.id, std::int64_t(5));
    QCOMPARE(all[4].row.record.id, std::int64_t(1));
    QCOMPARE(all[0].probability, 1.0);
    BH_CLOSE(all[1].probability, normalCdf(std::log(0.25) / 0.3), 1e-9);
    BH_CLOSE(all[2].probability, 0.5, 1e-12);
    BH_CLOSE(all[3].probability, normalCdf(std::log(0.5) / 0.5), 1e-9);
    BH_CLOSE(all[4].probability, normalCdf(std::log(2.0) / 0.3), 1e-9);

    const auto likely = targetCandidates(r, target, 0.5);
    QCOMPARE(likely.size(), std::size_t(3)); // 4 (measured), 2 (p = 0.5), 1 (p = 0.99)
    QCOMPARE(likely[2].row.record.id, std::int64_t(1));

    // Higher-is-better metrics: accuracy >= 0.9 on raw units.
    StudyRanking acc;
    m.detailsJson = R"({"target": "outcome"})";
    m.validationRmse = 0.05;
    acc.model = m;
    acc.rows.push_back(row(1, 0.95, 0.0, 1));
    const auto a = targetCandidates(acc, parseOutcomeTarget("accuracy >= 0.9", "t"), 0.0);
    BH_CLOSE(a[0].probability, normalCdf(1.0), 1e-9);
}

void TestMetaModel::upperConfidenceBoundPrefersUncertainty()
{
    StudyRanking r;
    MetaModelRecord m;
    m.kind = "outcome";
    r.model = m;
    r.logUnits = true;
    r.rows.push_back(row(1, 0.30, 0.0, 1));                 // best mean, certain
    r.rows.push_back(row(2, 0.33, 0.33 * std::sinh(0.5), 1)); // slightly worse, uncertain
    r.rows.push_back(row(3, 0.20, 0.0, 1));
    r.rows.back().outcome = 0.2; // already trained: never chosen again
    QCOMPARE(selectForFullRuns(r, 1, 0.0), std::vector<std::int64_t>{1});
    QCOMPARE(selectForFullRuns(r, 1, 1.0), std::vector<std::int64_t>{2});
    QCOMPARE(selectForFullRuns(r, 5, 1.0).size(), std::size_t(2));
}

BH_TEST_MAIN(TestMetaModel, &TestMetaModel::learnsKnownSyntheticMapping,
             &TestMetaModel::uncertaintyGrowsOutsideTheData,
             &TestMetaModel::serialisationKeepsPredictions, &TestMetaModel::sameSeedSameModel,
             &TestMetaModel::rejectsBadInput, &TestMetaModel::rankCorrelations,
             &TestMetaModel::targetModeOnSyntheticRanking,
             &TestMetaModel::upperConfidenceBoundPrefersUncertainty)

#ifdef BOREHOLE_TEST_WITH_QT
#include "test_meta_model.moc"
#endif
