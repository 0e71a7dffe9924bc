#pragma once
// Hand-written first-order update rules on flat parameter vectors, so that each textbook formula
// is explicit in one place and testable (tests/core/test_optimizers.cpp), plus SAM's two-pass
// step. Private to core: torch types.
#include "borehole/trainer.h"

#include "internal.h"

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace borehole {

/// A first-order rule θ ← rule(θ, g, lr) on 1-D tensors. Its state is a fixed list of tensors
/// (allocated as zeros up front, which equals PyTorch's lazy first step because no rule here
/// uses dampening) plus the update count, so checkpoints can save and restore it by name.
class FlatOptimizer
{
public:
    virtual ~FlatOptimizer() = default;
    /// Updates theta in place.
    virtual void update(torch::Tensor& theta, const torch::Tensor& gradient, double lr) = 0;
    /// Named state tensors, in a fixed order.
    virtual std::vector<std::pair<std::string, torch::Tensor*>> state() = 0;
    std::int64_t updates = 0;
};

/// Throws InputError naming the option when the options cannot describe an optimizer.
void validateOptimizerOptions(const OptimizerOptions& options);

/// SGD, Adam or AdamW (the rule itself; Sam and Guided wrap one of these).
std::unique_ptr<FlatOptimizer> makeFlatOptimizer(OptimizerKind kind, const OptimizerOptions& o,
                                                 std::int64_t numel,
                                                 const torch::TensorOptions& tensorOptions);

/// e = ρ·g/‖g‖, or ρ·T²g/‖Tg‖ with T = |θ| (ASAM). Zero when the gradient is zero.
torch::Tensor samPerturbation(const torch::Tensor& theta, const torch::Tensor& gradient,
                              double rho, bool adaptive);

/// Saves the module's buffers (BatchNorm running statistics, counters) and writes them back on
/// destruction, so an extra forward pass in train() mode leaves no trace in them.
class BufferRestore
{
public:
    explicit BufferRestore(Problem::Impl& p);
    ~BufferRestore();
    BufferRestore(const BufferRestore&) = delete;
    BufferRestore& operator=(const BufferRestore&) = delete;

private:
    std::vector<torch::Tensor> m_live;
    std::vector<torch::Tensor> m_saved;
};

/// The module's buffers, live (aliases), in a fixed order.
std::vector<torch::Tensor> moduleBuffers(Problem::Impl& p);

/// Sets the module's train/eval mode for a scope and restores the previous one.
class ModuleMode
{
public:
    ModuleMode(Problem::Impl& p, bool training);
    ~ModuleMode();
    ModuleMode(const ModuleMode&) = delete;
    ModuleMode& operator=(const ModuleMode&) = delete;

private:
    torch::jit::Module& m_module;
    bool m_previous;
};

/// Seeded mini-batches of the training rows. Epoch e's order depends on (seed, e) only, so a
/// run's "RNG position" is its step number, and the order is the same with every standard
/// library (Fisher–Yates on splitmix64 draws; std::shuffle's algorithm is unspecified).
class BatchSampler
{
public:
    /// batchSize 0 (or ≥ rows) means full batch, in the stored order.
    BatchSampler(Problem::Impl& p, std::int64_t batchSize, std::uint64_t seed);
    std::int64_t stepsPerEpoch() const { return m_stepsPerEpoch; }
    /// Features and targets of step `step` (1-based), on the device.
    void batch(std::int64_t step, torch::Tensor& x, torch::Tensor& y);

private:
    const Dataset::Impl& m_data;
    torch::Device m_device;
    std::int64_t m_rows;
    std::int64_t m_batch;
    std::int64_t m_stepsPerEpoch;
    std::uint64_t m_seed;
    torch::Tensor m_order;
    std::int64_t m_orderEpoch = -1;
};

/// One complete optimizer step of the configured kind: the base rule, or SAM around it.
class Stepper
{
public:
    Stepper(const OptimizerOptions& options, Problem::Impl& problem);
    /// Applies one update to the problem's parameters. `gradient` is ∇L at the current θ on the
    /// step's batch; SAM calls `gradientAgain` for ∇L at θ+e on the same batch.
    void step(const torch::Tensor& gradient, double lr,
              const std::function<torch::Tensor()>& gradientAgain);
    FlatOptimizer& rule() { return *m_rule; }
    /// The kind of the update rule (the base of Sam and Guided).
    OptimizerKind ruleKind() const { return m_ruleKind; }
    /// SAM's latest perturbation e (undefined before the first SAM step).
    const torch::Tensor& lastPerturbation() const { return m_lastPerturbation; }

private:
    OptimizerOptions m_options;
    Problem::Impl& m_problem;
    bool m_sam = false;
    OptimizerKind m_ruleKind = OptimizerKind::Sgd;
    std::unique_ptr<FlatOptimizer> m_rule;
    torch::Tensor m_lastPerturbation;
};

} // namespace borehole
