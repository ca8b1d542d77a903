namespace SigmoidGen.Generator.Planning;

/// <summary>
/// A batch that takes x as the panel with rest rows by dot products whose <c>Parallel = true</c> call splits into two
/// chunks of rows at <see cref="Row"/> rather than ranges of outputs (<c>ParallelPlanner.XPanelRowSplits</c>): each chunk
/// runs the path's kernel over its rows, making the block calls a single-threaded call makes (the same bits), and packs
/// only its own rows of x.
/// </summary>
/// <param name="Batch">The batch.</param>
/// <param name="Row">The first row of the second chunk: the start of one of the batch's blocks of rows.</param>
internal readonly record struct XPanelRowSplit(int Batch, int Row);
