// borehole-cli info | probe | surface
#include "commands.h"
#include "common.h"
#include "mpi_surface.h"

#include <borehole/device.h>
#include <borehole/report.h>

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace borehole::cli {
namespace {

/// "timed per point 41 µs, 2 per launch 30 µs, …" for PointBatching::Auto, or empty.
std::string trialsText(const std::vector<PointBatchTrial>& trials)
{
    if (trials.empty())
        return {};
    std::ostringstream o;
    o << "point batching timed on the first grid points (per point):";
    for (const auto& t : trials) {
        o << (&t == &trials.front() ? " " : ", ");
        if (t.pointsPerLaunch == 1)
            o << "one per launch ";
        else
            o << t.pointsPerLaunch << " per launch ";
        if (t.layout == "folded-chain")
            o << "(core's own layer calls, batch norms folded) ";
        else if (t.layout != "contiguous")
            o << "(" << t.layout << " weights) ";
        o << std::fixed << std::setprecision(1) << t.secondsPerPoint * 1e6 << " µs";
    }
    return o.str();
}

void addProbeOptions(Args& a)
{
    a.addOption("directions", "kinds", "Direction kinds for FD curvature: random,gradient,pca",
                "random,gradient,pca");
    a.addOption("k", "n", "Directions per kind (K)", "8");
    a.addOption("time-budget", "s",
                "Seconds the whole probe may take (0: no limit): after timing the loss and "
                "gradient it shrinks the surface and line and drops the costliest probes until "
                "the rest fits, and the report says what it changed", "0");
    a.addOption("epsilon", "e", "Finite-difference step ε along unit directions", "1e-3");
    a.addOption("pca-samples", "n", "Mini-batch gradient samples for PCA directions", "16");
    a.addOption("tol", "r",
                "Stop the eigenvalue solvers when the relative error bound (the residual "
                "‖Hv − λv‖/|λ|) is below r", "1e-3");
    a.addOption("max-iter", "n", "Iteration cap of the eigenvalue solvers", "100");
    a.addOption("hvp", "mode", "Hessian-vector products: exact or fd", "exact");
    a.addOption("hvp-graph", "mode",
                "Exact HVPs: auto (a Linear chain: the R-operator written per layer; else the "
                "gradient graph built once per θ, one vector-Jacobian product per HVP, in row "
                "blocks within --hvp-memory), graph (always the gradient graph) or recompute "
                "(forward + double backward per HVP)", "auto");
    a.addOption("hvp-memory", "MiB", "Memory budget of the kept gradient graphs (0: a quarter "
                "of the physical memory on the CPU, 2048 on CUDA)", "0");
    a.addOption("hvp-block-rows", "n", "Rows per block of the kept graphs (0: as the budget "
                "allows)", "0");
    a.addFlag("spectrum", "Also compute the Hessian spectrum: top and bottom eigenvalues with "
              "residual bounds, λmin (negative curvature) and the spectral density");
    a.addOption("top-k", "n", "Spectrum: largest eigenvalues wanted", "5");
    a.addOption("bottom-k", "n", "Spectrum: smallest eigenvalues wanted (λmin first)", "1");
    a.addOption("density-runs", "n", "Spectrum: stochastic Lanczos quadrature runs for the "
                "density (0: no density)", "5");
    a.addOption("density-steps", "n", "Spectrum: Lanczos steps per density run", "40");
    a.addOption("density-points", "n", "Spectrum: points of the density grid", "201");
    a.addOption("density-bandwidth", "r", "Spectrum: Gaussian broadening σ as a fraction of "
                "λmax − λmin", "0.01");
    a.addOption("exact-up-to", "n", "Exact Hessian (spectrum: every eigenvalue; trace: "
                "Σ eᵢᵀHeᵢ when no dearer than sampling) for models with at most n parameters "
                "(0: never)", "4096");
    a.addOption("trace-estimator", "kind", "Trace estimator: hutchinson or hutch++", "hutch++");
    a.addFlag("trace-sampled",
              "Estimate the trace by sampling even for a chain of Linear, BatchNorm1d, ReLU and "
              "LeakyReLU layers, whose exact trace otherwise comes from per-row gradient norms "
              "without HVPs (exact-gauss-newton)");
    a.addOption("sketch", "k", "Hutch++ sketch size (2k HVPs for the low-rank part)", "10");
    a.addOption("trace-tol", "r",
                "Stop the trace estimate when the 95 % upper confidence bound of its relative "
                "standard error is below this",
                "1e-2");
    a.addOption("trace-max", "n", "Most Hutchinson samples", "200");
    a.addOption("rho", "r", "Perturbation radius relative to ‖θ‖", "0.01");
    a.addOption("perturbations", "n", "Random perturbations for sharpness", "16");
    a.addFlag("layerwise", "Scale perturbations per parameter tensor");
    a.addFlag("no-power", "Skip power iteration");
    a.addFlag("no-lanczos", "Skip Lanczos");
    a.addOption("lanczos-basis", "kind",
                "stored (full reorthogonalisation, iterations + 2 parameter copies) or two-pass "
                "(last two vectors only, 4 copies)", "stored");
    a.addFlag("lanczos-random-start",
              "Start Lanczos from a random vector (default: the gradient plus a random part, "
              "when its graph is kept)");
    a.addFlag("no-trace", "Skip the trace estimate");
    a.addFlag("no-sharpness", "Skip perturbation sensitivity");
    a.addFlag("line", "Also compute a 1D loss line");
    a.addFlag("surface", "Also compute a 2D loss surface");
    a.addOption("metric", "kind", "Outcome metric on validation rows: mse, mae, accuracy, loss",
                "task default");
    a.addOption("out", "file.json", "Write the full report as JSON ('-' for stdout)");
}

void addGridOptions(Args& a)
{
    a.addOption("resolution", "n", "Grid points per axis", "51");
    a.addOption("span", "s", "Axis range [-s, s] in units of the direction", "1");
    a.addFlag("no-filter-norm", "Scale directions to ‖θ‖ instead of filter by filter");
    a.addFlag("keep-biases", "Move 1-D parameters (biases) too instead of zeroing them");
    a.addFlag("no-orthogonalize", "Leave d₂ as drawn instead of orthogonal to d₁");
    a.addOption("curvature", "mode", "Curvature per grid point: none, grid or hvp", "none");
    a.addFlag("refine", "Coarse-to-fine: evaluate a coarse lattice, refine only cells where "
                        "bicubic interpolation misses the cell centre");
    a.addOption("refine-stride", "n", "Coarse lattice stride for --refine", "5");
    a.addOption("refine-tol", "r", "Refine a cell when its centre misses by more than r × range",
                "0.005");
    a.addOption("point-batching", "mode",
                "auto (when the model is a chain of Linear layers, activations and BatchNorm1d: time one "
                "forward per point and 2, 4, 8, ... grid points per launch through stacked "
                "weights on the first points, keep the fastest; for a model with convolution "
                "weights: time them as loaded, channels-last and, for a chain of convolutions, "
                "batch norms, pooling and Linear layers, core's own layer calls with the batch "
                "norms folded in; keep the fastest), on (always stacked) or off (one forward per "
                "point, the model's own, weights as loaded)", "auto");
}

SurfaceOptions surfaceOptions(const Args& a)
{
    SurfaceOptions o;
    o.resolution = a.count("resolution", 2);
    o.span = a.positive("span");
    o.directions.filterNormalize = !a.flag("no-filter-norm");
    o.directions.keepBiases = a.flag("keep-biases");
    o.directions.orthogonalize = !a.flag("no-orthogonalize");
    o.curvature = parseCurvatureMode(a.value("curvature"));
    o.refine = a.flag("refine");
    o.refineStride = a.count("refine-stride", 1);
    o.refineTolerance = a.positive("refine-tol");
    o.pointBatching = parsePointBatching(a.value("point-batching"));
    return o;
}

/// Writes <prefix>.json and <prefix>.csv and prints the surface's summary.
void writeSurface(const std::string& prefix, const Grid2D& g)
{
    const int threads = intraOpThreads(); // under mpirun: each rank's share of the cores
    writeOutput(prefix + ".json", toJson(g));
    writeOutput(prefix + ".csv", toCsv(g));
    std::size_t measured = g.values.size();
    if (!g.evaluated.empty())
        measured = static_cast<std::size_t>(std::count(g.evaluated.begin(), g.evaluated.end(), 1));
    std::cout << g.nx() << "×" << g.ny() << " surface (" << measured << " points evaluated), L(θ) = "
              << g.centerValue << ", L in ["
              << *std::min_element(g.values.begin(), g.values.end()) << ", "
              << *std::max_element(g.values.begin(), g.values.end()) << "], "
              << g.cost.forwards << " forward passes in " << g.cost.seconds << " s, "
              << g.evaluation << ", " << threads
              << (threads == 1 ? " CPU thread\n" : " CPU threads\n");
    if (const auto timed = trialsText(g.batchTrials); !timed.empty())
        std::cout << timed << "\n";
    const auto bound = samplingErrorText(g.standardError, g.sampleRows, g.populationRows);
    if (!bound.empty())
        std::cout << bound << "\n";
    std::cout << "wrote " << prefix << ".json and " << prefix << ".csv\n";
}

} // namespace

int runInfo(const std::vector<std::string>& argv)
{
    Args a("info", "Summarise a model and a data set and check that they fit together.");
    addProblemOptions(a);
    if (!a.parse(argv))
        return 0;
    auto problem = loadProblem(a);
    const auto& m = problem.model().summary();
    const auto& d = problem.data().summary();
    const auto& p = problem.summary();
    std::ostringstream o;
    o << "Model " << m.path << "\n  " << m.parameterCount << " parameters in "
      << m.parameters.size() << " tensors, " << m.layerCount << " layers"
      << (m.hasBuffers ? ", has buffers" : "") << "\n";
    for (const auto& info : m.parameters) {
        o << "    " << info.name << " [";
        for (std::size_t i = 0; i < info.shape.size(); ++i)
            o << (i ? ", " : "") << info.shape[i];
        o << "]  " << info.count << "\n";
    }
    o << "Data " << d.path << "\n  " << d.rows << " rows (" << d.trainRows << " train, "
      << d.validationRows << " validation, seed " << d.seed << "), task " << toString(d.task);
    if (d.task == Task::Classification)
        o << " with " << d.classCount << " classes";
    o << "\n  features (" << d.featureColumns.size() << "):";
    for (const auto& c : d.featureColumns)
        o << " " << c;
    o << "\n  target:";
    for (const auto& c : d.targetColumns)
        o << " " << c;
    o << "\n  features " << (d.standardizedFeatures ? "standardised on training rows" : "raw")
      << "\nProblem\n  loss " << p.loss << ", output shape [";
    for (std::size_t i = 0; i < p.outputShape.size(); ++i)
        o << (i ? ", " : "") << p.outputShape[i];
    const auto base = lossAndGradient(problem);
    o << "]";
    if (!p.output.empty())
        o << ", output " << p.output;
    o << ", device " << p.device << "\n  L(θ) = " << base.loss << ", ‖∇L(θ)‖ = "
      << base.gradientNorm << " on " << p.probeRows << " probe rows\n"
      << torchBuildInfo() << "\n";
    std::cout << o.str();
    requireFinite(problem, base); // after the summary, which shows where the problem is
    return 0;
}

int runProbe(const std::vector<std::string>& argv)
{
    Args a("probe", "Drill a borehole at the model's parameters: loss, gradient, finite-difference "
                    "curvature along random, gradient and PCA directions, top Hessian eigenvalue "
                    "(power iteration and Lanczos), Hessian trace, optionally the spectrum "
                    "(--spectrum), and perturbation sensitivity.");
    addProblemOptions(a);
    addProbeOptions(a);
    addGridOptions(a);
    if (!a.parse(argv))
        return 0;
    checkOutputs(a, {"out"});
    auto problem = loadProblem(a);
    ProbeSettings s;
    s.directionKinds.clear();
    for (const auto& k : a.list("directions"))
        s.directionKinds.push_back(parseDirectionKind(k));
    s.curvature.count = a.count("k", 1);
    s.curvature.epsilon = a.positive("epsilon");
    s.curvature.pcaSamples = a.count("pca-samples", 1);
    s.eigen.relativeTolerance = a.positive("tol");
    s.eigen.maxIterations = a.count("max-iter", 1);
    s.eigen.hvp = parseHvpMode(a.value("hvp"));
    s.eigen.basis = parseLanczosBasis(a.value("lanczos-basis"));
    s.eigen.gradientStart = !a.flag("lanczos-random-start");
    s.traceOptions.relativeTolerance = a.positive("trace-tol");
    s.traceOptions.maxSamples = a.count("trace-max", 2);
    // The stopping rule waits for min(10, max) samples before judging the standard error.
    s.traceOptions.minSamples = std::min(s.traceOptions.minSamples, s.traceOptions.maxSamples);
    s.traceOptions.estimator = parseTraceEstimator(a.value("trace-estimator"));
    s.traceOptions.sketchSize = a.count("sketch", 1);
    s.traceOptions.hvp = s.eigen.hvp;
    s.eigen.graph.mode = parseHvpGraph(a.value("hvp-graph"));
    const double budgetMiB = a.number("hvp-memory", 0.0, 1e12);
    s.eigen.graph.memoryBudgetBytes = static_cast<std::int64_t>(budgetMiB * 1048576.0);
    s.eigen.graph.blockRows = a.integer("hvp-block-rows", 0);
    s.traceOptions.graph = s.eigen.graph;
    s.traceOptions.exactUpTo = a.integer("exact-up-to", 0);
    s.traceOptions.structural = !a.flag("trace-sampled");
    s.spectrum = a.flag("spectrum");
    s.spectrumOptions.topK = a.count("top-k", 1);
    s.spectrumOptions.bottomK = a.count("bottom-k", 0);
    s.spectrumOptions.relativeTolerance = s.eigen.relativeTolerance;
    s.spectrumOptions.maxIterations = s.eigen.maxIterations;
    s.spectrumOptions.densityRuns = a.count("density-runs", 0);
    s.spectrumOptions.densitySteps = a.count("density-steps", 1);
    s.spectrumOptions.gridPoints = a.count("density-points", 2);
    s.spectrumOptions.bandwidth = a.positive("density-bandwidth");
    s.spectrumOptions.exactUpTo = s.traceOptions.exactUpTo;
    s.spectrumOptions.hvp = s.eigen.hvp;
    s.spectrumOptions.graph = s.eigen.graph;
    s.sharpnessOptions.rho = a.positive("rho");
    s.sharpnessOptions.samples = a.count("perturbations", 1);
    s.sharpnessOptions.layerwise = a.flag("layerwise");
    s.power = !a.flag("no-power");
    s.lanczos = !a.flag("no-lanczos");
    s.trace = !a.flag("no-trace");
    s.sharpness = !a.flag("no-sharpness");
    s.line = a.flag("line");
    s.surface = a.flag("surface");
    s.surfaceOptions = surfaceOptions(a);
    s.lineOptions.resolution = s.surfaceOptions.resolution;
    s.lineOptions.span = s.surfaceOptions.span;
    s.lineOptions.directions = s.surfaceOptions.directions;
    s.lineOptions.pointBatching = s.surfaceOptions.pointBatching;
    s.metric = a.has("metric") ? parseMetric(a.value("metric"))
                               : defaultMetric(problem.data().summary().task, problem.options().loss);
    s.seed = a.seed("seed");
    s.timeBudget = a.number("time-budget", 0.0, 1e9);

    ProgressPrinter printer("probe", a.flag("quiet"));
    const auto report = runProbes(problem, s, printer.callback());
    if (a.has("out"))
        writeOutput(a.value("out"), toJson(report));
    if (!a.has("out") || a.value("out") != "-")
        std::cout << formatSummary(report);
    return 0;
}

/// The surface command under an MPI launcher with several ranks: each rank evaluates a block of
/// rows, rank 0 gathers, writes and prints (mpi_surface.h). Other ranks print nothing.
static int runSplitSurface(const Args& a, Problem& problem, const SurfaceOptions& o,
                           const std::string& prefix)
{
    if (a.flag("line") || a.value("directions") != "random")
        throw UsageError("under mpirun only the random-direction plane is split across ranks; "
                         "run --line and --directions pca as one process");
    const bool defaultThreads = a.integer("threads", 0, 4096) == 0;
    const int rows = o.resolutionY > 0 ? o.resolutionY : o.resolution;
    try {
        ProgressPrinter printer("surface (rank 0)", a.flag("quiet") || mpi::launchedRank() != 0);
        auto split = mpi::splitSurface(rows, o, [&](RowRange share, int localRanks) {
            // The ranks of one machine share its cores unless --threads says otherwise.
            if (defaultThreads)
                setIntraOpThreads(std::max(1, physicalCoreCount() / localRanks));
            return lossPlaneRows(problem, o, share, printer.callback());
        });
        if (split.grid)
            writeSurface(prefix, *split.grid);
        return 0;
    } catch (const mpi::QuietFailure&) {
        return 1; // rank 0 reports the error
    }
}

int runSurface(const std::vector<std::string>& argv)
{
    Args a("surface", "Evaluate the loss on a 2D plane (or a 1D line) through the parameters, "
                      "along random filter-normalised directions (Li et al. 2018), and write "
                      "the grid as JSON and CSV.");
    addProblemOptions(a);
    addGridOptions(a);
    a.addFlag("line", "A 1D line instead of a 2D plane");
    a.addOption("directions", "kind",
                "random (filter-normalised) or pca (principal components of a short training "
                "trajectory from θ; the plane goes through its end point)", "random");
    a.addOption("trajectory-steps", "n", "pca: training steps of the trajectory", "50");
    a.addOption("trajectory-optimizer", "kind", "pca: sgd, adam, adamw, sam or guided", "sgd");
    a.addOption("trajectory-lr", "lr", "pca: learning rate of the trajectory", "0.01");
    a.addOption("trajectory-batch", "n", "pca: mini-batch size (0 = full batch)", "32");
    a.addOption("out", "prefix", "Write <prefix>.json and <prefix>.csv", "surface");
    if (!a.parse(argv))
        return 0;
    const std::string prefix = a.value("out");
    checkOutput(prefix + ".json");
    checkOutput(prefix + ".csv");
    auto problem = loadProblem(a);
    auto o = surfaceOptions(a);
    o.directions.seed = a.seed("seed");
    if (mpi::launchedRanks() > 1) // mpirun -np N: rows split across the ranks (docs/scale-out.md)
        return runSplitSurface(a, problem, o, prefix);
    ProgressPrinter printer("surface", a.flag("quiet"));
    if (a.flag("line")) {
        LineOptions lo;
        lo.resolution = o.resolution;
        lo.span = o.span;
        lo.directions = o.directions;
        lo.pointBatching = o.pointBatching;
        const auto g = lossLine(problem, lo, printer.callback());
        writeOutput(prefix + ".json", toJson(g));
        writeOutput(prefix + ".csv", toCsv(g));
        std::cout << "line of " << g.values.size() << " points, L(θ) = " << g.centerValue
                  << ", " << g.cost.forwards << " forward passes in " << g.cost.seconds << " s, "
                  << g.evaluation << "\n";
        if (const auto timed = trialsText(g.batchTrials); !timed.empty())
            std::cout << timed << "\n";
        const auto bound = samplingErrorText(g.standardError, g.sampleRows, g.populationRows);
        if (!bound.empty())
            std::cout << bound << "\n";
        std::cout << "wrote " << prefix << ".json and " << prefix << ".csv\n";
        return 0;
    }
    const std::string kind = a.value("directions");
    Grid2D g;
    if (kind == "pca") {
        TrajectoryPlaneOptions t;
        t.surface = o;
        t.training.steps = a.integer("trajectory-steps", 1);
        t.training.batchSize = a.integer("trajectory-batch", 0);
        t.training.optimizer.kind = parseOptimizerKind(a.value("trajectory-optimizer"));
        t.training.optimizer.learningRate = a.positive("trajectory-lr");
        t.training.seed = o.directions.seed;
        t.training.validateEvery = 0;
        t.training.metric = Metric::Loss;
        g = trajectoryPlane(problem, t, printer.callback());
    } else if (kind == "random") {
        g = lossPlane(problem, o, printer.callback());
    } else {
        throw UsageError("option '--directions' expects random or pca, got '" + kind + "'");
    }
    writeSurface(prefix, g);
    return 0;
}

} // namespace borehole::cli
