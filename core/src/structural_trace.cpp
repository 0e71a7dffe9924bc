// The exact Hessian trace of piecewise-linear chains from per-row gradient norms (the
// Gauss–Newton identity tr H = Σᵢ tr(Jᵢᵀ Hℓ,ᵢ Jᵢ), batched_points.h): no Hessian-vector product.
#include "batched_points.h"

#include "borehole/error.h"

#include <algorithm>
#include <limits>

namespace borehole {

namespace {

using Kind = BatchedPoints::Layer::Kind;

bool piecewiseLinear(Kind k)
{
    return k == Kind::Linear || k == Kind::BatchNorm || k == Kind::Relu || k == Kind::LeakyRelu
           || k == Kind::Identity;
}

const char* kindName(Kind k)
{
    switch (k) {
    case Kind::Tanh: return "Tanh";
    case Kind::Sigmoid: return "Sigmoid";
    case Kind::Gelu:
    case Kind::GeluTanh: return "GELU";
    case Kind::Elu: return "ELU";
    case Kind::Silu: return "SiLU";
    case Kind::Softplus: return "Softplus";
    default: return "an activation";
    }
}

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
        case Kind::Relu:
            saved[i] = h;
            h = torch::relu(h);
            break;
        case Kind::LeakyRelu:
            saved[i] = h;
            h = torch::leaky_relu(h, l.slope);
            break;
        default: // Identity
            break;
        }
    }
    return h;
}

} // namespace

std::optional<StructuralTrace> gaussNewtonTrace(Problem::Impl& p, std::string& why)
{
    const LossKind loss = p.options.loss;
    if (loss == LossKind::ModelOutput) {
        why = "the loss is computed by the model";
        return std::nullopt;
    }
    const torch::Tensor theta = p.flatParameters();
    auto chain = BatchedPoints::make(p, theta, {}, std::numeric_limits<std::int64_t>::max() / 8,
                                     why);
    if (!chain)
        return std::nullopt;
    const auto& layers = chain->layers();
    for (const auto& l : layers)
        if (!piecewiseLinear(l.kind)) {
            why = std::string("its ") + kindName(l.kind)
                  + " activation is not piecewise linear (tr H is then more than the "
                    "Gauss–Newton trace)";
            return std::nullopt;
        }
    torch::NoGradGuard noGrad;
    const auto& x = p.probeX;
    const auto& y = p.probeY;
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

    const std::int64_t rows = x.size(0);
    std::int64_t width = x.size(1), columns = 0;
    for (const auto& l : layers) {
        width = std::max(width, l.out);
        if (l.kind == Kind::Linear)
            columns = l.out; // the output's width: later layers keep it
    }
    StructuralTrace out;
    out.passes = loss == LossKind::Mae ? 0 : loss == LossKind::CrossEntropy ? columns + 1 : columns;
    if (loss == LossKind::Mae)
        return out; // |f − y| has no curvature between its kinks: tr H = 0
    // Row blocks bound the stacked passes' memory (passes × rows × widest layer, a few copies)
    // to about 256 MiB.
    const double perRow = 4.0 * 3.0 * static_cast<double>(out.passes * width);
    const std::int64_t block = std::clamp<std::int64_t>(
        static_cast<std::int64_t>(256.0 * 1024.0 * 1024.0 / perRow), 1, std::max<std::int64_t>(rows, 1));
    double trace = 0.0;
    for (std::int64_t start = 0; start < rows; start += block) {
        const std::int64_t n = std::min(block, rows - start);
        const auto f = chainForward(p, layers, x.narrow(0, start, n), saved); // [n, D]
        const auto flatF = f.reshape({n, columns});
        // Seeds of the stacked backward passes and the loss's curvature in the output.
        torch::Tensor seeds; // [K, n, D]
        const auto eye = torch::eye(columns, f.options());
        if (loss == LossKind::CrossEntropy) {
            const auto prob = torch::softmax(flatF, 1);
            seeds = torch::cat({eye.unsqueeze(1).expand({columns, n, columns}),
                                prob.unsqueeze(0)});
        } else {
            seeds = eye.unsqueeze(1).expand({columns, n, columns}).contiguous();
        }
        // Backward through the chain: per row and pass, the squared norm of the gradient of
        // (seed · output) with respect to every parameter.
        torch::Tensor g = seeds;
        auto norms = torch::zeros({seeds.size(0), n}, f.options());
        const auto& params = p.params();
        for (std::size_t i = layers.size(); i-- > 0;) {
            const auto& l = layers[i];
            switch (l.kind) {
            case Kind::Linear: {
                const auto inputNorms = saved[i].pow(2).sum(1) + (l.bias >= 0 ? 1.0 : 0.0);
                norms.add_(g.pow(2).sum(-1) * inputNorms);
                if (i > 0)
                    g = g.matmul(params[static_cast<std::size_t>(l.weight)]);
                break;
            }
            case Kind::BatchNorm: {
                const auto g2 = g.pow(2);
                if (l.weight >= 0)
                    norms.add_((g2 * saved[i].pow(2)).sum(-1));
                if (l.bias >= 0)
                    norms.add_(g2.sum(-1));
                g = l.weight >= 0 ? g * (params[static_cast<std::size_t>(l.weight)] * l.invStd)
                                  : g * l.invStd;
                break;
            }
            case Kind::Relu:
                g = g * (saved[i] > 0).to(g.scalar_type());
                break;
            case Kind::LeakyRelu:
                g = g * torch::where(saved[i] > 0, torch::ones({}, g.options()),
                                     torch::full({}, l.slope, g.options()));
                break;
            default:
                break;
            }
        }
        const auto n64 = norms.to(torch::kFloat64);
        const double total = static_cast<double>(y.numel()); // elements the mean runs over
        if (loss == LossKind::CrossEntropy) {
            const auto prob = torch::softmax(flatF.to(torch::kFloat64), 1);
            const auto perClass = n64.narrow(0, 0, columns).t(); // [n, C]
            trace += ((prob * perClass).sum(1) - n64[columns]).sum().item<double>()
                     / static_cast<double>(rows);
        } else if (loss == LossKind::Mse) {
            trace += 2.0 * n64.sum().item<double>() / total;
        } else { // BCE with logits: σ(1 − σ) per output element
            const auto s = torch::sigmoid(flatF.to(torch::kFloat64));
            trace += ((s * (1.0 - s)).t() * n64).sum().item<double>() / total;
        }
        p.counters.forwards += 1;
        p.counters.gradients += seeds.size(0);
    }
    out.trace = trace;
    return out;
}

} // namespace borehole
