namespace NetGen;

/// <summary>Describes one dense layer l of a generated network: W[l] is <see cref="Units"/> × <see cref="Inputs"/>.</summary>
/// <param name="Inputs">The number of inputs n[l-1]: the units of the previous layer, or the input features.</param>
/// <param name="Units">The number of units n[l].</param>
/// <param name="Activation">The activation function g[l].</param>
public readonly record struct LayerInfo(int Inputs, int Units, Activation Activation)
{
    /// <summary>The number of trainable parameters of the layer: n[l] · n[l-1] weights and n[l] biases.</summary>
    public long ParameterCount => (long)Units * Inputs + Units;
}
