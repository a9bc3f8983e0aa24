using System;

namespace NetGen.CompilerServices;

/// <summary>
/// The few elementary functions whose results must be bit-identical on every machine, built from IEEE 754 basic
/// operations only (which are exactly rounded everywhere). <see cref="Math.Log(double)"/> and
/// <see cref="Math.Pow"/> come from the platform's C library and may differ in the last bit between systems, which
/// would make "the same seed gives the same parameters" true on one machine only.
/// </summary>
internal static class PortableMath
{
    // ln 2 split so that e · Ln2High is exact for every exponent e of a double (fdlibm's constants).
    private const double Ln2High = 6.93147180369123816490e-01;
    private const double Ln2Low = 1.90821492927058770002e-10;

    /// <summary>
    /// The natural logarithm of a positive finite <paramref name="x"/>, within 2 ulps of the correctly rounded value: x = 2^e · r with r in
    /// [√½, √2), then ln r = 2 atanh(s) = 2 (s + s³/3 + s⁵/5 + …) with s = (r − 1) / (r + 1), |s| ≤ 0.172, summed
    /// until the terms fall below double precision.
    /// </summary>
    public static double Log(double x)
    {
        if (!(x > 0) || double.IsInfinity(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "The logarithm needs a positive finite number.");
        }

        var exponent = 0;
        if (x < double.Epsilon * (1L << 53))
        {
            x *= 1L << 54; // subnormal: scale into the normal range first
            exponent = -54;
        }

        var bits = BitConverter.DoubleToInt64Bits(x);
        exponent += (int)((bits >> 52) & 0x7FF) - 1023;
        var r = BitConverter.Int64BitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L); // in [1, 2)
        if (r > 1.4142135623730951)
        {
            r /= 2;
            exponent++;
        }

        var s = (r - 1) / (r + 1);
        var s2 = s * s;

        // 2 Σ s^(2k+1) / (2k+1) for k = 0..12: s^26 / 27 < 2^-70 relative to s, far below the last bit.
        var series = 1.0 / 25;
        for (var k = 11; k >= 0; k--)
        {
            series = (1.0 / ((2 * k) + 1)) + (s2 * series);
        }

        var logR = 2 * s * series;
        return (exponent * Ln2High) + ((exponent * Ln2Low) + logR);
    }

    /// <summary>b^n for n ≥ 0 by repeated squaring: multiplications only, so the same bits everywhere.</summary>
    public static double Power(double b, long n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var result = 1.0;
        for (var factor = b; n > 0; n >>= 1, factor *= factor)
        {
            if ((n & 1) != 0)
            {
                result *= factor;
            }
        }

        return result;
    }
}
