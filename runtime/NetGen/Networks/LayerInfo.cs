using System;

namespace NetGen;

/// <summary>The kind of a layer, which fixes what its parameters are.</summary>
public enum LayerKind
{
    /// <summary>Fully connected: Z = W · A_prev + b, with W of <see cref="LayerInfo.Units"/> × <see cref="LayerInfo.Inputs"/> and b of <see cref="LayerInfo.Units"/> × 1.</summary>
    Dense = 0,
}

/// <summary>Describes one layer l of a generated network: n[l-1] inputs, n[l] units, its kind and its activation.</summary>
/// <param name="Inputs">The number of inputs n[l-1]: the units of the previous layer, or the input features.</param>
/// <param name="Units">The number of units n[l], the layer's outputs.</param>
/// <param name="Activation">The activation function g[l].</param>
public readonly record struct LayerInfo(int Inputs, int Units, Activation Activation)
{
    /// <summary>Describes a layer of the given kind.</summary>
    public LayerInfo(LayerKind kind, int inputs, int units, Activation activation)
        : this(inputs, units, activation) => Kind = kind;

    /// <summary>The kind of the layer; <see cref="LayerKind.Dense"/> unless given.</summary>
    public LayerKind Kind { get; }

    /// <summary>
    /// α of a <see cref="Activation.LeakyReLU"/> layer, g(z) = z if z &gt; 0, else α z (<see cref="DenseAttribute.Slope"/>);
    /// 0 for every other activation.
    /// </summary>
    public double Slope { get; init; }

    /// <summary>The number of trainable parameters of the layer: for a dense layer, n[l] · n[l-1] weights and n[l] biases.</summary>
    public long ParameterCount => Kind switch
    {
        LayerKind.Dense => ((long)Units * Inputs) + Units,
        _ => throw new InvalidOperationException($"Unknown layer kind {Kind}."),
    };
}
