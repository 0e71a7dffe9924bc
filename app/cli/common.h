#pragma once
// What every borehole-cli subcommand shares: the model/data/loss options, loading a Problem from
// them, progress on stderr with an ETA, and Ctrl-C turning into a clean cancellation.
#include "args.h"

#include <borehole/problem.h>
#include <borehole/progress.h>
#include <borehole/trainer.h>

#include <initializer_list>
#include <memory>
#include <string>

namespace borehole::cli {

/// --model, --data, --target, --features, --task, --loss, --val-fraction, --seed, ...
void addProblemOptions(Args& args);
/// --threads n: libtorch's intra-op threads (0 = physical cores); returns the count in effect.
/// Throws UsageError for a count outside 0–4096.
int applyThreads(const Args& args);
DatasetOptions datasetOptions(const Args& args);
ProblemOptions problemOptions(const Args& args, Task task);
/// Loads model and data and pairs them; InputError on bad files.
/// With fullBatchAllowed, --batch-size 0 means the full batch (the trainer's batch); the Problem
/// itself then probes with batches of 1 row at a time at least.
Problem loadProblem(const Args& args, bool fullBatchAllowed = false);

/// Prints "[label] 42% (21/50) ETA 3s" on stderr, at most every 0.25 s (a line every 10% when
/// stderr is not a terminal). Returns false once SIGINT/SIGTERM arrived, which cancels the job.
class ProgressPrinter
{
public:
    ProgressPrinter(std::string label, bool quiet);
    ~ProgressPrinter();
    ProgressPrinter(const ProgressPrinter&) = delete;
    ProgressPrinter& operator=(const ProgressPrinter&) = delete;
    /// The callback refers to this printer: it must not outlive it.
    ProgressFn callback();

private:
    struct State;
    std::unique_ptr<State> m_state;
};

/// Installs SIGINT/SIGTERM handlers that request cancellation instead of killing the process.
void installInterruptHandler();
bool interruptRequested();

/// "trained 300 steps with guided: …", losses, rates, costs and seconds of a run (4 lines).
std::string trainingSummary(const TrainOptions& options, const TrainResult& result);

/// Writes text to a file atomically, or to stdout when path is "-" (a failed write to stdout is
/// an error too). See borehole/files.h for FIFOs, devices and symlinks.
void writeOutput(const std::string& path, const std::string& text);
/// Checks before the work starts that an output can be written at `path` ("-" is stdout);
/// throws Error naming the path (a folder, a socket, a missing folder, no permission).
void checkOutput(const std::string& path);
/// checkOutput() for each of the named options that was given.
void checkOutputs(const Args& args, std::initializer_list<const char*> names);

} // namespace borehole::cli
