using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.Runtime.Tests;

public class MatrixTests
{
    [Fact]
    public void Values_are_stored_row_by_row()
    {
        var matrix = new Matrix<float>(2, 3, [1, 2, 3, 4, 5, 6]);

        Assert.Equal((2, 3, 6), (matrix.Rows, matrix.Columns, matrix.Length));
        Assert.Equal(6f, matrix[1, 2]);
        Assert.Equal([4f, 5, 6], matrix.Row(1).ToArray());
        matrix[0, 1] = 20;
        Assert.Equal(20f, matrix.AsSpan()[1]);
    }

    [Fact]
    public void FromExamples_puts_one_example_in_each_column()
    {
        var X = Matrix<double>.FromExamples([[1, 2], [3, 4], [5, 6]]);

        Assert.Equal((2, 3), (X.Rows, X.Columns));
        Assert.Equal([1.0, 3, 5, 2, 4, 6], X.AsSpan().ToArray());
    }

    [Fact]
    public void FromExamples_rejects_examples_of_different_lengths()
    {
        var error = Assert.Throws<ArgumentException>(() => Matrix<double>.FromExamples([[1, 2], [3]]));

        Assert.StartsWith("Example 1 has 1 features, but example 0 has 2.", error.Message);
    }

    [Fact]
    public void FromLabels_and_OneHot_build_label_rows()
    {
        var Y = Matrix<float>.FromLabels([1, 0, 1]);
        var oneHot = Matrix<float>.OneHot([2, 0, 1], classes: 3);

        Assert.Equal((1, 3), (Y.Rows, Y.Columns));
        Assert.Equal([1f, 0, 1], Y.AsSpan().ToArray());
        Assert.Equal([0f, 1, 0, 0, 0, 1, 1, 0, 0], oneHot.AsSpan().ToArray());
        Assert.StartsWith("Label 3 of example 1 is not a class in 0 .. 2.", Assert.Throws<ArgumentException>(() => Matrix<float>.OneHot([0, 3], 3)).Message);
    }

    [Fact]
    public void Transpose_Clone_and_CopyTo_make_independent_copies()
    {
        var matrix = new Matrix<double>(2, 3, [1, 2, 3, 4, 5, 6]);

        var transposed = matrix.Transpose();
        var clone = matrix.Clone();
        var copy = new Matrix<double>(2, 3);
        matrix.CopyTo(copy);
        matrix.Fill(0);

        Assert.Equal([1.0, 4, 2, 5, 3, 6], transposed.AsSpan().ToArray());
        Assert.Equal([1.0, 2, 3, 4, 5, 6], clone.AsSpan().ToArray());
        Assert.Equal([1.0, 2, 3, 4, 5, 6], copy.AsSpan().ToArray());
        Assert.Throws<ArgumentException>(() => matrix.CopyTo(new Matrix<double>(3, 2)));
    }

    [Fact]
    public void Positions_outside_the_matrix_throw()
    {
        var matrix = new Matrix<float>(2, 3);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => matrix[2, 0]);

        Assert.StartsWith("[2, 0] is outside a 2 × 3 matrix.", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix[0, 3]);
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix[-1, 0]);
    }

    [Fact]
    public void Invalid_construction_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Matrix<float>(-1, 2));
        Assert.StartsWith("A 2 × 2 matrix needs 4 values, but 3 were given.", Assert.Throws<ArgumentException>(() => new Matrix<float>(2, 2, [1, 2, 3])).Message);
        Assert.Equal("Matrix<Half> is not supported: use float or double.", Assert.Throws<NotSupportedException>(() => new Matrix<Half>(1, 1)).Message);
    }

    [Fact]
    public void Resize_reuses_the_storage_when_it_shrinks_and_grows_back()
    {
        var matrix = new Matrix<double>(3, 10);
        matrix.Resize(4);
        matrix.Fill(2);

        var before = GC.GetAllocatedBytesForCurrentThread();
        matrix.Resize(10);
        matrix.Resize(7);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal((3, 7, 21), (matrix.Rows, matrix.Columns, matrix.Length));
        Assert.Equal(21, matrix.AsSpan().Length);
        Assert.Equal(7, matrix.Row(2).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix[0, 7]);

        matrix.Resize(12);
        Assert.Equal(36, matrix.AsSpan().Length);
    }

    [Theory]
    [InlineData(128, 784)]
    [InlineData(3, 10001)]
    [InlineData(1, 21250)] // 85,000 bytes of floats: the smallest that is aligned
    public unsafe void A_matrix_of_85000_bytes_or_more_begins_on_a_cache_line_and_stays_there(int rows, int columns)
    {
        // The vector kernels stream weights in 64-byte loads: one that straddles two lines costs two (docs/performance.md).
        var floats = new Matrix<float>(rows, columns, Reference.Random<float>(rows, columns, 1).AsSpan());
        var doubles = Matrix<double>.FromLabels(Enumerable.Range(0, rows * columns).Select(i => (double)i).ToList());
        var expected = floats.Clone();

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        floats.Resize(columns + 5); // grows into new storage
        floats.Resize(columns);

        Assert.Equal(0, Address(floats.AsSpan()) % 64);
        Assert.Equal(0, Address(doubles.AsSpan()) % 64);
        Assert.Equal(0, Address(expected.AsSpan()) % 64);
        Assert.Equal((double)((rows * columns) - 1), doubles[0, (rows * columns) - 1]);
        Assert.Equal(rows * columns, doubles.AsSpan().Length);

        static long Address<T>(Span<T> span) => (long)Unsafe.AsPointer(ref MemoryMarshal.GetReference(span));
    }

    [Theory]
    [InlineData(30 * 64, false)]
    [InlineData(21000, false)] // 84,000 bytes
    [InlineData(21250, true)]
    public void Only_storage_of_85000_bytes_or_more_is_pinned(int length, bool pinned)
    {
        // Pinned, a 30 × 64 matrix created in a loop cost 14 times as much, with a generation-2 collection every 400.
        var array = CacheAligned<float>.Allocate(length);

        Assert.Equal(pinned, GC.GetGeneration(array) == 2); // a new ordinary array is young; a pinned one is on the pinned heap
        Assert.Equal(pinned, CacheAligned<float>.Pins(length));
        Assert.True(CacheAligned<float>.Capacity(array) >= length);
    }

    [Fact]
    public void The_elements_of_an_aligned_matrix_are_where_the_indexer_rows_and_copies_say()
    {
        var source = Reference.Random<double>(40, 30, 2);
        var matrix = new Matrix<double>(40, 30, source.AsSpan());
        var transposed = matrix.Transpose();
        var oneHot = Matrix<float>.OneHot(Enumerable.Range(0, 300).Select(j => j % 7).ToList(), 7);
        var labels = Matrix<float>.FromLabels(Enumerable.Range(0, 300).Select(j => (float)j).ToList());

        Assert.Equal(source.AsSpan().ToArray(), matrix.AsSpan().ToArray());
        Assert.Equal(source[39, 29], matrix[39, 29]);
        Assert.Equal(source.Row(17).ToArray(), matrix.Row(17).ToArray());
        Assert.Equal(source[12, 25], transposed[25, 12]);
        Assert.Equal((1f, 0f), (oneHot[3, 3], oneHot[3, 4]));
        Assert.Equal(7f * 300 / 7, oneHot.AsSpan().ToArray().Sum(), 3);
        Assert.Equal(299f, labels[0, 299]);
    }

    [Fact]
    public void ToString_shows_a_small_matrix_row_by_row_and_a_large_one_by_its_shape()
    {
        using var culture = new CultureSwap("fi-FI"); // a decimal comma and U+2212 minus must not reach the text

        Assert.Equal("Matrix<float> 2 × 3 [[1, 2, 3], [4, 5.5, -6]]", new Matrix<float>(2, 3, [1, 2, 3, 4, 5.5f, -6]).ToString());
        Assert.Equal("Matrix<double> 1 × 2 [[0.333333, NaN]]", new Matrix<double>(1, 2, [1.0 / 3, double.NaN]).ToString());
        Assert.Equal("Matrix<float> 20 × 30", new Matrix<float>(20, 30).ToString());
        Assert.Equal("Matrix<float> 1 × 13", new Matrix<float>(1, 13).ToString());
        Assert.Equal("Matrix<float> 0 × 5", new Matrix<float>(0, 5).ToString());
    }

    [Fact]
    public void The_debugger_shows_the_text_and_the_rows()
    {
        var matrix = new Matrix<double>(2, 2, [1, 2, 3, 4]);

        var display = Assert.Single(typeof(Matrix<double>).GetCustomAttributes(typeof(System.Diagnostics.DebuggerDisplayAttribute), false));
        Assert.Equal("{ToString(),nq}", ((System.Diagnostics.DebuggerDisplayAttribute)display).Value);
        Assert.Equal([[1.0, 2.0], [3.0, 4.0]], new MatrixDebugView<double>(matrix).Rows);
    }

    /// <summary>Sets the current culture for the lifetime of the object.</summary>
    private sealed class CultureSwap : IDisposable
    {
        private readonly System.Globalization.CultureInfo previous = System.Globalization.CultureInfo.CurrentCulture;

        public CultureSwap(string name) => System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo(name);

        public void Dispose() => System.Globalization.CultureInfo.CurrentCulture = previous;
    }
}
