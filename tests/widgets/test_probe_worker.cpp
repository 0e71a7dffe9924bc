// ProbeRunner/ProbeWorker: exactly one terminal signal per job (also for scripted jobs that
// misbehave), cancel, failure messages, progress coalescing.
#include "gui_test_support.h"
#include "probeworker.h"

#include <borehole/error.h>
#include <borehole/model.h>

#include <QElapsedTimer>
#include <QSignalSpy>

using namespace borehole;

namespace {

/// A job that misbehaves as scripted, to hold JobWorker/JobRunner to one terminal signal.
enum class Script {
    FinishTwice,      ///< asks to finish twice (claimFinish() says no the second time)
    FinishThenThrow,  ///< finishes, then throws
    EmitTwiceBlindly, ///< emits finished twice without claimFinish(): the runner drops one
    NoResult,         ///< returns without any terminal signal
};

} // namespace

class ScriptedWorker : public JobWorker
{
    Q_OBJECT
public:
    using JobWorker::JobWorker;
    void run(Script script)
    {
        execute(
            [&](const ProgressFn&) {
                switch (script) {
                case Script::FinishTwice:
                    if (claimFinish())
                        emit finished(1);
                    if (claimFinish())
                        emit finished(2);
                    break;
                case Script::FinishThenThrow:
                    if (claimFinish())
                        emit finished(1);
                    throw InputError("thrown after finishing");
                case Script::EmitTwiceBlindly:
                    emit finished(1);
                    emit finished(2);
                    break;
                case Script::NoResult:
                    break;
                }
            },
            QStringLiteral("unknown"));
    }

signals:
    void finished(int value);
};

class ScriptedRunner : public JobRunner
{
    Q_OBJECT
public:
    ScriptedRunner() : JobRunner(QStringLiteral("borehole-scripted"), nullptr)
    {
        m_worker = new ScriptedWorker(cancelFlag());
        connect(m_worker, &ScriptedWorker::finished, this, [this](int value) {
            if (endJob())
                emit finished(value);
        });
        adopt(m_worker);
    }
    bool start(Script script)
    {
        return startJob([worker = m_worker, script] { worker->run(script); });
    }

signals:
    void finished(int value);

private:
    ScriptedWorker* m_worker = nullptr;
};

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
    void everyJobEndsWithExactlyOneTerminalSignal()
    {
        // Issue #14 (JobWorker state guard): whatever a job's body does, the runner reports one
        // terminal signal, and a body that returns without a result fails instead of leaving
        // the GUI waiting.
        struct Case
        {
            Script script;
            int finished;
            QString failed; ///< the message, or empty for no failed()
        };
        const QString noResult = QStringLiteral("Internal error: the job ended without a result.");
        for (const Case& c : {Case{Script::FinishTwice, 1, {}}, Case{Script::FinishThenThrow, 1, {}},
                              Case{Script::EmitTwiceBlindly, 1, {}},
                              Case{Script::NoResult, 0, noResult}}) {
            ScriptedRunner runner;
            QSignalSpy finished(&runner, &ScriptedRunner::finished);
            QSignalSpy failed(&runner, &ScriptedRunner::failed);
            QSignalSpy cancelled(&runner, &ScriptedRunner::cancelled);
            QVERIFY(runner.start(c.script));
            QTRY_VERIFY_WITH_TIMEOUT(!runner.isRunning(), 5000);
            QTest::qWait(100); // anything queued behind the first terminal signal arrives now
            QCOMPARE(finished.count(), c.finished);
            QCOMPARE(failed.count(), c.failed.isEmpty() ? 0 : 1);
            if (!c.failed.isEmpty())
                QCOMPARE(failed.at(0).at(0).toString(), c.failed);
            QCOMPARE(cancelled.count(), 0);
            if (c.finished)
                QCOMPARE(finished.at(0).at(0).toInt(), 1);
            // The runner takes the next job: no state is left over.
            QVERIFY(runner.start(Script::FinishTwice));
            QTRY_COMPARE_WITH_TIMEOUT(finished.count(), c.finished + 1, 5000);
        }
    }

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
