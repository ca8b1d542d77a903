using Xunit;
namespace SigmoidGen.Tests;

/// <summary>A fact that runs only when the environment variable SIGMOIDGEN_EXHAUSTIVE is "1" (it takes minutes).</summary>
public sealed class ExhaustiveFactAttribute : FactAttribute
{
    public ExhaustiveFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("SIGMOIDGEN_EXHAUSTIVE") != "1")
        {
            Skip = "Exhaustive sweep: set SIGMOIDGEN_EXHAUSTIVE=1 to run.";
        }
    }
}
