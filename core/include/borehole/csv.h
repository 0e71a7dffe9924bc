#pragma once
// A strict numeric CSV parser, independent of libtorch so that it can be used and tested on its
// own (the GUI uses it to offer the column chooser before anything is loaded onto a device).
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace borehole {

/// A parsed numeric table: a header of column names and rows × columns values, row-major.
struct CsvTable
{
    std::string path;
    std::vector<std::string> columns;
    std::vector<double> values; ///< rowCount() * columns.size(), row-major
    std::vector<std::size_t> rowLines; ///< 1-based file line of each data row (for messages)
    /// Column name → index, filled by parseCsv (columnIndex() searches linearly without it).
    std::unordered_map<std::string, std::size_t> columnLookup;
    std::int64_t rowCount() const
    {
        return columns.empty() ? 0 : static_cast<std::int64_t>(values.size() / columns.size());
    }
    double at(std::int64_t row, std::size_t column) const
    {
        return values[static_cast<std::size_t>(row) * columns.size() + column];
    }
    /// Index of the named column; throws InputError naming the file and the known columns.
    std::size_t columnIndex(const std::string& name) const;
};

/// Reads a CSV file with a header row. Every other row must have as many cells as the header,
/// each a finite decimal number. Blank lines are skipped; '#' at line start marks a comment.
/// Throws InputError naming the file, line and column for a missing or empty file, a ragged row,
/// a non-numeric cell, a NaN/Inf value or one beyond the float range, a NUL byte, or a column
/// name given twice. A UTF-8 byte order mark is skipped.
CsvTable readCsv(const std::string& path, char delimiter = ',');

/// Parses CSV text already in memory; `sourceName` is used in error messages.
CsvTable parseCsv(const std::string& text, const std::string& sourceName, char delimiter = ',');

} // namespace borehole
