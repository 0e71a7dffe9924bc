// The plain geometry core hands the views and reports (std types only, tested without a
// display): marching-squares contours of a sampled field, and the study's curvature map binned
// onto a grid with its edge-of-stability curves (moved from the widget suites with the code).
#include "bh_test.h"

#include <borehole/contour.h>
#include <borehole/studymap.h>

#include <cmath>
#include <string>
#include <vector>

using namespace borehole;

class TestGeometry : public QObject
{
    Q_OBJECT
    BH_TEST_FRIEND

private slots:
    void contourOfACircle()
    {
        // f = x² + y² on 41 × 41 points over [−1, 1]²: the 0.25 level is the circle r = 0.5.
        std::vector<double> xs;
        for (int i = 0; i <= 40; ++i)
            xs.push_back(-1.0 + i / 20.0);
        std::vector<double> f;
        for (double y : xs)
            for (double x : xs)
                f.push_back(x * x + y * y);
        const std::vector<ContourSegment> segs = contourSegments(xs, xs, f, 0.25);
        QVERIFY(segs.size() > 20);
        double length = 0.0;
        for (const ContourSegment& s : segs) {
            // Linear interpolation of a quadratic along an edge of h = 0.05 is off by ≤ h²/4.
            QVERIFY(std::abs(std::hypot(s.x0, s.y0) - 0.5) < 0.0025);
            QVERIFY(std::abs(std::hypot(s.x1, s.y1) - 0.5) < 0.0025);
            length += std::hypot(s.x1 - s.x0, s.y1 - s.y0);
        }
        QVERIFY(std::abs(length - M_PI) < 0.01 * M_PI);
        QVERIFY(contourSegments(xs, xs, f, 5.0).empty()); // above the maximum 2
        QVERIFY(contourSegments(xs, xs, f, -1.0).empty());

        // A NaN corner removes the four cells around it, nothing else.
        std::vector<double> holed = f;
        const std::size_t before = contourSegments(xs, xs, holed, 0.25).size();
        holed[10 * 41 + 20] = std::nan(""); // (x, y) = (0, −0.5): on the circle
        const std::size_t after = contourSegments(xs, xs, holed, 0.25).size();
        QVERIFY(after < before && after + 4 >= before);

        QVERIFY(contourLevels({0.0, 1.0, 2.0}, 2) == (std::vector<double>{0.5, 1.5}));
        QVERIFY(contourLevels({1.0, 1.0}, 5).empty());
        QVERIFY(finiteBounds({3.0, std::nan(""), -1.0, 1.0 / 0.0}) == std::make_pair(-1.0, 3.0));
        QVERIFY(finiteBounds({std::nan("")}).first > finiteBounds({std::nan("")}).second);
        QVERIFY(contourLevels({std::nan("")}, 5).empty());
    }

    void contourSaddleCellIsResolvedByItsCentre()
    {
        // Corners (0,0)=1, (1,0)=0, (1,1)=1, (0,1)=0. Level 0.4: the centre (0.5) is high, so
        // the high corners connect through it and the lines cut off the low corners (1,0), (0,1).
        const std::vector<double> xs{0.0, 1.0};
        const std::vector<double> v{1.0, 0.0, 0.0, 1.0}; // row-major: y = 0 row, then y = 1
        std::vector<ContourSegment> segs = contourSegments(xs, xs, v, 0.4);
        QCOMPARE(segs.size(), std::size_t(2));
        // Crossings at 0.6 along each edge from the high corner: (0.6,0), (1,0.4), (0.4,1), (0,0.6).
        auto near = [](double a, double b) { return std::abs(a - b) < 1e-12; };
        QVERIFY(near(segs[0].x0, 0.6) && near(segs[0].y0, 0.0));
        QVERIFY(near(segs[0].x1, 1.0) && near(segs[0].y1, 0.4));
        QVERIFY(near(segs[1].x0, 0.4) && near(segs[1].y0, 1.0));
        QVERIFY(near(segs[1].x1, 0.0) && near(segs[1].y1, 0.6));
        // Level 0.6: the centre is low; the lines cut off the high corners (0,0) and (1,1).
        segs = contourSegments(xs, xs, v, 0.6);
        QCOMPARE(segs.size(), std::size_t(2));
        QVERIFY(near(segs[0].x0, 0.0) && near(segs[0].y0, 0.4));
        QVERIFY(near(segs[0].x1, 0.4) && near(segs[0].y1, 0.0));
    }

    void studyMapGridBinsAndFills()
    {
        // A 3 × 2 grid (log rates × momenta) with one cell empty and one cell holding two
        // configurations (averaged).
        const std::vector<double> xs{1e-3, 1e-2, 1e-1, 1e-3, 1e-2, 1e-2};
        const std::vector<double> ys{0.0, 0.0, 0.0, 0.9, 0.9, 0.9};
        const std::vector<double> zs{1.0, 2.0, 3.0, 4.0, 5.0, 7.0};
        const Grid2D g = studyMapGrid(xs, ys, zs, "learning_rate", "momentum", "lambda_max",
                                      true, false);
        QCOMPARE(g.nx(), std::size_t(3));
        QCOMPARE(g.ny(), std::size_t(2));
        BH_COMPARE_TEXT(g.x.name, "log10(learning_rate)");
        BH_COMPARE_TEXT(g.y.name, "momentum");
        QVERIFY(std::abs(g.x.values[0] + 3.0) < 1e-12);
        QVERIFY(std::abs(g.x.values[2] + 1.0) < 1e-12);
        QCOMPARE(g.at(0, 0), 1.0);
        QCOMPARE(g.at(2, 0), 3.0);
        QCOMPARE(g.at(1, 1), 6.0); // mean of 5 and 7
        QCOMPARE(g.evaluated[1 * 3 + 2], 0); // (0.1, 0.9) had no configuration
        // Filled from its neighbours: between the values around it.
        QVERIFY(g.at(2, 1) > 3.0 && g.at(2, 1) < 6.0);
        // One distinct value on an axis: no surface.
        QVERIFY(studyMapGrid({1e-3, 1e-2}, {0.5, 0.5}, {1.0, 2.0}, "learning_rate", "momentum",
                             "v", true, false)
                    .ny()
                < 2);
        // Many distinct values: binned to maxLevels levels.
        std::vector<double> manyX, manyY, manyZ;
        for (int i = 0; i < 50; ++i) {
            manyX.push_back(i);
            manyY.push_back(i % 2);
            manyZ.push_back(i);
        }
        QCOMPARE(studyMapGrid(manyX, manyY, manyZ, "a", "b", "v", false, false, 10).nx(),
                 std::size_t(10));
    }

    void stabilityCurvesOnTheFloor()
    {
        // λmax = (2+2β)/lr for β = 0 and 0.9, over lr ∈ [1e-3, 1e-1].
        const auto curves = stabilityCurves("learning_rate", "lambda_max", {0.0, 0.9}, 10.0,
                                            1e-3, 1e-1, 1.0, 100.0, true, true, 50);
        QCOMPARE(curves.size(), std::size_t(2));
        QVERIFY(std::abs(curves[0].y.front() - 2000.0) < 1e-6);
        QVERIFY(std::abs(curves[1].y.back() - 38.0) < 1e-6);
        // Clipped to λ ∈ [1, 100] (log10 box [0, 2]): lr from 0.02 (β = 0) upward.
        const auto line = clipCurve(curves[0], -3.0, -1.0, 0.0, 2.0, true, true);
        QVERIFY(line.size() >= 2);
        for (const auto& [x, y] : line)
            QVERIFY(std::abs(std::pow(10.0, x) * std::pow(10.0, y) - 2.0) < 1e-9);
        QVERIFY(line.front().first >= std::log10(0.02) - 1e-9);
        // lr against momentum at λ = 10: lr = (2+2β)/10, i.e. 0.2 at β = 0; swapped axes too.
        const auto rm = stabilityCurves("momentum", "learning_rate", {0.0}, 10.0, 0.0, 0.9,
                                        1e-3, 1.0, false, true, 10);
        QCOMPARE(rm.size(), std::size_t(1));
        QVERIFY(std::abs(rm[0].x.front() - 0.0) < 1e-12);
        QVERIFY(std::abs(rm[0].y.front() - 0.2) < 1e-12);
        QVERIFY(std::abs(rm[0].y.back() - 0.38) < 1e-12);
        // No bound for unrelated axes.
        QVERIFY(stabilityCurves("momentum", "batch_size", {0.0}, 10.0, 0, 1, 1, 2, false, false)
                    .empty());
    }
};

BH_TEST_MAIN(TestGeometry, &TestGeometry::contourOfACircle, &TestGeometry::contourSaddleCellIsResolvedByItsCentre, &TestGeometry::studyMapGridBinsAndFills, &TestGeometry::stabilityCurvesOnTheFloor)

#ifdef BOREHOLE_TEST_WITH_QT
#include "test_geometry.moc"
#endif
