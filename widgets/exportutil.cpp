#include "exportutil.h"

#include <borehole/files.h>
#include <borehole/report.h>

#include <QBuffer>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <QTextDocument>
#include <QUrl>

#include <qcustomplot.h>

#include <exception>

namespace borehole {

bool writeAtomicallyWith(const QString& path, const std::function<bool(const QString&)>& write,
                         QString* error)
{
    try {
        writeFileAtomicallyWith(path.toStdString(), [&](const std::string& temp) {
            return write(QString::fromStdString(temp));
        });
        return true;
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromStdString(e.what());
        return false;
    }
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

QString pngBase64(const QImage& image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return QString::fromLatin1(bytes.toBase64());
}

bool writeHtmlPdf(const QString& path, const QString& html, const QList<QImage>& images,
                  const QString& title, QString* error)
{
    return writeAtomicallyWith(
        path,
        [&](const QString& temp) {
            QTextDocument doc;
            for (qsizetype i = 0; i < images.size(); ++i)
                if (!images[i].isNull())
                    doc.addResource(QTextDocument::ImageResource,
                                    QUrl(QStringLiteral("figure%1.png").arg(i)), images[i]);
            doc.setHtml(html);
            QPdfWriter writer(temp);
            writer.setPageSize(QPageSize(QPageSize::A4));
            writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
            writer.setResolution(150);
            writer.setTitle(title);
            writer.setCreator(QStringLiteral("Borehole"));
            doc.setPageSize(QSizeF(writer.width(), writer.height()));
            doc.print(&writer);
            return true;
        },
        error);
}

} // namespace borehole
