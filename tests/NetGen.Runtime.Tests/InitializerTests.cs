namespace NetGen.Runtime.Tests;

public class InitializerTests
{
    [Theory]
    [InlineData(256, 512)]
    [InlineData(512, 128)]
    public void HeNormal_has_standard_deviation_sqrt_2_over_fan_in(int rows, int columns)
    {
        var W = new Matrix<double>(rows, columns);

        Initializers.HeNormal(W, new DeterministicRandom(5));

        AssertNormal(W, Math.Sqrt(2.0 / columns));
    }

    [Theory]
    [InlineData(256, 512)]
    [InlineData(512, 128)]
    public void XavierNormal_has_standard_deviation_sqrt_2_over_fan_in_plus_fan_out(int rows, int columns)
    {
        var W = new Matrix<float>(rows, columns);

        Initializers.XavierNormal(W, new DeterministicRandom(6));

        AssertNormal(W, Math.Sqrt(2.0 / (rows + columns)));
    }

    [Fact]
    public void Uniform_initializers_stay_within_their_limit_with_the_variance_of_the_normal_ones()
    {
        var (he, xavier) = (new Matrix<double>(256, 512), new Matrix<double>(256, 512));

        Initializers.HeUniform(he, new DeterministicRandom(7));
        Initializers.XavierUniform(xavier, new DeterministicRandom(8));

        Assert.All(he.AsSpan().ToArray(), w => Assert.InRange(Math.Abs(w), 0, Math.Sqrt(6.0 / 512)));
        Assert.All(xavier.AsSpan().ToArray(), w => Assert.InRange(Math.Abs(w), 0, Math.Sqrt(6.0 / 768)));

        // U(−a, a) has standard deviation a / √3: √(2 / n) for He, √(2 / (n_in + n_out)) for Xavier. Its sample
        // standard deviation varies less than a normal one's, so the normal test's bounds hold.
        AssertNormal(he, Math.Sqrt(2.0 / 512));
        AssertNormal(xavier, Math.Sqrt(2.0 / 768));
    }

    [Fact]
    public void LeCunNormal_is_the_textbook_randn_times_sqrt_one_over_fan_in()
    {
        var W = new Matrix<double>(256, 400);

        Initializers.LeCunNormal(W, new DeterministicRandom(10));

        AssertNormal(W, Math.Sqrt(1.0 / 400));
    }

    [Fact]
    public void The_same_seed_gives_the_same_weights_in_both_precisions()
    {
        var (first, second, single) = (new Matrix<double>(20, 30), new Matrix<double>(20, 30), new Matrix<float>(20, 30));

        Initializers.HeNormal(first, new DeterministicRandom(9));
        Initializers.HeNormal(second, new DeterministicRandom(9));
        Initializers.HeNormal(single, new DeterministicRandom(9));

        Assert.Equal(first.AsSpan().ToArray(), second.AsSpan().ToArray());
        Assert.Equal(first.AsSpan().ToArray().Select(w => (float)w), single.AsSpan().ToArray());
    }

    /// <summary>Mean 0 and the given standard deviation, each within five standard errors.</summary>
    private static void AssertNormal<T>(Matrix<T> W, double standardDeviation)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        var values = W.AsSpan().ToArray().Select(double.CreateTruncating).ToArray();
        var n = values.Length;
        var mean = values.Average();
        var std = Math.Sqrt(values.Select(v => v * v).Average());

        Assert.InRange(mean, -5 * standardDeviation / Math.Sqrt(n), 5 * standardDeviation / Math.Sqrt(n));
        Assert.InRange(std / standardDeviation, 1 - (5 / Math.Sqrt(2.0 * n)), 1 + (5 / Math.Sqrt(2.0 * n)));
    }
}
