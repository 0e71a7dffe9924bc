#pragma once
// Exact Hessian-vector products at one fixed θ through a retained gradient
// graph (private to core). PyHessian's scheme: ∇L is computed once with
// create_graph, and every product is then one vector-Jacobian product through
// that graph (retain_graph), instead of forward + double backward per product.
// When the retained graph would not fit the memory budget, the rows are split
// into blocks: as many block graphs as fit are retained, the others are rebuilt
// per product one at a time; when no block fits, every product is recomputed on
// all rows.
#include "batched_points.h"
#include "internal.h"

#include <memory>
#include <string>
#include <vector>

namespace borehole {

class HvpEngine
{
public:
    /// Plans (and, for reuse, builds) the graphs at the current θ. θ must not
    /// change while the engine is used; probes that move θ (finite differences)
    /// restore it before the next product. FD mode keeps no graph.
    HvpEngine(
        Problem::Impl& problem, HvpMode mode, double fdEpsilon, const HvpGraphOptions& options);
    /// H·v (flat, on the device). Counts one HVP (or two gradients in FD mode).
    torch::Tensor apply(const torch::Tensor& v);
    const HvpPlan& plan() const { return m_plan; }
    /// ∇L at θ (flat, detached) when every block's gradient graph is kept between products (so
    /// it was computed anyway); undefined otherwise (recomputed graphs, FD mode).
    torch::Tensor keptGradient() const;

private:
    struct Block
    {
        torch::Tensor x;
        torch::Tensor y;
        double weight = 1.0; ///< rows of the block / all rows (mean losses)
        std::vector<torch::Tensor> grads; ///< ∇(weight·L_block) with its graph; empty: rebuild
        std::vector<std::size_t> used; ///< parameter indices whose gradient has a graph
        bool retained = false; ///< graph kept between products
    };
    void buildGraph(Block& block);
    torch::Tensor vjp(Block& block, const std::vector<torch::Tensor>& vs, bool retain);
    void plan(const HvpGraphOptions& options);

    Problem::Impl& m_p;
    HvpMode m_mode;
    double m_fdEpsilon;
    HvpPlan m_plan;
    std::vector<Block> m_blocks;
    bool m_recomputeAll = false;
    std::unique_ptr<ChainHvp> m_chain; ///< a Linear chain's R-operator (HvpGraph::Auto)
};

/// Bytes currently allocated on the host heap (glibc's mallinfo2: in-use arena
/// chunks plus mmapped blocks; the sanitizer allocator's count under ASan/TSan,
/// where mallinfo2 reads 0), or -1 where it cannot be read. libtorch's CPU
/// tensors come from malloc.
std::int64_t hostHeapInUse();

} // namespace borehole
