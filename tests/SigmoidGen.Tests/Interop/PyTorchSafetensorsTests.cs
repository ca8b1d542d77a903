namespace SigmoidGen.Tests.Interop;

/// <summary>
/// The committed PyTorch fixtures (tests/Fixtures/PyTorch, made by make_fixtures.py with PyTorch 1.13) loaded into
/// generated networks, which must reproduce PyTorch's outputs on the fixed inputs.
/// </summary>
/// <remarks>
/// Bounds. Float networks: 1e-6, against both the float64 reference and PyTorch's own float32 outputs (float32 rounding
/// of sums of at most 31 terms and a sigmoid within 2 ULP; measured: at most 3.5e-8 from the float64 reference and
/// 6.0e-8, one float ULP at 0.5, from PyTorch's float32 outputs). Double networks: 1e-13. The outputs lie in (0, 1),
/// where one ULP is at most 1.1e-16; the sigmoid is within 4 ULP; sums of at most 11 products of magnitude below 10,
/// in another order than PyTorch's, differ by at most about 11 × 1.1e-16 × 10 ≈ 1.2e-14 before the sigmoid (slope
/// ≤ 1/4), so 1e-13 is that worst case with a margin of ten; measured: 1.1e-16 (one ULP).
/// </remarks>
public class PyTorchSafetensorsTests
{
    private const double FloatBound = 1e-6;
    private const double DoubleBound = 1e-13;

    [Fact]
    public void Sequential531ReproducesPyTorch() => CheckFloat(new Torch531Net(), "mlp_5_3_1");

    [Fact]
    public void Sequential30161ReproducesPyTorch() => CheckFloat(new Torch30161Net(), "mlp_30_16_1");

    [Fact]
    public void ThreeLayers7942ReproducesPyTorch() => CheckFloat(new Torch7942Net(), "mlp_7_9_4_2");

    [Fact]
    public void NamedLayersFc1Fc2ReproducePyTorch() =>
        CheckFloat(new Torch462Net(), "named_4_6_2", SafetensorsLayout.Named("fc1", "fc2"));

    [Fact]
    public void Float64ModelIntoDoubleNetworkReproducesPyTorch()
    {
        var fixture = TorchFixture.Load("mlp_6_11_3_f64");
        var net = new Torch6113DoubleNet();
        SigmoidSafetensors.Load(net, fixture.SafetensorsPath);
        double[] y = fixture.Predict(net);
        Assert.InRange(TorchFixture.MaxDifference(y, fixture.OutputsFloat64), 0, DoubleBound);
        Assert.InRange(TorchFixture.MaxDifference(y, fixture.Outputs), 0, DoubleBound);
    }

    [Fact]
    public void Float64ModelIntoFloatNetworkIsRoundedOnce()
    {
        var fixture = TorchFixture.Load("mlp_6_11_3_f64");
        var wide = new Torch6113DoubleNet();
        var net = new Torch6113Net();
        SigmoidSafetensors.Load(wide, fixture.SafetensorsPath);
        SigmoidSafetensors.Load(net, fixture.SafetensorsPath);
        for (int k = 0; k < net.Parameters.Length; k++)
        {
            Assert.Equal((float)wide.Parameters[k], net.Parameters[k]);
        }

        Assert.InRange(TorchFixture.MaxDifference(fixture.Predict(net), fixture.OutputsFloat64), 0, FloatBound);
    }

    [Fact]
    public void Float32ModelIntoDoubleNetworkReproducesPyTorchInFloat64()
    {
        // The float32 weights are exact in double, so the double network computes the float64 reference.
        var fixture = TorchFixture.Load("mlp_5_3_1");
        var net = new Torch531DoubleNet();
        SigmoidSafetensors.Load(net, fixture.SafetensorsPath);
        Assert.InRange(TorchFixture.MaxDifference(fixture.Predict(net), fixture.OutputsFloat64), 0, DoubleBound);
    }

    [Fact]
    public void Float16AndBFloat16CopiesGiveExactlyTheFloatValues()
    {
        var fixture = TorchFixture.Load("mlp_6_4_3");
        var f32 = new Torch643Net();
        var f16 = new Torch643Net();
        var bf16 = new Torch643Net();
        SigmoidSafetensors.Load(f32, fixture.SafetensorsPath);
        SigmoidSafetensors.Load(f16, TorchFixture.File("mlp_6_4_3_f16.safetensors"));
        SigmoidSafetensors.Load(bf16, TorchFixture.File("mlp_6_4_3_bf16.safetensors"));

        Assert.Contains(f32.Parameters.ToArray(), v => v != 0 && v != MathF.Round(v)); // real fractions, not zeros
        Assert.Equal(Bits(f32.Parameters), Bits(f16.Parameters));
        Assert.Equal(Bits(f32.Parameters), Bits(bf16.Parameters));
        Assert.InRange(TorchFixture.MaxDifference(fixture.Predict(f16), fixture.OutputsFloat64), 0, FloatBound);
    }

    [Fact]
    public void SaveWritesTheBytesOfTheReferenceWriterFloat()
    {
        // mlp_5_3_1_sigmoidgen.safetensors: the fixture's tensors with SigmoidGen's metadata, written by the Python
        // writer that reproduces the safetensors library's own test vectors.
        var net = new Torch531Net();
        SigmoidSafetensors.Load(net, TorchFixture.File("mlp_5_3_1.safetensors"));
        var stream = new MemoryStream();
        SigmoidSafetensors.Save(net, stream);
        Assert.Equal(File.ReadAllBytes(TorchFixture.File("mlp_5_3_1_sigmoidgen.safetensors")), stream.ToArray());
    }

    [Fact]
    public void SaveWritesTheBytesOfTheReferenceWriterDouble()
    {
        var net = new Torch6113DoubleNet();
        SigmoidSafetensors.Load(net, TorchFixture.File("mlp_6_11_3_f64.safetensors"));
        var stream = new MemoryStream();
        SigmoidSafetensors.Save(net, stream);
        Assert.Equal(File.ReadAllBytes(TorchFixture.File("mlp_6_11_3_f64_sigmoidgen.safetensors")), stream.ToArray());
    }

    private static void CheckFloat(ISigmoidNetwork<float> net, string name, SafetensorsLayout? layout = null)
    {
        var fixture = TorchFixture.Load(name);
        Assert.Equal(fixture.LayerSizes, net.LayerSizes.ToArray());
        SigmoidSafetensors.Load(net, fixture.SafetensorsPath, layout);
        double[] y = fixture.Predict(net);
        Assert.InRange(TorchFixture.MaxDifference(y, fixture.OutputsFloat64), 0, FloatBound);
        Assert.InRange(TorchFixture.MaxDifference(y, fixture.Outputs), 0, FloatBound);
    }

    private static int[] Bits(Span<float> values) => values.ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();
}
