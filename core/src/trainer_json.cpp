// Names of optimizers and the JSON run records of `borehole-cli train` and `lr-find`
// (schemas "borehole.train-run/1" and "borehole.lr-find/1", documented in docs/training.md).
#include "trainer_json.h"

#include "borehole/error.h"
#include "borehole/lr_finder.h"
#include "borehole/report.h"
#include "internal.h"
#include "text.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

namespace borehole {

std::string toString(OptimizerKind kind)
{
    switch (kind) {
    case OptimizerKind::Sgd: return "sgd";
    case OptimizerKind::Adam: return "adam";
    case OptimizerKind::AdamW: return "adamw";
    case OptimizerKind::Sam: return "sam";
    case OptimizerKind::Guided: return "guided";
    }
    return "sgd";
}

OptimizerKind parseOptimizerKind(const std::string& text)
{
    const std::string t = toLower(text);
    for (auto k : {OptimizerKind::Sgd, OptimizerKind::Adam, OptimizerKind::AdamW,
                   OptimizerKind::Sam, OptimizerKind::Guided})
        if (t == toString(k))
            return k;
    throw InputError("unknown optimizer '" + text + "' (expected sgd, adam, adamw, sam or guided)");
}

nlohmann::json numberOrNull(double v)
{
    return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

double numberOrNan(const nlohmann::json& j, const char* key)
{
    if (!j.contains(key) || !j.at(key).is_number())
        return std::numeric_limits<double>::quiet_NaN();
    return j.at(key).get<double>();
}

nlohmann::json costToJson(const ProbeCost& c)
{
    return {{"forwards", c.forwards}, {"gradients", c.gradients}, {"hvps", c.hvps},
            {"seconds", c.seconds}};
}

ProbeCost costFromJson(const nlohmann::json& j)
{
    ProbeCost c;
    c.forwards = j.value("forwards", std::int64_t(0));
    c.gradients = j.value("gradients", std::int64_t(0));
    c.hvps = j.value("hvps", std::int64_t(0));
    c.seconds = j.value("seconds", 0.0);
    return c;
}

nlohmann::json trainResultToJson(const TrainResult& r)
{
    nlohmann::json curve = nlohmann::json::array();
    for (const auto& p : r.curve)
        curve.push_back({{"step", p.step},
                         {"trainLoss", numberOrNull(p.trainLoss)},
                         {"validationMetric", numberOrNull(p.validationMetric)},
                         {"fullTrainLoss", numberOrNull(p.fullTrainLoss)},
                         {"learningRate", p.learningRate},
                         {"lambdaMax", numberOrNull(p.lambdaMax)}});
    nlohmann::json adjustments = nlohmann::json::array();
    for (const auto& a : r.adjustments)
        adjustments.push_back({{"step", a.step},
                               {"lambdaMax", numberOrNull(a.lambdaMax)},
                               {"oldRate", a.oldRate},
                               {"newRate", a.newRate},
                               {"reason", a.reason}});
    return {{"steps", r.steps},
            {"resumedFromStep", r.resumedFromStep},
            {"diverged", r.diverged},
            {"stopReason", r.stopReason},
            {"initialTrainLoss", numberOrNull(r.initialTrainLoss)},
            {"finalTrainLoss", numberOrNull(r.finalTrainLoss)},
            {"finalValidationMetric", numberOrNull(r.finalValidationMetric)},
            {"finalLearningRate", r.finalLearningRate},
            {"trainingCost", costToJson(r.trainingCost)},
            {"probeCost", costToJson(r.probeCost)},
            {"seconds", r.seconds},
            {"curve", curve},
            {"adjustments", adjustments}};
}

void trainResultFromJson(const nlohmann::json& j, TrainResult& r)
{
    r.steps = j.value("steps", std::int64_t(0));
    r.resumedFromStep = j.value("resumedFromStep", std::int64_t(0));
    r.diverged = j.value("diverged", false);
    r.stopReason = j.value("stopReason", std::string());
    r.initialTrainLoss = numberOrNan(j, "initialTrainLoss");
    r.finalTrainLoss = numberOrNan(j, "finalTrainLoss");
    r.finalValidationMetric = numberOrNan(j, "finalValidationMetric");
    r.finalLearningRate = j.value("finalLearningRate", 0.0);
    if (j.contains("trainingCost"))
        r.trainingCost = costFromJson(j.at("trainingCost"));
    if (j.contains("probeCost"))
        r.probeCost = costFromJson(j.at("probeCost"));
    r.seconds = j.value("seconds", 0.0);
    r.curve.clear();
    for (const auto& p : j.value("curve", nlohmann::json::array())) {
        TrainPoint t;
        t.step = p.value("step", std::int64_t(0));
        t.trainLoss = numberOrNan(p, "trainLoss");
        t.validationMetric = numberOrNan(p, "validationMetric");
        t.fullTrainLoss = numberOrNan(p, "fullTrainLoss");
        t.learningRate = p.value("learningRate", 0.0);
        t.lambdaMax = numberOrNan(p, "lambdaMax");
        r.curve.push_back(t);
    }
    r.adjustments.clear();
    for (const auto& a : j.value("adjustments", nlohmann::json::array())) {
        LrAdjustment t;
        t.step = a.value("step", std::int64_t(0));
        t.lambdaMax = numberOrNan(a, "lambdaMax");
        t.oldRate = a.value("oldRate", 0.0);
        t.newRate = a.value("newRate", 0.0);
        t.reason = a.value("reason", std::string());
        r.adjustments.push_back(t);
    }
}

namespace {

nlohmann::json optimizerToJson(const OptimizerOptions& o)
{
    return {{"kind", toString(o.kind)},
            {"learningRate", o.learningRate},
            {"momentum", o.momentum},
            {"nesterov", o.nesterov},
            {"weightDecay", o.weightDecay},
            {"beta1", o.beta1},
            {"beta2", o.beta2},
            {"adamEpsilon", o.adamEpsilon},
            {"samRho", o.samRho},
            {"samAdaptive", o.samAdaptive},
            {"samBase", toString(o.samBase)},
            {"guidedFactor", o.guidedFactor},
            {"guidedEvery", o.guidedEvery},
            {"guidedIterations", o.guidedIterations},
            {"guidedBase", toString(o.guidedBase)},
            {"guidedGrowth", o.guidedGrowth},
            {"guidedHvp", toString(o.guidedHvp)},
            {"guidedFdEpsilon", o.guidedFdEpsilon},
            {"guidedSpikeFactor", o.guidedSpikeFactor},
            {"guidedScale", o.guidedScale}};
}

nlohmann::json problemToJson(const Problem& problem)
{
    const auto& m = problem.model().summary();
    const auto& d = problem.data().summary();
    const auto& p = problem.summary();
    return {{"model", {{"path", m.path}, {"parameterCount", m.parameterCount},
                       {"hasBuffers", m.hasBuffers}}},
            {"data", {{"path", d.path}, {"trainRows", d.trainRows},
                      {"validationRows", d.validationRows}, {"task", toString(d.task)},
                      {"targetColumns", d.targetColumns},
                      {"standardizedTargets", d.standardizedTargets}, {"seed", d.seed}}},
            {"loss", p.loss},
            {"device", p.device},
            {"probeRows", p.probeRows}};
}

} // namespace

std::string trainRunJson(const Problem& problem, const TrainOptions& o, const TrainResult& r,
                         int indent)
{
    nlohmann::json j;
    j["schema"] = "borehole.train-run/1";
    j["borehole"] = version();
    j["problem"] = problemToJson(problem);
    j["options"] = {{"optimizer", optimizerToJson(o.optimizer)},
                    {"steps", o.steps},
                    {"epochs", o.epochs},
                    {"batchSize", o.batchSize},
                    {"validateEvery", o.validateEvery},
                    {"metric", toString(o.metric)},
                    {"seed", o.seed},
                    {"logEvery", o.logEvery},
                    {"checkpointPath", o.checkpointPath},
                    {"checkpointEvery", o.checkpointEvery},
                    {"resumePath", o.resumePath}};
    j["result"] = trainResultToJson(r);
    return j.dump(indent);
}

std::string lrFinderJson(const Problem& problem, const LrFinderOptions& o,
                         const LrFinderResult& r, int indent)
{
    nlohmann::json j;
    j["schema"] = "borehole.lr-find/1";
    j["borehole"] = version();
    j["problem"] = problemToJson(problem);
    j["options"] = {{"optimizer", optimizerToJson(o.optimizer)},
                    {"minRate", o.minRate},
                    {"maxRate", o.maxRate},
                    {"steps", o.steps},
                    {"batchSize", o.batchSize},
                    {"smoothing", o.smoothing},
                    {"divergeFactor", o.divergeFactor},
                    {"skipStart", o.skipStart},
                    {"skipEnd", o.skipEnd},
                    {"seed", o.seed}};
    auto list = [](const std::vector<double>& v) {
        nlohmann::json a = nlohmann::json::array();
        for (double x : v)
            a.push_back(numberOrNull(x));
        return a;
    };
    j["result"] = {{"rates", list(r.rates)},
                   {"losses", list(r.losses)},
                   {"smoothed", list(r.smoothed)},
                   {"suggestion", numberOrNull(r.suggestion)},
                   {"minimumRate", numberOrNull(r.minimumRate)},
                   {"diverged", r.diverged},
                   {"stopReason", r.stopReason},
                   {"cost", costToJson(r.cost)}};
    return j.dump(indent);
}

} // namespace borehole
