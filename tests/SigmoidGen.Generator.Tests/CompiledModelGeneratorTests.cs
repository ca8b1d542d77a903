using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SigmoidGen.Generator.Model;
using SigmoidGen.Generator.Parsing;
using SigmoidGen.Generator.Tests.Infrastructure;
using static SigmoidGen.Generator.Tests.Infrastructure.ModelFiles;

namespace SigmoidGen.Generator.Tests;

/// <summary>
/// <c>[SigmoidNetwork(Model = "…")]</c> in the generator: the snapshot of a tiny compiled model, every model diagnostic
/// on the argument at fault, mangled files that never crash it, and the caching of the file between runs.
/// </summary>
public class CompiledModelGeneratorTests
{
    private static string Source(string attribute) => $$"""
        using SigmoidGen;

        namespace MyApp;

        [{{attribute}}]
        public partial class Net { }
        """;

    private static readonly byte[] Tiny = Write(Sequential(2, 3, 1));

    [Fact]
    public void TinyModelSnapshot()
    {
        (GeneratorDriverRunResult result, Compilation output) = Run(Source("SigmoidNetwork(Model = \"tiny.safetensors\")"), Item("models/tiny.safetensors", Tiny));
        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompilationProblems(output));
        Snapshot.Verify(result.GeneratedTrees.Single(t => t.FilePath.Contains("Net.Network")).GetText().ToString(), "CompiledModel");
    }

    [Fact]
    public void TheBlobHoldsTheFileValuesInTheNetworkLayout()
    {
        // Values k/64 − 0.5, exact in float: the blob is their bytes, weights then bias per layer.
        (GeneratorDriverRunResult result, _) = Run(Source("SigmoidNetwork(Model = \"tiny.safetensors\", ElementType = typeof(double))"), Item("tiny.safetensors", Tiny));
        string text = result.GeneratedTrees.Single(t => t.FilePath.Contains("Net.Network")).GetText().ToString();
        byte[] expected = Enumerable.Range(0, 13).SelectMany(k => BitConverter.GetBytes((k / 64.0) - 0.5)).ToArray();
        Assert.Contains(string.Join(",", expected.Take(48)) + ",", text);
        Assert.Contains("public const int ParameterCount = 13;", text);
        Assert.Contains("new int[] { 2, 3, 1 }", text);
    }

    [Fact]
    public void NotListed() => AssertOn(
        "SigmoidNetwork(Model = \"tiny.safetensors\")", "SGEN018", "Model = \"tiny.safetensors\"", "No AdditionalFiles item matches",
        Item("other.safetensors", Tiny));

    [Fact]
    public void MatchedByAPartialSegmentIsNotListed() => AssertOn(
        "SigmoidNetwork(Model = \"ny.safetensors\")", "SGEN018", "Model = \"ny.safetensors\"", "No AdditionalFiles item matches",
        Item("tiny.safetensors", Tiny));

    [Fact]
    public void Ambiguous() => AssertOn(
        "SigmoidNetwork(Model = \"tiny.safetensors\")", "SGEN018", "Model = \"tiny.safetensors\"", "matches 2 AdditionalFiles items",
        Item("a/tiny.safetensors", Tiny), Item("b/tiny.safetensors", Tiny));

    [Fact]
    public void Unreadable() => AssertOn(
        "SigmoidNetwork(Model = \"gone.safetensors\")", "SGEN019", "Model = \"gone.safetensors\"", "cannot be read",
        Missing("gone.safetensors"));

    [Theory]
    [InlineData("short", "shorter than the 8-byte header length")]
    [InlineData("huge-header", "over the 100 MB limit")]
    [InlineData("cut-header", "ends inside its")]
    [InlineData("bad-json", "not valid JSON")]
    [InlineData("not-utf8", "not valid UTF-8")]
    [InlineData("overlap", "overlaps")]
    [InlineData("gap", "leaves a gap")]
    [InlineData("truncated", "truncated")]
    [InlineData("trailing", "goes on after its last tensor")]
    [InlineData("nan", "has NaN at [1, 0]")]
    [InlineData("offsets", "not a list of non-negative integers")]
    [InlineData("duplicate", "lists '0.bias' twice")]
    public void NotSafetensors(string how, string message) => AssertOn(
        "SigmoidNetwork(Model = \"m.safetensors\")", "SGEN020", "Model = \"m.safetensors\"", message, Item("m.safetensors", Mangled(how)));

    [Fact]
    public void ExtraTensorIsNotADenseChain() => AssertOn(
        "SigmoidNetwork(Model = \"m.safetensors\")", "SGEN021", "Model = \"m.safetensors\"", "tensor '1.running_mean' [3] is not a weight or bias",
        Item("m.safetensors", Write(Sequential(2, 3, 1).Append(F32("1.running_mean", new long[] { 3 }, 0, 0, 0)))));

    [Fact]
    public void MismatchedLayersAreNotADenseChain()
    {
        List<Tensor> tensors = Sequential(2, 3, 1);
        tensors[2] = F32("2.weight", new long[] { 1, 4 }, 1, 2, 3, 4);
        AssertOn("SigmoidNetwork(Model = \"m.safetensors\")", "SGEN021", "Model = \"m.safetensors\"", "takes 4 inputs but the layer before it has 3 outputs",
            Item("m.safetensors", Write(tensors)));
    }

    [Fact]
    public void OtherNamesNeedModelLayers() => AssertOn(
        "SigmoidNetwork(Model = \"m.safetensors\")", "SGEN021", "Model = \"m.safetensors\"", "there is no '0.weight'",
        Item("m.safetensors", Write(Sequential(2, 3).Select(t => t with { Name = "fc1." + t.Name.Split('.')[1] }))));

    [Fact]
    public void UnsupportedDtype()
    {
        List<Tensor> tensors = Sequential(2, 3, 1);
        tensors[1] = new Tensor("0.bias", "I64", new long[] { 3 }, new byte[24]);
        AssertOn("SigmoidNetwork(Model = \"m.safetensors\")", "SGEN022", "Model = \"m.safetensors\"", "Tensor '0.bias' of the model file 'm.safetensors' has dtype I64",
            Item("m.safetensors", Write(tensors)));
    }

    [Fact]
    public void TooLargeToEmbed()
    {
        // 1025 × 1024 + 1025 floats = 4,202,500 bytes, over 4 MiB: the header alone says so, no data needed.
        string header = "{\"0.weight\":{\"dtype\":\"F32\",\"shape\":[1025,1024],\"data_offsets\":[0,4198400]},\"0.bias\":{\"dtype\":\"F32\",\"shape\":[1025],\"data_offsets\":[4198400,4202500]}}";
        AssertOn("SigmoidNetwork(Model = \"big.safetensors\")", "SGEN023", "Model = \"big.safetensors\"", "1050625 parameters, 4202500 bytes as float, more than the 4194304 bytes",
            Item("big.safetensors", Write(Array.Empty<Tensor>(), header)));
    }

    [Fact]
    public void SizesThatDisagreeAreReportedOnTheFirstDifferentSize() => AssertOn(
        "SigmoidNetwork(2, 4, 1, Model = \"tiny.safetensors\")", "SGEN024", "4", "The sizes (2, 4, 1) disagree with the model file 'tiny.safetensors', whose tensors give (2, 3, 1)",
        Item("tiny.safetensors", Tiny));

    [Theory]
    [InlineData("SigmoidNetwork(Model = \"\")", "Model = \"\"", "Model is empty")]
    [InlineData("SigmoidNetwork(2, 3, 1, ModelPrefix = \"model.\")", "ModelPrefix = \"model.\"", "ModelPrefix has no effect without Model")]
    [InlineData("SigmoidNetwork(Model = \"tiny.safetensors\", ModelLayers = new[] { \"a\", \"a\" })", "ModelLayers = new[] { \"a\", \"a\" }", "names layer 'a' twice")]
    [InlineData("SigmoidNetwork(Model = \"tiny.safetensors\", ModelPrefix = \"m.\", ModelLayers = new[] { \"a\" })", "ModelLayers = new[] { \"a\" }", "cannot be used together")]
    public void InvalidModelArguments(string attribute, string location, string message) =>
        AssertOn(attribute, "SGEN025", location, message, Item("tiny.safetensors", Tiny));

    [Fact]
    public void ResetIsReservedOnACompiledNetwork()
    {
        (GeneratorDriverRunResult result, _) = Run("""
            using SigmoidGen;
            [SigmoidNetwork(Model = "tiny.safetensors")]
            public partial class Net { public void Reset() { } public int Layer7Bias; }
            """, Item("tiny.safetensors", Tiny));
        Assert.Equal(new[] { "SGEN017", "SGEN017" }, result.Diagnostics.Select(d => d.Id));
        Assert.Contains(result.Diagnostics, d => d.GetMessage().Contains("'Reset'"));
    }

    [Fact]
    public void NamedLayersAndPrefix()
    {
        byte[] named = Write(Sequential(2, 3, 1).Select(t => t with { Name = (t.Name.StartsWith('0') ? "fc1." : "fc2.") + t.Name.Split('.')[1] }));
        byte[] prefixed = Write(Sequential(2, 3, 1).Select(t => t with { Name = "model." + t.Name }));
        foreach ((string attribute, byte[] file) in new[]
                 {
                     ("SigmoidNetwork(Model = \"m.safetensors\", ModelLayers = new[] { \"fc1\", \"fc2\" })", named),
                     ("SigmoidNetwork(2, 3, 1, Model = \"m.safetensors\", ModelPrefix = \"model.\")", prefixed),
                 })
        {
            (GeneratorDriverRunResult result, Compilation output) = Run(Source(attribute), Item("m.safetensors", file));
            Assert.Empty(result.Diagnostics);
            Assert.Empty(GeneratorHarness.CompilationProblems(output));
        }
    }

    /// <summary>
    /// Every truncation of a valid file, and every single-byte change of its header and length: the reader returns a
    /// fault or a file (never throws), and through the generator each gives SGEN020 or SGEN021/022/024, or compiles.
    /// </summary>
    [Fact]
    public void MangledFilesNeverCrash()
    {
        byte[] valid = Tiny;
        var variants = new List<byte[]>();
        for (int length = 0; length < valid.Length; length++)
        {
            variants.Add(valid.Take(length).ToArray());
        }

        int headerEnd = 8 + (int)BitConverter.ToUInt64(valid, 0);
        var random = new Random(20);
        for (int position = 0; position < headerEnd; position++)
        {
            foreach (byte value in new byte[] { 0, (byte)'"', (byte)'{', (byte)'}', (byte)',', (byte)'9', 0xFF, (byte)random.Next(256) })
            {
                byte[] changed = (byte[])valid.Clone();
                changed[position] = value;
                variants.Add(changed);
            }
        }

        int failures = 0;
        foreach (byte[] bytes in variants)
        {
            ModelFile file = SafetensorsReader.Parse("m.safetensors", bytes);
            failures += file.Fault == ModelFault.None ? 0 : 1;
        }

        Assert.InRange(failures, valid.Length, variants.Count); // every truncation fails, at least

        // A sample through the whole generator: no exception, no problem inside generated code.
        foreach (byte[] bytes in variants.Where((_, k) => k % 23 == 0))
        {
            (GeneratorDriverRunResult result, Compilation output) = Run(Source("SigmoidNetwork(Model = \"m.safetensors\")"), Item("m.safetensors", bytes));
            DiagnosticAssert.ErrorsOnlyInUserCode(result, output);
            Assert.All(result.Diagnostics, d => Assert.Contains(d.Id, new[] { "SGEN020", "SGEN021", "SGEN022", "SGEN023" }));
        }
    }

    [Theory]
    [InlineData("{\"a\":1,}")]
    [InlineData("{\"a\":01}")]
    [InlineData("{\"a\":[1 2]}")]
    [InlineData("{\"a\":\"\\x\"}")]
    [InlineData("{\"a\":\"\\ud800\"}")]
    [InlineData("{\"a\":tru}")]
    [InlineData("{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{\"h\":{\"i\":1}}}}}}}}}")]
    [InlineData("{} {}")]
    [InlineData("[]")]
    [InlineData("{\"0.weight\":{\"dtype\":\"F32\",\"shape\":[1.0],\"data_offsets\":[0,4]}}")]
    [InlineData("{\"0.weight\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}")]
    [InlineData("{\"0.weight\":{\"dtype\":\"F32\",\"shape\":[9007199254740992],\"data_offsets\":[0,4]}}")]
    [InlineData("{\"0.weight\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}")]
    [InlineData("{\"0.weight\":{\"dtype\":\"F32\",\"shape\":[1],\"shape\":[1],\"data_offsets\":[0,4]}}")]
    [InlineData("{\"__metadata__\":{\"a\":1}}")]
    public void StrictJsonRejectsWhatTheRuntimeRejects(string header)
    {
        byte[] bytes = Write(Array.Empty<Tensor>(), header);
        ModelFile file = SafetensorsReader.Parse("m.safetensors", bytes);
        Assert.Equal(ModelFault.NotSafetensors, file.Fault);
    }

    [Fact]
    public void StrictJsonAcceptsWhatTheLibraryWrites()
    {
        string header = "{\"__metadata__\":{\"format\":\"pt\",\"note\":\"\\u00e9\\ud83d\\ude00\\n\"},\"0.weight\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[0,4],\"extra\":[true,false,null,-1.5e3,{\"x\":[]}]},\"0.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
        ModelFile file = SafetensorsReader.Parse("m.safetensors", Write(new[] { F32("0.weight", new long[] { 1, 1 }, 0.5f), F32("0.bias", new long[] { 1 }, 0.25f) }, header));
        Assert.Equal(ModelFault.None, file.Fault);
        Assert.Equal(new[] { "0.weight", "0.bias" }, file.Tensors.Select(t => t.Name));
    }

    [Fact]
    public void ModelPathRule()
    {
        Assert.True(ModelPath.Matches("/src/app/models/cancer.safetensors", "cancer.safetensors"));
        Assert.True(ModelPath.Matches(@"C:\src\app\models\cancer.safetensors", "models/cancer.safetensors"));
        Assert.True(ModelPath.Matches("/src/app/models/Cancer.safetensors", "./MODELS/cancer.safetensors"));
        Assert.False(ModelPath.Matches("/src/app/models/cancer.safetensors", "cer.safetensors"));
        Assert.False(ModelPath.Matches("/src/app/models/cancer.safetensors", "other/cancer.safetensors"));
    }

    [Fact]
    public void UnrelatedEditsNeitherReReadNorReEmitTheModel()
    {
        Compilation compilation = GeneratorHarness.CreateCompilation(Source("SigmoidNetwork(Model = \"tiny.safetensors\")"));
        GeneratorDriver driver = Driver(Item("tiny.safetensors", Tiny), Item("notes.txt", Encoding.UTF8.GetBytes("hello"))).RunGenerators(compilation);
        Assert.Equal(new[] { IncrementalStepRunReason.New }, Incrementality.OutputReasons(driver.GetRunResult(), SigmoidLayerGenerator.Steps.ModelFiles));

        // Code elsewhere edited.
        Compilation edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { }", new CSharpParseOptions(LanguageVersion.Latest)));
        GeneratorDriverRunResult second = driver.RunGenerators(edited).GetRunResult();
        Assert.All(Incrementality.OutputReasons(second, SigmoidLayerGenerator.Steps.ModelFiles), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.All(Incrementality.OutputReasons(second, SigmoidLayerGenerator.Steps.Source), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.NotEmpty(Incrementality.OutputReasons(second, SigmoidLayerGenerator.Steps.Source));
    }

    [Fact]
    public void AnotherAdditionalFileChangingDoesNotReReadTheModel()
    {
        Compilation compilation = GeneratorHarness.CreateCompilation(Source("SigmoidNetwork(Model = \"tiny.safetensors\")"));
        AdditionalText notes = Item("notes.txt", Encoding.UTF8.GetBytes("hello"));
        GeneratorDriver driver = Driver(Item("tiny.safetensors", Tiny), notes).RunGenerators(compilation);
        driver = driver.ReplaceAdditionalText(notes, Item("notes.txt", Encoding.UTF8.GetBytes("changed")));
        GeneratorDriverRunResult second = driver.RunGenerators(compilation).GetRunResult();

        // The notes are filtered out before the read step; the model's read is cached, the source too.
        Assert.All(Incrementality.OutputReasons(second, SigmoidLayerGenerator.Steps.ModelFiles), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.All(Incrementality.OutputReasons(second, SigmoidLayerGenerator.Steps.Source), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
    }

    [Fact]
    public void EditingTheModelFileRegeneratesThatNetworkOnly()
    {
        const string Code = """
            using SigmoidGen;
            [SigmoidNetwork(Model = "tiny.safetensors")] public partial class Net { }
            [SigmoidNetwork(Model = "other.safetensors")] public partial class Other { }
            [SigmoidNetwork(4, 2)] public partial class Plain { }
            """;
        Compilation compilation = GeneratorHarness.CreateCompilation(Code);
        AdditionalText tiny = Item("tiny.safetensors", Tiny);
        GeneratorDriver driver = Driver(tiny, Item("other.safetensors", Write(Sequential(3, 2)))).RunGenerators(compilation);
        string before = Generated(driver, "Net.Network");

        // The file edited: new weights, same sizes (the IDE hands over a new item; a build starts afresh).
        List<Tensor> retrained = Sequential(2, 3, 1);
        retrained[0] = F32("0.weight", new long[] { 3, 2 }, 1, 2, 3, 4, 5, 6);
        driver = driver.ReplaceAdditionalText(tiny, Item("tiny.safetensors", Write(retrained))).RunGenerators(compilation);
        GeneratorDriverRunResult second = driver.GetRunResult();

        Assert.Equal(
            new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Modified }.Order(),
            Incrementality.OutputReasons(second, SigmoidLayerGenerator.Steps.ModelFiles).Order());
        Assert.Equal(
            new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Modified }.Order(),
            Incrementality.OutputReasons(second, SigmoidLayerGenerator.Steps.Source).Order());
        string after = Generated(driver, "Net.Network");
        Assert.NotEqual(before, after);
        Assert.Contains(string.Join(",", new float[] { 1, 2, 3, 4 }.SelectMany(BitConverter.GetBytes)), after);
    }

    private static string Generated(GeneratorDriver driver, string name) =>
        driver.GetRunResult().GeneratedTrees.Single(t => t.FilePath.Contains(name + ".g.cs")).GetText().ToString();

    /// <summary>Exactly one diagnostic, <paramref name="id"/>, covering <paramref name="locationText"/>; nothing generated fails.</summary>
    private static void AssertOn(string attribute, string id, string locationText, string messagePart, params AdditionalText[] files)
    {
        (GeneratorDriverRunResult result, Compilation output) = Run(Source(attribute), files);
        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Contains(messagePart, diagnostic.GetMessage());
        Assert.Equal("User.cs", diagnostic.Location.SourceTree!.FilePath);
        Assert.Equal(locationText, diagnostic.Location.SourceTree.GetText().ToString(diagnostic.Location.SourceSpan));
        DiagnosticAssert.ErrorsOnlyInUserCode(result, output);
    }

    /// <summary>The tiny model broken in one way.</summary>
    private static byte[] Mangled(string how)
    {
        List<Tensor> tensors = Sequential(2, 3, 1);
        byte[] valid = Write(tensors);
        switch (how)
        {
            case "short":
                return valid.Take(5).ToArray();
            case "huge-header":
                return BitConverter.GetBytes(200_000_000UL).Concat(valid.Skip(8)).ToArray();
            case "cut-header":
                return valid.Take(40).ToArray();
            case "bad-json":
                return Write(tensors, "{\"0.weight\":{\"dtype\":\"F32\",}}");
            case "not-utf8":
                byte[] bytes = (byte[])valid.Clone();
                bytes[10] = 0xC3;
                bytes[11] = 0x28;
                return bytes;
            case "overlap":
            case "gap":
                string header = Encoding.UTF8.GetString(valid, 8, (int)BitConverter.ToUInt64(valid, 0)).TrimEnd();
                return Write(tensors, how == "overlap" ? header.Replace("[24,36]", "[20,32]") : header.Replace("[24,36]", "[28,40]"));
            case "truncated":
                return valid.Take(valid.Length - 4).ToArray();
            case "trailing":
                return valid.Concat(new byte[4]).ToArray();
            case "nan":
                tensors[0] = F32("0.weight", new long[] { 3, 2 }, 0, 0, float.NaN, 0, 0, 0);
                return Write(tensors);
            case "offsets":
                return Write(tensors, Encoding.UTF8.GetString(valid, 8, (int)BitConverter.ToUInt64(valid, 0)).TrimEnd().Replace("[0,24]", "[0,24.0]"));
            default: // duplicate
                return Write(tensors, Encoding.UTF8.GetString(valid, 8, (int)BitConverter.ToUInt64(valid, 0)).TrimEnd().Replace("}}", "},\"0.bias\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[24,36]}}"));
        }
    }
}
