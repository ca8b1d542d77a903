using SigmoidGen.Tests.Reference;

namespace SigmoidGen.Tests.Layers;

/// <summary>
/// Kernels that align their accesses wherever the user's arrays lie. The one-row backward with W read and dW stored in
/// aligned vectors (<see cref="OneRowAlignmentLayers"/>): the arrays
/// placed at every offset of 0–15 elements from a 64-byte boundary (W and dW at every pair of offsets, x and dx beside
/// them), each result within the double reference's bounds and equal bit for bit to the result at offset 0; the 1×1
/// layer's aligned stores, y at every offset. CI runs this
/// class again on every SIMD path.
/// </summary>
public class OneRowAlignmentTests
{
    [Fact]
    public void Float64x32AtEveryOffset() => AssertAtEveryOffset<float>(OneRowAlignmentLayers.F64x32, 64, 32);

    [Fact]
    public void Float32x7FixedBatchAtEveryOffset() => AssertAtEveryOffset<float>(OneRowAlignmentLayers.F32x7Batch1, 32, 7);

    [Fact]
    public void Float48x2AtEveryOffset() => AssertAtEveryOffset<float>(OneRowAlignmentLayers.F48x2, 48, 2);

    [Fact]
    public void Double32x5AtEveryOffset() => AssertAtEveryOffset<double>(OneRowAlignmentLayers.D32x5, 32, 5);

    [Fact]
    public void Double16x4AtEveryOffset() => AssertAtEveryOffset<double>(OneRowAlignmentLayers.D16x4, 16, 4);

    /// <summary>
    /// The 1×1 layer's kernel stores y aligned after its first tile (Vector512): every batch around the tiles, y at every
    /// offset 0–15 floats, within the reference's bounds, equal bit for bit to y at offset 0, nothing written outside y.
    /// </summary>
    [Fact]
    public void OneByOneLayerAtEveryOutputOffset()
    {
        foreach (int batch in new[] { 16, 17, 31, 32, 33, 47, 100, 1000 })
        {
            float[] x = ReferenceLayer.Random<float>(batch, 3, 8), w = [0.75f], b = [-0.25f];
            (double[] expected, double[] bounds) = ReferenceLayer.Forward(x, w, b, batch, 1, 1, 2.5e-7);
            float[]? y0 = null;
            for (int offset = 0; offset < 16; offset++)
            {
                using Placed<float> yp = new(new float[batch], offset);
                ForwardLayers.F1x1(x, w, b, yp.Span);
                float[] y = yp.Span.ToArray();
                for (int k = 0; k < batch; k++)
                {
                    Assert.True(Math.Abs(y[k] - expected[k]) <= bounds[k], $"batch {batch}, offset {offset}: y[{k}] = {y[k]:R}, expected {expected[k]:R} ± {bounds[k]:E2}");
                }

                y0 ??= y;
                Assert.True(y0.AsSpan().SequenceEqual(y), $"batch {batch}: y at offset {offset} differs from y at offset 0");
            }
        }
    }

    private static void AssertAtEveryOffset<T>(BackwardLayer<T> layer, int inputs, int outputs)
        where T : unmanaged, IConvertible
    {
        (T[] x, T[] w, T[] y, T[] g) = ReferenceBackward.Data<T>(1, inputs, outputs, targets: false, seed: 7);
        ReferenceBackward expected = ReferenceBackward.Compute(x, w, y, g, 1, inputs, outputs, bce: false);
        const int Offsets = 16;
        T[]? dw0 = null, db0 = null, dx0 = null;
        for (int wOffset = 0; wOffset < Offsets; wOffset++)
        {
            for (int dwOffset = 0; dwOffset < Offsets; dwOffset++)
            {
                using Placed<T> xp = new(x, ((wOffset * 3) + dwOffset) % Offsets), wp = new(w, wOffset);
                using Placed<T> dwp = new(new T[w.Length], dwOffset), dxp = new(new T[inputs], ((dwOffset * 5) + wOffset) % Offsets);
                var db = new T[outputs];
                layer(xp.Span, wp.Span, y, g, dwp.Span, db, dxp.Span);
                T[] dw = dwp.Span.ToArray(), dx = dxp.Span.ToArray();
                if (dw0 is null)
                {
                    ReferenceBackward.AssertClose("weightsGradient", dw, expected.WeightsGradient, expected.WeightsBound);
                    ReferenceBackward.AssertClose("biasGradient", db, expected.BiasGradient, expected.BiasBound);
                    ReferenceBackward.AssertClose("inputGradient", dx, expected.InputGradient, expected.InputBound);
                    (dw0, db0, dx0) = (dw, db, dx);
                    continue;
                }

                Assert.True(dw0.AsSpan().SequenceEqual(dw), $"weightsGradient differs at W offset {wOffset}, dW offset {dwOffset}");
                Assert.True(db0!.AsSpan().SequenceEqual(db), $"biasGradient differs at W offset {wOffset}, dW offset {dwOffset}");
                Assert.True(dx0!.AsSpan().SequenceEqual(dx), $"inputGradient differs at W offset {wOffset}, dW offset {dwOffset}");
            }
        }
    }

    /// <summary>A copy of some values in pinned memory, <c>offset</c> elements past a 64-byte boundary, with a poisoned margin checked on disposal.</summary>
    private sealed class Placed<T> : IDisposable
        where T : unmanaged
    {
        private readonly T[] _block;
        private readonly int _start;
        private readonly int _length;

        public Placed(T[] values, int offset)
        {
            int vector = 64 / System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
            _block = GC.AllocateArray<T>(values.Length + (3 * vector) + 16, pinned: true);
            _block.AsSpan().Fill(Poison);
            nuint address = (nuint)System.Runtime.CompilerServices.Unsafe.ByteOffset(ref System.Runtime.CompilerServices.Unsafe.NullRef<T>(), ref _block[0]);
            _start = ((int)((0 - address) & 63) / System.Runtime.CompilerServices.Unsafe.SizeOf<T>()) + vector + offset;

            _length = values.Length;
            values.CopyTo(_block, _start);
        }

        private static T Poison => (T)Convert.ChangeType(12345.0, typeof(T));

        public Span<T> Span => _block.AsSpan(_start, _length);

        public void Dispose()
        {
            for (int k = 0; k < _block.Length; k++)
            {
                if (k < _start || k >= _start + _length)
                {
                    Assert.True(_block[k].Equals(Poison), $"written outside the array at {k - _start}");
                }
            }
        }
    }
}
