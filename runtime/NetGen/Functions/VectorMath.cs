using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace NetGen.CompilerServices;

/// <summary>
/// Vectorized tanh and sigmoid for the activation operators, accurate to a few ulps (the bounds are measured in
/// docs/performance.md, "Activation functions"); the float tanh, a rational function, is 2–4× faster than one built on
/// <see cref="Vector.Exp(Vector{float})"/>. Every function keeps NaN and maps ±∞ to the function's limits; tanh keeps
/// the sign of zero and is odd bit for bit. Multiply-adds are fused where the hardware has FMA and separate where it has
/// not (<see cref="Vector.MultiplyAddEstimate(Vector{float}, Vector{float}, Vector{float})"/>; an emulated fused one is
/// 20–60× slower); the float tanh takes Eigen's clamp for the evaluation the hardware does.
/// </summary>
internal static class VectorMath
{
    // tanh(x) rounds to ±1 in float beyond |x| ≈ 9.01; Eigen clamps at the smallest x where this rational gives exactly
    // 1, which depends on whether its multiply-adds are fused.
    private const float TanhClampFused = 7.99881172180175781f;
    private const float TanhClampUnfused = 7.90531110763549805f;

    // Below it x is within an ulp of tanh x, closer than the rational (whose α₁/β₀ is 1 − 1.3e-7), whose products
    // would also underflow for tiny x.
    private const float TanhIdentityBound = 0.0004f;

    // Below it Cephes' rational; above it e^2|x| has no cancellation to fear.
    private const double TanhRationalBound = 0.625;

    /// <summary>Whether <see cref="Vector.MultiplyAddEstimate(Vector{float}, Vector{float}, Vector{float})"/> rounds once here (FMA, or ARM64).</summary>
    private static bool MultiplyAddFuses => Fma.IsSupported || AdvSimd.Arm64.IsSupported;

    /// <summary>
    /// tanh x for each lane: Eigen's 13/6-degree rational approximation x·p(x²) / q(x²) on |x| ≤ 7.9988 (7.9053 where
    /// the multiply-adds are not fused, Eigen's clamp for that evaluation; also in ONNX Runtime's MLAS and XLA), x itself
    /// for |x| &lt; 0.0004.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Tanh(Vector<float> x)
    {
        var clamp = MultiplyAddFuses ? TanhClampFused : TanhClampUnfused;
        var clamped = Vector.MinNative(Vector.MaxNative(x, new Vector<float>(-clamp)), new Vector<float>(clamp));
        var x2 = clamped * clamped;

        var p = Vector.MultiplyAddEstimate(x2, new Vector<float>(-2.76076847742355e-16f), new Vector<float>(2.00018790482477e-13f));
        p = Vector.MultiplyAddEstimate(x2, p, new Vector<float>(-8.60467152213735e-11f));
        p = Vector.MultiplyAddEstimate(x2, p, new Vector<float>(5.12229709037114e-08f));
        p = Vector.MultiplyAddEstimate(x2, p, new Vector<float>(1.48572235717979e-05f));
        p = Vector.MultiplyAddEstimate(x2, p, new Vector<float>(6.37261928875436e-04f));
        p = Vector.MultiplyAddEstimate(x2, p, new Vector<float>(4.89352455891786e-03f));
        p *= clamped;

        var q = Vector.MultiplyAddEstimate(x2, new Vector<float>(1.19825839466702e-06f), new Vector<float>(1.18534705686654e-04f));
        q = Vector.MultiplyAddEstimate(x2, q, new Vector<float>(2.26843463243900e-03f));
        q = Vector.MultiplyAddEstimate(x2, q, new Vector<float>(4.89352518554385e-03f));

        // The comparison is false for NaN, so NaN (whatever the native clamp made of it) and ±0 come back as x.
        return Vector.ConditionalSelect(Vector.GreaterThanOrEqual(Vector.Abs(x), new Vector<float>(TanhIdentityBound)), p / q, x);
    }

    /// <summary>
    /// tanh x for each lane, as Cephes computes it: |x| + |x|³ P(x²) / Q(x²) for |x| &lt; 0.625, else 1 − 2 / (e^2|x| + 1),
    /// with the sign of x put back.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Tanh(Vector<double> x)
    {
        // Working on |x| and copying the sign last makes the result odd bit for bit and keeps tanh(−0) = −0.
        var magnitude = Vector.Abs(x);

        // e^2|x| = ∞ gives exactly 1; NaN stays NaN.
        var exp = Exp(magnitude + magnitude);

        var x2 = magnitude * magnitude;
        var p = Vector.MultiplyAddEstimate(x2, new Vector<double>(-9.64399179425052238628e-1), new Vector<double>(-9.92877231001918586564e1));
        p = Vector.MultiplyAddEstimate(x2, p, new Vector<double>(-1.61468768441708447952e3));
        var q = x2 + new Vector<double>(1.12811678491632931402e2);
        q = Vector.MultiplyAddEstimate(x2, q, new Vector<double>(2.23548839060100448583e3));
        q = Vector.MultiplyAddEstimate(x2, q, new Vector<double>(4.84406305325125486048e3));

        // Both branches end in a quotient, |x|³P/Q or 2/(e^2|x| + 1): choosing its operands first saves a division.
        var small = Vector.LessThan(magnitude, new Vector<double>(TanhRationalBound));
        var quotient = Vector.ConditionalSelect(small, magnitude * x2 * p, new Vector<double>(2))
            / Vector.ConditionalSelect(small, q, exp + Vector<double>.One);
        var result = Vector.ConditionalSelect(small, magnitude + quotient, Vector<double>.One - quotient);
        return Vector.CopySign(result, x);
    }

    /// <summary>σ(x) = 1 / (1 + e^−x) for each lane: exactly 0 where e^−x overflows, exactly 1 where it underflows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Sigmoid(Vector<float> x) => Vector<float>.One / (Vector<float>.One + Exp(-x));

    /// <summary>
    /// e^x for each lane, Cephes' expf in registers (<see cref="Vector.Exp(Vector{float})"/> is a call that widens to
    /// double; this is 1.5× faster in σ): e^x = 2ⁿ · e^r with n = round(x / ln 2) and r = x − n ln 2 (ln 2 in two parts,
    /// so r is exact), e^r ≈ 1 + r + r² p(r) of degree 5 on |r| ≤ ln 2 / 2. 2ⁿ is applied as two powers of two built in
    /// the exponent field, so that n from −150 to 128 (the subnormal results and the last binade before ∞) needs no
    /// special case: the products overflow to ∞ and underflow to 0 as e^x does. NaN stays NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Exp(Vector<float> x)
    {
        // Beyond these e^x is ∞ or 0 whatever the input; the clamp keeps n within the two powers' range.
        var clamped = Vector.MinNative(Vector.MaxNative(x, new Vector<float>(-104f)), new Vector<float>(89f));
        var n = Vector.Round(clamped * new Vector<float>(1.44269504088896341f));
        var r = Vector.MultiplyAddEstimate(n, new Vector<float>(-0.693359375f), clamped);
        r = Vector.MultiplyAddEstimate(n, new Vector<float>(2.12194440e-4f), r);
        var p = Vector.MultiplyAddEstimate(new Vector<float>(1.9875691500e-4f), r, new Vector<float>(1.3981999507e-3f));
        p = Vector.MultiplyAddEstimate(p, r, new Vector<float>(8.3334519073e-3f));
        p = Vector.MultiplyAddEstimate(p, r, new Vector<float>(4.1665795894e-2f));
        p = Vector.MultiplyAddEstimate(p, r, new Vector<float>(1.6666665459e-1f));
        p = Vector.MultiplyAddEstimate(p, r, new Vector<float>(5.0000001201e-1f));
        var expR = Vector.MultiplyAddEstimate(p, r * r, r) + Vector<float>.One;
        var whole = Vector.ConvertToInt32Native(n);
        var half = whole >> 1;
        var result = expR * PowerOfTwo(half) * PowerOfTwo(whole - half);
        return Vector.ConditionalSelect(Vector.Equals(x, x), result, x);

        // 2^k for −126 ≤ k ≤ 127, as a float's exponent field.
        static Vector<float> PowerOfTwo(Vector<int> k) => Vector.AsVectorSingle((k + new Vector<int>(127)) << 23);
    }

    /// <summary>σ(x) = 1 / (1 + e^−x) for each lane: exactly 0 where e^−x overflows, exactly 1 where it underflows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Sigmoid(Vector<double> x) => Vector<double>.One / (Vector<double>.One + Exp(-x));

    /// <summary>
    /// e^x for each lane, as <see cref="Exp(Vector{float})"/> builds it (with <see cref="Vector.Exp(Vector{double})"/>,
    /// a call, σ took 1.7× as long and was less accurate): n = round(x / ln 2), r = x − n ln 2 (Cephes' ln 2 in two
    /// parts), e^r by its Taylor polynomial of degree 13, whose remainder on |r| ≤ ln 2 / 2 is under 2⁻⁵⁷, and 2ⁿ as two
    /// powers of two, so that n from −1076 to 1024 (the subnormal results and the last binade before ∞) needs no special case.
    /// AVX2 has no double-to-long conversion: each power's exponent field is read off the bits of k + 1.5·2⁵² + 1023,
    /// whose low bits hold 1023 + k.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Exp(Vector<double> x)
    {
        // Beyond these e^x is ∞ or 0 whatever the input; the clamp keeps n within the two powers' range.
        var clamped = Vector.MinNative(Vector.MaxNative(x, new Vector<double>(-746)), new Vector<double>(710));
        var n = Vector.Round(clamped * new Vector<double>(1.4426950408889634));
        var r = Vector.MultiplyAddEstimate(n, new Vector<double>(-6.93145751953125e-1), clamped);
        r = Vector.MultiplyAddEstimate(n, new Vector<double>(-1.42860682030941723212e-6), r);

        // p(r) = Σ r^(k−2) / k! for k = 2 … 13, so that e^r = 1 + r + r² p(r); by Estrin's scheme (pairs, then pairs of
        // pairs), whose chain of dependent operations is a third of Horner's: one vector per loop iteration then keeps
        // the core busy instead of waiting.
        var r2 = r * r;
        var r4 = r2 * r2;
        var p01 = Vector.MultiplyAddEstimate(r, new Vector<double>(1.0 / 6), new Vector<double>(0.5));
        var p23 = Vector.MultiplyAddEstimate(r, new Vector<double>(1.0 / 120), new Vector<double>(1.0 / 24));
        var p45 = Vector.MultiplyAddEstimate(r, new Vector<double>(1.0 / 5040), new Vector<double>(1.0 / 720));
        var p67 = Vector.MultiplyAddEstimate(r, new Vector<double>(1.0 / 362880), new Vector<double>(1.0 / 40320));
        var p89 = Vector.MultiplyAddEstimate(r, new Vector<double>(1.0 / 39916800), new Vector<double>(1.0 / 3628800));
        var p1011 = Vector.MultiplyAddEstimate(r, new Vector<double>(1.0 / 6227020800), new Vector<double>(1.0 / 479001600));
        var p0123 = Vector.MultiplyAddEstimate(r2, p23, p01);
        var p4567 = Vector.MultiplyAddEstimate(r2, p67, p45);
        var p891011 = Vector.MultiplyAddEstimate(r2, p1011, p89);
        var p = Vector.MultiplyAddEstimate(r4, Vector.MultiplyAddEstimate(r4, p891011, p4567), p0123);
        var expR = Vector.MultiplyAddEstimate(p, r2, r) + Vector<double>.One;
        var half = Vector.Floor(n * new Vector<double>(0.5));
        var result = expR * PowerOfTwo(half) * PowerOfTwo(n - half);
        return Vector.ConditionalSelect(Vector.Equals(x, x), result, x);

        // 2^k for −1022 ≤ k ≤ 1023 (k a whole number), as a double's exponent field.
        static Vector<double> PowerOfTwo(Vector<double> k) =>
            Vector.AsVectorDouble(Vector.AsVectorInt64(k + new Vector<double>(6755399441055744.0 + 1023)) << 52);
    }

    /// <summary><see cref="Tanh(Vector{float})"/> or <see cref="Tanh(Vector{double})"/>, chosen when the JIT specializes <typeparamref name="T"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Tanh<T>(Vector<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        typeof(T) == typeof(float)
            ? Tanh(x.As<T, float>()).As<float, T>()
            : Tanh(x.As<T, double>()).As<double, T>();

    /// <summary><see cref="Sigmoid(Vector{float})"/> or <see cref="Sigmoid(Vector{double})"/>, chosen when the JIT specializes <typeparamref name="T"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Sigmoid<T>(Vector<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        typeof(T) == typeof(float)
            ? Sigmoid(x.As<T, float>()).As<float, T>()
            : Sigmoid(x.As<T, double>()).As<double, T>();
}
