// The Spectrum tab: SpectrumView draws a known SpectrumResult (every exact eigenvalue, the
// top/bottom markers with their residual bounds, the density, λ = 0 in view) with the exact
// caption, says why it is empty, shows A's eigenvalues for the worker's report on the quadratic
// fixture, and in the main window shows the Hessian spectrum of a probe whose Hessian is known in
// closed form, through a workspace round trip, and empties on a new model (stale-state rule).
#include "gui_test_support.h"
#include "datapanel.h"
#include "mainwindow.h"
#include "probeworker.h"
#include "settingspanel.h"
#include "spectrumview.h"
#include "workspace.h"

#include <QFile>
#include <QSignalSpy>
#include <QTabWidget>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace borehole;

namespace {

std::vector<double> keys(const QCPGraph* g)
{
    std::vector<double> out;
    for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
        out.push_back(it->key);
    return out;
}

std::vector<double> values(const QCPGraph* g)
{
    std::vector<double> out;
    for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
        out.push_back(it->value);
    return out;
}

std::vector<double> errors(const QCPErrorBars* e)
{
    std::vector<double> out;
    for (const auto& d : *e->data())
        out.push_back(d.errorMinus);
    return out;
}

/// Eigenvalues of a symmetric matrix by cyclic Jacobi rotations, ascending (the test's own
/// solver, independent of core's).
std::vector<double> symmetricEigenvalues(std::vector<std::vector<double>> a)
{
    const std::size_t n = a.size();
    for (int sweep = 0; sweep < 100; ++sweep) {
        double off = 0.0;
        for (std::size_t p = 0; p < n; ++p)
            for (std::size_t q = p + 1; q < n; ++q)
                off += a[p][q] * a[p][q];
        if (off < 1e-26)
            break;
        for (std::size_t p = 0; p < n; ++p)
            for (std::size_t q = p + 1; q < n; ++q) {
                if (a[p][q] == 0.0)
                    continue;
                const double theta = (a[q][q] - a[p][p]) / (2.0 * a[p][q]);
                const double t = (theta >= 0 ? 1.0 : -1.0)
                                 / (std::abs(theta) + std::sqrt(theta * theta + 1.0));
                const double c = 1.0 / std::sqrt(t * t + 1.0);
                const double s = t * c;
                for (std::size_t k = 0; k < n; ++k) { // columns p, q
                    const double akp = a[k][p];
                    const double akq = a[k][q];
                    a[k][p] = c * akp - s * akq;
                    a[k][q] = s * akp + c * akq;
                }
                for (std::size_t k = 0; k < n; ++k) { // rows p, q
                    const double apk = a[p][k];
                    const double aqk = a[q][k];
                    a[p][k] = c * apk - s * aqk;
                    a[q][k] = s * apk + c * aqk;
                }
            }
    }
    std::vector<double> out;
    for (std::size_t i = 0; i < n; ++i)
        out.push_back(a[i][i]);
    std::sort(out.begin(), out.end());
    return out;
}

/// The Hessian of mean((w·x + b − y)²) over the rows of four_features.csv (raw features): it
/// does not depend on w and b, H = (2/m) Σ x̃ x̃ᵀ with x̃ = (x₁, x₂, x₃, x₄, 1). Its eigenvalues,
/// ascending.
std::vector<double> linearModelHessianEigenvalues()
{
    QFile f(test::dataDir() + QStringLiteral("/four_features.csv"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    f.readLine(); // header x1,x2,x3,x4,y
    std::vector<std::vector<double>> h(5, std::vector<double>(5, 0.0));
    int rows = 0;
    while (!f.atEnd()) {
        const QList<QByteArray> cells = f.readLine().trimmed().split(',');
        if (cells.size() != 5)
            continue;
        double x[5] = {cells[0].toDouble(), cells[1].toDouble(), cells[2].toDouble(),
                       cells[3].toDouble(), 1.0};
        for (int i = 0; i < 5; ++i)
            for (int j = 0; j < 5; ++j)
                h[i][j] += x[i] * x[j];
        ++rows;
    }
    if (rows != 40) // the fixture's row count: a changed file changes the expected spectrum
        return {};
    for (auto& row : h)
        for (double& v : row)
            v *= 2.0 / rows;
    return symmetricEigenvalues(h);
}

/// Eigenvalues of A in tests/data/quadratic_A.csv (the quadratic fixture's Hessian), ascending.
std::vector<double> quadraticEigenvalues()
{
    QFile f(test::dataDir() + QStringLiteral("/quadratic_A.csv"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    std::vector<std::vector<double>> a;
    while (!f.atEnd()) {
        const QList<QByteArray> cells = f.readLine().trimmed().split(',');
        if (cells.size() < 2)
            continue;
        a.emplace_back();
        for (const QByteArray& c : cells)
            a.back().push_back(c.toDouble());
    }
    return symmetricEigenvalues(a);
}

/// A Gaussian-broadened density of the eigenvalues (what core draws for the exact method).
void broaden(SpectrumResult& s, double sigma, int points)
{
    const double lo = s.eigenvalues.front() - 5 * sigma;
    const double hi = s.eigenvalues.back() + 5 * sigma;
    for (int i = 0; i < points; ++i) {
        const double x = lo + (hi - lo) * i / (points - 1);
        double y = 0.0;
        for (double l : s.eigenvalues)
            y += std::exp(-0.5 * (x - l) * (x - l) / (sigma * sigma))
                 / (sigma * std::sqrt(2 * M_PI) * s.eigenvalues.size());
        s.densityX.push_back(x);
        s.densityY.push_back(y);
    }
    s.bandwidth = sigma;
}

/// The quadratic fixture's spectrum (tests/data/make_fixtures.py, EIGENVALUES) as core's exact
/// method reports it, with top 3 and bottom 2.
SpectrumResult quadraticSpectrum()
{
    SpectrumResult s;
    s.method = "exact";
    s.eigenvalues = {0.1, 0.2, 0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 3.0, 5.0, 7.0, 10.0};
    s.top = {10.0, 7.0, 5.0};
    s.topResiduals = {1e-7, 2e-7, 3e-7};
    s.bottom = {0.1, 0.2};
    s.bottomResiduals = {4e-7, 5e-7};
    s.lambdaMax = 10.0;
    s.lambdaMin = 0.1;
    s.trace = std::accumulate(s.eigenvalues.begin(), s.eigenvalues.end(), 0.0);
    s.converged = true;
    broaden(s, 0.099, 201);
    return s;
}

/// A Lanczos spectrum with certain negative curvature (the indefinite fixture's extremes).
SpectrumResult saddleSpectrum()
{
    SpectrumResult s;
    s.method = "lanczos";
    s.top = {4.0, 2.5};
    s.topResiduals = {2e-6, 3e-5};
    s.bottom = {-6.0, -1.0};
    s.bottomResiduals = {1e-5, 0.5};
    s.lambdaMax = 4.0;
    s.lambdaMin = -6.0;
    s.negativeCurvature = true;
    s.negativeRatio = 1.5;
    s.trace = std::nan("");
    s.iterations = 23;
    s.converged = true;
    s.densityRuns = 5;
    for (int i = 0; i <= 100; ++i) {
        const double x = -6.5 + 11.0 * i / 100;
        s.densityX.push_back(x);
        s.densityY.push_back(std::exp(-x * x)); // decays to ~1e-18 at the left edge
    }
    return s;
}

bool contains(const QCPRange& r, double lo, double hi)
{
    return r.lower <= lo && r.upper >= hi;
}

} // namespace

class TestSpectrumView : public QObject
{
    Q_OBJECT
private slots:
    void exactSpectrumShowsEveryEigenvalue()
    {
        SpectrumView v;
        v.resize(900, 600);
        const SpectrumResult s = quadraticSpectrum();
        v.setSpectrum(s, 40);
        QVERIFY(v.hasData());
        QVERIFY(v.emptyText().isEmpty());
        QCOMPARE(keys(v.eigenvalueGraph()), s.eigenvalues);
        QVERIFY(v.eigenvalueGraph()->visible());
        QCOMPARE(values(v.eigenvalueGraph()),
                 std::vector<double>(12, SpectrumView::kEigenvalueRow));
        // Markers ascending by λ, each with its own bound.
        QCOMPARE(keys(v.topGraph()), std::vector<double>({5.0, 7.0, 10.0}));
        QCOMPARE(errors(v.topErrorBars()), std::vector<double>({3e-7, 2e-7, 1e-7}));
        QCOMPARE(keys(v.bottomGraph()), std::vector<double>({0.1, 0.2}));
        QCOMPARE(errors(v.bottomErrorBars()), std::vector<double>({4e-7, 5e-7}));
        QCOMPARE(v.densityGraph()->dataCount(), 201);
        QCOMPARE(keys(v.densityGraph()), s.densityX);
        QCOMPARE(values(v.densityGraph()), s.densityY);
        // λmin..λmax and λ = 0 in view, the density's peak too.
        QVERIFY(contains(v.plot()->xAxis->range(), 0.0, 10.0));
        QVERIFY(contains(v.plot()->xAxis->range(), s.densityX.front(), s.densityX.back()));
        const double peak = *std::max_element(s.densityY.begin(), s.densityY.end());
        QVERIFY(contains(v.plot()->yAxis->range(), 0.0, peak));
        QCOMPARE(v.caption(),
                 QStringLiteral("exact Hessian (12 eigenvalues) · λmax = 10 · λmin = 0.1 · "
                                "negative curvature: none found · |λmin|/λmax = 0.01 · "
                                "tr(H) = 31.4"));
    }

    void lanczosSpectrumStatesCertainNegativeCurvature()
    {
        SpectrumView v;
        const SpectrumResult s = saddleSpectrum();
        v.setSpectrum(s, 40);
        QVERIFY(!v.eigenvalueGraph()->visible()); // no exact eigenvalues
        QCOMPARE(keys(v.topGraph()), std::vector<double>({2.5, 4.0}));
        QCOMPARE(errors(v.topErrorBars()), std::vector<double>({3e-5, 2e-6}));
        QCOMPARE(keys(v.bottomGraph()), std::vector<double>({-6.0, -1.0}));
        QCOMPARE(errors(v.bottomErrorBars()), std::vector<double>({1e-5, 0.5}));
        QVERIFY(contains(v.plot()->xAxis->range(), -6.0 - 1e-5, 4.0 + 2e-6));
        QCOMPARE(v.caption(),
                 QStringLiteral("Lanczos, 23 iterations + SLQ density, 5 runs × 40 steps · "
                                "λmax = 4 ± 2e-06 · λmin = -6 ± 1e-05 · negative curvature: "
                                "certain (λmin + bound < 0) · |λmin|/λmax = 1.5"));

        // λmin < 0 within its bound: not certain; no density, not converged.
        SpectrumResult u = s;
        u.bottom = {-0.001};
        u.bottomResiduals = {0.01};
        u.lambdaMin = -0.001;
        u.negativeCurvature = false;
        u.converged = false;
        u.densityX.clear();
        u.densityY.clear();
        u.densityRuns = 0;
        v.setSpectrum(u, 40);
        QCOMPARE(v.densityGraph()->dataCount(), 0);
        QCOMPARE(v.caption(),
                 QStringLiteral("Lanczos, 23 iterations, not converged, no density · "
                                "λmax = 4 ± 2e-06 · λmin = -0.001 ± 0.01 · negative curvature: "
                                "not certain (λmin + bound ≥ 0) · |λmin|/λmax = 0.00025"));
    }

    void logScaleKeepsDecades()
    {
        SpectrumView v;
        const SpectrumResult s = saddleSpectrum();
        v.setSpectrum(s, 40);
        QCOMPARE(v.plot()->yAxis->scaleType(), QCPAxis::stLinear);
        v.setLogScale(true);
        QCOMPARE(v.plot()->yAxis->scaleType(), QCPAxis::stLogarithmic);
        const QCPRange y = v.plot()->yAxis->range();
        QVERIFY(y.lower > 0);
        QVERIFY(y.upper >= 1.0); // the peak, e^0
        // Values below 1e-12 of the peak sit on the floor; the rest unchanged.
        const std::vector<double> shown = values(v.densityGraph());
        QCOMPARE(shown.size(), s.densityY.size());
        for (std::size_t i = 0; i < shown.size(); ++i)
            QCOMPARE(shown[i], std::max(s.densityY[i], 1e-12));
        QVERIFY(s.densityY.front() < 1e-12); // the floor is exercised
        QVERIFY(y.lower <= 1e-12);
        v.setLogScale(false);
        QCOMPARE(values(v.densityGraph()), s.densityY);
    }

    void emptyStatesSayWhy()
    {
        SpectrumView v;
        QVERIFY(!v.hasData());
        QCOMPARE(v.emptyText(),
                 QStringLiteral("Run a probe with the spectrum enabled (Setup › Spectrum) to see "
                                "the Hessian's eigenvalues and spectral density here."));
        ProbeReport r;
        r.spectrum.reset();
        v.setReport(r);
        QVERIFY(!v.hasData());
        QCOMPARE(v.emptyText(), QStringLiteral("Spectrum not computed: enable it in Setup › "
                                               "Spectrum and probe again."));
        QVERIFY(v.caption().isEmpty());
        r.spectrum = quadraticSpectrum();
        v.setReport(r);
        QVERIFY(v.hasData());
        QCOMPARE(v.topGraph()->dataCount(), 3);
        v.clear();
        QVERIFY(!v.hasData());
        QVERIFY(v.caption().isEmpty());
        for (QCPGraph* g : {v.densityGraph(), v.topGraph(), v.bottomGraph(), v.eigenvalueGraph()})
            QCOMPARE(g->dataCount(), 0);
        QVERIFY(v.topErrorBars()->data()->isEmpty());
    }

    void lanczosSpectrumSurvivesAWorkspace()
    {
        // A Lanczos spectrum has no exact trace (NaN, null in JSON) and a settings block the
        // workspace writes by hand: both come back.
        Workspace ws;
        ws.settings.spectrum = true;
        ws.settings.spectrumOptions.topK = 7;
        ws.settings.spectrumOptions.bottomK = 3;
        ws.settings.spectrumOptions.densityRuns = 9;
        ws.settings.spectrumOptions.densitySteps = 33;
        ProbeReport r;
        r.settings = ws.settings;
        r.spectrum = saddleSpectrum();
        ws.report = r;
        const Workspace back = workspaceFromJson(workspaceToJson(ws), QStringLiteral("test"));
        QVERIFY(back.settings.spectrum);
        QCOMPARE(back.settings.spectrumOptions.topK, 7);
        QCOMPARE(back.settings.spectrumOptions.bottomK, 3);
        QCOMPARE(back.settings.spectrumOptions.densityRuns, 9);
        QCOMPARE(back.settings.spectrumOptions.densitySteps, 33);
        QVERIFY(back.report && back.report->spectrum);
        QVERIFY(std::isnan(back.report->spectrum->trace));
        SpectrumView before;
        before.setReport(r);
        SpectrumView after;
        after.setReport(*back.report);
        QCOMPARE(after.caption(), before.caption());
        QVERIFY(after.caption().contains(QStringLiteral("33 steps")));
        QCOMPARE(keys(after.bottomGraph()), keys(before.bottomGraph()));
        QCOMPARE(errors(after.bottomErrorBars()), errors(before.bottomErrorBars()));
    }

    void workerReportOfTheQuadraticShowsA()
    {
        // L(θ) = ½θᵀAθ computed by the model itself (loss "output", which the CLI offers and the
        // GUI's task-bound loss does not): the worker's report in the view shows A's eigenvalues,
        // diagonalised here from quadratic_A.csv (make_fixtures.py built A with eigenvalues
        // 10, 7, 5, 3, 2, 1.5, 1, 0.8, 0.5, 0.3, 0.2, 0.1).
        const std::vector<double> expected = quadraticEigenvalues();
        QCOMPARE(expected.size(), std::size_t(12));
        QVERIFY(std::abs(expected.back() - 10.0) < 1e-5 && std::abs(expected.front() - 0.1) < 1e-5);
        ProbeRequest request;
        request.modelPath = test::dataDir() + QStringLiteral("/quadratic.pt");
        request.dataPath = test::dataDir() + QStringLiteral("/four_features.csv");
        request.problem.loss = LossKind::ModelOutput;
        request.settings.directionKinds.clear();
        request.settings.power = false;
        request.settings.lanczos = false;
        request.settings.trace = false;
        request.settings.sharpness = false;
        request.settings.spectrum = true;
        request.settings.spectrumOptions.topK = 4;
        request.settings.spectrumOptions.bottomK = 2;
        request.settings.metric = Metric::Loss;
        request.device = DeviceKind::Cpu;
        ProbeRunner runner;
        QSignalSpy finished(&runner, &ProbeRunner::finished);
        QSignalSpy failed(&runner, &ProbeRunner::failed);
        QVERIFY(runner.start(request));
        QVERIFY(finished.wait(120000) || !failed.isEmpty());
        QVERIFY2(failed.isEmpty(),
                 failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        SpectrumView v;
        v.setReport(finished.first().first().value<ProbeReport>());
        QVERIFY(v.hasData());
        const std::vector<double> shown = keys(v.eigenvalueGraph());
        QCOMPARE(shown.size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i)
            QVERIFY2(std::abs(shown[i] - expected[i]) <= 1e-5 * expected.back(),
                     qPrintable(QStringLiteral("eigenvalue %1: shown %2, expected %3")
                                    .arg(i).arg(shown[i], 0, 'g', 9).arg(expected[i], 0, 'g', 9)));
        const std::vector<double> top = keys(v.topGraph());
        QCOMPARE(top.size(), std::size_t(4));
        for (std::size_t i = 0; i < 4; ++i)
            QVERIFY(std::abs(top[i] - expected[8 + i]) <= 1e-5 * expected.back());
        QCOMPARE(v.caption(),
                 QStringLiteral("exact Hessian (12 eigenvalues) · λmax = 10 · λmin = 0.1 · "
                                "negative curvature: none found · |λmin|/λmax = 0.01 · "
                                "tr(H) = 31.4"));
    }

    void probeShowsTheKnownHessianSpectrum()
    {
        // The GUI's loss follows the task (MSE for regression), so the quadratic fixture, whose
        // model computes its own loss, cannot be probed with A as its Hessian there. A linear
        // model under MSE has a Hessian known in closed form from the data alone, whatever its
        // weights: (2/m) Σ x̃ x̃ᵀ, computed here with the test's own eigensolver.
        const std::vector<double> expected = linearModelHessianEigenvalues();
        QCOMPARE(expected.size(), std::size_t(5));
        QVERIFY(expected.front() > 0.0);

        MainWindow w;
        w.setErrorDialogsEnabled(false);
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const int tab = w.viewTabs()->indexOf(w.spectrumView());
        QVERIFY(tab >= 0);
        QCOMPARE(w.viewTabs()->tabText(tab), QStringLiteral("Spectrum"));
        QCOMPARE(w.viewTabs()->tabText(tab - 1), QStringLiteral("Curvature"));

        QVERIFY(w.openModel(test::dataDir() + QStringLiteral("/linear.pt")));
        QVERIFY(w.openData(test::dataDir() + QStringLiteral("/four_features.csv")));
        DatasetOptions d = w.dataPanel()->options();
        d.validationFraction = 0.0; // every row is a probe row
        d.standardizeFeatures = false;
        w.dataPanel()->setOptions(d);
        ProbeSettings s = test::smallProbe();
        s.line = false;
        s.surface = false;
        s.trace = false;
        s.sharpness = false;
        s.spectrum = true;
        s.spectrumOptions.topK = 3;
        s.spectrumOptions.bottomK = 2;
        w.settingsPanel()->setSettings(s);
        w.settingsPanel()->setDevice(DeviceKind::Cpu);
        QVERIFY(w.settingsPanel()->settings().spectrum);

        QSignalSpy finished(&w, &MainWindow::probeFinished);
        QSignalSpy failed(&w, &MainWindow::probeFailed);
        QVERIFY(w.startProbe());
        QVERIFY(finished.wait(180000) || !failed.isEmpty());
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));

        SpectrumView* v = w.spectrumView();
        QVERIFY(v->hasData());
        QCOMPARE(v->spectrum()->method, std::string("exact"));
        const std::vector<double> shown = keys(v->eigenvalueGraph());
        QCOMPARE(shown.size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i)
            QVERIFY2(std::abs(shown[i] - expected[i]) <= 1e-4 * expected.back(),
                     qPrintable(QStringLiteral("eigenvalue %1: shown %2, expected %3")
                                    .arg(i).arg(shown[i], 0, 'g', 9).arg(expected[i], 0, 'g', 9)));
        const std::vector<double> top = keys(v->topGraph());
        QCOMPARE(top.size(), std::size_t(3));
        for (std::size_t i = 0; i < 3; ++i)
            QVERIFY(std::abs(top[i] - expected[2 + i]) <= 1e-4 * expected.back());
        const std::vector<double> bottom = keys(v->bottomGraph());
        QCOMPARE(bottom.size(), std::size_t(2));
        QVERIFY(std::abs(bottom[0] - expected[0]) <= 1e-4 * expected.back());
        QVERIFY(contains(v->plot()->xAxis->range(), 0.0, expected.back()));
        QVERIFY(v->caption().startsWith(QStringLiteral("exact Hessian (5 eigenvalues) · λmax = ")));
        QVERIFY(v->caption().contains(QStringLiteral("negative curvature: none found")));

        // The report carries the figure, the caption and the eigenvalues.
        const QString html = test::outputDir() + QStringLiteral("/spectrum-report.html");
        QVERIFY(w.exportReport(html));
        QFile report(html);
        QVERIFY(report.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(report.readAll());
        QVERIFY(text.contains(QStringLiteral("<h3>Hessian spectrum</h3>")));
        QVERIFY(text.contains(v->caption().toHtmlEscaped()));
        QVERIFY(text.contains(QStringLiteral("<th align=\"left\">Every eigenvalue</th><td>%1</td>")
                                  .arg(eigenvalueListText(v->spectrum()->eigenvalues, {}, true))));
        QVERIFY(text.contains(QStringLiteral("<th align=\"left\">Spectrum</th><td>top 3, bottom 2")));

        // Saved and reopened: the tab shows the same spectrum, the settings come back.
        const QString ws = test::outputDir() + QStringLiteral("/spectrum.borehole");
        QVERIFY(w.saveWorkspace(ws));
        MainWindow other;
        other.setErrorDialogsEnabled(false);
        QVERIFY(other.openWorkspace(ws));
        QVERIFY(other.spectrumView()->hasData());
        QCOMPARE(keys(other.spectrumView()->eigenvalueGraph()), shown);
        QCOMPARE(other.spectrumView()->caption(), v->caption());
        const ProbeSettings back = other.settingsPanel()->settings();
        QVERIFY(back.spectrum);
        QCOMPARE(back.spectrumOptions.topK, 3);
        QCOMPARE(back.spectrumOptions.bottomK, 2);
        QCOMPARE(back.spectrumOptions.densityRuns, s.spectrumOptions.densityRuns);

        // A new model drops the results: the tab is empty again and says so.
        QVERIFY(w.openModel(test::dataDir() + QStringLiteral("/linear.pt")));
        QVERIFY(!v->hasData());
        QCOMPARE(v->eigenvalueGraph()->dataCount(), 0);
        QVERIFY(v->emptyText().startsWith(QStringLiteral("Run a probe with the spectrum")));
    }
};

BOREHOLE_GUI_TEST_MAIN(TestSpectrumView)
#include "test_spectrum_view.moc"
