namespace SigmoidGen.Benchmarks.Layers;

/// <summary>The benchmarked layer shapes, named B{batch}_I{inputs}_O{outputs}.</summary>
public enum LayerShape
{
    B1_I4_O8,
    B1_I64_O32,
    B32_I64_O32,
    B64_I784_O128,
    B256_I512_O512,
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
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };
}
