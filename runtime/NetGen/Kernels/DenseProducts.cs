using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace NetGen;

/// <summary>
/// The three products of backpropagation on row-major spans, shapes already checked. Each is written so that its
/// innermost loop runs along contiguous memory: an axpy over a row, or a dot product of two rows.
/// </summary>
internal static class DenseProducts
{
    /// <summary>z (n × m) = w (n × k) · a (k × m) + b (n × 1): row i of z is b[i] + Σ_p w[i, p] · row p of a.</summary>
    public static void MultiplyAddBias<T>(ReadOnlySpan<T> w, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> z, int n, int k, int m)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (var i = 0; i < n; i++)
        {
            var zRow = z.Slice(i * m, m);
            zRow.Fill(b[i]);
            for (var p = 0; p < k; p++)
            {
                TensorPrimitives.MultiplyAdd(a.Slice(p * m, m), w[(i * k) + p], zRow, zRow);
            }
        }
    }

    /// <summary>dw (n × k) = scale · dz (n × m) · aᵀ, where a is k × m: dw[i, p] = scale · (row i of dz) · (row p of a).</summary>
    public static void MultiplyTransposeRight<T>(ReadOnlySpan<T> dz, ReadOnlySpan<T> a, Span<T> dw, int n, int k, int m, T scale)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (var i = 0; i < n; i++)
        {
            var dzRow = dz.Slice(i * m, m);
            for (var p = 0; p < k; p++)
            {
                dw[(i * k) + p] = scale * TensorPrimitives.Dot(dzRow, a.Slice(p * m, m));
            }
        }
    }

    /// <summary>da (k × m) = wᵀ · dz, where w is n × k and dz is n × m: row p of da is Σ_i w[i, p] · row i of dz.</summary>
    public static void MultiplyTransposeLeft<T>(ReadOnlySpan<T> w, ReadOnlySpan<T> dz, Span<T> da, int n, int k, int m)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        da.Clear();
        for (var p = 0; p < k; p++)
        {
            var daRow = da.Slice(p * m, m);
            for (var i = 0; i < n; i++)
            {
                TensorPrimitives.MultiplyAdd(dz.Slice(i * m, m), w[(i * k) + p], daRow, daRow);
            }
        }
    }
}
