using System;
using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace NetGen.CompilerServices;

/// <summary>
/// The one place that decides which labels each loss accepts, checked before training uses them. Outside its domain a
/// loss is not a loss: binary cross-entropy of a label 2 is negative, and the fused softmax gradient A − Y is the
/// gradient of categorical cross-entropy only where each column of Y sums to 1, so training would follow a gradient
/// that disagrees with its own cost. Each check is one or two vectorized passes over Y (n[L] × m, small).
/// </summary>
internal static class Labels
{
    /// <summary>Throws unless every column of <paramref name="Y"/> is a valid label for <paramref name="loss"/>.</summary>
    /// <param name="loss">The network's loss.</param>
    /// <param name="Y">The labels, one column per example.</param>
    /// <param name="name">The user's name for the labels: Y, or ValidationY.</param>
    /// <exception cref="ArgumentException">
    /// A label is outside the loss's domain; the message names Y, the position, the value and the example.
    /// </exception>
    public static void Require<T>(Loss loss, Matrix<T> Y, string name = "Y")
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var error = loss switch
        {
            Loss.BinaryCrossEntropy => ValueChecks.FindOutside(Y, name, T.Zero, T.One, "binary cross-entropy needs labels in [0, 1]"),
            Loss.CategoricalCrossEntropy => FindNonDistribution(Y, name),
            Loss.MeanSquaredError => ValueChecks.FindNonFinite(Y, name),
            _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, $"Unknown loss {loss}."),
        };
        if (error is not null)
        {
            throw error;
        }
    }

    /// <summary>
    /// The tolerance on a column sum of categorical labels: 2 n ε, with ε the machine epsilon of T (2⁻²³ for float,
    /// 2⁻⁵² for double). Labels stored in T carry a relative rounding of at most u = ε/2 each, which moves their sum by
    /// at most u; summing n of them in T adds at most (n − 1) u; labels computed in T (label smoothing: 1 − s and
    /// s / (n − 1)) add about u each. That is at most about 3 n u, within 2 n ε = 4 n u; the gradient A − Y then differs
    /// from the exact one by A (Σ Y − 1), a relative 2 n ε, below the rounding of the gradient itself.
    /// </summary>
    public static T SumTolerance<T>(int classes)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        T.CreateTruncating(2 * classes) * (T.BitIncrement(T.One) - T.One);

    /// <summary>
    /// The exception for the first column of <paramref name="Y"/> that is not a probability distribution (a negative or
    /// non-finite value, or a sum away from 1 by more than <see cref="SumTolerance{T}"/>), or <see langword="null"/>.
    /// </summary>
    private static ArgumentException? FindNonDistribution<T>(Matrix<T> Y, string name)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (ValueChecks.FindOutside(Y, name, T.Zero, ValueChecks.MaxFinite<T>(), "categorical cross-entropy needs labels that are non-negative finite numbers") is { } negative)
        {
            return negative;
        }

        var m = Y.Columns;
        var rented = ArrayPool<T>.Shared.Rent(m);
        try
        {
            // The column sums, accumulated row by row in whole-row vector passes.
            var sums = rented.AsSpan(0, m);
            sums.Clear();
            for (var i = 0; i < Y.Rows; i++)
            {
                TensorPrimitives.Add(Y.Row(i), sums, sums);
            }

            var tolerance = SumTolerance<T>(Y.Rows);
            var column = ValueChecks.IndexOutside<T>(sums, T.One - tolerance, T.One + tolerance);
            return column < 0 ? null : new ArgumentException(
                $"Column {column} of {name} (example {column}) sums to {ValueChecks.Format(sums[column])}, but categorical cross-entropy needs each column " +
                $"to be a probability distribution: non-negative labels that sum to 1 (within {ValueChecks.Format(tolerance)}), such as a one-hot column.",
                name);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(rented);
        }
    }
}
