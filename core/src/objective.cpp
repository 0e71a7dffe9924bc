// The objective L(θ) behind every probe: forward passes, losses, gradients and Hessian-vector
// products over flat parameter vectors.
#include "internal.h"
#include "text.h"

#include <torch/csrc/jit/python/update_graph_executor_opt.h>

#include <cmath>
#include <random>

namespace borehole {
namespace {

/// What the model's first weight says about the input it takes, for a message about a rejected
/// input x: "; its first weight 'hidden.weight' [6, 4] takes 4 features, the data has 10" when
/// the first weight of the model (in registration order) is a Linear layer's that cannot take
/// rows of x; for a convolution, what it does say (the channels) and that the input width cannot
/// be read from the weights. Empty when the first weight fits or says nothing.
std::string inputShapeHint(const Model& model, const torch::Tensor& x)
{
    for (const auto& p : model.summary().parameters) {
        if (p.shape.size() < 2)
            continue; // biases, scales: the first weight matrix or kernel decides
        const std::string weight = "its first weight '" + p.name + "' " + shapeString(p.shape);
        if (p.shape.size() == 2) {
            if (x.dim() == 2 && p.shape[1] == x.size(1))
                return {};
            return "; " + weight + " takes " + std::to_string(p.shape[1])
                   + " features, the data has "
                   + (x.dim() == 2 ? std::to_string(x.size(1)) : shapeString(x));
        }
        // Conv1d [out, in, k], Conv2d [out, in, kh, kw], Conv3d: the channels are known, the
        // width of a row is not (forward() may reshape a row of any size into images).
        const auto channels = p.shape[1];
        const char* what = p.shape.size() == 3   ? "1-D convolution's (sequences"
                           : p.shape.size() == 4 ? "2-D convolution's (images"
                                                 : "convolution's (inputs";
        return "; " + weight + " is a " + what + " with " + std::to_string(channels)
               + (channels == 1 ? " channel)" : " channels)")
               + ", so the number of features a row needs cannot be read from the weights";
    }
    return {};
}

/// The results of forward() as (key, value) pairs: "0", "1", … for a tuple or list, the keys of
/// a dict, one pair with an empty key for anything else.
struct ForwardResults
{
    std::string kind;
    std::vector<std::pair<std::string, c10::IValue>> items;
};

std::string keyText(const c10::IValue& key)
{
    if (key.isString())
        return key.toStringRef();
    if (key.isInt())
        return std::to_string(key.toInt());
    return key.tagKind();
}

ForwardResults splitResults(const c10::IValue& result)
{
    ForwardResults r;
    if (result.isTuple()) {
        r.kind = "tuple";
        const auto& elements = result.toTupleRef().elements();
        for (std::size_t i = 0; i < elements.size(); ++i)
            r.items.emplace_back(std::to_string(i), elements[i]);
    } else if (result.isList()) {
        r.kind = "list";
        const auto list = result.toList();
        for (std::size_t i = 0; i < list.size(); ++i)
            r.items.emplace_back(std::to_string(i), list.get(i));
    } else if (result.isGenericDict()) {
        r.kind = "dict";
        for (const auto& entry : result.toGenericDict())
            r.items.emplace_back(keyText(entry.key()), entry.value());
    } else {
        r.kind = result.isTensor() ? "tensor" : result.tagKind();
        r.items.emplace_back(std::string(), result);
    }
    return r;
}

std::string itemText(const std::string& key, const c10::IValue& value)
{
    const std::string what = value.isTensor() ? shapeString(value.toTensor()) : value.tagKind();
    return key.empty() ? what : key + ": " + what;
}

/// "a tuple of 2 tensors (0: [8, 10], 1: [8, 32])" (without the list unless `items`); the
/// tensor keys go to `choices`.
std::string describeResults(const ForwardResults& r, std::vector<std::string>& choices,
                            bool items = true)
{
    std::vector<std::string> parts;
    for (const auto& [key, value] : r.items) {
        parts.push_back(itemText(key, value));
        if (value.isTensor())
            choices.push_back(key);
    }
    const auto n = r.items.size();
    std::string text = (r.kind == "dict" ? "a dict of " : "a " + r.kind + " of ") + std::to_string(n);
    if (choices.size() == n)
        text += n == 1 ? " tensor" : " tensors";
    else
        text += std::string(n == 1 ? " result" : " results") + ", "
                + (choices.empty() ? std::string("none of them a tensor")
                                   : std::to_string(choices.size()) + " of them tensors");
    if (!items)
        return text;
    text += " (";
    for (std::size_t i = 0; i < parts.size(); ++i)
        text += (i ? ", " : "") + parts[i];
    return text + ")";
}

std::string choiceText(const std::vector<std::string>& choices)
{
    std::string text;
    for (std::size_t i = 0; i < choices.size(); ++i)
        text += (i ? "|" : "") + choices[i];
    return text;
}

/// The tensor forward() returned, or the one `output` names among several. Throws InputError
/// naming the model file, what forward() returned and the choices.
torch::Tensor selectOutput(const c10::IValue& result, const std::string& output,
                           const std::string& modelPath)
{
    if (result.isTensor()) {
        if (!output.empty())
            throw InputError(modelPath + ": forward() returns one tensor "
                             + shapeString(result.toTensor()) + ", so there is no output '"
                             + output + "' to choose; leave --output out");
        return result.toTensor();
    }
    const ForwardResults r = splitResults(result);
    std::vector<std::string> choices;
    const std::string what = describeResults(r, choices);
    if (r.kind != "tuple" && r.kind != "list" && r.kind != "dict")
        throw InputError(modelPath + ": forward() must return a tensor (or a tuple, list or dict "
                                     "of tensors), it returned " + r.kind);
    if (choices.empty())
        throw InputError(modelPath + ": forward() returns " + what
                         + "; the prediction must be a tensor");
    if (output.empty()) {
        if (choices.size() == 1) // nothing to choose: {"y": prediction}, (prediction,)
            for (const auto& [key, value] : r.items)
                if (value.isTensor())
                    return value.toTensor();
        throw InputError(modelPath + ": forward() returns " + what + "; choose one with --output "
                         + choiceText(choices));
    }
    for (const auto& [key, value] : r.items) {
        if (key != output)
            continue;
        if (!value.isTensor())
            throw InputError(modelPath + ": output '" + output + "' of forward() is "
                             + value.tagKind() + ", not a tensor; choose one with --output "
                             + choiceText(choices));
        return value.toTensor();
    }
    throw InputError(modelPath + ": forward() returns " + what + ", it has no output '" + output
                     + "'; choose one with --output " + choiceText(choices));
}

/// Turns libtorch's TorchScript graph-executor optimiser off on the calling thread.
void useUnoptimisedTorchScript()
{
    // libtorch's profiling graph executor, from a scripted forward's third run on, replaces
    // differentiable parts of the graph with DifferentiableGraph nodes whose double backward is
    // wrong: on sequential_mlp.pt (GELU, LeakyReLU, Tanh) the Hessian-vector products of runs
    // 3–6 came out NaN, inf and 3 % off, in Python and in libtorch 1.13 alike, while runs 1–2
    // and every run with the optimiser off agree (test_spectrum
    // linearChainsTakeProductsByTheROperator repeats recomputed products, also on a thread of its
    // own). Every HVP, Lanczos and trace goes through double backward, so the optimiser is off.
    // The switch is thread-local in libtorch: set before every forward, on whichever thread
    // (probe, study and training workers) runs it. CPU fusion is off in libtorch by default, so
    // forwards lose nothing measurable (docs/benchmarks.md).
    torch::jit::setGraphExecutorOptimize(false);
}

c10::IValue runForward(const Model& model, const torch::Tensor& x, const std::string& dataPath)
{
    useUnoptimisedTorchScript();
    try {
        return implOf(model).module.forward({x});
    } catch (const c10::Error& e) {
        throw InputError("model '" + model.summary().path + "' rejected input tensor 'features' "
                         + shapeString(x) + " from '" + dataPath + "'" + inputShapeHint(model, x)
                         + "; libtorch said: " + libtorchMessage(e.what_without_backtrace()));
    } catch (const std::exception& e) {
        throw InputError("model '" + model.summary().path + "' rejected input tensor 'features' "
                         + shapeString(x) + " from '" + dataPath + "'" + inputShapeHint(model, x)
                         + "; libtorch said: " + libtorchMessage(e.what()));
    }
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
    const auto& di = implOf(data);
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
    checkFeatureScales();
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
    if (const auto results = splitResults(runForward(model, x, data.summary().path));
        results.kind != "tensor") {
        std::vector<std::string> choices;
        const std::string what = describeResults(results, choices, /*items=*/false);
        summary.output = (options.output.empty() ? choices.front() : options.output) + " of " + what;
    }
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
        const auto& trainY = implOf(data).trainY;
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

void Problem::Impl::checkFeatureScales()
{
    // A model trained on raw feature values sees nonsense once they are standardised, and every
    // number probed then describes that nonsense. One forward each way on a few rows tells.
    const auto& di = implOf(data);
    const auto features = static_cast<std::int64_t>(di.featureStd.size());
    if (!data.summary().standardizedFeatures || features != probeX.size(1)
        || options.loss == LossKind::ModelOutput)
        return;
    torch::NoGradGuard noGrad;
    const std::int64_t rows = std::min<std::int64_t>(probeX.size(0), 256);
    const auto x = probeX.narrow(0, 0, rows);
    const auto y = probeY.narrow(0, 0, rows);
    const auto stats = torch::TensorOptions().dtype(torch::kFloat64);
    const auto mean = torch::tensor(di.featureMean, stats).to(floatOptions());
    const auto scale = torch::tensor(di.featureStd, stats).to(floatOptions());
    double standardised = 0.0, raw = 0.0;
    try {
        standardised = lossOf(forward(x), y).item<double>();
        raw = lossOf(forward(x * scale + mean), y).item<double>();
    } catch (const std::exception&) {
        return; // a model that cannot take raw values was not fitted to them
    }
    if (!std::isfinite(standardised) || !std::isfinite(raw) || !(raw < 0.5 * standardised))
        return;
    summary.featureScaleWarning =
        "the model fits the raw feature values better than the standardised ones (loss "
        + formatNumber(raw) + " on raw, " + formatNumber(standardised)
        + " on standardised features, first " + std::to_string(rows)
        + " training rows): its first layer looks fitted to raw scales; probe it without "
          "standardising the features (--no-standardize, or untick 'Standardise features')";
}

ModelOutputs inspectModelOutputs(const Model& model, const Dataset& data)
{
    const auto& di = implOf(data);
    if (di.trainX.size(0) == 0)
        throw InputError("'" + data.summary().path + "' has no training rows to try the model on");
    torch::NoGradGuard noGrad;
    const auto x = di.trainX.narrow(0, 0, 1).to(implOf(model).device);
    const c10::IValue result = runForward(model, x, data.summary().path);
    const ForwardResults r = splitResults(result);
    ModelOutputs out;
    out.kind = r.kind;
    for (const auto& [key, value] : r.items) {
        if (!value.isTensor()) {
            out.skipped.push_back(itemText(key, value));
            continue;
        }
        const auto& t = value.toTensor();
        out.outputs.push_back({key, t.sizes().vec(), std::string(c10::toString(t.scalar_type()))});
    }
    if (out.outputs.empty()) {
        std::vector<std::string> choices;
        throw InputError(model.summary().path + ": forward() returns " + describeResults(r, choices)
                         + "; the prediction must be a tensor");
    }
    return out;
}

std::string describe(const ModelOutputInfo& output)
{
    const std::string shape = shapeString(output.shape);
    return output.key.empty() ? shape : output.key + ": " + shape;
}

torch::Tensor Problem::Impl::forward(const torch::Tensor& x)
{
    const c10::IValue result = runForward(model, x, data.summary().path);
    torch::Tensor out = result.isTensor() && options.output.empty()
                            ? result.toTensor()
                            : selectOutput(result, options.output, model.summary().path);
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
    for (const auto& p : implOf(model).params)
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
    for (const auto& p : implOf(model).params) {
        out.push_back(flat.narrow(0, offset, p.numel()).view_as(p));
        offset += p.numel();
    }
    return out;
}

torch::Tensor Problem::Impl::flatten(const std::vector<torch::Tensor>& tensors) const
{
    std::vector<torch::Tensor> flat;
    const auto& ps = implOf(model).params;
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
