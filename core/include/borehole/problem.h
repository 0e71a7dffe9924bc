#pragma once
// A Problem binds a model, a data set and a loss into the objective L(θ) that every probe,
// landscape and trainer works on. Probes move θ temporarily and always restore it.
#include "borehole/dataset.h"
#include "borehole/model.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace borehole {

struct ImplAccess; // core/src/internal.h: core's own access to Impl

enum class LossKind {
    Mse,           ///< mean squared error (regression)
    Mae,           ///< mean absolute error, L1 (regression)
    CrossEntropy,  ///< softmax cross-entropy on integer labels (classification)
    BceWithLogits, ///< binary cross-entropy on logits, targets in {0, 1}
    ModelOutput,   ///< the model computes its own loss: L = mean(forward(x))
};

enum class Metric { Mse, Mae, Accuracy, Loss };

std::string toString(LossKind kind);
LossKind parseLossKind(const std::string& text); ///< "mse", "mae", "cross-entropy", "bce", "output"
std::string toString(Metric metric);
Metric parseMetric(const std::string& text); ///< "mse", "mae", "accuracy", "loss"
/// The usual loss for a task: Mse for regression, CrossEntropy for classification.
LossKind defaultLoss(Task task);
/// The usual outcome metric for a task: Mse for regression, Accuracy for classification.
Metric defaultMetric(Task task);
/// As above, but the loss itself when the model computes its own loss (LossKind::ModelOutput):
/// its output cannot be compared with targets.
Metric defaultMetric(Task task, LossKind loss);

struct ProblemOptions
{
    LossKind loss = LossKind::Mse;
    /// Training rows the probes evaluate L on (a fixed, seeded subset); 0 means all of them.
    std::int64_t probeRows = 0;
    /// Mini-batch size for gradient samples (PCA directions) and training.
    std::int64_t batchSize = 128;
    std::uint64_t seed = 0;
    /// Which of forward()'s results is the prediction when forward() returns a tuple, a list or
    /// a dict (e.g. (logits, features)): an index ("0", "1") or a dict key ("logits"). Empty:
    /// forward() must return one tensor. See inspectModelOutputs().
    std::string output;
};

struct ProblemSummary
{
    std::string loss;
    std::string device;
    std::int64_t parameterCount = 0;
    std::int64_t probeRows = 0;
    std::int64_t batchSize = 0;
    /// Output shape of one forward pass on the probe rows, e.g. [442, 1].
    std::vector<std::int64_t> outputShape;
    /// Intra-op CPU threads libtorch used when the problem was set up (setIntraOpThreads).
    int threads = 0;
    /// The chosen output of a forward() returning several (ProblemOptions::output), e.g.
    /// "0 of a tuple of 2"; empty when forward() returns one tensor.
    std::string output;
    /// Set when the features are standardised but the model fits the raw feature values
    /// clearly better (its first layer looks fitted to raw scales): one sentence with both
    /// losses. Empty otherwise.
    std::string featureScaleWarning;
};

/// Forward passes, gradients and Hessian-vector products a Problem has evaluated.
struct EvaluationCounts
{
    std::int64_t forwards = 0;
    std::int64_t gradients = 0;
    std::int64_t hvps = 0;
};

/// One tensor among the results of a model's forward().
struct ModelOutputInfo
{
    /// What ProblemOptions::output takes to choose it: "0", "1", … in a tuple or list, the key
    /// in a dict; empty when forward() returns a single tensor.
    std::string key;
    std::vector<std::int64_t> shape; ///< on one data row, e.g. [1, 10]
    std::string dtype;               ///< "float", "long", …
};

struct ModelOutputs
{
    std::string kind; ///< "tensor", "tuple", "list" or "dict"
    std::vector<ModelOutputInfo> outputs; ///< the tensors among the results, in order
    /// "0: [1, 10]"-style descriptions of the results that are not tensors (skipped above).
    std::vector<std::string> skipped;
};

/// Runs forward() once, without gradients, on the first training row of `data` and lists the
/// tensors it returns, so a caller can offer a choice before anything runs. Throws InputError
/// when forward() rejects the row (naming the input the model expects, or saying that it
/// cannot be read from the weights) or returns no tensor at all.
ModelOutputs inspectModelOutputs(const Model& model, const Dataset& data);
/// "0: [1, 10]" for a tuple's first output, "logits: [1, 10]" for a dict key, "[1, 10]" alone.
std::string describe(const ModelOutputInfo& output);

class Problem
{
public:
    /// Validates the pairing with one forward pass. Throws InputError naming the tensors when
    /// the model rejects the feature shape, or its output does not fit the targets and loss.
    Problem(Model model, Dataset data, const ProblemOptions& options);
    ~Problem();
    Problem(Problem&&) noexcept;
    Problem& operator=(Problem&&) noexcept;

    const ProblemSummary& summary() const;
    const Model& model() const;
    const Dataset& data() const;
    const ProblemOptions& options() const;
    std::int64_t parameterCount() const;
    /// Everything evaluated since construction (the probes' costs are differences of these).
    EvaluationCounts evaluations() const;

    /// L(θ) on the probe rows.
    double loss();
    /// The outcome metric on the validation rows (training rows when there are none).
    double validationMetric(Metric metric);
    /// Current θ, flattened.
    std::vector<float> parameters() const;
    void setParameters(const std::vector<float>& theta);
    /// The model's whole state (parameters, buffers, train/eval mode), see ModelState.
    ModelState saveState() const;
    /// Puts back a saveState() snapshot. Throws InputError when it belongs to another model.
    void restoreState(const ModelState& state);
    /// Seeds libtorch's global generators (CPU and, when present, CUDA), the source of any
    /// randomness inside the model itself (dropout in train mode). Probes draw from their own
    /// seeded generators and do not need this; a computation that trains does.
    static void seedGlobalRandom(std::uint64_t seed);

    struct Impl; ///< core's private state (the objective over flat tensors); opaque outside core

private:
    friend struct ImplAccess;
    Impl& impl() { return *m_impl; }
    std::unique_ptr<Impl> m_impl;
};

} // namespace borehole
