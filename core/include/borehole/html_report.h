#pragma once
// One builder for Borehole's HTML reports: the probe report (GUI), the study report of the GUI
// and of the CLI. A report is a title, then blocks in order: headings, paragraphs, key–value
// tables, tables, figures (an <img> source or inline SVG) and preformatted text. Every text is
// escaped here; callers never write markup. The GUI prints the same HTML to PDF through
// QTextDocument (widgets/exportutil.h), so the blocks stay within what it renders: no scripts,
// one small style sheet, figures at most `maxFigureWidth` wide, preformatted text wrapped.
// Std types only, so borehole-cli (no Qt) writes the same reports.
#include <string>
#include <utility>
#include <vector>

namespace borehole {

/// A figure of a report: an image reference, inline SVG, or neither (the caption says why).
struct HtmlFigure
{
    std::string title;
    std::string caption;
    std::string source; ///< <img> src (data: URI or a resource name); "" for an SVG figure
    int width = 0;      ///< pixels
    std::string svg;    ///< inline SVG markup when source is empty
    /// Neither: the figure could not be drawn and the caption says why.
    bool empty() const { return source.empty() && svg.empty(); }
};

class HtmlReport
{
public:
    explicit HtmlReport(std::string title);

    void heading(const std::string& text, int level = 2);
    void paragraph(const std::string& text);
    void note(const std::string& text); ///< an italic paragraph (captions, remarks)
    /// Two columns: a label and its value.
    void keyValueTable(const std::vector<std::pair<std::string, std::string>>& rows);
    /// A header row and data rows; a cell may hold several lines ('\n' → line break).
    void table(const std::vector<std::string>& header,
               const std::vector<std::vector<std::string>>& rows);
    /// A figure: `source` is an <img> src (a data: URI, or a resource name the PDF path
    /// registers), shown `width` pixels wide at most (maxFigureWidth), with a caption.
    void image(const std::string& title, const std::string& source, int width,
               const std::string& caption);
    /// A figure drawn as inline SVG markup (from core's own plotting, not from user text).
    void svg(const std::string& title, const std::string& svgMarkup, const std::string& caption);
    /// Whichever of image(), svg() or a titled note the figure holds.
    void figure(const HtmlFigure& figure);
    /// Preformatted text (JSON, summaries), wrapped so that long lines stay on a PDF page.
    void preformatted(const std::string& text);

    /// The whole page.
    std::string html() const;

    static constexpr int maxFigureWidth = 640;

private:
    std::string m_title;
    std::string m_body;
};

/// &, <, > and " as entities (as QString::toHtmlEscaped).
std::string escapeHtml(const std::string& text);
/// A number for a report cell: `digits` significant digits ("0.0123", "4.875e+29"), never a
/// run of digits in full; "–" for NaN and infinities.
std::string reportNumber(double value, int digits = 4);
/// `text` with every number printed in full fixed notation ("487475196022138785073933058048.000000",
/// std::to_string's form, in reasons stored by older versions) rewritten with six significant
/// digits ("4.87475e+29"); the rest unchanged.
std::string readableNumbers(const std::string& text);
/// Replaces %1 … %9 in `pattern` by `args` in order (the form of Qt's translated strings, so
/// one text serves core and a translation).
std::string fillPlaceholders(std::string pattern, const std::vector<std::string>& args);

} // namespace borehole
