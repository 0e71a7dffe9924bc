#pragma once
// A hyperparameter study: a JSON spec (schema "borehole.study/1", docs/study-schema.md) names a
// model, a data set, the hyperparameters with their ranges, a sampler, the probe budget and the
// outcome metric. Every sampled configuration gets a probe run: a short burst of k optimizer
// steps from the shared initial parameters θ₀ (scaled by the configuration's init_scale), then
// curvature probes at the end point, giving one feature vector per configuration with its cost.
// Storage (study_store.h), the meta-model (meta_model.h) and the loop that ties them together
// (study_runner.h) build on these types.
#include "borehole/problem.h"
#include "borehole/probes.h"
#include "borehole/progress.h"
#include "borehole/trainer.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace borehole {

/// The hyperparameters a study varies, in the order they appear in every encoding.
/// learning_rate, weight_decay, momentum, batch_size, optimizer, sam_rho, init_scale.
const std::vector<std::string>& hyperparameterNames();

enum class ParameterScale { Linear, Log };

/// One hyperparameter's search space: a fixed value, a list of values, or a continuous range
/// (sampled uniformly in the given scale; the grid takes `levels` points including both ends).
/// The optimizer is a list of names; its `values` are indices into `labels`.
struct ParameterRange
{
    enum class Kind { Fixed, Values, Range };
    std::string name;
    Kind kind = Kind::Fixed;
    std::vector<double> values; ///< Fixed: one value; Values: the list
    std::vector<std::string> labels; ///< optimizer only: "sgd", "adam", "adamw"
    double min = 0.0;
    double max = 0.0;
    ParameterScale scale = ParameterScale::Linear;
    int levels = 3;
    bool integer = false; ///< batch_size: values are rounded

    /// True when the sampler has a choice (more than one possible value).
    bool active() const;
    /// Maps u ∈ [0, 1) to a value of this range (Values: index ⌊u·n⌋).
    double fromUnit(double u) const;
    /// The grid's points of this dimension.
    std::vector<double> gridValues() const;
};

/// One configuration's hyperparameters, resolved.
struct Hyperparameters
{
    OptimizerKind optimizer = OptimizerKind::Sgd;
    double learningRate = 1e-2;
    double weightDecay = 0.0;
    double momentum = 0.0;
    std::int64_t batchSize = 32;
    /// > 0 wraps the optimizer in SAM with this ρ.
    double samRho = 0.0;
    /// θ₀ of this configuration is s·θ₀ of the study.
    double initScale = 1.0;
};

/// The numeric encoding the meta-model sees: log10 lr, log10(wd + 1e-8), momentum, log2 batch,
/// adam (0/1), adamw (0/1), sam_rho, log2 init_scale.
std::vector<double> encodeHyperparameters(const Hyperparameters& h);
const std::vector<std::string>& encodedHyperparameterNames();
/// The optimizer options a configuration trains with (SAM wraps the base optimizer when ρ > 0).
OptimizerOptions optimizerOptions(const Hyperparameters& h);
/// "sgd lr=0.01 wd=0 m=0.9 bs=32 s=1" for tables and logs.
std::string describe(const Hyperparameters& h);
/// {"learning_rate": 0.01, "weight_decay": 0, "momentum": 0.9, "batch_size": 32, "optimizer":
/// "sgd", "sam_rho": 0, "init_scale": 1}: the spec's hyperparameter names, as the database
/// stores a configuration and exports write it.
std::string hyperparametersJson(const Hyperparameters& h);

enum class SamplerKind { Grid, LatinHypercube, Sobol, Random };
std::string toString(SamplerKind kind);
SamplerKind parseSamplerKind(const std::string& text); ///< grid, lhs, sobol, random

struct SamplerSpec
{
    SamplerKind kind = SamplerKind::Sobol;
    /// Number of configurations (ignored by the grid, whose size is the product of levels).
    int count = 32;
    /// LHS and random: the draws; Sobol: a random digital shift when non-zero (0 = plain Sobol).
    std::uint64_t seed = 0;
};

/// What each configuration's probe run may spend.
struct ProbeBudget
{
    int burstSteps = 30;                      ///< k optimizer steps from θ₀
    int directions = 4;                       ///< K per direction kind
    std::vector<DirectionKind> directionKinds{DirectionKind::Random, DirectionKind::Gradient};
    int eigenIterations = 10;                 ///< Lanczos iterations for λmax
    int traceSamples = 8;                     ///< Hutchinson samples
    int perturbations = 8;                    ///< random perturbations for sensitivity
    double perturbationRadius = 0.01;         ///< relative to ‖θ‖
    double epsilon = 1e-3;                    ///< FD step along unit directions
    HvpMode hvp = HvpMode::Exact;
};

/// "mae <= 0.5", "accuracy >= 0.9": the outcome a user wants.
struct OutcomeTarget
{
    Metric metric = Metric::Mse;
    bool atMost = true; ///< "<=" (true) or ">=" (false)
    double threshold = 0.0;
    bool met(double outcome) const { return atMost ? outcome <= threshold : outcome >= threshold; }
};
/// Parses "mse <= 0.5" (also "<", ">=", ">"). Throws InputError naming `where`.
OutcomeTarget parseOutcomeTarget(const std::string& text, const std::string& where);
std::string toString(const OutcomeTarget& target);
/// Accuracy: higher is better; every other metric: lower is better.
bool higherIsBetter(Metric metric);

/// A full training run of one configuration (follow-up of the probe run).
struct FullRunSpec
{
    std::int64_t steps = 0; ///< 0: epochs × ceil(trainRows / batchSize)
    int epochs = 20;
    int validateEvery = 10;
};

/// Limits a spec is checked against when it is parsed (docs/study-schema.md): configurations
/// per study (grid: the product of the axes; other samplers: count), hyperparameter values
/// (learning_rate, init_scale, weight_decay, sam_rho), batch_size, probe counts (directions,
/// eigen_iterations, trace_samples, perturbations), burst steps and full-run epochs, and step
/// counts (full_run.steps, validate_every, probe_rows).
constexpr int kMaxStudyConfigurations = 100000;

/// How a study spends its full-run compute (spec key "strategy"): "probe" probes every
/// configuration and leaves full runs to `study train` (the active loop); "probe-halving" is
/// successive halving whose rung 0 is the probe burst, promoting at every rung by a score of the
/// probe features and the partial run's features (study_halving.h, docs/study.md).
enum class StudyStrategy { Probe, ProbeHalving };
std::string toString(StudyStrategy strategy);

/// Spec key "halving" (probe-halving only). Rung k = 1 … K trains the promoted configurations
/// to R·η^(k−K) steps (R = the full run's steps), continuing from rung k−1's checkpoint; rung 0
/// is the probe; ⌈n/η^k⌉ configurations enter rung k, so the last rung trains one fully.
struct HalvingSpec
{
    double eta = 3.0;        ///< reduction factor η, in [2, 100]
    int eigenIterations = 4; ///< Lanczos iterations for λmax at each rung's end (0: skip)
    /// Folder of the trainer checkpoints between rungs (absolute once parsed; relative paths
    /// resolve against the spec's folder). Empty: "<database>.rungs" next to an SQLite study;
    /// required for a study on PostgreSQL — a folder every worker can reach (a shared file
    /// system), since workers on other machines continue each other's rungs.
    std::string checkpoints;
};
constexpr double kMaxHyperparameterValue = 1e6;
constexpr std::int64_t kMaxBatchSize = 1000000000;
constexpr std::int64_t kMaxProbeCount = 10000;
constexpr std::int64_t kMaxBurstSteps = 1000000;
constexpr std::int64_t kMaxSteps = 1000000000000LL;

struct StudySpec
{
    std::string name;
    std::string sourcePath; ///< the spec file, for messages ("" when parsed from text)
    std::string modelPath;  ///< absolute, or relative to the working folder
    std::string dataPath;
    DatasetOptions data;
    LossKind loss = LossKind::Mse;
    /// Problem options for the probes: probe rows and the gradient-sample batch size.
    std::int64_t probeRows = 0;
    /// The result of forward() that is the prediction when it returns several (spec key
    /// "output": an index or a dict key, see ProblemOptions::output); empty: one tensor.
    std::string output;
    std::vector<ParameterRange> parameters; ///< all of hyperparameterNames(), in that order
    SamplerSpec sampler;
    ProbeBudget probe;
    Metric metric = Metric::Mse;
    std::optional<OutcomeTarget> target;
    FullRunSpec fullRun;
    std::uint64_t seed = 0;
    StudyStrategy strategy = StudyStrategy::Probe;
    HalvingSpec halving;
    /// Spec key "transfer": the meta-model transferred across tasks that ranks configurations
    /// before the study's own full runs and is fine-tuned on them (study_halving.h,
    /// docs/study.md "Transfer"): "shipped" (the model compiled into Borehole) or the absolute
    /// path of a file written by bench/study_eval_realistic.sh --write-model (a relative path in
    /// the spec resolves against its folder). Empty: not used (probe score and own meta-model).
    /// Under "probe-halving" it also ranks the promotions at every rung instead of halvingScore.
    std::string transfer;

    const ParameterRange& parameter(const std::string& name) const;
    /// The ranges the sampler varies.
    std::vector<const ParameterRange*> activeParameters() const;
};

/// Parses a spec. Relative model and data paths are resolved against `baseDir` (the spec's
/// folder). Throws InputError "<sourceName>: <json.path> <problem>", e.g.
/// "spec.json: hyperparameters.learning_rate.min must be positive, got -1".
StudySpec parseStudySpec(const std::string& text, const std::string& sourceName,
                         const std::string& baseDir = {});
/// How many configurations the spec's sampler draws: the product of the grid's axes
/// (saturating at 2⁶⁴−1 instead of overflowing), else sampler.count. Computes no configuration.
std::uint64_t configurationCount(const StudySpec& spec);
/// Reads and parses a spec file (relative paths against its folder).
StudySpec loadStudySpec(const std::string& path);
/// The spec as canonical JSON (resolved paths), readable by parseStudySpec.
std::string toJson(const StudySpec& spec, int indent = 2);

/// One sampled configuration: its index in the study, the point in the unit cube of the active
/// dimensions, and the resolved hyperparameters.
struct Configuration
{
    int index = 0;
    std::vector<double> unit;
    Hyperparameters hyper;
};

/// The configurations the spec's sampler draws (same spec, same list).
std::vector<Configuration> sampleConfigurations(const StudySpec& spec);
/// Points in [0, 1)^dims.
std::vector<std::vector<double>> latinHypercube(int count, int dims, std::uint64_t seed);
/// The Sobol sequence (Joe–Kuo direction numbers, Gray-code order, first point 0) for up to
/// sobolMaxDimensions() dimensions; seed ≠ 0 applies a random digital shift.
std::vector<std::vector<double>> sobolPoints(int count, int dims, std::uint64_t seed = 0);
int sobolMaxDimensions();
std::vector<std::vector<double>> randomPoints(int count, int dims, std::uint64_t seed);

/// Loads the spec's model and data and pairs them (probe rows and seed from the spec).
Problem loadStudyProblem(const StudySpec& spec);

/// One configuration's probe features. `values` is keyed by feature name (docs/study.md):
/// burst_initial_loss, burst_final_loss, burst_loss_delta, burst_log_loss_ratio,
/// burst_validation_metric, gradient_norm, lambda_max, trace, curvature_<kind>,
/// sharpness, lr_lambda_max, eos_bound, eos_ratio.
struct ConfigurationFeatures
{
    bool failed = false;
    std::string reason; ///< why it failed ("diverged: loss is NaN at step 12", ...)
    std::map<std::string, double> values;
    ProbeCost burstCost;
    ProbeCost probeCost;
    ProbeCost total() const;
};

/// From θ = initScale·θ₀: a burst of budget.burstSteps steps with the configuration's optimizer,
/// then the probes at the end point. θ is left at θ₀ afterwards. A burst or probe that produces
/// NaN/Inf returns failed = true with the reason, it does not throw. Throws CancelledError when
/// progress returns false (θ restored first).
ConfigurationFeatures probeConfiguration(Problem& problem, const std::vector<float>& theta0,
                                         const Hyperparameters& hyper, const ProbeBudget& budget,
                                         Metric metric, std::uint64_t seed,
                                         const ProgressFn& progress = {});

/// A full training run from initScale·θ₀; θ is left at θ₀ afterwards. Divergence is reported in
/// the result (diverged, stopReason), not thrown. Throws CancelledError when progress says stop.
/// The training options of a configuration's full run (fullTrainingRun trains with these, from
/// hyper.initScale·θ₀).
TrainOptions fullRunOptions(const Hyperparameters& hyper, const FullRunSpec& run, Metric metric,
                            std::uint64_t seed);
/// The configuration's optimizer (SAM included) under the curvature-guided rate, its cap
/// multiplied by `scale` (OptimizerOptions::guidedScale).
OptimizerOptions guidedOptimizerOptions(const Hyperparameters& hyper, double scale);
/// The meta-model's judgement as a guided-cap scale: 1 for the most promising of `count`
/// ranked configurations (rank 0), falling linearly to 0.5 for the least promising, so a
/// doubtful configuration trains with a more cautious cap. count ≤ 1 gives 1.
double guidedScaleForRank(std::size_t rank, std::size_t count);

TrainResult fullTrainingRun(Problem& problem, const std::vector<float>& theta0,
                            const Hyperparameters& hyper, const FullRunSpec& run, Metric metric,
                            std::uint64_t seed, const ProgressFn& progress = {});

} // namespace borehole
