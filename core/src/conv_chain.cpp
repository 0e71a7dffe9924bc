// Convolutional chains evaluated by core's own libtorch calls (see conv_chain.h). The model is
// read as its modules in order; since a scripted forward() may do more than call them in that
// order, the grid uses the chain only after check() found its losses equal to the model's.
#include "conv_chain.h"
#include "text.h"

#include <algorithm>
#include <cmath>

namespace borehole {
namespace {

using Op = ConvChain::Step::Op;
/// The first convolution runs as one matrix product with its input's patches when a patch has
/// at most this many values and the unfolded patches fit in kMaxPatchBytes.
constexpr std::int64_t kMaxPatch = 32;
constexpr std::int64_t kMaxPatchBytes = 64 << 20;
using Named = std::pair<std::string, torch::jit::Module>;

/// The leaf modules of `m` in order: Sequential containers, ModuleLists and modules of the
/// user's own classes without parameters of their own are opened (their forward() is assumed
/// to call their children in order; check() finds out whether it does).
bool leaves(const torch::jit::Module& m, const std::string& prefix, std::vector<Named>& out,
            std::string& why)
{
    for (const auto& child : m.named_children()) {
        const std::string name = prefix + child.name;
        const std::string cls = torchNnClass(child.value);
        const bool container = cls == "Sequential" || cls == "ModuleList";
        if (container || (cls.empty() && child.value.children().size() > 0)) {
            if (!container && child.value.parameters(/*recurse=*/false).size() > 0) {
                why = describeLayer(name, child.value) + " has parameters of its own";
                return false;
            }
            if (!leaves(child.value, name + ".", out, why))
                return false;
            continue;
        }
        out.emplace_back(name, child.value);
    }
    return true;
}

/// An int or a tuple/list of ints as `n` values; empty when it is neither (e.g. a string).
std::vector<std::int64_t> ints(const c10::IValue& v, std::size_t n)
{
    if (v.isInt())
        return std::vector<std::int64_t>(n, v.toInt());
    std::vector<std::int64_t> out;
    if (v.isTuple()) {
        for (const auto& e : v.toTupleRef().elements()) {
            if (!e.isInt())
                return {};
            out.push_back(e.toInt());
        }
    } else if (v.isIntList()) {
        for (auto e : v.toIntVector())
            out.push_back(e);
    }
    return out.size() == n ? out : std::vector<std::int64_t>{};
}

} // namespace

std::optional<ConvChain> ConvChain::make(Problem::Impl& p, std::string& why, bool forGrid)
{
    if (p.options.loss == LossKind::ModelOutput) {
        why = "the loss is computed by the model";
        return std::nullopt;
    }
    if (!p.options.output.empty()) {
        why = "the model's output is selected from a container";
        return std::nullopt;
    }
    const auto& root = implOf(p.model).module;
    if (root.parameters(/*recurse=*/false).size() > 0) {
        why = "the model has parameters of its own outside its layers";
        return std::nullopt;
    }
    std::vector<Named> modules;
    if (!leaves(root, "", modules, why))
        return std::nullopt;
    const auto& params = p.params();
    std::vector<int> used(params.size(), 0);
    bool unknownTensor = false;
    auto indexOf = [&](const c10::IValue& v) -> std::int64_t {
        if (!v.isTensor())
            return -1;
        const auto t = v.toTensor();
        for (std::size_t i = 0; i < params.size(); ++i)
            if (params[i].is_same(t)) {
                ++used[i];
                return static_cast<std::int64_t>(i);
            }
        unknownTensor = true;
        return -1;
    };
    auto constant = [](const torch::jit::Module& m, const char* key) {
        return m.hasattr(key) ? m.attr(key) : c10::IValue();
    };

    ConvChain c(p);
    int convolutions = 0, foldedNorms = 0, swappedPools = 0;
    for (const auto& [name, m] : modules) {
        const std::string cls = torchNnClass(m);
        Step s;
        if (cls == "Conv2d") {
            s.op = Op::Conv;
            s.weight = indexOf(m.attr("weight"));
            s.bias = indexOf(constant(m, "bias"));
            s.stride = ints(constant(m, "stride"), 2);
            s.padding = ints(constant(m, "padding"), 2);
            s.dilation = ints(constant(m, "dilation"), 2);
            const auto groups = constant(m, "groups");
            const auto mode = constant(m, "padding_mode");
            if (s.weight < 0 || s.stride.empty() || s.padding.empty() || s.dilation.empty()
                || !groups.isInt() || !mode.isString() || mode.toStringRef() != "zeros") {
                why = describeLayer(name, m)
                      + " has padding other than explicit zeros, or unreadable settings";
                return std::nullopt;
            }
            s.groups = groups.toInt();
            ++convolutions;
        } else if (cls == "BatchNorm2d") {
            const auto mean = constant(m, "running_mean"), var = constant(m, "running_var");
            const auto eps = constant(m, "eps");
            if (m.is_training() || !mean.isTensor() || !var.isTensor() || !eps.isDouble()) {
                why = describeLayer(name, m)
                      + (m.is_training() ? " is in training mode (batch statistics)"
                                         : " has no running statistics");
                return std::nullopt;
            }
            s.op = Op::BatchNorm;
            s.weight = indexOf(constant(m, "weight"));
            s.bias = indexOf(constant(m, "bias"));
            s.mean = mean.toTensor();
            s.variance = var.toTensor();
            s.eps = eps.toDouble();
            if (!c.m_steps.empty() && c.m_steps.back().op == Op::Conv
                && !c.m_steps.back().folded) {
                auto& conv = c.m_steps.back(); // folded in: one pass over the activations less
                conv.folded = true;
                conv.foldedWeight = s.weight;
                conv.foldedBias = s.bias;
                conv.mean = s.mean;
                conv.variance = s.variance;
                conv.eps = s.eps;
                ++foldedNorms;
                continue;
            }
        } else if (cls == "MaxPool2d") {
            s.op = Op::MaxPool;
            s.kernel = ints(constant(m, "kernel_size"), 2);
            s.stride = ints(constant(m, "stride"), 2);
            s.padding = ints(constant(m, "padding"), 2);
            s.dilation = ints(constant(m, "dilation"), 2);
            const auto ceil = constant(m, "ceil_mode"), indices = constant(m, "return_indices");
            if (s.kernel.empty() || s.stride.empty() || s.padding.empty() || s.dilation.empty()
                || !ceil.isBool() || !indices.isBool() || indices.toBool()) {
                why = describeLayer(name, m) + " has settings the chain cannot read";
                return std::nullopt;
            }
            s.ceilMode = ceil.toBool();
            // max(relu(x)) = relu(max(x)): ReLU is non-decreasing, so pooling first is exact
            // and the ReLU then runs on the pooled values only.
            if (!c.m_steps.empty() && c.m_steps.back().op == Op::Activation
                && c.m_steps.back().activation.kind == BatchedPoints::Layer::Kind::Relu) {
                c.m_steps.insert(c.m_steps.end() - 1, s);
                ++swappedPools;
                continue;
            }
        } else if (cls == "AvgPool2d") {
            s.op = Op::AvgPool;
            s.kernel = ints(constant(m, "kernel_size"), 2);
            s.stride = ints(constant(m, "stride"), 2);
            s.padding = ints(constant(m, "padding"), 2);
            const auto ceil = constant(m, "ceil_mode"), pad = constant(m, "count_include_pad");
            const auto divisor = constant(m, "divisor_override");
            if (s.kernel.empty() || s.stride.empty() || s.padding.empty() || !ceil.isBool()
                || !pad.isBool() || !(divisor.isNone() || divisor.isInt())) {
                why = describeLayer(name, m) + " has settings the chain cannot read";
                return std::nullopt;
            }
            s.ceilMode = ceil.toBool();
            s.countIncludePad = pad.toBool();
            if (divisor.isInt())
                s.divisor = divisor.toInt();
        } else if (cls == "AdaptiveAvgPool2d") {
            s.op = Op::AdaptiveAvgPool;
            s.kernel = ints(constant(m, "output_size"), 2);
            if (s.kernel.empty()) {
                why = describeLayer(name, m) + " has an output size the chain cannot read";
                return std::nullopt;
            }
        } else if (cls == "Flatten") {
            const auto start = constant(m, "start_dim"), end = constant(m, "end_dim");
            if (!start.isInt() || !end.isInt()) {
                why = describeLayer(name, m) + " has unreadable dimensions";
                return std::nullopt;
            }
            s.op = Op::Flatten;
            s.startDim = start.toInt();
            s.endDim = end.toInt();
        } else if (cls == "Linear") {
            s.op = Op::Linear;
            s.weight = indexOf(m.attr("weight"));
            s.bias = indexOf(constant(m, "bias"));
        } else if (const auto read = readActivation(cls, name, m, s.activation, why);
                   read != ActivationRead::NotAnActivation) {
            if (read == ActivationRead::Unreadable)
                return std::nullopt;
            s.op = Op::Activation;
        } else if (cls == "Identity"
                   || ((cls == "Dropout" || cls == "Dropout2d") && !m.is_training())) {
            continue; // the identity (dropout in evaluation mode)
        } else {
            why = describeLayer(name, m) + " is outside the convolutional chain's layers";
            return std::nullopt;
        }
        c.m_steps.push_back(std::move(s));
    }
    if (convolutions == 0 || c.m_steps.front().op != Op::Conv) {
        why = "the model does not start with a 2-D convolution";
        return std::nullopt;
    }
    if (unknownTensor
        || std::any_of(used.begin(), used.end(), [](int n) { return n != 1; })) {
        why = "the model has parameters outside its chain of layers";
        return std::nullopt;
    }
    // The rows are images flattened to C·H·W columns; the chain assumes square ones.
    const auto& x = p.probeX;
    const auto& first = params[static_cast<std::size_t>(c.m_steps.front().weight)];
    const std::int64_t channels = first.size(1) * c.m_steps.front().groups;
    const std::int64_t pixels = x.dim() == 2 && channels > 0 ? x.size(1) / channels : 0;
    const auto side = static_cast<std::int64_t>(std::llround(std::sqrt(double(pixels))));
    if (x.dim() != 2 || pixels * channels != x.size(1) || side * side != pixels) {
        why = "the input rows are not square images of " + std::to_string(channels)
              + " channel(s)";
        return std::nullopt;
    }
    c.m_imageChannels = channels;
    c.m_imageSide = side;
    c.m_channelsLast = forGrid && p.device().is_cpu();
    c.m_input = x.view({x.size(0), channels, side, side});
    // The first convolution sees the same rows at every point: with few input values per
    // output (a 3×3 kernel on 1–3 channels) oneDNN's direct convolution runs far below the
    // machine's speed, while one matrix product with the rows' patches, unfolded once, runs
    // near it and leaves its result channels-last (1,797 digits: 1.0 against 2.1 ms a point).
    const auto& conv = c.m_steps.front();
    const std::int64_t patch = first.size(1) * first.size(2) * first.size(3);
    if (c.m_channelsLast && conv.groups == 1 && patch <= kMaxPatch) {
        torch::NoGradGuard noGrad;
        auto cols = at::im2col(c.m_input, {first.size(2), first.size(3)}, conv.dilation,
                                  conv.padding, conv.stride); // [rows, patch, positions]
        const std::int64_t positions = cols.size(2);
        if (cols.numel() * cols.element_size() <= kMaxPatchBytes) {
            c.m_patches = cols.transpose(1, 2).reshape({-1, patch}).contiguous();
            const auto out = [&](int d) {
                return (side + 2 * conv.padding[d] - conv.dilation[d] * (first.size(2 + d) - 1) - 1)
                           / conv.stride[d]
                       + 1;
            };
            c.m_patchGrid = {x.size(0), out(0), out(1)};
            if (out(0) * out(1) != positions)
                c.m_patches = torch::Tensor();
        }
    }
    if (c.m_channelsLast && !c.m_patches.defined())
        c.m_input = c.m_input.contiguous(torch::MemoryFormat::ChannelsLast);
    c.m_summary = std::to_string(convolutions) + " convolution" + (convolutions > 1 ? "s" : "");
    if (foldedNorms > 0)
        c.m_summary += ", " + std::to_string(foldedNorms) + " batch norm"
                       + (foldedNorms > 1 ? "s" : "") + " folded in";
    if (swappedPools > 0)
        c.m_summary += ", " + std::to_string(swappedPools) + " max-pooling"
                       + (swappedPools > 1 ? "s" : "") + " before the ReLU";
    return c;
}

torch::Tensor ConvChain::param(std::int64_t index) const
{
    return m_problem->params()[static_cast<std::size_t>(index)];
}

torch::Tensor ConvChain::forward()
{
    torch::NoGradGuard noGrad;
    auto optional = [&](std::int64_t index) {
        return index >= 0 ? param(index) : torch::Tensor();
    };
    torch::Tensor h = m_input;
    std::vector<std::int64_t> flattened; // [C, H, W] of rows flattened channels-last
    for (std::size_t i = 0; i < m_steps.size(); ++i) {
        const auto& s = m_steps[i];
        switch (s.op) {
        case Op::Conv: {
            auto w = param(s.weight);
            auto b = optional(s.bias);
            if (s.folded) { // W·γ/√(σ²+ε) and (b − μ)·γ/√(σ²+ε) + β
                auto scale = torch::rsqrt(s.variance + s.eps);
                if (s.foldedWeight >= 0)
                    scale = scale * param(s.foldedWeight);
                w = w * scale.view({-1, 1, 1, 1});
                b = (b.defined() ? b - s.mean : -s.mean) * scale;
                if (s.foldedBias >= 0)
                    b = b + param(s.foldedBias);
            }
            if (m_patches.defined() && h.is_same(m_input)) { // the first: patches × weights
                const auto flat = w.reshape({w.size(0), -1}).t();
                h = (b.defined() ? torch::addmm(b, m_patches, flat) : m_patches.mm(flat))
                        .view({m_patchGrid[0], m_patchGrid[1], m_patchGrid[2], w.size(0)})
                        .permute({0, 3, 1, 2}); // channels-last [rows, out, H, W]
                break;
            }
            if (m_channelsLast)
                w = w.contiguous(torch::MemoryFormat::ChannelsLast);
            h = torch::conv2d(h, w, b, s.stride, s.padding, s.dilation, s.groups);
            break;
        }
        case Op::BatchNorm:
            h = torch::batch_norm(h, optional(s.weight), optional(s.bias), s.mean, s.variance,
                                  /*training=*/false, 0.0, s.eps, /*cudnn_enabled=*/true);
            break;
        case Op::Activation: h = activate(s.activation, h); break;
        case Op::MaxPool:
            h = maxPool(h, s);
            break;
        case Op::AvgPool:
            h = torch::avg_pool2d(h, s.kernel, s.stride, s.padding, s.ceilMode,
                                  s.countIncludePad,
                                  s.divisor ? c10::optional<std::int64_t>(*s.divisor)
                                            : c10::optional<std::int64_t>());
            break;
        case Op::AdaptiveAvgPool: h = torch::adaptive_avg_pool2d(h, s.kernel); break;
        case Op::Flatten:
            if (s.startDim == 1 && s.endDim == -1 && i + 1 < m_steps.size()
                && m_steps[i + 1].op == Op::Linear)
                h = flattenForLinear(h, flattened);
            else
                h = torch::flatten(h, s.startDim, s.endDim);
            break;
        case Op::Linear: {
            if (h.dim() > 2) // what a forward() does before its classifier: x.flatten(1)
                h = flattenForLinear(h, flattened);
            auto w = param(s.weight);
            if (!flattened.empty()) { // the columns in the order the rows were flattened in
                w = w.view({w.size(0), flattened[0], flattened[1], flattened[2]})
                        .permute({0, 2, 3, 1})
                        .reshape({w.size(0), -1});
                flattened.clear();
            }
            h = torch::linear(h, w, optional(s.bias));
            break;
        }
        }
    }
    return h;
}

torch::Tensor ConvChain::flattenForLinear(const torch::Tensor& h,
                                          std::vector<std::int64_t>& flattened) const
{
    // A channels-last [rows, C, H, W] flattened in its memory order (H, W, C) is a view, not a
    // copy; the Linear layer after it then takes its weight's columns in that order.
    if (h.dim() == 4 && h.is_contiguous(torch::MemoryFormat::ChannelsLast)
        && !h.is_contiguous()) {
        flattened = {h.size(1), h.size(2), h.size(3)};
        return h.permute({0, 2, 3, 1}).reshape({h.size(0), -1});
    }
    flattened.clear();
    return h.flatten(1);
}

torch::Tensor ConvChain::maxPool(const torch::Tensor& h, const Step& s) const
{
    // Without padding or dilation a channels-last max-pooling is separable: the maximum over
    // each window's columns, then over its rows, as elementwise maxima of strided views (2 ops
    // for a 2×2 window; 1.8 against 2.2–3.7 ms on the digits CNN's [1797, 32, 8, 8]).
    const bool plain = s.padding[0] == 0 && s.padding[1] == 0 && s.dilation[0] == 1
                       && s.dilation[1] == 1 && !s.ceilMode && h.dim() == 4
                       && h.size(2) >= s.kernel[0] && h.size(3) >= s.kernel[1];
    if (!plain || !h.is_contiguous(torch::MemoryFormat::ChannelsLast) || h.is_contiguous())
        return torch::max_pool2d(h, s.kernel, s.stride, s.padding, s.dilation, s.ceilMode);
    auto reduce = [](const torch::Tensor& t, std::int64_t dim, std::int64_t k, std::int64_t stride) {
        const std::int64_t out = (t.size(dim) - k) / stride + 1;
        torch::Tensor m;
        for (std::int64_t j = 0; j < k; ++j) {
            const auto view = t.slice(dim, j, j + stride * (out - 1) + 1, stride);
            m = m.defined() ? torch::maximum(m, view) : view;
        }
        return k == 1 ? m.contiguous() : m;
    };
    const auto nhwc = h.permute({0, 2, 3, 1}); // contiguous [rows, H, W, C]
    const auto columns = reduce(nhwc, 2, s.kernel[1], s.stride[1]);
    return reduce(columns, 1, s.kernel[0], s.stride[0]).permute({0, 3, 1, 2});
}

std::string ConvChain::check(const torch::Tensor& theta,
                             const std::vector<torch::Tensor>& directions,
                             const std::vector<double>& displaced)
{
    auto& p = *m_problem;
    return compareWithModel(
        p, theta, directions, displaced,
        [&](int) {
            torch::NoGradGuard noGrad;
            ++p.counters.forwards;
            return p.lossOf(forward(), p.probeY).item<double>();
        },
        "the convolutional chain's loss", "the convolutional chain failed");
}

} // namespace borehole
