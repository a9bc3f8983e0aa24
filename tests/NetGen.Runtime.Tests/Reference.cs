using System.Numerics;

namespace NetGen.Runtime.Tests;

/// <summary>
/// Naive triple-loop references for the kernels, accumulated in double, and the bound their results are held to.
/// </summary>
internal static class Reference
{
    /// <summary>Z = W·A + b, with the sum of |terms| of every element (the scale of its rounding error).</summary>
    public static (double[] Value, double[] Magnitude) MultiplyAddBias<T>(Matrix<T> W, Matrix<T> A, Matrix<T> b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var value = new double[W.Rows * A.Columns];
        var magnitude = new double[value.Length];
        for (var i = 0; i < W.Rows; i++)
        {
            for (var j = 0; j < A.Columns; j++)
            {
                double sum = double.CreateTruncating(b[i, 0]), size = Math.Abs(sum);
                for (var p = 0; p < W.Columns; p++)
                {
                    var term = double.CreateTruncating(W[i, p]) * double.CreateTruncating(A[p, j]);
                    sum += term;
                    size += Math.Abs(term);
                }

                value[(i * A.Columns) + j] = sum;
                magnitude[(i * A.Columns) + j] = size;
            }
        }

        return (value, magnitude);
    }

    /// <summary>dW = scale · dZ·Aᵀ.</summary>
    public static (double[] Value, double[] Magnitude) MultiplyTransposeRight<T>(Matrix<T> dZ, Matrix<T> A, double scale)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var value = new double[dZ.Rows * A.Rows];
        var magnitude = new double[value.Length];
        for (var i = 0; i < dZ.Rows; i++)
        {
            for (var p = 0; p < A.Rows; p++)
            {
                double sum = 0, size = 0;
                for (var j = 0; j < dZ.Columns; j++)
                {
                    var term = double.CreateTruncating(dZ[i, j]) * double.CreateTruncating(A[p, j]);
                    sum += term;
                    size += Math.Abs(term);
                }

                value[(i * A.Rows) + p] = scale * sum;
                magnitude[(i * A.Rows) + p] = Math.Abs(scale) * size;
            }
        }

        return (value, magnitude);
    }

    /// <summary>dA = Wᵀ·dZ.</summary>
    public static (double[] Value, double[] Magnitude) MultiplyTransposeLeft<T>(Matrix<T> W, Matrix<T> dZ)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var value = new double[W.Columns * dZ.Columns];
        var magnitude = new double[value.Length];
        for (var p = 0; p < W.Columns; p++)
        {
            for (var j = 0; j < dZ.Columns; j++)
            {
                double sum = 0, size = 0;
                for (var i = 0; i < W.Rows; i++)
                {
                    var term = double.CreateTruncating(W[i, p]) * double.CreateTruncating(dZ[i, j]);
                    sum += term;
                    size += Math.Abs(term);
                }

                value[(p * dZ.Columns) + j] = sum;
                magnitude[(p * dZ.Columns) + j] = size;
            }
        }

        return (value, magnitude);
    }

    /// <summary>
    /// Asserts that every element of <paramref name="actual"/> is within the forward-error bound of a dot product of
    /// <paramref name="terms"/> terms: |computed − exact| ≤ γ · Σ|terms|, with γ = 2 · terms · ε(T) (twice the classic
    /// n·u bound, leaving room for the final rounding to T and for a scale factor). Blocked or reordered summation stays
    /// inside this bound; a wrong index or a dropped term does not.
    /// </summary>
    public static void AssertClose<T>((double[] Value, double[] Magnitude) expected, Matrix<T> actual, int terms)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var unitRoundoff = typeof(T) == typeof(float) ? Math.Pow(2, -24) : Math.Pow(2, -53);
        var gamma = 2.0 * (terms + 2) * unitRoundoff;
        var values = actual.AsSpan();
        Assert.Equal(expected.Value.Length, values.Length);
        for (var index = 0; index < values.Length; index++)
        {
            var error = Math.Abs(double.CreateTruncating(values[index]) - expected.Value[index]);
            var bound = gamma * expected.Magnitude[index];
            if (!(error <= bound))
            {
                Assert.Fail($"element {index} ({index / actual.Columns}, {index % actual.Columns}) of {actual}: got {values[index]}, expected {expected.Value[index]} (error {error:E3} > bound {bound:E3})");
            }
        }
    }

    /// <summary>A matrix of standard normal values from a fixed seed.</summary>
    public static Matrix<T> Random<T>(int rows, int columns, ulong seed)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var random = new DeterministicRandom(seed);
        var matrix = new Matrix<T>(rows, columns);
        foreach (ref var value in matrix.AsSpan())
        {
            value = T.CreateTruncating(random.NextGaussian());
        }

        return matrix;
    }

    /// <summary>Equal lengths, and each pair within <paramref name="tolerance"/> (xunit 2 has no sequence overload).</summary>
    public static void AssertClose(IEnumerable<double> expected, IEnumerable<double> actual, double tolerance)
    {
        double[] e = expected.ToArray(), a = actual.ToArray();
        Assert.Equal(e.Length, a.Length);
        for (var i = 0; i < e.Length; i++)
        {
            Assert.True(Math.Abs(e[i] - a[i]) <= tolerance, $"element {i}: expected {e[i]:R}, got {a[i]:R} (tolerance {tolerance:E1})");
        }
    }
}
