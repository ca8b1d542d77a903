using SigmoidGen.Tests.Interop;

namespace SigmoidGen.Tests.Networks;

/// <summary>The generated <c>SaveSafetensors</c>/<c>LoadSafetensors</c> members, which forward to <see cref="SigmoidSafetensors"/>.</summary>
public class NetworkSafetensorsTests
{
    [Fact]
    public void APyTorchFileLoadsThroughTheNetworkAndReproducesPyTorch()
    {
        TorchFixture fixture = TorchFixture.Load("mlp_30_16_1");
        var net = new BreastCancerNet();
        net.LoadSafetensors(fixture.SafetensorsPath);
        Assert.True(TorchFixture.MaxDifference(fixture.Predict(net), fixture.OutputsFloat64) <= 1e-6);
    }

    [Fact]
    public void SaveThenLoadThroughTheNetworkIsBitIdenticalWithEitherLayout()
    {
        var net = new SmallDoubleNet();
        net.Initialize(seed: 8);
        foreach (SafetensorsLayout? layout in new[] { null, SafetensorsLayout.Named("fc1", "fc2", "out"), SafetensorsLayout.Sequential("model.") })
        {
            using var stream = new MemoryStream();
            net.SaveSafetensors(stream, layout);
            stream.Position = 0;
            var loaded = new SmallDoubleNet();
            loaded.LoadSafetensors(stream, layout);
            Assert.True(loaded.Parameters.SequenceEqual(net.Parameters));
        }

        string path = Path.Combine(Path.GetTempPath(), $"sigmoidgen-{Guid.NewGuid():N}.safetensors");
        try
        {
            net.SaveSafetensors(path);
            var fromFile = new SmallDoubleNet();
            fromFile.LoadSafetensors(path);
            Assert.True(fromFile.Parameters.SequenceEqual(net.Parameters));

            // Another layout's names: rejected naming a tensor, parameters unchanged.
            var other = new SmallDoubleNet();
            Assert.Contains("fc1.weight", Assert.Throws<InvalidDataException>(() => other.LoadSafetensors(path, SafetensorsLayout.Named("fc1", "fc2", "out"))).Message);
            Assert.All(other.Parameters.ToArray(), v => Assert.Equal(0.0, v));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
