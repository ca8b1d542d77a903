using SigmoidGen;

namespace SigmoidGen.Onnx.Tests;

// Networks of odd shapes (multiples of no vector width, one to three layers), float and double. The generator writes
// them at build time, as it does for any user.

/// <summary>5-3-1: a tiny network.</summary>
[SigmoidNetwork(5, 3, 1)]
public sealed partial class Net5x3x1 { }

/// <summary>5-4-1: the same inputs and outputs as <see cref="Net5x3x1"/>, another hidden size.</summary>
[SigmoidNetwork(5, 4, 1)]
public sealed partial class Net5x4x1 { }

/// <summary>5-1: one layer.</summary>
[SigmoidNetwork(5, 1)]
public sealed partial class Net5x1 { }

/// <summary>30-16-1: the Quickstart network.</summary>
[SigmoidNetwork(30, 16, 1)]
public sealed partial class Net30x16x1 { }

/// <summary>7-9-4-2: three layers.</summary>
[SigmoidNetwork(7, 9, 4, 2)]
public sealed partial class Net7x9x4x2 { }

/// <summary>33-17-5: one more than a vector everywhere.</summary>
[SigmoidNetwork(33, 17, 5)]
public sealed partial class Net33x17x5 { }

/// <summary>5-3-1 in double.</summary>
[SigmoidNetwork(5, 3, 1, ElementType = typeof(double))]
public sealed partial class Net5x3x1Double { }

/// <summary>7-9-4-2 in double.</summary>
[SigmoidNetwork(7, 9, 4, 2, ElementType = typeof(double))]
public sealed partial class Net7x9x4x2Double { }

/// <summary>33-17-5 in double.</summary>
[SigmoidNetwork(33, 17, 5, ElementType = typeof(double))]
public sealed partial class Net33x17x5Double { }

/// <summary>6-4-3: the PyTorch fixture <c>mlp_6_4_3</c>.</summary>
[SigmoidNetwork(6, 4, 3)]
public sealed partial class Net6x4x3 { }

/// <summary>4-6-2: the PyTorch fixture <c>named_4_6_2</c> (a module with <c>fc1</c>, <c>fc2</c>).</summary>
[SigmoidNetwork(4, 6, 2)]
public sealed partial class Net4x6x2 { }

/// <summary>6-11-3 in double: the PyTorch fixture <c>mlp_6_11_3_f64</c>.</summary>
[SigmoidNetwork(6, 11, 3, ElementType = typeof(double))]
public sealed partial class Net6x11x3Double { }
