#pragma once
// Shared set-up for the widget and render tests: a QApplication with the 3.2 core-profile GL
// format VTK needs (set before the application exists), the English UI, a test-only settings
// scope, and paths to the example and the bad inputs.
#include "guiinit.h"
#include "widgetsinit.h"

#include <borehole/report.h>

#include <QApplication>
#include <QDir>
#include <QSettings>
#include <QString>
#include <QTemporaryDir>
#include <QtTest>

namespace borehole::test {

inline QString examplesDir()
{
    return QStringLiteral(BOREHOLE_EXAMPLES_DIR);
}
inline QString dataDir()
{
    return QStringLiteral(BOREHOLE_TEST_DATA_DIR);
}
inline QString outputDir()
{
    QDir().mkpath(QStringLiteral(BOREHOLE_TEST_OUTPUT_DIR));
    return QStringLiteral(BOREHOLE_TEST_OUTPUT_DIR);
}
inline QString diabetesModel()
{
    return examplesDir() + QStringLiteral("/diabetes/diabetes_mlp.pt");
}
inline QString diabetesData()
{
    return examplesDir() + QStringLiteral("/diabetes/diabetes.csv");
}

/// z = α² − β² (a saddle) on an n × n grid over [−1, 1]², axes named like a probe's.
inline Grid2D saddleGrid(int n)
{
    Grid2D g;
    g.x.name = "α (d₁)";
    g.x.unit = "× direction";
    g.y.name = "β (d₂)";
    g.y.unit = "× direction";
    for (int i = 0; i < n; ++i) {
        const double t = -1.0 + 2.0 * i / (n - 1);
        g.x.values.push_back(t);
        g.y.values.push_back(t);
    }
    for (int iy = 0; iy < n; ++iy)
        for (int ix = 0; ix < n; ++ix)
            g.values.push_back(g.x.values[ix] * g.x.values[ix] - g.y.values[iy] * g.y.values[iy]);
    g.centerValue = 0.0;
    return g;
}

/// A probe small enough for a test: two direction kinds with K = 2, a few solver iterations, a
/// 9-point line and a 9 × 9 surface.
inline ProbeSettings smallProbe()
{
    ProbeSettings s;
    s.directionKinds = {DirectionKind::Random, DirectionKind::Gradient};
    s.curvature.count = 2;
    s.eigen.maxIterations = 6;
    s.traceOptions.minSamples = 2;
    s.traceOptions.maxSamples = 4;
    s.sharpnessOptions.samples = 3;
    s.line = true;
    s.lineOptions.resolution = 9;
    s.surface = true;
    s.surfaceOptions.resolution = 9;
    s.seed = 7;
    return s;
}

} // namespace borehole::test

#define BOREHOLE_GUI_TEST_MAIN(TestClass)                                                   \
    int main(int argc, char** argv)                                                         \
    {                                                                                       \
        borehole::installDefaultSurfaceFormat();                                            \
        QApplication app(argc, argv);                                                       \
        QApplication::setApplicationName(QStringLiteral("borehole-tests"));                 \
        /* Settings (colour scale, recent files, window state) in a folder of this run only:  \
           nothing a test stores reaches the next test, another suite or the user's own. */   \
        QTemporaryDir settingsDir;                                                          \
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir.path()); \
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());    \
        borehole::initGuiApplication(app, QStringLiteral("en"));                            \
        app.setAttribute(Qt::AA_Use96Dpi, true);                                            \
        TestClass test;                                                                     \
        QTEST_SET_MAIN_SOURCE_PATH                                                          \
        return QTest::qExec(&test, argc, argv);                                             \
    }
