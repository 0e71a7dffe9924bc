// JSON and CSV forms of reports and grids. Schema "borehole.probe-report/1" is documented in
// docs/formats.md; readers accept missing keys (defaults) so older files stay readable.
#include "borehole/error.h"
#include "borehole/report.h"

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
                                        {HvpGraph::Recompute, "recompute"}})
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

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ProbeCost, forwards, gradients, hvps, seconds)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(LossGradient, loss, gradientNorm, parameterNorm,
                                                cost)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(CurvatureOptions, kind, count, epsilon,
                                                pcaSamples, seed)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(CurvatureResult, kind, epsilon, norms,
                                                directional, meanNorm, stdNorm, meanDirectional,
                                                stdDirectional, explainedVariance, cost)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(HvpGraphOptions, mode, memoryBudgetBytes,
                                                blockRows)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(HvpPlan, strategy, reason, rows, blockRows, blocks,
                                                retainedBlocks, bytesPerRow, fixedBytes,
                                                estimatedBytes, retainedBytes, budgetBytes)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(EigenOptions, relativeTolerance, maxIterations,
                                                hvp, fdEpsilon, seed, basis, ritzVector, graph)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(EigenResult, method, value, converged, iterations,
                                                history, errors, changes, hvpPlan, cost)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(TraceOptions, exactUpTo, estimator, sketchSize,
                                                relativeTolerance, minSamples, maxSamples, hvp,
                                                fdEpsilon, seed, graph)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(TraceResult, estimator, estimate, standardError,
                                                lowRankPart, samples, converged, history, hvpPlan,
                                                cost)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SpectrumOptions, topK, bottomK, relativeTolerance,
                                                maxIterations, densityRuns, densitySteps,
                                                gridPoints, bandwidth, exactUpTo, hvp, fdEpsilon,
                                                seed, graph)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SpectrumResult, method, top, topResiduals, bottom,
                                                bottomResiduals, lambdaMax, lambdaMin,
                                                negativeCurvature, negativeRatio, eigenvalues,
                                                trace, iterations, converged, densityX, densityY,
                                                densityRuns, bandwidth, hvpPlan, cost)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SharpnessOptions, rho, samples, layerwise, seed)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SharpnessResult, baseLoss, meanIncrease,
                                                worstIncrease, radius, increases, cost)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DirectionOptions, filterNormalize, keepBiases,
                                                orthogonalize, seed)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SurfaceOptions, resolution, resolutionY, span,
                                                directions, curvature, refine, refineStride,
                                                refineTolerance, pointBatching, pointBatchBytes)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(LineOptions, resolution, span, directions,
                                                pointBatching, pointBatchBytes)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Axis, name, unit, values)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(PointBatchTrial, pointsPerLaunch, points,
                                                secondsPerPoint)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Grid1D, x, values, valueName, centerValue,
                                                standardError, sampleRows, populationRows,
                                                evaluation, batchTrials, cost)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Grid2D, x, y, values, valueName, curvature,
                                                curvatureName, centerValue, directionCosine,
                                                explainedVariance, directionKind, evaluated,
                                                pathX, pathY, standardError, sampleRows,
                                                populationRows, evaluation, batchTrials, cost)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ParameterInfo, name, shape, count)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ModelSummary, path, parameters, parameterCount,
                                                layerCount, device, hasBuffers)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DataSummary, path, rows, trainRows,
                                                validationRows, columns, featureColumns,
                                                targetColumns, task, classCount,
                                                standardizedFeatures, standardizedTargets,
                                                validationFraction, seed, device)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ProblemSummary, loss, device, parameterCount,
                                                probeRows, batchSize, outputShape, threads)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ProbeSettings, directionKinds, curvature, power,
                                                lanczos, eigen, trace, traceOptions, spectrum,
                                                spectrumOptions, sharpness, sharpnessOptions, line,
                                                lineOptions, surface, surfaceOptions, metric, seed)

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
    if (j.contains(key) && !j.at(key).is_null())
        v = j.at(key).get<T>();
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
        r.borehole = j.value("borehole", std::string());
        r.model = j.value("model", ModelSummary{});
        r.data = j.value("data", DataSummary{});
        r.problem = j.value("problem", ProblemSummary{});
        r.settings = j.value("settings", ProbeSettings{});
        r.base = j.value("base", LossGradient{});
        r.metricName = j.value("metricName", std::string());
        r.validationMetric = j.value("validationMetric", 0.0);
        r.curvature = j.value("curvature", std::vector<CurvatureResult>{});
        getOptional(j, "power", r.power);
        getOptional(j, "lanczos", r.lanczos);
        getOptional(j, "trace", r.trace);
        getOptional(j, "spectrum", r.spectrum);
        getOptional(j, "sharpness", r.sharpness);
        getOptional(j, "line", r.line);
        getOptional(j, "surface", r.surface);
        r.total = j.value("total", ProbeCost{});
        return r;
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
