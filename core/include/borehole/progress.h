#pragma once
// Progress reporting for long core operations. A callback receives (done, total) after each unit
// of work and returns false to ask the operation to stop; the operation then throws
// borehole::CancelledError at the next safe point, leaving the model parameters unchanged.
#include <functional>

namespace borehole {

using ProgressFn = std::function<bool(int done, int total)>;

/// Maps the progress of one step of a larger job onto the job's overall (done, total) scale.
/// Step i of n with its own (d, t) reports i*scale + d*scale/t of n*scale.
class ProgressScope
{
public:
    ProgressScope(const ProgressFn& parent, int stepIndex, int stepCount, int scale = 1000)
        : m_parent(parent), m_step(stepIndex), m_count(stepCount), m_scale(scale)
    {
    }

    /// A callback for the step, forwarding to the parent with the mapped numbers.
    ProgressFn callback() const
    {
        if (!m_parent)
            return {};
        return [p = m_parent, step = m_step, count = m_count, scale = m_scale](int d, int t) {
            const int within = t > 0 ? static_cast<int>(static_cast<long long>(d) * scale / t) : 0;
            return p(step * scale + within, count * scale);
        };
    }

private:
    ProgressFn m_parent;
    int m_step;
    int m_count;
    int m_scale;
};

} // namespace borehole
