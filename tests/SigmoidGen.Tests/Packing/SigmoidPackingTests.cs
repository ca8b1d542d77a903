namespace SigmoidGen.Tests.Packing;

/// <summary>
/// <see cref="SigmoidPacking"/> against the packed layout written out element by element
/// (<c>packed[(p*inputs + i)*U + c] = W[(s_p + c)*inputs + i]</c>, <c>s_p = min(p*U, outputs − U)</c>; a copy below
/// <c>U</c> outputs), compared exactly. Runs on whichever path <c>PanelPacking</c> takes in the process (the AVX 8 × 8 and
/// 4 × 4 transposes, or the scalar loop with <c>DOTNET_EnableHWIntrinsic=0</c>), and checks that every invalid call throws
/// before writing anything.
/// </summary>
public class SigmoidPackingTests
{
    private const int FloatUnit = 16;
    private const int DoubleUnit = 8;
    private const float FloatSentinel = -12345.5f;
    private const double DoubleSentinel = -12345.5;

    // (inputs, outputs): below U (copy), exactly U (one unit), multiples of U, and outputs % U != 0 (overlapping last
    // unit), with inputs of 1, below / not a multiple of the 8 × 8 (float) and 4 × 4 (double) transpose blocks, and
    // large. U is 16 for float, 8 for double.
    public static TheoryData<int, int> FloatShapes() => new()
    {
        { 1, 1 }, { 3, 5 }, { 30, 8 }, { 30, 15 }, { 784, 10 },
        { 1, 16 }, { 3, 16 }, { 8, 16 }, { 30, 16 }, { 33, 16 },
        { 30, 32 }, { 33, 64 }, { 16, 48 }, { 784, 128 },
        { 1, 17 }, { 3, 17 }, { 8, 17 }, { 30, 17 }, { 3, 33 }, { 30, 31 }, { 30, 40 }, { 33, 40 }, { 30, 100 },
        { 784, 100 }, { 784, 33 }, { 9, 63 },
    };

    public static TheoryData<int, int> DoubleShapes() => new()
    {
        { 1, 1 }, { 3, 7 }, { 9, 7 }, { 784, 5 },
        { 1, 8 }, { 3, 8 }, { 4, 8 }, { 9, 8 }, { 30, 8 },
        { 30, 16 }, { 33, 24 }, { 30, 32 }, { 784, 64 },
        { 1, 9 }, { 3, 9 }, { 9, 10 }, { 3, 15 }, { 1, 17 }, { 9, 17 }, { 9, 20 }, { 30, 20 }, { 33, 17 }, { 4, 31 },
        { 784, 17 }, { 30, 100 },
    };

    [Theory]
    [MemberData(nameof(FloatShapes))]
    public void FloatPackMatchesTheReferenceLayout(int inputs, int outputs)
    {
        float[] weights = RandomFloats(inputs * outputs, seed: (inputs * 1000) + outputs);
        float[] expected = Reference(weights, inputs, outputs, FloatUnit);
        Assert.Equal(expected.Length, SigmoidPacking.PackedLength<float>(inputs, outputs));

        float[] packed = Filled(expected.Length, FloatSentinel);
        SigmoidPacking.Pack(weights, inputs, outputs, packed);
        AssertSame(expected, packed, inputs, outputs);

        float[] allocated = SigmoidPacking.Pack((ReadOnlySpan<float>)weights, inputs, outputs);
        AssertSame(expected, allocated, inputs, outputs);
    }

    [Theory]
    [MemberData(nameof(DoubleShapes))]
    public void DoublePackMatchesTheReferenceLayout(int inputs, int outputs)
    {
        double[] weights = RandomDoubles(inputs * outputs, seed: (inputs * 1000) + outputs);
        double[] expected = Reference(weights, inputs, outputs, DoubleUnit);
        Assert.Equal(expected.Length, SigmoidPacking.PackedLength<double>(inputs, outputs));

        double[] packed = Filled(expected.Length, DoubleSentinel);
        SigmoidPacking.Pack(weights, inputs, outputs, packed);
        AssertSame(expected, packed, inputs, outputs);

        double[] allocated = SigmoidPacking.Pack((ReadOnlySpan<double>)weights, inputs, outputs);
        AssertSame(expected, allocated, inputs, outputs);
    }

    [Fact]
    public void FewerOutputsThanAUnitAreCopiedUnchanged()
    {
        float[] singles = RandomFloats(30 * 15, seed: 1);
        Assert.Equal(singles, SigmoidPacking.Pack((ReadOnlySpan<float>)singles, 30, 15));
        double[] doubles = RandomDoubles(9 * 7, seed: 2);
        Assert.Equal(doubles, SigmoidPacking.Pack((ReadOnlySpan<double>)doubles, 9, 7));
    }

    [Fact]
    public void TheLastUnitOverlapsThePreviousOneAndEndsAtTheLastOutput()
    {
        // float 3 × 17: unit 0 is outputs 0..15, unit 1 is outputs 1..16. Weight value = 100*o + i.
        const int inputs = 3;
        float[] singles = new float[inputs * 17];
        for (int o = 0; o < 17; o++)
        {
            for (int i = 0; i < inputs; i++)
            {
                singles[(o * inputs) + i] = (100 * o) + i;
            }
        }

        float[] packed = SigmoidPacking.Pack((ReadOnlySpan<float>)singles, inputs, 17);
        Assert.Equal(96, packed.Length);                // 2 units × 16 × 3
        Assert.Equal(0f, packed[0]);                    // unit 0, input 0, output 0
        Assert.Equal(1500f, packed[15]);                // unit 0, input 0, output 15
        Assert.Equal(2f, packed[32]);                   // unit 0, input 2, output 0
        Assert.Equal(100f, packed[48]);                 // unit 1, input 0, output 1
        Assert.Equal(1600f, packed[63]);                // unit 1, input 0, output 16
        Assert.Equal(1602f, packed[95]);                // unit 1, input 2, output 16

        // double 3 × 9: unit 0 is outputs 0..7, unit 1 is outputs 1..8.
        double[] doubles = new double[inputs * 9];
        for (int o = 0; o < 9; o++)
        {
            for (int i = 0; i < inputs; i++)
            {
                doubles[(o * inputs) + i] = (100 * o) + i;
            }
        }

        double[] packedDoubles = SigmoidPacking.Pack((ReadOnlySpan<double>)doubles, inputs, 9);
        Assert.Equal(48, packedDoubles.Length);         // 2 units × 8 × 3
        Assert.Equal(0.0, packedDoubles[0]);            // unit 0, input 0, output 0
        Assert.Equal(700.0, packedDoubles[7]);          // unit 0, input 0, output 7
        Assert.Equal(2.0, packedDoubles[16]);           // unit 0, input 2, output 0
        Assert.Equal(100.0, packedDoubles[24]);         // unit 1, input 0, output 1
        Assert.Equal(800.0, packedDoubles[31]);         // unit 1, input 0, output 8
        Assert.Equal(802.0, packedDoubles[47]);         // unit 1, input 2, output 8
    }

    [Fact]
    public void PackedLengthOfHandCheckedShapes()
    {
        Assert.Equal(100352, SigmoidPacking.PackedLength<float>(784, 128));    // 8 units × 16 × 784 = 784 × 128
        Assert.Equal(1440, SigmoidPacking.PackedLength<float>(30, 40));        // 3 units × 16 × 30
        Assert.Equal(480, SigmoidPacking.PackedLength<float>(30, 16));         // 1 unit × 16 × 30
        Assert.Equal(450, SigmoidPacking.PackedLength<float>(30, 15));         // below a unit: a copy, 15 × 30
        Assert.Equal(960, SigmoidPacking.PackedLength<float>(30, 32));         // 2 units × 16 × 30
        Assert.Equal(544, SigmoidPacking.PackedLength<float>(17, 17));         // 2 units × 16 × 17
        Assert.Equal(87808, SigmoidPacking.PackedLength<float>(784, 100));     // 7 units × 16 × 784
        Assert.Equal(1, SigmoidPacking.PackedLength<float>(1, 1));
        Assert.Equal(216, SigmoidPacking.PackedLength<double>(9, 20));         // 3 units × 8 × 9
        Assert.Equal(63, SigmoidPacking.PackedLength<double>(9, 7));           // below a unit: a copy, 7 × 9
        Assert.Equal(72, SigmoidPacking.PackedLength<double>(9, 8));           // 1 unit × 8 × 9
        Assert.Equal(144, SigmoidPacking.PackedLength<double>(9, 9));          // 2 units × 8 × 9
        Assert.Equal(3120, SigmoidPacking.PackedLength<double>(30, 100));      // 13 units × 8 × 30
    }

    [Fact]
    public void PackedLengthRejectsOtherElementTypes()
    {
        var exception = Assert.Throws<NotSupportedException>(() => SigmoidPacking.PackedLength<int>(30, 40));
        Assert.Contains("Int32", exception.Message);
        Assert.Throws<NotSupportedException>(() => SigmoidPacking.PackedLength<Half>(30, 40));
    }

    [Theory]
    [InlineData(0, 40, "inputs")]
    [InlineData(-1, 40, "inputs")]
    [InlineData(30, 0, "outputs")]
    [InlineData(30, -5, "outputs")]
    [InlineData(int.MinValue, int.MinValue, "inputs")]
    public void PackedLengthRejectsNonPositiveShapes(int inputs, int outputs, string parameter)
    {
        Assert.Equal(parameter, Assert.Throws<ArgumentOutOfRangeException>(() => SigmoidPacking.PackedLength<float>(inputs, outputs)).ParamName);
        Assert.Equal(parameter, Assert.Throws<ArgumentOutOfRangeException>(() => SigmoidPacking.PackedLength<double>(inputs, outputs)).ParamName);
    }

    [Fact]
    public void PackedLengthRejectsLengthsOverIntMaxValue()
    {
        // outputs × inputs fits in an int (17 × 2^26 ≈ 1.14e9, 9 × 2^27 ≈ 1.21e9), the two units per input do not
        // (2 × 16 × 2^26 = 2 × 8 × 2^27 = 2^31); one input fewer fits (2^31 − 32, 2^31 − 16).
        Assert.Throws<ArgumentOutOfRangeException>(() => SigmoidPacking.PackedLength<float>(67_108_864, 17));
        Assert.Equal(2_147_483_616, SigmoidPacking.PackedLength<float>(67_108_863, 17));
        Assert.Throws<ArgumentOutOfRangeException>(() => SigmoidPacking.PackedLength<double>(134_217_728, 9));
        Assert.Equal(2_147_483_632, SigmoidPacking.PackedLength<double>(134_217_727, 9));

        // outputs × inputs itself too long: with units, and on the copy path (2 outputs, below a unit).
        Assert.Throws<ArgumentOutOfRangeException>(() => SigmoidPacking.PackedLength<float>(int.MaxValue, int.MaxValue));
        Assert.Throws<ArgumentOutOfRangeException>(() => SigmoidPacking.PackedLength<double>(int.MaxValue, int.MaxValue));
        Assert.Throws<ArgumentOutOfRangeException>(() => SigmoidPacking.PackedLength<float>(int.MaxValue, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => SigmoidPacking.PackedLength<double>(int.MaxValue, 2));
        Assert.Equal(int.MaxValue, SigmoidPacking.PackedLength<float>(int.MaxValue, 1));
        Assert.Equal(int.MaxValue, SigmoidPacking.PackedLength<double>(int.MaxValue, 1));
    }

    [Theory]
    [InlineData(0, 40, "inputs")]
    [InlineData(-3, 40, "inputs")]
    [InlineData(30, 0, "outputs")]
    [InlineData(30, -1, "outputs")]
    public void PackRejectsNonPositiveShapesWithoutWriting(int inputs, int outputs, string parameter)
    {
        float[] singles = RandomFloats(1200, seed: 3);
        float[] packedSingles = Filled(1440, FloatSentinel);     // PackedLength<float>(30, 40)
        Assert.Equal(parameter, Assert.Throws<ArgumentOutOfRangeException>(() => SigmoidPacking.Pack(singles, inputs, outputs, packedSingles)).ParamName);
        Assert.All(packedSingles, v => Assert.Equal(FloatSentinel, v));
        Assert.Equal(parameter, Assert.Throws<ArgumentOutOfRangeException>(() => SigmoidPacking.Pack((ReadOnlySpan<float>)singles, inputs, outputs)).ParamName);

        double[] doubles = RandomDoubles(1200, seed: 4);
        double[] packedDoubles = Filled(1200, DoubleSentinel);   // PackedLength<double>(30, 40)
        Assert.Equal(parameter, Assert.Throws<ArgumentOutOfRangeException>(() => SigmoidPacking.Pack(doubles, inputs, outputs, packedDoubles)).ParamName);
        Assert.All(packedDoubles, v => Assert.Equal(DoubleSentinel, v));
        Assert.Equal(parameter, Assert.Throws<ArgumentOutOfRangeException>(() => SigmoidPacking.Pack((ReadOnlySpan<double>)doubles, inputs, outputs)).ParamName);
    }

    [Theory]
    [InlineData(30, 40, 1199)]
    [InlineData(30, 40, 1201)]
    [InlineData(30, 40, 0)]
    [InlineData(30, 16, 481)]
    [InlineData(30, 15, 451)] // the copy path for float (two units for double)
    [InlineData(3, 33, 144)]  // the float packed length of (3, 33) (3 units × 16 × 3), not 3 × 33
    public void PackRejectsWeightsOfTheWrongLengthWithoutWriting(int inputs, int outputs, int weightsLength)
    {
        long expected = (long)inputs * outputs;

        float[] singles = RandomFloats(weightsLength, seed: 5);
        float[] packedSingles = Filled(SigmoidPacking.PackedLength<float>(inputs, outputs), FloatSentinel);
        var exception = Assert.Throws<ArgumentException>(() => SigmoidPacking.Pack(singles, inputs, outputs, packedSingles));
        Assert.Equal("weights", exception.ParamName);
        Assert.Contains($"exactly {expected} elements", exception.Message);
        Assert.Contains($"outputs × inputs = {outputs} × {inputs}", exception.Message);
        Assert.All(packedSingles, v => Assert.Equal(FloatSentinel, v));
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => SigmoidPacking.Pack((ReadOnlySpan<float>)singles, inputs, outputs)).ParamName);

        double[] doubles = RandomDoubles(weightsLength, seed: 6);
        double[] packedDoubles = Filled(SigmoidPacking.PackedLength<double>(inputs, outputs), DoubleSentinel);
        exception = Assert.Throws<ArgumentException>(() => SigmoidPacking.Pack(doubles, inputs, outputs, packedDoubles));
        Assert.Equal("weights", exception.ParamName);
        Assert.Contains($"exactly {expected} elements", exception.Message);
        Assert.All(packedDoubles, v => Assert.Equal(DoubleSentinel, v));
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => SigmoidPacking.Pack((ReadOnlySpan<double>)doubles, inputs, outputs)).ParamName);
    }

    [Theory]
    [InlineData(30, 40, -1)]
    [InlineData(30, 40, 1)]
    [InlineData(30, 16, -1)]
    [InlineData(30, 16, 1)]
    [InlineData(30, 15, -1)]  // the copy path for float
    [InlineData(30, 15, 1)]
    [InlineData(784, 128, -1)]
    [InlineData(3, 33, 16)]   // one float unit's row too many
    public void PackRejectsAPackedBufferOfTheWrongLengthWithoutWriting(int inputs, int outputs, int lengthError)
    {
        float[] singles = RandomFloats(inputs * outputs, seed: 7);
        AssertPackedRejected(singles, inputs, outputs, SigmoidPacking.PackedLength<float>(inputs, outputs) + lengthError, FloatSentinel, "float");
        double[] doubles = RandomDoubles(inputs * outputs, seed: 8);
        AssertPackedRejected(doubles, inputs, outputs, SigmoidPacking.PackedLength<double>(inputs, outputs) + lengthError, DoubleSentinel, "double");
    }

    [Fact]
    public void PackRejectsAnEmptyOrRowMajorSizedPackedBuffer()
    {
        // A packed buffer must be PackedLength long, not outputs × inputs, when there is at least one unit.
        float[] singles = RandomFloats(30 * 40, seed: 12);
        AssertPackedRejected(singles, 30, 40, 30 * 40, FloatSentinel, "float");
        AssertPackedRejected(singles, 30, 40, 0, FloatSentinel, "float");
        double[] doubles = RandomDoubles(9 * 20, seed: 13);
        AssertPackedRejected(doubles, 9, 20, 9 * 20, DoubleSentinel, "double");
        AssertPackedRejected(doubles, 9, 20, 0, DoubleSentinel, "double");
    }

    /// <param name="packedOffset">
    /// Where packed starts relative to the weights, in one array; a negative −k instead puts packed before the weights
    /// with its last k elements on the first k weights.
    /// </param>
    [Theory]
    [InlineData(30, 40, 0)]     // packed starts where weights start
    [InlineData(30, 40, 1199)]  // packed starts on the last weight
    [InlineData(30, 40, 500)]
    [InlineData(30, 40, -1)]    // packed's last element is the first weight
    [InlineData(30, 40, -300)]
    [InlineData(30, 16, 100)]   // one float unit
    [InlineData(30, 15, 100)]   // the copy path for float
    [InlineData(30, 15, -1)]
    [InlineData(9, 7, 10)]      // the copy path for both
    [InlineData(9, 7, -1)]
    public void PackRejectsAPackedBufferOverlappingTheWeightsWithoutWriting(int inputs, int outputs, int packedOffset)
    {
        AssertOverlapRejected(inputs, outputs, packedOffset, SigmoidPacking.PackedLength<float>(inputs, outputs), RandomFloats, SigmoidPacking.Pack);
        AssertOverlapRejected(inputs, outputs, packedOffset, SigmoidPacking.PackedLength<double>(inputs, outputs), RandomDoubles, SigmoidPacking.Pack);
    }

    private delegate void PackInto<T>(ReadOnlySpan<T> weights, int inputs, int outputs, Span<T> packed);

    private static void AssertOverlapRejected<T>(int inputs, int outputs, int packedOffset, int packedLength, Func<int, int, T[]> random, PackInto<T> pack)
    {
        int weightsLength = inputs * outputs;
        int offset = packedOffset >= 0 ? packedOffset : -packedLength - packedOffset;
        int weightsStart = Math.Max(0, -offset);
        int packedStart = weightsStart + offset;
        T[] buffer = random(Math.Max(weightsStart + weightsLength, packedStart + packedLength), 9);
        T[] before = (T[])buffer.Clone();
        var exception = Assert.Throws<ArgumentException>(() => pack(buffer.AsSpan(weightsStart, weightsLength), inputs, outputs, buffer.AsSpan(packedStart, packedLength)));
        Assert.Equal("packed", exception.ParamName);
        Assert.Equal(before, buffer);
    }

    private static void AssertPackedRejected<T>(T[] weights, int inputs, int outputs, int packedLength, T sentinel, string typeName)
    {
        T[] packed = Filled(packedLength, sentinel);
        int expected = typeName == "float" ? SigmoidPacking.PackedLength<float>(inputs, outputs) : SigmoidPacking.PackedLength<double>(inputs, outputs);
        ArgumentException exception = typeName == "float"
            ? Assert.Throws<ArgumentException>(() => SigmoidPacking.Pack((float[])(object)weights, inputs, outputs, (float[])(object)packed))
            : Assert.Throws<ArgumentException>(() => SigmoidPacking.Pack((double[])(object)weights, inputs, outputs, (double[])(object)packed));
        Assert.Equal("packed", exception.ParamName);
        Assert.Contains($"exactly {expected} elements", exception.Message);
        Assert.Contains($"SigmoidPacking.PackedLength<{typeName}>({inputs}, {outputs})", exception.Message);
        Assert.All(packed, v => Assert.Equal(sentinel, v));
    }

    [Fact]
    public void AdjacentBuffersOfOneArrayAreAccepted()
    {
        // Weights then packed, back to back in one array: they touch but do not overlap.
        const int inputs = 30, outputs = 40;
        float[] buffer = RandomFloats((inputs * outputs) + SigmoidPacking.PackedLength<float>(inputs, outputs), seed: 11);
        float[] weights = buffer[..(inputs * outputs)];
        SigmoidPacking.Pack(buffer.AsSpan(0, inputs * outputs), inputs, outputs, buffer.AsSpan(inputs * outputs));
        Assert.Equal(Reference(weights, inputs, outputs, FloatUnit), buffer[(inputs * outputs)..]);
    }

    /// <summary>The packed layout, element by element, straight from its definition.</summary>
    private static T[] Reference<T>(T[] weights, int inputs, int outputs, int unit)
    {
        if (outputs < unit)
        {
            return (T[])weights.Clone();
        }

        int units = (outputs + unit - 1) / unit;
        var packed = new T[units * unit * inputs];
        for (int p = 0; p < units; p++)
        {
            int start = Math.Min(p * unit, outputs - unit);
            for (int i = 0; i < inputs; i++)
            {
                for (int c = 0; c < unit; c++)
                {
                    packed[(((p * inputs) + i) * unit) + c] = weights[((start + c) * inputs) + i];
                }
            }
        }

        return packed;
    }

    private static void AssertSame<T>(T[] expected, T[] actual, int inputs, int outputs)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
        {
            if (!EqualityComparer<T>.Default.Equals(expected[k], actual[k]))
            {
                Assert.Fail($"({inputs}, {outputs}): packed[{k}] is {actual[k]}, expected {expected[k]}");
            }
        }
    }

    /// <summary>Random values, distinct in practice, so that any element read from the wrong place shows.</summary>
    private static float[] RandomFloats(int length, int seed)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (int k = 0; k < length; k++)
        {
            values[k] = (float)((random.NextDouble() * 2) - 1);
        }

        return values;
    }

    private static double[] RandomDoubles(int length, int seed)
    {
        var random = new Random(seed);
        var values = new double[length];
        for (int k = 0; k < length; k++)
        {
            values[k] = (random.NextDouble() * 2) - 1;
        }

        return values;
    }

    private static T[] Filled<T>(int length, T value)
    {
        var values = new T[length];
        Array.Fill(values, value);
        return values;
    }
}
