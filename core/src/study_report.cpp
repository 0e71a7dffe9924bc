#include "borehole/study_report.h"

#include "borehole/html_report.h"
#include "borehole/studymap.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
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

double feature(const RankedConfiguration& row, const char* key)
{
    const auto it = row.record.features.find(key);
    return it == row.record.features.end() ? std::nan("") : it->second;
}

} // namespace

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
        basis = r.model && r.model->kind == "outcome"
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
        const double lambda = feature(row, "lambda_max");
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
                 : text(QT_TRANSLATE_NOOP("StudyReport",
                                          "proxy model (probe score; no outcome model yet)"))},
            {text(QT_TRANSLATE_NOOP("StudyReport", "Ensemble members")), std::to_string(m->members)},
            {text(QT_TRANSLATE_NOOP("StudyReport", "Training rows")), std::to_string(m->trainingRows)}};
        if (std::isfinite(m->validationRmse))
            rows.emplace_back(
                text(QT_TRANSLATE_NOOP("StudyReport", "Validation error")),
                text(QT_TRANSLATE_NOOP("StudyReport",
                                       "RMSE %1 (fitted units%2), Spearman ρ %3 on held-out rows"),
                     {num(m->validationRmse, 3),
                      c.ranking.logUnits ? text(QT_TRANSLATE_NOOP("StudyReport", ": log of the metric"))
                                         : std::string(),
                      num(m->validationSpearman, 3)}));
        else
            rows.emplace_back(text(QT_TRANSLATE_NOOP("StudyReport", "Validation error")),
                              text(QT_TRANSLATE_NOOP("StudyReport", "too few rows to hold any out")));
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
             describe(r.record.hyper), status, num(feature(r, "lambda_max")),
             num(feature(r, "eos_ratio"), 3), num(feature(r, "burst_final_loss")), num(r.predicted),
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
