#include "borehole/html_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace borehole {

namespace {

std::string withLineBreaks(const std::string& escaped)
{
    std::string out;
    for (char c : escaped) {
        if (c == '\n')
            out += "<br>";
        else
            out += c;
    }
    return out;
}

std::string row(const std::vector<std::string>& cells, const char* tag)
{
    std::string out = "<tr>";
    for (const auto& c : cells)
        out += std::string("<") + tag + ">" + withLineBreaks(escapeHtml(c)) + "</" + tag + ">";
    return out + "</tr>\n";
}

} // namespace

HtmlReport::HtmlReport(std::string title) : m_title(std::move(title)) {}

void HtmlReport::heading(const std::string& text, int level)
{
    const std::string h = "h" + std::to_string(std::clamp(level, 1, 4));
    m_body += "<" + h + ">" + escapeHtml(text) + "</" + h + ">\n";
}

void HtmlReport::paragraph(const std::string& text)
{
    m_body += "<p>" + withLineBreaks(escapeHtml(text)) + "</p>\n";
}

void HtmlReport::note(const std::string& text)
{
    m_body += "<p><i>" + withLineBreaks(escapeHtml(text)) + "</i></p>\n";
}

void HtmlReport::keyValueTable(const std::vector<std::pair<std::string, std::string>>& rows)
{
    m_body += "<table>\n";
    for (const auto& [key, value] : rows)
        m_body += "<tr><th align=\"left\">" + escapeHtml(key) + "</th><td>" + withLineBreaks(escapeHtml(value))
                  + "</td></tr>\n";
    m_body += "</table>\n";
}

void HtmlReport::table(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows)
{
    m_body += "<table>\n" + row(header, "th");
    for (const auto& r : rows)
        m_body += row(r, "td");
    m_body += "</table>\n";
}

void HtmlReport::image(const std::string& title, const std::string& source, int width,
                       const std::string& caption)
{
    heading(title, 3);
    m_body += "<p><img src=\"" + escapeHtml(source) + "\" width=\""
              + std::to_string(std::clamp(width, 1, maxFigureWidth)) + "\" alt=\""
              + escapeHtml(title) + "\"></p>\n";
    if (!caption.empty())
        note(caption);
}

void HtmlReport::svg(const std::string& title, const std::string& svgMarkup,
                     const std::string& caption)
{
    heading(title, 3);
    m_body += "<p>" + svgMarkup + "</p>\n";
    if (!caption.empty())
        note(caption);
}

void HtmlReport::figure(const HtmlFigure& f)
{
    if (!f.source.empty()) {
        image(f.title, f.source, f.width, f.caption);
    } else if (!f.svg.empty()) {
        svg(f.title, f.svg, f.caption);
    } else {
        heading(f.title, 3);
        note(f.caption);
    }
}

void HtmlReport::preformatted(const std::string& text)
{
    m_body += "<pre style=\"white-space: pre-wrap\">" + escapeHtml(text) + "</pre>\n";
}

std::string HtmlReport::html() const
{
    return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n<title>" + escapeHtml(m_title)
           + "</title>\n<style>body{font-family:sans-serif;max-width:70em;margin:1em auto;}"
             "table{border-collapse:collapse;margin-bottom:1em;}"
             "th,td{border:1px solid #bbb;padding:2px 6px;}"
             "th{background:#eef;text-align:left;}img{max-width:100%;}</style>\n</head><body>\n"
           + m_body + "</body></html>\n";
}

std::string escapeHtml(const std::string& text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string reportNumber(double value, int digits)
{
    if (!std::isfinite(value))
        return "–";
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.*g", std::clamp(digits, 1, 17), value);
    return buf;
}

std::string readableNumbers(const std::string& text)
{
    auto isDigit = [](char c) { return c >= '0' && c <= '9'; };
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        // A candidate starts at a digit (or a minus before one) not preceded by a digit or '.'.
        const bool boundary = i == 0 || !(isDigit(text[i - 1]) || text[i - 1] == '.');
        const std::size_t start = i;
        std::size_t j = i;
        if (boundary && text[j] == '-' && j + 1 < text.size() && isDigit(text[j + 1]))
            ++j;
        if (boundary && j < text.size() && isDigit(text[j])) {
            while (j < text.size() && isDigit(text[j]))
                ++j;
            std::size_t k = j;
            if (k < text.size() && text[k] == '.') {
                ++k;
                std::size_t decimals = 0;
                while (k < text.size() && isDigit(text[k]))
                    ++k, ++decimals;
                const bool end = k == text.size() || !(isDigit(text[k]) || text[k] == '.');
                if (decimals == 6 && end) {
                    char buf[48];
                    std::snprintf(buf, sizeof buf, "%.6g", std::stod(text.substr(start, k - start)));
                    out += buf;
                    i = k;
                    continue;
                }
            }
            out += text.substr(start, j - start);
            i = j;
            continue;
        }
        out += text[i++];
    }
    return out;
}

std::string fillPlaceholders(std::string pattern, const std::vector<std::string>& args)
{
    std::string out;
    out.reserve(pattern.size());
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '%' && i + 1 < pattern.size() && pattern[i + 1] >= '1'
            && pattern[i + 1] <= '9') {
            const std::size_t k = static_cast<std::size_t>(pattern[i + 1] - '1');
            if (k < args.size()) {
                out += args[k];
                ++i;
                continue;
            }
        }
        out += pattern[i];
    }
    return out;
}

} // namespace borehole
