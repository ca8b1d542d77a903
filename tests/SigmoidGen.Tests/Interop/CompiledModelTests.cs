namespace SigmoidGen.Tests.Interop;

/// <summary>
/// Networks compiled from the PyTorch fixtures (CompiledNetworks.cs, <c>[SigmoidNetwork(Model = "…")]</c>) against
/// the same files loaded at run time with <c>LoadSafetensors</c>: the same parameters bit for bit, the same predictions
/// bit for bit (the same kernels on the same values, on whichever SIMD path this run takes; CI runs this project on all
/// four), and PyTorch's outputs within the bounds of <see cref="PyTorchSafetensorsTests"/>.
/// </summary>
public class CompiledModelTests
{
    private const double FloatBound = 1e-6;
    private const double DoubleBound = 1e-13;

    [Fact]
    public void Compiled30161IsLoadSafetensorsBitForBit() =>
        AssertSameAsLoaded(new Compiled30161Net(), new Torch30161Net(), "mlp_30_16_1.safetensors", null);

    [Fact]
    public void Compiled531WithSizesIsLoadSafetensorsBitForBit() =>
        AssertSameAsLoaded(new Compiled531Net(), new Torch531Net(), "mlp_5_3_1.safetensors", null);

    [Fact]
    public void Compiled531IntoDoubleIsLoadSafetensorsBitForBit() =>
        AssertSameAsLoaded(new Compiled531DoubleNet(), new Torch531DoubleNet(), "mlp_5_3_1.safetensors", null);

    [Fact]
    public void Compiled7942IsLoadSafetensorsBitForBit() =>
        AssertSameAsLoaded(new Compiled7942Net(), new Torch7942Net(), "mlp_7_9_4_2.safetensors", null);

    [Fact]
    public void CompiledNamedLayersAreLoadSafetensorsBitForBit() =>
        AssertSameAsLoaded(new Compiled462Net(), new Torch462Net(), "named_4_6_2.safetensors", SafetensorsLayout.Named("fc1", "fc2"));

    [Fact]
    public void CompiledFloat64IntoDoubleIsLoadSafetensorsBitForBit() =>
        AssertSameAsLoaded(new Compiled6113DoubleNet(), new Torch6113DoubleNet(), "mlp_6_11_3_f64.safetensors", null);

    [Fact]
    public void CompiledFloat64IntoFloatIsRoundedOnceAsLoadSafetensors() =>
        AssertSameAsLoaded(new Compiled6113Net(), new Torch6113Net(), "mlp_6_11_3_f64.safetensors", null);

    [Fact]
    public void CompiledF16IsLoadSafetensorsBitForBit() =>
        AssertSameAsLoaded(new Compiled643F16Net(), new Torch643Net(), "mlp_6_4_3_f16.safetensors", null);

    [Fact]
    public void CompiledBf16IsLoadSafetensorsBitForBit() =>
        AssertSameAsLoaded(new Compiled643Bf16Net(), new Torch643Net(), "mlp_6_4_3_bf16.safetensors", null);

    [Theory]
    [InlineData("mlp_30_16_1")]
    [InlineData("mlp_5_3_1")]
    [InlineData("mlp_7_9_4_2")]
    [InlineData("named_4_6_2")]
    public void CompiledFloatModelsReproducePyTorch(string name)
    {
        ISigmoidNetwork<float> net = name switch
        {
            "mlp_30_16_1" => new Compiled30161Net(),
            "mlp_5_3_1" => new Compiled531Net(),
            "mlp_7_9_4_2" => new Compiled7942Net(),
            _ => new Compiled462Net(),
        };
        var fixture = TorchFixture.Load(name);
        double[] y = fixture.Predict(net);
        Assert.InRange(TorchFixture.MaxDifference(y, fixture.OutputsFloat64), 0, FloatBound);
        Assert.InRange(TorchFixture.MaxDifference(y, fixture.Outputs), 0, FloatBound);
    }

    [Fact]
    public void CompiledDoubleModelReproducesPyTorch()
    {
        var fixture = TorchFixture.Load("mlp_6_11_3_f64");
        double[] y = fixture.Predict(new Compiled6113DoubleNet());
        Assert.InRange(TorchFixture.MaxDifference(y, fixture.OutputsFloat64), 0, DoubleBound);
    }

    [Fact]
    public void PredictNeedsNoInitializeOrLoadAndAllocatesNothingOnceWarm()
    {
        var net = new Compiled30161Net();
        float[] x = Inputs(30, 4, seed: 3), y = new float[4];
        net.Predict(x, y); // grows the workspace
        long before = GC.GetAllocatedBytesForCurrentThread();
        net.Predict(x, y);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.All(y, v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void TrainingWritesACopyAndResetReturnsToTheCompiledModel()
    {
        var fixture = TorchFixture.Load("mlp_30_16_1");
        var net = new Compiled30161Net();
        float[] compiled = net.Parameters.ToArray();
        Span<float> parameters = net.Parameters;
        float[] x = Inputs(30, 8, seed: 5), target = Enumerable.Range(0, 8).Select(k => (float)(k % 2)).ToArray();
        net.TrainStep(x, target, 0.5f);
        Assert.NotEqual(compiled, net.Parameters.ToArray());

        // Another instance still has the compiled model: the embedded data was never written.
        Assert.Equal(compiled, new Compiled30161Net().Parameters.ToArray());

        net.Reset();
        Assert.Equal(compiled, net.Parameters.ToArray());
        Assert.Equal(compiled, parameters.ToArray()); // the same buffer, overwritten
        Assert.InRange(TorchFixture.MaxDifference(fixture.Predict(net), fixture.OutputsFloat64), 0, FloatBound);

        net.Initialize(seed: 1);
        Assert.NotEqual(compiled, net.Parameters.ToArray());
        net.Reset();
        Assert.Equal(compiled, net.Parameters.ToArray());
    }

    [Fact]
    public void ResetOnANewInstanceChangesNothing()
    {
        var net = new Compiled531Net();
        net.Reset();
        var loaded = new Torch531Net();
        SigmoidSafetensors.Load(loaded, TorchFixture.File("mlp_5_3_1.safetensors"));
        Assert.Equal(loaded.Parameters.ToArray(), net.Parameters.ToArray());
    }

    [Fact]
    public void SaveWritesTheCompiledModelWithoutCopyingIt()
    {
        var net = new Compiled531Net();
        using var stream = new MemoryStream();
        net.SaveSafetensors(stream);
        stream.Position = 0;
        var loaded = new Torch531Net();
        loaded.LoadSafetensors(stream);
        Assert.Equal(net.Parameters.ToArray(), loaded.Parameters.ToArray());
    }

    [Fact]
    public void SizesComeFromTheFile()
    {
        Assert.Equal(new[] { 30, 16, 1 }, Compiled30161Net.Sizes.ToArray());
        Assert.Equal(new[] { 7, 9, 4, 2 }, Compiled7942Net.Sizes.ToArray());
        Assert.Equal(3, Compiled7942Net.LayerCount);
        Assert.Equal(30 * 16 + 16 + 16 + 1, Compiled30161Net.ParameterCount);
    }

    /// <summary>
    /// The compiled network against a runtime network of the same sizes that loaded the same file: parameters bit for bit,
    /// then predictions bit for bit at batches that take each kernel (one row, a few rows, the outer-product tiles, tails).
    /// </summary>
    private static void AssertSameAsLoaded<T>(ISigmoidNetwork<T> compiled, ISigmoidNetwork<T> runtime, string file, SafetensorsLayout? layout)
        where T : unmanaged, IEquatable<T>
    {
        SigmoidSafetensors.Load(runtime, TorchFixture.File(file), layout);
        int inputs = runtime.LayerSizes[0], outputs = runtime.LayerSizes[^1];
        foreach (int batch in new[] { 1, 2, 3, 7, 32, 33, 100, 257 })
        {
            T[] x = typeof(T) == typeof(float)
                ? (T[])(object)Inputs(inputs, batch, batch)
                : (T[])(object)Inputs(inputs, batch, batch).Select(v => (double)v * 1.000000119).ToArray();
            T[] expected = new T[batch * outputs], actual = new T[batch * outputs];
            runtime.Predict(x, expected);
            compiled.Predict(x, actual);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"{file}: batch {batch} differs");
        }

        // Reading Parameters makes the writable copy; it holds exactly what LoadSafetensors put in the runtime network.
        Assert.True(runtime.Parameters.SequenceEqual(compiled.Parameters), $"{file}: parameters differ");
    }

    private static float[] Inputs(int inputs, int batch, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, inputs * batch).Select(_ => (float)((random.NextDouble() * 6) - 3)).ToArray();
    }
}
