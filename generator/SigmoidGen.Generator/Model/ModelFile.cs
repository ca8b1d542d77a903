namespace SigmoidGen.Generator.Model;

/// <summary>One tensor of a safetensors header: dtype, shape and byte range in the data section.</summary>
internal sealed record ModelTensor(string Name, string Dtype, EquatableArray<long> Shape, long Begin, long End)
{
    /// <summary>The shape as PyTorch prints it, e.g. <c>[16, 30]</c>.</summary>
    public string ShapeText => "[" + string.Join(", ", Shape) + "]";
}

/// <summary>How reading a model file failed, which decides the diagnostic.</summary>
internal enum ModelFault
{
    None,
    Unreadable,
    NotSafetensors,
}

/// <summary>
/// One <c>AdditionalFiles</c> item that a network names as its model, read once and parsed (the per-file, cached step of
/// the pipeline): either its tensors and data section, or why it could not be read. Compared by value, bytes included,
/// so an unrelated edit leaves it cached and an edit of the file makes it new.
/// </summary>
/// <param name="Path">The item's full path as the compiler gives it.</param>
/// <param name="Fault">Why it failed, or <see cref="ModelFault.None"/>.</param>
/// <param name="Error">The message for the fault (empty when none).</param>
/// <param name="Tensors">The header's tensors, in the header's order.</param>
/// <param name="Data">The data section, which the tensors tile exactly.</param>
internal sealed record ModelFile(string Path, ModelFault Fault, string Error, EquatableArray<ModelTensor> Tensors, EquatableArray<byte> Data)
{
    public static ModelFile Failed(string path, ModelFault fault, string error) =>
        new(path, fault, error, EquatableArray<ModelTensor>.Empty, EquatableArray<byte>.Empty);
}
