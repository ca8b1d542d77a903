using SigmoidGen;

namespace SigmoidGen.Tests.Interop;

// The networks of the PyTorch fixtures (tests/Fixtures/PyTorch), one class per shape and element type.

/// <summary>mlp_5_3_1: nn.Sequential of two Linear + Sigmoid.</summary>
[SigmoidNetwork(5, 3, 1)]
public partial class Torch531Net
{
}

/// <summary>mlp_5_3_1 in double: a float32 file loaded into a double network.</summary>
[SigmoidNetwork(5, 3, 1, ElementType = typeof(double))]
public partial class Torch531DoubleNet
{
}

/// <summary>mlp_30_16_1: the Quickstart shape.</summary>
[SigmoidNetwork(30, 16, 1)]
public partial class Torch30161Net
{
}

/// <summary>mlp_7_9_4_2: three layers.</summary>
[SigmoidNetwork(7, 9, 4, 2)]
public partial class Torch7942Net
{
}

/// <summary>mlp_6_11_3_f64: a float64 PyTorch model.</summary>
[SigmoidNetwork(6, 11, 3, ElementType = typeof(double))]
public partial class Torch6113DoubleNet
{
}

/// <summary>mlp_6_11_3_f64 in float: a float64 file loaded into a float network.</summary>
[SigmoidNetwork(6, 11, 3)]
public partial class Torch6113Net
{
}

/// <summary>named_4_6_2: a module whose layers are fc1 and fc2.</summary>
[SigmoidNetwork(4, 6, 2)]
public partial class Torch462Net
{
}

/// <summary>mlp_6_4_3: weights exact in bfloat16 and float16, saved as F32, F16 and BF16.</summary>
[SigmoidNetwork(6, 4, 3)]
public partial class Torch643Net
{
}
