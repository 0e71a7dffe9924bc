#include "exportutil.h"

#include <borehole/report.h>

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSvgGenerator>
#include <QTemporaryFile>

#include <qcustomplot.h>

#include <cstdio>
#include <exception>

namespace borehole {

namespace {

// Translation context for the free functions of this file.
struct ExportText
{
    Q_DECLARE_TR_FUNCTIONS(Export)
};

} // namespace

bool writeAtomicallyWith(const QString& path, const std::function<bool(const QString&)>& write,
                         QString* error)
{
    const QFileInfo info(path);
    // Reserve a unique temporary name next to the target (same file system, so rename is
    // atomic); the writer then (re)creates it.
    QTemporaryFile reserve(info.absolutePath() + QStringLiteral("/.%1.XXXXXX.%2")
                                                     .arg(info.completeBaseName(), info.suffix()));
    reserve.setAutoRemove(false);
    if (!reserve.open()) {
        if (error)
            *error = ExportText::tr("Cannot write to the folder of %1: %2").arg(path, reserve.errorString());
        return false;
    }
    const QString temp = reserve.fileName();
    reserve.close();
    QString writeError;
    if (!write(temp)) {
        QFile::remove(temp);
        if (error)
            *error = ExportText::tr("Cannot write %1.").arg(path);
        return false;
    }
    if (std::rename(QFile::encodeName(temp).constData(), QFile::encodeName(path).constData())
        != 0) {
        QFile::remove(temp);
        if (error)
            *error = ExportText::tr("Cannot replace %1.").arg(path);
        return false;
    }
    return true;
}

bool writeTextAtomically(const QString& path, const QString& text, QString* error)
{
    try {
        writeFileAtomically(path.toStdString(), text.toStdString());
        return true;
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromStdString(e.what());
        return false;
    }
}

bool saveImageAtomically(const QImage& image, const QString& path, QString* error)
{
    return writeAtomicallyWith(
        path, [&](const QString& temp) { return image.save(temp, "PNG"); }, error);
}

bool savePlot(QCustomPlot* plot, const QString& path, int width, int height, QString* error)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("pdf")) {
        return writeAtomicallyWith(
            path, [&](const QString& temp) { return plot->savePdf(temp, width, height); }, error);
    }
    if (suffix == QLatin1String("svg")) {
        return writeAtomicallyWith(
            path,
            [&](const QString& temp) {
                QSvgGenerator generator;
                generator.setFileName(temp);
                generator.setSize(QSize(width, height));
                generator.setViewBox(QRect(0, 0, width, height));
                generator.setTitle(QStringLiteral("Borehole plot"));
                QCPPainter painter;
                if (!painter.begin(&generator))
                    return false;
                plot->toPainter(&painter, width, height);
                return painter.end();
            },
            error);
    }
    return saveImageAtomically(plot->toPixmap(width, height).toImage(), path, error);
}

} // namespace borehole
