#pragma once
// Test support for Borehole's core tests. With Qt (the desktop build) the tests are plain Qt Test
// classes run by QTest::qExec. Core must also be testable where only libtorch exists (GPU
// servers), so without Qt the same sources compile against a small stand-in that provides the
// subset of Qt Test used here and prints Qt-style results. BH_TEST_MAIN lists the test
// functions; in Qt builds it checks that list against the class's private slots, so a test
// cannot silently be missing from the Qt-less run. Test classes put BH_TEST_FRIEND in their
// body so that main() may name the private test slots.
#define BH_TEST_FRIEND friend int main(int, char**);
#include <cmath>
#include <cstdio>
#include <string>

#ifdef BOREHOLE_TEST_WITH_QT
#include <QMetaMethod>
#include <QtTest/QtTest>

namespace bh {
inline int privateTestSlots(const QMetaObject* mo)
{
    int n = 0;
    for (int i = mo->methodOffset(); i < mo->methodCount(); ++i) {
        const QMetaMethod m = mo->method(i);
        const QByteArray name = m.name();
        if (m.methodType() != QMetaMethod::Slot || m.access() != QMetaMethod::Private)
            continue;
        if (name == "initTestCase" || name == "cleanupTestCase" || name == "init"
            || name == "cleanup" || name.endsWith("_data"))
            continue;
        ++n;
    }
    return n;
}
} // namespace bh

#define BH_TEST_MAIN(Class, ...)                                                                   \
    int main(int argc, char** argv)                                                                \
    {                                                                                              \
        Class tc;                                                                                  \
        const int declared = bh::privateTestSlots(tc.metaObject());                                \
        const int listed = static_cast<int>(std::initializer_list<void (Class::*)()>{__VA_ARGS__}  \
                                                .size());                                          \
        if (declared != listed) {                                                                  \
            std::fprintf(stderr, "%s: %d private test slots but BH_TEST_MAIN lists %d\n", #Class, \
                         declared, listed);                                                        \
            return 1;                                                                              \
        }                                                                                          \
        return QTest::qExec(&tc, argc, argv);                                                      \
    }

#define BH_COMPARE_TEXT(actual, expected)                                                          \
    QCOMPARE(QString::fromStdString(actual), QString::fromStdString(expected))

#else // the stand-in for machines without Qt

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <initializer_list>
#include <sstream>
#include <type_traits>
#include <utility>
#include <vector>

class QObject
{
public:
    virtual ~QObject() = default;
};
#define Q_OBJECT
#define slots
#define Q_SLOTS

namespace bh {
struct State
{
    bool failed = false;
    bool skipped = false;
};
inline State& state()
{
    static State s;
    return s;
}
inline void fail(const char* file, int line, const std::string& what)
{
    state().failed = true;
    std::printf("   %s\n   Loc: [%s(%d)]\n", what.c_str(), file, line);
}
template <typename T, typename = void>
struct Streamable : std::false_type
{
};
template <typename T>
struct Streamable<T, std::void_t<decltype(std::declval<std::ostream&>() << std::declval<const T&>())>>
    : std::true_type
{
};
inline std::string show(const std::string& v)
{
    return "\"" + v + "\"";
}
inline std::string show(const char* v)
{
    return "\"" + std::string(v) + "\"";
}
template <typename T>
std::string show(const T& v)
{
    if constexpr (Streamable<T>::value) {
        std::ostringstream o;
        o << v;
        return o.str();
    } else {
        return "(a value that cannot be printed)";
    }
}
template <typename T>
std::string show(const std::vector<T>& v)
{
    std::string s = "{";
    for (std::size_t i = 0; i < v.size(); ++i)
        s += (i ? ", " : "") + show(v[i]);
    return s + "}";
}

/// QCOMPARE's equality: exact, except that floating-point values compare as Qt Test compares
/// them (qFuzzyCompare: 12 significant digits for double, 5 for float; a zero expected value
/// takes a fuzzily zero actual one; NaN equals NaN; infinities of the same sign are equal).
template <typename A, typename B>
bool same(const A& actual, const B& expected)
{
    if constexpr (std::is_floating_point_v<A> && std::is_floating_point_v<B>) {
        const bool single = std::is_same_v<A, float> || std::is_same_v<B, float>;
        const double a = static_cast<double>(actual), e = static_cast<double>(expected);
        const double scale = single ? 1e5 : 1e12;
        const double zero = single ? 0.00001 : 0.000000000001;
        if (std::isnan(e))
            return std::isnan(a);
        if (std::isinf(e))
            return std::isinf(a) && (a < 0) == (e < 0);
        if (std::abs(e) > zero)
            return std::abs(a - e) * scale <= std::min(std::abs(a), std::abs(e));
        return std::abs(a) <= zero;
    } else {
        return actual == expected;
    }
}

template <typename Class>
int runAll(Class& tc, const char* className, const char* names,
           std::initializer_list<void (Class::*)()> tests)
{
    std::vector<std::string> list;
    std::string cur;
    for (const char* c = names; *c; ++c) {
        if (*c == ',') {
            list.push_back(cur);
            cur.clear();
        } else if (*c != ' ' && *c != '&') {
            cur += *c;
        }
    }
    list.push_back(cur);
    int passed = 0, failedCount = 0, skipped = 0;
    const auto start = std::chrono::steady_clock::now();
    std::printf("********* Start testing of %s (no-Qt runner) *********\n", className);
    std::size_t i = 0;
    for (auto fn : tests) {
        std::string name = list[i++];
        if (const auto colon = name.rfind("::"); colon != std::string::npos)
            name = name.substr(colon + 2);
        state() = State{};
        try {
            (tc.*fn)();
        } catch (const std::exception& e) {
            fail(__FILE__, __LINE__, std::string("Caught unhandled exception: ") + e.what());
        } catch (...) {
            fail(__FILE__, __LINE__, "Caught unhandled exception");
        }
        const char* tag = state().failed ? "FAIL!  " : state().skipped ? "SKIP   " : "PASS   ";
        std::printf("%s: %s::%s()\n", tag, className, name.c_str());
        (state().failed ? failedCount : state().skipped ? skipped : passed)++;
    }
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - start)
                        .count();
    std::printf("Totals: %d passed, %d failed, %d skipped, 0 blacklisted, %lldms\n", passed,
                failedCount, skipped, static_cast<long long>(ms));
    std::printf("********* Finished testing of %s *********\n", className);
    return failedCount;
}
} // namespace bh

#define QVERIFY(cond)                                                                              \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            bh::fail(__FILE__, __LINE__, "'" #cond "' returned FALSE.");                           \
            return;                                                                                \
        }                                                                                          \
    } while (0)
#define QVERIFY2(cond, message)                                                                    \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            bh::fail(__FILE__, __LINE__, std::string("'" #cond "' returned FALSE. (") + (message) \
                                             + ")");                                               \
            return;                                                                                \
        }                                                                                          \
    } while (0)
#define QCOMPARE(actual, expected)                                                                 \
    do {                                                                                           \
        if (!bh::same((actual), (expected))) {                                                     \
            bh::fail(__FILE__, __LINE__,                                                           \
                     "Compared values are not the same\n   Actual   (" #actual "): "               \
                         + bh::show(actual) + "\n   Expected (" #expected "): "                    \
                         + bh::show(expected));                                                    \
            return;                                                                                \
        }                                                                                          \
    } while (0)
#define QFAIL(message)                                                                             \
    do {                                                                                           \
        bh::fail(__FILE__, __LINE__, message);                                                     \
        return;                                                                                    \
    } while (0)
#define QSKIP(message)                                                                             \
    do {                                                                                           \
        bh::state().skipped = true;                                                                \
        std::printf("   SKIP: %s\n", message);                                                     \
        return;                                                                                    \
    } while (0)
#define BH_COMPARE_TEXT(actual, expected) QCOMPARE(std::string(actual), std::string(expected))
/// Qt's qInfo(format, ...): a line on standard output.
#define qInfo(...) (std::printf(__VA_ARGS__), std::printf("\n"))
#define BH_TEST_MAIN(Class, ...)                                                                   \
    int main(int, char**)                                                                          \
    {                                                                                              \
        Class tc;                                                                                  \
        return bh::runAll(tc, #Class, #__VA_ARGS__, {__VA_ARGS__});                                \
    }

#endif

namespace bh {
inline std::string closeMessage(double actual, double expected, double tolerance)
{
    char buf[200];
    std::snprintf(buf, sizeof buf, "actual %.9g, expected %.9g, relative error %.3g > %.3g",
                  actual, expected,
                  std::abs(actual - expected) / std::max(std::abs(expected), 1e-300), tolerance);
    return buf;
}
} // namespace bh

/// |actual − expected| ≤ tolerance·|expected| (absolute tolerance when expected is 0).
#define BH_CLOSE(actual, expected, tolerance)                                                      \
    do {                                                                                           \
        const double bhA = (actual), bhE = (expected), bhT = (tolerance);                          \
        QVERIFY2(std::abs(bhA - bhE) <= bhT * (bhE == 0.0 ? 1.0 : std::abs(bhE)),                  \
                 bh::closeMessage(bhA, bhE, bhT).c_str());                                         \
    } while (0)

/// `expr` throws `Type` whose what() equals `message` exactly.
#define BH_THROWS(expr, Type, message)                                                             \
    do {                                                                                           \
        bool bhThrew = false;                                                                      \
        try {                                                                                      \
            (void)(expr);                                                                          \
        } catch (const Type& bhE) {                                                                \
            bhThrew = true;                                                                        \
            BH_COMPARE_TEXT(std::string(bhE.what()), std::string(message));                        \
        }                                                                                          \
        QVERIFY2(bhThrew, "expected " #Type " from " #expr);                                       \
    } while (0)

/// `expr` throws `Type` whose what() starts with `prefix` (for messages ending in OS text).
#define BH_THROWS_PREFIX(expr, Type, prefix)                                                       \
    do {                                                                                           \
        bool bhThrew = false;                                                                      \
        try {                                                                                      \
            (void)(expr);                                                                          \
        } catch (const Type& bhE) {                                                                \
            bhThrew = true;                                                                        \
            const std::string bhWhat = bhE.what();                                                 \
            QVERIFY2(bhWhat.rfind((prefix), 0) == 0,                                               \
                     (std::string("message was: ") + bhWhat).c_str());                             \
        }                                                                                          \
        QVERIFY2(bhThrew, "expected " #Type " from " #expr);                                       \
    } while (0)
