// Surfaces split by rows (surface_rows.h), the core of `mpirun borehole-cli surface`, checked
// without MPI: the row shares cover a grid once, and blocks of rows put back together equal the
// single lossPlane() bit for bit (per point), curvature and standard errors included.
#include "bh_test.h"
#include "test_support.h"

#include <borehole/error.h>
#include <borehole/surface_rows.h>

#include <cmath>

using namespace borehole;

class TestSurfaceRows : public QObject
{
    Q_OBJECT
    BH_TEST_FRIEND

private slots:
    void sharesCoverEveryRowOnceInRankOrder();
    void blocksAssembleToTheWholePlaneBitForBit();
    void refinementAndBadRangesAreRefused();
};

void TestSurfaceRows::sharesCoverEveryRowOnceInRankOrder()
{
    for (int rows : {1, 2, 7, 20, 101})
        for (int ranks : {1, 2, 3, 8, 13}) {
            int next = 0;
            for (int r = 0; r < ranks; ++r) {
                const auto s = rowShare(rows, r, ranks);
                QCOMPARE(s.begin, next);
                QVERIFY(s.count() == rows / ranks || s.count() == rows / ranks + 1);
                QVERIFY(s.count() >= rowShare(rows, ranks - 1, ranks).count());
                next = s.end;
            }
            QCOMPARE(next, rows);
        }
    const auto s = rowShare(101, 7, 8); // 13 × 5, then 12 × 3
    QCOMPARE(s.begin, 89);
    QCOMPARE(s.end, 101);
    BH_THROWS(rowShare(10, 2, 2), Error, "rank 2 of 2 has no share of 10 rows");
}

void TestSurfaceRows::blocksAssembleToTheWholePlaneBitForBit()
{
    DatasetOptions d;
    d.standardizeTargets = true;
    ProblemOptions po;
    po.probeRows = 150; // subsampled: standard errors per point
    Problem p(Model::load(bht::example("diabetes/diabetes_mlp.pt"), d.device),
              Dataset::loadCsv(bht::example("diabetes/diabetes.csv"), d), po);
    for (const auto curvature : {CurvatureMode::Grid, CurvatureMode::Hvp}) {
        SurfaceOptions o;
        o.resolution = curvature == CurvatureMode::Hvp ? 5 : 9;
        o.resolutionY = curvature == CurvatureMode::Hvp ? 4 : 7;
        o.curvature = curvature;
        o.pointBatching = PointBatching::Off;
        o.directions.seed = 5;
        const Grid2D whole = lossPlane(p, o);
        for (int ranks : {2, 3, 5}) {
            std::vector<Grid2D> parts;
            for (int r = 0; r < ranks; ++r)
                parts.push_back(lossPlaneRows(p, o, rowShare(o.resolutionY, r, ranks)));
            const Grid2D g = assembleRows(parts, o);
            QCOMPARE(g.nx(), whole.nx());
            QCOMPARE(g.ny(), whole.ny());
            QVERIFY(g.values == whole.values);
            QVERIFY(!g.standardError.empty() && g.standardError == whole.standardError);
            QCOMPARE(g.sampleRows, whole.sampleRows);
            QCOMPARE(g.centerValue, whole.centerValue);
            QVERIFY(g.x.values == whole.x.values && g.y.values == whole.y.values);
            BH_COMPARE_TEXT(g.directionKind, whole.directionKind);
            BH_COMPARE_TEXT(g.curvatureName, whole.curvatureName);
            QCOMPARE(g.curvature.size(), whole.curvature.size());
            for (std::size_t i = 0; i < g.curvature.size(); ++i) // see docs/scale-out.md
                BH_CLOSE(g.curvature[i], whole.curvature[i], 1e-6);
            if (curvature == CurvatureMode::Grid)
                QVERIFY(g.curvature == whole.curvature);
            std::int64_t forwards = 0;
            for (const auto& part : parts)
                forwards += part.cost.forwards;
            QCOMPARE(g.cost.forwards, forwards);
        }
    }
}

void TestSurfaceRows::refinementAndBadRangesAreRefused()
{
    auto p = bht::quadraticProblem();
    SurfaceOptions o;
    o.resolution = 11;
    o.refine = true;
    BH_THROWS(lossPlaneRows(p, o, {0, 5}), InputError,
              "a refined surface cannot be split by rows (its cells span rows): evaluate it in "
              "one process");
    o.refine = false;
    BH_THROWS(lossPlaneRows(p, o, {6, 12}), InputError,
              "rows 6 to 12 are not inside a grid of 11 rows");
    std::vector<Grid2D> parts{lossPlaneRows(p, o, {0, 5})};
    BH_THROWS(assembleRows(parts, o), Error,
              "the parts of the surface hold 55 values, the grid has 121");
}

BH_TEST_MAIN(TestSurfaceRows, &TestSurfaceRows::sharesCoverEveryRowOnceInRankOrder,
             &TestSurfaceRows::blocksAssembleToTheWholePlaneBitForBit,
             &TestSurfaceRows::refinementAndBadRangesAreRefused)

#ifdef BOREHOLE_TEST_WITH_QT
#include "test_surface_rows.moc"
#endif
