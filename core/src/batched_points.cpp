// Stacked-weight evaluation of many parameter points per launch (see batched_points.h). The model
// is read as a chain of torch.nn modules; since a scripted forward() may do more than call that
// chain, make() checks the stacked losses against ordinary forwards before they are used.
#include "batched_points.h"
#include "text.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace borehole {
namespace {

using Kind = BatchedPoints::Layer::Kind;

/// Appends the modules of a Sequential (nested ones flattened) as layers; false with `why` set
/// at the first module that is not a Linear layer or an elementwise activation.
bool appendChain(const torch::jit::Module& seq, const std::string& prefix,
                 std::vector<BatchedPoints::Layer>& layers, std::vector<torch::Tensor>& weights,
                 std::vector<torch::Tensor>& biases, std::string& why)
{
    for (const auto& child : seq.named_children()) {
        const std::string name = prefix + child.name;
        const auto& m = child.value;
        const std::string cls = torchNnClass(m);
        BatchedPoints::Layer layer;
        if (cls == "Sequential") {
            if (!appendChain(m, name + ".", layers, weights, biases, why))
                return false;
            continue;
        }
        if (cls == "Linear") {
            layer.kind = Kind::Linear;
            const auto w = m.attr("weight").toTensor();
            const auto b = m.attr("bias");
            layer.out = w.size(0);
            layer.in = w.size(1);
            weights.push_back(w);
            biases.push_back(b.isTensor() ? b.toTensor() : torch::Tensor());
        } else if (cls == "BatchNorm1d") {
            // Evaluation mode: an affine map per feature, (h − μ)/√(σ² + ε)·γ + β, with γ and β
            // moving with the point and μ, σ² buffers; training mode would normalise each
            // point's batch by its own statistics.
            const auto mean = m.attr("running_mean", c10::IValue());
            const auto var = m.attr("running_var", c10::IValue());
            const auto eps = m.attr("eps", c10::IValue());
            if (m.is_training() || !mean.isTensor() || !var.isTensor() || !eps.isDouble()) {
                why = describeLayer(name, m)
                      + (m.is_training() ? " is in training mode" : " has no running statistics");
                return false;
            }
            layer.kind = Kind::BatchNorm;
            layer.in = layer.out = mean.toTensor().numel();
            layer.mean = mean.toTensor();
            layer.invStd = torch::rsqrt(var.toTensor().to(torch::kFloat64) + eps.toDouble())
                               .to(torch::kFloat32);
            const auto w = m.attr("weight", c10::IValue()), b = m.attr("bias", c10::IValue());
            weights.push_back(w.isTensor() ? w.toTensor() : torch::Tensor());
            biases.push_back(b.isTensor() ? b.toTensor() : torch::Tensor());
        } else if (const auto read = readActivation(cls, name, m, layer, why);
                   read != ActivationRead::NotAnActivation) {
            if (read == ActivationRead::Unreadable)
                return false;
        } else if (cls == "Identity" || ((cls == "Dropout" || cls == "AlphaDropout")
                                         && !m.is_training())) {
            layer.kind = Kind::Identity; // dropout is the identity in evaluation mode
        } else if (cls == "Dropout" || cls == "AlphaDropout") {
            why = describeLayer(name, m) + " is in training mode";
            return false;
        } else {
            why = describeLayer(name, m) + " is not a Linear layer or an elementwise activation";
            return false;
        }
        layers.push_back(layer);
    }
    return true;
}

std::string mib(double bytes)
{
    return formatNumber(std::round(bytes / 1048576.0 * 10.0) / 10.0) + " MiB";
}

} // namespace

/// The class of a torch.nn module ("Linear", "ReLU", ...), or empty for any other class.
/// Scripted copies of a class get mangled names ("...linear.___torch_mangle_3.Linear").
std::string torchNnClass(const torch::jit::Module& m)
{
    const auto name = m.type()->name();
    if (!name)
        return {};
    const std::string q = name->qualifiedName();
    if (q.rfind("__torch__.torch.nn.modules.", 0) != 0)
        return {};
    return q.substr(q.rfind('.') + 1);
}

std::string describeLayer(const std::string& name, const torch::jit::Module& m)
{
    const auto type = m.type()->name();
    return "layer '" + name + "' (" + (type ? type->name() : std::string("?")) + ")";
}

/// The activation applied to `h`, in place where libtorch has an in-place form: h is always a
/// fresh temporary of evaluate() (a product's result), and a block's activations are memory-bound,
/// so writing them once instead of into a new tensor saves a pass over B × rows × width floats.
torch::Tensor activate(const BatchedPoints::Layer& layer, torch::Tensor& h)
{
    switch (layer.kind) {
    case Kind::Relu: return torch::relu_(h);
    case Kind::Tanh: return torch::tanh_(h);
    case Kind::Sigmoid: return torch::sigmoid_(h);
    case Kind::Gelu: return torch::gelu(h);
    case Kind::GeluTanh: return torch::gelu(h, "tanh");
    case Kind::LeakyRelu: return torch::leaky_relu_(h, layer.slope);
    case Kind::Elu: return torch::elu_(h, layer.slope);
    case Kind::Silu: return torch::silu_(h);
    case Kind::Softplus: return torch::softplus(h, layer.slope, layer.threshold);
    case Kind::Identity:
    case Kind::Linear:
    case Kind::BatchNorm: break;
    }
    return h;
}

/// activate() as the stacked grid evaluates it: Tanh on a CPU as 2σ(2x) − 1, every other
/// activation as activate().
static torch::Tensor activateForGrid(const BatchedPoints::Layer& layer, torch::Tensor& h)
{
    // libtorch's CPU tanh (Sleef, 1 ulp) costs 3.1 ns a value, its sigmoid 1.1 ns: tanh(x) =
    // 2σ(2x) − 1 exactly, and in float32 the form is off by at most 1.8e-7 absolute (measured over
    // [−10, 10]; torch::tanh 6e-8), below what stacking the points' products already changes.
    // On the diabetes example's grid it is half the time of a point (docs/benchmarks.md).
    if (layer.kind == Kind::Tanh && h.device().is_cpu())
        return h.mul_(2.0).sigmoid_().mul_(2.0).sub_(1.0);
    return activate(layer, h);
}

ActivationRead readActivation(const std::string& cls, const std::string& name,
                              const torch::jit::Module& m, BatchedPoints::Layer& layer,
                              std::string& why)
{
    if (cls == "ReLU") {
        layer.kind = Kind::Relu;
    } else if (cls == "Tanh") {
        layer.kind = Kind::Tanh;
    } else if (cls == "Sigmoid") {
        layer.kind = Kind::Sigmoid;
    } else if (cls == "GELU") {
        const bool tanh = m.hasattr("approximate") && m.attr("approximate").isString()
                          && m.attr("approximate").toStringRef() == "tanh";
        layer.kind = tanh ? Kind::GeluTanh : Kind::Gelu;
    } else if (cls == "LeakyReLU" || cls == "ELU") {
        const char* key = cls == "ELU" ? "alpha" : "negative_slope";
        if (!m.hasattr(key) || !m.attr(key).isDouble()) {
            why = describeLayer(name, m) + " has no readable " + key;
            return ActivationRead::Unreadable;
        }
        layer.kind = cls == "ELU" ? Kind::Elu : Kind::LeakyRelu;
        layer.slope = m.attr(key).toDouble();
    } else if (cls == "SiLU") {
        layer.kind = Kind::Silu;
    } else if (cls == "Softplus") {
        if (!m.hasattr("beta") || !m.hasattr("threshold")) {
            why = describeLayer(name, m) + " has no readable beta and threshold";
            return ActivationRead::Unreadable;
        }
        layer.kind = Kind::Softplus;
        layer.slope = m.attr("beta").toScalar().toDouble();
        layer.threshold = m.attr("threshold").toScalar().toDouble();
    } else {
        return ActivationRead::NotAnActivation;
    }
    return ActivationRead::Read;
}

std::vector<double> toDoubles(const torch::Tensor& t)
{
    auto c = t.to(torch::kCPU, torch::kFloat64).contiguous();
    return std::vector<double>(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
}

std::optional<BatchedPoints> BatchedPoints::make(Problem::Impl& p, const torch::Tensor& theta,
                                                 const std::vector<torch::Tensor>& directions,
                                                 std::int64_t budgetBytes, std::string& why)
{
    if (p.options.loss == LossKind::ModelOutput) {
        why = "the loss is computed by the model";
        return std::nullopt;
    }
    const auto& root = implOf(p.model).module;
    // Buffers are allowed only as the running statistics of BatchNorm1d layers of the chain
    // (checked once the chain is read); any other failure of a model with buffers is reported
    // as the buffers, the reason a user can act on.
    const bool buffers = root.buffers(/*recurse=*/true).size() > 0;
    const auto refuse = [&](std::string reason) -> std::optional<BatchedPoints> {
        why = buffers ? "the model has buffers (e.g. batch norm statistics)" : std::move(reason);
        return std::nullopt;
    };
    const torch::jit::Module* chain = &root;
    std::optional<torch::jit::Module> only;
    if (torchNnClass(root) != "Sequential") {
        std::vector<torch::jit::Module> children;
        for (const auto& child : root.named_children())
            children.push_back(child.value);
        if (children.size() != 1 || torchNnClass(children.front()) != "Sequential"
            || root.parameters(/*recurse=*/false).size() > 0)
            return refuse("the model is not an nn.Sequential of Linear layers and activations");
        only = children.front(); // a wrapper whose forward is checked below
        chain = &*only;
    }
    BatchedPoints b(p);
    std::vector<torch::Tensor> weights, biases;
    if (!appendChain(*chain, "", b.m_layers, weights, biases, why))
        return refuse(why);
    if (weights.empty() || b.m_layers.front().kind != Kind::Linear)
        return refuse("the model does not start with a Linear layer");
    if (buffers) { // only the chain's running statistics (and their batch counters)
        std::size_t statistics = 0;
        for (const auto& l : b.m_layers)
            statistics += l.kind == Kind::BatchNorm ? 1 : 0;
        std::size_t others = 0;
        for (const auto& buffer : root.named_buffers(/*recurse=*/true)) {
            const auto& n = buffer.name;
            const auto endsWith = [&](const std::string& tail) {
                return n.size() >= tail.size()
                       && n.compare(n.size() - tail.size(), tail.size(), tail) == 0;
            };
            others += endsWith("running_mean") || endsWith("running_var")
                              || endsWith("num_batches_tracked")
                          ? 0
                          : 1;
        }
        if (others > 0 || statistics == 0)
            return refuse("");
    }
    // Map each weight and bias to Problem's flat parameter order by identity, and require the
    // chain to use every parameter exactly once.
    const auto& params = p.params();
    std::vector<std::int64_t> offsets(params.size() + 1, 0);
    for (std::size_t i = 0; i < params.size(); ++i)
        offsets[i + 1] = offsets[i] + params[i].numel();
    std::vector<int> used(params.size(), 0);
    auto indexOf = [&](const torch::Tensor& t) -> std::int64_t {
        for (std::size_t i = 0; i < params.size(); ++i)
            if (params[i].is_same(t)) {
                ++used[i];
                return static_cast<std::int64_t>(i);
            }
        return -1;
    };
    const auto& x = p.probeX;
    std::int64_t width = x.dim() == 2 ? x.size(1) : -1;
    if (width < 0) {
        why = "the input rows are not a matrix";
        return std::nullopt;
    }
    std::int64_t maxWidth = width, maxWeight = 0;
    std::size_t li = 0;
    for (auto& layer : b.m_layers) {
        if (layer.kind != Kind::Linear && layer.kind != Kind::BatchNorm)
            continue;
        const bool norm = layer.kind == Kind::BatchNorm;
        layer.weight = weights[li].defined() ? indexOf(weights[li]) : -1;
        layer.bias = biases[li].defined() ? indexOf(biases[li]) : -1;
        if ((weights[li].defined() && layer.weight < 0)
            || (biases[li].defined() && layer.bias < 0)) {
            why = std::string("a ") + (norm ? "BatchNorm1d" : "Linear")
                  + " layer's parameters are not among the model's trainable parameters";
            return std::nullopt;
        }
        if (layer.in != width) {
            why = std::string(norm ? "BatchNorm1d" : "Linear") + " layer " + std::to_string(li)
                  + " takes " + std::to_string(layer.in) + " features but receives "
                  + std::to_string(width);
            return std::nullopt;
        }
        width = layer.out;
        maxWidth = std::max(maxWidth, width);
        if (!norm)
            maxWeight = std::max(maxWeight, layer.in * layer.out);
        ++li;
    }
    if (std::any_of(used.begin(), used.end(), [](int n) { return n != 1; })) {
        why = "the model has parameters outside its Linear chain";
        return std::nullopt;
    }
    // A block holds, per point, a layer's input and output activations and its stacked weights.
    const std::int64_t rows = x.size(0);
    const double perPoint = 4.0 * (2.0 * static_cast<double>(rows) * maxWidth + maxWeight);
    b.m_block = static_cast<std::int64_t>(static_cast<double>(budgetBytes) / perPoint);
    if (b.m_block < 2) {
        why = "two points need " + mib(2 * perPoint) + ", more than the point batch budget of "
              + mib(static_cast<double>(budgetBytes));
        return std::nullopt;
    }

    torch::NoGradGuard noGrad;
    auto slice = [&](const torch::Tensor& flat, std::int64_t index) {
        const auto i = static_cast<std::size_t>(index);
        return flat.narrow(0, offsets[i], offsets[i + 1] - offsets[i]);
    };
    for (auto& layer : b.m_layers) {
        if (layer.kind == Kind::BatchNorm) {
            layer.mean = layer.mean.to(p.device(), torch::kFloat32);
            layer.invStd = layer.invStd.to(p.device());
        }
        if (layer.kind != Kind::Linear && layer.kind != Kind::BatchNorm)
            continue;
        std::vector<torch::Tensor> w, bias;
        if (layer.weight >= 0) {
            w.push_back(slice(theta, layer.weight));
            for (const auto& d : directions)
                w.push_back(slice(d, layer.weight));
            layer.stackedWeight = torch::stack(w).to(p.device(), torch::kFloat32);
        }
        if (layer.bias >= 0) {
            bias.push_back(slice(theta, layer.bias));
            for (const auto& d : directions)
                bias.push_back(slice(d, layer.bias));
            layer.stackedBias = torch::stack(bias).to(p.device(), torch::kFloat32);
        }
    }
    // The first layer's pre-activations are affine in the point's coefficients, bias included:
    // x·W₀ᵀ + b₀, x·D₁ᵀ + e₁, … once, so a block's first layer is one product with them.
    const auto& first = b.m_layers.front();
    const auto k1 = static_cast<std::int64_t>(directions.size()) + 1;
    auto products = x.mm(first.stackedWeight.view({k1 * first.out, first.in}).t())
                        .view({rows, k1, first.out})
                        .permute({1, 0, 2});
    if (first.stackedBias.defined())
        products = products + first.stackedBias.view({k1, 1, first.out});
    b.m_firstProducts = products.contiguous().view({k1, rows * first.out});
    return b;
}

std::string compareWithModel(Problem::Impl& p, const torch::Tensor& theta,
                             const std::vector<torch::Tensor>& directions,
                             const std::vector<double>& displaced,
                             const std::function<double(int)>& candidate,
                             const std::string& lossName, const std::string& failure)
{
    // Without directions θ is where the model already is: one comparison, and the parameters are
    // not written (a write would invalidate gradient graphs other probes keep at θ).
    const int points = directions.empty() ? 1 : 2;
    double own[2], other[2];
    for (int i = 0; i < points; ++i) {
        if (points == 2)
            p.setFlat(theta);
        for (std::size_t k = 0; i == 1 && k < directions.size(); ++k)
            p.addFlat(directions[k], displaced[k]);
        own[i] = p.loss();
        try {
            other[i] = candidate(i);
        } catch (const std::exception& e) {
            if (points == 2)
                p.setFlat(theta);
            return failure + ": " + libtorchMessage(e.what());
        }
    }
    if (points == 2)
        p.setFlat(theta);
    for (int i = 0; i < points; ++i) {
        const double a = own[i], b = other[i];
        if (a == b || (std::isnan(a) && std::isnan(b)))
            continue; // also the same infinity or both undefined (a diverged point)
        if (!(std::abs(a - b) <= 1e-4 * std::max(std::abs(a), std::abs(b)) + 1e-12))
            return lossName + " " + formatNumber(b) + " differs from the model's "
                   + formatNumber(a) + (i == 0 ? " at θ" : " at a displaced point");
    }
    return {};
}

std::string BatchedPoints::check(const torch::Tensor& theta,
                                 const std::vector<torch::Tensor>& directions,
                                 const std::vector<double>& displaced)
{
    // The stacked losses do not depend on θ (the block's weights are made from θ₀ and the
    // directions): both points are one block, evaluated when the first is asked for.
    std::vector<double> flat(displaced.size(), 0.0);
    flat.insert(flat.end(), displaced.begin(), displaced.end());
    std::vector<double> stacked;
    return compareWithModel(
        *m_problem, theta, directions, displaced,
        [&](int i) {
            if (stacked.empty())
                stacked = toDoubles(evaluate(coefficients(flat, 2)).losses);
            return stacked[static_cast<std::size_t>(i)];
        },
        "stacked loss", "the stacked forward failed");
}

torch::Tensor BatchedPoints::coefficients(const std::vector<double>& flat,
                                          std::int64_t points) const
{
    std::vector<float> c(flat.begin(), flat.end());
    return torch::from_blob(c.data(), {points, static_cast<std::int64_t>(c.size()) / points},
                            torch::kFloat32)
        .to(m_problem->device(), /*non_blocking=*/false, /*copy=*/true);
}

BatchLosses BatchedPoints::evaluate(const torch::Tensor& coefficients)
{
    torch::NoGradGuard noGrad;
    auto& p = *m_problem;
    const std::int64_t points = coefficients.size(0);
    const std::int64_t rows = p.probeX.size(0);
    // [1, c₁, …, cₖ] per point: row b of c·stacked is θ₀ + Σ cₖ dₖ restricted to one tensor.
    const auto c = torch::cat({torch::ones({points, 1}, coefficients.options()), coefficients}, 1);
    torch::Tensor h;
    bool firstLinear = true;
    for (const auto& layer : m_layers) {
        if (layer.kind == Kind::BatchNorm) { // h·s + t with s = γ/√(σ²+ε), t = β − μ·s per point
            const auto scale = layer.stackedWeight.defined()
                                   ? c.mm(layer.stackedWeight) * layer.invStd // [B, F]
                                   : layer.invStd.expand({points, layer.out});
            auto shift = -layer.mean * scale;
            if (layer.stackedBias.defined())
                shift = shift + c.mm(layer.stackedBias);
            h = torch::addcmul(shift.unsqueeze(1), h, scale.unsqueeze(1));
            continue;
        }
        if (layer.kind != Kind::Linear) {
            h = activateForGrid(layer, h);
            continue;
        }
        if (firstLinear) { // bias included in the products (make())
            h = c.mm(m_firstProducts).view({points, rows, layer.out});
            firstLinear = false;
            continue;
        }
        const auto bias = layer.bias >= 0 ? c.mm(layer.stackedBias).unsqueeze(1)
                                          : torch::Tensor(); // [B, 1, out]
        const auto w = c.mm(layer.stackedWeight).view({points, layer.out, layer.in});
        h = bias.defined() ? torch::baddbmm(bias, h, w.transpose(1, 2))
                           : torch::bmm(h, w.transpose(1, 2));
    }
    p.counters.forwards += points;
    const auto perRow = rowLosses(h);
    return {perRow.mean(1), perRow.to(torch::kFloat64).var(1, /*unbiased=*/true)};
}

torch::Tensor BatchedPoints::rowLosses(const torch::Tensor& prediction) const
{
    // Mirrors Problem::Impl::rowLossesOf for B points at once: [B, rows].
    const auto& p = *m_problem;
    const auto& y = p.probeY;
    const std::int64_t points = prediction.size(0);
    const std::int64_t rows = y.size(0);
    if (p.options.loss == LossKind::CrossEntropy) {
        const auto logp = torch::log_softmax(prediction, 2);
        return -logp.gather(2, y.view({1, rows, 1}).expand({points, rows, 1})).squeeze(2);
    }
    const auto pr = prediction.reshape({points, rows, -1});
    const auto t = y.to(pr.scalar_type()).reshape({1, rows, -1}).expand_as(pr);
    torch::Tensor e;
    if (p.options.loss == LossKind::Mse)
        e = torch::mse_loss(pr, t, at::Reduction::None);
    else if (p.options.loss == LossKind::Mae)
        e = torch::l1_loss(pr, t, at::Reduction::None);
    else
        e = torch::binary_cross_entropy_with_logits(pr, t, {}, {}, at::Reduction::None);
    return e.mean(2);
}

} // namespace borehole
