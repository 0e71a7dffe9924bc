#pragma once
// Private implementation types of the core library. Only core/*.cpp include this: it pulls in
// libtorch, which must stay out of every translation unit that sees Qt's keywords.
#include "borehole/dataset.h"
#include "borehole/error.h"
#include "borehole/model.h"
#include "borehole/problem.h"
#include "borehole/probes.h"

#include <torch/script.h>
#include <torch/torch.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace borehole {

/// Core's access to the private state behind Model, Dataset and Problem (their impl() is
/// private: the public API hands out no torch state). Use implOf(x).
struct ImplAccess
{
    static Model::Impl& of(const Model& m) { return m.impl(); }
    static const Dataset::Impl& of(const Dataset& d) { return d.impl(); }
    static Problem::Impl& of(Problem& p) { return p.impl(); }
};
inline Model::Impl& implOf(const Model& m) { return ImplAccess::of(m); }
inline const Dataset::Impl& implOf(const Dataset& d) { return ImplAccess::of(d); }
inline Problem::Impl& implOf(Problem& p) { return ImplAccess::of(p); }

struct Dataset::Impl
{
    DataSummary summary;
    torch::Device device{torch::kCPU};
    torch::Tensor trainX; ///< [n, features] float32
    torch::Tensor trainY; ///< regression [n, targets] float32; classification [n] int64
    torch::Tensor valX;
    torch::Tensor valY;
    std::vector<double> featureMean;
    std::vector<double> featureStd;
};

struct Model::Impl
{
    ModelSummary summary;
    torch::jit::Module module;
    torch::Device device{torch::kCPU};
    std::vector<torch::Tensor> params; ///< live trainable parameters, in summary order
};

struct ModelState::Impl
{
    std::vector<torch::Tensor> parameters; ///< every named parameter, recursively, cloned
    std::vector<torch::Tensor> buffers;    ///< every named buffer, recursively, cloned
    std::vector<bool> training;            ///< is_training() of every module, pre-order
};

torch::Device toTorchDevice(DeviceKind kind);
/// The line of a libtorch exception text that says what went wrong: the last "…Error: …" line
/// of a TorchScript interpreter traceback (e.g. "RuntimeError: mat1 and mat2 shapes cannot be
/// multiplied (8x10 and 4x6)"), else the first line.
std::string libtorchMessage(const std::string& what);
std::string shapeString(const torch::Tensor& t);
std::string shapeString(const std::vector<std::int64_t>& shape);

/// A CPU generator seeded for one probe; random tensors are drawn on the CPU and moved, so the
/// same seed gives the same directions on every device.
at::Generator makeGenerator(std::uint64_t seed);
/// Derives a sub-seed for stream `stream` of `seed` (splitmix64), so probes do not share draws.
std::uint64_t deriveSeed(std::uint64_t seed, std::uint64_t stream);

/// The objective L(θ) of a Problem, over flat parameter vectors (1-D tensors on the device).
struct Problem::Impl
{
    Model model;
    Dataset data;
    ProblemOptions options;
    ProblemSummary summary;
    torch::Tensor probeX;
    torch::Tensor probeY;
    std::vector<std::int64_t> numels;
    std::int64_t numel = 0;
    /// Counters of every evaluation since construction; probes take differences.
    ProbeCost counters;

    Impl(Model m, Dataset d, const ProblemOptions& o);
    /// One small forward with gradients on: output shape, dtype, dependence on θ, loss fit.
    void validatePairing();
    /// Sets summary.featureScaleWarning when standardised features fit clearly worse than raw.
    void checkFeatureScales();

    std::vector<torch::Tensor>& params() { return implOf(model).params; }
    torch::Device device() const { return implOf(model).device; }
    torch::TensorOptions floatOptions() const
    {
        return torch::TensorOptions().dtype(torch::kFloat32).device(device());
    }

    /// Forward pass; throws InputError when the output is not a tensor.
    torch::Tensor forward(const torch::Tensor& x);
    /// Loss of predictions against targets (differentiable).
    torch::Tensor lossOf(const torch::Tensor& prediction, const torch::Tensor& target) const;
    /// Loss on the given rows as a 0-d tensor without gradient (no host sync).
    torch::Tensor lossTensorNoGrad(const torch::Tensor& x, const torch::Tensor& y);
    /// The loss of each row, [rows] float32, such that their mean is lossOf(); an undefined
    /// tensor when the loss is not a mean over rows (a model-computed loss whose output has no
    /// row dimension).
    torch::Tensor rowLossesOf(const torch::Tensor& prediction, const torch::Tensor& target) const;
    /// True when the probe rows are a subset of the training rows.
    bool subsampled() const { return probeX.size(0) < implOf(data).trainX.size(0); }
    /// L(θ) on the probe rows.
    double loss();
    /// Flat ∇L(θ) on the given rows (probe rows by default); `loss` receives L when non-null.
    torch::Tensor gradient(double* loss = nullptr);
    torch::Tensor gradientOn(const torch::Tensor& x, const torch::Tensor& y,
                             torch::Tensor* loss = nullptr);
    /// Exact H·v by double backward on the probe rows.
    torch::Tensor hvpExact(const torch::Tensor& v);
    /// H·v by central differences of gradients: (∇L(θ+εv̂)−∇L(θ−εv̂))‖v‖/(2ε).
    torch::Tensor hvpFiniteDifference(const torch::Tensor& v, double epsilon);
    torch::Tensor hvp(const torch::Tensor& v, HvpMode mode, double epsilon);

    torch::Tensor flatParameters() const;
    void setFlat(const torch::Tensor& flat);
    /// θ += alpha·d, in place.
    void addFlat(const torch::Tensor& d, double alpha);
    /// Splits a flat vector into views shaped like the parameters.
    std::vector<torch::Tensor> unflatten(const torch::Tensor& flat) const;
    torch::Tensor flatten(const std::vector<torch::Tensor>& tensors) const;
    torch::Tensor fromHost(const std::vector<float>& v, const char* what) const;
    static std::vector<float> toHost(const torch::Tensor& t);

    double metric(Metric metric, const torch::Tensor& x, const torch::Tensor& y);
};

/// Saves θ on construction and restores it on destruction, so probes leave θ unchanged even
/// when they throw (cancellation included). θ only, because it sits in inner loops (one per
/// finite-difference HVP): evaluation in eval() mode does not touch buffers. Anything that runs
/// the model in train() mode (training steps, trajectories) uses StateRestore.
class ParameterRestore
{
public:
    explicit ParameterRestore(Problem::Impl& p) : m_problem(p), m_saved(p.flatParameters()) {}
    ~ParameterRestore() { m_problem.setFlat(m_saved); }
    ParameterRestore(const ParameterRestore&) = delete;
    ParameterRestore& operator=(const ParameterRestore&) = delete;
    const torch::Tensor& saved() const { return m_saved; }

private:
    Problem::Impl& m_problem;
    torch::Tensor m_saved;
};

/// Saves the module's whole state (every parameter, every buffer such as BatchNorm running
/// statistics, the train/eval mode of every submodule) and restores it on destruction, so a
/// computation that trains leaves no trace, whatever happens.
class StateRestore
{
public:
    explicit StateRestore(Problem::Impl& p) : m_model(p.model), m_state(p.model.saveState()) {}
    ~StateRestore()
    {
        try {
            m_model.restoreState(m_state);
        } catch (...) { // never throw from a destructor; the snapshot is of this very module
        }
    }
    StateRestore(const StateRestore&) = delete;
    StateRestore& operator=(const StateRestore&) = delete;

private:
    Model& m_model;
    ModelState m_state;
};

/// Difference of counters, with wall time measured separately.
ProbeCost costSince(const ProbeCost& now, const ProbeCost& before);

/// Measures what a probe costs: the problem's counter differences and the wall time since
/// construction.
class CostTracker
{
public:
    explicit CostTracker(const Problem::Impl& p)
        : m_problem(p), m_before(p.counters), m_start(std::chrono::steady_clock::now())
    {
    }
    ProbeCost cost() const
    {
        ProbeCost c = costSince(m_problem.counters, m_before);
        c.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start)
                        .count();
        return c;
    }

private:
    const Problem::Impl& m_problem;
    ProbeCost m_before;
    std::chrono::steady_clock::time_point m_start;
};

/// Throws CancelledError when the callback asks to stop.
inline void reportProgress(const ProgressFn& progress, int done, int total)
{
    if (progress && !progress(done, total))
        throw CancelledError();
}

} // namespace borehole
