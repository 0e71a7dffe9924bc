#include "guiinit.h"

#include "widgetsinit.h"

#include <QApplication>
#include <QDir>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <borehole/report.h>

namespace borehole {

QString initGuiApplication(QApplication& app, const QString& locale)
{
    QApplication::setOrganizationName(QStringLiteral("Borehole"));
    QApplication::setOrganizationDomain(QStringLiteral("borehole.io"));
    if (QApplication::applicationName().isEmpty()
        || QApplication::applicationName() == QLatin1String("borehole"))
        QApplication::setApplicationName(QStringLiteral("borehole"));
    QApplication::setApplicationVersion(QString::fromStdString(version()));
    QApplication::setApplicationDisplayName(QStringLiteral("Borehole"));
    QApplication::setDesktopFileName(QStringLiteral("io.borehole.Borehole"));
    initBoreholeWidgets();
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/borehole.svg")));

    const QLocale wanted = locale.isEmpty() ? QLocale() : QLocale(locale);
    const QString appDir = QApplication::applicationDirPath();
    const QStringList folders{appDir + QStringLiteral("/../share/borehole/translations"),
                              appDir + QStringLiteral("/translations"),
                              QStringLiteral(BOREHOLE_BUILD_TRANSLATIONS_DIR)};
    auto* translator = new QTranslator(&app);
    for (const QString& folder : folders) {
        if (translator->load(wanted, QStringLiteral("borehole"), QStringLiteral("_"), folder)) {
            QApplication::installTranslator(translator);
            auto* qt = new QTranslator(&app);
            if (qt->load(wanted, QStringLiteral("qtbase"), QStringLiteral("_"),
                         QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
                QApplication::installTranslator(qt);
            return translator->language();
        }
    }
    delete translator;
    return QStringLiteral("en");
}

} // namespace borehole
