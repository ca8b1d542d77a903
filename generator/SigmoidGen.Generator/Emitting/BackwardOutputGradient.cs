using System.Collections.Generic;
using System.Linq;
using SigmoidGen.Generator.Model;
using SigmoidGen.Generator.Planning;

namespace SigmoidGen.Generator.Emitting;

/// <summary>The output gradient dz = ∂L/∂z (from the output and its gradient, or the target and the loss scale), as text and as sweeps.</summary>
internal sealed partial class BackwardKernelEmitter
{
    private string DzFormula => _bce ? "(y − target)·scale" : "outputGradient·y·(1 − y)";

    /// <summary>
    /// dz from y and the target or output gradient, on scalars or vectors (per <paramref name="v"/>): the same operations
    /// in the same order. <paramref name="scale"/> names a broadcast of the loss scale already made, if any.
    /// </summary>
    private string Dz(VectorText v, string y, string g, string? scale = null) =>
        _bce ? $"({y} - {g}) * {scale ?? v.Broadcast("scale")}" : $"{g} * {y} * ({v.One} - {y})";

    private string ScalarDz(string y, string g) => Dz(new VectorText(0, _t), y, g);

    private void EmitDzSweep(Sweep sweep)
    {
        var v = new VectorText(sweep.Bits, _t);
        if (sweep.IsScalar)
        {
            using (_w.Block($"for (int k = 0; k < {sweep.Length}; k++)"))
            {
                _w.Line($"{_t} yk = Unsafe.Add(ref y0, k);");
                _w.Line($"Unsafe.Add(ref d, k) = {ScalarDz("yk", "Unsafe.Add(ref g0, k)")};");
            }

            return;
        }

        if (_bce)
        {
            _w.Line($"{v.Type} scaleV = {v.Broadcast("scale")};");
        }

        void Step(string offset)
        {
            _w.Line($"{v.Type} yv = {v.Load("y0", offset)};");
            _w.Line(v.Store(Dz(v, "yv", v.Load("g0", offset), "scaleV"), "d", offset));
        }

        if (sweep.Unrolled)
        {
            for (int s = 0; s < sweep.FullSteps; s++)
            {
                using (_w.Block())
                {
                    Step((s * sweep.Lanes).ToString());
                }
            }
        }
        else
        {
            using (_w.Block($"for (nuint k = 0; k < {sweep.FullSteps * sweep.Lanes}; k += {sweep.Lanes})"))
            {
                Step("k");
            }
        }

        if (sweep.TailLanes > 0)
        {
            _w.Line("// The last vector overlaps the previous one; it writes the same values there.");
            using (_w.Block())
            {
                Step(sweep.TailOffset.ToString());
            }
        }
    }

    /// <summary>The grouped pass 1's kernel of dz over a run of values (<see cref="DzSignature"/>).</summary>
    private void EmitDzKernel(BackwardPathPlan path)
    {
        var v = new VectorText(path.Inputs.Bits, _t);
        int lanes = path.Inputs.Lanes;
        _w.Line($"/// <summary>dz = {DzFormula} for <c>count</c> consecutive values.{Shared}</summary>");
        _w.Line(CodeWriter.OptimizeKernel);
        using (_w.Block(DzSignature(path).Declaration))
        {
            if (_bce)
            {
                _w.Line($"{v.Type} scaleV = {v.Broadcast("scale")};");
            }

            _w.Line("int k = 0;");
            using (_w.Block($"for (; k + {lanes} <= count; k += {lanes})"))
            {
                _w.Line($"{v.Type} yv = {v.Load("y0", "(nuint)k")};");
                _w.Line(v.Store(Dz(v, "yv", v.Load("g0", "(nuint)k"), "scaleV"), "d", "(nuint)k"));
            }

            using (_w.Block("for (; k < count; k++)"))
            {
                _w.Line($"{_t} yk = Unsafe.Add(ref y0, k);");
                _w.Line($"Unsafe.Add(ref d, k) = {ScalarDz("yk", "Unsafe.Add(ref g0, k)")};");
            }
        }
    }
}
