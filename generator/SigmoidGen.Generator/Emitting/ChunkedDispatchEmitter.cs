using System.Linq;
using SigmoidGen.Generator.Model;
using SigmoidGen.Generator.Planning;

namespace SigmoidGen.Generator.Emitting;

/// <summary>
/// Prints what a forward layer whose calls run in chunks (<see cref="LayerPlan.RunsInChunks"/>) adds to the
/// single-threaded code: a dispatch that hands the widest accelerated path to <c>ParallelRows.Run</c> or, for a path
/// split by output panels, <c>ParallelPanels.Run</c>, with that path's <see cref="RowChunking"/>; and one small struct
/// per path that calls the path's kernel for a run of rows, and for a range of panels when the path splits by them.
/// </summary>
internal sealed class ChunkedDispatchEmitter
{
    private readonly LayerShape _shape;
    private readonly LayerPlan _plan;
    private readonly CodeWriter _w;
    private readonly string _t;

    public ChunkedDispatchEmitter(LayerShape shape, LayerPlan plan, CodeWriter writer)
    {
        _shape = shape;
        _plan = plan;
        _w = writer;
        _t = shape.ElementName;
    }

    /// <summary>The entry's statements after the checks: the spans go to <c>ParallelRows</c> or <c>ParallelPanels</c>, unpinned and unread until then.</summary>
    public void EmitDispatch()
    {
        string rows = new RowCountText(_shape.Batch).Bound;
        EquatableArray<RowChunking> chunking = _plan.Parallel!.Paths;
        bool anyPanels = chunking.Any(c => c.Panels is not null);
        bool anyRows = chunking.Any(c => c.Panels is null);
        if (anyRows)
        {
            _w.Line("// Parallel = true: ParallelRows cuts the rows into chunks of whole tiles, run on the thread pool and here, or runs the");
            _w.Line("// kernel here on all of them when they are too few to share (the numbers are the path's grain and fewest rows per chunk).");
        }

        if (anyPanels)
        {
            _w.Line($"// {(anyRows ? "Paths that transpose W per call into panels that halve evenly" : "Parallel = true")}: ParallelPanels gives each chunk a range of the");
            _w.Line("// output panels, which it packs once and runs over every row, or runs the kernel here when the call is too small to share");
            _w.Line("// (the numbers are the panel kernel's fewest rows, the panels, and the fewest rows × panels per chunk).");
        }

        DispatchEmitter.Emit(_w, _plan.Paths.Select((path, i) => (path.Bits, Call(path, chunking[i], rows), (string?)null)).ToList());
    }

    private string Call(PathPlan path, RowChunking chunking, string rows) => chunking.Panels is { } panels
        ? $"ParallelPanels.Run<{StructName(path, panels)}, {_t}>(input, weights, bias, output, {rows}, minRows: {panels.MinBatch}, panels: {panels.Count}, " +
          $"lastOverlaps: {(panels.LastOverlaps ? "true" : "false")}, minChunkRowPanels: {panels.MinChunkRowPanels}{XPanelChunks(panels, rows)});"
        : $"ParallelRows.Run<{StructName(path, null)}, {_t}>(input, weights, bias, output, Inputs, Outputs, {rows}, grainRows: {chunking.GrainRows}, minChunkRows: {chunking.MinRows});";

    /// <summary>
    /// For a path that takes x as the panel at small batches: those calls in at most
    /// <see cref="ParallelPlanner.XPanelChunksPerProcessor"/> chunks per processor (each chunk packs x itself).
    /// </summary>
    private static string XPanelChunks(PanelSplit panels, string rows) => panels.XPanelTest is not { } test ? string.Empty
        : $", chunksPerProcessor: {test.Replace("batch", rows)} ? {ParallelPlanner.XPanelChunksPerProcessor} : ParallelPanels.ChunksPerProcessor";

    /// <summary>One <c>IRowKernel</c> struct per path (<c>IPanelKernel</c> for a path split by panels).</summary>
    public void EmitRowKernels()
    {
        EquatableArray<RowChunking> chunking = _plan.Parallel!.Paths;
        for (int i = 0; i < _plan.Paths.Count; i++)
        {
            PathPlan path = _plan.Paths[i];
            PanelSplit? panels = chunking[i].Panels;
            _w.Line();
            _w.Line(panels is null
                ? $"/// <summary>The {path.Name} kernel over <c>rows</c> consecutive rows, for <see cref=\"ParallelRows\"/>.</summary>"
                : $"/// <summary>The {path.Name} kernel over all <c>rows</c>, or over panels <c>first</c> to <c>end</c> − 1 of its outer-product kernel, for <see cref=\"ParallelPanels\"/>.</summary>");
            using (_w.Block($"private readonly struct {StructName(path, panels)} : {(panels is null ? "IRowKernel" : "IPanelKernel")}<{_t}>"))
            {
                _w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
                _w.Line($"public static void Run(ref {_t} x, ref {_t} w, ref {_t} b, ref {_t} y, int rows) => {ForwardKernelEmitter.MethodName(path)}(ref x, ref w, ref b, ref y, rows);");
                if (panels is not null)
                {
                    _w.Line();
                    EmitRunPanels(path.Panels!, panels);
                    if (panels.RowSplits.Count > 0)
                    {
                        _w.Line();
                        EmitSplitRow(panels);
                    }
                }
            }
        }
    }

    /// <summary>
    /// The panels <c>first..end-1</c> over every row: the loop of the path's outer-product entry, restricted to a range,
    /// calling the same panel method with the same first output per panel, so every output gets the same tile.
    /// </summary>
    private void EmitRunPanels(PanelPlan plan, PanelSplit panels)
    {
        int columns = panels.Columns;
        string first = panels.LastOverlaps
            ? $"k < {panels.FullPanels} ? k * {columns} : Outputs - {columns}"
            : $"k * {columns}";
        _w.Line(CodeWriter.OptimizeKernel);
        using (_w.Block($"public static void RunPanels(ref {_t} x, ref {_t} w, ref {_t} b, ref {_t} y, int rows, int first, int end)"))
        {
            if (panels.XPanelTest is { } test)
            {
                _w.Line("// A batch that takes x as the panel with rows after its whole blocks by dot products: that kernel, as in a single-threaded");
                _w.Line("// call, over this chunk's outputs only (the same blocks, tiles and dot products per output: the same bits whatever the");
                _w.Line("// split). Its other batches' rows are the W panels' bits.");
                using (_w.Block($"if ({test.Replace("batch", "rows")})"))
                {
                    _w.Line($"{XPanelKernelEmitter.RangeEntryName(plan.Bits)}(ref x, ref w, ref b, ref y, rows, first * {columns}, end == {panels.Count} ? Outputs : end * {columns});");
                    _w.Line("return;");
                }

                _w.Line();
            }

            _w.Line(panels.LastOverlaps
                ? $"// Panel k holds outputs k·{columns}..k·{columns}+{columns - 1}, the last one (k = {panels.FullPanels}) the last {columns} outputs; one pooled buffer for this chunk's panels."
                : $"// Panel k holds outputs k·{columns}..k·{columns}+{columns - 1}; one pooled buffer for this chunk's panels.");
            _w.Line($"{_t}[] panel = global::System.Buffers.ArrayPool<{_t}>.Shared.Rent(Inputs * {columns});");
            using (_w.Block("try"))
            {
                _w.Line($"ref {_t} p = ref MemoryMarshal.GetArrayDataReference(panel);");
                using (_w.Block("for (int k = first; k < end; k++)"))
                {
                    _w.Line($"{PanelKernelEmitter.PanelMethod(plan, _t)}(ref x, ref w, ref b, ref y, ref p, {first}, rows);");
                }
            }

            using (_w.Block("finally"))
            {
                _w.Line($"global::System.Buffers.ArrayPool<{_t}>.Shared.Return(panel);");
            }
        }
    }

    /// <summary>
    /// The batches that take x as the panel with dot-product rows and split into two chunks of rows
    /// (<see cref="PanelSplit.RowSplits"/>), runs of batches with the same row as one case.
    /// </summary>
    private void EmitSplitRow(PanelSplit panels)
    {
        _w.Line("// Batches that take x as the panel with rows by dot products and whose blocks of rows fall into two halves of about the");
        _w.Line("// same work: two chunks of rows cut at a block, each running the kernel over its rows (the same block calls as over the");
        _w.Line("// whole batch: the same bits) and packing only its own rows of x. Other batches: 0, split by outputs.");
        using (_w.Block("public static int SplitRow(int rows) => rows switch", "};"))
        {
            var splits = panels.RowSplits;
            for (int i = 0; i < splits.Count;)
            {
                int j = i;
                while (j + 1 < splits.Count && splits[j + 1].Row == splits[i].Row && splits[j + 1].Batch == splits[j].Batch + 1)
                {
                    j++;
                }

                string batches = i == j ? splits[i].Batch.ToString() : $">= {splits[i].Batch} and <= {splits[j].Batch}";
                _w.Line($"{batches} => {splits[i].Row},");
                i = j + 1;
            }

            _w.Line("_ => 0,");
        }
    }

    private static string StructName(PathPlan path, PanelSplit? panels) => path.Name + (panels is null ? "Rows" : "Panels");
}
