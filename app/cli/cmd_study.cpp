// borehole-cli study run | status | export | train
#include "commands.h"
#include "common.h"

#include <borehole/chosen_csv.h>
#include <borehole/error.h>
#include <borehole/report.h>
#include <borehole/study_halving.h>
#include <borehole/study_report.h>
#include <borehole/study_runner.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>

namespace borehole::cli {
namespace {

using nlohmann::json;

const char* kUsage = "Usage: borehole-cli study <run|worker|status|export|train> [options]\n\n"
                     "  run     probe every configuration of a spec (resumable; Ctrl-C safe)\n"
                     "  worker  one more worker on an existing study: run --no-fit (any machine,\n"
                     "          with --db postgresql://...; docs/scale-out.md)\n"
                     "  status  progress, meta-model, ranking and target candidates\n"
                     "  export  chosen hyperparameters as JSON plus an HTML report\n"
                     "  train   full training runs of the most promising configurations\n\n"
                     "Run 'borehole-cli study <action> --help' for the options of an action.\n";

std::string fmt(double v, const char* f = "%.4g")
{
    if (!std::isfinite(v))
        return "-";
    char buf[64];
    std::snprintf(buf, sizeof buf, f, v);
    return buf;
}

json hyperJson(const Hyperparameters& h)
{
    return json::parse(hyperparametersJson(h));
}

json num(double v)
{
    return std::isfinite(v) ? json(v) : json(nullptr);
}

void addDb(Args& a)
{
    a.addOption("db", "study.sqlite",
                "The study database: an SQLite file, or a study on a PostgreSQL server "
                "(postgresql://user@host/dbname, docs/scale-out.md)");
    a.addFlag("quiet", "No progress on stderr");
}

/// A database that must exist already (status, export, train): a missing path is refused
/// instead of leaving an empty database behind.
StudyStore openDb(const Args& a)
{
    a.require("db");
    return StudyStore::openExisting(a.value("db"));
}

/// An integer option within [min, max]; UsageError names the option, the range and the value.
int boundedInt(const Args& a, const std::string& name, std::int64_t min,
               std::int64_t max = 1000000000)
{
    return static_cast<int>(a.integer(name, min, max));
}

StudyModelOptions modelOptions(const Args& a)
{
    StudyModelOptions o;
    o.ensemble.members = boundedInt(a, "members", 1, 1000);
    o.ensemble.epochs = boundedInt(a, "epochs", 1);
    o.minOutcomes = boundedInt(a, "min-outcomes", 3);
    if (o.ensemble.members < 1 || o.ensemble.epochs < 1 || o.minOutcomes < 3)
        throw UsageError("--members and --epochs must be positive and --min-outcomes at least 3");
    return o;
}

void addModelOptions(Args& a)
{
    a.addOption("members", "n", "Meta-model ensemble members", "5");
    a.addOption("epochs", "n", "Meta-model training epochs per member", "400");
    a.addOption("min-outcomes", "n", "Full runs needed before the meta-model predicts outcomes",
                "5");
}

std::string rankingTable(const StudyRanking& r, const StudySpec& spec, std::size_t rows)
{
    std::ostringstream o;
    const std::string m = toString(spec.metric);
    char head[200];
    std::snprintf(head, sizeof head, "  %-4s %-8s %-44s %9s %9s %9s %9s %9s\n", "#", "status",
                  "configuration", "promise", "λmax", "lr·λ/bnd", ("pred " + m).c_str(),
                  ("true " + m).c_str());
    o << head;
    for (std::size_t i = 0; i < r.rows.size() && i < rows; ++i) {
        const auto& row = r.rows[i];
        const auto& f = row.record.features;
        auto feature = [&](const char* k) {
            const auto it = f.find(k);
            return it == f.end() ? std::nan("") : it->second;
        };
        char line[400];
        std::snprintf(line, sizeof line, "  %-4d %-8s %-44s %9s %9s %9s %9s %9s\n",
                      row.record.index, toString(row.record.status).c_str(),
                      describe(row.record.hyper).substr(0, 44).c_str(),
                      fmt(row.promisingness).c_str(), fmt(feature("lambda_max")).c_str(),
                      fmt(feature("eos_ratio")).c_str(), fmt(row.predicted).c_str(),
                      row.outcome ? fmt(*row.outcome).c_str()
                                  : (row.fullRunFailed ? "diverged" : "-"));
        o << line;
        if (row.record.status == RunStatus::Failed)
            o << "         " << row.record.reason << "\n";
    }
    return o.str();
}

std::string modelLine(const StudyRanking& r)
{
    if (!r.model)
        return "meta-model: none yet\n";
    const auto& m = *r.model;
    std::ostringstream o;
    if (m.kind == "transfer") {
        const json t = json::parse(m.detailsJson).value("transfer", json::object());
        o << "meta-model v" << m.version << " (transferred: " << t.value("source", std::string())
          << ", fine-tuned on " << t.value("fine_tuned_on", 0) << " full runs of this study, "
          << m.members << " members): ";
        if (std::isfinite(m.validationRmse))
            o << "error on " << t.value("checked_on_full_runs", 0)
              << " full runs before fine-tuning on them: RMSE " << fmt(m.validationRmse) << " ("
              << (r.logUnits ? "log units" : "metric units") << "), Spearman "
              << fmt(m.validationSpearman, "%.3f") << "\n";
        else
            o << "error not measured yet (fewer than 2 full runs)\n";
        return o.str();
    }
    o << "meta-model v" << m.version << " (" << m.kind << ", " << m.members << " members, "
      << m.trainingRows << " rows): held-out RMSE " << fmt(m.validationRmse) << " ("
      << (r.logUnits ? "log units" : m.kind == "proxy" ? "proxy-score units" : "metric units")
      << "), Spearman " << fmt(m.validationSpearman, "%.3f") << "\n";
    return o.str();
}

std::string targetList(const StudyRanking& r, const StudySpec& spec, const OutcomeTarget& t,
                       double minProbability, std::size_t rows)
{
    std::ostringstream o;
    o << "target " << toString(t) << ": ";
    if (!r.model || !r.model->supportsTargetMode()) {
        o << "needs a meta-model fitted on full-run outcomes (run 'study train')\n";
        return o.str();
    }
    const auto c = targetCandidates(r, t, minProbability);
    o << c.size() << " configurations with P ≥ " << fmt(minProbability, "%.2f")
      << ", cheapest full run first\n";
    for (std::size_t i = 0; i < c.size() && i < rows; ++i)
        o << "  #" << c[i].row.record.index << "  P=" << fmt(c[i].probability, "%.2f") << "  "
          << (c[i].row.outcome ? "measured " + fmt(*c[i].row.outcome)
                               : "predicted " + fmt(c[i].row.predicted) + " ± "
                                     + fmt(c[i].row.predictedStd))
          << "  cost " << fmt(c[i].row.fullRunCost, "%.3g") << " examples  "
          << describe(c[i].row.record.hyper) << "\n";
    return o.str();
}

/// One line per rung of a probe-halving study: entrants, steps, finished, failed, cost.
std::string halvingLines(const StudyStore& store, const StudySpec& spec)
{
    const auto rows = store.rungs();
    std::ostringstream o;
    o << "  probe-halving (eta " << fmt(spec.halving.eta, "%g") << "): rung 0 = the probe";
    int top = 0;
    for (const auto& r : rows)
        top = std::max(top, r.rung);
    o << (rows.empty() ? ", no rung opened yet\n" : "\n");
    for (int k = 1; k <= top; ++k) {
        int n = 0, done = 0, failed = 0, running = 0;
        std::int64_t steps = 0;
        double seconds = 0.0;
        for (const auto& r : rows)
            if (r.rung == k) {
                ++n;
                done += r.status == RunStatus::Done;
                failed += r.status == RunStatus::Failed;
                running += r.status == RunStatus::Running;
                steps = std::max(steps, r.steps);
                seconds += r.cost.seconds;
            }
        o << "    rung " << k << ": " << n << " configurations to " << steps << " steps, " << done
          << " done, " << failed << " failed, " << running << " running, "
          << fmt(seconds, "%.1f") << " s\n";
    }
    // Where the score promoted differently from the validation at the rung (plain halving).
    std::map<std::int64_t, int> index;
    for (const auto& c : store.configurations())
        index[c.id] = c.index;
    auto list = [&](const std::vector<std::int64_t>& ids) {
        std::string s;
        for (const auto id : ids)
            s += (s.empty() ? "#" : ", #") + std::to_string(index[id]);
        return s;
    };
    for (const auto& c : compareRungPromotions(store, spec))
        if (!c.agree())
            o << "    rung " << c.rung << " → " << c.rung + 1 << ": the score promoted "
              << list(c.promotedByScore) << "; the validation alone would have promoted "
              << list(c.promotedByValidation) << "\n";
    return o.str();
}

/// `study run` of a probe-halving spec: probe (rung 0), then the rungs; resumable like probing.
int runHalving(const Args& a, StudyStore& store, const StudySpec& spec, Problem& problem,
               const StudyRunOptions& o)
{
    HalvingSummary summary;
    {
        ProgressPrinter printer("probe-halving", a.flag("quiet"));
        try {
            summary = runProbeHalving(store, problem, o, printer.callback());
        } catch (const CancelledError&) {
            std::cerr << "\nborehole-cli study run: interrupted; finished rungs are stored in "
                      << store.path() << ", run the same command to resume\n";
            return 130;
        }
    }
    std::cout << halvingLines(store, spec);
    if (summary.rungErrors > 0)
        std::cerr << "borehole-cli study run: " << summary.rungErrors
                  << " rung attempt(s) ended with an error, stored as the reason\n";
    std::cout << "probed " << summary.probe.probed << " configurations, trained "
              << summary.rungsTrained << " rung runs in " << fmt(summary.seconds, "%.1f") << " s\n";
    if (summary.finished) {
        const auto pick = store.configuration(summary.pick);
        std::cout << "pick: #" << (pick ? pick->index : -1) << " ("
                  << (pick ? describe(pick->hyper) : std::string("?")) << "), "
                  << toString(spec.metric) << " " << fmt(summary.pickOutcome, "%.6g")
                  << " after the full run\n";
    } else if (o.limit > 0 && summary.probe.remaining > 0) {
        std::cout << "stopped at --limit; run the same command to continue\n";
    }
    return 0;
}

int runAction(const std::vector<std::string>& argv)
{
    Args a("study run", "Probe every configuration of a study spec: a short optimizer burst from "
                        "θ₀, then λmax, trace, FD curvature, gradient norm, sensitivity and the "
                        "edge-of-stability ratio. Results are committed one configuration at a "
                        "time; run the same command again to resume after Ctrl-C or a crash.");
    a.addPositional("spec", "Study spec (JSON, docs/study-schema.md); optional when --db exists");
    addDb(a);
    a.addOption("limit", "n", "Probe at most n configurations in this call (0 = all)", "0");
    a.addOption("lease", "seconds",
                "How long a claimed configuration stays this worker's without a heartbeat; "
                "a killed worker's configuration returns to the pool after it (at once when "
                "the worker ran on this host)",
                "120");
    a.addFlag("no-fit", "Do not fit the meta-model at the end");
    a.addOption("output", "N|key",
                "Which result of forward() is the prediction when it returns a tuple, list or "
                "dict: an index or a dict key (the spec's \"output\")");
    addModelOptions(a);
    if (!a.parse(argv))
        return 0;
    StudyRunOptions o;
    o.limit = boundedInt(a, "limit", 0);
    o.leaseSeconds = a.number("lease");
    if (!(o.leaseSeconds >= 1.0 && o.leaseSeconds <= 86400.0))
        throw UsageError("option '--lease' must be from 1 to 86400 seconds, got '"
                         + a.value("lease") + "'");
    std::string specPath;
    try {
        specPath = a.positional("spec");
    } catch (const UsageError&) {
    }
    // The spec is checked before the database is touched: a refused spec leaves no file.
    std::optional<StudySpec> fromFile;
    if (!specPath.empty())
        fromFile = loadStudySpec(specPath);
    if (fromFile && a.has("output"))
        fromFile->output = a.value("output");
    // Without a spec the database must exist; with one, it is created when missing.
    a.require("db");
    auto store = fromFile ? StudyStore::open(a.value("db")) : StudyStore::openExisting(a.value("db"));
    if (fromFile)
        prepareStudy(store, *fromFile);
    const StudySpec spec = storedSpec(store);
    if (a.has("output") && a.value("output") != spec.output)
        throw UsageError("the study in '" + a.value("db") + "' uses output '" + spec.output
                         + "' of forward(), not '" + a.value("output")
                         + "'; a study keeps the output it was started with");
    auto problem = loadStudyProblem(spec);
    const auto before = store.counts();
    if (before.done + before.failed > 0)
        std::cerr << "resuming: " << before.done + before.failed << " of " << before.total()
                  << " configurations already finished"
                  << (before.running ? " (" + std::to_string(before.running)
                                           + " claimed by other workers or interrupted)"
                                     : std::string())
                  << "\n";
    if (spec.strategy == StudyStrategy::ProbeHalving)
        return runHalving(a, store, spec, problem, o);
    StudyRunSummary summary;
    {
        ProgressPrinter printer("study", a.flag("quiet"));
        try {
            summary = runStudy(store, problem, o, printer.callback());
        } catch (const CancelledError&) {
            const auto c = store.counts();
            std::cerr << "\nborehole-cli study run: interrupted; " << c.done + c.failed << " of "
                      << c.total() << " configurations are stored in " << store.path()
                      << ", run the same command to resume\n";
            return 130;
        }
    }
    const auto c = store.counts();
    std::cout << "probed " << summary.probed << " configurations in " << fmt(summary.seconds, "%.1f")
              << " s (" << summary.failed << " failed); " << c.done << " done, " << c.failed
              << " failed, " << c.pending << " pending";
    if (c.running > 0)
        std::cout << ", " << c.running << " running";
    std::cout << " of " << c.total() << "\n";
    if (summary.errors > 0)
        std::cerr << "borehole-cli study run: " << summary.errors
                  << " attempt(s) ended with an error, stored as the reason (a configuration is "
                     "marked failed after "
                  << kMaxConfigurationFailures << "); see 'borehole-cli study status'\n";
    if (!a.flag("no-fit") && c.done >= 3 && c.pending == 0) {
        if (summary.probed > 0 || c.metaModels == 0)
            refitMetaModel(store, spec, modelOptions(a));
        const auto r = rankStudy(store, spec);
        std::cout << modelLine(r) << rankingTable(r, spec, 10);
    }
    return 0;
}

int statusAction(const std::vector<std::string>& argv)
{
    Args a("study status", "Progress of a study, its meta-model, the ranking and the "
                           "configurations predicted to meet the target.");
    addDb(a);
    a.addOption("rows", "n", "Rows of the ranking to show", "15");
    a.addOption("target", "expr", "Target outcome, e.g. 'mse <= 0.5' (default: the spec's)");
    a.addOption("min-probability", "p", "Smallest probability listed in target mode", "0.5");
    if (!a.parse(argv))
        return 0;
    const auto rows = static_cast<std::size_t>(boundedInt(a, "rows", 0));
    const auto store = openDb(a);
    const auto spec = storedSpec(store);
    const auto c = store.counts();
    std::ostringstream o;
    o << "study " << (spec.name.empty() ? store.path() : spec.name) << " (" << store.path()
      << ")\n  configurations: " << c.total() << " (" << c.done << " done, " << c.failed
      << " failed, " << c.running << " running, " << c.pending << " pending), sampler "
      << toString(spec.sampler.kind) << "\n  full runs: " << c.fullRuns << " ("
      << c.fullRunsFailed << " diverged)\n";
    ProbeCost probe;
    for (const auto& r : store.configurations()) {
        probe += r.burstCost;
        probe += r.probeCost;
    }
    o << "  probe cost: " << probe.gradients << " gradients, " << probe.hvps << " HVPs, "
      << fmt(probe.seconds, "%.1f") << " s\n";
    const auto r = rankStudy(store, spec);
    o << "  " << modelLine(r) << rankingTable(r, spec, rows);
    // Every failed configuration with its reason, not only those the ranking shows.
    std::size_t failedShown = 0;
    for (const auto& row : r.rows)
        if (row.record.status == RunStatus::Failed && failedShown++ < rows)
            o << (failedShown == 1 ? "  failed:\n" : "") << "    #" << row.record.index << " ("
              << describe(row.record.hyper) << "): " << row.record.reason << "\n";
    for (const auto& row : r.rows)
        if (row.record.status == RunStatus::Running)
            o << "  running: #" << row.record.index << " claimed by " << row.record.owner
              << " (attempt " << row.record.attempts << ")\n";
    if (spec.strategy == StudyStrategy::ProbeHalving)
        o << halvingLines(store, spec);
    std::optional<OutcomeTarget> target = spec.target;
    if (a.has("target"))
        target = parseOutcomeTarget(a.value("target"), "--target");
    if (target)
        o << targetList(r, spec, *target, a.number("min-probability"), rows);
    std::cout << o.str();
    return 0;
}

/// The local date and time as ISO 8601 ("2026-12-07T02:10:33"), for the report's header.
std::string isoNow()
{
    const std::time_t t = std::time(nullptr);
    std::tm local{};
    localtime_r(&t, &local);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &local);
    return buf;
}

/// The study report through core's one builder (the GUI's "Export report…" writes the same
/// document with its plots as figures); here the curvature map is core's SVG.
std::string htmlReport(const StudyStore& store, const StudySpec& spec, const StudyRanking& r,
                       const StudyChoice& choice)
{
    StudyReportData d;
    d.database = store.path();
    d.writtenBy = "borehole-cli " + version();
    d.writtenAt = isoNow();
    d.spec = spec;
    d.counts = store.counts();
    d.ranking = r;
    d.fullRuns = store.fullRuns();
    d.choice = choice;
    if (spec.target) {
        d.target = toString(*spec.target);
        try {
            d.candidates = targetCandidates(r, *spec.target, d.minProbability);
            d.targetMessage = std::to_string(d.candidates.size())
                              + " configuration(s) meet the target, cheapest first.";
        } catch (const std::exception& e) {
            d.targetMessage = e.what();
        }
    }
    HtmlFigure map;
    map.title = "Curvature map: log10 λmax against log10 learning rate";
    map.svg = curvatureMapSvg(r);
    map.caption = map.svg.empty() ? "Too few probed configurations for a curvature map."
                                  : "One dot per probed configuration, coloured by "
                                    "promisingness (green high, red low).";
    d.figures.push_back(map);
    if (spec.strategy == StudyStrategy::ProbeHalving) {
        d.rungs = store.rungs();
        d.rungComparisons = compareRungPromotions(store, spec);
    }
    return studyReportHtml(d);
}

int exportAction(const std::vector<std::string>& argv)
{
    Args a("study export", "Write the chosen hyperparameters as JSON, or as CSV when --out ends "
                           "in .csv (best measured full run, else best predicted, else most "
                           "promising probe) and an HTML report with the ranking and the "
                           "curvature map.");
    addDb(a);
    a.addOption("out", "chosen.json", "Chosen hyperparameters ('-' for stdout)", "chosen.json");
    a.addOption("html", "report.html", "HTML report (default: --out with .html)");
    a.addOption("top", "n", "Configurations listed in the JSON ranking", "10");
    a.addOption("trials", "trials.csv",
                "Also every configuration (the trials) as CSV: hyperparameters, status, "
                "prediction, measured outcome and every probe feature");
    if (!a.parse(argv))
        return 0;
    checkOutputs(a, {"out", "html", "trials"});
    const int top = boundedInt(a, "top", 0);
    const auto store = openDb(a);
    const auto spec = storedSpec(store);
    const auto r = rankStudy(store, spec);
    const auto pick = chooseConfiguration(r, spec);
    if (!pick)
        throw InputError(store.path() + ": no configuration has been probed successfully yet");
    const RankedConfiguration* chosen = &*std::find_if(
        r.rows.begin(), r.rows.end(), [&](const auto& row) { return row.record.id == pick->id; });
    const std::string& basis = pick->basis;
    json choice{{"schema", "borehole.study-choice/1"},
                {"study", spec.name},
                {"database", store.path()},
                {"basis", basis},
                {"configuration", chosen->record.index},
                {"hyperparameters", hyperJson(chosen->record.hyper)},
                {"metric", toString(spec.metric)},
                {"measured", chosen->outcome ? json(*chosen->outcome) : json(nullptr)},
                {"predicted", num(chosen->predicted)},
                {"predicted_std", num(chosen->predictedStd)},
                {"promisingness", num(chosen->promisingness)}};
    if (r.model)
        choice["meta_model"] = {{"version", r.model->version},
                                {"kind", r.model->kind},
                                {"validation_rmse", num(r.model->validationRmse)},
                                {"validation_spearman", num(r.model->validationSpearman)}};
    json ranking = json::array();
    for (std::size_t i = 0; i < r.rows.size() && static_cast<int>(i) < top; ++i) {
        const auto& row = r.rows[i];
        ranking.push_back({{"configuration", row.record.index},
                           {"hyperparameters", hyperJson(row.record.hyper)},
                           {"promisingness", num(row.promisingness)},
                           {"predicted", num(row.predicted)},
                           {"measured", row.outcome ? json(*row.outcome) : json(nullptr)}});
    }
    choice["ranking"] = ranking;
    if (spec.target && r.model && r.model->supportsTargetMode()) {
        json candidates = json::array();
        for (const auto& t : targetCandidates(r, *spec.target))
            candidates.push_back({{"configuration", t.row.record.index},
                                  {"probability", t.probability},
                                  {"full_run_cost", t.row.fullRunCost}});
        choice["target"] = {{"expression", toString(*spec.target)}, {"candidates", candidates}};
    }
    const std::string out = a.value("out");
    // The file name's suffix decides, as in the GUI: a .csv gets the chosen configuration and
    // then the rest of the top ranking as CSV rows (core/include/borehole/chosen_csv.h).
    const auto endsWithCsv = [](const std::string& name) {
        if (name.size() <= 4)
            return false;
        std::string suffix = name.substr(name.size() - 4);
        std::transform(suffix.begin(), suffix.end(), suffix.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return suffix == ".csv";
    };
    const bool csv = endsWithCsv(out);
    if (csv) {
        std::vector<RankedConfiguration> rows{*chosen};
        for (std::size_t i = 0; i < r.rows.size() && static_cast<int>(i) < top; ++i)
            if (r.rows[i].record.index != chosen->record.index)
                rows.push_back(r.rows[i]);
        writeOutput(out, chosenConfigurationsCsv(rows));
    } else {
        writeOutput(out, choice.dump(2) + "\n");
    }
    std::string html = a.value("html");
    if (html.empty() && out != "-")
        html = (out.size() > 5 && out.substr(out.size() - 5) == ".json" ? out.substr(0, out.size() - 5)
                : csv                                                   ? out.substr(0, out.size() - 4)
                                                                        : out)
               + ".html";
    if (!html.empty())
        writeOutput(html, htmlReport(store, spec, r, *pick));
    if (a.has("trials"))
        writeOutput(a.value("trials"), studyTrialsCsv(r.rows));
    if (out != "-")
        std::cout << "chose configuration #" << chosen->record.index << " ("
                  << describe(chosen->record.hyper) << ") by " << basis << "\nwrote " << out
                  << (html.empty() ? "" : " and " + html)
                  << (a.has("trials") ? " and " + a.value("trials") : "") << "\n";
    return 0;
}

/// `study train --guided --config ID`: one guided follow-up run outside the study's own runs.
int trainGuided(const Args& a, const StudyStore& store, const StudySpec& spec, Problem& problem)
{
    a.require("config");
    const std::int64_t index = a.integer("config");
    const StudyRanking ranking = rankStudy(store, spec);
    const auto row = std::find_if(ranking.rows.begin(), ranking.rows.end(),
                                  [&](const auto& r) { return r.record.index == index; });
    if (row == ranking.rows.end())
        throw InputError("no configuration #" + std::to_string(index) + " in " + store.path()
                         + " (see 'borehole-cli study status')");
    const GuidedFollowUp f = guidedFollowUp(spec, ranking, row->record.id);
    std::cout << "configuration #" << index << ": rank " << f.rank + 1 << " of " << f.count
              << ", guided cap scale s = " << fmt(f.scale, "%.3g") << ", initial weight scale "
              << fmt(f.initScale, "%.3g") << "\n";
    const std::vector<float> theta0 = problem.parameters();
    std::vector<float> theta = theta0;
    for (float& v : theta)
        v = static_cast<float>(v * f.initScale);
    problem.setParameters(theta);
    TrainResult r;
    {
        ProgressPrinter printer("study train", a.flag("quiet"));
        r = train(problem, f.options, printer.callback());
    }
    if (a.has("model-out"))
        problem.model().save(a.value("model-out"));
    if (a.has("out"))
        writeOutput(a.value("out"), trainRunJson(problem, f.options, r));
    if (!a.has("out") || a.value("out") != "-") {
        std::cout << trainingSummary(f.options, r);
        if (a.has("model-out"))
            std::cout << "wrote " << a.value("model-out") << "\n";
    }
    return r.diverged ? 1 : 0;
}

int trainAction(const std::vector<std::string>& argv)
{
    Args a("study train", "Full training runs of the most promising probed configurations "
                          "(upper confidence bound once the meta-model predicts outcomes), "
                          "storing outcomes and learning curves, then refitting the meta-model.");
    addDb(a);
    a.addOption("top", "n", "Configurations to train per round", "5");
    a.addOption("rounds", "n", "Rounds of select → train → refit", "1");
    addModelOptions(a);
    a.addFlag("guided", "Instead: train the one configuration --config under the curvature-"
                        "guided rate, its cap scaled by its rank (1 for the most promising, 0.5 "
                        "for the least); the study database is not changed");
    a.addOption("config", "n", "With --guided: the configuration, by its # in 'study status'");
    a.addOption("model-out", "file.pt", "With --guided: save the trained TorchScript model");
    a.addOption("out", "file.json", "With --guided: write the run record as JSON ('-' for stdout)");
    if (!a.parse(argv))
        return 0;
    checkOutputs(a, {"model-out", "out"});
    auto store = openDb(a);
    const auto spec = storedSpec(store);
    auto problem = loadStudyProblem(spec);
    if (a.flag("guided"))
        return trainGuided(a, store, spec, problem);
    for (const char* name : {"config", "model-out", "out"})
        if (a.has(name))
            throw UsageError(std::string("--") + name + " needs --guided");
    const int top = boundedInt(a, "top", 1, kMaxStudyConfigurations);
    const int rounds = boundedInt(a, "rounds", 1, 1000000);
    FollowUpSummary s;
    {
        ProgressPrinter printer("study train", a.flag("quiet"));
        try {
            s = trainFollowUps(store, problem, top, rounds, modelOptions(a), printer.callback());
        } catch (const CancelledError&) {
            std::cerr << "\nborehole-cli study train: interrupted; finished full runs are stored "
                         "in " << store.path() << "\n";
            return 130;
        }
    }
    std::cout << "trained " << s.trained << " configurations in " << s.rounds << " round(s), "
              << fmt(s.seconds, "%.1f") << " s (" << s.failed << " diverged)\n";
    const auto r = rankStudy(store, spec);
    std::cout << modelLine(r) << rankingTable(r, spec, 10);
    if (spec.target)
        std::cout << targetList(r, spec, *spec.target, 0.5, 10);
    return 0;
}

} // namespace

int runStudyCommand(const std::vector<std::string>& argv)
{
    if (argv.empty() || argv[0] == "--help" || argv[0] == "-h") {
        (argv.empty() ? std::cerr : std::cout) << kUsage;
        return argv.empty() ? 2 : 0;
    }
    if (!StudyStore::available())
        throw Error("studies are unavailable: this borehole-cli was built without SQLite "
                    "(install libsqlite3-dev and rebuild)");
    const std::vector<std::string> rest(argv.begin() + 1, argv.end());
    if (argv[0] == "run")
        return runAction(rest);
    if (argv[0] == "worker") { // issue 15: `study run --no-fit` on an existing study
        auto args = rest;
        if (std::find(args.begin(), args.end(), "--no-fit") == args.end())
            args.push_back("--no-fit");
        return runAction(args);
    }
    if (argv[0] == "status")
        return statusAction(rest);
    if (argv[0] == "export")
        return exportAction(rest);
    if (argv[0] == "train")
        return trainAction(rest);
    throw UsageError("unknown action '" + argv[0]
                     + "' (expected run, worker, status, export or train)");
}

} // namespace borehole::cli
