namespace SigmoidGen.Benchmarks.Network;

/// <summary>The Quickstart sample's network: 30 inputs → 16 hidden sigmoid units → 1 sigmoid output, generated.</summary>
[SigmoidNetwork(30, 16, 1)]
public sealed partial class QuickstartNet
{
}
