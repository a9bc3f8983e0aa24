using System.Collections.Generic;

namespace NetGen.Generator.Model;

/// <summary>
/// The names of the members NetGen generates. The emitter writes them and the parser checks that the user has not
/// declared them already (NG0010), so both read this one list. Parameter and gradient names are the textbook's (W1, b1,
/// dW1…).
/// </summary>
/// <remarks>
/// What is the same for every network — <c>Update</c>, <c>TrainStep</c>, both <c>Fit</c>s, <c>Predict(X)</c>,
/// <c>Save</c> and <c>Load</c> — is not generated: it is the runtime's extension methods over <c>INetwork&lt;T&gt;</c>
/// (<c>NetGen.NetworkExtensions</c>), so their names are not in this list and not reported (<c>Predict</c> is, for the
/// generated <c>Predict(X, result)</c>). A member the user declares with one of those names is an ordinary member of
/// the user's class: it compiles beside the generated code, and where it is applicable to a call on the class, C#
/// chooses it over the extension method, as it always prefers an instance method. That is the user's own API, chosen
/// knowingly (a <c>Save()</c> into the application's folder, a <c>Fit</c> with the application's defaults); the runtime
/// and every caller through <c>INetwork&lt;T&gt;</c> keep using the extension methods, so nothing NetGen relies on is
/// replaced. Reporting such names would forbid those overloads.
/// </remarks>
internal static class MemberNames
{
    public const string InputSize = nameof(InputSize);
    public const string OutputSize = nameof(OutputSize);
    public const string LayerCount = nameof(LayerCount);
    public const string ParameterCount = nameof(ParameterCount);
    public const string ParameterBytes = nameof(ParameterBytes);
    public const string ForwardFlopsPerExample = nameof(ForwardFlopsPerExample);
    public const string BackwardFlopsPerExample = nameof(BackwardFlopsPerExample);
    public const string Layers = nameof(Layers);
    public const string Parameters = nameof(Parameters);
    public const string Gradients = nameof(Gradients);
    public const string Forward = nameof(Forward);
    public const string ComputeCost = nameof(ComputeCost);
    public const string Backward = nameof(Backward);
    public const string Predict = nameof(Predict);
    public const string Architecture = nameof(Architecture);
    public const string L2Regularization = nameof(L2Regularization);
    public const string CheckGradients = nameof(CheckGradients);

    // Private state: the group of per-batch training caches, Predict's pool of workspaces, the workspace type and the
    // forward pass of a single example, λ with the weights that L2 regularization decays, the dropout masks, and the
    // guard that keeps training on one thread (behind the explicit INetwork<T>.TrainingGuard).
    public const string Caches = "caches";
    public const string Cache = "Cache";
    public const string PredictionWorkspaces = "predictionWorkspaces";
    public const string PredictionWorkspace = nameof(PredictionWorkspace);
    public const string PredictExample = nameof(PredictExample);
    public const string WeightDecay = "weightDecay";
    public const string Dropout = "dropout";
    public const string TrainingGuard = "trainingGuard";

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
            InputSize, OutputSize, LayerCount, ParameterCount, ParameterBytes, ForwardFlopsPerExample, BackwardFlopsPerExample,
            Layers, Parameters, Gradients,
            Forward, ComputeCost, Backward, Predict,
            Architecture, L2Regularization, CheckGradients,
            Caches, Cache, PredictionWorkspaces, PredictionWorkspace, PredictExample, WeightDecay, Dropout, TrainingGuard,
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
