using System;

namespace SigmoidGen;

/// <summary>
/// Generates the body of a <c>static partial void</c> (or instance) method that computes a dense layer with a sigmoid
/// activation for a shape fixed at compile time:
/// <c>output[b*outputs + o] = σ(bias[o] + Σ_i weights[o*inputs + i] · input[b*inputs + i])</c>.
/// </summary>
/// <remarks>
/// The method must be <c>partial</c>, return <c>void</c> and take, in this order,
/// <c>ReadOnlySpan&lt;T&gt; input</c> (<c>[batch, inputs]</c>), <c>ReadOnlySpan&lt;T&gt; weights</c>
/// (<c>[outputs, inputs]</c>, row-major: the layout of PyTorch's <c>nn.Linear.weight</c>),
/// <c>ReadOnlySpan&lt;T&gt; bias</c> (<c>[outputs]</c>) and <c>Span&lt;T&gt; output</c> (<c>[batch, outputs]</c>),
/// with <c>T</c> either <see cref="float"/> or <see cref="double"/>. Parameter names are free.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class SigmoidLayerAttribute : Attribute
{
    /// <summary>Declares a layer with <paramref name="inputs"/> inputs and <paramref name="outputs"/> outputs.</summary>
    /// <param name="inputs">Number of inputs per sample (columns of <c>weights</c>).</param>
    /// <param name="outputs">Number of outputs per sample (rows of <c>weights</c>).</param>
    public SigmoidLayerAttribute(int inputs, int outputs)
    {
        Inputs = inputs;
        Outputs = outputs;
    }

    /// <summary>Number of inputs per sample.</summary>
    public int Inputs { get; }

    /// <summary>Number of outputs per sample.</summary>
    public int Outputs { get; }

    /// <summary>
    /// Fixes the batch size at compile time when positive. Left at 0 (the default), the batch is
    /// <c>input.Length / inputs</c> at run time.
    /// </summary>
    public int Batch { get; set; }

    /// <summary>How the sigmoid is computed; <see cref="SigmoidPrecision.Exact"/> by default.</summary>
    public SigmoidPrecision Precision { get; set; }
}
