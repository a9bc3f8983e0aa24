using System.ComponentModel;
using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace NetGen.CompilerServices;

/// <summary>The two regularizers of generated networks: L2 weight decay and inverted dropout.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Regularization
{
    /// <summary>‖W‖², the sum of the squares of every element, for the L2 term (λ/2m) Σₗ ‖W[l]‖² of the cost.</summary>
    public static double SumOfSquares<T>(Matrix<T> W)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        double.CreateTruncating(TensorPrimitives.SumOfSquares<T>(W.AsSpan()));

    /// <summary>(λ/2m) Σ ‖W‖² over <paramref name="weights"/>: the L2 penalty of the cost, exactly 0 when λ = 0.</summary>
    /// <param name="lambda">λ.</param>
    /// <param name="m">The number of examples.</param>
    /// <param name="weights">Every decayed weight matrix W[l].</param>
    public static double L2Penalty<T>(double lambda, int m, Matrix<T>[] weights)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (lambda == 0)
        {
            return 0;
        }

        var sum = 0.0;
        foreach (var W in weights)
        {
            sum += SumOfSquares(W);
        }

        return lambda / (2.0 * m) * sum;
    }

    /// <summary>
    /// Returns λ if it is a valid L2 strength (finite, not negative). <see cref="WeightDecay{T}.Strength"/> checks with it
    /// the value a network's <c>L2Regularization</c> setter is given, so its parameter is <c>value</c>, as a setter's is.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative, infinite or NaN.</exception>
    public static double RequireStrength(double value) =>
        value >= 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "L2Regularization (the strength λ of L2 regularization) must be a non-negative finite number.");

    /// <summary>dW += (λ/m) W: the gradient of the L2 term, added to the data term of dW. Nothing to do when λ = 0.</summary>
    /// <param name="dW">The gradient to complete.</param>
    /// <param name="W">The weights.</param>
    /// <param name="lambdaOverM">λ/m.</param>
    public static void AddWeightDecay<T>(Matrix<T> dW, Matrix<T> W, T lambdaOverM)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Shapes.Require(W, dW.Rows, dW.Columns, nameof(W));
        if (lambdaOverM != T.Zero)
        {
            TensorPrimitives.MultiplyAdd(W.AsSpan(), lambdaOverM, dW.AsSpan(), dW.AsSpan());
        }
    }

    /// <summary>
    /// Draws an inverted-dropout mask: each element is 0 with probability <paramref name="rate"/>, else 1 / (1 − rate),
    /// so that A ⊙ D keeps the expected value of A and prediction needs no rescaling.
    /// </summary>
    /// <param name="D">Receives the mask.</param>
    /// <param name="rate">The fraction of units dropped, 0 ≤ rate &lt; 1.</param>
    /// <param name="random">The source of the mask: the same sequence gives the same masks.</param>
    public static void DrawDropoutMask<T>(Matrix<T> D, double rate, DeterministicRandom random)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!(rate >= 0 && rate < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The dropout rate must be at least 0 and less than 1.");
        }

        var keep = T.CreateTruncating(1 / (1 - rate));
        foreach (ref var d in D.AsSpan())
        {
            d = random.NextDouble() < rate ? T.Zero : keep;
        }
    }

    /// <summary>A ⊙= D: applies a dropout mask in place (to A in the forward pass, to dA in the backward pass).</summary>
    public static void ApplyDropoutMask<T>(Matrix<T> A, Matrix<T> D)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Shapes.Require(D, A.Rows, A.Columns, nameof(D));
        TensorPrimitives.Multiply<T>(A.AsSpan(), D.AsSpan(), A.AsSpan());
    }
}
