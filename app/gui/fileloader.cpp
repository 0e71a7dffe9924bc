#include "fileloader.h"

#include <borehole/files.h>

#include <QAction>
#include <QEventLoop>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

#include <thread>

namespace borehole {

namespace {

constexpr int kMaxRecent = 8;

} // namespace

FileLoader::FileLoader(QObject* parent) : QObject(parent) {}

std::optional<Model> FileLoader::readModel(const QString& path, QString* error)
{
    // A large model takes seconds to load.
    std::optional<Model> model;
    if (!run(tr("Loading model %1…").arg(QFileInfo(path).fileName()),
             [&] { model = Model::load(path.toStdString(), DeviceKind::Cpu); }, error))
        return std::nullopt;
    return model;
}

std::optional<CsvTable> FileLoader::readData(const QString& path, QString* error)
{
    std::optional<CsvTable> table;
    if (!run(tr("Reading %1…").arg(QFileInfo(path).fileName()),
             [&] { table = readCsv(path.toStdString()); }, error))
        return std::nullopt;
    return table;
}

std::optional<LoadedWorkspace> FileLoader::readWorkspace(const QString& path, QString* error)
{
    LoadedWorkspace loaded;
    const bool read = run(
        tr("Opening workspace %1…").arg(QFileInfo(path).fileName()),
        [&] {
            Workspace& w = loaded.workspace;
            w = workspaceFromJson(QString::fromStdString(readFile(path.toStdString())), path);
            if (!w.modelPath.isEmpty()) {
                loaded.model = Model::load(w.modelPath.toStdString(), DeviceKind::Cpu);
                loaded.modelSummary = loaded.model->summary();
            }
            if (!w.dataPath.isEmpty())
                loaded.table = readCsv(w.dataPath.toStdString());
        },
        error);
    if (!read)
        return std::nullopt;
    return loaded;
}

bool FileLoader::run(const QString& what, const std::function<void()>& work, QString* error)
{
    m_loading = true;
    emit loadingStarted(what);
    std::string failure;
    bool failed = false;
    QEventLoop loop;
    std::thread worker([&] {
        try {
            work();
        } catch (const std::exception& e) {
            failure = e.what();
            failed = true;
        } catch (...) {
            failure = "unknown error";
            failed = true;
        }
        // Queued: delivered when the loop runs, even if the work ended before exec().
        QMetaObject::invokeMethod(&loop, &QEventLoop::quit, Qt::QueuedConnection);
    });
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    worker.join();
    m_loading = false;
    emit loadingFinished();
    if (failed && error)
        *error = QString::fromStdString(failure);
    return !failed;
}

void FileLoader::setRecentMenu(QMenu* menu)
{
    m_recentMenu = menu;
    refreshRecentMenu();
}

void FileLoader::addRecentFile(const QString& path)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    settings.setValue(QStringLiteral("recentFiles"), recent);
    refreshRecentMenu();
}

void FileLoader::refreshRecentMenu()
{
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    for (const QString& path : recent) {
        QAction* open = m_recentMenu->addAction(QFileInfo(path).fileName(), this,
                                                [this, path] { emit openRequested(path); });
        open->setToolTip(path);
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
    if (!recent.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear list"), this, [this] {
            QSettings().remove(QStringLiteral("recentFiles"));
            refreshRecentMenu();
        });
    }
}

} // namespace borehole
