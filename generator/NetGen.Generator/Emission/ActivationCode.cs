using NetGen.Generator.Model;

namespace NetGen.Generator.Emission;

/// <summary>
/// How the emitter writes each activation: the runtime calls and the equations beside them. <c>slope</c> is the leaky
/// ReLU slope α as a literal of the network's precision.
/// </summary>
internal static class ActivationCode
{
    /// <summary>The activation as a layer title shows it: <c>ReLU</c>, <c>LeakyReLU(0.1)</c>.</summary>
    public static string Title(LayerSpec layer, string slopeText) =>
        layer.Activation == Activation.LeakyReLU ? $"LeakyReLU({slopeText})" : layer.Activation.ToString();

    /// <summary>The equation A = g(Z).</summary>
    public static string ForwardEquation(Activation activation, string z, string a) => activation switch
    {
        Activation.Sigmoid => $"{a} = σ({z})",
        Activation.Tanh => $"{a} = tanh({z})",
        Activation.LeakyReLU => $"{a} = LeakyReLU({z}) = {z} where {z} > 0, else α {z}",
        Activation.Softmax => $"{a} = softmax({z}), column by column: e^{z} / Σ e^{z}",
        Activation.Linear => $"{a} = {z}",
        _ => $"{a} = ReLU({z}) = max(0, {z})",
    };

    /// <summary>The runtime call A = g(Z); A may be Z.</summary>
    public static string Forward(Activation activation, string z, string a, string slope) => activation switch
    {
        Activation.LeakyReLU => $"global::NetGen.CompilerServices.Activations.LeakyReLU({z}, {a}, {slope});",
        _ => $"global::NetGen.CompilerServices.Activations.{activation}({z}, {a});",
    };

    /// <summary>
    /// The equation dZ = dA ⊙ g'(Z) and the runtime calls that compute it. Sigmoid and tanh take g' from the cached
    /// A = g(Z), unless dropout has scaled A; then g(Z) is recomputed into dZ first, and the backward step runs in place.
    /// Softmax has no entry: it is only ever an output layer, whose gradient is fused with its loss.
    /// </summary>
    public static (string Equation, string[] Calls) Backward(LayerSpec layer, string dA, string z, string a, string dZ, string slope)
    {
        var recompute = layer.HasDropout;
        var activated = recompute ? dZ : a;
        return layer.Activation switch
        {
            Activation.Sigmoid => (
                $"{dZ} = {dA} ⊙ σ'({z}) = {dA} ⊙ {Of("σ", z, a, recompute)} ⊙ (1 − {Of("σ", z, a, recompute)})",
                Calls(recompute, $"global::NetGen.CompilerServices.Activations.Sigmoid({z}, {dZ});", $"global::NetGen.CompilerServices.Activations.SigmoidBackward({dA}, {activated}, {dZ});")),
            Activation.Tanh => (
                $"{dZ} = {dA} ⊙ tanh'({z}) = {dA} ⊙ (1 − {Of("tanh", z, a, recompute)}²)",
                Calls(recompute, $"global::NetGen.CompilerServices.Activations.Tanh({z}, {dZ});", $"global::NetGen.CompilerServices.Activations.TanhBackward({dA}, {activated}, {dZ});")),
            Activation.LeakyReLU => (
                $"{dZ} = {dA} ⊙ LeakyReLU'({z}), where LeakyReLU'(z) = 1 if z > 0, else α",
                [$"global::NetGen.CompilerServices.Activations.LeakyReLUBackward({dA}, {z}, {dZ}, {slope});"]),
            Activation.Linear => (
                $"{dZ} = {dA}, since a linear activation has g'(z) = 1",
                [$"global::NetGen.CompilerServices.Activations.LinearBackward({dA}, {dZ});"]),
            _ => (
                $"{dZ} = {dA} ⊙ ReLU'({z}), where ReLU'(z) = 1 if z > 0, else 0",
                [$"global::NetGen.CompilerServices.Activations.ReLUBackward({dA}, {z}, {dZ});"]),
        };
    }

    private static string Of(string g, string z, string a, bool recompute) => recompute ? $"{g}({z})" : a;

    private static string[] Calls(bool recompute, string recomputation, string backward) =>
        recompute ? [recomputation, backward] : [backward];
}
