// TrainingPanel and TrainingRunner: a short SGD run ends in finished() with one curve point per
// step, a guided run shows λmax dots and the 2/lr line with its adjustments, cancel yields
// cancelled(), finished runs stay on the plot for comparison, exports write the model and JSON.
#include "gui_test_support.h"
#include "mainwindow.h"
#include "studypanel.h"
#include "trainingpanel.h"

#include <borehole/model.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>

#include <qcustomplot.h>

using namespace borehole;

class TestTrainingPanel : public QObject
{
    Q_OBJECT
private:
    static void setDiabetes(TrainingPanel& panel)
    {
        DatasetOptions data;
        data.targetColumns = {"progression"};
        data.standardizeTargets = true;
        ProblemOptions problem;
        problem.probeRows = 128;
        panel.setProblem(test::diabetesModel(), test::diabetesData(), data, problem,
                         DeviceKind::Cpu);
    }

    static TrainOptions sgd(int steps)
    {
        TrainOptions o;
        o.optimizer.kind = OptimizerKind::Sgd;
        o.optimizer.learningRate = 0.01;
        o.optimizer.momentum = 0.9;
        o.steps = steps;
        o.batchSize = 32;
        o.validateEvery = 5;
        o.seed = 3;
        return o;
    }

private slots:
    void sgdRunFinishesWithOnePointPerStep()
    {
        TrainingPanel panel;
        panel.resize(1300, 850);
        panel.show();
        setDiabetes(panel);
        panel.setOptions(sgd(20));
        QCOMPARE(panel.options().steps, std::int64_t(20));
        QCOMPARE(panel.options().optimizer.momentum, 0.9);
        QSignalSpy finished(panel.runner(), &TrainingRunner::finished);
        QSignalSpy failed(panel.runner(), &TrainingRunner::failed);
        QSignalSpy cancelled(panel.runner(), &TrainingRunner::cancelled);
        QSignalSpy live(panel.runner(), &TrainingRunner::pointsArrived);
        QVERIFY(panel.start());
        QVERIFY(!panel.start()); // one run at a time
        QVERIFY(finished.wait(120000));
        QTest::qWait(100);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(cancelled.count(), 0);
        QVERIFY(live.count() >= 1);
        int livePoints = 0;
        for (const auto& args : live)
            livePoints += static_cast<int>(args.at(0).value<std::vector<TrainPoint>>().size());
        QCOMPARE(livePoints, 20); // the hook posts every step exactly once

        const auto run = finished.at(0).at(0).value<TrainingRun>();
        QCOMPARE(run.result.steps, std::int64_t(20));
        QCOMPARE(run.result.stopReason, std::string("completed"));
        QCOMPARE(run.result.curve.size(), std::size_t(21)); // step 0 + 20 steps
        QCOMPARE(panel.trainLossPoints(), 21);
        int validation = 0;
        for (const auto& p : run.result.curve)
            validation += std::isfinite(p.validationMetric) ? 1 : 0;
        QVERIFY(validation >= 4); // every 5 steps and at the end
        QCOMPARE(panel.validationPoints(), validation);
        QCOMPARE(panel.lambdaPoints(), 0); // plain SGD estimates no λmax
        QCOMPARE(panel.runs().size(), std::size_t(1));
        QVERIFY(run.result.finalValidationMetric > 0.0 && run.result.finalValidationMetric < 3.0);
        QVERIFY(panel.statusText().contains(QStringLiteral("completed")));

        // Exports: the model loads back, the run record is the trainer's JSON.
        QTemporaryDir dir;
        QString error;
        QVERIFY2(panel.exportModel(dir.filePath(QStringLiteral("trained.pt")), &error),
                 qPrintable(error));
        const auto saved = Model::load(dir.filePath(QStringLiteral("trained.pt")).toStdString(),
                                       DeviceKind::Cpu);
        QCOMPARE(saved.flatParameters(), run.trainedModel->flatParameters());
        QVERIFY(panel.exportRunJson(dir.filePath(QStringLiteral("run.json")), &error));
        QFile file(dir.filePath(QStringLiteral("run.json")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto json = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(json.value(QStringLiteral("schema")).toString(),
                 QStringLiteral("borehole.train-run/1"));

        // A second run stays next to the first: two legend entries per plot kind.
        QVERIFY(panel.start());
        QVERIFY(finished.wait(120000));
        QCOMPARE(panel.runs().size(), std::size_t(2));
        QCOMPARE(panel.lossPlot()->graphCount(), 4); // loss + validation per run
        QCOMPARE(panel.curvaturePlot()->graphCount(), 4);
        QVERIFY(panel.lossPlot()->graph(0)->name().startsWith(QStringLiteral("#1 sgd")));
        QVERIFY(panel.lossPlot()->graph(2)->name().startsWith(QStringLiteral("#2 sgd")));
        QDir().mkpath(QStringLiteral(BOREHOLE_SCREENSHOT_DIR));
        panel.grab().save(QStringLiteral(BOREHOLE_SCREENSHOT_DIR) + "/training_panel_sgd.png");
        panel.clearRuns();
        QCOMPARE(panel.lossPlot()->graphCount(), 0);
        QCOMPARE(panel.runs().size(), std::size_t(0));
    }

    void guidedRunShowsLambdaAgainstTheBound()
    {
        TrainingPanel panel;
        panel.resize(1300, 850);
        panel.show();
        setDiabetes(panel);
        TrainOptions o = sgd(40);
        o.optimizer.kind = OptimizerKind::Guided;
        o.optimizer.learningRate = 0.5; // steep on purpose: the guided rate must step in
        o.optimizer.momentum = 0.0;
        o.optimizer.guidedEvery = 10;
        panel.setOptions(o);
        QSignalSpy finished(panel.runner(), &TrainingRunner::finished);
        QSignalSpy failed(panel.runner(), &TrainingRunner::failed);
        QVERIFY(panel.start());
        QVERIFY(finished.wait(120000));
        QCOMPARE(failed.count(), 0);
        const auto run = finished.at(0).at(0).value<TrainingRun>();
        int estimates = 0;
        for (const auto& p : run.result.curve)
            estimates += std::isfinite(p.lambdaMax) ? 1 : 0;
        QVERIFY2(estimates >= 4, qPrintable(QString::number(estimates))); // steps 1?, 10, 20, ...
        QCOMPARE(panel.lambdaPoints(), estimates);
        QCOMPARE(panel.boundPoints(), 41); // 2/lr at every point of the curve
        // The bound follows the rate in effect: the first point is 2/base rate.
        const auto* bound = panel.curvaturePlot()->graph(0);
        QCOMPARE(bound->data()->at(0)->value, 2.0 / run.result.curve.front().learningRate);
        QCOMPARE(panel.adjustmentTable()->rowCount(),
                 static_cast<int>(run.result.adjustments.size()));
        QVERIFY(!run.result.adjustments.empty());
        QCOMPARE(panel.adjustmentTable()->item(0, 4)->text(),
                 QString::fromStdString(run.result.adjustments.front().reason));
        QDir().mkpath(QStringLiteral(BOREHOLE_SCREENSHOT_DIR));
        panel.grab().save(QStringLiteral(BOREHOLE_SCREENSHOT_DIR) + "/training_panel_guided.png");
    }

    void boundFollowsTheUpdateRule()
    {
        TrainingPanel panel;
        panel.resize(1000, 700);
        panel.show();
        setDiabetes(panel);
        TrainOptions o = sgd(5);
        o.optimizer.momentum = 0.9; // heavy ball: stable while lr·λ ≤ 2 + 2·0.9
        o.optimizer.guidedScale = 0.5;
        panel.setOptions(o);
        QCOMPARE(panel.options().optimizer.guidedScale, 0.5);
        QSignalSpy finished(panel.runner(), &TrainingRunner::finished);
        QVERIFY(panel.start());
        QVERIFY(finished.wait(120000));
        const auto run = finished.at(0).at(0).value<TrainingRun>();
        const auto* bound = panel.curvaturePlot()->graph(0);
        QVERIFY(bound->name().endsWith(QStringLiteral(" 3.8/lr")));
        QCOMPARE(bound->data()->at(0)->value, 3.8 / run.result.curve.front().learningRate);
    }

    void cancelYieldsCancelledOnly()
    {
        TrainingPanel panel;
        setDiabetes(panel);
        panel.setOptions(sgd(200000));
        QSignalSpy finished(panel.runner(), &TrainingRunner::finished);
        QSignalSpy failed(panel.runner(), &TrainingRunner::failed);
        QSignalSpy cancelled(panel.runner(), &TrainingRunner::cancelled);
        QSignalSpy progress(panel.runner(), &TrainingRunner::progress);
        QVERIFY(panel.start());
        QVERIFY(progress.wait(60000));
        panel.cancel();
        QVERIFY(cancelled.wait(30000));
        QTest::qWait(100);
        QCOMPARE(cancelled.count(), 1);
        QCOMPARE(finished.count(), 0);
        QCOMPARE(failed.count(), 0);
        QVERIFY(!panel.isRunning());
        QCOMPARE(panel.runs().size(), std::size_t(0));
        QCOMPARE(panel.lossPlot()->graphCount(), 0); // the unfinished run leaves no curve
        QCOMPARE(panel.statusText(), QStringLiteral("Training cancelled."));
    }

    void missingFilesFailWithCoresMessage()
    {
        TrainingPanel panel;
        setDiabetes(panel);
        panel.setProblem(test::dataDir() + QStringLiteral("/not_torchscript.pt"),
                         test::diabetesData(), {}, {}, DeviceKind::Cpu);
        QString expected;
        try {
            Model::load((test::dataDir() + QStringLiteral("/not_torchscript.pt")).toStdString(),
                        DeviceKind::Cpu);
        } catch (const std::exception& e) {
            expected = QString::fromStdString(e.what());
        }
        QVERIFY(!expected.isEmpty());
        QSignalSpy failed(panel.runner(), &TrainingRunner::failed);
        QSignalSpy errors(&panel, &TrainingPanel::errorReported);
        QVERIFY(panel.start());
        QVERIFY(failed.wait(30000));
        QCOMPARE(failed.at(0).at(0).toString(), expected);
        QCOMPARE(errors.count(), 1);
        QCOMPARE(panel.statusText(), expected);
    }

    void mainWindowOpensThePanelsOnItsFiles()
    {
        MainWindow window;
        window.setErrorDialogsEnabled(false);
        QVERIFY(window.openModel(test::diabetesModel()));
        QVERIFY(window.openData(test::diabetesData()));
        QVERIFY(window.trainingPanel() == nullptr); // created on first use
        window.showTrainingPanel();
        QVERIFY(window.trainingPanel() != nullptr);
        QCOMPARE(window.trainingPanel()->modelPath(), window.modelPath());
        QCOMPARE(window.trainingPanel()->dataPath(), window.dataPath());
        window.showStudyPanel();
        QVERIFY(window.studyPanel() != nullptr);
        QVERIFY(!window.isProbing());
    }
};

BOREHOLE_GUI_TEST_MAIN(TestTrainingPanel)
#include "test_training_panel.moc"
