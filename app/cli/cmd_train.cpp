// borehole-cli train | lr-find
#include "commands.h"
#include "common.h"

#include <borehole/error.h>
#include <borehole/lr_finder.h>
#include <borehole/report.h>
#include <borehole/trainer.h>

#include <iostream>
#include <sstream>

namespace borehole::cli {
namespace {

void addOptimizerOptions(Args& a, const std::string& defaultKind)
{
    a.addOption("optimizer", "kind", "sgd, adam, adamw, sam or guided", defaultKind);
    a.addOption("momentum", "m", "SGD heavy-ball momentum μ", "0");
    a.addFlag("nesterov", "SGD with Nesterov momentum (needs --momentum > 0)");
    a.addOption("weight-decay", "wd", "L2 (sgd, adam) or decoupled (adamw) weight decay", "0");
    a.addOption("beta1", "b", "Adam β1", "0.9");
    a.addOption("beta2", "b", "Adam β2", "0.999");
    a.addOption("adam-eps", "e", "Adam ε", "1e-8");
    a.addOption("rho", "r", "SAM neighbourhood radius ρ", "0.05");
    a.addFlag("adaptive", "SAM: adaptive (ASAM) perturbation ρ·T²g/‖Tg‖, T = |θ|");
    a.addOption("sam-base", "kind", "Optimizer SAM wraps: sgd, adam or adamw", "sgd");
}

OptimizerOptions optimizerOptions(const Args& a)
{
    OptimizerOptions o;
    o.kind = parseOptimizerKind(a.value("optimizer"));
    o.momentum = a.number("momentum");
    o.nesterov = a.flag("nesterov");
    o.weightDecay = a.number("weight-decay");
    o.beta1 = a.number("beta1");
    o.beta2 = a.number("beta2");
    o.adamEpsilon = a.positive("adam-eps");
    o.samRho = a.positive("rho");
    o.samAdaptive = a.flag("adaptive");
    o.samBase = parseOptimizerKind(a.value("sam-base"));
    return o;
}

} // namespace

int runTrain(const std::vector<std::string>& argv)
{
    Args a("train", "Train the model's parameters on the data set with SGD, Adam, AdamW, SAM or "
                    "the curvature-guided learning rate (lr ≤ c·B/λmax, B = 2, or 2+2μ with momentum μ), write the run record "
                    "as JSON and the trained model as TorchScript. --batch-size 0 trains on the "
                    "full batch.");
    addProblemOptions(a);
    addOptimizerOptions(a, "sgd");
    a.addOption("lr", "rate", "Learning rate (the base rate for guided)", "0.01");
    a.addOption("guided-base", "kind", "Optimizer the guided rate drives: sgd, adam, adamw, sam",
                "sgd");
    a.addOption("guided-factor", "c", "Guided: keep lr ≤ c·2/λmax (c·(2+2μ)/λmax for sgd with "
                                      "momentum μ; docs/training.md)", "0.9");
    a.addOption("guided-scale", "s", "Guided: multiply the cap by s > 0, e.g. a meta-model score "
                                     "in (0, 1]", "1");
    a.addOption("guided-every", "n", "Guided: estimate λmax every n steps", "10");
    a.addOption("guided-iters", "n", "Guided: warm-started Lanczos steps per estimate", "5");
    a.addOption("guided-growth", "f", "Guided: most growth of lr per estimate in flat regions",
                "2");
    a.addOption("guided-hvp", "mode", "Guided: Hessian-vector products, fd or exact", "fd");
    a.addOption("guided-spike", "f", "Guided: re-estimate early when the loss exceeds f × the "
                                     "loss at the last estimate (0: off)", "2");
    a.addOption("steps", "n", "Optimizer steps (0: use --epochs)", "0");
    a.addOption("epochs", "n", "Passes over the training rows when --steps is 0", "10");
    a.addOption("validate-every", "n", "Measure the validation metric every n steps (0: at end)",
                "10");
    a.addOption("log-every", "n", "Read the loss back (and check NaN/Inf) every n steps", "1");
    a.addOption("metric", "kind", "Validation metric: mse, mae, accuracy, loss", "task default");
    a.addOption("checkpoint", "file", "Write a checkpoint here (at the end, on Ctrl-C, and every "
                                      "--checkpoint-every steps)");
    a.addOption("checkpoint-every", "n", "Checkpoint interval in steps (0: only at the end)", "0");
    a.addOption("resume", "file", "Continue from this checkpoint (same options and seed)");
    a.addOption("model-out", "file.pt", "Write the trained model as TorchScript");
    a.addOption("out", "file.json", "Write the run record as JSON ('-' for stdout)");
    if (!a.parse(argv))
        return 0;

    TrainOptions o;
    o.optimizer = optimizerOptions(a);
    o.optimizer.learningRate = a.positive("lr");
    o.optimizer.guidedBase = parseOptimizerKind(a.value("guided-base"));
    o.optimizer.guidedFactor = a.positive("guided-factor");
    o.optimizer.guidedEvery = a.count("guided-every", 1);
    o.optimizer.guidedIterations = a.count("guided-iters", 1);
    o.optimizer.guidedGrowth = a.number("guided-growth");
    o.optimizer.guidedHvp = parseHvpMode(a.value("guided-hvp"));
    o.optimizer.guidedSpikeFactor = a.number("guided-spike");
    o.optimizer.guidedScale = a.positive("guided-scale");
    o.steps = a.integer("steps", 0);
    o.epochs = a.count("epochs", 1);
    o.batchSize = a.integer("batch-size", 0);
    o.validateEvery = a.count("validate-every", 0);
    o.logEvery = a.count("log-every", 1);
    o.seed = a.seed("seed");
    o.checkpointPath = a.value("checkpoint");
    o.checkpointEvery = a.count("checkpoint-every", 0);
    o.resumePath = a.value("resume");
    checkOutputs(a, {"model-out", "out", "checkpoint"});

    auto problem = loadProblem(a, /*fullBatchAllowed=*/true);
    o.metric = a.has("metric") ? parseMetric(a.value("metric"))
                               : defaultMetric(problem.data().summary().task, problem.options().loss);
    ProgressPrinter printer("train", a.flag("quiet"));
    TrainResult r;
    try {
        r = train(problem, o, printer.callback());
    } catch (const CancelledError&) {
        if (o.checkpointPath.empty())
            throw;
        std::cerr << "borehole-cli train: cancelled; checkpoint written to " << o.checkpointPath
                  << " (continue with --resume " << o.checkpointPath << ")\n";
        return 130;
    }
    if (a.has("model-out"))
        problem.model().save(a.value("model-out"));
    if (a.has("out"))
        writeOutput(a.value("out"), trainRunJson(problem, o, r));
    if (!a.has("out") || a.value("out") != "-") {
        std::ostringstream s;
        s << trainingSummary(o, r);
        if (a.has("model-out"))
            s << "wrote " << a.value("model-out") << "\n";
        std::cout << s.str();
    }
    return r.diverged ? 1 : 0;
}

int runLrFind(const std::vector<std::string>& argv)
{
    Args a("lr-find", "LR range test (Smith; fastai's lr_find): train briefly while the rate grows "
                      "exponentially from --min-lr to --max-lr, smooth the loss, stop when it "
                      "diverges and suggest the rate of steepest descent. The model is left "
                      "unchanged. --batch-size 0 uses the full batch.");
    addProblemOptions(a);
    addOptimizerOptions(a, "sgd");
    a.addOption("min-lr", "rate", "First rate of the sweep", "1e-6");
    a.addOption("max-lr", "rate", "Last rate of the sweep", "10");
    a.addOption("steps", "n", "Steps of the sweep", "100");
    a.addOption("smoothing", "beta", "Exponential smoothing β of the loss", "0.98");
    a.addOption("diverge-factor", "f", "Stop when the smoothed loss exceeds f × its best", "4");
    a.addOption("out", "file.json", "Write rates, losses, smoothed losses and the suggestion as "
                                    "JSON ('-' for stdout)");
    if (!a.parse(argv))
        return 0;
    LrFinderOptions o;
    o.optimizer = optimizerOptions(a);
    o.minRate = a.positive("min-lr");
    o.maxRate = a.positive("max-lr");
    o.steps = a.count("steps", 1);
    o.smoothing = a.number("smoothing");
    o.divergeFactor = a.positive("diverge-factor");
    o.batchSize = a.integer("batch-size", 0);
    o.seed = a.seed("seed");
    checkOutputs(a, {"out"});
    auto problem = loadProblem(a, /*fullBatchAllowed=*/true);
    ProgressPrinter printer("lr-find", a.flag("quiet"));
    const auto r = findLearningRate(problem, o, printer.callback());
    if (a.has("out"))
        writeOutput(a.value("out"), lrFinderJson(problem, o, r));
    if (!a.has("out") || a.value("out") != "-")
        std::cout << "LR range test over " << r.rates.size() << " steps: " << r.stopReason
                  << "\n  suggested rate " << r.suggestion << " (steepest descent), lowest "
                  << "smoothed loss at " << r.minimumRate << "\n";
    return 0;
}

} // namespace borehole::cli
