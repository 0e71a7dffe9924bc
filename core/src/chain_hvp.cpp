// Exact Hessian-vector products of Linear chains by Pearlmutter's R-operator (batched_points.h).
#include "batched_points.h"

#include "borehole/error.h"

namespace borehole {

namespace {

using Kind = BatchedPoints::Layer::Kind;

torch::Tensor plus(const torch::Tensor& a, const torch::Tensor& b)
{
    return !a.defined() ? b : !b.defined() ? a : a + b;
}

} // namespace

std::unique_ptr<ChainHvp> ChainHvp::make(Problem::Impl& p, std::int64_t budgetBytes,
                                         std::string& why)
{
    const LossKind loss = p.options.loss;
    const torch::Tensor theta = p.flatParameters();
    auto chain = readLinearChain(p, theta, why);
    if (!chain)
        return nullptr;
    std::unique_ptr<ChainHvp> h(new ChainHvp(p));
    h->m_layers = chain->layers();
    const auto& layers = h->m_layers;
    const auto& x = p.probeX;
    const auto& y = p.probeY;
    // Saved per row: each layer's input, output gradient and (activations) σ′, σ″.
    double floats = 0.0;
    for (const auto& l : layers)
        if (l.kind == Kind::Linear)
            floats += 4.0 * static_cast<double>(l.in + l.out);
    h->m_savedBytes = 4.0 * floats * static_cast<double>(x.size(0));
    if (h->m_savedBytes > static_cast<double>(budgetBytes)) {
        why = "its saved activations would exceed the memory budget";
        return nullptr;
    }
    torch::NoGradGuard noGrad;
    torch::Tensor f; // the chain's output at θ, with what its backward pass needs in m_saved
    const std::string differs = compareWithModel(
        p, theta, {}, {},
        [&](int) {
            f = chainForward(p, layers, x, h->m_saved);
            return p.lossOf(f, y).item<double>();
        },
        "the Linear chain's loss", "the Linear chain's forward failed");
    if (!differs.empty()) {
        why = differs;
        return nullptr;
    }
    ++p.counters.gradients; // the backward pass below, as a graph build counts
    const std::int64_t rows = x.size(0);
    const auto columns = f.numel() / std::max<std::int64_t>(rows, 1);
    h->m_f = f.reshape({rows, columns});
    const double total = static_cast<double>(y.numel());
    torch::Tensor delta = meanLossGradient(loss, h->m_f, y, rows, total);
    if (loss == LossKind::BceWithLogits) {
        const auto s = torch::sigmoid(h->m_f);
        h->m_lossCurvature = s * (1.0 - s) / total;
    } else if (loss == LossKind::CrossEntropy) {
        h->m_lossCurvature = torch::softmax(h->m_f, 1);
    }
    const auto& params = p.params();
    auto param = [&](std::int64_t i) { return params[static_cast<std::size_t>(i)]; };
    h->m_delta.assign(layers.size(), torch::Tensor());
    h->m_first.assign(layers.size(), torch::Tensor());
    h->m_second.assign(layers.size(), torch::Tensor());
    h->m_scale.assign(layers.size(), torch::Tensor());
    for (std::size_t i = layers.size(); i-- > 0;) {
        const auto& l = layers[i];
        h->m_delta[i] = delta;
        switch (l.kind) {
        case Kind::Linear: delta = delta.mm(param(l.weight)); break;
        case Kind::BatchNorm:
            h->m_scale[i] = l.weight >= 0 ? param(l.weight) * l.invStd : l.invStd;
            delta = delta * h->m_scale[i];
            break;
        case Kind::Identity: break;
        default: {
            auto [first, second] = activationDerivatives(l, h->m_saved[i]);
            h->m_first[i] = first;
            h->m_second[i] = second;
            delta = delta * first;
            break;
        }
        }
    }
    return h;
}

torch::Tensor ChainHvp::apply(const torch::Tensor& v)
{
    torch::NoGradGuard noGrad;
    ++m_p.counters.hvps;
    const auto vs = m_p.unflatten(v);
    const auto& params = m_p.params();
    auto param = [&](std::int64_t i) { return params[static_cast<std::size_t>(i)]; };
    auto dir = [&](std::int64_t i) { return vs[static_cast<std::size_t>(i)]; };
    std::vector<torch::Tensor> hv(params.size());
    const std::size_t n = m_layers.size();
    // R-forward: r = R(layer i's input); undefined = 0 (the rows do not depend on θ).
    std::vector<torch::Tensor> rIn(n), rNormalised(n);
    torch::Tensor r;
    for (std::size_t i = 0; i < n; ++i) {
        const auto& l = m_layers[i];
        rIn[i] = r;
        switch (l.kind) {
        case Kind::Linear: {
            auto out = m_saved[i].mm(dir(l.weight).t());
            if (r.defined())
                out.addmm_(r, param(l.weight).t());
            if (l.bias >= 0)
                out.add_(dir(l.bias));
            r = out;
            break;
        }
        case Kind::BatchNorm: { // y = x̂·γ + β, x̂ = (h − μ)/√(σ²+ε)
            if (r.defined())
                rNormalised[i] = r * l.invStd;
            torch::Tensor out = rNormalised[i].defined() && l.weight >= 0
                                    ? rNormalised[i] * param(l.weight)
                                    : rNormalised[i];
            if (l.weight >= 0)
                out = plus(out, m_saved[i] * dir(l.weight));
            if (l.bias >= 0)
                out = plus(out, dir(l.bias).expand_as(m_saved[i]));
            r = out;
            break;
        }
        case Kind::Identity: break;
        default:
            if (r.defined())
                r = r * m_first[i];
            break;
        }
    }
    // The loss: Rδ_f = H_ℓ · Rf.
    const std::int64_t rows = m_f.size(0);
    const auto rf = r.reshape(m_f.sizes());
    torch::Tensor rd;
    switch (m_p.options.loss) {
    case LossKind::Mse: rd = rf * (2.0 / static_cast<double>(m_p.probeY.numel())); break;
    case LossKind::Mae: rd = torch::zeros_like(rf); break;
    case LossKind::BceWithLogits: rd = rf * m_lossCurvature; break;
    default: {
        const auto& prob = m_lossCurvature;
        const auto pr = prob * rf;
        rd = (pr - prob * pr.sum(1, /*keepdim=*/true)) / static_cast<double>(rows);
        break;
    }
    }
    // R-backward: rd = R(∂L/∂ layer i's output).
    for (std::size_t i = n; i-- > 0;) {
        const auto& l = m_layers[i];
        const auto& delta = m_delta[i];
        switch (l.kind) {
        case Kind::Linear: {
            auto w = rd.t().mm(m_saved[i]);
            if (rIn[i].defined())
                w.addmm_(delta.t(), rIn[i]);
            hv[static_cast<std::size_t>(l.weight)] = w;
            if (l.bias >= 0)
                hv[static_cast<std::size_t>(l.bias)] = rd.sum(0);
            if (i > 0) {
                auto back = rd.mm(param(l.weight));
                back.addmm_(delta, dir(l.weight));
                rd = back;
            }
            break;
        }
        case Kind::BatchNorm: {
            if (l.weight >= 0) {
                auto g = (rd * m_saved[i]).sum(0);
                if (rNormalised[i].defined())
                    g.add_((delta * rNormalised[i]).sum(0));
                hv[static_cast<std::size_t>(l.weight)] = g;
            }
            if (l.bias >= 0)
                hv[static_cast<std::size_t>(l.bias)] = rd.sum(0);
            // δ_in = δ·γ/√(σ²+ε): R(δ_in) = Rδ·scale + δ·V_γ/√(σ²+ε)
            auto back = rd * m_scale[i];
            if (l.weight >= 0)
                back.add_(delta * dir(l.weight) * l.invStd);
            rd = back;
            break;
        }
        case Kind::Identity: break;
        default: {
            auto back = rd * m_first[i];
            if (m_second[i].defined() && rIn[i].defined())
                back.add_(delta * m_second[i] * rIn[i]);
            rd = back;
            break;
        }
        }
    }
    return m_p.flatten(hv);
}

torch::Tensor ChainHvp::gradient() const
{
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> g(m_p.params().size());
    for (std::size_t i = 0; i < m_layers.size(); ++i) {
        const auto& l = m_layers[i];
        const auto& delta = m_delta[i];
        if (l.kind == Kind::Linear) {
            g[static_cast<std::size_t>(l.weight)] = delta.t().mm(m_saved[i]);
            if (l.bias >= 0)
                g[static_cast<std::size_t>(l.bias)] = delta.sum(0);
        } else if (l.kind == Kind::BatchNorm) {
            if (l.weight >= 0)
                g[static_cast<std::size_t>(l.weight)] = (delta * m_saved[i]).sum(0);
            if (l.bias >= 0)
                g[static_cast<std::size_t>(l.bias)] = delta.sum(0);
        }
    }
    return m_p.flatten(g);
}

std::string ChainHvp::summary() const
{
    int linear = 0;
    for (const auto& l : m_layers)
        linear += l.kind == Kind::Linear ? 1 : 0;
    return "a chain of " + std::to_string(linear)
           + " Linear layers: R-operator passes written per layer, forward and layer gradients "
             "kept";
}

} // namespace borehole
