using System;
using System.Text;

namespace SigmoidGen.Generator.Emitting;

/// <summary>A small indenting text writer; <see cref="Block"/> opens a brace and closes it when disposed.</summary>
internal sealed class CodeWriter
{
    /// <summary>
    /// Put on every kernel method: compiled straight to optimised code, so the first calls do not run unoptimised
    /// (tier-0) SIMD code with every vector helper called rather than inlined.
    /// </summary>
    public const string OptimizeKernel = "[MethodImpl(MethodImplOptions.AggressiveOptimization)]";

    private readonly StringBuilder _text = new();
    private int _indent;

    public CodeWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4);
            _text.Append(line);
        }

        _text.Append('\n');
        return this;
    }

    public BlockScope Block(string? header = null, string close = "}")
    {
        if (header is not null)
        {
            Line(header);
        }

        Line("{");
        _indent++;
        return new BlockScope(this, close);
    }

    public override string ToString() => _text.ToString();

    internal readonly struct BlockScope : IDisposable
    {
        private readonly CodeWriter _writer;
        private readonly string _close;

        public BlockScope(CodeWriter writer, string close)
        {
            _writer = writer;
            _close = close;
        }

        public void Dispose()
        {
            _writer._indent--;
            _writer.Line(_close);
        }
    }
}
