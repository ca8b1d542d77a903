using SigmoidGen.Tests.Reference;

namespace SigmoidGen.Tests.Layers;

/// <summary>
/// Layers with packed weights against the double-precision reference computed from the row-major weights they were
/// packed from: every batch from a single row (tiles of 1 and 2 rows that spread the inputs over several accumulator
/// sets) to several full tiles, on every SIMD path in CI.
/// </summary>
public class PackedLayerTests
{
    private const double FloatExact = 2.5e-7;
    private const double DoubleExact = 1e-15;
    private const double FastError = 5e-6;

    public static TheoryData<string, int, int, int, double> FloatCases()
    {
        var data = new TheoryData<string, int, int, int, double>();
        foreach (int batch in new[] { 0, 1, 2, 3, 5, 6, 7, 13, 31 })
        {
            data.Add(nameof(PackedLayers.F4x8), batch, 4, 8, FloatExact);
            data.Add(nameof(PackedLayers.F30x16), batch, 30, 16, FloatExact);
            data.Add(nameof(PackedLayers.F64x32), batch, 64, 32, FloatExact);
            data.Add(nameof(PackedLayers.F20x40), batch, 20, 40, FloatExact);
            data.Add(nameof(PackedLayers.F129x65), batch, 129, 65, FloatExact);
            data.Add(nameof(PackedLayers.F3x100Fast), batch, 3, 100, FastError);
        }

        // Larger batches: many full tiles per panel, then a remainder.
        data.Add(nameof(PackedLayers.F129x65), 400, 129, 65, FloatExact);
        data.Add(nameof(PackedLayers.F129x65), 377, 129, 65, FloatExact);
        data.Add(nameof(PackedLayers.F33x40Batch7), 7, 33, 40, FloatExact);
        data.Add(nameof(PackedLayers.F33x40Batch1), 1, 33, 40, FloatExact);
        data.Add(nameof(PackedLayers.F20x40Parallel), 3, 20, 40, FloatExact);
        data.Add(nameof(PackedLayers.F20x40Parallel), 2001, 20, 40, FloatExact);
        return data;
    }

    public static TheoryData<string, int, int, int, double> DoubleCases()
    {
        var data = new TheoryData<string, int, int, int, double>();
        foreach (int batch in new[] { 1, 2, 5, 6, 13 })
        {
            data.Add(nameof(PackedLayers.D9x7), batch, 9, 7, DoubleExact);
            data.Add(nameof(PackedLayers.D9x8), batch, 9, 8, DoubleExact);
            data.Add(nameof(PackedLayers.D9x16), batch, 9, 16, DoubleExact);
            data.Add(nameof(PackedLayers.D33x17), batch, 33, 17, DoubleExact);
            data.Add(nameof(PackedLayers.D129x65), batch, 129, 65, DoubleExact);
        }

        data.Add(nameof(PackedLayers.D129x65), 200, 129, 65, DoubleExact);

        return data;
    }

    [Theory]
    [MemberData(nameof(FloatCases))]
    public void FloatLayerMatchesDoubleReference(string layer, int batch, int inputs, int outputs, double sigmoidError)
    {
        ForwardLayer<float> packed = typeof(PackedLayers).GetMethod(layer)!.CreateDelegate<ForwardLayer<float>>();
        ReferenceLayer.AssertMatches<float>((x, w, b, y) => packed(x, SigmoidPacking.Pack(w, inputs, outputs), b, y), batch, inputs, outputs, sigmoidError);
    }

    [Theory]
    [MemberData(nameof(DoubleCases))]
    public void DoubleLayerMatchesDoubleReference(string layer, int batch, int inputs, int outputs, double sigmoidError)
    {
        ForwardLayer<double> packed = typeof(PackedLayers).GetMethod(layer)!.CreateDelegate<ForwardLayer<double>>();
        ReferenceLayer.AssertMatches<double>((x, w, b, y) => packed(x, SigmoidPacking.Pack(w, inputs, outputs), b, y), batch, inputs, outputs, sigmoidError);
    }

    [Fact]
    public void RowMajorWeightsOfThePackedLengthAreNotWhatItReads()
    {
        // (64, 32): two whole units, so the packed length equals the row-major one and a forgotten Pack is not caught by
        // the length check: the layer then reads the row-major weights as if packed. This pins down that the layouts differ.
        float[] w = ReferenceLayer.Random<float>(64 * 32, 3, 0.2);
        float[] x = ReferenceLayer.Random<float>(64, 4, 1);
        float[] b = new float[32];
        float[] right = new float[32], wrong = new float[32];
        PackedLayers.F64x32(x, SigmoidPacking.Pack(w, 64, 32), b, right);
        PackedLayers.F64x32(x, w, b, wrong);
        Assert.NotEqual(right, wrong);
    }

    [Fact]
    public void WrongLengthThrowsNamingTheParameterBeforeWriting()
    {
        // (20, 40): three units of 16 outputs (the last one overlapping), 3 · 16 · 20 = 960 packed weights, not the 800
        // row-major ones.
        var output = new float[40];
        Array.Fill(output, 42f);
        var exception = Assert.Throws<ArgumentException>(() => PackedLayers.F20x40(new float[20], new float[20 * 40], new float[40], output));
        Assert.Equal("packedWeights", exception.ParamName);
        Assert.Contains("960", exception.Message);
        Assert.Contains("SigmoidPacking", exception.Message);
        Assert.All(output, v => Assert.Equal(42f, v));
        Assert.Equal(960, SigmoidPacking.PackedLength<float>(20, 40));
    }
}
