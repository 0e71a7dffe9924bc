#include "borehole/device.h"

#include "borehole/error.h"
#include "internal.h"
#include "text.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <utility>

#ifdef __linux__
#include <dlfcn.h>
#include <sched.h>
#endif
#include "sanitizer.h"
#if defined(__GLIBC__) && !defined(BOREHOLE_SANITIZER_ALLOCATOR)
#include <malloc.h>
#define BOREHOLE_GLIBC_MALLOPT 1
#endif

namespace borehole {

std::string toString(DeviceKind kind)
{
    switch (kind) {
    case DeviceKind::Auto: return "auto";
    case DeviceKind::Cpu: return "cpu";
    case DeviceKind::Cuda: return "cuda";
    }
    return "auto";
}

DeviceKind parseDeviceKind(const std::string& text)
{
    const std::string t = toLower(text);
    if (t == "auto")
        return DeviceKind::Auto;
    if (t == "cpu")
        return DeviceKind::Cpu;
    if (t == "cuda" || t == "gpu")
        return DeviceKind::Cuda;
    throw InputError("unknown device '" + text + "' (expected auto, cpu or cuda)");
}

bool cudaAvailable()
{
    return torch::cuda::is_available();
}

DeviceKind resolveDevice(DeviceKind requested)
{
    if (requested == DeviceKind::Auto)
        return cudaAvailable() ? DeviceKind::Cuda : DeviceKind::Cpu;
    if (requested == DeviceKind::Cuda && !cudaAvailable())
        throw InputError("device cuda was requested but this libtorch build sees no CUDA GPU");
    return requested;
}

torch::Device toTorchDevice(DeviceKind kind)
{
    return resolveDevice(kind) == DeviceKind::Cuda ? torch::Device(torch::kCUDA, 0)
                                                   : torch::Device(torch::kCPU);
}

std::string torchBuildInfo()
{
    std::string info = "libtorch " + std::to_string(TORCH_VERSION_MAJOR) + "."
                       + std::to_string(TORCH_VERSION_MINOR) + "."
                       + std::to_string(TORCH_VERSION_PATCH);
    info += cudaAvailable() ? ", CUDA devices: " + std::to_string(torch::cuda::device_count())
                            : ", CPU only";
    info += ", threads: " + std::to_string(at::get_num_threads());
    return info;
}

namespace {

#ifdef __linux__
/// This process's CPU affinity mask (set by Slurm's task/affinity or cgroup plugin, taskset, a
/// container's cpuset), read once; null where it cannot be read.
const cpu_set_t* affinityMask()
{
    static const cpu_set_t* mask = [] {
        static cpu_set_t set;
        CPU_ZERO(&set);
        return sched_getaffinity(0, sizeof set, &set) == 0 ? &set : nullptr;
    }();
    return mask;
}
#endif

/// Whether this process may run on `cpu`; true for all where the mask is unreadable.
bool cpuAllowed(int cpu)
{
#ifdef __linux__
    const cpu_set_t* mask = affinityMask();
    return !mask || cpu >= CPU_SETSIZE || CPU_ISSET(cpu, mask);
#else
    (void)cpu;
    return true;
#endif
}

/// CPUs in the affinity mask; 0 when unreadable.
int allowedCpuCount()
{
#ifdef __linux__
    if (const cpu_set_t* mask = affinityMask())
        return CPU_COUNT(mask);
#endif
    return 0;
}

/// Distinct (package, core) pairs over /sys/devices/system/cpu/cpuN/topology of the CPUs this
/// process may run on; 0 when unreadable.
int coresFromSysfs()
{
    std::set<std::pair<std::string, std::string>> cores;
    for (int cpu = 0; cpu < 4096; ++cpu) {
        const std::string dir =
            "/sys/devices/system/cpu/cpu" + std::to_string(cpu) + "/topology/";
        std::ifstream package(dir + "physical_package_id"), core(dir + "core_id");
        std::string p, c;
        if (!(package >> p) || !(core >> c))
            break; // CPUs are numbered from 0 without gaps while online; offline ones end it
        if (cpuAllowed(cpu))
            cores.emplace(p, c);
    }
    return static_cast<int>(cores.size());
}

/// Distinct ("physical id", "core id") pairs of /proc/cpuinfo; 0 when it has none (some ARM and
/// virtual machines leave them out).
int coresFromCpuinfo()
{
    std::ifstream in("/proc/cpuinfo");
    std::set<std::pair<std::string, std::string>> cores;
    std::string line, package = "0", core;
    auto value = [](const std::string& l) {
        const auto colon = l.find(':');
        return colon == std::string::npos ? std::string() : l.substr(colon + 1);
    };
    while (std::getline(in, line)) {
        if (line.rfind("physical id", 0) == 0)
            package = value(line);
        else if (line.rfind("core id", 0) == 0)
            core = value(line);
        else if (line.empty() && !core.empty()) {
            cores.emplace(package, core);
            package = "0";
            core.clear();
        }
    }
    if (!core.empty())
        cores.emplace(package, core);
    return static_cast<int>(cores.size());
}

} // namespace

int physicalCoreCount()
{
    static const int count = [] {
        int n = coresFromSysfs();
        if (n <= 0)
            n = coresFromCpuinfo();
        if (n <= 0)
            n = static_cast<int>(std::thread::hardware_concurrency());
        // A job given fewer CPUs than the machine has (Slurm, taskset, a container) gets at
        // most one thread per CPU it may use: several workers on one node must not oversubscribe.
        const int allowed = allowedCpuCount();
        if (allowed > 0)
            n = std::min(n, allowed);
        return std::max(n, 1);
    }();
    return count;
}

int setIntraOpThreads(int threads)
{
    if (threads < 0)
        throw InputError("the thread count must be 0 (physical cores) or more, got "
                         + std::to_string(threads));
    const int n = threads > 0 ? threads : physicalCoreCount();
    if (at::get_num_threads() != n)
        at::set_num_threads(n);
    // libtorch bounds its own pool and OpenMP, not the BLAS it calls: Debian's libtorch runs its
    // matrix products on OpenBLAS (libopenblas0-pthread), whose pthread pool starts one thread
    // per CPU. Bound it too, so `--threads 1` is one thread (measured: 2 threads busy at 160 %
    // CPU on 2 cores before) and workers sharing a node do not oversubscribe it. Looked up at
    // run time: another BLAS (MKL in a PyTorch libtorch, reference BLAS) has no such symbol.
    using SetBlasThreads = void (*)(int);
    static const auto setBlasThreads =
        reinterpret_cast<SetBlasThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
    if (setBlasThreads)
        setBlasThreads(n);
    return at::get_num_threads();
}

bool keepFreedHostMemory()
{
#ifdef BOREHOLE_GLIBC_MALLOPT
    constexpr int kLargestHeapBlock = 32 << 20; // glibc refuses a larger mmap threshold
    constexpr int kKeptFreeHeap = 512 << 20;
    return mallopt(M_MMAP_THRESHOLD, kLargestHeapBlock) == 1
           && mallopt(M_TRIM_THRESHOLD, kKeptFreeHeap) == 1;
#else
    return false;
#endif
}

int intraOpThreads()
{
    return at::get_num_threads();
}

std::string shapeString(const std::vector<std::int64_t>& shape)
{
    std::string s = "[";
    for (std::size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + "]";
}

std::string shapeString(const torch::Tensor& t)
{
    return shapeString(t.sizes().vec());
}

at::Generator makeGenerator(std::uint64_t seed)
{
    return at::detail::createCPUGenerator(seed);
}

std::uint64_t deriveSeed(std::uint64_t seed, std::uint64_t stream)
{
    std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (stream + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

ProbeCost& ProbeCost::operator+=(const ProbeCost& other)
{
    forwards += other.forwards;
    gradients += other.gradients;
    hvps += other.hvps;
    seconds += other.seconds;
    return *this;
}

ProbeCost costSince(const ProbeCost& now, const ProbeCost& before)
{
    ProbeCost c;
    c.forwards = now.forwards - before.forwards;
    c.gradients = now.gradients - before.gradients;
    c.hvps = now.hvps - before.hvps;
    return c;
}

} // namespace borehole
