// Produces the documentation screenshot: the main window on the bundled example after a probe,
// with a region selected. Writes <build>/screenshots/main_window.png (and one per view tab);
// docs/screenshot.png is a copy of main_window.png.
#include "../widgets/gui_test_support.h"
#include "datapanel.h"
#include "heatmapview.h"
#include "mainwindow.h"
#include "settingspanel.h"
#include "surfaceview.h"

#include <QDir>
#include <QSignalSpy>
#include <QTabWidget>

using namespace borehole;

class TestScreenshot : public QObject
{
    Q_OBJECT
private slots:
    void mainWindowAfterProbe()
    {
        MainWindow w;
        w.resize(1600, 1000);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openModel(test::diabetesModel()));
        QVERIFY(w.openData(test::diabetesData()));
        QVERIFY(w.dataPanel()->setTarget(QStringLiteral("progression")));
        w.dataPanel()->setStandardizeTargets(true);
        ProbeSettings s = SettingsPanel::defaultSettings();
        s.surfaceOptions.resolution = 31;
        s.eigen.maxIterations = 40;
        s.traceOptions.maxSamples = 40;
        w.settingsPanel()->setSettings(s);
        w.settingsPanel()->setDevice(DeviceKind::Cpu);
        QSignalSpy finished(&w, &MainWindow::probeFinished);
        QVERIFY(w.startProbe());
        QVERIFY(finished.wait(300000));
        w.heatmapView()->selectRegion(-0.3, 0.2, -0.25, 0.35);

        const QString dir = QStringLiteral(BOREHOLE_SCREENSHOT_DIR);
        QDir().mkpath(dir);
        const QStringList names{"surface", "heatmap", "pca", "curvature", "summary"};
        for (int i = 0; i < w.viewTabs()->count() && i < names.size(); ++i) {
            w.viewTabs()->setCurrentIndex(i);
            QTest::qWait(200);
            const QString path = dir + QStringLiteral("/main_window_%1.png").arg(names[i]);
            QVERIFY(w.grab().save(path));
        }
        w.viewTabs()->setCurrentWidget(w.surfaceView());
        QTest::qWait(300);
        const QString path = dir + QStringLiteral("/main_window.png");
        const QImage shot = w.grab().toImage();
        QVERIFY(shot.save(path));
        QCOMPARE(shot.size(), QSize(1600, 1000));
        qInfo("screenshot written to %s", qPrintable(path));
    }
};

BOREHOLE_GUI_TEST_MAIN(TestScreenshot)
#include "test_screenshot.moc"
