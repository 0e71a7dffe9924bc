// The training loop, its hook context (with the warm-started λmax probe), the curvature-guided
// learning rate, and checkpoints. Optimizer formulas live in optimizers.cpp.
#include "borehole/report.h"
#include "borehole/trainer.h"

#include "hvp_engine.h"
#include "internal.h"
#include "optimizers.h"
#include "trainer_json.h"
#include "text.h"

#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <map>
#include <sstream>

namespace borehole {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr const char* kCheckpointMagic = "borehole-checkpoint 1";

void checkTrainOptions(const TrainOptions& o)
{
    validateOptimizerOptions(o.optimizer);
    if (o.steps < 0)
        throw InputError("steps must be >= 0, got " + std::to_string(o.steps));
    if (o.steps == 0 && o.epochs < 1)
        throw InputError("epochs must be at least 1 when steps is 0, got "
                         + std::to_string(o.epochs));
    if (o.batchSize < 0)
        throw InputError("batch size must be >= 0 (0 = full batch), got "
                         + std::to_string(o.batchSize));
    if (o.validateEvery < 0 || o.snapshotEvery < 0 || o.checkpointEvery < 0)
        throw InputError("validation, snapshot and checkpoint intervals must be >= 0");
    if (o.logEvery < 1)
        throw InputError("log interval must be at least 1 step, got "
                         + std::to_string(o.logEvery));
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Hook context

struct StepContext::Impl
{
    Problem::Impl& p;
    std::uint64_t seed = 0;
    double baseRate = 0.0;
    double rate = 0.0;
    std::int64_t step = 0;
    std::int64_t total = 0;
    torch::Tensor loss;     ///< 0-d, on the device
    torch::Tensor gradient; ///< flat, on the device
    torch::Tensor eigenvector; ///< warm start of the next λmax estimate
    double lastLambda = kNaN;
    double stepLambda = kNaN; ///< estimate made during the current step
    double lossAtEstimate = kNaN;
    ProbeCost probeCost;
    std::vector<LrAdjustment>* adjustments = nullptr;

    explicit Impl(Problem::Impl& problem) : p(problem) {}

    /// Lanczos with full reorthogonalisation, started from the previous top eigenvector (a
    /// seeded random vector the first time). Returns the largest Ritz value and keeps its Ritz
    /// vector for the next call.
    double lanczos(int iterations, HvpMode hvp, double fdEpsilon)
    {
        CostTracker tracker(p);
        double value = kNaN;
        {
            // Probes see the deterministic function (no dropout noise, running statistics
            // used but not updated).
            ModuleMode eval(p, false);
            torch::Tensor start = eigenvector;
            if (!start.defined()) {
                auto gen = makeGenerator(deriveSeed(seed, 31));
                start = torch::randn({p.numel}, gen, torch::kFloat32).to(p.device());
            }
            std::vector<torch::Tensor> q{start / start.norm()};
            std::vector<double> alpha;
            std::vector<double> beta;
            const int m = static_cast<int>(std::min<std::int64_t>(iterations, p.numel));
            HvpEngine products(p, hvp, fdEpsilon, HvpGraphOptions{});
            for (int j = 0; j < m; ++j) {
                auto w = products.apply(q.back());
                const double a = torch::dot(q.back(), w).item<double>();
                alpha.push_back(a);
                if (j + 1 == m)
                    break;
                auto basis = torch::stack(q);
                for (int pass = 0; pass < 2; ++pass)
                    w = w - torch::matmul(basis.t(), torch::matmul(basis, w));
                const double b = w.norm().item<double>();
                if (!std::isfinite(b) || b <= 1e-8 * std::max(std::abs(a), 1e-30))
                    break; // invariant subspace found: the Ritz values are exact
                beta.push_back(b);
                q.push_back(w / b);
            }
            const auto k = static_cast<std::int64_t>(alpha.size());
            auto t = torch::zeros({k, k}, torch::kFloat64);
            auto ta = t.accessor<double, 2>();
            for (std::int64_t i = 0; i < k; ++i) {
                ta[i][i] = alpha[static_cast<std::size_t>(i)];
                if (i + 1 < k) {
                    ta[i][i + 1] = beta[static_cast<std::size_t>(i)];
                    ta[i + 1][i] = beta[static_cast<std::size_t>(i)];
                }
            }
            if (std::isfinite(t.sum().item<double>())) {
                auto eig = at::linalg_eigh(t, "L");
                value = std::get<0>(eig)[k - 1].item<double>();
                auto s = std::get<1>(eig).select(1, k - 1).to(torch::kFloat32).to(p.device());
                auto y = torch::matmul(torch::stack(q).t(), s);
                const double yn = y.norm().item<double>();
                if (std::isfinite(yn) && yn > 0.0)
                    eigenvector = y / yn;
            }
        }
        probeCost += tracker.cost();
        lossAtEstimate = loss.defined() ? loss.item<double>() : kNaN;
        lastLambda = value;
        stepLambda = value;
        return value;
    }
};

std::int64_t StepContext::step() const
{
    return m_impl.step;
}

std::int64_t StepContext::totalSteps() const
{
    return m_impl.total;
}

double StepContext::baseLearningRate() const
{
    return m_impl.baseRate;
}

double StepContext::learningRate() const
{
    return m_impl.rate;
}

void StepContext::setLearningRate(double rate, const std::string& reason)
{
    if (!(std::isfinite(rate) && rate > 0.0))
        throw InputError("learning rate must be positive and finite, got " + formatNumber(rate));
    if (!reason.empty() && m_impl.adjustments)
        m_impl.adjustments->push_back({m_impl.step, m_impl.lastLambda, m_impl.rate, rate, reason});
    m_impl.rate = rate;
}

double StepContext::loss()
{
    return m_impl.loss.item<double>();
}

double StepContext::gradientNorm()
{
    return m_impl.gradient.norm().item<double>();
}

std::vector<float> StepContext::gradient()
{
    return Problem::Impl::toHost(m_impl.gradient);
}

double StepContext::estimateLambdaMax(int iterations, HvpMode hvp, double fdEpsilon)
{
    if (iterations < 1)
        throw InputError("λmax estimate needs at least 1 iteration, got "
                         + std::to_string(iterations));
    return m_impl.lanczos(iterations, hvp, fdEpsilon);
}

double StepContext::lastLambdaMax() const
{
    return m_impl.lastLambda;
}

double StepContext::lossAtLastEstimate() const
{
    return m_impl.lossAtEstimate;
}

// ---------------------------------------------------------------------------------------------
// Curvature-guided learning rate

namespace {

/// The update rule the guided rate drives: the base of Guided, then the base of Sam.
OptimizerKind guidedRule(const OptimizerOptions& o)
{
    OptimizerKind k = o.kind == OptimizerKind::Guided ? o.guidedBase : o.kind;
    return k == OptimizerKind::Sam ? o.samBase : k;
}

class GuidedLrHook final : public TrainHook
{
public:
    explicit GuidedLrHook(const OptimizerOptions& o) : m_o(o)
    {
        validateOptimizerOptions(o);
        m_product = stableRateCurvatureProduct(o);
        if (guidedRule(o) == OptimizerKind::Sgd && o.momentum > 0.0) {
            m_label = o.nesterov ? "c·(2+2μ)/((1+2μ)·λmax)" : "c·(2+2μ)/λmax";
        }
        if (o.guidedScale != 1.0)
            m_label = "s·" + m_label;
    }

    /// The cap on the rate for an estimate λ (infinite when λ is not a positive number).
    double cap(double lambda) const
    {
        if (!(std::isfinite(lambda) && lambda > 0.0))
            return std::numeric_limits<double>::infinity();
        return m_o.guidedScale * m_o.guidedFactor * m_product / lambda;
    }

    void beforeStep(StepContext& c) override
    {
        std::string spike;
        if ((c.step() - 1) % m_o.guidedEvery != 0) {
            const double reference = c.lossAtLastEstimate();
            if (!(m_o.guidedSpikeFactor > 0.0) || std::isnan(reference))
                return;
            const double loss = c.loss();
            if (!(loss > m_o.guidedSpikeFactor * reference))
                return;
            spike = "loss spike " + formatNumber(loss) + " > " + formatNumber(m_o.guidedSpikeFactor)
                    + " × " + formatNumber(reference) + " at the last estimate; ";
        }
        const double lambda = c.estimateLambdaMax(m_o.guidedIterations, m_o.guidedHvp,
                                                  m_o.guidedFdEpsilon);
        const double rate = c.learningRate();
        const double base = c.baseLearningRate();
        const double bound = cap(lambda);
        if (rate > bound) {
            c.setLearningRate(bound, spike + "steep: λmax " + formatNumber(lambda)
                                         + " puts the bound " + m_label + " at "
                                         + formatNumber(bound));
        } else if (rate < base && rate < bound) {
            const double grown = std::min({base, bound, rate * m_o.guidedGrowth});
            // The reason says what the rate does. A bound a hair above the rate (a new estimate
            // a little lower) moved it by 0.01 % under "growing back towards base rate 0.5":
            // the table then showed 0.1 → 0.1 beside it. Moves under 0.1 % are not adjustments.
            if (grown <= rate * (1.0 + kNegligibleGrowth))
                return;
            const std::string room = "flat: bound " + m_label + " " + formatNumber(bound);
            if (grown == base)
                c.setLearningRate(grown, room + " leaves room; back at the base rate "
                                             + formatNumber(base));
            else if (grown == bound)
                c.setLearningRate(grown, room + " is below the base rate " + formatNumber(base)
                                             + "; raised to the bound");
            else
                c.setLearningRate(grown, room + " leaves room; rate ×"
                                             + formatNumber(m_o.guidedGrowth)
                                             + " towards the base rate " + formatNumber(base));
        }
    }

private:
    /// Growth below this fraction is left out (the estimate's own noise).
    static constexpr double kNegligibleGrowth = 1e-3;
    OptimizerOptions m_o;
    double m_product = 2.0; ///< stableRateCurvatureProduct(m_o)
    std::string m_label = "c·2/λmax";
};

} // namespace

double stabilityBound(double learningRate, double momentum)
{
    return (2.0 + 2.0 * momentum) / learningRate;
}

double stableRateCurvatureProduct(const OptimizerOptions& o)
{
    // On a quadratic of curvature λ the rule is stable while lr·λ stays below 2 (gradient
    // descent), 2+2μ (heavy ball: stabilityBound(lr, μ)·lr, the study's edge of stability) or
    // (2+2μ)/(1+2μ) (PyTorch's Nesterov form, from the Jury conditions of its 2×2 recurrence).
    // Adam keeps 2: its real limit concerns the preconditioned Hessian, which the probe does
    // not measure (docs/training.md).
    if (guidedRule(o) != OptimizerKind::Sgd || !(o.momentum > 0.0))
        return 2.0;
    const double heavyBall = stabilityBound(1.0, o.momentum);
    return o.nesterov ? heavyBall / (1.0 + 2.0 * o.momentum) : heavyBall;
}

std::shared_ptr<TrainHook> makeGuidedLrHook(const OptimizerOptions& options)
{
    return std::make_shared<GuidedLrHook>(options);
}

// ---------------------------------------------------------------------------------------------
// Checkpoints: a text line, a one-line JSON header, then the tensors' raw bytes (little-endian,
// in header order). Layout in docs/training.md.

namespace {

struct NamedTensor
{
    std::string name;
    torch::Tensor tensor; ///< live tensor to save from or load into
};

std::string dtypeName(const torch::Tensor& t)
{
    switch (t.scalar_type()) {
    case torch::kFloat32: return "float32";
    case torch::kFloat64: return "float64";
    case torch::kInt64: return "int64";
    default: break;
    }
    throw Error(std::string("checkpoint: unsupported tensor type ") + c10::toString(t.scalar_type()));
}

void writeCheckpoint(const std::string& path, const nlohmann::json& meta,
                     const std::vector<NamedTensor>& tensors)
{
    nlohmann::json header = meta;
    header["tensors"] = nlohmann::json::array();
    std::string blob;
    for (const auto& nt : tensors) {
        auto c = nt.tensor.detach().to(torch::kCPU).contiguous();
        header["tensors"].push_back(
            {{"name", nt.name}, {"dtype", dtypeName(c)}, {"numel", c.numel()}});
        blob.append(static_cast<const char*>(c.data_ptr()), c.nbytes());
    }
    writeFileAtomically(path, std::string(kCheckpointMagic) + "\n" + header.dump() + "\n" + blob);
}

/// Reads the header and copies each named tensor into the matching live tensor. Throws
/// InputError naming the file when it is not a checkpoint or does not fit.
nlohmann::json readCheckpoint(const std::string& path, const std::vector<NamedTensor>& tensors,
                              const std::function<void(const nlohmann::json&)>& checkHeader)
{
    const std::string text = readFile(path);
    const auto first = text.find('\n');
    if (first == std::string::npos || text.compare(0, first, kCheckpointMagic) != 0)
        throw InputError(path + ": not a Borehole checkpoint");
    const auto second = text.find('\n', first + 1);
    if (second == std::string::npos)
        throw InputError(path + ": truncated checkpoint header");
    nlohmann::json header;
    try {
        header = nlohmann::json::parse(text.substr(first + 1, second - first - 1));
    } catch (const nlohmann::json::exception& e) {
        throw InputError(path + ": malformed checkpoint header (" + e.what() + ")");
    }
    checkHeader(header);
    std::size_t offset = second + 1;
    std::map<std::string, std::pair<std::size_t, nlohmann::json>> stored;
    for (const auto& t : header.value("tensors", nlohmann::json::array())) {
        const std::string dtype = t.value("dtype", std::string());
        const std::size_t width = dtype == "float32" ? 4 : 8;
        stored[t.value("name", std::string())] = {offset, t};
        offset += width * t.value("numel", std::size_t(0));
    }
    if (offset != text.size())
        throw InputError(path + ": checkpoint size does not match its header");
    torch::NoGradGuard noGrad;
    for (const auto& nt : tensors) {
        const auto it = stored.find(nt.name);
        if (it == stored.end())
            throw InputError(path + ": checkpoint has no tensor '" + nt.name + "'");
        const auto& info = it->second.second;
        const auto numel = info.value("numel", std::int64_t(0));
        if (numel != nt.tensor.numel() || info.value("dtype", std::string()) != dtypeName(nt.tensor))
            throw InputError(path + ": checkpoint tensor '" + nt.name + "' has "
                             + std::to_string(numel) + " " + info.value("dtype", std::string())
                             + " values, expected " + std::to_string(nt.tensor.numel()) + " "
                             + dtypeName(nt.tensor));
        auto host = torch::empty({numel}, torch::TensorOptions().dtype(nt.tensor.scalar_type()));
        std::memcpy(host.data_ptr(), text.data() + it->second.first, host.nbytes());
        auto target = nt.tensor;
        target.copy_(host.view(nt.tensor.sizes()));
    }
    return header;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// The loop

TrainResult train(Problem& problem, const TrainOptions& o, const ProgressFn& progress)
{
    checkTrainOptions(o);
    auto& p = implOf(problem);
    BatchSampler sampler(p, o.batchSize, o.seed);
    const std::int64_t total = o.steps > 0 ? o.steps : o.epochs * sampler.stepsPerEpoch();
    const auto started = std::chrono::steady_clock::now();
    const ProbeCost countersAtStart = p.counters;

    TrainResult r;
    Stepper stepper(o.optimizer, p);
    std::vector<std::shared_ptr<TrainHook>> hooks;
    if (o.optimizer.kind == OptimizerKind::Guided)
        hooks.push_back(makeGuidedLrHook(o.optimizer));
    hooks.insert(hooks.end(), o.hooks.begin(), o.hooks.end());

    StepContext::Impl ci(p);
    ci.seed = o.seed;
    ci.baseRate = o.optimizer.learningRate;
    ci.rate = o.optimizer.learningRate;
    ci.total = total;
    ci.adjustments = &r.adjustments;
    StepContext context(ci);

    // Train mode while training; eval mode afterwards, whatever happens.
    struct EvalAfter
    {
        torch::jit::Module& module;
        ~EvalAfter() { module.eval(); }
    } evalAfter{implOf(p.model).module};
    ModuleMode training(p, true);
    auto evalLoss = [&] {
        ModuleMode eval(p, false);
        return p.lossTensorNoGrad(p.probeX, p.probeY).item<double>();
    };
    auto validation = [&] {
        ModuleMode eval(p, false);
        return problem.validationMetric(o.metric);
    };

    // Everything a checkpoint restores, in a fixed order. The parameters travel as one flat
    // vector; buffers and optimizer state as they are.
    auto flat = p.flatParameters();
    auto stateTensors = [&] {
        std::vector<NamedTensor> list{{"parameters", flat}};
        const auto buffers = moduleBuffers(p);
        for (std::size_t i = 0; i < buffers.size(); ++i)
            list.push_back({"buffer." + std::to_string(i), buffers[i]});
        for (const auto& [name, tensor] : stepper.rule().state())
            list.push_back({name, *tensor});
        list.push_back({"lanczos.eigenvector", ci.eigenvector});
        return list;
    };

    ProbeCost priorProbe;
    ProbeCost priorTraining;
    double priorSeconds = 0.0;
    auto saveCheckpoint = [&] {
        if (o.checkpointPath.empty())
            return;
        flat = p.flatParameters();
        const bool hasVector = ci.eigenvector.defined();
        if (!hasVector)
            ci.eigenvector = torch::zeros({p.numel}, p.floatOptions());
        TrainResult snapshot = r;
        const double elapsed =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        snapshot.probeCost = priorProbe;
        snapshot.probeCost += ci.probeCost;
        snapshot.trainingCost = priorTraining;
        snapshot.trainingCost += costSince(costSince(p.counters, countersAtStart), ci.probeCost);
        snapshot.seconds = priorSeconds + elapsed;
        nlohmann::json meta{{"schema", "borehole.checkpoint/1"},
                            {"step", r.steps},
                            {"optimizer", toString(o.optimizer.kind)},
                            {"rule", toString(stepper.ruleKind())},
                            {"updates", stepper.rule().updates},
                            {"learningRate", ci.rate},
                            {"lastLambdaMax", numberOrNull(ci.lastLambda)},
                            {"lossAtLastEstimate", numberOrNull(ci.lossAtEstimate)},
                            {"hasEigenvector", hasVector},
                            {"parameterCount", p.numel},
                            {"seed", o.seed},
                            {"result", trainResultToJson(snapshot)}};
        writeCheckpoint(o.checkpointPath, meta, stateTensors());
        if (!hasVector)
            ci.eigenvector = torch::Tensor();
    };

    // Also checks up front that the metric fits the task.
    const double initialValidation = validation();
    std::int64_t start = 0;
    if (!o.resumePath.empty()) {
        ci.eigenvector = torch::zeros({p.numel}, p.floatOptions());
        const auto& path = o.resumePath;
        auto header = readCheckpoint(path, stateTensors(), [&](const nlohmann::json& h) {
            if (h.value("optimizer", std::string()) != toString(o.optimizer.kind)
                || h.value("rule", std::string()) != toString(stepper.ruleKind()))
                throw InputError(path + ": checkpoint was written by optimizer "
                                 + h.value("optimizer", std::string("?")) + " ("
                                 + h.value("rule", std::string("?")) + "), not "
                                 + toString(o.optimizer.kind) + " ("
                                 + toString(stepper.ruleKind()) + ")");
        });
        p.setFlat(flat);
        if (!header.value("hasEigenvector", false))
            ci.eigenvector = torch::Tensor();
        stepper.rule().updates = header.value("updates", std::int64_t(0));
        ci.rate = header.value("learningRate", ci.rate);
        ci.lastLambda = numberOrNan(header, "lastLambdaMax");
        ci.lossAtEstimate = numberOrNan(header, "lossAtLastEstimate");
        if (header.contains("result"))
            trainResultFromJson(header.at("result"), r);
        start = header.value("step", std::int64_t(0));
        r.steps = start;
        r.resumedFromStep = start;
        r.diverged = false;
        priorProbe = r.probeCost;
        priorTraining = r.trainingCost;
        priorSeconds = r.seconds;
    } else {
        r.initialTrainLoss = evalLoss();
        TrainPoint first;
        first.trainLoss = r.initialTrainLoss;
        first.learningRate = ci.rate;
        first.validationMetric = initialValidation;
        r.curve.push_back(first);
    }

    std::vector<std::pair<std::int64_t, torch::Tensor>> pending; // losses not yet read back
    double lastValidation = kNaN;
    double lastFullLoss = kNaN;
    r.stopReason = "completed";

    try {
        for (std::int64_t i = start + 1; i <= total; ++i) {
            torch::Tensor x;
            torch::Tensor y;
            sampler.batch(i, x, y);
            ci.step = i;
            ci.stepLambda = kNaN;
            ci.gradient = p.gradientOn(x, y, &ci.loss);
            for (auto& h : hooks)
                h->beforeStep(context);
            const double rate = ci.rate;
            stepper.step(ci.gradient, rate, [&] { return p.gradientOn(x, y); });
            for (auto& h : hooks)
                h->afterStep(context);
            r.steps = i;
            pending.emplace_back(i, ci.loss);

            const bool last = i == total;
            const bool validate = o.validateEvery > 0 && i % o.validateEvery == 0 && !last;
            const bool checkpoint = o.checkpointEvery > 0 && i % o.checkpointEvery == 0 && !last;
            if (i % o.logEvery == 0 || last || validate || checkpoint
                || !std::isnan(ci.stepLambda)) {
                std::vector<torch::Tensor> ls;
                for (const auto& e : pending)
                    ls.push_back(e.second.reshape({1}));
                auto host = torch::cat(ls).to(torch::kCPU, torch::kFloat64);
                auto values = host.accessor<double, 1>();
                double sum = 0.0;
                for (std::int64_t k = 0; k < values.size(0); ++k) {
                    const double v = values[k];
                    if (!std::isfinite(v) && !r.diverged) {
                        r.diverged = true;
                        r.stopReason = std::string("diverged: loss is ")
                                       + (std::isnan(v) ? "NaN" : "Inf") + " at step "
                                       + std::to_string(pending[static_cast<std::size_t>(k)].first);
                    }
                    sum += v;
                }
                TrainPoint point;
                point.step = i;
                point.trainLoss = sum / static_cast<double>(values.size(0));
                point.learningRate = rate;
                point.lambdaMax = ci.stepLambda;
                if (validate && !r.diverged) {
                    point.validationMetric = validation();
                    point.fullTrainLoss = evalLoss();
                }
                r.curve.push_back(point);
                pending.clear();
                if (r.diverged && o.stopOnNonFinite)
                    break;
            }
            if (o.snapshotEvery > 0 && i % o.snapshotEvery == 0)
                r.snapshots.push_back(Problem::Impl::toHost(p.flatParameters()));
            if (checkpoint)
                saveCheckpoint();
            reportProgress(progress, static_cast<int>(std::min<std::int64_t>(i - start, 1 << 30)),
                           static_cast<int>(std::min<std::int64_t>(total - start, 1 << 30)));
        }
    } catch (const CancelledError&) {
        if (!r.diverged)
            saveCheckpoint();
        throw;
    }

    lastFullLoss = evalLoss();
    lastValidation = validation();
    r.finalTrainLoss = lastFullLoss;
    r.finalValidationMetric = lastValidation;
    if (!r.curve.empty() && r.curve.back().step == r.steps && r.steps > 0) {
        r.curve.back().validationMetric = lastValidation;
        r.curve.back().fullTrainLoss = lastFullLoss;
    }
    r.finalLearningRate = ci.rate;
    if (!r.diverged)
        saveCheckpoint();
    r.probeCost = priorProbe;
    r.probeCost += ci.probeCost;
    r.trainingCost = priorTraining;
    r.trainingCost += costSince(costSince(p.counters, countersAtStart), ci.probeCost);
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    r.trainingCost.seconds = priorTraining.seconds + elapsed - ci.probeCost.seconds;
    r.seconds = priorSeconds + elapsed;
    return r;
}

} // namespace borehole
