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

/// Short description of the libtorch build: version, CUDA, intra-op threads.
std::string torchBuildInfo();

/// Physical CPU cores of this machine (hyper-threads of one core count once): the distinct
/// (package, core) pairs of /sys/devices/system/cpu/cpu*/topology, else of /proc/cpuinfo's
/// "physical id" and "core id", else std::thread::hardware_concurrency(); at least 1.
int physicalCoreCount();

/// Sets the threads libtorch uses inside one operation (intra-op): `threads` > 0 as given, 0 for
/// physicalCoreCount() (the default of borehole-cli: a second hyper-thread per core adds no
/// arithmetic units to dense kernels). Returns the count in effect. Throws InputError for a
/// negative count.
int setIntraOpThreads(int threads = 0);

/// The intra-op threads libtorch uses now.
int intraOpThreads();

/// Keeps host memory that libtorch frees for its next tensors instead of handing it back to the
/// system. With glibc's defaults every block above the (adaptive) mmap threshold that is freed
/// at the top of the heap is trimmed, so each forward of a model with large activations maps
/// fresh pages and the kernel zeroes them again: on the digits CNN (activations of 15 MB) three
/// 21×21 surfaces spent 37 s of their 97 in the kernel (measured; 0.3 s with this). Blocks up to 32 MiB (glibc's
/// largest mmap threshold) then come from the heap, and up to 512 MiB of free heap is kept.
/// Process-wide; call once at start-up (borehole-cli, the GUI, the benchmarks). Returns whether
/// it applied: false off glibc and under a sanitizer's allocator.
bool keepFreedHostMemory();

} // namespace borehole
