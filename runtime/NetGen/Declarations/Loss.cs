// This file is compiled into both the runtime and the generator (linked source), so the two can never disagree.
namespace NetGen;

/// <summary>The cost function J that training minimizes.</summary>
public enum Loss
{
    /// <summary>
    /// Binary cross-entropy, J = -(1/m) Σ [y log a + (1 - y) log(1 - a)], for sigmoid outputs with labels 0 or 1.
    /// </summary>
    BinaryCrossEntropy = 1,
}
