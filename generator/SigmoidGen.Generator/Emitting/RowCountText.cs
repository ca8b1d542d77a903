namespace SigmoidGen.Generator.Emitting;

/// <summary>
/// How kernels name their row count: the constant <c>Batch</c> when the plan fixes it (<paramref name="Rows"/> &gt; 0),
/// else a parameter <c>batch</c> passed down from the entry method.
/// </summary>
internal readonly record struct RowCountText(int Rows)
{
    /// <summary>The row count in a loop bound.</summary>
    public string Bound => Rows > 0 ? "Batch" : "batch";

    /// <summary>Appended to a kernel's parameter list.</summary>
    public string Parameter => Rows > 0 ? string.Empty : ", int batch";

    /// <summary>Appended to a kernel call's argument list.</summary>
    public string Argument => Rows > 0 ? string.Empty : ", batch";
}
