using Microsoft.CodeAnalysis;

namespace SigmoidGen.Generator.Diagnostics;

/// <summary>
/// Every diagnostic SigmoidGen reports. IDs are stable; each has a section in docs/diagnostics.md, which ships inside
/// the package (<see cref="ProjectInfo.DiagnosticsDocs"/>): every descriptor's description says where. No help link:
/// the project has no public web address yet, and a link must open documentation that exists.
/// </summary>
internal static class Descriptors
{
    private const string Category = "SigmoidGen";

    public static readonly DiagnosticDescriptor MethodNotPartial = Error(
        "SGEN001",
        "Layer method must be partial",
        "Method '{0}' must be declared 'partial' with no body, e.g. 'public static partial void {0}(...);', so SigmoidGen can implement it");

    public static readonly DiagnosticDescriptor MethodHasBody = Error(
        "SGEN002",
        "Layer method already has a body",
        "Partial method '{0}' already has an implementation; remove the body so SigmoidGen can generate it");

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error(
        "SGEN003",
        "Containing type must be partial",
        "{0} must be declared 'partial'");

    public static readonly DiagnosticDescriptor WrongParameterCount = Error(
        "SGEN004",
        "Wrong number of parameters",
        "Layer method '{0}' must take {1} parameters ({2}) but has {3}");

    public static readonly DiagnosticDescriptor WrongParameterType = Error(
        "SGEN005",
        "Wrong parameter type",
        "Parameter '{0}' ({1}) must be declared as '{2}' with no ref, out, in, params or this modifier");

    public static readonly DiagnosticDescriptor MixedElementTypes = Error(
        "SGEN006",
        "Mixed element types",
        "Parameter '{0}' has element type '{1}' but the first parameter has '{2}'; all four spans must have the same element type");

    public static readonly DiagnosticDescriptor UnsupportedElementType = Error(
        "SGEN007",
        "Unsupported element type",
        "Element type '{0}' of {1} is not supported; use {2}");

    public static readonly DiagnosticDescriptor ReturnTypeNotVoid = Error(
        "SGEN008",
        "Wrong return type",
        "Layer method '{0}' must return {1}");

    public static readonly DiagnosticDescriptor GenericMethod = Error(
        "SGEN009",
        "Layer method cannot be generic",
        "Layer method '{0}' cannot have type parameters; declare one method per element type (float or double)");

    public static readonly DiagnosticDescriptor NonPositiveDimension = Error(
        "SGEN010",
        "Layer dimension must be positive",
        "'{0}' is {1}; it must be a positive number");

    public static readonly DiagnosticDescriptor InvalidPrecision = Error(
        "SGEN011",
        "Unknown enum value",
        "{0} value {1} is not defined; use {2}");

    public static readonly DiagnosticDescriptor ShapeTooLarge = Error(
        "SGEN012",
        "Layer shape too large",
        "{0} would need {1} elements, more than a span can hold ({2}); use smaller dimensions");

    public static readonly DiagnosticDescriptor PlainLoopFallback = new(
        "SGEN013",
        "Shape too large to specialise",
        "{0} is too large to specialise: {1}; SigmoidGen generated a plain loop version instead of register-blocked SIMD kernels",
        Category,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: Description("SGEN013"));

    public static readonly DiagnosticDescriptor UnsupportedContainingType = Error(
        "SGEN014",
        "Unsupported containing type",
        "{0}; {1}");

    public static readonly DiagnosticDescriptor TooFewNetworkSizes = Error(
        "SGEN015",
        "Network needs at least two sizes",
        "Network class '{0}' declares {1}; give the inputs and then each layer's outputs, at least two sizes, e.g. [SigmoidNetwork(30, 16, 1)]");

    public static readonly DiagnosticDescriptor LanguageVersionTooOld = Error(
        "SGEN016",
        "C# 11 or later needed",
        "SigmoidGen's generated code needs C# 11 or later; this project uses C# {0}: set <LangVersion>11</LangVersion> or later, or remove <LangVersion> to use the SDK's default");

    public static readonly DiagnosticDescriptor NetworkMemberConflict = Error(
        "SGEN017",
        "Name taken by a generated network member",
        "{0}; rename it");

    public static readonly DiagnosticDescriptor ModelFileNotListed = Error(
        "SGEN018",
        "Model file not listed in AdditionalFiles",
        "{0}");

    public static readonly DiagnosticDescriptor ModelFileUnreadable = Error(
        "SGEN019",
        "Model file cannot be read",
        "The model file '{0}' cannot be read: {1}");

    public static readonly DiagnosticDescriptor ModelNotSafetensors = Error(
        "SGEN020",
        "Model file is not a valid safetensors file",
        "The model file '{0}' is not a valid safetensors file: {1}");

    public static readonly DiagnosticDescriptor ModelNotDenseChain = Error(
        "SGEN021",
        "Model is not a chain of dense layers",
        "The model file '{0}' is not a chain of dense layers of matching sizes: {1}");

    public static readonly DiagnosticDescriptor ModelUnsupportedDtype = Error(
        "SGEN022",
        "Model tensor of an unsupported dtype",
        "Tensor '{0}' of the model file '{1}' has dtype {2}; a network compiles F32, F64, F16 or BF16 tensors: convert it (e.g. model.float()) and save again");

    public static readonly DiagnosticDescriptor ModelTooLarge = Error(
        "SGEN023",
        "Model too large to embed",
        "The model file '{0}' has {1} parameters, {2} bytes as {3}, more than the {4} bytes a network embeds; load it at run time instead (LoadSafetensors, from a file or an EmbeddedResource stream)");

    public static readonly DiagnosticDescriptor ModelSizesMismatch = Error(
        "SGEN024",
        "Declared sizes disagree with the model file",
        "The sizes {0} disagree with the model file '{1}', whose tensors give {2}; remove the sizes or correct them");

    public static readonly DiagnosticDescriptor InvalidModelArgument = Error(
        "SGEN025",
        "Invalid model argument",
        "{0} {1}");

    public static readonly DiagnosticDescriptor InvalidOptimizer = Error(
        "SGEN026",
        "Unknown optimizer",
        "Optimizer value {0} is not defined; use SigmoidOptimizerKind.PlainSgd, SigmoidOptimizerKind.Sgd or SigmoidOptimizerKind.Adam");

    public static readonly DiagnosticDescriptor OptimizerParameterMismatch = Error(
        "SGEN027",
        "Training-step parameter does not match the optimizer",
        "Parameter '{0}' is declared as '{1}', but the attribute's Optimizer = SigmoidOptimizerKind.{2} takes '{3}' here; {4}");

    /// <summary>Where the documentation of a diagnostic is: the file shipped in the package, and its section.</summary>
    public static string Description(string id) =>
        $"Documented in the SigmoidGen package, file {ProjectInfo.DiagnosticsDocs}, section {id} " +
        $"(in the NuGet cache: ~/.nuget/packages/sigmoidgen/<version>/{ProjectInfo.DiagnosticsDocs}).";

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: Description(id));
}
