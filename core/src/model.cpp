#include "borehole/model.h"

#include "borehole/error.h"
#include "archive_check.h"
#include "internal.h"

#include "borehole/files.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace borehole {
namespace {

void collectParameters(Model::Impl& impl)
{
    impl.params.clear();
    impl.summary.parameters.clear();
    impl.summary.parameterCount = 0;
    for (const auto& np : impl.module.named_parameters(/*recurse=*/true)) {
        if (!np.value.is_floating_point())
            continue;
        ParameterInfo info;
        info.name = np.name;
        info.shape = np.value.sizes().vec();
        info.count = np.value.numel();
        impl.summary.parameterCount += info.count;
        impl.summary.parameters.push_back(std::move(info));
        auto p = np.value;
        if (!p.requires_grad())
            p.requires_grad_(true);
        impl.params.push_back(p);
    }
    impl.summary.layerCount = 0;
    for (const auto& sub : impl.module.modules()) {
        if (sub.parameters(/*recurse=*/false).size() > 0)
            ++impl.summary.layerCount;
    }
    impl.summary.hasBuffers = impl.module.buffers(true).size() > 0;
}

} // namespace

ModelState::ModelState() = default;
ModelState::~ModelState() = default;
ModelState::ModelState(const ModelState&) = default;
ModelState& ModelState::operator=(const ModelState&) = default;

bool ModelState::valid() const
{
    return m_impl != nullptr;
}

Model::Model(std::shared_ptr<Impl> impl) : m_impl(std::move(impl)) {}

Model Model::load(const std::string& path, DeviceKind device)
{
    {
        std::error_code ec;
        if (std::filesystem::is_directory(path, ec))
            throw InputError(path + ": is a folder, not a model file");
        std::ifstream probe(path, std::ios::binary);
        if (!probe)
            throw InputError(path + ": cannot open model file (" + std::strerror(errno) + ")");
        if (probe.peek() == std::ifstream::traits_type::eof())
            throw InputError(path + ": the model file is empty");
    }
    checkTorchScriptArchive(path);
    auto impl = std::make_shared<Impl>();
    impl->device = toTorchDevice(device);
    try {
        impl->module = torch::jit::load(path, impl->device);
    } catch (const c10::Error& e) {
        throw InputError(path + ": not a TorchScript model (save it with torch.jit.script(model)"
                                ".save(path)); libtorch said: " + libtorchMessage(e.what()));
    } catch (const std::exception& e) {
        throw InputError(path + ": not a TorchScript model; libtorch said: " + libtorchMessage(e.what()));
    }
    impl->module.to(impl->device, torch::kFloat32);
    impl->module.eval();
    impl->summary.path = path;
    impl->summary.device = impl->device.is_cuda() ? "cuda" : "cpu";
    collectParameters(*impl);
    if (impl->params.empty())
        throw InputError(path + ": the model has no floating-point parameters to probe");
    return Model(std::move(impl));
}

const ModelSummary& Model::summary() const
{
    return m_impl->summary;
}

std::vector<std::string> Model::nonFiniteTensors() const
{
    torch::NoGradGuard noGrad;
    std::vector<std::string> out;
    auto check = [&](const std::string& name, const torch::Tensor& t) {
        if (!t.is_floating_point())
            return;
        const auto nan = t.isnan().sum().item<std::int64_t>();
        const auto inf = t.isinf().sum().item<std::int64_t>();
        if (nan == 0 && inf == 0)
            return;
        std::string what = "'" + name + "' (";
        if (nan > 0)
            what += std::to_string(nan) + " NaN";
        if (inf > 0)
            what += std::string(nan > 0 ? ", " : "") + std::to_string(inf) + " Inf";
        out.push_back(what + ")");
    };
    for (const auto& np : m_impl->module.named_parameters(/*recurse=*/true))
        check(np.name, np.value);
    for (const auto& nb : m_impl->module.named_buffers(/*recurse=*/true))
        check(nb.name, nb.value);
    return out;
}

Model Model::clone() const
{
    auto impl = std::make_shared<Impl>();
    impl->device = m_impl->device;
    impl->summary = m_impl->summary;
    impl->module = m_impl->module.clone();
    collectParameters(*impl);
    return Model(std::move(impl));
}

std::vector<float> Model::flatParameters() const
{
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> flat;
    for (const auto& p : m_impl->params)
        flat.push_back(p.detach().reshape({-1}));
    auto all = torch::cat(flat).to(torch::kCPU).contiguous();
    return std::vector<float>(all.data_ptr<float>(), all.data_ptr<float>() + all.numel());
}

void Model::setFlatParameters(const std::vector<float>& values)
{
    if (static_cast<std::int64_t>(values.size()) != m_impl->summary.parameterCount)
        throw InputError("parameter vector has " + std::to_string(values.size())
                         + " values but the model has "
                         + std::to_string(m_impl->summary.parameterCount));
    torch::NoGradGuard noGrad;
    auto host = torch::from_blob(const_cast<float*>(values.data()),
                                 {static_cast<std::int64_t>(values.size())}, torch::kFloat32);
    auto flat = host.to(m_impl->device);
    std::int64_t offset = 0;
    for (auto& p : m_impl->params) {
        p.copy_(flat.narrow(0, offset, p.numel()).view_as(p));
        offset += p.numel();
    }
}

std::vector<BufferValues> Model::buffers() const
{
    std::vector<BufferValues> out;
    for (const auto& nb : m_impl->module.named_buffers(/*recurse=*/true)) {
        auto host = nb.value.detach().to(torch::kCPU, torch::kFloat64).contiguous().reshape({-1});
        out.push_back({nb.name, std::vector<double>(host.data_ptr<double>(),
                                                    host.data_ptr<double>() + host.numel())});
    }
    return out;
}

ModelState Model::saveState() const
{
    torch::NoGradGuard noGrad;
    auto state = std::make_shared<ModelState::Impl>();
    // All named parameters, not only the floating-point ones Borehole probes: anything the
    // module holds may be changed by a step.
    for (const auto& np : m_impl->module.named_parameters(/*recurse=*/true))
        state->parameters.push_back(np.value.detach().clone());
    for (const auto& nb : m_impl->module.named_buffers(/*recurse=*/true))
        state->buffers.push_back(nb.value.detach().clone());
    for (const auto& m : m_impl->module.modules())
        state->training.push_back(m.is_training());
    ModelState out;
    out.m_impl = std::move(state);
    return out;
}

namespace {

void copyInto(const std::vector<torch::Tensor>& saved, std::vector<torch::Tensor> live,
              const char* what)
{
    if (saved.size() != live.size())
        throw InputError(std::string("the saved model state has ") + std::to_string(saved.size())
                         + " " + what + " but the model has " + std::to_string(live.size()));
    for (std::size_t i = 0; i < live.size(); ++i)
        if (saved[i].sizes() != live[i].sizes())
            throw InputError(std::string("the saved model state does not fit the model: ") + what
                             + " " + std::to_string(i) + " is " + shapeString(saved[i])
                             + " but the model's is " + shapeString(live[i]));
    for (std::size_t i = 0; i < live.size(); ++i)
        live[i].copy_(saved[i]);
}

} // namespace

void Model::restoreState(const ModelState& state)
{
    if (!state.m_impl)
        throw InputError("no saved model state to restore");
    const auto& s = *state.m_impl;
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> params, buffers;
    for (const auto& np : m_impl->module.named_parameters(/*recurse=*/true))
        params.push_back(np.value);
    for (const auto& nb : m_impl->module.named_buffers(/*recurse=*/true))
        buffers.push_back(nb.value);
    copyInto(s.parameters, params, "parameters");
    copyInto(s.buffers, buffers, "buffers");
    // train(on) is recursive; setting each module in pre-order leaves every one as saved.
    std::size_t i = 0;
    for (auto m : m_impl->module.modules()) {
        if (i < s.training.size())
            m.train(s.training[i]);
        ++i;
    }
}

void Model::save(const std::string& path) const
{
    // Serialise in memory first: libtorch's file writer throws from a destructor when the disk
    // fills up (std::terminate) and leaves a partial file. Our writer checks every byte.
    std::ostringstream archive(std::ios::binary);
    try {
        m_impl->module.save(archive);
    } catch (const c10::Error& e) {
        throw Error(path + ": cannot serialise the model; libtorch said: "
                    + libtorchMessage(e.what()));
    }
    writeFileAtomically(path, archive.str());
}

} // namespace borehole
