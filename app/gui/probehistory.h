#pragma once
// The probes kept for comparison (issue 14): every probe finished in this session and those of
// an opened workspace, in order, and which of them the views show. The Probes list and the
// Compare tab draw from it; the main window adds finished probes and shows the entry the list
// asks for. Plain data and signals: no widgets, no files.
#include "probecompare.h"

#include <QObject>

#include <vector>

namespace borehole {

struct Workspace;

/// The session's probe history: ProbeHistoryEntry values in order and the index of the one the
/// views show (−1: none). Every change goes through the methods below; an index out of range
/// changes nothing (the editing methods then return false). changed() covers the list and the
/// current entry, entryChanged() an entry's own name or tick, edited() whatever the user changed
/// (the workspace then differs from its file).
class ProbeHistory : public QObject
{
    Q_OBJECT
public:
    explicit ProbeHistory(QObject* parent = nullptr);

    const std::vector<ProbeHistoryEntry>& entries() const { return m_entries; }
    /// The entry the views show, or −1 (none, or the results were cleared).
    int current() const { return m_current; }
    bool contains(int index) const;

    /// Appends a finished probe, ticked for comparison, as the current entry. Its default name
    /// is "#n · model on data · HH:mm:ss" (now), n counting the probes since restore(). Emits
    /// changed().
    void add(const ProbeReport& report);
    /// Replaces the history with a workspace's (its entries and current index). A workspace
    /// saved before the history existed brings its one report as "#1 · … · saved", shown.
    /// Emits changed().
    void restore(const Workspace& workspace);
    /// Emits changed() when `index` is not already the current one (−1: none).
    void setCurrent(int index);

    /// Ticks or unticks an entry for the Compare tab; emits entryChanged() and edited().
    bool setCompared(int index, bool compared);
    /// Renames an entry to `label` trimmed; an empty or unchanged name is refused. Emits
    /// entryChanged() and edited().
    bool rename(int index, const QString& label);
    /// Forgets an entry. When it is the current one no entry is current afterwards (the views
    /// keep showing its results; they are just no longer kept). Emits changed() and edited().
    bool remove(int index);

signals:
    /// Entries were added, removed or replaced, or the current entry changed.
    void changed();
    /// Entry `index`'s name or tick changed (nothing else did).
    void entryChanged(int index);
    /// The user renamed, ticked, unticked or removed an entry.
    void edited();

private:
    std::vector<ProbeHistoryEntry> m_entries;
    int m_current = -1;
    int m_probesAdded = 0; ///< numbers the default names (#1, #2, …)
};

} // namespace borehole
