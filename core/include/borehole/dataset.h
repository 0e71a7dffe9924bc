#pragma once
// A supervised tabular data set: features and targets split into training and validation rows,
// optionally standardised with statistics fitted on the training rows only. Loaded once, then
// immutable and cheap to copy (the tensors are shared).
#include "borehole/csv.h"
#include "borehole/device.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace borehole {

struct ImplAccess; // core/src/internal.h: core's own access to Impl

enum class Task { Regression, Classification };

std::string toString(Task task);
/// "regression" or "classification"; throws InputError otherwise.
Task parseTask(const std::string& text);

struct DatasetOptions
{
    /// Target column names; empty means the last column.
    std::vector<std::string> targetColumns;
    /// Feature column names; empty means every column that is not a target.
    std::vector<std::string> featureColumns;
    Task task = Task::Regression;
    /// Fraction of rows held out for validation, in [0, 0.9].
    double validationFraction = 0.2;
    /// Seed of the train/validation shuffle.
    std::uint64_t seed = 0;
    /// Standardise features to zero mean and unit variance (statistics of the training rows).
    bool standardizeFeatures = true;
    /// Standardise regression targets likewise (metrics are then in standardised units).
    bool standardizeTargets = false;
    char delimiter = ',';
    DeviceKind device = DeviceKind::Auto;
};

struct DataSummary
{
    std::string path;
    std::int64_t rows = 0;
    std::int64_t trainRows = 0;
    std::int64_t validationRows = 0;
    std::vector<std::string> columns;
    std::vector<std::string> featureColumns;
    std::vector<std::string> targetColumns;
    Task task = Task::Regression;
    /// Classification only: number of classes (labels are 0..classCount-1).
    std::int64_t classCount = 0;
    bool standardizedFeatures = false;
    bool standardizedTargets = false;
    double validationFraction = 0.2;
    std::uint64_t seed = 0;
    std::string device;
};

/// Training and validation tensors on one device. Internals live in core/src.
class Dataset
{
public:
    /// Reads the CSV at `path` and builds the data set. Throws InputError for unreadable files,
    /// unknown columns, non-integer or negative class labels, or too few rows to split.
    static Dataset loadCsv(const std::string& path, const DatasetOptions& options);
    /// Builds the data set from an already parsed table.
    static Dataset fromTable(const CsvTable& table, const DatasetOptions& options);

    const DataSummary& summary() const;
    std::int64_t featureCount() const;
    std::int64_t targetCount() const;

    struct Impl; ///< core's private state (torch tensors); opaque outside core

private:
    friend struct ImplAccess;
    const Impl& impl() const { return *m_impl; }
    explicit Dataset(std::shared_ptr<const Impl> impl);
    std::shared_ptr<const Impl> m_impl;
};

} // namespace borehole
