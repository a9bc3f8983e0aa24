using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.CompilerServices;

/// <summary>
/// Copies blocks of the operands of <see cref="Gemm{T}"/> into the layout <see cref="MicroKernel{T}"/> reads: panels
/// of <see cref="MicroKernel{T}.Rows"/> (left) or <see cref="MicroKernel{T}.Columns"/> (right) values per depth step,
/// padded with zeros at the edges. Where the operand's layout is the transpose of the panel's, square blocks of one
/// AVX vector are transposed in registers, which is several times faster than scattering scalars.
/// </summary>
internal static unsafe class Packing<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>The side of the blocks transposed in registers: one 256-bit vector.</summary>
    private static int Block => Vector256<T>.Count;

    /// <summary>
    /// Packs rows [row, row + rows) × depths [depth, depth + depths) of <paramref name="source"/> into micro-panels of
    /// MR rows: panel after panel, MR values per depth step, rows past the end zero.
    /// </summary>
    public static void PackLeft(in StridedMatrix<T> source, int row, int rows, int depth, int depths, T* packed)
    {
        var mr = MicroKernel<T>.Rows;
        for (var i = 0; i < rows; i += mr)
        {
            var height = Math.Min(mr, rows - i);
            var panel = packed + (i * depths);
            if (height < mr)
            {
                new Span<T>(panel, mr * depths).Clear();
            }

            if (source.RowStride == 1)
            {
                // A transposed operand: the MR values of a depth step are contiguous.
                for (var p = 0; p < depths; p++)
                {
                    CopyStep(source.At(row + i, depth + p), panel + (p * mr), height, mr);
                }

                continue;
            }

            // Each row runs along the depth: transpose it into the panel's columns.
            var p0 = 0;
            if (height == mr && mr % Block == 0 && source.ColumnStride == 1 && Avx.IsSupported)
            {
                for (; p0 + Block <= depths; p0 += Block)
                {
                    for (var r = 0; r < mr; r += Block)
                    {
                        Transpose(source.At(row + i + r, depth + p0), source.RowStride, panel + (p0 * mr) + r, mr);
                    }
                }
            }

            for (var r = 0; r < height; r++)
            {
                var values = source.At(row + i + r, depth);
                for (var p = p0; p < depths; p++)
                {
                    panel[(p * mr) + r] = values[p * source.ColumnStride];
                }
            }
        }
    }

    /// <summary>
    /// Packs depths [depth, depth + depths) × columns [column, column + columns) of <paramref name="source"/> into
    /// micro-panels of NR columns: panel after panel, NR values per depth step, columns past the end zero.
    /// </summary>
    public static void PackRight(in StridedMatrix<T> source, int depth, int depths, int column, int columns, T* packed)
    {
        var nr = MicroKernel<T>.Columns;
        for (var j = 0; j < columns; j += nr)
        {
            var width = Math.Min(nr, columns - j);
            var panel = packed + (j * depths);
            if (width < nr)
            {
                new Span<T>(panel, nr * depths).Clear();
            }

            if (source.ColumnStride == 1)
            {
                for (var p = 0; p < depths; p++)
                {
                    CopyStep(source.At(depth + p, column + j), panel + (p * nr), width, nr);
                }

                continue;
            }

            // A transposed operand: each of its rows runs along the depth, transpose it into a panel column.
            var p0 = 0;
            if (width == nr && source.RowStride == 1 && Avx.IsSupported)
            {
                for (; p0 + Block <= depths; p0 += Block)
                {
                    for (var c = 0; c < nr; c += Block)
                    {
                        Transpose(source.At(depth + p0, column + j + c), source.ColumnStride, panel + (p0 * nr) + c, nr);
                    }
                }
            }

            for (var c = 0; c < width; c++)
            {
                var values = source.At(depth, column + j + c);
                for (var p = p0; p < depths; p++)
                {
                    panel[(p * nr) + c] = values[p * source.RowStride];
                }
            }
        }
    }

    /// <summary>
    /// Copies the <paramref name="count"/> values of one depth step into a panel <paramref name="full"/> values wide:
    /// with whole 256-bit vectors when the step is full (MR and NR are multiples of a vector), which is several times
    /// faster than a call to a general copy for so few values.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyStep(T* source, T* destination, int count, int full)
    {
        if (count == full && full % Vector256<T>.Count == 0)
        {
            for (var c = 0; c < full; c += Vector256<T>.Count)
            {
                Vector256.Store(Vector256.Load(source + c), destination + c);
            }
        }
        else
        {
            new ReadOnlySpan<T>(source, count).CopyTo(new Span<T>(destination, count));
        }
    }

    /// <summary>
    /// Writes the transpose of the <see cref="Block"/> × <see cref="Block"/> block whose rows start
    /// <paramref name="sourceStride"/> apart at <paramref name="source"/> to rows <paramref name="destinationStride"/>
    /// apart at <paramref name="destination"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(T* source, nint sourceStride, T* destination, nint destinationStride)
    {
        if (typeof(T) == typeof(float))
        {
            Transpose8x8((float*)source, sourceStride, (float*)destination, destinationStride);
        }
        else
        {
            Transpose4x4((double*)source, sourceStride, (double*)destination, destinationStride);
        }
    }

    /// <summary>The classic AVX 8 × 8 transpose: interleave pairs of rows, then quadruples, then swap 128-bit halves.</summary>
    private static void Transpose8x8(float* source, nint sourceStride, float* destination, nint destinationStride)
    {
        var r0 = Avx.LoadVector256(source);
        var r1 = Avx.LoadVector256(source + sourceStride);
        var r2 = Avx.LoadVector256(source + (2 * sourceStride));
        var r3 = Avx.LoadVector256(source + (3 * sourceStride));
        var r4 = Avx.LoadVector256(source + (4 * sourceStride));
        var r5 = Avx.LoadVector256(source + (5 * sourceStride));
        var r6 = Avx.LoadVector256(source + (6 * sourceStride));
        var r7 = Avx.LoadVector256(source + (7 * sourceStride));

        // Within each 128-bit half: t0 = r0[0] r1[0] r0[1] r1[1], t1 = r0[2] r1[2] r0[3] r1[3], and so on.
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);

        // Within each half: s0 = rows 0-3 of column 0 (column 4 in the upper half), s1 of column 1 (5), and so on.
        var s0 = Avx.Shuffle(t0, t2, 0x44);
        var s1 = Avx.Shuffle(t0, t2, 0xEE);
        var s2 = Avx.Shuffle(t1, t3, 0x44);
        var s3 = Avx.Shuffle(t1, t3, 0xEE);
        var s4 = Avx.Shuffle(t4, t6, 0x44);
        var s5 = Avx.Shuffle(t4, t6, 0xEE);
        var s6 = Avx.Shuffle(t5, t7, 0x44);
        var s7 = Avx.Shuffle(t5, t7, 0xEE);

        Avx.Store(destination, Avx.Permute2x128(s0, s4, 0x20));
        Avx.Store(destination + destinationStride, Avx.Permute2x128(s1, s5, 0x20));
        Avx.Store(destination + (2 * destinationStride), Avx.Permute2x128(s2, s6, 0x20));
        Avx.Store(destination + (3 * destinationStride), Avx.Permute2x128(s3, s7, 0x20));
        Avx.Store(destination + (4 * destinationStride), Avx.Permute2x128(s0, s4, 0x31));
        Avx.Store(destination + (5 * destinationStride), Avx.Permute2x128(s1, s5, 0x31));
        Avx.Store(destination + (6 * destinationStride), Avx.Permute2x128(s2, s6, 0x31));
        Avx.Store(destination + (7 * destinationStride), Avx.Permute2x128(s3, s7, 0x31));
    }

    /// <summary>The AVX 4 × 4 transpose of doubles: interleave pairs of rows, then swap 128-bit halves.</summary>
    private static void Transpose4x4(double* source, nint sourceStride, double* destination, nint destinationStride)
    {
        var r0 = Avx.LoadVector256(source);
        var r1 = Avx.LoadVector256(source + sourceStride);
        var r2 = Avx.LoadVector256(source + (2 * sourceStride));
        var r3 = Avx.LoadVector256(source + (3 * sourceStride));

        // t0 = r0[0] r1[0] r0[2] r1[2], t1 = r0[1] r1[1] r0[3] r1[3].
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);

        Avx.Store(destination, Avx.Permute2x128(t0, t2, 0x20));
        Avx.Store(destination + destinationStride, Avx.Permute2x128(t1, t3, 0x20));
        Avx.Store(destination + (2 * destinationStride), Avx.Permute2x128(t0, t2, 0x31));
        Avx.Store(destination + (3 * destinationStride), Avx.Permute2x128(t1, t3, 0x31));
    }
}
