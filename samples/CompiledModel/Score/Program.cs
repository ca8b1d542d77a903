using Quickstart;
using SigmoidGen;

// Compile a trained model, step 2 of 2: CancerModel's weights were compiled into this assembly from
// models/cancer.safetensors (see Score.csproj): no file to ship, no load call, no parsing at start-up.
var model = new CancerModel();
Console.WriteLine($"compiled model: {string.Join("-", CancerModel.Sizes.ToArray())}, {CancerModel.ParameterCount} parameters, embedded in {typeof(CancerModel).Assembly.GetName().Name}.dll");

// The same test rows as Train, standardised with the training rows' statistics.
var data = BreastCancer.Load(Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv"));
var (train, test) = data.Split(trainFraction: 0.8, seed: 42);
test.Standardise(train);

var probabilities = new float[test.Rows];
model.Predict(test.X, probabilities);
Console.WriteLine($"first test rows: {string.Join(" ", probabilities.Take(5).Select(p => p.ToString("F4")))}");
Console.WriteLine($"test accuracy: {model.Accuracy(test.X, test.Y):P1}");

/// <summary>The Breast Cancer network, sizes and weights from the file.</summary>
[SigmoidNetwork(Model = "cancer.safetensors")]
internal sealed partial class CancerModel
{
}
