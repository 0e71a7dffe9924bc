// Honest evaluation of the hyperparameter study (docs/study.md): on real data sets, a grid of
// 48 configurations is probed AND trained fully, so every method can be scored against the truth.
// Prints Markdown tables: rank correlations and top-k regret of each score, and the regret of the
// configuration each method finally picks at its compute (fraction of the full grid), against
// random search and successive halving at equal compute, the LR range test and the trivial
// burst-loss baseline.
// Usage: study_eval <models-dir> <examples-dir> [full-run steps = 600]
#include <borehole/error.h>
#include <borehole/lr_finder.h>
#include <borehole/meta_model.h>
#include <borehole/study_runner.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <limits>
#include <numeric>
#include <tuple>
#include <random>
#include <string>
#include <vector>

using namespace borehole;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr int kValidateEvery = 20;
constexpr int kFullRunsProbe = 5; // full runs the probe-guided methods may spend (~10 % of 48)
constexpr std::int64_t kProbeRows = 128;
constexpr std::int64_t kLeanProbeRows = 32;

struct DataSetup
{
    std::string name, csv, target;
    Task task;
    Metric metric;
    std::string metricName;
};

struct Config
{
    ConfigurationRecord record;
    double probeCost = 0.0; ///< examples-equivalent (see costOf)
    double burstCost = 0.0;
    ConfigurationRecord lean; ///< the same configuration under the lean probe budget
    double leanProbeCost = 0.0;
    double fullCost = 0.0;
    double truth = kInf; ///< final validation metric of the full run; inf when it diverged
    std::vector<std::pair<std::int64_t, double>> curve; ///< (step, validation metric)
    double seconds = 0.0;
};

/// One LR range test per group of the grid: every hyperparameter but the learning rate fixed.
struct RangeTest
{
    Hyperparameters group; ///< learningRate unused
    double suggestion = std::nan("");  ///< steepest descent of the smoothed loss
    double minimumRate = std::nan(""); ///< lowest smoothed loss
    double cost = 0.0;                 ///< examples processed by the sweep
    int steps = 0;
};

bool sameGroup(const Hyperparameters& a, const Hyperparameters& b)
{
    return a.optimizer == b.optimizer && a.momentum == b.momentum && a.weightDecay == b.weightDecay
           && a.batchSize == b.batchSize && a.samRho == b.samRho && a.initScale == b.initScale;
}

std::vector<Hyperparameters> grid()
{
    std::vector<Hyperparameters> out;
    for (double lr : {1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3})
        for (double m : {0.0, 0.9})
            for (std::int64_t b : {16, 64}) {
                Hyperparameters h;
                h.learningRate = lr;
                h.momentum = m;
                h.batchSize = b;
                out.push_back(h);
            }
    for (double lr : {1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2})
        for (double wd : {0.0, 1e-3})
            for (std::int64_t b : {16, 64}) {
                Hyperparameters h;
                h.optimizer = OptimizerKind::Adam;
                h.learningRate = lr;
                h.weightDecay = wd;
                h.batchSize = b;
                out.push_back(h);
            }
    return out;
}

/// Rank-based scores: lower truth is better everywhere here (mse, validation cross-entropy).
double truthForRanking(double t, double worst)
{
    return std::isfinite(t) ? t : worst;
}

double regret(double chosen, double best)
{
    return std::isfinite(chosen) ? (chosen - best) / std::abs(best) : kInf;
}

std::string pct(double v)
{
    if (!std::isfinite(v))
        return "diverged";
    char b[32];
    std::snprintf(b, sizeof b, "%.1f %%", 100.0 * v);
    return b;
}

std::string num(double v, const char* f = "%.3f")
{
    if (!std::isfinite(v))
        return "–";
    char b[32];
    std::snprintf(b, sizeof b, f, v);
    return b;
}

/// Best truth among the first k of `order`.
double topK(const std::vector<Config>& cs, const std::vector<std::size_t>& order, std::size_t k)
{
    double best = kInf;
    for (std::size_t i = 0; i < order.size() && i < k; ++i)
        best = std::min(best, cs[order[i]].truth);
    return best;
}

/// Indices sorted by score, higher first; NaN last.
std::vector<std::size_t> orderBy(const std::vector<double>& score)
{
    std::vector<std::size_t> o(score.size());
    std::iota(o.begin(), o.end(), 0);
    std::stable_sort(o.begin(), o.end(), [&](auto a, auto b) {
        const bool fa = std::isfinite(score[a]), fb = std::isfinite(score[b]);
        if (fa != fb)
            return fa;
        return fa && score[a] > score[b];
    });
    return o;
}

struct Evaluation
{
    std::string table1, table2;
};

Evaluation evaluate(const DataSetup& d, std::vector<Config>& cs, const std::vector<RangeTest>& tests)
{
    const std::size_t n = cs.size();
    double best = kInf, worst = -kInf, gridCost = 0.0, probeAll = 0.0, burstAll = 0.0,
           leanAll = 0.0;
    for (const auto& c : cs) {
        best = std::min(best, c.truth);
        if (std::isfinite(c.truth))
            worst = std::max(worst, c.truth);
        gridCost += c.fullCost;
        probeAll += c.probeCost + c.burstCost;
        burstAll += c.burstCost;
        leanAll += c.leanProbeCost + c.burstCost;
    }
    std::vector<double> truth(n);
    for (std::size_t i = 0; i < n; ++i)
        truth[i] = truthForRanking(cs[i].truth, worst);

    std::string t2 = "| score (" + d.name + ") | n | Spearman ρ | Kendall τ | top-1 regret | top-5 regret |\n"
                     "|---|---|---|---|---|---|\n";
    auto scoreRow = [&](const std::string& name, const std::vector<double>& score) {
        // Correlation of the score with goodness (−truth): +1 means the score ranks perfectly.
        std::vector<double> s, g;
        for (std::size_t i = 0; i < n; ++i)
            if (std::isfinite(score[i])) {
                s.push_back(score[i]);
                g.push_back(-truth[i]);
            }
        const auto order = orderBy(score);
        t2 += "| " + name + " | " + std::to_string(s.size()) + " | " + num(spearman(s, g)) + " | "
              + num(kendall(s, g)) + " | " + pct(regret(topK(cs, order, 1), best)) + " | "
              + pct(regret(topK(cs, order, 5), best)) + " |\n";
    };
    auto feature = [&](const std::string& name, double sign) {
        std::vector<double> v(n, std::nan(""));
        for (std::size_t i = 0; i < n; ++i) {
            const auto it = cs[i].record.features.find(name);
            if (cs[i].record.status == RunStatus::Done && it != cs[i].record.features.end())
                v[i] = sign * it->second;
        }
        return v;
    };

    // Trivial baseline and the proxy.
    const auto burstScore = feature("burst_final_loss", -1.0);
    std::vector<double> proxy(n);
    for (std::size_t i = 0; i < n; ++i)
        proxy[i] = proxyScore(cs[i].record);

    // Probe + meta-model active loop: `initial` full runs by proxy, then one at a time by UCB
    // until `total`; the pick is the best measured. `lean` uses the cheaper probe's features.
    MetaModelOptions mo;
    mo.epochs = 300;
    struct Loop
    {
        double chosen = kInf, cost = 0.0;
        std::vector<double> heldOut; ///< final model's goodness for configurations not trained
    };
    auto metaLoop = [&](bool lean, int initial, int total) {
        auto record = [&](std::size_t i) -> const ConfigurationRecord& {
            return lean ? cs[i].lean : cs[i].record;
        };
        std::vector<ConfigurationRecord> records;
        std::vector<double> score(n);
        for (std::size_t i = 0; i < n; ++i) {
            records.push_back(record(i));
            score[i] = proxyScore(record(i));
        }
        const auto names = metaModelInputNames(records);
        std::vector<bool> measured(n, false);
        for (auto i : orderBy(score))
            if (std::count(measured.begin(), measured.end(), true) < initial)
                measured[i] = true;
        std::vector<double> prediction(n, std::nan(""));
        auto fit = [&]() {
            std::vector<std::vector<double>> x;
            std::vector<double> y;
            for (std::size_t i = 0; i < n; ++i)
                if (record(i).status == RunStatus::Done && measured[i]) {
                    x.push_back(metaModelInput(record(i), names));
                    y.push_back(std::log(std::max(truthForRanking(cs[i].truth, worst), 1e-12)));
                }
            const auto model = MetaModel::fit(x, y, mo);
            std::vector<double> ucb(n, std::nan(""));
            for (std::size_t i = 0; i < n; ++i)
                if (record(i).status == RunStatus::Done) {
                    const auto p = model.predict({metaModelInput(record(i), names)})[0];
                    prediction[i] = -p.mean;
                    ucb[i] = -p.mean + p.std;
                }
            return ucb;
        };
        while (std::count(measured.begin(), measured.end(), true) < total) {
            const auto ucb = fit();
            for (auto i : orderBy(ucb))
                if (!measured[i] && std::isfinite(ucb[i])) {
                    measured[i] = true;
                    break;
                }
        }
        if (total >= 3)
            fit(); // final model on all outcomes
        Loop r;
        r.cost = lean ? leanAll : probeAll;
        r.heldOut.assign(n, std::nan(""));
        for (std::size_t i = 0; i < n; ++i)
            if (measured[i]) {
                r.chosen = std::min(r.chosen, cs[i].truth);
                r.cost += cs[i].fullCost;
            } else {
                r.heldOut[i] = prediction[i];
            }
        return r;
    };
    const Loop meta = metaLoop(false, 3, kFullRunsProbe);
    const double metaChosen = meta.chosen, metaCost = meta.cost;
    const auto& heldOut = meta.heldOut;

    auto pickTop = [&](const std::vector<double>& score, double probeCost,
                       int runs = kFullRunsProbe) {
        double chosen = kInf, cost = probeCost;
        const auto order = orderBy(score);
        for (std::size_t k = 0; k < order.size() && k < static_cast<std::size_t>(runs); ++k) {
            chosen = std::min(chosen, cs[order[k]].truth);
            cost += cs[order[k]].fullCost;
        }
        return std::make_pair(chosen, cost);
    };
    const auto [burstChosen, burstCost] = pickTop(burstScore, burstAll);
    const auto [proxyChosen, proxyCost] = pickTop(proxy, probeAll);

    // Random search at a compute budget: expected regret of the best of m random
    // configurations, m = budget / mean full-run cost.
    const double meanFull = gridCost / static_cast<double>(n);
    struct Random
    {
        int runs = 0;
        double regret = 0.0;
    };
    auto randomSearch = [&](double budget) {
        Random out;
        out.runs = std::max(1, static_cast<int>(std::lround(budget / meanFull)));
        std::mt19937 rng(1);
        int diverged = 0;
        const int repeats = 2000;
        for (int r = 0; r < repeats; ++r) {
            std::vector<std::size_t> idx(n);
            std::iota(idx.begin(), idx.end(), 0);
            std::shuffle(idx.begin(), idx.end(), rng);
            double b = kInf;
            for (int k = 0; k < out.runs && k < static_cast<int>(n); ++k)
                b = std::min(b, cs[idx[static_cast<std::size_t>(k)]].truth);
            if (std::isfinite(b))
                out.regret += regret(b, best);
            else
                ++diverged;
        }
        out.regret /= std::max(1, repeats - diverged);
        return out;
    };

    // Successive halving (η = 3) on the recorded validation curves, continuation cost, with the
    // largest first-rung budget whose total cost fits the budget.
    auto valueAt = [&](const Config& c, std::int64_t step) {
        double v = kInf;
        for (const auto& [s, val] : c.curve)
            if (s <= step && std::isfinite(val))
                v = val;
            else if (s <= step)
                v = kInf;
        return v;
    };
    const std::int64_t fullSteps = cs.front().curve.empty() ? 0 : cs.front().curve.back().first;
    struct Halving
    {
        double chosen = kInf, cost = 0.0;
        std::int64_t r0 = 0;
    };
    auto successiveHalving = [&](double budget) {
        Halving out;
        for (std::int64_t r0 = kValidateEvery; r0 <= fullSteps; r0 += kValidateEvery) {
            std::vector<std::size_t> alive(n);
            std::iota(alive.begin(), alive.end(), 0);
            std::int64_t r = r0, previous = 0;
            double cost = 0.0;
            while (true) {
                r = std::min(r, fullSteps);
                for (auto i : alive) // examples per step of configuration i × the new steps
                    cost += static_cast<double>(r - previous) * cs[i].fullCost
                            / static_cast<double>(fullSteps);
                std::stable_sort(alive.begin(), alive.end(), [&](auto a, auto b) {
                    return valueAt(cs[a], r) < valueAt(cs[b], r);
                });
                if (alive.size() == 1 || r == fullSteps)
                    break;
                alive.resize((alive.size() + 2) / 3);
                previous = r;
                r *= 3;
            }
            if (cost > budget)
                break;
            out.cost = cost;
            out.r0 = r0;
            out.chosen = cs[alive.front()].truth;
        }
        return out;
    };
    const auto random = randomSearch(metaCost);
    const int m = random.runs;
    const double randomRegret = random.regret;
    const auto halving = successiveHalving(metaCost);
    const double shChosen = halving.chosen, shCost = halving.cost;
    const std::int64_t shR0 = halving.r0;

    // Cheaper probing (issue 4's ≤ 10 % goal): the lean budget's features, fewer full runs, and
    // random search and successive halving at the same compute.
    const Loop lean4 = metaLoop(true, 3, 4);
    std::vector<double> leanProxy(n);
    for (std::size_t i = 0; i < n; ++i)
        leanProxy[i] = proxyScore(cs[i].lean);
    const auto [lean3Chosen, lean3Cost] = pickTop(leanProxy, leanAll, 3);
    const auto leanRandom = randomSearch(lean4.cost);
    const auto leanHalving = successiveHalving(lean4.cost);

    // LR range test: per group, the grid configuration whose lr is nearest (in log) to the
    // rule's rate gets a full run; the pick is the best of those runs. Compute: every sweep plus
    // those full runs.
    std::string rangeNote;
    auto outside = [&](double rate, const Hyperparameters& group) -> std::string {
        double lo = kInf, hi = 0.0;
        for (const auto& c : cs)
            if (sameGroup(c.record.hyper, group)) {
                lo = std::min(lo, c.record.hyper.learningRate);
                hi = std::max(hi, c.record.hyper.learningRate);
            }
        return rate < lo / 3.0 ? " (below the grid)" : rate > hi * 3.0 ? " (above the grid)" : "";
    };
    auto rangePick = [&](bool minOverTen) {
        std::vector<bool> trained(n, false);
        double cost = 0.0, chosen = kInf;
        for (const auto& t : tests) {
            cost += t.cost;
            const double rate = minOverTen ? t.minimumRate / 10.0 : t.suggestion;
            if (!std::isfinite(rate))
                continue;
            std::size_t nearest = n;
            for (std::size_t i = 0; i < n; ++i)
                if (sameGroup(cs[i].record.hyper, t.group)
                    && (nearest == n
                        || std::abs(std::log(cs[i].record.hyper.learningRate / rate))
                               < std::abs(std::log(cs[nearest].record.hyper.learningRate / rate))))
                    nearest = i;
            if (nearest == n)
                continue;
            if (!minOverTen)
                rangeNote += (rangeNote.empty() ? "" : "; ") + toString(t.group.optimizer) + " m="
                             + num(t.group.momentum, "%g") + " wd=" + num(t.group.weightDecay, "%g")
                             + " bs=" + std::to_string(t.group.batchSize) + ": "
                             + num(rate, "%.2g") + outside(rate, t.group) + " → "
                             + num(cs[nearest].record.hyper.learningRate, "%g");
            if (!trained[nearest]) {
                trained[nearest] = true;
                cost += cs[nearest].fullCost;
                chosen = std::min(chosen, cs[nearest].truth);
            }
        }
        return std::make_tuple(chosen, cost,
                               static_cast<int>(std::count(trained.begin(), trained.end(), true)));
    };
    const auto [rangeChosen, rangeCost, rangeRuns] = rangePick(false);
    const auto [rangeMinChosen, rangeMinCost, rangeMinRuns] = rangePick(true);

    std::string t1 = "| method (" + d.name + ", " + d.metricName + ") | full runs | compute / full grid | regret of the pick |\n"
                     "|---|---|---|---|\n";
    auto row1 = [&](const std::string& name, const std::string& runs, double cost, double r) {
        t1 += "| " + name + " | " + runs + " | " + pct(cost / gridCost) + " | " + pct(r) + " |\n";
    };
    row1("full grid (truth)", std::to_string(n), gridCost, 0.0);
    row1("probe all + meta-model active loop (3 by proxy, then UCB)",
         std::to_string(kFullRunsProbe), metaCost, regret(metaChosen, best));
    row1("probe all + proxy score, top " + std::to_string(kFullRunsProbe),
         std::to_string(kFullRunsProbe), proxyCost, regret(proxyChosen, best));
    row1("trivial: burst loss only, top " + std::to_string(kFullRunsProbe),
         std::to_string(kFullRunsProbe), burstCost, regret(burstChosen, best));
    row1("random search at the meta loop's compute (mean of 2000)", std::to_string(m),
         m * meanFull, randomRegret);
    row1("successive halving η=3 at ≤ the meta loop's compute (r₀ = " + std::to_string(shR0)
             + " steps)",
         "48 partial", shCost, regret(shChosen, best));
    row1("LR range test per group (" + std::to_string(tests.size())
             + "), steepest-descent rate → nearest grid lr",
         std::to_string(rangeRuns), rangeCost, regret(rangeChosen, best));
    row1("LR range test per group, min-loss rate / 10 → nearest grid lr",
         std::to_string(rangeMinRuns), rangeMinCost, regret(rangeMinChosen, best));
    row1("lean probe all + meta-model loop (3 by proxy, then 1 by UCB)", "4", lean4.cost,
         regret(lean4.chosen, best));
    row1("lean probe all + proxy score, top 3", "3", lean3Cost, regret(lean3Chosen, best));
    row1("random search at the lean loop's compute (mean of 2000)",
         std::to_string(leanRandom.runs), leanRandom.runs * meanFull, leanRandom.regret);
    if (leanHalving.r0 > 0)
        row1("successive halving η=3 at ≤ the lean loop's compute (r₀ = "
                 + std::to_string(leanHalving.r0) + " steps)",
             "48 partial", leanHalving.cost, regret(leanHalving.chosen, best));
    else // even r₀ = one validation interval for all 48 costs more
        t1 += "| successive halving η=3 at ≤ the lean loop's compute | – | no schedule fits | – |\n";
    t1 += "\nProbing all 48 costs " + pct(probeAll / gridCost) + " of the grid (the burst "
          + pct(burstAll / gridCost) + "), the lean probe " + pct(leanAll / gridCost) + ".\n";
    t1 += "\nRange-test suggestions (" + d.name + "): " + rangeNote + ".\n";

    scoreRow("meta-model prediction (held-out configs only)", heldOut);
    scoreRow("proxy score (−log burst loss − EoS penalty)", proxy);
    scoreRow("lean probe: proxy score", leanProxy);
    scoreRow("lean probe: meta-model prediction (held-out, 4 outcomes)", lean4.heldOut);
    scoreRow("trivial: −loss after the burst", burstScore);
    for (const auto& [name, sign] : std::vector<std::pair<std::string, double>>{
             {"burst_validation_metric", -1.0}, {"burst_log_loss_ratio", -1.0},
             {"gradient_norm", -1.0},           {"lambda_max", -1.0},
             {"trace", -1.0},                   {"curvature_random", -1.0},
             {"curvature_gradient", -1.0},      {"sharpness", -1.0},
             {"eos_ratio", -1.0}})
        scoreRow("−" + name, feature(name, sign));
    return {t1, t2};
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 3) {
        std::cerr << "usage: study_eval <models-dir> <examples-dir> [full-run steps]\n";
        return 2;
    }
    const std::string models = argv[1], examples = argv[2];
    const std::int64_t fullSteps = argc > 3 ? std::stoll(argv[3]) : 600;
    const std::vector<DataSetup> sets{
        {"diabetes", "diabetes/diabetes.csv", "progression", Task::Regression, Metric::Mse,
         "validation MSE, standardised target"},
        {"wine", "wine/wine.csv", "cultivar", Task::Classification, Metric::Loss,
         "validation cross-entropy"},
        {"breast_cancer", "breast_cancer/breast_cancer.csv", "benign", Task::Classification,
         Metric::Loss, "validation cross-entropy"},
    };
    ProbeBudget budget;
    budget.burstSteps = 20;
    budget.directions = 2;
    budget.eigenIterations = 6;
    budget.traceSamples = 3;
    budget.perturbations = 4;
    // The lean probe: the burst, 4 Lanczos steps and the gradient-direction curvature on 32
    // rows; no trace, random directions or perturbations.
    ProbeBudget lean = budget;
    lean.eigenIterations = 4;
    lean.traceSamples = 0;
    lean.directions = 1;
    lean.directionKinds = {DirectionKind::Gradient};
    lean.perturbations = 0;
    FullRunSpec run;
    run.steps = fullSteps;
    run.validateEvery = kValidateEvery;
    const auto start = std::chrono::steady_clock::now();
    std::string t1, t2;
    try {
        for (const auto& d : sets) {
            DatasetOptions o;
            o.targetColumns = {d.target};
            o.task = d.task;
            o.standardizeTargets = d.task == Task::Regression;
            o.device = DeviceKind::Cpu;
            auto data = Dataset::loadCsv(examples + "/" + d.csv, o);
            ProblemOptions po;
            po.loss = defaultLoss(d.task);
            po.probeRows = kProbeRows;
            Problem problem(Model::load(models + "/" + d.name + ".pt", DeviceKind::Cpu), data, po);
            const auto theta0 = problem.parameters();
            const double trainRows = static_cast<double>(data.summary().trainRows);
            const double probeRows = std::min<double>(kProbeRows, trainRows);
            std::vector<Config> cs;
            int index = 0;
            for (const auto& h : grid()) {
                Config c;
                c.record.index = index;
                c.record.id = index++;
                c.record.hyper = h;
                const auto t0 = std::chrono::steady_clock::now();
                const auto f = probeConfiguration(problem, theta0, h, budget, d.metric, 0);
                c.record.status = f.failed ? RunStatus::Failed : RunStatus::Done;
                c.record.reason = f.reason;
                c.record.features = f.values;
                const double batch = std::min<double>(static_cast<double>(h.batchSize), trainRows);
                // Examples-equivalent cost: an HVP costs about two gradients, a forward a third.
                c.burstCost = budget.burstSteps * batch;
                c.probeCost = probeRows * (static_cast<double>(f.probeCost.gradients)
                                           + 2.0 * static_cast<double>(f.probeCost.hvps)
                                           + static_cast<double>(f.probeCost.forwards) / 3.0);
                const auto r = fullTrainingRun(problem, theta0, h, run, d.metric, 0);
                c.fullCost = static_cast<double>(fullSteps) * batch;
                c.truth = r.diverged || !std::isfinite(r.finalValidationMetric) ? kInf
                                                                                 : r.finalValidationMetric;
                for (const auto& p : r.curve)
                    if (p.step % kValidateEvery == 0 && !std::isnan(p.validationMetric))
                        c.curve.emplace_back(p.step, p.validationMetric);
                if (r.diverged)
                    c.curve.emplace_back(r.steps, kInf);
                if (c.curve.empty() || c.curve.back().first != fullSteps)
                    c.curve.emplace_back(fullSteps, c.truth);
                c.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
                cs.push_back(std::move(c));
            }
            // The LR range test, fastai's defaults (100 steps, 1e-6 … 10, smoothing 0.98), once
            // per group of the grid with the group's optimizer, momentum, decay and batch size.
            std::vector<RangeTest> tests;
            for (const auto& h : grid()) {
                if (std::any_of(tests.begin(), tests.end(),
                                [&](const RangeTest& t) { return sameGroup(t.group, h); }))
                    continue;
                problem.setParameters(theta0);
                LrFinderOptions lo;
                lo.optimizer = optimizerOptions(h);
                lo.batchSize = h.batchSize;
                const auto r = findLearningRate(problem, lo);
                RangeTest t;
                t.group = h;
                t.suggestion = r.suggestion;
                t.minimumRate = r.minimumRate;
                t.steps = static_cast<int>(r.rates.size());
                const double batch = std::min<double>(static_cast<double>(h.batchSize), trainRows);
                t.cost = static_cast<double>(r.cost.gradients) * batch
                         + static_cast<double>(r.cost.forwards) * batch / 3.0;
                tests.push_back(t);
            }
            problem.setParameters(theta0);
            // The lean probe, after everything else so that the full runs above see the same
            // random streams as without it.
            ProblemOptions leanOptions = po;
            leanOptions.probeRows = kLeanProbeRows;
            Problem leanProblem(Model::load(models + "/" + d.name + ".pt", DeviceKind::Cpu), data,
                                leanOptions);
            const double leanRows = std::min<double>(kLeanProbeRows, trainRows);
            for (auto& c : cs) {
                const auto f = probeConfiguration(leanProblem, theta0, c.record.hyper, lean,
                                                  d.metric, 0);
                c.lean = c.record;
                c.lean.status = f.failed ? RunStatus::Failed : RunStatus::Done;
                c.lean.reason = f.reason;
                c.lean.features = f.values;
                c.leanProbeCost = leanRows * (static_cast<double>(f.probeCost.gradients)
                                              + 2.0 * static_cast<double>(f.probeCost.hvps)
                                              + static_cast<double>(f.probeCost.forwards) / 3.0);
            }
            const auto e = evaluate(d, cs, tests);
            t1 += e.table1 + "\n";
            t2 += e.table2 + "\n";
            std::cerr << d.name << " done after "
                      << std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()
                      << " s\n";
        }
    } catch (const std::exception& e) {
        std::cerr << "study_eval: " << e.what() << "\n";
        return 1;
    }
    std::cout << "## Picks at a compute budget\n\n" << t1 << "## Scores against the truth\n\n" << t2;
    std::cout << "Full runs: " << fullSteps << " steps, validation every " << kValidateEvery
              << "; probe: burst " << budget.burstSteps << " steps, Lanczos " << budget.eigenIterations
              << ", Hutchinson " << budget.traceSamples << ", K = " << budget.directions
              << " random + 1 gradient direction, " << budget.perturbations
              << " perturbations, on " << kProbeRows << " probe rows; lean probe: burst "
              << lean.burstSteps << " steps, Lanczos " << lean.eigenIterations
              << ", 1 gradient direction, on " << kLeanProbeRows << " probe rows. Wall time "
              << static_cast<int>(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count())
              << " s.\n";
    return 0;
}
