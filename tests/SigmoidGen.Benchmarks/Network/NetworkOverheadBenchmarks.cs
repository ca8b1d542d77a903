using BenchmarkDotNet.Attributes;
using SigmoidGen.Benchmarks.Infrastructure;

namespace SigmoidGen.Benchmarks.Network;

/// <summary>
/// What the network class adds around its layers (issue 17: "the network at one row within 1.3× the time of its layers
/// called alone"). The Quickstart's 30-16-1 network predicts one row with <see cref="QuickstartNet.Predict"/> against its
/// two layers generated as plain <c>[SigmoidLayer]</c> methods, called one after the other on the same parameters and a
/// caller-owned hidden buffer (baseline). Rows 1 and 32. For the ratio on a shared machine use
/// <see cref="NetworkOverheadHarness"/> (<c>--overhead</c>), which alternates these two methods in one process: separate
/// runs here can land in different machine states (54 against 83 ns a call for the same code on the 2-vCPU VM).
/// </summary>
[Config(typeof(ShortRunConfig))]
public partial class NetworkOverheadBenchmarks
{
    private readonly QuickstartNet _network = new();
    private float[] _x = [];
    private float[] _parameters = [];
    private float[] _hidden = [];
    private float[] _output = [];

    [Params(1, 32)]
    public int Rows { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        (float[] x, _) = NetworkData.Create();
        _x = x.AsSpan(0, Rows * NetworkData.Features).ToArray();
        _network.Initialize(NetworkData.InitSeed);
        _parameters = _network.Parameters.ToArray();
        _hidden = new float[Rows * 16];
        _output = new float[Rows];

        // Both sides compute the same numbers, bit for bit.
        float[] expected = new float[Rows];
        _network.Predict(_x, expected);
        Layers();
        if (!expected.AsSpan().SequenceEqual(_output))
        {
            throw new InvalidOperationException("The network and its layers called alone disagree.");
        }

        JitWarmup.Run(() => Network());
        JitWarmup.Run(() => Layers());
    }

    [Benchmark]
    public float Network()
    {
        _network.Predict(_x, _output);
        return _output[Rows - 1];
    }

    [Benchmark(Baseline = true)]
    public float Layers()
    {
        ReadOnlySpan<float> p = _parameters;
        Hidden(_x, p.Slice(QuickstartNet.Layer0Weights, 30 * 16), p.Slice(QuickstartNet.Layer0Bias, 16), _hidden);
        Output(_hidden, p.Slice(QuickstartNet.Layer1Weights, 16), p.Slice(QuickstartNet.Layer1Bias, 1), _output);
        return _output[Rows - 1];
    }

    [SigmoidLayer(30, 16)]
    private static partial void Hidden(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(16, 1)]
    private static partial void Output(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);
}
