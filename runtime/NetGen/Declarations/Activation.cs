// This file is compiled into both the runtime and the generator (linked source), so the two can never disagree.
namespace NetGen;

/// <summary>The activation function g applied by a dense layer: A = g(Z).</summary>
public enum Activation
{
    /// <summary>Rectified linear unit: g(z) = max(0, z); g'(z) = 1 if z &gt; 0, else 0. Initialized with He.</summary>
    ReLU = 1,

    /// <summary>Logistic sigmoid: g(z) = 1 / (1 + e^-z); g'(z) = g(z) (1 - g(z)).</summary>
    Sigmoid = 2,

    /// <summary>Hyperbolic tangent: g(z) = tanh z; g'(z) = 1 - g(z)².</summary>
    Tanh = 3,

    /// <summary>
    /// Leaky rectified linear unit: g(z) = z if z &gt; 0, else α z; g'(z) = 1 if z &gt; 0, else α. The slope α is
    /// <c>DenseAttribute.Slope</c>, 0.01 unless set. Initialized with He.
    /// </summary>
    LeakyReLU = 4,

    /// <summary>
    /// Softmax over the units of each example: g(z)ᵢ = e^zᵢ / Σⱼ e^zⱼ. Output layer only, with at least two units and
    /// <see cref="Loss.CategoricalCrossEntropy"/>.
    /// </summary>
    Softmax = 5,

    /// <summary>The identity: g(z) = z; g'(z) = 1. For regression outputs.</summary>
    Linear = 6,

    /// <summary>
    /// Sigmoid linear unit (swish): g(z) = z σ(z); g'(z) = σ(z) (1 + z (1 - σ(z))). A smooth ReLU that lets small
    /// negative values through; initialized like ReLU (He).
    /// </summary>
    SiLU = 7,
}
