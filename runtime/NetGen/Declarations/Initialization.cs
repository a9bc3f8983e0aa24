// This file is compiled into both the runtime and the generator (linked source), so the two can never disagree.
namespace NetGen;

/// <summary>
/// How the weights W[l] of a layer are drawn when the network is created; biases always start at zero. n[l-1] is the
/// fan-in (inputs of the layer), n[l] the fan-out (its units).
/// </summary>
public enum Initialization
{
    /// <summary>
    /// He (normal) for the rectifiers, Xavier/Glorot (normal) for every other activation (each <see cref="Activation"/>
    /// value says which it gets): the variance that keeps each layer's activations at the scale of its inputs.
    /// </summary>
    Auto = 0,

    /// <summary>He: normal with standard deviation √(2 / n[l-1]).</summary>
    HeNormal = 1,

    /// <summary>He: uniform on ±√(6 / n[l-1]).</summary>
    HeUniform = 2,

    /// <summary>Xavier/Glorot: normal with standard deviation √(2 / (n[l-1] + n[l])).</summary>
    XavierNormal = 3,

    /// <summary>Xavier/Glorot: uniform on ±√(6 / (n[l-1] + n[l])).</summary>
    XavierUniform = 4,

    /// <summary>The textbook's randn · √(1 / n[l-1]) (LeCun normal).</summary>
    LeCunNormal = 5,
}
