using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SigmoidGen.Generator.Tests.Infrastructure;

/// <summary>
/// Model files for the compiled-model tests: a safetensors writer (the format written by hand, independently of the
/// generator's reader), files in a temporary folder, and <c>AdditionalFiles</c> items the driver hands to the generator.
/// </summary>
internal static class ModelFiles
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "sigmoidgen-model-tests-" + Environment.ProcessId);

    /// <summary>One tensor to write: name, dtype, shape and its raw little-endian bytes.</summary>
    public sealed record Tensor(string Name, string Dtype, long[] Shape, byte[] Data);

    /// <summary>An F32 tensor of these values.</summary>
    public static Tensor F32(string name, long[] shape, params float[] values) =>
        new(name, "F32", shape, values.SelectMany(BitConverter.GetBytes).ToArray());

    /// <summary>The tensors of an nn.Sequential of Linear layers with these sizes, values k/64 − 0.5 in order (exact in F32).</summary>
    public static List<Tensor> Sequential(params int[] sizes)
    {
        var tensors = new List<Tensor>();
        int next = 0;
        float Value() => ((next++ % 64) / 64f) - 0.5f;
        for (int k = 0; k + 1 < sizes.Length; k++)
        {
            tensors.Add(F32($"{2 * k}.weight", new long[] { sizes[k + 1], sizes[k] }, Enumerable.Range(0, sizes[k] * sizes[k + 1]).Select(_ => Value()).ToArray()));
            tensors.Add(F32($"{2 * k}.bias", new long[] { sizes[k + 1] }, Enumerable.Range(0, sizes[k + 1]).Select(_ => Value()).ToArray()));
        }

        return tensors;
    }

    /// <summary>A safetensors file: header length, JSON header (padded to 8 bytes), the tensors' data in order.</summary>
    public static byte[] Write(IEnumerable<Tensor> tensors, string? headerOverride = null)
    {
        var list = tensors.ToList();
        var json = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        long position = 0;
        foreach (Tensor t in list)
        {
            json.Append($",\"{t.Name}\":{{\"dtype\":\"{t.Dtype}\",\"shape\":[{string.Join(",", t.Shape)}],\"data_offsets\":[{position},{position + t.Data.Length}]}}");
            position += t.Data.Length;
        }

        json.Append('}');
        string header = headerOverride ?? json.ToString();
        while (Encoding.UTF8.GetByteCount(header) % 8 != 0)
        {
            header += " ";
        }

        byte[] headerBytes = Encoding.UTF8.GetBytes(header);
        return BitConverter.GetBytes((ulong)headerBytes.Length).Concat(headerBytes).Concat(list.SelectMany(t => t.Data)).ToArray();
    }

    /// <summary>Writes the bytes to a fresh file under <paramref name="relativePath"/> and returns its item.</summary>
    public static AdditionalText Item(string relativePath, byte[] bytes)
    {
        string path = Path.Combine(Folder, Guid.NewGuid().ToString("N"), relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return new FileItem(path);
    }

    /// <summary>An item whose file does not exist.</summary>
    public static AdditionalText Missing(string relativePath) => new FileItem(Path.Combine(Folder, "missing", relativePath));

    /// <summary>A driver with these additional files, tracking steps.</summary>
    public static GeneratorDriver Driver(params AdditionalText[] files) =>
        GeneratorHarness.CreateDriver().AddAdditionalTexts(files.ToImmutableArray());

    /// <summary>Runs the generator over a source with these additional files; returns the result and the full compilation.</summary>
    public static (GeneratorDriverRunResult Result, Compilation Output) Run(string source, params AdditionalText[] files)
    {
        Compilation compilation = GeneratorHarness.CreateCompilation(source);
        GeneratorDriver driver = Driver(files).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        return (driver.GetRunResult(), output);
    }

    /// <summary>
    /// An additional file as the command-line compiler gives it: a path, and text that fails for a binary file (the
    /// compiler reports CS2015 and returns null), which the generator must never ask for.
    /// </summary>
    private sealed class FileItem(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText? GetText(CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The generator asked for a binary file's text: the compiler would report CS2015.");
    }
}
