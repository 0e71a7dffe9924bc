// borehole: the desktop application. `borehole [model.pt] [data.csv] [workspace.borehole]
// [--target COLUMN] [--standardize-targets] [--resolution N] [--run]`.
#include "datapanel.h"
#include "guiinit.h"
#include "mainwindow.h"
#include "settingspanel.h"
#include "widgetsinit.h"

#include <borehole/dataset.h>
#include <borehole/device.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QTimer>

#include <cstdio>
#include <exception>

int main(int argc, char** argv)
{
    borehole::installDefaultSurfaceFormat();
    QApplication app(argc, argv);
    borehole::setIntraOpThreads(0); // physical cores, as borehole-cli (issue 12)
    QString locale;
    for (int i = 1; i + 1 < argc; ++i)
        if (QString::fromLocal8Bit(argv[i]) == QLatin1String("--lang"))
            locale = QString::fromLocal8Bit(argv[i + 1]);
    borehole::initGuiApplication(app, locale);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "Probe the loss-landscape curvature of a TorchScript model on a CSV data set."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("files"),
        QApplication::translate("main", "A model (.pt), a data set (.csv) or a workspace."),
        QStringLiteral("[files...]"));
    const QCommandLineOption target(QStringLiteral("target"),
                                    QApplication::translate("main", "Target column of the CSV."),
                                    QStringLiteral("column"));
    const QCommandLineOption task(QStringLiteral("task"),
                                  QApplication::translate("main", "regression or classification."),
                                  QStringLiteral("task"));
    const QCommandLineOption standardize(
        QStringLiteral("standardize-targets"),
        QApplication::translate("main", "Standardise regression targets."));
    const QCommandLineOption resolution(
        QStringLiteral("resolution"),
        QApplication::translate("main", "Surface grid points per axis."), QStringLiteral("n"));
    const QCommandLineOption run(QStringLiteral("run"),
                                 QApplication::translate("main", "Start probing right away."));
    const QCommandLineOption lang(QStringLiteral("lang"),
                                  QApplication::translate("main", "User interface language (en, de)."),
                                  QStringLiteral("code"));
    parser.addOptions({target, task, standardize, resolution, run, lang});
    parser.process(app);

    // The 3D views need OpenGL in widget windows; without it Qt would crash on the first paint.
    QString noOpenGL;
    if (!borehole::openGLWidgetsAvailable(&noOpenGL)) {
        std::fprintf(stderr,
                     "borehole: %s, which the 3D views need. Run it on a display (on a server: "
                     "xvfb-run borehole …), or use borehole-cli for work without a window.\n",
                     noOpenGL.toLocal8Bit().constData());
        return 2;
    }

    borehole::MainWindow window;
    window.show();
    try {
        for (const QString& file : parser.positionalArguments())
            window.openAny(file);
        if (parser.isSet(task))
            window.dataPanel()->setTask(borehole::parseTask(parser.value(task).toStdString()));
        if (parser.isSet(target) && !window.dataPanel()->setTarget(parser.value(target)))
            QMessageBox::warning(&window, QApplication::translate("main", "Unknown column"),
                                 QApplication::translate("main", "The data has no column \"%1\".")
                                     .arg(parser.value(target)));
        if (parser.isSet(standardize))
            window.dataPanel()->setStandardizeTargets(true);
        if (parser.isSet(resolution))
            window.settingsPanel()->setResolution(parser.value(resolution).toInt());
    } catch (const std::exception& e) {
        QMessageBox::critical(&window, QApplication::translate("main", "Invalid option"),
                              QString::fromStdString(e.what()));
    }
    if (parser.isSet(run))
        QTimer::singleShot(0, &window, [&window] { window.startProbe(); });
    return app.exec();
}
