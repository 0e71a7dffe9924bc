#pragma once
// Device selection. Borehole computes on CUDA when a CUDA build of libtorch sees a GPU and on the
// CPU otherwise; the user can force either.
#include <string>

namespace borehole {

enum class DeviceKind { Auto, Cpu, Cuda };

/// "auto", "cpu" or "cuda".
std::string toString(DeviceKind kind);

/// Parses "auto", "cpu" or "cuda" (case-insensitive). Throws InputError otherwise.
DeviceKind parseDeviceKind(const std::string& text);

/// True when libtorch was built with CUDA and sees at least one GPU.
bool cudaAvailable();

/// The device Auto resolves to on this machine (Cpu or Cuda). Throws InputError when Cuda is
/// asked for but not available.
DeviceKind resolveDevice(DeviceKind requested);

/// Short description of the libtorch build: version, CUDA, BLAS threads.
std::string torchBuildInfo();

} // namespace borehole
