// What a user does with NetGen, checked: declare, train, predict, save, load. Exits with 1 on the first wrong answer;
// tools/package/test-consumer.sh runs it under the JIT and as a Native AOT binary.
using System.Runtime.Intrinsics.X86;
using NetGen;

var failures = 0;
void Check(bool condition, string what)
{
    Console.WriteLine($"{(condition ? "ok  " : "FAIL")} {what}");
    failures += condition ? 0 : 1;
}

// A problem small enough to train in well under a second: the class is 1 inside the unit circle. X is features × examples.
const int Examples = 512;
var random = new Random(7);
var X = new Matrix<float>(2, Examples);
var Y = new Matrix<float>(1, Examples);
for (var j = 0; j < Examples; j++)
{
    var (x0, x1) = (random.NextSingle() * 3 - 1.5f, random.NextSingle() * 3 - 1.5f);
    (X[0, j], X[1, j], Y[0, j]) = (x0, x1, x0 * x0 + x1 * x1 < 1 ? 1 : 0);
}

Console.WriteLine($"{nameof(Circle)}: {Circle.Architecture}, {Circle.ParameterCount} parameters");

// Under the JIT the kernels take the widest vectors the CPU has; a Native AOT build fixes them at publish time, and
// the package makes x64 builds target AVX2 (buildTransitive/NetGen.targets) rather than 128-bit SSE.
Check(Acceleration.VectorBits >= 256 || !Avx2.IsSupported, $"the kernels run with {Acceleration.VectorBits}-bit vectors");

var network = new Circle(seed: 1);
var history = network.Fit(X, Y, new TrainingOptions { Optimizer = new Adam(learningRate: 0.01), Epochs = 60, BatchSize = 32, Seed = 1 });
var cost = history.Epochs[^1].TrainingCost;
Check(history.Epochs.Count == 60 && double.IsFinite(cost) && cost < 0.2, $"trained 60 epochs: final cost {cost:F4} < 0.2");

var evaluation = network.Evaluate(X, Y);
Check(evaluation.Classification!.Accuracy >= 0.95, $"evaluated: {evaluation}");
var classes = network.PredictClasses(X);
var correct = Enumerable.Range(0, Examples).Count(j => classes[j] == (int)Y[0, j]);
var confusion = evaluation.Classification.ConfusionMatrix!;
Check(correct == confusion[0, 0] + confusion[1, 1], $"PredictClasses agrees with the confusion matrix: {correct} of {Examples} correct");
var predictions = network.Predict(X);

Span<float> one = stackalloc float[Circle.OutputSize];
network.Predict([0.1f, -0.2f], one);
Check(one[0] > 0.5f, $"the origin's neighbour is inside: {one[0]:F3}");

var path = Path.Combine(Path.GetTempPath(), $"netgen-consumer-{Environment.ProcessId}.bin");
try
{
    network.Save(path);
    var loaded = new Circle(seed: 2);
    loaded.Load(path);
    Check(loaded.Predict(X).AsSpan().SequenceEqual(predictions.AsSpan()), "saved and loaded: the same predictions, bit for bit");

    // ONNX export: Google.Protobuf's code in this program too, which the Native AOT publish must compile without warnings.
    network.ExportOnnx(path);
    var model = File.ReadAllBytes(path);
    Check(model.Length > Circle.ParameterCount * sizeof(float) && model.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(Circle.Architecture)) >= 0,
        $"exported to ONNX: {model.Length} bytes, with the architecture in its metadata");
}
finally
{
    File.Delete(path);
}

// A model trained by PyTorch, compiled in at build time: classifier.onnx is an AdditionalFiles item, which the package's
// buildTransitive/NetGen.targets hands to the compiler. No file is read at run time, under the JIT or Native AOT. The
// first example of tests/NetGen.IntegrationTests/Interop/classifier-reference.csv, with PyTorch's outputs.
var imported = new PyTorchClassifier();
var example = new Matrix<float>(4, 1, [1.86798716f, -0.125437632f, -0.655687571f, 0.0480868816f]);
var fromPyTorch = new[] { 0.992716491f, 0.000357779063f, 0.00692581758f };
var output = imported.Predict(example);
var difference = Enumerable.Range(0, 3).Max(k => Math.Abs(output[k, 0] - fromPyTorch[k]));
Check(difference <= 1e-5f, $"the PyTorch model compiled in predicts what PyTorch predicted (largest difference {difference:G3})");

Console.WriteLine(failures == 0 ? "all checks passed" : $"{failures} checks failed");
return failures == 0 ? 0 : 1;

[Network(Inputs = 2)]
[Dense(16, Activation.ReLU)]
[Dense(8, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
public partial class Circle;

[Network(Inputs = 4, Weights = "classifier.onnx")]
[Dense(16, Activation.ReLU)]
[Dense(8, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class PyTorchClassifier;
