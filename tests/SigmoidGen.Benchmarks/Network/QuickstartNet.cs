namespace SigmoidGen.Benchmarks.Network;

/// <summary>The Quickstart sample's network: 30 inputs → 16 hidden sigmoid units → 1 sigmoid output, generated.</summary>
[SigmoidNetwork(30, 16, 1)]
public sealed partial class QuickstartNet
{
}

/// <summary>
/// The same network with the Fast sigmoid (absolute error ≤ 5e-6 instead of ≤ 2 ULP): shows what the sigmoid costs in a
/// training step of a network this small. Not the like-for-like comparison with TensorPrimitives (whose sigmoid is exact
/// to a few ULP); that is <see cref="QuickstartNet"/>.
/// </summary>
[SigmoidNetwork(30, 16, 1, Precision = SigmoidPrecision.Fast)]
public sealed partial class QuickstartNetFast
{
}
