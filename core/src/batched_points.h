#pragma once
// Many parameter points per launch for models that are a chain of nn.Linear layers and
// elementwise activations: the loss at B points θ₀ + Σₖ cₖ dₖ comes from one stacked forward
// pass (weights [B, out, in]) instead of B forwards, with no host synchronisation.
#include "internal.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace borehole {

/// A tensor's values on the host as doubles (one host synchronisation).
std::vector<double> toDoubles(const torch::Tensor& t);

/// Loss of B points on the probe rows, both on the device.
struct BatchLosses
{
    torch::Tensor losses;    ///< [B] float32, as Problem::Impl::lossOf at each point
    torch::Tensor variances; ///< [B] float64, unbiased variance of the per-row losses
};

/// The loss of Problem p at points θ₀ + Σₖ cₖ dₖ, evaluated B points per launch by stacking
/// each Linear layer's weights. Built only through make(), which inspects the model.
class BatchedPoints
{
public:
    /// A batched evaluator around θ₀ along `directions` (flat, like Problem's parameters), or
    /// nothing with `why` saying what prevents it (a model that is not a chain of Linear layers,
    /// activations and BatchNorm1d layers in evaluation mode, a model-computed loss, a memory
    /// budget that holds fewer than two points).
    /// `budgetBytes` bounds B × (activations + one layer's weights) of a block.
    static std::optional<BatchedPoints> make(Problem::Impl& p, const torch::Tensor& theta,
                                             const std::vector<torch::Tensor>& directions,
                                             std::int64_t budgetBytes, std::string& why);

    /// Points per block (launch) that fit the memory budget.
    std::int64_t blockSize() const { return m_block; }
    /// Losses at the points whose coefficients are the rows of `coefficients` ([B, k] float32
    /// on the device, B ≤ blockSize()); counts B forwards.
    BatchLosses evaluate(const torch::Tensor& coefficients);
    /// Empty when the stacked losses at θ₀ and at θ₀ + Σₖ displaced[k]·dₖ match the model's own
    /// forward within 1e-4 relative (a scripted forward() may do more than its chain), else
    /// what differed. Costs 2 ordinary and 2 stacked forwards; leaves θ at θ₀.
    std::string check(const torch::Tensor& theta, const std::vector<torch::Tensor>& directions,
                      const std::vector<double>& displaced);
    /// Coefficient rows as a [B, k] tensor on the problem's device.
    torch::Tensor coefficients(const std::vector<double>& flat, std::int64_t points) const;

    struct Layer
    {
        enum class Kind {
            Linear, Relu, Tanh, Sigmoid, Gelu, GeluTanh, LeakyRelu, Elu, Silu, Softplus, Identity,
            BatchNorm ///< BatchNorm1d in evaluation mode: γ, β move with the point
        };
        Kind kind = Kind::Identity;
        double slope = 0.0;         ///< LeakyReLU negative slope, ELU alpha, Softplus beta
        double threshold = 0.0;     ///< Softplus threshold
        std::int64_t weight = -1;   ///< Linear: index of the weight (BatchNorm: γ) in Problem's
                                    ///< parameters, or −1 (a BatchNorm without affine parameters)
        std::int64_t bias = -1;     ///< Linear: index of the bias (BatchNorm: β), or −1
        std::int64_t in = 0, out = 0;
        torch::Tensor stackedWeight; ///< Linear: [1 + k, out × in] rows θ₀, d₁, …; BatchNorm: γ
        torch::Tensor stackedBias;   ///< Linear with bias: [1 + k, out]; BatchNorm: β
        torch::Tensor mean, invStd;  ///< BatchNorm: running mean and 1/√(running var + ε)
    };
    /// The chain as read from the model: Linear, BatchNorm1d and activation layers, in order.
    const std::vector<Layer>& layers() const { return m_layers; }

private:
    BatchedPoints(Problem::Impl& p) : m_problem(&p) {}
    torch::Tensor rowLosses(const torch::Tensor& prediction) const;

    Problem::Impl* m_problem;
    std::vector<Layer> m_layers;
    torch::Tensor m_firstProducts; ///< x·[W₀; D₁; …]ᵀ of the first layer, [1 + k, rows × out]
    std::int64_t m_block = 1;
};

/// Compares another evaluator's losses with the model's own forward at θ₀ and at
/// θ₀ + Σₖ displaced[k]·dₖ: `candidate(i)` is its loss at point i (0: θ₀, 1: displaced), called
/// with θ already there. Without directions only at θ₀, which must be where the model is (its
/// parameters are then not written). Empty when both agree within 1e-4 relative (or are the same infinity,
/// or both undefined), else "<lossName> <value> differs from the model's <value> at θ" (or "at a
/// displaced point"), or "<failure>: <libtorch message>" when the candidate throws. θ is back at
/// θ₀ on return; an error of the model's own forward propagates (the grids hold a
/// ParameterRestore for that).
std::string compareWithModel(Problem::Impl& p, const torch::Tensor& theta,
                             const std::vector<torch::Tensor>& directions,
                             const std::vector<double>& displaced,
                             const std::function<double(int)>& candidate,
                             const std::string& lossName, const std::string& failure);

/// tr(H) of the probe-row loss, exact, without Hessian-vector products, for a chain of Linear
/// layers, BatchNorm1d in evaluation mode, dropout and elementwise activations (the chains the
/// stacked surface path reads). With H = Σᵢ Jᵢᵀ Hℓ,ᵢ Jᵢ + Σᵢₖ (∂ℓ/∂fᵢₖ) ∇²fᵢₖ:
///  * the Gauss–Newton part Σᵢ tr(Jᵢᵀ Hℓ,ᵢ Jᵢ) from per-row squared gradient norms, one backward
///    pass per output column (cross-entropy: one per class and one for the softmax-weighted
///    sum), all stacked in one launch per row block;
///  * the rest, the diagonal of Σᵢₖ (∂ℓ/∂fᵢₖ) ∇²fᵢₖ, by carrying each row's gradient and
///    Hessian with respect to each layer's output back through the chain (an activation adds
///    diag(σ″·G); a Linear layer's weights contribute Σⱼ Mⱼⱼ(‖a‖² + 1)). With only ReLU /
///    LeakyReLU activations every parameter enters piecewise linearly and this part is 0
///    (autograd takes ReLU″ = 0 too), so tr H is the Gauss–Newton trace.
/// A convolutional chain (conv_chain.h: 2-D convolutions, batch norms in evaluation mode,
/// pooling, Flatten, dropout, Linear layers) with ReLU / LeakyReLU activations only gets the
/// Gauss–Newton trace too: the gradient at each layer's output for all rows of a block by
/// autograd, one backward pass per output column (cross-entropy: classes + 1), and a
/// convolution's per-row weight norm ‖δₙUₙᵀ‖² from its input's patches Uₙ (im2col).
/// Returns nothing, with `why`, for any other model, a loss the model computes, or a chain so
/// wide that carrying row Hessians would cost more than 200 forward passes. The chain's loss must
/// equal the model's own at θ within 1e-4 (a scripted forward() may do more than call its
/// children).
struct StructuralTrace
{
    double trace = 0.0;
    std::int64_t passes = 0;     ///< stacked backward passes (output columns, or classes + 1)
    bool piecewiseLinear = true; ///< no curvature inside the chain: tr H = Gauss–Newton trace
};
std::optional<StructuralTrace> exactChainTrace(Problem::Impl& p, std::string& why);
/// The backward passes exactChainTrace would stack when the model's structure qualifies (no
/// forward pass over the probe rows — a convolutional chain's shapes come from one row — and the
/// comparison with the model's own loss is not made), for planning.
std::optional<std::int64_t> exactChainTracePasses(Problem::Impl& p);

/// A Linear chain's forward pass on rows x at the model's current θ (structural_trace.cpp).
/// `saved[i]` keeps what layer i's backward pass needs: a Linear layer's input, a batch norm's
/// normalised input x̂, an activation's input.
torch::Tensor chainForward(Problem::Impl& p, const std::vector<BatchedPoints::Layer>& layers,
                           const torch::Tensor& x, std::vector<torch::Tensor>& saved);
/// σ′ and σ″ of an elementwise activation at its inputs z (σ″ undefined when it is 0 everywhere:
/// ReLU, LeakyReLU), smooth ones by autograd through the chain's own activate().
std::pair<torch::Tensor, torch::Tensor> activationDerivatives(const BatchedPoints::Layer& l,
                                                              const torch::Tensor& z);

/// ∂L/∂f of the mean loss over `rows` rows (`total` elements for the elementwise losses) for
/// outputs f [n, D] of a block of those rows with targets y: MSE, MAE, BCE with logits or
/// cross-entropy (y integer labels).
torch::Tensor meanLossGradient(LossKind loss, const torch::Tensor& f, const torch::Tensor& y,
                               std::int64_t rows, double total);
/// The Linear chain the exact trace and the R-operator read (BatchedPoints without directions),
/// or nothing with `why` (also for a loss the model computes).
std::optional<BatchedPoints> readLinearChain(Problem::Impl& p, const torch::Tensor& theta,
                                             std::string& why);

/// Exact Hessian-vector products of the probe-row loss for a Linear chain (the chains
/// exactChainTrace reads) by Pearlmutter's R-operator: the forward pass, each layer's output
/// gradient δ and the activations' σ′, σ″ are computed once at θ; a product is then one
/// R-forward pass (R of every layer's output, linear in v) and one R-backward pass, written out
/// per layer — for a Linear layer Rz = Ra·Wᵀ + a·Vᵀ + c, HV_W = Rδᵀa + δᵀRa, Rδ_in = Rδ·W + δ·V.
/// Two matrix products per weight matrix and pass, none of the bookkeeping autograd's double
/// backward adds.
class ChainHvp
{
public:
    /// The operator, or nothing with `why` (not a Linear chain, a loss the model computes, a
    /// chain whose loss differs from the model's at θ, saved tensors over `budgetBytes`).
    static std::unique_ptr<ChainHvp> make(Problem::Impl& p, std::int64_t budgetBytes,
                                          std::string& why);
    torch::Tensor apply(const torch::Tensor& v); ///< H·v, flat
    torch::Tensor gradient() const;              ///< ∇L at θ, flat
    double savedBytes() const { return m_savedBytes; }
    std::string summary() const;

private:
    explicit ChainHvp(Problem::Impl& p) : m_p(p) {}
    Problem::Impl& m_p;
    std::vector<BatchedPoints::Layer> m_layers;
    std::vector<torch::Tensor> m_saved;   ///< chainForward's
    std::vector<torch::Tensor> m_delta;   ///< ∂L/∂(layer i's output)
    std::vector<torch::Tensor> m_first, m_second; ///< activations: σ′, σ″ (undefined: 0)
    std::vector<torch::Tensor> m_scale;   ///< batch norms: γ/√(σ²+ε) (or 1/√(σ²+ε))
    torch::Tensor m_f;                    ///< the chain's output [rows, D]
    torch::Tensor m_lossCurvature;        ///< BCE: σ(1−σ)/N; cross-entropy: softmax
    double m_savedBytes = 0.0;
};

/// The class of a torch.nn module ("Linear", "ReLU", ...), or empty for any other class.
std::string torchNnClass(const torch::jit::Module& m);
/// "layer 'name' (Class)" for messages.
std::string describeLayer(const std::string& name, const torch::jit::Module& m);

enum class ActivationRead { Read, NotAnActivation, Unreadable };
/// Reads the elementwise activation module `m` of class `cls` into layer.kind (and its slope or
/// threshold); Unreadable with `why` set when its constants cannot be read.
ActivationRead readActivation(const std::string& cls, const std::string& name,
                              const torch::jit::Module& m, BatchedPoints::Layer& layer,
                              std::string& why);
/// The activation of `layer` applied to `h`, in place where libtorch has an in-place form (h
/// must be a temporary the caller owns).
torch::Tensor activate(const BatchedPoints::Layer& layer, torch::Tensor& h);

} // namespace borehole
