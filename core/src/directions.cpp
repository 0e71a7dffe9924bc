// Directions for landscapes: random with filter normalisation (Li et al. 2018) and PCA of a
// parameter trajectory.
#include "borehole/landscape.h"

#include "internal.h"
#include "text.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace borehole {
namespace {

/// A parameter viewed as rows that are normalised together: one row per filter for ≥2-D
/// parameters under filter normalisation, a single row otherwise.
torch::Tensor asRows(const torch::Tensor& t, bool filterRows)
{
    if (filterRows && t.dim() >= 2)
        return t.reshape({t.size(0), -1});
    return t.reshape({1, -1});
}

} // namespace

std::vector<std::vector<float>> randomDirections(Problem& problem, const DirectionOptions& options,
                                                 int count)
{
    if (count < 1)
        throw InputError("direction count must be at least 1");
    auto& p = implOf(problem);
    torch::NoGradGuard noGrad;
    // θ is read through the live parameters, not a flat copy; on the CPU each direction is
    // drawn straight into the vector returned, so making k directions holds k parameter
    // copies above the model (k on the device + k on the host elsewhere).
    std::vector<torch::Tensor> thetaParts;
    for (const auto& param : p.params())
        thetaParts.push_back(param.detach());
    const bool onHost = p.device().is_cpu();
    auto gen = makeGenerator(deriveSeed(options.seed, 41));
    std::vector<std::vector<float>> out(static_cast<std::size_t>(count));
    std::vector<torch::Tensor> made;
    for (int k = 0; k < count; ++k) {
        torch::Tensor d;
        if (onHost) {
            auto& host = out[static_cast<std::size_t>(k)];
            host.resize(static_cast<std::size_t>(p.numel));
            d = torch::from_blob(host.data(), {p.numel}, torch::kFloat32);
            d.normal_(0.0, 1.0, gen); // the same draws as torch::randn with this generator
        } else {
            d = torch::randn({p.numel}, gen, torch::kFloat32).to(p.device());
        }
        auto parts = p.unflatten(d);
        for (std::size_t i = 0; i < parts.size(); ++i) {
            const bool oneD = thetaParts[i].dim() <= 1;
            if (oneD && !options.keepBiases) {
                parts[i].zero_();
                continue;
            }
            if (!options.filterNormalize)
                continue;
            auto rows = asRows(parts[i], true);
            if (options.orthogonalize) {
                // Filter by filter Gram–Schmidt against the earlier directions: the filters
                // stay normalisable and the directions become orthogonal overall. Rows with a
                // single element cannot be both, and keep their random value.
                for (const auto& prev : made) {
                    auto prevRows = asRows(p.unflatten(prev)[i], true);
                    if (rows.size(1) < 2)
                        break;
                    auto coeff = (rows * prevRows).sum(1, true)
                                 / (prevRows * prevRows).sum(1, true).clamp_min(1e-30);
                    rows.sub_(coeff * prevRows);
                }
            }
            auto thetaRows = asRows(thetaParts[i], true);
            rows.mul_(thetaRows.norm(2, {1}, true) / rows.norm(2, {1}, true).clamp_min(1e-30));
        }
        if (!options.filterNormalize) {
            if (options.orthogonalize) {
                for (const auto& prev : made)
                    d.sub_(torch::dot(d, prev) / torch::dot(prev, prev).clamp_min(1e-30) * prev);
            }
            // Scale to ‖θ‖ over the parameters the direction moves (the parts not zeroed
            // above; a normal draw is never exactly 0), part by part with no flat θ.
            double squared = 0.0;
            for (std::size_t i = 0; i < parts.size(); ++i)
                if (thetaParts[i].dim() > 1 || options.keepBiases)
                    squared += std::pow(thetaParts[i].norm().item<double>(), 2);
            d.mul_(std::sqrt(squared) / d.norm().clamp_min(1e-30).item<double>());
        }
        made.push_back(d);
    }
    if (!onHost) {
        for (std::size_t k = 0; k < made.size(); ++k)
            out[k] = Problem::Impl::toHost(made[k]);
    }
    return out;
}

PcaDirections pcaDirections(const std::vector<std::vector<float>>& snapshots,
                            const std::vector<float>& center, int components)
{
    if (snapshots.size() < 2)
        throw InputError("PCA directions need at least 2 parameter snapshots, got "
                         + std::to_string(snapshots.size()));
    if (components < 1)
        throw InputError("PCA needs at least one component");
    const auto n = static_cast<std::int64_t>(center.size());
    auto m = torch::empty({static_cast<std::int64_t>(snapshots.size()), n}, torch::kFloat64);
    auto c = torch::from_blob(const_cast<float*>(center.data()), {n}, torch::kFloat32)
                 .to(torch::kFloat64);
    for (std::size_t i = 0; i < snapshots.size(); ++i) {
        if (static_cast<std::int64_t>(snapshots[i].size()) != n)
            throw InputError("parameter snapshot " + std::to_string(i) + " has "
                             + std::to_string(snapshots[i].size()) + " values, expected "
                             + std::to_string(n));
        auto s = torch::from_blob(const_cast<float*>(snapshots[i].data()), {n}, torch::kFloat32)
                     .to(torch::kFloat64);
        m[static_cast<std::int64_t>(i)].copy_(s - c);
    }
    m = m - m.mean(0, true);
    auto gram = torch::matmul(m, m.t());
    auto eig = at::linalg_eigh(gram, "L");
    auto values = std::get<0>(eig).flip(0).clamp_min(0.0);
    auto vectors = std::get<1>(eig).flip(1);
    const double total = values.sum().item<double>();
    if (!(total > 0.0))
        throw InputError("the parameter snapshots do not vary; PCA directions are undefined");
    PcaDirections out;
    const int k = std::min<int>(components, static_cast<int>(snapshots.size()) - 1);
    for (int i = 0; i < k; ++i) {
        const double lambda = values[i].item<double>();
        out.explainedVariance.push_back(lambda / total);
        out.singularValues.push_back(std::sqrt(lambda));
        torch::Tensor dir;
        if (lambda > 1e-300) {
            dir = torch::matmul(m.t(), vectors.select(1, i));
            dir = dir / dir.norm();
        } else {
            dir = torch::zeros({n}, torch::kFloat64);
        }
        out.directions.push_back(Problem::Impl::toHost(dir));
    }
    return out;
}

std::string toString(CurvatureMode mode)
{
    switch (mode) {
    case CurvatureMode::None: return "none";
    case CurvatureMode::Grid: return "grid";
    case CurvatureMode::Hvp: return "hvp";
    }
    return "none";
}

CurvatureMode parseCurvatureMode(const std::string& text)
{
    const std::string t = toLower(text);
    if (t == "none")
        return CurvatureMode::None;
    if (t == "grid")
        return CurvatureMode::Grid;
    if (t == "hvp")
        return CurvatureMode::Hvp;
    throw InputError("unknown curvature mode '" + text + "' (expected none, grid or hvp)");
}

} // namespace borehole
