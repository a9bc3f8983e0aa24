namespace NetGen.Runtime.Tests;

public class RegularizationTests
{
    [Fact]
    public void Dropout_masks_drop_the_rate_and_scale_the_rest()
    {
        var D = new Matrix<double>(100, 1000);

        Regularization.DrawDropoutMask(D, 0.3, new DeterministicRandom(4));

        var values = D.AsSpan().ToArray();
        var dropped = values.Count(d => d == 0) / (double)values.Length;
        Assert.All(values, d => Assert.True(d == 0 || d == 1 / 0.7, $"unexpected mask value {d}"));
        // The dropped fraction is binomial: standard error √(0.3 · 0.7 / 100000) ≈ 0.0014; allow five.
        Assert.InRange(dropped, 0.3 - 0.0073, 0.3 + 0.0073);
        // Inverted dropout keeps the expected activation: the mean of the mask is 1.
        Assert.InRange(values.Average(), 0.99, 1.01);
    }

    [Fact]
    public void Dropout_masks_follow_the_random_sequence()
    {
        var (first, second) = (new Matrix<float>(8, 8), new Matrix<float>(8, 8));

        Regularization.DrawDropoutMask(first, 0.5, new DeterministicRandom(1));
        Regularization.DrawDropoutMask(second, 0.5, new DeterministicRandom(1));

        Assert.Equal(first.AsSpan().ToArray(), second.AsSpan().ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => Regularization.DrawDropoutMask(first, 1.0, new DeterministicRandom(1)));
    }

    [Fact]
    public void ApplyDropoutMask_multiplies_elementwise()
    {
        var A = new Matrix<float>(1, 3, [1, 2, 3]);

        Regularization.ApplyDropoutMask(A, new Matrix<float>(1, 3, [0, 2, 0.5f]));

        Assert.Equal([0f, 4, 1.5f], A.AsSpan().ToArray());
    }

    [Fact]
    public void Weight_decay_adds_lambda_over_m_times_W()
    {
        var W = new Matrix<double>(1, 3, [1, -2, 4]);
        var dW = new Matrix<double>(1, 3, [0.5, 0.5, 0.5]);

        Regularization.AddWeightDecay(dW, W, 0.25);

        Assert.Equal([0.75, 0.0, 1.5], dW.AsSpan().ToArray());
        Assert.Equal(21.0, Regularization.SumOfSquares(W));
    }

    [Fact]
    public void The_L2_strength_must_be_finite_and_not_negative()
    {
        Assert.Equal(0.5, Regularization.RequireStrength(0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Regularization.RequireStrength(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Regularization.RequireStrength(double.NaN));
    }

    [Fact]
    public void WeightDecay_penalizes_its_weights_with_the_strength_it_checked()
    {
        var decay = new WeightDecay<double>(new Matrix<double>(1, 2, [1, -2]), new Matrix<double>(2, 1, [3, 0]));
        Assert.Equal(0, decay.Penalty(m: 4));

        decay.Strength = 0.5;

        // (λ/2m) Σ ‖W‖² = (0.5 / 8) (1 + 4 + 9)
        Assert.Equal(0.875, decay.Penalty(m: 4), 1e-15);
        Assert.Throws<ArgumentOutOfRangeException>(() => decay.Strength = double.PositiveInfinity);
        Assert.Equal(0.5, decay.Strength);
    }
}
