using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace NetGen.Samples.Serving;

/// <summary>
/// <c>POST /predict</c>: reads the body itself, so that every malformed request gets a 400 whose ProblemDetails say what
/// was expected and what came.
/// </summary>
public static class PredictEndpoint
{
    /// <summary>The title of every ProblemDetails answer to a request that is not a valid prediction request.</summary>
    public const string ProblemTitle = "Invalid prediction request";

    /// <summary>Answers one request: a <see cref="Prediction"/> for one example, a <see cref="BatchPrediction"/> for a batch.</summary>
    public static async Task<Results<Ok<Prediction>, Ok<BatchPrediction>, ProblemHttpResult>> Handle(
        HttpRequest request, TumorModel model, ServingOptions options)
    {
        PredictRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(request.Body, ServingJsonContext.Default.PredictRequest, request.HttpContext.RequestAborted);
        }
        catch (JsonException exception)
        {
            return Problem($"The body is not a valid prediction request: {exception.Message} {Expected(options)}");
        }
        catch (BadHttpRequestException exception)
        {
            // Kestrel's limits, such as a body larger than MaxRequestBodySize (413).
            return Problem(exception.Message, exception.StatusCode);
        }

        if (Check(body, options) is { } problem)
        {
            return Problem(problem);
        }

        // Check has ruled out a null body and null examples.
        return body!.Features is { } features
            ? TypedResults.Ok(model.Predict(features))
            : TypedResults.Ok(new BatchPrediction(model.PredictBatch(body.Examples!)));
    }

    /// <summary>What is wrong with a parsed request, or null when it holds one example or 1 to MaxBatchSize of them, each of n[0] finite numbers.</summary>
    private static string? Check(PredictRequest? body, ServingOptions options) => body switch
    {
        null => $"The body is JSON null. {Expected(options)}",
        { Features: null, Examples: null } => $"The request has neither \"features\" nor \"examples\". {Expected(options)}",
        { Features: not null, Examples: not null } => "The request has both \"features\" and \"examples\": send one example as \"features\" or a batch as \"examples\", not both.",
        { Features: { } features } => CheckExample(features, "$.features"),
        { Examples: { Length: 0 } } => $"\"examples\" is empty, but a batch holds 1 to {options.MaxBatchSize} examples.",
        { Examples: { Length: var count } } when count > options.MaxBatchSize =>
            $"\"examples\" has {count} examples, but a batch holds at most {options.MaxBatchSize} (Serving:MaxBatchSize); split it into several requests.",
        { Examples: { } examples } => examples.Select((example, i) => CheckExample(example, $"$.examples[{i}]")).FirstOrDefault(problem => problem is not null),
    };

    private static string? CheckExample(float[]? example, string name)
    {
        if (example is null)
        {
            return $"{name} is null, but an example is an array of {TumorClassifier.InputSize} numbers.";
        }

        if (example.Length != TumorClassifier.InputSize)
        {
            return $"{name} has {example.Length} numbers, but an example has {TumorClassifier.InputSize}: the raw features of the data set, in its column order.";
        }

        var bad = Array.FindIndex(example, value => !float.IsFinite(value));
        return bad < 0 ? null : FormattableString.Invariant($"{name}[{bad}] reads as {example[bad]}, but every feature must be a finite 32-bit number (at most ±{float.MaxValue}).");
    }

    private static string Expected(ServingOptions options) =>
        $"Send {{\"features\": [{TumorClassifier.InputSize} numbers]}} for one example, or {{\"examples\": [[{TumorClassifier.InputSize} numbers], …]}} for a batch of 1 to {options.MaxBatchSize}.";

    private static ProblemHttpResult Problem(string detail, int status = StatusCodes.Status400BadRequest) =>
        TypedResults.Problem(detail, statusCode: status, title: ProblemTitle);
}
