using System;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace NetGen.CompilerServices;

/// <summary>
/// The three products of backpropagation on row-major spans, shapes already checked. Each picks one of three paths
/// from the shape alone, so a given shape always takes the same path and gives the same bits:
/// a single example (m = 1) is a matrix-vector product written as dot products or axpys over contiguous rows;
/// a product too small to repay packing runs row loops whose innermost loop is an axpy or a dot product along
/// contiguous memory; anything larger goes to the blocked, packed, multi-threaded <see cref="Gemm{T}"/>.
/// These are the doors from spans into pointer code: each first checks every span's length against the dimensions it
/// will use, so no caller, however wrong (or racing another thread that resizes a matrix), can make a kernel read or
/// write outside its spans.
/// </summary>
internal static unsafe class DenseProducts
{
    /// <summary>Below this many multiply-adds the row loops beat packing (and on hardware without AVX2 they always run).</summary>
    private const long GemmThreshold = 1L << 15;

    /// <summary>z (n × m) = w (n × k) · a (k × m) + b (n × 1): row i of z is b[i] + Σ_p w[i, p] · row p of a.</summary>
    public static void MultiplyAddBias<T>(ReadOnlySpan<T> w, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> z, int n, int k, int m)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        RequireLength(w.Length, n, k);
        RequireLength(a.Length, k, m);
        RequireLength(b.Length, n, 1);
        RequireLength(z.Length, n, m);
        if (m == 1)
        {
            MatrixVector<T>.MultiplyAddBias(w, a, b, z, n, k);
        }
        else if (UseGemm<T>(n, k, m))
        {
            fixed (T* wp = w, ap = a, bp = b, zp = z)
            {
                Gemm<T>.Multiply(new GemmProblem<T>(new(wp, k, 1), new(ap, m, 1), zp, m, bp, T.One, n, m, k));
            }
        }
        else
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
    }

    /// <summary>dw (n × k) = scale · dz (n × m) · aᵀ, where a is k × m: dw[i, p] = scale · (row i of dz) · (row p of a).</summary>
    public static void MultiplyTransposeRight<T>(ReadOnlySpan<T> dz, ReadOnlySpan<T> a, Span<T> dw, int n, int k, int m, T scale)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        RequireLength(dz.Length, n, m);
        RequireLength(a.Length, k, m);
        RequireLength(dw.Length, n, k);
        if (m == 1)
        {
            // An outer product: row i of dw is (scale · dz[i]) · aᵀ.
            for (var i = 0; i < n; i++)
            {
                TensorPrimitives.Multiply(a, scale * dz[i], dw.Slice(i * k, k));
            }
        }
        else if (UseGemm<T>(n, k, m))
        {
            // aᵀ is read in place: element (j, p) of aᵀ is a[p · m + j].
            fixed (T* dzp = dz, ap = a, dwp = dw)
            {
                Gemm<T>.Multiply(new GemmProblem<T>(new(dzp, m, 1), new(ap, 1, m), dwp, k, null, scale, n, k, m));
            }
        }
        else
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
    }

    /// <summary>da (k × m) = wᵀ · dz, where w is n × k and dz is n × m: row p of da is Σ_i w[i, p] · row i of dz.</summary>
    public static void MultiplyTransposeLeft<T>(ReadOnlySpan<T> w, ReadOnlySpan<T> dz, Span<T> da, int n, int k, int m)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        RequireLength(w.Length, n, k);
        RequireLength(dz.Length, n, m);
        RequireLength(da.Length, k, m);
        if (m == 1)
        {
            // da = Σ_i dz[i] · (row i of w)ᵀ, one axpy over each contiguous row of w.
            da.Clear();
            for (var i = 0; i < n; i++)
            {
                TensorPrimitives.MultiplyAdd(w.Slice(i * k, k), dz[i], da, da);
            }
        }
        else if (UseGemm<T>(k, n, m))
        {
            // wᵀ is read in place: element (p, i) of wᵀ is w[i · k + p].
            fixed (T* wp = w, dzp = dz, dap = da)
            {
                Gemm<T>.Multiply(new GemmProblem<T>(new(wp, 1, k), new(dzp, m, 1), dap, m, null, T.One, k, m, n));
            }
        }
        else
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

    /// <summary>
    /// Throws unless a span of <paramref name="length"/> values holds exactly a <paramref name="rows"/> ×
    /// <paramref name="columns"/> matrix. The shape checks of <see cref="Kernels"/> have passed by then, so a mismatch
    /// means that a matrix changed between those checks and the read of its elements: another thread resized it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The length differs.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // four per product, on the path of every single-example layer
    internal static void RequireLength(int length, int rows, int columns)
    {
        if (length != (long)rows * columns)
        {
            ThrowChangedShape(length, rows, columns);
        }
    }

    [DoesNotReturn]
    private static void ThrowChangedShape(int length, int rows, int columns) =>
        throw new InvalidOperationException(
            $"A matrix changed shape during a matrix product: it holds {length} values, but the product uses it as {rows} × {columns}. " +
            "Another thread resized a matrix that this call was using; a matrix must not be resized while a call uses it.");

    /// <summary>Whether a rows × depth · depth × columns product goes to <see cref="Gemm{T}"/>.</summary>
    private static bool UseGemm<T>(int rows, int depth, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => MicroKernel<T>.IsAccelerated && (long)rows * depth * columns >= GemmThreshold;
}
