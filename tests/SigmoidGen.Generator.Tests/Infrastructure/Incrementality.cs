using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace SigmoidGen.Generator.Tests.Infrastructure;

/// <summary>Checks on the generator's tracked steps: what was cached and what the step outputs hold.</summary>
internal static class Incrementality
{
    public static readonly string[] TrackedSteps =
    {
        SigmoidLayerGenerator.Steps.Parse, SigmoidLayerGenerator.Steps.Diagnostics,
        SigmoidLayerGenerator.Steps.Specs, SigmoidLayerGenerator.Steps.Plan, SigmoidLayerGenerator.Steps.Source,
        SigmoidLayerGenerator.Steps.NetworkPlan, SigmoidLayerGenerator.Steps.SharedKernels,
    };

    /// <summary>The reasons of every output of a step, e.g. Cached, Unchanged, Modified, New.</summary>
    public static IEnumerable<IncrementalStepRunReason> OutputReasons(GeneratorDriverRunResult result, string step) =>
        result.Results[0].TrackedSteps.TryGetValue(step, out var runs)
            ? runs.SelectMany(run => run.Outputs).Select(output => output.Reason)
            : Enumerable.Empty<IncrementalStepRunReason>();

    /// <summary>Fails when a step output holds a compilation, a symbol or a syntax node (they keep old compilations alive).</summary>
    public static void AssertNoForbiddenObjects(GeneratorDriverRunResult result)
    {
        foreach (string step in TrackedSteps)
        {
            if (!result.Results[0].TrackedSteps.TryGetValue(step, out var runs))
            {
                continue;
            }

            foreach (var output in runs.SelectMany(run => run.Outputs))
            {
                Walk(output.Value, step, new HashSet<object>(ReferenceEqualityComparer.Instance));
            }
        }
    }

    private static void Walk(object? node, string path, HashSet<object> seen)
    {
        if (node is null || node.GetType().IsPrimitive || node is string || node.GetType().IsEnum || !seen.Add(node))
        {
            return;
        }

        Assert.False(node is Compilation or ISymbol or SyntaxNode, $"{path} holds a {node.GetType().Name}");

        // A DiagnosticInfo keeps its source Location (a syntax tree and a span) on purpose: it makes the diagnostic
        // point into the user's file and suppressible with #pragma. The tree belongs to the compilation anyway.
        if (node is Location or DiagnosticDescriptor)
        {
            return;
        }

        if (node is IEnumerable items)
        {
            int index = 0;
            foreach (object? item in items)
            {
                Walk(item, $"{path}[{index++}]", seen);
            }
        }

        for (Type? type = node.GetType(); type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (!field.FieldType.IsPointer)
                {
                    Walk(field.GetValue(node), $"{path}.{field.Name}", seen);
                }
            }
        }
    }
}
