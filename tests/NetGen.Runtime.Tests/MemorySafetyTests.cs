namespace NetGen.Runtime.Tests;

/// <summary>
/// No code path writes outside an array, whatever the callers do: the products check every span against the
/// dimensions their pointer code uses, and a matrix never shows a column count that its storage cannot hold.
/// </summary>
public class MemorySafetyTests
{
    /// <summary>(n, k, m) on each path of the products: m = 1 (matrix-vector), the row loops, and the packed GEMM.</summary>
    public static TheoryData<int, int, int> Paths => new()
    {
        { 130, 300, 1 },
        { 4, 3, 5 },
        { 64, 128, 96 },
    };

    /// <summary>
    /// Each product is handed an output span one row short of what its dimensions say, cut from a longer array whose
    /// tail is a sentinel. Before the checks the pointer paths wrote that row into the sentinel (memory outside the
    /// span; outside the array when the span ends the array); now the call throws and nothing outside is touched.
    /// </summary>
    [Theory]
    [MemberData(nameof(Paths))]
    public void Products_refuse_an_output_shorter_than_their_dimensions(int n, int k, int m)
    {
        var w = Values(n * k, 1);
        var a = Values(k * m, 2);
        var b = Values(n, 3);
        var dz = Values(n * m, 4);

        AssertRefusedWithoutWritingPast((n - 1) * m, output => DenseProducts.MultiplyAddBias<double>(w, a, b, output, n, k, m));
        AssertRefusedWithoutWritingPast((n - 1) * k, output => DenseProducts.MultiplyTransposeRight<double>(dz, a, output, n, k, m, 1.0));
        AssertRefusedWithoutWritingPast((k - 1) * m, output => DenseProducts.MultiplyTransposeLeft<double>(w, dz, output, n, k, m));
    }

    /// <summary>Inputs shorter than the dimensions would be read past their end: refused as well, one operand at a time.</summary>
    [Theory]
    [MemberData(nameof(Paths))]
    public void Products_refuse_inputs_shorter_than_their_dimensions(int n, int k, int m)
    {
        double[] w = Values(n * k, 1), a = Values(k * m, 2), b = Values(n, 3), dz = Values(n * m, 4);
        double[] z = new double[n * m], dw = new double[n * k], da = new double[k * m];

        Assert.Throws<InvalidOperationException>(() => DenseProducts.MultiplyAddBias<double>(w.AsSpan(1), a, b, z, n, k, m));
        Assert.Throws<InvalidOperationException>(() => DenseProducts.MultiplyAddBias<double>(w, a.AsSpan(1), b, z, n, k, m));
        Assert.Throws<InvalidOperationException>(() => DenseProducts.MultiplyAddBias<double>(w, a, b.AsSpan(1), z, n, k, m));
        Assert.Throws<InvalidOperationException>(() => DenseProducts.MultiplyTransposeRight<double>(dz.AsSpan(1), a, dw, n, k, m, 1.0));
        Assert.Throws<InvalidOperationException>(() => DenseProducts.MultiplyTransposeRight<double>(dz, a.AsSpan(1), dw, n, k, m, 1.0));
        Assert.Throws<InvalidOperationException>(() => DenseProducts.MultiplyTransposeLeft<double>(w.AsSpan(1), dz, da, n, k, m));
        Assert.Throws<InvalidOperationException>(() => DenseProducts.MultiplyTransposeLeft<double>(w, dz.AsSpan(1), da, n, k, m));
    }

    [Fact]
    public void The_matrix_vector_product_checks_its_spans_too()
    {
        const int n = 130, k = 300;
        double[] w = Values(n * k, 1), x = Values(k, 2), b = Values(n, 3);

        AssertRefusedWithoutWritingPast(n - 1, output => MatrixVector<double>.MultiplyAddBias(w, x, b, output, n, k));
        Assert.Throws<InvalidOperationException>(() => MatrixVector<double>.MultiplyAddBias(w, x.AsSpan(1), b, new double[n], n, k));
    }

    /// <summary>
    /// Another thread resizes the output of a product back and forth while this one multiplies into it, on the packed
    /// and the matrix-vector paths: the worst a call may do is throw (the shape check, or the span check when the
    /// resize lands between the two). Before the span checks, the matrix-vector path failed here with a write through
    /// a null pointer in a worker thread (FourRows ← SplitProduct.Run ← WorkerPool.RunParts), the race behind the
    /// SIGSEGV seen in Predict; with other sizes the same race writes past the span.
    /// </summary>
    [Theory]
    [InlineData(64, 128, 96)]
    [InlineData(130, 300, 1)]
    public void Resizing_a_matrix_during_a_product_throws_instead_of_corrupting_memory(int n, int k, int m)
    {
        var W = Reference.Random<float>(n, k, 1);
        var A = Reference.Random<float>(k, m, 2);
        var b = Reference.Random<float>(n, 1, 3);
        var Z = new Matrix<float>(n, m);
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(400));
        var resizer = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                Z.Resize(m / 2);
                Z.Resize(m);
            }
        });
        resizer.Start();

        var (products, refusals) = (0, 0);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                Kernels.MultiplyAddBias(W, A, b, Z);
                products++;
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
            {
                refusals++;
            }
        }

        resizer.Join();
        Assert.True(products + refusals > 0);
    }

    /// <summary>
    /// A reader on another thread sees a consistent pair of storage and column count: every span it gets holds whole
    /// rows of a column count the matrix had, and never throws while the matrix grows and shrinks.
    /// </summary>
    [Fact]
    public void A_matrix_resized_on_another_thread_always_shows_a_consistent_shape()
    {
        var matrix = new Matrix<double>(3, 1);
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var resizer = new Thread(() =>
        {
            for (var columns = 1; !stop.IsCancellationRequested; columns = columns % 4096 + 1)
            {
                matrix.Resize(columns);
            }
        });
        resizer.Start();

        var reads = 0;
        while (!stop.IsCancellationRequested)
        {
            var span = matrix.AsSpan();
            var row = matrix.Row(2);
            Assert.Equal(0, span.Length % 3);
            Assert.InRange(row.Length, 1, 4096);
            reads++;
        }

        resizer.Join();
        Assert.True(reads > 0);
    }

    /// <summary>Calls <paramref name="product"/> with an output span of <paramref name="length"/> values followed by a sentinel.</summary>
    private static void AssertRefusedWithoutWritingPast(int length, SpanAction product)
    {
        const int guard = 4096;
        var storage = new double[length + guard];
        Array.Fill(storage, 12345.0);

        var error = Record.Exception(() => product(storage.AsSpan(0, length)));

        Assert.IsType<InvalidOperationException>(error);
        Assert.Contains("changed shape", error.Message);
        Assert.All(storage, value => Assert.Equal(12345.0, value));
    }

    private static double[] Values(int count, int seed) => Reference.Random<double>(1, count, (ulong)seed).AsSpan().ToArray();

    private delegate void SpanAction(Span<double> output);
}
