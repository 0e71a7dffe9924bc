#include "borehole/dataset.h"

#include "borehole/error.h"
#include "internal.h"
#include "text.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numeric>
#include <random>
#include <set>
#include <sstream>

namespace borehole {

std::string toString(Task task)
{
    return task == Task::Classification ? "classification" : "regression";
}

Task parseTask(const std::string& text)
{
    const std::string t = toLower(text);
    if (t == "regression")
        return Task::Regression;
    if (t == "classification")
        return Task::Classification;
    throw InputError("unknown task '" + text + "' (expected regression or classification)");
}

Dataset::Dataset(std::shared_ptr<const Impl> impl) : m_impl(std::move(impl)) {}

const DataSummary& Dataset::summary() const
{
    return m_impl->summary;
}

std::int64_t Dataset::featureCount() const
{
    return static_cast<std::int64_t>(m_impl->summary.featureColumns.size());
}

std::int64_t Dataset::targetCount() const
{
    return static_cast<std::int64_t>(m_impl->summary.targetColumns.size());
}

Dataset Dataset::loadCsv(const std::string& path, const DatasetOptions& options)
{
    return fromTable(readCsv(path, options.delimiter), options);
}

namespace {

std::vector<std::size_t> resolveColumns(const CsvTable& table, const std::vector<std::string>& names)
{
    std::vector<std::size_t> idx;
    for (const auto& n : names)
        idx.push_back(table.columnIndex(n));
    return idx;
}

torch::Tensor gather(const CsvTable& table, const std::vector<std::int64_t>& rows,
                     const std::vector<std::size_t>& cols)
{
    auto t = torch::empty({static_cast<std::int64_t>(rows.size()),
                           static_cast<std::int64_t>(cols.size())},
                          torch::kFloat64);
    auto a = t.accessor<double, 2>();
    for (std::size_t r = 0; r < rows.size(); ++r)
        for (std::size_t c = 0; c < cols.size(); ++c)
            a[static_cast<std::int64_t>(r)][static_cast<std::int64_t>(c)] = table.at(rows[r], cols[c]);
    return t;
}

} // namespace

constexpr std::int64_t kMaxClasses = 1000000;

Dataset Dataset::fromTable(const CsvTable& table, const DatasetOptions& options)
{
    if (!(options.validationFraction >= 0.0 && options.validationFraction <= 0.9))
        throw InputError("validation fraction " + formatNumber(options.validationFraction)
                         + " is outside [0, 0.9]");
    auto impl = std::make_shared<Impl>();
    DataSummary& s = impl->summary;
    s.path = table.path;
    s.columns = table.columns;
    s.task = options.task;
    s.validationFraction = options.validationFraction;
    s.seed = options.seed;

    s.targetColumns = options.targetColumns;
    if (s.targetColumns.empty())
        s.targetColumns.push_back(table.columns.back());
    const auto targetIdx = resolveColumns(table, s.targetColumns);
    s.featureColumns = options.featureColumns;
    if (s.featureColumns.empty()) {
        for (const auto& c : table.columns)
            if (std::find(s.targetColumns.begin(), s.targetColumns.end(), c) == s.targetColumns.end())
                s.featureColumns.push_back(c);
    }
    const auto featureIdx = resolveColumns(table, s.featureColumns);
    for (auto f : featureIdx)
        if (std::find(targetIdx.begin(), targetIdx.end(), f) != targetIdx.end())
            throw InputError(table.path + ": column '" + table.columns[f]
                             + "' is both a feature and a target");
    if (featureIdx.empty())
        throw InputError(table.path + ": no feature columns left besides the target");
    if (options.task == Task::Classification && targetIdx.size() != 1)
        throw InputError(table.path + ": classification needs exactly one target column (labels)");

    const std::int64_t n = table.rowCount();
    s.rows = n;
    std::int64_t nVal = static_cast<std::int64_t>(std::floor(options.validationFraction * n + 0.5));
    if (options.validationFraction > 0 && nVal == 0)
        nVal = 1;
    if (n - nVal < 2)
        throw InputError(table.path + ": " + std::to_string(n)
                         + " data rows are too few to split off a validation set and train");
    std::vector<std::int64_t> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    std::mt19937_64 rng(options.seed);
    std::shuffle(order.begin(), order.end(), rng);
    std::vector<std::int64_t> trainRows(order.begin() + nVal, order.end());
    std::vector<std::int64_t> valRows(order.begin(), order.begin() + nVal);
    std::sort(trainRows.begin(), trainRows.end());
    std::sort(valRows.begin(), valRows.end());
    s.trainRows = static_cast<std::int64_t>(trainRows.size());
    s.validationRows = nVal;

    auto trainX = gather(table, trainRows, featureIdx);
    auto valX = gather(table, valRows, featureIdx);
    if (options.standardizeFeatures) {
        auto mean = trainX.mean(0);
        auto stdv = trainX.std(0, /*unbiased=*/false);
        stdv = torch::where(stdv > 1e-12, stdv, torch::ones_like(stdv));
        trainX = (trainX - mean) / stdv;
        if (nVal > 0)
            valX = (valX - mean) / stdv;
        impl->featureMean.assign(mean.data_ptr<double>(), mean.data_ptr<double>() + mean.numel());
        impl->featureStd.assign(stdv.data_ptr<double>(), stdv.data_ptr<double>() + stdv.numel());
        s.standardizedFeatures = true;
    }
    auto trainY = gather(table, trainRows, targetIdx);
    auto valY = gather(table, valRows, targetIdx);
    if (options.task == Task::Classification) {
        // Labels must be integers 0..C-1; the message names the first offending line.
        std::set<std::int64_t> labels;
        for (std::int64_t r = 0; r < n; ++r) {
            const double v = table.at(r, targetIdx[0]);
            const std::string where =
                table.path + ":"
                + std::to_string(table.rowLines.empty() ? r + 2 : table.rowLines[r]) + ":"
                + std::to_string(targetIdx[0] + 1) + " (column '" + s.targetColumns[0] + "')";
            if (v < 0 || std::floor(v) != v)
                throw InputError(where + ": class label " + formatNumber(v)
                                 + " is not a non-negative integer");
            if (v >= kMaxClasses)
                throw InputError(where + ": class label " + formatNumber(v)
                                 + " is too large (labels are 0 … number of classes − 1, at most "
                                 + std::to_string(kMaxClasses) + " classes)");
            labels.insert(static_cast<std::int64_t>(v));
        }
        s.classCount = *labels.rbegin() + 1;
        trainY = trainY.squeeze(1).to(torch::kInt64);
        valY = valY.squeeze(1).to(torch::kInt64);
    } else if (options.standardizeTargets) {
        auto mean = trainY.mean(0);
        auto stdv = trainY.std(0, false);
        stdv = torch::where(stdv > 1e-12, stdv, torch::ones_like(stdv));
        trainY = (trainY - mean) / stdv;
        if (nVal > 0)
            valY = (valY - mean) / stdv;
        s.standardizedTargets = true;
    }
    if (options.task == Task::Regression) {
        trainY = trainY.to(torch::kFloat32);
        valY = valY.to(torch::kFloat32);
    }
    impl->device = toTorchDevice(options.device);
    s.device = impl->device.is_cuda() ? "cuda" : "cpu";
    impl->trainX = trainX.to(torch::kFloat32).to(impl->device);
    impl->trainY = trainY.to(impl->device);
    impl->valX = valX.to(torch::kFloat32).to(impl->device);
    impl->valY = valY.to(impl->device);
    return Dataset(std::move(impl));
}

} // namespace borehole
