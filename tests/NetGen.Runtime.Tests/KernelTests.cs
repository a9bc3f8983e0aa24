namespace NetGen.Runtime.Tests;

/// <summary>The three products and the elementwise kernels against the naive references, in both precisions.</summary>
public class KernelTests
{
    /// <summary>
    /// (n, k, m): W is n × k and A is k × m. Sizes 1, 3, 17, 31 and 1000+ cover vector remainders, single rows and
    /// columns, and products longer than any block. The larger shapes take the packed path: sizes just off the tile
    /// edges (6 and 8 rows, 16 and 32 columns), across the depth slice (256), the column block (256 or 512) and the
    /// row block (768 or 1024), and products big enough to be split over the worker threads; single columns (m = 1)
    /// take the matrix-vector path, in blocks of four rows and, for 128 × 784, split over the workers.
    /// </summary>
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 },
        { 3, 17, 31 },
        { 17, 31, 3 },
        { 31, 3, 17 },
        { 1, 1000, 1 },
        { 1003, 3, 5 },
        { 5, 1001, 3 },
        { 3, 5, 1031 },
        { 64, 128, 96 },
        { 129, 257, 33 },
        { 7, 9, 33 },
        { 9, 255, 31 },
        { 17, 513, 65 },
        { 49, 100, 15 },
        { 130, 300, 260 },
        { 1030, 260, 40 },
        { 40, 300, 530 },
        { 20, 1200, 209 },
        { 5, 17, 1 },
        { 67, 301, 1 },
        { 128, 784, 1 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MultiplyAddBias_matches_the_naive_product(int n, int k, int m)
    {
        MultiplyAddBias<float>(n, k, m);
        MultiplyAddBias<double>(n, k, m);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MultiplyTransposeRight_matches_the_naive_product(int n, int k, int m)
    {
        MultiplyTransposeRight<float>(n, k, m);
        MultiplyTransposeRight<double>(n, k, m);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MultiplyTransposeLeft_matches_the_naive_product(int n, int k, int m)
    {
        MultiplyTransposeLeft<float>(n, k, m);
        MultiplyTransposeLeft<double>(n, k, m);
    }

    [Fact]
    public void Products_overwrite_their_output_instead_of_accumulating()
    {
        var W = Reference.Random<double>(4, 3, 1);
        var A = Reference.Random<double>(3, 5, 2);
        var dZ = Reference.Random<double>(4, 5, 3);
        var (Z, dW, dA) = (new Matrix<double>(4, 5), new Matrix<double>(4, 3), new Matrix<double>(3, 5));
        Z.Fill(1e6);
        dW.Fill(1e6);
        dA.Fill(1e6);

        Kernels.MultiplyAddBias(W, A, new Matrix<double>(4, 1), Z);
        Kernels.MultiplyTransposeRight(dZ, A, dW, 1.0);
        Kernels.MultiplyTransposeLeft(W, dZ, dA);

        Reference.AssertClose(Reference.MultiplyAddBias(W, A, new Matrix<double>(4, 1)), Z, 3);
        Reference.AssertClose(Reference.MultiplyTransposeRight(dZ, A, 1.0), dW, 5);
        Reference.AssertClose(Reference.MultiplyTransposeLeft(W, dZ), dA, 4);
    }

    [Fact]
    public void Packed_products_overwrite_their_output_across_depth_slices()
    {
        const int n = 70, k = 600, m = 90;
        var W = Reference.Random<float>(n, k, 11);
        var A = Reference.Random<float>(k, m, 12);
        var b = Reference.Random<float>(n, 1, 13);
        var dZ = Reference.Random<float>(n, m, 14);
        var (Z, dW, dA) = (new Matrix<float>(n, m), new Matrix<float>(n, k), new Matrix<float>(k, m));
        Z.Fill(float.NaN);
        dW.Fill(float.NaN);
        dA.Fill(float.NaN);

        Kernels.MultiplyAddBias(W, A, b, Z);
        Kernels.MultiplyTransposeRight(dZ, A, dW, 0.5f);
        Kernels.MultiplyTransposeLeft(W, dZ, dA);

        Reference.AssertClose(Reference.MultiplyAddBias(W, A, b), Z, k + 1);
        Reference.AssertClose(Reference.MultiplyTransposeRight(dZ, A, 0.5), dW, m);
        Reference.AssertClose(Reference.MultiplyTransposeLeft(W, dZ), dA, n);
    }

    [Theory]
    [InlineData(130, 300, 260)]
    [InlineData(20, 1200, 209)]
    [InlineData(64, 128, 96)]
    public void Products_are_bit_identical_across_calls_and_concurrent_callers(int n, int k, int m)
    {
        BitIdentical<float>(n, k, m);
        BitIdentical<double>(n, k, m);
    }

    [Fact]
    public void SumRows_scales_the_sum_of_each_row()
    {
        var dZ = new Matrix<float>(2, 3, [1, 2, 3, -4, 5, 6.5f]);
        var db = new Matrix<float>(2, 1);

        Kernels.SumRows(dZ, db, 0.5f);

        Assert.Equal([3f, 3.75f], db.AsSpan().ToArray());
    }

    [Fact]
    public void Subtract_works_elementwise()
    {
        var a = new Matrix<double>(1, 3, [5, 7, 9]);
        var b = new Matrix<double>(1, 3, [1, 2, 3]);
        var difference = new Matrix<double>(1, 3);

        Kernels.Subtract(a, b, difference);

        Assert.Equal([4.0, 5, 6], difference.AsSpan().ToArray());
    }

    [Fact]
    public void Mismatched_shapes_throw_naming_expected_and_actual()
    {
        var W = new Matrix<float>(4, 3);
        var b = new Matrix<float>(4, 1);

        var inner = Assert.Throws<ArgumentException>(() => Kernels.MultiplyAddBias(W, new Matrix<float>(2, 5), b, new Matrix<float>(4, 5)));
        var bias = Assert.Throws<ArgumentException>(() => Kernels.MultiplyAddBias(W, new Matrix<float>(3, 5), new Matrix<float>(3, 1), new Matrix<float>(4, 5)));
        var output = Assert.Throws<ArgumentException>(() => Kernels.MultiplyAddBias(W, new Matrix<float>(3, 5), b, new Matrix<float>(4, 6)));
        var right = Assert.Throws<ArgumentException>(() => Kernels.MultiplyTransposeRight(new Matrix<float>(4, 5), new Matrix<float>(3, 6), W, 1f));
        var left = Assert.Throws<ArgumentException>(() => Kernels.MultiplyTransposeLeft(W, new Matrix<float>(4, 5), new Matrix<float>(4, 5)));

        Assert.Equal("Expected A to be 3 × m, but it is 2 × 5. (Parameter 'A')", inner.Message);
        Assert.Equal("Expected b to be 4 × 1, but it is 3 × 1. (Parameter 'b')", bias.Message);
        Assert.Equal("Expected Z to be 4 × 5, but it is 4 × 6. (Parameter 'Z')", output.Message);
        Assert.Equal("Expected A to be 3 × 5, but it is 3 × 6. (Parameter 'A')", right.Message);
        Assert.Equal("Expected dA to be 3 × 5, but it is 4 × 5. (Parameter 'dA')", left.Message);
    }

    /// <summary>
    /// What <see cref="Acceleration.VectorBits"/> reports is a width the kernels have, and never narrower than
    /// <c>Vector&lt;T&gt;</c>, which the elementwise loops use.
    /// </summary>
    [Fact]
    public void Vector_bits_names_a_kernel_width_no_narrower_than_Vector_T()
    {
        Assert.Contains(Acceleration.VectorBits, new[] { 0, 128, 256, 512 });
        Assert.True(!System.Numerics.Vector.IsHardwareAccelerated || Acceleration.VectorBits >= 8 * System.Numerics.Vector<byte>.Count);
    }

    /// <summary>
    /// Runs each product once, again, and then from four threads at once (one of which has the workers while the
    /// others run alone): every result must have the same bits as the first.
    /// </summary>
    private static void BitIdentical<T>(int n, int k, int m)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        var (W, A, b, dZ) = (Reference.Random<T>(n, k, 21), Reference.Random<T>(k, m, 22), Reference.Random<T>(n, 1, 23), Reference.Random<T>(n, m, 24));
        var scale = T.One / T.CreateTruncating(m);
        Matrix<T>[] Products()
        {
            var (Z, dW, dA) = (new Matrix<T>(n, m), new Matrix<T>(n, k), new Matrix<T>(k, m));
            Kernels.MultiplyAddBias(W, A, b, Z);
            Kernels.MultiplyTransposeRight(dZ, A, dW, scale);
            Kernels.MultiplyTransposeLeft(W, dZ, dA);
            return [Z, dW, dA];
        }

        var first = Products();
        var runs = new List<Matrix<T>[]> { Products() };
        var concurrent = new Matrix<T>[4][];
        Parallel.For(0, concurrent.Length, new ParallelOptions { MaxDegreeOfParallelism = concurrent.Length }, i => concurrent[i] = Products());
        runs.AddRange(concurrent);

        foreach (var run in runs)
        {
            for (var product = 0; product < first.Length; product++)
            {
                Assert.True(first[product].AsSpan().SequenceEqual(run[product].AsSpan()), $"product {product} of {typeof(T).Name} {n}×{k}×{m} changed between runs");
            }
        }
    }

    private static void MultiplyAddBias<T>(int n, int k, int m)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        var (W, A, b) = (Reference.Random<T>(n, k, 1), Reference.Random<T>(k, m, 2), Reference.Random<T>(n, 1, 3));
        var Z = new Matrix<T>(n, m);

        Kernels.MultiplyAddBias(W, A, b, Z);

        Reference.AssertClose(Reference.MultiplyAddBias(W, A, b), Z, k + 1);
    }

    private static void MultiplyTransposeRight<T>(int n, int k, int m)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        var (dZ, A) = (Reference.Random<T>(n, m, 4), Reference.Random<T>(k, m, 5));
        var dW = new Matrix<T>(n, k);
        var scale = T.One / T.CreateTruncating(m);

        Kernels.MultiplyTransposeRight(dZ, A, dW, scale);

        Reference.AssertClose(Reference.MultiplyTransposeRight(dZ, A, double.CreateTruncating(scale)), dW, m);
    }

    private static void MultiplyTransposeLeft<T>(int n, int k, int m)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        var (W, dZ) = (Reference.Random<T>(n, k, 6), Reference.Random<T>(n, m, 7));
        var dA = new Matrix<T>(k, m);

        Kernels.MultiplyTransposeLeft(W, dZ, dA);

        Reference.AssertClose(Reference.MultiplyTransposeLeft(W, dZ), dA, n);
    }
}
