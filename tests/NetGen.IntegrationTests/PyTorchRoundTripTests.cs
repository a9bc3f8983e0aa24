using System.Globalization;

namespace NetGen.IntegrationTests;

/// <summary>4 → 16 ReLU → 8 Tanh → 3 Softmax, trained by PyTorch and exported with nn.Linear (Gemm, W as [out, in]).</summary>
[Network(Inputs = 4, Weights = "Interop/classifier.onnx")]
[Dense(16, Activation.ReLU)]
[Dense(8, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class PyTorchClassifier;

/// <summary>4 → 6 LeakyReLU(0.2) → 1 Sigmoid, trained by PyTorch as x @ W + b (MatMul + Add, W as [in, out]).</summary>
[Network(Inputs = 4, Weights = "Interop/regressor.onnx")]
[Dense(6, Activation.LeakyReLU, Slope = 0.2)]
[Dense(1, Activation.Sigmoid)]
public partial class PyTorchRegressor;

/// <summary>The regressor again, from the NetGen parameter file that <c>new PyTorchRegressor().Save(…)</c> wrote.</summary>
[Network(Inputs = 4, Weights = "Interop/regressor.ngparams")]
[Dense(6, Activation.LeakyReLU, Slope = 0.2)]
[Dense(1, Activation.Sigmoid)]
public partial class SavedRegressor;

/// <summary>
/// The PyTorch round trip: models trained and exported by tools/interop/train-pytorch.py are compiled in with
/// <c>[Network(Weights = …)]</c>, predict what PyTorch predicted on the same inputs, and train on from there.
/// </summary>
public class PyTorchRoundTripTests
{
    /// <summary>float32 arithmetic in another order (PyTorch's kernels and NetGen's) differs in the last bits only.</summary>
    private const float Tolerance = 1e-5f;

    [Fact]
    public void Classifier_exported_as_Gemm_predicts_what_PyTorch_predicted() =>
        AssertMatchesPyTorch(new PyTorchClassifier(), "classifier-reference.csv");

    [Fact]
    public void Regressor_exported_as_MatMul_and_Add_predicts_what_PyTorch_predicted() =>
        AssertMatchesPyTorch(new PyTorchRegressor(), "regressor-reference.csv");

    [Fact]
    public void The_seed_constructor_still_initializes_randomly()
    {
        var imported = new PyTorchClassifier();
        var random = new PyTorchClassifier(seed: 0);
        Assert.NotEqual(imported.W1.AsSpan().ToArray(), random.W1.AsSpan().ToArray());
        Assert.All(random.b1.AsSpan().ToArray(), b => Assert.Equal(0f, b));
        Assert.Contains(imported.b1.AsSpan().ToArray(), b => b != 0f);
    }

    [Fact]
    public void Fine_tuning_the_imported_classifier_starts_from_PyTorchs_accuracy_and_keeps_it()
    {
        var (X, classes, _) = TrainingSet();
        var network = new PyTorchClassifier();
        var before = network.Evaluate(X, classes);
        var history = network.Fit(X, classes, new TrainingOptions { Optimizer = new Adam(0.001), Epochs = 5, BatchSize = 32, Seed = 1 });
        var after = network.Evaluate(X, classes);

        Assert.True(before.Metric >= 0.95, $"accuracy {before.Metric} straight from PyTorch");
        Assert.True(history.Epochs[^1].TrainingCost <= history.Epochs[0].TrainingCost * 1.05, "fine-tuning diverged");
        Assert.True(after.Metric >= before.Metric - 0.02, $"accuracy {before.Metric} → {after.Metric}");
    }

    [Fact]
    public void A_NetGen_parameter_file_compiles_in_the_parameters_it_was_saved_with()
    {
        // Interop/regressor.ngparams is new PyTorchRegressor() saved by NetGen; NETGEN_WRITE_INTEROP=1 writes it again.
        var source = new PyTorchRegressor();
        var file = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "Interop", "regressor.ngparams");
        if (Environment.GetEnvironmentVariable("NETGEN_WRITE_INTEROP") == "1")
        {
            source.Save(file);
        }

        var saved = new SavedRegressor();
        Assert.Equal(source.Parameters.Count, saved.Parameters.Count);
        for (var p = 0; p < source.Parameters.Count; p++)
        {
            Assert.Equal(source.Parameters[p].AsSpan().ToArray(), saved.Parameters[p].AsSpan().ToArray());
        }
    }

    private static void AssertMatchesPyTorch<TNetwork>(TNetwork network, string reference)
        where TNetwork : INetwork<float>
    {
        var rows = ReadCsv(reference);
        var m = rows.Length;
        var X = new Matrix<float>(network.InputSize, m);
        for (var j = 0; j < m; j++)
        {
            for (var i = 0; i < network.InputSize; i++)
            {
                X[i, j] = rows[j][i];
            }
        }

        var predictions = network.Predict(X);
        var largest = 0f;
        for (var j = 0; j < m; j++)
        {
            for (var k = 0; k < network.OutputSize; k++)
            {
                largest = Math.Max(largest, Math.Abs(predictions[k, j] - rows[j][network.InputSize + k]));
            }
        }

        Console.WriteLine($"{typeof(TNetwork).Name}: largest difference from PyTorch {largest:G3} over {m} examples");
        Assert.True(largest <= Tolerance, $"largest difference from PyTorch {largest}");
    }

    /// <summary>The training set: X (4 × m), the classes one-hot (3 × m), and the binary target (1 × m).</summary>
    private static (Matrix<float> X, Matrix<float> Classes, Matrix<float> Binary) TrainingSet()
    {
        var rows = ReadCsv("train.csv");
        var m = rows.Length;
        var (X, classes, binary) = (new Matrix<float>(4, m), new Matrix<float>(3, m), new Matrix<float>(1, m));
        for (var j = 0; j < m; j++)
        {
            for (var i = 0; i < 4; i++)
            {
                X[i, j] = rows[j][i];
            }

            classes[(int)rows[j][4], j] = 1;
            binary[0, j] = rows[j][5];
        }

        return (X, classes, binary);
    }

    private static float[][] ReadCsv(string name) =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Interop", name))
            .Select(line => line.Split(',').Select(cell => float.Parse(cell, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
}
