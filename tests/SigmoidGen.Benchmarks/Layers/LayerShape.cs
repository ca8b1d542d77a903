namespace SigmoidGen.Benchmarks.Layers;

/// <summary>The benchmarked layer shapes, named B{batch}_I{inputs}_O{outputs}.</summary>
public enum LayerShape
{
    B1_I4_O8,
    B1_I64_O32,
    B32_I64_O32,
    B64_I784_O128,
    B256_I512_O512,

    /// <summary>Logistic regression: many rows, tens of inputs, one output (issue 17).</summary>
    B1024_I30_O1,

    /// <summary>A 1×1 layer over a million rows: σ(w·x + b) element by element (issue 17).</summary>
    B1048576_I1_O1,
}

/// <summary>Batch, inputs and outputs of each <see cref="LayerShape"/>.</summary>
public static class LayerShapes
{
    public static (int Batch, int Inputs, int Outputs) Dimensions(LayerShape shape) => shape switch
    {
        LayerShape.B1_I4_O8 => (1, 4, 8),
        LayerShape.B1_I64_O32 => (1, 64, 32),
        LayerShape.B32_I64_O32 => (32, 64, 32),
        LayerShape.B64_I784_O128 => (64, 784, 128),
        LayerShape.B256_I512_O512 => (256, 512, 512),
        LayerShape.B1024_I30_O1 => (1024, 30, 1),
        LayerShape.B1048576_I1_O1 => (1048576, 1, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };
}
