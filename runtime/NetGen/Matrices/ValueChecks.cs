using System;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;

namespace NetGen.CompilerServices;

/// <summary>
/// The one place that decides whether values are finite, or lie in a closed range: vectorized scans that read each
/// value once and branch only at the end, and that look for the first offending position only when there is one.
/// NaN lies in no range; "finite" is the range [−MaxValue, MaxValue].
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
        var check = new RangeCheck<T>(low, high);
        var vectors = MemoryMarshal.Cast<T, Vector<T>>(values);
        foreach (var vector in vectors)
        {
            check.Add(vector);
        }

        for (var i = vectors.Length * Vector<T>.Count; i < values.Length; i++)
        {
            check.Add(values[i]);
        }

        if (check.AllInside)
        {
            return -1;
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (!RangeCheck<T>.Inside(values[i], low, high))
            {
                return i;
            }
        }

        return -1;
    }

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

/// <summary>
/// A running test that every value added lies in [low, high]: branch-free per value, so that the loops that add to it
/// (data scans, and the check passes of the guarded updates) stay vectorized and bandwidth-bound.
/// </summary>
internal struct RangeCheck<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly T low, high;
    private readonly Vector<T> lows, highs;
    private Vector<T> insideLanes;
    private bool insideScalars;

    /// <summary>Starts a check of the range [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public RangeCheck(T low, T high)
    {
        (this.low, this.high) = (low, high);
        (lows, highs) = (new Vector<T>(low), new Vector<T>(high));
        insideLanes = Vector<T>.AllBitsSet;
        insideScalars = true;
    }

    /// <summary>A check that every value added is finite.</summary>
    public static RangeCheck<T> Finite => new(-ValueChecks.MaxFinite<T>(), ValueChecks.MaxFinite<T>());

    /// <summary>Whether every value added so far lies in the range.</summary>
    public readonly bool AllInside => insideScalars && Vector.EqualsAll(Vector.AsVectorByte(insideLanes), Vector<byte>.AllBitsSet);

    /// <summary>Whether <paramref name="value"/> lies in [<paramref name="low"/>, <paramref name="high"/>]: false for NaN.</summary>
    public static bool Inside(T value, T low, T high) => value >= low && value <= high;

    /// <summary>Adds every lane of <paramref name="values"/>.</summary>
    public void Add(Vector<T> values) =>
        insideLanes &= Vector.GreaterThanOrEqual(values, lows) & Vector.LessThanOrEqual(values, highs);

    /// <summary>Adds <paramref name="value"/>.</summary>
    public void Add(T value) => insideScalars &= Inside(value, low, high);
}
