#include "borehole/chosen_csv.h"

#include "borehole/trainer.h"

#include <charconv>
#include <cmath>
#include <set>

namespace borehole {
namespace {

std::string number(double v)
{
    if (!std::isfinite(v))
        return {};
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, v);
    return std::string(buffer, result.ptr);
}

/// A text cell: quoted (quotes doubled) when it holds a comma, quote or line break.
std::string text(const std::string& v)
{
    if (v.find_first_of(",\"\r\n") == std::string::npos)
        return v;
    std::string out = "\"";
    for (const char c : v)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + '"';
}

constexpr const char* kChosenHeader =
    "configuration,optimizer,learning_rate,weight_decay,momentum,batch_size,sam_rho,init_scale,"
    "predicted,predicted_std,promisingness,measured";

/// One row's cells of the chosen-configurations CSV, without the line end.
std::string chosenCells(const RankedConfiguration& row)
{
    const Hyperparameters& h = row.record.hyper;
    const bool predicted = std::isfinite(row.predicted);
    return std::to_string(row.record.index) + ',' + toString(h.optimizer) + ','
           + number(h.learningRate) + ',' + number(h.weightDecay) + ',' + number(h.momentum) + ','
           + std::to_string(h.batchSize) + ',' + number(h.samRho) + ',' + number(h.initScale)
           + ',' + number(row.predicted) + ','
           + (predicted ? number(row.predictedStd) : std::string()) + ','
           + number(row.promisingness) + ','
           + (row.outcome ? number(*row.outcome) : std::string());
}

} // namespace

std::string studyTrialsCsv(const std::vector<RankedConfiguration>& rows)
{
    std::set<std::string> names;
    for (const RankedConfiguration& row : rows)
        for (const auto& [name, value] : row.record.features)
            names.insert(name);
    std::string header = std::string(kChosenHeader)
                         + ",status,reason,attempts,failures,probe_seconds,full_run_failed";
    for (const auto& name : names)
        header += ',' + text(name);
    std::string csv = header + '\n';
    for (const RankedConfiguration& row : rows) {
        std::string line = chosenCells(row);
        const ConfigurationRecord& r = row.record;
        line += ',' + toString(r.status) + ',' + text(r.reason) + ',' + std::to_string(r.attempts)
                + ',' + std::to_string(r.failures) + ','
                + (r.status == RunStatus::Done || r.status == RunStatus::Failed
                       ? number(r.burstCost.seconds + r.probeCost.seconds)
                       : std::string())
                + ',' + (row.fullRunFailed ? "1" : row.outcome ? "0" : "");
        for (const auto& name : names) {
            const auto it = r.features.find(name);
            line += ',' + (it == r.features.end() ? std::string() : number(it->second));
        }
        csv += line + '\n';
    }
    return csv;
}

std::string chosenConfigurationsCsv(const std::vector<RankedConfiguration>& rows)
{
    std::string csv = std::string(kChosenHeader) + '\n';
    for (const RankedConfiguration& row : rows)
        csv += chosenCells(row) + '\n';
    return csv;
}

} // namespace borehole
