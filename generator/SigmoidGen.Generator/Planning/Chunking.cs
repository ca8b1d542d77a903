using System.Collections.Generic;
using System.Linq;
using SigmoidGen.Generator.Model;

namespace SigmoidGen.Generator.Planning;

/// <summary>
/// How a register tile walks the inputs axis (length <see cref="Length"/>) when it keeps <see cref="VectorsPerChunk"/>
/// vectors of <see cref="Bits"/> bits per row: <see cref="MainChunks"/> whole chunks in a loop, then one tail chunk
/// at the constant offsets <see cref="TailOffsets"/>. When the inputs are not a multiple of the lane count, the
/// last tail vector ends exactly at the last input and overlaps the one before; only its last
/// <see cref="OverlapLanes"/> lanes are new. <see cref="Bits"/> = 0: scalars, one input per "vector".
/// </summary>
internal sealed record Chunking(int Length, int Bits, int Lanes, int VectorsPerChunk, int MainChunks, EquatableArray<int> TailOffsets, int OverlapLanes)
{
    public int ChunkLength => VectorsPerChunk * Lanes;

    public int MainLength => MainChunks * ChunkLength;

    public static Chunking Plan(int length, int maxBits, int elementBytes, int vectorsPerChunk)
    {
        Sweep sweep = Sweep.Plan(length, maxBits, elementBytes, unrollLimit: 0);
        int lanes = sweep.Lanes;
        int cv = sweep.IsScalar ? length : vectorsPerChunk;
        int main = sweep.FullSteps / cv;
        var tail = new List<int>();
        for (int k = main * cv; k < sweep.FullSteps; k++)
        {
            tail.Add(k * lanes);
        }

        if (sweep.TailLanes > 0)
        {
            tail.Add(length - lanes);
        }

        return new Chunking(length, sweep.Bits, lanes, cv, main, new EquatableArray<int>(tail), sweep.TailLanes);
    }

    /// <summary>A few words for the generated remarks.</summary>
    public string Describe()
    {
        if (Bits == 0)
        {
            return $"{Length} scalar{(Length == 1 ? string.Empty : "s")}";
        }

        string main = MainChunks == 0 ? string.Empty : $"{MainChunks} chunk{(MainChunks == 1 ? string.Empty : "s")} of {VectorsPerChunk} × Vector{Bits}";
        string tail = TailOffsets.Count == 0 ? string.Empty
            : $"a tail of {TailOffsets.Count} × Vector{Bits}" + (OverlapLanes > 0 ? $" (the last overlapping, {OverlapLanes} new lane{(OverlapLanes == 1 ? string.Empty : "s")})" : string.Empty);
        return string.Join(" + ", new[] { main, tail }.Where(s => s.Length > 0));
    }
}
