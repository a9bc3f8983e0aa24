namespace NetGen.Runtime.Tests;

/// <summary>The bfloat16 rounding and the single-example product on bfloat16 weights, against double references.</summary>
public class BFloat16DenseTests
{
    /// <summary>
    /// (n, k): rows around the block of eight (1, 7, 8, 9, 17), columns around the chunk of eight (1, 7, 8, 9, 33), a
    /// layer just under the split (128 × 784) and layers of at least 2¹⁷ weights, which are split over the workers
    /// (130 × 1009, 512 × 512).
    /// </summary>
    public static TheoryData<int, int> Shapes => new()
    {
        { 1, 1 },
        { 7, 9 },
        { 8, 8 },
        { 9, 7 },
        { 17, 33 },
        { 16, 1 },
        { 64, 128 },
        { 128, 784 },
        { 130, 1009 },
        { 512, 512 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_matches_the_product_of_the_rounded_weights(int n, int k)
    {
        var (W, b, x) = (Reference.Random<float>(n, k, 1), Reference.Random<float>(n, 1, 2), Reference.Random<float>(k, 1, 3));
        var layer = new BFloat16Dense(W.AsSpan(), b.AsSpan(), n, k);
        var z = new Matrix<float>(n, 1);
        z.Fill(float.NaN);

        layer.Forward(Padded(x, layer.PaddedColumns), z.AsSpan());

        var rounded = new Matrix<float>(n, k);
        for (var i = 0; i < W.Length; i++)
        {
            rounded.AsSpan()[i] = NearestBFloat16(W.AsSpan()[i]);
        }

        Reference.AssertClose(Reference.MultiplyAddBias(rounded, x, b), z, k + 1);
    }

    [Fact]
    public void A_row_gives_the_same_bits_whether_the_layer_is_split_over_the_workers_or_not()
    {
        const int n = 130, k = 1009;
        var layer = new BFloat16Dense(Reference.Random<float>(n, k, 4).AsSpan(), Reference.Random<float>(n, 1, 5).AsSpan(), n, k);
        var x = Padded(Reference.Random<float>(k, 1, 6), layer.PaddedColumns);
        var (split, alone) = (new float[n], new float[n]);

        layer.Forward(x, split);
        // Two predictions running keep every product on its caller's thread.
        WorkerPool.BeginPrediction();
        WorkerPool.BeginPrediction();
        try
        {
            layer.Forward(x, alone);
        }
        finally
        {
            WorkerPool.EndPrediction();
            WorkerPool.EndPrediction();
        }

        Assert.Equal(alone, split);
    }

    [Fact]
    public void Forward_refuses_spans_of_the_wrong_length_before_writing()
    {
        var layer = new BFloat16Dense(new float[3 * 5], new float[3], 3, 5);
        var z = new float[] { 7, 7, 7 };

        Assert.Throws<InvalidOperationException>(() => layer.Forward(new float[5], z)); // unpadded: 8 are read
        Assert.Throws<InvalidOperationException>(() => layer.Forward(new float[8], new float[2]));
        Assert.Equal([7f, 7f, 7f], z);
    }

    [Theory]
    [InlineData(1.0f, (ushort)0x3F80)]
    [InlineData(-2.0f, (ushort)0xC000)]
    [InlineData(1.00390625f, (ushort)0x3F80)] // 1 + 2⁻⁸, halfway between 1 and 1 + 2⁻⁷: ties to the even 1
    [InlineData(1.01171875f, (ushort)0x3F82)] // 1 + 3·2⁻⁸, halfway between 1 + 2⁻⁷ and 1 + 2⁻⁶: ties to the even 1 + 2⁻⁶
    [InlineData(1.0039064f, (ushort)0x3F81)] // the float just above the first tie: up
    [InlineData(float.MaxValue, (ushort)0x7F80)] // beyond the largest bfloat16: ∞, as a float rounds
    [InlineData(float.PositiveInfinity, (ushort)0x7F80)]
    [InlineData(float.NegativeInfinity, (ushort)0xFF80)]
    [InlineData(-0.0f, (ushort)0x8000)]
    [InlineData(1e-45f, (ushort)0x0000)] // the smallest subnormal rounds to zero
    public void Round_is_to_nearest_ties_to_even(float value, ushort expected) => Assert.Equal(expected, BFloat16.Round(value));

    [Theory]
    [InlineData(0x7FC00000u)]
    [InlineData(0x7F800001u)] // a NaN whose payload is all in the lower half: adding the rounding bias would carry it into ∞
    [InlineData(0xFFFFFFFFu)]
    public void Round_keeps_NaN(uint bits) =>
        Assert.True(float.IsNaN(BitConverter.UInt32BitsToSingle((uint)BFloat16.Round(BitConverter.UInt32BitsToSingle(bits)) << 16)));

    [Fact]
    public void Round_agrees_with_exact_rounding_on_random_floats()
    {
        var random = new Random(7);
        for (var i = 0; i < 100_000; i++)
        {
            var value = BitConverter.UInt32BitsToSingle((uint)random.NextInt64(0, 1L << 32));
            if (float.IsFinite(value))
            {
                Assert.Equal(NearestBFloat16(value), BitConverter.UInt32BitsToSingle((uint)BFloat16.Round(value) << 16));
            }
        }
    }

    /// <summary>x copied into <paramref name="length"/> elements, zeros after it.</summary>
    private static float[] Padded(Matrix<float> x, int length)
    {
        var padded = new float[length];
        x.AsSpan().CopyTo(padded);
        return padded;
    }

    /// <summary>
    /// The nearest float with 8 significant bits, ties to even, computed in double arithmetic (independently of the bit
    /// manipulation it checks); values past the largest bfloat16's halfway point to ∞ become ∞.
    /// </summary>
    private static float NearestBFloat16(float value)
    {
        if (value == 0 || !float.IsFinite(value))
        {
            return value;
        }

        // The spacing of 8-bit significands at this exponent; subnormal floats keep the smallest normal's spacing.
        var exponent = Math.Max(Math.ILogB((double)value), -126);
        var spacing = Math.ScaleB(1.0, exponent - 7);
        var rounded = Math.Round(value / spacing, MidpointRounding.ToEven) * spacing;
        return Math.Abs(rounded) >= Math.ScaleB(1.0, 128) ? (value > 0 ? float.PositiveInfinity : float.NegativeInfinity) : (float)rounded;
    }
}
