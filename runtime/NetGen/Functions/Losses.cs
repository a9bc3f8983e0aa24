using System.ComponentModel;
using System;
using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace NetGen.CompilerServices;

/// <summary>Cost functions, computed so that they stay finite where the textbook formula overflows or takes log 0.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Losses
{
    /// <summary>
    /// Binary cross-entropy J = −(1/m) Σ [y log a + (1 − y) log(1 − a)] of the sigmoid outputs a = σ(z), computed as
    /// (1/m) Σ [max(z, 0) − z·y + log(1 + e^−|z|)], the same value without log 0 where a rounds to 0 or 1. The softplus
    /// term is taken from the outputs the forward pass already has: 1 + e^−|z| = 1 / σ(|z|) and σ(|z|) = max(a, 1 − a),
    /// a number in [½, 1] whose logarithm is accurate to the last bit of 1, below the rounding of the sum itself.
    /// Summed over every output unit and example and divided by m = Z.Columns, in vectorized passes.
    /// </summary>
    /// <param name="Z">The logits of the output layer, n × m.</param>
    /// <param name="A">The outputs σ(Z), n × m.</param>
    /// <param name="Y">The labels, n × m, 0 or 1.</param>
    public static T BinaryCrossEntropy<T>(Matrix<T> Z, Matrix<T> A, Matrix<T> Y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Shapes.Require(A, Z.Rows, Z.Columns, nameof(A));
        Shapes.Require(Y, Z.Rows, Z.Columns, nameof(Y));
        ReadOnlySpan<T> z = Z.AsSpan(), a = A.AsSpan(), y = Y.AsSpan();
        var rented = ArrayPool<T>.Shared.Rent(z.Length);
        try
        {
            // Whole-array vector passes: Σ log σ(|z|), then Σ max(z, 0), then Σ z·y.
            var terms = rented.AsSpan(0, z.Length);
            TensorPrimitives.Subtract(T.One, a, terms);
            TensorPrimitives.Max(a, terms, terms);
            TensorPrimitives.Log<T>(terms, terms);
            var logSigmoid = TensorPrimitives.Sum<T>(terms);
            TensorPrimitives.Max(z, T.Zero, terms);
            var positive = TensorPrimitives.Sum<T>(terms);
            return (positive - TensorPrimitives.Dot(z, y) - logSigmoid) / T.CreateTruncating(Z.Columns);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Categorical cross-entropy J = −(1/m) Σⱼ Σᵢ yᵢⱼ log aᵢⱼ of the softmax outputs a = softmax(z), computed from the
    /// logits as (1/m) Σⱼ Σᵢ yᵢⱼ (lseⱼ − zᵢⱼ), where lseⱼ = maxⱼ + log Σₖ e^(zₖⱼ − maxⱼ) is log Σₖ e^zₖⱼ without overflow:
    /// finite even when a softmax output rounds to 0. Accumulated in double.
    /// </summary>
    /// <param name="Z">The logits of the output layer, n × m (one column per example).</param>
    /// <param name="Y">The labels, n × m: one-hot columns (or any columns of probabilities).</param>
    public static T CategoricalCrossEntropyFromLogits<T>(Matrix<T> Z, Matrix<T> Y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Shapes.Require(Y, Z.Rows, Z.Columns, nameof(Y));
        var sum = 0.0;
        for (var j = 0; j < Z.Columns; j++)
        {
            var max = double.NegativeInfinity;
            for (var i = 0; i < Z.Rows; i++)
            {
                max = Math.Max(max, double.CreateTruncating(Z[i, j]));
            }

            var exponentials = 0.0;
            for (var i = 0; i < Z.Rows; i++)
            {
                exponentials += Math.Exp(double.CreateTruncating(Z[i, j]) - max);
            }

            var logSumExp = max + Math.Log(exponentials);
            for (var i = 0; i < Z.Rows; i++)
            {
                var label = double.CreateTruncating(Y[i, j]);
                if (label != 0)
                {
                    sum += label * (logSumExp - double.CreateTruncating(Z[i, j]));
                }
            }
        }

        return T.CreateTruncating(sum / Z.Columns);
    }

    /// <summary>
    /// Mean squared error J = (1/2m) Σ ‖a − y‖², summed over the output units, averaged over the m = A.Columns
    /// examples. The ½ makes ∂J/∂A = (1/m)(A − Y), so the output gradient is exactly A − Y in the textbook's convention.
    /// Accumulated in double.
    /// </summary>
    /// <param name="A">The outputs, n × m.</param>
    /// <param name="Y">The targets, n × m.</param>
    public static T MeanSquaredError<T>(Matrix<T> A, Matrix<T> Y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Shapes.Require(Y, A.Rows, A.Columns, nameof(Y));
        ReadOnlySpan<T> a = A.AsSpan(), y = Y.AsSpan();
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            var error = double.CreateTruncating(a[i]) - double.CreateTruncating(y[i]);
            sum += error * error;
        }

        return T.CreateTruncating(sum / (2.0 * A.Columns));
    }
}
