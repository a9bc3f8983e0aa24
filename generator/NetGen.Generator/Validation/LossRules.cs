namespace NetGen.Generator.Validation;

/// <summary>Which output activation each loss needs, and which loss an output activation implies.</summary>
internal static class LossRules
{
    /// <summary>The loss used when <c>[Network]</c> does not name one, or null when none is implied.</summary>
    public static Loss? InferFrom(Activation output) => output switch
    {
        Activation.Sigmoid => Loss.BinaryCrossEntropy,
        Activation.Softmax => Loss.CategoricalCrossEntropy,
        Activation.Linear => Loss.MeanSquaredError,
        _ => null,
    };

    /// <summary>Whether <paramref name="loss"/> is defined for outputs of <paramref name="output"/>.</summary>
    public static bool Fits(Loss loss, Activation output) => loss switch
    {
        // Binary cross-entropy takes one probability per unit: log(a) and log(1 − a) need 0 < a < 1.
        Loss.BinaryCrossEntropy => output == Activation.Sigmoid,

        // Categorical cross-entropy takes one distribution per example over the units: Σ a = 1.
        Loss.CategoricalCrossEntropy => output == Activation.Softmax,

        // Squared error suits any output but a distribution, whose units are not independent targets.
        Loss.MeanSquaredError => output != Activation.Softmax,
        _ => false,
    };

    /// <summary>The output layer <paramref name="loss"/> needs, in words, for messages.</summary>
    public static string RequiredOutput(Loss loss) => loss switch
    {
        Loss.BinaryCrossEntropy => "a Sigmoid output layer",
        Loss.CategoricalCrossEntropy => "a Softmax output layer",
        _ => "an output layer other than Softmax",
    };
}
