// NetGen serving: the quickstart's network behind an ASP.NET Core minimal API. One network instance answers every
// request; prediction is safe from any number of threads at once (docs/reliability.md, "Concurrency").
using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using NetGen.Samples.Serving;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ServingJsonContext.Default));
builder.Services.AddProblemDetails();
builder.Services.AddSingleton(services => ServingOptions.From(services.GetRequiredService<IConfiguration>()));
builder.Services.AddSingleton(services =>
{
    var settings = services.GetRequiredService<ServingOptions>();
    return TumorModel.LoadOrTrain(
        settings.ParameterFile,
        settings.StandardizerFile,
        Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv"),
        services.GetRequiredService<ILoggerFactory>().CreateLogger("NetGen.Samples.Serving").LogModel);
});

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();

// Loaded (or trained) before the first request, so that a bad parameter or standardizer file stops the start with its message.
var model = app.Services.GetRequiredService<TumorModel>();
var options = app.Services.GetRequiredService<ServingOptions>();

var description = new ModelDescription(
    nameof(TumorClassifier), TumorClassifier.Architecture, TumorClassifier.InputSize,
    TumorClassifier.Layers.Select(layer => new LayerDescription(layer.Kind, layer.Units, layer.Activation, layer.ParameterCount)).ToArray(),
    TumorClassifier.ParameterCount, TumorModel.ClassNames,
    "probability: the probability that the tumor is benign (class 1); class: 1 when probability > 0.5, else 0",
    model.TestAccuracy, options.MaxBatchSize);

app.MapPost("/predict", PredictEndpoint.Handle);
app.MapGet("/model", () => description);

app.Lifetime.ApplicationStarted.Register(() =>
{
    // The in-memory test server has no addresses: only a real server prints.
    var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
    if (url is not null)
    {
        var features = string.Join(",", model.Example.Select(value => value.ToString(CultureInfo.InvariantCulture)));
        Console.WriteLine($"Serving {TumorClassifier.Architecture} (test accuracy {model.TestAccuracy:F4}) at {url}");
        Console.WriteLine($"Try: curl -s {url}/predict -H 'Content-Type: application/json' -d '{{\"features\":[{features}]}}'");
    }
});

app.Run();

/// <summary>Logging of the sample.</summary>
internal static partial class Log
{
    /// <summary>Logs how the model came to be: loaded, or trained and saved.</summary>
    [LoggerMessage(Level = LogLevel.Information, Message = "{What}")]
    public static partial void LogModel(this ILogger logger, string what);
}
