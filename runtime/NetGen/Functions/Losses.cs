using System.ComponentModel;
using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
    /// Summed over every output unit and example and divided by m = Z.Columns, in one vectorized pass that adds each
    /// element's term, never negative, so that nothing cancels: four vectors of terms are added pairwise before they
    /// reach the running sum, which therefore takes one addition per 4 × <see cref="Vector{T}.Count"/> elements.
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
        var zs = MemoryMarshal.Cast<T, Vector<T>>(z);
        var outputs = MemoryMarshal.Cast<T, Vector<T>>(a);
        var labels = MemoryMarshal.Cast<T, Vector<T>>(y);
        var sum = Vector<T>.Zero;
        var v = 0;
        for (; v + 3 < zs.Length; v += 4)
        {
            sum += (BinaryCrossEntropyTerms(zs[v], outputs[v], labels[v]) + BinaryCrossEntropyTerms(zs[v + 1], outputs[v + 1], labels[v + 1]))
                + (BinaryCrossEntropyTerms(zs[v + 2], outputs[v + 2], labels[v + 2]) + BinaryCrossEntropyTerms(zs[v + 3], outputs[v + 3], labels[v + 3]));
        }

        for (; v < zs.Length; v++)
        {
            sum += BinaryCrossEntropyTerms(zs[v], outputs[v], labels[v]);
        }

        var done = zs.Length * Vector<T>.Count;
        if (done < z.Length)
        {
            // The last elements, padded to a whole vector with z = 0, a = 1, y = 0, whose term is exactly 0 (stackalloc
            // zeroes z and y).
            var width = Vector<T>.Count;
            Span<T> padded = stackalloc T[3 * width];
            padded.Slice(width, width).Fill(T.One);
            z[done..].CopyTo(padded);
            a[done..].CopyTo(padded[width..]);
            y[done..].CopyTo(padded[(2 * width)..]);
            sum += BinaryCrossEntropyTerms(new Vector<T>(padded), new Vector<T>(padded[width..]), new Vector<T>(padded[(2 * width)..]));
        }

        return Vector.Sum(sum) / T.CreateTruncating(Z.Columns);
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
    /// Accumulated in double, in vectors.
    /// </summary>
    /// <param name="A">The outputs, n × m.</param>
    /// <param name="Y">The targets, n × m.</param>
    public static T MeanSquaredError<T>(Matrix<T> A, Matrix<T> Y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Shapes.Require(Y, A.Rows, A.Columns, nameof(Y));
        ReadOnlySpan<T> a = A.AsSpan(), y = Y.AsSpan();
        var sum = typeof(T) == typeof(float)
            ? SumOfSquaredErrors(MemoryMarshal.Cast<T, float>(a), MemoryMarshal.Cast<T, float>(y))
            : SumOfSquaredErrors(MemoryMarshal.Cast<T, double>(a), MemoryMarshal.Cast<T, double>(y));
        return T.CreateTruncating(sum / (2.0 * A.Columns));
    }

    /// <summary>Σ (a − y)² in double, floats widened first (their difference is then exact), two vector accumulators.</summary>
    private static double SumOfSquaredErrors(ReadOnlySpan<float> a, ReadOnlySpan<float> y)
    {
        Vector<double> low = Vector<double>.Zero, high = Vector<double>.Zero;
        var i = 0;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            Vector.Widen(new Vector<float>(a[i..]), out var aLow, out var aHigh);
            Vector.Widen(new Vector<float>(y[i..]), out var yLow, out var yHigh);
            (aLow, aHigh) = (aLow - yLow, aHigh - yHigh);
            low = Vector.MultiplyAddEstimate(aLow, aLow, low);
            high = Vector.MultiplyAddEstimate(aHigh, aHigh, high);
        }

        var sum = Vector.Sum(low + high);
        for (; i < a.Length; i++)
        {
            var error = (double)a[i] - y[i];
            sum += error * error;
        }

        return sum;
    }

    /// <summary>Σ (a − y)² with two vector accumulators.</summary>
    private static double SumOfSquaredErrors(ReadOnlySpan<double> a, ReadOnlySpan<double> y)
    {
        Vector<double> first = Vector<double>.Zero, second = Vector<double>.Zero;
        var width = Vector<double>.Count;
        var i = 0;
        for (; i <= a.Length - (2 * width); i += 2 * width)
        {
            var error = new Vector<double>(a[i..]) - new Vector<double>(y[i..]);
            first = Vector.MultiplyAddEstimate(error, error, first);
            error = new Vector<double>(a[(i + width)..]) - new Vector<double>(y[(i + width)..]);
            second = Vector.MultiplyAddEstimate(error, error, second);
        }

        var sum = Vector.Sum(first + second);
        for (; i < a.Length; i++)
        {
            var error = a[i] - y[i];
            sum += error * error;
        }

        return sum;
    }

    /// <summary>max(z, 0) − z·y − log max(a, 1 − a) for each lane: the terms of <see cref="BinaryCrossEntropy{T}"/>.</summary>
    /// <remarks>
    /// MaxNative (one instruction) instead of Max: where a lane is NaN, z·y or the logarithm is NaN as well, so the sum
    /// is NaN whichever operand the instruction returns.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> BinaryCrossEntropyTerms<T>(Vector<T> z, Vector<T> a, Vector<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        Vector.MaxNative(z, Vector<T>.Zero) - (z * y) - LogOfHalfToOne(Vector.MaxNative(a, Vector<T>.One - a));

    /// <summary>
    /// The natural logarithm of each lane of x in [½, 1] (or NaN, which stays NaN), within one unit in the last place:
    /// fdlibm's log (FreeBSD's e_log.c and e_logf.c) without its handling of 0, negatives, infinities, subnormals and
    /// exponents other than 0 and −1, which x in [½, 1] never needs. The logarithm is most of the work of
    /// <see cref="BinaryCrossEntropy{T}"/>, and this one costs less than <see cref="Vector.Log(Vector{float})"/>
    /// (docs/performance.md has the figures).
    /// </summary>
    /// <remarks>
    /// x = 2ᵏ (1 + f) with k = −1 below √½, else 0, so that 1 + f lies in [√½, √2]; then log(1 + f) = 2 atanh(s), where
    /// s = f / (2 + f), evaluated as f − f²/2 + s (f²/2 + R(s²)) with fdlibm's minimax polynomial R, and k log 2 is added
    /// in two parts, so that log 2 is exact to beyond the precision of the result.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<T> LogOfHalfToOne<T>(Vector<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var below = Vector.LessThan(x, new Vector<T>(T.CreateTruncating(0.70710678118654752)));
        var k = Vector.ConditionalSelect(below, -Vector<T>.One, Vector<T>.Zero);
        var f = Vector.ConditionalSelect(below, x + x, x) - Vector<T>.One;
        var s = f / (new Vector<T>(T.CreateTruncating(2)) + f);
        var z = s * s;
        var w = z * z;
        Vector<T> r, log2High, log2Low;
        if (typeof(T) == typeof(float))
        {
            // e_logf.c's polynomial, fitted for float to within 2⁻³⁴·²⁴.
            r = (w * (Constant<T>(0.40000972152f) + (w * Constant<T>(0.24279078841f))))
                + (z * (Constant<T>(0.66666662693f) + (w * Constant<T>(0.28498786688f))));
            (log2High, log2Low) = (Constant<T>(6.9313812256e-01f), Constant<T>(9.0580006145e-06f));
        }
        else
        {
            // e_log.c's polynomial, fitted for double to within 2⁻⁵⁸·⁴⁵.
            r = (w * (Constant<T>(3.999999999940941908e-01) + (w * (Constant<T>(2.222219843214978396e-01) + (w * Constant<T>(1.531383769920937332e-01))))))
                + (z * (Constant<T>(6.666666666666735130e-01) + (w * (Constant<T>(2.857142874366239149e-01) + (w * (Constant<T>(1.818357216161805012e-01) + (w * Constant<T>(1.479819860511658591e-01))))))));
            (log2High, log2Low) = (Constant<T>(6.93147180369123816490e-01), Constant<T>(1.90821492927058770002e-10));
        }

        var halfSquare = new Vector<T>(T.CreateTruncating(0.5)) * f * f;
        return (k * log2High) - ((halfSquare - ((s * (halfSquare + r)) + (k * log2Low))) - f);
    }

    /// <summary>A vector of one constant of <see cref="LogOfHalfToOne{T}"/>, given in the precision it was fitted for.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Constant<T>(float value)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => new(T.CreateTruncating(value));

    /// <inheritdoc cref="Constant{T}(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Constant<T>(double value)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => new(T.CreateTruncating(value));
}
