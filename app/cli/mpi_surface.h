#pragma once
// `mpirun -np N borehole-cli surface …` (docs/scale-out.md): the grid's rows are split across
// the ranks (core's rowShare / lossPlaneRows), rank 0 gathers the blocks, assembles the grid
// (assembleRows) and is the only one that writes or prints. Without MPI at build time
// (BOREHOLE_WITH_MPI=OFF or no MPI found) the surface command refuses to run under a launcher
// with several ranks rather than let every rank compute and write the whole grid.
#include <borehole/surface_rows.h>

#include <functional>
#include <optional>

namespace borehole::cli::mpi {

/// Whether this borehole-cli was built with MPI.
bool available();

/// Processes of the job this process was started in, read from the launcher's environment
/// (OpenMPI's mpirun: OMPI_COMM_WORLD_SIZE; PMI_SIZE / PMIX_SIZE; Slurm's srun:
/// SLURM_STEP_NUM_TASKS); 1 when no launcher started it.
int launchedRanks();

/// This process's rank from the launcher's environment (OMPI_COMM_WORLD_RANK, PMIX_RANK,
/// PMI_RANK, SLURM_PROCID), 0 when none is set.
int launchedRank();

/// Outcome of splitSurface() on this rank.
struct SplitSurface
{
    int rank = 0;
    int ranks = 1;
    std::optional<Grid2D> grid; ///< rank 0: the whole grid
    RowRange rows;              ///< the rows this rank evaluated
};

/// Initialises MPI, evaluates this rank's rows with `evaluate(rowShare(rows, rank, ranks),
/// ranks on this machine)`, gathers every block on rank 0 and assembles the grid there;
/// finalises MPI before it returns. Throws Error before MPI starts when srun started several
/// tasks without an MPI plugin, and when MPI sees another number of ranks than the launcher
/// started.
/// When any rank fails, every rank learns it: rank 0 rethrows its own error, or throws Error
/// "rank k: <message>" for another rank's; the other ranks throw QuietFailure (their error is
/// rank 0's to print).
SplitSurface splitSurface(int rows, const SurfaceOptions& options,
                          const std::function<Grid2D(RowRange, int)>& evaluate);

/// Thrown on ranks other than 0 when the split surface failed: exit 1 without a message.
struct QuietFailure
{
};

} // namespace borehole::cli::mpi
