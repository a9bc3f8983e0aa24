namespace NetGen.Runtime.Tests;

public class LossTests
{
    [Fact]
    public void Binary_cross_entropy_from_logits_equals_the_textbook_formula()
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

        Assert.Equal(textbook / 50, Losses.BinaryCrossEntropyFromLogits(Z, Y), 1e-13);
    }

    [Fact]
    public void Binary_cross_entropy_stays_finite_and_exact_when_outputs_saturate()
    {
        // A[L] rounds to exactly 0 or 1 here, where the textbook formula gives log(0) = −∞.
        // Wrong with confidence: the loss is |z|. Right with confidence: e^−|z|, which underflows to 0.
        var Z = new Matrix<float>(1, 4, [1e4f, -1e4f, 1e4f, -1e4f]);
        var Y = new Matrix<float>(1, 4, [0, 1, 1, 0]);

        var cost = Losses.BinaryCrossEntropyFromLogits(Z, Y);

        Assert.Equal((1e4f + 1e4f) / 4, cost);
    }

    [Fact]
    public void Binary_cross_entropy_of_a_zero_logit_is_log_2()
    {
        var cost = Losses.BinaryCrossEntropyFromLogits(new Matrix<double>(1, 2), new Matrix<double>(1, 2, [0, 1]));

        Assert.Equal(Math.Log(2), cost, 1e-15);
    }

    [Fact]
    public void Labels_of_another_shape_throw()
    {
        var error = Assert.Throws<ArgumentException>(() => Losses.BinaryCrossEntropyFromLogits(new Matrix<float>(1, 3), new Matrix<float>(1, 4)));

        Assert.Equal("Expected Y to be 1 × 3, but it is 1 × 4. (Parameter 'Y')", error.Message);
    }
}
