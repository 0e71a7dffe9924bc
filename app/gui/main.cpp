// borehole: the desktop application. `borehole [model.pt] [data.csv] [workspace.borehole]
// [--target COLUMN] [--standardize-targets] [--resolution N] [--run]`.
#include "datapanel.h"
#include "guiinit.h"
#include "mainwindow.h"
#include "settingspanel.h"
#include "widgetsinit.h"

#include <borehole/dataset.h>
#include <borehole/device.h>
#include <borehole/report.h>

#include <QApplication>
#include <QCoreApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QTimer>

#include <cstdio>
#include <exception>

namespace {

struct Options
{
    QCommandLineOption target{QStringLiteral("target"),
                              QCoreApplication::translate("main", "Target column of the CSV."),
                              QStringLiteral("column")};
    QCommandLineOption task{QStringLiteral("task"),
                            QCoreApplication::translate("main", "regression or classification."),
                            QStringLiteral("task")};
    QCommandLineOption standardize{
        QStringLiteral("standardize-targets"),
        QCoreApplication::translate("main", "Standardise regression targets.")};
    QCommandLineOption resolution{
        QStringLiteral("resolution"),
        QCoreApplication::translate("main", "Surface grid points per axis."), QStringLiteral("n")};
    QCommandLineOption run{QStringLiteral("run"),
                           QCoreApplication::translate("main", "Start probing right away.")};
    QCommandLineOption lang{
        QStringLiteral("lang"),
        QCoreApplication::translate("main", "User interface language (en, de)."),
        QStringLiteral("code")};

    void addTo(QCommandLineParser& parser) const
    {
        parser.setApplicationDescription(QCoreApplication::translate(
            "main", "Probe the loss-landscape curvature of a TorchScript model on a CSV data set."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addPositionalArgument(
            QStringLiteral("files"),
            QCoreApplication::translate("main", "A model (.pt), a data set (.csv) or a workspace."),
            QStringLiteral("[files...]"));
        parser.addOptions({target, task, standardize, resolution, run, lang});
    }
};

/// --help and --version print and exit before a QApplication exists: it needs a display
/// (xcb), and asking for the usage must work on a server or over ssh without one.
bool wantsHelpOrVersion(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "--help" || a == "-h" || a == "-?" || a == "--help-all" || a == "--version"
            || a == "-v")
            return true;
        if (a == "--")
            break;
    }
    return false;
}

} // namespace

int main(int argc, char** argv)
{
    if (wantsHelpOrVersion(argc, argv)) {
        QCoreApplication core(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("borehole"));
        QCoreApplication::setApplicationVersion(QString::fromStdString(borehole::version()));
        QCommandLineParser parser;
        Options().addTo(parser);
        // QApplication would take its own options (-platform offscreen, -style …) out of argv;
        // QCoreApplication leaves them, so drop them here, with their values, before parsing.
        static const QStringList withValue{
            QStringLiteral("-platform"),      QStringLiteral("-platformpluginpath"),
            QStringLiteral("-platformtheme"), QStringLiteral("-plugin"),
            QStringLiteral("-qwindowgeometry"), QStringLiteral("-qwindowtitle"),
            QStringLiteral("-qwindowicon"),   QStringLiteral("-display"),
            QStringLiteral("-style"),         QStringLiteral("-stylesheet"),
            QStringLiteral("-session"),       QStringLiteral("-geometry")};
        static const QStringList flags{QStringLiteral("-reverse"), QStringLiteral("-widgetcount")};
        QStringList args;
        const QStringList all = QCoreApplication::arguments();
        for (int i = 0; i < all.size(); ++i) {
            if (i > 0 && withValue.contains(all[i])) {
                ++i; // and its value
                continue;
            }
            if (i > 0 && flags.contains(all[i]))
                continue;
            args << all[i];
        }
        parser.process(args); // prints and exits 0
        return 0;
    }
    borehole::installDefaultSurfaceFormat();
    QApplication app(argc, argv);
    borehole::setIntraOpThreads(0); // physical cores, as borehole-cli (issue 12)
    borehole::keepFreedHostMemory();
    QString locale;
    for (int i = 1; i + 1 < argc; ++i)
        if (QString::fromLocal8Bit(argv[i]) == QLatin1String("--lang"))
            locale = QString::fromLocal8Bit(argv[i + 1]);
    borehole::initGuiApplication(app, locale);

    QCommandLineParser parser;
    const Options options;
    options.addTo(parser);
    const auto& [target, task, standardize, resolution, run, lang] = options;
    (void)lang;
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
