// Training benchmark: SGD, Adam, SAM and the curvature-guided rate on three real data sets and
// two model sizes, several seeds each. Prints a Markdown table (docs/training.md has the results
// and the command). Models come from bench/make_train_models.py (untrained, one per seed).
//
// Usage: borehole-train-bench <models-dir> <examples-dir> [seeds=5] [steps=300]
#include <borehole/error.h>
#include <borehole/trainer.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

using namespace borehole;

namespace {

struct DataSetSpec
{
    std::string name;
    std::string target;
    Task task;
    double targetLoss; ///< "steps to reach" threshold on the full training loss
};

struct Config
{
    std::string label;
    OptimizerOptions optimizer;
};

struct Stats
{
    double mean = 0.0;
    double std = 0.0;
};

Stats stats(const std::vector<double>& v)
{
    Stats s;
    if (v.empty())
        return {std::nan(""), std::nan("")};
    for (double x : v)
        s.mean += x;
    s.mean /= static_cast<double>(v.size());
    for (double x : v)
        s.std += (x - s.mean) * (x - s.mean);
    s.std = v.size() > 1 ? std::sqrt(s.std / static_cast<double>(v.size() - 1)) : 0.0;
    return s;
}

std::vector<Config> configs()
{
    std::vector<Config> out;
    OptimizerOptions sgd;
    sgd.kind = OptimizerKind::Sgd;
    sgd.learningRate = 0.05;
    sgd.momentum = 0.9;
    out.push_back({"sgd (lr 0.05, μ 0.9)", sgd});
    OptimizerOptions adam;
    adam.kind = OptimizerKind::Adam;
    adam.learningRate = 3e-3;
    out.push_back({"adam (lr 3e-3)", adam});
    OptimizerOptions sam = sgd;
    sam.kind = OptimizerKind::Sam;
    sam.samRho = 0.05;
    out.push_back({"sam (sgd lr 0.05, μ 0.9, ρ 0.05)", sam});
    // Plain SGD at the aggressive base rate the guided rows start from, to show what the
    // curvature bound buys.
    OptimizerOptions fast;
    fast.kind = OptimizerKind::Sgd;
    fast.learningRate = 0.5;
    out.push_back({"sgd (lr 0.5, no momentum)", fast});
    OptimizerOptions guided = fast;
    guided.kind = OptimizerKind::Guided;
    guided.guidedFactor = 0.9;
    guided.guidedEvery = 10;
    guided.guidedIterations = 3;
    out.push_back({"guided (sgd, base 0.5, c 0.9)", guided});
    // With momentum μ the cap is c·(2+2μ)/λmax; c = 0.9/1.9 gives the gradient-descent cap
    // 0.9·2/λmax that guided used before it counted momentum, for comparison.
    OptimizerOptions guidedMomentum = guided;
    guidedMomentum.momentum = 0.9;
    out.push_back({"guided (sgd μ 0.9, base 0.5, c 0.9)", guidedMomentum});
    OptimizerOptions guidedMomentumGd = guidedMomentum;
    guidedMomentumGd.guidedFactor = 0.9 / 1.9;
    out.push_back({"guided (sgd μ 0.9, base 0.5, c 0.9/1.9: cap 0.9·2/λmax)", guidedMomentumGd});
    return out;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 3) {
        std::cerr << "usage: borehole-train-bench <models-dir> <examples-dir> [seeds] [steps]\n";
        return 2;
    }
    const std::string models = argv[1];
    const std::string examples = argv[2];
    const int seeds = argc > 3 ? std::stoi(argv[3]) : 5;
    const std::int64_t steps = argc > 4 ? std::stoll(argv[4]) : 300;
    const std::vector<DataSetSpec> sets{
        {"diabetes", "progression", Task::Regression, 0.5},
        {"wine", "cultivar", Task::Classification, 0.05},
        {"breast_cancer", "benign", Task::Classification, 0.1},
    };
    const auto start = std::chrono::steady_clock::now();
    std::printf("| data set | model | optimizer | validation metric (mean ± std) | final train "
                "loss | steps to target loss (reached) | wall s / run | probe gradients / run "
                "| diverged |\n|---|---|---|---|---|---|---|---|---|\n");
    try {
        for (const auto& set : sets) {
            for (const std::string size : {"small", "large"}) {
                for (const auto& config : configs()) {
                    std::vector<double> metric, loss, reach, wall, probe;
                    int diverged = 0;
                    Metric metricKind = Metric::Mse;
                    for (int seed = 0; seed < seeds; ++seed) {
                        DatasetOptions d;
                        d.targetColumns = {set.target};
                        d.task = set.task;
                        d.standardizeTargets = set.task == Task::Regression;
                        d.seed = static_cast<std::uint64_t>(seed);
                        d.device = DeviceKind::Cpu;
                        auto data = Dataset::loadCsv(examples + "/" + set.name + "/" + set.name
                                                         + ".csv",
                                                     d);
                        auto model = Model::load(models + "/" + set.name + "_" + size + "_s"
                                                     + std::to_string(seed) + ".pt",
                                                 DeviceKind::Cpu);
                        ProblemOptions po;
                        po.loss = defaultLoss(set.task);
                        po.seed = static_cast<std::uint64_t>(seed);
                        Problem problem(std::move(model), std::move(data), po);
                        TrainOptions t;
                        t.optimizer = config.optimizer;
                        t.steps = steps;
                        t.batchSize = 32;
                        t.validateEvery = 10;
                        t.metric = defaultMetric(set.task);
                        t.seed = static_cast<std::uint64_t>(seed);
                        metricKind = t.metric;
                        const auto r = train(problem, t);
                        diverged += r.diverged ? 1 : 0;
                        metric.push_back(r.finalValidationMetric);
                        loss.push_back(r.finalTrainLoss);
                        wall.push_back(r.seconds);
                        probe.push_back(static_cast<double>(r.probeCost.gradients));
                        for (const auto& p : r.curve)
                            if (!std::isnan(p.fullTrainLoss) && p.fullTrainLoss <= set.targetLoss) {
                                reach.push_back(static_cast<double>(p.step));
                                break;
                            }
                    }
                    const auto m = stats(metric), l = stats(loss), s = stats(reach),
                               w = stats(wall), pr = stats(probe);
                    char reachText[64];
                    if (reach.empty())
                        std::snprintf(reachText, sizeof reachText, "— (0/%d)", seeds);
                    else
                        std::snprintf(reachText, sizeof reachText, "%.0f ± %.0f (%zu/%d)", s.mean,
                                      s.std, reach.size(), seeds);
                    std::printf("| %s | %s | %s | %s %.4f ± %.4f | %.4f ± %.4f | %s | %.3f | %.0f "
                                "| %d/%d |\n",
                                set.name.c_str(), size.c_str(), config.label.c_str(),
                                toString(metricKind).c_str(), m.mean, m.std, l.mean, l.std,
                                reachText, w.mean, pr.mean, diverged, seeds);
                    std::fflush(stdout);
                }
            }
        }
    } catch (const std::exception& e) {
        std::cerr << "borehole-train-bench: " << e.what() << "\n";
        return 1;
    }
    std::printf("\nTarget losses (full training set, eval mode): diabetes 0.5 (standardised "
                "MSE), wine 0.05 and breast_cancer 0.1 (cross-entropy); %lld steps, batch 32, "
                "%d seeds; total %.1f s\n",
                static_cast<long long>(steps), seeds,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    return 0;
}
