// The CSV parser on real data and on every kind of bad file, with the exact messages users see.
#include "bh_test.h"
#include "test_support.h"

#include <borehole/csv.h>
#include <borehole/error.h>

using namespace borehole;

class TestCsv : public QObject
{
    Q_OBJECT
    BH_TEST_FRIEND

private slots:
    void readsRealDiabetesData();
    void skipsBlankAndCommentLinesAndKeepsLineNumbers();
    void quotedHeaderNamesAndCrLf();
    void missingFile();
    void emptyFile();
    void headerOnly();
    void raggedRow();
    void nonNumericCell();
    void nanCell();
    void infCell();
    void emptyCell();
    void unknownColumn();
    void byteOrderMarkIsNotPartOfTheFirstName();
    void nulByteIsRefused();
    void duplicateColumnNames();
    void valueBeyondFloatRange();
    void unterminatedQuote();
    void wrongDelimiterIsSuggested();
    void hexadecimalIsNotANumber();
    void folderIsNotAFile();
    void manyColumnsAreLookedUpByName();
};

void TestCsv::readsRealDiabetesData()
{
    const auto t = readCsv(bht::example("diabetes/diabetes.csv"));
    QCOMPARE(t.columns.size(), std::size_t(11));
    QCOMPARE(t.rowCount(), std::int64_t(442));
    BH_COMPARE_TEXT(t.columns.front(), "age");
    BH_COMPARE_TEXT(t.columns.back(), "progression");
    QCOMPARE(t.at(0, 0), 59.0);
    QCOMPARE(t.at(0, 10), 151.0);
    QCOMPARE(t.at(441, 10), 57.0);
    QCOMPARE(t.columnIndex("bmi"), std::size_t(2));
}

void TestCsv::skipsBlankAndCommentLinesAndKeepsLineNumbers()
{
    const auto t = parseCsv("# comment\na,b\n\n1,2\n# more\n3,4\n", "mem.csv");
    QCOMPARE(t.rowCount(), std::int64_t(2));
    QCOMPARE(t.rowLines[0], std::size_t(4));
    QCOMPARE(t.rowLines[1], std::size_t(6));
}

void TestCsv::quotedHeaderNamesAndCrLf()
{
    const auto t = parseCsv("\"x 1\",\"y\"\r\n1.5,-2e3\r\n", "mem.csv");
    BH_COMPARE_TEXT(t.columns[0], "x 1");
    QCOMPARE(t.at(0, 1), -2000.0);
}

void TestCsv::missingFile()
{
    const std::string path = bht::data("does_not_exist.csv");
    BH_THROWS(readCsv(path), InputError, path + ": cannot open file (No such file or directory)");
}

void TestCsv::emptyFile()
{
    const std::string path = bht::data("empty.csv");
    BH_THROWS(readCsv(path), InputError,
              path + ": the file is empty; expected a header row and data rows");
}

void TestCsv::headerOnly()
{
    const std::string path = bht::data("header_only.csv");
    BH_THROWS(readCsv(path), InputError, path + ": the file has a header but no data rows");
}

void TestCsv::raggedRow()
{
    const std::string path = bht::data("ragged.csv");
    BH_THROWS(readCsv(path), InputError, path + ":3: expected 4 cells as in the header, found 3");
}

void TestCsv::nonNumericCell()
{
    const std::string path = bht::data("nonnumeric.csv");
    BH_THROWS(readCsv(path), InputError, path + ":3:2 (column 'b'): 'abc' is not a number");
}

void TestCsv::nanCell()
{
    const std::string path = bht::data("nan.csv");
    BH_THROWS(readCsv(path), InputError, path + ":3:2 (column 'b'): value 'nan' is not finite");
}

void TestCsv::infCell()
{
    const std::string path = bht::data("inf.csv");
    BH_THROWS(readCsv(path), InputError, path + ":3:3 (column 'y'): value 'inf' is not finite");
}

void TestCsv::emptyCell()
{
    BH_THROWS(parseCsv("a,b\n1,\n", "mem.csv"), InputError,
              "mem.csv:2:2 (column 'b'): empty cell, expected a number");
}

void TestCsv::unknownColumn()
{
    const auto t = parseCsv("a,b\n1,2\n", "mem.csv");
    BH_THROWS(t.columnIndex("zzz"), InputError, "mem.csv: no column named 'zzz' (columns: a, b)");
}

void TestCsv::byteOrderMarkIsNotPartOfTheFirstName()
{
    const auto t = readCsv(bht::data("bad/bom.csv"));
    BH_COMPARE_TEXT(t.columns.front(), "x1");
    QCOMPARE(t.columnIndex("x1"), std::size_t(0));
}

void TestCsv::nulByteIsRefused()
{
    // strtod stops at the NUL: "5\0 99999" must not read as 5.
    const std::string path = bht::data("bad/nul.csv");
    BH_THROWS(readCsv(path), InputError,
              path + ":2: contains a NUL byte; a CSV file is text (is this a binary file?)");
}

void TestCsv::duplicateColumnNames()
{
    BH_THROWS(parseCsv("a,b,a\n1,2,3\n", "mem.csv"), InputError,
              "mem.csv:1: column name 'a' appears twice (columns 1 and 3); rename one of them");
}

void TestCsv::valueBeyondFloatRange()
{
    BH_THROWS(parseCsv("a,b\n1,2\n3,-1e39\n", "mem.csv"), InputError,
              "mem.csv:3:2 (column 'b'): value '-1e39' is outside the range of 32-bit floats "
              "(±3.4e38) that models compute in");
    // The largest float itself is fine, and so is a tiny value.
    const auto t = parseCsv("a,b\n3.4e38,1e-300\n", "mem.csv");
    QCOMPARE(t.at(0, 0), 3.4e38);
}

void TestCsv::unterminatedQuote()
{
    BH_THROWS(parseCsv("a,b\n\"1,2\n", "mem.csv"), InputError,
              "mem.csv:2: a quote (\") is opened but not closed on this line");
}

void TestCsv::wrongDelimiterIsSuggested()
{
    BH_THROWS(parseCsv("a;b\n1;2\n", "mem.csv"), InputError,
              "mem.csv:2:1 (column 'a;b'): '1;2' is not a number (are the cells separated by "
              "';'? give that as the delimiter)");
    const auto t = parseCsv("a;b\n1;2\n", "mem.csv", ';');
    QCOMPARE(t.at(0, 1), 2.0);
}

void TestCsv::hexadecimalIsNotANumber()
{
    BH_THROWS(parseCsv("a\n0x10\n", "mem.csv"), InputError,
              "mem.csv:2:1 (column 'a'): '0x10' is not a number");
}

void TestCsv::folderIsNotAFile()
{
    const std::string path = bht::data("bad/a_folder.csv");
    BH_THROWS(readCsv(path), InputError, path + ": is a folder, not a file");
}

void TestCsv::manyColumnsAreLookedUpByName()
{
    // 20,000 columns: every name resolves to its own index (through the name index, which
    // keeps a full feature selection linear instead of quadratic).
    std::string header;
    std::string row;
    const int n = 20000;
    for (int i = 0; i < n; ++i) {
        header += (i ? "," : "") + std::string("c") + std::to_string(i);
        row += (i ? "," : "") + std::to_string(i);
    }
    const auto t = parseCsv(header + "\n" + row + "\n", "wide.csv");
    QCOMPARE(t.columnLookup.size(), std::size_t(n));
    for (int i = 0; i < n; i += 997)
        QCOMPARE(t.columnIndex("c" + std::to_string(i)), std::size_t(i));
    QCOMPARE(t.at(0, n - 1), double(n - 1));
}

BH_TEST_MAIN(TestCsv, &TestCsv::readsRealDiabetesData,
             &TestCsv::skipsBlankAndCommentLinesAndKeepsLineNumbers,
             &TestCsv::quotedHeaderNamesAndCrLf, &TestCsv::missingFile, &TestCsv::emptyFile,
             &TestCsv::headerOnly, &TestCsv::raggedRow, &TestCsv::nonNumericCell,
             &TestCsv::nanCell, &TestCsv::infCell, &TestCsv::emptyCell, &TestCsv::unknownColumn,
             &TestCsv::byteOrderMarkIsNotPartOfTheFirstName, &TestCsv::nulByteIsRefused,
             &TestCsv::duplicateColumnNames, &TestCsv::valueBeyondFloatRange,
             &TestCsv::unterminatedQuote, &TestCsv::wrongDelimiterIsSuggested,
             &TestCsv::hexadecimalIsNotANumber, &TestCsv::folderIsNotAFile,
             &TestCsv::manyColumnsAreLookedUpByName)

#ifdef BOREHOLE_TEST_WITH_QT
#include "test_csv.moc"
#endif
