// Times Borehole's probe kernels on a model and data set and writes what each cost as JSON.
// bench/run drives it next to the Python twins and prints the ratios.
#include <borehole/device.h>
#include <borehole/error.h>
#include <borehole/landscape.h>
#include <borehole/report.h>
#include <borehole/study.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <random>
#include <string>

using namespace borehole;

namespace {

struct Args
{
    std::string model, data, out = "bench.json", device = "auto", kernels = "all";
    std::string task = "regression"; ///< classification: cross-entropy on the last column
    bool standardizeTargets = false;
    int threads = 0; ///< intra-op threads; 0: physical cores (setIntraOpThreads)
    int grid = 51;
    int repeats = 5;
    double tol = 1e-3;
    int traceSeeds = 3;
    int iterations = 6; ///< memory: Lanczos iterations
    double pointBatchMiB = 0.0; ///< 0: the device's default (SurfaceOptions::pointBatchBytes)
    bool glibcTrim = false; ///< --glibc-trim: glibc's malloc defaults (no keepFreedHostMemory)
};

Args parse(int argc, char** argv)
{
    Args a;
    for (int i = 1; i < argc; ++i) {
        const std::string k = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc)
                throw InputError("option " + k + " needs a value");
            return argv[++i];
        };
        if (k == "--model") a.model = next();
        else if (k == "--data") a.data = next();
        else if (k == "--out") a.out = next();
        else if (k == "--device") a.device = next();
        else if (k == "--kernels") a.kernels = next();
        else if (k == "--grid") a.grid = std::stoi(next());
        else if (k == "--repeats") a.repeats = std::stoi(next());
        else if (k == "--tol") a.tol = std::stod(next());
        else if (k == "--trace-seeds") a.traceSeeds = std::stoi(next());
        else if (k == "--iterations") a.iterations = std::stoi(next());
        else if (k == "--point-batch-mib") a.pointBatchMiB = std::stod(next());
        else if (k == "--task") a.task = next();
        else if (k == "--standardize-targets") a.standardizeTargets = true;
        else if (k == "--threads") a.threads = std::stoi(next());
        else if (k == "--glibc-trim") a.glibcTrim = true;
        else throw InputError("unknown option " + k);
    }
    if (a.model.empty() || a.data.empty())
        throw InputError("usage: borehole-bench --model M --data D [--out f.json] [--device d] "
                         "[--grid 51] [--kernels all|gradient,hvp,eigen,trace,surface,batching,"
                         "sampling,study|memory] [--tol 1e-3] [--iterations 6] [--point-batch-mib 0] "
                         "[--task regression|classification] [--standardize-targets] "
                         "[--threads 0] [--glibc-trim]");
    return a;
}

bool named(const Args& a, const std::string& k)
{
    return ("," + a.kernels + ",").find("," + k + ",") != std::string::npos;
}

bool wants(const Args& a, const std::string& k)
{
    return a.kernels == "all" || named(a, k);
}

/// A value of /proc/self/status in MiB (VmRSS now, VmHWM peak); 0 where /proc is missing.
double statusMiB(const char* key)
{
    std::FILE* f = std::fopen("/proc/self/status", "r");
    if (!f)
        return 0.0;
    char line[256];
    double kib = 0.0;
    const std::string format = std::string(key) + ": %lf kB";
    while (std::fgets(line, sizeof line, f))
        if (std::sscanf(line, format.c_str(), &kib) == 1)
            break;
    std::fclose(f);
    return kib / 1024.0;
}

/// Resets the peak resident set size (VmHWM) to the current one (Linux ≥ 4.0), so that each
/// kernel's own peak can be measured in one process. Returns false where that is not possible.
bool resetPeakRss()
{
    std::FILE* f = std::fopen("/proc/self/clear_refs", "w");
    if (!f)
        return false;
    const bool ok = std::fputs("5", f) >= 0;
    return std::fclose(f) == 0 && ok;
}

/// Peak resident set size of this process so far (VmHWM), in MiB; 0 where /proc is missing.
double peakRssMiB()
{
    std::FILE* f = std::fopen("/proc/self/status", "r");
    if (!f)
        return 0.0;
    char line[256];
    double kib = 0.0;
    while (std::fgets(line, sizeof line, f))
        if (std::sscanf(line, "VmHWM: %lf kB", &kib) == 1)
            break;
    std::fclose(f);
    return kib / 1024.0;
}

nlohmann::json costJson(const ProbeCost& c)
{
    return {{"forwards", c.forwards}, {"gradients", c.gradients}, {"hvps", c.hvps},
            {"seconds", c.seconds}, {"peakRssMiB", peakRssMiB()}};
}

double relErr(double v, double ref)
{
    return std::abs(v - ref) / std::max(std::abs(ref), 1e-30);
}

void line(const std::string& name, const ProbeCost& c, double value, double err = NAN)
{
    std::printf("borehole %-16s %9.4f s  value %-12.6g rel.err %-9.2e fwd %lld grad %lld hvp %lld\n",
                name.c_str(), c.seconds, value, err, static_cast<long long>(c.forwards),
                static_cast<long long>(c.gradients), static_cast<long long>(c.hvps));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv)
{
    try {
        const Args a = parse(argc, argv);
        setIntraOpThreads(a.threads);
        const bool keptMemory = !a.glibcTrim && keepFreedHostMemory();
        DatasetOptions d;
        d.validationFraction = 0.0;
        d.device = parseDeviceKind(a.device);
        d.task = parseTask(a.task);
        d.standardizeTargets = a.standardizeTargets;
        auto data = Dataset::loadCsv(a.data, d);
        auto model = Model::load(a.model, d.device);
        ProblemOptions po;
        po.loss = defaultLoss(d.task);
        Problem p(model, data, po);
        nlohmann::json out;
        out["device"] = p.summary().device;
        out["threads"] = p.summary().threads;
        out["loss"] = p.summary().loss;
        out["torch"] = torchBuildInfo();
        out["freedHostMemoryKept"] = keptMemory;
        out["parameters"] = p.parameterCount();
        out["rows"] = p.summary().probeRows;
        out["peakRssAfterLoadMiB"] = peakRssMiB();
        std::int64_t macs = 0; // multiply-adds of one row's forward pass through 2-D weights
        for (const auto& info : model.summary().parameters)
            if (info.shape.size() == 2)
                macs += info.count;
        out["forwardFlops"] = 2.0 * static_cast<double>(macs) * p.summary().probeRows;
        auto& k = out["kernels"];
        std::printf("%s, %lld parameters, %lld rows, device %s, freed host memory %s\n",
                    torchBuildInfo().c_str(), static_cast<long long>(p.parameterCount()),
                    static_cast<long long>(p.summary().probeRows), p.summary().device.c_str(),
                    keptMemory ? "kept (keepFreedHostMemory)" : "returned (glibc's defaults)");

        if (wants(a, "gradient")) {
            lossAndGradient(p);
            lossAndGradient(p); // warm-up: the TorchScript executor profiles the first runs
            ProbeCost total;
            for (int i = 0; i < a.repeats; ++i)
                total += lossAndGradient(p).cost;
            ProbeCost one = total;
            one.seconds /= a.repeats;
            one.gradients = 1;
            line("gradient", one, 0.0);
            k["gradient"] = costJson(one);
        }
        std::mt19937 rng(1);
        std::normal_distribution<float> normal;
        std::vector<float> v(static_cast<std::size_t>(p.parameterCount()));
        for (auto& x : v)
            x = normal(rng);
        if (wants(a, "hvp")) {
            for (auto mode : {HvpMode::Exact, HvpMode::FiniteDifference}) {
                ProbeCost c;
                hessianVectorProduct(p, v, mode, 1e-3, &c); // warm-up
                ProbeCost total;
                for (int i = 0; i < a.repeats; ++i) {
                    hessianVectorProduct(p, v, mode, 1e-3, &c);
                    total += c;
                }
                total.seconds /= a.repeats;
                total.forwards /= a.repeats;
                total.gradients /= a.repeats;
                total.hvps /= a.repeats;
                const std::string name = mode == HvpMode::Exact ? "hvp-exact" : "hvp-fd";
                line(name, total, 0.0);
                k[name] = costJson(total);
            }
        }
        if (wants(a, "eigen")) {
            EigenOptions ref;
            ref.relativeTolerance = 1e-7;
            ref.maxIterations = 150;
            const auto r = topEigenvalueLanczos(p, ref);
            line("eigen-reference", r.cost, r.value);
            k["eigen-reference"] = costJson(r.cost);
            k["eigen-reference"]["value"] = r.value;
            EigenOptions o;
            o.relativeTolerance = a.tol;
            o.maxIterations = 100;
            for (auto [name, method, hvp] :
                 {std::tuple{"power", 0, HvpMode::Exact}, std::tuple{"lanczos", 1, HvpMode::Exact},
                  std::tuple{"lanczos-fd", 1, HvpMode::FiniteDifference},
                  std::tuple{"lanczos-two-pass", 2, HvpMode::Exact}}) {
                o.hvp = hvp;
                o.basis = method == 2 ? LanczosBasis::TwoPass : LanczosBasis::Stored;
                const auto e = method == 0 ? topEigenvaluePower(p, o) : topEigenvalueLanczos(p, o);
                line(name, e.cost, e.value, relErr(e.value, r.value));
                k[name] = costJson(e.cost);
                k[name]["value"] = e.value;
                k[name]["relativeError"] = relErr(e.value, r.value);
            }
        }
        if (wants(a, "trace")) {
            TraceOptions ref;
            ref.structural = false; // sampled, independent of the Gauss–Newton identity
            ref.estimator = TraceEstimator::HutchPlusPlus;
            ref.sketchSize = 40;
            ref.relativeTolerance = 5e-3;
            ref.maxSamples = 200;
            const auto r = hutchinsonTrace(p, ref);
            line("trace-reference", r.cost, r.estimate, r.standardError / r.estimate);
            k["trace-reference"] = costJson(r.cost);
            k["trace-reference"]["value"] = r.estimate;
            k["trace-reference"]["standardError"] = r.standardError;
            {
                // Piecewise-linear chains: exact, from per-row gradient norms (no HVP); other
                // models fall back to the default estimator (the row says which ran).
                const auto t = hutchinsonTrace(p, TraceOptions{});
                line("trace-default", t.cost, t.estimate, relErr(t.estimate, r.estimate));
                k["trace-default"] = costJson(t.cost);
                k["trace-default"]["value"] = t.estimate;
                k["trace-default"]["estimator"] = t.estimator;
                k["trace-default"]["relativeError"] = relErr(t.estimate, r.estimate);
            }
            for (int seed = 0; seed < a.traceSeeds; ++seed) {
                TraceOptions h;
                h.structural = false; // the sampled estimators themselves
                h.estimator = TraceEstimator::Hutchinson;
                h.relativeTolerance = 0.02;
                h.maxSamples = 100;
                h.seed = static_cast<std::uint64_t>(seed);
                TraceOptions pp = h;
                pp.estimator = TraceEstimator::HutchPlusPlus;
                pp.sketchSize = 8;
                for (auto [name, opts] : {std::pair{"hutchinson", h}, std::pair{"hutch++", pp}}) {
                    const auto t = hutchinsonTrace(p, opts);
                    const std::string key = std::string("trace-") + name + "-seed" + std::to_string(seed);
                    line(key, t.cost, t.estimate, relErr(t.estimate, r.estimate));
                    k[key] = costJson(t.cost);
                    k[key]["value"] = t.estimate;
                    k[key]["relativeError"] = relErr(t.estimate, r.estimate);
                }
            }
        }
        if (wants(a, "surface")) {
            SurfaceOptions s;
            s.resolution = a.grid;
            const auto g = lossPlane(p, s);
            double lo = g.values[0];
            for (double x : g.values)
                lo = std::min(lo, x);
            line("surface", g.cost, lo);
            k["surface"] = costJson(g.cost);
            k["surface"]["value"] = lo;
            k["surface"]["points"] = g.values.size();
            // Coarse-to-fine on the same directions: evaluations saved and the error it costs,
            // as max |refined − full| / (max − min of the full map).
            s.refine = true;
            const auto r = lossPlane(p, s);
            double hi = g.values[0], maxErr = 0.0;
            std::size_t measured = 0;
            for (std::size_t i = 0; i < g.values.size(); ++i) {
                hi = std::max(hi, g.values[i]);
                maxErr = std::max(maxErr, std::abs(r.values[i] - g.values[i]));
                measured += static_cast<std::size_t>(r.evaluated[i]);
            }
            const double err = maxErr / std::max(hi - lo, 1e-30);
            line("surface-refined", r.cost, lo, err);
            k["surface-refined"] = costJson(r.cost);
            k["surface-refined"]["points"] = measured;
            k["surface-refined"]["maxErrorOverRange"] = err;
        }
        if (wants(a, "batching")) {
            // The same grid with one forward per point (off: the naive loop, launch-bound on a
            // GPU), with as many points per launch as the memory bound holds (on) and with the
            // setting chosen by timing the first points (auto, the default), same directions.
            SurfaceOptions s;
            s.resolution = a.grid;
            s.pointBatchBytes = static_cast<std::int64_t>(a.pointBatchMiB * 1048576.0);
            const auto dirs = randomDirections(p, s.directions, 2);
            SurfaceOptions warm = s;
            warm.resolution = 5;
            const PointBatching modes[] = {PointBatching::Off, PointBatching::On,
                                           PointBatching::Auto};
            for (auto mode : modes) {
                warm.pointBatching = mode; // warm-up: the executor's first runs, allocations
                lossPlane(p, dirs[0], dirs[1], warm);
            }
            // Alternating runs, the fastest of each kept: the machine may be shared. Auto's own
            // choice may differ between runs; every run's choice is listed.
            Grid2D best[3];
            std::vector<std::string> autoChoices;
            for (int r = 0; r < std::max(1, a.repeats); ++r) {
                for (int m = 0; m < 3; ++m) {
                    s.pointBatching = modes[m];
                    auto g = lossPlane(p, dirs[0], dirs[1], s);
                    if (modes[m] == PointBatching::Auto)
                        autoChoices.push_back(g.evaluation);
                    if (r == 0 || g.cost.seconds < best[m].cost.seconds)
                        best[m] = std::move(g);
                }
            }
            const Grid2D& naive = best[0];
            const Grid2D& stacked = best[1];
            const Grid2D& tuned = best[2];
            auto worstDifference = [&](const Grid2D& g) {
                double worst = 0.0;
                for (std::size_t i = 0; i < naive.values.size(); ++i)
                    worst = std::max(worst, relErr(g.values[i], naive.values[i]));
                return worst;
            };
            for (const auto* g : {&naive, &stacked, &tuned}) {
                const char* name = g == &naive ? "off" : g == &stacked ? "on" : "auto";
                std::printf("borehole surface-batching %-4s %dx%d, best of %d: %.4f s (%lld "
                            "forwards), %s, %.2fx the per-point loop, max rel. difference %.1e\n",
                            name, a.grid, a.grid, std::max(1, a.repeats), g->cost.seconds,
                            static_cast<long long>(g->cost.forwards), g->evaluation.c_str(),
                            naive.cost.seconds / g->cost.seconds, worstDifference(*g));
            }
            std::string trials;
            for (const auto& t : tuned.batchTrials) {
                char item[96];
                std::snprintf(item, sizeof item, "%s%lld%s: %.1f us", trials.empty() ? "" : ", ",
                              static_cast<long long>(t.pointsPerLaunch),
                              t.layout == "contiguous" ? "" : (" " + t.layout).c_str(),
                              t.secondsPerPoint * 1e6);
                trials += item;
            }
            std::printf("borehole surface-batching auto trials (points per launch: seconds per "
                        "point) %s\n",
                        trials.c_str());
            std::fflush(stdout);
            k["surface-per-point"] = costJson(naive.cost);
            k["surface-per-point"]["points"] = naive.values.size();
            k["surface-batched"] = costJson(stacked.cost);
            k["surface-batched"]["points"] = stacked.values.size();
            k["surface-batched"]["evaluation"] = stacked.evaluation;
            k["surface-batched"]["speedup"] = naive.cost.seconds / stacked.cost.seconds;
            k["surface-batched"]["maxRelativeDifference"] = worstDifference(stacked);
            k["surface-batched"]["pointBatchMiB"] = a.pointBatchMiB;
            k["surface-auto"] = costJson(tuned.cost);
            k["surface-auto"]["points"] = tuned.values.size();
            k["surface-auto"]["evaluation"] = tuned.evaluation;
            k["surface-auto"]["choices"] = autoChoices;
            k["surface-auto"]["speedup"] = naive.cost.seconds / tuned.cost.seconds;
            k["surface-auto"]["maxRelativeDifference"] = worstDifference(tuned);
            auto& trialJson = k["surface-auto"]["trials"];
            trialJson = nlohmann::json::array();
            for (const auto& t : tuned.batchTrials)
                trialJson.push_back({{"pointsPerLaunch", t.pointsPerLaunch},
                                     {"points", t.points},
                                     {"secondsPerPoint", t.secondsPerPoint},
                                     {"layout", t.layout}});
        }
        if (wants(a, "sampling")) {
            // Subsampled surfaces against the full-data one on the same directions: how often
            // the full-data loss lies within ±1.96·SE of the subsampled value, pooled over 20
            // random subsets (points of one subset are correlated), and what subsampling saves.
            SurfaceOptions s;
            s.resolution = 11;
            const auto dirs = randomDirections(p, s.directions, 2);
            const auto full = lossPlane(p, dirs[0], dirs[1], s);
            const std::int64_t m = std::max<std::int64_t>(p.summary().probeRows / 8, 2);
            int covered = 0, total = 0;
            double seconds = 0.0, worstRelative = 0.0;
            for (std::uint64_t seed = 0; seed < 20; ++seed) {
                ProblemOptions po;
                po.probeRows = m;
                po.seed = seed;
                Problem sub(model, data, po);
                const auto g = lossPlane(sub, dirs[0], dirs[1], s);
                seconds += g.cost.seconds;
                for (std::size_t i = 0; i < g.values.size(); ++i) {
                    const double err = std::abs(full.values[i] - g.values[i]);
                    covered += err <= 1.96 * g.standardError[i] ? 1 : 0;
                    ++total;
                    worstRelative = std::max(worstRelative, 1.96 * g.standardError[i]
                                                                / std::abs(g.values[i]));
                }
            }
            const double coverage = static_cast<double>(covered) / total;
            std::printf("borehole sampling        %lld of %lld rows, 11x11: coverage of ±1.96·SE "
                        "%.1f %% over %d points (20 subsets), band ≤ %.1f %% of L, %.3f s per "
                        "subsampled grid vs %.3f s full\n",
                        static_cast<long long>(m), static_cast<long long>(p.summary().probeRows),
                        100.0 * coverage, total, 100.0 * worstRelative, seconds / 20.0,
                        full.cost.seconds);
            k["sampling"] = costJson(full.cost);
            k["sampling"]["rows"] = m;
            k["sampling"]["coverage"] = coverage;
            k["sampling"]["points"] = total;
            k["sampling"]["worstBandOverLoss"] = worstRelative;
            k["sampling"]["subsampledSeconds"] = seconds / 20.0;
        }
        if (wants(a, "study")) {
            // A study of 32 Sobol configurations (learning rate, momentum, optimizer): the probe
            // runs only (burst + probes per configuration), as `borehole-cli study run` does.
            const nlohmann::json spec = {
                {"schema", "borehole.study/1"},
                {"name", "bench"},
                {"model", a.model},
                {"data", {{"path", a.data}, {"target", "y"}, {"device", a.device}}},
                {"hyperparameters",
                 {{"learning_rate", {{"min", 1e-4}, {"max", 0.1}, {"scale", "log"}}},
                  {"momentum", {{"values", {0.0, 0.9}}}},
                  {"optimizer", {{"values", {"sgd", "adam"}}}}}},
                {"sampler", {{"kind", "sobol"}, {"count", 32}}},
                {"probe", {{"burst_steps", 20}}},
                {"outcome", {{"metric", "mse"}}}};
            const auto studySpec = parseStudySpec(spec.dump(), "bench-study.json");
            const auto configurations = sampleConfigurations(studySpec);
            const auto theta0 = p.parameters();
            ProbeCost total;
            int failed = 0;
            for (const auto& c : configurations) {
                const auto f = probeConfiguration(p, theta0, c.hyper, studySpec.probe,
                                                  studySpec.metric, studySpec.seed);
                total += f.total();
                failed += f.failed ? 1 : 0;
            }
            line("study-32", total, static_cast<double>(configurations.size()));
            k["study-32"] = costJson(total);
            k["study-32"]["configurations"] = configurations.size();
            k["study-32"]["failed"] = failed;
        }
        if (named(a, "memory")) {
            // Peak memory of each kernel above the memory held before it, in parameter copies
            // (4 bytes × parameters). Asked for by name only: meaningful on large models, where
            // one copy dwarfs the allocator's noise (bench/memory, ~100M parameters).
            const double copyMiB = 4.0 * static_cast<double>(p.parameterCount()) / 1048576.0;
            out["parameterCopyMiB"] = copyMiB;
            p.loss(); // warm-up: the TorchScript executor's first runs allocate once
            auto measure = [&](const std::string& name, const auto& run) {
                if (!resetPeakRss())
                    throw Error("cannot reset the peak RSS (/proc/self/clear_refs)");
                const double base = statusMiB("VmRSS");
                const auto start = std::chrono::steady_clock::now();
                const ProbeCost c = run();
                const double seconds =
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
                const double peak = statusMiB("VmHWM");
                const double copies = (peak - base) / copyMiB;
                std::printf("memory   %-20s peak %8.0f MiB over %8.0f MiB before = %5.2f parameter "
                            "copies   %6.1f s  fwd %lld grad %lld hvp %lld\n",
                            name.c_str(), peak, base, copies, seconds,
                            static_cast<long long>(c.forwards), static_cast<long long>(c.gradients),
                            static_cast<long long>(c.hvps));
                std::fflush(stdout);
                k["memory-" + name] = costJson(c);
                k["memory-" + name]["baselineMiB"] = base;
                k["memory-" + name]["peakMiB"] = peak;
                k["memory-" + name]["parameterCopies"] = copies;
            };
            measure("forward", [&] {
                ProbeCost c;
                c.forwards = 1;
                p.loss();
                return c;
            });
            measure("gradient", [&] { return lossAndGradient(p).cost; });
            measure("hvp-exact", [&] {
                ProbeCost c;
                hessianVectorProduct(p, v, HvpMode::Exact, 1e-3, &c);
                return c;
            });
            SurfaceOptions s;
            s.resolution = a.grid;
            {
                // The grid alone, directions given (they count as memory held before).
                const auto dirs = randomDirections(p, s.directions, 2);
                measure("surface-grid", [&] { return lossPlane(p, dirs[0], dirs[1], s).cost; });
            }
            measure("surface", [&] { return lossPlane(p, s).cost; });
            EigenOptions e;
            e.relativeTolerance = 1e-12; // run every iteration
            e.maxIterations = a.iterations;
            e.ritzVector = true;
            measure("lanczos-stored", [&] { return topEigenvalueLanczos(p, e).cost; });
            e.basis = LanczosBasis::TwoPass;
            measure("lanczos-two-pass", [&] { return topEigenvalueLanczos(p, e).cost; });
        }
        writeFileAtomically(a.out, out.dump(2));
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "borehole-bench: error: " << e.what() << "\n";
        return 1;
    }
}
