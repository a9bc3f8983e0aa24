using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Threading;
using NetGen.CompilerServices;

namespace NetGen;

/// <summary>
/// A dense matrix stored row by row. Networks hold examples as columns: X is features × examples.
/// Memory is allocated once, when the matrix is created; every operation on it works in place.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
[DebuggerDisplay("{ToString(),nq}")]
[DebuggerTypeProxy(typeof(MatrixDebugView<>))]
public sealed class Matrix<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    // The storage, which may be longer than Rows × Columns after Resize shrank the matrix (the elements live at its
    // start), and the number of columns. Resize changes both, and another thread may read them meanwhile (a misuse,
    // but one that must never reach memory outside the array): the storage is only ever replaced by a longer one,
    // Resize publishes a longer array before the column count that needs it, and every reader reads the column count
    // before the array, so the Rows × columns it computes always fits the array it then reads. The elements begin at
    // CacheAligned's Start of the array: on a cache line for matrices of 85,000 bytes or more.
    private T[] values;
    private int columns;

    /// <summary>Creates a <paramref name="rows"/> × <paramref name="columns"/> matrix of zeros.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public Matrix(int rows, int columns)
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
        {
            throw new NotSupportedException($"Matrix<{typeof(T).Name}> is not supported: use float or double.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        Rows = rows;
        this.columns = columns;
        values = CacheAligned<T>.Allocate(checked(rows * columns));
    }

    /// <summary>Creates a matrix from values given row by row.</summary>
    /// <exception cref="ArgumentException"><paramref name="values"/> does not hold rows × columns values.</exception>
    public Matrix(int rows, int columns, ReadOnlySpan<T> values)
        : this(rows, columns)
    {
        if (values.Length != Length)
        {
            throw new ArgumentException($"A {rows} × {columns} matrix needs {Length} values, but {values.Length} were given.", nameof(values));
        }

        values.CopyTo(AsSpan());
    }

    /// <summary>The number of rows.</summary>
    public int Rows { get; }

    /// <summary>The number of columns.</summary>
    public int Columns => Volatile.Read(ref columns);

    /// <summary>The number of elements, <see cref="Rows"/> × <see cref="Columns"/>.</summary>
    public int Length => Rows * Columns;

    /// <summary>The element at <paramref name="row"/>, <paramref name="column"/>, by reference.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The position is outside the matrix.</exception>
    public ref T this[int row, int column]
    {
        get
        {
            var width = Columns;
            if ((uint)row >= (uint)Rows || (uint)column >= (uint)width)
            {
                throw new ArgumentOutOfRangeException(nameof(row), $"[{row}, {column}] is outside a {Rows} × {width} matrix.");
            }

            var array = Volatile.Read(ref values);
            return ref array[CacheAligned<T>.Start(array) + (row * width) + column];
        }
    }

    /// <summary>All elements, row by row.</summary>
    public Span<T> AsSpan() => Elements(out _);

    /// <summary>The elements of one row.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is outside the matrix.</exception>
    public Span<T> Row(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
        return Elements(out var width).Slice(row * width, width);
    }

    /// <summary>
    /// Builds X from data that arrives one example per row: the result is features × examples, example j in column j.
    /// </summary>
    /// <exception cref="ArgumentException">The examples do not all have the same number of features.</exception>
    public static Matrix<T> FromExamples(IReadOnlyList<T[]> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var features = examples.Count == 0 ? 0 : examples[0].Length;
        var matrix = new Matrix<T>(features, examples.Count);
        var elements = matrix.AsSpan();
        for (var j = 0; j < examples.Count; j++)
        {
            var example = examples[j];
            if (example.Length != features)
            {
                throw new ArgumentException($"Example {j} has {example.Length} features, but example 0 has {features}.", nameof(examples));
            }

            for (var i = 0; i < features; i++)
            {
                elements[(i * examples.Count) + j] = example[i];
            }
        }

        return matrix;
    }

    /// <summary>Builds Y for one output from one label per example: 1 × examples.</summary>
    public static Matrix<T> FromLabels(IReadOnlyList<T> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var matrix = new Matrix<T>(1, labels.Count);
        var elements = matrix.AsSpan();
        for (var j = 0; j < labels.Count; j++)
        {
            elements[j] = labels[j];
        }

        return matrix;
    }

    /// <summary>Builds one-hot labels: classes × examples, with a 1 in row labels[j] of column j.</summary>
    /// <exception cref="ArgumentException">A label is not in 0 .. classes − 1.</exception>
    public static Matrix<T> OneHot(IReadOnlyList<int> labels, int classes)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        var matrix = new Matrix<T>(classes, labels.Count);
        var elements = matrix.AsSpan();
        for (var j = 0; j < labels.Count; j++)
        {
            if ((uint)labels[j] >= (uint)classes)
            {
                throw new ArgumentException($"Label {labels[j]} of example {j} is not a class in 0 .. {classes - 1}.", nameof(labels));
            }

            elements[(labels[j] * labels.Count) + j] = T.One;
        }

        return matrix;
    }

    /// <summary>A copy of this matrix.</summary>
    public Matrix<T> Clone()
    {
        var elements = Elements(out var width);
        return new(Rows, width, elements);
    }

    /// <summary>Copies every element to <paramref name="destination"/>, which must have the same shape.</summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public void CopyTo(Matrix<T> destination)
    {
        Shapes.Require(destination, Rows, Columns, nameof(destination));
        AsSpan().CopyTo(destination.AsSpan());
    }

    /// <summary>Sets every element to <paramref name="value"/>.</summary>
    public void Fill(T value) => AsSpan().Fill(value);

    /// <summary>
    /// Changes the number of columns, reusing the storage when it is large enough: a matrix that shrinks and grows
    /// back to its largest size never allocates again. The elements are unspecified afterwards. Generated networks use
    /// it for their per-batch buffers, whose m changes between full and partial mini-batches.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="columns"/> is negative.</exception>
    public void Resize(int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        var length = checked(Rows * columns);
        for (var current = Volatile.Read(ref values); CacheAligned<T>.Capacity(current) < length; current = Volatile.Read(ref values))
        {
            // Only ever replaced by a longer array, even when two threads grow the matrix at once.
            if (Interlocked.CompareExchange(ref values, CacheAligned<T>.Allocate(length), current) == current)
            {
                break;
            }
        }

        Volatile.Write(ref this.columns, columns);
    }

    /// <summary>A new matrix that is the transpose of this one.</summary>
    public Matrix<T> Transpose()
    {
        var source = Elements(out var width);
        var result = new Matrix<T>(width, Rows);
        var transposed = result.AsSpan();
        for (var i = 0; i < Rows; i++)
        {
            for (var j = 0; j < width; j++)
            {
                transposed[(j * Rows) + i] = source[(i * width) + j];
            }
        }

        return result;
    }

    /// <summary>
    /// The elements and, in <paramref name="width"/>, the number of columns they were read with: a pair that always
    /// agrees, even while another thread resizes the matrix (see the note on the fields).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<T> Elements(out int width)
    {
        width = Columns;
        var array = Volatile.Read(ref values);
        return array.AsSpan(CacheAligned<T>.Start(array), Rows * width);
    }

    /// <summary>The most elements <see cref="ToString"/> writes out (and columns per row): a small matrix, read at a glance.</summary>
    private const int ShownElements = 36, ShownColumns = 12;

    /// <summary>
    /// The type and shape, and for a small matrix (at most 36 elements, 12 columns) its rows:
    /// <c>Matrix&lt;float&gt; 2 × 3 [[1, 2, 3], [4, 5.5, -6]]</c>; a larger one is only its shape,
    /// <c>Matrix&lt;float&gt; 20 × 30</c>. Numbers are written in the invariant culture, with up to 6 significant digits.
    /// </summary>
    public override string ToString()
    {
        var elements = Elements(out var width);
        var shape = $"Matrix<{(typeof(T) == typeof(float) ? "float" : "double")}> {Rows} × {width}";
        if (elements.Length == 0 || elements.Length > ShownElements || width > ShownColumns)
        {
            return shape;
        }

        var text = new System.Text.StringBuilder(shape).Append(" [");
        for (var row = 0; row < Rows; row++)
        {
            text.Append(row == 0 ? "[" : ", [");
            for (var column = 0; column < width; column++)
            {
                text.Append(column == 0 ? string.Empty : ", ")
                    .Append(double.CreateTruncating(elements[(row * width) + column]).ToString("G6", System.Globalization.CultureInfo.InvariantCulture));
            }

            text.Append(']');
        }

        return text.Append(']').ToString();
    }
}

/// <summary>Shows a matrix row by row in the debugger.</summary>
internal sealed class MatrixDebugView<T>(Matrix<T> matrix)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    [DebuggerBrowsable(DebuggerBrowsableState.RootHidden)]
    public T[][] Rows
    {
        get
        {
            var rows = new T[matrix.Rows][];
            for (var i = 0; i < rows.Length; i++)
            {
                rows[i] = matrix.Row(i).ToArray();
            }

            return rows;
        }
    }
}
