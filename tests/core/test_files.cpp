// Outputs a user keeps: atomic replacement, permissions, symlinks followed, FIFOs and devices
// written through, folders refused, failures that keep the previous file; and saved models.
#include "bh_test.h"
#include "test_support.h"

#include <borehole/error.h>
#include <borehole/files.h>
#include <borehole/model.h>

#include <algorithm>
#include <cstdlib>
#include <iterator>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace borehole;
namespace fs = std::filesystem;

namespace {

struct Scratch
{
    fs::path dir;
    Scratch()
    {
        std::string templ = (fs::temp_directory_path() / "borehole-files-XXXXXX").string();
        dir = ::mkdtemp(templ.data());
    }
    ~Scratch()
    {
        std::error_code ec;
        fs::permissions(dir, fs::perms::owner_all, fs::perm_options::add, ec);
        fs::remove_all(dir, ec);
    }
    std::string operator/(const std::string& name) const { return (dir / name).string(); }
    /// Names in the folder (temporary files would show up here).
    std::vector<std::string> names() const
    {
        std::vector<std::string> out;
        for (const auto& e : fs::directory_iterator(dir))
            out.push_back(e.path().filename().string());
        std::sort(out.begin(), out.end());
        return out;
    }
};

std::string slurp(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

} // namespace

class TestFiles : public QObject
{
    Q_OBJECT
    BH_TEST_FRIEND

private slots:
    void writesAndReplacesAtomically();
    void keepsPermissionsOfAReplacedFile();
    void followsSymlinks();
    void writesThroughAFifo();
    void refusesFoldersAndMissingFolders();
    void failedWriterKeepsThePreviousFile();
    void readOnlyFolderKeepsThePreviousFile();
    void savedModelLoadsAgain();
};

void TestFiles::writesAndReplacesAtomically()
{
    Scratch s;
    const std::string path = s / "report.json";
    QVERIFY(checkOutputTarget(path) == OutputTarget::NewFile);
    writeFileAtomically(path, "first");
    QVERIFY(checkOutputTarget(path) == OutputTarget::ReplaceFile);
    writeFileAtomically(path, "second, longer");
    BH_COMPARE_TEXT(slurp(path), "second, longer");
    QCOMPARE(s.names().size(), std::size_t(1)); // no temporary file left
    writeFileAtomically(path, "");
    BH_COMPARE_TEXT(slurp(path), "");
}

void TestFiles::keepsPermissionsOfAReplacedFile()
{
    Scratch s;
    const std::string path = s / "kept.json";
    writeFileAtomically(path, "a");
    ::chmod(path.c_str(), 0640);
    writeFileAtomically(path, "b");
    struct stat st{};
    ::stat(path.c_str(), &st);
    QCOMPARE(int(st.st_mode & 0777), 0640);
}

void TestFiles::followsSymlinks()
{
    Scratch s;
    writeFileAtomically(s / "target.json", "old");
    fs::create_symlink("target.json", s / "link.json");
    writeFileAtomically(s / "link.json", "new");
    QVERIFY(fs::is_symlink(s / "link.json"));
    BH_COMPARE_TEXT(slurp(s / "target.json"), "new");
    // A dangling link creates the file it points to.
    fs::create_symlink("later.json", s / "dangling.json");
    writeFileAtomically(s / "dangling.json", "made");
    QVERIFY(fs::is_symlink(s / "dangling.json"));
    BH_COMPARE_TEXT(slurp(s / "later.json"), "made");
    fs::create_symlink("loop.json", s / "loop.json");
    BH_THROWS(writeFileAtomically(s / "loop.json", "x"), Error,
              s / "loop.json" + ": too many levels of symbolic links");
}

void TestFiles::writesThroughAFifo()
{
    Scratch s;
    const std::string fifo = s / "pipe";
    QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
    QVERIFY(checkOutputTarget(fifo) == OutputTarget::Stream);
    std::string received;
    std::thread reader([&] { received = slurp(fifo); });
    writeFileAtomically(fifo, "streamed");
    reader.join();
    BH_COMPARE_TEXT(received, "streamed");
    QVERIFY(fs::is_fifo(fifo)); // not replaced by a regular file
    if (fs::exists("/dev/full")) {
        BH_THROWS(writeFileAtomically("/dev/full", "x"), Error,
                  "/dev/full: writing failed: disk full (No space left on device)");
        QVERIFY(fs::is_character_file("/dev/full"));
    }
}

void TestFiles::refusesFoldersAndMissingFolders()
{
    Scratch s;
    fs::create_directory(s / "folder");
    BH_THROWS(checkOutputTarget(s / "folder"), Error,
              s / "folder" + ": is a folder; give a file name to write to");
    BH_THROWS(writeFileAtomically(s / "folder", "x"), Error,
              s / "folder" + ": is a folder; give a file name to write to");
    BH_THROWS(writeFileAtomically(s / "no/such/file.json", "x"), Error,
              s / "no/such/file.json" + ": cannot write: the folder '" + s / "no/such"
                  + "' does not exist");
    BH_THROWS(readFile(s / "folder"), InputError, s / "folder" + ": is a folder, not a file");
}

void TestFiles::failedWriterKeepsThePreviousFile()
{
    Scratch s;
    const std::string path = s / "plot.png";
    writeFileAtomically(path, "good");
    BH_THROWS(writeFileAtomicallyWith(path, [](const std::string&) { return false; }), Error,
              path + ": writing failed; the previous file is kept");
    BH_THROWS(writeFileAtomicallyWith(path,
                                      [](const std::string&) -> bool {
                                          throw std::runtime_error("encoder broke");
                                      }),
              Error, path + ": writing failed: encoder broke; the previous file is kept");
    BH_COMPARE_TEXT(slurp(path), "good");
    QCOMPARE(s.names().size(), std::size_t(1));
    writeFileAtomicallyWith(path, [](const std::string& temp) {
        std::ofstream(temp, std::ios::binary) << "better";
        return true;
    });
    BH_COMPARE_TEXT(slurp(path), "better");
    QCOMPARE(s.names().size(), std::size_t(1));
}

void TestFiles::readOnlyFolderKeepsThePreviousFile()
{
    if (::geteuid() == 0)
        QSKIP("root writes into read-only folders");
    Scratch s;
    const std::string path = s / "kept.json";
    writeFileAtomically(path, "old");
    fs::permissions(s.dir, fs::perms::owner_read | fs::perms::owner_exec);
    BH_THROWS_PREFIX(writeFileAtomically(path, "new"), Error,
                     path + ": cannot replace the file: no write permission in the folder");
    BH_COMPARE_TEXT(slurp(path), "old");
}

void TestFiles::savedModelLoadsAgain()
{
    Scratch s;
    auto model = Model::load(bht::data("linear.pt"), DeviceKind::Cpu);
    auto theta = model.flatParameters();
    for (auto& v : theta)
        v += 0.25f;
    model.setFlatParameters(theta);
    const std::string path = s / "saved.pt";
    model.save(path);
    model.save(path); // replacing works too
    const auto again = Model::load(path, DeviceKind::Cpu);
    QCOMPARE(again.flatParameters(), theta);
    QCOMPARE(s.names().size(), std::size_t(1));
    BH_THROWS(model.save(s / "missing/saved.pt"), Error,
              s / "missing/saved.pt" + ": cannot write: the folder '" + s / "missing"
                  + "' does not exist");
}

BH_TEST_MAIN(TestFiles, &TestFiles::writesAndReplacesAtomically,
             &TestFiles::keepsPermissionsOfAReplacedFile, &TestFiles::followsSymlinks,
             &TestFiles::writesThroughAFifo, &TestFiles::refusesFoldersAndMissingFolders,
             &TestFiles::failedWriterKeepsThePreviousFile,
             &TestFiles::readOnlyFolderKeepsThePreviousFile, &TestFiles::savedModelLoadsAgain)

#ifdef BOREHOLE_TEST_WITH_QT
#include "test_files.moc"
#endif
