// ProbeRunner/ProbeWorker: exactly one terminal signal per job, cancel, failure messages,
// progress coalescing.
#include "gui_test_support.h"
#include "probeworker.h"

#include <borehole/error.h>
#include <borehole/model.h>

#include <QElapsedTimer>
#include <QSignalSpy>

using namespace borehole;

class TestProbeWorker : public QObject
{
    Q_OBJECT
private:
    ProbeRequest request(const ProbeSettings& settings) const
    {
        ProbeRequest r;
        r.modelPath = test::diabetesModel();
        r.dataPath = test::diabetesData();
        r.data.targetColumns = {"progression"};
        r.data.standardizeTargets = true;
        r.settings = settings;
        r.device = DeviceKind::Cpu;
        return r;
    }

private slots:
    void finishesOnceWithAReport()
    {
        ProbeRunner runner;
        QSignalSpy finished(&runner, &ProbeRunner::finished);
        QSignalSpy failed(&runner, &ProbeRunner::failed);
        QSignalSpy cancelled(&runner, &ProbeRunner::cancelled);
        QSignalSpy progress(&runner, &ProbeRunner::progress);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(runner.start(request(test::smallProbe())));
        QVERIFY(runner.isRunning());
        QVERIFY(!runner.start(request(test::smallProbe()))); // one job at a time
        QVERIFY(finished.wait(120000));
        const qint64 ms = clock.elapsed();
        QTest::qWait(100); // nothing else may arrive after the terminal signal
        QCOMPARE(finished.count(), 1);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(cancelled.count(), 0);
        QVERIFY(!runner.isRunning());

        const auto report = finished.at(0).at(0).value<ProbeReport>();
        QCOMPARE(report.curvature.size(), std::size_t(2));
        QCOMPARE(report.curvature[0].norms.size(), std::size_t(2));
        QVERIFY(report.power.has_value());
        QVERIFY(report.lanczos.has_value());
        QVERIFY(report.surface.has_value());
        QCOMPARE(report.surface->nx(), std::size_t(9));
        QCOMPARE(report.surface->values.size(), std::size_t(81));
        QCOMPARE(report.data.targetColumns, std::vector<std::string>{"progression"});
        QVERIFY(report.data.standardizedTargets);
        QVERIFY(report.base.loss > 0.0 && report.base.loss < 10.0);

        // Coalescing: at most one progress signal per 33 ms window (+ the final flush).
        QVERIFY(progress.count() >= 1);
        QVERIFY2(progress.count() <= ms / ProbeRunner::kCoalesceMs + 2,
                 qPrintable(QStringLiteral("%1 progress signals in %2 ms")
                                .arg(progress.count())
                                .arg(ms)));
        const auto last = progress.last();
        QCOMPARE(last.at(0).toInt(), last.at(1).toInt()); // ends at done == total
    }

    void cancelStopsWithinOneStep()
    {
        ProbeSettings big = test::smallProbe();
        big.surfaceOptions.resolution = 81; // 6561 forward passes: long enough to cancel
        big.eigen.maxIterations = 200;
        ProbeRunner runner;
        QSignalSpy finished(&runner, &ProbeRunner::finished);
        QSignalSpy failed(&runner, &ProbeRunner::failed);
        QSignalSpy cancelled(&runner, &ProbeRunner::cancelled);
        QSignalSpy progress(&runner, &ProbeRunner::progress);
        QVERIFY(runner.start(request(big)));
        QVERIFY(progress.wait(60000));
        QElapsedTimer clock;
        clock.start();
        runner.cancel();
        QVERIFY(cancelled.wait(30000));
        QVERIFY2(clock.elapsed() < 5000, "cancel took longer than one probe step should");
        QTest::qWait(100);
        QCOMPARE(cancelled.count(), 1);
        QCOMPARE(finished.count(), 0);
        QCOMPARE(failed.count(), 0);
        QVERIFY(!runner.isRunning());

        // The worker is reusable after a cancel.
        QVERIFY(runner.start(request(test::smallProbe())));
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(cancelled.count(), 1);
    }

    void failsWithCoresMessage()
    {
        const QString bad = test::dataDir() + QStringLiteral("/not_torchscript.pt");
        QString expected;
        try {
            Model::load(bad.toStdString(), DeviceKind::Cpu);
        } catch (const Error& e) {
            expected = QString::fromStdString(e.what());
        }
        QVERIFY(!expected.isEmpty());
        ProbeRunner runner;
        QSignalSpy finished(&runner, &ProbeRunner::finished);
        QSignalSpy failed(&runner, &ProbeRunner::failed);
        QSignalSpy cancelled(&runner, &ProbeRunner::cancelled);
        ProbeRequest r = request(test::smallProbe());
        r.modelPath = bad;
        QVERIFY(runner.start(r));
        QVERIFY(failed.wait(30000));
        QTest::qWait(50);
        QCOMPARE(failed.count(), 1);
        QCOMPARE(finished.count(), 0);
        QCOMPARE(cancelled.count(), 0);
        QCOMPARE(failed.at(0).at(0).toString(), expected);
    }

    void destroyingARunningRunnerJoinsTheThread()
    {
        ProbeSettings big = test::smallProbe();
        big.surfaceOptions.resolution = 81;
        auto runner = std::make_unique<ProbeRunner>();
        QSignalSpy progress(runner.get(), &ProbeRunner::progress);
        QVERIFY(runner->start(request(big)));
        QVERIFY(progress.wait(60000));
        QElapsedTimer clock;
        clock.start();
        runner.reset(); // cancel, quit, wait
        QVERIFY(clock.elapsed() < 5000);
    }
};

BOREHOLE_GUI_TEST_MAIN(TestProbeWorker)
#include "test_probe_worker.moc"
