namespace NetGen.Generator.Emission;

/// <summary>How the emitter writes each activation: the runtime calls, the equation text and the initializer that suits it.</summary>
internal static class ActivationCode
{
    /// <summary>The name of g in equations: <c>ReLU</c>, <c>σ</c>.</summary>
    public static string Symbol(Activation activation) => activation switch
    {
        Activation.Sigmoid => "σ",
        _ => activation.ToString(),
    };

    /// <summary>The initializer of W[l], chosen for the activation that follows it.</summary>
    public static string Initializer(Activation activation) => activation switch
    {
        // He keeps the variance of ReLU activations constant through the layers; Glorot does so for saturating ones.
        Activation.ReLU => "HeNormal",
        _ => "XavierNormal",
    };

    /// <summary>The runtime call A = g(Z).</summary>
    public static string Forward(Activation activation, string z, string a) =>
        $"global::NetGen.Activations.{activation}({z}, {a});";

    /// <summary>The equation of dZ = dA ⊙ g'(Z), spelled out for <paramref name="activation"/>.</summary>
    public static string BackwardEquation(Activation activation, string dA, string z, string a, string dZ) => activation switch
    {
        Activation.Sigmoid => $"{dZ} = {dA} ⊙ σ'({z}) = {dA} ⊙ {a} ⊙ (1 − {a})",
        _ => $"{dZ} = {dA} ⊙ ReLU'({z}), where ReLU'(z) = 1 if z > 0, else 0",
    };

    /// <summary>The runtime call dZ = dA ⊙ g'(Z). Sigmoid uses the cached A = σ(Z) rather than recomputing it.</summary>
    public static string Backward(Activation activation, string dA, string z, string a, string dZ) => activation switch
    {
        Activation.Sigmoid => $"global::NetGen.Activations.SigmoidBackward({dA}, {a}, {dZ});",
        _ => $"global::NetGen.Activations.{activation}Backward({dA}, {z}, {dZ});",
    };
}
