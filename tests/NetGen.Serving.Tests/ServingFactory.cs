using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using NetGen.Samples.Serving;

namespace NetGen.Serving.Tests;

/// <summary>The serving sample with its parameter file at <paramref name="parameterFile"/>, never in the repository.</summary>
public sealed class ServingFactory(string parameterFile) : WebApplicationFactory<Program>
{
    /// <inheritdoc/>
    protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseSetting("Serving:ParameterFile", parameterFile);
}

/// <summary>A folder under the system's temporary folder, deleted with everything in it on dispose.</summary>
public sealed class TemporaryFolder : IDisposable
{
    /// <summary>The folder's full path.</summary>
    public string Path { get; } = Directory.CreateTempSubdirectory("netgen-serving-").FullName;

    /// <inheritdoc/>
    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>All the tests, one at a time: the load test measures alone, and they share one server, trained once.</summary>
[CollectionDefinition(Name)]
public sealed class ServingCollection : ICollectionFixture<TrainedServer>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Serving";
}

/// <summary>
/// The server every test shares: started on a parameter file that does not exist yet, in a folder that does not exist
/// yet, so that it trains the network and saves it there (training once; other tests copy the file).
/// </summary>
public sealed class TrainedServer : IDisposable
{
    private readonly TemporaryFolder folder = new();

    /// <summary>Starts the in-memory server, which trains and saves the network.</summary>
    public TrainedServer()
    {
        ParameterFile = System.IO.Path.Combine(folder.Path, "models", "tumor-classifier.ngp");
        Factory = new ServingFactory(ParameterFile);
        Client = Factory.CreateClient();
    }

    /// <summary>The parameter file the server wrote.</summary>
    public string ParameterFile { get; }

    /// <summary>The standardizer file the server wrote beside it.</summary>
    public string StandardizerFile => ServingOptions.StandardizerFileBeside(ParameterFile);

    /// <summary>The application.</summary>
    public ServingFactory Factory { get; }

    /// <summary>A client of the in-memory server.</summary>
    public HttpClient Client { get; }

    /// <summary>Copies the parameter file and its standardizer into <paramref name="folder"/>, as tumor.ngp and tumor.scaler.</summary>
    /// <returns>The copy of the parameter file.</returns>
    public string CopyModelTo(TemporaryFolder folder)
    {
        var file = System.IO.Path.Combine(folder.Path, "tumor.ngp");
        File.Copy(ParameterFile, file);
        File.Copy(StandardizerFile, ServingOptions.StandardizerFileBeside(file));
        return file;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Client.Dispose();
        Factory.Dispose();
        folder.Dispose();
    }
}

/// <summary>The breast cancer data and the reference predictions, computed as training computes them, on one thread.</summary>
public static class Reference
{
    private static readonly DataSet<float> Data = DataSet<float>.LoadCsv(
        Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv"), new CsvOptions { HeaderLines = 1, Labels = LabelEncoding.Binary });

    /// <summary>The standardizer fitted on the training split, as the quickstart fits it.</summary>
    public static readonly Standardizer Standardizer = Standardizer.Fit(Data.SplitEvery(5).Train.X);

    /// <summary>Every row of the data set, raw, as clients send it.</summary>
    public static readonly float[][] Rows = Examples(Data.X);

    /// <summary>Every row's label, 0 or 1.</summary>
    public static readonly int[] Labels = Data.Y.Row(0).ToArray().Select(label => (int)label).ToArray();

    /// <summary>Every row, standardized with the training split's statistics, as the quickstart standardizes its data.</summary>
    private static readonly float[][] Standardized = Examples(StandardizedCopy(Data.X));

    /// <summary>A network read from <paramref name="parameterFile"/>, independent of the server's.</summary>
    public static TumorClassifier Load(string parameterFile)
    {
        var network = new TumorClassifier(seed: 0);
        network.Load(parameterFile);
        return network;
    }

    /// <summary>The probability for row <paramref name="row"/> predicted alone (the single-example overload).</summary>
    public static float Single(TumorClassifier network, int row)
    {
        var output = new float[1];
        network.Predict(Standardized[row], output);
        return output[0];
    }

    /// <summary>The probabilities for <paramref name="rows"/> predicted as one batch.</summary>
    public static float[] Batch(TumorClassifier network, IReadOnlyList<int> rows)
    {
        var outputs = network.Predict(Matrix<float>.FromExamples(rows.Select(i => Standardized[i]).ToArray()));
        return outputs.Row(0).ToArray();
    }

    private static Matrix<float> StandardizedCopy(Matrix<float> X)
    {
        var standardized = X.Clone();
        Standardizer.Transform(standardized);
        return standardized;
    }

    /// <summary>The columns of X, one array per example.</summary>
    private static float[][] Examples(Matrix<float> X) =>
        Enumerable.Range(0, X.Columns).Select(j => Enumerable.Range(0, X.Rows).Select(i => X[i, j]).ToArray()).ToArray();
}
