#pragma once
// The chosen configurations of a hyperparameter study as CSV, one writer for the GUI's
// "Export chosen…" and the CLI's `study export --out x.csv`.
//
// Columns: configuration (the sampler's index), optimizer, learning_rate, weight_decay,
// momentum, batch_size, sam_rho, init_scale (the spec's hyperparameter names, as
// hyperparametersJson() writes them), predicted, predicted_std (metric units), promisingness,
// measured (outcome of the latest finished full run). Numbers are written in the shortest form
// that reads back to the same double; a value that does not exist is an empty cell: no
// outcome model (predicted NaN) leaves predicted *and* predicted_std empty, a failed probe
// leaves promisingness empty, no full run leaves measured empty. Throws nothing but
// std::bad_alloc.
#include "borehole/study_runner.h"

#include <string>
#include <vector>

namespace borehole {

/// Header plus one line per row, in the given order, "\n" line ends.
std::string chosenConfigurationsCsv(const std::vector<RankedConfiguration>& rows);

/// Every configuration of a study (the trials), one line each in the given order: the columns
/// of chosenConfigurationsCsv(), then status (pending, running, done, failed), reason, attempts,
/// failures, probe_seconds (burst and probes), full_run_failed (1 when the latest full run
/// diverged or failed) and one column per probe feature (the union over the rows, by name; an
/// empty cell where a row lacks it). Text cells with a comma, quote or line break are quoted
/// (RFC 4180). GUI study panel "Export trials…", CLI `study export --trials x.csv`.
std::string studyTrialsCsv(const std::vector<RankedConfiguration>& rows);

} // namespace borehole
