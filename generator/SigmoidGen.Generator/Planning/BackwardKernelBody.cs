using SigmoidGen.Generator.Model;

namespace SigmoidGen.Generator.Planning;

/// <summary>The kinds of method a backward path prints (see <see cref="BackwardPathPlan"/>).</summary>
internal enum BackwardKernelKind
{
    /// <summary>The path method: both passes (or the narrow kernel's one pass, or the scalar loops).</summary>
    Path,

    /// <summary>Pass 1 for a block of rows (the size: rows), dz then the input gradient.</summary>
    RowBlock,

    /// <summary>The grouped pass 1's kernels: dz over a run, the copy of W's column chunk, the input-gradient tiles.</summary>
    GroupKernels,

    /// <summary>Pass 2 for a tile of outputs (the size: outputs).</summary>
    OutputTile,

    /// <summary>The copy of a block's inputs by chunk, for pass 2.</summary>
    PackInputs,

    /// <summary>The kernel of a batch of one row.</summary>
    OneRow,
}

/// <summary>
/// One backward kernel without its width: everything its printed text depends on besides the layer (shape, loss, update
/// rule), which every path of a kernel class shares. Two paths whose kernels of one kind and size have equal bodies
/// print the same method, so the planner has the later path call the earlier one's (<see cref="BackwardSharedKernel"/>):
/// one method, one machine code, only the source is smaller. For the path method the body is the path plan without its
/// width and without the sweeps it does not print (<see cref="Path"/>; a narrow path keeps its width, as its tile is one
/// vector of the path), and the kernels it calls with the paths that print them (<see cref="Calls"/>).
/// </summary>
internal sealed record BackwardKernelBody(
    BackwardKernelKind Kind,
    int Size,
    Chunking? Inputs = null,
    Sweep? Dz = null,
    int SplitAccumulatorsUpTo = 0,
    int SumLanes = 0,
    bool PackInputs = false,
    BackwardPathPlan? Path = null,
    EquatableArray<BackwardSharedKernel> Calls = default,
    BackwardOneRowPlan? OneRow = null,
    bool CopyColumns = false);

/// <summary>
/// The planner's decision for one kernel of a path (kind and size): the width of the path that prints it
/// (<see cref="PrintedBy"/>, whose name it bears; this path's own when it prints it), and the later paths that call it
/// instead of printing their own (<see cref="CalledBy"/>).
/// </summary>
internal sealed record BackwardSharedKernel(BackwardKernelKind Kind, int Size, int PrintedBy, EquatableArray<int> CalledBy);
