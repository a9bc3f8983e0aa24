using System;
using System.ComponentModel;
using System.Numerics;

namespace NetGen.CompilerServices;

/// <summary>
/// L2 regularization of one network: λ, checked when set, and the weight matrices it decays (the biases are not).
/// A generated network keeps one, behind its <c>L2Regularization</c> property, and reads it in <c>ComputeCost</c>
/// (the penalty) and <c>Backward</c> (λ/m).
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <param name="weights">Every weight matrix W[l] of the network; λ = 0 until <see cref="Strength"/> is set.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class WeightDecay<T>(params Matrix<T>[] weights)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Matrix<T>[] weights = weights ?? throw new ArgumentNullException(nameof(weights));
    private double strength;

    /// <summary>λ, the strength: 0 (none) unless set.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value set is negative, infinite or NaN.</exception>
    public double Strength
    {
        get => strength;
        set => strength = Regularization.RequireStrength(value);
    }

    /// <summary>(λ/2m) Σ ‖W[l]‖², the penalty the cost of m examples gains: exactly 0 when λ = 0.</summary>
    /// <param name="m">The number of examples.</param>
    public double Penalty(int m) => Regularization.L2Penalty(strength, m, weights);

    /// <summary>
    /// The scales of backward propagation over m examples: 1/m, which averages the gradients, and λ/m, the weight
    /// decay's share, each rounded once to <typeparamref name="T"/> (as <c>1f / m</c> and <c>(float)(λ / m)</c>).
    /// </summary>
    /// <param name="m">The number of examples.</param>
    /// <param name="oneOverM">1/m.</param>
    /// <param name="lambdaOverM">λ/m.</param>
    public void Scales(int m, out T oneOverM, out T lambdaOverM)
    {
        oneOverM = T.One / T.CreateChecked(m);
        lambdaOverM = T.CreateChecked(strength / m);
    }
}
