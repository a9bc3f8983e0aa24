// This file is compiled into both the runtime and the generator (linked source), so the two can never disagree.
namespace NetGen;

/// <summary>The cost function J that training minimizes, averaged over the m examples of a batch.</summary>
public enum Loss
{
    /// <summary>
    /// Binary cross-entropy, J = -(1/m) Σ [y log a + (1 - y) log(1 - a)] summed over the output units, for sigmoid
    /// outputs with labels 0 or 1 (one independent yes/no question per unit).
    /// </summary>
    BinaryCrossEntropy = 1,

    /// <summary>
    /// Categorical cross-entropy, J = -(1/m) Σ Σᵢ yᵢ log aᵢ, for a softmax output with one-hot labels
    /// (see <c>Matrix.OneHot</c>).
    /// </summary>
    CategoricalCrossEntropy = 2,

    /// <summary>
    /// Mean squared error, J = (1/2m) Σ ‖a - y‖², for regression. The ½ makes the output gradient exactly a - y.
    /// Fits any output activation except softmax.
    /// </summary>
    MeanSquaredError = 3,
}
