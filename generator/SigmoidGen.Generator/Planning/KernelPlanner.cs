using System.Collections.Generic;
using SigmoidGen.Generator.Model;

namespace SigmoidGen.Generator.Planning;

/// <summary>
/// Decides the shape of every kernel from the layer's dimensions. This is the one place where speed decisions are
/// made; the emitter only prints what this returns.
/// </summary>
/// <remarks>
/// Forward: <c>y[b, o] = σ(bias[o] + x[b, :] · W[o, :])</c>. Rows of x and rows of W are both contiguous along the
/// inputs, so a tile of MR batch rows × NR outputs keeps MR·NR vector accumulators marching along the inputs: each
/// loaded vector of W serves MR rows and each vector of x serves NR outputs. NR is the lane count of a Vector128 (4
/// floats, 2 doubles) so that the NR horizontal sums reduce together into one vector, ready for the bias add. The
/// tile size follows the register file: 16 vector registers (Vector128/256 on x64) hold 8 accumulators plus the
/// loads (12 for float on Vector256, with every register in use), 32 (AVX-512) hold 16. The sums plus bias are stored into the output row, which is in L1, and the sigmoid
/// then sweeps the row block in place at full vector width: applying it inside the tile would keep the
/// accumulators live across the sigmoid and spill them. A row block of a layer with one or two outputs holds less than
/// a vector (and a layer of fewer outputs than a tile stores its sums one by one, which a vector load right after waits
/// for): there the sigmoid waits for the whole batch and sweeps it once (<see cref="PathPlan.SigmoidAfterAllRows"/>):
/// at (32, 16, 1) the forward call went from 255–300 ns to 116–118 ns on Zen 3 (32 scalar sigmoids had cost more than
/// all the sums). A batch of one row (scoring one sample with a logistic regression, or a network's last layer) has
/// nothing to amortise that sweep over: it takes a kernel of its own that applies σ to its few values itself (min of
/// 400 alternating runs on Zen 3: (1, 30, 1) 30 → 24 ns, (1, 16, 1) 28 → 22 ns, with the sweep's argument checks
/// dropped as well, see <c>SigmoidSweep</c>).
/// <para>
/// Layers of one or two outputs take their own kernel from one tile of rows (<see cref="PlanNarrow"/>, <see cref="NarrowPlan"/>):
/// one vector of outputs per tile, its sums reduced together, σ in registers, no sweep afterwards.
/// </para>
/// <para>
/// Large batches take the outer-product kernel instead (<see cref="PlanPanels"/>, <see cref="PanelPlan"/>): W is
/// transposed per call into panels, and each tile broadcasts one input per row against two vectors of outputs (one
/// when the outputs fill only one vector: with twice the rows on 128 and 256 bits, 16 rows on Vector512; see
/// <see cref="PlanNarrowPanels512"/> for Vector512's other narrow layers), with no horizontal sums. Its rows threshold is measured, not derived.
/// Since it runs only for batches of at least one tile, the rows after the last full tile are done by tiles that end at
/// the last row and overlap the rows before, computed along but not stored (<see cref="PanelPlan.OverlappingLastTile"/>,
/// <see cref="SmallTileRows"/>): one small tile kind instead of one per binary digit of the rest.
/// </para>
/// <para>
/// Packed weights (<c>PackedWeights = true</c>, <see cref="PackedLayout"/>) arrive in the panel layout already, so the
/// panels serve every batch, down to one row; their tiles of 1 and 2 rows spread the inputs over several accumulator
/// sets (<see cref="PanelPlan.Phases"/>), since they then carry whole calls. Measured on Zen 3 against the row-major
/// layer (best of 7, Stopwatch): (1, 64, 32) 1.07×, (8, 64, 32) 1.23×, (32, 64, 32) 1.25×, (1, 784, 128) 1.00×,
/// (4, 784, 128) 1.57×, (64, 784, 128) 1.13×, (256, 512, 512) 1.07×.
/// </para>
/// </remarks>
internal static class KernelPlanner
{
    /// <summary>Dot products of a single row and of the narrow kernels (<see cref="PlanNarrow"/>) of at most this many vector steps are fully unrolled (the narrow kernels' weights then hoisted).</summary>
    public const int DotUnrollLimit = 8;

    /// <summary>Sigmoid sweeps of at most this many vector steps are fully unrolled.</summary>
    public const int SigmoidUnrollLimit = 4;

    /// <summary>Panel tiles with at most this many inputs are written out whole; longer ones loop over <see cref="PanelInputUnroll"/> inputs per step.</summary>
    public const int PanelFullUnrollLimit = 16;

    /// <summary>Rows from which packing W for the panel kernel pays (see <see cref="PlanPanels"/>).</summary>
    public const int PanelMinRows = 32;

    /// <summary>Below this many inputs the dot-product tiles are inefficient, and the panels pay from two tiles of rows.</summary>
    public const int PanelFewInputs = 48;

    /// <summary>Inputs per step of a panel tile's inner loop: enough to hide the loop counter and fold the offsets.</summary>
    public const int PanelInputUnroll = 4;

    /// <summary>
    /// Inputs per step of a panel tile's inner loop when W is packed per call (more than <see cref="PanelFullUnrollLimit"/>
    /// inputs): one. Each input already gives the tile 8–28 independent multiply-adds (one per accumulator), so the loop's
    /// counter and two pointer increments are 3 instructions beside them, on a core that issues 6–8 per cycle while the FMA
    /// pipes take 2; the JIT folds the rows' offsets into the loads all the same (DOTNET_JitDisasm of the 16-row Vector512
    /// tile at (455, 30, 16): 1 load and 16 <c>vfmadd231ps … {1to16}</c> per input, no spill, no call). Written 4 inputs per
    /// step until issue 16, which made the tiles 4–5 times longer to read and to compile (the 30 → 16 layer's tiles 56 of
    /// its 125 KB) for no measured gain (docs/benchmarks.md, "Generated size: the forward layer halved"). Packed weights keep <see cref="PanelInputUnroll"/>:
    /// their 1- and 2-row tiles spread the inputs over that many accumulator sets (<see cref="PanelPlan.Phases"/>).
    /// </summary>
    public const int PanelRowMajorUnroll = 1;

    /// <summary>
    /// Dot products of the blocks of several rows with at most this many vector steps are written out; longer ones are a
    /// loop of constant trip count, one vector step per iteration (each step is already one multiply-add per accumulator,
    /// 8–16 of them). Until issue 16 they were written out up to <see cref="DotUnrollLimit"/> (8) steps: the Vector128
    /// 2-row block of a 30-input layer wrote out 7 steps. A single row keeps <see cref="DotUnrollLimit"/>
    /// (<see cref="PathPlan.RowDot"/>): its 4 accumulators wait on the FMA latency, and the loop measured 3–10 % slower at
    /// (1, 64, 32) (docs/benchmarks.md, "Generated size: the forward layer halved").
    /// </summary>
    public const int BlockDotUnrollLimit = 1;

    public static LayerPlan Plan(LayerShape shape)
    {
        if (shape.Parallel)
        {
            // Every chunk calls the kernel with its own row count: plan the kernels as for a run-time batch, unless no
            // call can ever be split (a small fixed batch), which gets exactly the single-threaded kernels.
            EquatableArray<PathPlan> chunked = PlanPaths(shape, rows: 0);
            ParallelPlan parallel = ParallelPlanner.Plan(shape, chunked);
            return parallel.Pays
                ? new LayerPlan(chunked, Rows: 0, parallel, PackedLayout.Of(shape))
                : new LayerPlan(PlanPaths(shape, shape.Batch), shape.Batch, parallel, PackedLayout.Of(shape));
        }

        return new LayerPlan(PlanPaths(shape, shape.Batch), shape.Batch, Parallel: null, PackedLayout.Of(shape));
    }

    /// <summary>Every path's kernels, for <paramref name="rows"/> rows (0: given at run time).</summary>
    private static EquatableArray<PathPlan> PlanPaths(LayerShape shape, int rows)
    {
        var paths = new List<PathPlan>();
        if (!shape.Plain)
        {
            foreach (int bits in new[] { 512, 256, 128 })
            {
                paths.Add(PlanVectorPath(shape, bits, rows));
            }
        }

        paths.Add(PlanScalarPath(shape));
        return new EquatableArray<PathPlan>(paths);
    }

    private static PathPlan PlanVectorPath(LayerShape shape, int bits, int rows)
    {
        int elementBytes = shape.Element == ElementKind.Float ? 4 : 8;
        int outputsPerTile = 16 / elementBytes;
        Sweep rowDot = Sweep.Plan(shape.Inputs, bits, elementBytes, DotUnrollLimit);
        Sweep dot = rowDot.IsScalar ? rowDot : Sweep.Plan(shape.Inputs, bits, elementBytes, BlockDotUnrollLimit); // scalar: written out whole either way
        int rowsPerTile = BlockRows(shape, bits, outputsPerTile);
        int lanes = bits / 8 / elementBytes;
        Sweep rowSigmoid = Sweep.Plan(shape.Outputs, bits, elementBytes, SigmoidUnrollLimit);
        // σ after all rows: a block holds less than a vector, or its outputs are tail outputs only, stored one by one
        // (a vector sweep per block then loads over those scalar stores and waits for them, a store-forwarding stall:
        // measured on the 2-core AVX-512 EPYC, min of 3 × 40 interleaved rounds under load 35–60, issue 16, (455, 5, 3)
        // 8.87 → 1.92 µs on Vector256 and 13.3 → 3.10 µs on Vector128, (13, 5, 3) 233 → 72 ns and 346 → 103 ns, the 5-3-1
        // network's Predict at 455 rows 9.18 → 2.51 µs and 14.1 → 4.03 µs; outputs bit-identical. Vector512 deferred already).
        bool afterAllRows = rowsPerTile * shape.Outputs < lanes || shape.Outputs < outputsPerTile;
        PanelPlan? panels = PlanPanels(shape, bits, elementBytes, rows);
        NarrowPlan? narrow = PlanNarrow(shape, bits, elementBytes, rows);

        // Which dot-product kernels exist. A fixed batch gets the panels (or the narrow kernel) only when it is large
        // enough, and packed weights get the panels for every batch: then the dot tiles are not needed at all.
        bool dots = narrow is not null ? rows == 0 : panels is null || (rows == 0 && panels.Packed is null);
        bool blocks = dots && (rows == 0 || rows >= rowsPerTile);
        bool singleRows = dots && (rows == 0 || rows % rowsPerTile != 0);

        // A run-time batch of exactly one row goes straight to a one-row kernel (the path method's loops and frame cost
        // as much as the row): the one-row block, or, where blocks leave σ to one sweep over the batch, a kernel of its own
        // that applies σ to its few values itself.
        OneRowKernel oneRow = rows != 0 || !dots ? OneRowKernel.None : afterAllRows ? OneRowKernel.OwnSigmoid : OneRowKernel.RowBlock;
        int wholeRows = singleRows && !afterAllRows ? WholeRows(shape, bits) : 0;
        return new PathPlan(
            bits,
            rowsPerTile,
            outputsPerTile,
            shape.Outputs / outputsPerTile,
            shape.Outputs % outputsPerTile,
            dot,
            Sweep.Plan(rowsPerTile * shape.Outputs, bits, elementBytes, SigmoidUnrollLimit),
            rowSigmoid,
            afterAllRows,
            wholeRows > 0 ? 1 : RowTileGroup(shape.Outputs / outputsPerTile, rowSigmoid, afterAllRows),
            panels,
            narrow,
            dots,
            blocks,
            singleRows,
            oneRow,
            rowDot,
            wholeRows);
    }

    /// <summary>
    /// Where a single row of a layer of four float inputs reads W whole (<see cref="PathPlan.WholeRowsBits"/>): the path's
    /// width on Vector512 and Vector256, 0 elsewhere. Each vector of W then holds <c>bits / 128</c> outputs' rows; one
    /// product with x repeated in every 128-bit lane and two levels of pair sums within the lanes give their sums with
    /// the tiles' bits ((x0·w0 + x1·w1) + (x2·w2 + x3·w3)), four vectors of W at a time, and σ runs on the sums in
    /// registers. The tiles make one Vector128 of four outputs from four products, and two horizontal adds, per
    /// output tile. The outputs must be a multiple of 4: after the groups of four vectors of W, the rest takes a group of
    /// two (its sums the lower half of the group's vector, one Vector256 or Vector128 store) and, on Vector512, one of
    /// one (a quarter, one Vector128 store). Measured on the 2-core Zen 5 (AVX-512), the
    /// (1, 4, 8) forward, base and new builds alternated (min of 12 interleaved rounds, identical outputs): 14.2–14.4 →
    /// 11.2–11.4 ns on Vector512, 14.7–15.3 → 11.9–12.0 ns on Vector256 (docs/benchmarks.md, "A row of four inputs read
    /// whole").
    /// </summary>
    internal static int WholeRows(LayerShape shape, int bits)
    {
        if (shape.Element != ElementKind.Float || shape.Inputs != 4 || bits < 256)
        {
            return 0;
        }

        // After the groups of four vectors, a group of two vectors of W and (Vector512) one of one: 4 outputs at least.
        return shape.Outputs % 4 == 0 ? bits : 0;
    }

    /// <summary>
    /// Rows per block of the dot-product tiles: as many as the register file holds beside the loads. Float on Vector256: 3
    /// rows × 4 outputs = 12 accumulators + 3 input vectors + 1 weight vector, all 16 ymm registers; measured 15–25 %
    /// faster than 2 × 4 at (64,784,128) and (256,512,512) on Zen 3 (on Vector128, 3 rows took (7, 64, 32) from 0.96 to
    /// 1.10 µs on the AVX-512 EPYC with AVX2 off, issue 16: it keeps 2). Doubles (NR = 2) would need 6 input vectors for
    /// 12 accumulators, which do not fit: they keep 8. Vector512: 16 of the 32 registers of AVX-512.
    /// <para>
    /// Float layers with fewer outputs than a tile (1–3: only tail outputs, <c>rows × outputs</c> ≤ 12 accumulators) and
    /// fewer than 8 inputs (dot products stepping with a <c>Vector128</c>, or scalar, on every path) take Vector512's 4
    /// rows on every path: the kernels are then the same on every path, so the paths call one
    /// (<see cref="PathPlan.BlockBody"/>; the 5-3-1 network printed a block kernel per path). Measured on the 2-core AVX-512 EPYC under load 26–40 (min of 3 × 40
    /// interleaved rounds, issue 16): a common 2 rows took (455, 5, 3) 1.03× and the 5-3-1 network's Predict at 455 rows
    /// 1.07× on Vector512, 3 rows 1.05× and 1.02×; with 4 rows every path is as fast as with its own height (Vector256:
    /// (455, 5, 3) 1.90 µs with 4 rows, 1.90 with 2; Vector128: 3.15 with 4, 3.12 with 3).
    /// </para>
    /// </summary>
    private static int BlockRows(LayerShape shape, int bits, int outputsPerTile)
    {
        bool commonHeight = shape.Element == ElementKind.Float && shape.Outputs < outputsPerTile && shape.Inputs < 8; // Vector128 steps (or scalar) on every path
        int accumulators = bits == 512 || commonHeight ? 16 : shape.Element == ElementKind.Float && bits == 256 ? 12 : 8;
        return accumulators / outputsPerTile;
    }

    /// <summary>
    /// Layers of one or two outputs (a logistic regression, a network's last layer), weights not packed, over batches of
    /// at least one tile of rows (see <see cref="NarrowPlan"/>). The dot-product tiles give such a layer 4–8 accumulators
    /// (too few chains to hide the FMA latency), one horizontal sum per row, then z stored and swept by σ in a second pass;
    /// TensorPrimitives pays two calls per row. Here a tile is one vector of outputs: as many accumulators as it has lanes,
    /// reduced together, σ in registers. One input and one output is a vector sweep of σ(w·x + b), at the speed of the
    /// sigmoid's own span sweep. A layer whose inputs are fewer than a Vector128 holds (2 or 3 floats) keeps the dot tiles.
    /// Measured on the 2-core AVX-512 EPYC under load 80–95, ratio to TensorPrimitives in one process (min of 40 interleaved
    /// rounds), dot tiles → this kernel: (1 024, 30, 1) 4.0 → 9.5× on Vector512, 4.6–5.2 → 7.3–7.6× on Vector256; the
    /// 1×1 layer over 1 048 576 rows against TensorPrimitives' sigmoid alone 0.89 → 1.56× and 0.92–1.04 → 1.31–1.36×
    /// (docs/benchmarks.md, "Narrow and short layers (issue 17)"). From one tile of rows: below it, the dot tiles.
    /// </summary>
    internal static NarrowPlan? PlanNarrow(LayerShape shape, int bits, int elementBytes, int batch)
    {
        if (PackedLayout.Of(shape) is not null || shape.Outputs > 2)
        {
            return null;
        }

        NarrowPlan plan;
        if (shape.Inputs == 1 && shape.Outputs == 1)
        {
            int lanes = bits / 8 / elementBytes;
            // Stores aligned after the first tile on Vector512 (a 512-bit store to an 8-byte-aligned array always crosses a
            // cache line): the (1 048 576, 1, 1) layer 354–359 → 335–347 µs on Zen 5 in three process pairs; Vector256
            // measured even (718, 691 → 707, 714 µs) and keeps the plain loop (docs/benchmarks.md, h8's section).
            plan = new NarrowPlan(NarrowKind.Elementwise, bits, lanes, 1, new Sweep(1, 0, 1, 1, 0, Unrolled: true), MinBatch: lanes, HoistWeights: true, AlignedStores: bits == 512);
        }
        else
        {
            Sweep dot = Sweep.Plan(shape.Inputs, bits, elementBytes, DotUnrollLimit);
            int lanes = dot.Bits / 8 / elementBytes;
            if (dot.IsScalar || lanes / shape.Outputs < 2)
            {
                return null;
            }

            int weightVectors = shape.Outputs * (dot.FullSteps + (dot.TailLanes > 0 ? 1 : 0));
            bool hoist = dot.Unrolled && weightVectors <= NarrowHoistedWeights;
            plan = new NarrowPlan(NarrowKind.RowSums, dot.Bits, lanes, shape.Outputs, dot, MinBatch: lanes / shape.Outputs, hoist);
        }

        return batch > 0 && batch < plan.MinBatch ? null : plan;
    }

    /// <summary>
    /// W's vectors a narrow tile keeps in registers for the whole call (beside its accumulators: 16 of the 32 registers
    /// of AVX-512, 8 of the 16 of x64's Vector128/256); with more, each step loads them, from L1.
    /// </summary>
    public const int NarrowHoistedWeights = 4;

    /// <summary>
    /// Output tiles a single row joins into one store (see <see cref="PathPlan.RowTileGroup"/>): as many
    /// <c>Vector128</c> tiles as one vector of the row's sigmoid sweep holds, when the full tiles make whole groups;
    /// otherwise 1. The one-row block runs batches of one and every batch's leftover rows, where the sigmoid's latency is
    /// most of the call. Measured on Zen 3 (min of 400 alternating runs of 10 000 calls): (1, 4, 8) 42.3 → 27.8 ns,
    /// (1, 64, 32) 126 → 119–121 ns. Applying σ to the joined vector in registers instead was 2 ns faster at (1, 4, 8)
    /// but took (1, 64, 32) to 141–144 ns: a sigmoid between the groups leaves fewer of them in flight than one sweep at
    /// the end. Blocks of several rows keep their tiles' stores: holding one tile's results beside the next
    /// tile's 12 accumulators would spill, and the sweep there starts long after most of the stores.
    /// </summary>
    private static int RowTileGroup(int outputTiles, Sweep rowSigmoid, bool afterAllRows)
    {
        int group = rowSigmoid.Bits / 128;
        return !afterAllRows && group > 1 && outputTiles >= group && outputTiles % group == 0 ? group : 1;
    }

    /// <summary>
    /// The outer-product kernel (see <see cref="PanelPlan"/>): two vectors of outputs per panel, and as many rows as the
    /// register file holds beside them: 6 × 2 = 12 accumulators + 2 panel vectors + 1 broadcast = 15 of the 16 vector
    /// registers of x64 (Vector128/256), 14 × 2 = 28 + 3 of the 32 of AVX-512. Needs at least one panel's worth of
    /// outputs, so that the tail panel can overlap instead of being masked. Packing costs one pass over W per call, about
    /// as much as ten rows of multiply-adds, so it pays only over enough rows. Measured on Zen 3 with the current tiles
    /// and sigmoid (best of 3 alternating runs, panel time / dot-tile time): (12, 64, 32) 1.01, (16, 64, 32) 1.00,
    /// (24, 64, 32) 0.89, (32, 64, 32) 0.87, (40, 64, 32) 0.85; (16, 784, 128) 1.11, (24, 784, 128) 1.09,
    /// (32, 784, 128) 0.92, (40, 784, 128) 0.93; (16, 256, 64) 1.02, (24, 256, 64) 1.05, (32, 256, 64) 0.87,
    /// (40, 256, 64) 0.77. (An earlier kernel set had (32, 64, 32) at 1.25, hence a threshold of 48 until then.) With
    /// fewer than <see cref="PanelFewInputs"/> inputs the dot tiles are the weak ones (a few vector steps per dot
    /// product, then a horizontal sum and a masked tail): (32, 30, 16) 0.85, (64, 30, 16) 0.82.
    /// Hence the panels from <see cref="PanelMinRows"/> rows, or from 2 tiles of rows when the inputs are few; below that
    /// (and always for a batch known to be smaller) the dot-product tiles run.
    /// </summary>
    private static PanelPlan? PlanPanels(LayerShape shape, int bits, int elementBytes, int batch)
    {
        int lanes = bits / 8 / elementBytes;
        if (bits == 512 && PackedLayout.Of(shape) is null && shape.Outputs < 2 * lanes)
        {
            return PlanNarrowPanels512(shape, lanes, batch);
        }

        // Two vectors of outputs per panel row. On 128 and 256 bits, one when the outputs fill one vector but not two
        // (8–15 floats on Vector256), with twice the rows, so that the tile keeps its 12 accumulators: these layers had
        // only the dot-product tiles. Measured on Zen 3 (min of 200 alternating runs), (B, 64, O) with B = 32 / 64 / 100:
        // O = 8 837 → 689 ns, 1.65 → 1.34 µs, 2.58 → 2.06 µs; O = 12 1.45 → 1.36 µs, 2.91 → 2.71 µs, 4.56 → 4.12 µs;
        // O = 10 unchanged (its tail panel recomputes 6 of the first panel's 8 outputs).
        int vectors = PackedLayout.Of(shape) is null && shape.Outputs < 2 * lanes ? 1 : 2;
        int columns = lanes * vectors;
        int rows = PanelTileRows(bits, vectors);
        int unroll = shape.Inputs <= PanelFullUnrollLimit ? shape.Inputs : PackedLayout.Of(shape) is null ? PanelRowMajorUnroll : PanelInputUnroll;
        if (PackedLayout.Of(shape) is { } packed)
        {
            // Packed weights: nothing to pack per call, so the panels serve every batch; a panel is a unit (Vector256),
            // half a unit (Vector128) or two units (Vector512).
            // On Vector512 a unit left over after the pairs goes through a one-vector panel of its own (PanelPlan.LoneUnit).
            PanelPlan? lone = bits == 512 && (packed.FullUnits % 2 != 0 || packed.TailUnit)
                ? Complete(new PanelPlan(bits, lanes, OneVectorRows512, 1, FullPanels: 0, TailPanel: false, MinBatch: 1, unroll, packed), shape.Inputs, batch)
                : null;
            PanelPlan packedPlan = Complete(new PanelPlan(bits, lanes, rows, vectors, FullPanels: 0, TailPanel: false, MinBatch: 1, unroll, packed) { LoneUnit = lone }, shape.Inputs, batch);
            return packedPlan with { RowBlock = PackedRowBlock(packedPlan, shape.Inputs * elementBytes, batch) };
        }

        int minBatch = shape.Inputs < PanelFewInputs ? 2 * rows : System.Math.Max(PanelMinRows, 2 * rows);
        if (shape.Outputs < columns || (batch > 0 && batch < minBatch))
        {
            return null;
        }

        PanelPlan plan = Complete(new PanelPlan(bits, lanes, rows, vectors, shape.Outputs / columns, shape.Outputs % columns != 0, minBatch, unroll, Packed: null), shape.Inputs, batch);
        return WithCarry(shape, plan with { Swapped = PlanSwapped(shape, plan, batch) }, batch);
    }

    /// <summary>The plan with <see cref="PanelPlan.CarriesSigmoid"/> decided (<see cref="CarriesSigmoid"/>).</summary>
    private static PanelPlan WithCarry(LayerShape shape, PanelPlan plan, int batch) => plan with { CarriesSigmoid = CarriesSigmoid(shape, plan, batch) };

    /// <summary>
    /// <see cref="PanelPlan.CarriesSigmoid"/>: on Vector512 (its 32 registers hold a tile's accumulators and a sigmoid; with
    /// 16, on Vector256 with AVX-512 off, the carrying tile spilled and (455, 30, 16) ran 1.6 times slower), for a run-time
    /// batch of row-major W of at most <see cref="CarrySigmoidMaxInputs"/> inputs in one panel of all the outputs (the rows
    /// contiguous), without balanced last tiles, whose loop takes one input per step and has a step for every vector of a tile.
    /// </summary>
    private static bool CarriesSigmoid(LayerShape shape, PanelPlan plan, int batch) =>
        plan.Bits == 512 && batch == 0 && plan.Packed is null && plan.Overlap == 0 && plan.Vectors * plan.Lanes == shape.Outputs &&
        plan.BalancedFrom == 0 && plan.InputUnroll == 1 && plan.InputLoopEnd >= plan.RowsPerTile * plan.Vectors && shape.Inputs <= CarrySigmoidMaxInputs;

    /// <summary>
    /// A batch takes the swapped kernel (x as the panel, <see cref="XPanelPlan"/>) on Vector512 when the layer has at least
    /// this many outputs per row of the batch (see <see cref="PlanSwapped"/>), where W's panels do not halve evenly
    /// (elsewhere up to <see cref="XPanelOutputQuarters512"/> quarters of the outputs).
    /// </summary>
    public const int XPanelOutputsPerRow512 = 2;

    /// <summary>
    /// On Vector512, where W's panels (at least <see cref="XPanelQuartersMinPanels"/>) halve evenly (<c>ParallelPlanner.SplitsByPanels</c>: a <c>Parallel = true</c> call
    /// splits these batches by W's panels, by two chunks of whole blocks of rows, or by ranges of outputs), batches up to
    /// this many quarters of the outputs take x as the panel. Where a <c>Parallel = true</c> call splits by rows instead,
    /// every chunk must have more rows than the x panel takes, and 1/<see cref="XPanelOutputsPerRow512"/> keeps those
    /// chunks as small as before. Measured (issue 17, 2-vCPU AVX-512 EPYC, 2026-12-03; docs/benchmarks.md, h12's section):
    /// row-major (65, 784, 128) 0.87–0.88 → 0.93× ONNX Runtime, (80, …) 0.93 → 0.98–0.99, (96, …) 0.94–0.95 → 0.96–0.98,
    /// (300, 384) × (512, 512) level; up to all the outputs, (100, 784, 128) 1–3 % faster, (128, 784, 128) and (256, 512,
    /// 512) level to 2 % slower under load 25–47: not taken.
    /// </summary>
    public const int XPanelOutputQuarters512 = 3;

    /// <summary>
    /// <see cref="XPanelOutputQuarters512"/> applies from this many W panels (128 float outputs, 64 double): measured at
    /// 128 and 512 outputs only; a layer of two panels (64 outputs) keeps half.
    /// </summary>
    public const int XPanelQuartersMinPanels = 4;

    /// <summary>The same on Vector256 and Vector128, whose blocks of rows are half or a quarter as tall.</summary>
    public const int XPanelOutputsPerRowNarrow = 4;

    /// <summary>
    /// The swapped kernel's last block may compute at most 1/this of a two-vector block's rows (1/8 of a vector) in vain
    /// (see <see cref="PlanSwapped"/>).
    /// </summary>
    public const int XPanelVainShare = 16;

    /// <summary>
    /// The swapped kernel of a path that packs W per call (<see cref="XPanelPlan"/>): batches from the W panels' first
    /// batch (at least one block of x's rows, two vectors) to 1/<see cref="XPanelOutputsPerRow512"/> of the outputs
    /// (1/<see cref="XPanelOutputsPerRowNarrow"/> on 128 and 256 bits) whose last block computes at most
    /// 1/<see cref="XPanelVainShare"/> of two vectors of rows in vain (2 on Vector512, 1 on Vector256, none on Vector128):
    /// the last block is one vector of rows when at most one vector is left after the whole blocks, else two, ending at
    /// the last row, so the rows in vain are those up to the next multiple of one vector (batches of 46–48 or 62–64 rows
    /// on Vector512). Its tiles are the W panel's (as many outputs as the W tile has rows, two vectors of batch rows), its
    /// small tiles for a short rest of outputs those of <see cref="SmallTileRows"/>. With <c>Parallel = true</c> as without:
    /// a path split by W's panels splits these batches by the same ranges of outputs (each chunk runs this kernel over its
    /// outputs, <c>XPanelKernelEmitter.EmitRange</c>), a path split by rows gives every chunk more rows than it takes
    /// (<c>ParallelPlanner</c>), so every output keeps the bits of a single-threaded call.
    /// Measured on the 2-core AVX-512 EPYC (issue 17, 2026-12-03, load 5–25, min of 30–40 interleaved rounds, the W-panel
    /// and swapped builds run alternately 2–3 times, time swapped / W panels). Vector512: at (B, 512, 512), B = 32 0.75,
    /// 64 0.88, 128 0.94–0.95, 192 0.97–1.00, 256 0.98–1.03, 384 1.01–1.05, 512 1.03–1.07; at (B, 784, 128), B = 32
    /// 0.85, 64 0.96, 96 0.98–1.00, 128 1.01, 192 1.02, 256 1.05. The swapped kernel streams all of W once per block of rows (from L2 or L3 at
    /// 1 MB), the W panels stream x once per panel: past about half the outputs the second costs less. Vector256: (32, 512,
    /// 512) 0.86, (32, 784, 128) 0.88, (64, 784, 128) 0.98–0.99, (256, 512, 512) 1.01–1.02 (blocks of 16 rows: W is
    /// streamed twice as often). A last block that is not full costs a whole block: (33, 512, 512) 1.40, (40, …) 1.22–1.25,
    /// (48, …) 1.05–1.09, (56, …) 0.98; (33, 784, 128) 1.54, (40, …) 1.40, (48, …) 1.18, (60, …) 1.02–1.04. Hence at
    /// most 1/16 of a block in vain. A last block of one vector of rows (tiles of twice the outputs × 1 vector, issue 17,
    /// helper h4; 08:40 UTC, load 22–38, 30 rounds, two alternating runs, base → new min µs) costs about 0.68 of a
    /// two-vector block, not half: (48, 512, 512) 151.3, 150.3 → 136.2, 135.7; (48, 784, 128) 51.8, 52.9 → 47.6, 48.2; but
    /// (40, 512, 512) 129.3, 129.9 → 135.0, 135.7, (40, 784, 128) 43.2, 43.8 → 47.6, 48.3, (33, 512, 512) 117.0, 114.2 →
    /// 135.7, 140.7; (56, 512, 512) (8 rows in vain of a two-vector block) 164.5, 163.0 → 162.8, 159.7, (60, 784, 128)
    /// (4) 61.3, 60.5 → 61.7, 61.3. Hence still 1/8 of a vector in vain at most, now counted in vectors.
    /// </summary>
    /// <summary>
    /// The largest batch that takes x as the panel: 1/<see cref="XPanelOutputsPerRowNarrow"/> of the outputs on 128 and 256
    /// bits; on Vector512 <see cref="XPanelOutputQuarters512"/> quarters where W has at least <see cref="XPanelQuartersMinPanels"/>
    /// panels that a <c>Parallel = true</c> call splits evenly, else 1/<see cref="XPanelOutputsPerRow512"/>.
    /// </summary>
    private static int XPanelMaxBatch(LayerShape shape, PanelPlan plan) =>
        plan.Bits != 512 ? shape.Outputs / XPanelOutputsPerRowNarrow
        : plan.FullPanels >= XPanelQuartersMinPanels && ParallelPlanner.SplitsByPanels(shape, plan) ? shape.Outputs * XPanelOutputQuarters512 / 4
        : shape.Outputs / XPanelOutputsPerRow512;

    /// <summary>
    /// Rows per dot-product tile of the x panel's rest rows on Vector512 (<see cref="XPanelPlan.DotTileRows"/>; 4 on the
    /// narrower paths): 24 accumulators, 6 rows and a weight vector fill 31 of its 32 registers, 10 loads per 24 FMAs
    /// instead of 8 per 16. Measured (issue 17, h13; docs/benchmarks.md, "x-panel blocks at 33-256 rows"): 12 rest rows
    /// 12 % faster than by tiles of 4 rows.
    /// </summary>
    public const int XPanelDotTileRows512 = 6;

    /// <summary>
    /// Whether Vector512's blocks of 2–4 vectors of rows split outputs that are not whole tiles into tiles as even as they go
    /// (<see cref="XPanelPlan.EvenSplit"/>): (784, 128) × 2 vectors as 8 × 13 + 2 × 12 outputs instead of 9 × 14 + a tile
    /// of 4 over the last 2 (4 outputs for 2, and 8 accumulators: on the edge of the FMA latency), × 3 vectors as 8 × 9 +
    /// 7 × 8 instead of 14 × 9 + 2 (6 accumulators); (512, 512) × 2 as 31 × 14 + 6 × 13 instead of 36 × 14 + two tiles of
    /// 4. Measured (issue 17, helper h15; docs/benchmarks.md, "Even x-panel tiles and padded last blocks").
    /// </summary>
    public const bool XPanelEvenTiles512 = true;

    /// <summary>
    /// Vector512, float: a batch of two whole vectors of rows (three where W takes blocks of four) and at least this many
    /// sixteenths of a vector after them (more than <see cref="XPanelPlan.DotRestRows"/>) takes one more vector of rows, its
    /// last block padded with zero rows past the batch (<see cref="XPanelPlan.PaddedFromRows"/>), instead of dot products: a
    /// dot-product row costs about 1.6 block rows (h5, h13), so from about 11 rows (at most 5 in vain) the padded block
    /// should cost less; measured (issue 17, helper h15, same-process scratch copies of the old and new kernels, load 5–10;
    /// docs/benchmarks.md, "Even x-panel tiles and padded last blocks"): 45 and 47 × (784, 128) 5 % and 11 % faster, (45,
    /// 512, 512) 4–5 %, (61, …) 3 %, but 43, 44 and 60 rows (11–12 after the whole vectors) level to 4 % slower: hence 13.
    /// 0 turns it off.
    /// </summary>
    public const int XPanelPaddedFromSixteenths = 13;

    private static XPanelPlan? PlanSwapped(LayerShape shape, PanelPlan plan, int batch)
    {
        int columns = plan.Lanes * 2;
        int maxBatch = XPanelMaxBatch(shape, plan);
        int vain = columns / XPanelVainShare;
        if (plan.Vectors != 2 || plan.Overlap != 0 || plan.MinBatch < columns || maxBatch < plan.MinBatch)
        {
            return null;
        }

        int tile = plan.RowsPerTile;
        int small = PanelPlan.ChainsForThroughput / 2;
        int upTo = ((tile - 1) / small) * small;
        int rest = shape.Outputs % tile;
        if (rest == 0 || rest > upTo)
        {
            small = upTo = 0;
        }

        // The one-vector last block: tiles of twice as many outputs (as many accumulators), the last one over the rest of
        // the outputs (at least ChainsForThroughput of them, ending at the last output).
        int oneVector = 2 * tile;
        int oneVectorRest = shape.Outputs % oneVector;
        if (oneVectorRest > 0)
        {
            oneVectorRest = System.Math.Max(oneVectorRest, PanelPlan.ChainsForThroughput);
        }

        var swapped = new XPanelPlan(plan.Bits, plan.Lanes, tile, 2, small, upTo, plan.MinBatch, maxBatch, vain, batch > 0, plan.InputUnroll, plan.InputLoopEnd, plan.InputsAfterLoop, shape.Outputs, oneVector, oneVectorRest, batch, XPanelDotRestRows(shape, plan.Bits, plan.Lanes));
        if (plan.Bits == 512 && swapped.DotRestRows > 0 && XPanelTallTile3 > 0)
        {
            // Blocks of 2–4 vectors of rows where W is large (2–3 where it is not); the rest after the whole vectors by dot
            // products up to a share of a vector, longer ones by one more vector, or (large W) by dot products still rather
            // than W's panels (see XPanelTallLargeWeights).
            bool large = shape.Inputs * shape.Outputs * (shape.Element == ElementKind.Float ? 4 : 8) >= XPanelTallLargeWeights;
            int sixteenths = large ? XPanelTallDotSixteenths : XPanelTallDotSixteenthsSmall;
            swapped = swapped with { Tile3 = XPanelTallTile3, Tile4 = large ? XPanelTallTile4 : 0, DotRestRows = plan.Lanes * sixteenths / 16, LongRestByDots = large };
        }

        if (plan.Bits == 512)
        {
            swapped = swapped with
            {
                DotTileRows = XPanelDotTileRows512,
                EvenTiles = XPanelEvenTiles512,
                PaddedFromRows = swapped.Tall && shape.Element == ElementKind.Float ? (plan.Lanes * XPanelPaddedFromSixteenths) / 16 : 0,
            };
        }

        if (batch > 0 && (swapped.Tall ? swapped.TallLayout(batch) is not { } layout || (layout[layout.Count - 1].Dots == 0 && !swapped.Pads(batch))
                : swapped.Rest(batch) == 0 || swapped.Rest(batch) > swapped.DotRestRows))
        {
            // A fixed batch that the dot products have nothing to do for: no rest parameter, no dot tiles printed.
            swapped = swapped with { DotRestRows = 0 };
        }

        if (shape.Parallel && batch == 0 && swapped.DotRestRows > 0 && ParallelPlanner.SplitsByPanels(shape, plan))
        {
            swapped = swapped with { SplitsByOutputs = true };
        }

        return batch > 0 && !swapped.Takes(batch) ? null : swapped;
    }

    /// <summary>
    /// Layers of at most this many inputs whose row-major W is one panel of all the outputs carry each full tile's σ into
    /// the next tile's loop over the inputs, one vector per step (<c>PanelKernelEmitter.Carries</c>): with few inputs σ
    /// is a large share of a tile (16 vectors of σ beside 30 × 16 FMAs at (B, 30, 16)), and its chains of dependent steps
    /// run beside the FMAs instead of after them. Measured (issue 17, 2-vCPU AVX-512 EPYC, 2026-12-03, the generated
    /// (B, 30, 16) kernels before and after in one process, min of 3 000 calls): 455 rows 3.66–3.87 → 3.43–3.64 µs (6–8 %),
    /// 1 000 rows 8.3–8.7 → 7.6–7.9 µs (9 %), the same bits; on 16-register paths it spilled (see
    /// <c>PanelKernelEmitter.Carries</c>).
    /// </summary>
    public const int CarrySigmoidMaxInputs = 64;

    /// <summary>
    /// The fewest full tiles with which the tiles carry σ (<see cref="CarrySigmoidMaxInputs"/>): the first tile has nothing
    /// to carry and the last one's σ runs after the loop, so the gain grows with the tiles; smaller batches keep tiles that
    /// apply their own σ. Measured in the same process (generated (B, 30, 16) kernels, old and new alternated in both orders,
    /// min of 3 000 calls): 455 rows 6–8 %, 1 000 rows 9 % faster; at 32 and 64 rows the order of the two calls alone moved
    /// the ratio by ±8 %, so the small batches were left as they were.
    /// </summary>
    public const int CarrySigmoidMinTiles = 5;

    /// <summary>
    /// The most rows after the whole blocks of x's rows that the swapped kernel's last whole block computes as dot products
    /// over row-major W (<see cref="XPanelPlan.DotRestRows"/>): fewer than <see cref="XPanelDotRestEighths512"/> eighths of
    /// a block on Vector512 (measured: 5, 19 of 32 rows), <see cref="XPanelDotRestEighths256"/> on Vector256 (3, 5 of 16),
    /// none on Vector128 (not measured); only where the inputs are whole vectors (the dot products have no tail) and the outputs
    /// whole vectors and fours (tiles of 4 outputs, σ by whole vectors over the rest rows). A longer rest takes one more
    /// block ending at the last row where it computes at most <see cref="XPanelVainShare"/>'s share in vain, else W's panels.
    /// Measured on the 2-core AVX-512 EPYC (issue 17, helper h5, 2026-12-03 10:28–10:40 UTC, load 15–60, min of 15
    /// interleaved rounds, base and new builds alternately twice, min µs), Vector512 (512, 512): 33 rows 115–120 → 90–92,
    /// 37 131 → 103, 40 127–130 → 104–109, 45 138–145 → 126–131, 49 149–156 → 141–146, 51 (19 rows by dot products)
    /// 161–163 → 160–164; 55 (23) 161–165 → 167–175, hence 19. Vector256 (load 60): 33 185–190 → 168–169, 37 211–215 →
    /// 200–203, 49 270–274 → 249; 41 (9) 224–230 → 230–241 and 55 (7) 286–288 → 298–304, hence 5. The dot products cost
    /// about 1.2 times a block's per row on Vector512, twice on Vector256.
    /// </summary>
    private static int XPanelDotRestRows(LayerShape shape, int bits, int lanes)
    {
        int eighths = bits == 512 ? XPanelDotRestEighths512 : bits == 256 ? XPanelDotRestEighths256 : 0;
        return eighths > 0 && shape.Inputs % lanes == 0 && shape.Outputs % System.Math.Max(lanes, 4) == 0 ? (2 * lanes * eighths / 8) - 1 : 0;
    }

    /// <summary>
    /// Outputs per tile of a block of three vectors of rows on Vector512 (<see cref="XPanelPlan.Tile3"/>): 27 accumulators,
    /// three panel vectors, the weight's broadcast (31 registers); 0 turns blocks of more than two vectors off.
    /// </summary>
    public const int XPanelTallTile3 = 9;

    /// <summary>
    /// The same for four vectors of rows (<see cref="XPanelPlan.Tile4"/>): 24 accumulators (7 × 4 spilled one: the weight,
    /// used by four products, is broadcast into a register); 0 turns tall blocks off.
    /// </summary>
    public const int XPanelTallTile4 = 6;

    /// <summary>
    /// Tall blocks' dot-product rest, in sixteenths of a vector of rows, where W is at least <see cref="XPanelTallLargeWeights"/>
    /// bytes: a dot-product row costs about 1.6 of a block's row, one more vector of rows 16, so up to 10 rows.
    /// </summary>
    public const int XPanelTallDotSixteenths = 10;

    /// <summary>
    /// The same for smaller W, whose panels cost less per call (at (56, 784, 128) W's panels beat 8 rows by dot products):
    /// 6; longer rests take one more vector of rows or, at three whole vectors, W's panels.
    /// </summary>
    public const int XPanelTallDotSixteenthsSmall = 6;

    /// <summary>
    /// W's bytes from which <see cref="XPanelTallDotSixteenths"/>, blocks of four vectors and <see cref="XPanelPlan.LongRestByDots"/>
    /// apply: 512 KB (the (512, 512) float layer's 1 MB, not (784, 128)'s 392 KB). Below, W's panels cost little more per
    /// row than the x panel's blocks ((56, 784, 128) 57.8 µs against 59.3 with 8 rows by dot products, (60, …) 62 against 65
    /// with 12), and a block of four vectors at (64, 784, 128) (its panel of 200 KB read from L2 once per tile of 6
    /// outputs) measured 1.5–5 % slower than two of two.
    /// </summary>
    public const int XPanelTallLargeWeights = 512 * 1024;

    /// <summary>
    /// Vector512's dot-product rest: fewer than this many eighths of a block (see <see cref="XPanelDotRestRows"/>); 0 turns
    /// it off. The dot products add each output's products in another order than W's panels, so a rest row's bits depend
    /// on the batch it came in (within the bounds of the double reference); <c>Parallel = true</c> calls at these batches
    /// split the same kernel by ranges of outputs, so they keep the bits of a single-threaded call
    /// (<c>ParallelLayerTests.SameBitsAsTheSingleThreadedLayer_XAsThePanelSplitByOutputs</c>).
    /// </summary>
    public const int XPanelDotRestEighths512 = 5;

    /// <summary>Vector256's (see <see cref="XPanelDotRestRows"/>): 3 (5 rows).</summary>
    public const int XPanelDotRestEighths256 = 3;

    /// <summary>
    /// Vector512 panels for layers whose outputs fill one vector but not two (16–31 floats, 8–15 doubles), weights not
    /// packed. Measured on a 2-core AVX-512 AMD EPYC under load (min of 150–300 alternating runs in one process, dot-product
    /// tiles → panels):
    /// <list type="bullet">
    /// <item><description>Exactly one vector (16 floats, 8 doubles): one panel, tiles of <see cref="OneVectorRows512"/> rows
    /// × 1 vector, from one tile of rows. (B, 30, 16) at B = 12 / 16 / 32 / 100 / 455: 254 → 256 ns, 321 → 244 ns,
    /// 634 → 399 ns, 2.0 → 1.1 µs, 9.1–9.7 → 4.7–5.0 µs; (B, 64, 16) 272 → 275, 354 → 317, 683 → 553 ns, 2.1–2.3 → 1.6–1.8 µs,
    /// 9.5–10.4 → 7.4–8.1 µs.</description></item>
    /// <item><description>Three half vectors (24 floats, 12 doubles), the first rule (the widths after it below): one panel of two vectors, the second overlapping the
    /// first by half a vector (its width is one the transpose packs fast), tiles of 14 rows × 2 vectors like the wider
    /// panels. (B, 30, 24) at B = 16 / 24 / 32 / 100 / 455: 493 → 465, 730 → 616, 906 → 710 ns, 2.80 → 1.97 µs,
    /// 12.9 → 8.5 µs (at 8 rows, in another run, 249 → 269 ns); (B, 64, 24) at B = 16 / 24 / 32 / 100 / 455: 510 → 572, 743 → 813,
    /// 986 → 995 ns (989 → 1017 in another run), 3.05 → 2.93 µs, 13.7 → 12.7 µs. Hence from 16 rows with few inputs
    /// (<see cref="PanelFewInputs"/>), else from 2 × <see cref="PanelMinRows"/>. Two one-vector panels, the second overlapping the first, were 10 % slower at (455, 30, 24)
    /// (9.4 against 8.5 µs): every input is broadcast twice.</description></item>
    /// <item><description>Other widths of 17–31 floats (9–15 doubles) take the same two-vector panel, its second vector
    /// overlapping the first by 2·lanes − outputs, now that <c>PanelPacking</c> transposes any width with 8 × 8 blocks
    /// (the last block overlapping; it was a scalar transpose: (8, 64, 20) took 906 ns against 227): with fewer than
    /// <see cref="PanelFewInputs"/> inputs at every such width, and with more only when the overlap is at most half a
    /// vector (24–31 floats, 12–15 doubles). Measured (issue 17) on the 2-core AVX-512 EPYC under load 190, min of 60
    /// alternating runs, ratio to TensorPrimitives in one process, dot tiles → panel: (455, 30, 20) 5.0 → 6.3×,
    /// (100, 30, 20) 4.9 → 6.0×, (32, 30, 20) 5.0 → 5.5×, (455, 40, 20) 5.0 → 6.2×, (100, 40, 20) 5.1 → 6.0×,
    /// (455, 30, 17) 4.0 → 5.9×, (455, 30, 28) 4.9 → 8.2×, (100, 30, 28) 4.9 → 7.8×, (455, 64, 28) 6.7 → 7.5×; but
    /// (455, 64, 20) 6.9 → 5.6×, (100, 64, 20) 7.0 → 5.4×, (64, 64, 20) 6.9 → 5.5× (12 of 32 columns recomputed), which
    /// keep the dot tiles. Layers narrower than a vector (8–15 floats) keep them too: the Vector256 panel (12-row tiles) run on the
    /// same machine took (455, 64, 8) from 5.7 to 7.0 µs and (455, 64, 12) from 7.7 to 13.9 µs.</description></item>
    /// </list>
    /// </summary>
    private static PanelPlan? PlanNarrowPanels512(LayerShape shape, int lanes, int batch)
    {
        int unroll = shape.Inputs <= PanelFullUnrollLimit ? shape.Inputs : PanelRowMajorUnroll;
        if (shape.Outputs == lanes)
        {
            int rows = OneVectorRows512;
            return batch > 0 && batch < rows
                ? null
                : WithCarry(shape, Complete(new PanelPlan(512, lanes, rows, 1, FullPanels: 1, TailPanel: false, MinBatch: rows, unroll, Packed: null), shape.Inputs, batch), batch);
        }

        if (shape.Outputs > lanes && (shape.Inputs < PanelFewInputs || 2 * (shape.Outputs - lanes) >= lanes))
        {
            int minBatch = shape.Inputs < PanelFewInputs ? 16 : 2 * PanelMinRows;
            return batch > 0 && batch < minBatch
                ? null
                : WithCarry(shape, Complete(new PanelPlan(512, lanes, PanelTileRows(512, 2), 2, FullPanels: 1, TailPanel: false, minBatch, unroll, Packed: null, Overlap: (2 * lanes) - shape.Outputs), shape.Inputs, batch), batch);
        }

        return null;
    }

    /// <summary>
    /// Rows per tile of a one-vector panel on Vector512 (16 floats, 8 doubles): 16 accumulators + 1 panel vector +
    /// 1 broadcast, 18 of the 32 registers. Taller tiles fit (28 would fill 30) but measured no faster, on a 2-core
    /// AVX-512 AMD EPYC under load, min of 150 alternating runs in one process, at 455 rows. One run, 28 / 24 / 20 / 16
    /// rows: (30, 16) 4.96 / 4.90 / 4.89 / 4.72 µs, (64, 16) 7.88 / 7.75 / 7.58 / 7.37 µs, (30, 24) 10.13 / 10.12 /
    /// 9.82 / 9.67 µs; another, 16 / 12 / 8 rows: 4.96 / 4.92 / 5.05, 7.60 / 7.60 / 7.71, 9.48 / 9.57 / 9.67 µs; the
    /// dot-product tiles took 9.1–9.5, 9.5–9.8 and 12.9–13.1 µs. Those tiles kept a pointer per row; with every row
    /// addressed from one base register (issue 17, <c>PanelKernelEmitter.OneBaseRegister</c>) 24 rows measured no faster
    /// either: (455, 30, 16) 4.31–4.57 against 4.45–4.47 µs, the Quickstart network 4.71–4.97 against 4.87–4.88 µs (min
    /// of 300 interleaved rounds, two alternating runs each, load 50–60). The tile is bound by its multiply-adds and σ.
    /// </summary>
    private const int OneVectorRows512 = 16;


    /// <summary>
    /// Bytes of x that one block of rows may take when packed weights run every panel over one block of rows before the
    /// next (<see cref="PanelPlan.RowBlock"/>): half the 1 MB L2 of a Zen 4/5 core, so that the block and the panel
    /// streaming through it both stay there. Measured (issue 17, 2-core Zen 5 VM, load 7–64, min of 30–40 interleaved
    /// rounds, the packed kernel of a215f59 copied with and without blocks of 252 rows, 504 KB, three runs): (1024, 512,
    /// 512) 2678 / 2683 / 2575 → 2578 / 2549 / 2550 µs, (2048, 512, 512) 5435 / 5394 / 5312 → 5194 / 5183 / 5232 µs;
    /// blocks of 126 rows gained 0–2 %. See docs/benchmarks.md, "Packed weights in blocks of rows".
    /// </summary>
    internal const int PackedRowBlockBytes = 512 * 1024;

    /// <summary>
    /// The rows of x per block of a packed-weights kernel with a run-time batch (see <see cref="PanelPlan.RowBlock"/>): the
    /// most whole <see cref="PanelPlan.RowBlockRows"/> whose x fits <see cref="PackedRowBlockBytes"/>; 0 (no blocks) for a
    /// fixed batch (its panels are compiled for its row count), for a path of one panel (x is read once either way), and
    /// where one such group of rows is already larger.
    /// </summary>
    private static int PackedRowBlock(PanelPlan plan, int rowBytes, int batch)
    {
        int unit = plan.RowBlockRows;
        int block = PackedRowBlockBytes / rowBytes / unit * unit;
        return batch == 0 && plan.PanelCalls > 1 ? block : 0;
    }

    /// <summary>
    /// Rows per tile of a panel of <paramref name="vectors"/> vectors: as many as the register file holds beside the
    /// panel's vectors and the broadcast (see <see cref="PlanPanels"/>): 6 × 2 accumulators on 16 registers, 14 × 2 on 32,
    /// twice the rows for a one-vector panel on 128 and 256 bits. On Vector512, 12 rows (MLAS's height) against 14, one
    /// x pointer per tile, measured 1.5 % faster at (64, 784, 128) and 0.7 % at (256, 512, 512) in one run under load
    /// (median of 200 interleaved rounds; issue 17): within the noise, so 14 stays.
    /// </summary>
    private static int PanelTileRows(int bits, int vectors) => (bits == 512 ? 14 : 6) * (2 / vectors);

    /// <summary>
    /// What a panel plan needs from the row count (<paramref name="rows"/>, 0 at run time) and the inputs: the tiles of
    /// the rows after the last full tile, where the inner loop over the inputs ends, and which σ sweeps the entry runs.
    /// </summary>
    private static PanelPlan Complete(PanelPlan plan, int inputs, int rows)
    {
        int loopEnd = plan.InputUnroll < inputs ? inputs - (inputs % plan.InputUnroll) : 0;
        bool rest = rows == 0 || rows % plan.RowsPerTile != 0;
        bool overlap = plan.Packed is null && rest;
        int small = overlap ? SmallTileRows(plan) : 0;
        int smallUpTo = small == 0 ? 0 : ((plan.RowsPerTile - 1) / small) * small;
        bool singleRow = small > 0 && plan.Bits == 512 && plan.Vectors == 1 && (rows == 0 || rows % plan.RowsPerTile == 1);
        if (rows > 0 && (singleRow || rows % plan.RowsPerTile > smallUpTo))
        {
            small = smallUpTo = 0; // The fixed rest takes the one-row or the full tile: no small tile kind.
        }

        int balancedFrom = BalancedFrom(plan);
        int balancedUnroll = inputs <= PanelFullUnrollLimit ? plan.InputUnroll : PanelRowMajorUnroll;
        return plan with
        {
            RemainderTiles = plan.Packed is null ? EquatableArray<int>.Empty : RemainderTiles(plan.RowsPerTile, rows, balancedFrom),
            BalancedFrom = balancedFrom,
            BalancedTiles = BalancedTiles(plan.RowsPerTile, rows, balancedFrom),
            BalancedInputUnroll = balancedFrom == 0 ? 0 : balancedUnroll,
            BalancedInputLoopEnd = balancedFrom == 0 || balancedUnroll >= inputs ? 0 : inputs - (inputs % balancedUnroll),
            OverlappingLastTile = overlap,
            SmallTileRows = small,
            SmallTilesUpTo = smallUpTo,
            SingleRowRest = singleRow,
            InputLoopEnd = loopEnd,
            InputsAfterLoop = inputs - loopEnd,
            RemainderSweep = plan.DefersRemainderSigmoid && rest,
        };
    }

    /// <summary>
    /// The one small tile height of a panel whose weights are packed per call (see <see cref="PanelPlan.SmallTileRows"/>):
    /// <see cref="PanelPlan.ChainsForThroughput"/> accumulators, 8 rows of one vector or 4 of two, so that it costs about
    /// what a one-row tile costs (which waits on the FMA latency); 0 when that is not below a full tile. Until issue 16 the
    /// rest took a tile per binary digit (8, 4, 2, 1 rows: up to 4 extra kernels per path). Measured on the 2-core AVX-512
    /// EPYC under load (min of 60–200 interleaved rounds in one process, new / old, bit-identical outputs): one
    /// overlapping full tile alone for every rest, σ applied again to the shared rows, took (17, 30, 16) 1.39×,
    /// (16, 30, 20) 1.47×, (32, 64, 32) 1.24×, (32, 784, 128) 1.19× on Vector512 and (13, 30, 16) 1.19× on Vector256.
    /// With this small tile and shared rows not stored: 0.84–1.03× at every batch measured, the worst a rest of one or
    /// two rows on Vector512 ((17, 30, 16) 1.03–1.07×, (33, 30, 16) 1.02×, (16, 30, 20) 1.02×), the best (23, 30, 16)
    /// 0.84×, (35, 100, 8) on Vector256 0.83×; 455 rows and (256, 512, 512) unchanged. Tiles of 4 rows of one vector
    /// instead of 8 fixed the rest of one row but lost 7.7 % at rests of 8 and 12 ((24, 30, 16), (28, 30, 16)); so a rest
    /// of exactly one row on a one-vector Vector512 panel takes a one-row tile instead (<see cref="PanelPlan.SingleRowRest"/>).
    /// </summary>
    private static int SmallTileRows(PanelPlan plan)
    {
        int rows = PanelPlan.ChainsForThroughput / plan.Vectors;
        return rows < plan.RowsPerTile ? rows : 0;
    }

    /// <summary>
    /// The smallest height of the balanced tiles of a packed panel (<see cref="PanelPlan.BalancedFrom"/>), 0 for none: half
    /// a tile and one row (7 of 14) on Vector512's two-unit panels, whose half tiles still have 14 chains of multiply-adds.
    /// Not the lone unit's one-vector panel (8 rows would be 8 chains, and its 16-row tiles' rests were not measured), nor
    /// the 6-row tiles of Vector256 and Vector128 (3 rows × 2 vectors: 6 chains, below <see cref="PanelPlan.ChainsForThroughput"/>).
    /// The binary tiles of 1 and 2 rows read the panel (from L2 at 512 inputs) for 2–4 multiply-adds per input. Measured
    /// (issue 17, 2-core Zen 5 VM, load 22–67, builds alternated, min of 3 × 60 interleaved rounds; docs/benchmarks.md,
    /// "Balanced last tiles of packed panels"), binary → balanced: (45, 512, 512) 122.6 → 110.1 µs (82 → 90.5 % of the
    /// FMA peak), (61, 512, 512) 159.4 → 149.9, (65, 512, 512) 165.3 → 157.2, (100, 512, 512) 260.7 → 241.6,
    /// (33, 784, 128) 31.4 → 29.5; whole-tile batches and 150–300 rows even.
    /// </summary>
    private static int BalancedFrom(PanelPlan plan) =>
        plan.Packed is not null && plan.UnitsPerPanel == 2 ? (plan.RowsPerTile + 1) / 2 : 0;

    /// <summary>
    /// The heights of the balanced tiles a packed panel prints (see <see cref="PanelPlan.BalancedTiles"/>), besides its
    /// full tile: every one from <paramref name="from"/> to <c>tileRows − 1</c> for a run-time batch; for a fixed one the
    /// heights its last rows take (the halves of the last full tile and the rest, or one tile of a batch of
    /// <paramref name="from"/> to <c>tileRows − 1</c> rows).
    /// </summary>
    private static EquatableArray<int> BalancedTiles(int tileRows, int rows, int from)
    {
        var heights = new List<int>();
        if (from == 0)
        {
            return EquatableArray<int>.Empty;
        }

        if (rows == 0)
        {
            for (int h = tileRows - 1; h >= from; h--)
            {
                heights.Add(h);
            }
        }
        else if (rows < tileRows && rows >= from)
        {
            heights.Add(rows);
        }
        else if (rows > tileRows && rows % tileRows != 0)
        {
            (int first, int second) = PanelPlan.LastTwoTiles(tileRows + (rows % tileRows));
            foreach (int h in new[] { first, second })
            {
                if (h != tileRows && !heights.Contains(h))
                {
                    heights.Add(h);
                }
            }
        }

        return new EquatableArray<int>(heights);
    }

    /// <summary>
    /// Tile heights for the rows after the last full tile of <paramref name="tileRows"/>, largest first: every power of two
    /// below the tile's height for a run-time batch (<paramref name="rows"/> = 0, the panel runs the ones the rest
    /// contains), the binary digits of <c>rows % tileRows</c> for a fixed one. With balanced tiles from
    /// <paramref name="balancedFrom"/> rows, only the batches smaller than that take them.
    /// </summary>
    private static EquatableArray<int> RemainderTiles(int tileRows, int rows, int balancedFrom)
    {
        if (balancedFrom > 0 && rows >= balancedFrom)
        {
            return EquatableArray<int>.Empty;
        }

        int mask = rows == 0 ? (balancedFrom > 0 ? balancedFrom : tileRows) - 1 : rows % tileRows;
        var tiles = new List<int>();
        for (int height = 1 << 4; height >= 1; height >>= 1)
        {
            if (height < tileRows && (rows == 0 ? height <= mask : (mask & height) != 0))
            {
                tiles.Add(height);
            }
        }

        return new EquatableArray<int>(tiles);
    }

    private static PathPlan PlanScalarPath(LayerShape shape)
    {
        Sweep dot = new(shape.Inputs, 0, 1, shape.Inputs, 0, Unrolled: false);
        Sweep row = new(shape.Outputs, 0, 1, shape.Outputs, 0, Unrolled: false);
        return new PathPlan(0, 1, 1, shape.Outputs, 0, dot, row, row, SigmoidAfterAllRows: false, RowTileGroup: 1, Panels: null);
    }
}
