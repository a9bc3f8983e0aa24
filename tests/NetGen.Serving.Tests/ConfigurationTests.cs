using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using NetGen.Samples.Serving;

namespace NetGen.Serving.Tests;

/// <summary>Where the parameter and standardizer files come from and what the sample does with them; the settings.</summary>
[Collection(ServingCollection.Name)]
public sealed class ConfigurationTests(TrainedServer server)
{
    [Fact]
    public async Task The_first_start_trains_and_writes_the_parameter_file_and_the_training_splits_standardizer_beside_it()
    {
        // The shared server started without the files (nor their folder): it trained, and serves what it saved.
        var prediction = await PredictAsync(server.Client, row: 3);

        Assert.True(File.Exists(server.ParameterFile));
        Assert.Equal(Path.ChangeExtension(server.ParameterFile, ".scaler"), server.StandardizerFile);
        var standardizer = Standardizer.Load(server.StandardizerFile);
        Assert.Equal(Reference.Standardizer.Mean, standardizer.Mean);
        Assert.Equal(Reference.Standardizer.StandardDeviation, standardizer.StandardDeviation);
        Assert.Equal(BitConverter.SingleToInt32Bits(Reference.Single(Reference.Load(server.ParameterFile), 3)), BitConverter.SingleToInt32Bits(prediction.Probability));
        var model = await server.Client.GetFromJsonAsync("/model", ServingJsonContext.Default.ModelDescription);
        Assert.InRange(model!.TestAccuracy, 0.95, 1.0);
    }

    [Fact]
    public async Task Existing_parameter_and_standardizer_files_are_served_as_they_are_and_left_unchanged()
    {
        using var folder = new TemporaryFolder();
        var file = Path.Combine(folder.Path, "untrained.ngp");
        new TumorClassifier(seed: 7).Save(file);
        var bytes = File.ReadAllBytes(file);
        var standardizerFile = ServingOptions.StandardizerFileBeside(file);
        File.Copy(server.StandardizerFile, standardizerFile);

        using var factory = new ServingFactory(file);
        var prediction = await PredictAsync(factory.CreateClient(), row: 3);

        // An untrained network answers: the server loaded the file rather than training its own.
        Assert.Equal(BitConverter.SingleToInt32Bits(Reference.Single(new TumorClassifier(seed: 7), 3)), BitConverter.SingleToInt32Bits(prediction.Probability));
        Assert.Equal(bytes, File.ReadAllBytes(file));
        Assert.Equal(File.ReadAllBytes(server.StandardizerFile), File.ReadAllBytes(standardizerFile));
    }

    [Fact]
    public void A_parameter_file_that_does_not_load_stops_the_start_with_its_reason_and_is_not_overwritten()
    {
        using var folder = new TemporaryFolder();
        var file = Path.Combine(folder.Path, "damaged.ngp");
        File.WriteAllText(file, "not a parameter file");
        File.Copy(server.StandardizerFile, ServingOptions.StandardizerFileBeside(file));

        using var factory = new ServingFactory(file);
        var exception = Record.Exception(() => factory.CreateClient());

        Assert.IsType<InvalidDataException>(exception);
        Assert.Equal("not a parameter file", File.ReadAllText(file));
    }

    [Fact]
    public void A_standardizer_file_that_does_not_load_stops_the_start_with_its_reason_and_is_not_recomputed()
    {
        using var folder = new TemporaryFolder();
        var file = server.CopyModelTo(folder);
        var standardizerFile = ServingOptions.StandardizerFileBeside(file);
        var damaged = File.ReadAllBytes(standardizerFile);
        damaged[^9] ^= 1;   // a bit of the last deviation
        File.WriteAllBytes(standardizerFile, damaged);

        using var factory = new ServingFactory(file);
        var exception = Record.Exception(() => factory.CreateClient());

        Assert.Equal($"{standardizerFile} is corrupted: its values do not match its checksum.", Assert.IsType<InvalidDataException>(exception).Message);
        Assert.Equal(damaged, File.ReadAllBytes(standardizerFile));
        Assert.Equal(File.ReadAllBytes(server.ParameterFile), File.ReadAllBytes(file));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void One_of_the_two_files_without_the_other_stops_the_start_and_nothing_is_trained_or_written(bool keepParameterFile)
    {
        using var folder = new TemporaryFolder();
        var file = server.CopyModelTo(folder);
        var (present, missing) = keepParameterFile ? (file, ServingOptions.StandardizerFileBeside(file)) : (ServingOptions.StandardizerFileBeside(file), file);
        File.Delete(missing);
        var bytes = File.ReadAllBytes(present);

        using var factory = new ServingFactory(file);
        var exception = Record.Exception(() => factory.CreateClient());

        var notFound = Assert.IsType<FileNotFoundException>(exception);
        Assert.Equal(missing, notFound.FileName);
        Assert.StartsWith($"{present} exists, but {missing} does not: the parameter file and the standardizer are saved together after training", notFound.Message);
        Assert.False(File.Exists(missing));
        Assert.Equal(bytes, File.ReadAllBytes(present));
    }

    [Fact]
    public async Task The_batch_limit_is_a_setting()
    {
        using var folder = new TemporaryFolder();
        using var factory = new ServingFactory(server.CopyModelTo(folder)).WithWebHostBuilder(builder => builder.UseSetting("Serving:MaxBatchSize", "2"));
        var client = factory.CreateClient();
        var rows = Reference.Rows.Take(3).ToArray();

        using var three = await client.PostAsJsonAsync("/predict", new PredictRequest(null, rows), ServingJsonContext.Default.PredictRequest);
        using var two = await client.PostAsJsonAsync("/predict", new PredictRequest(null, rows[..2]), ServingJsonContext.Default.PredictRequest);

        Assert.Equal(HttpStatusCode.BadRequest, three.StatusCode);
        Assert.Contains("\"examples\" has 3 examples, but a batch holds at most 2", (await three.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Equal(HttpStatusCode.OK, two.StatusCode);
    }

    [Theory]
    [InlineData(null, null, "tumor-classifier.ngp", "tumor-classifier.scaler", 1000)]
    [InlineData("models/a.ngp", "1", "models/a.ngp", "models/a.scaler", 1)]
    [InlineData("/var/lib/netgen/a", "5000", "/var/lib/netgen/a", "/var/lib/netgen/a.scaler", 5000)]
    public void Settings_have_defaults_and_relative_paths_start_in_the_application_folder(string? file, string? size, string expectedFile, string expectedStandardizerFile, int expectedSize)
    {
        var options = ServingOptions.From(Settings(file, size));

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, expectedFile), options.ParameterFile);
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, expectedStandardizerFile), options.StandardizerFile);
        Assert.Equal(expectedSize, options.MaxBatchSize);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("many")]
    [InlineData("99999999999")]
    public void A_batch_limit_that_is_not_a_positive_integer_is_refused_with_its_value(string size)
    {
        var exception = Assert.Throws<InvalidOperationException>(() => ServingOptions.From(Settings(null, size)));

        Assert.Equal($"Serving:MaxBatchSize must be a positive integer, but it is \"{size}\".", exception.Message);
    }

    private static IConfiguration Settings(string? file, string? size) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Serving:ParameterFile"] = file, ["Serving:MaxBatchSize"] = size })
        .Build();

    private static async Task<Prediction> PredictAsync(HttpClient client, int row)
    {
        using var response = await client.PostAsJsonAsync("/predict", new PredictRequest(Reference.Rows[row], null), ServingJsonContext.Default.PredictRequest);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync(ServingJsonContext.Default.Prediction))!;
    }
}
