using System.Numerics;

namespace NetGen.Runtime.Tests;

/// <summary>The fused small-layer kernels against the naive references, in both precisions.</summary>
public class SmallDenseTests
{
    /// <summary>
    /// (n, k, m): W is n × k, A is k × m. Rows around the four-row tile (1, 3, 4, 5, 9), depths odd and even (the
    /// pairs of dW), columns around the strip of two vectors (7, 15, 16, 17, 31, 33), a rest of whole narrower strips
    /// where the strips are 512-bit (47, 48, 63: wide, then Vector&lt;T&gt;, then padded), the block of the backward step
    /// (1023 to 1025, 2049), batches large enough to be split over the workers (10,000) and past the 64 blocks where
    /// blocks widen (70,001), a single column (the matrix-vector path) and the largest small layer (64 × 64).
    /// </summary>
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 },
        { 4, 2, 1 },
        { 3, 5, 2 },
        { 4, 1, 7 },
        { 5, 3, 15 },
        { 1, 4, 16 },
        { 9, 7, 17 },
        { 32, 4, 31 },
        { 16, 32, 33 },
        { 3, 4, 47 },
        { 6, 5, 48 },
        { 5, 7, 63 },
        { 4, 16, 400 },
        { 5, 8, 1023 },
        { 3, 3, 1024 },
        { 8, 5, 1025 },
        { 7, 20, 2049 },
        { 16, 32, 10_000 },
        { 4, 16, 70_001 },
        { 64, 64, 300 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_matches_the_naive_product_and_activation(int n, int k, int m)
    {
        Forward<float>(n, k, m);
        Forward<double>(n, k, m);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Backward_matches_the_naive_gradients(int n, int k, int m)
    {
        Backward<float>(n, k, m);
        Backward<double>(n, k, m);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void First_layer_backward_matches_the_naive_gradients(int n, int k, int m)
    {
        var (dZ, A, W) = (Reference.Random<double>(n, m, 1), Reference.Random<double>(k, m, 2), Reference.Random<double>(n, k, 3));
        var (dW, db) = (Filled(n, k, double.NaN), Filled(n, 1, double.NaN));

        SmallDense.Backward(dZ, A, W, dW, db, 1.0 / m, 0.0);

        Reference.AssertClose(Reference.MultiplyTransposeRight(dZ, A, 1.0 / m), dW, m);
        Reference.AssertClose(RowSums(dZ, 1.0 / m), db, m);
    }

    /// <summary>
    /// Every elementwise activation, whether the kernels apply it in registers as they store (ReLU, leaky ReLU, the
    /// identity) or in a pass over each chunk of strips (σ, tanh, SiLU; SiLU's derivative too), gives the bits of the
    /// operator applied to the whole matrix. Column counts cross the chunks, the narrower rest and the padded strip.
    /// </summary>
    [Theory]
    [InlineData(16, 32, 1100)]
    [InlineData(5, 3, 63)]
    [InlineData(1, 4, 400)]
    [InlineData(32, 4, 10_000)]
    public void Every_activation_gives_the_bits_of_the_elementwise_operator(int n, int k, int m)
    {
        EveryActivation<float>(n, k, m);
        EveryActivation<double>(n, k, m);
    }

    [Fact]
    public void Backward_adds_the_weight_decay()
    {
        const int n = 6, k = 5, m = 40;
        var (dZ, A, W) = (Reference.Random<double>(n, m, 1), Reference.Random<double>(k, m, 2), Reference.Random<double>(n, k, 3));
        var (dW, db) = (new Matrix<double>(n, k), new Matrix<double>(n, 1));
        var (withoutDecay, unused) = (new Matrix<double>(n, k), new Matrix<double>(n, 1));

        SmallDense.Backward(dZ, A, W, dW, db, 1.0 / m, 0.25);
        SmallDense.Backward(dZ, A, W, withoutDecay, unused, 1.0 / m, 0.0);

        for (var i = 0; i < n * k; i++)
        {
            Assert.Equal(withoutDecay.AsSpan()[i] + (0.25 * W.AsSpan()[i]), dW.AsSpan()[i], 1e-15);
        }
    }

    /// <summary>
    /// A column's result does not depend on where it lies: the same examples shifted by five columns (so that whole
    /// strips become the padded last strip and the other way round) give the same bits.
    /// </summary>
    [Theory]
    [InlineData(5, 3, 40)]
    [InlineData(16, 32, 1100)]
    public void Results_of_a_column_do_not_depend_on_its_position(int n, int k, int m)
    {
        ColumnsIndependent<float>(n, k, m);
        ColumnsIndependent<double>(n, k, m);
    }

    /// <summary>
    /// The same call again, and from four threads at once (one of which gets the workers and splits the columns while
    /// the others run alone), gives the same bits: dW and db are summed per block, in block order, for any split.
    /// </summary>
    [Theory]
    [InlineData(16, 32, 10_000)]
    [InlineData(32, 4, 70_001)]
    public void Results_are_bit_identical_for_any_split_over_threads(int n, int k, int m)
    {
        BitIdentical<float>(n, k, m);
        BitIdentical<double>(n, k, m);
    }

    [Fact]
    public void A_step_allocates_nothing_once_warm()
    {
        foreach (var m in new[] { 37, 10_000 })
        {
            var (W, A, b) = (Reference.Random<float>(16, 32, 1), Reference.Random<float>(32, m, 2), Reference.Random<float>(16, 1, 3));
            var (Z, output, dZ) = (new Matrix<float>(16, m), new Matrix<float>(16, m), Reference.Random<float>(16, m, 4));
            var (dW, db, previous) = (new Matrix<float>(16, 32), new Matrix<float>(16, 1), new Matrix<float>(32, m));
            void Step()
            {
                SmallDense.Forward(W, A, b, Z, output, default(TanhOperator<float>));
                SmallDense.Backward(dZ, A, W, dW, db, 1f / m, 0f, A, previous, default(TanhOperator<float>));
            }

            Step();
            var before = GC.GetAllocatedBytesForCurrentThread();
            Step();
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }

    [Fact]
    public void Mismatched_shapes_throw_naming_the_parameter_expected_and_actual()
    {
        var (W, b) = (new Matrix<float>(4, 3), new Matrix<float>(4, 1));
        var (A, Z) = (new Matrix<float>(3, 5), new Matrix<float>(4, 5));
        var (dW, db) = (new Matrix<float>(4, 3), new Matrix<float>(4, 1));
        var relu = default(ReLUOperator<float>);

        var input = Assert.Throws<ArgumentException>(() => SmallDense.Forward(W, new Matrix<float>(2, 5), b, Z, Z, relu));
        var output = Assert.Throws<ArgumentException>(() => SmallDense.Forward(W, A, b, Z, new Matrix<float>(4, 6), relu));
        var gradient = Assert.Throws<ArgumentException>(() => SmallDense.Backward(new Matrix<float>(4, 5), new Matrix<float>(3, 6), W, dW, db, 1f, 0f));
        var previous = Assert.Throws<ArgumentException>(() => SmallDense.Backward(Z, A, W, dW, db, 1f, 0f, A, new Matrix<float>(4, 5), relu));

        Assert.Equal("Expected A to be 3 × m, but it is 2 × 5. (Parameter 'A')", input.Message);
        Assert.Equal("Expected output to be 4 × 5, but it is 4 × 6. (Parameter 'output')", output.Message);
        Assert.Equal("Expected A to be 3 × 5, but it is 3 × 6. (Parameter 'A')", gradient.Message);
        Assert.Equal("Expected previousGradient to be 3 × 5, but it is 4 × 5. (Parameter 'previousGradient')", previous.Message);
    }

    /// <summary>Z against the naive product; ReLU's output exactly max(Z, 0); tanh's within a few units of the last place.</summary>
    private static void Forward<T>(int n, int k, int m)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var (W, A, b) = (Reference.Random<T>(n, k, 1), Reference.Random<T>(k, m, 2), Reference.Random<T>(n, 1, 3));
        var (Z, output) = (Filled(n, m, T.NaN), Filled(n, m, T.NaN));

        SmallDense.Forward(W, A, b, Z, output, default(ReLUOperator<T>));

        Reference.AssertClose(Reference.MultiplyAddBias(W, A, b), Z, k + 1);
        for (var i = 0; i < Z.Length; i++)
        {
            Assert.Equal(T.Max(Z.AsSpan()[i], T.Zero), output.AsSpan()[i]);
        }

        var inPlace = Filled(n, m, T.NaN);
        SmallDense.Forward(W, A, b, inPlace, inPlace, default(TanhOperator<T>));
        var tolerance = typeof(T) == typeof(float) ? 1e-6 : 1e-15;
        for (var i = 0; i < Z.Length; i++)
        {
            var expected = Math.Tanh(double.CreateTruncating(Z.AsSpan()[i]));
            Assert.True(Math.Abs(double.CreateTruncating(inPlace.AsSpan()[i]) - expected) <= tolerance, $"tanh of element {i}: {inPlace.AsSpan()[i]} against {expected}");
        }
    }

    /// <summary>dW, db and dZ[l-1] = (Wᵀ · dZ) ⊙ g'(input), for ReLU (g' read from Z) and tanh (g' read from A).</summary>
    private static void Backward<T>(int n, int k, int m)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var (dZ, A, W) = (Reference.Random<T>(n, m, 4), Reference.Random<T>(k, m, 5), Reference.Random<T>(n, k, 6));
        var input = Reference.Random<T>(k, m, 7);
        var oneOverM = T.One / T.CreateTruncating(m);
        var (dW, db, previous) = (Filled(n, k, T.NaN), Filled(n, 1, T.NaN), Filled(k, m, T.NaN));

        SmallDense.Backward(dZ, A, W, dW, db, oneOverM, T.Zero, input, previous, default(ReLUOperator<T>));

        Reference.AssertClose(Reference.MultiplyTransposeRight(dZ, A, double.CreateTruncating(oneOverM)), dW, m);
        Reference.AssertClose(RowSums(dZ, double.CreateTruncating(oneOverM)), db, m);
        var (product, magnitude) = Reference.MultiplyTransposeLeft(W, dZ);
        for (var i = 0; i < product.Length; i++)
        {
            var open = input.AsSpan()[i] > T.Zero;
            (product[i], magnitude[i]) = open ? (product[i], magnitude[i]) : (0, 0);
        }

        Reference.AssertClose((product, magnitude), previous, n);

        var outputs = new Matrix<T>(k, m);
        for (var i = 0; i < outputs.Length; i++)
        {
            outputs.AsSpan()[i] = T.CreateTruncating(Math.Tanh(double.CreateTruncating(input.AsSpan()[i])));
        }

        SmallDense.Backward(dZ, A, W, dW, db, oneOverM, T.Zero, outputs, previous, default(TanhOperator<T>));
        (product, magnitude) = Reference.MultiplyTransposeLeft(W, dZ);
        for (var i = 0; i < product.Length; i++)
        {
            var a = double.CreateTruncating(outputs.AsSpan()[i]);
            (product[i], magnitude[i]) = (product[i] * (1 - (a * a)), magnitude[i] * (1 + (a * a)));
        }

        Reference.AssertClose((product, magnitude), previous, n + 2);
    }

    private static void EveryActivation<T>(int n, int k, int m)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        AgreesWithElementwise<T, ReLUOperator<T>>(n, k, m, default);
        AgreesWithElementwise<T, LeakyReLUOperator<T>>(n, k, m, new(T.CreateTruncating(0.1)));
        AgreesWithElementwise<T, SigmoidOperator<T>>(n, k, m, default);
        AgreesWithElementwise<T, TanhOperator<T>>(n, k, m, default);
        AgreesWithElementwise<T, LinearOperator<T>>(n, k, m, default);
        AgreesWithElementwise<T, SiLUOperator<T>>(n, k, m, default);
    }

    /// <summary>
    /// Forward: g(Z) against the operator on the kernel's own Z. Backward: dZ[l-1] against dA ⊙ g'(input) by the
    /// operator, with dA = Wᵀ · dZ from the same kernel under the identity (whose g' is 1, so dA is the product itself).
    /// </summary>
    private static void AgreesWithElementwise<T, TActivation>(int n, int k, int m, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IElementwiseActivation<T>
    {
        var name = typeof(TActivation).Name;
        var (W, A, b) = (Reference.Random<T>(n, k, 31), Reference.Random<T>(k, m, 32), Reference.Random<T>(n, 1, 33));
        var (Z, output, expected) = (new Matrix<T>(n, m), new Matrix<T>(n, m), new Matrix<T>(n, m));
        SmallDense.Forward(W, A, b, Z, output, activation);
        Activations.Forward(Z, expected, activation);
        Assert.True(expected.AsSpan().SequenceEqual(output.AsSpan()), $"g(Z) of {name}");

        var (dZ, input) = (Reference.Random<T>(n, m, 34), Reference.Random<T>(k, m, 35));
        var (dW, db, dA, previous) = (new Matrix<T>(n, k), new Matrix<T>(n, 1), new Matrix<T>(k, m), new Matrix<T>(k, m));
        SmallDense.Backward(dZ, A, W, dW, db, T.One, T.Zero, input, dA, default(LinearOperator<T>));
        SmallDense.Backward(dZ, A, W, dW, db, T.One, T.Zero, input, previous, activation);
        var expectedPrevious = new Matrix<T>(k, m);
        Activations.Backward(dA, input, expectedPrevious, activation);
        Assert.True(expectedPrevious.AsSpan().SequenceEqual(previous.AsSpan()), $"dZ[l-1] of {name}");
    }

    private static void ColumnsIndependent<T>(int n, int k, int m)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        const int shift = 5;
        var (W, b, dZ) = (Reference.Random<T>(n, k, 8), Reference.Random<T>(n, 1, 9), Reference.Random<T>(n, m + shift, 10));
        var A = Reference.Random<T>(k, m + shift, 11);
        var (shiftedA, shiftedDZ) = (new Matrix<T>(k, m), new Matrix<T>(n, m));
        for (var row = 0; row < k; row++)
        {
            A.Row(row)[shift..].CopyTo(shiftedA.Row(row));
        }

        for (var row = 0; row < n; row++)
        {
            dZ.Row(row)[shift..].CopyTo(shiftedDZ.Row(row));
        }

        var (Z, output) = (new Matrix<T>(n, m + shift), new Matrix<T>(n, m + shift));
        var (shiftedZ, shiftedOutput) = (new Matrix<T>(n, m), new Matrix<T>(n, m));
        SmallDense.Forward(W, A, b, Z, output, default(TanhOperator<T>));
        SmallDense.Forward(W, shiftedA, b, shiftedZ, shiftedOutput, default(TanhOperator<T>));
        var (dW, db, previous) = (new Matrix<T>(n, k), new Matrix<T>(n, 1), new Matrix<T>(k, m + shift));
        var shiftedPrevious = new Matrix<T>(k, m);
        SmallDense.Backward(dZ, A, W, dW, db, T.One, T.Zero, A, previous, default(TanhOperator<T>));
        SmallDense.Backward(shiftedDZ, shiftedA, W, dW, db, T.One, T.Zero, shiftedA, shiftedPrevious, default(TanhOperator<T>));

        for (var row = 0; row < n; row++)
        {
            Assert.True(Z.Row(row)[shift..].SequenceEqual(shiftedZ.Row(row)), $"Z row {row}");
            Assert.True(output.Row(row)[shift..].SequenceEqual(shiftedOutput.Row(row)), $"g(Z) row {row}");
        }

        for (var row = 0; row < k; row++)
        {
            Assert.True(previous.Row(row)[shift..].SequenceEqual(shiftedPrevious.Row(row)), $"dZ[l-1] row {row}");
        }
    }

    private static void BitIdentical<T>(int n, int k, int m)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var (W, A, b, dZ) = (Reference.Random<T>(n, k, 21), Reference.Random<T>(k, m, 22), Reference.Random<T>(n, 1, 23), Reference.Random<T>(n, m, 24));
        var oneOverM = T.One / T.CreateTruncating(m);
        Matrix<T>[] Step()
        {
            var (Z, output, dW, db, previous) = (new Matrix<T>(n, m), new Matrix<T>(n, m), new Matrix<T>(n, k), new Matrix<T>(n, 1), new Matrix<T>(k, m));
            SmallDense.Forward(W, A, b, Z, output, default(TanhOperator<T>));
            SmallDense.Backward(dZ, A, W, dW, db, oneOverM, T.Zero, A, previous, default(TanhOperator<T>));
            return [Z, output, dW, db, previous];
        }

        var first = Step();
        var runs = new List<Matrix<T>[]> { Step() };
        var concurrent = new Matrix<T>[4][];
        Parallel.For(0, concurrent.Length, new ParallelOptions { MaxDegreeOfParallelism = concurrent.Length }, i => concurrent[i] = Step());
        runs.AddRange(concurrent);
        foreach (var run in runs)
        {
            for (var result = 0; result < first.Length; result++)
            {
                Assert.True(first[result].AsSpan().SequenceEqual(run[result].AsSpan()), $"result {result} of {typeof(T).Name} {n}×{k}×{m} changed between runs");
            }
        }
    }

    private static Matrix<T> Filled<T>(int rows, int columns, T value)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var matrix = new Matrix<T>(rows, columns);
        matrix.Fill(value);
        return matrix;
    }

    /// <summary>db = scale · Σ dZ over the columns, in double, with the sum of |terms|.</summary>
    private static (double[] Value, double[] Magnitude) RowSums<T>(Matrix<T> dZ, double scale)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var (value, magnitude) = (new double[dZ.Rows], new double[dZ.Rows]);
        for (var i = 0; i < dZ.Rows; i++)
        {
            foreach (var element in dZ.Row(i))
            {
                value[i] += scale * double.CreateTruncating(element);
                magnitude[i] += Math.Abs(scale * double.CreateTruncating(element));
            }
        }

        return (value, magnitude);
    }
}
