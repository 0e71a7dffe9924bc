#pragma once
// A TorchScript model (saved with torch.jit.script(m).save(path) or torch.jit.trace) whose
// parameters Borehole probes and trains.
#include "borehole/device.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace borehole {

struct ImplAccess; // core/src/internal.h: core's own access to Impl

struct ParameterInfo
{
    std::string name;
    std::vector<std::int64_t> shape;
    std::int64_t count = 0;
};

struct ModelSummary
{
    std::string path;
    std::vector<ParameterInfo> parameters;
    std::int64_t parameterCount = 0;
    /// Number of submodules that own parameters directly.
    std::int64_t layerCount = 0;
    std::string device;
    /// True when the model holds BatchNorm-style buffers (running statistics).
    bool hasBuffers = false;
};

/// One of the module's buffers (BatchNorm running statistics, counters, constants), flattened.
struct BufferValues
{
    std::string name;
    std::vector<double> values;
};

class Model;

/// A snapshot of everything a module carries from one computation to the next: its parameters,
/// its buffers (BatchNorm running statistics and counters, constants) and its train/eval mode.
/// Restoring it makes a computation independent of what ran before. Opaque and immutable;
/// copies share the snapshot. Held on the model's device.
class ModelState
{
public:
    ModelState();
    ~ModelState();
    ModelState(const ModelState&);
    ModelState& operator=(const ModelState&);
    /// False for a default-constructed snapshot.
    bool valid() const;

    struct Impl;

private:
    friend class Model;
    std::shared_ptr<const Impl> m_impl;
};

/// A loaded TorchScript module and its trainable parameters. Copies share the module; use
/// clone() for an independent copy.
class Model
{
public:
    /// Loads the TorchScript file. Throws InputError when the file is missing, is not a
    /// TorchScript archive, or has no floating-point parameters.
    static Model load(const std::string& path, DeviceKind device = DeviceKind::Auto);

    const ModelSummary& summary() const;
    /// Parameters and buffers holding NaN or ±Inf, e.g. "'fc.weight' (3 NaN, 1 Inf)"; empty
    /// when every value is finite.
    std::vector<std::string> nonFiniteTensors() const;
    /// A deep copy with its own parameters.
    Model clone() const;
    /// Current parameters flattened in summary().parameters order (copied to the host).
    std::vector<float> flatParameters() const;
    /// Replaces the parameters; throws InputError when the size does not match.
    void setFlatParameters(const std::vector<float>& values);
    /// The module's buffers in registration order, copied to the host as doubles.
    std::vector<BufferValues> buffers() const;
    /// The whole module state: parameters, buffers and train/eval mode (deep copies).
    ModelState saveState() const;
    /// Puts back a state from saveState() of this model or of a clone. Throws InputError when
    /// the snapshot is empty or its tensors do not match this module's (count or shape).
    void restoreState(const ModelState& state);
    /// Saves the module (with its current parameters) as TorchScript, atomically (see files.h):
    /// a failure keeps the previous file and throws Error naming the path ("disk full", ...).
    /// The archive is built in memory first (one extra copy of the parameters).
    void save(const std::string& path) const;

    struct Impl; ///< core's private state (the TorchScript module); opaque outside core

private:
    friend struct ImplAccess;
    Impl& impl() const { return *m_impl; }
    explicit Model(std::shared_ptr<Impl> impl);
    std::shared_ptr<Impl> m_impl;
};

} // namespace borehole
