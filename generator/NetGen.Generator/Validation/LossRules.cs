namespace NetGen.Generator.Validation;

/// <summary>Which output activation each loss needs, and which loss an output activation implies.</summary>
internal static class LossRules
{
    /// <summary>The loss used when <c>[Network]</c> does not name one, or null when none is implied.</summary>
    public static Loss? InferFrom(Activation output) => output switch
    {
        Activation.Sigmoid => Loss.BinaryCrossEntropy,
        _ => null,
    };

    /// <summary>Whether <paramref name="loss"/> is defined for outputs of <paramref name="output"/>.</summary>
    public static bool Fits(Loss loss, Activation output) => loss switch
    {
        // Cross-entropy takes probabilities: log(a) and log(1 - a) need 0 < a < 1.
        Loss.BinaryCrossEntropy => output == Activation.Sigmoid,
        _ => false,
    };

    /// <summary>The output layer <paramref name="loss"/> needs, in words, for messages.</summary>
    public static string RequiredOutput(Loss loss) => loss switch
    {
        Loss.BinaryCrossEntropy => nameof(Activation.Sigmoid),
        _ => "different",
    };
}
