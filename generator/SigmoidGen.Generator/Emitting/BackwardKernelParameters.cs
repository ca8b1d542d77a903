using System.Collections.Generic;
using System.Linq;
using SigmoidGen.Generator.Model;
using SigmoidGen.Generator.Planning;

namespace SigmoidGen.Generator.Emitting;

/// <summary>The generated backward kernels' signatures: each kernel's parameters, declared once for its declaration and its calls.</summary>
internal sealed partial class BackwardKernelEmitter
{
    /// <summary>
    /// The parameters of a path method (and of the one-row kernel, without the batch): the spans x, w, y, g, then b
    /// (training step) or dw and db (backward pass), dx with an input gradient, then the batch when it is not fixed,
    /// the loss scale, and plain SGD's rate or the optimizer's state and constants. The entry declares a local of each name.
    /// </summary>
    private IEnumerable<KernelParameter> PathParameters(bool batch)
    {
        foreach (string span in new[] { "x", "w", "y", "g" }.Concat(_train ? new[] { "b" } : new[] { "dw", "db" }).Concat(_dx ? new[] { "dx" } : new string[0]))
        {
            yield return KernelParameter.Ref(_t, span);
        }

        if (batch && _spec.Batch == 0)
        {
            yield return new KernelParameter("int", "batch");
        }

        foreach (KernelParameter p in ScaleAndTrainParameters)
        {
            yield return p;
        }
    }

    /// <summary>The loss scale (binary cross-entropy), then plain SGD's rate or the optimizer's state and constants.</summary>
    private IEnumerable<KernelParameter> ScaleAndTrainParameters => ScaleParameter.Concat(
        !_train ? Enumerable.Empty<KernelParameter>() : _sig?.Parameters ?? new[] { new KernelParameter(_t, "rate") });

    private IEnumerable<KernelParameter> ScaleParameter => _bce ? new[] { new KernelParameter(_t, "scale") } : Enumerable.Empty<KernelParameter>();

    private IEnumerable<KernelParameter> Refs(params string[] names) => names.Select(name => KernelParameter.Ref(_t, name));

    public static string MethodName(BackwardPathPlan path) => "Backward" + path.MethodPathName;

    /// <summary>The path method (one per path): both passes.</summary>
    private KernelSignature PathSignature(BackwardPathPlan path) => Generic(MethodName(path), PathParameters(batch: true));

    /// <summary>The arguments of a call to a path method from the entry, whose locals have the parameters' names.</summary>
    public string PathArguments => new KernelSignature(string.Empty, PathParameters(batch: true)).Arguments();

    /// <summary>A batch of one row (<see cref="EmitSingleRow"/>): the path's parameters without the batch.</summary>
    private KernelSignature SingleRowSignature(BackwardPathPlan path) => Generic($"OneRow{path.PrintedBy(BackwardKernelKind.OneRow)}", PathParameters(batch: false));

    /// <summary>A kernel that takes the training rule: generic over the optimizer's update with a fused optimizer (<see cref="OptimizerEpilogue"/>).</summary>
    private KernelSignature Generic(string name, IEnumerable<KernelParameter> parameters) =>
        _sig is null ? new KernelSignature(name, parameters) : new KernelSignature(name, parameters, OptimizerEpilogue.UpdateType, _sig.Constraint);

    /// <summary>Pass 1 for a block of <paramref name="rows"/> rows (<see cref="EmitRowBlock"/>).</summary>
    private KernelSignature RowBlockSignature(BackwardPathPlan path, int rows) =>
        new($"Rows{path.PrintedBy(BackwardKernelKind.RowBlock, rows)}x{rows}", Refs("w", "y0", "g0", "dx0", "d").Concat(ScaleParameter));

    /// <summary>dz over a run of values, for the grouped pass 1 (<see cref="EmitDzKernel"/>).</summary>
    private KernelSignature DzSignature(BackwardPathPlan path) =>
        new($"OutputGradient{GroupBits(path)}", Refs("y0", "g0", "d").Append(new KernelParameter("int", "count")).Concat(ScaleParameter));

    /// <summary>The width in the names of the grouped pass 1's kernels: the path's that prints them.</summary>
    private static int GroupBits(BackwardPathPlan path) => path.PrintedBy(BackwardKernelKind.GroupKernels, path.RowsPerBlock);

    /// <summary>The copy of a chunk of W's columns, for the grouped pass 1.</summary>
    private KernelSignature CopySignature(BackwardPathPlan path) => new($"CopyColumns{GroupBits(path)}", Refs("w", "c"));

    /// <summary>An input-gradient tile of the grouped pass 1, on a copied chunk or on the inputs' tail.</summary>
    private KernelSignature GroupTileSignature(BackwardPathPlan path, int rows, bool chunk) =>
        new($"InputGradient{(chunk ? string.Empty : "Tail")}{GroupBits(path)}x{rows}", Refs("w", "d", "dx0"));

    /// <summary>The copy of a block's inputs by chunk, for pass 2 (<see cref="EmitPackRows"/>).</summary>
    private KernelSignature PackSignature(BackwardPathPlan path) =>
        new($"PackInputs{path.PrintedBy(BackwardKernelKind.PackInputs)}", Refs("x", "xp").Append(new KernelParameter("int", "rows")));

    /// <summary>
    /// Pass 2 for a tile of <paramref name="outputs"/> outputs over a block of rows (<see cref="EmitOutputTile"/>): with a
    /// fused optimizer, also whether the block is the last, and the tile's gradient rows (gs) and the bias gradient (gb).
    /// </summary>
    private KernelSignature OutputTileSignature(BackwardPathPlan path, int outputs)
    {
        var parameters = new List<KernelParameter> { new("int", "o"), new("int", "first"), new("int", "rows") };
        if (_sig is not null)
        {
            parameters.Add(new KernelParameter("bool", "lastBlock"));
        }

        parameters.AddRange(Refs(path.PackInputs ? new[] { "x", "xp", "y", "g" } : new[] { "x", "y", "g" }));
        parameters.AddRange(Refs(_train ? new[] { "w", "b" } : new[] { "dw", "db" }));
        if (_sig is not null)
        {
            parameters.AddRange(Refs("gs", "gb"));
        }

        parameters.AddRange(Refs("dc"));
        parameters.AddRange(ScaleAndTrainParameters);
        return Generic($"Outputs{path.PrintedBy(BackwardKernelKind.OutputTile, outputs)}x{outputs}", parameters);
    }

    /// <summary>
    /// The call of an output tile from the first output <paramref name="o"/>; a fused optimizer's tile sums its gradient
    /// rows into the group's buffer <c>gw</c> from row o − group (<paramref name="groups"/>), or from row o.
    /// </summary>
    private string OutputTileCall(BackwardPathPlan path, int outputs, string o, bool groups)
    {
        if (_sig is null)
        {
            return OutputTileSignature(path, outputs).Call(("o", o));
        }

        if (_opt is null)
        {
            // Plain SGD in kernels shared with the fused optimizers: no gradient buffer (the tile updates in place).
            return OutputTileSignature(path, outputs).Call(("o", o), ("lastBlock", "false"), ("gs", "dc"), ("gb", "dc"));
        }

        string gradients = groups ? $"Unsafe.Add(ref gw, ({o} - group) * Inputs)" : o == "0" ? "gw" : $"Unsafe.Add(ref gw, {o} * Inputs)";
        return OutputTileSignature(path, outputs).Call(("o", o), ("gs", gradients));
    }
}
