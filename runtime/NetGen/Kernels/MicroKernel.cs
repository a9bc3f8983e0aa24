using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen.CompilerServices;

/// <summary>
/// The innermost step of <see cref="Gemm{T}"/>: a <see cref="Rows"/> × <see cref="Columns"/> tile of the output,
/// accumulated in registers over a packed depth slice. The left panel holds <see cref="Rows"/> values per depth step,
/// the right panel <see cref="Columns"/> values per depth step; each step broadcasts the left values and multiplies
/// them with two vectors of the right panel. With AVX-512 the tile is 8 × 2 vectors (16 accumulators, leaving
/// registers for the operands); with AVX2 it is 6 × 2 vectors, which fits the 16 registers.
/// </summary>
internal static unsafe class MicroKernel<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Whether the register-blocked kernel can run here; otherwise callers use plain row loops.</summary>
    public static bool IsAccelerated => Vector512.IsHardwareAccelerated || (Vector256.IsHardwareAccelerated && System.Runtime.Intrinsics.X86.Fma.IsSupported);

    /// <summary>Rows of the output tile, the left panel's width.</summary>
    public static int Rows => Vector512.IsHardwareAccelerated ? 8 : 6;

    /// <summary>Columns of the output tile, the right panel's width: two vectors.</summary>
    public static int Columns => Vector512.IsHardwareAccelerated ? 2 * Vector512<T>.Count : 2 * Vector256<T>.Count;

    /// <summary>
    /// tile = prior + scale · Σ_p left[p, ·] ⊗ right[p, ·] over <paramref name="depth"/> steps, where prior is the tile
    /// itself when <paramref name="accumulate"/>, else the row's <paramref name="bias"/> value (zero without bias).
    /// </summary>
    /// <param name="depth">Depth steps in the panels.</param>
    /// <param name="left">Packed left panel: <see cref="Rows"/> values per step.</param>
    /// <param name="right">Right panel: <see cref="Columns"/> contiguous values per step.</param>
    /// <param name="rightStride">Distance between the right panel's steps, in elements: <see cref="Columns"/> when packed, the row stride when read in place.</param>
    /// <param name="tile">The output tile's first element; rows are <paramref name="stride"/> apart.</param>
    /// <param name="stride">Distance between tile rows, in elements.</param>
    /// <param name="scale">Factor applied to the accumulated products.</param>
    /// <param name="bias"><see cref="Rows"/> values, one per row, or null; read only when not accumulating.</param>
    /// <param name="accumulate">Add to the tile instead of overwriting it.</param>
    /// <param name="height">The rows of the tile that matter; with AVX-512, a tile of at most half the rows computes only
    /// those (a 20-row layer is 8 + 8 + 4 rows, not 24).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run(int depth, T* left, T* right, nint rightStride, T* tile, nint stride, T scale, T* bias, bool accumulate, int height)
    {
        if (Vector512.IsHardwareAccelerated && height <= 4)
        {
            Run512<HalfTile>(depth, left, right, rightStride, tile, stride, scale, bias, accumulate);
        }
        else if (Vector512.IsHardwareAccelerated)
        {
            Run512<FullTile>(depth, left, right, rightStride, tile, stride, scale, bias, accumulate);
        }
        else
        {
            Run256(depth, left, right, rightStride, tile, stride, scale, bias, accumulate);
        }
    }

    /// <summary>
    /// The AVX-512 tile: rows 0–3 always, rows 4–7 only for a <see cref="FullTile"/>. The left panel keeps its 8 values
    /// per step either way. The JIT compiles one copy per height, with the test on the height folded away.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run512<THeight>(int depth, T* left, T* right, nint rightStride, T* tile, nint stride, T scale, T* bias, bool accumulate)
        where THeight : struct, ITileHeight
    {
        var width = Vector512<T>.Count;
        Vector512<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default;
        Vector512<T> c40 = default, c41 = default, c50 = default, c51 = default, c60 = default, c61 = default, c70 = default, c71 = default;
        for (var p = 0; p < depth; p++)
        {
            var b0 = Vector512.Load(right);
            var b1 = Vector512.Load(right + width);
            var a = Vector512.Create(left[0]);
            c00 = Fma(a, b0, c00);
            c01 = Fma(a, b1, c01);
            a = Vector512.Create(left[1]);
            c10 = Fma(a, b0, c10);
            c11 = Fma(a, b1, c11);
            a = Vector512.Create(left[2]);
            c20 = Fma(a, b0, c20);
            c21 = Fma(a, b1, c21);
            a = Vector512.Create(left[3]);
            c30 = Fma(a, b0, c30);
            c31 = Fma(a, b1, c31);
            if (THeight.Full)
            {
                a = Vector512.Create(left[4]);
                c40 = Fma(a, b0, c40);
                c41 = Fma(a, b1, c41);
                a = Vector512.Create(left[5]);
                c50 = Fma(a, b0, c50);
                c51 = Fma(a, b1, c51);
                a = Vector512.Create(left[6]);
                c60 = Fma(a, b0, c60);
                c61 = Fma(a, b1, c61);
                a = Vector512.Create(left[7]);
                c70 = Fma(a, b0, c70);
                c71 = Fma(a, b1, c71);
            }

            left += 8;
            right += rightStride;
        }

        var s = Vector512.Create(scale);
        Store(tile, c00, c01, s, bias, 0, accumulate);
        Store(tile + stride, c10, c11, s, bias, 1, accumulate);
        Store(tile + (2 * stride), c20, c21, s, bias, 2, accumulate);
        Store(tile + (3 * stride), c30, c31, s, bias, 3, accumulate);
        if (THeight.Full)
        {
            Store(tile + (4 * stride), c40, c41, s, bias, 4, accumulate);
            Store(tile + (5 * stride), c50, c51, s, bias, 5, accumulate);
            Store(tile + (6 * stride), c60, c61, s, bias, 6, accumulate);
            Store(tile + (7 * stride), c70, c71, s, bias, 7, accumulate);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run256(int depth, T* left, T* right, nint rightStride, T* tile, nint stride, T scale, T* bias, bool accumulate)
    {
        var width = Vector256<T>.Count;
        Vector256<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<T> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (var p = 0; p < depth; p++)
        {
            var b0 = Vector256.Load(right);
            var b1 = Vector256.Load(right + width);
            var a = Vector256.Create(left[0]);
            c00 = Fma(a, b0, c00);
            c01 = Fma(a, b1, c01);
            a = Vector256.Create(left[1]);
            c10 = Fma(a, b0, c10);
            c11 = Fma(a, b1, c11);
            a = Vector256.Create(left[2]);
            c20 = Fma(a, b0, c20);
            c21 = Fma(a, b1, c21);
            a = Vector256.Create(left[3]);
            c30 = Fma(a, b0, c30);
            c31 = Fma(a, b1, c31);
            a = Vector256.Create(left[4]);
            c40 = Fma(a, b0, c40);
            c41 = Fma(a, b1, c41);
            a = Vector256.Create(left[5]);
            c50 = Fma(a, b0, c50);
            c51 = Fma(a, b1, c51);
            left += 6;
            right += rightStride;
        }

        var s = Vector256.Create(scale);
        Store(tile, c00, c01, s, bias, 0, accumulate);
        Store(tile + stride, c10, c11, s, bias, 1, accumulate);
        Store(tile + (2 * stride), c20, c21, s, bias, 2, accumulate);
        Store(tile + (3 * stride), c30, c31, s, bias, 3, accumulate);
        Store(tile + (4 * stride), c40, c41, s, bias, 4, accumulate);
        Store(tile + (5 * stride), c50, c51, s, bias, 5, accumulate);
    }

    /// <summary>Row <paramref name="r"/> of a tile: row[0..2 vectors) = prior + scale · (low, high).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(T* row, Vector512<T> low, Vector512<T> high, Vector512<T> scale, T* bias, int r, bool accumulate)
    {
        Vector512<T> priorLow, priorHigh;
        if (accumulate)
        {
            priorLow = Vector512.Load(row);
            priorHigh = Vector512.Load(row + Vector512<T>.Count);
        }
        else
        {
            priorLow = priorHigh = bias == null ? Vector512<T>.Zero : Vector512.Create(bias[r]);
        }

        Fma(low, scale, priorLow).Store(row);
        Fma(high, scale, priorHigh).Store(row + Vector512<T>.Count);
    }

    /// <summary>Row <paramref name="r"/> of a tile: row[0..2 vectors) = prior + scale · (low, high).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(T* row, Vector256<T> low, Vector256<T> high, Vector256<T> scale, T* bias, int r, bool accumulate)
    {
        Vector256<T> priorLow, priorHigh;
        if (accumulate)
        {
            priorLow = Vector256.Load(row);
            priorHigh = Vector256.Load(row + Vector256<T>.Count);
        }
        else
        {
            priorLow = priorHigh = bias == null ? Vector256<T>.Zero : Vector256.Create(bias[r]);
        }

        Fma(low, scale, priorLow).Store(row);
        Fma(high, scale, priorHigh).Store(row + Vector256<T>.Count);
    }

    /// <summary>a · b + c, rounded once; the type test is resolved when the method is compiled for T.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<T> Fma(Vector512<T> a, Vector512<T> b, Vector512<T> c) => typeof(T) == typeof(float)
        ? Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>()
        : Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();

    /// <summary>a · b + c, rounded once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<T> Fma(Vector256<T> a, Vector256<T> b, Vector256<T> c) => typeof(T) == typeof(float)
        ? Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>()
        : Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
}

/// <summary>Which rows of an AVX-512 tile <see cref="MicroKernel{T}"/> computes, as a type so that the JIT specializes on it.</summary>
internal interface ITileHeight
{
    /// <summary>All 8 rows, or only the first 4.</summary>
    static abstract bool Full { get; }
}

/// <summary>All 8 rows of the tile.</summary>
internal struct FullTile : ITileHeight
{
    public static bool Full => true;
}

/// <summary>The first 4 rows of the tile.</summary>
internal struct HalfTile : ITileHeight
{
    public static bool Full => false;
}
