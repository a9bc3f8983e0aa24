using System.Text.Json.Serialization;
using NetGen;

namespace NetGen.Samples.Serving;

/// <summary>
/// The body of <c>POST /predict</c>: one example as <c>{"features": [30 numbers]}</c>, or a batch as
/// <c>{"examples": [[30 numbers], …]}</c>. Unknown properties are refused, so that a misspelt name is an error.
/// </summary>
/// <param name="Features">One example's raw features, in the data set's column order.</param>
/// <param name="Examples">A batch of examples, each its raw features.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PredictRequest(float[]? Features, float[]?[]? Examples);

/// <summary>The answer for one example.</summary>
/// <param name="Class">The predicted class index: 1 (benign) when <paramref name="Probability"/> &gt; 0.5, else 0 (malignant).</param>
/// <param name="Label">The predicted class's name.</param>
/// <param name="Probability">The network's output: the probability that the tumor is benign (class 1).</param>
public sealed record Prediction(int Class, string Label, float Probability)
{
    /// <summary>The prediction whose probability of class 1 is <paramref name="probability"/>.</summary>
    public static Prediction Of(float probability)
    {
        var index = probability > 0.5f ? 1 : 0;
        return new Prediction(index, TumorModel.ClassNames[index], probability);
    }
}

/// <summary>The answer for a batch: one prediction per example, in the request's order.</summary>
/// <param name="Predictions">The predictions.</param>
public sealed record BatchPrediction(IReadOnlyList<Prediction> Predictions);

/// <summary>The answer of <c>GET /model</c>: what the served network is and what it expects.</summary>
/// <param name="Network">The network class.</param>
/// <param name="Architecture">The architecture in one line, as parameter files record it.</param>
/// <param name="Inputs">The number of raw features each example must have.</param>
/// <param name="Layers">The layers, input side first.</param>
/// <param name="Parameters">The number of trained parameters.</param>
/// <param name="Classes">The class names, by class index.</param>
/// <param name="Output">What <c>probability</c> and <c>class</c> mean.</param>
/// <param name="TestAccuracy">The share of the test split classified correctly.</param>
/// <param name="MaxBatchSize">The largest batch <c>POST /predict</c> accepts.</param>
public sealed record ModelDescription(
    string Network, string Architecture, int Inputs, IReadOnlyList<LayerDescription> Layers, long Parameters,
    IReadOnlyList<string> Classes, string Output, double TestAccuracy, int MaxBatchSize);

/// <summary>One layer of <see cref="ModelDescription.Layers"/>.</summary>
/// <param name="Kind">The layer kind.</param>
/// <param name="Units">Its number of units.</param>
/// <param name="Activation">Its activation.</param>
/// <param name="Parameters">Its number of parameters.</param>
public sealed record LayerDescription(LayerKind Kind, int Units, Activation Activation, long Parameters);

/// <summary>The JSON (de)serialization of the sample, generated at build time: no reflection, so it trims and compiles ahead of time.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(PredictRequest))]
[JsonSerializable(typeof(Prediction))]
[JsonSerializable(typeof(BatchPrediction))]
[JsonSerializable(typeof(ModelDescription))]
public sealed partial class ServingJsonContext : JsonSerializerContext;
