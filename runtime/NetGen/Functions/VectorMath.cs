using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetGen.CompilerServices;

/// <summary>
/// Vectorized tanh and sigmoid for the activation operators and the logarithm of the cross-entropy, accurate to a few ulps (the bounds are measured in
/// docs/performance.md, "Activation functions"), written once for every width (<typeparamref name="TLanes"/>): a lane
/// gets the same bits in 256-bit and in 512-bit vectors. The float tanh, a rational function, is 2–4× faster than one
/// built on <see cref="Vector.Exp(Vector{float})"/>. Every function keeps NaN and maps ±∞ to the function's limits;
/// tanh keeps the sign of zero and is odd bit for bit. Multiply-adds are fused where the hardware has FMA and separate
/// where it has not (an emulated fused one is 20–60× slower); the float tanh takes Eigen's clamp for the evaluation the
/// hardware does.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>; the type tests on it are resolved when the JIT compiles for it.</typeparam>
/// <typeparam name="TVector">The vector type of <typeparamref name="TLanes"/>.</typeparam>
/// <typeparam name="TLanes">The width and its operations.</typeparam>
internal static class VectorMath<T, TVector, TLanes>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
    where TVector : struct
    where TLanes : struct, IElementwiseLanes<T, TVector>
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

    /// <summary>tanh x for each lane: <see cref="TanhRational"/> in float, <see cref="TanhCephes"/> in double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Tanh(TVector x) => typeof(T) == typeof(float) ? TanhRational(x) : TanhCephes(x);

    /// <summary>σ(x) = 1 / (1 + e^−x) for each lane: exactly 0 where e^−x overflows, exactly 1 where it underflows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Sigmoid(TVector x)
    {
        var one = TLanes.Create(T.One);
        return TLanes.Divide(one, TLanes.Add(one, Exp(TLanes.Negate(x))));
    }

    /// <summary>e^x for each lane: <see cref="ExpSingle"/> in float, <see cref="ExpDouble"/> in double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Exp(TVector x) => typeof(T) == typeof(float) ? ExpSingle(x) : ExpDouble(x);

    /// <summary>
    /// The float tanh: Eigen's 13/6-degree rational approximation x·p(x²) / q(x²) on |x| ≤ 7.9988 (7.9053 where the
    /// multiply-adds are not fused, Eigen's clamp for that evaluation; also in ONNX Runtime's MLAS and XLA), x itself
    /// for |x| &lt; 0.0004.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector TanhRational(TVector x)
    {
        var clamp = TLanes.FusesMultiplyAdd ? TanhClampFused : TanhClampUnfused;
        var clamped = TLanes.MinNative(TLanes.MaxNative(x, Constant(-clamp)), Constant(clamp));
        var x2 = TLanes.Multiply(clamped, clamped);

        var p = TLanes.Fma(x2, Constant(-2.76076847742355e-16f), Constant(2.00018790482477e-13f));
        p = TLanes.Fma(x2, p, Constant(-8.60467152213735e-11f));
        p = TLanes.Fma(x2, p, Constant(5.12229709037114e-08f));
        p = TLanes.Fma(x2, p, Constant(1.48572235717979e-05f));
        p = TLanes.Fma(x2, p, Constant(6.37261928875436e-04f));
        p = TLanes.Fma(x2, p, Constant(4.89352455891786e-03f));
        p = TLanes.Multiply(p, clamped);

        var q = TLanes.Fma(x2, Constant(1.19825839466702e-06f), Constant(1.18534705686654e-04f));
        q = TLanes.Fma(x2, q, Constant(2.26843463243900e-03f));
        q = TLanes.Fma(x2, q, Constant(4.89352518554385e-03f));

        // The comparison is false for NaN, so NaN (whatever the native clamp made of it) and ±0 come back as x.
        return TLanes.ConditionalSelect(TLanes.GreaterThanOrEqual(TLanes.Abs(x), Constant(TanhIdentityBound)), TLanes.Divide(p, q), x);
    }

    /// <summary>
    /// The double tanh, as Cephes computes it: |x| + |x|³ P(x²) / Q(x²) for |x| &lt; 0.625, else 1 − 2 / (e^2|x| + 1),
    /// with the sign of x put back.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector TanhCephes(TVector x)
    {
        // Working on |x| and copying the sign last makes the result odd bit for bit and keeps tanh(−0) = −0.
        var magnitude = TLanes.Abs(x);
        var one = TLanes.Create(T.One);

        // e^2|x| = ∞ gives exactly 1; NaN stays NaN.
        var exp = Exp(TLanes.Add(magnitude, magnitude));

        var x2 = TLanes.Multiply(magnitude, magnitude);
        var p = TLanes.Fma(x2, Constant(-9.64399179425052238628e-1), Constant(-9.92877231001918586564e1));
        p = TLanes.Fma(x2, p, Constant(-1.61468768441708447952e3));
        var q = TLanes.Add(x2, Constant(1.12811678491632931402e2));
        q = TLanes.Fma(x2, q, Constant(2.23548839060100448583e3));
        q = TLanes.Fma(x2, q, Constant(4.84406305325125486048e3));

        // Both branches end in a quotient, |x|³P/Q or 2/(e^2|x| + 1): choosing its operands first saves a division.
        var small = TLanes.LessThan(magnitude, Constant(TanhRationalBound));
        var quotient = TLanes.Divide(
            TLanes.ConditionalSelect(small, TLanes.Multiply(TLanes.Multiply(magnitude, x2), p), Constant(2.0)),
            TLanes.ConditionalSelect(small, q, TLanes.Add(exp, one)));
        var result = TLanes.ConditionalSelect(small, TLanes.Add(magnitude, quotient), TLanes.Subtract(one, quotient));
        return TLanes.CopySign(result, x);
    }

    /// <summary>
    /// The float e^x, Cephes' expf in registers (<see cref="Vector.Exp(Vector{float})"/> is a call that widens to
    /// double; this is 1.5× faster in σ): e^x = 2ⁿ · e^r with n = round(x / ln 2) and r = x − n ln 2 (ln 2 in two parts,
    /// so r is exact), e^r ≈ 1 + r + r² p(r) of degree 5 on |r| ≤ ln 2 / 2. 2ⁿ is applied as two powers of two, so that
    /// n from −150 to 128 (the subnormal results and the last binade before ∞) needs no special case: the products
    /// overflow to ∞ and underflow to 0 as e^x does. NaN stays NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector ExpSingle(TVector x)
    {
        // Beyond these e^x is ∞ or 0 whatever the input; the clamp keeps n within the two powers' range.
        var clamped = TLanes.MinNative(TLanes.MaxNative(x, Constant(-104f)), Constant(89f));
        var n = TLanes.Round(TLanes.Multiply(clamped, Constant(1.44269504088896341f)));
        var r = TLanes.Fma(n, Constant(-0.693359375f), clamped);
        r = TLanes.Fma(n, Constant(2.12194440e-4f), r);
        var p = TLanes.Fma(Constant(1.9875691500e-4f), r, Constant(1.3981999507e-3f));
        p = TLanes.Fma(p, r, Constant(8.3334519073e-3f));
        p = TLanes.Fma(p, r, Constant(4.1665795894e-2f));
        p = TLanes.Fma(p, r, Constant(1.6666665459e-1f));
        p = TLanes.Fma(p, r, Constant(5.0000001201e-1f));
        var expR = TLanes.Add(TLanes.Fma(p, TLanes.Multiply(r, r), r), TLanes.Create(T.One));
        return ScaleAndKeepNaN(x, expR, n);
    }

    /// <summary>
    /// The double e^x, built as <see cref="ExpSingle"/> is (with <see cref="Vector.Exp(Vector{double})"/>, a call, σ took
    /// 1.7× as long and was less accurate): n = round(x / ln 2), r = x − n ln 2 (Cephes' ln 2 in two parts), e^r by its
    /// Taylor polynomial of degree 13, whose remainder on |r| ≤ ln 2 / 2 is under 2⁻⁵⁷, and 2ⁿ as two powers of two, so
    /// that n from −1076 to 1024 (the subnormal results and the last binade before ∞) needs no special case.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector ExpDouble(TVector x)
    {
        // Beyond these e^x is ∞ or 0 whatever the input; the clamp keeps n within the two powers' range.
        var clamped = TLanes.MinNative(TLanes.MaxNative(x, Constant(-746.0)), Constant(710.0));
        var n = TLanes.Round(TLanes.Multiply(clamped, Constant(1.4426950408889634)));
        var r = TLanes.Fma(n, Constant(-6.93145751953125e-1), clamped);
        r = TLanes.Fma(n, Constant(-1.42860682030941723212e-6), r);

        // p(r) = Σ r^(k−2) / k! for k = 2 … 13, so that e^r = 1 + r + r² p(r); by Estrin's scheme (pairs, then pairs of
        // pairs), whose chain of dependent operations is a third of Horner's: one vector per loop iteration then keeps
        // the core busy instead of waiting.
        var r2 = TLanes.Multiply(r, r);
        var r4 = TLanes.Multiply(r2, r2);
        var p01 = TLanes.Fma(r, Constant(1.0 / 6), Constant(0.5));
        var p23 = TLanes.Fma(r, Constant(1.0 / 120), Constant(1.0 / 24));
        var p45 = TLanes.Fma(r, Constant(1.0 / 5040), Constant(1.0 / 720));
        var p67 = TLanes.Fma(r, Constant(1.0 / 362880), Constant(1.0 / 40320));
        var p89 = TLanes.Fma(r, Constant(1.0 / 39916800), Constant(1.0 / 3628800));
        var p1011 = TLanes.Fma(r, Constant(1.0 / 6227020800), Constant(1.0 / 479001600));
        var p0123 = TLanes.Fma(r2, p23, p01);
        var p4567 = TLanes.Fma(r2, p67, p45);
        var p891011 = TLanes.Fma(r2, p1011, p89);
        var p = TLanes.Fma(r4, TLanes.Fma(r4, p891011, p4567), p0123);
        var expR = TLanes.Add(TLanes.Fma(p, r2, r), TLanes.Create(T.One));
        return ScaleAndKeepNaN(x, expR, n);
    }

    /// <summary>e^r · 2ⁿ as e^r · 2^⌊n/2⌋ · 2^(n − ⌊n/2⌋), each power a normal number; NaN where x is NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector ScaleAndKeepNaN(TVector x, TVector expR, TVector n)
    {
        var half = TLanes.Floor(TLanes.Multiply(n, Constant(0.5)));
        var result = TLanes.Multiply(TLanes.Multiply(expR, TLanes.PowerOfTwo(half)), TLanes.PowerOfTwo(TLanes.Subtract(n, half)));
        return TLanes.ConditionalSelect(TLanes.Equals(x, x), result, x);
    }

    /// <summary>
    /// The natural logarithm of each lane of x in [½, 1] (or NaN, which stays NaN), within one unit in the last place:
    /// fdlibm's log (FreeBSD's e_log.c and e_logf.c) without its handling of 0, negatives, infinities, subnormals and
    /// exponents other than 0 and −1, which x in [½, 1] never needs. The logarithm is most of the work of
    /// <see cref="Losses.BinaryCrossEntropy{T}"/>, and this one costs less than <see cref="Vector.Log(Vector{float})"/>
    /// (docs/performance.md has the figures).
    /// </summary>
    /// <remarks>
    /// x = 2ᵏ (1 + f) with k = −1 below √½, else 0, so that 1 + f lies in [√½, √2]; then log(1 + f) = 2 atanh(s), where
    /// s = f / (2 + f), evaluated as f − f²/2 + s (f²/2 + R(s²)) with fdlibm's minimax polynomial R, and k log 2 is added
    /// in two parts, so that log 2 is exact to beyond the precision of the result.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector LogOfHalfToOne(TVector x)
    {
        var one = TLanes.Create(T.One);
        var below = TLanes.LessThan(x, Constant(0.70710678118654752));
        var k = TLanes.ConditionalSelect(below, TLanes.Negate(one), default);
        var f = TLanes.Subtract(TLanes.ConditionalSelect(below, TLanes.Add(x, x), x), one);
        var s = TLanes.Divide(f, TLanes.Add(Constant(2.0), f));
        var z = TLanes.Multiply(s, s);
        var w = TLanes.Multiply(z, z);
        TVector r, log2High, log2Low;
        if (typeof(T) == typeof(float))
        {
            // e_logf.c's polynomial, fitted for float to within 2⁻³⁴·²⁴: w (c₁ + w c₃) + z (c₀ + w c₂).
            r = TLanes.Add(
                TLanes.Multiply(w, TLanes.Add(Constant(0.40000972152f), TLanes.Multiply(w, Constant(0.24279078841f)))),
                TLanes.Multiply(z, TLanes.Add(Constant(0.66666662693f), TLanes.Multiply(w, Constant(0.28498786688f)))));
            (log2High, log2Low) = (Constant(6.9313812256e-01f), Constant(9.0580006145e-06f));
        }
        else
        {
            // e_log.c's polynomial, fitted for double to within 2⁻⁵⁸·⁴⁵: w (c₁ + w (c₃ + w c₅)) + z (c₀ + w (c₂ + w (c₄ + w c₆))).
            var odd = TLanes.Add(Constant(2.222219843214978396e-01), TLanes.Multiply(w, Constant(1.531383769920937332e-01)));
            odd = TLanes.Multiply(w, TLanes.Add(Constant(3.999999999940941908e-01), TLanes.Multiply(w, odd)));
            var even = TLanes.Add(Constant(1.818357216161805012e-01), TLanes.Multiply(w, Constant(1.479819860511658591e-01)));
            even = TLanes.Add(Constant(2.857142874366239149e-01), TLanes.Multiply(w, even));
            even = TLanes.Multiply(z, TLanes.Add(Constant(6.666666666666735130e-01), TLanes.Multiply(w, even)));
            r = TLanes.Add(odd, even);
            (log2High, log2Low) = (Constant(6.93147180369123816490e-01), Constant(1.90821492927058770002e-10));
        }

        // k log2High − ((f²/2 − (s (f²/2 + R) + k log2Low)) − f), in this order.
        var halfSquare = TLanes.Multiply(TLanes.Multiply(Constant(0.5), f), f);
        var correction = TLanes.Add(TLanes.Multiply(s, TLanes.Add(halfSquare, r)), TLanes.Multiply(k, log2Low));
        return TLanes.Subtract(TLanes.Multiply(k, log2High), TLanes.Subtract(TLanes.Subtract(halfSquare, correction), f));
    }

    /// <summary>A float constant in every lane (in a double lane, the float's value).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Constant(float value) => TLanes.Create(T.CreateTruncating(value));

    /// <summary>A double constant in every lane, rounded to <typeparamref name="T"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Constant(double value) => TLanes.Create(T.CreateTruncating(value));
}
