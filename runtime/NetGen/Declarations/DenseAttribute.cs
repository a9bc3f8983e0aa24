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

    /// <summary>The slope α of <see cref="Activation.LeakyReLU"/> for negative inputs; 0.01 unless set. Only for leaky ReLU layers.</summary>
    public double Slope { get; set; } = 0.01;

    /// <summary>
    /// The fraction of the layer's units that inverted dropout switches off in each training forward pass (0 ≤ rate &lt; 1;
    /// 0, no dropout, unless set). Hidden layers only; prediction never drops.
    /// </summary>
    public double Dropout { get; set; }

    /// <summary>How W[l] is initialized; overrides <see cref="NetworkAttribute.Initialization"/> for this layer.</summary>
    public Initialization Initialization { get; set; }
}
