// The objective L(θ) behind every probe: forward passes, losses, gradients and Hessian-vector
// products over flat parameter vectors.
#include "internal.h"

#include <random>

namespace borehole {
namespace {

/// "; its first weight 'hidden.weight' [6, 4] takes 4 features, the data has 10" when the
/// first 2-D parameter of the model cannot take rows of x; empty otherwise.
std::string featureCountHint(const Model& model, const torch::Tensor& x)
{
    if (x.dim() != 2)
        return {};
    for (const auto& p : model.summary().parameters) {
        if (p.shape.size() != 2)
            continue;
        if (p.shape[1] == x.size(1))
            return {};
        return "; its first weight '" + p.name + "' " + shapeString(p.shape) + " takes "
               + std::to_string(p.shape[1]) + " features, the data has "
               + std::to_string(x.size(1));
    }
    return {};
}

} // namespace

std::string libtorchMessage(const std::string& what)
{
    std::string best;
    std::size_t start = 0;
    while (start <= what.size()) {
        auto end = what.find('\n', start);
        if (end == std::string::npos)
            end = what.size();
        const std::string line = what.substr(start, end - start);
        const auto colon = line.find("Error: ");
        if (colon != std::string::npos && colon > 0 && line[0] != ' '
            && line.find(' ') > colon)
            best = line; // "RuntimeError: …", "c10::Error: …": the last one is the cause
        start = end + 1;
    }
    if (!best.empty())
        return best;
    const auto end = what.find('\n');
    return end == std::string::npos ? what : what.substr(0, end);
}

Problem::Impl::Impl(Model m, Dataset d, const ProblemOptions& o)
    : model(std::move(m)), data(std::move(d)), options(o)
{
    const auto& di = data.impl();
    if (di.device != device())
        throw InputError("the model is on " + std::string(device().is_cuda() ? "cuda" : "cpu")
                         + " but the data set is on "
                         + std::string(di.device.is_cuda() ? "cuda" : "cpu"));
    if (options.batchSize < 1)
        throw InputError("batch size must be at least 1, got " + std::to_string(options.batchSize));
    for (const auto& p : params()) {
        numels.push_back(p.numel());
        numel += p.numel();
    }
    const std::int64_t n = di.trainX.size(0);
    if (options.probeRows > 0 && options.probeRows < n) {
        std::vector<std::int64_t> order(static_cast<std::size_t>(n));
        for (std::int64_t i = 0; i < n; ++i)
            order[static_cast<std::size_t>(i)] = i;
        std::mt19937_64 rng(deriveSeed(options.seed, 101));
        std::shuffle(order.begin(), order.end(), rng);
        order.resize(static_cast<std::size_t>(options.probeRows));
        std::sort(order.begin(), order.end());
        auto index = torch::tensor(order, torch::kInt64).to(di.device);
        probeX = di.trainX.index_select(0, index);
        probeY = di.trainY.index_select(0, index);
    } else {
        probeX = di.trainX;
        probeY = di.trainY;
    }

    summary.loss = toString(options.loss);
    summary.device = device().is_cuda() ? "cuda" : "cpu";
    summary.parameterCount = numel;
    summary.probeRows = probeX.size(0);
    summary.batchSize = options.batchSize;

    validatePairing();
}

void Problem::Impl::validatePairing()
{
    // Validate the pairing once, on a small batch, so a mismatch is reported up front with the
    // tensors named rather than deep inside a probe. Gradients stay on: an output that does not
    // depend on the parameters must be caught here.
    const std::string modelName = "model '" + model.summary().path + "'";
    const std::int64_t rows = std::min<std::int64_t>(probeX.size(0), 8);
    auto x = probeX.narrow(0, 0, rows);
    auto y = probeY.narrow(0, 0, rows);
    torch::Tensor out = forward(x);
    if (out.dim() == 0) {
        if (options.loss != LossKind::ModelOutput)
            throw InputError(modelName + " returned a single number (a 0-d tensor) from "
                             "forward(), but the loss " + toString(options.loss)
                             + " needs one output per data row; if the model computes its own "
                               "loss, use the loss 'output'");
        summary.outputShape = {};
    } else {
        summary.outputShape = out.sizes().vec();
        if (out.size(0) == rows)
            summary.outputShape[0] = probeX.size(0);
    }
    auto l = lossOf(out, y);
    if (l.numel() != 1)
        throw InputError("loss of " + modelName + " is not a scalar");
    if (!l.requires_grad())
        throw InputError(modelName + "'s output does not depend on its parameters (forward() "
                         "detaches it, e.g. with .detach(), torch.no_grad() or a conversion to "
                         "another type), so there is no gradient to probe");
    if (options.loss == LossKind::BceWithLogits) {
        const auto& trainY = data.impl().trainY;
        const auto lo = trainY.min().item<double>();
        const auto hi = trainY.max().item<double>();
        if (lo < 0.0 || hi > 1.0)
            throw InputError("the loss bce needs targets in [0, 1], but the target of '"
                             + data.summary().path + "' spans " + formatNumber(lo) + " to "
                             + formatNumber(hi)
                             + (data.summary().standardizedTargets
                                    ? " after standardisation (do not standardise targets for bce)"
                                    : " (use mse or mae for a regression target)"));
    }
}

torch::Tensor Problem::Impl::forward(const torch::Tensor& x)
{
    c10::IValue result;
    try {
        result = model.impl().module.forward({x});
    } catch (const c10::Error& e) {
        throw InputError("model '" + model.summary().path + "' rejected input tensor 'features' "
                         + shapeString(x) + " from '" + data.summary().path + "'"
                         + featureCountHint(model, x) + "; libtorch said: "
                         + libtorchMessage(e.what_without_backtrace()));
    } catch (const std::exception& e) {
        throw InputError("model '" + model.summary().path + "' rejected input tensor 'features' "
                         + shapeString(x) + " from '" + data.summary().path + "'"
                         + featureCountHint(model, x) + "; libtorch said: "
                         + libtorchMessage(e.what()));
    }
    if (!result.isTensor())
        throw InputError("model '" + model.summary().path
                         + "' must return one tensor from forward(), it returned "
                         + result.tagKind());
    torch::Tensor out = result.toTensor();
    if (!out.is_floating_point())
        throw InputError("model '" + model.summary().path + "' returned a "
                         + std::string(c10::toString(out.scalar_type()))
                         + " tensor from forward(); probes need floating-point outputs (logits, "
                           "predictions or a loss), not labels from argmax or a comparison");
    return out;
}

torch::Tensor Problem::Impl::lossOf(const torch::Tensor& prediction,
                                    const torch::Tensor& target) const
{
    auto mismatch = [&](const std::string& why) {
        return InputError("model output tensor " + shapeString(prediction)
                          + " does not fit target tensor " + shapeString(target) + " for loss "
                          + toString(options.loss) + ": " + why);
    };
    switch (options.loss) {
    case LossKind::ModelOutput:
        return prediction.mean();
    case LossKind::Mse:
    case LossKind::Mae:
    case LossKind::BceWithLogits: {
        if (target.scalar_type() == torch::kInt64 && options.loss != LossKind::BceWithLogits)
            throw mismatch("regression losses need a regression task");
        auto t = target.to(prediction.scalar_type());
        if (prediction.size(0) != t.size(0))
            throw mismatch("row counts differ");
        auto p = prediction;
        if (p.numel() != t.numel()) {
            const bool classifierLike = p.dim() == 2 && p.size(1) > 1
                                        && t.numel() == t.size(0);
            throw mismatch("expected one output per target value"
                           + (classifierLike
                                  ? " (" + std::to_string(p.size(1))
                                        + " outputs per row look like class scores: for integer "
                                          "labels use the task classification with the loss "
                                          "cross-entropy)"
                                  : std::string()));
        }
        p = p.reshape(t.sizes());
        if (options.loss == LossKind::Mse)
            return torch::mse_loss(p, t);
        if (options.loss == LossKind::Mae)
            return torch::l1_loss(p, t);
        return torch::binary_cross_entropy_with_logits(p, t);
    }
    case LossKind::CrossEntropy: {
        if (target.scalar_type() != torch::kInt64)
            throw mismatch("cross-entropy needs a classification task (integer labels)");
        if (prediction.dim() != 2 || prediction.size(0) != target.size(0))
            throw mismatch("expected logits of shape [rows, classes]");
        const auto classes = data.summary().classCount;
        if (prediction.size(1) < classes)
            throw mismatch("the data has " + std::to_string(classes) + " classes");
        return torch::cross_entropy_loss(prediction, target);
    }
    }
    throw Error("unknown loss kind");
}

torch::Tensor Problem::Impl::rowLossesOf(const torch::Tensor& prediction,
                                         const torch::Tensor& target) const
{
    // The constructor validated the pairing with lossOf(); this mirrors its reductions with
    // Reduction::None and averages what is left within each row, so mean(rows) = lossOf().
    const std::int64_t rows = target.size(0);
    auto perRow = [rows](const torch::Tensor& t) {
        return t.reshape({rows, -1}).mean(1).to(torch::kFloat32);
    };
    switch (options.loss) {
    case LossKind::ModelOutput:
        if (prediction.dim() == 0 || prediction.size(0) != rows)
            return {};
        return perRow(prediction);
    case LossKind::Mse:
    case LossKind::Mae:
    case LossKind::BceWithLogits: {
        auto t = target.to(prediction.scalar_type());
        auto p = prediction.reshape(t.sizes());
        if (options.loss == LossKind::Mse)
            return perRow(torch::mse_loss(p, t, at::Reduction::None));
        if (options.loss == LossKind::Mae)
            return perRow(torch::l1_loss(p, t, at::Reduction::None));
        return perRow(torch::binary_cross_entropy_with_logits(p, t, {}, {}, at::Reduction::None));
    }
    case LossKind::CrossEntropy:
        return perRow(torch::cross_entropy_loss(prediction, target, {}, at::Reduction::None));
    }
    return {};
}

torch::Tensor Problem::Impl::lossTensorNoGrad(const torch::Tensor& x, const torch::Tensor& y)
{
    torch::NoGradGuard noGrad;
    ++counters.forwards;
    return lossOf(forward(x), y);
}

double Problem::Impl::loss()
{
    return lossTensorNoGrad(probeX, probeY).item<double>();
}

torch::Tensor Problem::Impl::gradientOn(const torch::Tensor& x, const torch::Tensor& y,
                                        torch::Tensor* lossOut)
{
    ++counters.gradients;
    auto l = lossOf(forward(x), y);
    auto grads = torch::autograd::grad({l}, params(), {}, /*retain_graph=*/false,
                                       /*create_graph=*/false, /*allow_unused=*/true);
    if (lossOut)
        *lossOut = l.detach();
    return flatten(grads);
}

torch::Tensor Problem::Impl::gradient(double* lossOut)
{
    torch::Tensor l;
    auto g = gradientOn(probeX, probeY, &l);
    if (lossOut)
        *lossOut = l.item<double>();
    return g;
}

torch::Tensor Problem::Impl::hvpExact(const torch::Tensor& v)
{
    ++counters.hvps;
    auto l = lossOf(forward(probeX), probeY);
    auto grads = torch::autograd::grad({l}, params(), {}, /*retain_graph=*/true,
                                       /*create_graph=*/true, /*allow_unused=*/true);
    // Hv = ∂(∇L)/∂θ · v as one vector-Jacobian product of the gradient graph.
    auto vs = unflatten(v);
    std::vector<torch::Tensor> outputs;
    std::vector<torch::Tensor> directions;
    for (std::size_t i = 0; i < grads.size(); ++i) {
        if (grads[i].defined() && grads[i].requires_grad()) {
            outputs.push_back(grads[i]);
            directions.push_back(vs[i]);
        }
    }
    if (outputs.empty()) // L is linear in θ: H = 0
        return torch::zeros_like(v);
    auto hv = torch::autograd::grad(outputs, params(), directions, false, false,
                                    /*allow_unused=*/true);
    return flatten(hv);
}

torch::Tensor Problem::Impl::hvpFiniteDifference(const torch::Tensor& v, double epsilon)
{
    const double vnorm = v.norm().item<double>();
    if (vnorm == 0.0)
        return torch::zeros_like(v);
    ParameterRestore restore(*this);
    auto unit = v / vnorm;
    addFlat(unit, epsilon);
    auto gPlus = gradient();
    addFlat(unit, -2.0 * epsilon);
    auto gMinus = gradient();
    return (gPlus - gMinus) * (vnorm / (2.0 * epsilon));
}

torch::Tensor Problem::Impl::hvp(const torch::Tensor& v, HvpMode mode, double epsilon)
{
    return mode == HvpMode::Exact ? hvpExact(v) : hvpFiniteDifference(v, epsilon);
}

torch::Tensor Problem::Impl::flatParameters() const
{
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> flat;
    for (const auto& p : model.impl().params)
        flat.push_back(p.detach().reshape({-1}));
    return torch::cat(flat); // a new tensor: cat copies (a clone here held θ twice)
}

void Problem::Impl::setFlat(const torch::Tensor& flat)
{
    torch::NoGradGuard noGrad;
    std::int64_t offset = 0;
    for (auto& p : params()) {
        p.copy_(flat.narrow(0, offset, p.numel()).view_as(p));
        offset += p.numel();
    }
}

void Problem::Impl::addFlat(const torch::Tensor& d, double alpha)
{
    torch::NoGradGuard noGrad;
    std::int64_t offset = 0;
    for (auto& p : params()) {
        p.add_(d.narrow(0, offset, p.numel()).view_as(p), alpha);
        offset += p.numel();
    }
}

std::vector<torch::Tensor> Problem::Impl::unflatten(const torch::Tensor& flat) const
{
    std::vector<torch::Tensor> out;
    std::int64_t offset = 0;
    for (const auto& p : model.impl().params) {
        out.push_back(flat.narrow(0, offset, p.numel()).view_as(p));
        offset += p.numel();
    }
    return out;
}

torch::Tensor Problem::Impl::flatten(const std::vector<torch::Tensor>& tensors) const
{
    std::vector<torch::Tensor> flat;
    const auto& ps = model.impl().params;
    for (std::size_t i = 0; i < tensors.size(); ++i) {
        if (tensors[i].defined())
            flat.push_back(tensors[i].detach().reshape({-1}));
        else
            flat.push_back(torch::zeros({ps[i].numel()}, floatOptions()));
    }
    return torch::cat(flat);
}

torch::Tensor Problem::Impl::fromHost(const std::vector<float>& v, const char* what) const
{
    if (static_cast<std::int64_t>(v.size()) != numel)
        throw InputError(std::string(what) + " has " + std::to_string(v.size())
                         + " values but the model has " + std::to_string(numel) + " parameters");
    return torch::from_blob(const_cast<float*>(v.data()), {numel}, torch::kFloat32)
        .to(device(), /*non_blocking=*/false, /*copy=*/true);
}

std::vector<float> Problem::Impl::toHost(const torch::Tensor& t)
{
    auto c = t.detach().to(torch::kCPU, torch::kFloat32).contiguous();
    return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

double Problem::Impl::metric(Metric m, const torch::Tensor& x, const torch::Tensor& y)
{
    torch::NoGradGuard noGrad;
    ++counters.forwards;
    auto out = forward(x);
    if (options.loss == LossKind::ModelOutput && m != Metric::Loss && out.dim() == 0)
        throw InputError("the metric " + toString(m)
                         + " compares the model's output with the targets, but the model returns "
                           "one number (its own loss); use the metric 'loss'");
    switch (m) {
    case Metric::Loss:
        return lossOf(out, y).item<double>();
    case Metric::Mse:
    case Metric::Mae: {
        if (y.scalar_type() == torch::kInt64)
            throw InputError("metric " + toString(m) + " needs a regression task");
        if (out.numel() != y.numel())
            throw InputError("model output tensor " + shapeString(out)
                             + " does not fit target tensor " + shapeString(y));
        auto diff = out.reshape(y.sizes()) - y;
        return (m == Metric::Mse ? diff.pow(2).mean() : diff.abs().mean()).item<double>();
    }
    case Metric::Accuracy: {
        if (options.loss == LossKind::BceWithLogits) {
            auto pred = (out.reshape(y.sizes()) > 0).to(y.scalar_type());
            return (pred == y).to(torch::kFloat64).mean().item<double>();
        }
        if (y.scalar_type() != torch::kInt64 || out.dim() != 2)
            throw InputError("metric accuracy needs a classification task with logits "
                             "[rows, classes]; model output is " + shapeString(out));
        return (out.argmax(1) == y).to(torch::kFloat64).mean().item<double>();
    }
    }
    return 0.0;
}

} // namespace borehole
