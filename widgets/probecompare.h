#pragma once
// Compare probes (issue 14): the probes of a session or workspace as a history
// list, and a Compare view over the ones ticked there — their key numbers side
// by side, their 1D lines and spectral densities overlaid, and the difference
// of two surfaces on the same grid.
#include <borehole/report.h>

#include <QString>
#include <QStringList>
#include <QWidget>

#include <optional>
#include <vector>

class QComboBox;
class QCustomPlot;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QTableWidget;
class QTabWidget;

namespace borehole {

class HeatmapView;

/// One probe kept for comparison: its report, the name the list shows
/// (editable) and whether the Compare view includes it.
struct ProbeHistoryEntry {
    QString label;
    ProbeReport report;
    bool compared = true;
};

/// The default name of a probe: "#3 · diabetes_mlp.pt on diabetes.csv ·
/// 14:02:11".
QString probeLabel(int number, const ProbeReport& report, const QString& time);

/// A minus b, point by point, when both grids have the same axes (names, units,
/// values); else nothing and `why` says what differs. The result names its
/// value "<value> (A − B)".
std::optional<Grid2D> surfaceDifference(const Grid2D& a, const Grid2D& b, QString* why);

/// The rows of the comparison table: a name and one cell per report ("–" when a
/// report lacks the number). Loss, ‖∇L‖, λmax, λmin, trace, FD curvature per
/// direction kind, sharpness, the validation metric, the surface's range, the
/// probe's time and the model and data files.
struct CompareRow {
    QString name;
    QStringList cells;
};
std::vector<CompareRow> compareRows(const std::vector<const ProbeReport*>& reports);

/// The probes list: tick to compare, double-click (or Show) to show a probe in
/// the views, edit a name in place, Remove to forget one.
class ProbeHistoryPanel : public QWidget {
    Q_OBJECT
public:
    explicit ProbeHistoryPanel(QWidget* parent = nullptr);
    /// Lists `entries`; `current` (−1: none) is the one the views show, marked in
    /// bold.
    void setEntries(const std::vector<ProbeHistoryEntry>& entries, int current);
    QListWidget* list() const { return m_list; }

signals:
    void showRequested(int index);
    void comparedChanged(int index, bool compared);
    void renamed(int index, const QString& label);
    void removeRequested(int index);

private:
    void onItemChanged(QListWidgetItem* item);
    QListWidget* m_list = nullptr;
    bool m_filling = false;
};

/// The Compare tab.
class CompareView : public QWidget {
    Q_OBJECT
public:
    explicit CompareView(QWidget* parent = nullptr);
    /// Shows the entries whose `compared` is set (in list order).
    void setEntries(const std::vector<ProbeHistoryEntry>& entries);
    void clear();

    QTableWidget* table() const { return m_table; }
    QCustomPlot* linePlot() const { return m_lines; }
    QCustomPlot* densityPlot() const { return m_density; }
    /// FD curvature (mean ± sd of ‖ΔG‖/ε) per direction kind and λmax, one colour per probe.
    QCustomPlot* curvaturePlot() const { return m_curvature; }
    HeatmapView* differenceView() const { return m_difference; }
    /// Chooses the probes of the difference (indices into the compared probes)
    /// and redraws it.
    void setDifference(int a, int b);
    /// What the difference tab says (the two probes, or why there is no
    /// difference to show).
    QString differenceNote() const;

private:
    void redrawDifference();

    std::vector<ProbeHistoryEntry> m_entries; ///< the compared ones
    QTableWidget* m_table = nullptr;
    QTabWidget* m_tabs = nullptr;
    QCustomPlot* m_lines = nullptr;
    QCustomPlot* m_density = nullptr;
    QCustomPlot* m_curvature = nullptr;
    QComboBox* m_a = nullptr;
    QComboBox* m_b = nullptr;
    QLabel* m_note = nullptr;
    HeatmapView* m_difference = nullptr;
};

} // namespace borehole
