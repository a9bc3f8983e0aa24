using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetGen.CompilerServices;

/// <summary>Shape checks that name the expected and the actual shape, for the entry points of generated networks.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Shapes
{
    /// <summary>Requires <paramref name="matrix"/> to have <paramref name="rows"/> rows and any number of columns.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="matrix"/> is null.</exception>
    /// <exception cref="ArgumentException">The number of rows differs; the message gives both shapes.</exception>
    public static void RequireRows<T>(Matrix<T> matrix, int rows, string name)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(matrix, name);
        if (matrix.Rows != rows)
        {
            throw new ArgumentException($"Expected {name} to be {rows} × m, but it is {matrix.Rows} × {matrix.Columns}.", name);
        }
    }

    /// <summary>Requires <paramref name="matrix"/> to be exactly <paramref name="rows"/> × <paramref name="columns"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="matrix"/> is null.</exception>
    /// <exception cref="ArgumentException">The shape differs; the message gives both shapes.</exception>
    public static void Require<T>(Matrix<T> matrix, int rows, int columns, string name)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(matrix, name);
        if (matrix.Rows != rows || matrix.Columns != columns)
        {
            throw new ArgumentException($"Expected {name} to be {rows} × {columns}, but it is {matrix.Rows} × {matrix.Columns}.", name);
        }
    }

    /// <summary>Requires a span called <paramref name="name"/> to have <paramref name="expected"/> elements.</summary>
    /// <exception cref="ArgumentException">The length differs; the message gives both lengths.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // on the path of every layer of a single example
    internal static void RequireLength(int length, int expected, string name)
    {
        if (length != expected)
        {
            ThrowWrongLength(length, expected, name);
        }
    }

    [DoesNotReturn]
    private static void ThrowWrongLength(int length, int expected, string name) =>
        throw new ArgumentException($"Expected {name} to have {expected} elements, but it has {length}.", name);
}
