// StudyPanel and StudyRunner: a spec copied with absolute paths probes 3 configurations to
// finished() with live arrivals, a 3-row ranking, 3 points on the map (with the 2/lr bound) and
// the PCA plot; a bad spec shows parseStudySpec's exact message; target mode reports core's
// error before full runs exist; "Train selected" stores a measured outcome; a reopened database
// shows the same study; cancel yields cancelled().
#include "gui_test_support.h"
#include "studypanel.h"

#include <borehole/error.h>
#include <borehole/study.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>

#include <qcustomplot.h>

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
        QCOMPARE(panel.mapPlot()->xAxis->scaleType(), QCPAxis::stLogarithmic);
        // The λ axis is widened to show the bound: 2/lr at the largest rate probed is in view.
        QCOMPARE(panel.mapPlot()->yAxis->scaleType(), QCPAxis::stLogarithmic);
        double maxRate = 0.0;
        for (int r = 0; r < 3; ++r)
            maxRate = std::max(maxRate, panel.rankingTable()->item(r, 2)->text().toDouble());
        QVERIFY(panel.mapPlot()->yAxis->range().contains(2.0 / maxRate));
        panel.tabs()->setCurrentIndex(StudyPanel::MapTab);
        QDir().mkpath(QStringLiteral(BOREHOLE_SCREENSHOT_DIR));
        panel.grab().save(QStringLiteral(BOREHOLE_SCREENSHOT_DIR) + "/study_panel_map.png");
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

        // Train one selected configuration fully: its measured outcome appears.
        const auto id = panel.rankingTable()->item(0, 0)->data(Qt::UserRole).toLongLong();
        panel.selectConfigurations({id});
        QCOMPARE(panel.selectedConfigurations(), std::vector<std::int64_t>{id});
        QVERIFY(panel.trainSelected());
        QVERIFY(finished.wait(300000));
        QCOMPARE(failed.count(), 0);
        const auto trained = finished.at(1).at(0).value<StudySnapshot>();
        QCOMPARE(trained.counts.fullRuns, 1);
        int measured = 0;
        for (int r = 0; r < panel.rankingTable()->rowCount(); ++r)
            if (panel.rankingTable()->item(r, 13)->text() != QStringLiteral("–")) {
                ++measured;
                QCOMPARE(panel.rankingTable()->item(r, 0)->data(Qt::UserRole).toLongLong(), id);
            }
        QCOMPARE(measured, 1);

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
