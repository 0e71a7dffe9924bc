// Samplers of a study's configuration space: full grid, Latin hypercube, Sobol and uniform
// random. Random draws use splitmix64 and our own shuffle (not std:: distributions, whose
// output differs between standard libraries) so a seed gives the same study everywhere.
#include "borehole/error.h"
#include "borehole/study.h"

#include <array>
#include <cmath>
#include <cstdint>

namespace borehole {
namespace {

class SplitMix
{
public:
    explicit SplitMix(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    /// Uniform in [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    /// Uniform integer in [0, n).
    std::uint64_t below(std::uint64_t n) { return static_cast<std::uint64_t>(uniform() * n); }

private:
    std::uint64_t m_state;
};

/// Joe & Kuo (2008) "new-joe-kuo-6.21201" direction numbers for dimensions 2..10 (dimension 1
/// is the van der Corput sequence): degree s, polynomial coefficients a, initial m_1..m_s.
struct SobolDirection
{
    int s;
    unsigned a;
    std::array<unsigned, 5> m;
};
constexpr std::array<SobolDirection, 9> kJoeKuo{{
    {1, 0, {1}},
    {2, 1, {1, 3}},
    {3, 1, {1, 3, 1}},
    {3, 2, {1, 1, 1}},
    {4, 1, {1, 1, 3, 3}},
    {4, 4, {1, 3, 5, 13}},
    {5, 2, {1, 1, 5, 5, 17}},
    {5, 4, {1, 1, 5, 5, 5}},
    {5, 7, {1, 1, 7, 11, 19}},
}};
constexpr int kSobolBits = 32;

std::array<std::uint32_t, kSobolBits + 1> directionNumbers(int dim)
{
    std::array<std::uint32_t, kSobolBits + 1> v{};
    if (dim == 0) {
        for (int i = 1; i <= kSobolBits; ++i)
            v[i] = 1u << (kSobolBits - i);
        return v;
    }
    const SobolDirection& d = kJoeKuo[static_cast<std::size_t>(dim - 1)];
    for (int i = 1; i <= kSobolBits; ++i) {
        if (i <= d.s) {
            v[i] = d.m[static_cast<std::size_t>(i - 1)] << (kSobolBits - i);
        } else {
            v[i] = v[i - d.s] ^ (v[i - d.s] >> d.s);
            for (int k = 1; k < d.s; ++k)
                v[i] ^= ((d.a >> (d.s - 1 - k)) & 1u) * v[i - k];
        }
    }
    return v;
}

Hyperparameters resolve(const StudySpec& spec, const std::vector<double>& activeValues)
{
    Hyperparameters h;
    std::size_t next = 0;
    for (const auto& p : spec.parameters) {
        const double v = p.active() ? activeValues[next++] : p.values.front();
        if (p.name == "learning_rate")
            h.learningRate = v;
        else if (p.name == "weight_decay")
            h.weightDecay = v;
        else if (p.name == "momentum")
            h.momentum = v;
        else if (p.name == "batch_size")
            h.batchSize = static_cast<std::int64_t>(std::llround(v));
        else if (p.name == "sam_rho")
            h.samRho = v;
        else if (p.name == "init_scale")
            h.initScale = v;
        else if (p.name == "optimizer") {
            const auto i = static_cast<std::size_t>(std::lround(v));
            const std::string& label = p.labels.at(i);
            h.optimizer = label == "adam"    ? OptimizerKind::Adam
                          : label == "adamw" ? OptimizerKind::AdamW
                                             : OptimizerKind::Sgd;
        }
    }
    return h;
}

} // namespace

int sobolMaxDimensions()
{
    return static_cast<int>(kJoeKuo.size()) + 1;
}

std::vector<std::vector<double>> sobolPoints(int count, int dims, std::uint64_t seed)
{
    if (dims < 1 || dims > sobolMaxDimensions())
        throw InputError("Sobol points need 1 to " + std::to_string(sobolMaxDimensions())
                         + " dimensions, got " + std::to_string(dims));
    std::vector<std::array<std::uint32_t, kSobolBits + 1>> v;
    std::vector<std::uint32_t> shift(static_cast<std::size_t>(dims), 0u);
    SplitMix rng(seed);
    for (int d = 0; d < dims; ++d) {
        v.push_back(directionNumbers(d));
        if (seed != 0)
            shift[static_cast<std::size_t>(d)] = static_cast<std::uint32_t>(rng.next() >> 32);
    }
    std::vector<std::vector<double>> out;
    std::vector<std::uint32_t> x(static_cast<std::size_t>(dims), 0u);
    for (int i = 0; i < count; ++i) {
        if (i > 0) {
            // Gray-code order: flip the direction number of the lowest zero bit of i − 1.
            unsigned c = 1;
            for (auto value = static_cast<unsigned>(i - 1); value & 1u; value >>= 1)
                ++c;
            for (int d = 0; d < dims; ++d)
                x[static_cast<std::size_t>(d)] ^= v[static_cast<std::size_t>(d)][c];
        }
        std::vector<double> point(static_cast<std::size_t>(dims));
        for (int d = 0; d < dims; ++d)
            point[static_cast<std::size_t>(d)] =
                static_cast<double>(x[static_cast<std::size_t>(d)] ^ shift[static_cast<std::size_t>(d)])
                * 0x1.0p-32;
        out.push_back(std::move(point));
    }
    return out;
}

std::vector<std::vector<double>> latinHypercube(int count, int dims, std::uint64_t seed)
{
    std::vector<std::vector<double>> out(static_cast<std::size_t>(count),
                                         std::vector<double>(static_cast<std::size_t>(dims)));
    SplitMix rng(seed ^ 0x4C48535F53454544ull);
    for (int d = 0; d < dims; ++d) {
        std::vector<int> strata(static_cast<std::size_t>(count));
        for (int i = 0; i < count; ++i)
            strata[static_cast<std::size_t>(i)] = i;
        for (int i = count - 1; i > 0; --i) // Fisher–Yates
            std::swap(strata[static_cast<std::size_t>(i)],
                      strata[static_cast<std::size_t>(rng.below(static_cast<std::uint64_t>(i) + 1))]);
        for (int i = 0; i < count; ++i)
            out[static_cast<std::size_t>(i)][static_cast<std::size_t>(d)] =
                (strata[static_cast<std::size_t>(i)] + rng.uniform()) / count;
    }
    return out;
}

std::vector<std::vector<double>> randomPoints(int count, int dims, std::uint64_t seed)
{
    SplitMix rng(seed ^ 0x52414E444F4D5F5Full);
    std::vector<std::vector<double>> out(static_cast<std::size_t>(count),
                                         std::vector<double>(static_cast<std::size_t>(dims)));
    for (auto& p : out)
        for (auto& u : p)
            u = rng.uniform();
    return out;
}

std::vector<Configuration> sampleConfigurations(const StudySpec& spec)
{
    const auto active = spec.activeParameters();
    const int dims = static_cast<int>(active.size());
    // parseStudySpec refuses larger specs; a spec built in code gets the same refusal here
    // rather than an allocation the kernel kills.
    const std::uint64_t count = configurationCount(spec);
    if (count > static_cast<std::uint64_t>(kMaxStudyConfigurations))
        throw InputError("the study has " + std::to_string(count)
                         + " configurations, more than the limit of "
                         + std::to_string(kMaxStudyConfigurations));
    std::vector<Configuration> out;
    if (spec.sampler.kind == SamplerKind::Grid) {
        std::vector<std::vector<double>> axes;
        std::size_t total = 1;
        for (const auto* p : active) {
            axes.push_back(p->gridValues());
            total *= axes.back().size();
        }
        std::vector<std::size_t> index(axes.size(), 0);
        for (std::size_t n = 0; n < total; ++n) {
            Configuration c;
            c.index = static_cast<int>(n);
            std::vector<double> values;
            for (std::size_t d = 0; d < axes.size(); ++d) {
                const std::size_t levels = axes[d].size();
                values.push_back(axes[d][index[d]]);
                c.unit.push_back(levels > 1 ? static_cast<double>(index[d]) / (levels - 1) : 0.0);
            }
            c.hyper = resolve(spec, values);
            out.push_back(std::move(c));
            for (std::size_t d = axes.size(); d-- > 0;) { // last dimension fastest
                if (++index[d] < axes[d].size())
                    break;
                index[d] = 0;
            }
        }
        return out;
    }
    std::vector<std::vector<double>> points;
    switch (spec.sampler.kind) {
    case SamplerKind::LatinHypercube:
        points = latinHypercube(spec.sampler.count, dims, spec.sampler.seed);
        break;
    case SamplerKind::Sobol: points = sobolPoints(spec.sampler.count, dims, spec.sampler.seed); break;
    default: points = randomPoints(spec.sampler.count, dims, spec.sampler.seed); break;
    }
    for (std::size_t n = 0; n < points.size(); ++n) {
        Configuration c;
        c.index = static_cast<int>(n);
        c.unit = points[n];
        std::vector<double> values;
        for (int d = 0; d < dims; ++d)
            values.push_back(active[static_cast<std::size_t>(d)]->fromUnit(points[n][static_cast<std::size_t>(d)]));
        c.hyper = resolve(spec, values);
        out.push_back(std::move(c));
    }
    return out;
}

} // namespace borehole
