#include "borehole/study_report.h"

#include "borehole/html_report.h"
#include "borehole/studymap.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <sstream>

// Marks the report's texts for Qt's lupdate (translations/, context "StudyReport") without
// making core depend on Qt: the GUI translates them through the ReportTranslator it passes.
#ifndef QT_TRANSLATE_NOOP
#define QT_TRANSLATE_NOOP(context, text) text
#endif

namespace borehole {

namespace {

class Text
{
public:
    explicit Text(const ReportTranslator& translate) : m_translate(translate) {}
    std::string operator()(const char* source) const
    {
        return m_translate ? m_translate(source) : std::string(source);
    }
    std::string operator()(const char* source, const std::vector<std::string>& args) const
    {
        return fillPlaceholders((*this)(source), args);
    }

private:
    const ReportTranslator& m_translate;
};

std::string num(double v, int digits = 4)
{
    return reportNumber(v, digits);
}

constexpr double kInf = std::numeric_limits<double>::infinity();

/// Lower is better from here on: the metric negated where higher is better, +∞ for a run that
/// diverged (NaN or infinite).
double badness(double value, bool higherBetter)
{
    if (!std::isfinite(value))
        return kInf;
    return higherBetter ? -value : value;
}

/// A run's badness after `budget` steps on its curve: the last finite validation at or before
/// it, +∞ once the run has diverged (a non-finite point, or a failed run that ended earlier),
/// NaN when nothing was measured by then.
double badnessAt(const FullRunRecord& run, std::int64_t budget, bool higherBetter)
{
    double value = std::nan("");
    for (const auto& p : run.curve) {
        if (p.step > budget)
            break;
        if (!std::isfinite(p.trainLoss)
            || (!std::isnan(p.validationMetric) && !std::isfinite(p.validationMetric)))
            return kInf;
        if (std::isfinite(p.validationMetric))
            value = badness(p.validationMetric, higherBetter);
    }
    const std::int64_t last = run.curve.empty() ? 0 : run.curve.back().step;
    if (run.status == RunStatus::Failed && budget >= last)
        return kInf;
    return value;
}

/// The first step at which badnessAt() knows something: a finite validation or the divergence
/// (a failed run that measured nothing: its last step); 0 for a run that measured nothing and
/// did not fail (it constrains no rung). One pass over the curve.
std::int64_t firstMeasuredStep(const FullRunRecord& run)
{
    for (const auto& p : run.curve)
        if (!std::isfinite(p.trainLoss) || !std::isnan(p.validationMetric))
            return p.step;
    return run.status == RunStatus::Failed && !run.curve.empty() ? run.curve.back().step : 0;
}

/// C(n, k) as a double (0 when k > n).
double choose(int n, int k)
{
    if (k < 0 || k > n)
        return 0.0;
    return std::exp(std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0));
}

std::string regretText(double regret, bool relative)
{
    if (!std::isfinite(regret))
        return "∞";
    if (relative)
        return reportNumber(100.0 * regret, 3) + " %";
    return "+" + reportNumber(regret, 3);
}

} // namespace

BaselineReplay replayBaselines(const StudySpec& spec, const std::vector<FullRunRecord>& runs)
{
    BaselineReplay r;
    const bool higher = higherIsBetter(spec.metric);
    if (spec.strategy == StudyStrategy::ProbeHalving && spec.halving.eta > 1.0)
        r.eta = spec.halving.eta;
    // The latest finished run of each configuration (ids ascending), and the first run.
    std::map<std::int64_t, const FullRunRecord*> latest;
    const FullRunRecord* firstRun = nullptr;
    for (const auto& run : runs) {
        if (run.status != RunStatus::Done && run.status != RunStatus::Failed)
            continue;
        const FullRunRecord*& slot = latest[run.configurationId];
        if (!slot || run.id > slot->id)
            slot = &run;
        if (!firstRun || run.id < firstRun->id)
            firstRun = &run;
    }
    r.trained = static_cast<int>(latest.size());
    if (r.trained < 2) {
        r.status = BaselineReplay::Status::TooFew;
        return r;
    }
    std::map<std::int64_t, double> finalBadness;
    double best = kInf;
    for (const auto& [id, run] : latest) {
        const double b = run->status == RunStatus::Failed ? kInf : badness(run->outcome, higher);
        finalBadness[id] = b;
        if (b < best) {
            best = b;
            r.bestId = id;
        }
    }
    if (!std::isfinite(best)) {
        r.status = BaselineReplay::Status::AllDiverged;
        return r;
    }
    r.status = BaselineReplay::Status::Compared;
    r.best = higher ? -best : best;
    r.relative = std::abs(best) > 1e-12;
    auto regret = [&](double b) {
        if (!std::isfinite(b))
            return kInf;
        return r.relative ? (b - best) / std::abs(best) : b - best;
    };
    r.firstId = firstRun->configurationId;
    r.first = higher ? -finalBadness.at(r.firstId) : finalBadness.at(r.firstId);
    r.firstRegret = regret(finalBadness.at(r.firstId));

    // Successive halving on the curves. R: the shortest full run's length (no extrapolation);
    // the first rung no earlier than every curve's first measurement.
    std::int64_t fullSteps = std::numeric_limits<std::int64_t>::max();
    std::int64_t firstMeasured = 1;
    for (const auto& [id, run] : latest) {
        const std::int64_t steps = run->steps > 0 ? run->steps
                                   : run->curve.empty() ? 0
                                                        : run->curve.back().step;
        if (run->status == RunStatus::Done)
            fullSteps = std::min(fullSteps, steps);
        firstMeasured = std::max(firstMeasured, firstMeasuredStep(*run));
    }
    const int n = r.trained;
    int rungs = 0;
    if (fullSteps > 0 && fullSteps != std::numeric_limits<std::int64_t>::max()) {
        const double byCount = std::log(static_cast<double>(n)) / std::log(r.eta);
        const double byCurve =
            std::log(static_cast<double>(fullSteps) / static_cast<double>(firstMeasured))
            / std::log(r.eta);
        rungs = std::max(0, static_cast<int>(std::floor(std::min(byCount, byCurve) + 1e-9)));
    }
    r.halvingRungs = rungs;
    std::vector<std::int64_t> survivors;
    for (const auto& [id, run] : latest)
        survivors.push_back(id);
    double steps = 0.0;
    std::int64_t previous = 0;
    for (int k = 0; k <= rungs; ++k) {
        const std::int64_t budget =
            k == rungs ? fullSteps
                       : static_cast<std::int64_t>(std::llround(
                           static_cast<double>(fullSteps) / std::pow(r.eta, rungs - k)));
        steps += static_cast<double>(survivors.size()) * static_cast<double>(budget - previous);
        previous = budget;
        std::map<std::int64_t, double> score; // each curve read once per rung, not per comparison
        for (const auto id : survivors) {
            const double b = k == rungs ? finalBadness.at(id) : badnessAt(*latest.at(id), budget, higher);
            score[id] = std::isnan(b) ? kInf : b;
        }
        std::stable_sort(survivors.begin(), survivors.end(), [&](std::int64_t a, std::int64_t b) {
            return score.at(a) < score.at(b);
        });
        if (k < rungs)
            survivors.resize(std::max<std::size_t>(
                1, static_cast<std::size_t>(std::floor(survivors.size() / r.eta))));
    }
    r.halvingId = survivors.front();
    r.halvingRegret = regret(finalBadness.at(r.halvingId));
    r.halvingCompute = rungs == 0 ? 1.0 : steps / (static_cast<double>(n) * fullSteps);

    // Random search at that compute: the best of k distinct runs drawn at random, exactly.
    r.randomRuns = std::clamp(static_cast<int>(std::lround(r.halvingCompute * n)), 1, n);
    std::vector<double> regrets;
    for (const auto& [id, b] : finalBadness)
        regrets.push_back(regret(b));
    std::sort(regrets.begin(), regrets.end());
    const double subsets = choose(n, r.randomRuns);
    r.randomRegret = 0.0;
    r.randomAtLeastFirst = 0.0;
    for (int i = 0; i < n; ++i) {
        const double p = choose(n - 1 - i, r.randomRuns - 1) / subsets; // the i-th is the best
        if (p <= 0.0)
            continue;
        r.randomRegret += std::isfinite(regrets[i]) ? p * regrets[i] : kInf;
        if (regrets[i] <= r.firstRegret)
            r.randomAtLeastFirst += p;
    }
    return r;
}

std::vector<std::string> baselineReplayLines(const BaselineReplay& r,
                                             const std::map<std::int64_t, int>& index,
                                             const ReportTranslator& translate)
{
    const Text text(translate);
    auto name = [&](std::int64_t id) {
        const auto it = index.find(id);
        return it == index.end() ? std::string("?") : std::to_string(it->second);
    };
    if (r.status == BaselineReplay::Status::TooFew)
        return {text(QT_TRANSLATE_NOOP("StudyReport", "Fewer than two configurations were "
                                                      "trained fully: nothing to replay the "
                                                      "baselines on yet."))};
    if (r.status == BaselineReplay::Status::AllDiverged)
        return {text(QT_TRANSLATE_NOOP("StudyReport",
                                       "Every full run diverged: there is no pick to compare."))};
    std::vector<std::string> lines;
    lines.push_back(text(QT_TRANSLATE_NOOP("StudyReport", "%1 configurations were trained fully; "
                                                          "the best, #%2, reached %3."),
                         {std::to_string(r.trained), name(r.bestId), reportNumber(r.best)}));
    if (!std::isfinite(r.firstRegret))
        lines.push_back(text(QT_TRANSLATE_NOOP("StudyReport",
                                               "The first one trained (the probe ranking's pick "
                                               "when the active loop chose it), #%1, diverged."),
                             {name(r.firstId)}));
    else
        lines.push_back(text(QT_TRANSLATE_NOOP("StudyReport",
                                               "The first one trained (the probe ranking's pick "
                                               "when the active loop chose it), #%1, is %2 off "
                                               "the best."),
                             {name(r.firstId), regretText(r.firstRegret, r.relative)}));
    const std::string eta = reportNumber(r.eta, 6);
    if (r.halvingRungs == 0)
        lines.push_back(text(QT_TRANSLATE_NOOP("StudyReport",
                                               "Successive halving (η = %1) would train every "
                                               "configuration fully here: too few configurations "
                                               "or too coarse curves for a rung."),
                             {eta}));
    else
        lines.push_back(text(QT_TRANSLATE_NOOP("StudyReport",
                                               "Successive halving (η = %1, rungs: %2) replayed on "
                                               "the recorded curves would have picked #%3, %4 off "
                                               "the best, with %5 % of the compute of training "
                                               "every configuration fully."),
                             {eta, std::to_string(r.halvingRungs), name(r.halvingId),
                              regretText(r.halvingRegret, r.relative),
                              reportNumber(100.0 * r.halvingCompute, 3)}));
    const std::string probability = reportNumber(r.randomAtLeastFirst, 3);
    if (std::isfinite(r.randomRegret))
        lines.push_back(text(QT_TRANSLATE_NOOP("StudyReport",
                                               "Random search with that compute (the best of %1 "
                                               "random full runs) is on average %2 off the best; "
                                               "it does at least as well as the first pick with "
                                               "probability %3."),
                             {std::to_string(r.randomRuns), regretText(r.randomRegret, r.relative),
                              probability}));
    else
        lines.push_back(text(QT_TRANSLATE_NOOP("StudyReport",
                                               "Random search with that compute (the best of %1 "
                                               "random full runs) can pick a run that diverged; it "
                                               "does at least as well as the first pick with "
                                               "probability %2."),
                             {std::to_string(r.randomRuns), probability}));
    lines.push_back(text(QT_TRANSLATE_NOOP("StudyReport", "The LR range test needs runs of its own "
                                                          "and is not replayed here.")));
    return lines;
}

std::optional<StudyChoice> chooseConfiguration(const StudyRanking& r, const StudySpec& spec)
{
    const RankedConfiguration* chosen = nullptr;
    std::string basis;
    for (const auto& row : r.rows) // best measured outcome first
        if (row.outcome
            && (!chosen
                || (higherIsBetter(spec.metric) ? *row.outcome > *chosen->outcome
                                                : *row.outcome < *chosen->outcome)))
            chosen = &row;
    if (chosen) {
        basis = "best measured full-run outcome";
    } else if (!r.rows.empty() && std::isfinite(r.rows.front().promisingness)) {
        chosen = &r.rows.front();
        basis = r.model && r.model->predictsOutcomes()
                    ? "best predicted outcome"
                    : "highest probe promisingness (no full runs yet)";
    }
    if (!chosen)
        return std::nullopt;
    return StudyChoice{chosen->record.id, chosen->record.index,
                       nlohmann::json::parse(hyperparametersJson(chosen->record.hyper)).dump(2),
                       basis};
}

std::map<std::int64_t, int> configurationIndices(const StudyRanking& ranking)
{
    std::map<std::int64_t, int> index;
    for (const auto& row : ranking.rows)
        index[row.record.id] = row.record.index;
    return index;
}

std::vector<std::string> probeHalvingLines(const StudySpec& spec, const StudyRanking& ranking,
                                           const std::vector<RungRecord>& rungs,
                                           const std::vector<RungComparison>& comparisons,
                                           const ReportTranslator& translate)
{
    std::vector<std::string> lines;
    if (spec.strategy != StudyStrategy::ProbeHalving)
        return lines;
    const Text text(translate);
    auto index = configurationIndices(ranking);
    auto list = [&](const std::vector<std::int64_t>& ids) {
        std::string names;
        for (const auto id : ids)
            names += (names.empty() ? "#" : ", #") + std::to_string(index[id]);
        return names;
    };
    int top = 0;
    for (const auto& r : rungs)
        top = std::max(top, r.rung);
    const std::string eta = num(spec.halving.eta, 6);
    if (rungs.empty())
        lines.push_back(text(QT_TRANSLATE_NOOP("StudyReport",
                                               "Probe-halving (η = %1): no rung opened yet; rung "
                                               "1 opens when every configuration is probed."),
                             {eta}));
    else
        lines.push_back(
            text(QT_TRANSLATE_NOOP("StudyReport", "Probe-halving (η = %1): %2 rung runs up to rung %3."),
                 {eta, std::to_string(rungs.size()), std::to_string(top)}));
    for (const auto& c : comparisons) {
        const std::vector<std::string> args{std::to_string(c.rung), std::to_string(c.rung + 1),
                                            std::to_string(c.entrants), list(c.promotedByScore),
                                            list(c.promotedByValidation)};
        lines.push_back(c.agree() ? text(QT_TRANSLATE_NOOP("StudyReport",
                                                           "Rung %1 → %2 (%3 entrants): the score "
                                                           "promoted %4, as the validation alone "
                                                           "would have."),
                                         args)
                                  : text(QT_TRANSLATE_NOOP("StudyReport",
                                                           "Rung %1 → %2 (%3 entrants): the score "
                                                           "promoted %4; the validation alone "
                                                           "(plain successive halving) would have "
                                                           "promoted %5."),
                                         args));
    }
    return lines;
}

std::string curvatureMapSvg(const StudyRanking& r)
{
    struct Point
    {
        double x, y, score;
    };
    std::vector<Point> pts;
    std::set<double> momenta;
    for (const auto& row : r.rows) {
        const double lambda = row.record.feature("lambda_max");
        if (!(lambda > 0.0 && std::isfinite(lambda)) || !(row.record.hyper.learningRate > 0.0))
            continue;
        pts.push_back({std::log10(row.record.hyper.learningRate), std::log10(lambda),
                       row.promisingness});
        momenta.insert(row.record.hyper.momentum);
    }
    if (pts.size() < 2)
        return {};
    double x0 = pts[0].x, x1 = x0, y0 = pts[0].y, y1 = y0, s0 = 1e300, s1 = -1e300;
    for (const auto& p : pts) {
        x0 = std::min(x0, p.x), x1 = std::max(x1, p.x), y0 = std::min(y0, p.y), y1 = std::max(y1, p.y);
        if (std::isfinite(p.score))
            s0 = std::min(s0, p.score), s1 = std::max(s1, p.score);
    }
    x0 -= 0.1, x1 += 0.1, y0 -= 0.2, y1 += 0.2;
    const double w = 560, h = 360, l = 60, b = 40;
    auto sx = [&](double x) { return l + (x - x0) / (x1 - x0) * (w - l - 10); };
    auto sy = [&](double y) { return h - b - (y - y0) / (y1 - y0) * (h - b - 10); };
    std::ostringstream o;
    o << "<svg xmlns='http://www.w3.org/2000/svg' width='" << w << "' height='" << h
      << "' font-family='sans-serif' font-size='11'>\n<rect x='" << l << "' y='10' width='"
      << w - l - 10 << "' height='" << h - b - 10 << "' fill='none' stroke='#888'/>\n";
    // The same edge-of-stability curves as the GUI's map: λmax = (2+2β)/lr per momentum β.
    const auto curves = stabilityCurves("learning_rate", "lambda_max", momenta, std::nan(""),
                                        std::pow(10.0, x0), std::pow(10.0, x1),
                                        std::pow(10.0, y0), std::pow(10.0, y1), true, true);
    for (const auto& curve : curves) {
        const auto piece = clipCurve(curve, x0, x1, y0, y1, true, true);
        if (piece.size() < 2)
            continue;
        o << "<polyline fill='none' stroke='#c00' stroke-dasharray='6 4' points='";
        for (const auto& [x, y] : piece)
            o << sx(x) << "," << sy(y) << " ";
        o << "'/>\n";
    }
    std::string label = "λmax = 2/lr (stability edge)";
    if (momenta.size() > 1 || (momenta.size() == 1 && *momenta.begin() != 0.0))
        label = "λmax = (2+2β)/lr (stability edge, one line per momentum β)";
    o << "<text x='" << w - 12 << "' y='24' fill='#c00' text-anchor='end'>" << escapeHtml(label)
      << "</text>\n";
    for (const auto& p : pts) {
        const double t = std::isfinite(p.score) && s1 > s0 ? (p.score - s0) / (s1 - s0) : 0.0;
        o << "<circle cx='" << sx(p.x) << "' cy='" << sy(p.y) << "' r='4' fill='rgb("
          << static_cast<int>(230 * (1 - t)) << "," << static_cast<int>(60 + 150 * t) << ",80)'/>\n";
    }
    o << "<text x='" << w / 2 << "' y='" << h - 8 << "' text-anchor='middle'>log10 learning rate"
      << "</text>\n<text x='14' y='" << h / 2 << "' transform='rotate(-90 14 " << h / 2
      << ")' text-anchor='middle'>log10 λmax after the burst</text>\n";
    for (int k = static_cast<int>(std::ceil(x0)); k <= x1; ++k)
        o << "<text x='" << sx(k) << "' y='" << h - b + 14 << "' text-anchor='middle'>" << k
          << "</text>\n";
    for (int k = static_cast<int>(std::ceil(y0)); k <= y1; ++k)
        o << "<text x='" << l - 6 << "' y='" << sy(k) + 4 << "' text-anchor='end'>" << k
          << "</text>\n";
    o << "</svg>";
    return o.str();
}

std::string studyReportHtml(const StudyReportData& c, const ReportTranslator& translate)
{
    const Text text(translate);
    const std::string title = text(QT_TRANSLATE_NOOP("StudyReport", "Borehole study report"));
    HtmlReport h(title);
    h.heading(title + ": " + (c.spec.name.empty() ? c.database : c.spec.name), 1);
    h.paragraph(text(QT_TRANSLATE_NOOP("StudyReport", "Database %1, written by %2 on %3."),
                     {c.database, c.writtenBy, c.writtenAt}));

    h.heading(text(QT_TRANSLATE_NOOP("StudyReport", "Study")));
    h.keyValueTable(
        {{text(QT_TRANSLATE_NOOP("StudyReport", "Model")), c.spec.modelPath},
         {text(QT_TRANSLATE_NOOP("StudyReport", "Data")), c.spec.dataPath},
         {text(QT_TRANSLATE_NOOP("StudyReport", "Sampler")), toString(c.spec.sampler.kind)},
         {text(QT_TRANSLATE_NOOP("StudyReport", "Outcome metric")), toString(c.spec.metric)},
         {text(QT_TRANSLATE_NOOP("StudyReport", "Configurations")),
          text(QT_TRANSLATE_NOOP("StudyReport",
                                 "%1: %2 done, %3 failed, %4 pending, %5 running; %6 full runs"),
               {std::to_string(c.counts.total()), std::to_string(c.counts.done),
                std::to_string(c.counts.failed), std::to_string(c.counts.pending),
                std::to_string(c.counts.running), std::to_string(c.counts.fullRuns)})}});

    if (c.choice) {
        h.heading(text(QT_TRANSLATE_NOOP("StudyReport", "Chosen configuration")));
        h.paragraph(text(QT_TRANSLATE_NOOP("StudyReport", "Configuration #%1, chosen by %2."),
                         {std::to_string(c.choice->index), c.choice->basis}));
        h.preformatted(c.choice->hyperparameters);
    }

    h.heading(text(QT_TRANSLATE_NOOP("StudyReport", "Meta-model")));
    if (const auto& m = c.ranking.model) {
        std::vector<std::pair<std::string, std::string>> rows{
            {text(QT_TRANSLATE_NOOP("StudyReport", "Version")), std::to_string(m->version)},
            {text(QT_TRANSLATE_NOOP("StudyReport", "Kind")),
             m->kind == "outcome"
                 ? text(QT_TRANSLATE_NOOP("StudyReport", "outcome model (fitted on full-run outcomes)"))
             : m->kind == "transfer"
                 ? text(QT_TRANSLATE_NOOP("StudyReport",
                                          "transferred model (fitted on other tasks, fine-tuned "
                                          "on this study's full runs)"))
                 : text(QT_TRANSLATE_NOOP("StudyReport",
                                          "proxy model (probe score; no outcome model yet)"))},
            {text(QT_TRANSLATE_NOOP("StudyReport", "Ensemble members")), std::to_string(m->members)},
            {text(QT_TRANSLATE_NOOP("StudyReport", "Training rows")), std::to_string(m->trainingRows)}};
        if (std::isfinite(m->validationRmse))
            rows.emplace_back(
                text(QT_TRANSLATE_NOOP("StudyReport", "Validation error")),
                text(m->kind == "transfer"
                         ? QT_TRANSLATE_NOOP("StudyReport",
                                             "RMSE %1 (fitted units%2), Spearman ρ %3 on this "
                                             "study's full runs, before fine-tuning on them")
                         : QT_TRANSLATE_NOOP("StudyReport",
                                             "RMSE %1 (fitted units%2), Spearman ρ %3 on held-out rows"),
                     {num(m->validationRmse, 3),
                      c.ranking.logUnits ? text(QT_TRANSLATE_NOOP("StudyReport", ": log of the metric"))
                                         : std::string(),
                      num(m->validationSpearman, 3)}));
        else
            rows.emplace_back(text(QT_TRANSLATE_NOOP("StudyReport", "Validation error")),
                              text(m->kind == "transfer"
                                       ? QT_TRANSLATE_NOOP("StudyReport",
                                                           "not measured: fewer than 2 full runs "
                                                           "in this study")
                                       : QT_TRANSLATE_NOOP("StudyReport",
                                                           "too few rows to hold any out")));
        rows.emplace_back(text(QT_TRANSLATE_NOOP("StudyReport", "Fitted")), m->createdAt);
        h.keyValueTable(rows);
    } else {
        h.paragraph(text(QT_TRANSLATE_NOOP("StudyReport", "No meta-model fitted yet.")));
    }
    if (!c.modelNote.empty())
        h.note(c.modelNote);

    h.heading(text(QT_TRANSLATE_NOOP("StudyReport", "Ranking (most promising first)")));
    std::vector<std::vector<std::string>> ranking;
    for (const auto& r : c.ranking.rows) {
        if (static_cast<int>(ranking.size()) >= c.maxRows)
            break;
        std::string status = toString(r.record.status);
        if (!r.record.reason.empty())
            status += ": " + readableNumbers(r.record.reason);
        ranking.push_back(
            {std::to_string(ranking.size() + 1), std::to_string(r.record.index),
             describe(r.record.hyper), status, num(r.record.feature("lambda_max")),
             num(r.record.feature("eos_ratio"), 3), num(r.record.feature("burst_final_loss")), num(r.predicted),
             num(r.predictedStd, 3), num(r.promisingness),
             r.outcome ? num(*r.outcome)
                       : (r.fullRunFailed ? text(QT_TRANSLATE_NOOP("StudyReport", "diverged"))
                                          : std::string("–"))});
    }
    h.table({text(QT_TRANSLATE_NOOP("StudyReport", "Rank")), text(QT_TRANSLATE_NOOP("StudyReport", "#")),
             text(QT_TRANSLATE_NOOP("StudyReport", "Hyperparameters")),
             text(QT_TRANSLATE_NOOP("StudyReport", "Status")),
             text(QT_TRANSLATE_NOOP("StudyReport", "λmax")),
             text(QT_TRANSLATE_NOOP("StudyReport", "lr·λmax / bound")),
             text(QT_TRANSLATE_NOOP("StudyReport", "Loss after burst")),
             text(QT_TRANSLATE_NOOP("StudyReport", "Predicted")), text(QT_TRANSLATE_NOOP("StudyReport", "±")),
             text(QT_TRANSLATE_NOOP("StudyReport", "Promisingness")),
             text(QT_TRANSLATE_NOOP("StudyReport", "Measured"))},
            ranking);
    if (c.ranking.rows.size() > ranking.size())
        h.paragraph(text(QT_TRANSLATE_NOOP("StudyReport", "… and %1 more configurations."),
                         {std::to_string(c.ranking.rows.size() - ranking.size())}));

    if (!c.fullRuns.empty()) {
        h.heading(text(QT_TRANSLATE_NOOP("StudyReport", "The pick against the baselines")));
        const auto index = configurationIndices(c.ranking);
        for (const auto& line : baselineReplayLines(replayBaselines(c.spec, c.fullRuns), index,
                                                    translate))
            h.paragraph(line);
    }

    if (!c.figures.empty()) {
        h.heading(text(QT_TRANSLATE_NOOP("StudyReport", "Maps")));
        for (const auto& f : c.figures)
            h.figure(f);
    }

    const auto halving = probeHalvingLines(c.spec, c.ranking, c.rungs, c.rungComparisons, translate);
    if (!halving.empty() || !c.rungs.empty()) {
        h.heading(text(QT_TRANSLATE_NOOP("StudyReport", "Probe-halving rungs")));
        for (const auto& line : halving)
            h.paragraph(line);
        if (!c.rungs.empty()) {
            auto index = configurationIndices(c.ranking);
            std::vector<std::vector<std::string>> rows;
            for (const auto& r : c.rungs)
                rows.push_back({std::to_string(r.rung), std::to_string(index[r.configurationId]),
                                std::to_string(r.steps), toString(r.status), num(r.validation),
                                num(r.lambdaMax), num(r.score, 3)});
            h.table({text(QT_TRANSLATE_NOOP("StudyReport", "Rung")), text(QT_TRANSLATE_NOOP("StudyReport", "#")),
                     text(QT_TRANSLATE_NOOP("StudyReport", "Steps")),
                     text(QT_TRANSLATE_NOOP("StudyReport", "Status")),
                     text(QT_TRANSLATE_NOOP("StudyReport", "Validation")),
                     text(QT_TRANSLATE_NOOP("StudyReport", "λmax")),
                     text(QT_TRANSLATE_NOOP("StudyReport", "Score"))},
                    rows);
        }
    }

    h.heading(text(QT_TRANSLATE_NOOP("StudyReport", "Target mode")));
    if (c.target.empty()) {
        h.paragraph(text(QT_TRANSLATE_NOOP("StudyReport", "No target set.")));
    } else {
        h.paragraph(text(QT_TRANSLATE_NOOP("StudyReport", "Target %1, probability ≥ %2."),
                         {c.target, num(c.minProbability, 6)}));
        if (!c.targetMessage.empty())
            h.paragraph(c.targetMessage);
        if (!c.candidates.empty()) {
            std::vector<std::vector<std::string>> rows;
            for (const auto& t : c.candidates)
                rows.push_back({std::to_string(t.row.record.index), describe(t.row.record.hyper),
                                num(t.probability, 3), num(t.row.predicted),
                                num(t.row.fullRunCost, 3)});
            h.table({text(QT_TRANSLATE_NOOP("StudyReport", "#")),
                     text(QT_TRANSLATE_NOOP("StudyReport", "Hyperparameters")),
                     text(QT_TRANSLATE_NOOP("StudyReport", "Probability")),
                     text(QT_TRANSLATE_NOOP("StudyReport", "Predicted")),
                     text(QT_TRANSLATE_NOOP("StudyReport", "Full-run cost"))},
                    rows);
        }
    }

    h.heading(text(QT_TRANSLATE_NOOP("StudyReport", "Spec")));
    h.preformatted(toJson(c.spec));
    return h.html();
}

} // namespace borehole
