using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using SigmoidGen.Internal;

namespace SigmoidGen.Tests.Internal;

/// <summary><see cref="ParallelRows"/> with hand-written kernels: how rows are cut, that each is computed once, exceptions.</summary>
public class ParallelRowsTests
{
    [Fact]
    public void ChunksCoverTheBatchInWholeGrainsOfAtLeastTheMinimum()
    {
        foreach (int grain in new[] { 1, 3, 6, 14 })
        {
            foreach (int minGrains in new[] { 1, 2, 5 })
            {
                int min = grain * minGrains;
                for (int processors = 1; processors <= 8; processors++)
                {
                    for (int batch = 0; batch <= 400; batch++)
                    {
                        int count = ParallelRows.ChunkCount(batch, min, processors);
                        Assert.True(count <= processors && (long)count * min <= batch);
                        if (count < 2)
                        {
                            continue;
                        }

                        var chunks = new RowChunks(1, 1, batch, grain, count);
                        Assert.Equal(0, chunks.Start(0));
                        Assert.Equal(batch, chunks.Start(count));
                        for (int k = 0; k < count; k++)
                        {
                            int rows = chunks.Start(k + 1) - chunks.Start(k);
                            Assert.True(chunks.Start(k) % grain == 0, $"batch {batch}, grain {grain}, chunk {k} starts at {chunks.Start(k)}");
                            Assert.True(rows >= min && rows <= (batch / count) + grain, $"batch {batch}, grain {grain}, min {min}: chunk {k} has {rows} rows");
                        }
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(64)]
    [InlineData(1001)]
    public void EveryRowIsComputedOnce(int batch)
    {
        // One input and one output per row: y = x + 1, and a count of visits per row.
        float[] x = Enumerable.Range(0, batch).Select(r => (float)r).ToArray();
        var y = new float[batch];
        CountingKernel.Visits = new int[batch];
        ParallelRows.Run<CountingKernel, float>(x, [0f], [0f], y, 1, 1, batch, grainRows: 4, minChunkRows: 8);
        Assert.Equal(x.Select(v => v + 1), y);
        Assert.All(CountingKernel.Visits, v => Assert.Equal(1, v));
    }

    [Fact]
    public void AnExceptionInAChunkReachesTheCallerAsItself()
    {
        ThrowingKernel.Chunks.Clear();
        var exception = Assert.Throws<InvalidOperationException>(() =>
            ParallelRows.Run<ThrowingKernel, double>(new double[1000], [0.0], [0.0], new double[1000], 1, 1, 1000, grainRows: 1, minChunkRows: 10));
        Assert.Equal("chunk failed", exception.Message);
        Assert.Equal(Math.Min(Environment.ProcessorCount, 100), ThrowingKernel.Chunks.Count);
    }

    private readonly struct CountingKernel : IRowKernel<float>
    {
        public static int[] Visits { get; set; } = [];

        public static void Run(ref float x, ref float w, ref float b, ref float y, int rows)
        {
            for (int r = 0; r < rows; r++)
            {
                float value = Unsafe.Add(ref x, r);
                Unsafe.Add(ref y, r) = value + 1;
                Interlocked.Increment(ref Visits[(int)value]);
            }
        }
    }

    private readonly struct ThrowingKernel : IRowKernel<double>
    {
        public static ConcurrentBag<int> Chunks { get; } = new();

        public static void Run(ref double x, ref double w, ref double b, ref double y, int rows)
        {
            Chunks.Add(rows);
            throw new InvalidOperationException("chunk failed");
        }
    }
}
