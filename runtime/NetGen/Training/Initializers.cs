using System;
using System.Numerics;

namespace NetGen;

/// <summary>Random initial weights, drawn in row-major order from a <see cref="DeterministicRandom"/>.</summary>
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
