// Landscapes: planes and lines on the analytic quadratic, filter-normalised directions on an MLP,
// PCA of a known trajectory.
#include "bh_test.h"
#include "test_support.h"

#include <borehole/error.h>
#include <borehole/landscape.h>

#include <algorithm>

using namespace borehole;

class TestLandscape : public QObject
{
    Q_OBJECT
    BH_TEST_FRIEND

private slots:
    void planeMatchesQuadraticFormEverywhere();
    void gridAndHvpCurvatureOfQuadratic();
    void lineMatchesQuadraticForm();
    void filterNormalizedDirectionsHaveFilterNorms();
    void keptBiasesHaveTheNormOfTheBias();
    void unnormalizedDirectionsHaveThetaNorm();
    void pcaOfSnapshotsOnALineRecoversIt();
    void pcaRejectsTooFewSnapshots();
    void planeRestoresParametersAndReportsCost();
    void refinedPlaneMatchesFullPlaneWithFewerEvaluations();
    void refinementWithTinyToleranceEvaluatesEverything();
    void trajectoryPlaneGoesThroughTheEndPoint();
    void badGridIsRejected();

private:
    bht::Matrix m_a = bht::readMatrix(bht::data("quadratic_A.csv"));
    double quadratic(const std::vector<double>& v) const
    {
        return 0.5 * bht::dot(v, bht::multiply(m_a, v));
    }
};

void TestLandscape::planeMatchesQuadraticFormEverywhere()
{
    auto p = bht::quadraticProblem();
    p.setParameters(std::vector<float>(12, 0.0f));
    const auto d1 = bht::randomVector(12, 21);
    const auto d2 = bht::randomVector(12, 22);
    SurfaceOptions o;
    o.resolution = 11;
    o.resolutionY = 9;
    o.span = 1.5;
    const auto g = lossPlane(p, bht::toFloat(d1), bht::toFloat(d2), o);
    QCOMPARE(g.nx(), std::size_t(11));
    QCOMPARE(g.ny(), std::size_t(9));
    BH_CLOSE(g.x.values.front(), -1.5, 1e-12);
    BH_CLOSE(g.y.values.back(), 1.5, 1e-12);
    double scale = 0.0;
    for (double v : g.values)
        scale = std::max(scale, std::abs(v));
    for (std::size_t iy = 0; iy < g.ny(); ++iy)
        for (std::size_t ix = 0; ix < g.nx(); ++ix) {
            std::vector<double> v(12);
            for (std::size_t k = 0; k < 12; ++k)
                v[k] = g.x.values[ix] * d1[k] + g.y.values[iy] * d2[k];
            const double expected = quadratic(v);
            QVERIFY2(std::abs(g.at(ix, iy) - expected) <= 1e-5 * scale,
                     bh::closeMessage(g.at(ix, iy), expected, 1e-5).c_str());
        }
    QCOMPARE(g.centerValue, 0.0);
}

void TestLandscape::gridAndHvpCurvatureOfQuadratic()
{
    auto p = bht::quadraticProblem();
    const auto d1 = bht::randomVector(12, 31);
    const auto d2 = bht::randomVector(12, 32);
    const double expected = bht::dot(d1, bht::multiply(m_a, d1)) + bht::dot(d2, bht::multiply(m_a, d2));
    SurfaceOptions o;
    o.resolution = 7;
    o.span = 0.5;
    o.curvature = CurvatureMode::Grid;
    const auto g = lossPlane(p, bht::toFloat(d1), bht::toFloat(d2), o);
    QCOMPARE(g.curvature.size(), g.values.size());
    for (double c : g.curvature)
        BH_CLOSE(c, expected, 2e-3);
    o.curvature = CurvatureMode::Hvp;
    o.resolution = 3;
    const auto h = lossPlane(p, bht::toFloat(d1), bht::toFloat(d2), o);
    for (double c : h.curvature)
        BH_CLOSE(c, expected, 1e-4);
    QCOMPARE(h.cost.hvps, std::int64_t(2 * 9));
}

void TestLandscape::lineMatchesQuadraticForm()
{
    auto p = bht::quadraticProblem();
    const auto theta = bht::toDouble(p.parameters());
    const auto d = bht::randomVector(12, 41);
    LineOptions o;
    o.resolution = 21;
    o.span = 2.0;
    const auto g = lossLine(p, bht::toFloat(d), o);
    QCOMPARE(g.values.size(), std::size_t(21));
    for (std::size_t i = 0; i < g.values.size(); ++i) {
        std::vector<double> v = theta;
        for (std::size_t k = 0; k < 12; ++k)
            v[k] += g.x.values[i] * d[k];
        BH_CLOSE(g.values[i], quadratic(v), 1e-5);
    }
}

namespace {

Problem tinyMlp()
{
    DatasetOptions d;
    auto data = Dataset::loadCsv(bht::data("four_features.csv"), d);
    ProblemOptions o;
    o.loss = LossKind::ModelOutput; // tiny_mlp has two outputs; any scalar of them will do

    return Problem(Model::load(bht::data("tiny_mlp.pt"), d.device), data, o);
}

/// Row (filter) norms of a flattened parameter tensor with the given shape at `offset`.
std::vector<double> rowNorms(const std::vector<float>& flat, std::size_t offset,
                             const std::vector<std::int64_t>& shape)
{
    const std::size_t rows = static_cast<std::size_t>(shape[0]);
    std::size_t cols = 1;
    for (std::size_t i = 1; i < shape.size(); ++i)
        cols *= static_cast<std::size_t>(shape[i]);
    std::vector<double> out(rows, 0.0);
    for (std::size_t r = 0; r < rows; ++r) {
        double s = 0.0;
        for (std::size_t c = 0; c < cols; ++c)
            s += double(flat[offset + r * cols + c]) * flat[offset + r * cols + c];
        out[r] = std::sqrt(s);
    }
    return out;
}

double cosine(const std::vector<float>& a, const std::vector<float>& b)
{
    const auto da = bht::toDouble(a);
    const auto db = bht::toDouble(b);
    return bht::dot(da, db) / (bht::norm(da) * bht::norm(db));
}

} // namespace

void TestLandscape::filterNormalizedDirectionsHaveFilterNorms()
{
    auto p = tinyMlp();
    const auto theta = p.parameters();
    DirectionOptions o;
    o.seed = 3;
    const auto dirs = randomDirections(p, o, 2);
    QCOMPARE(dirs.size(), std::size_t(2));
    std::size_t offset = 0;
    int checkedFilters = 0;
    for (const auto& info : p.model().summary().parameters) {
        for (const auto& d : dirs) {
            if (info.shape.size() >= 2) {
                const auto want = rowNorms(theta, offset, info.shape);
                const auto got = rowNorms(d, offset, info.shape);
                for (std::size_t r = 0; r < want.size(); ++r) {
                    BH_CLOSE(got[r], want[r], 1e-5);
                    ++checkedFilters;
                }
            } else {
                for (std::int64_t k = 0; k < info.count; ++k)
                    QCOMPARE(d[offset + static_cast<std::size_t>(k)], 0.0f);
            }
        }
        offset += static_cast<std::size_t>(info.count);
    }
    QCOMPARE(checkedFilters, 2 * (6 + 2));
    QVERIFY2(std::abs(cosine(dirs[0], dirs[1])) < 1e-5, "d₂ is not orthogonal to d₁");
}

void TestLandscape::keptBiasesHaveTheNormOfTheBias()
{
    auto p = tinyMlp();
    const auto theta = p.parameters();
    DirectionOptions o;
    o.keepBiases = true;
    const auto dirs = randomDirections(p, o, 2);
    std::size_t offset = 0;
    for (const auto& info : p.model().summary().parameters) {
        if (info.shape.size() == 1) {
            const std::vector<std::int64_t> asRow{1, info.count};
            for (const auto& d : dirs)
                BH_CLOSE(rowNorms(d, offset, asRow)[0], rowNorms(theta, offset, asRow)[0], 1e-5);
        }
        offset += static_cast<std::size_t>(info.count);
    }
    QVERIFY(std::abs(cosine(dirs[0], dirs[1])) < 1e-5);
}

void TestLandscape::unnormalizedDirectionsHaveThetaNorm()
{
    auto p = bht::quadraticProblem();
    DirectionOptions o;
    o.filterNormalize = false;
    o.keepBiases = true; // the quadratic's θ is one 1-D tensor
    const auto dirs = randomDirections(p, o, 2);
    const double thetaNorm = bht::norm(bht::toDouble(p.parameters()));
    BH_CLOSE(bht::norm(bht::toDouble(dirs[0])), thetaNorm, 1e-5);
    BH_CLOSE(bht::norm(bht::toDouble(dirs[1])), thetaNorm, 1e-5);
    QVERIFY(std::abs(cosine(dirs[0], dirs[1])) < 1e-5);
}

void TestLandscape::pcaOfSnapshotsOnALineRecoversIt()
{
    const auto c = bht::randomVector(50, 51);
    auto u = bht::randomVector(50, 52);
    const double n = bht::norm(u);
    for (auto& x : u)
        x /= n;
    std::vector<std::vector<float>> snapshots;
    for (double t : {-2.0, -1.3, -0.4, 0.0, 0.7, 1.1, 2.5, 3.0}) {
        std::vector<double> s(50);
        for (std::size_t k = 0; k < 50; ++k)
            s[k] = c[k] + t * u[k];
        snapshots.push_back(bht::toFloat(s));
    }
    const auto pca = pcaDirections(snapshots, bht::toFloat(c), 2);
    QCOMPARE(pca.directions.size(), std::size_t(2));
    BH_CLOSE(std::abs(bht::dot(bht::toDouble(pca.directions[0]), u)), 1.0, 1e-5);
    BH_CLOSE(pca.explainedVariance[0], 1.0, 1e-5);
    QVERIFY(pca.explainedVariance[1] < 1e-5);
}

void TestLandscape::pcaRejectsTooFewSnapshots()
{
    BH_THROWS(pcaDirections({{1.0f, 2.0f}}, {0.0f, 0.0f}), InputError,
              "PCA directions need at least 2 parameter snapshots, got 1");
    BH_THROWS(pcaDirections({{1.0f, 2.0f}, {1.0f}}, {0.0f, 0.0f}), InputError,
              "parameter snapshot 1 has 1 values, expected 2");
}

void TestLandscape::planeRestoresParametersAndReportsCost()
{
    auto p = tinyMlp();
    const auto before = p.parameters();
    SurfaceOptions o;
    o.resolution = 5;
    const auto g = lossPlane(p, o);
    QVERIFY(p.parameters() == before);
    QCOMPARE(g.cost.forwards, std::int64_t(25 + 1));
    BH_COMPARE_TEXT(g.directionKind, "random-filter-normalized");
    QVERIFY(std::abs(g.directionCosine) < 1e-5);
    // The centre of an odd grid is θ itself.
    BH_CLOSE(g.at(2, 2), g.centerValue, 1e-5);
}

void TestLandscape::refinedPlaneMatchesFullPlaneWithFewerEvaluations()
{
    auto p = bht::quadraticProblem();
    const auto d1 = bht::toFloat(bht::randomVector(12, 61));
    const auto d2 = bht::toFloat(bht::randomVector(12, 62));
    SurfaceOptions o;
    o.resolution = 31;
    const auto full = lossPlane(p, d1, d2, o);
    o.refine = true;
    o.refineStride = 5;
    o.refineTolerance = 0.005;
    const auto fine = lossPlane(p, d1, d2, o);
    QCOMPARE(fine.evaluated.size(), full.values.size());
    const auto lo = *std::min_element(full.values.begin(), full.values.end());
    const auto hi = *std::max_element(full.values.begin(), full.values.end());
    std::size_t measured = 0;
    for (std::size_t i = 0; i < full.values.size(); ++i) {
        QVERIFY2(std::abs(fine.values[i] - full.values[i]) <= 0.01 * (hi - lo),
                 bh::closeMessage(fine.values[i], full.values[i], 0.01).c_str());
        if (fine.evaluated[i]) {
            ++measured;
            BH_CLOSE(fine.values[i], full.values[i], 1e-5);
        }
    }
    // A quadratic is smooth: most cells are interpolated.
    QVERIFY2(measured * 4 <= full.values.size(), std::to_string(measured).c_str());
    QCOMPARE(fine.cost.forwards, static_cast<std::int64_t>(measured) + 1);
}

void TestLandscape::refinementWithTinyToleranceEvaluatesEverything()
{
    auto p = tinyMlp();
    SurfaceOptions o;
    o.resolution = 11;
    o.directions.seed = 9;
    const auto full = lossPlane(p, o);
    o.refine = true;
    o.refineStride = 3;
    o.refineTolerance = 1e-12;
    const auto fine = lossPlane(p, o);
    for (std::size_t i = 0; i < full.values.size(); ++i) {
        QCOMPARE(fine.evaluated[i], 1);
        BH_CLOSE(fine.values[i], full.values[i], 1e-4);
    }
    o.refineStride = 1;
    BH_THROWS(lossPlane(p, o), InputError,
              "refinement needs a stride of at least 2 and a positive tolerance");
}

void TestLandscape::trajectoryPlaneGoesThroughTheEndPoint()
{
    auto p = bht::quadraticProblem();
    const auto before = p.parameters();
    const double initial = p.loss();
    TrajectoryPlaneOptions o;
    o.training.steps = 30;
    o.training.batchSize = 0;
    o.training.optimizer.learningRate = 0.05;
    o.training.validateEvery = 0;
    o.training.metric = Metric::Loss;
    o.surface.resolution = 9;
    const auto g = lossPlane(p, std::vector<float>(12, 1.0f), std::vector<float>(12, 0.5f),
                             o.surface); // warm: the plane API itself is unchanged
    QCOMPARE(g.nx(), std::size_t(9));
    const auto t = trajectoryPlane(p, o);
    QVERIFY(p.parameters() == before); // θ restored after the trajectory
    BH_COMPARE_TEXT(t.directionKind, "pca");
    QCOMPARE(t.pathX.size(), std::size_t(32)); // θ₀, 30 snapshots, final point
    QVERIFY(std::abs(t.pathX.back()) < 1e-6 && std::abs(t.pathY.back()) < 1e-6);
    double reach = 0.0;
    for (std::size_t i = 0; i < t.pathX.size(); ++i)
        reach = std::max({reach, std::abs(t.pathX[i]), std::abs(t.pathY[i])});
    BH_CLOSE(t.x.values.back(), 1.25 * reach, 1e-9);
    QVERIFY(t.explainedVariance[0] >= t.explainedVariance[1]);
    QVERIFY(t.explainedVariance[0] + t.explainedVariance[1] > 0.9); // GD on a quadratic
    QVERIFY(t.centerValue < initial);                                  // the end point is lower
    BH_CLOSE(t.at(4, 4), t.centerValue, 1e-5);
}

void TestLandscape::badGridIsRejected()
{
    auto p = bht::quadraticProblem();
    SurfaceOptions o;
    o.resolution = 1;
    BH_THROWS(lossPlane(p, o), InputError, "grid resolution must be between 2 and 1001, got 1");
    o.resolution = 5;
    o.span = 0.0;
    BH_THROWS(lossPlane(p, o), InputError, "grid span must be positive, got 0");
    BH_THROWS(lossPlane(p, std::vector<float>(2), std::vector<float>(12), SurfaceOptions{}),
              InputError, "direction d1 has 2 values but the model has 12 parameters");
}

BH_TEST_MAIN(TestLandscape, &TestLandscape::planeMatchesQuadraticFormEverywhere,
             &TestLandscape::gridAndHvpCurvatureOfQuadratic,
             &TestLandscape::lineMatchesQuadraticForm,
             &TestLandscape::filterNormalizedDirectionsHaveFilterNorms,
             &TestLandscape::keptBiasesHaveTheNormOfTheBias,
             &TestLandscape::unnormalizedDirectionsHaveThetaNorm,
             &TestLandscape::pcaOfSnapshotsOnALineRecoversIt,
             &TestLandscape::pcaRejectsTooFewSnapshots,
             &TestLandscape::planeRestoresParametersAndReportsCost,
             &TestLandscape::refinedPlaneMatchesFullPlaneWithFewerEvaluations,
             &TestLandscape::refinementWithTinyToleranceEvaluatesEverything,
             &TestLandscape::trajectoryPlaneGoesThroughTheEndPoint,
             &TestLandscape::badGridIsRejected)

#ifdef BOREHOLE_TEST_WITH_QT
#include "test_landscape.moc"
#endif
