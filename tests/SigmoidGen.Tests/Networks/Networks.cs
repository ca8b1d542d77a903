using SigmoidGen;

namespace SigmoidGen.Tests.Networks;

/// <summary>The Quickstart network.</summary>
[SigmoidNetwork(30, 16, 1)]
public partial class BreastCancerNet
{
}

/// <summary>The Digits network: one sigmoid output per class.</summary>
[SigmoidNetwork(64, 32, 10)]
public partial class DigitsNet
{
}

/// <summary>A small double network for gradient checks; sizes that are multiples of no vector width.</summary>
[SigmoidNetwork(7, 5, 3, 2, ElementType = typeof(double))]
public partial class SmallDoubleNet
{
}

/// <summary>A network of one layer: logistic regression.</summary>
[SigmoidNetwork(4, 1)]
public partial class LogisticNet
{
}

/// <summary>A hidden layer so wide that a batch of 21,475 rows needs more than an array can hold.</summary>
[SigmoidNetwork(30, 100000, 1)]
public partial class WideHiddenNet
{
}

/// <summary>A float network of odd sizes: every layer has vector tails.</summary>
[SigmoidNetwork(33, 17, 5)]
public partial class OddFloatNet
{
}

/// <summary>
/// Hidden layers 1 to 3 of one shape (5 → 5): the generated class calls them in one loop per role, with each layer's
/// parameters found by its stride.
/// </summary>
[SigmoidNetwork(6, 5, 5, 5, 5, 2, ElementType = typeof(double))]
public partial class DeepDoubleNet
{
}
