#pragma once
// One grid point per launch, with less work per point than the scripted forward: a model that
// is a chain of 2-D convolutions, batch norms in evaluation mode, pooling, elementwise
// activations and Linear layers is run by core's own libtorch calls. Each batch norm that
// follows a convolution is folded into it at every point (the folded weights cost a few
// thousand multiplications; the batch norm pass over the activations they replace costs
// millions), a max-pooling that follows a ReLU runs before it (the two commute, and the ReLU
// then touches a quarter of the values), and on a CPU the activations are channels-last, the
// layout oneDNN's convolutions and pooling are fastest in; there the first convolution is one
// matrix product with its input's patches (unfolded once), max-pooling runs as elementwise maxima
// of strided views, and the rows flattened for a Linear layer stay in channels-last order (the
// layer's weight columns are permuted instead of the activations).
#include "batched_points.h"

#include <optional>
#include <string>
#include <vector>

namespace borehole {

class ConvChain
{
public:
    /// The chain of Problem p's model, or nothing with `why` saying what prevents it (no
    /// convolution, a module outside the chain's vocabulary, batch norm in training mode,
    /// a model-computed loss or a selected output, non-square images). `forGrid` false skips what
    /// only forward() needs (the first convolution's unfolded patches, channels-last rows): the
    /// exact trace reads steps() and images() only.
    static std::optional<ConvChain> make(Problem::Impl& p, std::string& why, bool forGrid = true);

    /// The model's output on the probe rows at the current parameters (no gradient). Counts no
    /// forward: the caller does, as for Problem::Impl::forward.
    torch::Tensor forward();
    /// Empty when the chain's loss equals the model's own within 1e-4 relative at θ₀ and at
    /// θ₀ + Σₖ displaced[k]·dₖ (the scripted forward() may do more than its children do, e.g.
    /// reshape the rows differently), else what differed. Leaves θ at θ₀.
    std::string check(const torch::Tensor& theta, const std::vector<torch::Tensor>& directions,
                      const std::vector<double>& displaced);
    /// What the chain does, for the report: e.g. "2 convolutions with 2 batch norms folded in,
    /// 1 max-pooling before its ReLU".
    const std::string& summary() const { return m_summary; }
    /// Rows of the probe set (or a block of them) as the [rows, C, H, W] images the chain starts from.
    torch::Tensor images(const torch::Tensor& rows) const
    {
        return rows.view({rows.size(0), m_imageChannels, m_imageSide, m_imageSide});
    }

    struct Step
    {
        enum class Op { Conv, BatchNorm, Activation, MaxPool, AvgPool, AdaptiveAvgPool, Flatten,
                        Linear };
        Op op = Op::Activation;
        BatchedPoints::Layer activation;      ///< Activation
        std::int64_t weight = -1, bias = -1;  ///< parameter indices (Conv, Linear, BatchNorm's γ, β)
        std::int64_t foldedWeight = -1;       ///< Conv: γ of the batch norm folded in, or −1
        std::int64_t foldedBias = -1;         ///< Conv: β of the batch norm folded in, or −1
        bool folded = false;                  ///< Conv: a batch norm is folded in
        torch::Tensor mean, variance;         ///< BatchNorm (or the one folded into a Conv)
        double eps = 1e-5;
        std::vector<std::int64_t> kernel, stride, padding, dilation;
        std::int64_t groups = 1;
        bool ceilMode = false, countIncludePad = true;
        std::optional<std::int64_t> divisor;
        std::int64_t startDim = 1, endDim = -1; ///< Flatten
    };

    /// The layers as the chain runs them: batch norms after a convolution folded into it, a
    /// max-pooling after a ReLU moved before it.
    const std::vector<Step>& steps() const { return m_steps; }

private:
    explicit ConvChain(Problem::Impl& p) : m_problem(&p) {}
    torch::Tensor param(std::int64_t index) const;
    torch::Tensor flattenForLinear(const torch::Tensor& h,
                                   std::vector<std::int64_t>& flattened) const;
    torch::Tensor maxPool(const torch::Tensor& h, const Step& s) const;

    Problem::Impl* m_problem;
    std::vector<Step> m_steps;
    torch::Tensor m_input; ///< the probe rows as [rows, C, H, W], channels-last on a CPU
    bool m_channelsLast = false;
    /// The first convolution's input patches, [rows × H' × W', C·kh·kw] (im2col, rows in
    /// channels-last order), when it runs as a matrix product; undefined otherwise.
    torch::Tensor m_patches;
    std::vector<std::int64_t> m_patchGrid; ///< rows, H', W' of the first convolution's output
    std::string m_summary;
    std::int64_t m_imageChannels = 0, m_imageSide = 0;
};

} // namespace borehole
