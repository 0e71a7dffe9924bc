// The views on fixed data: PCA numbers, region selection and its JSON/CSV, heatmap hover text,
// curvature plots, plot export formats.
#include "curvatureplot.h"
#include "exportutil.h"
#include "gui_test_support.h"
#include "heatmapview.h"
#include "pca.h"
#include "pcaview.h"
#include "plotstyle.h"
#include "probecompare.h"
#include "selection.h"
#include "selectiontable.h"

#include <QComboBox>
#include <QFile>
#include <QTableWidget>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

using namespace borehole;

namespace {

Grid2D saddle(int n)
{
    Grid2D g = test::saddleGrid(n);
    g.directionKind = "custom";
    return g;
}

/// A tilted bowl α² + ½β² + ¼α lifted to [lo, hi] (the shape of a real loss: 17 … 204 in the
/// issue); its PCA projection leaves the first raster cell empty.
Grid2D liftedBowl(int n, double lo, double hi)
{
    Grid2D g = saddle(n);
    for (int iy = 0; iy < n; ++iy)
        for (int ix = 0; ix < n; ++ix) {
            const double a = g.x.values[ix];
            const double b = g.y.values[iy];
            g.values[iy * n + ix] = a * a + 0.5 * b * b + 0.25 * a;
        }
    const double vmin = *std::min_element(g.values.begin(), g.values.end());
    const double vmax = *std::max_element(g.values.begin(), g.values.end());
    for (double& v : g.values)
        v = lo + (v - vmin) / (vmax - vmin) * (hi - lo);
    g.centerValue = lo + (hi - lo) / 2.0;
    g.valueName = "loss";
    return g;
}

/// Finite min and max of the colour map's cells; `firstCellNan` tells whether cell (0, 0) is
/// empty (the case QCustomPlot 2.1's own rescale gets wrong).
std::pair<double, double> cellRange(QCPColorMap* map, bool* firstCellNan)
{
    double lo = INFINITY;
    double hi = -INFINITY;
    for (int y = 0; y < map->data()->valueSize(); ++y)
        for (int x = 0; x < map->data()->keySize(); ++x) {
            const double v = map->data()->cell(x, y);
            if (std::isfinite(v)) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
        }
    *firstCellNan = std::isnan(map->data()->cell(0, 0));
    return {lo, hi};
}

} // namespace

class TestViews : public QObject
{
    Q_OBJECT
private slots:
    void surfaceDifferenceNeedsTheSameGrid()
    {
        const Grid2D a = liftedBowl(9, 17.0, 204.0);
        Grid2D b = liftedBowl(9, 1.0, 2.0);
        QString why;
        const auto d = surfaceDifference(a, b, &why);
        QVERIFY2(d, qPrintable(why));
        QCOMPARE(d->valueName, std::string("loss (A − B)"));
        for (std::size_t i = 0; i < d->values.size(); ++i)
            QCOMPARE(d->values[i], a.values[i] - b.values[i]);
        Grid2D wider = liftedBowl(11, 1.0, 2.0);
        QVERIFY(!surfaceDifference(a, wider, &why));
        QCOMPARE(why, QStringLiteral("The surfaces lie on different grids (x axis: α (d₁) 9 × -1…1 "
                                     "against α (d₁) 11 × -1…1): probe both with the same "
                                     "resolution and span to subtract them."));
        b.y.name = "lr";
        QVERIFY(!surfaceDifference(a, b, &why));
        QVERIFY(why.contains(QStringLiteral("y axis: β (d₂)")));

        // The comparison table: a number where a report has it, "–" where not, rows no report
        // has are left out.
        ProbeReport r1;
        r1.base.loss = 2.5;
        r1.lanczos = EigenResult{};
        r1.lanczos->value = 12.0;
        r1.surface = a;
        ProbeReport r2;
        r2.base.loss = 3.0;
        const auto rows = compareRows({&r1, &r2});
        auto find = [&](const QString& name) -> const CompareRow* {
            for (const auto& r : rows)
                if (r.name == name)
                    return &r;
            return nullptr;
        };
        QVERIFY(find(QStringLiteral("L(θ)")));
        QCOMPARE(find(QStringLiteral("L(θ)"))->cells, (QStringList{"2.5", "3"}));
        QCOMPARE(find(QStringLiteral("λmax"))->cells, (QStringList{"12", "–"}));
        QCOMPARE(find(QStringLiteral("Surface: lowest / highest loss"))->cells,
                 (QStringList{"17 / 204", "–"}));
        QVERIFY(!find(QStringLiteral("Trace")));
        QVERIFY(!find(QStringLiteral("λmin")));

        // The view: unticked probes are left out; a grid mismatch is said, not drawn.
        std::vector<ProbeHistoryEntry> entries{{QStringLiteral("one"), r1, true},
                                               {QStringLiteral("two"), r2, true},
                                               {QStringLiteral("three"), r1, false}};
        CompareView view;
        view.resize(900, 700);
        view.setEntries(entries);
        QCOMPARE(view.table()->columnCount(), 2);
        // Curvature overlay: only "one" has a number (λmax 12, in the λmax category).
        QCOMPARE(view.curvaturePlot()->graphCount(), 1);
        QCOMPARE(view.curvaturePlot()->graph(0)->data()->size(), 1);
        QCOMPARE(view.curvaturePlot()->graph(0)->data()->at(0)->value, 12.0);
        QVERIFY(std::abs(view.curvaturePlot()->graph(0)->data()->at(0)->key - 3.0) < 0.5);
        QCOMPARE(view.differenceNote(), QStringLiteral("Both probes need a surface."));
        entries[1].report.surface = wider;
        view.setEntries(entries);
        QVERIFY(view.differenceNote().startsWith(QStringLiteral("The surfaces lie on different grids")));
        QVERIFY(!view.differenceView()->hasData());
        entries[1].report.surface = b;
        entries[1].report.surface->y.name = a.y.name;
        view.setEntries(entries);
        view.setDifference(0, 1);
        QVERIFY(view.differenceView()->hasData());
        QCOMPARE(view.differenceView()->grid()->values[0], a.values[0] - b.values[0]);
        QVERIFY2(view.differenceNote().startsWith(QStringLiteral("A − B on their common 9 × 9 grid: from ")),
                 qPrintable(view.differenceNote()));
    }

    void lockedColourRangeAppliesToTheLossOnly()
    {
        // Issue #14 (colour): a locked range colours the loss; a curvature shown in the same
        // view keeps its own range (a loss range means nothing for it).
        const Grid2D g = liftedBowl(11, 17.0, 204.0);
        ColourScale locked;
        locked.map = ColourMapKind::Cividis;
        locked.locked = true;
        locked.min = 0.0;
        locked.max = 500.0;

        HeatmapView heatmap;
        heatmap.resize(700, 500);
        heatmap.setGrid(g);
        heatmap.setColourScale(locked);
        auto* map = qobject_cast<QCPColorMap*>(heatmap.plot()->plottable(0));
        QVERIFY(map);
        QCOMPARE(map->colorScale()->dataRange(), QCPRange(0.0, 500.0));
        QCOMPARE(map->dataRange(), QCPRange(0.0, 500.0));
        QCOMPARE(map->colorScale()->axis()->label(), QStringLiteral("loss (locked range)"));
        QCOMPARE(map->gradient().color(0.0, QCPRange(0.0, 1.0)),
                 colourAt(ColourMapKind::Cividis, 0.0).rgb());
        auto* choice = heatmap.findChild<QComboBox*>();
        QVERIFY(choice && choice->count() > 1);
        choice->setCurrentIndex(1); // the grid's curvature
        QVERIFY(!map->colorScale()->axis()->label().contains(QStringLiteral("locked")));
        QVERIFY(map->colorScale()->dataRange().upper < 500.0);
        choice->setCurrentIndex(0);
        QCOMPARE(map->colorScale()->dataRange(), QCPRange(0.0, 500.0));

        PcaView pca;
        pca.resize(700, 500);
        pca.setGrid(g);
        pca.setColourScale(locked);
        auto* pcaMap = qobject_cast<QCPColorMap*>(pca.plot()->plottable(0));
        QVERIFY(pcaMap);
        QCOMPARE(pcaMap->colorScale()->dataRange(), QCPRange(0.0, 500.0));
        locked.locked = false;
        pca.setColourScale(locked);
        const QCPRange own = pcaMap->colorScale()->dataRange();
        QVERIFY(own.lower >= 17.0 - 1e-9 && own.upper <= 204.0 + 1e-9);
    }

    void pcaColourScaleFollowsTheData()
    {
        // Issue #14, defect 1: with an empty first raster cell the scale showed 0–6 for losses
        // of 17–204, and the next model kept the previous model's range.
        PcaView view;
        view.resize(700, 500);
        auto* map = qobject_cast<QCPColorMap*>(view.plot()->plottable(0));
        QVERIFY(map);
        for (const auto& [lo, hi] : {std::pair{17.0, 204.0}, std::pair{0.28, 4.81}}) {
            view.setGrid(liftedBowl(21, lo, hi));
            bool firstNan = false;
            const auto [cellLo, cellHi] = cellRange(map, &firstNan);
            QVERIFY2(firstNan, "the test needs an empty first raster cell");
            QVERIFY(cellLo >= lo - 1e-9 && cellHi <= hi + 1e-9);
            QVERIFY(cellHi - cellLo > 0.5 * (hi - lo));
            QCOMPARE(map->dataRange().lower, cellLo);
            QCOMPARE(map->dataRange().upper, cellHi);
            QCOMPARE(map->colorScale()->dataRange().lower, cellLo);
            QCOMPARE(map->colorScale()->dataRange().upper, cellHi);
            QVERIFY(map->colorScale()->visible());
        }
        view.clear();
        QVERIFY(!map->colorScale()->visible());
        QVERIFY(map->colorScale()->axis()->label().isEmpty());
    }

    void hugeNumbersReadable()
    {
        // Issue #14, defect 12: a study tooltip and report printed a stored failure reason as
        // "… to 487475196022138785073933058048.000000 over the burst".
        QCOMPARE(withReadableNumbers("diverged: loss grew from 0.693147 to "
                                     "487475196022138785073933058048.000000 over the burst"),
                 QStringLiteral("diverged: loss grew from 0.693147 to 4.87475e+29 over the "
                                "burst"));
        QCOMPARE(withReadableNumbers("lr 0.100000, -2.500000 and 3 steps, v1.2.3"),
                 QStringLiteral("lr 0.1, -2.5 and 3 steps, v1.2.3"));
    }

    void heatmapClearHidesTheColourBar()
    {
        // Issue #14, defect 10: an emptied heatmap kept the previous model's colour bar.
        HeatmapView view;
        auto* map = qobject_cast<QCPColorMap*>(view.plot()->plottable(0));
        QVERIFY(map);
        QVERIFY(!map->colorScale()->visible());
        view.setGrid(liftedBowl(9, 17.0, 204.0));
        QVERIFY(map->colorScale()->visible());
        QCOMPARE(map->colorScale()->dataRange().lower, 17.0);
        QCOMPARE(map->colorScale()->dataRange().upper, 204.0);
        QCOMPARE(map->colorScale()->axis()->label(), QStringLiteral("loss"));
        view.clear();
        QVERIFY(!map->colorScale()->visible());
        QVERIFY(map->colorScale()->axis()->label().isEmpty());
        QCOMPARE(map->data()->keySize(), 0);
    }

    void pcaOfPointsOnALine()
    {
        // Points on the line y = 2x (plus a constant column): one component explains all.
        std::vector<double> table;
        for (int i = 0; i < 10; ++i) {
            table.push_back(i);
            table.push_back(2.0 * i);
            table.push_back(5.0);
        }
        const auto p = principalComponents(table, 10, 3, 2);
        QCOMPARE(p.components, 2);
        QVERIFY(std::abs(p.explainedVariance[0] - 1.0) < 1e-9);
        QVERIFY(std::abs(p.explainedVariance[1]) < 1e-9);
        // Standardised x and y load equally on PC1.
        QVERIFY(std::abs(p.loadings[0] - std::sqrt(0.5)) < 1e-9);
        QVERIFY(std::abs(p.loadings[1] - std::sqrt(0.5)) < 1e-9);
        // Scores are centred.
        double sum = 0.0;
        for (std::size_t i = 0; i < 10; ++i)
            sum += p.score(i, 0);
        QVERIFY(std::abs(sum) < 1e-9);
    }

    void pcaOfAnIsotropicCloud()
    {
        // Four corners of a square: two equal components.
        const std::vector<double> table{1, 1, -1, 1, 1, -1, -1, -1};
        const auto p = principalComponents(table, 4, 2, 2);
        QVERIFY(std::abs(p.explainedVariance[0] - 0.5) < 1e-9);
        QVERIFY(std::abs(p.explainedVariance[1] - 0.5) < 1e-9);
    }

    void gridFeaturesOfTheSaddle()
    {
        const auto f = gridFeatures(saddle(21));
        QCOMPARE(f.names.size(), 7);
        // ∂²/∂α² = 2, ∂²/∂β² = −2 exactly for a quadratic, so the Laplacian is 0 everywhere.
        for (double l : f.laplacian)
            QVERIFY(std::abs(l) < 1e-9);
        const std::size_t centre = 10 * 21 + 10;
        QVERIFY(std::abs(f.table[centre * 7 + 5] - 2.0) < 1e-9);
        QVERIFY(std::abs(f.table[centre * 7 + 6] + 2.0) < 1e-9);
    }

    void selectRegionPicksTheGridPointsInside()
    {
        const Grid2D g = saddle(9); // spacing 0.25
        const auto s = selectRegion(g, 0.3, -0.3, -0.6, 0.1); // α ∈ {−0.25,0,0.25}, β ∈ {−0.5,−0.25,0}
        QCOMPARE(s.points.size(), std::size_t(9));
        QCOMPARE(s.xMin, -0.3);
        QCOMPARE(s.xMax, 0.3);
        const auto best = s.best();
        QVERIFY(best.has_value());
        QCOMPARE(best->alpha, 0.0);
        QCOMPARE(best->beta, -0.5);
        QCOMPARE(best->value, -0.25);

        SelectionContext context;
        context.modelPath = QStringLiteral("m.pt");
        context.seed = 42;
        const auto doc = QJsonDocument::fromJson(selectionToJson(s, context).toUtf8()).object();
        QCOMPARE(doc.value("format").toString(), QStringLiteral("borehole.selection/1"));
        QCOMPARE(doc.value("points").toArray().size(), 9);
        QCOMPARE(doc.value("seed").toString(), QStringLiteral("42"));
        QCOMPARE(doc.value("axes").toObject().value("alpha").toObject().value("unit").toString(),
                 QStringLiteral("× direction"));
        QCOMPARE(doc.value("summary").toObject().value("minValue").toDouble(), -0.25);
        QCOMPARE(doc.value("region").toObject().value("x").toArray().at(0).toDouble(), -0.3);

        const QStringList csv = selectionToCsv(s).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(csv.size(), 10);
        QCOMPARE(csv.at(0), QStringLiteral("ix,iy,alpha,beta,value"));
        QCOMPARE(csv.at(1), QStringLiteral("3,2,-0.25,-0.5,-0.1875"));
    }

    void heatmapHoverAndRubberBand()
    {
        HeatmapView view;
        view.resize(500, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(!view.hasData());
        view.setGrid(saddle(9));
        QVERIFY(view.hasData());
        const QString hover = view.hoverText(0.5, -0.25);
        QVERIFY2(hover.startsWith(QStringLiteral("α = 0.5, β = -0.25\nloss = 0.1875\ngrid curvature = ")),
                 qPrintable(hover));
        QVERIFY(view.hoverText(3.0, 0.0).isEmpty());

        QSignalSpy spy(&view, &HeatmapView::selectionChanged);
        view.selectRegion(-1.0, 0.0, -1.0, 0.0);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(view.selection().points.size(), std::size_t(25));

        // A real rubber-band drag over the whole plot selects all 81 points.
        QCustomPlot* plot = view.plot();
        const QPoint from(plot->xAxis->coordToPixel(-1.1), plot->yAxis->coordToPixel(1.1));
        const QPoint to(plot->xAxis->coordToPixel(1.1), plot->yAxis->coordToPixel(-1.1));
        QTest::mousePress(plot, Qt::LeftButton, Qt::NoModifier, from);
        QTest::mouseMove(plot, (from + to) / 2);
        QTest::mouseMove(plot, to);
        QTest::mouseRelease(plot, Qt::LeftButton, Qt::NoModifier, to);
        QCOMPARE(spy.count(), 2);
        QCOMPARE(view.selection().points.size(), std::size_t(81));

        SelectionTable table;
        table.setSelection(view.selection());
        QCOMPARE(table.rowCount(), 81);
        QCOMPARE(table.columnCount(), 5);
    }

    void heatmapContoursAndClickSelection()
    {
        HeatmapView view;
        view.resize(500, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setGrid(saddle(9));
        QVERIFY(view.contoursVisible());
        // The map is drawn in viridis (dark purple #440154 at the low end, yellow at the top).
        auto* map = qobject_cast<QCPColorMap*>(view.plot()->plottable(0));
        QVERIFY(map);
        const QRgb low = map->gradient().color(0.0, QCPRange(0.0, 1.0));
        const QRgb high = map->gradient().color(1.0, QCPRange(0.0, 1.0));
        QVERIFY2(qRed(low) < 90 && qGreen(low) < 20 && qBlue(low) > 60, qPrintable(QString::number(low, 16)));
        QVERIFY2(qRed(high) > 230 && qGreen(high) > 200 && qBlue(high) < 80, qPrintable(QString::number(high, 16)));
        QCOMPARE(view.contourLevels().size(), std::size_t(10));
        const std::size_t drawn = view.contourSegmentCount();
        QVERIFY(drawn > 0);
        view.setContoursVisible(false);
        QCOMPARE(view.contourSegmentCount(), std::size_t(0));
        view.setContoursVisible(true);
        QCOMPARE(view.contourSegmentCount(), drawn);

        QSignalSpy spy(&view, &HeatmapView::selectionChanged);
        QCustomPlot* plot = view.plot();
        auto pixel = [plot](double a, double b) {
            return QPoint(qRound(plot->xAxis->coordToPixel(a)),
                          qRound(plot->yAxis->coordToPixel(b)));
        };
        // A click near (0.5, −0.25) selects that one grid point.
        QTest::mouseClick(plot, Qt::LeftButton, Qt::NoModifier, pixel(0.45, -0.2));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(view.selection().points.size(), std::size_t(1));
        QCOMPARE(view.selection().points[0].alpha, 0.5);
        QCOMPARE(view.selection().points[0].beta, -0.25);
        QCOMPARE(view.selection().points[0].value, 0.1875);
        // Shift+click at (−0.5, 0.25) extends it to the 5 × 3 grid points in between.
        QTest::mouseClick(plot, Qt::LeftButton, Qt::ShiftModifier, pixel(-0.5, 0.25));
        QCOMPARE(spy.count(), 2);
        QCOMPARE(view.selection().points.size(), std::size_t(15));
        // A plain click elsewhere starts over; a click outside the grid changes nothing.
        QTest::mouseClick(plot, Qt::LeftButton, Qt::NoModifier, pixel(-1.0, -1.0));
        QCOMPARE(view.selection().points.size(), std::size_t(1));
        view.selectCell(5.0, 5.0);
        QCOMPARE(spy.count(), 3);
    }

    void pcaViewProjectsTheGrid()
    {
        PcaView view;
        view.resize(500, 400);
        view.setGrid(saddle(11));
        QVERIFY(view.hasData());
        const auto& p = view.projection();
        QCOMPARE(p.scores.size(), std::size_t(121 * 2));
        QVERIFY(p.explainedVariance[0] >= p.explainedVariance[1]);
        QVERIFY(p.explainedVariance[0] + p.explainedVariance[1] <= 1.0 + 1e-9);
        QVERIFY(view.plot()->xAxis->label().startsWith(QStringLiteral("PC1 (")));
        QVERIFY(view.plot()->xAxis->label().contains(QStringLiteral("% of variance")));
        QSignalSpy spy(&view, &PcaView::selectionChanged);
        view.selectRegion(-1e9, 1e9, -1e9, 1e9);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).value<GridSelection>().points.size(), std::size_t(121));
        QCOMPARE(spy.at(0).at(0).value<GridSelection>().source, QStringLiteral("pca"));
    }

    void smoothedRasterFillsBetweenPointsOnly()
    {
        // One point in the middle of cell (2, 2) of a 5 × 5 raster over [0, 5]²: its value within
        // 1.5 cells (the cell, its 4 edge neighbours and 4 diagonal ones at √2), NaN beyond.
        auto r = smoothedRaster({2.5}, {2.5}, {7.0}, 0, 5, 0, 5, 5, 1.5);
        QCOMPARE(r.size(), std::size_t(25));
        int filled = 0;
        for (int by = 0; by < 5; ++by)
            for (int bx = 0; bx < 5; ++bx) {
                const double v = r[static_cast<std::size_t>(by * 5 + bx)];
                const bool near = std::abs(bx - 2) <= 1 && std::abs(by - 2) <= 1;
                QCOMPARE(std::isfinite(v), near);
                if (near) {
                    QCOMPARE(v, 7.0);
                    ++filled;
                }
            }
        QCOMPARE(filled, 9);
        // Two points (row 2) one cell either side of an empty cell: it gets their mean, where
        // bin means would leave a hole; nearer points weigh more.
        r = smoothedRaster({1.5, 3.5}, {2.5, 2.5}, {0.0, 1.0}, 0, 5, 0, 5, 5, 1.5);
        QCOMPARE(r[10 + 2], 0.5);
        QCOMPARE(r[10 + 1], 0.0); // the second point is 2 cells away: outside the radius
        QCOMPARE(r[10 + 0], 0.0);
        QCOMPARE(r[10 + 3], 1.0);
        QCOMPARE(r[10 + 4], 1.0);
        QVERIFY(std::isnan(r[0])); // row 0 is 2 rows away from both
        r = smoothedRaster({1.5, 2.5}, {2.5, 2.5}, {0.0, 1.0}, 0, 5, 0, 5, 5, 1.5);
        QVERIFY(r[10 + 2] > 0.5 && r[10 + 2] < 1.0); // on the second point: it weighs more
    }

    void curvaturePlotAndExports()
    {
        ProbeReport r;
        CurvatureResult c;
        c.kind = DirectionKind::Random;
        c.directional = {1.0, 2.0, 3.0};
        c.norms = {1.5, 2.5, 3.5};
        c.meanDirectional = 2.0;
        c.stdDirectional = 1.0;
        r.curvature.push_back(c);
        EigenResult e;
        e.method = "lanczos";
        e.value = 4.0;
        e.history = {3.0, 3.9, 4.0};
        e.errors = {0.1, 0.01, 0.0001};
        r.lanczos = e;
        Grid1D line;
        line.x.name = "α";
        line.x.unit = "× direction";
        line.x.values = {-1, 0, 1};
        line.values = {2, 1, 2};
        line.centerValue = 1;
        r.line = line;

        CurvaturePlot plot;
        plot.resize(600, 400);
        plot.setReport(r);
        QVERIFY(plot.pageHasData(CurvaturePlot::Directions));
        QVERIFY(plot.pageHasData(CurvaturePlot::Convergence));
        QVERIFY(!plot.pageHasData(CurvaturePlot::Trace));
        QVERIFY(plot.pageHasData(CurvaturePlot::Line));
        QCOMPARE(plot.pointCount(CurvaturePlot::Directions), 3 + 1); // dots + one bar
        QCOMPARE(plot.pointCount(CurvaturePlot::Convergence), 3 + 3);
        QCOMPARE(plot.pointCount(CurvaturePlot::Line), 3 + 1);
        QVERIFY(plot.plot(CurvaturePlot::Line)->xAxis->label().contains("[× direction]"));

        const QString dir = test::outputDir();
        for (const char* suffix : {"png", "svg", "pdf"}) {
            const QString path = dir + QStringLiteral("/curvature.") + suffix;
            QFile::remove(path);
            QString error;
            QVERIFY2(plot.exportPage(CurvaturePlot::Directions, path, &error), qPrintable(error));
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray head = f.read(8);
            if (QByteArray(suffix) == "png")
                QVERIFY(head.startsWith("\x89PNG"));
            else if (QByteArray(suffix) == "pdf")
                QVERIFY(head.startsWith("%PDF"));
            else
                QVERIFY(f.readAll().contains("<svg"));
        }
        // Atomic write into a folder that does not exist fails cleanly.
        QString error;
        QVERIFY(!plot.exportPage(CurvaturePlot::Line, dir + "/no/such/folder/x.png", &error));
        QVERIFY(!error.isEmpty());
    }
};

BOREHOLE_GUI_TEST_MAIN(TestViews)
#include "test_views.moc"
