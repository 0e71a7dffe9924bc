#include "selection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <numeric>

namespace borehole {

std::optional<SelectedPoint> GridSelection::best() const
{
    if (points.empty())
        return std::nullopt;
    return *std::min_element(points.begin(), points.end(),
                             [](const SelectedPoint& a, const SelectedPoint& b) {
                                 return a.value < b.value;
                             });
}

GridSelection selectRegion(const Grid2D& grid, double x0, double x1, double y0, double y1)
{
    GridSelection s;
    s.source = QStringLiteral("heatmap");
    s.xMin = std::min(x0, x1);
    s.xMax = std::max(x0, x1);
    s.yMin = std::min(y0, y1);
    s.yMax = std::max(y0, y1);
    s.xAxis.name = grid.x.name;
    s.xAxis.unit = grid.x.unit;
    s.yAxis.name = grid.y.name;
    s.yAxis.unit = grid.y.unit;
    s.valueName = QString::fromStdString(grid.valueName);
    s.curvatureName = QString::fromStdString(grid.curvatureName);
    const bool hasCurvature = grid.curvature.size() == grid.values.size();
    for (std::size_t iy = 0; iy < grid.ny(); ++iy) {
        const double b = grid.y.values[iy];
        if (b < s.yMin || b > s.yMax)
            continue;
        for (std::size_t ix = 0; ix < grid.nx(); ++ix) {
            const double a = grid.x.values[ix];
            if (a < s.xMin || a > s.xMax)
                continue;
            SelectedPoint p;
            p.ix = static_cast<int>(ix);
            p.iy = static_cast<int>(iy);
            p.alpha = a;
            p.beta = b;
            p.value = grid.at(ix, iy);
            if (hasCurvature)
                p.curvature = grid.curvature[iy * grid.nx() + ix];
            s.points.push_back(p);
        }
    }
    return s;
}

QString selectionToJson(const GridSelection& s, const SelectionContext& context)
{
    auto axis = [](const Axis& a) {
        return QJsonObject{{QStringLiteral("name"), QString::fromStdString(a.name)},
                           {QStringLiteral("unit"), QString::fromStdString(a.unit)}};
    };
    auto pointJson = [](const SelectedPoint& p) {
        QJsonObject o{{QStringLiteral("ix"), p.ix},
                      {QStringLiteral("iy"), p.iy},
                      {QStringLiteral("alpha"), p.alpha},
                      {QStringLiteral("beta"), p.beta},
                      {QStringLiteral("value"), p.value}};
        if (p.curvature)
            o.insert(QStringLiteral("curvature"), *p.curvature);
        return o;
    };
    QJsonArray points;
    for (const auto& p : s.points)
        points.append(pointJson(p));

    QJsonObject summary{{QStringLiteral("count"), static_cast<int>(s.points.size())}};
    if (!s.points.empty()) {
        const double sum = std::accumulate(s.points.begin(), s.points.end(), 0.0,
                                           [](double acc, const SelectedPoint& p) {
                                               return acc + p.value;
                                           });
        const auto [lo, hi] = std::minmax_element(
            s.points.begin(), s.points.end(),
            [](const SelectedPoint& a, const SelectedPoint& b) { return a.value < b.value; });
        summary.insert(QStringLiteral("minValue"), lo->value);
        summary.insert(QStringLiteral("maxValue"), hi->value);
        summary.insert(QStringLiteral("meanValue"), sum / static_cast<double>(s.points.size()));
        summary.insert(QStringLiteral("best"), pointJson(*lo));
    }

    const bool pca = s.source == QLatin1String("pca");
    QJsonObject region{
        {QStringLiteral("space"), pca ? QStringLiteral("pca") : QStringLiteral("alpha-beta")},
        {QStringLiteral("x"), QJsonArray{s.xMin, s.xMax}},
        {QStringLiteral("y"), QJsonArray{s.yMin, s.yMax}},
        {QStringLiteral("unit"), pca ? QStringLiteral("standardised principal-component score")
                                     : QString::fromStdString(s.xAxis.unit)}};

    QJsonObject root{
        {QStringLiteral("format"), QStringLiteral("borehole.selection/1")},
        {QStringLiteral("source"), s.source},
        {QStringLiteral("model"), context.modelPath},
        {QStringLiteral("data"), context.dataPath},
        {QStringLiteral("seed"), QString::number(context.seed)},
        {QStringLiteral("directionKind"), context.directionKind},
        {QStringLiteral("axes"), QJsonObject{{QStringLiteral("alpha"), axis(s.xAxis)},
                                             {QStringLiteral("beta"), axis(s.yAxis)}}},
        {QStringLiteral("value"),
         QJsonObject{{QStringLiteral("name"), s.valueName},
                     {QStringLiteral("unit"), QStringLiteral("loss units of the problem")}}},
        {QStringLiteral("region"), region},
        {QStringLiteral("summary"), summary},
        {QStringLiteral("points"), points}};
    if (!s.curvatureName.isEmpty())
        root.insert(QStringLiteral("curvature"),
                    QJsonObject{{QStringLiteral("name"), s.curvatureName},
                                {QStringLiteral("unit"),
                                 QStringLiteral("loss units per squared direction unit")}});
    return QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented));
}

QString selectionToCsv(const GridSelection& s)
{
    const bool curvature = std::any_of(s.points.begin(), s.points.end(),
                                       [](const SelectedPoint& p) { return p.curvature; });
    QString out = QStringLiteral("ix,iy,alpha,beta,value");
    if (curvature)
        out += QStringLiteral(",curvature");
    out += QLatin1Char('\n');
    for (const auto& p : s.points) {
        out += QStringLiteral("%1,%2,%3,%4,%5")
                   .arg(p.ix)
                   .arg(p.iy)
                   .arg(p.alpha, 0, 'g', 17)
                   .arg(p.beta, 0, 'g', 17)
                   .arg(p.value, 0, 'g', 17);
        if (curvature)
            out += QLatin1Char(',') + (p.curvature ? QString::number(*p.curvature, 'g', 17)
                                                   : QString());
        out += QLatin1Char('\n');
    }
    return out;
}

} // namespace borehole
