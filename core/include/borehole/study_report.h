#pragma once
// The study report, one builder for the GUI's "Export report…" and `borehole-cli study export`:
// the study (files, sampler, counts), the chosen configuration when the caller picked one, the
// meta-model and its validation error, the ranking, the maps (figures the caller supplies: the
// GUI's plots as PNG, the CLI's curvature map as SVG), the probe-halving rungs with what the
// promotion score changed, target mode and the spec. Text goes through `translate` (the GUI
// passes its translations, context "StudyReport"; the CLI none: English).
#include "borehole/html_report.h"
#include "borehole/study.h"
#include "borehole/study_halving.h"
#include "borehole/study_runner.h"
#include "borehole/study_store.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace borehole {

/// The English source text → the text to print (identity when empty).
using ReportTranslator = std::function<std::string(const char* source)>;

struct StudyChoice
{
    std::int64_t id = 0;         ///< the configuration's database id
    int index = 0;               ///< the configuration's "#"
    std::string hyperparameters; ///< as JSON, indented (as `study export` writes them)
    std::string basis;           ///< "best measured full-run outcome", …
};

/// The configuration a study recommends (`borehole-cli study export`, both study reports): the
/// best measured full-run outcome; without full runs the best predicted outcome (outcome model)
/// or the highest probe promisingness. Nothing when no configuration was probed successfully.
std::optional<StudyChoice> chooseConfiguration(const StudyRanking& ranking, const StudySpec& spec);

/// How the study's pick compares with what the baselines would have picked, replayed on the
/// recorded learning curves of the configurations it trained fully (GUI dashboard, both study
/// reports). Regrets are relative to the best of those runs (|best| ≈ 0: absolute, `relative`
/// false); +∞ marks a diverged run. The LR range test needs runs of its own and is not replayed.
struct BaselineReplay
{
    enum class Status {
        Compared,
        TooFew,     ///< fewer than two configurations trained fully
        AllDiverged ///< every full run diverged
    };
    Status status = Status::TooFew;
    int trained = 0; ///< configurations with a finished full run (their latest run counts)
    bool relative = true;
    std::int64_t bestId = 0;
    double best = 0.0;
    /// The first configuration the study trained fully: the probe ranking's pick when the
    /// active loop chose it.
    std::int64_t firstId = 0;
    double first = 0.0;
    double firstRegret = 0.0;
    /// Successive halving (η; rungs at R·η^(k−K) steps, the last at the full run's R, the first
    /// no earlier than every curve's first validation) on the curves' validation metric.
    double eta = 3.0;
    int halvingRungs = 0; ///< K; 0: halving would train every configuration fully
    std::int64_t halvingId = 0;
    double halvingRegret = 0.0;
    double halvingCompute = 0.0; ///< its optimizer steps over those of the trained runs
    /// Random search with halving's compute: the best of `randomRuns` distinct random runs.
    int randomRuns = 0;
    double randomRegret = 0.0;       ///< expected regret (exact over all subsets)
    double randomAtLeastFirst = 0.0; ///< P(its regret ≤ the first pick's)
};

BaselineReplay replayBaselines(const StudySpec& spec, const std::vector<FullRunRecord>& runs);
/// The replay in words, one sentence a line ("#n" names configurations by `index`).
std::vector<std::string> baselineReplayLines(const BaselineReplay& replay,
                                             const std::map<std::int64_t, int>& index,
                                             const ReportTranslator& translate = {});

struct StudyReportData
{
    std::string database; ///< the path, or the URL without its password
    std::string writtenBy; ///< "Borehole 0.1.0", "borehole-cli 0.1.0"
    std::string writtenAt; ///< ISO date and time
    StudySpec spec;
    StudyCounts counts;
    StudyRanking ranking; ///< rows most promising first
    std::string modelNote; ///< why the meta-model could not be fitted ("" otherwise)
    std::optional<StudyChoice> choice;
    /// Target mode: the expression ("" when none), its candidates, or why there are none.
    std::string target;
    double minProbability = 0.5;
    std::vector<TargetCandidate> candidates;
    std::string targetMessage;
    std::vector<HtmlFigure> figures;
    /// Probe-halving studies: the rung rows and per promoted rung what the score changed.
    std::vector<RungRecord> rungs;
    std::vector<RungComparison> rungComparisons;
    /// Every full run: the pick against the baselines on their curves (replayBaselines()).
    std::vector<FullRunRecord> fullRuns;
    int maxRows = 100; ///< ranking rows written; the rest are counted
};

std::string studyReportHtml(const StudyReportData& data, const ReportTranslator& translate = {});

/// Configuration id → its index in the sampler's list (the "#" users see).
std::map<std::int64_t, int> configurationIndices(const StudyRanking& ranking);

/// Probe-halving studies: one line for the rungs opened, then one per promoted rung saying
/// whether the promotion score promoted what the validation alone (plain successive halving)
/// would have. Empty for other strategies.
std::vector<std::string> probeHalvingLines(const StudySpec& spec, const StudyRanking& ranking,
                                           const std::vector<RungRecord>& rungs,
                                           const std::vector<RungComparison>& comparisons,
                                           const ReportTranslator& translate = {});

/// log10 lr against log10 λmax after the burst for every probed configuration, coloured by
/// promisingness, with the edge of stability λmax = (2+2β)/lr for each momentum β
/// (studymap.h's curves). Empty when fewer than two configurations have a positive λmax.
std::string curvatureMapSvg(const StudyRanking& ranking);

} // namespace borehole
