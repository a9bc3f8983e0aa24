using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using NetGen.Samples;
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

    /// <summary>The application.</summary>
    public ServingFactory Factory { get; }

    /// <summary>A client of the in-memory server.</summary>
    public HttpClient Client { get; }

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
    /// <summary>Every row of the data set, raw, as clients send it.</summary>
    public static readonly DataSet Raw = DataSet.LoadCsv(Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv"), headerLines: 1);

    /// <summary>Every row, standardized with the training split's statistics, as the quickstart standardizes its data.</summary>
    public static readonly DataSet Standardized = Raw.StandardizeWith(Raw.Split().Train);

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
        network.Predict(Standardized.Features[row], output);
        return output[0];
    }

    /// <summary>The probabilities for <paramref name="rows"/> predicted as one batch.</summary>
    public static float[] Batch(TumorClassifier network, IReadOnlyList<int> rows)
    {
        var outputs = network.Predict(Matrix<float>.FromExamples(rows.Select(i => Standardized.Features[i]).ToArray()));
        return Enumerable.Range(0, outputs.Columns).Select(j => outputs[0, j]).ToArray();
    }
}
