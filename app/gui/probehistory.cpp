#include "probehistory.h"

#include "workspace.h"

#include <QTime>

namespace borehole {

ProbeHistory::ProbeHistory(QObject* parent) : QObject(parent) {}

bool ProbeHistory::contains(int index) const
{
    return index >= 0 && index < static_cast<int>(m_entries.size());
}

void ProbeHistory::add(const ProbeReport& report)
{
    m_entries.push_back({probeLabel(++m_probesAdded, report,
                                    QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))),
                         report, true});
    m_current = static_cast<int>(m_entries.size()) - 1;
    emit changed();
}

void ProbeHistory::restore(const Workspace& workspace)
{
    m_entries = workspace.history;
    m_current = workspace.historyCurrent;
    if (m_entries.empty() && workspace.report) {
        m_entries.push_back({probeLabel(1, *workspace.report, tr("saved")), *workspace.report,
                             true});
        m_current = 0;
    }
    m_probesAdded = static_cast<int>(m_entries.size());
    emit changed();
}

void ProbeHistory::setCurrent(int index)
{
    if (index == m_current)
        return;
    m_current = index;
    emit changed();
}

bool ProbeHistory::setCompared(int index, bool compared)
{
    if (!contains(index))
        return false;
    m_entries[static_cast<std::size_t>(index)].compared = compared;
    emit entryChanged(index);
    emit edited();
    return true;
}

bool ProbeHistory::rename(int index, const QString& label)
{
    if (!contains(index) || m_entries[static_cast<std::size_t>(index)].label == label
        || label.trimmed().isEmpty())
        return false;
    m_entries[static_cast<std::size_t>(index)].label = label.trimmed();
    emit entryChanged(index);
    emit edited();
    return true;
}

bool ProbeHistory::remove(int index)
{
    if (!contains(index))
        return false;
    m_entries.erase(m_entries.begin() + index);
    if (m_current == index)
        m_current = -1;
    else if (m_current > index)
        --m_current;
    emit changed();
    emit edited();
    return true;
}

} // namespace borehole
