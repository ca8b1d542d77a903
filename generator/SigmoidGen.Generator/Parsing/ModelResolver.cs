using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using SigmoidGen.Generator.Diagnostics;
using SigmoidGen.Generator.Model;

namespace SigmoidGen.Generator.Parsing;

/// <summary>
/// Completes a <c>[SigmoidNetwork(Model = "…")]</c> from its file: finds the <c>AdditionalFiles</c> item, reads the layer
/// chain from the tensor names (<c>nn.Sequential</c>'s or <c>ModelLayers</c>), checks it as the runtime's
/// <c>LoadSafetensors</c> checks a file, and converts the values to the network's element type exactly as it does
/// (decode to double, then round once to float for a float network). Every fault is one diagnostic on the attribute.
/// </summary>
internal static class ModelResolver
{
    /// <summary>
    /// The most bytes of parameters a network embeds: 4 MiB, 1 Mi float parameters. The generated file holds about
    /// 3.8 characters of C# per byte (15 MB at the limit), and the compiler binds one constant per byte: 784-128-10
    /// (400 KB) already adds about a minute of compile on a loaded 2-vCPU VM (docs/compiled-models.md).
    /// </summary>
    public const int MaxEmbeddedBytes = 4 * 1024 * 1024;

    /// <summary>Passes a network without a model through; completes one with a model, or turns it into diagnostics.</summary>
    public static NetworkParseResult Resolve(NetworkParseResult parsed, ImmutableArray<ModelFile> files)
    {
        if (parsed.Spec is null || parsed.Model is null)
        {
            return parsed with { Diagnostics = EquatableArray<DiagnosticInfo>.Empty, Model = null };
        }

        var diagnostics = new List<DiagnosticInfo>();
        NetworkSpec? spec = Complete(parsed.Spec, parsed.Model, files, diagnostics);
        return new NetworkParseResult(spec, new EquatableArray<DiagnosticInfo>(diagnostics));
    }

    private static NetworkSpec? Complete(NetworkSpec spec, ModelRequest request, ImmutableArray<ModelFile> files, List<DiagnosticInfo> diagnostics)
    {
        void Report(DiagnosticDescriptor descriptor, Location location, params object?[] args) =>
            diagnostics.Add(DiagnosticInfo.Create(descriptor, location, args));

        // The file.
        ModelFile[] matches = files.Where(f => ModelPath.Matches(f.Path, request.Path)).GroupBy(f => f.Path, StringComparer.Ordinal).Select(g => g.First()).ToArray();
        if (matches.Length != 1)
        {
            Report(Descriptors.ModelFileNotListed, request.Location, matches.Length == 0
                ? $"No AdditionalFiles item matches the model '{request.Path}'; list the file in the project, e.g. <ItemGroup><AdditionalFiles Include=\"{request.Path}\" /></ItemGroup>, and name it by its path's last segments"
                : $"The model '{request.Path}' matches {matches.Length} AdditionalFiles items ({string.Join(", ", matches.Select(m => m.Path))}); give more of its path so that it names one");
            return null;
        }

        ModelFile file = matches[0];
        string fileName = ModelPath.FileName(file.Path);
        if (file.Fault != ModelFault.None)
        {
            Report(file.Fault == ModelFault.Unreadable ? Descriptors.ModelFileUnreadable : Descriptors.ModelNotSafetensors, request.Location, fileName, file.Error);
            return null;
        }

        // The layer chain, by name.
        var byName = file.Tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var layers = new List<(ModelTensor Weight, ModelTensor Bias)>();
        string Names(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : "none";
        string has = $"it has the tensors {Names(file.Tensors.Select(t => t.Name))}";
        int declaredLayers = request.LayerNames.Count;
        for (int k = 0; declaredLayers == 0 || k < declaredLayers; k++)
        {
            string layer = declaredLayers == 0 ? request.Prefix + (2 * k).ToString(CultureInfo.InvariantCulture) : request.LayerNames[k];
            bool weight = byName.TryGetValue(layer + ".weight", out ModelTensor? w), bias = byName.TryGetValue(layer + ".bias", out ModelTensor? b);
            if (declaredLayers == 0 && !weight && !bias)
            {
                break; // The end of the Sequential.
            }

            if (!weight || !bias)
            {
                Report(Descriptors.ModelNotDenseChain, request.Location, fileName, $"layer {k} needs the tensors '{layer}.weight' and '{layer}.bias'; {has}");
                return null;
            }

            layers.Add((w!, b!));
        }

        if (layers.Count == 0)
        {
            Report(Descriptors.ModelNotDenseChain, request.Location, fileName,
                $"there is no '{request.Prefix}0.weight' (nn.Sequential's first Linear); {has}. For other names set ModelPrefix = \"model.\" or ModelLayers = new[] {{ \"fc1\", \"fc2\" }}");
            return null;
        }

        var expected = new HashSet<string>(layers.SelectMany(l => new[] { l.Weight.Name, l.Bias.Name }), StringComparer.Ordinal);
        ModelTensor? extra = file.Tensors.FirstOrDefault(t => !expected.Contains(t.Name));
        if (extra is not null)
        {
            Report(Descriptors.ModelNotDenseChain, request.Location, fileName,
                $"tensor '{extra.Name}' {extra.ShapeText} is not a weight or bias of the chain {Names(expected)}; a network is Linear layers, each followed by a sigmoid, and nothing else");
            return null;
        }

        foreach (ModelTensor t in layers.SelectMany(l => new[] { l.Weight, l.Bias }))
        {
            if (DtypeSize(t.Dtype) == 0)
            {
                Report(Descriptors.ModelUnsupportedDtype, request.Location, t.Name, fileName, t.Dtype);
                return null;
            }
        }

        // The shapes: weights [out, in], bias [out], each layer's inputs the previous layer's outputs.
        var sizes = new List<int>();
        for (int k = 0; k < layers.Count; k++)
        {
            (ModelTensor w, ModelTensor b) = layers[k];
            string? problem =
                w.Shape.Count != 2 ? $"'{w.Name}' has shape {w.ShapeText}; a Linear weight is [outputs, inputs]" :
                b.Shape.Count != 1 ? $"'{b.Name}' has shape {b.ShapeText}; a Linear bias is [outputs]" :
                w.Shape[0] < 1 || w.Shape[1] < 1 || w.Shape[0] > int.MaxValue || w.Shape[1] > int.MaxValue ? $"'{w.Name}' has shape {w.ShapeText}; sizes must be positive" :
                b.Shape[0] != w.Shape[0] ? $"'{b.Name}' has shape {b.ShapeText} but '{w.Name}' {w.ShapeText} has {w.Shape[0]} outputs" :
                k > 0 && w.Shape[1] != sizes[k] ? $"'{w.Name}' {w.ShapeText} takes {w.Shape[1]} inputs but the layer before it has {sizes[k]} outputs" :
                null;
            if (problem is not null)
            {
                Report(Descriptors.ModelNotDenseChain, request.Location, fileName, problem);
                return null;
            }

            if (k == 0)
            {
                sizes.Add((int)w.Shape[1]);
            }

            sizes.Add((int)w.Shape[0]);
        }

        // Against the declared sizes and layer names.
        int[] declared = spec.Sizes.ToArray();
        string fileSizes = string.Join(", ", sizes);
        if (declared.Length > 0 && !declared.SequenceEqual(sizes))
        {
            int first = Enumerable.Range(0, Math.Min(declared.Length, sizes.Count)).FirstOrDefault(k => declared[k] != sizes[k]);
            Location location = request.SizeLocations.Count > first ? request.SizeLocations[first].Value : request.Location;
            Report(Descriptors.ModelSizesMismatch, location, $"({string.Join(", ", declared)})", fileName, $"({fileSizes})");
            return null;
        }

        // The size limit, before anything large is made.
        long parameters = 0;
        for (int k = 0; k + 1 < sizes.Count; k++)
        {
            parameters += ((long)sizes[k] * sizes[k + 1]) + sizes[k + 1];
        }

        int elementSize = spec.Element == ElementKind.Float ? 4 : 8;
        if (parameters * elementSize > MaxEmbeddedBytes)
        {
            Report(Descriptors.ModelTooLarge, request.Location, fileName, parameters, parameters * elementSize, spec.ElementName, MaxEmbeddedBytes);
            return null;
        }

        // The data section, tiled exactly by the tensors, as the library requires.
        if (CheckOffsets(file) is { } offsetProblem)
        {
            Report(Descriptors.ModelNotSafetensors, request.Location, fileName, offsetProblem);
            return null;
        }

        // The values, converted as LoadSafetensors converts them, every one finite.
        byte[] data = new byte[parameters * elementSize];
        int position = 0;
        var names = new List<string>();
        foreach (ModelTensor t in layers.SelectMany(l => new[] { l.Weight, l.Bias }))
        {
            names.Add(t.Name);
            if (ModelValues.Convert(file.Data, t, spec.Element, data, ref position) is { } valueProblem)
            {
                Report(Descriptors.ModelNotSafetensors, request.Location, fileName, valueProblem);
                return null;
            }
        }

        string[] plain = NetworkParser.PlainReasons(sizes);
        foreach (string reason in plain.Where(r => r.Length > 0))
        {
            Report(Descriptors.PlainLoopFallback, request.AttributeLocation, $"Network class '{spec.ContainingTypes[spec.ContainingTypes.Count - 1].Name}'", reason);
        }

        return spec with
        {
            Sizes = new EquatableArray<int>(sizes),
            PlainReasons = new EquatableArray<string>(plain),
            Model = new EmbeddedModel(fileName, new EquatableArray<string>(names), new EquatableArray<byte>(data)),
        };
    }

    /// <summary>The size of one element of a dtype a network loads, or 0.</summary>
    public static int DtypeSize(string dtype) => dtype switch
    {
        "F64" => 8,
        "F32" => 4,
        "F16" or "BF16" => 2,
        _ => 0,
    };

    /// <summary>
    /// The runtime's rule: sorted by offset, the tensors tile the data from 0 with no gap or overlap, each as long as its
    /// shape and dtype make it, and the file ends with the last one. Null when they do.
    /// </summary>
    private static string? CheckOffsets(ModelFile file)
    {
        var sorted = file.Tensors.OrderBy(t => t.Begin).ThenBy(t => t.End).ToList();
        long position = 0;
        for (int k = 0; k < sorted.Count; k++)
        {
            ModelTensor t = sorted[k];
            string offsets = $"data_offsets [{t.Begin}, {t.End}]";
            if (t.Begin < position)
            {
                return $"tensor '{t.Name}' {offsets} overlaps tensor '{sorted[k - 1].Name}' data_offsets [{sorted[k - 1].Begin}, {sorted[k - 1].End}]";
            }

            if (t.Begin > position)
            {
                return $"tensor '{t.Name}' {offsets} leaves a gap: the data before it ends at byte {position}";
            }

            if (t.End < t.Begin)
            {
                return $"tensor '{t.Name}' {offsets} ends before it begins";
            }

            long count = 1;
            foreach (long n in t.Shape)
            {
                count = count > 0 && n > long.MaxValue / 8 / count ? -1 : count * n;
            }

            long bytes = count < 0 ? -1 : count * DtypeSize(t.Dtype);
            if (t.End - t.Begin != bytes)
            {
                return $"tensor '{t.Name}' {offsets} spans {t.End - t.Begin} bytes; shape {t.ShapeText} of {t.Dtype} takes {(bytes < 0 ? "more" : bytes.ToString(CultureInfo.InvariantCulture))}";
            }

            position = t.End;
        }

        if (position != file.Data.Count)
        {
            return position > file.Data.Count
                ? $"it is truncated: its tensors' data_offsets end at byte {position} of the data, but the file has only {file.Data.Count} bytes of data"
                : $"it goes on after its last tensor (data_offsets end at byte {position} of the data, which has {file.Data.Count} bytes)";
        }

        return null;
    }
}
