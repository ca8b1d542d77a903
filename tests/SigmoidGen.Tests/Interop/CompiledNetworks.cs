using SigmoidGen;

namespace SigmoidGen.Tests.Interop;

// The PyTorch fixtures (tests/Fixtures/PyTorch, listed as AdditionalFiles in the project) compiled into networks.

/// <summary>mlp_30_16_1, sizes from the file.</summary>
[SigmoidNetwork(Model = "mlp_30_16_1.safetensors")]
public partial class Compiled30161Net
{
}

/// <summary>mlp_5_3_1, sizes given as well (they must match), path with a directory.</summary>
[SigmoidNetwork(5, 3, 1, Model = "PyTorch/mlp_5_3_1.safetensors")]
public partial class Compiled531Net
{
}

/// <summary>mlp_5_3_1 into a double network: float32 values widened exactly.</summary>
[SigmoidNetwork(Model = "mlp_5_3_1.safetensors", ElementType = typeof(double))]
public partial class Compiled531DoubleNet
{
}

/// <summary>mlp_7_9_4_2: three layers.</summary>
[SigmoidNetwork(Model = "mlp_7_9_4_2.safetensors")]
public partial class Compiled7942Net
{
}

/// <summary>named_4_6_2: layers named fc1 and fc2.</summary>
[SigmoidNetwork(Model = "named_4_6_2.safetensors", ModelLayers = new[] { "fc1", "fc2" })]
public partial class Compiled462Net
{
}

/// <summary>mlp_6_11_3_f64 in double.</summary>
[SigmoidNetwork(Model = "mlp_6_11_3_f64.safetensors", ElementType = typeof(double))]
public partial class Compiled6113DoubleNet
{
}

/// <summary>mlp_6_11_3_f64 in float: each value rounded once, as LoadSafetensors rounds it.</summary>
[SigmoidNetwork(Model = "mlp_6_11_3_f64.safetensors")]
public partial class Compiled6113Net
{
}

/// <summary>mlp_6_4_3 saved as F16.</summary>
[SigmoidNetwork(Model = "mlp_6_4_3_f16.safetensors")]
public partial class Compiled643F16Net
{
}

/// <summary>mlp_6_4_3 saved as BF16.</summary>
[SigmoidNetwork(Model = "mlp_6_4_3_bf16.safetensors")]
public partial class Compiled643Bf16Net
{
}
