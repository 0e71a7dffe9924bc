#include "borehole/csv.h"

#include "borehole/error.h"
#include "borehole/files.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <sstream>

namespace borehole {
namespace {

std::string trim(const std::string& s)
{
    std::size_t b = 0;
    std::size_t e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r'))
        ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r'))
        --e;
    return s.substr(b, e - b);
}

std::string unquote(const std::string& s)
{
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"')
        return s.substr(1, s.size() - 2);
    return s;
}

std::vector<std::string> splitCells(const std::string& line, char delimiter)
{
    std::vector<std::string> cells;
    std::string cell;
    bool quoted = false;
    for (char c : line) {
        if (c == '"') {
            quoted = !quoted;
            cell += c;
        } else if (c == delimiter && !quoted) {
            cells.push_back(trim(cell));
            cell.clear();
        } else {
            cell += c;
        }
    }
    cells.push_back(trim(cell));
    return cells;
}

bool isBlankOrComment(const std::string& line)
{
    const std::string t = trim(line);
    return t.empty() || t[0] == '#';
}

std::string location(const std::string& source, std::size_t line)
{
    return source + ":" + std::to_string(line);
}

} // namespace

std::size_t CsvTable::columnIndex(const std::string& name) const
{
    if (columnLookup.size() == columns.size()) {
        const auto it = columnLookup.find(name);
        if (it != columnLookup.end())
            return it->second;
    } else {
        for (std::size_t i = 0; i < columns.size(); ++i)
            if (columns[i] == name)
                return i;
    }
    std::string known;
    for (const auto& c : columns)
        known += (known.empty() ? "" : ", ") + c;
    throw InputError(path + ": no column named '" + name + "' (columns: " + known + ")");
}

CsvTable parseCsv(const std::string& text, const std::string& sourceName, char delimiter)
{
    CsvTable table;
    table.path = sourceName;
    // A UTF-8 byte order mark (Excel writes one) is not part of the first column's name.
    const bool bom = text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0;
    if (const auto nul = text.find('\0'); nul != std::string::npos) {
        const auto lineOfNul = 1 + std::count(text.begin(), text.begin() + nul, '\n');
        throw InputError(location(sourceName, static_cast<std::size_t>(lineOfNul))
                         + ": contains a NUL byte; a CSV file is text (is this a binary file?)");
    }
    std::istringstream in(bom ? text.substr(3) : text);
    std::string line;
    std::size_t lineNo = 0;
    bool haveHeader = false;
    while (std::getline(in, line)) {
        ++lineNo;
        if (isBlankOrComment(line))
            continue;
        if (std::count(line.begin(), line.end(), '"') % 2 != 0)
            throw InputError(location(sourceName, lineNo)
                             + ": a quote (\") is opened but not closed on this line");
        auto cells = splitCells(line, delimiter);
        if (!haveHeader) {
            for (std::size_t i = 0; i < cells.size(); ++i) {
                std::string name = unquote(cells[i]);
                if (name.empty())
                    name = "column" + std::to_string(i + 1);
                const auto [it, added] = table.columnLookup.emplace(name, i);
                if (!added)
                    throw InputError(location(sourceName, lineNo) + ": column name '" + name
                                     + "' appears twice (columns " + std::to_string(it->second + 1)
                                     + " and " + std::to_string(i + 1)
                                     + "); rename one of them");
                table.columns.push_back(name);
            }
            haveHeader = true;
            continue;
        }
        if (cells.size() != table.columns.size()) {
            throw InputError(location(sourceName, lineNo) + ": expected "
                             + std::to_string(table.columns.size())
                             + " cells as in the header, found " + std::to_string(cells.size()));
        }
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const std::string cell = unquote(cells[c]);
            const std::string where = location(sourceName, lineNo) + ":" + std::to_string(c + 1)
                                      + " (column '" + table.columns[c] + "')";
            if (cell.empty())
                throw InputError(where + ": empty cell, expected a number");
            errno = 0;
            char* end = nullptr;
            const double v = std::strtod(cell.c_str(), &end);
            if (end == cell.c_str() || end != cell.c_str() + cell.size()
                || cell.find_first_of("xX") != std::string::npos) {
                std::string hint;
                for (const char other : {';', '\t', '|'})
                    if (other != delimiter && cell.find(other) != std::string::npos)
                        hint = std::string(" (are the cells separated by '")
                               + (other == '\t' ? std::string("\\t") : std::string(1, other))
                               + "'? give that as the delimiter)";
                throw InputError(where + ": '" + cell + "' is not a number" + hint);
            }
            if (!std::isfinite(v))
                throw InputError(where + ": value '" + cell + "' is not finite");
            if (std::fabs(v) > static_cast<double>(std::numeric_limits<float>::max()))
                throw InputError(where + ": value '" + cell
                                 + "' is outside the range of 32-bit floats (±3.4e38) that "
                                   "models compute in");
            table.values.push_back(v);
        }
        table.rowLines.push_back(lineNo);
    }
    if (!haveHeader)
        throw InputError(sourceName + ": the file is empty; expected a header row and data rows");
    if (table.values.empty())
        throw InputError(sourceName + ": the file has a header but no data rows");
    return table;
}

CsvTable readCsv(const std::string& path, char delimiter)
{
    return parseCsv(readFile(path), path, delimiter);
}

} // namespace borehole
