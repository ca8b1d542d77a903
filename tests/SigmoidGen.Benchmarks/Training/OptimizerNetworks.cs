namespace SigmoidGen.Benchmarks.Training;

/// <summary>The issue-19 layer shapes as one-layer generated networks (the batch is taken at run time).</summary>
[SigmoidNetwork(784, 128)]
public sealed partial class Net784x128
{
}

/// <summary>(512, 512) as a one-layer generated network.</summary>
[SigmoidNetwork(512, 512)]
public sealed partial class Net512x512
{
}
