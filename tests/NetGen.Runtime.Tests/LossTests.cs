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

    [Fact]
    public void Mean_squared_error_is_half_the_mean_over_examples_of_the_squared_distance()
    {
        // Two examples, two outputs: ‖(1, 2) − (0, 0)‖² = 5 and ‖(3, 1) − (1, 1)‖² = 4, so J = (5 + 4) / (2 · 2).
        var A = new Matrix<double>(2, 2, [1, 3, 2, 1]);
        var Y = new Matrix<double>(2, 2, [0, 1, 0, 1]);

        Assert.Equal(9.0 / 4, Losses.MeanSquaredError(A, Y));
    }

    /// <summary>A = σ(Z), as the forward pass computes it.</summary>
    private static Matrix<T> Outputs<T>(Matrix<T> Z)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        var A = new Matrix<T>(Z.Rows, Z.Columns);
        Activations.Forward(Z, A, default(SigmoidOperator<T>));
        return A;
    }
}
