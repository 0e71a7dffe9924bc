#pragma once
// Probe-informed successive halving ("strategy": "probe-halving", docs/study.md). Rung 0 is the
// probe burst of every configuration; rung k = 1 … K trains the ⌈n/η^k⌉ promoted configurations
// to R·η^(k−K) steps (R = the full run), continuing from their rung k−1 checkpoint, so the last
// rung trains one configuration fully: that is the pick. Promotion ranks by halvingScore(), which
// sees the probe features *and* the partial run (validation at the rung, its log-log slope since
// the previous rung, lr·λmax at the rung against the stability bound), not the partial loss alone.
// Rung rows live in the study database (StudyStore::openRung …), claimed and leased like
// configurations, so several workers share the rungs and a killed worker loses no rung.
// The scale-free features are what a model transferred across tasks may see: every entry is a
// ratio of losses, a log-log slope, lr·λmax against the bound, or a hyperparameter that does not
// carry the loss's units; each is unchanged when the loss (and λmax) is multiplied by c and, for
// SGD, the learning rate divided by c (an exact symmetry of SGD's trajectory).
#include "borehole/study_runner.h"

#include <cstdint>
#include <string>
#include <vector>

namespace borehole {

/// Entrants per rung: entrants[0] = n (probed), entrants[k] = max(1, ⌈n/η^k⌉), k = 1 … K with
/// K = max(1, ⌈log_η n⌉) (the last rung has one entrant).
struct HalvingSchedule
{
    double eta = 3.0;
    int rungs = 1; ///< K
    std::vector<int> entrants;
};
/// Throws InputError for n < 1 or η < 2.
HalvingSchedule halvingSchedule(int configurations, double eta);
/// Steps from θ₀ at the end of rung k: R at k = K, else max(1, round(R·η^(k−K))).
std::int64_t rungSteps(std::int64_t fullSteps, double eta, int rung, int rungs);

/// What the promotion score and the transferred features see of one configuration at one rung.
/// Rung 0: validation = the burst's validation metric, steps = burst steps.
struct RungObservation
{
    int rung = 0;
    std::int64_t steps = 0;               ///< steps from θ₀ at the rung's end
    std::int64_t previousSteps = 0;       ///< at the previous rung's end (0 for rung 0)
    double validation = 0.0;              ///< validation metric at `steps`
    double previousValidation = 0.0;      ///< at previousSteps (rung 0: unused)
    double lambdaMax = 0.0;               ///< at `steps`; NaN when not measured
};

/// Names of scaleFreeFeatures(), in order.
const std::vector<std::string>& scaleFreeFeatureNames();
/// The transferable feature vector of a probed configuration at a rung. `fullSteps` is R.
/// Loss-like values are divided by the configuration's loss at its start (burst_initial_loss);
/// accuracy enters as the error rate 1 − accuracy. NaN entries mean "not measured".
std::vector<double> scaleFreeFeatures(const ConfigurationRecord& probe,
                                      const RungObservation& rung, std::int64_t fullSteps,
                                      Metric metric);

/// The promotion score, higher is better (NaN: not promotable; a failed probe or a diverged
/// rung). It predicts log(final validation / start loss) by extrapolating the validation at the
/// rung along half its log-log slope since the previous rung (slope clamped to [−1, 0.5]) to R,
/// and adds log(lr·λmax / bound) for SGD configurations past the edge of stability; the score is
/// minus that prediction. At rung 0 it is minus log(burst validation / start loss) minus the same
/// edge-of-stability penalty. Plain halving ranks by the validation at the rung alone.
double halvingScore(const ConfigurationRecord& probe, const RungObservation& rung,
                    std::int64_t fullSteps, Metric metric);

/// One row of the cross-task training set of the transferred model: a configuration of some
/// task at some rung, its scaleFreeFeatures() and the target log(final validation / start loss)
/// (loss-like, as halvingScore predicts it). `id` names the record ("task/config/rung").
struct TransferRecord
{
    std::string id;
    std::string task;
    std::vector<double> features;
    double target = 0.0;
};

/// A promisingness model trained across tasks on scale-free features (MetaModel inside).
struct TransferModel
{
    MetaModel model;
    std::string heldOutTask;              ///< never trained on
    std::vector<std::string> trainedIds;  ///< ids of the records it was fitted on
    std::string source;                   ///< "shipped", the file it was read from, or "" (fitted)
    std::vector<std::string> trainedOn;   ///< tasks it was fitted on (as its file names them)
    std::int64_t fullSteps = 0;           ///< R of the runs it was fitted on (0: unknown)
    int fineTunedOn = 0;                  ///< the study's own records it was fine-tuned on
    /// Predicted log(final validation / start loss) for scaleFreeFeatures() (lower is better).
    double predict(const std::vector<double>& scaleFree) const;
};

/// scaleFreeFeatures() with absent (NaN) entries set to 0: rung_fraction = 0 marks rung 0, the
/// optimizer one-hots mark SGD's lr·λmax terms, so the model can tell "absent" from "zero".
std::vector<double> transferInput(const std::vector<double>& scaleFree);

/// Fits on every record whose task is not `heldOutTask` (leave-one-task-out: the task being
/// scored is never in training). Throws InputError when fewer than 3 records remain.
TransferModel fitTransferModel(const std::vector<TransferRecord>& records,
                               const std::string& heldOutTask,
                               const MetaModelOptions& options = {});

/// The file format loadTransferModel() reads ("borehole.transfer-model/1"): the feature names,
/// the tasks and R it was fitted on, how many records, and the MetaModel.
std::string transferModelJson(const TransferModel& model);

/// Reads a transferred model: "shipped" (resources/transfer/transfer_model.json, compiled into
/// Borehole; `bench/study_eval_realistic.sh build 5 all --cached-only --write-model …`
/// regenerates it) or the path of a file written the same way. Throws InputError naming the
/// file when it cannot be read, is not a "borehole.transfer-model/1" document, or its features
/// are not scaleFreeFeatureNames().
TransferModel loadTransferModel(const std::string& source);

/// The rung-0 observation of a probed configuration: the burst's validation and λmax.
RungObservation probeObservation(const ConfigurationRecord& probe, const StudySpec& spec);
/// scaleFreeFeatures() of a probed configuration at rung 0 (what ranks it before any run).
std::vector<double> probeScaleFreeFeatures(const ConfigurationRecord& probe, const StudySpec& spec,
                                           std::int64_t trainRows);

/// The study's own records for fine-tuning: one per configuration with a finished full run
/// ("study/<configuration id>/0"): its rung-0 scaleFreeFeatures() and the target
/// log(outcome / start loss) (loss-like); a failed full run gets the worst finite target + 1.
std::vector<TransferRecord> studyTransferRecords(const StudyStore& store, const StudySpec& spec);

/// Fine-tunes on the study's records (MetaModel::fineTuned: the output layer on the members'
/// hidden features, 300 full-batch Adam steps at 3·10⁻², pulled towards the transferred weights
/// with strength 10⁻², no bootstrap). Returns `base` unchanged for no records.
TransferModel fineTuneTransferModel(const TransferModel& base,
                                    const std::vector<TransferRecord>& records);

/// The spec's transferred model ("transfer"), fine-tuned on the study's finished full runs.
/// Throws InputError when the spec names none or it cannot be read.
TransferModel studyTransferModel(const StudyStore& store, const StudySpec& spec);

/// A transferred model's prediction (log(final validation / start loss), loss-like) in the
/// metric's units: start loss · e^p, or 1 − e^p for accuracy.
double transferredOutcome(const ConfigurationRecord& probe, double predicted, Metric metric);

/// The full run's steps R of a configuration (spec's steps, or epochs × ⌈train rows / batch⌉).
std::int64_t fullRunSteps(const StudySpec& spec, const Hyperparameters& hyper,
                          std::int64_t trainRows);

/// Opens rung k+1 when rung k (rung 0: the probing) is complete and k < K: its entrants are the
/// ⌈n/η^(k+1)⌉ configurations with the highest promotion score at rung k (ties: lower index),
/// each with rungSteps() of its full run. Several workers may call it: only one opens a rung.
/// Returns the rung opened by this call or an earlier one (the highest rung with rows), 0 while
/// probing is not complete.
int openNextRung(StudyStore& store, const StudySpec& spec);

/// What the promotion score changed at one rung of a probe-halving study, from the stored rung
/// rows only (GUI study panel / report, `study status`): the configurations the score promoted
/// out of this rung and those the validation at the rung alone (plain halving) would have
/// promoted from the same entrants. Configurations plain halving would have promoted further
/// were never trained there, so their outcome is unknown; this says where the two disagree.
struct RungComparison
{
    int rung = 0;                               ///< 0 = the probe
    int entrants = 0;
    std::vector<std::int64_t> promotedByScore;  ///< configuration ids, best first
    std::vector<std::int64_t> promotedByValidation;
    bool agree() const;                         ///< same set
};
/// One entry per rung that has promoted (0 … K−1). Throws InputError when the study's strategy
/// is not probe-halving.
std::vector<RungComparison> compareRungPromotions(const StudyStore& store, const StudySpec& spec);

struct HalvingSummary
{
    StudyRunSummary probe;    ///< rung 0
    int rungsTrained = 0;     ///< rung rows finished by this call
    int rungsLost = 0;        ///< claims taken over by another worker while this one trained
    int rungErrors = 0;
    int currentRung = 0;      ///< highest rung opened so far
    int rungs = 0;            ///< K (0 before rung 1 opens)
    bool finished = false;    ///< the last rung is done
    std::int64_t pick = 0;    ///< configuration id of the pick when finished
    double pickOutcome = 0.0; ///< its validation metric after the full run
    double seconds = 0.0;
};

/// The folder of the trainer checkpoints between rungs: the spec's "halving.checkpoints", else
/// "<database>.rungs" next to an SQLite study. Throws InputError for a study on PostgreSQL
/// without one (no folder next to a server is one every worker sees); prepareStudy() checks this
/// before it stores anything.
std::string rungCheckpointFolder(const StudyStore& store, const StudySpec& spec);

/// Runs a probe-halving study as one worker among any number on the same database: probes the
/// pending configurations (runStudy), then opens, claims and trains rungs until the last is done.
/// Waits (polling progress, so it can be cancelled) while other workers hold the rung it needs.
/// Checkpoints go to "<database>.rungs/". The last rung's run is also stored as a full run.
/// Throws CancelledError when progress returns false (the rung in flight goes back to pending),
/// InputError when the spec's strategy is not probe-halving.
HalvingSummary runProbeHalving(StudyStore& store, Problem& problem,
                               const StudyRunOptions& options = {},
                               const ProgressFn& progress = {});

} // namespace borehole
