// Study specs: parsing "borehole.study/1" JSON with errors that name the JSON path, the
// canonical JSON form, and the hyperparameter encoding. No torch here.
#include "borehole/error.h"
#include "borehole/report.h"
#include "borehole/study.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <set>

namespace borehole {

using nlohmann::json;

namespace {

constexpr const char* kSchema = "borehole.study/1";

std::string num(double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

std::string optimizerLabel(OptimizerKind k)
{
    switch (k) {
    case OptimizerKind::Sgd: return "sgd";
    case OptimizerKind::Adam: return "adam";
    case OptimizerKind::AdamW: return "adamw";
    case OptimizerKind::Sam: return "sam";
    case OptimizerKind::Guided: return "guided";
    }
    return "sgd";
}

const std::vector<std::string>& optimizerChoices()
{
    static const std::vector<std::string> c{"sgd", "adam", "adamw"};
    return c;
}

/// Walks a JSON document, remembering where it is, so every error names the path.
class Reader
{
public:
    Reader(std::string source) : m_source(std::move(source)) {}

    [[noreturn]] void fail(const std::string& path, const std::string& what) const
    {
        throw InputError(m_source + ": " + path + " " + what);
    }

    static std::string show(const json& v)
    {
        if (v.is_string())
            return "'" + v.get<std::string>() + "'";
        if (v.is_number_integer() || v.is_number_unsigned())
            return v.dump();
        if (v.is_number())
            return num(v.get<double>());
        return v.dump();
    }

    void requireObject(const json& v, const std::string& path) const
    {
        if (!v.is_object())
            fail(path, "must be an object, got " + show(v));
    }

    void allowOnly(const json& obj, const std::string& path,
                   const std::set<std::string>& keys) const
    {
        for (auto it = obj.begin(); it != obj.end(); ++it) {
            if (keys.count(it.key()) == 0) {
                std::string list;
                for (const auto& k : keys)
                    list += (list.empty() ? "" : ", ") + k;
                fail(path.empty() ? it.key() : path + "." + it.key(),
                     "is not a known key (expected one of: " + list + ")");
            }
        }
    }

    double number(const json& v, const std::string& path) const
    {
        if (!v.is_number())
            fail(path, "must be a number, got " + show(v));
        const double d = v.get<double>();
        if (!std::isfinite(d))
            fail(path, "must be finite");
        return d;
    }

    /// A whole number in [min, max]; the message names the range.
    std::int64_t integer(const json& v, const std::string& path, std::int64_t min,
                         std::int64_t max) const
    {
        const double d = number(v, path);
        if (d != std::floor(d))
            fail(path, "must be a whole number, got " + num(d));
        if (d < static_cast<double>(min) || d > static_cast<double>(max))
            fail(path, "must be a whole number from " + std::to_string(min) + " to "
                           + std::to_string(max) + ", got " + show(v));
        return static_cast<std::int64_t>(d);
    }

    /// A seed: a whole number from 0 to 2⁶⁴−1, taken exactly (a double above 2⁵³ is not exact).
    std::uint64_t seed(const json& v, const std::string& path) const
    {
        if (v.is_number_unsigned())
            return v.get<std::uint64_t>();
        // The value as written (shortest exact form), so 2⁶⁴ does not print as 1.84467e+19.
        const std::string range = "must be a whole number from 0 to 18446744073709551615, got ";
        if (v.is_number_integer()) // negative
            fail(path, range + v.dump());
        const double d = number(v, path);
        if (d != std::floor(d) || d < 0.0 || d >= 18446744073709551616.0)
            fail(path, range + v.dump());
        if (d > 9007199254740992.0)
            fail(path, "must be written as a whole number without exponent or fraction above "
                       "2^53 (it is not exact as " + v.dump() + ")");
        return static_cast<std::uint64_t>(d);
    }

    std::string string(const json& v, const std::string& path) const
    {
        if (!v.is_string())
            fail(path, "must be a string, got " + show(v));
        return v.get<std::string>();
    }

    bool boolean(const json& v, const std::string& path) const
    {
        if (!v.is_boolean())
            fail(path, "must be true or false, got " + show(v));
        return v.get<bool>();
    }

    const std::string& source() const { return m_source; }

private:
    std::string m_source;
};

struct Limits
{
    double lower;       ///< smallest allowed value
    bool lowerOpen;     ///< value must exceed `lower`
    double upper;       ///< largest allowed value (inf: none)
    bool upperOpen;
    bool integer = false;
};

Limits limitsOf(const std::string& name)
{
    // Upper bounds keep every value representable where it goes (float optimizer options,
    // int64 batch sizes) and far beyond any sensible setting: docs/study-schema.md.
    if (name == "learning_rate" || name == "init_scale")
        return {0.0, true, kMaxHyperparameterValue, false};
    if (name == "momentum")
        return {0.0, false, 1.0, true};
    if (name == "batch_size")
        return {1.0, false, static_cast<double>(kMaxBatchSize), false, true};
    return {0.0, false, kMaxHyperparameterValue, false}; // weight_decay, sam_rho
}

void checkValue(const Reader& r, const std::string& name, const std::string& path, double v)
{
    const Limits l = limitsOf(name);
    if (l.integer && v != std::floor(v))
        r.fail(path, "must be a whole number, got " + num(v));
    if (name == "momentum" && (v < 0.0 || v >= 1.0))
        r.fail(path, "must be in [0, 1), got " + num(v));
    if (l.lowerOpen && v <= l.lower)
        r.fail(path, "must be positive, got " + num(v));
    if (!l.lowerOpen && v < l.lower)
        r.fail(path, l.lower == 0.0 ? "must not be negative, got " + num(v)
                                    : "must be at least " + num(l.lower) + ", got " + num(v));
    if (v > l.upper)
        r.fail(path, "must be at most " + num(l.upper) + ", got " + num(v));
}

double defaultValue(const std::string& name)
{
    if (name == "learning_rate")
        return 1e-2;
    if (name == "batch_size")
        return 32;
    if (name == "init_scale")
        return 1.0;
    return 0.0;
}

ParameterRange parseRange(const Reader& r, const std::string& name, const json& v,
                          const std::string& path)
{
    ParameterRange p;
    p.name = name;
    p.integer = name == "batch_size";
    const bool isOptimizer = name == "optimizer";
    auto optimizerIndex = [&](const json& item, const std::string& where) {
        const std::string label = r.string(item, where);
        const auto& c = optimizerChoices();
        if (std::find(c.begin(), c.end(), label) == c.end())
            r.fail(where, "must be one of sgd, adam, adamw, got '" + label + "'");
        p.labels.push_back(label);
        return static_cast<double>(p.labels.size() - 1);
    };
    if (!v.is_object()) { // shorthand for a fixed value
        p.kind = ParameterRange::Kind::Fixed;
        if (isOptimizer) {
            p.values = {optimizerIndex(v, path)};
        } else {
            const double d = r.number(v, path);
            checkValue(r, name, path, d);
            p.values = {d};
        }
        return p;
    }
    r.allowOnly(v, path, isOptimizer ? std::set<std::string>{"value", "values"}
                                     : std::set<std::string>{"value", "values", "min", "max",
                                                             "scale", "levels"});
    const int forms = int(v.contains("value")) + int(v.contains("values"))
                      + int(v.contains("min") || v.contains("max"));
    if (forms != 1)
        r.fail(path, "needs exactly one of \"value\", \"values\" or \"min\"/\"max\"");
    if (v.contains("value")) {
        p.kind = ParameterRange::Kind::Fixed;
        const std::string where = path + ".value";
        if (isOptimizer) {
            p.values = {optimizerIndex(v["value"], where)};
        } else {
            p.values = {r.number(v["value"], where)};
            checkValue(r, name, where, p.values[0]);
        }
        return p;
    }
    if (v.contains("values")) {
        const json& list = v["values"];
        const std::string where = path + ".values";
        if (!list.is_array() || list.empty())
            r.fail(where, "must be a non-empty list, got " + Reader::show(list));
        for (std::size_t i = 0; i < list.size(); ++i) {
            const std::string item = where + "[" + std::to_string(i) + "]";
            if (isOptimizer) {
                p.values.push_back(optimizerIndex(list[i], item));
            } else {
                p.values.push_back(r.number(list[i], item));
                checkValue(r, name, item, p.values.back());
            }
        }
        p.kind = p.values.size() == 1 ? ParameterRange::Kind::Fixed : ParameterRange::Kind::Values;
        return p;
    }
    p.kind = ParameterRange::Kind::Range;
    if (!v.contains("min"))
        r.fail(path + ".min", "is required with max");
    if (!v.contains("max"))
        r.fail(path + ".max", "is required with min");
    p.min = r.number(v["min"], path + ".min");
    checkValue(r, name, path + ".min", p.min);
    p.max = r.number(v["max"], path + ".max");
    checkValue(r, name, path + ".max", p.max);
    if (p.max < p.min)
        r.fail(path + ".max", "must be at least min (" + num(p.min) + "), got " + num(p.max));
    const bool logDefault = name == "learning_rate" || name == "weight_decay";
    p.scale = logDefault ? ParameterScale::Log : ParameterScale::Linear;
    if (v.contains("scale")) {
        const std::string s = r.string(v["scale"], path + ".scale");
        if (s == "log")
            p.scale = ParameterScale::Log;
        else if (s == "linear")
            p.scale = ParameterScale::Linear;
        else
            r.fail(path + ".scale", "must be 'linear' or 'log', got '" + s + "'");
    }
    if (p.scale == ParameterScale::Log && p.min <= 0.0)
        r.fail(path + ".min", "must be positive on a log scale, got " + num(p.min));
    if (v.contains("levels"))
        p.levels = static_cast<int>(
            r.integer(v["levels"], path + ".levels", 2, kMaxStudyConfigurations));
    if (p.min == p.max) {
        p.kind = ParameterRange::Kind::Fixed;
        p.values = {p.min};
    }
    return p;
}

Metric parseMetricAt(const Reader& r, const json& v, const std::string& path)
{
    const std::string s = r.string(v, path);
    if (s == "mse")
        return Metric::Mse;
    if (s == "mae")
        return Metric::Mae;
    if (s == "accuracy")
        return Metric::Accuracy;
    r.fail(path, "must be one of mse, mae, accuracy, got '" + s + "'");
}

std::string resolvePath(const std::string& p, const std::string& baseDir)
{
    namespace fs = std::filesystem;
    if (p.empty() || fs::path(p).is_absolute() || baseDir.empty())
        return p;
    return (fs::path(baseDir) / p).lexically_normal().string();
}

std::string metricName(Metric m)
{
    switch (m) {
    case Metric::Mse: return "mse";
    case Metric::Mae: return "mae";
    case Metric::Accuracy: return "accuracy";
    case Metric::Loss: return "loss";
    }
    return "mse";
}

} // namespace

const std::vector<std::string>& hyperparameterNames()
{
    static const std::vector<std::string> names{"learning_rate", "weight_decay", "momentum",
                                                "batch_size",    "optimizer",    "sam_rho",
                                                "init_scale"};
    return names;
}

bool ParameterRange::active() const
{
    return kind == Kind::Range || (kind == Kind::Values && values.size() > 1);
}

double ParameterRange::fromUnit(double u) const
{
    u = std::clamp(u, 0.0, std::nextafter(1.0, 0.0));
    if (kind == Kind::Fixed)
        return values.front();
    if (kind == Kind::Values)
        return values[std::min(values.size() - 1,
                               static_cast<std::size_t>(u * static_cast<double>(values.size())))];
    double v = scale == ParameterScale::Log
                   ? std::exp(std::log(min) + u * (std::log(max) - std::log(min)))
                   : min + u * (max - min);
    if (integer)
        v = std::clamp(std::round(v), std::ceil(min), std::floor(max));
    return v;
}

std::vector<double> ParameterRange::gridValues() const
{
    if (kind != Kind::Range)
        return values;
    std::vector<double> out;
    for (int i = 0; i < levels; ++i) {
        const double t = static_cast<double>(i) / (levels - 1);
        double v = scale == ParameterScale::Log
                       ? std::exp(std::log(min) + t * (std::log(max) - std::log(min)))
                       : min + t * (max - min);
        if (i == levels - 1)
            v = max; // exact end point despite exp/log round-off
        if (integer)
            v = std::round(v);
        if (out.empty() || out.back() != v)
            out.push_back(v);
    }
    return out;
}

const std::vector<std::string>& encodedHyperparameterNames()
{
    static const std::vector<std::string> names{
        "log10_learning_rate", "log10_weight_decay", "momentum", "log2_batch_size",
        "optimizer_adam",      "optimizer_adamw",    "sam_rho",  "log2_init_scale"};
    return names;
}

std::vector<double> encodeHyperparameters(const Hyperparameters& h)
{
    return {std::log10(h.learningRate),
            std::log10(h.weightDecay + 1e-8),
            h.momentum,
            std::log2(static_cast<double>(h.batchSize)),
            h.optimizer == OptimizerKind::Adam ? 1.0 : 0.0,
            h.optimizer == OptimizerKind::AdamW ? 1.0 : 0.0,
            h.samRho,
            std::log2(h.initScale)};
}

OptimizerOptions optimizerOptions(const Hyperparameters& h)
{
    OptimizerOptions o;
    o.kind = h.optimizer;
    o.learningRate = h.learningRate;
    o.momentum = h.momentum;
    o.weightDecay = h.weightDecay;
    if (h.samRho > 0.0) {
        o.samBase = h.optimizer;
        o.kind = OptimizerKind::Sam;
        o.samRho = h.samRho;
    }
    return o;
}

std::string describe(const Hyperparameters& h)
{
    std::string s = optimizerLabel(h.optimizer) + " lr=" + num(h.learningRate)
                    + " wd=" + num(h.weightDecay);
    if (h.optimizer == OptimizerKind::Sgd)
        s += " m=" + num(h.momentum);
    s += " bs=" + std::to_string(h.batchSize);
    if (h.samRho > 0.0)
        s += " sam=" + num(h.samRho);
    if (h.initScale != 1.0)
        s += " s=" + num(h.initScale);
    return s;
}

std::string hyperparametersJson(const Hyperparameters& h)
{
    const json j = {{"learning_rate", h.learningRate}, {"weight_decay", h.weightDecay},
                    {"momentum", h.momentum},          {"batch_size", h.batchSize},
                    {"optimizer", toString(h.optimizer)}, {"sam_rho", h.samRho},
                    {"init_scale", h.initScale}};
    return j.dump();
}

std::string toString(SamplerKind kind)
{
    switch (kind) {
    case SamplerKind::Grid: return "grid";
    case SamplerKind::LatinHypercube: return "lhs";
    case SamplerKind::Sobol: return "sobol";
    case SamplerKind::Random: return "random";
    }
    return "sobol";
}

SamplerKind parseSamplerKind(const std::string& text)
{
    if (text == "grid")
        return SamplerKind::Grid;
    if (text == "lhs" || text == "latin-hypercube")
        return SamplerKind::LatinHypercube;
    if (text == "sobol")
        return SamplerKind::Sobol;
    if (text == "random")
        return SamplerKind::Random;
    throw InputError("unknown sampler '" + text + "' (expected grid, lhs, sobol or random)");
}

bool higherIsBetter(Metric metric)
{
    return metric == Metric::Accuracy;
}

OutcomeTarget parseOutcomeTarget(const std::string& text, const std::string& where)
{
    auto bad = [&]() -> InputError {
        return InputError(where + " must look like 'mae <= 0.5' (metric mse, mae or accuracy; "
                                  "<= or >=), got '" + text + "'");
    };
    const auto op = text.find_first_of("<>");
    if (op == std::string::npos)
        throw bad();
    auto trim = [](std::string s) {
        s.erase(0, s.find_first_not_of(" \t"));
        s.erase(s.find_last_not_of(" \t") + 1);
        return s;
    };
    const std::string name = trim(text.substr(0, op));
    std::size_t after = op + 1;
    if (after < text.size() && text[after] == '=')
        ++after;
    const std::string rest = trim(text.substr(after));
    OutcomeTarget t;
    if (name == "mse")
        t.metric = Metric::Mse;
    else if (name == "mae")
        t.metric = Metric::Mae;
    else if (name == "accuracy")
        t.metric = Metric::Accuracy;
    else
        throw bad();
    t.atMost = text[op] == '<';
    std::size_t used = 0;
    try {
        t.threshold = std::stod(rest, &used);
    } catch (const std::exception&) {
        throw bad();
    }
    if (used != rest.size() || !std::isfinite(t.threshold))
        throw bad();
    return t;
}

std::string toString(const OutcomeTarget& t)
{
    return metricName(t.metric) + (t.atMost ? " <= " : " >= ") + num(t.threshold);
}

const ParameterRange& StudySpec::parameter(const std::string& name) const
{
    for (const auto& p : parameters)
        if (p.name == name)
            return p;
    throw Error("study spec has no hyperparameter '" + name + "'");
}

std::vector<const ParameterRange*> StudySpec::activeParameters() const
{
    std::vector<const ParameterRange*> out;
    for (const auto& p : parameters)
        if (p.active())
            out.push_back(&p);
    return out;
}

StudySpec parseStudySpec(const std::string& text, const std::string& sourceName,
                         const std::string& baseDir)
{
    const Reader r(sourceName.empty() ? std::string("study spec") : sourceName);
    json doc;
    try {
        doc = json::parse(text);
    } catch (const json::parse_error& e) {
        const std::size_t at = std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, text.size());
        const std::size_t line = 1 + std::count(text.begin(), text.begin() + at, '\n');
        const std::size_t lineStart = text.rfind('\n', at == 0 ? 0 : at - 1);
        const std::size_t column = lineStart == std::string::npos ? at + 1 : at - lineStart;
        throw InputError(r.source() + ": not valid JSON at line " + std::to_string(line)
                         + ", column " + std::to_string(column));
    } catch (const json::exception& e) {
        // e.g. out_of_range.406: a number literal beyond double ("1e77587"); found by fuzzing.
        const std::string what = e.what();
        const auto bracket = what.find("] ");
        throw InputError(r.source() + ": not valid JSON ("
                         + (bracket == std::string::npos ? what : what.substr(bracket + 2)) + ")");
    }
    if (!doc.is_object())
        throw InputError(r.source() + ": a study spec must be a JSON object with at least "
                                      "\"model\" and \"data\", got "
                         + (doc.is_array() ? std::string("a list") : Reader::show(doc)));
    r.allowOnly(doc, "", {"schema", "name", "model", "output", "data", "loss", "hyperparameters",
                          "sampler", "probe", "outcome", "seed", "strategy", "halving",
                          "transfer"});
    StudySpec s;
    s.sourcePath = sourceName;
    if (doc.contains("schema") && r.string(doc["schema"], "schema") != kSchema)
        r.fail("schema", "must be '" + std::string(kSchema) + "', got "
                             + Reader::show(doc["schema"]));
    if (doc.contains("name"))
        s.name = r.string(doc["name"], "name");
    if (doc.contains("seed"))
        s.seed = r.seed(doc["seed"], "seed");

    if (!doc.contains("model"))
        r.fail("model", "is required (path of a TorchScript model)");
    s.modelPath = resolvePath(r.string(doc["model"], "model"), baseDir);
    if (doc.contains("output")) {
        // An index ("0", or the number 0) or a dict key of forward()'s results.
        const json& o = doc["output"];
        s.output = o.is_number_unsigned() ? std::to_string(o.get<std::uint64_t>())
                                          : r.string(o, "output");
    }

    if (!doc.contains("data"))
        r.fail("data", "is required (an object with at least \"path\")");
    const json& d = doc["data"];
    r.requireObject(d, "data");
    r.allowOnly(d, "data", {"path", "target", "features", "task", "validation_fraction",
                            "standardize_features", "standardize_targets", "seed", "delimiter",
                            "device"});
    if (!d.contains("path"))
        r.fail("data.path", "is required (path of a CSV file)");
    s.dataPath = resolvePath(r.string(d["path"], "data.path"), baseDir);
    auto columns = [&](const char* key) {
        std::vector<std::string> out;
        if (!d.contains(key))
            return out;
        const std::string path = std::string("data.") + key;
        const json& v = d[key];
        if (v.is_string())
            return std::vector<std::string>{v.get<std::string>()};
        if (!v.is_array())
            r.fail(path, "must be a column name or a list of names, got " + Reader::show(v));
        for (std::size_t i = 0; i < v.size(); ++i)
            out.push_back(r.string(v[i], path + "[" + std::to_string(i) + "]"));
        return out;
    };
    s.data.targetColumns = columns("target");
    s.data.featureColumns = columns("features");
    if (d.contains("task")) {
        const std::string t = r.string(d["task"], "data.task");
        if (t != "regression" && t != "classification")
            r.fail("data.task", "must be 'regression' or 'classification', got '" + t + "'");
        s.data.task = t == "regression" ? Task::Regression : Task::Classification;
    }
    if (d.contains("validation_fraction")) {
        s.data.validationFraction = r.number(d["validation_fraction"], "data.validation_fraction");
        if (s.data.validationFraction <= 0.0 || s.data.validationFraction > 0.9)
            r.fail("data.validation_fraction",
                   "must be in (0, 0.9], got " + num(s.data.validationFraction));
    }
    if (d.contains("standardize_features"))
        s.data.standardizeFeatures = r.boolean(d["standardize_features"],
                                               "data.standardize_features");
    if (d.contains("standardize_targets"))
        s.data.standardizeTargets = r.boolean(d["standardize_targets"], "data.standardize_targets");
    s.data.seed = d.contains("seed") ? r.seed(d["seed"], "data.seed") : s.seed;
    if (d.contains("delimiter")) {
        const std::string c = r.string(d["delimiter"], "data.delimiter");
        if (c.size() != 1)
            r.fail("data.delimiter", "must be one character, got '" + c + "'");
        s.data.delimiter = c[0];
    }
    s.data.device = DeviceKind::Cpu;
    if (d.contains("device")) {
        const std::string dev = r.string(d["device"], "data.device");
        if (dev == "cpu")
            s.data.device = DeviceKind::Cpu;
        else if (dev == "cuda")
            s.data.device = DeviceKind::Cuda;
        else if (dev == "auto")
            s.data.device = DeviceKind::Auto;
        else
            r.fail("data.device", "must be 'auto', 'cpu' or 'cuda', got '" + dev + "'");
    }

    s.loss = s.data.task == Task::Regression ? LossKind::Mse : LossKind::CrossEntropy;
    if (doc.contains("loss")) {
        const std::string l = r.string(doc["loss"], "loss");
        if (l == "mse")
            s.loss = LossKind::Mse;
        else if (l == "mae")
            s.loss = LossKind::Mae;
        else if (l == "cross-entropy")
            s.loss = LossKind::CrossEntropy;
        else if (l == "bce")
            s.loss = LossKind::BceWithLogits;
        else if (l == "output")
            s.loss = LossKind::ModelOutput;
        else
            r.fail("loss", "must be one of mse, mae, cross-entropy, bce, output, got '" + l + "'");
    }

    json hp = doc.contains("hyperparameters") ? doc["hyperparameters"] : json::object();
    r.requireObject(hp, "hyperparameters");
    {
        std::set<std::string> known(hyperparameterNames().begin(), hyperparameterNames().end());
        r.allowOnly(hp, "hyperparameters", known);
    }
    for (const auto& name : hyperparameterNames()) {
        const std::string path = "hyperparameters." + name;
        if (hp.contains(name)) {
            s.parameters.push_back(parseRange(r, name, hp[name], path));
        } else {
            ParameterRange p;
            p.name = name;
            p.integer = name == "batch_size";
            if (name == "optimizer") {
                p.labels = {"sgd"};
                p.values = {0.0};
            } else {
                p.values = {defaultValue(name)};
            }
            s.parameters.push_back(p);
        }
    }

    if (doc.contains("sampler")) {
        const json& sm = doc["sampler"];
        r.requireObject(sm, "sampler");
        r.allowOnly(sm, "sampler", {"kind", "count", "seed"});
        if (sm.contains("kind")) {
            const std::string k = r.string(sm["kind"], "sampler.kind");
            try {
                s.sampler.kind = parseSamplerKind(k);
            } catch (const InputError&) {
                r.fail("sampler.kind", "must be one of grid, lhs, sobol, random, got '" + k + "'");
            }
        }
        if (sm.contains("count"))
            s.sampler.count = static_cast<int>(
                r.integer(sm["count"], "sampler.count", 1, kMaxStudyConfigurations));
        s.sampler.seed = sm.contains("seed") ? r.seed(sm["seed"], "sampler.seed") : s.seed;
    } else {
        s.sampler.seed = s.seed;
    }
    const auto active = s.activeParameters();
    if (active.empty())
        r.fail("hyperparameters", "must vary at least one hyperparameter (give a range or a list)");
    if (s.sampler.kind == SamplerKind::Sobol && static_cast<int>(active.size()) > sobolMaxDimensions())
        r.fail("sampler.kind", "sobol supports at most " + std::to_string(sobolMaxDimensions())
                                   + " varying hyperparameters");

    if (doc.contains("probe")) {
        const json& p = doc["probe"];
        r.requireObject(p, "probe");
        r.allowOnly(p, "probe", {"burst_steps", "directions", "direction_kinds", "eigen_iterations",
                                 "trace_samples", "perturbations", "perturbation_radius",
                                 "epsilon", "hvp", "probe_rows"});
        auto& b = s.probe;
        if (p.contains("burst_steps"))
            b.burstSteps = static_cast<int>(
                r.integer(p["burst_steps"], "probe.burst_steps", 1, kMaxBurstSteps));
        if (p.contains("directions"))
            b.directions = static_cast<int>(
                r.integer(p["directions"], "probe.directions", 1, kMaxProbeCount));
        if (p.contains("direction_kinds")) {
            const json& k = p["direction_kinds"];
            if (!k.is_array())
                r.fail("probe.direction_kinds", "must be a list, got " + Reader::show(k));
            b.directionKinds.clear();
            for (std::size_t i = 0; i < k.size(); ++i) {
                const std::string where = "probe.direction_kinds[" + std::to_string(i) + "]";
                const std::string kind = r.string(k[i], where);
                if (kind == "random")
                    b.directionKinds.push_back(DirectionKind::Random);
                else if (kind == "gradient")
                    b.directionKinds.push_back(DirectionKind::Gradient);
                else if (kind == "pca")
                    b.directionKinds.push_back(DirectionKind::Pca);
                else
                    r.fail(where, "must be one of random, gradient, pca, got '" + kind + "'");
            }
        }
        if (p.contains("eigen_iterations"))
            b.eigenIterations = static_cast<int>(
                r.integer(p["eigen_iterations"], "probe.eigen_iterations", 0, kMaxProbeCount));
        if (p.contains("trace_samples")) {
            b.traceSamples = static_cast<int>(
                r.integer(p["trace_samples"], "probe.trace_samples", 0, kMaxProbeCount));
            // Hutchinson's standard error needs two samples; 0 switches the trace off.
            if (b.traceSamples == 1)
                r.fail("probe.trace_samples", "must be 0 (no trace) or at least 2, got 1");
        }
        if (p.contains("perturbations"))
            b.perturbations = static_cast<int>(
                r.integer(p["perturbations"], "probe.perturbations", 0, kMaxProbeCount));
        if (p.contains("perturbation_radius")) {
            b.perturbationRadius = r.number(p["perturbation_radius"], "probe.perturbation_radius");
            if (b.perturbationRadius <= 0.0)
                r.fail("probe.perturbation_radius",
                       "must be positive, got " + num(b.perturbationRadius));
        }
        if (p.contains("epsilon")) {
            b.epsilon = r.number(p["epsilon"], "probe.epsilon");
            if (b.epsilon <= 0.0)
                r.fail("probe.epsilon", "must be positive, got " + num(b.epsilon));
        }
        if (p.contains("hvp")) {
            const std::string h = r.string(p["hvp"], "probe.hvp");
            if (h == "exact")
                b.hvp = HvpMode::Exact;
            else if (h == "fd")
                b.hvp = HvpMode::FiniteDifference;
            else
                r.fail("probe.hvp", "must be 'exact' or 'fd', got '" + h + "'");
        }
        if (p.contains("probe_rows"))
            s.probeRows = r.integer(p["probe_rows"], "probe.probe_rows", 0, kMaxSteps);
    }

    s.metric = s.data.task == Task::Regression ? Metric::Mse : Metric::Accuracy;
    if (doc.contains("outcome")) {
        const json& o = doc["outcome"];
        r.requireObject(o, "outcome");
        r.allowOnly(o, "outcome", {"metric", "target", "full_run"});
        if (o.contains("metric"))
            s.metric = parseMetricAt(r, o["metric"], "outcome.metric");
        if (o.contains("target")) {
            s.target = parseOutcomeTarget(r.string(o["target"], "outcome.target"),
                                          r.source() + ": outcome.target");
            if (s.target->metric != s.metric)
                r.fail("outcome.target", "names " + metricName(s.target->metric)
                                             + " but outcome.metric is " + metricName(s.metric));
        }
        if (o.contains("full_run")) {
            const json& f = o["full_run"];
            r.requireObject(f, "outcome.full_run");
            r.allowOnly(f, "outcome.full_run", {"steps", "epochs", "validate_every"});
            if (f.contains("steps"))
                s.fullRun.steps = r.integer(f["steps"], "outcome.full_run.steps", 0, kMaxSteps);
            if (f.contains("epochs"))
                s.fullRun.epochs = static_cast<int>(
                    r.integer(f["epochs"], "outcome.full_run.epochs", 1, kMaxBurstSteps));
            if (f.contains("validate_every"))
                s.fullRun.validateEvery = static_cast<int>(r.integer(
                    f["validate_every"], "outcome.full_run.validate_every", 0, kMaxSteps));
        }
    }
    if (doc.contains("strategy")) {
        const std::string k = r.string(doc["strategy"], "strategy");
        if (k == "probe")
            s.strategy = StudyStrategy::Probe;
        else if (k == "probe-halving")
            s.strategy = StudyStrategy::ProbeHalving;
        else
            r.fail("strategy", "must be 'probe' or 'probe-halving', got '" + k + "'");
    }
    if (doc.contains("transfer")) {
        const std::string t = r.string(doc["transfer"], "transfer");
        if (t.empty())
            r.fail("transfer", "must be 'shipped' or the path of a transferred-model file, got ''");
        s.transfer = t == "shipped" ? t : resolvePath(t, baseDir);
        if (s.transfer != "shipped" && !std::filesystem::is_regular_file(s.transfer))
            r.fail("transfer", "names no file: " + s.transfer);
    }
    if (doc.contains("halving")) {
        const json& h = doc["halving"];
        if (s.strategy != StudyStrategy::ProbeHalving)
            r.fail("halving", "needs \"strategy\": \"probe-halving\"");
        r.requireObject(h, "halving");
        r.allowOnly(h, "halving", {"eta", "eigen_iterations", "checkpoints"});
        if (h.is_object() && h.contains("checkpoints"))
            s.halving.checkpoints =
                resolvePath(r.string(h["checkpoints"], "halving.checkpoints"), baseDir);
        if (h.contains("eta")) {
            s.halving.eta = r.number(h["eta"], "halving.eta");
            if (!(s.halving.eta >= 2.0 && s.halving.eta <= 100.0))
                r.fail("halving.eta", "must be from 2 to 100, got " + num(s.halving.eta));
        }
        if (h.contains("eigen_iterations"))
            s.halving.eigenIterations = static_cast<int>(r.integer(
                h["eigen_iterations"], "halving.eigen_iterations", 0, kMaxProbeCount));
    }
    if (s.metric == Metric::Accuracy && s.data.task != Task::Classification)
        r.fail("outcome.metric", "accuracy needs data.task 'classification'");
    if (s.sampler.kind == SamplerKind::Grid) {
        const std::uint64_t n = configurationCount(s);
        if (n > static_cast<std::uint64_t>(kMaxStudyConfigurations)) {
            std::string axes;
            for (const auto* p : s.activeParameters())
                axes += (axes.empty() ? "" : " × ") + std::to_string(p->gridValues().size());
            r.fail("sampler", "grid has "
                                  + (n == std::numeric_limits<std::uint64_t>::max()
                                         ? std::string("more than 18446744073709551615")
                                         : std::to_string(n))
                                  + " configurations (" + axes + "), more than the limit of "
                                  + std::to_string(kMaxStudyConfigurations)
                                  + "; use fewer levels or values, or a sobol, lhs or random "
                                    "sampler with a count");
        }
    }
    return s;
}

std::uint64_t configurationCount(const StudySpec& spec)
{
    if (spec.sampler.kind != SamplerKind::Grid)
        return static_cast<std::uint64_t>(std::max(spec.sampler.count, 0));
    std::uint64_t total = 1;
    for (const auto* p : spec.activeParameters()) {
        // Levels are capped at parse time, so gridValues() stays small; the product may not.
        const std::uint64_t n = p->kind == ParameterRange::Kind::Range
                                    ? p->gridValues().size()
                                    : p->values.size();
        if (n != 0 && total > std::numeric_limits<std::uint64_t>::max() / n)
            return std::numeric_limits<std::uint64_t>::max();
        total *= n;
    }
    return total;
}

StudySpec loadStudySpec(const std::string& path)
{
    const std::string text = readFile(path);
    const std::string dir = std::filesystem::path(path).parent_path().string();
    return parseStudySpec(text, path, dir.empty() ? "." : dir);
}

std::string toJson(const StudySpec& s, int indent)
{
    json doc;
    doc["schema"] = kSchema;
    doc["name"] = s.name;
    doc["seed"] = s.seed;
    doc["model"] = s.modelPath;
    if (!s.output.empty()) // only when chosen, so earlier studies keep their spec text
        doc["output"] = s.output;
    json d;
    d["path"] = s.dataPath;
    d["target"] = s.data.targetColumns;
    d["features"] = s.data.featureColumns;
    d["task"] = s.data.task == Task::Regression ? "regression" : "classification";
    d["validation_fraction"] = s.data.validationFraction;
    d["standardize_features"] = s.data.standardizeFeatures;
    d["standardize_targets"] = s.data.standardizeTargets;
    d["seed"] = s.data.seed;
    d["delimiter"] = std::string(1, s.data.delimiter);
    d["device"] = s.data.device == DeviceKind::Cuda ? "cuda"
                  : s.data.device == DeviceKind::Cpu ? "cpu"
                                                     : "auto";
    doc["data"] = d;
    switch (s.loss) {
    case LossKind::Mse: doc["loss"] = "mse"; break;
    case LossKind::Mae: doc["loss"] = "mae"; break;
    case LossKind::CrossEntropy: doc["loss"] = "cross-entropy"; break;
    case LossKind::BceWithLogits: doc["loss"] = "bce"; break;
    case LossKind::ModelOutput: doc["loss"] = "output"; break;
    }
    json hp = json::object();
    for (const auto& p : s.parameters) {
        json v;
        auto item = [&](double x) -> json {
            if (p.name == "optimizer")
                return p.labels.at(static_cast<std::size_t>(x));
            if (p.integer)
                return static_cast<std::int64_t>(x);
            return x;
        };
        if (p.kind == ParameterRange::Kind::Fixed) {
            v["value"] = item(p.values.front());
        } else if (p.kind == ParameterRange::Kind::Values) {
            v["values"] = json::array();
            for (double x : p.values)
                v["values"].push_back(item(x));
        } else {
            v["min"] = item(p.min);
            v["max"] = item(p.max);
            v["scale"] = p.scale == ParameterScale::Log ? "log" : "linear";
            v["levels"] = p.levels;
        }
        hp[p.name] = v;
    }
    doc["hyperparameters"] = hp;
    doc["sampler"] = {{"kind", toString(s.sampler.kind)},
                      {"count", s.sampler.count},
                      {"seed", s.sampler.seed}};
    json kinds = json::array();
    for (auto k : s.probe.directionKinds)
        kinds.push_back(k == DirectionKind::Random     ? "random"
                        : k == DirectionKind::Gradient ? "gradient"
                                                       : "pca");
    doc["probe"] = {{"burst_steps", s.probe.burstSteps},
                    {"directions", s.probe.directions},
                    {"direction_kinds", kinds},
                    {"eigen_iterations", s.probe.eigenIterations},
                    {"trace_samples", s.probe.traceSamples},
                    {"perturbations", s.probe.perturbations},
                    {"perturbation_radius", s.probe.perturbationRadius},
                    {"epsilon", s.probe.epsilon},
                    {"hvp", s.probe.hvp == HvpMode::Exact ? "exact" : "fd"},
                    {"probe_rows", s.probeRows}};
    json o;
    o["metric"] = metricName(s.metric);
    if (s.target)
        o["target"] = toString(*s.target);
    o["full_run"] = {{"steps", s.fullRun.steps},
                     {"epochs", s.fullRun.epochs},
                     {"validate_every", s.fullRun.validateEvery}};
    doc["outcome"] = o;
    // Written only when not the default, so databases of earlier studies keep their spec text.
    if (!s.transfer.empty())
        doc["transfer"] = s.transfer;
    if (s.strategy != StudyStrategy::Probe) {
        doc["strategy"] = toString(s.strategy);
        doc["halving"] = {{"eta", s.halving.eta},
                          {"eigen_iterations", s.halving.eigenIterations}};
        if (!s.halving.checkpoints.empty())
            doc["halving"]["checkpoints"] = s.halving.checkpoints;
    }
    return doc.dump(indent);
}

} // namespace borehole

namespace borehole {

ProbeCost ConfigurationFeatures::total() const
{
    ProbeCost c = burstCost;
    c += probeCost;
    return c;
}

std::string toString(StudyStrategy strategy)
{
    return strategy == StudyStrategy::ProbeHalving ? "probe-halving" : "probe";
}

} // namespace borehole
