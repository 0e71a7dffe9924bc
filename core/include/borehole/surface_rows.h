#pragma once
// A loss surface split by rows, so that several processes (MPI ranks under `mpirun`, see
// docs/scale-out.md) can each evaluate a block of rows of one grid and one of them puts the
// blocks back together. Core knows nothing of MPI: the caller moves the partial grids between
// processes and calls assembleRows().
//
// Every rank draws the same directions (DirectionOptions::seed) and computes the same axes, so a
// block of rows is exactly the rows lossPlane() would compute. With PointBatching::Off every
// grid row starts from θ₀ afresh in lossPlane() too, so each value is bit-identical to the
// single-process grid's (given the same intra-op thread count); batched evaluation groups the
// points into different launches and agrees to the batched path's checked tolerance.
#include "borehole/landscape.h"

#include <vector>

namespace borehole {

/// Rows [begin, end) of a grid's β axis.
struct RowRange
{
    int begin = 0;
    int end = 0;
    int count() const { return end - begin; }
};

/// The rows process `rank` of `ranks` evaluates: contiguous blocks in rank order, the first
/// rows % ranks ranks one row more. A rank may get no rows (more ranks than rows).
RowRange rowShare(int rows, int rank, int ranks);

/// Rows `rows` of lossPlane(problem, options) along random directions: the grid's full axes,
/// direction kind, cosine and centre value, with values (and standardError, and HVP curvature)
/// for those rows only, row-major. CurvatureMode::Grid is left to assembleRows(), which sees
/// the whole grid. Throws InputError for refinement (its cells span rows: run it in one
/// process) and when `rows` is not inside the grid.
Grid2D lossPlaneRows(Problem& problem, const SurfaceOptions& options, RowRange rows,
                     const ProgressFn& progress = {});

/// Puts the blocks of lossPlaneRows() back together into the grid lossPlane() returns: `parts`
/// in row order covering every row once. Values, standard errors and HVP curvature are
/// concatenated, grid curvature computed on the whole grid, costs added (seconds: the slowest
/// part, the wall time of a parallel run); evaluation and batch trials are the first part's.
/// Throws Error when the parts do not cover the grid.
Grid2D assembleRows(std::vector<Grid2D> parts, const SurfaceOptions& options);

} // namespace borehole
