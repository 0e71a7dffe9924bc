// The update rules, written out as in the papers and in PyTorch's documentation:
//   SGD   d = g + wd·θ;  b ← μ·b + d;  d ← (Nesterov ? d + μ·b : b);  θ ← θ − lr·d
//   Adam  d = g + wd·θ;  m ← β1·m + (1−β1)·d;  v ← β2·v + (1−β2)·d²;
//         θ ← θ − (lr/(1−β1ᵗ))·m / (√v/√(1−β2ᵗ) + ε)
//   AdamW θ ← θ·(1 − lr·wd), then Adam with d = g
//   SAM   e = ρ·g/‖g‖ (ASAM: ρ·T²g/‖Tg‖, T = |θ|);  g' = ∇L(θ+e);  θ ← base(θ, g')
#include "optimizers.h"
#include "text.h"

#include <cmath>

namespace borehole {
namespace {

bool finitePositive(double v)
{
    return std::isfinite(v) && v > 0.0;
}

class Sgd final : public FlatOptimizer
{
public:
    Sgd(const OptimizerOptions& o, std::int64_t numel, const torch::TensorOptions& t)
        : m_momentum(o.momentum), m_nesterov(o.nesterov), m_weightDecay(o.weightDecay),
          m_buffer(torch::zeros({numel}, t))
    {
    }

    void update(torch::Tensor& theta, const torch::Tensor& g, double lr) override
    {
        torch::NoGradGuard noGrad;
        torch::Tensor d = m_weightDecay != 0.0 ? g + m_weightDecay * theta : g;
        if (m_momentum != 0.0) {
            m_buffer.mul_(m_momentum).add_(d);
            d = m_nesterov ? d + m_momentum * m_buffer : m_buffer;
        }
        theta.add_(d, -lr);
        ++updates;
    }

    std::vector<std::pair<std::string, torch::Tensor*>> state() override
    {
        return {{"sgd.momentum", &m_buffer}};
    }

private:
    double m_momentum;
    bool m_nesterov;
    double m_weightDecay;
    torch::Tensor m_buffer;
};

class Adam final : public FlatOptimizer
{
public:
    Adam(const OptimizerOptions& o, bool decoupled, std::int64_t numel,
         const torch::TensorOptions& t)
        : m_beta1(o.beta1), m_beta2(o.beta2), m_epsilon(o.adamEpsilon),
          m_weightDecay(o.weightDecay), m_decoupled(decoupled), m_m(torch::zeros({numel}, t)),
          m_v(torch::zeros({numel}, t))
    {
    }

    void update(torch::Tensor& theta, const torch::Tensor& g, double lr) override
    {
        torch::NoGradGuard noGrad;
        ++updates;
        torch::Tensor d = g;
        if (m_weightDecay != 0.0) {
            if (m_decoupled)
                theta.mul_(1.0 - lr * m_weightDecay);
            else
                d = g + m_weightDecay * theta;
        }
        m_m.mul_(m_beta1).add_(d, 1.0 - m_beta1);
        m_v.mul_(m_beta2).addcmul_(d, d, 1.0 - m_beta2);
        const double t = static_cast<double>(updates);
        const double correction1 = 1.0 - std::pow(m_beta1, t);
        const double correction2 = 1.0 - std::pow(m_beta2, t);
        auto denominator = (m_v.sqrt() / std::sqrt(correction2)).add_(m_epsilon);
        theta.addcdiv_(m_m, denominator, -lr / correction1);
    }

    std::vector<std::pair<std::string, torch::Tensor*>> state() override
    {
        return {{"adam.m", &m_m}, {"adam.v", &m_v}};
    }

private:
    double m_beta1;
    double m_beta2;
    double m_epsilon;
    double m_weightDecay;
    bool m_decoupled;
    torch::Tensor m_m;
    torch::Tensor m_v;
};

} // namespace

void validateOptimizerOptions(const OptimizerOptions& o)
{
    if (!finitePositive(o.learningRate))
        throw InputError("learning rate must be positive, got " + formatNumber(o.learningRate));
    if (!(o.momentum >= 0.0 && o.momentum < 1.0))
        throw InputError("momentum must be in [0, 1), got " + formatNumber(o.momentum));
    if (o.nesterov && o.momentum == 0.0)
        throw InputError("Nesterov momentum needs momentum > 0");
    if (!(o.weightDecay >= 0.0) || !std::isfinite(o.weightDecay))
        throw InputError("weight decay must be >= 0, got " + formatNumber(o.weightDecay));
    if (!(o.beta1 >= 0.0 && o.beta1 < 1.0) || !(o.beta2 >= 0.0 && o.beta2 < 1.0))
        throw InputError("Adam betas must be in [0, 1), got " + formatNumber(o.beta1) + " and "
                         + formatNumber(o.beta2));
    if (!finitePositive(o.adamEpsilon))
        throw InputError("Adam epsilon must be positive, got " + formatNumber(o.adamEpsilon));
    if (!finitePositive(o.samRho))
        throw InputError("SAM rho must be positive, got " + formatNumber(o.samRho));
    if (!finitePositive(o.guidedFactor))
        throw InputError("guided LR factor must be positive, got " + formatNumber(o.guidedFactor));
    if (o.guidedEvery < 1)
        throw InputError("guided LR interval must be at least 1 step, got "
                         + std::to_string(o.guidedEvery));
    if (o.guidedIterations < 1)
        throw InputError("guided LR needs at least 1 Lanczos iteration, got "
                         + std::to_string(o.guidedIterations));
    if (!(o.guidedGrowth >= 1.0) || !std::isfinite(o.guidedGrowth))
        throw InputError("guided LR growth must be >= 1, got " + formatNumber(o.guidedGrowth));
    if (!(o.guidedSpikeFactor >= 0.0))
        throw InputError("guided LR spike factor must be >= 0, got "
                         + formatNumber(o.guidedSpikeFactor));
    if (!finitePositive(o.guidedScale))
        throw InputError("guided LR scale must be positive, got " + formatNumber(o.guidedScale));
    if (!finitePositive(o.guidedFdEpsilon))
        throw InputError("guided LR finite-difference step must be positive, got "
                         + formatNumber(o.guidedFdEpsilon));
    OptimizerKind k = o.kind;
    if (k == OptimizerKind::Guided) {
        k = o.guidedBase;
        if (k == OptimizerKind::Guided)
            throw InputError("guided LR cannot wrap itself");
    }
    if (k == OptimizerKind::Sam && (o.samBase == OptimizerKind::Sam
                                    || o.samBase == OptimizerKind::Guided))
        throw InputError("SAM wraps sgd, adam or adamw, not " + toString(o.samBase));
}

std::unique_ptr<FlatOptimizer> makeFlatOptimizer(OptimizerKind kind, const OptimizerOptions& o,
                                                 std::int64_t numel,
                                                 const torch::TensorOptions& t)
{
    switch (kind) {
    case OptimizerKind::Sgd: return std::make_unique<Sgd>(o, numel, t);
    case OptimizerKind::Adam: return std::make_unique<Adam>(o, false, numel, t);
    case OptimizerKind::AdamW: return std::make_unique<Adam>(o, true, numel, t);
    case OptimizerKind::Sam:
    case OptimizerKind::Guided: break;
    }
    throw InputError("optimizer " + toString(kind) + " is not an update rule");
}

torch::Tensor samPerturbation(const torch::Tensor& theta, const torch::Tensor& g, double rho,
                              bool adaptive)
{
    torch::NoGradGuard noGrad;
    if (!adaptive) {
        const auto norm = g.norm();
        return g * (rho / (norm + 1e-12));
    }
    const auto t = theta.abs();
    const auto norm = (t * g).norm();
    return t * t * g * (rho / (norm + 1e-12));
}

std::vector<float> samPerturbation(const std::vector<float>& parameters,
                                   const std::vector<float>& gradient, double rho, bool adaptive)
{
    if (parameters.size() != gradient.size())
        throw InputError("SAM perturbation: " + std::to_string(parameters.size())
                         + " parameters but " + std::to_string(gradient.size())
                         + " gradient values");
    const auto n = static_cast<std::int64_t>(parameters.size());
    auto theta = torch::from_blob(const_cast<float*>(parameters.data()), {n}, torch::kFloat32);
    auto g = torch::from_blob(const_cast<float*>(gradient.data()), {n}, torch::kFloat32);
    return Problem::Impl::toHost(samPerturbation(theta, g, rho, adaptive));
}

std::vector<torch::Tensor> moduleBuffers(Problem::Impl& p)
{
    std::vector<torch::Tensor> out;
    for (const auto& b : implOf(p.model).module.buffers(/*recurse=*/true))
        out.push_back(b);
    return out;
}

BufferRestore::BufferRestore(Problem::Impl& p) : m_live(moduleBuffers(p))
{
    torch::NoGradGuard noGrad;
    for (const auto& b : m_live)
        m_saved.push_back(b.clone());
}

BufferRestore::~BufferRestore()
{
    torch::NoGradGuard noGrad;
    for (std::size_t i = 0; i < m_live.size(); ++i)
        m_live[i].copy_(m_saved[i]);
}

ModuleMode::ModuleMode(Problem::Impl& p, bool training)
    : m_module(implOf(p.model).module), m_previous(m_module.is_training())
{
    m_module.train(training);
}

ModuleMode::~ModuleMode()
{
    m_module.train(m_previous);
}

BatchSampler::BatchSampler(Problem::Impl& p, std::int64_t batchSize, std::uint64_t seed)
    : m_data(implOf(p.data)), m_device(p.device()), m_rows(m_data.trainX.size(0)), m_seed(seed)
{
    m_batch = batchSize <= 0 || batchSize >= m_rows ? m_rows : batchSize;
    m_stepsPerEpoch = (m_rows + m_batch - 1) / m_batch;
}

void BatchSampler::batch(std::int64_t step, torch::Tensor& x, torch::Tensor& y)
{
    if (m_batch >= m_rows) {
        x = m_data.trainX;
        y = m_data.trainY;
        return;
    }
    const std::int64_t epoch = (step - 1) / m_stepsPerEpoch;
    const std::int64_t within = (step - 1) % m_stepsPerEpoch;
    if (epoch != m_orderEpoch) {
        std::vector<std::int64_t> order(static_cast<std::size_t>(m_rows));
        for (std::int64_t i = 0; i < m_rows; ++i)
            order[static_cast<std::size_t>(i)] = i;
        std::uint64_t state = deriveSeed(m_seed, 1000 + static_cast<std::uint64_t>(epoch));
        for (std::int64_t i = m_rows - 1; i > 0; --i) {
            state = deriveSeed(state, 1);
            const auto j = static_cast<std::int64_t>(state % static_cast<std::uint64_t>(i + 1));
            std::swap(order[static_cast<std::size_t>(i)], order[static_cast<std::size_t>(j)]);
        }
        m_order = torch::tensor(order, torch::kInt64).to(m_device);
        m_orderEpoch = epoch;
    }
    const std::int64_t first = within * m_batch;
    auto index = m_order.narrow(0, first, std::min(m_batch, m_rows - first));
    x = m_data.trainX.index_select(0, index);
    y = m_data.trainY.index_select(0, index);
}

Stepper::Stepper(const OptimizerOptions& options, Problem::Impl& problem)
    : m_options(options), m_problem(problem)
{
    validateOptimizerOptions(options);
    OptimizerKind k = options.kind == OptimizerKind::Guided ? options.guidedBase : options.kind;
    if (k == OptimizerKind::Sam) {
        m_sam = true;
        k = options.samBase;
    }
    m_ruleKind = k;
    m_rule = makeFlatOptimizer(k, options, problem.numel, problem.floatOptions());
}

void Stepper::step(const torch::Tensor& gradient, double lr,
                   const std::function<torch::Tensor()>& gradientAgain)
{
    auto theta = m_problem.flatParameters();
    if (m_sam) {
        m_lastPerturbation = samPerturbation(theta, gradient, m_options.samRho,
                                             m_options.samAdaptive);
        m_problem.addFlat(m_lastPerturbation, 1.0);
        torch::Tensor sharp;
        {
            BufferRestore buffers(m_problem);
            try {
                sharp = gradientAgain();
            } catch (...) {
                m_problem.setFlat(theta);
                throw;
            }
        }
        m_rule->update(theta, sharp, lr);
    } else {
        m_rule->update(theta, gradient, lr);
    }
    m_problem.setFlat(theta);
}

} // namespace borehole
