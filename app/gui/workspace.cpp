#include "workspace.h"

#include <borehole/error.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <limits>

namespace borehole {

namespace {

const QString kFormat = QStringLiteral("borehole.workspace/1");

QJsonArray stringArray(const std::vector<std::string>& v)
{
    QJsonArray a;
    for (const auto& s : v)
        a.append(QString::fromStdString(s));
    return a;
}

std::vector<std::string> stringVector(const QJsonValue& v)
{
    std::vector<std::string> out;
    for (const auto& s : v.toArray())
        out.push_back(s.toString().toStdString());
    return out;
}

QJsonObject settingsJson(const ProbeSettings& s)
{
    QJsonArray kinds;
    for (auto k : s.directionKinds)
        kinds.append(QString::fromStdString(toString(k)));
    return QJsonObject{
        {QStringLiteral("directionKinds"), kinds},
        {QStringLiteral("k"), s.curvature.count},
        {QStringLiteral("epsilon"), s.curvature.epsilon},
        {QStringLiteral("pcaSamples"), s.curvature.pcaSamples},
        {QStringLiteral("power"), s.power},
        {QStringLiteral("lanczos"), s.lanczos},
        {QStringLiteral("tolerance"), s.eigen.relativeTolerance},
        {QStringLiteral("maxIterations"), s.eigen.maxIterations},
        {QStringLiteral("hvp"), QString::fromStdString(toString(s.eigen.hvp))},
        {QStringLiteral("trace"), s.trace},
        {QStringLiteral("traceTolerance"), s.traceOptions.relativeTolerance},
        {QStringLiteral("traceMinSamples"), s.traceOptions.minSamples},
        {QStringLiteral("traceMaxSamples"), s.traceOptions.maxSamples},
        {QStringLiteral("traceEstimator"),
         QString::fromStdString(toString(s.traceOptions.estimator))},
        {QStringLiteral("traceSketchSize"), s.traceOptions.sketchSize},
        {QStringLiteral("spectrum"), s.spectrum},
        {QStringLiteral("spectrumTopK"), s.spectrumOptions.topK},
        {QStringLiteral("spectrumBottomK"), s.spectrumOptions.bottomK},
        {QStringLiteral("densityRuns"), s.spectrumOptions.densityRuns},
        {QStringLiteral("densitySteps"), s.spectrumOptions.densitySteps},
        {QStringLiteral("sharpness"), s.sharpness},
        {QStringLiteral("rho"), s.sharpnessOptions.rho},
        {QStringLiteral("perturbations"), s.sharpnessOptions.samples},
        {QStringLiteral("layerwise"), s.sharpnessOptions.layerwise},
        {QStringLiteral("line"), s.line},
        {QStringLiteral("surface"), s.surface},
        {QStringLiteral("resolution"), s.surfaceOptions.resolution},
        {QStringLiteral("span"), s.surfaceOptions.span},
        {QStringLiteral("filterNormalize"), s.surfaceOptions.directions.filterNormalize},
        {QStringLiteral("keepBiases"), s.surfaceOptions.directions.keepBiases},
        {QStringLiteral("orthogonalize"), s.surfaceOptions.directions.orthogonalize},
        {QStringLiteral("gridCurvature"),
         QString::fromStdString(toString(s.surfaceOptions.curvature))},
        {QStringLiteral("refine"), s.surfaceOptions.refine},
        {QStringLiteral("pointBatching"),
         QString::fromStdString(toString(s.surfaceOptions.pointBatching))},
        {QStringLiteral("metric"), QString::fromStdString(toString(s.metric))},
        {QStringLiteral("seed"), QString::number(s.seed)},
        {QStringLiteral("timeBudget"), s.timeBudget}};
}

ProbeSettings settingsFromJson(const QJsonObject& o)
{
    ProbeSettings s;
    s.directionKinds.clear();
    for (const auto& k : o.value(QStringLiteral("directionKinds")).toArray())
        s.directionKinds.push_back(parseDirectionKind(k.toString().toStdString()));
    s.curvature.count = o.value(QStringLiteral("k")).toInt(s.curvature.count);
    s.curvature.epsilon = o.value(QStringLiteral("epsilon")).toDouble(s.curvature.epsilon);
    s.curvature.pcaSamples = o.value(QStringLiteral("pcaSamples")).toInt(s.curvature.pcaSamples);
    s.power = o.value(QStringLiteral("power")).toBool(s.power);
    s.lanczos = o.value(QStringLiteral("lanczos")).toBool(s.lanczos);
    s.eigen.relativeTolerance =
        o.value(QStringLiteral("tolerance")).toDouble(s.eigen.relativeTolerance);
    s.eigen.maxIterations = o.value(QStringLiteral("maxIterations")).toInt(s.eigen.maxIterations);
    s.eigen.hvp = parseHvpMode(o.value(QStringLiteral("hvp")).toString("exact").toStdString());
    s.trace = o.value(QStringLiteral("trace")).toBool(s.trace);
    s.traceOptions.relativeTolerance =
        o.value(QStringLiteral("traceTolerance")).toDouble(s.traceOptions.relativeTolerance);
    s.traceOptions.minSamples =
        o.value(QStringLiteral("traceMinSamples")).toInt(s.traceOptions.minSamples);
    s.traceOptions.maxSamples =
        o.value(QStringLiteral("traceMaxSamples")).toInt(s.traceOptions.maxSamples);
    s.traceOptions.hvp = s.eigen.hvp;
    s.traceOptions.estimator = parseTraceEstimator(
        o.value(QStringLiteral("traceEstimator"))
            .toString(QString::fromStdString(toString(s.traceOptions.estimator)))
            .toStdString());
    s.traceOptions.sketchSize =
        o.value(QStringLiteral("traceSketchSize")).toInt(s.traceOptions.sketchSize);
    auto& sp = s.spectrumOptions;
    s.spectrum = o.value(QStringLiteral("spectrum")).toBool(s.spectrum);
    sp.topK = o.value(QStringLiteral("spectrumTopK")).toInt(sp.topK);
    sp.bottomK = o.value(QStringLiteral("spectrumBottomK")).toInt(sp.bottomK);
    sp.densityRuns = o.value(QStringLiteral("densityRuns")).toInt(sp.densityRuns);
    sp.densitySteps = o.value(QStringLiteral("densitySteps")).toInt(sp.densitySteps);
    sp.relativeTolerance = s.eigen.relativeTolerance;
    sp.maxIterations = s.eigen.maxIterations;
    sp.hvp = s.eigen.hvp;
    sp.exactUpTo = s.traceOptions.exactUpTo;
    s.sharpness = o.value(QStringLiteral("sharpness")).toBool(s.sharpness);
    s.sharpnessOptions.rho = o.value(QStringLiteral("rho")).toDouble(s.sharpnessOptions.rho);
    s.sharpnessOptions.samples =
        o.value(QStringLiteral("perturbations")).toInt(s.sharpnessOptions.samples);
    s.sharpnessOptions.layerwise =
        o.value(QStringLiteral("layerwise")).toBool(s.sharpnessOptions.layerwise);
    s.line = o.value(QStringLiteral("line")).toBool(s.line);
    s.surface = o.value(QStringLiteral("surface")).toBool(s.surface);
    auto& so = s.surfaceOptions;
    so.resolution = o.value(QStringLiteral("resolution")).toInt(so.resolution);
    so.span = o.value(QStringLiteral("span")).toDouble(so.span);
    so.directions.filterNormalize =
        o.value(QStringLiteral("filterNormalize")).toBool(so.directions.filterNormalize);
    so.directions.keepBiases = o.value(QStringLiteral("keepBiases")).toBool(so.directions.keepBiases);
    so.directions.orthogonalize =
        o.value(QStringLiteral("orthogonalize")).toBool(so.directions.orthogonalize);
    so.curvature = parseCurvatureMode(
        o.value(QStringLiteral("gridCurvature")).toString("none").toStdString());
    so.refine = o.value(QStringLiteral("refine")).toBool(so.refine);
    so.pointBatching = parsePointBatching(
        o.value(QStringLiteral("pointBatching")).toString("auto").toStdString());
    s.lineOptions.resolution = so.resolution;
    s.lineOptions.span = so.span;
    s.lineOptions.directions = so.directions;
    s.lineOptions.pointBatching = so.pointBatching;
    s.metric = parseMetric(o.value(QStringLiteral("metric")).toString("mse").toStdString());
    s.seed = o.value(QStringLiteral("seed")).toString("0").toULongLong();
    s.timeBudget = std::max(0.0, o.value(QStringLiteral("timeBudget")).toDouble(0.0));
    return s;
}

// core's toJson() writes NaN (e.g. the first relative error of power iteration, which has no
// previous estimate) as null, which probeReportFromJson() rejects. Nulls inside arrays are
// swapped for a sentinel before parsing and turned back into NaN afterwards.
constexpr double kNanSentinel = -1.2345678901234567e307;

QJsonValue replaceNulls(const QJsonValue& v, bool inArray)
{
    if (v.isNull() && inArray)
        return kNanSentinel;
    if (v.isArray()) {
        QJsonArray out;
        for (const auto& item : v.toArray())
            out.append(replaceNulls(item, true));
        return out;
    }
    if (v.isObject()) {
        QJsonObject out;
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            out.insert(it.key(), replaceNulls(it.value(), false));
        return out;
    }
    return v;
}

void restoreNans(std::vector<double>& values)
{
    for (double& x : values)
        if (x == kNanSentinel)
            x = std::numeric_limits<double>::quiet_NaN();
}

void restoreNans(ProbeReport& r)
{
    for (auto& c : r.curvature) {
        restoreNans(c.norms);
        restoreNans(c.directional);
        restoreNans(c.explainedVariance);
    }
    for (auto* e : {r.power ? &*r.power : nullptr, r.lanczos ? &*r.lanczos : nullptr})
        if (e) {
            restoreNans(e->history);
            restoreNans(e->errors);
        }
    if (r.trace)
        restoreNans(r.trace->history);
    if (r.spectrum) {
        restoreNans(r.spectrum->topResiduals);
        restoreNans(r.spectrum->bottomResiduals);
        restoreNans(r.spectrum->densityY);
    }
    if (r.sharpness)
        restoreNans(r.sharpness->increases);
    if (r.line)
        restoreNans(r.line->values);
    if (r.surface) {
        restoreNans(r.surface->values);
        restoreNans(r.surface->curvature);
    }
}

} // namespace

QString workspaceToJson(const Workspace& w)
{
    QJsonObject data{{QStringLiteral("targetColumns"), stringArray(w.data.targetColumns)},
                     {QStringLiteral("featureColumns"), stringArray(w.data.featureColumns)},
                     {QStringLiteral("task"), QString::fromStdString(toString(w.data.task))},
                     {QStringLiteral("validationFraction"), w.data.validationFraction},
                     {QStringLiteral("seed"), QString::number(w.data.seed)},
                     {QStringLiteral("standardizeFeatures"), w.data.standardizeFeatures},
                     {QStringLiteral("standardizeTargets"), w.data.standardizeTargets}};
    QJsonObject problem{{QStringLiteral("loss"), QString::fromStdString(toString(w.problem.loss))},
                        {QStringLiteral("probeRows"), static_cast<qint64>(w.problem.probeRows)},
                        {QStringLiteral("batchSize"), static_cast<qint64>(w.problem.batchSize)},
                        {QStringLiteral("seed"), QString::number(w.problem.seed)}};
    if (!w.problem.output.empty()) // which of forward()'s results is the prediction
        problem.insert(QStringLiteral("output"), QString::fromStdString(w.problem.output));
    QJsonObject root{{QStringLiteral("format"), kFormat},
                     {QStringLiteral("borehole"), QString::fromStdString(version())},
                     {QStringLiteral("model"), w.modelPath},
                     {QStringLiteral("data"), w.dataPath},
                     {QStringLiteral("device"), QString::fromStdString(toString(w.device))},
                     {QStringLiteral("dataOptions"), data},
                     {QStringLiteral("problemOptions"), problem},
                     {QStringLiteral("settings"), settingsJson(w.settings)}};
    auto reportObject = [](const ProbeReport& r) {
        return QJsonDocument::fromJson(QByteArray::fromStdString(toJson(r, -1))).object();
    };
    if (w.report)
        root.insert(QStringLiteral("report"), reportObject(*w.report));
    if (!w.history.empty()) {
        QJsonArray history;
        for (std::size_t i = 0; i < w.history.size(); ++i) {
            QJsonObject entry{{QStringLiteral("label"), w.history[i].label},
                              {QStringLiteral("compared"), w.history[i].compared}};
            if (static_cast<int>(i) == w.historyCurrent && w.report)
                entry.insert(QStringLiteral("current"), true); // its report is "report"
            else
                entry.insert(QStringLiteral("report"), reportObject(w.history[i].report));
            history.append(entry);
        }
        root.insert(QStringLiteral("history"), history);
    }
    return QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented));
}

Workspace workspaceFromJson(const QString& text, const QString& sourceName)
{
    QJsonParseError error{};
    const auto doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    const std::string source = sourceName.toStdString();
    if (error.error != QJsonParseError::NoError)
        throw InputError(source + ": not a Borehole workspace (JSON error at offset "
                         + std::to_string(error.offset) + ": "
                         + error.errorString().toStdString() + ")");
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("format")).toString() != kFormat)
        throw InputError(source + ": not a Borehole workspace (expected \"format\": \""
                         + kFormat.toStdString() + "\")");
    Workspace w;
    w.modelPath = root.value(QStringLiteral("model")).toString();
    w.dataPath = root.value(QStringLiteral("data")).toString();
    w.device = parseDeviceKind(root.value(QStringLiteral("device")).toString("auto").toStdString());
    const QJsonObject data = root.value(QStringLiteral("dataOptions")).toObject();
    w.data.targetColumns = stringVector(data.value(QStringLiteral("targetColumns")));
    w.data.featureColumns = stringVector(data.value(QStringLiteral("featureColumns")));
    w.data.task = parseTask(data.value(QStringLiteral("task")).toString("regression").toStdString());
    w.data.validationFraction =
        data.value(QStringLiteral("validationFraction")).toDouble(w.data.validationFraction);
    w.data.seed = data.value(QStringLiteral("seed")).toString("0").toULongLong();
    w.data.standardizeFeatures =
        data.value(QStringLiteral("standardizeFeatures")).toBool(w.data.standardizeFeatures);
    w.data.standardizeTargets =
        data.value(QStringLiteral("standardizeTargets")).toBool(w.data.standardizeTargets);
    const QJsonObject problem = root.value(QStringLiteral("problemOptions")).toObject();
    w.problem.loss = parseLossKind(problem.value(QStringLiteral("loss")).toString("mse").toStdString());
    w.problem.probeRows = problem.value(QStringLiteral("probeRows")).toInteger(0);
    w.problem.batchSize = problem.value(QStringLiteral("batchSize")).toInteger(128);
    w.problem.seed = problem.value(QStringLiteral("seed")).toString("0").toULongLong();
    w.problem.output = problem.value(QStringLiteral("output")).toString().toStdString();
    w.settings = settingsFromJson(root.value(QStringLiteral("settings")).toObject());
    if (root.contains(QStringLiteral("report"))) {
        const QByteArray report =
            QJsonDocument(replaceNulls(root.value(QStringLiteral("report")), false).toObject())
                .toJson();
        w.report = probeReportFromJson(report.toStdString(), source);
        restoreNans(*w.report);
    }
    const QJsonArray history = root.value(QStringLiteral("history")).toArray();
    for (qsizetype i = 0; i < history.size(); ++i) {
        const QJsonObject entry = history.at(i).toObject();
        ProbeHistoryEntry e;
        e.label = entry.value(QStringLiteral("label")).toString();
        e.compared = entry.value(QStringLiteral("compared")).toBool(true);
        const std::string where = source + ": history[" + std::to_string(i) + "]";
        if (entry.value(QStringLiteral("current")).toBool()) {
            if (!w.report || w.historyCurrent >= 0)
                throw InputError(where + " is marked current, but "
                                 + (w.report ? "another entry is already" : "there is no report"));
            e.report = *w.report;
            w.historyCurrent = static_cast<int>(i);
        } else {
            if (!entry.value(QStringLiteral("report")).isObject())
                throw InputError(where + " has no report");
            const QByteArray text =
                QJsonDocument(replaceNulls(entry.value(QStringLiteral("report")), false).toObject())
                    .toJson();
            e.report = probeReportFromJson(text.toStdString(), where);
            restoreNans(e.report);
        }
        w.history.push_back(std::move(e));
    }
    return w;
}

} // namespace borehole
