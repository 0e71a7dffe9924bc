#pragma once
// Atomic file output for the views and the application: every file is written to a temporary
// name in the target folder and renamed over the target, so an interrupted export never leaves
// a half-written file behind.
#include <QImage>
#include <QList>
#include <QString>

#include <functional>
#include <string>

class QCustomPlot;

namespace borehole {

/// Runs `write(temporaryPath)`, then renames the temporary file to `path`. `write` returns false
/// (optionally setting `error`) on failure; the temporary file is removed then.
bool writeAtomicallyWith(const QString& path, const std::function<bool(const QString&)>& write,
                         QString* error = nullptr);

/// Writes UTF-8 text atomically (core's writeFileAtomically); false with `error` on failure.
bool writeTextAtomically(const QString& path, const QString& text, QString* error = nullptr);

/// Saves a PNG image atomically.
bool saveImageAtomically(const QImage& image, const QString& path, QString* error = nullptr);

/// Saves a plot as PNG, PDF or SVG (chosen by the suffix of `path`) at width × height pixels
/// (points for PDF/SVG), atomically.
bool savePlot(QCustomPlot* plot, const QString& path, int width, int height,
              QString* error = nullptr);

/// The image as base64 PNG, for data: URLs.
QString pngBase64(const QImage& image);

/// Prints the HTML to an A4 PDF (15 mm margins, 150 dpi) atomically. The HTML refers to
/// images[i] as "figure<i>.png"; null images are left out.
bool writeHtmlPdf(const QString& path, const QString& html, const QList<QImage>& images,
                  const QString& title, QString* error = nullptr);

} // namespace borehole
