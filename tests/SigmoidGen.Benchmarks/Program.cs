using BenchmarkDotNet.Running;
using SigmoidGen.Benchmarks.Infrastructure.Chart;

namespace SigmoidGen.Benchmarks;

/// <summary>Entry point: pick benchmarks with BenchmarkDotNet's usual arguments (see docs/benchmarks.md).</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        // `--chart <resultsDir> <output.svg|.png> [--title "machine, date"]` runs no benchmark: it draws GFLOP/s per
        // shape and method from the report CSVs of a finished run (Infrastructure/Chart/ChartCommand.cs;
        // docs/benchmarks.md, "Regenerating the chart").
        if (args.Length > 0 && args[0] == ChartCommand.Switch)
        {
            return ChartCommand.Run(args[1..]);
        }

        // `--overhead [rounds] [rows]`: the network's one-row overhead against its layers, interleaved (Network/NetworkOverheadHarness.cs).
        if (args.Length > 0 && args[0] == Network.NetworkOverheadHarness.Switch)
        {
            return Network.NetworkOverheadHarness.Run(args[1..]);
        }

        // `--interleaved-layer-optimizers [rounds]`: issue 19's layer steps timed in turn with a Stopwatch
        // (Training/InterleavedLayerOptimizerSteps.cs), for a host too loaded for BenchmarkDotNet's separate methods.
        if (args.Length > 0 && args[0] == Training.InterleavedLayerOptimizerSteps.Switch)
        {
            return Training.InterleavedLayerOptimizerSteps.Run(args[1..]);
        }

        // `--interleaved-network-optimizers [rounds]`: issue 19's network steps and Quickstart Adam epochs, likewise
        // (Training/InterleavedNetworkOptimizerSteps.cs).
        if (args.Length > 0 && args[0] == Training.InterleavedNetworkOptimizerSteps.Switch)
        {
            return Training.InterleavedNetworkOptimizerSteps.Run(args[1..]);
        }

        // `--interleaved-narrow [rounds]`: issue 17's narrow and one-row layers timed in turn (Layers/InterleavedNarrowLayers.cs).
        if (args.Length > 0 && args[0] == Layers.InterleavedNarrowLayers.Switch)
        {
            return Layers.InterleavedNarrowLayers.Run(args[1..]);
        }

        // `--interleaved-large [rounds] [BxIxO,...]`: issue 17's large layers against ONNX Runtime and the FMA peak, interleaved (Layers/InterleavedLargeLayers.cs).
        if (args.Length > 0 && args[0] == Layers.InterleavedLargeLayers.Switch)
        {
            return Layers.InterleavedLargeLayers.Run(args[1..]);
        }

        // `--interleaved-ort [rounds] [cases]`: ours against ONNX Runtime in turn, for a loaded host (Network/InterleavedOnnxRuntime.cs).
        if (args.Length > 0 && args[0] == Network.InterleavedOnnxRuntime.Switch)
        {
            return Network.InterleavedOnnxRuntime.Run(args[1..]);
        }

        // `--interleaved-parallel [rounds] [burstMs]`: one thread against Parallel = true in long bursts, in turn (Layers/InterleavedParallelLayers.cs).
        if (args.Length > 0 && args[0] == Layers.InterleavedParallelLayers.Switch)
        {
            return Layers.InterleavedParallelLayers.Run(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
