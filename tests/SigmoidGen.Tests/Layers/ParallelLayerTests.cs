using System.Runtime.InteropServices;
using SigmoidGen.Tests.Reference;

namespace SigmoidGen.Tests.Layers;

/// <summary>
/// Generated forward layers with <c>Parallel = true</c>: the same bounds against the double reference as
/// <see cref="ForwardLayerTests"/>, the same bits as the single-threaded layer, no allocation when a call stays on the
/// calling thread, and every length checked before anything is written. CI runs this class on every SIMD path too.
/// </summary>
public class ParallelLayerTests
{
    private const double FloatExact = 2.5e-7;
    private const double DoubleExact = 1e-15;
    private const double FastError = 5e-6;

    public static TheoryData<string, int, int, int, double> FloatCases => new()
    {
        // Split: 301 rows in 2+ uneven chunks of whole tiles; 1000 rows in as many chunks as there are processors.
        { nameof(ParallelLayers.F129x65), 301, 129, 65, FloatExact },
        { nameof(ParallelLayers.F129x65), 1000, 129, 65, FloatExact },
        { nameof(ParallelLayers.F129x65Batch301), 301, 129, 65, FloatExact },
        { nameof(ParallelLayers.F33x17Fast), 4001, 33, 17, FastError },
        { nameof(ParallelLayers.F400x160), 72, 400, 160, FloatExact },
        { nameof(ParallelLayers.F400x160), 100, 400, 160, FloatExact },

        // Split by output panels (on the paths that transpose W into panels that halve evenly).
        { nameof(ParallelLayers.F40x549), 301, 40, 549, FloatExact },
        { nameof(ParallelLayers.F72x272), 64, 72, 272, FloatExact },
        { nameof(ParallelLayers.F96x128), 100, 96, 128, FloatExact },
        { nameof(ParallelLayers.F96x128Batch100), 100, 96, 128, FloatExact },
        { nameof(ParallelLayers.F96x128Fast), 257, 96, 128, FastError },

        // On the calling thread: too few rows for two chunks (dot-product tiles, then the outer-product kernel).
        { nameof(ParallelLayers.F129x65), 0, 129, 65, FloatExact },
        { nameof(ParallelLayers.F129x65), 3, 129, 65, FloatExact },
        { nameof(ParallelLayers.F129x65), 107, 129, 65, FloatExact },
        { nameof(ParallelLayers.F33x17Batch7), 7, 33, 17, FloatExact },
    };

    public static TheoryData<string, int, int, int, double> DoubleCases => new()
    {
        { nameof(ParallelLayers.D129x65), 301, 129, 65, DoubleExact },
        { nameof(ParallelLayers.D129x65), 1000, 129, 65, DoubleExact },
        { nameof(ParallelLayers.D129x65Batch301), 301, 129, 65, DoubleExact },
        { nameof(ParallelLayers.D40x549), 301, 40, 549, DoubleExact },
        { nameof(ParallelLayers.D72x272), 64, 72, 272, DoubleExact },
        { nameof(ParallelLayers.D129x65), 3, 129, 65, DoubleExact },
        { nameof(ParallelLayers.D129x65), 107, 129, 65, DoubleExact },
        { nameof(ParallelLayers.D33x17Batch7), 7, 33, 17, DoubleExact },
    };

    [Theory]
    [MemberData(nameof(FloatCases))]
    public void FloatLayerMatchesDoubleReference(string layer, int batch, int inputs, int outputs, double sigmoidError) =>
        ReferenceLayer.AssertMatches(Get<float>(layer), batch, inputs, outputs, sigmoidError);

    [Theory]
    [MemberData(nameof(DoubleCases))]
    public void DoubleLayerMatchesDoubleReference(string layer, int batch, int inputs, int outputs, double sigmoidError) =>
        ReferenceLayer.AssertMatches(Get<double>(layer), batch, inputs, outputs, sigmoidError);

    [Theory]
    [InlineData(nameof(ParallelLayers.F129x65), 301)]
    [InlineData(nameof(ParallelLayers.F129x65), 1000)]
    [InlineData(nameof(ParallelLayers.F129x65Batch301), 301)]
    [InlineData(nameof(ParallelLayers.F129x65), 40)]
    public void SameBitsAsTheSingleThreadedLayer(string layer, int batch) =>
        AssertSameBits(ForwardLayers.F129x65, Get<float>(layer), batch, 129, 65, 0.15);

    /// <summary>Chunks whose minimum is the panel kernel's batch: every chunk still runs the panel tiles.</summary>
    [Theory]
    [InlineData(64)]
    [InlineData(72)]
    [InlineData(85)]
    [InlineData(100)]
    [InlineData(257)]
    public void SameBitsAsTheSingleThreadedLayer_ChunksOfThePanelKernelsMinimum(int batch) =>
        AssertSameBits<float>(ForwardLayers.F400x160, ParallelLayers.F400x160, batch, 400, 160, 0.05);

    /// <summary>
    /// Layers split by output panels where their path transposes W into panels (see <see cref="ParallelLayers"/> for the
    /// panel counts per path, odd ones and overlapping last panels included): the same bits as the single-threaded layer
    /// at batches below the panel kernel's minimum (12 to 32 rows by layer and path: one call on the calling thread), at
    /// and just above it, with too little work for two chunks, with rows that end in a partial tile, and large.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(37)]
    [InlineData(45)]
    [InlineData(49)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(100)]
    [InlineData(257)]
    [InlineData(301)]
    public void SameBitsAsTheSingleThreadedLayer_SplitByOutputPanels(int batch)
    {
        AssertSameBits<float>(ParallelLayers.F40x549Single, ParallelLayers.F40x549, batch, 40, 549, 0.3);
        AssertSameBits<float>(ParallelLayers.F72x272Single, ParallelLayers.F72x272, batch, 72, 272, 0.2);
        AssertSameBits<float>(ParallelLayers.F96x128Single, ParallelLayers.F96x128, batch, 96, 128, 0.2);
        AssertSameBits<float>(ParallelLayers.F96x128FastSingle, ParallelLayers.F96x128Fast, batch, 96, 128, 0.2);
        AssertSameBits<double>(ParallelLayers.D40x549Single, ParallelLayers.D40x549, batch, 40, 549, 0.3);
        AssertSameBits<double>(ParallelLayers.D72x272Single, ParallelLayers.D72x272, batch, 72, 272, 0.2);
    }

    /// <summary>
    /// A layer of 512 outputs at batches that take x as the panel in a single-threaded call (whole blocks; 33, 37, 45, 49:
    /// rows after the last whole block by dot products on Vector512 and, at 33 and 37, on Vector256; 40: a last block
    /// overlapping; 52, 56, 61: Vector512's blocks of three vectors and 4, 8, 13 rows by dot products), split by ranges of
    /// outputs: the same bits; and above (W's panels).
    /// </summary>
    [Theory]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(37)]
    [InlineData(40)]
    [InlineData(45)]
    [InlineData(49)]
    [InlineData(52)]
    [InlineData(56)]
    [InlineData(61)]
    [InlineData(64)]
    [InlineData(100)]
    [InlineData(257)]
    public void SameBitsAsTheSingleThreadedLayer_XAsThePanelSplitByOutputs(int batch)
    {
        AssertSameBits<float>(ParallelLayers.F512x512Single, ParallelLayers.F512x512, batch, 512, 512, 0.05);
        AssertSameBits<double>(ParallelLayers.D512x512Single, ParallelLayers.D512x512, batch, 512, 512, 0.05);
    }

    /// <summary>
    /// Batches that take x as the panel with rows by dot products and split into two chunks of rows at one of their blocks
    /// (Vector512: (784, 128) at 65–70 and 81–86 rows, (512, 512) at 81–90, 113–122, 213–218), the batches around them
    /// (split by ranges of outputs or by W's panels), and the largest batches that take x as the panel: the same bits.
    /// </summary>
    [Theory]
    [InlineData(55)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(70)]
    [InlineData(71)]
    [InlineData(81)]
    [InlineData(86)]
    [InlineData(90)]
    [InlineData(96)]
    [InlineData(97)]
    [InlineData(100)]
    [InlineData(118)]
    [InlineData(213)]
    [InlineData(384)]
    public void SameBitsAsTheSingleThreadedLayer_XAsThePanelSplitByRows(int batch)
    {
        AssertSameBits<float>(XPanelRowSplitLayers.F784x128Single, XPanelRowSplitLayers.F784x128, batch, 784, 128, 0.05);
        AssertSameBits<double>(XPanelRowSplitLayers.D784x128Single, XPanelRowSplitLayers.D784x128, batch, 784, 128, 0.05);
        AssertSameBits<float>(ParallelLayers.F512x512Single, ParallelLayers.F512x512, batch, 512, 512, 0.05);
    }

    [Fact]
    public void SameBitsAsTheSingleThreadedLayer_SplitByOutputPanelsWithAFixedBatch() =>
        AssertSameBits<float>(ParallelLayers.F96x128Single, ParallelLayers.F96x128Batch100, 100, 96, 128, 0.2);

    [Fact]
    public void SameBitsAsTheSingleThreadedLayerInDouble() =>
        AssertSameBits<double>(ForwardLayers.D129x65, ParallelLayers.D129x65, 301, 129, 65, 0.15);

    /// <summary>Random inputs through both layers; the outputs must be the same bits.</summary>
    private static void AssertSameBits<T>(ForwardLayer<T> singleThreaded, ForwardLayer<T> parallelLayer, int batch, int inputs, int outputs, double weightScale)
        where T : unmanaged
    {
        T[] x = ReferenceLayer.Random<T>(batch * inputs, 3, 2);
        T[] w = ReferenceLayer.Random<T>(outputs * inputs, 4, weightScale);
        T[] b = ReferenceLayer.Random<T>(outputs, 5, 1);
        var single = new T[batch * outputs];
        var parallel = new T[batch * outputs];
        singleThreaded(x, w, b, single);
        parallelLayer(x, w, b, parallel);
        Assert.Equal(MemoryMarshal.AsBytes(single.AsSpan()).ToArray(), MemoryMarshal.AsBytes(parallel.AsSpan()).ToArray());
    }

    [Fact]
    public void ACallTooSmallToSplitAllocatesNothing()
    {
        // Three rows: dot-product tiles on the calling thread, no pooled panel, no chunk state.
        var x = new float[3 * 129];
        var w = new float[65 * 129];
        var b = new float[65];
        var y = new float[3 * 65];
        ParallelLayers.F129x65(x, w, b, y);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < 10; k++)
        {
            ParallelLayers.F129x65(x, w, b, y);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void ACallTooSmallToSplitByPanelsAllocatesNothing()
    {
        // 40 rows of (96, 128): the panel kernel on the calling thread (too little work for two chunks on any path), its
        // panel from the warm pool; no chunk state.
        var x = new float[40 * 96];
        var w = new float[128 * 96];
        var b = new float[128];
        var y = new float[40 * 128];
        ParallelLayers.F96x128(x, w, b, y);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < 10; k++)
        {
            ParallelLayers.F96x128(x, w, b, y);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData("input", 301 * 129 + 1, 65 * 129, 65, 301 * 65)]
    [InlineData("weights", 301 * 129, 65 * 129 - 1, 65, 301 * 65)]
    [InlineData("bias", 301 * 129, 65 * 129, 64, 301 * 65)]
    [InlineData("output", 301 * 129, 65 * 129, 65, 300 * 65)]
    public void WrongLengthThrowsNamingTheParameterBeforeWriting(string parameter, int inputLength, int weightLength, int biasLength, int outputLength)
    {
        foreach (ForwardLayer<float> layer in new[] { Get<float>(nameof(ParallelLayers.F129x65)), Get<float>(nameof(ParallelLayers.F129x65Batch301)) })
        {
            var output = new float[outputLength];
            Array.Fill(output, 42f);
            var exception = Assert.Throws<ArgumentException>(() => layer(new float[inputLength], new float[weightLength], new float[biasLength], output));
            Assert.Equal(parameter, exception.ParamName);
            Assert.All(output, v => Assert.Equal(42f, v));
        }
    }

    [Fact]
    public void OutputSharingMemoryWithTheInputIsRejectedBeforeWriting()
    {
        float[] buffer = new float[(301 * 129) + (301 * 65)];
        Array.Fill(buffer, 42f);
        var exception = Assert.Throws<ArgumentException>(() =>
            ParallelLayers.F129x65(buffer.AsSpan(0, 301 * 129), new float[65 * 129], new float[65], buffer.AsSpan(100, 301 * 65)));
        Assert.Equal("output", exception.ParamName);
        Assert.All(buffer, v => Assert.Equal(42f, v));
    }

    private static ForwardLayer<T> Get<T>(string name) =>
        typeof(ParallelLayers).GetMethod(name)!.CreateDelegate<ForwardLayer<T>>();
}
