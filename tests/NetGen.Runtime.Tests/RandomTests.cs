namespace NetGen.Runtime.Tests;

public class RandomTests
{
    [Fact]
    public void Xoshiro256StarStar_seeded_by_SplitMix64_reproduces_the_reference_sequence()
    {
        // Computed with an independent implementation of the published algorithms (Blackman and Vigna); the state of
        // seed 0 is SplitMix64's well-known first outputs E220A8397B1DCDAF, 6E789E6AA1B965F4, 06C45D188009454F, F88BB8A8724C81EC.
        var zero = new DeterministicRandom(0);
        var fortyTwo = new DeterministicRandom(42);

        Assert.Equal([0x99EC5F36CB75F2B4, 0xBF6E1F784956452A, 0x1A5F849D4933E6E0, 0x6AA594F1262D2D2C], Next(zero, 4));
        Assert.Equal([0x15780B2E0C2EC716, 0x6104D9866D113A7E, 0xAE17533239E499A1, 0xECB8AD4703B360A1], Next(fortyTwo, 4));
    }

    [Fact]
    public void NextDouble_is_in_the_unit_interval_with_mean_one_half()
    {
        var random = new DeterministicRandom(1);
        var values = Enumerable.Range(0, 100_000).Select(_ => random.NextDouble()).ToArray();

        Assert.All(values, value => Assert.InRange(value, 0.0, Math.BitDecrement(1.0)));
        // The standard error of the mean is sqrt(1/12 / n) ≈ 0.0009; allow five of them.
        Assert.InRange(values.Average(), 0.5 - 0.0046, 0.5 + 0.0046);
    }

    [Fact]
    public void NextInt32_covers_its_range_uniformly()
    {
        var random = new DeterministicRandom(2);
        var counts = new int[7];
        for (var i = 0; i < 70_000; i++)
        {
            counts[random.NextInt32(7)]++;
        }

        // Each count is binomial(70000, 1/7): mean 10000, standard deviation ≈ 93; allow five.
        Assert.All(counts, count => Assert.InRange(count, 10_000 - 465, 10_000 + 465));
        Assert.Throws<ArgumentOutOfRangeException>(() => random.NextInt32(0));
    }

    [Fact]
    public void NextGaussian_has_mean_zero_and_variance_one()
    {
        var random = new DeterministicRandom(3);
        var values = Enumerable.Range(0, 100_000).Select(_ => random.NextGaussian()).ToArray();
        var mean = values.Average();
        var variance = values.Select(v => (v - mean) * (v - mean)).Average();
        var fourSigmaTails = values.Count(v => Math.Abs(v) > 4);

        // Standard errors: 1/sqrt(n) ≈ 0.0032 for the mean, sqrt(2/n) ≈ 0.0045 for the variance; allow five.
        Assert.InRange(mean, -0.016, 0.016);
        Assert.InRange(variance, 1 - 0.023, 1 + 0.023);
        // P(|x| > 4) ≈ 6.3e-5: about 6 of 100000.
        Assert.InRange(fourSigmaTails, 0, 25);
    }

    [Fact]
    public void The_same_seed_gives_the_same_sequence_and_another_seed_does_not()
    {
        Assert.Equal(Next(new DeterministicRandom(7), 8), Next(new DeterministicRandom(7), 8));
        Assert.NotEqual(Next(new DeterministicRandom(7), 8), Next(new DeterministicRandom(8), 8));
    }

    private static ulong[] Next(DeterministicRandom random, int count) =>
        Enumerable.Range(0, count).Select(_ => random.NextUInt64()).ToArray();
}
