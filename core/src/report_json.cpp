// JSON and CSV forms of reports and grids. Schema "borehole.probe-report/1" is documented in
// docs/formats.md; readers accept missing keys (defaults) so older files stay readable.
#include "borehole/error.h"
#include "borehole/report.h"
#include "json_fields.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <limits>
#include <sstream>

namespace borehole {

NLOHMANN_JSON_SERIALIZE_ENUM(DirectionKind, {{DirectionKind::Random, "random"},
                                             {DirectionKind::Gradient, "gradient"},
                                             {DirectionKind::Pca, "pca"}})
NLOHMANN_JSON_SERIALIZE_ENUM(HvpMode, {{HvpMode::Exact, "exact"},
                                       {HvpMode::FiniteDifference, "fd"}})
NLOHMANN_JSON_SERIALIZE_ENUM(LanczosBasis, {{LanczosBasis::Stored, "stored"},
                                            {LanczosBasis::TwoPass, "two-pass"}})
NLOHMANN_JSON_SERIALIZE_ENUM(HvpGraph, {{HvpGraph::Auto, "auto"},
                                        {HvpGraph::Recompute, "recompute"},
                                        {HvpGraph::Graph, "graph"}})
NLOHMANN_JSON_SERIALIZE_ENUM(TraceEstimator, {{TraceEstimator::Hutchinson, "hutchinson"},
                                              {TraceEstimator::HutchPlusPlus, "hutch++"}})
NLOHMANN_JSON_SERIALIZE_ENUM(CurvatureMode, {{CurvatureMode::None, "none"},
                                             {CurvatureMode::Grid, "grid"},
                                             {CurvatureMode::Hvp, "hvp"}})
NLOHMANN_JSON_SERIALIZE_ENUM(PointBatching, {{PointBatching::Auto, "auto"},
                                             {PointBatching::On, "on"},
                                             {PointBatching::Off, "off"}})
NLOHMANN_JSON_SERIALIZE_ENUM(Task, {{Task::Regression, "regression"},
                                    {Task::Classification, "classification"}})
NLOHMANN_JSON_SERIALIZE_ENUM(Metric, {{Metric::Mse, "mse"},
                                      {Metric::Mae, "mae"},
                                      {Metric::Accuracy, "accuracy"},
                                      {Metric::Loss, "loss"}})

BOREHOLE_JSON_TYPE(ProbeCost, forwards, gradients, hvps, seconds)
BOREHOLE_JSON_TYPE(LossGradient, loss, gradientNorm, parameterNorm,
                   cost)
BOREHOLE_JSON_TYPE(CurvatureOptions, kind, count, epsilon,
                   pcaSamples, seed)
BOREHOLE_JSON_TYPE(CurvatureResult, kind, epsilon, norms,
                   directional, meanNorm, stdNorm, meanDirectional,
                   stdDirectional, explainedVariance, cost)
BOREHOLE_JSON_TYPE(HvpGraphOptions, mode, memoryBudgetBytes,
                   blockRows)
BOREHOLE_JSON_TYPE(HvpPlan, strategy, reason, rows, blockRows, blocks,
                   retainedBlocks, bytesPerRow, fixedBytes,
                   estimatedBytes, retainedBytes, budgetBytes)
BOREHOLE_JSON_TYPE(EigenOptions, relativeTolerance, maxIterations,
                   hvp, fdEpsilon, seed, basis, ritzVector, gradientStart, graph)
BOREHOLE_JSON_TYPE(EigenResult, method, start, value, converged, iterations,
                   history, errors, changes, hvpPlan, cost)
BOREHOLE_JSON_TYPE(TraceOptions, exactUpTo, structural, estimator, sketchSize,
                   relativeTolerance, minSamples, maxSamples, hvp,
                   fdEpsilon, seed, graph)
BOREHOLE_JSON_TYPE(TraceResult, estimator, estimate, standardError,
                   lowRankPart, samples, converged, history, hvpPlan,
                   cost)
BOREHOLE_JSON_TYPE(SpectrumOptions, topK, bottomK, relativeTolerance,
                   maxIterations, densityRuns, densitySteps,
                   gridPoints, bandwidth, exactUpTo, hvp, fdEpsilon,
                   seed, graph)
BOREHOLE_JSON_TYPE(SpectrumResult, method, top, topResiduals, bottom,
                   bottomResiduals, lambdaMax, lambdaMin,
                   negativeCurvature, negativeRatio, eigenvalues,
                   trace, iterations, converged, densityX, densityY,
                   densityRuns, bandwidth, hvpPlan, cost)
BOREHOLE_JSON_TYPE(SharpnessOptions, rho, samples, layerwise, seed)
BOREHOLE_JSON_TYPE(SharpnessResult, baseLoss, meanIncrease,
                   worstIncrease, radius, increases, cost)
BOREHOLE_JSON_TYPE(DirectionOptions, filterNormalize, keepBiases,
                   orthogonalize, seed)
BOREHOLE_JSON_TYPE(SurfaceOptions, resolution, resolutionY, span,
                   directions, curvature, refine, refineStride,
                   refineTolerance, pointBatching, pointBatchBytes)
BOREHOLE_JSON_TYPE(LineOptions, resolution, span, directions,
                   pointBatching, pointBatchBytes)
BOREHOLE_JSON_TYPE(Axis, name, unit, values)
BOREHOLE_JSON_TYPE(PointBatchTrial, pointsPerLaunch, points,
                   secondsPerPoint, layout)
BOREHOLE_JSON_TYPE(Grid1D, x, values, valueName, centerValue,
                   standardError, sampleRows, populationRows,
                   evaluation, batchTrials, cost)
BOREHOLE_JSON_TYPE(Grid2D, x, y, values, valueName, curvature,
                   curvatureName, centerValue, directionCosine,
                   explainedVariance, directionKind, evaluated,
                   pathX, pathY, standardError, sampleRows,
                   populationRows, evaluation, batchTrials, cost)
BOREHOLE_JSON_TYPE(ParameterInfo, name, shape, count)
BOREHOLE_JSON_TYPE(ModelSummary, path, parameters, parameterCount,
                   layerCount, device, hasBuffers)
BOREHOLE_JSON_TYPE(DataSummary, path, rows, trainRows,
                   validationRows, columns, featureColumns,
                   targetColumns, task, classCount,
                   standardizedFeatures, standardizedTargets,
                   validationFraction, seed, device)
BOREHOLE_JSON_TYPE(ProblemSummary, loss, device, parameterCount,
                   probeRows, batchSize, outputShape, threads, output,
                   featureScaleWarning)
BOREHOLE_JSON_TYPE(ProbeSettings, directionKinds, curvature, power,
                   lanczos, eigen, trace, traceOptions, spectrum,
                   spectrumOptions, sharpness, sharpnessOptions, line,
                   lineOptions, surface, surfaceOptions, metric, seed,
                   timeBudget)

namespace {

constexpr const char* kReportSchema = "borehole.probe-report/1";
constexpr const char* kGridSchema = "borehole.grid/1";

template <typename T>
void putOptional(nlohmann::json& j, const char* key, const std::optional<T>& v)
{
    if (v)
        j[key] = *v;
}

template <typename T>
void getOptional(const nlohmann::json& j, const char* key, std::optional<T>& v)
{
    if (j.contains(key) && !j.at(key).is_null()) {
        T value;
        json::readField(j, key, value);
        v = std::move(value);
    }
}

/// JSON has no NaN or ±Inf: nlohmann writes them as null. Reading turns every null below the
/// top level back into NaN, so a report with an unmeasured value (e.g. the first iteration's
/// relative change) reads back as written.
void nullsToNaN(nlohmann::json& j)
{
    if (j.is_null()) {
        j = std::numeric_limits<double>::quiet_NaN();
        return;
    }
    if (j.is_structured())
        for (auto& item : j)
            nullsToNaN(item);
}

std::string num(double v)
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.9g", v);
    return buf;
}

} // namespace

std::string toJson(const ProbeReport& r, int indent)
{
    nlohmann::json j;
    j["schema"] = kReportSchema;
    j["borehole"] = r.borehole;
    j["model"] = r.model;
    j["data"] = r.data;
    j["problem"] = r.problem;
    j["settings"] = r.settings;
    j["base"] = r.base;
    j["metricName"] = r.metricName;
    j["validationMetric"] = r.validationMetric;
    j["curvature"] = r.curvature;
    putOptional(j, "power", r.power);
    putOptional(j, "lanczos", r.lanczos);
    putOptional(j, "trace", r.trace);
    putOptional(j, "spectrum", r.spectrum);
    putOptional(j, "sharpness", r.sharpness);
    putOptional(j, "line", r.line);
    putOptional(j, "surface", r.surface);
    j["total"] = r.total;
    if (!r.budgetNotes.empty())
        j["budgetNotes"] = r.budgetNotes;
    return j.dump(indent);
}

ProbeReport probeReportFromJson(const std::string& text, const std::string& sourceName)
{
    try {
        auto j = nlohmann::json::parse(text);
        if (!j.is_object() || j.value("schema", std::string()) != kReportSchema)
            throw InputError(sourceName + ": not a Borehole probe report (expected schema \""
                             + kReportSchema + "\")");
        for (auto& item : j) // optional sections stay null (absent)
            if (!item.is_null())
                nullsToNaN(item);
        ProbeReport r;
        r.validationMetric = 0.0;
        json::readField(j, "borehole", r.borehole);
        json::readField(j, "model", r.model);
        json::readField(j, "data", r.data);
        json::readField(j, "problem", r.problem);
        json::readField(j, "settings", r.settings);
        json::readField(j, "base", r.base);
        json::readField(j, "metricName", r.metricName);
        json::readField(j, "validationMetric", r.validationMetric);
        json::readField(j, "curvature", r.curvature);
        getOptional(j, "power", r.power);
        getOptional(j, "lanczos", r.lanczos);
        getOptional(j, "trace", r.trace);
        getOptional(j, "spectrum", r.spectrum);
        getOptional(j, "sharpness", r.sharpness);
        getOptional(j, "line", r.line);
        getOptional(j, "surface", r.surface);
        json::readField(j, "total", r.total);
        json::readField(j, "budgetNotes", r.budgetNotes);
        return r;
    } catch (const json::FieldError& e) {
        throw InputError(sourceName + ": malformed probe report: " + e.what());
    } catch (const nlohmann::json::exception& e) {
        throw InputError(sourceName + ": malformed probe report: " + e.what());
    }
}

std::string toJson(const Grid2D& grid, int indent)
{
    nlohmann::json j = grid;
    j["schema"] = kGridSchema;
    return j.dump(indent);
}

std::string toJson(const Grid1D& grid, int indent)
{
    nlohmann::json j = grid;
    j["schema"] = kGridSchema;
    return j.dump(indent);
}

std::string toCsv(const Grid2D& g)
{
    std::ostringstream o;
    const bool curv = !g.curvature.empty();
    const bool se = !g.standardError.empty();
    o << "alpha,beta," << g.valueName << (curv ? ",curvature" : "")
      << (se ? ",standard_error" : "") << "\n";
    for (std::size_t iy = 0; iy < g.ny(); ++iy)
        for (std::size_t ix = 0; ix < g.nx(); ++ix) {
            o << num(g.x.values[ix]) << "," << num(g.y.values[iy]) << "," << num(g.at(ix, iy));
            if (curv)
                o << "," << num(g.curvature[iy * g.nx() + ix]);
            if (se)
                o << "," << num(g.standardError[iy * g.nx() + ix]);
            o << "\n";
        }
    return o.str();
}

std::string toCsv(const Grid1D& g)
{
    std::ostringstream o;
    const bool se = !g.standardError.empty();
    o << "alpha," << g.valueName << (se ? ",standard_error" : "") << "\n";
    for (std::size_t i = 0; i < g.values.size(); ++i) {
        o << num(g.x.values[i]) << "," << num(g.values[i]);
        if (se)
            o << "," << num(g.standardError[i]);
        o << "\n";
    }
    return o.str();
}

} // namespace borehole
