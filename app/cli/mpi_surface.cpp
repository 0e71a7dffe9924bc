// MPI split of the surface command (see mpi_surface.h). Only this file knows MPI; it uses the C
// API (no C++ bindings) and only collectives, so every rank takes the same path.
#include "mpi_surface.h"

#include <borehole/error.h>

#include <algorithm>
#include <cstdlib>
#include <initializer_list>
#include <exception>
#include <string>
#include <utility>
#include <vector>

#ifdef BOREHOLE_HAVE_MPI
#include <mpi.h>
#endif

namespace borehole::cli::mpi {
namespace {

/// The first of the variables that holds a whole number ≥ 0, or -1.
int environmentInt(std::initializer_list<const char*> names)
{
    for (const char* name : names) {
        if (const char* v = std::getenv(name); v && *v) {
            char* end = nullptr;
            const long n = std::strtol(v, &end, 10);
            if (end && *end == '\0' && n >= 0 && n < (1L << 30))
                return static_cast<int>(n);
        }
    }
    return -1;
}

#ifdef BOREHOLE_HAVE_MPI

void check(int code, const char* what)
{
    if (code != MPI_SUCCESS) {
        char text[MPI_MAX_ERROR_STRING] = {};
        int length = 0;
        MPI_Error_string(code, text, &length);
        throw Error(std::string("MPI ") + what + " failed: " + std::string(text, length));
    }
}

/// MPI_Init … MPI_Finalize for the duration of one split surface.
class Session
{
public:
    Session()
    {
        int ready = 0;
        MPI_Initialized(&ready);
        if (!ready)
            check(MPI_Init(nullptr, nullptr), "initialisation");
        // Errors come back as codes (turned into exceptions) instead of aborting the job.
        MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
        MPI_Comm_rank(MPI_COMM_WORLD, &m_rank);
        MPI_Comm_size(MPI_COMM_WORLD, &m_size);
    }
    ~Session()
    {
        int done = 0;
        MPI_Finalized(&done);
        if (!done)
            MPI_Finalize();
    }
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    int rank() const { return m_rank; }
    int size() const { return m_size; }

private:
    int m_rank = 0;
    int m_size = 1;
};

/// Rank 0 receives every rank's vector (in rank order); the others get an empty list.
std::vector<std::vector<double>> gather(const std::vector<double>& mine, const Session& s,
                                        const char* what)
{
    const int count = static_cast<int>(mine.size());
    std::vector<int> counts(s.rank() == 0 ? s.size() : 0);
    check(MPI_Gather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, 0, MPI_COMM_WORLD), what);
    std::vector<int> offsets(counts.size(), 0);
    std::vector<double> all;
    if (s.rank() == 0) {
        long total = 0;
        for (std::size_t r = 0; r < counts.size(); ++r) {
            offsets[r] = static_cast<int>(total);
            total += counts[r];
        }
        all.resize(static_cast<std::size_t>(total));
    }
    check(MPI_Gatherv(mine.data(), count, MPI_DOUBLE, all.data(), counts.data(), offsets.data(),
                      MPI_DOUBLE, 0, MPI_COMM_WORLD),
          what);
    std::vector<std::vector<double>> out;
    for (std::size_t r = 0; r < counts.size(); ++r)
        out.emplace_back(all.begin() + offsets[r], all.begin() + offsets[r] + counts[r]);
    return out;
}

/// After every rank tried its share: the lowest failing rank's message on every rank (empty
/// when all succeeded).
std::pair<int, std::string> firstFailure(const std::string& mine, bool failed, const Session& s)
{
    int candidate = failed ? s.rank() : s.size();
    int first = s.size();
    check(MPI_Allreduce(&candidate, &first, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD), "error check");
    if (first == s.size())
        return {-1, {}};
    int length = first == s.rank() ? static_cast<int>(mine.size()) : 0;
    check(MPI_Bcast(&length, 1, MPI_INT, first, MPI_COMM_WORLD), "error message");
    std::string text = first == s.rank() ? mine : std::string(static_cast<std::size_t>(length), ' ');
    check(MPI_Bcast(text.data(), length, MPI_CHAR, first, MPI_COMM_WORLD), "error message");
    return {first, text};
}

#endif

} // namespace

bool available()
{
#ifdef BOREHOLE_HAVE_MPI
    return true;
#else
    return false;
#endif
}

int launchedRanks()
{
    const int n = environmentInt({"OMPI_COMM_WORLD_SIZE", "PMIX_SIZE", "PMI_SIZE",
                                  "SLURM_STEP_NUM_TASKS"});
    return n > 0 ? n : 1;
}

int launchedRank()
{
    return std::max(0, environmentInt({"OMPI_COMM_WORLD_RANK", "PMIX_RANK", "PMI_RANK",
                                       "SLURM_PROCID"}));
}

SplitSurface splitSurface(int rows, const SurfaceOptions& options,
                          const std::function<Grid2D(RowRange, int)>& evaluate)
{
#ifdef BOREHOLE_HAVE_MPI
    const int launched = launchedRanks();
    if (environmentInt({"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMIX_SIZE",
                        "PMI_SIZE"}) < 0)
        throw Error("srun started " + std::to_string(launched)
                    + " tasks without an MPI plugin, so they cannot share one surface: run "
                      "'srun --mpi=pmix …' or mpirun (each task would compute and write the "
                      "whole grid)");
    Session session;
    SplitSurface out;
    out.rank = session.rank();
    out.ranks = session.size();
    if (out.ranks != launched)
        throw Error("the launcher started " + std::to_string(launched) + " processes but MPI "
                    "sees " + std::to_string(out.ranks) + " (an MPI library other than the "
                    "launcher's?)");
    out.rows = rowShare(rows, out.rank, out.ranks);
    // Ranks on this machine share its cores.
    int localRanks = 1;
    MPI_Comm node = MPI_COMM_NULL;
    if (MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, out.rank, MPI_INFO_NULL, &node)
        == MPI_SUCCESS) {
        MPI_Comm_size(node, &localRanks);
        MPI_Comm_free(&node);
    }
    Grid2D mine;
    std::exception_ptr error;
    std::string message;
    try {
        mine = evaluate(out.rows, localRanks);
    } catch (const std::exception& e) {
        error = std::current_exception();
        message = e.what();
    }
    const auto [failedRank, failure] = firstFailure(message, error != nullptr, session);
    if (failedRank >= 0) {
        if (out.rank != 0)
            throw QuietFailure{};
        if (error)
            std::rethrow_exception(error);
        throw Error("rank " + std::to_string(failedRank) + " of " + std::to_string(out.ranks)
                    + ": " + failure);
    }
    const auto cost = std::vector<double>{static_cast<double>(mine.cost.forwards),
                                          static_cast<double>(mine.cost.gradients),
                                          static_cast<double>(mine.cost.hvps), mine.cost.seconds,
                                          static_cast<double>(mine.sampleRows),
                                          static_cast<double>(mine.populationRows)};
    auto values = gather(mine.values, session, "gathering the values");
    auto errors = gather(mine.standardError, session, "gathering the standard errors");
    auto curvature = gather(options.curvature == CurvatureMode::Hvp ? mine.curvature
                                                                     : std::vector<double>{},
                            session, "gathering the curvature");
    auto costs = gather(cost, session, "gathering the costs");
    if (out.rank != 0)
        return out;
    std::vector<Grid2D> parts;
    parts.push_back(std::move(mine));
    for (int r = 1; r < out.ranks; ++r) {
        Grid2D part;
        const auto i = static_cast<std::size_t>(r);
        part.values = std::move(values[i]);
        part.standardError = std::move(errors[i]);
        part.curvature = std::move(curvature[i]);
        const auto& c = costs[i];
        part.cost.forwards = static_cast<std::int64_t>(c[0]);
        part.cost.gradients = static_cast<std::int64_t>(c[1]);
        part.cost.hvps = static_cast<std::int64_t>(c[2]);
        part.cost.seconds = c[3];
        part.sampleRows = static_cast<std::int64_t>(c[4]);
        part.populationRows = static_cast<std::int64_t>(c[5]);
        parts.push_back(std::move(part));
    }
    out.grid = assembleRows(std::move(parts), options);
    out.grid->evaluation += ", rows split over " + std::to_string(out.ranks) + " MPI ranks";
    return out;
#else
    (void)rows;
    (void)options;
    (void)evaluate;
    throw Error("this borehole-cli was built without MPI, so it cannot split a surface across "
                + std::to_string(launchedRanks())
                + " ranks (every rank would compute and write the whole grid): run it as one "
                  "process, or rebuild with libopenmpi-dev installed (BOREHOLE_WITH_MPI)");
#endif
}

} // namespace borehole::cli::mpi
