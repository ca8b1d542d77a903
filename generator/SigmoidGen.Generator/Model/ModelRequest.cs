using Microsoft.CodeAnalysis;

namespace SigmoidGen.Generator.Model;

/// <summary>
/// What a <c>[SigmoidNetwork(Model = "…")]</c> asks for, as the parser found it: the file, the tensor names, and where to
/// report what is wrong with it. Values only (a <see cref="Location"/> is a tree and a span), so the pipeline can cache it.
/// </summary>
/// <param name="Path">The <c>Model</c> argument as written, e.g. <c>models/cancer.safetensors</c>.</param>
/// <param name="Prefix">The <c>nn.Sequential</c> prefix (<c>ModelPrefix</c>), empty by default.</param>
/// <param name="LayerNames">The <c>ModelLayers</c> names, or empty for the <c>nn.Sequential</c> names.</param>
/// <param name="Location">The <c>Model = "…"</c> argument: every model diagnostic but the size mismatch lands there.</param>
/// <param name="AttributeLocation">The attribute, for SGEN013 on a layer too large to specialise.</param>
/// <param name="SizeLocations">Where each declared size was written (empty when the sizes come from the file alone).</param>
internal sealed record ModelRequest(
    string Path,
    string Prefix,
    EquatableArray<string> LayerNames,
    Location Location,
    Location AttributeLocation,
    EquatableArray<LocationBox> SizeLocations);

/// <summary>A <see cref="Microsoft.CodeAnalysis.Location"/> in an equatable box, for <see cref="EquatableArray{T}"/>.</summary>
internal sealed record LocationBox(Location Value);

/// <summary>
/// A model compiled into a network: where it came from (for the generated comments) and its parameters in the
/// network's layout and element type, little-endian, exactly as <c>LoadSafetensors</c> would have put them in
/// <c>Parameters</c>.
/// </summary>
/// <param name="FileName">The file's name, for comments.</param>
/// <param name="Tensors">The tensor names, in the parameters' order (layer by layer, weights then bias).</param>
/// <param name="Data">The parameters' bytes: 4 per value for float networks, 8 for double.</param>
internal sealed record EmbeddedModel(string FileName, EquatableArray<string> Tensors, EquatableArray<byte> Data);
