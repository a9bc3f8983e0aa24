using System;
using System.Numerics;

namespace NetGen;

/// <summary>Cost functions, computed so that they stay finite where the textbook formula overflows or takes log 0.</summary>
public static class Losses
{
    /// <summary>
    /// Binary cross-entropy J = −(1/m) Σ [y log a + (1 − y) log(1 − a)] of the sigmoid outputs a = σ(z), computed from
    /// the logits Z as (1/m) Σ [max(z, 0) − z·y + log(1 + e^−|z|)]: the same value, exact and finite even where a
    /// rounds to 0 or 1. Summed over every output unit and example, divided by m = Z.Columns, accumulated in double.
    /// </summary>
    /// <param name="Z">The logits of the output layer, n × m.</param>
    /// <param name="Y">The labels, n × m, 0 or 1.</param>
    public static T BinaryCrossEntropyFromLogits<T>(Matrix<T> Z, Matrix<T> Y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Shapes.Require(Y, Z.Rows, Z.Columns, nameof(Y));
        ReadOnlySpan<T> z = Z.AsSpan(), y = Y.AsSpan();
        var sum = 0.0;
        for (var i = 0; i < z.Length; i++)
        {
            var logit = double.CreateTruncating(z[i]);
            sum += Math.Max(logit, 0) - (logit * double.CreateTruncating(y[i])) + double.LogP1(Math.Exp(-Math.Abs(logit)));
        }

        return T.CreateTruncating(sum / Z.Columns);
    }
}
