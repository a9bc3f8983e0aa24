using System.ComponentModel;
using System;
using System.Numerics;

namespace NetGen.CompilerServices;

/// <summary>Random initial weights, drawn in row-major order from a <see cref="DeterministicRandom"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Initializers
{
    /// <summary>He (Kaiming) normal: W ~ N(0, 2 / n[l-1]), for layers followed by ReLU.</summary>
    public static void HeNormal<T>(Matrix<T> W, DeterministicRandom random)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        FillNormal(W, random, Math.Sqrt(2.0 / W.Columns));

    /// <summary>Xavier/Glorot normal: W ~ N(0, 2 / (n[l-1] + n[l])), for layers followed by sigmoid or tanh.</summary>
    public static void XavierNormal<T>(Matrix<T> W, DeterministicRandom random)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        FillNormal(W, random, Math.Sqrt(2.0 / (W.Columns + W.Rows)));

    /// <summary>He (Kaiming) uniform: W ~ U(−√(6 / n[l-1]), √(6 / n[l-1])), the same variance as <see cref="HeNormal"/>.</summary>
    public static void HeUniform<T>(Matrix<T> W, DeterministicRandom random)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        FillUniform(W, random, Math.Sqrt(6.0 / W.Columns));

    /// <summary>Xavier/Glorot uniform: W ~ U(−√(6 / (n[l-1] + n[l])), √(6 / (n[l-1] + n[l]))).</summary>
    public static void XavierUniform<T>(Matrix<T> W, DeterministicRandom random)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        FillUniform(W, random, Math.Sqrt(6.0 / (W.Columns + W.Rows)));

    /// <summary>The textbook's randn · √(1 / n[l-1]) (LeCun normal): W ~ N(0, 1 / n[l-1]).</summary>
    public static void LeCunNormal<T>(Matrix<T> W, DeterministicRandom random)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        FillNormal(W, random, Math.Sqrt(1.0 / W.Columns));

    private static void FillUniform<T>(Matrix<T> W, DeterministicRandom random, double limit)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(random);
        foreach (ref var w in W.AsSpan())
        {
            w = T.CreateTruncating(((2 * random.NextDouble()) - 1) * limit);
        }
    }

    private static void FillNormal<T>(Matrix<T> W, DeterministicRandom random, double standardDeviation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(random);
        foreach (ref var w in W.AsSpan())
        {
            w = T.CreateTruncating(random.NextGaussian() * standardDeviation);
        }
    }
}
