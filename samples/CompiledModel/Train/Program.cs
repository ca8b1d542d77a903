using Quickstart;
using SigmoidGen;

// Compile a trained model, step 1 of 2: train the 30-16-1 Breast Cancer network (as the Quickstart does) and save it
// as safetensors, the file the Score project compiles into its assembly.
//   dotnet run --project samples/CompiledModel/Train -- path/to/cancer.safetensors
//   dotnet run --project samples/CompiledModel/Score --property:ModelFile=path/to/cancer.safetensors
string path = args.Length > 0 ? args[0] : "cancer.safetensors";
var data = BreastCancer.Load(Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv"));
var (train, test) = data.Split(trainFraction: 0.8, seed: 42);
test.Standardise(train);
train.Standardise(train);

var net = new CancerNet();
net.Initialize(seed: 42);
var order = Enumerable.Range(0, train.Rows).ToArray();
var x = new float[32 * CancerNet.InputCount];
var t = new float[32];
var shuffle = new Random(7);
for (int epoch = 1; epoch <= 60; epoch++)
{
    shuffle.Shuffle(order);
    for (int start = 0; start < train.Rows; start += 32)
    {
        int rows = Math.Min(32, train.Rows - start);
        for (int r = 0; r < rows; r++)
        {
            train.X.AsSpan(order[start + r] * BreastCancer.Features, BreastCancer.Features).CopyTo(x.AsSpan(r * BreastCancer.Features));
            t[r] = train.Y[order[start + r]];
        }

        net.TrainStep(x.AsSpan(0, rows * BreastCancer.Features), t.AsSpan(0, rows), 1f);
    }
}

Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
net.SaveSafetensors(path);
Console.WriteLine($"trained: test accuracy {net.Accuracy(test.X, test.Y):P1}; saved {Path.GetFullPath(path)} ({new FileInfo(path).Length} bytes)");

/// <summary>The network trained here; the Score project declares none of its sizes, only the file.</summary>
[SigmoidNetwork(30, 16, 1)]
internal sealed partial class CancerNet
{
}
