using System.Collections.Generic;
using System.Linq;

namespace SigmoidGen.Generator.Emitting;

/// <summary>One parameter of a generated kernel method: its type text (with <c>ref</c> or <c>in</c>) and name.</summary>
internal sealed record KernelParameter(string Type, string Name)
{
    /// <summary>A <c>ref {element} {name}</c> parameter: a span's base reference.</summary>
    public static KernelParameter Ref(string element, string name) => new($"ref {element}", name);

    /// <summary>As the parameter list declares it: <c>ref float x</c>.</summary>
    public string Declaration => $"{Type} {Name}";

    /// <summary>How a caller passes on its own local of the same name: <c>ref x</c>, <c>in x</c> or <c>x</c>.</summary>
    public string Argument => Pass(Name);

    /// <summary>How a caller passes <paramref name="value"/> (a variable or reference expression) for this parameter.</summary>
    public string Pass(string value) => Type.StartsWith("ref ", System.StringComparison.Ordinal) ? "ref " + value
        : Type.StartsWith("in ", System.StringComparison.Ordinal) ? "in " + value
        : value;
}

/// <summary>
/// A generated kernel method's name and parameters, from which both its declaration and every call to it are printed,
/// so that the two cannot disagree. A call passes each parameter the caller's local of the same name unless the call
/// names another value for it.
/// </summary>
internal sealed class KernelSignature
{
    public KernelSignature(string name, IEnumerable<KernelParameter> parameters, string? typeParameter = null, string? constraint = null)
    {
        Name = name;
        Parameters = parameters.ToArray();
        TypeParameter = typeParameter;
        Constraint = constraint;
    }

    public string Name { get; }

    /// <summary>The method's one type parameter (e.g. <c>TRule</c>), or null; calls infer it from their arguments.</summary>
    public string? TypeParameter { get; }

    /// <summary>The type parameter's constraint clause, or null.</summary>
    public string? Constraint { get; }

    public IReadOnlyList<KernelParameter> Parameters { get; }

    /// <summary>The parameter list, comma-separated.</summary>
    public string ParameterList => string.Join(", ", Parameters.Select(p => p.Declaration));

    /// <summary>The method's declaration line: <c>private static void Name(parameters)</c>, or <c>Name&lt;TRule&gt;(parameters) where …</c>.</summary>
    public string Declaration => TypeParameter is null
        ? $"private static void {Name}({ParameterList})"
        : $"private static void {Name}<{TypeParameter}>({ParameterList}){(Constraint is null ? string.Empty : " " + Constraint)}";

    /// <summary>The arguments of a call, comma-separated (see <see cref="Call"/>).</summary>
    public string Arguments(params (string Parameter, string Value)[] values)
    {
        System.Diagnostics.Debug.Assert(values.All(v => Parameters.Any(p => p.Name == v.Parameter)), "a value for a parameter the kernel does not have");
        return string.Join(", ", Parameters.Select(p =>
        {
            foreach ((string parameter, string value) in values)
            {
                if (parameter == p.Name)
                {
                    return p.Pass(value);
                }
            }

            return p.Argument;
        }));
    }

    /// <summary>A call statement: each parameter gets the caller's local of its name, or the value given for it.</summary>
    public string Call(params (string Parameter, string Value)[] values) => $"{Name}({Arguments(values)});";
}
