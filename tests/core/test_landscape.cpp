// Landscapes: planes and lines on the analytic quadratic, filter-normalised directions on an MLP,
// PCA of a known trajectory.
#include "bh_test.h"
#include "test_support.h"

#include <borehole/device.h>
#include <borehole/error.h>
#include <borehole/landscape.h>
#include <borehole/report.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <sstream>
#include <thread>

#include <dlfcn.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <cstdlib>
#include <cstring>

#include <nlohmann/json.hpp>

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
    void unnormalizedDirectionsSkipBiasesInTheNorm();
    void pcaOfSnapshotsOnALineRecoversIt();
    void pcaRejectsTooFewSnapshots();
    void planeRestoresParametersAndReportsCost();
    void refinedPlaneMatchesFullPlaneWithFewerEvaluations();
    void refinementWithTinyToleranceEvaluatesEverything();
    void trajectoryPlaneGoesThroughTheEndPoint();
    void badGridIsRejected();
    void subsampledGridsCarryTheStandardErrorOfTheirRows();
    void samplingBandCoversTheFullDataLoss();
    void batchedPointsMatchPerPointEvaluation();
    void batchedRefinementAndLineMatchPerPoint();
    void pointBatchingFallsBackAndSaysWhy();
    void tinyPointBatchBudgetGivesTheSameGrid();
    void autotunedBatchingMatchesOffAndRecordsItsChoice();
    void convolutionWeightLayoutIsTimedAndChangesNothing();
    void convolutionalChainComputesTheModelsLosses();
    void intraOpThreadsDefaultToPhysicalCores();
    void freedHostMemoryIsKept();

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

void TestLandscape::unnormalizedDirectionsSkipBiasesInTheNorm()
{
    // Without filter normalisation and without biases a direction has the norm of θ's weight
    // matrices alone, is zero on the biases, and drawing it leaves θ untouched.
    auto p = tinyMlp();
    const auto theta = p.parameters();
    DirectionOptions o;
    o.filterNormalize = false;
    const auto dirs = randomDirections(p, o, 2);
    double weightsSquared = 0.0;
    std::size_t offset = 0;
    for (const auto& info : p.model().summary().parameters) {
        for (std::int64_t k = 0; k < info.count; ++k) {
            const auto at = offset + static_cast<std::size_t>(k);
            if (info.shape.size() == 1) {
                QCOMPARE(dirs[0][at], 0.0f);
                QCOMPARE(dirs[1][at], 0.0f);
            } else {
                weightsSquared += static_cast<double>(theta[at]) * theta[at];
            }
        }
        offset += static_cast<std::size_t>(info.count);
    }
    BH_CLOSE(bht::norm(bht::toDouble(dirs[0])), std::sqrt(weightsSquared), 1e-5);
    BH_CLOSE(bht::norm(bht::toDouble(dirs[1])), std::sqrt(weightsSquared), 1e-5);
    QVERIFY(p.parameters() == theta);
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

namespace {

/// four_features.csv without its header: x1..x4, y per row.
bht::Matrix fourFeatureRows()
{
    std::ifstream in(bht::data("four_features.csv"));
    std::string header;
    std::getline(in, header);
    bht::Matrix rows;
    std::string line;
    while (std::getline(in, line)) {
        std::vector<double> row;
        std::stringstream ss(line);
        std::string cell;
        while (std::getline(ss, cell, ','))
            row.push_back(std::stod(cell));
        if (row.size() == 5)
            rows.push_back(row);
    }
    return rows;
}

Problem linearProblem(std::int64_t probeRows)
{
    DatasetOptions d;
    d.validationFraction = 0.0;
    d.standardizeFeatures = false; // the test recomputes the rows' losses from the raw file
    auto data = Dataset::loadCsv(bht::data("four_features.csv"), d);
    ProblemOptions o;
    o.loss = LossKind::Mse;
    o.probeRows = probeRows;
    o.seed = 5;
    return Problem(Model::load(bht::data("linear.pt"), d.device), data, o);
}

/// Squared error of each row for the linear model θ = (w₁..w₄, b).
std::vector<double> squaredErrors(const bht::Matrix& rows, const std::vector<double>& theta)
{
    std::vector<double> out;
    for (const auto& r : rows) {
        double prediction = theta[4];
        for (std::size_t k = 0; k < 4; ++k)
            prediction += theta[k] * r[k];
        out.push_back((prediction - r[4]) * (prediction - r[4]));
    }
    return out;
}

} // namespace

void TestLandscape::subsampledGridsCarryTheStandardErrorOfTheirRows()
{
    // MSE is a mean of per-row squared errors, which a linear model lets the test compute by
    // hand at every grid point. With m = N − 2 rows the test finds the two left-out rows from
    // the grid itself (exactly one pair fits), then checks SE = s/√m·√(1 − m/N) point by point.
    const auto rows = fourFeatureRows();
    const std::size_t n = rows.size();
    QCOMPARE(n, std::size_t(40));
    const std::int64_t m = static_cast<std::int64_t>(n) - 2;
    auto p = linearProblem(m);
    const auto theta = bht::toDouble(p.parameters());
    QCOMPARE(theta.size(), std::size_t(5));
    const auto d1 = bht::randomVector(5, 51);
    const auto d2 = bht::randomVector(5, 52);
    SurfaceOptions o;
    o.resolution = 5;
    o.span = 0.5;
    const auto g = lossPlane(p, bht::toFloat(d1), bht::toFloat(d2), o);
    QCOMPARE(g.standardError.size(), g.values.size());
    QCOMPARE(g.sampleRows, m);
    QCOMPARE(g.populationRows, std::int64_t(n));
    std::vector<std::vector<double>> perRow; // [point][row]
    for (std::size_t iy = 0; iy < g.ny(); ++iy)
        for (std::size_t ix = 0; ix < g.nx(); ++ix) {
            auto t = theta;
            for (std::size_t k = 0; k < 5; ++k)
                t[k] += g.x.values[ix] * d1[k] + g.y.values[iy] * d2[k];
            perRow.push_back(squaredErrors(rows, t));
        }
    auto meanWithout = [&](const std::vector<double>& l, std::size_t a, std::size_t b) {
        double s = 0.0;
        for (std::size_t i = 0; i < n; ++i)
            if (i != a && i != b)
                s += l[i];
        return s / static_cast<double>(m);
    };
    int fits = 0;
    std::size_t outA = 0, outB = 0;
    for (std::size_t a = 0; a < n; ++a)
        for (std::size_t b = a + 1; b < n; ++b) {
            bool fit = true;
            for (std::size_t k = 0; k < perRow.size() && fit; ++k)
                fit = std::abs(meanWithout(perRow[k], a, b) - g.values[k])
                      <= 1e-5 * std::max(1.0, std::abs(g.values[k]));
            if (fit) {
                ++fits;
                outA = a;
                outB = b;
            }
        }
    QCOMPARE(fits, 1);
    for (std::size_t k = 0; k < perRow.size(); ++k) {
        const double mean = meanWithout(perRow[k], outA, outB);
        double ss = 0.0;
        for (std::size_t i = 0; i < n; ++i)
            if (i != outA && i != outB)
                ss += (perRow[k][i] - mean) * (perRow[k][i] - mean);
        const double s2 = ss / static_cast<double>(m - 1);
        const double expected = std::sqrt(s2 / m * (1.0 - double(m) / double(n)));
        QVERIFY(expected > 0.0);
        BH_CLOSE(g.standardError[k], expected, 1e-5);
    }

    // The line shares the evaluation: its errors at β = 0 are the plane's middle row.
    LineOptions lo;
    lo.resolution = 5;
    lo.span = 0.5;
    const auto line = lossLine(p, bht::toFloat(d1), lo);
    QCOMPARE(line.standardError.size(), std::size_t(5));
    QCOMPARE(line.sampleRows, m);
    for (std::size_t i = 0; i < 5; ++i)
        BH_CLOSE(line.standardError[i], g.standardError[2 * g.nx() + i], 1e-5);

    // Files carry the errors: JSON round trip and a CSV column.
    ProbeReport report;
    report.surface = g;
    const auto back = probeReportFromJson(toJson(report), "report.json");
    QCOMPARE(back.surface->standardError.size(), g.standardError.size());
    BH_CLOSE(back.surface->standardError[7], g.standardError[7], 1e-12);
    QCOMPARE(back.surface->populationRows, std::int64_t(n));
    auto header = [](const std::string& csv) { return csv.substr(0, csv.find('\n')); };
    QCOMPARE(header(toCsv(g)), std::string("alpha,beta,loss,standard_error"));
    QCOMPARE(header(toCsv(line)), std::string("alpha,loss,standard_error"));

    // Refined grids keep the errors of measured points.
    o.refine = true;
    o.refineStride = 2;
    const auto r = lossPlane(p, bht::toFloat(d1), bht::toFloat(d2), o);
    QCOMPARE(r.standardError.size(), r.values.size());
    for (std::size_t k = 0; k < r.values.size(); ++k)
        if (r.evaluated[k])
            BH_CLOSE(r.standardError[k], g.standardError[k], 1e-5);

    // A model-computed loss with one value per row is a row mean too: the quadratic returns
    // the same L for every row, so the rows do not vary and the error is exactly 0.
    {
        DatasetOptions qd;
        auto qdata = Dataset::loadCsv(bht::data("four_features.csv"), qd);
        ProblemOptions qo;
        qo.loss = LossKind::ModelOutput;
        qo.probeRows = 10;
        Problem q(Model::load(bht::data("quadratic.pt"), qd.device), qdata, qo);
        SurfaceOptions qs;
        qs.resolution = 3;
        const auto qg = lossPlane(q, qs);
        QCOMPARE(qg.standardError, std::vector<double>(9, 0.0));
        QCOMPARE(qg.sampleRows, std::int64_t(10));
        QCOMPARE(qg.populationRows, std::int64_t(32));
    }

    // All rows: the value is the full-data loss, and there is no error to state.
    o.refine = false;
    auto full = linearProblem(0);
    const auto f = lossPlane(full, bht::toFloat(d1), bht::toFloat(d2), o);
    QVERIFY(f.standardError.empty());
    QCOMPARE(f.sampleRows, std::int64_t(0));
    auto all = linearProblem(static_cast<std::int64_t>(n));
    QVERIFY(lossPlane(all, bht::toFloat(d1), bht::toFloat(d2), o).standardError.empty());
    QVERIFY(lossLine(all, bht::toFloat(d1), lo).standardError.empty());
}

void TestLandscape::samplingBandCoversTheFullDataLoss()
{
    // Over 100 random subsets of 64 of the diabetes training rows, the full-data loss should lie
    // within ±1.96·SE of the subsampled loss at about 95 % of the (subset, point) pairs. Points
    // of one subset are strongly correlated, so coverage is pooled over subsets.
    DatasetOptions d;
    d.standardizeTargets = true;
    auto data = Dataset::loadCsv(bht::example("diabetes/diabetes.csv"), d);
    const auto model = Model::load(bht::example("diabetes/diabetes_mlp.pt"), d.device);
    Problem full(model, data, {});
    DirectionOptions dirOptions;
    dirOptions.seed = 1;
    const auto dirs = randomDirections(full, dirOptions, 2);
    SurfaceOptions o;
    o.resolution = 5;
    o.span = 1.0;
    const auto reference = lossPlane(full, dirs[0], dirs[1], o);
    int covered = 0, total = 0;
    double squaredError = 0.0, variance = 0.0;
    for (std::uint64_t seed = 0; seed < 100; ++seed) {
        ProblemOptions po;
        po.probeRows = 64;
        po.seed = seed;
        Problem sub(model, data, po);
        const auto g = lossPlane(sub, dirs[0], dirs[1], o);
        QCOMPARE(g.standardError.size(), g.values.size());
        for (std::size_t k = 0; k < g.values.size(); ++k) {
            const double error = reference.values[k] - g.values[k];
            covered += std::abs(error) <= 1.96 * g.standardError[k] ? 1 : 0;
            ++total;
            squaredError += error * error;
            variance += g.standardError[k] * g.standardError[k];
        }
    }
    const double coverage = double(covered) / total;
    const double ratio = squaredError / variance; // ≈ 1 when SE is the right size
    qInfo("coverage %.3f of %d points, mean squared error / mean SE² = %.3f", coverage, total,
          ratio);
    QVERIFY2(coverage >= 0.88 && coverage <= 0.99, std::to_string(coverage).c_str());
    QVERIFY2(ratio >= 0.6 && ratio <= 1.5, std::to_string(ratio).c_str());
}

namespace {

Problem sequentialProblem(const std::string& model, std::int64_t probeRows)
{
    DatasetOptions d;
    d.validationFraction = 0.0;
    auto data = Dataset::loadCsv(bht::data("four_features.csv"), d);
    ProblemOptions o;
    o.probeRows = probeRows;
    o.seed = 3;
    return Problem(Model::load(bht::data(model), d.device), data, o);
}

/// Every value (and standard error) of `batched` within `tolerance` relative of `perPoint`.
template <typename Grid>
void compareGrids(const Grid& batched, const Grid& perPoint, double tolerance)
{
    QCOMPARE(batched.values.size(), perPoint.values.size());
    for (std::size_t i = 0; i < perPoint.values.size(); ++i)
        BH_CLOSE(batched.values[i], perPoint.values[i], tolerance);
    QCOMPARE(batched.standardError.size(), perPoint.standardError.size());
    for (std::size_t i = 0; i < perPoint.standardError.size(); ++i)
        BH_CLOSE(batched.standardError[i], perPoint.standardError[i], tolerance);
    QCOMPARE(batched.sampleRows, perPoint.sampleRows);
}

/// One surface with point batching `auto` (the default) and the same plane with `off`, on seeded
/// random directions (returned too, for further grids on the plane).
struct AutoAndOff
{
    std::vector<std::vector<float>> dirs;
    Grid2D tuned, off;
};

AutoAndOff autoAndOff(Problem& p, std::uint64_t seed, int resolution, double span)
{
    DirectionOptions dirOptions;
    dirOptions.seed = seed;
    AutoAndOff r;
    r.dirs = randomDirections(p, dirOptions, 2);
    SurfaceOptions o;
    o.resolution = resolution;
    o.span = span;
    r.tuned = lossPlane(p, r.dirs[0], r.dirs[1], o);
    o.pointBatching = PointBatching::Off;
    r.off = lossPlane(p, r.dirs[0], r.dirs[1], o);
    return r;
}

/// A CNN fixture on the 96 random 8×8 images, cross-entropy, every row used.
Problem imageProblem(const char* model)
{
    DatasetOptions d;
    d.validationFraction = 0.0;
    d.task = Task::Classification;
    ProblemOptions po;
    po.loss = LossKind::CrossEntropy;
    return Problem(Model::load(bht::data(model)),
                   Dataset::loadCsv(bht::data("images_8x8.csv"), d), po);
}

/// What a per-point grid's evaluation says it kept, from its timed layouts: "weights contiguous",
/// "weights channels-last" or "core's own calls for the layers (<chain>)".
std::string fastestLayout(const std::vector<PointBatchTrial>& trials, const std::string& chain)
{
    const auto best = std::min_element(trials.begin(), trials.end(), [](const auto& a,
                                                                        const auto& b) {
        return a.secondsPerPoint < b.secondsPerPoint;
    });
    if (best->layout == "folded-chain")
        return "core's own calls for the layers (" + chain + ")";
    return "weights " + best->layout;
}

bool startsWith(const std::string& text, const std::string& prefix)
{
    return text.rfind(prefix, 0) == 0;
}

} // namespace

void TestLandscape::batchedPointsMatchPerPointEvaluation()
{
    // Sequentials of Linear layers with ReLU, GELU, LeakyReLU, Tanh, SiLU, Softplus, Sigmoid and
    // ELU (MSE), with BatchNorm1d layers, the diabetes MLP
    // (a module whose only child is a Sequential) and the wine MLP (cross-entropy): the stacked
    // path gives the per-point values, and with subsampled rows the same standard errors.
    struct Case
    {
        std::string name;
        std::function<Problem(std::int64_t)> make;
    };
    const std::vector<Case> cases{
        {"sequential",
         [](std::int64_t rows) { return sequentialProblem("sequential_mlp.pt", rows); }},
        {"silu", [](std::int64_t rows) { return sequentialProblem("silu_mlp.pt", rows); }},
        // BatchNorm1d in evaluation mode, with and without affine parameters: per point γ and β
        // move, the running statistics do not.
        {"batch norm", [](std::int64_t rows) { return sequentialProblem("bn_mlp.pt", rows); }},
        {"diabetes",
         [](std::int64_t rows) {
             DatasetOptions d;
             d.standardizeTargets = true;
             ProblemOptions o;
             o.probeRows = rows;
             return Problem(Model::load(bht::example("diabetes/diabetes_mlp.pt"), d.device),
                            Dataset::loadCsv(bht::example("diabetes/diabetes.csv"), d), o);
         }},
        {"wine", [](std::int64_t rows) {
             DatasetOptions d;
             d.task = Task::Classification;
             ProblemOptions o;
             o.loss = LossKind::CrossEntropy;
             o.probeRows = rows;
             return Problem(Model::load(bht::example("wine/wine_mlp.pt"), d.device),
                            Dataset::loadCsv(bht::example("wine/wine.csv"), d), o);
         }}};
    for (const auto& c : cases) {
        for (std::int64_t rows : {std::int64_t(0), std::int64_t(24)}) {
            qInfo("%s, probe rows %lld", c.name.c_str(), static_cast<long long>(rows));
            auto p = c.make(rows);
            const auto before = p.parameters();
            DirectionOptions dirOptions;
            dirOptions.seed = 11;
            const auto dirs = randomDirections(p, dirOptions, 2);
            SurfaceOptions o;
            o.resolution = 9;
            o.resolutionY = 7;
            o.pointBatching = PointBatching::On;
            const auto batched = lossPlane(p, dirs[0], dirs[1], o);
            QVERIFY(batched.batchTrials.empty());
            QVERIFY2(startsWith(batched.evaluation, "batched ("), batched.evaluation.c_str());
            QVERIFY(p.parameters() == before);
            // 63 points + L(θ) + the check (2 ordinary and 2 stacked forwards).
            QCOMPARE(batched.cost.forwards, std::int64_t(63 + 1 + 4));
            o.pointBatching = PointBatching::Off;
            const auto perPoint = lossPlane(p, dirs[0], dirs[1], o);
            BH_COMPARE_TEXT(perPoint.evaluation, "per point: point batching is off");
            QCOMPARE(perPoint.cost.forwards, std::int64_t(63 + 1));
            QCOMPARE(batched.standardError.empty(), rows == 0);
            compareGrids(batched, perPoint, 1e-5);
        }
    }
}

void TestLandscape::batchedRefinementAndLineMatchPerPoint()
{
    auto p = sequentialProblem("sequential_mlp.pt", 30);
    DirectionOptions dirOptions;
    dirOptions.seed = 12;
    const auto dirs = randomDirections(p, dirOptions, 2);
    SurfaceOptions o;
    o.resolution = 21;
    o.span = 2.0;
    o.refine = true;
    o.refineStride = 4;
    o.refineTolerance = 0.002;
    o.pointBatching = PointBatching::On;
    const auto batched = lossPlane(p, dirs[0], dirs[1], o);
    QVERIFY2(startsWith(batched.evaluation, "batched ("), batched.evaluation.c_str());
    o.pointBatching = PointBatching::Off;
    const auto perPoint = lossPlane(p, dirs[0], dirs[1], o);
    QCOMPARE(batched.evaluated, perPoint.evaluated);
    const auto measured = std::count(perPoint.evaluated.begin(), perPoint.evaluated.end(), 1);
    // Some cells refined, some interpolated: both kinds of point are compared.
    QVERIFY2(measured > 36 && measured < 441, std::to_string(measured).c_str());
    compareGrids(batched, perPoint, 1e-5);

    LineOptions lo;
    lo.resolution = 15;
    lo.span = 1.5;
    lo.pointBatching = PointBatching::On;
    const auto line = lossLine(p, dirs[0], lo);
    QVERIFY2(startsWith(line.evaluation, "batched ("), line.evaluation.c_str());
    lo.pointBatching = PointBatching::Off;
    const auto perPointLine = lossLine(p, dirs[0], lo);
    BH_COMPARE_TEXT(perPointLine.evaluation, "per point: point batching is off");
    compareGrids(line, perPointLine, 1e-5);
    QCOMPARE(line.standardError.size(), std::size_t(15));
}

void TestLandscape::pointBatchingFallsBackAndSaysWhy()
{
    SurfaceOptions o;
    o.resolution = 5;
    // Its only child is a Sequential, but forward() doubles the output: the check catches it and
    // the grid is the model's own loss.
    auto doubled = sequentialProblem("doubled_mlp.pt", 0);
    const auto g = lossPlane(doubled, o);
    QVERIFY2(startsWith(g.evaluation, "per point: stacked loss "), g.evaluation.c_str());
    QVERIFY2(g.evaluation.find("differs from the model's") != std::string::npos,
             g.evaluation.c_str());
    o.pointBatching = PointBatching::Off;
    compareGrids(g, lossPlane(doubled, o), 1e-6);
    o.pointBatching = PointBatching::Auto;

    auto linear = sequentialProblem("linear.pt", 0);
    BH_COMPARE_TEXT(
        lossPlane(linear, o).evaluation,
        "per point: the model is not an nn.Sequential of Linear layers and activations");
    auto batchnorm = sequentialProblem("batchnorm.pt", 0);
    BH_COMPARE_TEXT(lossPlane(batchnorm, o).evaluation,
                    "per point: the model has buffers (e.g. batch norm statistics)");
    auto tiny = tinyMlp();
    BH_COMPARE_TEXT(lossPlane(tiny, o).evaluation, "per point: the loss is computed by the model");
    auto mlp = sequentialProblem("sequential_mlp.pt", 0);
    o.curvature = CurvatureMode::Hvp;
    o.resolution = 3;
    BH_COMPARE_TEXT(lossPlane(mlp, o).evaluation,
                    "per point: HVP curvature is evaluated at every point");
    QCOMPARE(toString(PointBatching::Off), std::string("off"));
    QCOMPARE(toString(PointBatching::On), std::string("on"));
    QVERIFY(parsePointBatching("AUTO") == PointBatching::Auto);
    QVERIFY(parsePointBatching("on") == PointBatching::On);
    BH_THROWS(parsePointBatching("sometimes"), InputError,
              "unknown point batching 'sometimes' (expected auto, on or off)");
}

void TestLandscape::tinyPointBatchBudgetGivesTheSameGrid()
{
    // Per point a block holds 4 bytes × (2 × rows × 8 + 64) (widest layer 8, largest weight
    // 8×8): a budget of three points splits a 7×7 grid into 17 blocks.
    auto p = sequentialProblem("sequential_mlp.pt", 20);
    const std::int64_t perPoint = 4 * (2 * 20 * 8 + 64);
    DirectionOptions dirOptions;
    dirOptions.seed = 13;
    const auto dirs = randomDirections(p, dirOptions, 2);
    SurfaceOptions o;
    o.resolution = 7;
    o.pointBatching = PointBatching::On;
    const auto whole = lossPlane(p, dirs[0], dirs[1], o);
    BH_COMPARE_TEXT(whole.evaluation, "batched (49 points per launch)");
    o.pointBatchBytes = 3 * perPoint + 1;
    std::vector<int> progress;
    int totals = 0;
    const auto chunked = lossPlane(p, dirs[0], dirs[1], o, [&](int done, int total) {
        totals = total;
        progress.push_back(done);
        return true;
    });
    QCOMPARE(totals, 7);
    BH_COMPARE_TEXT(chunked.evaluation, "batched (3 points per launch)");
    compareGrids(chunked, whole, 1e-6);
    QCOMPARE(progress.back(), 7);
    QVERIFY(std::is_sorted(progress.begin(), progress.end()));
    // Two points do not fit: one forward per point, and the grid says so.
    o.pointBatchBytes = 2 * perPoint - 1;
    const auto single = lossPlane(p, dirs[0], dirs[1], o);
    QVERIFY2(startsWith(single.evaluation, "per point: two points need "),
             single.evaluation.c_str());
    compareGrids(single, whole, 1e-5);
}

void TestLandscape::autotunedBatchingMatchesOffAndRecordsItsChoice()
{
    // Auto times one forward per point and 2, 4, … points per launch on the grid's first points
    // and keeps the fastest: whichever wins on this machine, the grid is the per-point grid, the
    // trial points are grid points (no extra forwards) and the choice is recorded.
    for (std::int64_t rows : {std::int64_t(0), std::int64_t(24)}) {
        auto p = sequentialProblem("sequential_mlp.pt", rows);
        const auto [dirs, tuned, off] = autoAndOff(p, 14, 21, 1.5);
        compareGrids(tuned, off, 1e-5);
        // 441 points + L(θ) + the stacked path's check (2 ordinary and 2 stacked forwards).
        QCOMPARE(tuned.cost.forwards, std::int64_t(441 + 1 + 4));
        QVERIFY(off.batchTrials.empty());
        const auto& trials = tuned.batchTrials;
        QVERIFY2(trials.size() >= 2, tuned.evaluation.c_str());
        QCOMPARE(trials.front().pointsPerLaunch, std::int64_t(1));
        std::int64_t trialPoints = 0;
        const PointBatchTrial* fastest = &trials.front();
        for (const auto& t : trials) {
            QVERIFY(t.points >= t.pointsPerLaunch && t.secondsPerPoint > 0.0);
            trialPoints += t.points;
            if (t.secondsPerPoint < fastest->secondsPerPoint)
                fastest = &t;
        }
        QVERIFY2(trialPoints <= 441 / 3, std::to_string(trialPoints).c_str());
        const std::string timed =
            "fastest of " + std::to_string(trials.size()) + " timed settings";
        BH_COMPARE_TEXT(tuned.evaluation,
                        fastest->pointsPerLaunch == 1
                            ? "per point: " + timed
                            : "batched (" + std::to_string(fastest->pointsPerLaunch)
                                  + " points per launch, " + timed + ")");
        // The record survives the grid file.
        ProbeReport report;
        report.surface = tuned;
        const auto back = probeReportFromJson(toJson(report), "report.json");
        QVERIFY(back.surface.has_value());
        QCOMPARE(back.surface->batchTrials.size(), trials.size());
        QCOMPARE(back.surface->batchTrials.back().points, trials.back().points);
    }
    // A line times too; a grid too small to compare two settings is evaluated per point.
    auto p = sequentialProblem("sequential_mlp.pt", 0);
    LineOptions lo;
    lo.resolution = 51;
    const auto line = lossLine(p, lo);
    QVERIFY2(line.batchTrials.size() >= 2, line.evaluation.c_str());
    lo.pointBatching = PointBatching::Off;
    compareGrids(line, lossLine(p, lo), 1e-5);
    SurfaceOptions small;
    small.resolution = 3;
    const auto g = lossPlane(p, small);
    BH_COMPARE_TEXT(g.evaluation, "per point: too few grid points to time point batching (9)");
    QVERIFY(g.batchTrials.size() <= 1);
}

void TestLandscape::convolutionWeightLayoutIsTimedAndChangesNothing()
{
    // Issue 12 (the CNN surface): a per-point grid of a model with convolution weights times the
    // weights as loaded, channels-last and (bn_cnn.pt is a chain of layers ConvChain reads) core's
    // own layer calls with the batch norm folded in, on its first points (2 points each, 3
    // rounds), and keeps the fastest. Whichever wins every value is the one `off` computes (the
    // trial evaluated some points each way), the choice is recorded, and θ is unchanged.
    auto p = imageProblem("bn_cnn.pt");
    const std::vector<float> theta = p.parameters();
    // 81 points: the trial takes 18 of them.
    const auto [dirs, tuned, off] = autoAndOff(p, 15, 9, 1.0);
    compareGrids(tuned, off, 1e-5);
    QVERIFY(p.parameters() == theta);
    // The trial points are grid points; the chain's check costs 2 forwards of the model and 2 of
    // the chain (at θ₀ and at the first grid point).
    QCOMPARE(tuned.cost.forwards, std::int64_t(81 + 1 + 4));
    BH_COMPARE_TEXT(off.evaluation, "per point: point batching is off");
    QVERIFY(off.batchTrials.empty());
    const auto& trials = tuned.batchTrials;
    QCOMPARE(trials.size(), std::size_t(3));
    BH_COMPARE_TEXT(trials[0].layout, "contiguous");
    BH_COMPARE_TEXT(trials[1].layout, "channels-last");
    BH_COMPARE_TEXT(trials[2].layout, "folded-chain");
    for (const auto& t : trials) {
        QCOMPARE(t.pointsPerLaunch, std::int64_t(1));
        QCOMPARE(t.points, std::int64_t(6));
        QVERIFY(t.secondsPerPoint > 0.0);
    }
    BH_COMPARE_TEXT(tuned.evaluation,
                    "per point: the model has buffers (e.g. batch norm statistics) ("
                        + fastestLayout(trials, "2 convolutions, 1 batch norm folded in")
                        + ": the fastest of 3 timed layouts)");
    // The layout survives the report file; a report written before it existed reads as
    // "contiguous".
    ProbeReport report;
    report.surface = tuned;
    auto json = nlohmann::json::parse(toJson(report));
    BH_COMPARE_TEXT(probeReportFromJson(json.dump(), "report.json").surface->batchTrials[1].layout,
                    "channels-last");
    json["surface"]["batchTrials"][1].erase("layout");
    BH_COMPARE_TEXT(probeReportFromJson(json.dump(), "old.json").surface->batchTrials[1].layout,
                    "contiguous");
    json["surface"]["batchTrials"][1]["layout"] = 5; // a hostile file: named, not read
    BH_THROWS(probeReportFromJson(json.dump(), "bad.json"), InputError,
              "bad.json: malformed probe report: surface.batchTrials.layout: type must be string, "
              "but is number");
    // A grid too small for three rounds of the three settings keeps the model's forward and the
    // weights as they are, and times nothing.
    SurfaceOptions o; // point batching auto
    o.resolution = 7;
    const auto small = lossPlane(p, dirs[0], dirs[1], o);
    QVERIFY(small.batchTrials.empty());
    BH_COMPARE_TEXT(small.evaluation,
                    "per point: the model has buffers (e.g. batch norm statistics)");
}

void TestLandscape::convolutionalChainComputesTheModelsLosses()
{
    // pool_cnn.pt has every step ConvChain takes: two batch norms folded into the convolutions
    // before them (one without affine parameters, after a convolution without bias), a
    // max-pooling moved before the ReLU that precedes it, average pooling, a Flatten module and
    // dropout in evaluation mode. The trial evaluates 6 grid points by the chain whether or not
    // it wins, so the comparison with `off` checks the chain's values.
    for (const char* model : {"pool_cnn.pt", "cnn.pt"}) {
        auto p = imageProblem(model);
        const std::vector<float> theta = p.parameters();
        const auto [dirs, tuned, off] = autoAndOff(p, 16, 9, 1.0);
        compareGrids(tuned, off, 1e-5);
        QVERIFY(p.parameters() == theta);
        const auto& trials = tuned.batchTrials;
        if (std::string(model) == "pool_cnn.pt") {
            QCOMPARE(trials.size(), std::size_t(3));
            BH_COMPARE_TEXT(trials[2].layout, "folded-chain");
            QCOMPARE(trials[2].points, std::int64_t(6));
            BH_COMPARE_TEXT(
                tuned.evaluation,
                "per point: the model has buffers (e.g. batch norm statistics) ("
                    + fastestLayout(trials, "2 convolutions, 2 batch norms folded in, "
                                            "1 max-pooling before the ReLU")
                    + ": the fastest of 3 timed layouts)");
        } else {
            // cnn.pt applies its ReLU in forward(), not as a child module: the chain read from
            // its children computes another loss, the check finds it, and it is not timed. Its
            // only convolution has one input channel, so its weights are channels-last already:
            // with the chain refused there is nothing to time.
            QVERIFY2(trials.empty(), tuned.evaluation.c_str());
            BH_COMPARE_TEXT(tuned.evaluation, "per point: the model is not an nn.Sequential of "
                                              "Linear layers and activations");
        }
    }
}

void TestLandscape::intraOpThreadsDefaultToPhysicalCores()
{
    const int cores = physicalCoreCount();
    const auto logical = static_cast<int>(std::thread::hardware_concurrency());
    qInfo("%d physical cores, %d logical", cores, logical);
    QVERIFY(cores >= 1);
    if (logical > 0)
        QVERIFY(cores <= logical);
    QCOMPARE(setIntraOpThreads(), cores);
    QCOMPARE(intraOpThreads(), cores);
    QCOMPARE(setIntraOpThreads(1), 1);
    // OpenBLAS (Debian's libtorch BLAS) keeps a thread pool of its own: one thread means one.
    using GetBlasThreads = int (*)();
    const auto blasThreads =
        reinterpret_cast<GetBlasThreads>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
    if (blasThreads) {
        QCOMPARE(blasThreads(), 1);
        QCOMPARE(setIntraOpThreads(2), 2);
        QCOMPARE(blasThreads(), 2);
        QCOMPARE(setIntraOpThreads(1), 1);
        QCOMPARE(blasThreads(), 1);
    } else {
        qInfo("not linked to OpenBLAS: its thread pool is not checked");
    }
    auto p = sequentialProblem("sequential_mlp.pt", 0);
    QCOMPARE(p.summary().threads, 1); // reported with the problem (report.problem.threads)
    BH_THROWS(setIntraOpThreads(-2), InputError,
              "the thread count must be 0 (physical cores) or more, got -2");
    setIntraOpThreads(0);
}

void TestLandscape::freedHostMemoryIsKept()
{
    // keepFreedHostMemory(): a 16 MiB block (a CNN activation's size) comes from the heap, not
    // from a fresh mapping that the kernel zeroes on every forward. Under a sanitizer malloc is
    // the sanitizer's and the call says it did nothing.
    const bool kept = keepFreedHostMemory();
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define BH_SANITIZER_ALLOCATOR 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__) || defined(BH_SANITIZER_ALLOCATOR)
    QVERIFY(!kept);
#elif defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
    QVERIFY(kept);
    const std::size_t mapped = mallinfo2().hblkhd;
    void* block = std::malloc(std::size_t(16) << 20);
    QVERIFY(block);
    std::memset(block, 1, 4096);
    QCOMPARE(mallinfo2().hblkhd, mapped);
    std::free(block);
#elif defined(__GLIBC__)
    QVERIFY(kept); // no mallinfo2 before glibc 2.33 to look with
#else
    QVERIFY(!kept);
#endif
}

BH_TEST_MAIN(TestLandscape, &TestLandscape::planeMatchesQuadraticFormEverywhere,
             &TestLandscape::gridAndHvpCurvatureOfQuadratic,
             &TestLandscape::lineMatchesQuadraticForm,
             &TestLandscape::filterNormalizedDirectionsHaveFilterNorms,
             &TestLandscape::keptBiasesHaveTheNormOfTheBias,
             &TestLandscape::unnormalizedDirectionsHaveThetaNorm,
             &TestLandscape::unnormalizedDirectionsSkipBiasesInTheNorm,
             &TestLandscape::pcaOfSnapshotsOnALineRecoversIt,
             &TestLandscape::pcaRejectsTooFewSnapshots,
             &TestLandscape::planeRestoresParametersAndReportsCost,
             &TestLandscape::refinedPlaneMatchesFullPlaneWithFewerEvaluations,
             &TestLandscape::refinementWithTinyToleranceEvaluatesEverything,
             &TestLandscape::trajectoryPlaneGoesThroughTheEndPoint,
             &TestLandscape::badGridIsRejected,
             &TestLandscape::subsampledGridsCarryTheStandardErrorOfTheirRows,
             &TestLandscape::samplingBandCoversTheFullDataLoss,
             &TestLandscape::batchedPointsMatchPerPointEvaluation,
             &TestLandscape::batchedRefinementAndLineMatchPerPoint,
             &TestLandscape::pointBatchingFallsBackAndSaysWhy,
             &TestLandscape::tinyPointBatchBudgetGivesTheSameGrid,
             &TestLandscape::autotunedBatchingMatchesOffAndRecordsItsChoice,
             &TestLandscape::convolutionWeightLayoutIsTimedAndChangesNothing,
             &TestLandscape::convolutionalChainComputesTheModelsLosses,
             &TestLandscape::intraOpThreadsDefaultToPhysicalCores,
             &TestLandscape::freedHostMemoryIsKept)

#ifdef BOREHOLE_TEST_WITH_QT
#include "test_landscape.moc"
#endif
