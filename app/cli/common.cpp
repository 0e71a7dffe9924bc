#include "common.h"

#include <borehole/device.h>
#include <borehole/files.h>
#include <borehole/report.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace borehole::cli {
namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void onInterrupt(int)
{
    g_interrupted.store(true);
}

std::string formatSeconds(double s)
{
    char buf[32];
    if (s < 60)
        std::snprintf(buf, sizeof buf, "%.0fs", s);
    else if (s < 3600)
        std::snprintf(buf, sizeof buf, "%dm%02ds", static_cast<int>(s) / 60, static_cast<int>(s) % 60);
    else
        std::snprintf(buf, sizeof buf, "%dh%02dm", static_cast<int>(s) / 3600,
                      (static_cast<int>(s) % 3600) / 60);
    return buf;
}

} // namespace

void installInterruptHandler()
{
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
}

bool interruptRequested()
{
    return g_interrupted.load();
}

void addProblemOptions(Args& args)
{
    args.addOption("model", "file.pt", "TorchScript model (torch.jit.script(m).save(path))");
    args.addOption("data", "file.csv", "CSV data set with a header row");
    args.addOption("target", "columns", "Target column(s), comma-separated (default: last column)");
    args.addOption("features", "columns",
                   "Feature columns, comma-separated (default: all but the targets)");
    args.addOption("task", "kind", "regression or classification", "regression");
    args.addOption("loss", "kind", "mse, mae, cross-entropy, bce or output (model returns its loss)",
                   "task default");
    args.addOption("val-fraction", "f", "Fraction of rows held out for validation", "0.2");
    args.addFlag("no-standardize", "Use the raw feature values");
    args.addFlag("standardize-targets", "Standardise regression targets (fit on training rows)");
    args.addOption("probe-rows", "n", "Training rows the probes evaluate L on (0 = all)", "0");
    args.addOption("batch-size", "n", "Mini-batch size for gradient samples", "128");
    args.addOption("output", "N|key",
                   "Which result of forward() is the prediction when it returns a tuple, list "
                   "or dict (e.g. (logits, features)): an index or a dict key");
    args.addOption("device", "kind", "auto, cpu or cuda", "auto");
    args.addOption("seed", "n", "Seed for the split, directions and samples", "0");
    args.addOption("delimiter", "c", "CSV delimiter", ",");
    args.addFlag("quiet", "No progress on stderr");
    // Intra-op threads (issue 12 item 6): physical cores unless given.
    args.addOption("threads", "n", "CPU threads per operation (0 = physical cores)", "0");
}

int applyThreads(const Args& args)
{
    return setIntraOpThreads(static_cast<int>(args.integer("threads", 0, 4096)));
}

DatasetOptions datasetOptions(const Args& args)
{
    DatasetOptions o;
    o.targetColumns = args.list("target");
    o.featureColumns = args.list("features");
    o.task = parseTask(args.value("task"));
    o.validationFraction = args.number("val-fraction", 0.0, 0.9);
    o.seed = args.seed("seed");
    o.standardizeFeatures = !args.flag("no-standardize");
    o.standardizeTargets = args.flag("standardize-targets");
    const std::string d = args.value("delimiter");
    if (d.size() != 1)
        throw UsageError("option '--delimiter' expects one character, got '" + d + "'");
    o.delimiter = d[0];
    o.device = parseDeviceKind(args.value("device"));
    return o;
}

ProblemOptions problemOptions(const Args& args, Task task)
{
    ProblemOptions o;
    o.loss = args.has("loss") ? parseLossKind(args.value("loss")) : defaultLoss(task);
    o.probeRows = args.integer("probe-rows", 0);
    o.batchSize = args.integer("batch-size", 0);
    o.seed = args.seed("seed");
    if (args.has("output"))
        o.output = args.value("output");
    return o;
}

Problem loadProblem(const Args& args, bool fullBatchAllowed)
{
    args.require("model");
    args.require("data");
    applyThreads(args);
    const auto dataOptions = datasetOptions(args);
    auto data = Dataset::loadCsv(args.value("data"), dataOptions);
    auto model = Model::load(args.value("model"), dataOptions.device);
    auto po = problemOptions(args, dataOptions.task);
    if (fullBatchAllowed) {
        if (po.batchSize < 0)
            throw UsageError("option '--batch-size' must be >= 0 (0 = full batch)");
        po.batchSize = std::max<std::int64_t>(po.batchSize, 1);
    }
    Problem problem(std::move(model), std::move(data), po);
    if (const auto& warning = problem.summary().featureScaleWarning; !warning.empty())
        std::cerr << "warning: " << warning << "\n";
    return problem;
}

struct ProgressPrinter::State
{
    std::string label;
    bool quiet = false;
    bool tty = false;
    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point last{};
    int lastDecile = -1;
    bool printed = false;
};

ProgressPrinter::ProgressPrinter(std::string label, bool quiet) : m_state(std::make_unique<State>())
{
    m_state->label = std::move(label);
    m_state->quiet = quiet;
    m_state->tty = isatty(fileno(stderr)) != 0;
}

ProgressPrinter::~ProgressPrinter()
{
    if (m_state->printed && m_state->tty)
        std::cerr << "\n";
}

ProgressFn ProgressPrinter::callback()
{
    State* s = m_state.get();
    return [s](int done, int total) {
        if (interruptRequested())
            return false;
        if (s->quiet || total <= 0)
            return true;
        const auto now = std::chrono::steady_clock::now();
        const double elapsed = std::chrono::duration<double>(now - s->start).count();
        const double fraction = static_cast<double>(done) / total;
        const int decile = static_cast<int>(fraction * 10);
        const bool due = s->tty ? now - s->last > std::chrono::milliseconds(250) || done == total
                                : decile != s->lastDecile;
        if (!due)
            return true;
        s->last = now;
        s->lastDecile = decile;
        std::string eta = fraction > 0.0 && done < total
                              ? " ETA " + formatSeconds(elapsed * (1.0 - fraction) / fraction)
                              : "";
        char line[160];
        std::snprintf(line, sizeof line, "[%s] %3.0f%% elapsed %s%s", s->label.c_str(),
                      100.0 * fraction, formatSeconds(elapsed).c_str(), eta.c_str());
        if (s->tty)
            std::cerr << "\r" << line << "\033[K" << std::flush;
        else
            std::cerr << line << "\n";
        s->printed = true;
        return true;
    };
}

void writeOutput(const std::string& path, const std::string& text)
{
    if (path == "-") {
        writeStandardOutput(!text.empty() && text.back() != '\n' ? text + "\n" : text);
        return;
    }
    writeFileAtomically(path, text);
}

void checkOutput(const std::string& path)
{
    if (path != "-")
        checkOutputTarget(path);
}

void checkOutputs(const Args& args, std::initializer_list<const char*> names)
{
    for (const char* name : names)
        if (args.has(name))
            checkOutput(args.value(name));
}

namespace {

std::string costText(const ProbeCost& c)
{
    std::ostringstream o;
    o << c.gradients << " gradients, " << c.forwards << " forward passes";
    if (c.hvps > 0)
        o << ", " << c.hvps << " HVPs";
    return o.str();
}

} // namespace

std::string trainingSummary(const TrainOptions& o, const TrainResult& r)
{
    std::ostringstream s;
    s << "trained " << r.steps << " steps with " << toString(o.optimizer.kind) << ": "
      << r.stopReason << "\n  train loss " << r.initialTrainLoss << " -> " << r.finalTrainLoss
      << ", validation " << toString(o.metric) << " " << r.finalValidationMetric
      << "\n  learning rate " << o.optimizer.learningRate << " -> " << r.finalLearningRate << " ("
      << r.adjustments.size() << " adjustments)\n  training: " << costText(r.trainingCost)
      << "; probes: " << costText(r.probeCost) << "\n  " << r.seconds << " s\n";
    return s.str();
}

} // namespace borehole::cli
