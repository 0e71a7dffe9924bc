// Exact Hessian-vector products through a retained gradient graph, in row
// blocks under a memory budget (see hvp_engine.h), and the public
// HessianOperator over it.
#include "hvp_engine.h"
#include "text.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sanitizer.h"

#ifdef BOREHOLE_SANITIZER_ALLOCATOR
// Under ASan/TSan malloc is the sanitizer's own allocator and glibc's mallinfo2 reads 0. The
// runtimes of clang and GCC both export this counter (GCC ships no header declaring it).
extern "C" std::size_t __sanitizer_get_current_allocated_bytes();
#elif defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
#include <malloc.h>
#define BOREHOLE_HAVE_MALLINFO2 1
#endif
#include <unistd.h>

namespace borehole {

std::int64_t hostHeapInUse()
{
#if defined(BOREHOLE_SANITIZER_ALLOCATOR)
    return static_cast<std::int64_t>(__sanitizer_get_current_allocated_bytes());
#elif defined(BOREHOLE_HAVE_MALLINFO2)
    const struct mallinfo2 m = mallinfo2();
    return static_cast<std::int64_t>(m.uordblks + m.hblkhd);
#else
    return -1;
#endif
}

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
/// Row counts of the two calibration graphs whose heap growth gives bytes per
/// row and the fixed part (gradients and parameter-sized saved tensors, held
/// once per block).
constexpr std::int64_t kCalibrationSmall = 32;
constexpr std::int64_t kCalibrationLarge = 128;

std::int64_t defaultBudget(const torch::Device& device)
{
    if (device.is_cuda())
        return std::int64_t(2) << 30;
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGESIZE);
    if (pages > 0 && pageSize > 0)
        return static_cast<std::int64_t>(pages) * pageSize / 4;
    return std::int64_t(1) << 30;
}

std::string bytesText(double bytes)
{
    if (!std::isfinite(bytes))
        return "unknown";
    const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    int u = 0;
    while (bytes >= 1024.0 && u < 4) {
        bytes /= 1024.0;
        ++u;
    }
    return formatNumber(std::round(bytes * 10.0) / 10.0) + " " + units[u];
}

/// Why the loss cannot be split into row blocks (empty when it can): a block's
/// graph must be the same function of θ on its rows as the whole batch's.
std::string whyNotSplittable(Problem::Impl& p)
{
    for (const auto& m : implOf(p.model).module.modules()) {
        const auto type = m.type();
        const auto qualified = type ? type->name() : c10::nullopt;
        const std::string name = qualified ? qualified->qualifiedName() : std::string();
        if (m.is_training() && name.find("BatchNorm") != std::string::npos)
            return "a BatchNorm layer in training mode normalises over the whole "
                   "batch";
    }
    if (p.options.loss == LossKind::ModelOutput) {
        torch::NoGradGuard noGrad;
        const std::int64_t rows = std::min<std::int64_t>(p.probeX.size(0), 2);
        auto out = p.forward(p.probeX.narrow(0, 0, rows));
        if (out.dim() == 0 || out.size(0) != rows)
            return "the model-computed loss has no row dimension";
    }
    return {};
}

} // namespace

HvpEngine::HvpEngine(
    Problem::Impl& problem, HvpMode mode, double fdEpsilon, const HvpGraphOptions& options)
    : m_p(problem)
    , m_mode(mode)
    , m_fdEpsilon(fdEpsilon)
{
    m_plan.rows = m_p.probeX.size(0);
    if (mode == HvpMode::FiniteDifference) {
        m_plan.strategy = "finite differences";
        m_plan.reason = "two gradients per product";
        return;
    }
    if (options.mode == HvpGraph::Recompute) {
        m_recomputeAll = true;
        m_plan.strategy = "recomputed";
        m_plan.reason = "asked for";
        return;
    }
    if (options.mode == HvpGraph::Auto && options.blockRows <= 0) {
        // A Linear chain: Pearlmutter's R-operator written per layer, no autograd graph.
        const std::int64_t budget = options.memoryBudgetBytes > 0 ? options.memoryBudgetBytes
                                                                  : defaultBudget(m_p.device());
        std::string why;
        if (m_chain = ChainHvp::make(m_p, budget, why); m_chain) {
            m_plan.strategy = "R-operator";
            m_plan.reason = m_chain->summary();
            m_plan.budgetBytes = budget;
            m_plan.blockRows = m_plan.rows;
            m_plan.blocks = 1;
            m_plan.retainedBlocks = 1;
            m_plan.bytesPerRow = m_chain->savedBytes() / std::max<double>(1.0, double(m_plan.rows));
            m_plan.fixedBytes = 0.0;
            m_plan.estimatedBytes = m_chain->savedBytes();
            m_plan.retainedBytes = m_chain->savedBytes();
            return;
        }
    }
    plan(options);
}

void HvpEngine::buildGraph(Block& block)
{
    ++m_p.counters.gradients; // a gradient evaluation, with its graph kept
    auto l = m_p.lossOf(m_p.forward(block.x), block.y);
    if (block.weight != 1.0)
        l = l * block.weight;
    auto grads = torch::autograd::grad({l}, m_p.params(), {}, /*retain_graph=*/true,
        /*create_graph=*/true, /*allow_unused=*/true);
    block.grads.clear();
    block.used.clear();
    for (std::size_t i = 0; i < grads.size(); ++i) {
        if (grads[i].defined() && grads[i].requires_grad()) {
            block.grads.push_back(grads[i]);
            block.used.push_back(i);
        }
    }
}

torch::Tensor HvpEngine::vjp(Block& block, const std::vector<torch::Tensor>& vs, bool retain)
{
    if (block.grads.empty()) // L is linear in θ on these rows: H = 0
        return torch::Tensor();
    std::vector<torch::Tensor> directions;
    directions.reserve(block.used.size());
    for (auto i : block.used)
        directions.push_back(vs[i]);
    auto hv = torch::autograd::grad(block.grads, m_p.params(), directions, retain,
        /*create_graph=*/false, /*allow_unused=*/true);
    return m_p.flatten(hv);
}

void HvpEngine::plan(const HvpGraphOptions& options)
{
    const std::int64_t rows = m_plan.rows;
    const std::int64_t budget
        = options.memoryBudgetBytes > 0 ? options.memoryBudgetBytes : defaultBudget(m_p.device());
    m_plan.budgetBytes = budget;
    m_plan.bytesPerRow = kNaN;
    m_plan.fixedBytes = kNaN;
    m_plan.estimatedBytes = kNaN;
    m_plan.retainedBytes = kNaN;
    // Graph bytes are the host heap's growth while a graph is built; device
    // memory is not seen by this measurement (CUDA: not measured).
    const bool measurable = !m_p.device().is_cuda() && hostHeapInUse() >= 0;

    auto recomputeAll = [&](const std::string& reason) {
        m_blocks.clear();
        m_recomputeAll = true;
        m_plan.strategy = "recomputed";
        m_plan.reason = reason;
    };
    // Bytes per row and the fixed part (gradients and parameter-sized saved
    // tensors, held once per block) from two calibration graphs, built and freed.
    auto calibrate = [&]() {
        auto measure = [&](std::int64_t r) {
            Block b{m_p.probeX.narrow(0, 0, r), m_p.probeY.narrow(0, 0, r), 1.0, {}, {}, false};
            const std::int64_t before = hostHeapInUse();
            buildGraph(b);
            return static_cast<double>(hostHeapInUse() - before);
        };
        const double small = measure(kCalibrationSmall);
        const double large = measure(kCalibrationLarge);
        m_plan.bytesPerRow
            = std::max(0.0, (large - small) / double(kCalibrationLarge - kCalibrationSmall));
        m_plan.fixedBytes = std::max(0.0, small - m_plan.bytesPerRow * kCalibrationSmall);
        m_plan.estimatedBytes = m_plan.fixedBytes + m_plan.bytesPerRow * double(rows);
    };

    if (options.blockRows <= 0 || options.blockRows >= rows) {
        // The whole graph is what a recomputed product builds too, so building it
        // once costs no more peak memory than v0.1 did; it is measured and kept
        // when within the budget.
        Block whole{m_p.probeX, m_p.probeY, 1.0, {}, {}, true};
        const std::int64_t before = measurable ? hostHeapInUse() : 0;
        buildGraph(whole);
        if (measurable)
            m_plan.retainedBytes = static_cast<double>(hostHeapInUse() - before);
        m_plan.estimatedBytes = m_plan.retainedBytes;
        if (!measurable || m_plan.retainedBytes <= double(budget)) {
            m_blocks.push_back(std::move(whole));
            m_plan.strategy = "reused";
            m_plan.reason = measurable ? "graph within the budget " + bytesText(double(budget))
                                       : "graph size not measured on this device";
            m_plan.blocks = 1;
            m_plan.retainedBlocks = 1;
            m_plan.blockRows = rows;
            return;
        }
        whole = Block{};
        const std::string over = "graph of " + bytesText(m_plan.retainedBytes)
            + " exceeds the budget " + bytesText(double(budget));
        const std::string unsplittable = whyNotSplittable(m_p);
        if (!unsplittable.empty()) {
            recomputeAll(over + " and " + unsplittable);
            return;
        }
        if (rows > kCalibrationLarge) {
            calibrate();
        } else {
            m_plan.bytesPerRow = m_plan.retainedBytes / double(rows);
            m_plan.fixedBytes = 0.0;
        }
        m_plan.estimatedBytes = m_plan.retainedBytes;
        m_plan.reason = over;
    } else {
        const std::string unsplittable = whyNotSplittable(m_p);
        if (!unsplittable.empty())
            throw InputError("cannot split the HVP graph into row blocks: " + unsplittable);
        if (measurable && rows > kCalibrationLarge)
            calibrate();
        m_plan.reason = "block rows asked for";
    }

    // Row blocks: one block's graph in at most half the budget (room for one
    // rebuilt block beside the retained ones), as many retained as fit, the rest
    // rebuilt per product.
    std::int64_t blockRows = options.blockRows;
    if (blockRows <= 0) {
        const double room = 0.5 * double(budget) - m_plan.fixedBytes;
        blockRows = m_plan.bytesPerRow > 0.0 ? static_cast<std::int64_t>(room / m_plan.bytesPerRow)
                                             : rows;
        if (blockRows < 1) {
            recomputeAll("one row's graph (" + bytesText(m_plan.fixedBytes + m_plan.bytesPerRow)
                + ") exceeds half the budget " + bytesText(double(budget)));
            return;
        }
    }
    blockRows = std::min(blockRows, rows);
    const std::int64_t count = (rows + blockRows - 1) / blockRows;
    const double blockBytes = std::isfinite(m_plan.bytesPerRow)
        ? m_plan.fixedBytes + m_plan.bytesPerRow * double(blockRows)
        : 0.0;
    std::int64_t retained = count;
    if (blockBytes > 0.0) {
        retained
            = std::min<std::int64_t>(count, static_cast<std::int64_t>(double(budget) / blockBytes));
        if (retained < count)
            retained = std::max<std::int64_t>(0, retained - 1);
    }
    const std::int64_t before = measurable ? hostHeapInUse() : 0;
    for (std::int64_t b = 0; b < count; ++b) {
        const std::int64_t start = b * blockRows;
        const std::int64_t n = std::min(blockRows, rows - start);
        Block block{m_p.probeX.narrow(0, start, n), m_p.probeY.narrow(0, start, n),
            double(n) / double(rows), {}, {}, false};
        if (b < retained) {
            buildGraph(block);
            block.retained = true;
        }
        m_blocks.push_back(std::move(block));
    }
    if (measurable)
        m_plan.retainedBytes = static_cast<double>(hostHeapInUse() - before);
    m_plan.strategy = "reused in blocks";
    m_plan.blockRows = blockRows;
    m_plan.blocks = static_cast<int>(count);
    m_plan.retainedBlocks = static_cast<int>(retained);
}

torch::Tensor HvpEngine::keptGradient() const
{
    if (m_chain)
        return m_chain->gradient();
    if (m_mode != HvpMode::Exact || m_recomputeAll || m_blocks.empty())
        return torch::Tensor();
    torch::Tensor sum;
    for (const auto& block : m_blocks) {
        if (!block.retained)
            return torch::Tensor();
        std::vector<torch::Tensor> grads(m_p.params().size());
        for (std::size_t k = 0; k < block.used.size(); ++k)
            grads[block.used[k]] = block.grads[k].detach();
        auto flat = m_p.flatten(grads);
        if (sum.defined())
            sum.add_(flat);
        else
            sum = std::move(flat);
    }
    return sum;
}

torch::Tensor HvpEngine::apply(const torch::Tensor& v)
{
    if (m_mode == HvpMode::FiniteDifference)
        return m_p.hvpFiniteDifference(v, m_fdEpsilon);
    if (m_recomputeAll)
        return m_p.hvpExact(v);
    if (m_chain)
        return m_chain->apply(v);
    ++m_p.counters.hvps;
    const auto vs = m_p.unflatten(v);
    torch::Tensor sum;
    for (auto& block : m_blocks) {
        const bool rebuilt = !block.retained;
        if (rebuilt)
            buildGraph(block);
        auto hv = vjp(block, vs, /*retain=*/!rebuilt);
        if (rebuilt) {
            block.grads.clear();
            block.used.clear();
        }
        if (!hv.defined())
            continue;
        if (sum.defined())
            sum.add_(hv);
        else
            sum = std::move(hv);
    }
    return sum.defined() ? sum : torch::zeros_like(v);
}

struct HessianOperator::Impl
{
    Problem::Impl& problem;
    HvpEngine engine;
};

HessianOperator::HessianOperator(Problem& problem, const HvpGraphOptions& options)
    : m_impl(std::make_unique<Impl>(
        Impl{implOf(problem), HvpEngine(implOf(problem), HvpMode::Exact, 0.0, options)}))
{ }

HessianOperator::~HessianOperator() = default;

std::vector<float> HessianOperator::apply(const std::vector<float>& v)
{
    auto& p = m_impl->problem;
    return Problem::Impl::toHost(m_impl->engine.apply(p.fromHost(v, "vector v")));
}

const HvpPlan& HessianOperator::plan() const
{
    return m_impl->engine.plan();
}

std::string toString(HvpGraph graph)
{
    return graph == HvpGraph::Recompute ? "recompute" : graph == HvpGraph::Graph ? "graph" : "auto";
}

HvpGraph parseHvpGraph(const std::string& text)
{
    const std::string t = toLower(text);
    if (t == "auto" || t == "reuse")
        return HvpGraph::Auto;
    if (t == "recompute")
        return HvpGraph::Recompute;
    if (t == "graph")
        return HvpGraph::Graph;
    throw InputError("unknown HVP graph mode '" + text + "' (expected auto, graph or recompute)");
}

} // namespace borehole
