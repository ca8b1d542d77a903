using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SigmoidGen.Generator.Tests.Infrastructure;

/// <summary>
/// Assembles random C# files around SigmoidGen declarations, for <see cref="SyntaxFuzzTests"/>: a namespace, a chain of
/// containing types, one or two annotated declarations with random arguments and parameters, and, in a third of the
/// inputs, a few random token edits. Everything is drawn from the <see cref="Random"/> given, so an input is reproduced
/// by its seed alone.
/// </summary>
internal static class SourceFuzzer
{
    /// <summary>Namespace names, joined by dots at random (so <c>SigmoidGen.System</c> too).</summary>
    private static readonly string[] NamespaceNames =
    {
        "N", "MyApp", "@event", "@class", "@namespace", "record", "var", "async", "dynamic", "nameof", "value", "partial",
        "file", "required", "scoped", "Ünï", "Çødé", "_", "__x", "A1", "@this", "global", "System", "SigmoidGen",
    };

    /// <summary>Names of containing types and network classes.</summary>
    private static readonly string[] TypeNames =
    {
        "Layers", "Outer", "Net", "@class", "@event", "record", "async", "layers", "net", "Ωmega", "Parameters",
        "Predict", "_sgState", "@static", "dynamic", "value", "S\u0332", "Café\u0301", "partial", "args", "Sizes", "var",
    };

    private static readonly string[] MemberNames =
    {
        "F", "f", "Hidden", "@event", "@void", "record", "var", "async", "await", "value", "nameof", "Predict",
        "Ünïcødé", "_", "F\u00AD", "Forward", "Layer0", "TrainStep", "Initialize",
    };

    private static readonly string[] ParameterNames =
    {
        "x", "w", "b", "y", "input", "@event", "@class", "value", "var", "_", "weights", "bias", "output", "batch",
        "i", "Inputs", "Outputs", "row", "Ünï", "@this", "args", "_sgX",
    };

    private static readonly string[] SizeArguments =
    {
        "3", "2", "1", "5", "8", "17", "0", "-1", "null", "int.MaxValue", "100000", "(int)3.5", "3L", "3.0", "\"3\"",
        "typeof(int)", "1 + 2", "(short)2", "'a'", "default", "(int)(object)3", "Missing", "2 * 2", "inputs: 3",
        "outputs: 2", "sizes: 3",
    };

    private static readonly string[] NamedArguments =
    {
        "Batch = 2", "Batch = 0", "Batch = -3", "Batch = null", "Batch = 100000000", "Precision = SigmoidPrecision.Fast",
        "Precision = (SigmoidPrecision)9", "Precision = null", "Precision = 1", "Loss = SigmoidLoss.BinaryCrossEntropy",
        "Loss = (SigmoidLoss)(-1)", "Loss = SigmoidLoss.None", "Accumulate = true", "Accumulate = null", "Parallel = true",
        "PackedWeights = true", "ElementType = typeof(double)", "ElementType = typeof(float)", "ElementType = null",
        "ElementType = typeof(int)", "ElementType = typeof(float[])", "ElementType = typeof(System.Collections.Generic.List<>)",
        "ElementType = (System.Type)null", "Nope = 1", "Sizes = null", "Batch = (int)2.9",
    };

    private static readonly string[] Tokens =
    {
        "0", "-1", "null", "float", "double", "int", "Missing", "Span<float>", "ReadOnlySpan<int>", "ref", "in", "out",
        "params", "this", "scoped", "static", "partial", "void", "float[]", "@class", "record", "var", "_", ",", "(", ")",
        "{ }", ";", "[", "]", "=", "typeof(int)", "SigmoidLayer", "SigmoidNetwork", "SigmoidLayerBackward",
        "SigmoidLayerTrainStep", "Batch", "true", "new", "readonly", "extern", "abstract", "virtual", "override",
        "async", "unsafe", "file", "public", "private", "__arglist", "<T>", "where T : struct", "// c\n", "/* c */",
        "#if X\n", "#endif\n", "@\"s\"", "\"\"\"\nraw\n\"\"\"", "global::", "::", "?", "!", "=>", "default", "in",
    };

    /// <summary>One random source file and the parse options (C# version) to compile it with.</summary>
    public static (string Source, CSharpParseOptions Options) Next(Random random)
    {
        var body = new StringBuilder();
        int declarations = random.Next(10) == 0 ? 2 : 1;
        for (int d = 0; d < declarations; d++)
        {
            body.AppendLine(Declaration(random, d));
        }

        string member = body.ToString();
        if (random.Next(4) == 0)
        {
            member = Mutate(random, member);
        }

        string source = "using System;\nusing SigmoidGen;\n" + Namespace(random, Types(random, member, methods: !member.Contains("[SigmoidNetwork")));
        LanguageVersion version = random.Next(40) switch
        {
            0 => LanguageVersion.CSharp10,
            1 => LanguageVersion.CSharp11,
            2 => LanguageVersion.CSharp9,
            _ => LanguageVersion.Latest,
        };
        return (source, new CSharpParseOptions(version));
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string Namespace(Random random, string content)
    {
        string Name() => random.Next(4) == 0 ? Pick(random, NamespaceNames) + "." + Pick(random, NamespaceNames) : Pick(random, NamespaceNames);
        return random.Next(6) switch
        {
            0 => content,
            1 => $"namespace {Name()};\n{content}",
            2 => $"namespace {Name()}\n{{\n    namespace {Name()}\n    {{\n{content}\n    }}\n}}",
            3 => $"namespace {Name()}\n{{\n    public class Unrelated {{ }}\n}}\nnamespace {Name()}\n{{\n{content}\n}}",
            _ => $"namespace {Name()}\n{{\n{content}\n}}",
        };
    }

    /// <summary>Zero to three containing types around the content (a network class usually needs none).</summary>
    private static string Types(Random random, string content, bool methods)
    {
        int depth = random.Next(5) switch { 0 => methods ? 1 : 0, 1 => 2, 2 => 3, _ => 1 };
        for (int i = 0; i < depth; i++)
        {
            string keyword = random.Next(24) switch
            {
                0 => "struct",
                1 => "record",
                2 => "record struct",
                3 => "readonly partial struct",
                4 => "interface",
                5 => "ref partial struct",
                6 => "record class",
                _ => "class",
            };
            string modifiers = random.Next(24) switch
            {
                0 => "public ",
                1 => "internal static ",
                2 => "file ",
                3 => "abstract ",
                4 => "sealed ",
                5 => "new ",
                _ => keyword is "class" or "record class" && random.Next(3) == 0 ? "public static " : "public ",
            };
            string partial = random.Next(30) == 0 || keyword.Contains("partial") ? string.Empty : "partial ";
            string name = Pick(random, TypeNames);
            string generics = random.Next(5) switch
            {
                0 => "<T>",
                1 => "<T, @event>",
                2 => "<TKey>",
                _ => string.Empty,
            };
            string constraint = generics.Length > 0 && random.Next(3) == 0 ? " where T : struct" : string.Empty;
            content = $"{modifiers}{partial}{keyword} {name}{generics}{constraint}\n{{\n{content}\n}}";
        }

        return content;
    }

    /// <summary>One annotated member: a layer, backward pass or training step method, or a network class.</summary>
    private static string Declaration(Random random, int index)
    {
        int kind = random.Next(4);
        string element = random.Next(3) == 0 ? "double" : "float";
        string attribute = kind switch
        {
            0 => "SigmoidLayer",
            1 => "SigmoidLayerBackward",
            2 => "SigmoidLayerTrainStep",
            _ => "SigmoidNetwork",
        };
        string arguments = Arguments(random, kind == 3);
        if (random.Next(25) == 0)
        {
            attribute = Pick(random, new[] { "SigmoidLayer", "SigmoidLayerBackward", "SigmoidLayerTrainStep", "SigmoidNetwork" }); // The wrong target.
        }

        string attributes = random.Next(20) == 0 ? $"[{attribute}{arguments}, {attribute}{arguments}]" : $"[{attribute}{arguments}]";
        if (random.Next(20) == 0)
        {
            attributes += "\n[SigmoidLayer(3, 2)]";
        }

        return kind == 3 ? attributes + " " + NetworkClass(random, element) : attributes + " " + Method(random, kind, element, index);
    }

    private static string Arguments(Random random, bool network)
    {
        if (random.Next(30) == 0)
        {
            return string.Empty; // [SigmoidNetwork], [SigmoidLayer]
        }

        var parts = new List<string>();
        int positional = network
            ? random.Next(8) switch { 0 => 0, 1 => 1, 2 => 4, 3 => 5, _ => random.Next(2, 4) }
            : random.Next(10) switch { 0 => 1, 1 => 3, _ => 2 };
        bool valid = random.Next(4) != 0;
        for (int i = 0; i < positional; i++)
        {
            // Valid sizes from a small set: shapes are FuzzTests' business, and few distinct kernels keep this cheap.
            parts.Add(valid ? Pick(random, new[] { "2", "3", "3", "1" }) : Pick(random, SizeArguments));
        }

        if (network && random.Next(8) == 0)
        {
            parts = new List<string> { random.Next(3) switch { 0 => "new[] { 3, 2 }", 1 => "new int[0]", _ => "(int[])null" } };
        }

        int named = random.Next(5) == 0 ? random.Next(1, 4) : 0;
        for (int i = 0; i < named; i++)
        {
            parts.Add(Pick(random, NamedArguments));
        }

        return "(" + string.Join(", ", parts) + ")";
    }

    private static string Method(Random random, int kind, string element, int index)
    {
        string name = index > 0 && random.Next(2) == 0 ? "f" : Pick(random, MemberNames);
        string[] parameters = kind switch
        {
            0 => new[] { $"ReadOnlySpan<{element}>", $"ReadOnlySpan<{element}>", $"ReadOnlySpan<{element}>", $"Span<{element}>" },
            1 => new[] { $"ReadOnlySpan<{element}>", $"ReadOnlySpan<{element}>", $"ReadOnlySpan<{element}>", $"ReadOnlySpan<{element}>", $"Span<{element}>", $"Span<{element}>", $"Span<{element}>" },
            _ => new[] { $"ReadOnlySpan<{element}>", $"Span<{element}>", $"Span<{element}>", $"ReadOnlySpan<{element}>", $"ReadOnlySpan<{element}>", element, $"Span<{element}>" },
        };
        var list = parameters.ToList();
        if (kind != 0 && random.Next(2) == 0)
        {
            list.RemoveAt(list.Count - 1); // The optional input gradient.
        }

        if (random.Next(8) == 0)
        {
            int at = random.Next(list.Count);
            list[at] = random.Next(6) switch
            {
                0 => "float[]",
                1 => "Span<int>",
                2 => "ReadOnlySpan<Missing>",
                3 => element == "float" ? "ReadOnlySpan<double>" : "ReadOnlySpan<float>",
                4 => "int",
                _ => "__arglist",
            };
        }

        if (random.Next(14) == 0)
        {
            list.RemoveAt(random.Next(list.Count));
        }

        var used = new HashSet<string>();
        string ParameterName()
        {
            string n = Pick(random, ParameterNames);
            if (!used.Add(n.TrimStart('@')))
            {
                n = "p" + used.Count;
                used.Add(n);
            }

            return n;
        }

        string Modifier() => random.Next(12) switch
        {
            0 => "ref ",
            1 => "in ",
            2 => "scoped ",
            3 => "params ",
            4 => "out ",
            _ => string.Empty,
        };

        string parameterList = string.Join(", ", list.Select((type, i) =>
            type == "__arglist" ? type : $"{(random.Next(25) == 0 ? Modifier() : string.Empty)}{(i == 0 && random.Next(30) == 0 ? "this " : string.Empty)}{type} {ParameterName()}"));
        string returns = random.Next(12) == 0 ? Pick(random, new[] { "void", "float", "double", "int", "ref float" })
            : kind != 0 && random.Next(3) == 0 ? element : "void";
        string modifiers = random.Next(16) switch
        {
            0 => "public ",
            1 => "internal static ",
            2 => "private static ",
            3 => "public static extern ",
            4 => "public static async ",
            5 => "public static new ",
            _ => "public static ",
        };
        string partial = random.Next(30) == 0 ? string.Empty : "partial ";
        string typeParameters = random.Next(40) == 0 ? "<T>" : string.Empty;
        string body = random.Next(40) == 0 ? " { }" : ";";
        return $"{modifiers}{partial}{returns} {name}{typeParameters}({parameterList}){body}";
    }

    private static string NetworkClass(Random random, string element)
    {
        string keyword = random.Next(16) switch
        {
            0 => "record",
            1 => "record struct",
            2 => "static class",
            3 => "sealed class",
            4 => "abstract class",
            5 => "struct",
            6 => "record class",
            _ => "class",
        };
        string partial = random.Next(30) == 0 ? string.Empty : "partial ";
        string access = random.Next(20) == 0 ? "file " : random.Next(2) == 0 ? "public " : "internal ";
        string name = random.Next(3) == 0 ? Pick(random, TypeNames) : "Net";
        string generics = random.Next(8) == 0 ? "<T>" : string.Empty;
        string bases = random.Next(10) switch
        {
            0 => " : Base",
            1 => $" : ISigmoidNetwork<{element}>",
            2 => " : System.Exception",
            _ => string.Empty,
        };
        string baseClass = bases == " : Base" ? (random.Next(2) == 0 ? "public class Base { public int LayerCount; }\n" : "public class Base { protected void Helper() { } }\n") : string.Empty;
        string members = random.Next(6) == 0 ? Pick(random, new[]
        {
            "public int Parameters;", "public int InputCount => 3;", "public void Predict(ReadOnlySpan<float> a, Span<float> b) { }",
            "public void Predict(float[] a) { }", "private int _sgCache;", "public void Save(string path, bool b) { }",
            "public static int Sizes;", "public class LayerSizes { }", "public void Initialize() { }", "public int Layer7Bias;",
            "public Net() { }", "public override string ToString() => \"n\";", "public const int Layer0Weights = 1;",
        }) : string.Empty;
        string primary = keyword.StartsWith("record", StringComparison.Ordinal) && random.Next(3) == 0 ? "(int OutputCount)" : string.Empty;
        return $"{baseClass}{access}{partial}{keyword} {name}{generics}{primary}{bases} {{ {members} }}";
    }

    /// <summary>One to three random edits of the member text: drop a token, replace it, or insert one before it.</summary>
    private static string Mutate(Random random, string text)
    {
        int edits = random.Next(1, 4);
        for (int e = 0; e < edits; e++)
        {
            var tokens = SyntaxFactory.ParseTokens(text).Where(t => !t.IsKind(SyntaxKind.EndOfFileToken)).ToList();
            if (tokens.Count == 0)
            {
                break;
            }

            SyntaxToken token = tokens[random.Next(tokens.Count)];
            string replacement = Pick(random, Tokens);
            text = random.Next(3) switch
            {
                0 => text.Remove(token.SpanStart, token.Span.Length),
                1 => text.Remove(token.SpanStart, token.Span.Length).Insert(token.SpanStart, replacement),
                _ => text.Insert(token.SpanStart, replacement + " "),
            };
        }

        return text;
    }
}
