using System;

namespace NetGen;

/// <summary>
/// Declares one fully connected layer of a <see cref="NetworkAttribute"/> network: Z = W · A_prev + b, A = g(Z).
/// Layers run in the order in which the attributes are written; the last one is the output layer.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DenseAttribute : Attribute
{
    /// <summary>Declares a dense layer.</summary>
    /// <param name="units">The number of units n[l] of the layer (the rows of W[l]); must be positive.</param>
    /// <param name="activation">The activation function g[l].</param>
    public DenseAttribute(int units, Activation activation)
    {
        Units = units;
        Activation = activation;
    }

    /// <summary>The number of units n[l] of the layer.</summary>
    public int Units { get; }

    /// <summary>The activation function g[l].</summary>
    public Activation Activation { get; }
}
