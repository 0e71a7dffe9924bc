#pragma once
// The study's PCA of configurations (the study panel's "PCA of configurations" tab): every
// configuration probed without error as its meta-model inputs (metaModelInput(): the
// hyperparameters and probe features the ranking is fitted on; a missing feature takes its
// column's mean) projected on the two leading principal components, coloured by a key of
// studykeys.h. Configurations that look alike to the meta-model land close together. Selecting
// dots (drag, click, Shift adds) emits configurationsPicked(); the view rings what
// setSelectedConfigurations() is given. Needs two configurations; shows nothing before.
#include "studykeys.h"
#include "studyreport.h"

#include <QWidget>

#include <cstdint>
#include <optional>
#include <vector>

class QComboBox;
class QCustomPlot;

namespace borehole {

class StudyScatter;

class StudyPcaView : public QWidget
{
    Q_OBJECT
public:
    explicit StudyPcaView(QWidget* parent = nullptr);

    /// The configurations (by id; only those whose probe is done are projected). The colour
    /// choices are refilled from their features, the current one kept by key; then redraws.
    void setRows(const StudyRows& rows);
    /// Rings the dots of these configurations (the ranking's selection).
    void setSelectedConfigurations(const std::vector<std::int64_t>& ids);
    /// Dots on the plot.
    int pointCount() const;
    QString colourKey() const;
    QCustomPlot* plot() const;
    StudyScatter* scatter() const { return m_scatter; }
    /// The plot for the study report; none while it has no dot.
    std::optional<StudyReportFigure> reportFigure() const;

signals:
    /// The user picked dots: select these configurations, or add them with `add`.
    void configurationsPicked(const std::vector<std::int64_t>& ids, bool add);

private:
    void redraw();

    StudyRows m_rows;
    QComboBox* m_colour = nullptr;
    StudyScatter* m_scatter = nullptr;
};

} // namespace borehole
