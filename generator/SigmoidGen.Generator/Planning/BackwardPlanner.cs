using System.Collections.Generic;
using System.Linq;
using SigmoidGen.Generator.Model;

namespace SigmoidGen.Generator.Planning;

/// <summary>
/// Decides the backward kernels' shape from the layer's dimensions, as <see cref="KernelPlanner"/> does for the forward
/// pass.
/// </summary>
/// <remarks>
/// dW = dzᵀ·x and dx = dz·W are both outer products along the inputs, contiguous in x, W, dW and dx: a tile of a few
/// dz scalars (broadcast) times a few vectors along the inputs, with no horizontal sums. The tiles follow the register
/// file. Weight gradient: with 32 vector registers (AVX-512), 6 outputs × 4 vectors = 24 accumulators from
/// <see cref="WideTileMinOutputs"/> outputs, else 4 × 4 = 16; with 16 (x64 up
/// to AVX2, and the Vector128 path), 6 outputs × 2 vectors = 12, or 4 × 2 = 8 when the outputs are few and a multiple of
/// 4 (<see cref="OutputsPerTile"/>), plus the loaded vectors and a broadcast. Input gradient: up to
/// <see cref="MaxRowsPerBlock"/> = 6 rows × 4 vectors = 24 accumulators (AVX-512) or 6 × 2 = 12, fewer rows when the
/// outputs are many (<see cref="RowBlockBuffer"/>); tiles of at most <see cref="SplitAccumulatorsUpTo"/> accumulators
/// split them in two sets. dz is cheap elementwise work; it is computed once per pass into small stack buffers (a few
/// rows × outputs, and a block of rows × a few outputs) rather than recomputed inside the tiles.
/// </remarks>
internal static class BackwardPlanner
{
    /// <summary>Rows of a dz block for the input-gradient pass, at most: 6, or fewer when the outputs are many (<see cref="RowBlockBuffer"/>).</summary>
    public const int MaxRowsPerBlock = 6;

    /// <summary>Elements of the per-row-block dz buffer, at most (32 KB of floats, 64 KB of doubles).</summary>
    public const int RowBlockBuffer = 8192;

    /// <summary>
    /// Vectors of the inputs a batch of one row keeps in registers at a time (<see cref="BackwardPathPlan.SingleRow"/>):
    /// eight accumulators of the input gradient, or eight vectors of x for the weight gradient, which is then dz[o]·x for
    /// each output o, stored without a loop over rows.
    /// </summary>
    public const int SingleRowVectors = 8;

    /// <summary>
    /// Accumulators of an input-gradient tile (rows × vectors) up to which they are split into two sets, even and odd
    /// outputs, added at the end: with so few, each accumulator's FMAs form a dependent chain as long as the outputs.
    /// </summary>
    public const int SplitAccumulatorsUpTo = 4;

    /// <summary>Rows of a block of the weight-gradient pass, at most.</summary>
    public const int MaxBatchBlock = 256;

    /// <summary>
    /// Bytes of inputs a block of the weight-gradient pass may span: every output tile of the block re-reads them, so
    /// they must stay in L2 (a quarter of the 1 MB of a Zen 5 core, beside dW's rows). Reading them from L3 once per
    /// output tile made the weight gradient run at 30 % of the FMA peak at (256,512,512). Every block past the first
    /// reads and rewrites all of dW, and a short block pays that for few rows: with 96 KB, (64, 784, 128) ran blocks of
    /// 31, 31 and 2 rows; in one block of 64 its backward took 0.93× the time, and (256, 512, 512) in two blocks of
    /// 128 instead of five of 48 and one of 16 0.97× (Zen 5, AVX-512, 2026-12-03). The batch is split into equal
    /// blocks of at most <see cref="BatchBlock"/> rows.
    /// </summary>
    public const int BatchBlockBytes = 256 * 1024;

    /// <summary>
    /// Weights (in bytes) from which the input gradient runs in groups of rows, chunk by chunk of the inputs (see
    /// <see cref="BackwardPathPlan"/>): beyond L1 twice over. Where the rows alias (<see cref="RowsAlias"/>), the groups
    /// copy W's column chunks and the weight gradient copies each block's inputs by chunk.
    /// </summary>
    public const int GroupMinWeightBytes = 64 * 1024;

    /// <summary>Bytes over which consecutive addresses cover every set of a Zen 5 core's L1 data cache (48 KB, 12 ways, 64 sets of 64-byte lines).</summary>
    public const int L1SetSpan = 4096;

    /// <summary>
    /// Whether rows <paramref name="strideBytes"/> apart, read a chunk of <paramref name="chunkBytes"/> at a time, fall
    /// into only some of the L1 sets: their starts take 4096 / gcd(stride, 4096) places within <see cref="L1SetSpan"/>,
    /// and the chunks from those places cover less than all of it. Then a chunk of W's 512 rows (or of a block's inputs)
    /// read in place evicts itself (512 float inputs: rows 2 KB apart, two places, 8 of the 64 sets), and the passes copy
    /// it contiguous first: in place, the input gradient at (256, 512, 512) took 1.05× the time and the weight gradient
    /// 1.03×. Rows that reach every set are read in place: at 784 float inputs (rows 3,136 B apart, 64 places) the
    /// copies were pure cost, (64, 784, 128)'s input gradient 0.85× the time without copying W (401 KB per call) and its
    /// weight gradient 0.94× without copying x (scratch copies of the generated kernels, Zen 5, AVX-512, 2026-12-03).
    /// </summary>
    public static bool RowsAlias(int strideBytes, int chunkBytes)
    {
        int gcd = Gcd(strideBytes, L1SetSpan);
        return (long)(L1SetSpan / gcd) * System.Math.Max(chunkBytes, 64) < L1SetSpan;
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);

    /// <summary>Whether the chunks of this layer's rows (W's in pass 1, x's in pass 2) alias in L1 when read in place (<see cref="RowsAlias"/>).</summary>
    private static bool ChunksAlias(LayerSpec spec, Chunking inputs, int elementBytes) =>
        RowsAlias(spec.Inputs * elementBytes, inputs.VectorsPerChunk * inputs.Bits / 8);

    /// <summary>
    /// Rows left after a group's last whole tile of the grouped pass 1 from which one more whole tile, ending at the
    /// group's last row (over rows already done: the same values stored again), does them instead of single-row tiles:
    /// two thirds of a tile (4 of 6). A single-row tile runs at about half the FMA rate (its loads of W are not shared
    /// by other rows); at (64, 784, 128), whose 64 rows leave 4, the input gradient took 0.94× the time with the
    /// overlapping tile; at (32, 784, 128), whose 32 rows leave 2, 1.09× (the tile does 6 rows' work for 2).
    /// </summary>
    public static int OverlapRestFrom(int rowsPerBlock) => rowsPerBlock > 2 ? ((2 * rowsPerBlock) + 2) / 3 : 0;

    /// <summary>
    /// Bytes of dz a group of the input-gradient pass may hold (in a pooled buffer, with the copied chunk beside it in the
    /// 1 MB L2 of a Zen 5 core). Each group copies all of W once, chunk by chunk: with 256 KB, (256, 512, 512) ran groups
    /// of 126, 126 and 4 rows (three copies of its 1 MB of weights, and a last group of single-row tiles); in one group
    /// its backward took 0.96× the time (Zen 5, AVX-512, 2026-12-03). The batch is split into equal groups of whole row
    /// blocks, at most <see cref="InputGradientGroup"/> rows.
    /// </summary>
    public const int GroupDzBytes = 640 * 1024;

    /// <summary>
    /// Rows per group of the input-gradient pass: as many whole row blocks as <see cref="GroupDzBytes"/> of dz hold, at
    /// least two; 0 (no groups) for weights under <see cref="GroupMinWeightBytes"/>, which stay in cache anyway, or inputs
    /// with no whole chunk to copy.
    /// </summary>
    public static int InputGradientGroup(LayerSpec spec, int rowsPerBlock, Chunking inputs, int elementBytes)
    {
        if (!CopiesChunks(spec, inputs, elementBytes))
        {
            return 0;
        }

        int blocks = GroupDzBytes / (spec.Outputs * elementBytes) / rowsPerBlock;
        return System.Math.Max(2, blocks) * rowsPerBlock;
    }

    /// <summary>
    /// Whether pass 1 runs in groups of rows, chunk by chunk (and both passes copy chunks of their operand where the rows
    /// alias, <see cref="ChunksAlias"/>): weights of at least <see cref="GroupMinWeightBytes"/>, and at least one whole
    /// chunk of inputs.
    /// </summary>
    private static bool CopiesChunks(LayerSpec spec, Chunking inputs, int elementBytes) =>
        (long)spec.Inputs * spec.Outputs * elementBytes >= GroupMinWeightBytes && inputs.MainChunks > 0;

    /// <summary>Rows per weight-gradient block: as many as <see cref="BatchBlockBytes"/> of inputs, between 16 and <see cref="MaxBatchBlock"/>.</summary>
    public static int BatchBlock(int inputs, int elementBytes) =>
        System.Math.Max(16, System.Math.Min(MaxBatchBlock, BatchBlockBytes / (inputs * elementBytes)));

    /// <summary>
    /// Bytes of weight-gradient rows a fused optimizer step sums over the blocks of pass 2 at a time (see
    /// <see cref="BackwardPathPlan.OptimizerGroupOutputs"/>): a quarter of the 1 MB L2 of a Zen 5 core, beside a block's
    /// inputs (<see cref="BatchBlockBytes"/>) and the parameters and state the updates stream through.
    /// </summary>
    public const int OptimizerGroupBytes = 256 * 1024;

    /// <summary>
    /// Outputs per group of a fused optimizer's pass 2: the layer's gradient rows split into as few groups of at most
    /// <see cref="OptimizerGroupBytes"/> as possible, of equal size rounded up to whole tiles; 0 without optimizer state.
    /// </summary>
    public static int OptimizerGroupOutputs(LayerSpec spec, int outputsPerTile, int elementBytes)
    {
        if (!spec.HasOptimizerState)
        {
            return 0;
        }

        long bytes = (long)spec.Inputs * spec.Outputs * elementBytes;
        int groups = (int)System.Math.Max(1, (bytes + OptimizerGroupBytes - 1) / OptimizerGroupBytes);
        int outputs = (spec.Outputs + groups - 1) / groups;
        return (outputs + outputsPerTile - 1) / outputsPerTile * outputsPerTile;
    }

    /// <summary>
    /// Outputs per weight-gradient tile with 16 vector registers: 6 (12 accumulators, enough FMAs in flight to cover their
    /// latency; measured 25–30 % faster than 4 at (64,784,128) and (256,512,512) on Zen 3) unless the outputs are few and
    /// a multiple of 4, where tiles of 4 leave no tail.
    /// </summary>
    private static int OutputsPerTile(int outputs) => outputs % 6 == 0 || outputs >= 48 || outputs % 4 != 0 ? 6 : 4;

    /// <summary>
    /// Outputs from which the AVX-512 weight-gradient tile is 6 outputs × 4 vectors (24 accumulators, 4 loaded vectors of
    /// x and a broadcast: 29 of the 32 registers, no spill in the JIT's code) instead of 4 × 4: fewer tiles, so fewer dz
    /// prologues, accumulator resets and stores per block and fewer loads per FMA. Measured at (64, 784, 128) and
    /// (256, 512, 512): the backward in 0.98× the time (Zen 5, 2026-12-03). Fewer outputs keep 4, as the tail would weigh more.
    /// </summary>
    public const int WideTileMinOutputs = 48;

    /// <summary>Independent chains of FMAs a narrow kernel's weight gradient aims for (see <see cref="BackwardNarrowPlan"/>).</summary>
    public const int NarrowChains = 8;

    /// <summary>
    /// Layers of one or two outputs whose inputs fit in <see cref="NarrowChains"/> / outputs vectors of the path (at
    /// least one Vector128), over batches of at least one tile of rows, with the gradients written or applied by plain
    /// SGD (not a stateful optimizer): the narrow kernel (<see cref="BackwardNarrowPlan"/>). The two-pass kernels give
    /// such a layer's weight gradient one tile of a single output whose 2–4 accumulators are each a chain of FMAs as long
    /// as the batch, after a scalar loop for dz and the bias sums, itself one dependent chain of adds. Measured on the
    /// 2-core Zen 5 EPYC (AVX-512) under load 35–65, ratio to TensorPrimitives in one process (min of 40 interleaved
    /// rounds, <c>--interleaved-narrow</c>), (1 024, 30, 1) forward + backward, two-pass → this kernel: Vector512
    /// 8.0× → 9.9× (the backward alone 3.2 → 2.2–2.3 µs), Vector256 5.1× → 10.7–11.8× (4.6 → 1.9–2.0 µs). The rest is
    /// memory: x and dx (120 KB each) stream through L2; without dx the backward takes 1.1 µs on either path.
    /// </summary>
    internal static BackwardNarrowPlan? PlanNarrow(LayerSpec spec, int bits, int elementBytes)
    {
        int lanes = bits / 8 / elementBytes;
        if (spec.Outputs > 2 || spec.HasOptimizerState || lanes / spec.Outputs < 2)
        {
            return null;
        }

        int rowsPerTile = lanes / spec.Outputs;
        Sweep sweep = Sweep.Plan(spec.Inputs, bits, elementBytes, unrollLimit: 0);
        int vectors = sweep.FullSteps + (sweep.TailLanes > 0 ? 1 : 0);
        if (sweep.IsScalar || spec.Outputs * vectors > NarrowChains || (spec.Batch > 0 && spec.Batch < rowsPerTile))
        {
            return null;
        }

        // All of a row's vectors in one chunk (no loop along the inputs), the sets a power of two dividing the tile.
        Chunking inputs = Chunking.Plan(spec.Inputs, bits, elementBytes, sweep.FullSteps + 1);
        int sets = 1;
        while (sets * 2 * spec.Outputs * vectors <= NarrowChains && sets * 2 <= rowsPerTile)
        {
            sets *= 2;
        }

        // W's vectors in registers for the whole call: up to 8 with AVX-512's 32 registers, 4 with x64's 16 (beside 8
        // accumulators). Loaded at every row instead, (1 024, 30, 1)'s Vector256 backward took 2.80–2.97 µs, hoisted
        // 1.94–1.96 µs (three interleaved runs of 40 rounds, Zen 5 with AVX-512 disabled, load 35–50).
        bool hoist = spec.Outputs * vectors <= (bits == 512 ? NarrowChains : 4);
        return new BackwardNarrowPlan(lanes, spec.Outputs, inputs, sets, hoist);
    }

    public static EquatableArray<BackwardPathPlan> Plan(LayerSpec spec)
    {
        var paths = new List<BackwardPathPlan>();
        int elementBytes = spec.Element == ElementKind.Float ? 4 : 8;
        if (!spec.Plain)
        {
            foreach (int bits in new[] { 512, 256, 128 })
            {
                int rows = System.Math.Max(1, System.Math.Min(MaxRowsPerBlock, RowBlockBuffer / spec.Outputs));
                int vectors = bits == 512 ? 4 : 2;
                // Fewer outputs than a tile: one tile of them all (its dz buffer no larger, and the same tile on every
                // path). Inputs with no whole chunk: the tail's vectors are the tile's (so also on every path).
                int outputsPerTile = System.Math.Min(spec.Outputs, bits == 512 ? (spec.Outputs >= WideTileMinOutputs ? 6 : 4) : OutputsPerTile(spec.Outputs));
                Chunking inputs = Chunking.Plan(spec.Inputs, bits, elementBytes, vectors);
                if (inputs is { MainChunks: 0, Bits: > 0 })
                {
                    inputs = inputs with { VectorsPerChunk = inputs.TailOffsets.Count };
                }

                int groupRows = InputGradientGroup(spec, rows, inputs, elementBytes);
                paths.Add(new BackwardPathPlan(
                    bits,
                    rows,
                    Sweep.Plan(rows * spec.Outputs, bits, elementBytes, KernelPlanner.SigmoidUnrollLimit),
                    Sweep.Plan(spec.Outputs, bits, elementBytes, KernelPlanner.SigmoidUnrollLimit),
                    inputs,
                    outputsPerTile,
                    spec.Outputs / outputsPerTile,
                    spec.Outputs % outputsPerTile,
                    BatchBlock(spec.Inputs, elementBytes),
                    16 / elementBytes,
                    groupRows,
                    PackInputs: CopiesChunks(spec, inputs, elementBytes) && ChunksAlias(spec, inputs, elementBytes),
                    CopyColumns: groupRows > 0 && ChunksAlias(spec, inputs, elementBytes),
                    OverlapRestFrom: groupRows > 0 ? OverlapRestFrom(rows) : 0,
                    SingleRow: spec.Batch <= 1 ? BackwardOneRowPlanner.Plan(spec, bits, elementBytes, spec.Outputs >= 2 ? SplitAccumulatorsUpTo : 0) : null,
                    OptimizerGroupOutputs: OptimizerGroupOutputs(spec, outputsPerTile, elementBytes),
                    OnlySingleRow: spec.Batch == 1,
                    GroupedRowPass: groupRows > 0 && (spec.Batch == 0 || spec.Batch >= 2 * rows),
                    UngroupedRowPass: groupRows == 0 || spec.Batch == 0 || spec.Batch < 2 * rows,
                    FullRowBlocks: spec.Batch == 0 || spec.Batch >= rows,
                    RowRemainder: rows > 1 && (spec.Batch == 0 || spec.Batch % rows != 0),
                    SplitAccumulatorsUpTo: spec.Outputs >= 2 ? SplitAccumulatorsUpTo : 0,
                    Narrow: PlanNarrow(spec, bits, elementBytes)));
            }
        }

        Sweep scalarRow = new(spec.Outputs, 0, 1, spec.Outputs, 0, Unrolled: false);
        paths.Add(new BackwardPathPlan(0, 1, scalarRow, scalarRow, Chunking.Plan(spec.Inputs, 0, elementBytes, 1), 1, spec.Outputs, 0, BatchBlock(spec.Inputs, elementBytes), 1, InputGradientGroup: 0, PackInputs: false, SingleRow: null));
        return new EquatableArray<BackwardPathPlan>(Share(paths, spec.HasInputGradient));
    }

    /// <summary>
    /// Which paths share a printed kernel: each path's kernels (<see cref="KernelsOf"/>) with their width-free bodies; a
    /// kernel whose body equals an earlier path's is printed by that path only (the first, in the order 512, 256, 128),
    /// and the later paths call it by its name. The kernels a path method calls are decided first, as the method's body
    /// includes their names. The scalar path shares nothing.
    /// </summary>
    private static IEnumerable<BackwardPathPlan> Share(List<BackwardPathPlan> paths, bool inputGradient)
    {
        var printer = new Dictionary<BackwardKernelBody, int>();
        var callers = new Dictionary<BackwardKernelBody, List<int>>();
        BackwardSharedKernel Decide(BackwardPathPlan path, BackwardKernelKind kind, int size, BackwardKernelBody body)
        {
            if (path.IsScalar || !printer.ContainsKey(body))
            {
                printer[body] = path.Bits;
                callers[body] = new List<int>();
            }
            else
            {
                callers[body].Add(path.Bits);
            }

            return new BackwardSharedKernel(kind, size, printer[body], EquatableArray<int>.Empty);
        }

        var kernels = new List<List<(BackwardKernelKind Kind, int Size, BackwardKernelBody Body)>>();
        foreach (BackwardPathPlan path in paths)
        {
            var own = KernelsOf(path, inputGradient).ToList();
            var calls = new EquatableArray<BackwardSharedKernel>(own.Where(k => k.Kind != BackwardKernelKind.Path).Select(k => Decide(path, k.Kind, k.Size, k.Body)).ToList());
            for (int k = 0; k < own.Count; k++)
            {
                if (own[k].Kind == BackwardKernelKind.Path)
                {
                    BackwardKernelBody body = own[k].Body with { Calls = calls };
                    own[k] = (own[k].Kind, own[k].Size, body);
                    Decide(path, own[k].Kind, own[k].Size, body);
                }
            }

            kernels.Add(own);
        }

        return paths.Select((path, i) => path with
        {
            Kernels = new EquatableArray<BackwardSharedKernel>(kernels[i].Select(k => new BackwardSharedKernel(
                k.Kind,
                k.Size,
                printer[k.Body],
                printer[k.Body] == path.Bits ? new EquatableArray<int>(callers[k.Body]) : EquatableArray<int>.Empty))),
        });
    }

    /// <summary>What stands in a path method's body for a sweep the method does not print (its kernels' bodies hold theirs).</summary>
    private static readonly Sweep NotPrinted = new(0, 0, 1, 0, 0, Unrolled: false);

    /// <summary>
    /// The methods a path prints, in order, each with its body: the path method; pass 1's row blocks (full, then the
    /// single rows left over) or the grouped pass's kernels; pass 2's output tiles (full, then the tail) and the copy of
    /// the inputs; the one-row kernel. A batch fixed at one row has the one-row kernel alone; a narrow path its method
    /// and the one-row kernel.
    /// </summary>
    private static IEnumerable<(BackwardKernelKind Kind, int Size, BackwardKernelBody Body)> KernelsOf(BackwardPathPlan path, bool inputGradient)
    {
        if (path.IsScalar)
        {
            yield return (BackwardKernelKind.Path, 0, new BackwardKernelBody(BackwardKernelKind.Path, 0, Path: path));
            yield break;
        }

        BackwardKernelBody oneRow = new(BackwardKernelKind.OneRow, 0, Dz: path.RowGradient, SplitAccumulatorsUpTo: path.SplitAccumulatorsUpTo, OneRow: path.SingleRow?.Body);
        if (path.OnlySingleRow && path.SingleRow is not null)
        {
            yield return (BackwardKernelKind.OneRow, 0, oneRow);
            yield break;
        }

        // The path method's body: the plan without its width (a narrow kernel's tile is a vector of the path: kept) and
        // without the sweeps of dz it does not print (the remarks print the row blocks' with an input gradient).
        BackwardPathPlan method = path with
        {
            Bits = path.Narrow is null ? -1 : path.Bits,
            BlockGradient = inputGradient ? path.BlockGradient : NotPrinted,
            RowGradient = NotPrinted,
            SingleRow = path.SingleRow?.Body,
        };
        yield return (BackwardKernelKind.Path, 0, new BackwardKernelBody(BackwardKernelKind.Path, 0, Path: method));
        if (path.Narrow is null)
        {
            int rows = path.RowsPerBlock;
            if (inputGradient && path.UngroupedRowPass)
            {
                if (path.FullRowBlocks)
                {
                    Sweep dz = rows == 1 ? path.RowGradient : path.BlockGradient;
                    yield return (BackwardKernelKind.RowBlock, rows, new BackwardKernelBody(BackwardKernelKind.RowBlock, rows, path.Inputs, dz, path.SplitAccumulatorsUpTo));
                }

                if (path.RowRemainder)
                {
                    yield return (BackwardKernelKind.RowBlock, 1, new BackwardKernelBody(BackwardKernelKind.RowBlock, 1, path.Inputs, path.RowGradient, path.SplitAccumulatorsUpTo));
                }
            }

            if (inputGradient && path.GroupedRowPass)
            {
                yield return (BackwardKernelKind.GroupKernels, rows, new BackwardKernelBody(BackwardKernelKind.GroupKernels, rows, path.Inputs, SplitAccumulatorsUpTo: path.SplitAccumulatorsUpTo, CopyColumns: path.CopyColumns));
            }

            foreach (int outputs in new[] { path.OutputTiles > 0 ? path.OutputsPerTile : 0, path.TailOutputs }.Where(o => o > 0))
            {
                yield return (BackwardKernelKind.OutputTile, outputs, new BackwardKernelBody(BackwardKernelKind.OutputTile, outputs, path.Inputs, SumLanes: path.SumLanes, PackInputs: path.PackInputs));
            }

            if (path.PackInputs)
            {
                yield return (BackwardKernelKind.PackInputs, 0, new BackwardKernelBody(BackwardKernelKind.PackInputs, 0, path.Inputs));
            }
        }

        if (path.SingleRow is not null)
        {
            yield return (BackwardKernelKind.OneRow, 0, oneRow);
        }
    }
}
