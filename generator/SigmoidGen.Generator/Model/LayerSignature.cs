using System.Linq;

namespace SigmoidGen.Generator.Model;

/// <summary>How a parameter is declared.</summary>
internal enum ParameterShape
{
    ReadOnlySpan,
    Span,
    Scalar,
}

/// <summary>One parameter position of a layer method: its role (for messages) and how it must be declared.</summary>
internal sealed record ParameterRole(string Role, ParameterShape Shape)
{
    public string TypeText(string element) => Shape switch
    {
        ParameterShape.ReadOnlySpan => $"ReadOnlySpan<{element}>",
        ParameterShape.Span => $"Span<{element}>",
        _ => element,
    };
}

/// <summary>The signature each attribute expects, shared by the parser (to check) and the emitter (to print).</summary>
internal static class LayerSignature
{
    public static string AttributeName(LayerKind kind) => kind switch
    {
        LayerKind.Forward => "SigmoidLayer",
        LayerKind.Backward => "SigmoidLayerBackward",
        _ => "SigmoidLayerTrainStep",
    };

    /// <summary>The parameters in order; for backward and training step the last one (input gradient) is optional.</summary>
    public static ParameterRole[] Roles(LayerKind kind, LossKind loss)
    {
        string gradient = loss == LossKind.BinaryCrossEntropy ? "target" : "outputGradient";
        return kind switch
        {
            LayerKind.Forward => new ParameterRole[]
            {
                new("input", ParameterShape.ReadOnlySpan), new("weights", ParameterShape.ReadOnlySpan),
                new("bias", ParameterShape.ReadOnlySpan), new("output", ParameterShape.Span),
            },
            LayerKind.Backward => new ParameterRole[]
            {
                new("input", ParameterShape.ReadOnlySpan), new("weights", ParameterShape.ReadOnlySpan),
                new("output", ParameterShape.ReadOnlySpan), new(gradient, ParameterShape.ReadOnlySpan),
                new("weightsGradient", ParameterShape.Span), new("biasGradient", ParameterShape.Span),
                new("inputGradient", ParameterShape.Span),
            },
            _ => new ParameterRole[]
            {
                new("input", ParameterShape.ReadOnlySpan), new("weights", ParameterShape.Span),
                new("bias", ParameterShape.Span), new("output", ParameterShape.ReadOnlySpan),
                new(gradient, ParameterShape.ReadOnlySpan), new("learningRate", ParameterShape.Scalar),
                new("inputGradient", ParameterShape.Span),
            },
        };
    }

    /// <summary>How many parameters the method may have: forward exactly 4; the others 6 or 7.</summary>
    public static (int Min, int Max) Count(LayerKind kind) => kind == LayerKind.Forward ? (4, 4) : (6, 7);

    /// <summary>The expected parameter list, for messages, e.g. "ReadOnlySpan&lt;T&gt; input, ...".</summary>
    public static string Describe(LayerKind kind, LossKind loss)
    {
        ParameterRole[] roles = Roles(kind, loss);
        string list = string.Join(", ", roles.Select((r, i) => (kind != LayerKind.Forward && i == roles.Length - 1 ? "optional " : string.Empty) + r.TypeText("T") + " " + r.Role));
        return list;
    }

    /// <summary>The return type: the loss when a loss is computed, else void.</summary>
    public static string ReturnType(LayerKind kind, LossKind loss, string element) =>
        kind != LayerKind.Forward && loss == LossKind.BinaryCrossEntropy ? element : "void";
}
