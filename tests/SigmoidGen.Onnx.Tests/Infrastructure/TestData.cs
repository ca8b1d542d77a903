namespace SigmoidGen.Onnx.Tests.Infrastructure;

/// <summary>Seeded random parameters and inputs.</summary>
internal static class TestData
{
    /// <summary>Fills every weight and bias with uniform values in [-scale, scale] (Initialize leaves biases at zero).</summary>
    public static void Randomize<T>(ISigmoidNetwork<T> network, int seed, double scale = 1.0)
        where T : unmanaged
    {
        var random = new Random(seed);
        Span<T> parameters = network.Parameters;
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] = From<T>((random.NextDouble() * 2 - 1) * scale);
        }
    }

    /// <summary>A batch of inputs, uniform in [-2, 2].</summary>
    public static T[] Inputs<T>(int count, int seed)
        where T : unmanaged
    {
        var random = new Random(seed);
        var values = new T[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = From<T>(random.NextDouble() * 4 - 2);
        }

        return values;
    }

    public static T From<T>(double value)
        where T : unmanaged =>
        typeof(T) == typeof(float) ? (T)(object)(float)value : (T)(object)value;

    public static double ToDouble<T>(T value)
        where T : unmanaged =>
        value is float f ? f : (double)(object)value;

    /// <summary>The raw bits of each parameter, to compare bit for bit (NaN payloads and -0 included).</summary>
    public static long[] Bits<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        var bits = new long[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            bits[i] = values[i] is float f ? BitConverter.SingleToInt32Bits(f) : BitConverter.DoubleToInt64Bits((double)(object)values[i]);
        }

        return bits;
    }

    /// <summary>Exports to bytes.</summary>
    public static byte[] Export<T>(ISigmoidNetwork<T> network)
        where T : unmanaged
    {
        using var stream = new MemoryStream();
        SigmoidOnnx.Export(network, stream);
        return stream.ToArray();
    }

    /// <summary>Imports from bytes.</summary>
    public static void Import<T>(ISigmoidNetwork<T> network, byte[] model)
        where T : unmanaged =>
        SigmoidOnnx.Import(network, new MemoryStream(model));
}
