// This file is compiled into both the runtime and the generator (linked source), so the two can never disagree.
namespace NetGen;

/// <summary>The activation function g applied by a dense layer: A = g(Z).</summary>
public enum Activation
{
    /// <summary>Rectified linear unit: g(z) = max(0, z); g'(z) = 1 if z &gt; 0, else 0.</summary>
    ReLU = 1,

    /// <summary>Logistic sigmoid: g(z) = 1 / (1 + e^-z); g'(z) = g(z) (1 - g(z)).</summary>
    Sigmoid = 2,
}
