using System.Numerics;
using System.Runtime.Intrinsics;

namespace NetGen.Runtime.Tests;

/// <summary>
/// The vectorized tanh and sigmoid against references far more precise than they are, in ulps of the exact value: the
/// bounds are the maxima measured over far larger sweeps (docs/performance.md, "Activation functions"), rounded up.
/// </summary>
public class VectorMathTests
{
    private const double FloatTanhUlps = 4.9;
    private const double UnfusedFloatTanhUlps = 6.9; // with separate multiplies and adds (no FMA)
    private const double DoubleTanhUlps = 1.4;
    private const double FloatSigmoidUlps = 3.7;
    private const double DoubleSigmoidUlps = 2.0;

    // The largest x with e^−x finite: below it σ is exactly 0 (the exact value is subnormal, under 3e-39 and 5e-309).
    private const float FloatExpLimit = 88.72283f;
    private const double DoubleExpLimit = 709.782712893384;

    [Fact]
    public void Float_tanh_is_within_its_bound_of_the_exact_value()
    {
        var inputs = FloatInputs(10f);

        var actual = Apply(inputs, Tanh);

        var worst = inputs.Select((x, i) => FloatUlps(actual[i], Math.Tanh(x))).Max();
        var fused = System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.Arm64.IsSupported;
        Assert.InRange(worst, 0, fused ? FloatTanhUlps : UnfusedFloatTanhUlps);
    }

    /// <summary>
    /// Bit for bit Eigen's generic_fast_tanh_float (Eigen/src/Core/MathFunctionsImpl.h, 3.4) as it runs on this
    /// hardware: with FMA, or with separate multiplies and adds and Eigen's clamp for them (the runtime's tests run
    /// both ways: .ci/run repeats them with AVX2, and so FMA, turned off). A constant one float off moves results by an
    /// ulp or two, which no error bound can see.
    /// </summary>
    [Fact]
    public void Float_tanh_is_Eigens_rational_as_evaluated_on_this_hardware()
    {
        var fused = System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.Arm64.IsSupported;
        float MultiplyAdd(float a, float b, float c) => fused ? MathF.FusedMultiplyAdd(a, b, c) : (a * b) + c;
        float Eigen(float a)
        {
            var clamp = fused ? 7.99881172180175781f : 7.90531110763549805f;
            var x = Math.Clamp(a, -clamp, clamp);
            var x2 = x * x;
            var p = MultiplyAdd(x2, -2.76076847742355e-16f, 2.00018790482477e-13f);
            p = MultiplyAdd(x2, p, -8.60467152213735e-11f);
            p = MultiplyAdd(x2, p, 5.12229709037114e-08f);
            p = MultiplyAdd(x2, p, 1.48572235717979e-05f);
            p = MultiplyAdd(x2, p, 6.37261928875436e-04f);
            p = MultiplyAdd(x2, p, 4.89352455891786e-03f);
            p *= x;
            var q = MultiplyAdd(x2, 1.19825839466702e-06f, 1.18534705686654e-04f);
            q = MultiplyAdd(x2, q, 2.26843463243900e-03f);
            q = MultiplyAdd(x2, q, 4.89352518554385e-03f);
            return MathF.Abs(a) < 0.0004f ? a : p / q;
        }

        var inputs = FloatInputs(10f);

        Assert.Equal(Bits([.. inputs.Select(Eigen)]), Bits(Apply(inputs, Tanh)));
    }

    [Fact]
    public void Double_tanh_is_within_its_bound_of_the_exact_value()
    {
        var inputs = DoubleInputs(seed: 1).Select(Math.Abs).ToArray();

        var actual = Apply(inputs, Tanh);

        var worst = inputs.Select((x, i) => Exact.Ulps(actual[i], Exact.Tanh(x))).Max();
        Assert.InRange(worst, 0, DoubleTanhUlps);
    }

    [Fact]
    public void Float_sigmoid_is_within_its_bound_of_the_exact_value_and_zero_where_exp_overflows()
    {
        var inputs = FloatInputs(100f);

        var actual = Apply(inputs, Sigmoid);

        // 1 / (1 + e^−x) in double is within 2⁻⁵⁰ of σ: nothing next to a float ulp.
        var ulps = inputs.Select((x, i) => x >= -FloatExpLimit ? FloatUlps(actual[i], 1 / (1 + Math.Exp(-(double)x))) : 0).Max();
        Assert.InRange(ulps, 0, FloatSigmoidUlps);
        Assert.Empty(inputs.Where((x, i) => x < -FloatExpLimit && actual[i] != 0f));
    }

    [Fact]
    public void Double_sigmoid_is_within_its_bound_of_the_exact_value_and_zero_where_exp_overflows()
    {
        // Out to −745, where σ falls below the smallest subnormal.
        var inputs = DoubleInputs(seed: 2).Concat(DoubleInputs(seed: 3).Select(x => 20 * x)).Concat(Enumerable.Range(0, 1000).Select(i => -700 - (0.045 * i))).ToArray();

        var actual = Apply(inputs, Sigmoid);

        var ulps = inputs.Select((x, i) => x >= -DoubleExpLimit ? Exact.Ulps(actual[i], Exact.Sigmoid(x)) : 0).Max();
        Assert.InRange(ulps, 0, DoubleSigmoidUlps);
        Assert.Empty(inputs.Where((x, i) => x < -DoubleExpLimit && actual[i] != 0));
    }

    [Fact]
    public void Tanh_keeps_the_sign_of_zero_and_NaN_and_saturates_at_one()
    {
        float[] floats = [0f, -0f, float.Epsilon, -float.Epsilon, float.PositiveInfinity, float.NegativeInfinity, float.MaxValue, -float.MaxValue, 1e30f, -9.02f, float.NaN];
        double[] doubles = [0, -0.0, double.Epsilon, -double.Epsilon, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, -double.MaxValue, 1e300, -19.1, double.NaN];

        Assert.Equal(Bits([0f, -0f, float.Epsilon, -float.Epsilon, 1, -1, 1, -1, 1, -1, float.NaN]), Bits(Apply(floats, Tanh)));
        Assert.Equal(Bits([0, -0.0, double.Epsilon, -double.Epsilon, 1, -1, 1, -1, 1, -1, double.NaN]), Bits(Apply(doubles, Tanh)));
    }

    [Fact]
    public void Sigmoid_is_exactly_zero_or_one_at_the_ends_and_keeps_NaN()
    {
        float[] floats = [0f, -0f, float.PositiveInfinity, float.NegativeInfinity, float.MaxValue, -float.MaxValue, 1e30f, -1e30f, 104f, -104f, float.NaN];
        double[] doubles = [0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, -double.MaxValue, 1e300, -1e300, 750, -750, double.NaN];

        Assert.Equal(Bits([0.5f, 0.5f, 1, 0, 1, 0, 1, 0, 1, 0, float.NaN]), Bits(Apply(floats, Sigmoid)));
        Assert.Equal(Bits([0.5, 0.5, 1, 0, 1, 0, 1, 0, 1, 0, double.NaN]), Bits(Apply(doubles, Sigmoid)));
    }

    [Fact]
    public void Tanh_is_odd_bit_for_bit()
    {
        var floats = FloatInputs(10f);
        var doubles = DoubleInputs(seed: 4);

        Assert.Equal(Bits(Apply(floats, Tanh)), Bits(Apply(floats.Select(x => -x).ToArray(), Tanh).Select(y => -y).ToArray()));
        Assert.Equal(Bits(Apply(doubles, Tanh)), Bits(Apply(doubles.Select(x => -x).ToArray(), Tanh).Select(y => -y).ToArray()));
    }

    /// <summary>
    /// The functions (and the cost's logarithm) are written once for every width: in 512-bit vectors (what the kernels
    /// run on AVX-512 hardware) a lane gets the same bits as in <see cref="Vector{T}"/>. Without FMA hardware Vector&lt;T&gt;'s multiply-adds round twice
    /// while Vector512's fused one is emulated exactly; the 512-bit results are then held to the fused bounds instead.
    /// </summary>
    [Fact]
    public void Every_width_gives_the_same_bits()
    {
        var floats = FloatInputs(100f);
        var doubles = DoubleInputs(seed: 5).Select(x => x * 40).ToArray();

        var wideFloatTanh = Apply512(floats, VectorMath<float, Vector512<float>, Lanes512<float>>.Tanh);
        var wideFloatSigmoid = Apply512(floats, VectorMath<float, Vector512<float>, Lanes512<float>>.Sigmoid);
        var wideDoubleTanh = Apply512(doubles, VectorMath<double, Vector512<double>, Lanes512<double>>.Tanh);
        var wideDoubleSigmoid = Apply512(doubles, VectorMath<double, Vector512<double>, Lanes512<double>>.Sigmoid);

        // The cost's logarithm has no multiply-adds: the same bits at every width on any hardware.
        var halfToOne = Enumerable.Range(0, 1 << 20).Select(i => 0.5f + (i / (float)(2 << 20))).Append(1f).ToArray();
        Assert.Equal(Bits(Apply(halfToOne, VectorMath<float, Vector<float>, VectorLanes<float>>.LogOfHalfToOne)), Bits(Apply512(halfToOne, VectorMath<float, Vector512<float>, Lanes512<float>>.LogOfHalfToOne)));
        var doublesHalfToOne = halfToOne.Select(x => (double)x + 1e-9).Where(x => x <= 1).ToArray();
        Assert.Equal(Bits(Apply(doublesHalfToOne, VectorMath<double, Vector<double>, VectorLanes<double>>.LogOfHalfToOne)), Bits(Apply512(doublesHalfToOne, VectorMath<double, Vector512<double>, Lanes512<double>>.LogOfHalfToOne)));

        if (VectorLanes<float>.FusesMultiplyAdd)
        {
            Assert.Equal(Bits(Apply(floats, Tanh)), Bits(wideFloatTanh));
            Assert.Equal(Bits(Apply(floats, Sigmoid)), Bits(wideFloatSigmoid));
            Assert.Equal(Bits(Apply(doubles, Tanh)), Bits(wideDoubleTanh));
            Assert.Equal(Bits(Apply(doubles, Sigmoid)), Bits(wideDoubleSigmoid));
        }
        else
        {
            Assert.InRange(floats.Select((x, i) => FloatUlps(wideFloatTanh[i], Math.Tanh(x))).Max(), 0, FloatTanhUlps);
            Assert.InRange(floats.Select((x, i) => x >= -FloatExpLimit ? FloatUlps(wideFloatSigmoid[i], 1 / (1 + Math.Exp(-(double)x))) : 0).Max(), 0, FloatSigmoidUlps);
            Assert.InRange(doubles.Select((x, i) => Exact.Ulps(Math.Abs(wideDoubleTanh[i]), Exact.Tanh(Math.Abs(x)))).Max(), 0, DoubleTanhUlps);
            Assert.InRange(doubles.Select((x, i) => x >= -DoubleExpLimit ? Exact.Ulps(wideDoubleSigmoid[i], Exact.Sigmoid(x)) : 0).Max(), 0, DoubleSigmoidUlps);
        }
    }

    /// <summary>
    /// A grid of 2²¹ points over [−limit, limit], every 257th float by bit pattern in [−limit, limit], random finite bit
    /// patterns, and every float around the points where the approximations change (0.0004, 0.625, the clamp 7.9988),
    /// where the functions round to their limits (tanh at 9.01, σ at 17.33), where σ turns subnormal and then 0, and
    /// among the subnormals.
    /// </summary>
    private static float[] FloatInputs(float limit)
    {
        const int GridPoints = 1 << 21;
        var random = new Random(7);
        var grid = Enumerable.Range(0, GridPoints + 1).Select(i => limit * ((2f * i / GridPoints) - 1));
        var patterns = Enumerable.Range(0, BitConverter.SingleToInt32Bits(limit) / 257).Select(i => BitConverter.Int32BitsToSingle(i * 257));
        var randomPatterns = Enumerable.Range(0, 100_000).Select(_ => BitConverter.Int32BitsToSingle(random.Next(int.MinValue, int.MaxValue)))
            .Where(float.IsFinite);
        var edges = new[] { 0.0004f, 0.625f, 7.99881172180175781f, 9.01f, 17.33f, 87.34f, FloatExpLimit, 1e-40f }
            .SelectMany(edge => Enumerable.Range(-2000, 4001).Select(i => BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(edge) + i)));
        return [.. grid, .. patterns, .. patterns.Select(x => -x), .. randomPatterns, .. edges, .. edges.Select(x => -x)];
    }

    /// <summary>Random doubles in [−20, 20] and near 0.625, and magnitudes from 2⁻⁶⁰ to 1.</summary>
    private static double[] DoubleInputs(int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, 6000).Select(i => (i % 3) switch
        {
            0 => 40 * (random.NextDouble() - 0.5),
            1 => 0.625 + ((random.NextDouble() - 0.5) / 10),
            _ => Math.ScaleB(1 + random.NextDouble(), -random.Next(1, 61)) * (random.Next(2) == 0 ? 1 : -1),
        })];
    }

    private static Vector<T> Tanh<T>(Vector<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => VectorMath<T, Vector<T>, VectorLanes<T>>.Tanh(x);

    private static Vector<T> Sigmoid<T>(Vector<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => VectorMath<T, Vector<T>, VectorLanes<T>>.Sigmoid(x);

    /// <summary>The function on <paramref name="inputs"/>, in vectors of <see cref="Vector{T}"/> (the last one zero-padded).</summary>
    private static T[] Apply<T>(T[] inputs, Func<Vector<T>, Vector<T>> function)
        where T : struct
    {
        var padded = new T[(inputs.Length + Vector<T>.Count - 1) / Vector<T>.Count * Vector<T>.Count];
        inputs.CopyTo(padded, 0);
        var result = new T[padded.Length];
        for (var i = 0; i < padded.Length; i += Vector<T>.Count)
        {
            function(new Vector<T>(padded, i)).CopyTo(result, i);
        }

        return result[..inputs.Length];
    }

    /// <summary>The function on <paramref name="inputs"/>, in 512-bit vectors (the last one zero-padded).</summary>
    private static T[] Apply512<T>(T[] inputs, Func<Vector512<T>, Vector512<T>> function)
        where T : struct
    {
        var padded = new T[(inputs.Length + Vector512<T>.Count - 1) / Vector512<T>.Count * Vector512<T>.Count];
        inputs.CopyTo(padded, 0);
        var result = new T[padded.Length];
        for (var i = 0; i < padded.Length; i += Vector512<T>.Count)
        {
            function(Vector512.Create(padded.AsSpan(i))).CopyTo(result, i);
        }

        return result[..inputs.Length];
    }

    // Any NaN is as good as another: its sign and payload are not promised. −1 is itself a NaN's bits, so no number maps to it.
    private static int[] Bits(float[] values) => [.. values.Select(v => float.IsNaN(v) ? -1 : BitConverter.SingleToInt32Bits(v))];

    private static long[] Bits(double[] values) => [.. values.Select(v => double.IsNaN(v) ? -1 : BitConverter.DoubleToInt64Bits(v))];

    /// <summary>|actual − exact| in ulps of floats in the binade of <paramref name="exact"/> (known to double precision).</summary>
    private static double FloatUlps(float actual, double exact)
    {
        if (float.IsNaN(actual) || (exact == 0 && actual != 0))
        {
            return double.PositiveInfinity;
        }

        var binade = exact == 0 ? -126 : Math.Max(Math.ILogB(exact), -126);
        return Math.Abs(actual - exact) / Math.ScaleB(1, binade - 23);
    }

    /// <summary>tanh and σ of a double as exact fractions to about 190 bits (BigInteger fixed point), to measure double results in ulps.</summary>
    private static class Exact
    {
        private const int FractionBits = 200;
        private static readonly BigInteger One = BigInteger.One << FractionBits;
        private static readonly BigInteger Ln2 = ComputeLn2();

        /// <summary>tanh x = (e^2x − 1) / (e^2x + 1), for x ≥ 0.</summary>
        public static (BigInteger Numerator, BigInteger Denominator) Tanh(double x)
        {
            var (mantissa, exponent) = Exp(2 * x);
            var e = mantissa << exponent; // exponent ≥ 0 since 2x ≥ 0
            return (e - One, e + One);
        }

        /// <summary>σ(x) = 1 / (1 + e^−x).</summary>
        public static (BigInteger Numerator, BigInteger Denominator) Sigmoid(double x)
        {
            var (mantissa, exponent) = Exp(-x);
            return exponent >= 0 ? (One, One + (mantissa << exponent)) : (One << -exponent, (One << -exponent) + mantissa);
        }

        /// <summary>|actual − n/d| in ulps of doubles in the binade of n/d &gt; 0.</summary>
        public static double Ulps(double actual, (BigInteger Numerator, BigInteger Denominator) exact)
        {
            var (n, d) = exact;
            var binade = (int)(n.GetBitLength() - d.GetBitLength());
            if (binade >= 0 ? n < (d << binade) : (n << -binade) < d)
            {
                binade--;
            }

            var ulpExponent = Math.Max(binade, -1022) - 52;

            // |actual − n/d| / 2^u = |actual·d − n| / (d·2^u); actual = m·2^e exactly, and both sides are scaled by 2^s to stay integers.
            var (m, e) = Split(actual);
            var s = Math.Max(0, -e);
            var difference = BigInteger.Abs((m * d << (e + s)) - (n << s));
            var power = s + ulpExponent;
            const int ExtraBits = 40;
            var quotient = power >= 0 ? (difference << ExtraBits) / (d << power) : (difference << (ExtraBits - power)) / d;
            return (double)quotient / Math.ScaleB(1, ExtraBits);
        }

        /// <summary>e^x = mantissa · 2^(exponent − FractionBits): x = k ln 2 + r, |r| ≤ ln 2 / 2, and e^r by its Taylor series.</summary>
        private static (BigInteger Mantissa, int Exponent) Exp(double x)
        {
            var (m, e) = Split(x);
            var k = (int)Math.Round(x / Math.Log(2));
            var r = (m << (e + FractionBits)) - (k * Ln2);
            BigInteger sum = One, term = One;
            for (var n = 1; !term.IsZero; n++)
            {
                term = (term * r >> FractionBits) / n;
                sum += term;
            }

            return (sum, k);
        }

        // ln 2 = Σ 1 / (k 2^k)
        private static BigInteger ComputeLn2()
        {
            var sum = BigInteger.Zero;
            for (var k = 1; k < FractionBits + 16; k++)
            {
                sum += (One >> k) / k;
            }

            return sum;
        }

        /// <summary>A finite double as m·2^e with m an integer.</summary>
        private static (BigInteger Mantissa, int Exponent) Split(double x)
        {
            var bits = BitConverter.DoubleToInt64Bits(x);
            var biased = (int)((bits >> 52) & 0x7FF);
            var mantissa = (bits & 0xFFFFFFFFFFFFFL) | (biased == 0 ? 0 : 1L << 52);
            return (x < 0 ? -(BigInteger)mantissa : mantissa, Math.Max(biased, 1) - 1075);
        }
    }
}
