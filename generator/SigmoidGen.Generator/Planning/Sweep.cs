namespace SigmoidGen.Generator.Planning;

/// <summary>
/// How a loop walks <see cref="Length"/> contiguous elements with vectors of <see cref="Bits"/> bits: <see cref="FullSteps"/>
/// whole vectors, then, when <see cref="TailLanes"/> is not zero, one more vector that ends exactly at the last element
/// and overlaps the previous one, masked so that only its last <see cref="TailLanes"/> lanes count. Every count is a
/// constant of the generated code: no run-time remainder loop. <see cref="Bits"/> = 0 means scalar, element by element.
/// </summary>
internal sealed record Sweep(int Length, int Bits, int Lanes, int FullSteps, int TailLanes, bool Unrolled)
{
    public bool IsScalar => Bits == 0;

    /// <summary>Offset of the overlapping tail vector.</summary>
    public int TailOffset => Length - Lanes;

    /// <summary>
    /// Plans a sweep over <paramref name="length"/> elements of <paramref name="elementBytes"/> bytes with vectors at
    /// most <paramref name="maxBits"/> wide: the widest vector that fits in the length, or scalar when even 128 bits do
    /// not fit. Loops of at most <paramref name="unrollLimit"/> steps are unrolled.
    /// </summary>
    public static Sweep Plan(int length, int maxBits, int elementBytes, int unrollLimit)
    {
        for (int bits = maxBits; bits >= 128; bits /= 2)
        {
            int lanes = bits / 8 / elementBytes;
            if (lanes <= length)
            {
                int full = length / lanes;
                return new Sweep(length, bits, lanes, full, length % lanes, full <= unrollLimit);
            }
        }

        return new Sweep(length, 0, 1, length, 0, length <= unrollLimit);
    }

    /// <summary>A few words for the generated remarks, e.g. "4 × Vector256 + 1 masked overlapping Vector256".</summary>
    public string Describe()
    {
        if (IsScalar)
        {
            return $"{Length} scalar step{(Length == 1 ? string.Empty : "s")}";
        }

        string text = $"{FullSteps} × Vector{Bits}{(Unrolled ? " (unrolled)" : " (loop)")}";
        return TailLanes == 0 ? text : text + $" + 1 overlapping Vector{Bits} masked to its last {TailLanes} lane{(TailLanes == 1 ? string.Empty : "s")}";
    }
}
