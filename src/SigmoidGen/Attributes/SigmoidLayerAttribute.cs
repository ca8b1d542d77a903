using System;

namespace SigmoidGen;

/// <summary>
/// Generates the body of a <c>static partial void</c> (or instance) method that computes a dense layer with a sigmoid
/// activation for a shape fixed at compile time:
/// <c>output[b*outputs + o] = σ(bias[o] + Σ_i weights[o*inputs + i] · input[b*inputs + i])</c>.
/// </summary>
/// <remarks>
/// The method must be <c>partial</c>, return <c>void</c> and take, in this order,
/// <c>ReadOnlySpan&lt;T&gt; input</c> (<c>[batch, inputs]</c>), <c>ReadOnlySpan&lt;T&gt; weights</c>
/// (<c>[outputs, inputs]</c>, row-major: the layout of PyTorch's <c>nn.Linear.weight</c>),
/// <c>ReadOnlySpan&lt;T&gt; bias</c> (<c>[outputs]</c>) and <c>Span&lt;T&gt; output</c> (<c>[batch, outputs]</c>),
/// with <c>T</c> either <see cref="float"/> or <see cref="double"/>. Parameter names are free.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class SigmoidLayerAttribute : Attribute
{
    /// <summary>Declares a layer with <paramref name="inputs"/> inputs and <paramref name="outputs"/> outputs.</summary>
    /// <param name="inputs">Number of inputs per sample (columns of <c>weights</c>).</param>
    /// <param name="outputs">Number of outputs per sample (rows of <c>weights</c>).</param>
    public SigmoidLayerAttribute(int inputs, int outputs)
    {
        Inputs = inputs;
        Outputs = outputs;
    }

    /// <summary>Number of inputs per sample.</summary>
    public int Inputs { get; }

    /// <summary>Number of outputs per sample.</summary>
    public int Outputs { get; }

    /// <summary>
    /// Fixes the batch size at compile time when positive. Left at 0 (the default), the batch is
    /// <c>input.Length / inputs</c> at run time.
    /// </summary>
    public int Batch { get; set; }

    /// <summary>How the sigmoid is computed; <see cref="SigmoidPrecision.Exact"/> by default.</summary>
    public SigmoidPrecision Precision { get; set; }

    /// <summary>
    /// When true, a call with enough work splits the batch into contiguous chunks of rows and runs them on the thread
    /// pool, up to one chunk per processor, the calling thread doing one of them; false (the default) runs every call
    /// on the calling thread.
    /// </summary>
    /// <remarks>
    /// It helps large batches of large layers: each chunk gets at least about 2^20 floating-point operations (some
    /// 20 µs of work) and at least two register tiles of rows, so a layer such as (batch 256, 512 inputs, 512 outputs)
    /// can approach the number of cores in speed-up (less where cores share their FMA units: 1.38× measured on a
    /// 2-vCPU VM). Calls with less work — small batches, small layers — run on the calling
    /// thread exactly as without this option, allocating nothing; the choice is made per call from the batch and
    /// <see cref="System.Environment.ProcessorCount"/>. A call that does go parallel costs a thread-pool hand-off (a few
    /// microseconds, more when the pool threads are asleep), allocates a small object, and occupies pool threads until
    /// it returns: leave it off when the calling code is itself already parallel (one layer call per request on a busy
    /// server, a <c>Parallel.For</c> over samples). With a fixed <see cref="Batch"/> too small ever to split, no parallel
    /// code is generated at all; the method's remarks say which. Results are identical to the single-threaded ones:
    /// each output row is computed by the same kernel, whichever thread runs it.
    /// </remarks>
    public bool Parallel { get; set; }

    /// <summary>
    /// When true, the weights parameter takes the weights as <see cref="SigmoidPacking.Pack(ReadOnlySpan{float}, int, int)"/>
    /// returns them, packed once, instead of the row-major <c>[outputs, inputs]</c> matrix; false (the default) takes
    /// the row-major weights.
    /// </summary>
    /// <remarks>
    /// For weights that do not change between calls: a model loaded for inference. The generated kernels read the
    /// weights of each group of outputs for one input as contiguous vectors; from row-major weights they transpose them
    /// into a pooled buffer on every call (for batches large enough to pay for it) or use dot products with horizontal
    /// sums (smaller batches). Packed weights skip the per-call transpose, and every batch, down to a single row, gets
    /// the outer-product kernel. Pack again whenever the weights change: a training step updates the row-major weights.
    /// Layers with fewer outputs than a packing unit (32 floats, 16 doubles) gain nothing: their packed form is the
    /// weights unchanged. The length of the packed weights is
    /// <see cref="SigmoidPacking.PackedLength{T}(int, int)"/>, and a call with another length throws.
    /// </remarks>
    public bool PackedWeights { get; set; }
}
