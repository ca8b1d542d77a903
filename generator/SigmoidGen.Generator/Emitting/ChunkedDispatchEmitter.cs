using System.Linq;
using SigmoidGen.Generator.Model;
using SigmoidGen.Generator.Planning;

namespace SigmoidGen.Generator.Emitting;

/// <summary>
/// Prints what a forward layer whose calls run in chunks (<see cref="LayerPlan.RunsInChunks"/>) adds to the
/// single-threaded code: a dispatch that hands the widest accelerated path to <c>ParallelRows.Run</c> with that path's
/// <see cref="RowChunking"/>, and one small struct per path that calls the path's kernel for a run of rows.
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

    /// <summary>The entry's statements after the checks: the spans go to <c>ParallelRows</c>, unpinned and unread until then.</summary>
    public void EmitDispatch()
    {
        string rows = new RowCountText(_shape.Batch).Bound;
        EquatableArray<RowChunking> chunking = _plan.Parallel!.Paths;
        _w.Line("// Parallel = true: ParallelRows cuts the rows into chunks of whole tiles, run on the thread pool and here, or runs the");
        _w.Line("// kernel here on all of them when they are too few to share (the numbers are the path's grain and fewest rows per chunk).");
        DispatchEmitter.Emit(_w, _plan.Paths.Select((path, i) => (path.Bits,
            $"ParallelRows.Run<{StructName(path)}, {_t}>(input, weights, bias, output, Inputs, Outputs, {rows}, grainRows: {chunking[i].GrainRows}, minChunkRows: {chunking[i].MinRows});",
            (string?)null)).ToList());
    }

    /// <summary>One <c>IRowKernel</c> struct per path.</summary>
    public void EmitRowKernels()
    {
        foreach (PathPlan path in _plan.Paths)
        {
            _w.Line();
            _w.Line($"/// <summary>The {path.Name} kernel over <c>rows</c> consecutive rows, for <see cref=\"ParallelRows\"/>.</summary>");
            using (_w.Block($"private readonly struct {StructName(path)} : IRowKernel<{_t}>"))
            {
                _w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
                _w.Line($"public static void Run(ref {_t} x, ref {_t} w, ref {_t} b, ref {_t} y, int rows) => {ForwardKernelEmitter.MethodName(path)}(ref x, ref w, ref b, ref y, rows);");
            }
        }
    }

    private static string StructName(PathPlan path) => path.Name + "Rows";
}
