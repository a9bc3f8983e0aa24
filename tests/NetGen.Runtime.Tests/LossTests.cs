namespace NetGen.Runtime.Tests;

public class LossTests
{
    [Fact]
    public void Binary_cross_entropy_equals_the_textbook_formula()
    {
        var Z = Reference.Random<double>(1, 50, 21);
        var labels = new DeterministicRandom(22);
        var Y = new Matrix<double>(1, 50);
        foreach (ref var y in Y.AsSpan())
        {
            y = labels.NextInt32(2);
        }

        var textbook = 0.0;
        for (var j = 0; j < 50; j++)
        {
            var a = 1 / (1 + Math.Exp(-Z[0, j]));
            textbook -= (Y[0, j] * Math.Log(a)) + ((1 - Y[0, j]) * Math.Log(1 - a));
        }

        Assert.Equal(textbook / 50, Losses.BinaryCrossEntropy(Z, Outputs(Z), Y), 1e-13);
    }

    [Fact]
    public void Binary_cross_entropy_stays_finite_and_exact_when_outputs_saturate()
    {
        // A[L] rounds to exactly 0 or 1 here, where the textbook formula gives log(0) = −∞.
        // Wrong with confidence: the loss is |z|. Right with confidence: e^−|z|, which underflows to 0.
        var Z = new Matrix<float>(1, 4, [1e4f, -1e4f, 1e4f, -1e4f]);
        var Y = new Matrix<float>(1, 4, [0, 1, 1, 0]);

        var cost = Losses.BinaryCrossEntropy(Z, Outputs(Z), Y);

        Assert.Equal((1e4f + 1e4f) / 4, cost);
    }

    [Fact]
    public void Binary_cross_entropy_in_float_agrees_with_double_to_float_precision()
    {
        // Logits up to ±30, where σ rounds to 1 in float and the softplus term is below float's resolution of the sum.
        var Z = Reference.Random<double>(1, 1000, 23);
        foreach (ref var z in Z.AsSpan())
        {
            z *= 10;
        }

        var labels = new DeterministicRandom(24);
        var Y = new Matrix<double>(1, 1000);
        foreach (ref var y in Y.AsSpan())
        {
            y = labels.NextInt32(2);
        }

        var single = new Matrix<float>(1, 1000, Z.AsSpan().ToArray().Select(z => (float)z).ToArray());
        var singleLabels = new Matrix<float>(1, 1000, Y.AsSpan().ToArray().Select(y => (float)y).ToArray());
        var expected = Losses.BinaryCrossEntropy(Z, Outputs(Z), Y);

        Assert.Equal(expected, Losses.BinaryCrossEntropy(single, Outputs(single), singleLabels), expected * 1e-5);
    }

    [Fact]
    public void Binary_cross_entropy_of_a_zero_logit_is_log_2()
    {
        var Z = new Matrix<double>(1, 2);

        var cost = Losses.BinaryCrossEntropy(Z, Outputs(Z), new Matrix<double>(1, 2, [0, 1]));

        Assert.Equal(Math.Log(2), cost, 1e-15);
    }

    /// <summary>Lengths around the widths of a vector (8 floats or 4 doubles at 256 bits, 16 or 8 at 512) and of the
    /// unrolled block of four vectors, the tiny workload's 400, and a length long enough for the rounding of the sum.</summary>
    public static TheoryData<int> Lengths => new() { 0, 1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 400, 10_001 };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Binary_cross_entropy_equals_a_double_precision_reference_at_every_length(int m)
    {
        BinaryCrossEntropyMatchesReference<float>(m);
        BinaryCrossEntropyMatchesReference<double>(m);
    }

    [Theory]
    [InlineData(50.0)]
    [InlineData(100.0)]
    public void Binary_cross_entropy_of_saturated_outputs_is_finite_and_right_in_both_precisions(double size)
    {
        // 17 examples, so that both precisions take the padded last vector: σ(±size) rounds to 1 (and to 0 or nearly)
        // here, where the textbook formula gives log 0.
        BinaryCrossEntropyOfSaturatedOutputs<float>(size);
        BinaryCrossEntropyOfSaturatedOutputs<double>(size);
    }

    [Fact]
    public void The_logarithm_of_the_cost_is_within_one_unit_in_the_last_place_on_every_float_from_a_half_to_one()
    {
        // Both it and the double logarithm of the same float are faithful (within 1 ulp of log x), so the result
        // rounded from the double one is within 1 ulp of it too; every one of the 2²³ + 1 floats in [½, 1].
        var width = System.Numerics.Vector<float>.Count;
        var (inputs, outputs) = (new float[width], new float[width]);
        var (first, last) = (BitConverter.SingleToInt32Bits(0.5f), BitConverter.SingleToInt32Bits(1f));
        for (var bits = first; bits <= last; bits += width)
        {
            for (var lane = 0; lane < width; lane++)
            {
                inputs[lane] = BitConverter.Int32BitsToSingle(Math.Min(bits + lane, last));
            }

            Log(new System.Numerics.Vector<float>(inputs)).CopyTo(outputs);
            for (var lane = 0; lane < width; lane++)
            {
                var expected = (float)Math.Log(inputs[lane]);
                if (outputs[lane] != expected && outputs[lane] != MathF.BitIncrement(expected) && outputs[lane] != MathF.BitDecrement(expected))
                {
                    Assert.Fail($"log {inputs[lane]:R} is {Math.Log(inputs[lane]):R}, but the cost's logarithm gives {outputs[lane]:R}");
                }
            }
        }
    }

    [Fact]
    public void The_logarithm_of_the_cost_is_within_one_unit_in_the_last_place_on_doubles_from_a_half_to_one()
    {
        // A million random doubles in [½, 1], and as many within 2⁻⁶⁰ to 2⁻¹ of 1, where log x is tiny; both ends exactly.
        var random = new DeterministicRandom(51);
        var width = System.Numerics.Vector<double>.Count;
        var (inputs, outputs) = (new double[width], new double[width]);
        for (var vector = 0; vector < 2_000_000 / width; vector++)
        {
            for (var lane = 0; lane < width; lane++)
            {
                inputs[lane] = vector % 2 == 0 ? 0.5 + (random.NextDouble() / 2) : 1 - (random.NextDouble() * Math.ScaleB(1, -1 - random.NextInt32(60)));
            }

            inputs[0] = vector == 0 ? 0.5 : vector == 1 ? 1 : inputs[0];
            Log(new System.Numerics.Vector<double>(inputs)).CopyTo(outputs);
            for (var lane = 0; lane < width; lane++)
            {
                var expected = Math.Log(inputs[lane]);
                if (outputs[lane] != expected && outputs[lane] != Math.BitIncrement(expected) && outputs[lane] != Math.BitDecrement(expected))
                {
                    Assert.Fail($"log {inputs[lane]:R} is {expected:R}, but the cost's logarithm gives {outputs[lane]:R}");
                }
            }
        }
    }

    [Fact]
    public void The_logarithm_of_the_cost_keeps_NaN_and_is_exact_at_a_half_and_one()
    {
        Assert.True(float.IsNaN(Log(new System.Numerics.Vector<float>(float.NaN))[0]));
        Assert.True(double.IsNaN(Log(new System.Numerics.Vector<double>(double.NaN))[0]));
        Assert.Equal(0f, Log(System.Numerics.Vector<float>.One)[0]);
        Assert.Equal(0.0, Log(System.Numerics.Vector<double>.One)[0]);
        Assert.Equal(MathF.Log(0.5f), Log(new System.Numerics.Vector<float>(0.5f))[0]);
        Assert.Equal(Math.Log(0.5), Log(new System.Numerics.Vector<double>(0.5))[0]);
    }

    [Fact]
    public void Labels_of_another_shape_throw()
    {
        var error = Assert.Throws<ArgumentException>(() => Losses.BinaryCrossEntropy(new Matrix<float>(1, 3), new Matrix<float>(1, 3), new Matrix<float>(1, 4)));

        Assert.Equal("Expected Y to be 1 × 3, but it is 1 × 4. (Parameter 'Y')", error.Message);
    }

    [Fact]
    public void Categorical_cross_entropy_from_logits_equals_the_textbook_formula()
    {
        var Z = Reference.Random<double>(4, 30, 31);
        var labels = new DeterministicRandom(32);
        var Y = Matrix<double>.OneHot(Enumerable.Range(0, 30).Select(_ => labels.NextInt32(4)).ToArray(), 4);

        var textbook = 0.0;
        for (var j = 0; j < 30; j++)
        {
            var denominator = Enumerable.Range(0, 4).Sum(k => Math.Exp(Z[k, j]));
            for (var i = 0; i < 4; i++)
            {
                textbook -= Y[i, j] * Math.Log(Math.Exp(Z[i, j]) / denominator);
            }
        }

        Assert.Equal(textbook / 30, Losses.CategoricalCrossEntropyFromLogits(Z, Y), 1e-13);
    }

    [Fact]
    public void Categorical_cross_entropy_stays_finite_when_outputs_saturate()
    {
        // Softmax rounds the true class to exactly 0 here: log 0 in the textbook formula, 2000 exactly from the logits.
        var Z = new Matrix<float>(2, 2, [1000, -1000, -1000, 1000]);
        var Y = new Matrix<float>(2, 2, [0, 0, 1, 1]);

        Assert.Equal(1000f, Losses.CategoricalCrossEntropyFromLogits(Z, Y));
    }

    /// <summary>
    /// The vectorized sum against a naive double loop, over lengths around the vector widths (the scalar tail, one
    /// and two vectors, the double loop's pairs): floats are widened before subtracting, so each term is exact in double
    /// and only the order of the additions differs.
    /// </summary>
    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 7)]
    [InlineData(2, 4)]
    [InlineData(3, 5)]
    [InlineData(1, 17)]
    [InlineData(4, 10_000)]
    public void Mean_squared_error_matches_the_naive_sum_in_both_precisions(int rows, int m)
    {
        static double Naive<T>(Matrix<T> a, Matrix<T> y)
            where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
        {
            var sum = 0.0;
            for (var i = 0; i < a.Length; i++)
            {
                var error = double.CreateTruncating(a.AsSpan()[i]) - double.CreateTruncating(y.AsSpan()[i]);
                sum += error * error;
            }

            return sum / (2.0 * a.Columns);
        }

        var (a32, y32) = (Reference.Random<float>(rows, m, 1), Reference.Random<float>(rows, m, 2));
        var (a64, y64) = (Reference.Random<double>(rows, m, 1), Reference.Random<double>(rows, m, 2));

        Assert.Equal(Naive(a32, y32), Losses.MeanSquaredError(a32, y32), Naive(a32, y32) * 1e-7);
        Assert.Equal(Naive(a64, y64), Losses.MeanSquaredError(a64, y64), Naive(a64, y64) * 1e-13);
    }

    [Fact]
    public void Mean_squared_error_is_half_the_mean_over_examples_of_the_squared_distance()
    {
        // Two examples, two outputs: ‖(1, 2) − (0, 0)‖² = 5 and ‖(3, 1) − (1, 1)‖² = 4, so J = (5 + 4) / (2 · 2).
        var A = new Matrix<double>(2, 2, [1, 3, 2, 1]);
        var Y = new Matrix<double>(2, 2, [0, 1, 0, 1]);

        Assert.Equal(9.0 / 4, Losses.MeanSquaredError(A, Y));
    }

    /// <summary>
    /// The cost of m random examples (logits of standard deviation 4, labels 0 or 1) against the documented formula
    /// evaluated in double from the same Z, A and Y, so that only the rounding in T differs. Each term is at most a
    /// few roundings u of T off, and the terms are never negative, so their sum is off by at most about (k + log₂ w +
    /// a few) u relatively, where k = m / 4w is the number of additions into each lane of the running sum (w lanes,
    /// four vectors added pairwise before they reach it); the tolerance is that bound with 8 for "a few".
    /// </summary>
    private static void BinaryCrossEntropyMatchesReference<T>(int m)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        var Z = Reference.Random<T>(1, m, 41);
        foreach (ref var z in Z.AsSpan())
        {
            z *= T.CreateTruncating(4);
        }

        var labels = new DeterministicRandom(42);
        var Y = new Matrix<T>(1, m);
        foreach (ref var y in Y.AsSpan())
        {
            y = T.CreateTruncating(labels.NextInt32(2));
        }

        var A = Outputs(Z);
        var expected = 0.0;
        for (var j = 0; j < m; j++)
        {
            double z = double.CreateTruncating(Z[0, j]), a = double.CreateTruncating(A[0, j]), y = double.CreateTruncating(Y[0, j]);
            expected += Math.Max(z, 0) - (z * y) - Math.Log(Math.Max(a, 1 - a));
        }

        expected /= m;
        var cost = double.CreateTruncating(Losses.BinaryCrossEntropy(Z, A, Y));
        if (m == 0)
        {
            Assert.True(double.IsNaN(cost), $"{typeof(T).Name}: the cost of no examples is 0/0, but it is {cost}");
            return;
        }

        var width = Widest<T>.Count;
        var roundings = (m / (4.0 * width)) + Math.Log2(width) + 8;
        var tolerance = roundings * double.CreateTruncating(T.BitIncrement(T.One) - T.One) * expected;
        Assert.True(Math.Abs(cost - expected) <= tolerance, $"{typeof(T).Name}, m = {m}: {cost}, but the reference is {expected} (tolerance {tolerance})");
    }

    private static void BinaryCrossEntropyOfSaturatedOutputs<T>(double size)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        // Confident and right (y = 1 where z > 0, y = 0 where z < 0): the term is log(1 + e^−size), below 1e-21.
        // Confident and wrong: the term is size. Every third example is wrong.
        const int m = 17;
        var (Z, Y) = (new Matrix<T>(1, m), new Matrix<T>(1, m));
        var wrong = 0;
        for (var j = 0; j < m; j++)
        {
            var positive = j % 2 == 0;
            Z[0, j] = T.CreateTruncating(positive ? size : -size);
            var isWrong = j % 3 == 0;
            Y[0, j] = positive != isWrong ? T.One : T.Zero;
            wrong += isWrong ? 1 : 0;
        }

        var cost = Losses.BinaryCrossEntropy(Z, Outputs(Z), Y);

        Assert.True(T.IsFinite(cost), $"{typeof(T).Name}, |z| = {size}: the cost is {cost}");
        Assert.Equal(wrong * size / m, double.CreateTruncating(cost), wrong * size / m * 1e-6);
    }

    /// <summary>A = σ(Z), as the forward pass computes it.</summary>
    private static Matrix<T> Outputs<T>(Matrix<T> Z)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        var A = new Matrix<T>(Z.Rows, Z.Columns);
        Activations.Forward(Z, A, default(SigmoidOperator<T>));
        return A;
    }

    /// <summary>The cost's logarithm in <see cref="System.Numerics.Vector{T}"/>.</summary>
    private static System.Numerics.Vector<T> Log<T>(System.Numerics.Vector<T> x)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T> =>
        VectorMath<T, System.Numerics.Vector<T>, VectorLanes<T>>.LogOfHalfToOne(x);
}
