#include "studymapview.h"

#include "plotstyle.h"
#include "studyscatter.h"
#include "surfaceview.h"

#include <borehole/studymap.h>

#include <QButtonGroup>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace borehole {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Log scale where the values span orders of magnitude (and always for rates and decays).
bool wantsLog(const QString& key, const std::vector<double>& values)
{
    double lo = std::numeric_limits<double>::infinity(), hi = 0.0;
    for (double v : values) {
        if (!std::isfinite(v))
            continue;
        if (v <= 0.0)
            return false;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    if (!(hi > 0.0))
        return false;
    return key == QLatin1String("learning_rate") || key == QLatin1String("weight_decay")
           || hi / lo > 100.0;
}

void setAxisScale(QCPAxis* axis, bool log)
{
    axis->setScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (log)
        axis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    else
        axis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
}

} // namespace

StudyMapView::StudyMapView(QWidget* parent) : QWidget(parent)
{
    m_x = new QComboBox(this);
    m_y = new QComboBox(this);
    m_colour = new QComboBox(this);
    m_scatter = new StudyScatter(new QCustomPlot(this));
    connect(m_scatter, &StudyScatter::configurationsPicked, this,
            &StudyMapView::configurationsPicked);
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("x"), this));
    bar->addWidget(m_x, 1);
    bar->addWidget(new QLabel(tr("y"), this));
    bar->addWidget(m_y, 1);
    bar->addWidget(new QLabel(tr("colour"), this));
    bar->addWidget(m_colour, 1);
    m_view2D = new QToolButton(this);
    m_view2D->setText(tr("2D map"));
    m_view2D->setToolTip(tr("One dot per configuration"));
    m_view3D = new QToolButton(this);
    m_view3D->setText(tr("3D surface"));
    m_view3D->setToolTip(tr("The colour value as a surface over the two axes, configurations "
                            "averaged per cell, with the stability bound on the floor"));
    auto* viewGroup = new QButtonGroup(this);
    for (auto* button : {m_view2D, m_view3D}) {
        button->setCheckable(true);
        button->setAutoRaise(true);
        viewGroup->addButton(button);
        bar->addWidget(button);
    }
    m_view2D->setChecked(true);
    m_surface = new SurfaceView(this);
    m_surface->setOriginMarkerVisible(false);
    connect(m_surface, &SurfaceView::exportRequested, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export 3D map"), QString(),
                                                          tr("PNG image (*.png)"));
        QString error;
        if (!path.isEmpty() && !m_surface->exportPng(path, &error))
            emit errorReported(error);
    });
    m_surfaceNote = new QLabel(this);
    m_surfaceNote->setWordWrap(true);
    auto* surfacePage = new QWidget(this);
    auto* surfaceLayout = new QVBoxLayout(surfacePage);
    surfaceLayout->setContentsMargins(0, 0, 0, 0);
    surfaceLayout->addWidget(m_surface, 1);
    surfaceLayout->addWidget(m_surfaceNote);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(plot());
    m_stack->addWidget(surfacePage);
    connect(m_view3D, &QToolButton::toggled, this,
            [this](bool on) { m_stack->setCurrentIndex(on ? 1 : 0); });
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_stack, 1);
    for (auto* box : {m_x, m_y, m_colour})
        connect(box, &QComboBox::currentIndexChanged, this, &StudyMapView::redraw);
    refillChoices();
}

void StudyMapView::setRows(const StudyRows& rows)
{
    m_rows = rows;
    refillChoices();
    redraw();
}

void StudyMapView::setDefaultAxes(const QString& x, const QString& y)
{
    m_defaultX = x;
    m_defaultY = y;
}

void StudyMapView::refillChoices()
{
    const QStringList axisKeys = studyAxisKeys(m_rows);
    fillKeyCombo(m_x, axisKeys, m_defaultX);
    fillKeyCombo(m_y, axisKeys, m_defaultY);
    fillKeyCombo(m_colour, studyColourKeys(m_rows), QStringLiteral("lambda_max"));
}

void StudyMapView::setAxes(const QString& x, const QString& y, const QString& colour)
{
    const QSignalBlocker bx(m_x), by(m_y), bc(m_colour);
    m_x->setCurrentIndex(m_x->findData(x));
    m_y->setCurrentIndex(m_y->findData(y));
    if (!colour.isEmpty())
        m_colour->setCurrentIndex(m_colour->findData(colour));
    redraw();
}

QString StudyMapView::xKey() const
{
    return m_x->currentData().toString();
}

QString StudyMapView::yKey() const
{
    return m_y->currentData().toString();
}

QString StudyMapView::colourKey() const
{
    return m_colour->currentData().toString();
}

void StudyMapView::setSelectedConfigurations(const std::vector<std::int64_t>& ids)
{
    m_scatter->setSelectedConfigurations(ids);
}

QCustomPlot* StudyMapView::plot() const
{
    return m_scatter->plot();
}

int StudyMapView::pointCount() const
{
    return m_scatter->dotCount();
}

void StudyMapView::redraw()
{
    QCustomPlot* map = plot();
    m_scatter->clear();
    m_boundaryShown = false;
    const QString xKey = this->xKey(), yKey = this->yKey(), cKey = colourKey();
    std::vector<std::int64_t> ids;
    std::vector<double> xs, ys, cs;
    std::vector<double> eosX, eosY;
    std::set<double> momenta;
    std::vector<double> lambdas;
    for (const auto& [id, row] : m_rows) {
        ids.push_back(id);
        xs.push_back(studyValue(row, xKey));
        ys.push_back(studyValue(row, yKey));
        cs.push_back(studyValue(row, cKey));
        momenta.insert(row.record.hyper.momentum);
        const double lambda = studyValue(row, QStringLiteral("lambda_max"));
        if (std::isfinite(lambda))
            lambdas.push_back(lambda);
        if (studyValue(row, QStringLiteral("eos_ratio")) > 1.0) {
            eosX.push_back(xs.back());
            eosY.push_back(ys.back());
        }
    }
    const bool logX = wantsLog(xKey, xs), logY = wantsLog(yKey, ys);
    setAxisScale(map->xAxis, logX);
    setAxisScale(map->yAxis, logY);
    map->xAxis->setLabel(axisLabel(studyKeyLabel(xKey), studyKeyUnit(xKey)));
    map->yAxis->setLabel(axisLabel(studyKeyLabel(yKey), studyKeyUnit(yKey)));
    m_scatter->colourScale()->axis()->setLabel(
        axisLabel(studyKeyLabel(cKey), studyKeyUnit(cKey)));
    const int points = m_scatter->addDots(ids, xs, ys, cs);
    m_colourNote = missingColourNote(cKey, cs);
    m_scatter->setNote(m_colourNote);
    if (!eosX.empty()) { // configurations past the edge of stability: red rings
        auto* past = map->addGraph();
        past->setLineStyle(QCPGraph::lsNone);
        past->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::red, 2),
                                              Qt::NoBrush, 15));
        past->setData(QVector<double>(eosX.begin(), eosX.end()),
                      QVector<double>(eosY.begin(), eosY.end()));
        past->setName(tr("past 2/lr bound (lr·λmax > 2+2β)"));
    }
    map->rescaleAxes();
    map->xAxis->scaleRange(1.25, map->xAxis->range().center());
    map->yAxis->scaleRange(1.25, map->yAxis->range().center());

    // The edge of stability of gradient descent with momentum β: λmax = (2 + 2β)/lr.
    double medianLambda = kNaN;
    if (!lambdas.empty()) {
        std::nth_element(lambdas.begin(), lambdas.begin() + lambdas.size() / 2, lambdas.end());
        medianLambda = lambdas[lambdas.size() / 2];
    }
    if (points > 0) {
        if (xKey == QLatin1String("learning_rate") && yKey == QLatin1String("lambda_max")) {
            // The bound is often an order of magnitude above the estimates: a log axis that
            // spans both shows how far from the edge each configuration is.
            const QCPRange xr = map->xAxis->range();
            const QCPRange yr = map->yAxis->range();
            const double lowBound = 2.0 / xr.upper;
            const double highBound = (2.0 + 2.0 * *momenta.rbegin()) / xr.lower;
            if (yr.lower > 0.0 && xr.lower > 0.0) {
                setAxisScale(map->yAxis, true);
                map->yAxis->setRange(std::min(yr.lower, lowBound) / 1.5,
                                     std::max(yr.upper, highBound) * 1.5);
            }
        }
        const QCPRange xr = map->xAxis->range();
        const QCPRange yr = map->yAxis->range();
        const auto curves = stabilityCurves(
            xKey.toStdString(), yKey.toStdString(), momenta, medianLambda, xr.lower, xr.upper,
            yr.lower, yr.upper, map->xAxis->scaleType() == QCPAxis::stLogarithmic,
            map->yAxis->scaleType() == QCPAxis::stLogarithmic);
        for (const auto& c : curves) {
            auto* curve = new QCPCurve(map->xAxis, map->yAxis);
            curve->setData(QVector<double>(c.x.begin(), c.x.end()),
                           QVector<double>(c.y.begin(), c.y.end()));
            const bool dashed = c.kind == StabilityCurve::Kind::RateOverLambda || c.beta > 0.0;
            curve->setPen(QPen(QColor(200, 0, 0), 1.5, dashed ? Qt::DashLine : Qt::SolidLine));
            switch (c.kind) {
            case StabilityCurve::Kind::LambdaOverRate:
                curve->setName(c.beta > 0.0 ? tr("λ = (2+2β)/lr, β = %1").arg(c.beta)
                                            : tr("λ = 2/lr"));
                break;
            case StabilityCurve::Kind::RateOverLambda:
                curve->setName(
                    tr("lr = (2+2β)/λmax at the median λmax %1").arg(c.lambda, 0, 'g', 3));
                break;
            case StabilityCurve::Kind::RateTimesLambda: curve->setName(tr("lr·λmax = 2")); break;
            }
            m_boundaryShown = true;
        }
    }
    bool anyNamed = false;
    for (int i = 0; i < map->plottableCount(); ++i) {
        auto* p = map->plottable(i);
        if (!p->property("borehole-point").toBool() && !p->name().isEmpty()) {
            p->addToLegend();
            anyNamed = true;
        } else {
            p->removeFromLegend();
        }
    }
    map->legend->setVisible(anyNamed);
    m_scatter->showSelection(); // replots
    redrawSurface(xs, ys, cs, logX, logY, momenta, medianLambda);
}

void StudyMapView::redrawSurface(const std::vector<double>& xs, const std::vector<double>& ys,
                                 const std::vector<double>& cs, bool logX, bool logY,
                                 const std::set<double>& momenta, double medianLambda)
{
    const QString xKey = this->xKey(), yKey = this->yKey(), cKey = colourKey();
    Grid2D grid = studyMapGrid(xs, ys, cs, studyKeyLabel(xKey).toStdString(),
                               studyKeyLabel(yKey).toStdString(),
                               studyKeyLabel(cKey).toStdString(), logX, logY);
    if (grid.nx() < 2 || grid.ny() < 2) {
        m_surface->setFloorLines({});
        m_surface->clear();
        m_surfaceNote->setText(
            tr("The 3D surface needs configurations with a value at two or more distinct "
               "values on each axis."));
        return;
    }
    // Log axes are shown as log10 values; their unit is in the title already.
    if (!logX)
        grid.x.unit = studyKeyUnit(xKey).toStdString();
    if (!logY)
        grid.y.unit = studyKeyUnit(yKey).toStdString();
    const double x0 = grid.x.values.front(), x1 = grid.x.values.back();
    const double y0 = grid.y.values.front(), y1 = grid.y.values.back();
    auto data = [](double v, bool log) { return log ? std::pow(10.0, v) : v; };
    const auto curves = stabilityCurves(xKey.toStdString(), yKey.toStdString(), momenta,
                                        medianLambda, data(x0, logX), data(x1, logX),
                                        data(y0, logY), data(y1, logY), logX, logY, 400);
    std::vector<std::vector<std::pair<double, double>>> lines;
    for (const auto& c : curves) {
        auto line = clipCurve(c, x0, x1, y0, y1, logX, logY);
        if (!line.empty())
            lines.push_back(std::move(line));
    }
    m_surface->setFloorLines(lines);
    m_surface->setGrid(grid);

    const auto filled = std::count(grid.evaluated.begin(), grid.evaluated.end(), 1);
    QStringList note;
    note << tr("%1 × %2 cells; each shows the mean %3 of the configurations in it (the other "
               "hyperparameters averaged over); %n empty cell(s) interpolated.",
               nullptr, static_cast<int>(grid.values.size()) - static_cast<int>(filled))
                .arg(grid.nx())
                .arg(grid.ny())
                .arg(studyKeyLabel(cKey));
    if (curves.empty())
        note << tr("The stability bound is drawn for learning rate against λmax, momentum or "
                   "lr·λmax.");
    else if (lines.empty())
        note << tr("The stability bound lies outside the plotted range.");
    else
        note << tr("Red on the floor: the stability bound (2+2β)/lr.");
    m_surfaceNote->setText(note.join(QLatin1Char(' ')));
}

void StudyMapView::setView3D(bool on)
{
    (on ? m_view3D : m_view2D)->setChecked(true);
}

bool StudyMapView::view3D() const
{
    return m_view3D->isChecked();
}

QString StudyMapView::surfaceNote() const
{
    return m_surfaceNote->text();
}

std::vector<StudyReportFigure> StudyMapView::reportFigures()
{
    const QString x = studyKeyLabel(xKey()), y = studyKeyLabel(yKey()),
                  colour = studyKeyLabel(colourKey());
    std::vector<StudyReportFigure> figures;
    figures.push_back({tr("Curvature map: %1 against %2").arg(y, x),
                       tr("One dot per configuration, coloured by %1; red: the stability bound "
                          "and configurations past it.")
                           .arg(colour),
                       plot()->toPixmap(900, 600).toImage()});
    StudyReportFigure surface{tr("3D surface: %1 over %2 and %3").arg(colour, x, y),
                              m_surfaceNote->text(), QImage()};
    if (m_surface->hasData())
        surface.image = m_surface->renderImage();
    if (surface.image.isNull())
        surface.caption = tr("No 3D surface: %1").arg(m_surfaceNote->text());
    figures.push_back(surface);
    return figures;
}

} // namespace borehole
