#include "borehole/chosen_csv.h"

#include "borehole/trainer.h"

#include <charconv>
#include <cmath>

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

} // namespace

std::string chosenConfigurationsCsv(const std::vector<RankedConfiguration>& rows)
{
    std::string csv = "configuration,optimizer,learning_rate,weight_decay,momentum,batch_size,"
                      "sam_rho,init_scale,predicted,predicted_std,promisingness,measured\n";
    for (const RankedConfiguration& row : rows) {
        const Hyperparameters& h = row.record.hyper;
        const bool predicted = std::isfinite(row.predicted);
        csv += std::to_string(row.record.index) + ',' + toString(h.optimizer) + ','
               + number(h.learningRate) + ',' + number(h.weightDecay) + ',' + number(h.momentum)
               + ',' + std::to_string(h.batchSize) + ',' + number(h.samRho) + ','
               + number(h.initScale) + ',' + number(row.predicted) + ','
               + (predicted ? number(row.predictedStd) : std::string()) + ','
               + number(row.promisingness) + ','
               + (row.outcome ? number(*row.outcome) : std::string()) + '\n';
    }
    return csv;
}

} // namespace borehole
