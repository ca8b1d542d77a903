using System.Text.Json;

namespace SigmoidGen.Tests.Training;

/// <summary>
/// <see cref="SigmoidSgd"/> and <see cref="SigmoidAdam"/> against trajectories computed by torch.optim itself in float64
/// (<c>tests/Fixtures/PyTorch/make_optimizer_fixtures.py</c>, output committed): the same start, the same 30 gradients,
/// the parameters after every step within 1e-12 relative.
/// </summary>
public class PyTorchOptimizerFixtureTests
{
    private const string FixturePath = "tests/Fixtures/PyTorch/optimizer_trajectories.json";

    private static readonly Lazy<JsonElement> Fixture = new(() =>
        JsonDocument.Parse(File.ReadAllText(FindFixture())).RootElement);

    public static TheoryData<string> Names() => new(OptimizerHarness.Configurations.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void DoubleTrajectoryEqualsPyTorchs(string name)
    {
        JsonElement root = Fixture.Value;
        JsonElement fixtureCase = root.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        double[] parameters = Numbers(root.GetProperty("start"));
        double[][] gradients = root.GetProperty("gradients").EnumerateArray().Select(Numbers).ToArray();
        double[][] expected = fixtureCase.GetProperty("trajectory").EnumerateArray().Select(Numbers).ToArray();
        Assert.Equal(30, expected.Length);

        // The optimizer built from the hyperparameters PyTorch ran with, which must be the harness's for this name.
        JsonElement h = fixtureCase.GetProperty("hyperparameters");
        double Get(string key, double fallback) => h.TryGetProperty(key, out JsonElement e) ? e.GetDouble() : fallback;
        string kind = fixtureCase.GetProperty("optimizer").GetString()!;
        Action<double[], double[]> step;
        if (kind == "sgd")
        {
            var options = new SgdOptions(Get("lr", 0), Get("momentum", 0), h.TryGetProperty("nesterov", out JsonElement n) && n.GetBoolean(), Get("weight_decay", 0));
            Assert.Equal(OptimizerHarness.Configurations[name], options);
            var sgd = new SigmoidSgd(options.LearningRate, options.Momentum, options.Nesterov, options.WeightDecay);
            step = (p, g) => sgd.Update(this, p, g);
        }
        else
        {
            // torch.optim.AdamW's default weight decay is 0.01; every case states it.
            var options = new AdamOptions(Get("lr", 1e-3), Get("beta1", 0.9), Get("beta2", 0.999), Get("eps", 1e-8), Get("weight_decay", 0), kind == "adamw");
            Assert.Equal(OptimizerHarness.Configurations[name], options);
            var adam = new SigmoidAdam(options.LearningRate, options.Beta1, options.Beta2, options.Epsilon, options.WeightDecay, options.Decoupled);
            step = (p, g) => adam.Update(this, p, g);
        }

        // Relative to each parameter's scale, its largest magnitude along PyTorch's trajectory so far (see
        // ReferenceOptimizer.ScaleP: a parameter crossing zero keeps the absolute rounding of that scale).
        double[] scale = parameters.Select(Math.Abs).ToArray();
        for (int t = 0; t < expected.Length; t++)
        {
            step(parameters, gradients[t]);
            for (int i = 0; i < parameters.Length; i++)
            {
                scale[i] = Math.Max(scale[i], Math.Abs(expected[t][i]));
                double error = Math.Abs(parameters[i] - expected[t][i]);
                Assert.True(
                    error <= OptimizerHarness.DoubleRelativeTolerance * scale[i],
                    $"{name}, step {t + 1}, parameter {i}: {parameters[i]:R}, PyTorch {expected[t][i]:R}, error {error:E3} (scale {scale[i]:E3}).");
            }
        }
    }

    [Fact]
    public void TheFixtureCoversEveryConfiguration()
    {
        string[] names = Fixture.Value.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(OptimizerHarness.Configurations.Keys.Order(), names.Order());
    }

    private static double[] Numbers(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    /// <summary>The fixture in the repository, found from the test assembly's directory upwards.</summary>
    private static string FindFixture()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, FixturePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{FixturePath} not found above {AppContext.BaseDirectory}.");
    }
}
