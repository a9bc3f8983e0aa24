using System.ComponentModel;
using System;

namespace NetGen.CompilerServices;

/// <summary>
/// A seeded random number generator whose sequence is the same on every machine and .NET version: xoshiro256**
/// (Blackman and Vigna) seeded through SplitMix64, using only integer arithmetic, IEEE square root and logarithm.
/// <see cref="Random"/> makes no such promise across versions.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DeterministicRandom
{
    private ulong s0, s1, s2, s3;
    private double? spareGaussian;

    /// <summary>Creates the generator for <paramref name="seed"/>.</summary>
    public DeterministicRandom(ulong seed)
    {
        // SplitMix64 spreads any seed, even 0, over the 256-bit state, which must not be all zero.
        s0 = SplitMix64(ref seed);
        s1 = SplitMix64(ref seed);
        s2 = SplitMix64(ref seed);
        s3 = SplitMix64(ref seed);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>A uniform number in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>), without modulo bias.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxExclusive"/> is not positive.</exception>
    public int NextInt32(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);

        // Lemire's multiply-and-reject: the high 32 bits of a 32 × 32-bit product, rejecting the few biased low parts.
        var range = (uint)maxExclusive;
        var threshold = (0u - range) % range;
        while (true)
        {
            var product = (ulong)(uint)(NextUInt64() >> 32) * range;
            if ((uint)product >= threshold)
            {
                return (int)(product >> 32);
            }
        }
    }

    /// <summary>A standard normal number (mean 0, variance 1), by Marsaglia's polar method.</summary>
    public double NextGaussian()
    {
        if (spareGaussian is { } spare)
        {
            spareGaussian = null;
            return spare;
        }

        double u, v, s;
        do
        {
            u = (2 * NextDouble()) - 1;
            v = (2 * NextDouble()) - 1;
            s = (u * u) + (v * v);
        }
        while (s >= 1 || s == 0);

        var factor = Math.Sqrt(-2 * PortableMath.Log(s) / s);
        spareGaussian = v * factor;
        return u * factor;
    }

    /// <summary>
    /// The generator's position, for checkpoints: the 256-bit state, and whether a Gaussian is held back (which only
    /// <see cref="NextGaussian"/> draws, so a generator that never drew one has none).
    /// </summary>
    internal (ulong S0, ulong S1, ulong S2, ulong S3) State
    {
        get => spareGaussian is null
            ? (s0, s1, s2, s3)
            : throw new InvalidOperationException("A generator holding a spare Gaussian has more state than its 256 bits.");
        set => (s0, s1, s2, s3, spareGaussian) = (value.S0, value.S1, value.S2, value.S3, null);
    }

    private static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
