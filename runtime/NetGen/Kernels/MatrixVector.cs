using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen.CompilerServices;

/// <summary>
/// z = W · x + b for a single example (m = 1), the whole of prediction on one input. The product reads every weight
/// once and does one multiply-add with it, so it is bound by the speed at which W streams from cache: four rows are
/// dotted with x at once (one load of x serves four rows), and a large W is split by rows over the workers, so that
/// each core streams its own half from its own cache — unless other predictions are running, which have the cores.
/// </summary>
internal static unsafe class MatrixVector<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Rows dotted with x at once.</summary>
    private const int RowBlock = 4;

    /// <summary>Below this many weights, handing rows to a worker costs more than streaming them.</summary>
    private const long ParallelThreshold = 1L << 15;

    [ThreadStatic]
    private static SplitProduct? split;

    /// <summary>z[i] = b[i] + W[i, ·] · x for the n rows of the row-major n × k matrix W.</summary>
    /// <exception cref="InvalidOperationException">A span's length does not fit n and k.</exception>
    public static void MultiplyAddBias(ReadOnlySpan<T> w, ReadOnlySpan<T> x, ReadOnlySpan<T> b, Span<T> z, int n, int k)
    {
        DenseProducts.RequireLength(w.Length, n, k);
        DenseProducts.RequireLength(x.Length, k, 1);
        DenseProducts.RequireLength(b.Length, n, 1);
        DenseProducts.RequireLength(z.Length, n, 1);
        fixed (T* wp = w, xp = x, bp = b, zp = z)
        {
            if ((long)n * k >= ParallelThreshold && n >= 2 * RowBlock && WorkerPool.Parallelism > 1 && !WorkerPool.SeveralPredictionsRunning)
            {
                split ??= new SplitProduct();
                if (split.TryRun(wp, xp, bp, zp, n, k))
                {
                    return;
                }
            }

            Rows(wp, xp, bp, zp, 0, n, k);
        }
    }

    /// <summary>Rows [start, end) of the product.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Rows(T* w, T* x, T* b, T* z, int start, int end, int k)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            Rows<Vector512<T>, Lanes512<T>>(w, x, b, z, start, end, k);
        }
        else if (MicroKernel<T>.IsAccelerated)
        {
            Rows<Vector256<T>, Lanes256<T>>(w, x, b, z, start, end, k);
        }
        else
        {
            for (var i = start; i < end; i++)
            {
                z[i] = b[i] + TensorPrimitives.Dot(new ReadOnlySpan<T>(w + ((nint)i * k), k), new ReadOnlySpan<T>(x, k));
            }
        }
    }

    /// <summary>
    /// Rows [start, end) at one width: blocks of four, then the rest one at a time, each row's terms added in the same
    /// order either way (a row's result does not depend on the block it falls in).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Rows<TVector, TLanes>(T* w, T* x, T* b, T* z, int start, int end, int k)
        where TVector : struct
        where TLanes : struct, ILanes<T, TVector>
    {
        var i = start;
        for (; i + RowBlock <= end; i += RowBlock)
        {
            FourRows<TVector, TLanes>(w + ((nint)i * k), x, b + i, z + i, k);
        }

        for (; i < end; i++)
        {
            z[i] = b[i] + Dot<TVector, TLanes>(w + ((nint)i * k), x, k);
        }
    }

    /// <summary>One row dotted with x, in <see cref="FourRows"/>' order: the vectors' lanes summed, then the rest.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Dot<TVector, TLanes>(T* w, T* x, int k)
        where TVector : struct
        where TLanes : struct, ILanes<T, TVector>
    {
        TVector c = default;
        var p = 0;
        for (; p + TLanes.Count <= k; p += TLanes.Count)
        {
            c = TLanes.Fma(TLanes.Load(w + p), TLanes.Load(x + p), c);
        }

        var sum = k >= TLanes.Count ? TLanes.Sum(c) : T.Zero;
        for (; p < k; p++)
        {
            sum += w[p] * x[p];
        }

        return sum;
    }

    /// <summary>Four consecutive rows, with four accumulators sharing each vector of x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FourRows<TVector, TLanes>(T* w, T* x, T* b, T* z, int k)
        where TVector : struct
        where TLanes : struct, ILanes<T, TVector>
    {
        T* w0 = w, w1 = w + k, w2 = w + (2 * k), w3 = w + (3 * k);
        TVector c0 = default, c1 = default, c2 = default, c3 = default;
        var width = TLanes.Count;
        var p = 0;
        for (; p + width <= k; p += width)
        {
            var v = TLanes.Load(x + p);
            c0 = TLanes.Fma(TLanes.Load(w0 + p), v, c0);
            c1 = TLanes.Fma(TLanes.Load(w1 + p), v, c1);
            c2 = TLanes.Fma(TLanes.Load(w2 + p), v, c2);
            c3 = TLanes.Fma(TLanes.Load(w3 + p), v, c3);
        }

        // Rows shorter than a vector (a small layer's) have no vector part to sum: +0, as the sum of zero lanes is.
        T s0 = T.Zero, s1 = T.Zero, s2 = T.Zero, s3 = T.Zero;
        if (k >= width)
        {
            (s0, s1, s2, s3) = (TLanes.Sum(c0), TLanes.Sum(c1), TLanes.Sum(c2), TLanes.Sum(c3));
        }

        for (; p < k; p++)
        {
            s0 += w0[p] * x[p];
            s1 += w1[p] * x[p];
            s2 += w2[p] * x[p];
            s3 += w3[p] * x[p];
        }

        z[0] = b[0] + s0;
        z[1] = b[1] + s1;
        z[2] = b[2] + s2;
        z[3] = b[3] + s3;
    }

    /// <summary>The rows cut into equal runs of whole row blocks, one per thread; the cut depends only on n and the thread count.</summary>
    private sealed class SplitProduct : ParallelWork
    {
        private T* w, x, b, z;
        private int n, k, parts;

        public bool TryRun(T* w, T* x, T* b, T* z, int n, int k)
        {
            this.w = w;
            this.x = x;
            this.b = b;
            this.z = z;
            this.n = n;
            this.k = k;
            parts = Math.Min(WorkerPool.Parallelism, n / RowBlock);
            return WorkerPool.TryRun(this, parts);
        }

        public override void Run(int part)
        {
            var blocks = n / RowBlock;
            var start = part * blocks / parts * RowBlock;
            var end = part == parts - 1 ? n : (part + 1) * blocks / parts * RowBlock;
            Rows(w, x, b, z, start, end, k);
        }
    }
}
