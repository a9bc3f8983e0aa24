using System.Collections.Generic;

namespace NetGen.Generator.Model;

/// <summary>
/// The names of the members NetGen generates. The emitter writes them and the parser checks that the user has not
/// declared them already, so both read this one list. Parameter and gradient names are the textbook's (W1, b1, dW1…).
/// </summary>
internal static class MemberNames
{
    public const string InputSize = nameof(InputSize);
    public const string OutputSize = nameof(OutputSize);
    public const string LayerCount = nameof(LayerCount);
    public const string ParameterCount = nameof(ParameterCount);
    public const string Layers = nameof(Layers);
    public const string Parameters = nameof(Parameters);
    public const string Gradients = nameof(Gradients);
    public const string Forward = nameof(Forward);
    public const string ComputeCost = nameof(ComputeCost);
    public const string Backward = nameof(Backward);
    public const string Update = nameof(Update);
    public const string TrainStep = nameof(TrainStep);
    public const string Fit = nameof(Fit);
    public const string Predict = nameof(Predict);
    public const string Architecture = nameof(Architecture);
    public const string L2Regularization = nameof(L2Regularization);
    public const string CheckGradients = nameof(CheckGradients);
    public const string Save = nameof(Save);
    public const string Load = nameof(Load);

    // Private state: the batch size of the caches, whether they hold a forward pass, and the helpers that size them.
    public const string BatchSize = "m";
    public const string PredictBatchSize = "predictM";
    public const string HasForwardCaches = "hasForwardCaches";
    public const string EnsureBatchSize = "EnsureBatchSize";
    public const string EnsurePredictBatchSize = "EnsurePredictBatchSize";
    public const string RequireForwardCaches = "RequireForwardCaches";

    // Private state of L2 regularization and dropout: λ, the random source of the masks, and the switch that keeps
    // the masks fixed while CheckGradients perturbs the parameters.
    public const string L2Field = "l2Regularization";
    public const string DropoutRandom = "dropoutRandom";
    public const string DropoutMasksFrozen = "dropoutMasksFrozen";

    /// <summary>W[l], the weights of layer l.</summary>
    public static string W(int layer) => "W" + layer;

    /// <summary>b[l], the biases of layer l.</summary>
    public static string B(int layer) => "b" + layer;

    /// <summary>dW[l], the gradient of the cost with respect to W[l].</summary>
    public static string DW(int layer) => "dW" + layer;

    /// <summary>db[l], the gradient of the cost with respect to b[l].</summary>
    public static string DB(int layer) => "db" + layer;

    /// <summary>Z[l], the cached linear output of layer l.</summary>
    public static string Z(int layer) => "Z" + layer;

    /// <summary>A[l], the cached activation of layer l; A0 is the input X.</summary>
    public static string A(int layer) => "A" + layer;

    /// <summary>dZ[l], the gradient with respect to Z[l].</summary>
    public static string DZ(int layer) => "dZ" + layer;

    /// <summary>dA[l], the gradient with respect to A[l].</summary>
    public static string DA(int layer) => "dA" + layer;

    /// <summary>D[l], the dropout mask of layer l in the last training forward pass.</summary>
    public static string D(int layer) => "D" + layer;

    /// <summary>The buffer that <c>Predict</c> writes the activation of layer l to, apart from the training caches.</summary>
    public static string PredictA(int layer) => "predictA" + layer;

    /// <summary>Every member name generated for a network of <paramref name="layerCount"/> layers.</summary>
    public static IEnumerable<string> All(int layerCount)
    {
        string[] fixedNames =
        [
            InputSize, OutputSize, LayerCount, ParameterCount, Layers, Parameters, Gradients,
            Forward, ComputeCost, Backward, Update, TrainStep, Fit, Predict,
            Architecture, L2Regularization, CheckGradients, Save, Load,
            BatchSize, PredictBatchSize, HasForwardCaches, EnsureBatchSize, EnsurePredictBatchSize, RequireForwardCaches,
            L2Field, DropoutRandom, DropoutMasksFrozen,
            A(0),
        ];
        foreach (var name in fixedNames)
        {
            yield return name;
        }

        for (var l = 1; l <= layerCount; l++)
        {
            yield return W(l);
            yield return B(l);
            yield return DW(l);
            yield return DB(l);
            yield return Z(l);
            yield return A(l);
            yield return DZ(l);
            yield return DA(l);
            yield return D(l);
            yield return PredictA(l);
        }
    }
}
