#pragma once
// The study loop on top of the store: probe every pending configuration (resumable), fit the
// meta-model and rank, target mode, and the active loop of follow-up full training runs. The CLI
// (`borehole-cli study ...`) and the GUI's study view call these; nothing here prints.
#include "borehole/meta_model.h"
#include "borehole/study.h"
#include "borehole/study_store.h"

#include <functional>
#include <map>
#include <optional>

namespace borehole {

/// Stores spec and sampled configurations in a new database, or checks that an existing one
/// holds the same spec. Throws InputError "<db>: holds a different study spec (...)" otherwise.
void prepareStudy(StudyStore& store, const StudySpec& spec);
/// The spec stored in the database. Throws InputError when the database holds none.
StudySpec storedSpec(const StudyStore& store);

struct StudyRunOptions
{
    /// Probe at most this many configurations in this call (0: all pending).
    int limit = 0;
    /// Called after each configuration is committed (done or failed), e.g. to update a view.
    std::function<void(const ConfigurationRecord&)> onFinished;
    /// A claim's lease; renewed from the progress callback every leaseSeconds / 4 at most.
    double leaseSeconds = kDefaultLeaseSeconds;
};

struct StudyRunSummary
{
    int recovered = 0; ///< abandoned claims (killed workers) put back into the pool
    int probed = 0;    ///< configurations finished in this call (done + failed)
    int failed = 0;
    /// Attempts that threw (the error is stored as the reason; the configuration is retried,
    /// by this or another worker, up to kMaxConfigurationFailures times, then marked failed).
    int errors = 0;
    int lost = 0;      ///< claims that expired while this worker probed (taken over elsewhere)
    int remaining = 0; ///< still pending afterwards
    int running = 0;   ///< claimed by other workers afterwards
    double seconds = 0.0;
};

/// Probes pending configurations of the study, lowest index first, as one worker among any
/// number of others on the same database: claim (StudyStore::claimNext), probe from the model's
/// whole state as it was when the call started (parameters, buffers, mode; the global RNG seeded
/// per configuration), commit while still owning the claim, next. Killing the process loses at
/// most the one in flight, which goes back to the pool when its lease expires or its process is
/// seen to be gone. A configuration whose probe throws is given back with the error and the run
/// goes on. Progress counts configurations (done, total). Throws CancelledError when progress
/// returns false (the one in flight goes back to pending, the model state is restored), Error
/// when the database cannot be written.
StudyRunSummary runStudy(StudyStore& store, Problem& problem, const StudyRunOptions& options = {},
                         const ProgressFn& progress = {});

/// Names of the meta-model's inputs: encoded hyperparameters then probe features.
std::vector<std::string> metaModelInputNames(const std::vector<ConfigurationRecord>& done);
/// One input row (probe features pass through sign(x)·log(1 + |x|)).
std::vector<double> metaModelInput(const ConfigurationRecord& record,
                                   const std::vector<std::string>& names);

/// Training rows of the study's data set as prepareStudy() stored them (0 when not stored).
std::int64_t trainRowsOf(const StudyStore& store);
/// The latest finished (done or failed) full run of each configuration, by configuration id.
std::map<std::int64_t, FullRunRecord> latestFullRuns(const StudyStore& store);

/// The probe-only promisingness used before full runs exist: −log(loss after the burst),
/// minus log(lr·λmax / bound) for SGD configurations past the edge-of-stability bound.
double proxyScore(const ConfigurationRecord& record);

struct StudyModelOptions
{
    MetaModelOptions ensemble;
    /// Successful full runs needed before the meta-model predicts outcomes (else: proxy).
    int minOutcomes = 5;
};

/// Fits a new meta-model version on the store's probe features (and full-run outcomes once
/// there are enough), predicts every probed configuration and stores version + predictions.
/// Throws InputError when fewer than 3 configurations have been probed successfully.
MetaModelRecord refitMetaModel(StudyStore& store, const StudySpec& spec,
                               const StudyModelOptions& options = {});

/// One row of the ranking.
struct RankedConfiguration
{
    ConfigurationRecord record;
    double predicted = 0.0;      ///< predicted outcome (metric units); NaN without outcome model
    double predictedStd = 0.0;   ///< ensemble spread (metric units)
    double promisingness = 0.0;  ///< higher is better; NaN for failed probes
    std::optional<double> outcome; ///< true outcome of the latest finished full run
    bool fullRunFailed = false;
    /// Estimated cost of a full run: optimizer steps × examples per step (× 2 under SAM).
    double fullRunCost = 0.0;
};

struct StudyRanking
{
    std::optional<MetaModelRecord> model; ///< latest version (without predictions)
    std::vector<RankedConfiguration> rows; ///< every configuration, most promising first
    /// The outcome model fits log(outcome) (mse, mae); promisingness is then −log(predicted).
    bool logUnits = false;
    /// A row's ensemble spread in the fitted units (asinh(std/mean) for log units).
    double fittedSpread(const RankedConfiguration& row) const;
};

/// The latest meta-model's predictions joined with configurations and full runs.
StudyRanking rankStudy(const StudyStore& store, const StudySpec& spec);

/// A guided follow-up run of one ranked configuration (GUI: study panel "Train guided"; CLI:
/// `study train --guided --config ID`): its full-run options under the curvature-guided rate,
/// the cap scaled by its rank among the configurations that have a promisingness.
struct GuidedFollowUp
{
    TrainOptions options;    ///< fullRunOptions() with guidedOptimizerOptions(hyper, scale)
    double initScale = 1.0;  ///< train from initScale·θ₀
    double scale = 1.0;      ///< guidedScaleForRank(rank, count)
    std::size_t rank = 0;    ///< 0 = the most promising
    std::size_t count = 0;   ///< configurations ranked (probed successfully)
    int index = 0;           ///< the configuration's index, as tables show it ("#")
};

/// Throws InputError when the id is unknown ("no configuration with id 42 in this study") or
/// the configuration has no promisingness: not yet probed, or its probe failed
/// ("configuration #7 has no probe result to rank it by").
GuidedFollowUp guidedFollowUp(const StudySpec& spec, const StudyRanking& ranking,
                              std::int64_t configurationId);

struct TargetCandidate
{
    RankedConfiguration row;
    double probability = 0.0; ///< P(outcome meets target); 1 or 0 when a full run measured it
};

/// Target mode: configurations whose probability of meeting `target` is at least
/// `minProbability`, cheapest full run first (ties: likelier first). The probability is
/// Gaussian on the prediction with σ² = ensemble variance + validation RMSE² (in the fitted,
/// log-transformed units for mse/mae). Throws InputError when the latest meta-model has not
/// been fitted on outcomes.
std::vector<TargetCandidate> targetCandidates(const StudyRanking& ranking,
                                              const OutcomeTarget& target,
                                              double minProbability = 0.5);

/// Active loop: the next `count` probed configurations without a full run, by upper confidence
/// bound (goodness + kappa·σ) under an outcome model, by promisingness otherwise.
std::vector<std::int64_t> selectForFullRuns(const StudyRanking& ranking, int count,
                                            double kappa = 1.0);

struct FollowUpSummary
{
    int trained = 0;
    int failed = 0;
    int rounds = 0;
    double seconds = 0.0;
};

/// Full training runs of the given configurations, in order, each from the model's state as
/// it was when the call started (no selection, no refit): the GUI's "train selected". Each run
/// is a full-run row owned by this worker, its lease renewed while it trains. Throws InputError
/// for an unknown id, CancelledError when progress says stop (the run in flight is discarded).
FollowUpSummary trainConfigurations(StudyStore& store, Problem& problem,
                                    const std::vector<std::int64_t>& configurationIds,
                                    const ProgressFn& progress = {});

/// `rounds` × (select `perRound` by selectForFullRuns, train each fully from θ₀ and store the
/// outcome and learning curve, refit the meta-model). Throws CancelledError when progress says
/// stop: the run in flight is discarded, finished ones are kept.
FollowUpSummary trainFollowUps(StudyStore& store, Problem& problem, int perRound, int rounds = 1,
                               const StudyModelOptions& options = {},
                               const ProgressFn& progress = {});

} // namespace borehole
