// The exact Hessian trace of Linear chains without Hessian-vector products (batched_points.h):
// the Gauss–Newton part from per-row gradient norms, and for smooth activations the rest of the
// Hessian's diagonal by backpropagating each row's output Hessian.
#include "batched_points.h"
#include "conv_chain.h"

#include "borehole/error.h"

#include <algorithm>
#include <limits>

namespace borehole {

namespace {

using Kind = BatchedPoints::Layer::Kind;

/// The seeds of the Gauss–Newton part's backward passes for outputs f [n, D]: [passes, n, D],
/// one unit vector per output column, and for cross-entropy the softmax weights as one more.
torch::Tensor gaussNewtonSeeds(const torch::Tensor& f, LossKind loss)
{
    const std::int64_t n = f.size(0), columns = f.size(1);
    const auto eye = torch::eye(columns, f.options());
    return loss == LossKind::CrossEntropy
               ? torch::cat({eye.unsqueeze(1).expand({columns, n, columns}),
                             torch::softmax(f.detach(), 1).unsqueeze(0)})
               : eye.unsqueeze(1).expand({columns, n, columns}).contiguous();
}

/// Adds a row block's Gauss–Newton part Σᵢ tr(Jᵢᵀ Hℓ,ᵢ Jᵢ) of the mean loss over `rows` rows
/// (`total` elements for elementwise losses) to `trace`, from `norms` [passes, n]: the squared
/// gradient norm of each pass's seed · fᵢ over all parameters (passes as gaussNewtonSeeds).
void addGaussNewton(torch::Tensor& trace, const torch::Tensor& norms, const torch::Tensor& f,
                    LossKind loss, std::int64_t rows, double total)
{
    const std::int64_t columns = f.size(1);
    const auto n64 = norms.to(torch::kFloat64);
    const auto f64 = f.detach().to(torch::kFloat64);
    if (loss == LossKind::CrossEntropy) {
        const auto prob = torch::softmax(f64, 1);
        trace.add_(((prob * n64.narrow(0, 0, columns).t()).sum(1) - n64[columns]).sum()
                   / static_cast<double>(rows));
    } else if (loss == LossKind::Mse) {
        trace.add_(2.0 * n64.sum() / total);
    } else { // BCE with logits: σ(1 − σ) per output element
        const auto s = torch::sigmoid(f64);
        trace.add_(((s * (1.0 - s)).t() * n64).sum() / total);
    }
}

/// Stacked backward passes of the Gauss–Newton part for a loss over `columns` outputs.
std::int64_t gaussNewtonPasses(LossKind loss, std::int64_t columns)
{
    return loss == LossKind::Mae            ? 0
           : loss == LossKind::CrossEntropy ? columns + 1
                                            : columns;
}

bool piecewiseLinear(Kind k)
{
    return k == Kind::Linear || k == Kind::BatchNorm || k == Kind::Relu || k == Kind::LeakyRelu
           || k == Kind::Identity;
}

} // namespace

/// The chain's forward pass on rows x at the model's current θ. `saved[i]` keeps what layer i's
/// backward pass needs: a Linear layer's input, a batch norm's normalised input x̂, an
/// activation's input.
torch::Tensor chainForward(Problem::Impl& p, const std::vector<BatchedPoints::Layer>& layers,
                           const torch::Tensor& x, std::vector<torch::Tensor>& saved)
{
    const auto& params = p.params();
    saved.assign(layers.size(), torch::Tensor());
    torch::Tensor h = x;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const auto& l = layers[i];
        switch (l.kind) {
        case Kind::Linear: {
            saved[i] = h;
            const auto& w = params[static_cast<std::size_t>(l.weight)];
            h = l.bias >= 0 ? torch::addmm(params[static_cast<std::size_t>(l.bias)], h, w.t())
                            : h.mm(w.t());
            break;
        }
        case Kind::BatchNorm: {
            h = (h - l.mean) * l.invStd;
            saved[i] = h;
            if (l.weight >= 0)
                h = h * params[static_cast<std::size_t>(l.weight)];
            if (l.bias >= 0)
                h = h + params[static_cast<std::size_t>(l.bias)];
            break;
        }
        case Kind::Identity:
            break;
        default: { // an elementwise activation
            saved[i] = h;
            auto copy = h.clone();
            h = activate(l, copy);
            break;
        }
        }
    }
    return h;
}

/// σ′ and σ″ of an elementwise activation at its inputs z (σ″ undefined when it is 0
/// everywhere: ReLU, LeakyReLU). Smooth ones by autograd through the chain's own activate(), so
/// both derivatives are those of the function the model applies.
std::pair<torch::Tensor, torch::Tensor> activationDerivatives(const BatchedPoints::Layer& l,
                                                    const torch::Tensor& z)
{
    if (l.kind == Kind::Relu)
        return {(z > 0).to(z.scalar_type()), torch::Tensor()};
    if (l.kind == Kind::LeakyRelu)
        return {torch::where(z > 0, torch::ones({}, z.options()),
                             torch::full({}, l.slope, z.options())),
                torch::Tensor()};
    torch::AutoGradMode enable(true);
    auto x = z.detach().requires_grad_(true);
    auto h = x.clone();
    const auto y = activate(l, h);
    auto first = torch::autograd::grad({y.sum()}, {x}, {}, /*retain_graph=*/true,
                                       /*create_graph=*/true)[0];
    torch::Tensor second;
    if (first.requires_grad())
        second = torch::autograd::grad({first.sum()}, {x}, {}, false, false, /*allow_unused=*/true)[0];
    if (second.defined())
        second = second.detach();
    return {first.detach(), second};
}

torch::Tensor meanLossGradient(LossKind loss, const torch::Tensor& f, const torch::Tensor& y,
                               std::int64_t rows, double total)
{
    const std::int64_t n = f.size(0), columns = f.size(1);
    if (loss == LossKind::CrossEntropy)
        return (torch::softmax(f, 1) - torch::one_hot(y, columns).to(f.scalar_type()))
               / static_cast<double>(rows);
    const auto target = y.reshape({n, columns}).to(f.scalar_type());
    if (loss == LossKind::Mse)
        return 2.0 * (f - target) / total;
    if (loss == LossKind::Mae)
        return torch::sign(f - target) / total;
    return (torch::sigmoid(f) - target) / total; // BCE with logits
}

std::optional<BatchedPoints> readLinearChain(Problem::Impl& p, const torch::Tensor& theta,
                                             std::string& why)
{
    if (p.options.loss == LossKind::ModelOutput) {
        why = "the loss is computed by the model";
        return std::nullopt;
    }
    return BatchedPoints::make(p, theta, {}, std::numeric_limits<std::int64_t>::max() / 8, why);
}

namespace {

/// The chain and its shape, or nothing with `why`: the checks that need no forward pass.
struct Plan
{
    std::optional<BatchedPoints> chain;
    bool piecewiseLinear = true;
    std::int64_t width = 0, columns = 0;
    std::int64_t passes = 0; ///< stacked backward passes of the Gauss–Newton part
};

std::optional<Plan> plan(Problem::Impl& p, const torch::Tensor& theta, std::string& why)
{
    Plan out;
    out.chain = readLinearChain(p, theta, why);
    if (!out.chain)
        return std::nullopt;
    const auto& layers = out.chain->layers();
    out.piecewiseLinear = std::all_of(layers.begin(), layers.end(),
                                      [](const auto& l) { return piecewiseLinear(l.kind); });
    std::int64_t params = 0;
    // FLOPs of backpropagating one row's output Hessian (Wᵀ M W at every Linear layer but the
    // first, M full width × width) against one forward pass.
    double hessianFlops = 0.0;
    bool firstLinear = true;
    out.width = p.probeX.size(1);
    for (const auto& l : layers) {
        out.width = std::max(out.width, l.out);
        if (l.kind != Kind::Linear)
            continue;
        out.columns = l.out; // the output's width: later layers keep it
        params += l.in * l.out + (l.bias >= 0 ? l.out : 0);
        if (!firstLinear)
            hessianFlops += 2.0 * static_cast<double>(l.out * l.in) * static_cast<double>(l.out + l.in);
        firstLinear = false;
    }
    if (!out.piecewiseLinear && hessianFlops > 200.0 * 2.0 * static_cast<double>(params)) {
        why = "carrying each row's output Hessian (" + std::to_string(out.width)
              + " wide) back would cost more than 200 forward passes";
        return std::nullopt;
    }
    const LossKind loss = p.options.loss;
    out.passes = gaussNewtonPasses(loss, out.columns);
    return out;
}

} // namespace

// ---- Convolutional chains (conv_chain.h): ReLU-type activations only ---------------------------
//
// A chain of 2-D convolutions, batch norms in evaluation mode, max/average pooling, Flatten,
// dropout in evaluation mode, ReLU/LeakyReLU and Linear layers is piecewise linear in every single
// parameter, so tr H is its Gauss–Newton part. Each parameter's share of a row's squared gradient
// norm comes from the gradient δ at its layer's output, which autograd gives for all rows of a
// block at once (the rows are independent in evaluation mode): a convolution's weights
// ‖δₙ Uₙᵀ‖² with Uₙ its input's patches (im2col) and δₙ [out channels × positions], its bias
// ‖Σ_positions δₙ‖², a batch norm's γ and β Σ_c (Σ_positions δ·x̂)² and Σ_c (Σ_positions δ)², a
// Linear layer ‖δₙ‖²(‖aₙ‖² + 1).

namespace {

using Op = ConvChain::Step::Op;

/// What the convolutional trace keeps of a step with parameters.
struct ConvTap
{
    std::size_t step = 0;
    torch::Tensor output;     ///< the step's output, which the backward passes differentiate to
    torch::Tensor patches;    ///< Conv: its input unfolded, [n, groups, C·kh·kw / groups, positions]
    torch::Tensor inputNorms; ///< Linear: ‖a‖² (+ 1 with a bias) per row
    torch::Tensor normalised; ///< a batch norm, or the one folded into a Conv: x̂ = (z − μ)/√(σ² + ε)
    torch::Tensor scale;      ///< a folded batch norm: ∂y/∂z per channel, γ/√(σ² + ε)
};

torch::Tensor perChannel(const torch::Tensor& t, const torch::Tensor& like)
{
    return like.dim() == 4 ? t.view({1, -1, 1, 1}) : t.view({1, -1});
}

/// The chain on `rows` at the current θ, NCHW, batch norms applied as x̂·γ + β. With `taps`, the
/// outputs of the steps with parameters are recorded (the first one a leaf the graph starts
/// from: nothing before it has parameters), with what their per-row norms need, and `floats`
/// (when given) adds the values the forward, its graph and the norms hold per block.
torch::Tensor convTraceForward(Problem::Impl& p, const ConvChain& chain, const torch::Tensor& rows,
                               std::vector<ConvTap>* taps, std::int64_t* floats = nullptr)
{
    const auto& params = p.params();
    auto param = [&](std::int64_t i) {
        return i >= 0 ? params[static_cast<std::size_t>(i)].detach() : torch::Tensor();
    };
    torch::AutoGradMode grad(taps != nullptr);
    const auto& steps = chain.steps();
    torch::Tensor h = chain.images(rows);
    const std::int64_t n = rows.size(0);
    bool started = false;
    auto count = [&](std::int64_t values) {
        if (floats)
            *floats += values;
    };
    auto record = [&](ConvTap t) {
        if (!taps)
            return;
        if (!started) {
            h = h.detach().requires_grad_(true);
            started = true;
        }
        t.output = h;
        taps->push_back(std::move(t));
    };
    auto normalise = [&](const ConvChain::Step& s, std::int64_t weight, std::int64_t bias,
                         ConvTap& t) {
        const auto inv = torch::rsqrt(s.variance + s.eps);
        h = (h - perChannel(s.mean, h)) * perChannel(inv, h);
        if (taps)
            t.normalised = h.detach();
        if (weight >= 0)
            h = h * perChannel(param(weight), h);
        if (bias >= 0)
            h = h + perChannel(param(bias), h);
        return weight >= 0 ? inv * param(weight) : inv;
    };
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const auto& s = steps[i];
        ConvTap t;
        t.step = i;
        switch (s.op) {
        case Op::Conv: {
            const auto w = param(s.weight);
            if (taps) {
                const auto cols = at::im2col(h.detach(), {w.size(2), w.size(3)}, s.dilation,
                                             s.padding, s.stride);
                t.patches = cols.view({n, s.groups, -1, cols.size(2)});
                count(cols.numel() + n * w.size(0) * cols.size(1) / s.groups);
            }
            h = torch::conv2d(h, w, param(s.bias), s.stride, s.padding, s.dilation, s.groups);
            if (s.folded)
                t.scale = normalise(s, s.foldedWeight, s.foldedBias, t);
            record(std::move(t));
            break;
        }
        case Op::BatchNorm:
            normalise(s, s.weight, s.bias, t);
            if (s.weight >= 0 || s.bias >= 0)
                record(std::move(t));
            break;
        case Op::Activation: {
            auto copy = h.clone(); // activate() may work in place; a tap is never overwritten
            h = activate(s.activation, copy);
            break;
        }
        case Op::MaxPool:
            h = torch::max_pool2d(h, s.kernel, s.stride, s.padding, s.dilation, s.ceilMode);
            break;
        case Op::AvgPool:
            h = torch::avg_pool2d(h, s.kernel, s.stride, s.padding, s.ceilMode, s.countIncludePad,
                                  s.divisor ? c10::optional<std::int64_t>(*s.divisor)
                                            : c10::optional<std::int64_t>());
            break;
        case Op::AdaptiveAvgPool: h = torch::adaptive_avg_pool2d(h, s.kernel); break;
        case Op::Flatten: h = torch::flatten(h, s.startDim, s.endDim); break;
        case Op::Linear:
            if (h.dim() > 2)
                h = h.flatten(1);
            if (taps)
                t.inputNorms = h.detach().pow(2).sum(1) + (s.bias >= 0 ? 1.0 : 0.0);
            h = torch::linear(h, param(s.weight), param(s.bias));
            record(std::move(t));
            break;
        }
        count(3 * h.numel()); // the activation, its gradient and what the graph saves of it
    }
    return h.reshape({n, -1});
}

/// Squared norms, per row, of the gradient of one backward pass's seed · output with respect to
/// every parameter, from the gradients at the taps' outputs.
torch::Tensor convRowNorms(const ConvChain& chain, const std::vector<ConvTap>& taps,
                           const std::vector<torch::Tensor>& grads, std::int64_t n,
                           const torch::TensorOptions& options)
{
    const auto& steps = chain.steps();
    auto norms = torch::zeros({n}, options);
    auto summed = [](const torch::Tensor& g) { return g.dim() == 4 ? g.sum({2, 3}) : g; };
    for (std::size_t k = 0; k < taps.size(); ++k) {
        const auto& t = taps[k];
        const auto& s = steps[t.step];
        torch::Tensor g = grads[k];
        if (!g.defined()) // no path to the output: no parameter of this step moves it
            continue;
        switch (s.op) {
        case Op::Conv: {
            if (s.folded) {
                if (s.foldedWeight >= 0)
                    norms.add_(summed(g * t.normalised).pow(2).sum(1));
                if (s.foldedBias >= 0)
                    norms.add_(summed(g).pow(2).sum(1));
                g = g * perChannel(t.scale, g);
            }
            if (s.bias >= 0)
                norms.add_(summed(g).pow(2).sum(1));
            const auto delta = g.reshape({n, s.groups, -1, t.patches.size(3)});
            norms.add_(torch::matmul(delta, t.patches.transpose(2, 3)).pow(2).sum({1, 2, 3}));
            break;
        }
        case Op::BatchNorm:
            if (s.weight >= 0)
                norms.add_(summed(g * t.normalised).pow(2).sum(1));
            if (s.bias >= 0)
                norms.add_(summed(g).pow(2).sum(1));
            break;
        case Op::Linear: norms.add_(g.pow(2).sum(1) * t.inputNorms); break;
        default: break;
        }
    }
    return norms;
}

struct ConvPlan
{
    std::optional<ConvChain> chain;
    std::int64_t columns = 0, passes = 0;
    std::int64_t floatsPerRow = 0;
};

std::optional<ConvPlan> convPlan(Problem::Impl& p, std::string& why)
{
    ConvPlan out;
    out.chain = ConvChain::make(p, why, /*forGrid=*/false);
    if (!out.chain)
        return std::nullopt;
    for (const auto& s : out.chain->steps())
        if (s.op == Op::Activation && !piecewiseLinear(s.activation.kind)) {
            why = "a convolutional chain with a smooth activation: the rest of its Hessian's "
                  "diagonal is not carried back through convolutions";
            return std::nullopt;
        }
    if (p.probeX.size(0) == 0) {
        why = "no probe rows";
        return std::nullopt;
    }
    std::vector<ConvTap> taps; // shapes from one row
    const auto f = convTraceForward(p, *out.chain, p.probeX.narrow(0, 0, 1), &taps,
                                    &out.floatsPerRow);
    out.columns = f.size(1);
    out.passes = gaussNewtonPasses(p.options.loss, out.columns);
    return out;
}

std::optional<StructuralTrace> exactConvTrace(Problem::Impl& p, ConvPlan& planned,
                                              const torch::Tensor& theta, std::string& why)
{
    const LossKind loss = p.options.loss;
    const auto& chain = *planned.chain;
    const auto& x = p.probeX;
    const auto& y = p.probeY;
    const std::string differs = compareWithModel(
        p, theta, {}, {},
        [&](int) {
            torch::NoGradGuard noGrad;
            return p.lossOf(convTraceForward(p, chain, x, nullptr), y).item<double>();
        },
        "the convolutional chain's loss", "the convolutional chain failed");
    if (!differs.empty()) {
        why = differs;
        return std::nullopt;
    }
    StructuralTrace out;
    out.piecewiseLinear = true;
    out.passes = planned.passes;
    const std::int64_t rows = x.size(0);
    const double total = static_cast<double>(y.numel());
    auto trace = torch::zeros({}, torch::TensorOptions().dtype(torch::kFloat64).device(p.device()));
    if (out.passes == 0) { // MAE: no curvature anywhere between the kinks
        out.trace = 0.0;
        p.counters.forwards += 1;
        return out;
    }
    // Row blocks of about 256 MiB: the activations, the graph, the patches and one pass's products.
    const double fits = 256.0 * 1024.0 * 1024.0
                        / (4.0 * static_cast<double>(std::max<std::int64_t>(1, planned.floatsPerRow)));
    const std::int64_t block = std::clamp<std::int64_t>(static_cast<std::int64_t>(fits), 1,
                                                        std::max<std::int64_t>(rows, 1));
    for (std::int64_t start = 0; start < rows; start += block) {
        const std::int64_t n = std::min(block, rows - start);
        std::vector<ConvTap> taps;
        const auto f = convTraceForward(p, chain, x.narrow(0, start, n), &taps);
        std::vector<torch::Tensor> outputs;
        for (const auto& t : taps)
            outputs.push_back(t.output);
        const auto seeds = gaussNewtonSeeds(f, loss);
        std::vector<torch::Tensor> norms;
        for (std::int64_t k = 0; k < out.passes; ++k) {
            const auto grads = torch::autograd::grad({f}, outputs, {seeds[k]},
                                                     /*retain_graph=*/k + 1 < out.passes,
                                                     /*create_graph=*/false, /*allow_unused=*/true);
            torch::NoGradGuard noGrad;
            norms.push_back(convRowNorms(chain, taps, grads, n, f.options()));
        }
        torch::NoGradGuard noGrad;
        addGaussNewton(trace, torch::stack(norms), f.detach(), loss, rows, total);
        p.counters.forwards += 1;
        p.counters.gradients += out.passes;
    }
    out.trace = trace.item<double>();
    return out;
}

} // namespace

std::optional<std::int64_t> exactChainTracePasses(Problem::Impl& p)
{
    std::string why;
    if (const auto planned = plan(p, p.flatParameters(), why))
        return planned->passes;
    if (const auto conv = convPlan(p, why))
        return conv->passes;
    return std::nullopt;
}

std::optional<StructuralTrace> exactChainTrace(Problem::Impl& p, std::string& why)
{
    const LossKind loss = p.options.loss;
    const torch::Tensor theta = p.flatParameters();
    auto planned = plan(p, theta, why);
    if (!planned) {
        std::string convWhy;
        if (auto conv = convPlan(p, convWhy))
            return exactConvTrace(p, *conv, theta, why);
        why += "; as a convolutional chain: " + convWhy;
        return std::nullopt;
    }
    const auto& layers = planned->chain->layers();
    StructuralTrace out;
    out.piecewiseLinear = planned->piecewiseLinear;
    const auto& x = p.probeX;
    const auto& y = p.probeY;
    const std::int64_t rows = x.size(0);
    const std::int64_t width = planned->width, columns = planned->columns;
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> saved;
    // The chain must be the model: its loss at θ equals the model's own forward's.
    const std::string differs = compareWithModel(
        p, theta, {}, {},
        [&](int) { return p.lossOf(chainForward(p, layers, x, saved), y).item<double>(); },
        "the Linear chain's loss", "the Linear chain's forward failed");
    if (!differs.empty()) {
        why = differs;
        return std::nullopt;
    }

    out.passes = planned->passes;
    // Row blocks bound the memory: stacked passes × rows × widest layer (and, for smooth
    // activations, a width × width Hessian per row), a few copies, about 256 MiB. (MAE through a
    // piecewise-linear chain stacks no pass: one block of at most all rows.)
    const double perRow = 4.0 * 3.0
                          * static_cast<double>(std::max<std::int64_t>(1, out.passes) * width
                                                + (out.piecewiseLinear ? 0 : width * width));
    const double fits = 256.0 * 1024.0 * 1024.0 / perRow;
    const std::int64_t all = std::max<std::int64_t>(rows, 1);
    const std::int64_t block =
        fits >= static_cast<double>(all) ? all : std::max<std::int64_t>(1, static_cast<std::int64_t>(fits));
    const double total = static_cast<double>(y.numel()); // elements an elementwise mean runs over
    const auto& parameters = p.params();
    auto weightOf = [&](std::int64_t index) { return parameters[static_cast<std::size_t>(index)]; };
    // The sum stays on the device until the end: one host synchronisation for the whole trace.
    auto trace = torch::zeros({}, torch::TensorOptions().dtype(torch::kFloat64).device(p.device()));
    for (std::int64_t start = 0; start < rows; start += block) {
        const std::int64_t n = std::min(block, rows - start);
        const auto f = chainForward(p, layers, x.narrow(0, start, n), saved).reshape({n, columns});
        const auto yb = y.narrow(0, start, n);
        // Per layer, what both parts below read: an activation's σ′ and σ″, a Linear layer's
        // per-row ‖a‖² + 1 (its weights' and bias's share of a gradient's squared norm), a batch
        // norm's scale γ/√(σ² + ε).
        std::vector<std::pair<torch::Tensor, torch::Tensor>> slopes(layers.size());
        std::vector<torch::Tensor> inputNorms(layers.size()), scales(layers.size());
        for (std::size_t i = 0; i < layers.size(); ++i) {
            const auto& l = layers[i];
            if (l.kind == Kind::Linear)
                inputNorms[i] = saved[i].pow(2).sum(1) + (l.bias >= 0 ? 1.0 : 0.0);
            else if (l.kind == Kind::BatchNorm)
                scales[i] = l.weight >= 0 ? weightOf(l.weight) * l.invStd : l.invStd;
            else if (l.kind != Kind::Identity)
                slopes[i] = activationDerivatives(l, saved[i]);
        }

        // 1. Gauss–Newton part Σᵢ tr(Jᵢᵀ Hℓ,ᵢ Jᵢ): per row and stacked pass, the squared norm of
        //    the gradient of (seed · output) with respect to every parameter.
        if (loss != LossKind::Mae) {
            torch::Tensor g = gaussNewtonSeeds(f, loss);
            auto norms = torch::zeros({g.size(0), n}, f.options());
            for (std::size_t i = layers.size(); i-- > 0;) {
                const auto& l = layers[i];
                if (l.kind == Kind::Linear) {
                    norms.add_(g.pow(2).sum(-1) * inputNorms[i]);
                    if (i > 0)
                        g = g.matmul(weightOf(l.weight));
                } else if (l.kind == Kind::BatchNorm) {
                    const auto g2 = g.pow(2);
                    if (l.weight >= 0)
                        norms.add_((g2 * saved[i].pow(2)).sum(-1));
                    if (l.bias >= 0)
                        norms.add_(g2.sum(-1));
                    g = g * scales[i];
                } else if (l.kind != Kind::Identity) {
                    g = g * slopes[i].first;
                }
            }
            addGaussNewton(trace, norms, f, loss, rows, total);
            p.counters.gradients += g.size(0);
        }

        // 2. The rest, Σᵢ Σₖ (∂ℓ/∂fᵢₖ) tr(∇²fᵢₖ): zero for piecewise-linear chains; else the sum
        //    of each row's diagonal second derivatives of s = u·f (u = ∂ℓ/∂f) over all parameters,
        //    from its gradient G and Hessian M with respect to each layer's output, carried back
        //    (an activation adds diag(σ″·G); a Linear layer's weights contribute Σⱼ Mⱼⱼ(‖a‖² + 1)).
        if (!out.piecewiseLinear) {
            // g = ∂ℓ/∂f of the mean loss, [n, D]; m undefined: zero so far
            torch::Tensor g = meanLossGradient(loss, f, yb, rows, total), m;
            for (std::size_t i = layers.size(); i-- > 0;) {
                const auto& l = layers[i];
                if (l.kind == Kind::Linear) {
                    if (m.defined())
                        trace.add_((m.diagonal(0, 1, 2).sum(1).to(torch::kFloat64)
                                    * inputNorms[i].to(torch::kFloat64))
                                       .sum());
                    if (i == 0)
                        break;
                    const auto& w = weightOf(l.weight);
                    g = g.mm(w);
                    if (m.defined())
                        m = torch::matmul(w.t(), torch::matmul(m, w));
                } else if (l.kind == Kind::BatchNorm) {
                    if (m.defined()) {
                        const auto d = m.diagonal(0, 1, 2).to(torch::kFloat64);
                        if (l.weight >= 0)
                            trace.add_((d * saved[i].pow(2)).sum());
                        if (l.bias >= 0)
                            trace.add_(d.sum());
                    }
                    const auto& c = scales[i];
                    g = g * c;
                    if (m.defined())
                        m = m * c.view({1, -1, 1}) * c.view({1, 1, -1});
                } else if (l.kind != Kind::Identity) {
                    const auto& [first, second] = slopes[i];
                    torch::Tensor added = second.defined() ? torch::diag_embed(second * g)
                                                           : torch::Tensor();
                    if (m.defined())
                        m = first.unsqueeze(2) * m * first.unsqueeze(1);
                    if (added.defined())
                        m = m.defined() ? m + added : added;
                    g = g * first;
                }
            }
        }
        p.counters.forwards += 1;
    }
    out.trace = trace.item<double>();
    return out;
}

} // namespace borehole
