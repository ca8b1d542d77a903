using System.Linq;

namespace SigmoidGen.Generator.Model;

/// <summary>How a parameter is declared.</summary>
internal enum ParameterShape
{
    ReadOnlySpan,
    Span,
    Scalar,

    /// <summary>A hyperparameter struct of the runtime library (<see cref="ParameterRole.TypeName"/>), by value.</summary>
    Struct,
}

/// <summary>One parameter position of a layer method: its role (for messages) and how it must be declared.</summary>
/// <param name="Role">The role's name, also the entry method's parameter name.</param>
/// <param name="Shape">How it is declared.</param>
/// <param name="TypeName">For <see cref="ParameterShape.Struct"/>: the type's name in namespace <c>SigmoidGen</c>.</param>
internal sealed record ParameterRole(string Role, ParameterShape Shape, string TypeName = "")
{
    public string TypeText(string element) => Shape switch
    {
        ParameterShape.ReadOnlySpan => $"ReadOnlySpan<{element}>",
        ParameterShape.Span => $"Span<{element}>",
        ParameterShape.Struct => TypeName,
        _ => element,
    };

    /// <summary>The type as generated code names it, <c>global::</c>-qualified.</summary>
    public string GlobalTypeText(string element) => Shape switch
    {
        ParameterShape.Scalar => element,
        ParameterShape.Struct => $"global::SigmoidGen.{TypeName}",
        _ => $"global::System.{TypeText(element)}",
    };

    /// <summary>Whether the role is optimizer state (a span parallel to the weights and bias).</summary>
    public bool IsOptimizerState => Role is LayerSignature.MomentumBuffer or LayerSignature.FirstMoment or LayerSignature.SecondMoment;
}

/// <summary>The signature each attribute expects, shared by the parser (to check) and the emitter (to print).</summary>
internal static class LayerSignature
{
    /// <summary>The role of a training step's optimizer hyperparameters (<c>SigmoidSgdStep</c>, <c>SigmoidAdamStep</c>).</summary>
    public const string OptimizerRole = "optimizer";

    /// <summary>State roles: spans of outputs × inputs + outputs elements, the weights' state then the bias's.</summary>
    public const string MomentumBuffer = "momentumBuffer", FirstMoment = "firstMoment", SecondMoment = "secondMoment";

    /// <summary>The runtime struct of an optimizer's hyperparameters, or null for plain SGD.</summary>
    public static string? HyperparameterType(OptimizerKind optimizer) => optimizer switch
    {
        OptimizerKind.Sgd => "SigmoidSgdStep",
        OptimizerKind.Adam => "SigmoidAdamStep",
        _ => null,
    };

    /// <summary>The state spans of an optimizer, in order.</summary>
    public static string[] StateRoles(OptimizerKind optimizer) => optimizer switch
    {
        OptimizerKind.Sgd => new[] { MomentumBuffer },
        OptimizerKind.Adam => new[] { FirstMoment, SecondMoment },
        _ => new string[0],
    };

    public static string AttributeName(LayerKind kind) => kind switch
    {
        LayerKind.Forward => "SigmoidLayer",
        LayerKind.Backward => "SigmoidLayerBackward",
        _ => "SigmoidLayerTrainStep",
    };

    /// <summary>The parameters in order; for backward and training step the last one (input gradient) is optional.</summary>
    public static ParameterRole[] Roles(LayerKind kind, LossKind loss, OptimizerKind optimizer = OptimizerKind.PlainSgd)
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
            _ => TrainStepRoles(gradient, optimizer),
        };
    }

    /// <summary>
    /// A training step's parameters: the data, then <c>T learningRate</c> (plain SGD) or the optimizer's hyperparameter
    /// struct and its state spans, then the optional input gradient.
    /// </summary>
    private static ParameterRole[] TrainStepRoles(string gradient, OptimizerKind optimizer)
    {
        var roles = new System.Collections.Generic.List<ParameterRole>
        {
            new("input", ParameterShape.ReadOnlySpan), new("weights", ParameterShape.Span),
            new("bias", ParameterShape.Span), new("output", ParameterShape.ReadOnlySpan),
            new(gradient, ParameterShape.ReadOnlySpan),
        };
        if (HyperparameterType(optimizer) is { } type)
        {
            roles.Add(new ParameterRole(OptimizerRole, ParameterShape.Struct, type));
            roles.AddRange(StateRoles(optimizer).Select(r => new ParameterRole(r, ParameterShape.Span)));
        }
        else
        {
            roles.Add(new ParameterRole("learningRate", ParameterShape.Scalar));
        }

        roles.Add(new ParameterRole("inputGradient", ParameterShape.Span));
        return roles.ToArray();
    }

    /// <summary>How many parameters the method may have: forward exactly 4; the others all roles, or all but the optional input gradient.</summary>
    public static (int Min, int Max) Count(LayerKind kind, OptimizerKind optimizer = OptimizerKind.PlainSgd)
    {
        if (kind == LayerKind.Forward)
        {
            return (4, 4);
        }

        int max = kind == LayerKind.TrainStep ? TrainStepRoles("outputGradient", optimizer).Length : 7;
        return (max - 1, max);
    }

    /// <summary>The expected parameter list, for messages, e.g. "ReadOnlySpan&lt;T&gt; input, ...".</summary>
    public static string Describe(LayerKind kind, LossKind loss, OptimizerKind optimizer = OptimizerKind.PlainSgd)
    {
        ParameterRole[] roles = Roles(kind, loss, optimizer);
        string list = string.Join(", ", roles.Select((r, i) => (kind != LayerKind.Forward && i == roles.Length - 1 ? "optional " : string.Empty) + r.TypeText("T") + " " + r.Role));
        return list;
    }

    /// <summary>The return type: the loss when a loss is computed, else void.</summary>
    public static string ReturnType(LayerKind kind, LossKind loss, string element) =>
        kind != LayerKind.Forward && loss == LossKind.BinaryCrossEntropy ? element : "void";
}
