// StudyPanel and StudyRunner: a spec copied with absolute paths probes 3 configurations to
// finished() with live arrivals, a 3-row ranking, 3 points on the map (with the 2/lr bound) and
// the PCA plot; a bad spec shows parseStudySpec's exact message; target mode reports core's
// error before full runs exist; "Train selected" stores a measured outcome; a reopened database
// shows the same study; cancel yields cancelled(). The 3D map gets the study's grid (log10 rate
// axis, the bound on the floor); the study report is written as HTML with the top-ranked
// configuration and as a PDF (studyMapGrid and the bound curves: core.test_geometry). An open study
// is watched live: configurations another worker claims and finishes (SQLite, and PostgreSQL
// under tests/support/with_postgres.sh) appear without any action, the selection kept; opening
// a missing database names it and creates nothing.
#include "gui_test_support.h"
#include "plotstyle.h"
#include "studydashboard.h"
#include "studypanel.h"
#include "surfaceview.h"

#include <borehole/error.h>
#include <borehole/study.h>
#include <borehole/study_runner.h>
#include <borehole/study_store.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>

#include <qcustomplot.h>

#include <algorithm>
#include <map>
#include <set>
#include <cmath>

using namespace borehole;

class TestStudyPanel : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_spec;

    // quick_grid.json with absolute model and data paths, in a folder of its own.
    QString writeSpec(const QString& name, const std::function<void(QJsonObject&)>& edit = {})
    {
        QFile in(QStringLiteral(BOREHOLE_SOURCE_DIR) + "/resources/studies/quick_grid.json");
        if (!in.open(QIODevice::ReadOnly))
            return {};
        QJsonObject doc = QJsonDocument::fromJson(in.readAll()).object();
        doc.insert(QStringLiteral("model"), test::diabetesModel());
        QJsonObject data = doc.value(QStringLiteral("data")).toObject();
        data.insert(QStringLiteral("path"), test::diabetesData());
        doc.insert(QStringLiteral("data"), data);
        if (edit)
            edit(doc);
        const QString path = m_dir.filePath(name);
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly))
            return {};
        out.write(QJsonDocument(doc).toJson());
        return path;
    }

    // Another worker (its own StudyStore, so its own worker id) claims and finishes
    // configurations of `db` while a panel that opened it watches; nothing is clicked.
    void watchStudy(const QString& db)
    {
        const StudySpec spec = loadStudySpec(m_spec.toStdString());
        auto other = StudyStore::open(db.toStdString());
        prepareStudy(other, spec);
        StudyPanel panel;
        panel.resize(1400, 850);
        panel.show();
        panel.setWatchInterval(100);
        QSignalSpy finished(panel.runner(), &StudyRunner::finished);
        QSignalSpy changed(&panel, &StudyPanel::studyChanged);
        QSignalSpy errors(&panel, &StudyPanel::errorReported);
        QVERIFY(panel.watching()); // on by default
        QVERIFY(panel.openDatabase(db));
        QVERIFY(finished.wait(60000));
        QCOMPARE(panel.snapshot()->counts.pending, 8);
        QCOMPARE(panel.rankingTable()->rowCount(), 0);

        // Reads of an unchanged study redraw nothing; the status says when it was last read.
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() >= 4, 10000);
        QCOMPARE(changed.count(), 0);
        QVERIFY(panel.statusText().contains(QStringLiteral("Watching live: read at ")));
        QVERIFY(panel.statusText().contains(QStringLiteral(", every 0.1 s.")));

        // A claim shows as running, naming the worker (host:pid, without the random part).
        const auto first = other.claimNext();
        QVERIFY(first);
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, 10000);
        QCOMPARE(panel.snapshot()->counts.running, 1);
        QString owner = QString::fromStdString(other.workerId());
        owner.truncate(owner.lastIndexOf(QLatin1Char(':')));
        QVERIFY2(panel.statusText().contains(
                     QStringLiteral("1 configuration being probed now by %1.").arg(owner)),
                 qPrintable(panel.statusText()));

        // Its result appears in the ranking and on the map.
        ConfigurationFeatures features;
        features.values = {{"lambda_max", 3.5}, {"burst_final_loss", 0.42}};
        QVERIFY(other.finish(first->id, features));
        QTRY_COMPARE_WITH_TIMEOUT(panel.rankingTable()->rowCount(), 1, 10000);
        QCOMPARE(panel.snapshot()->counts.done, 1);
        QCOMPARE(panel.snapshot()->counts.running, 0);
        QCOMPARE(panel.watchUpdates(), changed.count());

        // The selection survives the next update.
        panel.selectConfigurations({first->id});
        const auto second = other.claimNext();
        QVERIFY(second && second->id != first->id);
        QVERIFY(other.finish(second->id, features));
        QTRY_COMPARE_WITH_TIMEOUT(panel.rankingTable()->rowCount(), 2, 10000);
        QCOMPARE(panel.selectedConfigurations(), std::vector<std::int64_t>{first->id});

        // Watching off: nothing changes on screen; on again: it catches up.
        panel.setWatching(false);
        QTest::qWait(300); // a read in flight lands
        const int updates = changed.count();
        const auto third = other.claimNext();
        QVERIFY(third);
        QVERIFY(other.finish(third->id, features));
        QTest::qWait(800);
        QCOMPARE(changed.count(), updates);
        QCOMPARE(panel.rankingTable()->rowCount(), 2);
        panel.setWatching(true);
        QTRY_COMPARE_WITH_TIMEOUT(panel.rankingTable()->rowCount(), 3, 10000);
        QCOMPARE(panel.snapshot()->counts.done, 3);
        QCOMPARE(errors.count(), 0);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_spec = writeSpec(QStringLiteral("quick.json"));
        QVERIFY(!m_spec.isEmpty());
    }

    void runsThreeConfigurationsLive()
    {
        StudyPanel panel;
        panel.resize(1400, 850);
        panel.show();
        QVERIFY(panel.openSpec(m_spec));
        QCOMPARE(panel.databasePath(), m_dir.filePath(QStringLiteral("quick.sqlite")));
        QVERIFY(panel.validateSpec());
        QVERIFY(panel.specError().isEmpty());
        QSignalSpy finished(panel.runner(), &StudyRunner::finished);
        QSignalSpy failed(panel.runner(), &StudyRunner::failed);
        QSignalSpy cancelled(panel.runner(), &StudyRunner::cancelled);
        QSignalSpy live(panel.runner(), &StudyRunner::configurationFinished);
        QVERIFY(panel.run(3));
        QVERIFY(finished.wait(300000));
        QTest::qWait(100);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(cancelled.count(), 0);
        QCOMPARE(live.count(), 3);

        const auto snapshot = finished.at(0).at(0).value<StudySnapshot>();
        QCOMPARE(snapshot.counts.total(), 8); // 4 rates × 2 momenta
        QCOMPARE(snapshot.counts.done + snapshot.counts.failed, 3);
        QCOMPARE(snapshot.counts.pending, 5);
        QCOMPARE(panel.rankingTable()->rowCount(), 3);
        QCOMPARE(panel.mapPointCount(), 3);
        QCOMPARE(panel.pcaPointCount(), snapshot.counts.done);
        // Ranking cells come from the snapshot: learning rates of the grid's first three.
        QSet<QString> rates;
        for (int r = 0; r < 3; ++r)
            rates.insert(panel.rankingTable()->item(r, 2)->text());
        QVERIFY(rates.contains(QStringLiteral("0.001")));

        // lr against λmax: the 2/lr curve (and (2+2β)/lr for β = 0.9 when probed) is drawn.
        panel.setMapAxes(QStringLiteral("learning_rate"), QStringLiteral("lambda_max"),
                         QStringLiteral("burst_final_loss"));
        QCOMPARE(panel.mapPointCount(), 3);
        QVERIFY(panel.boundaryShown());
        // Axes read as words with units, not as database keys.
        QCOMPARE(panel.mapPlot()->xAxis->label(), QStringLiteral("Learning rate [log scale]"));
        QCOMPARE(panel.mapPlot()->yAxis->label(), QStringLiteral("λmax [loss / parameter-unit²]"));
        QCOMPARE(panel.mapPlot()->xAxis->scaleType(), QCPAxis::stLogarithmic);
        // The λ axis is widened to show the bound: 2/lr at the largest rate probed is in view.
        QCOMPARE(panel.mapPlot()->yAxis->scaleType(), QCPAxis::stLogarithmic);
        double maxRate = 0.0;
        for (int r = 0; r < 3; ++r)
            maxRate = std::max(maxRate, panel.rankingTable()->item(r, 2)->text().toDouble());
        QVERIFY(panel.mapPlot()->yAxis->range().contains(2.0 / maxRate));
        panel.tabs()->setCurrentIndex(StudyPanel::MapTab);

        // Region selection on the map selects the configurations drawn inside, in the ranking.
        using Plot = StudyPanel::Plot;
        QCOMPARE(panel.selectInPlot(Plot::Map, 1e-9, 1e9, 1e-9, 1e9), 3);
        QCOMPARE(panel.selectedConfigurations().size(), std::size_t(3));
        QCOMPARE(panel.selectInPlot(Plot::Map, 5.0, 6.0, 1e-9, 1e9), 0); // no rate up there
        QVERIFY(panel.selectedConfigurations().empty());
        int atSmallest = 0;
        std::int64_t smallestId = -1;
        std::set<std::int64_t> smallestIds; // their dots may overlap (momentum 0 and 0.9)
        for (const auto& row : snapshot.ranking.rows)
            if (row.record.status == RunStatus::Done && row.record.hyper.learningRate < 1.5e-3) {
                ++atSmallest;
                smallestId = row.record.id;
                smallestIds.insert(row.record.id);
            }
        QVERIFY(atSmallest >= 1);
        QCOMPARE(panel.selectInPlot(Plot::Map, 0.9e-3, 1.1e-3, 1e-9, 1e9), atSmallest);
        QCOMPARE(static_cast<int>(panel.selectedConfigurations().size()), atSmallest);
        // A click within a few pixels of a dot selects that one configuration; Shift adds.
        panel.mapPlot()->replot();
        const auto* chosen = [&]() -> const RankedConfiguration* {
            for (const auto& row : snapshot.ranking.rows)
                if (row.record.id == smallestId)
                    return &row;
            return nullptr;
        }();
        QVERIFY(chosen);
        const QPointF dot(panel.mapPlot()->xAxis->coordToPixel(chosen->record.hyper.learningRate),
                          panel.mapPlot()->yAxis->coordToPixel(
                              chosen->record.features.at("lambda_max")));
        QVERIFY(panel.selectNearestInPlot(Plot::Map, dot + QPointF(3, -2)));
        QCOMPARE(panel.selectedConfigurations().size(), std::size_t(1));
        QVERIFY(smallestIds.count(panel.selectedConfigurations().front()));
        QVERIFY(!panel.selectNearestInPlot(Plot::Map, dot + QPointF(200, 200)));
        QCOMPARE(panel.selectedConfigurations().size(), std::size_t(1)); // unchanged
        // The same with the mouse: a real drag around the plot, then a real click on the dot.
        QCustomPlot* map = panel.mapPlot();
        const QRect area = map->axisRect()->rect();
        const QPoint from = area.topLeft() + QPoint(2, 2);
        const QPoint to = area.bottomRight() - QPoint(2, 2);
        QTest::mousePress(map, Qt::LeftButton, Qt::NoModifier, from);
        QTest::mouseMove(map, (from + to) / 2);
        QTest::mouseMove(map, to);
        QTest::mouseRelease(map, Qt::LeftButton, Qt::NoModifier, to);
        QCOMPARE(panel.selectedConfigurations().size(), std::size_t(3));
        QTest::mouseClick(map, Qt::LeftButton, Qt::NoModifier, dot.toPoint());
        QCOMPARE(panel.selectedConfigurations().size(), std::size_t(1));
        QVERIFY(smallestIds.count(panel.selectedConfigurations().front()));
        QCOMPARE(panel.selectInPlot(Plot::Pca, -1e9, 1e9, -1e9, 1e9, /*add=*/true),
                 panel.pcaPointCount());
        QCOMPARE(static_cast<int>(panel.selectedConfigurations().size()),
                 panel.pcaPointCount());
        QDir().mkpath(QStringLiteral(BOREHOLE_SCREENSHOT_DIR));
        panel.grab().save(QStringLiteral(BOREHOLE_SCREENSHOT_DIR) + "/study_panel_map.png");

        // The 3D view over learning rate × momentum: the grid's rate axis is log10 of the
        // probed rates, and with λmax as height the bound lr = (2+2β)/λmax is on the floor
        // when it falls inside the probed rates.
        panel.setMapAxes(QStringLiteral("learning_rate"), QStringLiteral("momentum"),
                         QStringLiteral("lambda_max"));
        QVERIFY(panel.mapSurface()->hasData());
        QSet<double> probedRates, probedMomenta;
        for (const auto& row : snapshot.ranking.rows)
            if (row.record.status == RunStatus::Done) {
                probedRates.insert(row.record.hyper.learningRate);
                probedMomenta.insert(row.record.hyper.momentum);
            }
        // The grid sampler's first three configurations cover two rates and both momenta.
        QVERIFY(probedRates.size() >= 2 && probedMomenta.size() == 2);
        QCOMPARE(panel.mapSurface()->pointCount(),
                 static_cast<std::size_t>(probedRates.size() * probedMomenta.size()));
        std::vector<double> lambdas;
        for (const auto& row : snapshot.ranking.rows) {
            const auto it = row.record.features.find("lambda_max");
            if (row.record.status == RunStatus::Done && it != row.record.features.end())
                lambdas.push_back(it->second);
        }
        QVERIFY(!lambdas.empty());
        std::sort(lambdas.begin(), lambdas.end());
        const double median = lambdas[lambdas.size() / 2];
        const auto [lowRate, highRate] =
            std::minmax_element(probedRates.begin(), probedRates.end());
        const double maxMomentum = *std::max_element(probedMomenta.begin(), probedMomenta.end());
        const bool boundInside = (2.0 + 2.0 * maxMomentum) / median >= *lowRate
                                 && 2.0 / median <= *highRate;
        QCOMPARE(panel.mapSurface()->floorLineCount(), std::size_t(boundInside ? 1 : 0));
        QVERIFY(panel.surfaceNote().contains(boundInside ? QStringLiteral("Red on the floor")
                                                         : QStringLiteral("outside")));
        // Axes without a bound: no floor line, and the note says where the bound is drawn.
        panel.setMapAxes(QStringLiteral("momentum"), QStringLiteral("burst_final_loss"),
                         QStringLiteral("lambda_max"));
        QCOMPARE(panel.mapSurface()->floorLineCount(), std::size_t(0));
        QVERIFY(panel.surfaceNote().contains(QStringLiteral("drawn for learning rate")));
        panel.setMapAxes(QStringLiteral("learning_rate"), QStringLiteral("momentum"),
                         QStringLiteral("lambda_max"));
        panel.setMapView3D(true);
        QVERIFY(panel.mapView3D());
        QTest::qWait(200);
        panel.grab().save(QStringLiteral(BOREHOLE_SCREENSHOT_DIR) + "/study_panel_map3d.png");
        panel.setMapView3D(false);
        panel.tabs()->setCurrentIndex(StudyPanel::RankingTab);
        panel.grab().save(QStringLiteral(BOREHOLE_SCREENSHOT_DIR) + "/study_panel_ranking.png");

        // Target mode before any full run: core's own message.
        QString expected;
        try {
            targetCandidates(snapshot.ranking, parseOutcomeTarget("mse <= 0.5", "target"));
        } catch (const std::exception& e) {
            expected = QString::fromStdString(e.what());
        }
        QVERIFY(!expected.isEmpty());
        QVERIFY(!panel.listTargetCandidates(QStringLiteral("mse <= 0.5")));
        QCOMPARE(panel.targetMessage(), expected);

        // Issue 14, defect 13: colouring by the predicted outcome before any full run is all
        // grey; the map says why.
        panel.setMapAxes(QStringLiteral("learning_rate"), QStringLiteral("lambda_max"),
                         QStringLiteral("predicted"));
        QCOMPARE(panel.mapColourNote(),
                 QStringLiteral("Grey: no predicted outcomes yet. The meta-model predicts outcomes "
                                "once configurations have full runs (Train selected / Train next "
                                "N)."));
        panel.setMapAxes(QStringLiteral("learning_rate"), QStringLiteral("lambda_max"),
                         QStringLiteral("burst_final_loss"));
        QVERIFY(panel.mapColourNote().isEmpty());
        // Dashboard before any full run: no history, one line per probed configuration across
        // the varying hyperparameters and the probe columns, importance of lr and momentum.
        StudyDashboard* dash = panel.dashboard();
        QCOMPARE(dash->historyPointCount(), 0);
        QVERIFY(dash->note().contains(
            QStringLiteral("History: no full run has finished yet (Train selected / Train next N).")));
        QCOMPARE(dash->parallelLineCount(), snapshot.counts.done);
        QCOMPARE(dash->parallelAxes(),
                 (QStringList{QStringLiteral("learning_rate"), QStringLiteral("momentum"),
                              QStringLiteral("lambda_max"), QStringLiteral("promisingness"),
                              QStringLiteral("measured")}));
        for (const auto& [key, rho] : dash->importance()) {
            QVERIFY(key == QLatin1String("learning_rate") || key == QLatin1String("momentum"));
            QVERIFY(rho >= 0.0 && rho <= 1.0);
        }

        // Train one selected configuration fully: its measured outcome appears.
        const auto id = panel.rankingTable()->item(0, 0)->data(Qt::UserRole).toLongLong();
        panel.selectConfigurations({id});
        // Issue #14, defect 3: "Export chosen…" wrote JSON into a .csv, and the JSON had
        // "predicted": null beside a predicted_std. Before any full run there is no outcome
        // model: both are empty.
        {
            QString error;
            const QString json = m_dir.filePath(QStringLiteral("chosen-early.json"));
            QVERIFY2(panel.exportSelection(json, &error), qPrintable(error));
            QFile jf(json);
            QVERIFY(jf.open(QIODevice::ReadOnly));
            const auto c = QJsonDocument::fromJson(jf.readAll())
                               .object()
                               .value(QStringLiteral("configurations"))
                               .toArray()
                               .at(0)
                               .toObject();
            QVERIFY(c.value(QStringLiteral("predicted")).isNull());
            QVERIFY(c.value(QStringLiteral("predicted_std")).isNull());
            const QString csv = m_dir.filePath(QStringLiteral("chosen-early.csv"));
            QVERIFY2(panel.exportSelection(csv, &error), qPrintable(error));
            QFile cf(csv);
            QVERIFY(cf.open(QIODevice::ReadOnly | QIODevice::Text));
            const QStringList lines = QString::fromUtf8(cf.readAll()).split(QLatin1Char('\n'),
                                                                            Qt::SkipEmptyParts);
            QCOMPARE(lines.size(), 2);
            QCOMPARE(lines.at(0), QStringLiteral("configuration,optimizer,learning_rate,"
                                                 "weight_decay,momentum,batch_size,sam_rho,"
                                                 "init_scale,predicted,predicted_std,"
                                                 "promisingness,measured"));
            const QStringList cells = lines.at(1).split(QLatin1Char(','));
            QCOMPARE(cells.size(), 12);
            const auto row = std::find_if(snapshot.ranking.rows.begin(),
                                          snapshot.ranking.rows.end(),
                                          [&](const auto& r) { return r.record.id == id; });
            QVERIFY(row != snapshot.ranking.rows.end());
            QCOMPARE(cells.at(0).toInt(), row->record.index);
            QCOMPARE(cells.at(1), QString::fromStdString(toString(row->record.hyper.optimizer)));
            QCOMPARE(cells.at(2).toDouble(), row->record.hyper.learningRate); // round trip
            QCOMPARE(cells.at(5).toLongLong(), row->record.hyper.batchSize);
            QVERIFY(cells.at(8).isEmpty() && cells.at(9).isEmpty()); // no outcome model yet
            QCOMPARE(cells.at(10).toDouble(), row->promisingness);
            QVERIFY(cells.at(11).isEmpty()); // no full run yet
        }
        QCOMPARE(panel.selectedConfigurations(), std::vector<std::int64_t>{id});
        QVERIFY(panel.trainSelected());
        QVERIFY(finished.wait(300000));
        QCOMPARE(failed.count(), 0);
        const auto trained = finished.at(1).at(0).value<StudySnapshot>();
        QCOMPARE(trained.counts.fullRuns, 1);
        // Core's count of failed runs is part of the summary (it was dropped).
        QVERIFY2(trained.summary.startsWith(
                     QStringLiteral("Trained 1 selected configurations fully (0 failed) in ")),
                 qPrintable(trained.summary));
        int measured = 0;
        for (int r = 0; r < panel.rankingTable()->rowCount(); ++r)
            if (panel.rankingTable()->item(r, 13)->text() != QStringLiteral("–")) {
                ++measured;
                QCOMPARE(panel.rankingTable()->item(r, 0)->data(Qt::UserRole).toLongLong(), id);
            }
        QCOMPARE(measured, 1);
        // The history has the run and the best so far; the trials CSV has every configuration.
        QCOMPARE(panel.dashboard()->historyPointCount(), 1);
        QCOMPARE(panel.dashboard()->bestSoFar().size(), std::size_t(1));
        QCOMPARE(panel.dashboard()->bestSoFar().front(), trained.fullRuns.front().outcome);
        // Issue 13 item 5: below the plots, the pick against the baselines on the recorded
        // curves — with one full run, why there is nothing to compare yet (core's replay, whose
        // numbers core.test_study_report checks on known curves).
        QCOMPARE(panel.dashboard()->baselineLines(),
                 QStringList{QStringLiteral("Fewer than two configurations were trained fully: "
                                            "nothing to replay the baselines on yet.")});
        const QString trials = m_dir.filePath(QStringLiteral("trials.csv"));
        QString trialsError;
        QVERIFY2(panel.exportTrials(trials, &trialsError), qPrintable(trialsError));
        QFile tf(trials);
        QVERIFY(tf.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(tf.readAll()).split(QLatin1Char('\n'),
                                                                       Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1 + trained.counts.total()); // header + every configuration
        QVERIFY(lines.front().startsWith(QStringLiteral(
            "configuration,optimizer,learning_rate,weight_decay,momentum,batch_size,sam_rho,"
            "init_scale,predicted,predicted_std,promisingness,measured,status,reason,attempts,"
            "failures,probe_seconds,full_run_failed,")));

        // Export the selection.
        panel.selectConfigurations({id});
        QString error;
        const QString out = m_dir.filePath(QStringLiteral("chosen.json"));
        QVERIFY2(panel.exportSelection(out, &error), qPrintable(error));
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto json = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(json.value(QStringLiteral("schema")).toString(),
                 QStringLiteral("borehole.study-selection/1"));
        const auto configs = json.value(QStringLiteral("configurations")).toArray();
        QCOMPARE(configs.size(), 1);
        QVERIFY(configs.at(0).toObject().value(QStringLiteral("measured")).isDouble());
        const QString chosenCsv = m_dir.filePath(QStringLiteral("chosen.csv"));
        QVERIFY2(panel.exportSelection(chosenCsv, &error), qPrintable(error));
        QFile csvFile(chosenCsv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly | QIODevice::Text));
        const QString csvLine = QString::fromUtf8(csvFile.readAll()).split(QLatin1Char('\n')).at(1);
        QCOMPARE(csvLine.split(QLatin1Char(',')).at(11).toDouble(),
                 configs.at(0).toObject().value(QStringLiteral("measured")).toDouble());

        // The study report: HTML with the top-ranked configuration and the meta-model, a PDF.
        const auto& top = trained.ranking.rows.front();
        const QString topText = QString::fromStdString(describe(top.record.hyper)).toHtmlEscaped();
        const QString html = m_dir.filePath(QStringLiteral("report.html"));
        QVERIFY2(panel.exportReport(html, &error), qPrintable(error));
        QFile htmlFile(html);
        QVERIFY(htmlFile.open(QIODevice::ReadOnly));
        const QString page = QString::fromUtf8(htmlFile.readAll());
        QVERIFY(page.contains(topText));
        // The first ranking row of the report is the top configuration.
        QVERIFY(page.contains(QStringLiteral("<tr><td>1</td><td>%1</td><td>%2</td>")
                                  .arg(top.record.index)
                                  .arg(topText)));
        QVERIFY(page.contains(QStringLiteral("data:image/png;base64,")));
        QVERIFY(page.contains(QString::fromStdString(trained.spec.name).toHtmlEscaped()));
        QVERIFY(page.contains(QStringLiteral("<h2>The pick against the baselines</h2>")));
        QVERIFY(trained.ranking.model.has_value());
        // The meta-model's validation error, or why there is none.
        QVERIFY(page.contains(std::isfinite(trained.ranking.model->validationRmse)
                                  ? QStringLiteral("Spearman")
                                  : QStringLiteral("too few rows to hold any out")));
        const QString pdf = m_dir.filePath(QStringLiteral("report.pdf"));
        QVERIFY2(panel.exportReport(pdf, &error), qPrintable(error));
        QFile pdfFile(pdf);
        QVERIFY(pdfFile.open(QIODevice::ReadOnly));
        const QByteArray pdfBytes = pdfFile.readAll();
        QVERIFY(pdfBytes.startsWith("%PDF"));
        QVERIFY(pdfBytes.size() > 10000); // the figures are in it
        // A guided follow-up of the second most promising configuration: its own optimizer
        // under the guided rate, the cap scaled by its rank.
        std::vector<const RankedConfiguration*> scored;
        for (const auto& row : trained.ranking.rows)
            if (std::isfinite(row.promisingness))
                scored.push_back(&row);
        QVERIFY(scored.size() >= 2);
        panel.selectConfigurations({});
        QVERIFY(!panel.trainSelectedGuided()); // needs exactly one row
        QSignalSpy guided(&panel, &StudyPanel::guidedTrainingRequested);
        panel.selectConfigurations({scored[1]->record.id});
        QVERIFY(panel.trainSelectedGuided());
        QCOMPARE(guided.count(), 1);
        const auto options = guided.at(0).at(1).value<TrainOptions>();
        QVERIFY(options.optimizer.kind == OptimizerKind::Guided);
        QCOMPARE(options.optimizer.guidedScale, guidedScaleForRank(1, scored.size()));
        QCOMPARE(options.optimizer.learningRate, scored[1]->record.hyper.learningRate);
        QCOMPARE(options.batchSize, scored[1]->record.hyper.batchSize);
        QCOMPARE(guided.at(0).at(2).toDouble(), scored[1]->record.hyper.initScale);
        QVERIFY(guided.at(0).at(3).toString().contains(QStringLiteral("guided s=")));

        // No temporary files are left next to the reports.
        QCOMPARE(QDir(m_dir.path())
                     .entryList({QStringLiteral(".report*"), QStringLiteral("*.part")},
                                QDir::Files | QDir::Hidden)
                     .size(),
                 0);
    }

    void tickLabelsOfANearlyFlatRangeDiffer()
    {
        // A study map's λmax can vary in the third digit only; labels must still differ.
        QCOMPARE(tickLabelFormat(0.278, 4.81, 5), std::string("%-6.3g"));
        const std::string format = tickLabelFormat(22.80, 22.81, 5);
        QCOMPARE(format, std::string("%-8.5g"));
        QSet<QString> labels;
        for (int i = 0; i < 5; ++i) {
            char text[32];
            std::snprintf(text, sizeof text, format.c_str(), 22.80 + 0.01 * i / 4.0);
            labels.insert(QString::fromLatin1(text).trimmed());
        }
        QCOMPARE(labels.size(), 5);
        QCOMPARE(tickLabelFormat(5.0, 5.0, 5), std::string("%-6.3g")); // constant: default
        // Issue #14, defect 5: whole numbers printed "204." (the '#' flag kept the point).
        for (const auto& [lo, hi] : {std::pair{17.0, 204.0}, std::pair{0.28, 4.81}}) {
            char text[32];
            std::snprintf(text, sizeof text, tickLabelFormat(lo, hi, 8).c_str(), 204.0);
            QCOMPARE(QString::fromLatin1(text).trimmed(), QStringLiteral("204"));
        }
    }

    void reportNeedsAStudy()
    {
        StudyPanel panel;
        QString error;
        const QString path = m_dir.filePath(QStringLiteral("none.html"));
        QVERIFY(!panel.exportReport(path, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!QFile::exists(path));
    }

    void floorLinesAreDrawnInRed()
    {
        // A tilted plane (viridis has no red) with the θ marker off: red pixels appear only
        // once a floor line is set.
        Grid2D g;
        g.x.values = {-3.0, -2.0, -1.0};
        g.y.values = {0.0, 0.5, 1.0};
        for (double y : g.y.values)
            for (double x : g.x.values)
                g.values.push_back(x + y);
        SurfaceView view;
        view.resize(640, 480);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setOriginMarkerVisible(false);
        view.setGrid(g);
        auto redPixels = [](const QImage& image) {
            int red = 0;
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x) {
                    const QColor c = image.pixelColor(x, y);
                    red += c.red() > 150 && c.green() < 70 && c.blue() < 70;
                }
            return red;
        };
        const QImage before = view.renderImage();
        QVERIFY(!before.isNull());
        QCOMPARE(redPixels(before), 0);
        view.setFloorLines({{{-3.0, 0.0}, {-1.0, 1.0}}});
        QCOMPARE(view.floorLineCount(), std::size_t(1));
        const QImage after = view.renderImage();
        QVERIFY2(redPixels(after) > 50, qPrintable(QString::number(redPixels(after))));
    }

    void reopenedDatabaseShowsTheStudy()
    {
        StudyPanel panel;
        QSignalSpy finished(panel.runner(), &StudyRunner::finished);
        QVERIFY(panel.openDatabase(m_dir.filePath(QStringLiteral("quick.sqlite"))));
        QVERIFY(finished.wait(60000));
        QCOMPARE(panel.rankingTable()->rowCount(), 3);
        QCOMPARE(panel.mapPointCount(), 3);
        QVERIFY(panel.specText().contains(QStringLiteral("borehole.study/1")));
    }

    void watchesAnotherWorkersStudyLive()
    {
        watchStudy(m_dir.filePath(QStringLiteral("watched.sqlite")));
    }

    // Run by widgets.study_panel_postgres under tests/support/with_postgres.sh.
    void watchesPostgresStudyLive()
    {
        const QString url = qEnvironmentVariable("BOREHOLE_TEST_PG_URL");
        if (url.isEmpty()) {
            if (qEnvironmentVariable("BOREHOLE_TEST_PG_REQUIRED") == QLatin1String("1"))
                QFAIL("BOREHOLE_TEST_PG_URL is not set");
            QSKIP("needs a PostgreSQL server: run by widgets.study_panel_postgres");
        }
        watchStudy(url);
    }

    // A probe-halving spec runs its rungs from the panel: of the 8 configurations the two at
    // lr 0.3 diverge in the burst, so 6 → 2 → 1 at 30 and 90 steps (η = 3); the Rungs tab lists
    // every rung run and compares each promotion with plain halving's.
    void runsProbeHalvingWithRungs()
    {
        const QString spec = writeSpec(QStringLiteral("halving.json"), [](QJsonObject& doc) {
            doc.insert(QStringLiteral("strategy"), QStringLiteral("probe-halving"));
            doc.insert(QStringLiteral("halving"), QJsonObject{{QStringLiteral("eta"), 3}});
            QJsonObject outcome = doc.value(QStringLiteral("outcome")).toObject();
            outcome.insert(QStringLiteral("full_run"),
                           QJsonObject{{QStringLiteral("steps"), 90},
                                       {QStringLiteral("validate_every"), 10}});
            doc.insert(QStringLiteral("outcome"), outcome);
        });
        StudyPanel panel;
        panel.resize(1400, 850);
        panel.show();
        QVERIFY(panel.openSpec(spec));
        QSignalSpy finished(panel.runner(), &StudyRunner::finished);
        QSignalSpy failed(panel.runner(), &StudyRunner::failed);
        QVERIFY(panel.run(0));
        QVERIFY(finished.wait(300000));
        QCOMPARE(failed.count(), 0);
        const auto snapshot = finished.at(0).at(0).value<StudySnapshot>();
        QCOMPARE(snapshot.counts.done, 6);
        QCOMPARE(snapshot.counts.failed, 2);
        QCOMPARE(snapshot.rungs.size(), std::size_t(3)); // 2 at rung 1, 1 at rung 2
        int atOne = 0, atTwo = 0;
        for (const auto& r : snapshot.rungs) {
            QVERIFY(r.status == RunStatus::Done);
            atOne += r.rung == 1 && r.steps == 30;
            atTwo += r.rung == 2 && r.steps == 90;
        }
        QCOMPARE(atOne, 2);
        QCOMPARE(atTwo, 1);
        QVERIFY2(panel.statusText().startsWith(QStringLiteral(
                     "Probe-halving: probed 8 configurations (2 failed), trained 3 rung runs in ")),
                 qPrintable(panel.statusText()));
        QCOMPARE(panel.rungTable()->rowCount(), 3);
        QCOMPARE(snapshot.rungComparisons.size(), std::size_t(2)); // rung 0 → 1 and 1 → 2
        const QStringList note = panel.rungNote().split(QLatin1Char('\n'));
        QCOMPARE(note.size(), 3);
        QCOMPARE(note[0], QStringLiteral("Probe-halving (η = 3): 3 rung runs up to rung 2."));
        std::map<std::int64_t, int> index;
        for (const auto& row : snapshot.ranking.rows)
            index[row.record.id] = row.record.index;
        for (int k = 0; k < 2; ++k) {
            const auto& c = snapshot.rungComparisons[static_cast<std::size_t>(k)];
            QCOMPARE(c.rung, k);
            QCOMPARE(c.entrants, k == 0 ? 6 : 2);
            const QString start = QStringLiteral("Rung %1 → %2 (%3 entrants): the score promoted #%4")
                                      .arg(k)
                                      .arg(k + 1)
                                      .arg(c.entrants)
                                      .arg(index[c.promotedByScore.front()]);
            QVERIFY2(note[k + 1].startsWith(start), qPrintable(note[k + 1]));
            QCOMPARE(note[k + 1].contains(QStringLiteral("plain successive halving")), !c.agree());
        }
        const QString html = m_dir.filePath(QStringLiteral("halving.html"));
        QString error;
        QVERIFY2(panel.exportReport(html, &error), qPrintable(error));
        QFile f(html);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        QVERIFY(text.contains(QStringLiteral("<h2>Probe-halving rungs</h2>")));
        QVERIFY(text.contains(note[0].toHtmlEscaped()));
    }

    void openingAMissingDatabaseCreatesNothing()
    {
        const QString missing = m_dir.filePath(QStringLiteral("missing.sqlite"));
        StudyPanel panel;
        QSignalSpy failed(panel.runner(), &StudyRunner::failed);
        QSignalSpy errors(&panel, &StudyPanel::errorReported);
        QVERIFY(panel.openDatabase(missing));
        QVERIFY(failed.wait(60000));
        const QString expected = missing
                                 + QStringLiteral(": no such study database (create one with "
                                                  "'borehole-cli study run spec.json --db ")
                                 + missing + QStringLiteral("')");
        QCOMPARE(failed.at(0).at(0).toString(), expected);
        QCOMPARE(errors.count(), 1);
        QVERIFY(!QFile::exists(missing));
    }

    void badSpecShowsTheExactError()
    {
        const QString bad = writeSpec(QStringLiteral("bad.json"), [](QJsonObject& doc) {
            QJsonObject h = doc.value(QStringLiteral("hyperparameters")).toObject();
            QJsonObject lr = h.value(QStringLiteral("learning_rate")).toObject();
            lr.insert(QStringLiteral("min"), -1);
            h.insert(QStringLiteral("learning_rate"), lr);
            doc.insert(QStringLiteral("hyperparameters"), h);
        });
        QString expected;
        try {
            loadStudySpec(bad.toStdString());
        } catch (const InputError& e) {
            expected = QString::fromStdString(e.what());
        }
        QVERIFY(expected.contains(QStringLiteral("bad.json: hyperparameters.learning_rate.min")));
        StudyPanel panel;
        QSignalSpy errors(&panel, &StudyPanel::errorReported);
        QVERIFY(panel.openSpec(bad));
        QCOMPARE(panel.specError(), expected);
        QVERIFY(!panel.run(3)); // nothing starts
        QVERIFY(!panel.isRunning());
        QCOMPARE(errors.count(), 1);
        QCOMPARE(errors.at(0).at(0).toString(), expected);

        // Fixing the text clears the error.
        panel.setSpecText(panel.specText().replace(QStringLiteral("-1"), QStringLiteral("0.001")),
                          QStringLiteral("bad.json"), m_dir.path());
        QVERIFY(panel.validateSpec());
        QVERIFY(panel.specError().isEmpty());
    }

    void cancelYieldsCancelled()
    {
        const QString spec = writeSpec(QStringLiteral("cancel.json"));
        StudyPanel panel;
        QVERIFY(panel.openSpec(spec));
        QSignalSpy finished(panel.runner(), &StudyRunner::finished);
        QSignalSpy cancelled(panel.runner(), &StudyRunner::cancelled);
        QSignalSpy progress(panel.runner(), &StudyRunner::progress);
        QVERIFY(panel.run(0));
        QVERIFY(progress.wait(60000));
        panel.cancel();
        QVERIFY(cancelled.wait(60000));
        QTest::qWait(100);
        QCOMPARE(cancelled.count(), 1);
        QCOMPARE(finished.count(), 0);
        QVERIFY(!panel.isRunning());
    }
};

BOREHOLE_GUI_TEST_MAIN(TestStudyPanel)
#include "test_study_panel.moc"
