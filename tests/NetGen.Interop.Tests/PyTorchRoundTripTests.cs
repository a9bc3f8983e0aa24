using System.Globalization;
using Xunit.Abstractions;

namespace NetGen.Interop.Tests;

/// <summary>4 → 16 ReLU → 8 Tanh → 3 Softmax, trained and exported by PyTorch (tools/interop/train-pytorch.py).</summary>
[Network(Inputs = 4, Weights = "classifier.onnx")]
[Dense(16, Activation.ReLU)]
[Dense(8, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class PyTorchClassifier;

/// <summary>
/// The whole round trip: a model trained in PyTorch, compiled in with <c>Weights</c> (its predictions against
/// PyTorch's are checked in the integration tests), fine-tuned by NetGen, exported again, and run by ONNX Runtime.
/// </summary>
public sealed class PyTorchRoundTripTests(ITestOutputHelper output)
{
    [Fact]
    public void A_PyTorch_model_fine_tuned_by_NetGen_runs_in_ONNX_Runtime_as_NetGen_predicts()
    {
        var (X, Y) = TrainingSet();
        var network = new PyTorchClassifier();
        var before = network.Evaluate(X, Y);
        network.Fit(X, Y, new TrainingOptions { Optimizer = new Adam(0.001), Epochs = 5, BatchSize = 32, Seed = 1 });
        var parametersChanged = !network.W1.AsSpan().SequenceEqual(new PyTorchClassifier().W1.AsSpan());
        var after = network.Evaluate(X, Y);

        var expected = network.Predict(X);
        var actual = OnnxExportTests.RunInOnnxRuntime(network, X);
        var (largest, correct) = (0f, 0);
        for (var j = 0; j < X.Columns; j++)
        {
            var (predicted, label) = (0, 0);
            for (var k = 0; k < PyTorchClassifier.OutputSize; k++)
            {
                var a = actual[(j * PyTorchClassifier.OutputSize) + k];
                largest = Math.Max(largest, Math.Abs(a - expected[k, j]));
                predicted = a > actual[(j * PyTorchClassifier.OutputSize) + predicted] ? k : predicted;
                label = Y[k, j] == 1 ? k : label;
            }

            correct += predicted == label ? 1 : 0;
        }

        var onnxAccuracy = (double)correct / X.Columns;
        output.WriteLine($"accuracy from PyTorch {before.Metric:F4}, after fine-tuning {after.Metric:F4}, ONNX Runtime's {onnxAccuracy:F4}; largest |ONNX Runtime − NetGen| {largest:E2}");
        Assert.True(parametersChanged, "fine-tuning left the parameters as PyTorch trained them");
        Assert.True(largest <= 1e-5f, $"ONNX Runtime differs from NetGen by {largest}");
        Assert.Equal(after.Metric, onnxAccuracy);
        Assert.True(after.Metric >= before.Metric - 0.02, $"accuracy {before.Metric} → {after.Metric}");
    }

    /// <summary>train.csv: four features, the class (0–2) and a binary target per row; X is 4 × m, Y the classes one-hot.</summary>
    private static (Matrix<float> X, Matrix<float> Y) TrainingSet()
    {
        var rows = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Interop", "train.csv"))
            .Select(line => line.Split(',').Select(cell => float.Parse(cell, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
        var (X, Y) = (new Matrix<float>(4, rows.Length), new Matrix<float>(3, rows.Length));
        for (var j = 0; j < rows.Length; j++)
        {
            for (var i = 0; i < 4; i++)
            {
                X[i, j] = rows[j][i];
            }

            Y[(int)rows[j][4], j] = 1;
        }

        return (X, Y);
    }
}
