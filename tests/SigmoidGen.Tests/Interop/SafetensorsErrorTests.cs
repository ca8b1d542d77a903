using System.Buffers.Binary;
using System.Text;

namespace SigmoidGen.Tests.Interop;

/// <summary>
/// Every malformed file is rejected with an <see cref="InvalidDataException"/> whose message names the tensor at
/// fault, and the network's parameters are left as they were; bad arguments throw before anything is read or written.
/// </summary>
public class SafetensorsErrorTests
{
    private const string Meta = "\"__metadata__\":{\"format\":\"pt\"}";

    // The valid 5-3-1 file: tensors in name order, 88 bytes of F32 data.
    private static readonly string[] Valid =
    [
        Meta,
        Tensor("0.bias", "F32", "3", 0, 12),
        Tensor("0.weight", "F32", "3,5", 12, 72),
        Tensor("2.bias", "F32", "1", 72, 76),
        Tensor("2.weight", "F32", "1,3", 76, 88),
    ];

    [Fact]
    public void TheValidFileLoads()
    {
        var net = new Torch531Net();
        SigmoidSafetensors.Load(net, new MemoryStream(File(Header(Valid), Data(88))));
        Assert.Equal(0.5f, net.Parameters[Torch531Net.Layer0Bias]); // file value 0 of Data is 0.5, first tensor 0.bias
    }

    [Fact]
    public void MissingTensor() => Rejected(
        File(Header(Meta, Valid[1], Valid[2], Tensor("2.weight", "F32", "1,3", 72, 84)), Data(84)), "'2.bias'", "layer 1's bias");

    [Fact]
    public void ExtraTensor() => Rejected(
        File(Header([.. Valid, Tensor("4.weight", "F32", "1,1", 88, 92)]), Data(92)), "'4.weight'", "does not have");

    [Fact]
    public void WrongShape() => Rejected(
        File(Header(Meta, Valid[1], Tensor("0.weight", "F32", "5,3", 12, 72), Valid[3], Valid[4]), Data(88)), "'0.weight'", "[5, 3]", "[3, 5]");

    [Fact]
    public void UnsupportedDtype() => Rejected(
        File(Header(Meta, Tensor("0.bias", "I32", "3", 0, 12), Valid[2], Valid[3], Valid[4]), Data(88)), "'0.bias'", "I32");

    [Fact]
    public void DtypeThatDoesNotFitTheOffsets() => Rejected(
        File(Header(Meta, Tensor("0.bias", "F64", "3", 0, 12), Valid[2], Valid[3], Valid[4]), Data(88)), "'0.bias'", "takes 24");

    [Fact]
    public void TruncatedData() => Rejected(File(Header(Valid), Data(85)), "'2.weight'", "truncated");

    [Fact]
    public void OverlappingOffsets() => Rejected(
        File(Header(Meta, Valid[1], Tensor("0.weight", "F32", "3,5", 8, 68), Tensor("2.bias", "F32", "1", 68, 72), Tensor("2.weight", "F32", "1,3", 72, 84)), Data(84)),
        "'0.weight'", "overlaps tensor '0.bias'");

    [Fact]
    public void TensorsSharingTheSameBytes() => Rejected(
        File(Header(Meta, Valid[1], Valid[2], Tensor("2.bias", "F32", "1", 72, 76), Tensor("2.weight", "F32", "1,3", 72, 84)), Data(84)),
        "'2.weight'", "overlaps");

    [Fact]
    public void GapBetweenTensors() => Rejected(
        File(Header(Meta, Valid[1], Tensor("0.weight", "F32", "3,5", 16, 76), Tensor("2.bias", "F32", "1", 76, 80), Tensor("2.weight", "F32", "1,3", 80, 92)), Data(92)),
        "'0.weight'", "gap");

    [Fact]
    public void OffsetsOutOfRange() => Rejected(
        File(Header(Meta, Valid[1], Valid[2], Valid[3], Tensor("2.weight", "F32", "1,3", 76, 4_000_000_000_000)), Data(88)), "'2.weight'");

    [Fact]
    public void OffsetsBeyondTheData() => Rejected(
        File(Header(Meta, Valid[1], Valid[2], Valid[3], Tensor("2.weight", "F32", "1,3", 76, 88)), Data(80)), "'2.weight'", "truncated");

    [Fact]
    public void OffsetTooLargeForAnyFile() => Rejected(
        File(Header(Meta, Valid[1], Valid[2], Valid[3], "\"2.weight\":{\"dtype\":\"F32\",\"shape\":[1,3],\"data_offsets\":[76,18446744073709551615]}"), Data(88)),
        "'2.weight'", "data_offsets");

    [Fact]
    public void EndBeforeBegin() => Rejected(
        File(Header(Meta, Valid[1], Valid[2], Valid[3], Tensor("2.weight", "F32", "1,3", 76, 64)), Data(88)), "'2.weight'", "ends before it begins");

    [Fact]
    public void DuplicateTensor() => Rejected(File(Header([.. Valid, Valid[1]]), Data(88)), "'0.bias'", "twice");

    [Fact]
    public void TensorWithoutOffsets() => Rejected(
        File(Header(Meta, "\"0.bias\":{\"dtype\":\"F32\",\"shape\":[3]}", Valid[2], Valid[3], Valid[4]), Data(88)), "'0.bias'", "data_offsets");

    [Fact]
    public void ShapeNotIntegers() => Rejected(
        File(Header(Meta, "\"0.bias\":{\"dtype\":\"F32\",\"shape\":[3.5],\"data_offsets\":[0,12]}", Valid[2], Valid[3], Valid[4]), Data(88)), "'0.bias'", "shape");

    [Fact]
    public void NegativeShape() => Rejected(
        File(Header(Meta, "\"0.bias\":{\"dtype\":\"F32\",\"shape\":[-3],\"data_offsets\":[0,12]}", Valid[2], Valid[3], Valid[4]), Data(88)), "'0.bias'", "shape");

    [Fact]
    public void NaNWeight()
    {
        byte[] data = Data(88);
        BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(12 + (4 * 7)), float.NaN); // 0.weight [1, 2]
        Rejected(File(Header(Valid), data), "'0.weight'", "NaN", "[1, 2]");
    }

    [Fact]
    public void InfiniteBias()
    {
        byte[] data = Data(88);
        BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(72), float.PositiveInfinity); // 2.bias [0]
        Rejected(File(Header(Valid), data), "'2.bias'", "Infinity", "[0]");
    }

    [Fact]
    public void F16InfinityIsRejected()
    {
        byte[] data = new byte[44];
        for (int k = 0; k < 22; k++)
        {
            BinaryPrimitives.WriteHalfLittleEndian(data.AsSpan(2 * k), (Half)0.25f);
        }

        BinaryPrimitives.WriteHalfLittleEndian(data.AsSpan(6 + (2 * 14)), Half.NegativeInfinity); // 0.weight [2, 4]
        string header = Header(Meta, Tensor("0.bias", "F16", "3", 0, 6), Tensor("0.weight", "F16", "3,5", 6, 36), Tensor("2.bias", "F16", "1", 36, 38), Tensor("2.weight", "F16", "1,3", 38, 44));
        Rejected(File(header, data), "'0.weight'", "Infinity", "[2, 4]");
    }

    [Fact]
    public void F64BeyondTheRangeOfFloat()
    {
        byte[] data = new byte[176];
        for (int k = 0; k < 22; k++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(8 * k), 0.5);
        }

        BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(8), 1e300); // 0.bias [1]
        string header = Header(Meta, Tensor("0.bias", "F64", "3", 0, 24), Tensor("0.weight", "F64", "3,5", 24, 144), Tensor("2.bias", "F64", "1", 144, 152), Tensor("2.weight", "F64", "1,3", 152, 176));
        Rejected(File(header, data), "'0.bias'", "beyond the range of float", "[1]");
    }

    [Fact]
    public void HeaderNotJson() => Rejected(File("{\"0.bias\": {\"dtype\":", Data(88)), "not valid JSON");

    [Fact]
    public void HeaderNotAnObject() => Rejected(File("[1, 2, 3]", Data(88)), "not a JSON object");

    [Fact]
    public void HeaderWithTrailingText() => Rejected(File(Header(Valid) + " x", Data(88)), "not valid JSON");

    [Fact]
    public void HeaderWithComment() => Rejected(File("/* c */" + Header(Valid), Data(88)), "not valid JSON");

    [Fact]
    public void HeaderNotUtf8()
    {
        byte[] file = File(Header(Valid), Data(88));
        file[8 + 20] = 0xFF; // inside "__metadata__"'s "format"
        Rejected(file, "UTF-8");
    }

    [Fact]
    public void MetadataNotStrings() =>
        Rejected(File(Header(["\"__metadata__\":{\"layers\":3}", .. Valid[1..]]), Data(88)), "__metadata__", "'layers'");

    [Theory]
    [InlineData(100_000_001UL)]
    [InlineData(ulong.MaxValue)]
    public void AbsurdlyLargeHeader(ulong length)
    {
        byte[] file = File(Header(Valid), Data(88));
        BinaryPrimitives.WriteUInt64LittleEndian(file, length);
        Rejected(file, "100 MB");
    }

    [Fact]
    public void HeaderLongerThanTheFile()
    {
        byte[] file = File(Header(Valid), Data(88));
        BinaryPrimitives.WriteUInt64LittleEndian(file, 10_000);
        Rejected(file, "truncated");
        RejectedUnseekable(file, "truncated");
    }

    [Fact]
    public void ShorterThanTheHeaderLength() => Rejected([1, 0, 0], "truncated");

    [Fact]
    public void TrailingGarbage()
    {
        Rejected(File(Header(Valid), Data(92)), "goes on after", "'2.weight'");
        RejectedUnseekable(File(Header(Valid), Data(89)), "goes on after");
    }

    [Fact]
    public void FcNamesWithTheDefaultLayoutSayWhatToPass()
    {
        var net = new Torch462Net();
        byte[] before = Snapshot(net.Parameters);
        var error = Assert.Throws<InvalidDataException>(() => SigmoidSafetensors.Load(net, TorchFixture.File("named_4_6_2.safetensors")));
        Assert.Contains("'0.weight'", error.Message, StringComparison.Ordinal);
        Assert.Contains("fc1.weight", error.Message, StringComparison.Ordinal);
        Assert.Contains("SafetensorsLayout", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(net.Parameters));
    }

    [Fact]
    public void ANetworkOfOtherSizesIsRejected()
    {
        // The 30-16-1 fixture into a 5-3-1 network: same names, other shapes.
        var net = new Torch531Net();
        var error = Assert.Throws<InvalidDataException>(() => SigmoidSafetensors.Load(net, TorchFixture.File("mlp_30_16_1.safetensors")));
        Assert.Contains("'0.weight'", error.Message, StringComparison.Ordinal);
        Assert.Contains("[16, 30]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NullArguments()
    {
        var net = new Torch531Net();
        Assert.Equal("network", Assert.Throws<ArgumentNullException>(() => SigmoidSafetensors.Save<float>(null!, new MemoryStream())).ParamName);
        Assert.Equal("network", Assert.Throws<ArgumentNullException>(() => SigmoidSafetensors.Save<float>(null!, "x.safetensors")).ParamName);
        Assert.Equal("network", Assert.Throws<ArgumentNullException>(() => SigmoidSafetensors.Load<float>(null!, new MemoryStream())).ParamName);
        Assert.Equal("network", Assert.Throws<ArgumentNullException>(() => SigmoidSafetensors.Load<float>(null!, "x.safetensors")).ParamName);
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => SigmoidSafetensors.Save(net, (Stream)null!)).ParamName);
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => SigmoidSafetensors.Load(net, (Stream)null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => SigmoidSafetensors.Save(net, (string)null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => SigmoidSafetensors.Load(net, (string)null!)).ParamName);
    }

    [Fact]
    public void LayoutWithAnotherNumberOfLayersWritesNothing()
    {
        var net = new Torch7942Net();
        var stream = new MemoryStream();
        var error = Assert.Throws<ArgumentException>(() => SigmoidSafetensors.Save(net, stream, SafetensorsLayout.Named("fc1", "fc2")));
        Assert.Equal("layout", error.ParamName);
        Assert.Equal(0, stream.Length);

        string path = Path.Combine(Path.GetTempPath(), $"sigmoidgen-{Guid.NewGuid():N}.safetensors");
        Assert.Throws<ArgumentException>(() => SigmoidSafetensors.Save(net, path, SafetensorsLayout.Named("fc1")));
        Assert.False(System.IO.File.Exists(path));
        Assert.Equal("layout", Assert.Throws<ArgumentException>(() => SigmoidSafetensors.Load(net, new MemoryStream(), SafetensorsLayout.Named("a", "b"))).ParamName);
    }

    /// <summary>Loads <paramref name="file"/> into a 5-3-1 network; expects the rejection, the message parts, no change.</summary>
    private static void Rejected(byte[] file, params string[] parts) => Rejected(new MemoryStream(file), parts);

    /// <summary><see cref="Rejected(byte[], string[])"/> from a stream that cannot seek (its length is unknown).</summary>
    private static void RejectedUnseekable(byte[] file, params string[] parts) => Rejected(new UnseekableStream(file), parts);

    private static void Rejected(Stream stream, string[] parts)
    {
        var net = new Torch531Net();
        SafetensorsRoundTripTests.Fill(net.Parameters, seed: 7);
        byte[] before = Snapshot(net.Parameters);
        var error = Assert.Throws<InvalidDataException>(() => SigmoidSafetensors.Load(net, stream));
        foreach (string part in parts)
        {
            Assert.Contains(part, error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, Snapshot(net.Parameters));
    }

    private static byte[] Snapshot(Span<float> parameters) => System.Runtime.InteropServices.MemoryMarshal.AsBytes(parameters).ToArray();

    private static string Tensor(string name, string dtype, string shape, long begin, long end) =>
        $"\"{name}\":{{\"dtype\":\"{dtype}\",\"shape\":[{shape}],\"data_offsets\":[{begin},{end}]}}";

    private static string Header(params string[] members) => "{" + string.Join(",", members) + "}";

    /// <summary>n bytes of F32 data: 0.5, 0.75, 1.0, … (and a tail of whatever is left over).</summary>
    private static byte[] Data(int bytes)
    {
        var data = new byte[bytes];
        for (int k = 0; 4 * k + 4 <= bytes; k++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4 * k), 0.5f + (0.25f * k));
        }

        return data;
    }

    private static byte[] File(string header, byte[] data)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        var file = new byte[8 + json.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)json.Length);
        json.CopyTo(file, 8);
        data.CopyTo(file, 8 + json.Length);
        return file;
    }

    /// <summary>A read-only stream that cannot seek, as a network stream.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }
    }
}
