using System;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.CompilerServices;

/// <summary>
/// The one place that decides whether values are finite, or lie in a closed range: vectorized scans that read each
/// value once and branch only at the end, and that look for the first offending position only when there is one; and
/// the per-value and per-vector tests that the check passes of the guarded updates accumulate in registers. NaN lies
/// in no range; "finite" is the range [−MaxValue, MaxValue].
/// </summary>
internal static class ValueChecks
{
    /// <summary>The largest finite value of <typeparamref name="T"/>.</summary>
    public static T MaxFinite<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => T.BitDecrement(T.PositiveInfinity);

    /// <summary>The index of the first value that is NaN or infinite, or −1.</summary>
    public static int IndexNotFinite<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => IndexOutside(values, -MaxFinite<T>(), MaxFinite<T>());

    /// <summary>The index of the first value that is not in [<paramref name="low"/>, <paramref name="high"/>], or −1.</summary>
    public static int IndexOutside<T>(ReadOnlySpan<T> values, T low, T high)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // Two accumulators, so that the AND of one vector does not wait for the last; kept in locals (registers).
        Vector<T> lows = new(low), highs = new(high), inside = Vector<T>.AllBitsSet, alsoInside = Vector<T>.AllBitsSet;
        var vectors = MemoryMarshal.Cast<T, Vector<T>>(values);
        var v = 0;
        for (; v + 1 < vectors.Length; v += 2)
        {
            inside &= Inside(vectors[v], lows, highs);
            alsoInside &= Inside(vectors[v + 1], lows, highs);
        }

        if (v < vectors.Length)
        {
            inside &= Inside(vectors[v], lows, highs);
        }

        var allInside = All(inside & alsoInside);
        for (var i = vectors.Length * Vector<T>.Count; i < values.Length; i++)
        {
            allInside &= Inside(values[i], low, high);
        }

        if (allInside)
        {
            return -1;
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (!Inside(values[i], low, high))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Whether <paramref name="value"/> lies in [<paramref name="low"/>, <paramref name="high"/>]: false for NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Inside<T>(T value, T low, T high)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => value >= low && value <= high;

    /// <summary>Whether <paramref name="value"/> is finite: neither NaN nor ±∞, the same as in [−MaxValue, MaxValue].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsFinite<T>(T value)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => T.IsFinite(value);

    /// <summary>The lanes of <paramref name="values"/> in [<paramref name="lows"/>, <paramref name="highs"/>]: all bits set there, zero elsewhere (NaN included).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Inside<T>(Vector<T> values, Vector<T> lows, Vector<T> highs)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        Vector.GreaterThanOrEqual(values, lows) & Vector.LessThanOrEqual(values, highs);

    /// <summary>A vector of −MaxValue and one of MaxValue: the bounds of <see cref="Inside{T}(Vector{T}, Vector{T}, Vector{T})"/> for finiteness.</summary>
    public static (Vector<T> Lows, Vector<T> Highs) FiniteBounds<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => (new(-MaxFinite<T>()), new(MaxFinite<T>()));

    /// <summary>Whether every lane of a mask from <see cref="Inside{T}(Vector{T}, Vector{T}, Vector{T})"/> is set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool All<T>(Vector<T> mask)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => Vector.EqualsAll(Vector.AsVectorByte(mask), Vector<byte>.AllBitsSet);

    /// <summary>
    /// The exception for the first value of <paramref name="matrix"/> outside [<paramref name="low"/>,
    /// <paramref name="high"/>], naming the matrix, the position and the value, or <see langword="null"/> when there
    /// is none.
    /// </summary>
    /// <param name="matrix">The user's matrix.</param>
    /// <param name="name">The user's name for it, the parameter name of the exception: "X" or "Y".</param>
    /// <param name="low">The smallest value allowed.</param>
    /// <param name="high">The largest value allowed.</param>
    /// <param name="requirement">
    /// What the values must be, completing "but …", e.g. "binary cross-entropy needs labels in [0, 1]"; null for "every
    /// value of X must be a finite number". A constant, so that the check allocates nothing when it passes.
    /// </param>
    public static ArgumentException? FindOutside<T>(Matrix<T> matrix, string name, T low, T high, string? requirement)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var index = IndexOutside<T>(matrix.AsSpan(), low, high);
        if (index < 0)
        {
            return null;
        }

        var (row, column) = Math.DivRem(index, matrix.Columns);
        return new ArgumentException(
            $"{name}[{row}, {column}] is {Format(matrix.AsSpan()[index])}, but {requirement ?? $"every value of {name} must be a finite number"} (example {column}).",
            name);
    }

    /// <summary>The exception for the first non-finite value of the user's matrix X or Y, or <see langword="null"/>.</summary>
    public static ArgumentException? FindNonFinite<T>(Matrix<T> matrix, string name)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        FindOutside(matrix, name, -MaxFinite<T>(), MaxFinite<T>(), requirement: null);

    /// <summary>Throws when the user's matrix X or Y holds a value that is not finite, naming the first one.</summary>
    /// <exception cref="ArgumentException">A value is NaN or infinite.</exception>
    public static void RequireFinite<T>(Matrix<T> matrix, string name)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (FindNonFinite(matrix, name) is { } error)
        {
            throw error;
        }
    }

    /// <summary>A value as messages show it: culture-invariant and round-trippable (NaN, Infinity, 1E+38, 0.5).</summary>
    public static string Format<T>(T value)
        where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);
}
