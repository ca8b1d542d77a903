using System.Collections.Generic;
using System.Linq;

namespace SigmoidGen.Generator.Emitting;

/// <summary>Prints the if/else chain that calls the widest SIMD path the CPU accelerates.</summary>
internal static class DispatchEmitter
{
    /// <param name="writer">Where to write.</param>
    /// <param name="paths">
    /// Widest first: the vector width in bits (0 = scalar, last), the statement calling that path, and the statement
    /// calling its one-row kernel when a batch of exactly one row (a runtime <c>batch</c>) should go straight there.
    /// </param>
    public static void Emit(CodeWriter writer, IReadOnlyList<(int Bits, string Call, string? OneRowCall)> paths)
    {
        writer.Line("// IsHardwareAccelerated is a constant to the JIT: only one of these branches survives in machine code.");
        if (paths.Any(p => p.OneRowCall is not null))
        {
            writer.Line("// A batch of one row calls its row kernel directly: the path method's loops and stack frame cost as much as the row.");
        }

        bool first = true;
        foreach ((int bits, string call, string? oneRowCall) in paths)
        {
            if (bits == 0 && first)
            {
                writer.Line(call);
            }
            else
            {
                string header = bits == 0 ? "else" : $"{(first ? "if" : "else if")} (Vector{bits}.IsHardwareAccelerated)";
                using (writer.Block(header))
                {
                    EmitCall(writer, call, oneRowCall);
                }
            }

            first = false;
        }
    }

    private static void EmitCall(CodeWriter writer, string call, string? oneRowCall)
    {
        if (oneRowCall is null)
        {
            writer.Line(call);
            return;
        }

        using (writer.Block("if (batch == 1)"))
        {
            writer.Line(oneRowCall);
        }

        using (writer.Block("else"))
        {
            writer.Line(call);
        }
    }
}
