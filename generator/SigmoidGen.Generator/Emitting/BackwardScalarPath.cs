using System.Collections.Generic;
using System.Linq;
using SigmoidGen.Generator.Model;
using SigmoidGen.Generator.Planning;

namespace SigmoidGen.Generator.Emitting;

/// <summary>The scalar path: plain loops, one element at a time (used when no SIMD is available).</summary>
internal sealed partial class BackwardKernelEmitter
{
    private void EmitScalarPath(BackwardPathPlan path)
    {
        _w.Line($"/// <summary>Scalar path: {ForwardKernelEmitter.Xml(path.Describe(_dx))}{(_both ? "; each element updated by the rule: plain SGD or the fused optimizer" : string.Empty)}</summary>");
        _w.Line(CodeWriter.OptimizeKernel);
        using (_w.Block(PathSignature(path).Declaration))
        {
            EmitPlainRate();
            if (HasRowPass)
            {
                _w.Line("// Input gradient (with the weights before any update), row by row.");
                using (_w.Block($"for (int row = 0; row < {BatchBound}; row++)"))
                {
                    _w.Line($"ref {_t} dxr = ref Unsafe.Add(ref dx, row * Inputs);");
                    using (_w.Block("for (int i = 0; i < Inputs; i++)"))
                    {
                        _w.Line("Unsafe.Add(ref dxr, i) = 0;");
                    }

                    using (_w.Block("for (int o = 0; o < Outputs; o++)"))
                    {
                        _w.Line("int at = (row * Outputs) + o;");
                        _w.Line($"{_t} yo = Unsafe.Add(ref y, at);");
                        _w.Line($"{_t} dz = {ScalarDz("yo", "Unsafe.Add(ref g, at)")};");
                        _w.Line($"ref {_t} wo = ref Unsafe.Add(ref w, o * Inputs);");
                        using (_w.Block("for (int i = 0; i < Inputs; i++)"))
                        {
                            _w.Line("Unsafe.Add(ref dxr, i) += dz * Unsafe.Add(ref wo, i);");
                        }
                    }
                }

                _w.Line();
            }

            _w.Line(_train ? "// Bias and weights updated, output by output." : "// Bias and weight gradients, output by output.");
            using (_w.Block("for (int o = 0; o < Outputs; o++)"))
            {
                _w.Line($"{_t} s = 0;");
                using (_w.Block($"for (int row = 0; row < {BatchBound}; row++)"))
                {
                    _w.Line("int at = (row * Outputs) + o;");
                    _w.Line($"{_t} yo = Unsafe.Add(ref y, at);");
                    _w.Line($"s += {ScalarDz("yo", "Unsafe.Add(ref g, at)")};");
                }

                ByRule(() => _w.Line(_opt is not null ? _opt.ApplyBias("b", "(nuint)o", "s") : ScalarWrite(_train ? "Unsafe.Add(ref b, o)" : "Unsafe.Add(ref db, o)", "s")));
                _w.Line($"ref {_t} to = ref Unsafe.Add(ref {(_train ? "w" : "dw")}, o * Inputs);");
                foreach (string line in _opt?.RowReferences("o", string.Empty, "o * Inputs") ?? Enumerable.Empty<string>())
                {
                    _w.Line(line);
                }

                using (_w.Block("for (int i = 0; i < Inputs; i++)"))
                {
                    _w.Line($"{_t} sum = 0;");
                    using (_w.Block($"for (int row = 0; row < {BatchBound}; row++)"))
                    {
                        _w.Line("int at = (row * Outputs) + o;");
                        _w.Line($"{_t} yo = Unsafe.Add(ref y, at);");
                        _w.Line($"sum += {ScalarDz("yo", "Unsafe.Add(ref g, at)")} * Unsafe.Add(ref x, (row * Inputs) + i);");
                    }

                    ByRule(() => _w.Line(_opt is not null ? _opt.Apply("to", "o", "(nuint)i", "sum") : ScalarWrite("Unsafe.Add(ref to, i)", "sum")));
                }
            }
        }
    }

    private string ScalarWrite(string target, string value) =>
        _train ? $"{target} -= rate * {value};" : _spec.Accumulate ? $"{target} += {value};" : $"{target} = {value};";
}
