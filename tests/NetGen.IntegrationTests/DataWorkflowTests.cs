using System.Runtime.CompilerServices;
using NetGen;

namespace NetGen.IntegrationTests;

/// <summary>The data path a user takes on the real breast cancer file: load, split, standardize, train, save, predict raw data.</summary>
public sealed class DataWorkflowTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("netgen-workflow-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_network_saved_with_its_standardizer_predicts_raw_inputs_in_one_call()
    {
        var data = DataSet<float>.LoadCsv(SampleData("breast_cancer.csv"), new CsvOptions { HeaderLines = 1, Labels = LabelEncoding.Binary });
        var (train, test) = data.SplitEvery(5);
        var rawTest = test.X.Clone();
        var standardizer = Standardizer.Fit(train.X);
        standardizer.Transform(train.X);
        standardizer.Transform(test.X);
        var network = new Textbook(seed: 1);
        network.Fit(train.X, train.Y, new TrainingOptions { Optimizer = new Adam(0.01), Epochs = 30, BatchSize = 32 });
        network.Save(Path.Combine(folder, "model.ngp"));
        standardizer.Save(Path.Combine(folder, "model.scaler"));

        var restored = new Textbook(seed: 2);
        restored.Load(Path.Combine(folder, "model.ngp"));
        var predicted = restored.Predict(rawTest, Standardizer.Load(Path.Combine(folder, "model.scaler")));

        Assert.Equal(network.Predict(test.X).AsSpan().ToArray(), predicted.AsSpan().ToArray());
        var correct = Enumerable.Range(0, test.Count).Count(j => (predicted[0, j] >= 0.5f) == (test.Y[0, j] == 1));
        // Logistic regression reaches 0.965 on this split (samples/data/README.md).
        Assert.True(correct >= 0.93 * test.Count, $"test accuracy {correct} / {test.Count}");
    }

    private static string SampleData(string name, [CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "samples", "data", name));
}
