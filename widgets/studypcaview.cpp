#include "studypcaview.h"

#include "pca.h"
#include "plotstyle.h"
#include "studyscatter.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <cmath>
#include <string>

namespace borehole {

StudyPcaView::StudyPcaView(QWidget* parent) : QWidget(parent)
{
    m_colour = new QComboBox(this);
    m_scatter = new StudyScatter(new QCustomPlot(this));
    connect(m_scatter, &StudyScatter::configurationsPicked, this,
            &StudyPcaView::configurationsPicked);
    auto* layout = new QVBoxLayout(this);
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("colour"), this));
    bar->addWidget(m_colour, 1);
    bar->addStretch(1);
    layout->addLayout(bar);
    layout->addWidget(plot(), 1);
    connect(m_colour, &QComboBox::currentIndexChanged, this, &StudyPcaView::redraw);
    fillKeyCombo(m_colour, studyColourKeys(m_rows), kPromisingnessKey);
}

void StudyPcaView::setRows(const StudyRows& rows)
{
    m_rows = rows;
    fillKeyCombo(m_colour, studyColourKeys(m_rows), kPromisingnessKey);
    redraw();
}

void StudyPcaView::setSelectedConfigurations(const std::vector<std::int64_t>& ids)
{
    m_scatter->setSelectedConfigurations(ids);
}

int StudyPcaView::pointCount() const
{
    return m_scatter->dotCount();
}

QString StudyPcaView::colourKey() const
{
    return m_colour->currentData().toString();
}

QCustomPlot* StudyPcaView::plot() const
{
    return m_scatter->plot();
}

void StudyPcaView::redraw()
{
    QCustomPlot* pca = plot();
    m_scatter->clear();
    std::vector<ConfigurationRecord> done;
    std::vector<const RankedConfiguration*> rows;
    for (const auto& [id, row] : m_rows)
        if (row.record.status == RunStatus::Done) {
            done.push_back(row.record);
            rows.push_back(&row);
        }
    if (done.size() >= 2) {
        const auto names = metaModelInputNames(done);
        const std::size_t dims = names.size();
        std::vector<double> table;
        table.reserve(done.size() * dims);
        for (const auto& record : done)
            for (double v : metaModelInput(record, names))
                table.push_back(v);
        // Missing features take the column mean, so one NaN does not drop a configuration.
        for (std::size_t d = 0; d < dims; ++d) {
            double sum = 0.0;
            int n = 0;
            for (std::size_t r = 0; r < done.size(); ++r)
                if (std::isfinite(table[r * dims + d])) {
                    sum += table[r * dims + d];
                    ++n;
                }
            for (std::size_t r = 0; r < done.size(); ++r)
                if (!std::isfinite(table[r * dims + d]))
                    table[r * dims + d] = n > 0 ? sum / n : 0.0;
        }
        const auto projection = principalComponents(table, done.size(), dims, 2);
        if (projection.components == 2) {
            std::vector<std::int64_t> ids;
            std::vector<double> xs, ys, cs;
            const QString cKey = colourKey();
            for (std::size_t r = 0; r < done.size(); ++r) {
                ids.push_back(rows[r]->record.id);
                xs.push_back(projection.score(r, 0));
                ys.push_back(projection.score(r, 1));
                cs.push_back(studyValue(*rows[r], cKey));
            }
            m_scatter->addDots(ids, xs, ys, cs);
            m_scatter->setNote(missingColourNote(cKey, cs));
            pca->xAxis->setLabel(tr("PC1 (%1 % of variance)")
                                     .arg(100.0 * projection.explainedVariance[0], 0, 'f', 0));
            pca->yAxis->setLabel(tr("PC2 (%1 % of variance)")
                                     .arg(100.0 * projection.explainedVariance[1], 0, 'f', 0));
            m_scatter->colourScale()->axis()->setLabel(
                axisLabel(studyKeyLabel(cKey), studyKeyUnit(cKey)));
            pca->rescaleAxes();
            pca->xAxis->scaleRange(1.2, pca->xAxis->range().center());
            pca->yAxis->scaleRange(1.2, pca->yAxis->range().center());
        }
    }
    m_scatter->showSelection(); // replots
}

std::optional<StudyReportFigure> StudyPcaView::reportFigure() const
{
    if (pointCount() == 0)
        return std::nullopt;
    return StudyReportFigure{tr("PCA of configurations"),
                             tr("Meta-model inputs on two principal components, coloured by %1.")
                                 .arg(studyKeyLabel(colourKey())),
                             plot()->toPixmap(900, 600).toImage()};
}

} // namespace borehole
