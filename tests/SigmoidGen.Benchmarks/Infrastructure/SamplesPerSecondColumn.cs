using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SigmoidGen.Benchmarks.Infrastructure;

/// <summary>Benchmarks that know how many samples one invocation processes.</summary>
public interface ISampleCounted
{
    /// <summary>Samples processed by one invocation of <paramref name="benchmarkMethod"/>.</summary>
    double SamplesPerInvocation(string benchmarkMethod);
}

/// <summary>A "Samples/s" column: samples per invocation (from <see cref="ISampleCounted"/>) divided by the median time.</summary>
public sealed class SamplesPerSecondColumn : IColumn
{
    public string Id => nameof(SamplesPerSecondColumn);
    public string ColumnName => "Samples/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 1;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Samples processed per second, from the median time";

    public bool IsAvailable(Summary summary) =>
        summary.BenchmarksCases.Any(c => typeof(ISampleCounted).IsAssignableFrom(c.Descriptor.Type));
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? medianNs = summary[benchmarkCase]?.ResultStatistics?.Median;
        if (medianNs is not > 0 || Activator.CreateInstance(benchmarkCase.Descriptor.Type) is not ISampleCounted instance)
        {
            return "-";
        }

        double samples = instance.SamplesPerInvocation(benchmarkCase.Descriptor.WorkloadMethod.Name);
        return (samples / (medianNs.Value * 1e-9)).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
    }

    public override string ToString() => ColumnName;
}
