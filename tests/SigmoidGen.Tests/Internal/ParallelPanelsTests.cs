using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using SigmoidGen.Internal;

namespace SigmoidGen.Tests.Internal;

/// <summary><see cref="ParallelPanels"/> with hand-written kernels: how panels are cut, that each is computed once, exceptions.</summary>
public class ParallelPanelsTests
{
    [Fact]
    public void ChunksCoverThePanelsAndKeepAnOverlappingLastPanelWithTheOneBefore()
    {
        for (int panels = 1; panels <= 70; panels++)
        {
            foreach (bool lastOverlaps in new[] { false, true })
            {
                if (lastOverlaps && panels < 2)
                {
                    continue;
                }

                for (int processors = 1; processors <= 8; processors++)
                {
                    foreach (int batch in new[] { 0, 1, 31, 32, 100, 1000 })
                    {
                        foreach (int minRowPanels in new[] { 1, 64, 1000 })
                        {
                            int count = ParallelPanels.ChunkCount(batch, panels, lastOverlaps, minRowPanels, processors);
                            Assert.True(processors > 1 || count <= 1);
                            if (count < 2)
                            {
                                continue;
                            }

                            Assert.True(count <= processors * ParallelPanels.ChunksPerProcessor && count <= panels && (long)count * minRowPanels <= (long)batch * panels);

                            var chunks = new PanelChunks(batch, panels, count);
                            Assert.Equal(0, chunks.Start(0));
                            Assert.Equal(panels, chunks.Start(count));
                            for (int k = 0; k < count; k++)
                            {
                                int size = chunks.Start(k + 1) - chunks.Start(k);
                                Assert.True(size >= panels / count && size <= (panels / count) + 1, $"{panels} panels, {count} chunks: chunk {k} has {size}");
                            }

                            // The last panel and the one it overlaps are in the same chunk.
                            Assert.True(!lastOverlaps || chunks.Start(count - 1) <= panels - 2, $"{panels} panels, {count} chunks: the last chunk starts at {chunks.Start(count - 1)}");
                        }
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(0, 7)]
    [InlineData(5, 7)]
    [InlineData(64, 1)]
    [InlineData(64, 7)]
    [InlineData(1001, 16)]
    public void EveryPanelOfEveryRowIsComputedOnce(int batch, int panels)
    {
        // Panel k of row r holds y = r + k: the whole kernel below minRows (8), panels otherwise.
        float[] x = Enumerable.Range(0, batch).Select(r => (float)r).ToArray();
        var y = new float[batch * panels];
        CountingKernel.Panels = panels;
        CountingKernel.Visits = new int[panels];
        CountingKernel.WholeCalls = 0;
        ParallelPanels.Run<CountingKernel, float>(x, [0f], [0f], y, batch, minRows: 8, panels, lastOverlaps: false, minChunkRowPanels: 1);
        for (int r = 0; r < batch; r++)
        {
            for (int k = 0; k < panels; k++)
            {
                Assert.Equal(r + k, y[(r * panels) + k]);
            }
        }

        Assert.All(CountingKernel.Visits, v => Assert.Equal(batch >= 8 && panels > 1 && Environment.ProcessorCount > 1 ? 1 : 0, v));
        Assert.Equal(batch >= 8 && panels > 1 && Environment.ProcessorCount > 1 ? 0 : 1, CountingKernel.WholeCalls);
    }

    [Fact]
    public void AnExceptionInAChunkReachesTheCallerAsItself()
    {
        ThrowingKernel.Chunks.Clear();
        var exception = Assert.Throws<InvalidOperationException>(() =>
            ParallelPanels.Run<ThrowingKernel, double>(new double[1000], [0.0], [0.0], new double[1000 * 16], 1000, minRows: 32, panels: 16, lastOverlaps: false, minChunkRowPanels: 1));
        bool split = Environment.ProcessorCount > 1;
        Assert.Equal(split ? "chunk failed" : "not split", exception.Message);

        // Every chunk ran (and threw), whichever thread took it.
        Assert.Equal(split ? Math.Min(Environment.ProcessorCount * ParallelPanels.ChunksPerProcessor, 16) : 0, ThrowingKernel.Chunks.Count);
    }

    private readonly struct CountingKernel : IPanelKernel<float>
    {
        public static int Panels { get; set; }

        public static int[] Visits { get; set; } = [];

        public static int WholeCalls { get; set; }

        public static void Run(ref float x, ref float w, ref float b, ref float y, int rows)
        {
            WholeCalls++;
            Write(ref x, ref y, rows, 0, Panels);
        }

        public static void RunPanels(ref float x, ref float w, ref float b, ref float y, int rows, int first, int end)
        {
            for (int k = first; k < end; k++)
            {
                Interlocked.Increment(ref Visits[k]);
            }

            Write(ref x, ref y, rows, first, end);
        }

        private static void Write(ref float x, ref float y, int rows, int first, int end)
        {
            for (int r = 0; r < rows; r++)
            {
                for (int k = first; k < end; k++)
                {
                    Unsafe.Add(ref y, (r * Panels) + k) = Unsafe.Add(ref x, r) + k;
                }
            }
        }
    }

    private readonly struct ThrowingKernel : IPanelKernel<double>
    {
        public static ConcurrentBag<int> Chunks { get; } = new();

        public static void Run(ref double x, ref double w, ref double b, ref double y, int rows) =>
            throw new InvalidOperationException("not split");

        public static void RunPanels(ref double x, ref double w, ref double b, ref double y, int rows, int first, int end)
        {
            Chunks.Add(first);
            throw new InvalidOperationException("chunk failed");
        }
    }
}
