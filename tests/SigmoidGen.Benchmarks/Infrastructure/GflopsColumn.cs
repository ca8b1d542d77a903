using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SigmoidGen.Benchmarks.Infrastructure;

/// <summary>
/// Benchmarks that know how many floating-point operations one invocation performs.
/// </summary>
public interface IFlopCounted
{
    /// <summary>Floating-point operations per invocation of <paramref name="benchmarkMethod"/> with the current parameters.</summary>
    double FlopsPerInvocation(string benchmarkMethod);
}

/// <summary>A "GFLOP/s" column: flops per invocation (from <see cref="IFlopCounted"/>) divided by the median time.</summary>
public sealed class GflopsColumn : IColumn
{
    public string Id => nameof(GflopsColumn);
    public string ColumnName => "GFLOP/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Floating-point operations per second (10^9), from the median time";

    public bool IsAvailable(Summary summary) =>
        summary.BenchmarksCases.Any(c => typeof(IFlopCounted).IsAssignableFrom(c.Descriptor.Type));
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? medianNs = summary[benchmarkCase]?.ResultStatistics?.Median;
        if (medianNs is not > 0)
        {
            return "-";
        }

        // A throw-away instance with the case's parameters, asked for its flop count.
        var instance = Activator.CreateInstance(benchmarkCase.Descriptor.Type) as IFlopCounted;
        if (instance is null)
        {
            return "-";
        }

        foreach (var parameter in benchmarkCase.Parameters.Items)
        {
            benchmarkCase.Descriptor.Type.GetProperty(parameter.Name)?.SetValue(instance, parameter.Value);
            benchmarkCase.Descriptor.Type.GetField(parameter.Name)?.SetValue(instance, parameter.Value);
        }

        double flops = instance.FlopsPerInvocation(benchmarkCase.Descriptor.WorkloadMethod.Name);
        return (flops / medianNs.Value).ToString("F2", System.Globalization.CultureInfo.InvariantCulture);
    }

    public override string ToString() => ColumnName;
}
