using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using SigmoidGen.Internal;
using Xunit;

namespace SigmoidGen.Tests.Internal;

public class SplitGateTests
{
    /// <summary>
    /// Every test process splits every call that has the work for two chunks, so that the parallel tests check the split's
    /// bits and scheduling at every call, not only at calls that happen to come in a burst (<see cref="SplitGate"/>).
    /// </summary>
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "A test assembly's setting for the whole run.")]
    internal static void SplitEveryCall() => SplitGate.SplitAlways = true;

    [Theory]
    [InlineData(1, 0, true)]
    [InlineData(1, 99, true)]
    [InlineData(1, 100, false)]
    [InlineData(SplitGate.IdleMinUnits - 1, 100, false)]
    [InlineData(SplitGate.IdleMinUnits, 100, true)]
    [InlineData(SplitGate.IdleMinUnits, long.MaxValue, true)]
    [InlineData(16, long.MaxValue, false)]
    public void ACallSplitsInABurstOrWithTheWorkToWakeThePool(long units, long sinceLast, bool splits) =>
        Assert.Equal(splits, SplitGate.Splits(units, sinceLast, burstTicks: 100));
}
