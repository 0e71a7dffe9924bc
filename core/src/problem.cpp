#include "borehole/problem.h"

#include "borehole/error.h"
#include "borehole/device.h"
#include "internal.h"
#include "text.h"

#include <algorithm>
#include <cctype>

namespace borehole {

std::string toString(LossKind kind)
{
    switch (kind) {
    case LossKind::Mse: return "mse";
    case LossKind::Mae: return "mae";
    case LossKind::CrossEntropy: return "cross-entropy";
    case LossKind::BceWithLogits: return "bce";
    case LossKind::ModelOutput: return "output";
    }
    return "mse";
}

LossKind parseLossKind(const std::string& text)
{
    const std::string t = toLower(text);
    if (t == "mse")
        return LossKind::Mse;
    if (t == "mae" || t == "l1")
        return LossKind::Mae;
    if (t == "cross-entropy" || t == "crossentropy" || t == "ce")
        return LossKind::CrossEntropy;
    if (t == "bce" || t == "bce-with-logits")
        return LossKind::BceWithLogits;
    if (t == "output" || t == "model-output")
        return LossKind::ModelOutput;
    throw InputError("unknown loss '" + text + "' (expected mse, mae, cross-entropy, bce or output)");
}

std::string toString(Metric metric)
{
    switch (metric) {
    case Metric::Mse: return "mse";
    case Metric::Mae: return "mae";
    case Metric::Accuracy: return "accuracy";
    case Metric::Loss: return "loss";
    }
    return "mse";
}

Metric parseMetric(const std::string& text)
{
    const std::string t = toLower(text);
    if (t == "mse")
        return Metric::Mse;
    if (t == "mae")
        return Metric::Mae;
    if (t == "accuracy" || t == "acc")
        return Metric::Accuracy;
    if (t == "loss")
        return Metric::Loss;
    throw InputError("unknown metric '" + text + "' (expected mse, mae, accuracy or loss)");
}

LossKind defaultLoss(Task task)
{
    return task == Task::Classification ? LossKind::CrossEntropy : LossKind::Mse;
}

Metric defaultMetric(Task task)
{
    return task == Task::Classification ? Metric::Accuracy : Metric::Mse;
}

Metric defaultMetric(Task task, LossKind loss)
{
    return loss == LossKind::ModelOutput ? Metric::Loss : defaultMetric(task);
}

Problem::Problem(Model model, Dataset data, const ProblemOptions& options)
    : m_impl(std::make_unique<Impl>(std::move(model), std::move(data), options))
{
    m_impl->summary.threads = intraOpThreads();
}

Problem::~Problem() = default;
Problem::Problem(Problem&&) noexcept = default;
Problem& Problem::operator=(Problem&&) noexcept = default;

const ProblemSummary& Problem::summary() const
{
    return m_impl->summary;
}

const Model& Problem::model() const
{
    return m_impl->model;
}

const Dataset& Problem::data() const
{
    return m_impl->data;
}

const ProblemOptions& Problem::options() const
{
    return m_impl->options;
}

std::int64_t Problem::parameterCount() const
{
    return m_impl->numel;
}

EvaluationCounts Problem::evaluations() const
{
    const auto& c = m_impl->counters;
    return {c.forwards, c.gradients, c.hvps};
}

double Problem::loss()
{
    return m_impl->loss();
}

double Problem::validationMetric(Metric metric)
{
    const auto& d = implOf(m_impl->data);
    if (d.valX.size(0) > 0)
        return m_impl->metric(metric, d.valX, d.valY);
    return m_impl->metric(metric, d.trainX, d.trainY);
}

std::vector<float> Problem::parameters() const
{
    return Impl::toHost(m_impl->flatParameters());
}

void Problem::setParameters(const std::vector<float>& theta)
{
    m_impl->setFlat(m_impl->fromHost(theta, "parameter vector"));
}

ModelState Problem::saveState() const
{
    return m_impl->model.saveState();
}

void Problem::restoreState(const ModelState& state)
{
    m_impl->model.restoreState(state);
}

void Problem::seedGlobalRandom(std::uint64_t seed)
{
    torch::manual_seed(seed); // seeds the CUDA generators too when CUDA is present
}

} // namespace borehole
