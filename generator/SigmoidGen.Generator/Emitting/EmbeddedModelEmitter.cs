using System.Globalization;
using System.Linq;
using System.Text;
using SigmoidGen.Generator.Model;

namespace SigmoidGen.Generator.Emitting;

/// <summary>
/// The members a network compiled from a model (<c>[SigmoidNetwork(Model = "…")]</c>) has beyond every network's: the
/// model's parameters as a read-only byte blob (<c>static ReadOnlySpan&lt;byte&gt; _sgModel =&gt; new byte[] { … }</c>,
/// which the compiler stores in the assembly's data section: no allocation, no copy, no parsing at start-up), the
/// writable copy made on first write, and <c>Reset()</c>.
/// </summary>
internal static class EmbeddedModelEmitter
{
    /// <summary>Bytes per line of the blob.</summary>
    private const int BytesPerLine = 48;

    public static void EmitRemarks(CodeWriter w, NetworkSpec spec)
    {
        EmbeddedModel model = spec.Model!;
        w.Line($"/// <para>Compiled from the model <c>{Text(model.FileName)}</c> ({Text(string.Join(", ", model.Tensors))}): its parameters are embedded in the");
        w.Line("/// assembly as read-only data, already in the layout above, and a new instance predicts with them in place. The first write");
        w.Line("/// (<see cref=\"Parameters\"/>, a training step, <c>Initialize</c>, <c>Load</c>) copies them into a buffer of the instance;");
        w.Line("/// <see cref=\"Reset\"/> sets that buffer back to the compiled model.</para>");
    }

    public static void EmitFields(CodeWriter w, NetworkSpec spec)
    {
        string t = spec.ElementName;
        EmbeddedModel model = spec.Model!;
        w.Line("/// <summary>Null until the parameters are first written; until then the instance reads <see cref=\"_sgModel\"/> in place.</summary>");
        w.Line($"private {t}[]? _sgParameters;");
        w.Line();
        w.Line($"/// <summary>The compiled model {Text(model.FileName)}: {model.Data.Count} bytes, the parameters in the layout above as little-endian {t}.</summary>");
        w.Line("private static global::System.ReadOnlySpan<byte> _sgModel => new byte[]");
        w.Line("{");
        int size = spec.Element == ElementKind.Float ? 4 : 8;
        int[] n = spec.Sizes.ToArray();
        int position = 0;
        var line = new StringBuilder();
        for (int k = 0; k < spec.LayerCount; k++)
        {
            foreach ((string what, int count) in new[] { ($"layer {k}'s weights [{n[k + 1]}, {n[k]}]", n[k] * n[k + 1]), ($"layer {k}'s bias [{n[k + 1]}]", n[k + 1]) })
            {
                w.Line($"    // {Text(model.Tensors[(2 * k) + (what.Contains("bias") ? 1 : 0)])}: {what}");
                int end = position + (count * size);
                while (position < end)
                {
                    line.Clear().Append("    ");
                    for (int b = 0; b < BytesPerLine && position < end; b++)
                    {
                        line.Append(model.Data[position++].ToString(CultureInfo.InvariantCulture)).Append(',');
                    }

                    w.Line(line.ToString());
                }
            }
        }

        w.Line("};");
        w.Line();
    }

    /// <summary>
    /// A file or tensor name made safe for a comment or XML doc: no line breaks (C# ends a comment at any of them), no
    /// control characters, XML escaped.
    /// </summary>
    private static string Text(string name)
    {
        var safe = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            safe.Append(c < ' ' || c is '\u007f' or '\u0085' or '\u2028' or '\u2029' ? '?' : c);
        }

        return ForwardKernelEmitter.Xml(safe.ToString());
    }

    public static void EmitMembers(CodeWriter w, NetworkSpec spec)
    {
        string t = spec.ElementName;
        w.Line("/// <summary>The writable parameters: the instance's buffer, made from the compiled model on first use.</summary>");
        w.Line($"private {t}[] _sgWritable() => _sgParameters ??= global::SigmoidGen.Internal.EmbeddedParameters.Copy<{t}>(_sgModel);");
        w.Line();
        w.Line("/// <summary>The parameters to read: the buffer once there is one, else the compiled model in place.</summary>");
        w.Line($"private global::System.ReadOnlySpan<{t}> _sgReadable =>");
        w.Line($"    _sgParameters is null && global::System.BitConverter.IsLittleEndian ? global::SigmoidGen.Internal.EmbeddedParameters.InPlace<{t}>(_sgModel) : _sgWritable();");
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Sets the parameters back to the compiled model, as a new instance has them. A buffer made by an earlier write is kept");
        w.Line("/// and overwritten, so spans from <see cref=\"Parameters\"/> stay valid; nothing is allocated.");
        w.Line("/// </summary>");
        w.Line(LayerEmitter.GeneratedCode);
        using (w.Block("public void Reset()"))
        {
            using (w.Block("if (_sgParameters is not null)"))
            {
                w.Line($"global::SigmoidGen.Internal.EmbeddedParameters.CopyTo<{t}>(_sgModel, _sgParameters);");
            }
        }

        w.Line();
    }
}
