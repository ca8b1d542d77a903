using System.Buffers.Binary;
using System.Text;

namespace SigmoidGen.Tests.Interop;

/// <summary>Save then Load gives back every bit; the bytes Save writes are those the format prescribes.</summary>
public class SafetensorsRoundTripTests
{
    [Fact]
    public void FloatRoundTripIsBitIdentical()
    {
        var saved = new Torch7942Net();
        Fill(saved.Parameters, seed: 1);
        var stream = new MemoryStream();
        SigmoidSafetensors.Save(saved, stream);
        stream.Position = 0;
        var loaded = new Torch7942Net();
        SigmoidSafetensors.Load(loaded, stream);
        Assert.Equal(FloatBits(saved.Parameters), FloatBits(loaded.Parameters));
    }

    [Fact]
    public void DoubleRoundTripThroughAFileIsBitIdentical()
    {
        var saved = new Torch6113DoubleNet();
        var random = new Random(2);
        for (int k = 0; k < saved.Parameters.Length; k++)
        {
            saved.Parameters[k] = (random.NextDouble() - 0.5) * Math.Pow(2, random.Next(-1060, 1000)); // subnormals to huge
        }

        saved.Parameters[0] = -0.0;
        saved.Parameters[1] = double.Epsilon;
        saved.Parameters[2] = double.MaxValue;
        string path = Path.Combine(Path.GetTempPath(), $"sigmoidgen-{Guid.NewGuid():N}.safetensors");
        try
        {
            SigmoidSafetensors.Save(saved, path);
            var loaded = new Torch6113DoubleNet();
            SigmoidSafetensors.Load(loaded, path);
            Assert.Equal(
                saved.Parameters.ToArray().Select(BitConverter.DoubleToInt64Bits),
                loaded.Parameters.ToArray().Select(BitConverter.DoubleToInt64Bits));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void SaveWritesTheHeaderAndDataTheFormatPrescribes()
    {
        // Checked by hand: the 5-3-1 tensors sorted by name, F32, consecutive offsets; metadata first; padding to 8.
        var net = new Torch531Net();
        for (int k = 0; k < net.Parameters.Length; k++)
        {
            net.Parameters[k] = (k + 1) * 0.125f;
        }

        var stream = new MemoryStream();
        SigmoidSafetensors.Save(net, stream);
        byte[] file = stream.ToArray();

        const string json =
            "{\"__metadata__\":{\"format\":\"pt\",\"generator\":\"SigmoidGen\",\"layer_sizes\":\"5,3,1\"}," +
            "\"0.bias\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12]}," +
            "\"0.weight\":{\"dtype\":\"F32\",\"shape\":[3,5],\"data_offsets\":[12,72]}," +
            "\"2.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[72,76]}," +
            "\"2.weight\":{\"dtype\":\"F32\",\"shape\":[1,3],\"data_offsets\":[76,88]}}";
        int padded = (json.Length + 7) / 8 * 8;
        Assert.Equal((ulong)padded, BinaryPrimitives.ReadUInt64LittleEndian(file));
        Assert.Equal(json + new string(' ', padded - json.Length), Encoding.UTF8.GetString(file, 8, padded));
        Assert.Equal(8 + padded + 88, file.Length);

        // Parameter layout: layer 0 weights 0-14, bias 15-17; layer 1 weights 18-20, bias 21. File order: 0.bias,
        // 0.weight, 2.bias, 2.weight.
        int[] order = [15, 16, 17, .. Enumerable.Range(0, 15), 21, 18, 19, 20];
        float[] data = Enumerable.Range(0, 22).Select(k => BinaryPrimitives.ReadSingleLittleEndian(file.AsSpan(8 + padded + (4 * k)))).ToArray();
        Assert.Equal(order.Select(k => (k + 1) * 0.125f), data);
    }

    [Fact]
    public void NamesAreSortedAsUtf8BytesAndLayoutsRoundTrip()
    {
        var saved = new Torch462Net();
        Fill(saved.Parameters, seed: 3);
        var stream = new MemoryStream();
        SigmoidSafetensors.Save(saved, stream, SafetensorsLayout.Named("zeta", "alpha"));
        string header = Header(stream.ToArray());
        Assert.True(header.IndexOf("\"alpha.bias\"", StringComparison.Ordinal) < header.IndexOf("\"alpha.weight\"", StringComparison.Ordinal));
        Assert.True(header.IndexOf("\"alpha.weight\"", StringComparison.Ordinal) < header.IndexOf("\"zeta.bias\"", StringComparison.Ordinal));
        Assert.Contains("\"alpha.weight\":{\"dtype\":\"F32\",\"shape\":[2,6],\"data_offsets\":[8,56]}", header, StringComparison.Ordinal);
        Assert.Contains("\"zeta.weight\":{\"dtype\":\"F32\",\"shape\":[6,4],\"data_offsets\":[80,176]}", header, StringComparison.Ordinal);

        stream.Position = 0;
        var loaded = new Torch462Net();
        SigmoidSafetensors.Load(loaded, stream, SafetensorsLayout.Named("zeta", "alpha"));
        Assert.Equal(FloatBits(saved.Parameters), FloatBits(loaded.Parameters));

        stream = new MemoryStream();
        SigmoidSafetensors.Save(saved, stream, SafetensorsLayout.Sequential("model."));
        Assert.Contains("\"model.2.weight\":{\"dtype\":\"F32\",\"shape\":[2,6]", Header(stream.ToArray()), StringComparison.Ordinal);
        stream.Position = 0;
        loaded = new Torch462Net();
        SigmoidSafetensors.Load(loaded, stream, SafetensorsLayout.Sequential("model."));
        Assert.Equal(FloatBits(saved.Parameters), FloatBits(loaded.Parameters));
    }

    [Fact]
    public void LayoutNames()
    {
        Assert.Equal("0.weight", SafetensorsLayout.Sequential().WeightName(0));
        Assert.Equal("4.bias", SafetensorsLayout.Sequential().BiasName(2));
        Assert.Equal("net.10.weight", SafetensorsLayout.Sequential("net.").WeightName(5));
        Assert.Equal("fc2.bias", SafetensorsLayout.Named("fc1", "fc2").BiasName(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SafetensorsLayout.Named("fc1", "fc2").WeightName(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => SafetensorsLayout.Sequential().BiasName(-1));
        Assert.Equal("prefix", Assert.Throws<ArgumentNullException>(() => SafetensorsLayout.Sequential(null!)).ParamName);
        Assert.Equal("layerNames", Assert.Throws<ArgumentNullException>(() => SafetensorsLayout.Named(null!)).ParamName);
        Assert.Equal("layerNames", Assert.Throws<ArgumentException>(() => SafetensorsLayout.Named()).ParamName);
        Assert.Equal("layerNames", Assert.Throws<ArgumentException>(() => SafetensorsLayout.Named("fc1", "")).ParamName);
        Assert.Equal("layerNames", Assert.Throws<ArgumentException>(() => SafetensorsLayout.Named("fc1", null!)).ParamName);
        Assert.Contains("twice", Assert.Throws<ArgumentException>(() => SafetensorsLayout.Named("fc", "fc")).Message, StringComparison.Ordinal);
    }

    /// <summary>Random values of every magnitude, and the special finite ones: -0, the smallest subnormal, the largest.</summary>
    internal static void Fill(Span<float> parameters, int seed)
    {
        var random = new Random(seed);
        for (int k = 0; k < parameters.Length; k++)
        {
            parameters[k] = (float)((random.NextDouble() - 0.5) * Math.Pow(2, random.Next(-150, 120)));
        }

        parameters[0] = -0f;
        parameters[1] = float.Epsilon;
        parameters[2] = float.MaxValue;
    }

    internal static int[] FloatBits(Span<float> values) => values.ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();

    private static string Header(byte[] file) =>
        Encoding.UTF8.GetString(file, 8, (int)BinaryPrimitives.ReadUInt64LittleEndian(file));
}
