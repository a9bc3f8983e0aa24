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
