using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SigmoidGen.Generator.Diagnostics;
using SigmoidGen.Generator.Model;

namespace SigmoidGen.Generator.Parsing;

/// <summary>
/// The <c>Model</c>, <c>ModelPrefix</c> and <c>ModelLayers</c> arguments of <c>[SigmoidNetwork]</c>: checked here
/// (SGEN025), the file itself later, by <see cref="ModelResolver"/>, once the compiler has handed it over.
/// </summary>
internal static class ModelArguments
{
    private static readonly Regex LayerMember = new(@"^Layer(\d{1,6})(Weights|Bias)$", RegexOptions.CultureInvariant);

    /// <summary>
    /// The request, or null when there is no <c>Model</c> argument or when one of the three arguments is wrong (then an
    /// SGEN025 has been reported on it).
    /// </summary>
    public static ModelRequest? Parse(
        AttributeData attribute, AttributeSyntax? syntax, Location attributeLocation, int sizeCount,
        Action<DiagnosticDescriptor, Location, object?[]> report)
    {
        TypedConstant? model = Named(attribute, "Model"), prefix = Named(attribute, "ModelPrefix"), layers = Named(attribute, "ModelLayers");
        Location At(string name) => LayerParser.ArgumentLocation(syntax, -1, name) ?? attributeLocation;
        void Bad(string name, string problem) => report(Descriptors.InvalidModelArgument, At(name), new object?[] { name, problem });

        if (model is null)
        {
            if (prefix is not null || layers is not null)
            {
                Bad(prefix is not null ? "ModelPrefix" : "ModelLayers", "has no effect without Model = \"path/to/model.safetensors\"");
            }

            return null;
        }

        string? path = model.Value.Value as string;
        bool ok = true;
        if (string.IsNullOrWhiteSpace(path))
        {
            Bad("Model", "is empty; give the path of a safetensors file listed as an AdditionalFiles item");
            ok = false;
        }

        string prefixText = prefix?.Value as string ?? string.Empty;
        string[] names = Array.Empty<string>();
        if (layers is { } given)
        {
            names = given.IsNull ? Array.Empty<string>() : given.Values.Select(v => v.Value as string ?? string.Empty).ToArray();
            string? duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
            string? problem =
                names.Length == 0 ? "names no layers; give one name per layer, e.g. ModelLayers = new[] { \"fc1\", \"fc2\" }" :
                names.Any(string.IsNullOrEmpty) ? "has a null or empty layer name" :
                duplicate is not null ? $"names layer '{duplicate}' twice" :
                prefix is not null ? "and ModelPrefix cannot be used together: ModelLayers gives whole layer names, so write the prefix into them" :
                sizeCount >= 2 && names.Length != sizeCount - 1 ? $"names {names.Length} layers but the sizes declare {sizeCount - 1}" :
                null;
            if (problem is not null)
            {
                Bad("ModelLayers", problem);
                ok = false;
            }
        }

        if (!ok)
        {
            return null;
        }

        var sizeLocations = Enumerable.Range(0, sizeCount)
            .Select(k => new LocationBox(NetworkParser.SizeLocation(syntax, k, sizeCount) ?? attributeLocation));
        return new ModelRequest(
            path!.Trim(),
            prefixText,
            new EquatableArray<string>(names),
            At("Model"),
            attributeLocation,
            new EquatableArray<LocationBox>(sizeLocations));
    }

    /// <summary>
    /// For a network whose sizes come from its model file: the layer count up to which <c>Layer{k}Weights</c> and
    /// <c>Layer{k}Bias</c> count as generated names, so that SGEN017 (reported before the file is read) reserves every
    /// such name the class or its bases use.
    /// </summary>
    public static int ReservedLayerCount(INamedTypeSymbol type)
    {
        int count = 0;
        for (INamedTypeSymbol? t = type; t is not null; t = t.BaseType)
        {
            foreach (string name in t.MemberNames)
            {
                Match match = LayerMember.Match(name);
                if (match.Success)
                {
                    count = Math.Max(count, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1);
                }
            }
        }

        return count;
    }

    private static TypedConstant? Named(AttributeData attribute, string name) =>
        attribute.NamedArguments.Where(a => a.Key == name).Select(a => (TypedConstant?)a.Value).FirstOrDefault();
}
