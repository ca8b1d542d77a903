using BenchmarkDotNet.Running;

namespace SigmoidGen.Benchmarks;

/// <summary>Entry point: pick benchmarks with BenchmarkDotNet's usual arguments (see docs/benchmarks.md).</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
