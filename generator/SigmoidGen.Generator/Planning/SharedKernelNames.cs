using System.Text;
using SigmoidGen.Generator.Model;

namespace SigmoidGen.Generator.Planning;

/// <summary>
/// Names of the shared network kernel classes. A class is <c>internal</c>, so two assemblies that both use SigmoidGen and
/// see each other's internals (<c>InternalsVisibleTo</c>) would declare one type twice (CS0436, an error under
/// TreatWarningsAsErrors): the namespace holds a stable hash of the assembly name, the class name one of its key.
/// </summary>
internal static class SharedKernelNames
{
    /// <summary><c>SigmoidGen.Generated.Shared_1a2b3c4d</c>: the kernels' namespace in assembly <paramref name="assemblyName"/>.</summary>
    public static string Namespace(string? assemblyName) => $"SigmoidGen.Generated.Shared_{Hash(assemblyName ?? string.Empty)}";

    /// <summary>
    /// <c>Kernels_float_30x16_Forward_1a2b3c4d5e6f7a8b</c>: element, shape and role to read, then a 64-bit hash of the whole
    /// key (every field of the shape, and whether plain SGD shares the class) to keep distinct keys apart. Two keys with
    /// one name would make one network call the other's kernels: the name's element, sizes and role already separate most
    /// keys, and among the few left (options) 64 bits make a collision as good as impossible.
    /// </summary>
    public static string ClassName(LayerShape shape, bool withPlainSgd)
    {
        string role = shape.Kind == LayerKind.Forward ? "Forward" : withPlainSgd ? "Train" : shape.HasOptimizerState ? "Fused" : "PlainSgd";
        string key = string.Join(
            "|",
            shape.Kind, shape.Element, shape.Inputs, shape.Outputs, shape.Batch, shape.Precision, shape.Loss, shape.Accumulate,
            shape.Parallel, shape.PackedWeights, shape.Optimizer, shape.HasInputGradient, shape.PlainReason, withPlainSgd);
        return $"Kernels_{shape.ElementName}_{shape.Inputs}x{shape.Outputs}_{role}_{Hash64(key)}";
    }

    /// <summary>FNV-1a over the UTF-8 bytes, as eight hexadecimal digits: stable across runs and processes (unlike <c>string.GetHashCode</c>).</summary>
    private static string Hash(string text)
    {
        uint hash = 2166136261;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619;
        }

        return hash.ToString("x8");
    }

    /// <summary>64-bit FNV-1a over the UTF-8 bytes, as sixteen hexadecimal digits.</summary>
    private static string Hash64(string text)
    {
        ulong hash = 14695981039346656037;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 1099511628211;
        }

        return hash.ToString("x16");
    }
}
