using SigmoidGen.Tests.Reference;

namespace SigmoidGen.Tests.Layers;

/// <summary>
/// Generated forward layers against the double-precision reference, on shapes that are and are not multiples of the
/// vector widths. CI runs this class again with AVX-512, AVX2 and all hardware intrinsics disabled, so every SIMD path
/// of the generated code is exercised.
/// </summary>
public class ForwardLayerTests
{
    // Exact: ≤ 2 ULP of float near 1 (2^-23 each); Fast: 5e-6 absolute.
    private const double FloatExact = 2.5e-7;
    private const double DoubleExact = 1e-15;
    private const double FastError = 5e-6;

    public static TheoryData<string, int, int, int, double> FloatCases => new()
    {
        { nameof(ForwardLayers.F1x1), 1, 1, 1, FloatExact },
        { nameof(ForwardLayers.F1x1), 9, 1, 1, FloatExact },
        { nameof(ForwardLayers.F3x5), 1, 3, 5, FloatExact },
        { nameof(ForwardLayers.F3x5), 6, 3, 5, FloatExact },
        { nameof(ForwardLayers.F4x8), 1, 4, 8, FloatExact },
        { nameof(ForwardLayers.F4x20), 1, 4, 20, FloatExact },
        { nameof(ForwardLayers.F4x20), 7, 4, 20, FloatExact },
        { nameof(ForwardLayers.F4x28Fast), 1, 4, 28, FastError },
        { nameof(ForwardLayers.F4x28Fast), 5, 4, 28, FastError },
        { nameof(ForwardLayers.F33x17), 7, 33, 17, FloatExact },
        { nameof(ForwardLayers.F33x17), 0, 33, 17, FloatExact },
        { nameof(ForwardLayers.F129x65), 3, 129, 65, FloatExact },
        { nameof(ForwardLayers.F129x65), 9, 129, 65, FloatExact },
        { nameof(ForwardLayers.F17x257), 2, 17, 257, FloatExact },
        { nameof(ForwardLayers.F33x17Batch7), 7, 33, 17, FloatExact },
        { nameof(ForwardLayers.F33x17Fast), 7, 33, 17, FastError },
        { nameof(ForwardLayers.F16x1), 1, 16, 1, FloatExact },
        { nameof(ForwardLayers.F16x1), 32, 16, 1, FloatExact },
        { nameof(ForwardLayers.F16x1), 101, 16, 1, FloatExact },
        { nameof(ForwardLayers.F7x2Fast), 1, 7, 2, FastError },
        { nameof(ForwardLayers.F7x2Fast), 3, 7, 2, FastError },
        { nameof(ForwardLayers.F7x2Fast), 37, 7, 2, FastError },
        { nameof(ForwardLayers.F5x1Batch10), 10, 5, 1, FloatExact },

        // Batches of 12 rows or more (48 from 48 inputs up) take the outer-product (panel) kernel where a panel fits in the
        // outputs: full and overlapping tail panels, full tiles and leftover rows (1 to 5: a tile of 4 or 6 ending at the last row), fully
        // unrolled (≤ 16 inputs) and looped inputs.
        { nameof(ForwardLayers.F1x1), 12, 1, 1, FloatExact },
        { nameof(ForwardLayers.F3x5), 30, 3, 5, FloatExact },
        { nameof(ForwardLayers.F4x8), 12, 4, 8, FloatExact },
        { nameof(ForwardLayers.F4x8), 31, 4, 8, FloatExact },
        { nameof(ForwardLayers.F33x17), 13, 33, 17, FloatExact },
        { nameof(ForwardLayers.F33x17), 36, 33, 17, FloatExact },
        { nameof(ForwardLayers.F33x17), 17, 33, 17, FloatExact },
        { nameof(ForwardLayers.F129x65), 15, 129, 65, FloatExact },
        { nameof(ForwardLayers.F129x65), 50, 129, 65, FloatExact },
        { nameof(ForwardLayers.F17x257), 16, 17, 257, FloatExact },
        { nameof(ForwardLayers.F129x65), 20, 129, 65, FloatExact },
        { nameof(ForwardLayers.F17x257), 14, 17, 257, FloatExact },
        { nameof(ForwardLayers.F33x17Batch13), 13, 33, 17, FloatExact },
        { nameof(ForwardLayers.F33x17Fast), 25, 33, 17, FastError },
        { nameof(ForwardLayers.F30x16), 17, 30, 16, FloatExact },
        { nameof(ForwardLayers.F30x16), 24, 30, 16, FloatExact },
        { nameof(ForwardLayers.F30x16), 33, 30, 16, FloatExact },
        { nameof(ForwardLayers.F30x16Batch17), 17, 30, 16, FloatExact },
    };

    public static TheoryData<string, int, int, int, double> DoubleCases => new()
    {
        { nameof(ForwardLayers.D1x1), 1, 1, 1, DoubleExact },
        { nameof(ForwardLayers.D1x1), 5, 1, 1, DoubleExact },
        { nameof(ForwardLayers.D3x5), 1, 3, 5, DoubleExact },
        { nameof(ForwardLayers.D3x5), 6, 3, 5, DoubleExact },
        { nameof(ForwardLayers.D33x17), 7, 33, 17, DoubleExact },
        { nameof(ForwardLayers.D129x65), 3, 129, 65, DoubleExact },
        { nameof(ForwardLayers.D129x65), 9, 129, 65, DoubleExact },
        { nameof(ForwardLayers.D17x257), 2, 17, 257, DoubleExact },
        { nameof(ForwardLayers.D33x17Batch7), 7, 33, 17, DoubleExact },
        { nameof(ForwardLayers.D33x17Fast), 7, 33, 17, FastError },

        // Outer-product (panel) kernel cases, as for float.
        { nameof(ForwardLayers.D3x5), 20, 3, 5, DoubleExact },
        { nameof(ForwardLayers.D33x17), 13, 33, 17, DoubleExact },
        { nameof(ForwardLayers.D33x17), 17, 33, 17, DoubleExact },
        { nameof(ForwardLayers.D129x65), 15, 129, 65, DoubleExact },
        { nameof(ForwardLayers.D129x65), 53, 129, 65, DoubleExact },
        { nameof(ForwardLayers.D129x65), 26, 129, 65, DoubleExact },
        { nameof(ForwardLayers.D17x257), 12, 17, 257, DoubleExact },
        { nameof(ForwardLayers.D33x17Batch13), 13, 33, 17, DoubleExact },
        { nameof(ForwardLayers.D33x17Fast), 25, 33, 17, FastError },
    };

    [Theory]
    [MemberData(nameof(FloatCases))]
    public void FloatLayerMatchesDoubleReference(string layer, int batch, int inputs, int outputs, double sigmoidError) =>
        ReferenceLayer.AssertMatches(Get<float>(layer), batch, inputs, outputs, sigmoidError);

    [Theory]
    [MemberData(nameof(DoubleCases))]
    public void DoubleLayerMatchesDoubleReference(string layer, int batch, int inputs, int outputs, double sigmoidError) =>
        ReferenceLayer.AssertMatches(Get<double>(layer), batch, inputs, outputs, sigmoidError);

    /// <summary>
    /// A single row of four inputs reads W whole on Vector512 and Vector256 (each vector the rows of several outputs, summed
    /// within its 128-bit lanes); the row blocks take output tiles. Both sum each output's four products as (x0·w0 + x1·w1)
    /// + (x2·w2 + x3·w3): each row alone gives the bits it gets in a block of rows (4 rows: one block of 4 on Vector512, of 3
    /// and a single row on Vector256, two blocks of 2 on Vector128; below every path's panel kernel).
    /// </summary>
    [Theory]
    [InlineData(nameof(ForwardLayers.F4x8), 8)]
    [InlineData(nameof(ForwardLayers.F4x20), 20)]
    [InlineData(nameof(ForwardLayers.F4x28Fast), 28)]
    public void SingleRowGivesTheBitsOfTheRowBlocks(string layer, int outputs)
    {
        const int Rows = 4, Inputs = 4;
        ForwardLayer<float> forward = Get<float>(layer);
        var random = new Random(17);
        float[] x = Enumerable.Range(0, Rows * Inputs).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        float[] w = Enumerable.Range(0, outputs * Inputs).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        float[] b = Enumerable.Range(0, outputs).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var block = new float[Rows * outputs];
        forward(x, w, b, block);
        for (int row = 0; row < Rows; row++)
        {
            var single = new float[outputs];
            forward(x.AsSpan(row * Inputs, Inputs), w, b, single);
            Assert.Equal(block.AsSpan(row * outputs, outputs).ToArray(), single);
        }
    }

    [Fact]
    public void HandCheckedCase()
    {
        // z = 0.5 + (1·1 + 2·(-1) + 3·0.5) = 1.0 → σ = 0.7310585786300049; z2 = -0.5 + 0 = -0.5 → σ = 0.3775406687981454.
        float[] x = { 1f, 2f, 3f };
        float[] w = { 1f, -1f, 0.5f, 0f, 0f, 0f };
        float[] b = { 0.5f, -0.5f };
        var y = new float[2];
        ForwardLayers.F3x2(x, w, b, y);
        Assert.Equal(0.7310585786300049, y[0], 1e-7);
        Assert.Equal(0.3775406687981454, y[1], 1e-7);
    }

    [Fact]
    public void SaturatesWithoutInfOrNaN()
    {
        // Sums of ±1e30 push σ to exactly 0 and 1; NaN in the input propagates.
        float[] x = { 1e30f, 1e30f, 1e30f, float.NaN, 0f, 0f };
        float[] w = { 1f, 1f, 1f, -1f, -1f, -1f };
        float[] b = { 0f, 0f };
        var y = new float[4];
        ForwardLayers.F3x2(x, w, b, y);
        Assert.Equal(1f, y[0]);
        Assert.Equal(0f, y[1]);
        Assert.True(float.IsNaN(y[2]) && float.IsNaN(y[3]));
    }

    [Theory]
    [InlineData("input", 34, 17 * 33, 17, 17)]
    [InlineData("weights", 33, 17 * 33 - 1, 17, 17)]
    [InlineData("bias", 33, 17 * 33, 16, 17)]
    [InlineData("output", 33, 17 * 33, 17, 18)]
    [InlineData("output", 66, 17 * 33, 17, 17)]
    public void WrongLengthThrowsNamingTheParameterBeforeWriting(string parameter, int inputLength, int weightLength, int biasLength, int outputLength)
    {
        var output = new float[outputLength];
        Array.Fill(output, 42f);
        var exception = Assert.Throws<ArgumentException>(() =>
            ForwardLayers.F33x17(new float[inputLength], new float[weightLength], new float[biasLength], output));
        Assert.Equal(parameter, exception.ParamName);
        Assert.All(output, v => Assert.Equal(42f, v));
    }

    [Fact]
    public void OutputSharingMemoryWithAnInputIsRejectedBeforeWriting()
    {
        // One buffer holding input (4 × 3) and, overlapping it, the output (4 × 2): the kernel would read what it wrote.
        float[] buffer = Enumerable.Range(0, 12).Select(i => (float)i).ToArray();
        float[] w = new float[6];
        float[] b = new float[2];
        var exception = Assert.Throws<ArgumentException>(() => ForwardLayers.F3x2(buffer, w, b, buffer.AsSpan(4, 8)));
        Assert.Equal("y", exception.ParamName);
        Assert.Contains("'x'", exception.Message);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (float)i), buffer);

        float[] weights = new float[6];
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => ForwardLayers.F3x2(new float[3], weights, b, weights.AsSpan(0, 2))).ParamName);
    }

    [Fact]
    public void FixedBatchRejectsOtherBatchSizes()
    {
        var exception = Assert.Throws<ArgumentException>(() =>
            ForwardLayers.F33x17Batch7(new float[6 * 33], new float[17 * 33], new float[17], new float[6 * 17]));
        Assert.Equal("input", exception.ParamName);
    }

    private static ForwardLayer<T> Get<T>(string name) =>
        typeof(ForwardLayers).GetMethod(name)!.CreateDelegate<ForwardLayer<T>>();
}
