using System.ComponentModel;
using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
    /// reach the running sum, which therefore takes one addition per four vectors of the widest lanes.
    /// </summary>
    /// <param name="Z">The logits of the output layer, n × m.</param>
    /// <param name="A">The outputs σ(Z), n × m.</param>
    /// <param name="Y">The labels, n × m, 0 or 1.</param>
    public static T BinaryCrossEntropy<T>(Matrix<T> Z, Matrix<T> A, Matrix<T> Y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Shapes.Require(A, Z.Rows, Z.Columns, nameof(A));
        Shapes.Require(Y, Z.Rows, Z.Columns, nameof(Y));
        var sum = Widest<T>.Is512
            ? BinaryCrossEntropySum<T, Vector512<T>, Lanes512<T>>(Z.AsSpan(), A.AsSpan(), Y.AsSpan())
            : BinaryCrossEntropySum<T, Vector<T>, VectorLanes<T>>(Z.AsSpan(), A.AsSpan(), Y.AsSpan());
        return sum / T.CreateTruncating(Z.Columns);
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

    /// <summary>The sum of the terms of <see cref="BinaryCrossEntropy{T}"/> over spans of one length, at one width.</summary>
    private static unsafe T BinaryCrossEntropySum<T, TVector, TLanes>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TVector : struct
        where TLanes : struct, IElementwiseLanes<T, TVector>
    {
        var width = TLanes.Count;
        var sum = default(TVector);
        fixed (T* zp = z, ap = a, yp = y)
        {
            var i = 0;
            for (; i + (4 * width) <= z.Length; i += 4 * width)
            {
                var first = TLanes.Add(Terms<T, TVector, TLanes>(zp + i, ap + i, yp + i), Terms<T, TVector, TLanes>(zp + i + width, ap + i + width, yp + i + width));
                var second = TLanes.Add(
                    Terms<T, TVector, TLanes>(zp + i + (2 * width), ap + i + (2 * width), yp + i + (2 * width)),
                    Terms<T, TVector, TLanes>(zp + i + (3 * width), ap + i + (3 * width), yp + i + (3 * width)));
                sum = TLanes.Add(sum, TLanes.Add(first, second));
            }

            for (; i + width <= z.Length; i += width)
            {
                sum = TLanes.Add(sum, Terms<T, TVector, TLanes>(zp + i, ap + i, yp + i));
            }

            if (i < z.Length)
            {
                // The last elements, padded to a whole vector with z = 0, a = 1, y = 0, whose term is exactly 0.
                T* paddedZ = stackalloc T[width], paddedA = stackalloc T[width], paddedY = stackalloc T[width];
                new Span<T>(paddedZ, width).Clear();
                new Span<T>(paddedA, width).Fill(T.One);
                new Span<T>(paddedY, width).Clear();
                z[i..].CopyTo(new Span<T>(paddedZ, width));
                a[i..].CopyTo(new Span<T>(paddedA, width));
                y[i..].CopyTo(new Span<T>(paddedY, width));
                sum = TLanes.Add(sum, Terms<T, TVector, TLanes>(paddedZ, paddedA, paddedY));
            }

            return TLanes.Sum(sum);
        }
    }

    /// <summary>max(z, 0) − z·y − log max(a, 1 − a) for each lane of the vectors at the three addresses: the terms of <see cref="BinaryCrossEntropy{T}"/>.</summary>
    /// <remarks>
    /// MaxNative (one instruction) instead of Max: where a lane is NaN, z·y or the logarithm is NaN as well, so the sum
    /// is NaN whichever operand the instruction returns.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe TVector Terms<T, TVector, TLanes>(T* zs, T* outputs, T* labels)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TVector : struct
        where TLanes : struct, IElementwiseLanes<T, TVector>
    {
        var (z, a, y) = (TLanes.Load(zs), TLanes.Load(outputs), TLanes.Load(labels));
        var positivePart = TLanes.Subtract(TLanes.MaxNative(z, default), TLanes.Multiply(z, y));
        var largerOutput = TLanes.MaxNative(a, TLanes.Subtract(TLanes.Create(T.One), a));
        return TLanes.Subtract(positivePart, VectorMath<T, TVector, TLanes>.LogOfHalfToOne(largerOutput));
    }
}
