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

    // Private state: the group of per-batch training caches, Predict's pool of workspaces and the workspace type, the
    // guard that keeps training on one thread, λ, the weights that L2 regularization decays, and the dropout masks.
    public const string Caches = "caches";
    public const string Cache = "Cache";
    public const string PredictionWorkspaces = "predictionWorkspaces";
    public const string PredictionWorkspace = nameof(PredictionWorkspace);
    public const string TrainingGuard = "trainingGuard";
    public const string L2Field = "l2Regularization";
    public const string DecayedWeights = "weights";
    public const string Dropout = "dropout";

    /// <summary>The letters of a dense layer's parameters: W[l] and b[l].</summary>
    public const string Weights = "W";
    public const string Biases = "b";

    /// <summary>W[l], the weights of layer l.</summary>
    public static string W(int layer) => Weights + layer;

    /// <summary>b[l], the biases of layer l.</summary>
    public static string B(int layer) => Biases + layer;

    /// <summary>dW[l], the gradient of the cost with respect to W[l].</summary>
    public static string DW(int layer) => "d" + W(layer);

    /// <summary>db[l], the gradient of the cost with respect to b[l].</summary>
    public static string DB(int layer) => "d" + B(layer);

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

    /// <summary>Every member name generated for a network of <paramref name="layerCount"/> layers.</summary>
    public static IEnumerable<string> All(int layerCount)
    {
        string[] fixedNames =
        [
            InputSize, OutputSize, LayerCount, ParameterCount, Layers, Parameters, Gradients,
            Forward, ComputeCost, Backward, Update, TrainStep, Fit, Predict,
            Architecture, L2Regularization, CheckGradients, Save, Load,
            Caches, Cache, PredictionWorkspaces, PredictionWorkspace, TrainingGuard, L2Field, DecayedWeights, Dropout,
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
        }
    }
}
