using SigmoidGen.Generator.Model;
using SigmoidGen.Generator.Planning;

namespace SigmoidGen.Generator.Emitting;

/// <summary>
/// Prints a network kernel class (<see cref="SharedKernel"/>, one per key in a compilation, called by every network with a
/// layer of its shape and role) with a thin entry: no checks, since the network class
/// has made every one before any write (<c>NetworkChecks</c>, <c>_sgCheckTraining</c>, the optimizer's <c>BeginStep</c>
/// and the update rule's constructor) and passes references into its own parameters and workspace at offsets it
/// generates; then the one dispatch and every path's kernels. The user-facing layer methods keep their checked entries
/// (<see cref="LayerEmitter"/>).
/// </summary>
internal static class NetworkKernelEmitter
{
    public static void Emit(CodeWriter w, SharedKernel kernel)
    {
        LayerSpec spec = kernel.Spec;
        string t = spec.ElementName;
        string what = spec.Kind == LayerKind.Forward
            ? "forward pass"
            : kernel.Generic ? "training step, generic over the update rule (plain SGD or an optimizer fused)" : "training step with plain SGD";
        string layer = spec.Loss == LossKind.BinaryCrossEntropy ? "a network's last layer" : spec.HasInputGradient || spec.Kind == LayerKind.Forward ? "a network layer" : "a network's first layer";
        w.Line($"/// <summary>Kernels of {layer}'s {what}, {spec.Inputs} → {spec.Outputs}: dispatch, one kernel per SIMD path; the network classes check every argument.</summary>");
        LayerEmitter.EmitPlanRemarks(w, spec.Shape, kernel.Plan);
        w.Line(LayerEmitter.GeneratedCode);
        using (w.Block($"internal static class {kernel.ClassName}"))
        {
            LayerEmitter.EmitShapeConstants(w, spec.Shape);
            w.Line();
            if (kernel.Plan.Forward is { } forward)
            {
                w.Line("/// <summary>The layer on <paramref name=\"batch\"/> rows of <paramref name=\"x\"/> into <paramref name=\"y\"/>; its weights at <paramref name=\"at\"/> in the parameters <paramref name=\"p\"/>, its bias after them.</summary>");
                // Not inlined: each layer stays one call from _sgForward, which the JIT otherwise grows with every layer's
                // entry and one-row kernel (a 5-3-1 network's one-row Predict was 1.04x slower so, 0.85x with the attribute).
                w.Line("[MethodImpl(MethodImplOptions.NoInlining)]");
                using (w.Block($"public static void Forward(ref {t} x, ref {t} p, int at, ref {t} y, int batch)"))
                {
                    EmitParameterReferences(w, t);
                    w.Line();
                    new ForwardKernelEmitter(spec.Shape, forward, w).EmitDispatch();
                }

                new ForwardKernelEmitter(spec.Shape, forward, w).EmitPaths();
                return;
            }

            var emitter = new BackwardKernelEmitter(spec, w, kernel.WithPlainSgd);
            bool bce = spec.Loss == LossKind.BinaryCrossEntropy;
            string dx = spec.HasInputGradient ? $", ref {t} dx" : string.Empty;
            string g = bce ? "the targets" : "the gradient of the loss with respect to its outputs";
            w.Line($"/// <summary>The layer's training step on <paramref name=\"batch\"/> rows (at least one): <paramref name=\"x\"/> its inputs, <paramref name=\"y\"/> its outputs, <paramref name=\"g\"/> {g}; its weights at <paramref name=\"at\"/> in the parameters <paramref name=\"p\"/>, its bias after them{(kernel.Generic ? ", its optimizer state at the same offset in <paramref name=\"m0\"/> and <paramref name=\"v0\"/>" : string.Empty)}.</summary>");
            string signature = $"ref {t} x, ref {t} p, int at, ref {t} y, ref {t} g{dx}, int batch";
            if (kernel.Generic)
            {
                using (w.Block($"public static void TrainStep<{OptimizerEpilogue.UpdateType}>({signature}, ref {OptimizerEpilogue.UpdateType} opt, ref {t} m0, ref {t} v0) {OptimizerEpilogue.Rule(spec).Constraint}"))
                {
                    EmitParameterReferences(w, t);
                    w.Line($"ref {t} m = ref Unsafe.Add(ref m0, at);");
                    w.Line($"ref {t} v = ref Unsafe.Add(ref v0, at);");
                    EmitTrainBody(w, kernel, emitter, bce);
                }
            }
            else
            {
                using (w.Block($"public static void TrainStep({signature}, {t} rate)"))
                {
                    EmitParameterReferences(w, t);
                    EmitTrainBody(w, kernel, emitter, bce);
                }
            }

            emitter.EmitPaths(kernel.Plan.Backward);
        }
    }

    /// <summary>The layer's weights and bias within the parameters.</summary>
    private static void EmitParameterReferences(CodeWriter w, string t)
    {
        w.Line($"ref {t} w = ref Unsafe.Add(ref p, at);");
        w.Line($"ref {t} b = ref Unsafe.Add(ref w, Outputs * Inputs);");
    }

    /// <summary>The scale of the loss's gradient (for the last layer), then the dispatch.</summary>
    private static void EmitTrainBody(CodeWriter w, SharedKernel kernel, BackwardKernelEmitter emitter, bool bce)
    {
        if (bce)
        {
            string t = kernel.Spec.ElementName;
            w.Line($"{t} scale = ({t})(1.0 / ((double)batch * Outputs));");
        }

        w.Line();
        DispatchEmitter.Emit(w, emitter.DispatchCalls(kernel.Plan.Backward));
    }
}
