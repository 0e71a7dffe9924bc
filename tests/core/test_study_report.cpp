// Core's one report builder (borehole/html_report.h) and the study report built on it
// (borehole/study_report.h), which the GUI's "Export report…" and `borehole-cli study export`
// both write: escaping, numbers, placeholders, the ranking rows, the halving lines, the
// translation hook and the CLI's curvature map with one stability edge per momentum.
#include "bh_test.h"

#include <borehole/html_report.h>
#include <borehole/study.h>
#include <borehole/study_report.h>
#include <borehole/trainer.h>

#include <cmath>
#include <string>

using namespace borehole;

namespace {

std::size_t count(const std::string& text, const std::string& what)
{
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

RankedConfiguration row(std::int64_t id, int index, double lr, double momentum, double lambda,
                        double promisingness)
{
    RankedConfiguration r;
    r.record.id = id;
    r.record.index = index;
    r.record.hyper.learningRate = lr;
    r.record.hyper.momentum = momentum;
    r.record.status = RunStatus::Done;
    r.record.features["lambda_max"] = lambda;
    r.record.features["eos_ratio"] = lambda / stabilityBound(lr, momentum);
    r.promisingness = promisingness;
    r.predicted = std::nan("");
    r.predictedStd = std::nan("");
    return r;
}

/// A full run of configuration `configuration` (run id `id`) whose validation metric is
/// `validation[i]` at `steps[i]`; `diverged`: the loss turns NaN after the last point.
FullRunRecord fullRun(std::int64_t id, std::int64_t configuration, std::vector<std::int64_t> steps,
                      std::vector<double> validation, bool diverged = false)
{
    FullRunRecord run;
    run.id = id;
    run.configurationId = configuration;
    run.status = diverged ? RunStatus::Failed : RunStatus::Done;
    run.curve.push_back(TrainPoint{0, 1.0});
    for (std::size_t i = 0; i < steps.size(); ++i) {
        TrainPoint p{steps[i], 1.0};
        p.validationMetric = validation[i];
        run.curve.push_back(p);
    }
    if (diverged) {
        run.curve.push_back(TrainPoint{run.curve.back().step + 10, std::nan("")});
        run.outcome = std::nan("");
    } else {
        run.outcome = validation.back();
        run.steps = steps.back();
    }
    return run;
}

StudySpec halvingSpec()
{
    StudySpec spec = parseStudySpec(
        R"({"name": "a <b> study", "model": "m.pt", "data": {"path": "d.csv", "target": "y"},
            "hyperparameters": {"learning_rate": {"min": 1e-4, "max": 1}}})",
        "spec.json");
    spec.strategy = StudyStrategy::ProbeHalving;
    spec.halving.eta = 3.0;
    return spec;
}

} // namespace

class TestStudyReport : public QObject
{
    Q_OBJECT
    BH_TEST_FRIEND

private slots:
    void textHelpers();
    void blocksAreEscaped();
    void studyReportRowsChoiceAndOverflow();
    void halvingLinesSayWhatTheScoreChanged();
    void translatorIsApplied();
    void curvatureMapDrawsOneEdgePerMomentum();
    void choiceIsMeasuredThenPredictedThenProbed();
    void baselinesReplayedOnRecordedCurves();
};

void TestStudyReport::textHelpers()
{
    // Issue #14, defect 12: stored reasons printed numbers in full.
    BH_COMPARE_TEXT(readableNumbers("diverged: loss grew from 0.693147 to "
                                    "487475196022138785073933058048.000000 over the burst"),
                    "diverged: loss grew from 0.693147 to 4.87475e+29 over the burst");
    BH_COMPARE_TEXT(readableNumbers("lr 0.100000, -2.500000 and 3 steps, v1.2.3"),
                    "lr 0.1, -2.5 and 3 steps, v1.2.3");
    // Six decimals only, whole tokens only: a version or a longer fraction stays as it is.
    BH_COMPARE_TEXT(readableNumbers("1.1234567 and 2.123456.7 and x1.000000"),
                    "1.1234567 and 2.123456.7 and x1");
    BH_COMPARE_TEXT(reportNumber(std::nan("")), "–");
    BH_COMPARE_TEXT(reportNumber(1.0 / 0.0), "–");
    BH_COMPARE_TEXT(reportNumber(4.87475196e29), "4.875e+29");
    BH_COMPARE_TEXT(reportNumber(0.0123456, 3), "0.0123");
    BH_COMPARE_TEXT(fillPlaceholders("%2 before %1, %3 kept, 100%", {"a", "b"}),
                    "b before a, %3 kept, 100%");
    BH_COMPARE_TEXT(escapeHtml("a < b & \"c\" > d's"), "a &lt; b &amp; &quot;c&quot; &gt; d's");
}

void TestStudyReport::blocksAreEscaped()
{
    HtmlReport h("T <1>");
    h.keyValueTable({{"k<", "line 1\nline <2>"}});
    h.table({"h&"}, {{"<td>"}});
    h.image("fig", "data:image/png;base64,AAAA", 5000, "cap \"q\"");
    h.preformatted("{\"a\": 1}");
    const std::string html = h.html();
    QVERIFY(html.find("<title>T &lt;1&gt;</title>") != std::string::npos);
    QVERIFY(html.find("<tr><th align=\"left\">k&lt;</th><td>line 1<br>line &lt;2&gt;</td></tr>")
            != std::string::npos);
    QVERIFY(html.find("<tr><th>h&amp;</th></tr>") != std::string::npos);
    QVERIFY(html.find("<td>&lt;td&gt;</td>") != std::string::npos);
    // Figures are capped at the page width the PDF path lays out.
    QVERIFY(html.find("width=\"640\"") != std::string::npos);
    QVERIFY(html.find("<p><i>cap &quot;q&quot;</i></p>") != std::string::npos);
    QVERIFY(html.find("<pre style=\"white-space: pre-wrap\">{&quot;a&quot;: 1}</pre>")
            != std::string::npos);
}

void TestStudyReport::studyReportRowsChoiceAndOverflow()
{
    StudyReportData d;
    d.database = "s.sqlite";
    d.writtenBy = "borehole-cli 9";
    d.writtenAt = "2026-12-07T02:00:00";
    d.spec = halvingSpec();
    d.spec.strategy = StudyStrategy::Probe;
    d.counts.done = 3;
    d.ranking.rows = {row(11, 4, 0.1, 0.0, 5.0, 2.0), row(12, 7, 0.01, 0.9, 50.0, 1.0),
                      row(13, 2, 1.0, 0.0, 0.5, 0.5)};
    d.ranking.rows[1].record.reason = "loss 487475196022138785073933058048.000000";
    d.ranking.rows[1].outcome = 0.25;
    d.choice = StudyChoice{11, 4, "{\"learning_rate\": 0.1}", "best measured full-run outcome"};
    d.maxRows = 2;
    const std::string html = studyReportHtml(d);
    QVERIFY(html.find("<h1>Borehole study report: a &lt;b&gt; study</h1>") != std::string::npos);
    QVERIFY(html.find("Database s.sqlite, written by borehole-cli 9 on 2026-12-07T02:00:00.")
            != std::string::npos);
    QVERIFY(html.find("<td>3: 3 done, 0 failed, 0 pending, 0 running; 0 full runs</td>")
            != std::string::npos);
    QVERIFY(html.find("Configuration #4, chosen by best measured full-run outcome.")
            != std::string::npos);
    QVERIFY(html.find("{&quot;learning_rate&quot;: 0.1}") != std::string::npos);
    // Rank, #, hyperparameters, status, λmax, lr·λmax / bound, loss after burst, predicted, ±,
    // promisingness, measured.
    const std::string first = "<tr><td>1</td><td>4</td><td>" + escapeHtml(describe(d.ranking.rows[0].record.hyper))
                              + "</td><td>done</td><td>5</td><td>0.25</td><td>–</td><td>–</td>"
                                "<td>–</td><td>2</td><td>–</td></tr>";
    QVERIFY2(html.find(first) != std::string::npos, html.c_str());
    QVERIFY(html.find("<td>done: loss 4.87475e+29</td>") != std::string::npos);
    QVERIFY(html.find("<td>0.25</td></tr>") != std::string::npos); // the measured outcome
    QVERIFY(html.find("<td>3</td><td>2</td>") == std::string::npos); // row 3 left out …
    QVERIFY(html.find("… and 1 more configurations.") != std::string::npos); // … and counted
    QVERIFY(html.find("No meta-model fitted yet.") != std::string::npos);
    QVERIFY(html.find("No target set.") != std::string::npos);
    QVERIFY(html.find("Probe-halving rungs") == std::string::npos);
    QVERIFY(html.find("&quot;model&quot;") != std::string::npos); // the spec, escaped
}

void TestStudyReport::halvingLinesSayWhatTheScoreChanged()
{
    const StudySpec spec = halvingSpec();
    StudyRanking ranking;
    ranking.rows = {row(11, 4, 0.1, 0.0, 5.0, 2.0), row(12, 7, 0.01, 0.0, 50.0, 1.0),
                    row(13, 2, 1.0, 0.0, 0.5, 0.5)};
    auto lines = probeHalvingLines(spec, ranking, {}, {});
    QCOMPARE(lines.size(), std::size_t(1));
    BH_COMPARE_TEXT(lines[0], "Probe-halving (η = 3): no rung opened yet; rung 1 opens when every "
                              "configuration is probed.");
    RungRecord rung;
    rung.rung = 1;
    rung.configurationId = 12;
    RungComparison same{0, 3, {11}, {11}};
    RungComparison differ{1, 2, {12, 13}, {13, 11}};
    lines = probeHalvingLines(spec, ranking, {rung, rung}, {same, differ});
    QCOMPARE(lines.size(), std::size_t(3));
    BH_COMPARE_TEXT(lines[0], "Probe-halving (η = 3): 2 rung runs up to rung 1.");
    BH_COMPARE_TEXT(lines[1], "Rung 0 → 1 (3 entrants): the score promoted #4, as the validation "
                              "alone would have.");
    BH_COMPARE_TEXT(lines[2], "Rung 1 → 2 (2 entrants): the score promoted #7, #2; the validation "
                              "alone (plain successive halving) would have promoted #2, #4.");
    StudySpec plain = spec;
    plain.strategy = StudyStrategy::Probe;
    QVERIFY(probeHalvingLines(plain, ranking, {rung}, {differ}).empty());

    StudyReportData d;
    d.spec = spec;
    d.ranking = ranking;
    d.rungs = {rung};
    d.rungComparisons = {differ};
    const std::string html = studyReportHtml(d);
    QVERIFY(html.find("<h2>Probe-halving rungs</h2>") != std::string::npos);
    QVERIFY(html.find(escapeHtml(lines[2])) != std::string::npos);
    QVERIFY(html.find("<tr><td>1</td><td>7</td><td>0</td><td>pending</td>") != std::string::npos);
}

void TestStudyReport::translatorIsApplied()
{
    StudyReportData d;
    d.spec = halvingSpec();
    int calls = 0;
    const std::string html = studyReportHtml(d, [&](const char* source) {
        ++calls;
        const std::string s(source);
        if (s == "Study")
            return std::string("Studie");
        if (s == "Database %1, written by %2 on %3.")
            return std::string("Datenbank %1, von %2 am %3 geschrieben.");
        return s;
    });
    QVERIFY(calls > 20);
    QVERIFY(html.find("<h2>Studie</h2>") != std::string::npos);
    QVERIFY(html.find("<h2>Study</h2>") == std::string::npos);
    QVERIFY(html.find("Datenbank") != std::string::npos);
}

void TestStudyReport::curvatureMapDrawsOneEdgePerMomentum()
{
    StudyRanking ranking;
    ranking.rows = {row(1, 0, 1e-3, 0.0, 5.0, 1.0)};
    QVERIFY(curvatureMapSvg(ranking).empty()); // one dot is no map
    ranking.rows.push_back(row(2, 1, 1e-1, 0.9, 50.0, 0.0));
    ranking.rows.push_back(row(3, 2, 1e-2, 0.0, std::nan(""), 0.5)); // not drawn
    const std::string svg = curvatureMapSvg(ranking);
    QCOMPARE(count(svg, "<circle"), std::size_t(2));
    // λmax = 2/lr and λmax = 3.8/lr.
    QCOMPARE(count(svg, "<polyline"), std::size_t(2));
    QVERIFY(svg.find("(2+2β)/lr") != std::string::npos);
}

void TestStudyReport::choiceIsMeasuredThenPredictedThenProbed()
{
    StudySpec spec = halvingSpec(); // metric: mse (lower is better)
    StudyRanking r;
    r.rows = {row(11, 4, 0.1, 0.0, 5.0, 2.0), row(12, 7, 0.01, 0.9, 50.0, 1.0),
              row(13, 2, 1.0, 0.0, 0.5, 0.5)};
    // Probe promisingness only: the top row.
    auto c = chooseConfiguration(r, spec);
    QVERIFY(c.has_value());
    QCOMPARE(c->index, 4);
    BH_COMPARE_TEXT(c->basis, "highest probe promisingness (no full runs yet)");
    QVERIFY(c->hyperparameters.find("\"learning_rate\": 0.1") != std::string::npos);
    // Measured outcomes beat everything: the lowest MSE, wherever it ranks.
    r.rows[1].outcome = 0.5;
    r.rows[2].outcome = 0.25;
    c = chooseConfiguration(r, spec);
    QCOMPARE(c->index, 2);
    QCOMPARE(c->id, std::int64_t(13));
    BH_COMPARE_TEXT(c->basis, "best measured full-run outcome");
    spec.metric = Metric::Accuracy; // higher is better
    QCOMPARE(chooseConfiguration(r, spec)->index, 7);
    // Nothing probed successfully: no choice.
    StudyRanking failed;
    failed.rows = {row(1, 0, 0.1, 0.0, 5.0, std::nan(""))};
    QVERIFY(!chooseConfiguration(failed, spec).has_value());
    QVERIFY(!chooseConfiguration(StudyRanking{}, spec).has_value());
}

void TestStudyReport::baselinesReplayedOnRecordedCurves()
{
    // Issue 13 item 5. Four configurations trained 90 steps, validated at 10, 30 and 90: #1 is
    // best at 30 but not at 90, #2 is best at 90, #4 diverges at step 20. The study trained #3
    // first (lowest run id).
    StudySpec spec = halvingSpec();
    spec.strategy = StudyStrategy::Probe; // halving's η defaults to 3
    std::vector<FullRunRecord> runs{
        fullRun(7, 1, {10, 30, 90}, {0.9, 0.5, 0.40}), fullRun(8, 2, {10, 30, 90}, {0.9, 0.8, 0.20}),
        fullRun(5, 3, {10, 30, 90}, {0.9, 0.9, 0.30}), fullRun(6, 4, {10}, {2.0}, true)};
    BaselineReplay r = replayBaselines(spec, runs);
    QVERIFY(r.status == BaselineReplay::Status::Compared);
    QCOMPARE(r.trained, 4);
    QCOMPARE(r.bestId, std::int64_t(2));
    QCOMPARE(r.best, 0.20);
    QVERIFY(r.relative);
    QCOMPARE(r.firstId, std::int64_t(3));
    QVERIFY(std::abs(r.firstRegret - 0.5) < 1e-12);
    // K = 1 (4 configurations, η = 3): a rung at 30 steps keeps ⌊4/3⌋ = 1, the one best at 30:
    // #1, 100 % off, for (4·30 + 1·60) / (4·90) = half the compute.
    QCOMPARE(r.halvingRungs, 1);
    QCOMPARE(r.halvingId, std::int64_t(1));
    QVERIFY(std::abs(r.halvingRegret - 1.0) < 1e-12);
    QVERIFY(std::abs(r.halvingCompute - 0.5) < 1e-12);
    // Random search with that compute: the best of 2 of the 4 runs; regrets 0, 0.5, 1, ∞ are
    // the best with probability 3/6, 2/6, 1/6, 0.
    QCOMPARE(r.randomRuns, 2);
    QVERIFY(std::abs(r.randomRegret - (0.5 / 3.0 + 1.0 / 6.0)) < 1e-12);
    QVERIFY(std::abs(r.randomAtLeastFirst - 5.0 / 6.0) < 1e-12);
    const std::map<std::int64_t, int> index{{1, 10}, {2, 20}, {3, 30}, {4, 40}};
    const auto lines = baselineReplayLines(r, index);
    QCOMPARE(lines.size(), std::size_t(5));
    BH_COMPARE_TEXT(lines[0], "4 configurations were trained fully; the best, #20, reached 0.2.");
    BH_COMPARE_TEXT(lines[1], "The first one trained (the probe ranking's pick when the active "
                              "loop chose it), #30, is 50 % off the best.");
    BH_COMPARE_TEXT(lines[2], "Successive halving (η = 3, rungs: 1) replayed on the recorded "
                              "curves would have picked #10, 100 % off the best, with 50 % of the "
                              "compute of training every configuration fully.");
    BH_COMPARE_TEXT(lines[3], "Random search with that compute (the best of 2 random full runs) "
                              "is on average 33.3 % off the best; it does at least as well as the "
                              "first pick with probability 0.833.");

    // Accuracy: higher is better, the same replay mirrored.
    StudySpec accuracy = spec;
    accuracy.metric = Metric::Accuracy;
    std::vector<FullRunRecord> acc{fullRun(1, 1, {10, 30, 90}, {0.5, 0.9, 0.6}),
                                   fullRun(2, 2, {10, 30, 90}, {0.5, 0.6, 0.8})};
    r = replayBaselines(accuracy, acc);
    QCOMPARE(r.bestId, std::int64_t(2));
    QCOMPARE(r.best, 0.8);
    QCOMPARE(r.halvingRungs, 0); // 2 configurations: no rung with η = 3
    QCOMPARE(r.halvingId, std::int64_t(2));
    QCOMPARE(r.halvingCompute, 1.0);
    QVERIFY(std::abs(r.firstRegret - 0.25) < 1e-12); // (0.8 − 0.6) / 0.8
    // Curves measured only at the end leave no earlier rung.
    std::vector<FullRunRecord> coarse;
    for (int c = 1; c <= 9; ++c)
        coarse.push_back(fullRun(c, c, {90}, {0.1 * c}));
    r = replayBaselines(spec, coarse);
    QCOMPARE(r.halvingRungs, 0);
    QCOMPARE(r.halvingId, std::int64_t(1));
    // Runs without a recorded curve (older stores): the outcomes still compare, no rung.
    FullRunRecord bare1, bare2;
    bare1.id = 1, bare1.configurationId = 1, bare1.status = RunStatus::Done, bare1.outcome = 0.5;
    bare2.id = 2, bare2.configurationId = 2, bare2.status = RunStatus::Done, bare2.outcome = 0.25;
    r = replayBaselines(spec, {bare1, bare2});
    QVERIFY(r.status == BaselineReplay::Status::Compared);
    QCOMPARE(r.halvingRungs, 0);
    QCOMPARE(r.halvingId, std::int64_t(2));
    QVERIFY(std::abs(r.firstRegret - 1.0) < 1e-12);
    // Nothing to compare: one run, or only diverged ones.
    QVERIFY(replayBaselines(spec, {runs[0]}).status == BaselineReplay::Status::TooFew);
    QVERIFY(replayBaselines(spec, {fullRun(1, 1, {10}, {1.0}, true),
                                   fullRun(2, 2, {10}, {1.0}, true)})
                .status
            == BaselineReplay::Status::AllDiverged);
    BH_COMPARE_TEXT(baselineReplayLines(replayBaselines(spec, {}), index).front(),
                    "Fewer than two configurations were trained fully: nothing to replay the "
                    "baselines on yet.");
    // The report has the section whenever the study has full runs.
    StudyReportData d;
    d.spec = spec;
    d.fullRuns = runs;
    const std::string html = studyReportHtml(d);
    QVERIFY(html.find("<h2>The pick against the baselines</h2>") != std::string::npos);
    QVERIFY(html.find("The LR range test needs runs of its own") != std::string::npos);
    d.fullRuns.clear();
    QVERIFY(studyReportHtml(d).find("against the baselines") == std::string::npos);
}

BH_TEST_MAIN(TestStudyReport, &TestStudyReport::textHelpers, &TestStudyReport::blocksAreEscaped,
             &TestStudyReport::studyReportRowsChoiceAndOverflow,
             &TestStudyReport::halvingLinesSayWhatTheScoreChanged,
             &TestStudyReport::translatorIsApplied,
             &TestStudyReport::curvatureMapDrawsOneEdgePerMomentum,
             &TestStudyReport::choiceIsMeasuredThenPredictedThenProbed,
             &TestStudyReport::baselinesReplayedOnRecordedCurves)

#ifdef BOREHOLE_TEST_WITH_QT
#include "test_study_report.moc"
#endif
