using System.Collections.Generic;

namespace SigmoidGen.Generator.Emitting;

/// <summary>Prints the if/else chain that calls the widest SIMD path the CPU accelerates.</summary>
internal static class DispatchEmitter
{
    /// <param name="writer">Where to write.</param>
    /// <param name="paths">Widest first: the vector width in bits (0 = scalar, last) and the statement calling that path.</param>
    public static void Emit(CodeWriter writer, IEnumerable<(int Bits, string Call)> paths)
    {
        writer.Line("// IsHardwareAccelerated is a constant to the JIT: only one of these branches survives in machine code.");
        bool first = true;
        foreach ((int bits, string call) in paths)
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
                    writer.Line(call);
                }
            }

            first = false;
        }
    }
}
