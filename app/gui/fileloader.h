#pragma once
// Reading the files the main window opens — a TorchScript model, a CSV data set, a workspace
// with the model and data it names — on a thread of their own, so that a large model does not
// freeze the window, and the recent-files list (QSettings "recentFiles") behind File › Open
// Recent. The loader only reads: what the window does with a file stays in the window.
#include "workspace.h"

#include <borehole/csv.h>
#include <borehole/model.h>

#include <QObject>
#include <QString>

#include <functional>
#include <optional>

class QMenu;

namespace borehole {

/// A workspace file with the model and data set it names, read and checked as a whole.
struct LoadedWorkspace
{
    Workspace workspace;
    std::optional<Model> model; ///< on the CPU; none when the workspace names no model
    std::optional<ModelSummary> modelSummary;
    std::optional<CsvTable> table; ///< none when the workspace names no data set
};

/// Reads files off the GUI thread, one at a time. While a read runs the GUI thread keeps
/// repainting and its timers run, but user input waits until it is done (so nothing re-enters
/// an open): each read is bracketed by loadingStarted() and loadingFinished(), between which
/// isLoading() is true. A read that fails returns nothing with `error` set to core's message.
/// The recent-files list keeps the last 8 files opened or saved, newest first.
class FileLoader : public QObject
{
    Q_OBJECT
public:
    explicit FileLoader(QObject* parent = nullptr);

    bool isLoading() const { return m_loading; }

    /// Loads a TorchScript model on the CPU (for checks and trial forwards on the GUI thread).
    std::optional<Model> readModel(const QString& path, QString* error);
    /// Reads a CSV data set with a header row.
    std::optional<CsvTable> readData(const QString& path, QString* error);
    /// Parses a workspace and reads the model and data set it names; any of them failing fails
    /// the whole read.
    std::optional<LoadedWorkspace> readWorkspace(const QString& path, QString* error);

    /// The menu the recent files are listed in (each opens through openRequested()), with
    /// "Clear list" below them; disabled while the list is empty.
    void setRecentMenu(QMenu* menu);
    /// Puts `path` (made absolute) first in the recent-files list.
    void addRecentFile(const QString& path);

signals:
    /// A read started; `what` says what it reads ("Loading model m.pt…").
    void loadingStarted(const QString& what);
    /// The read ended, successfully or not.
    void loadingFinished();
    /// The user picked a file in the recent-files menu.
    void openRequested(const QString& path);

private:
    /// Runs `work` on a thread of its own while an event loop without user input runs here;
    /// false with `error` set to the exception's message when `work` throws.
    bool run(const QString& what, const std::function<void()>& work, QString* error);
    void refreshRecentMenu();

    bool m_loading = false;
    QMenu* m_recentMenu = nullptr;
};

} // namespace borehole
